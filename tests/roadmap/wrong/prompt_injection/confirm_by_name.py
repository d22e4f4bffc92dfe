"""Wrong: confirmation is asked only for the one side-effect tool the author knew of.

send_email waits for a yes; any other tool with a side effect (a refund, closing an
account) added later runs at once. The Tool's own side_effect flag is ignored.
"""

EXPECT = "not only for tools you know by name"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if tool["side_effect"] and confirm(call) is not True:
""",
        """\
    if call.name == "send_email" and confirm(call) is not True:
""",
    ),
]
