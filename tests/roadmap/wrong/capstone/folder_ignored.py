"""Wrong: build_retriever always reads the sample documents, whatever folder it is given."""

EXPECT = "must read the folder it is given"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        [c for name, text in load_documents(folder).items() for c in chunk(name, text)]
""",
        """\
        [c for name, text in load_documents(DOCUMENTS).items() for c in chunk(name, text)]
""",
    ),
]
