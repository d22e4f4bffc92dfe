"""Wrong: a link is allowed when an allowed host appears anywhere in it.

"https://shop.example.evil.example/x" and "http://evil.example/?u=shop.example" both
contain "shop.example", so links and images to the attacker's server pass.
"""

EXPECT = "look-alike host"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        if urlsplit(url).hostname not in hosts:
""",
        """\
        if not any(host in url for host in hosts):
""",
    ),
]
