"""Wrong: the tool's result goes back to the model as bare text.

Documents are wrapped as data, but the result of a tool (which can hold text anyone
wrote: an order note, a web page, an email) reads as part of the conversation.
"""

EXPECT = "never as bare text"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        messages.append({"role": "user", "content": as_data(f"tool {call.name}", result)})
""",
        """\
        messages.append({"role": "user", "content": f"Result of {call.name}: {result}"})
""",
    ),
]
