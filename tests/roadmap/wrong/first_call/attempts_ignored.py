"""Wrong: extract_ticket() always tries twice, whatever `attempts` says."""

EXPECT = "attempts"
BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n',
    ),
    (
        """\
    for _ in range(attempts):
""",
        """\
    for _ in range(2):
""",
    ),
]
