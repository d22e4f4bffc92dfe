"""Wrong: answer() cites every retrieved chunk, used or not.

Asked about refunds, it also cites shipping.md#0, which the reply never used.
"""

EXPECT = "cite only"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    tagged = set(re.findall(r"\\[([^\\[\\]]+)\\]", reply))\n',
        """\
""",
    ),
    (
        """\
    used = [c.id for c in found if c.id in tagged or any(s in c.text for s in sentences(text))]
""",
        """\
    used = [c.id for c in found]
""",
    ),
]
