"""Valid: stricter. A refused call ends the turn, and every "<" in data is escaped.

Instead of telling the model why a call was refused and letting it try again, the turn
stops with a fixed reply: nothing more is asked of a model that has just tried something
it may not do. Data sections escape every "<" and "&" in the text, not only the tags.
"""

BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    safe = re.sub(r"<(/?)data", r"&lt;\\1data", text, flags=re.IGNORECASE)
""",
        """\
    safe = text.replace("&", "&amp;").replace("<", "&lt;")
""",
    ),
    (
        """\
        except Refused as error:
            messages.append({"role": "user", "content": as_data("refusal", f"Refused: {error}")})
            continue
""",
        """\
        except Refused:
            return "I can't do that here."
""",
    ),
]
