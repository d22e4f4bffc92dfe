"""Valid: a stricter budget that refuses a call before it would overspend.

Before each call the loop stops when the step budget is already used up, or when the
messages alone would pass the token budget; Budget.charge still counts every call made.
The check must accept stopping one call earlier than the reference does.
"""

BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        ]
""",
        """\
        ]
        if budget.steps >= budget.max_steps:
            return Result(None, f"step budget of {budget.max_steps} calls used up", transcript)
        about = budget.tokens + sum(estimate_tokens(m["content"]) for m in messages)
        if about > budget.max_tokens:
            return Result(None, f"token budget of {budget.max_tokens} would be passed", transcript)
""",
    ),
]
