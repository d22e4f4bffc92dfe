"""Wrong: the tool name is checked, the arguments are not.

An allowed tool called with arguments its schema forbids (an address outside the
company, a refund over the limit, an extra argument) goes straight through.
"""

EXPECT = "tool's JSON Schema"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    errors = sorted(Draft202012Validator(tools[name]["parameters"]).iter_errors(arguments), key=str)
    if errors:
        raise Refused(f"{name}: the arguments do not match its schema: {errors[0].message}")
""",
        """\
    Draft202012Validator.check_schema(tools[name]["parameters"])  # the schema itself is fine
""",
    ),
]
