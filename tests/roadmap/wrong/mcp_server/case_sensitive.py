"""Wrong: search_glossary matches terms only in the case GLOSSARY spells them.

'rag' or 'Llms' finds nothing, though the hint says any case.
"""

EXPECT = "any case"
BASE = "atlas/roadmap/mcp_server/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '        if re.search(rf"(?<![\\w-]){re.escape(term)}s?(?![\\w-])", text, re.IGNORECASE)\n',
        '        if re.search(rf"(?<![\\w-]){re.escape(term)}s?(?![\\w-])", text)\n',
    ),
    (
        """\
    build_server().run()  # stdio: connect it from any MCP host
""",
        """\
    build_server().run()  # stdio: connect it from any MCP host

""",
    ),
]
