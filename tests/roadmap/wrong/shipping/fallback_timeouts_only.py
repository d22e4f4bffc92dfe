"""Wrong: Fallback catches only timeouts and connection errors, so a primary that returns
bad data (ValueError) or a server error (RuntimeError) crashes the application.
"""

EXPECT = "any error of the primary"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        except Exception as error:
""",
        """\
        except (TimeoutError, ConnectionError) as error:
""",
    ),
]
