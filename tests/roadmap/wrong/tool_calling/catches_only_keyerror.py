"""Wrong: execute catches only KeyError, the one failure the example tool shows.

A tool that fails any other way (ZeroDivisionError, ValueError) crashes the application.
"""

EXPECT = "catch every exception"
BASE = "atlas/roadmap/tool_calling/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    except Exception as error:  # the model, not the user, reads this and may retry
""",
        """\
    except KeyError as error:  # an order that does not exist
""",
    ),
    (
        """\
    return execute(call, tools)
""",
        """\
    return execute(call, tools)


""",
    ),
]
