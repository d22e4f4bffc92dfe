"""Wrong: run_eval() sends a fixed prompt of its own, not the prompt it is given."""

EXPECT = "send the prompt it is given"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return found / len(case.must_include)


""",
        '    return found / len(case.must_include)\n\n\nDEFAULT = "Answer from this context only.\\n{context}"\n\n\n',
    ),
    (
        """\
        score(model.complete(build_messages(prompt, case), temperature=0.0), case) for case in cases
""",
        """\
        score(model.complete(build_messages(DEFAULT, case), temperature=0.0), case)
        for case in cases
""",
    ),
]
