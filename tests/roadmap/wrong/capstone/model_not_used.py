"""Wrong: ask answers with a fresh offline stand-in instead of the assistant's model, so the
model it was given (and the cache and meter around it) is never called.
"""

EXPECT = "answer through the model"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
from atlas.llm import ChatModel
""",
        """\
from atlas.llm import ChatModel, OfflineStandIn
""",
    ),
    (
        """\
        reply = answer(self.cache, self.retriever, question, k=2)
""",
        """\
        reply = answer(OfflineStandIn(), self.retriever, question, k=2)
""",
    ),
]
