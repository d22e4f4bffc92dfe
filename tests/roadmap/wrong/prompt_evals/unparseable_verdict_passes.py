"""Wrong: judge() counts a reply it cannot read as a pass.

`is not False` lets None through: every reply with no clear verdict (prose, a cut-off
object, "passed") becomes a pass, so a broken judge looks lenient instead of broken.
"""

EXPECT = "not a pass"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return parse_verdict(reply) is True
""",
        """\
    return parse_verdict(reply) is not False
""",
    ),
]
