"""Valid: the assistant pointed at documents and eval cases of its own (a small library's
FAQ, in own_documents/), as the page invites: the check's sample tests still pass and
the release gate runs on these cases.
"""

BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
import atlas
""",
        "",
    ),
    (
        """\
from atlas.roadmap.retrieval.solution import DOCUMENTS as SAMPLE_DOCUMENTS
""",
        "",
    ),
    (
        """\
DOCUMENTS = SAMPLE_DOCUMENTS
CASES = Path(atlas.__file__).parent / "roadmap" / "capstone" / "cases.json"
""",
        """\
DOCUMENTS = Path(__file__).parent / "own_documents" / "documents"
CASES = Path(__file__).parent / "own_documents" / "cases.json"
""",
    ),
]
