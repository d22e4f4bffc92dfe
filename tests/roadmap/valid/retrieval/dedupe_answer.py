"""Valid: the third stretch goal, a sentence that overlap put in the answer twice is
shown once.
"""

BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    text = re.sub(r" {2,}", " ", re.sub(r"\\s*\\[[^\\[\\]]+\\]", "", reply)).strip()\n',
        '    text = re.sub(r" {2,}", " ", re.sub(r"\\s*\\[[^\\[\\]]+\\]", "", reply)).strip()\n    text = " ".join(dict.fromkeys(sentences(text))) or text  # each sentence once, in order\n',
    ),
]
