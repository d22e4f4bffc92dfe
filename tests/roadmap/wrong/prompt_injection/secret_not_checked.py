"""Wrong: the reply is checked for links, never for the secret.

A model talked into reading out its system prompt passes the secret straight on.
"""

EXPECT = "it holds the secret"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if _squeeze(secret) in _squeeze(reply):
        return WITHHELD
""",
        "",
    ),
]
