"""Wrong: a keyword filter instead of a data section the text cannot close.

It blanks documents that say "ignore previous instructions" and leaves everything else as
it is, so an attack worded any other way closes its section with its own "</data>" and
writes outside it, where it reads like the application's own words.
"""

EXPECT = "escape it"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    safe = re.sub(r"<(/?)data", r"&lt;\\1data", text, flags=re.IGNORECASE)
""",
        """\
    attack = re.search(r"ignore (all )?previous instructions", text, flags=re.IGNORECASE)
    safe = "[removed: looked like an attack]" if attack else text
""",
    ),
]
