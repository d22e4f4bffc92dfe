"""Wrong: the documents are pasted into the system message, as instructions.

Whatever sits in the system message carries the application's authority: a planted
document there is an instruction from the developer, as far as the model can tell.
"""

EXPECT = "where it reads as an instruction"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        {"role": "system", "content": f"{SYSTEM}\\n{DATA_RULE}"},
        {"role": "user", "content": f"{sections}\\n{question}"},
""",
        """\
        {"role": "system", "content": f"{SYSTEM}\\n{DATA_RULE}\\nUse these:\\n{sections}"},
        {"role": "user", "content": question},
""",
    ),
]
