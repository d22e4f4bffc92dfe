"""Valid: the first stretch goal as the page words it.

A refused action becomes an observation ('that was refused because ...') the model can
react to; the third refusal stops the run. A refused action still never runs.
"""

BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    menu = "\\n".join(f"{name}: {function.__doc__}" for name, function in tools.items())\n',
        '    menu = "\\n".join(f"{name}: {function.__doc__}" for name, function in tools.items())\n    refusals = 0\n',
    ),
    (
        """\
            return Result(None, f"guardrail: {refusal}", transcript)
""",
        """\
            refusals += 1
            if refusals > 2:
                return Result(None, f"guardrail: {refusal}", transcript)
            transcript.append(f"Observation: that action was refused because {refusal}.")
            continue
""",
    ),
]
