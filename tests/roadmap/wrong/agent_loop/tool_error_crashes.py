"""Wrong: a tool that raises crashes the whole run.

The loop has no try/except around the tool call, so one failing lookup ends the
application instead of becoming an observation the model can react to.
"""

EXPECT = "crashed"
BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        try:
            observation = tools[action.name](action.input)
        except Exception as error:
            observation = f"error: {error}"
""",
        """\
        observation = tools[action.name](action.input)
""",
    ),
    (
        """\
        transcript.append(f"Observation: {observation}")
""",
        """\
        transcript.append(f"Observation: {observation}")


""",
    ),
]
