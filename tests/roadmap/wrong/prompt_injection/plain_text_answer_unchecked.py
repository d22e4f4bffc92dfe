"""Wrong: only JSON answers are checked; a reply that is not JSON is passed on as it is.

The model's output is untrusted whatever its shape: a model that drops the JSON format
(told to by an attacker, or by accident) bypasses the output check.
"""

EXPECT = "JSON or not"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            return check_reply(answer if isinstance(answer, str) else reply, SECRET, ALLOWED_HOSTS)
""",
        """\
            if not isinstance(answer, str):
                return reply
            return check_reply(answer, SECRET, ALLOWED_HOSTS)
""",
    ),
]
