"""Wrong: answer() returns the tool's definitions and never calls the model.

With the extractive stand-in the two look the same (it copies the matching definition),
so only a model double that records its calls tells them apart.
"""

EXPECT = "never called the model"
BASE = "atlas/roadmap/mcp_server/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    return model.complete(\n        [\n            {"role": "system", "content": f"Answer with these definitions.\\n{definitions}"},\n            {"role": "user", "content": question},\n        ]\n    )\n',
        """\
    return definitions.splitlines()[0]  # the best definition is the answer
""",
    ),
    (
        """\
    build_server().run()  # stdio: connect it from any MCP host
""",
        """\
    build_server().run()  # stdio: connect it from any MCP host

""",
    ),
]
