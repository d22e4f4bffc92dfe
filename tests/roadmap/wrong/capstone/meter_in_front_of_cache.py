"""Wrong: the cost meter sits in front of the cache, so every repeated question is charged
although no model is called.
"""

EXPECT = "must cost nothing"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        self.meter = CostMeter(self.model, limit=self.cost_limit, input_price=1.0, output_price=4.0)
        self.cache = CachedModel(self.meter)
""",
        """\
        self.cache = CachedModel(self.model)
        self.meter = CostMeter(self.cache, limit=self.cost_limit, input_price=1.0, output_price=4.0)
""",
    ),
    (
        """\
        reply = answer(self.cache, self.retriever, question, k=2)
""",
        """\
        reply = answer(self.meter, self.retriever, question, k=2)
""",
    ),
]
