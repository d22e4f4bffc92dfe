"""Wrong: ask() never passes a temperature.

The model's own default (often 1.0) applies, so answers change from run to run. A test
double that defaults temperature to 0 cannot tell this apart from temperature=0.0.
"""

EXPECT = "temperature=0.0"
BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return model.complete(build_messages(context, question), temperature=0.0).strip()
""",
        """\
    return model.complete(build_messages(context, question)).strip()
""",
    ),
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n',
    ),
]
