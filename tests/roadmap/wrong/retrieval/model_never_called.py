"""Wrong: answer() never calls the model: it returns the best chunk's first sentence."""

EXPECT = "call model.complete"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    context = "\\n".join(f"[{c.id}] {c.text}" for c in found)\n    instructions = "Answer from the sources below and cite their [ids]."\n    reply = model.complete(\n        [\n            {"role": "system", "content": f"{instructions}\\n{context}"},\n            {"role": "user", "content": question},\n        ]\n    )\n',
        """\
    reply = f"{sentences(found[0].text)[0]} [{found[0].id}]"
""",
    ),
]
