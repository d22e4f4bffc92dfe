"""Wrong: load_cases() names the line of a missing field but not of broken JSON.

json.loads raises its own error, which says 'line 1 column ...' of the one line it saw.
"""

EXPECT = "name the line number"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            continue
""",
        """\
            continue
        raw = json.loads(line)
""",
    ),
    (
        """\
            raw = json.loads(line)
""",
        """\
""",
    ),
    (
        """\
        except (json.JSONDecodeError, KeyError, TypeError) as error:
""",
        """\
        except (KeyError, TypeError) as error:
""",
    ),
]
