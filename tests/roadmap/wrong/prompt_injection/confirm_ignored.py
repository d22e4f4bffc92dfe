"""Wrong: confirmation is asked, and the answer ignored.

The person is shown the call and says no; the tool runs anyway.
"""

EXPECT = "use what confirm returns"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if tool["side_effect"] and confirm(call) is not True:
        return f"Cancelled: {call.name} was not confirmed, so it did not run."
""",
        """\
    if tool["side_effect"]:
        confirm(call)  # shown to the person, who can see what happens
""",
    ),
]
