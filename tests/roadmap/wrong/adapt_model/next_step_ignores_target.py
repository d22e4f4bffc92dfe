"""Wrong: next_step keeps recommending steps when the measured score already meets the
target, and never says stop.
"""

EXPECT = "the target is met"
BASE = "atlas/roadmap/adapt_model/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    """Step 3: None when the target is met; else the first fitting step not yet tried."""\n    if meets_target(s):\n',
        '    """Step 3: None when the target is met; else the first fitting step not yet tried."""\n    if meets_target(s) and s.score >= 0.95:\n',
    ),
]
