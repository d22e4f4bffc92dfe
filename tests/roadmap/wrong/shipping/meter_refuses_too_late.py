"""Wrong: the meter refuses only once spending is *over* the limit, so a budget spent
exactly still allows another call.
"""

EXPECT = "spent == limit counts"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        if self.spent >= self.limit:
""",
        """\
        if self.spent > self.limit:
""",
    ),
]
