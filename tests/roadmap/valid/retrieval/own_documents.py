"""Valid: DOCUMENTS points at the learner's own notes, as the page invites.

The notes are in own_documents/ next to this file; for a learner they would be in
work/retrieval_documents/, next to work/retrieval.py.
"""

BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
import atlas
""",
        "",
    ),
    (
        """\
# Found through the package, so this also works when the code is pasted elsewhere.
DOCUMENTS = Path(atlas.__file__).parent / "roadmap" / "retrieval" / "documents"
""",
        """\
DOCUMENTS = Path(__file__).parent / "own_documents"
""",
    ),
]
