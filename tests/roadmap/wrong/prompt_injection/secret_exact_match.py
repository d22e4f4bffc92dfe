"""Wrong: the secret is looked for exactly as written.

"kiwi-2048" or "K I W I 2 0 4 8" gets through: a model asked to spell the secret out,
or to write it in lower case, leaks it past the check.
"""

EXPECT = "in lower case"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if _squeeze(secret) in _squeeze(reply):
""",
        """\
    if secret in reply:
""",
    ),
]
