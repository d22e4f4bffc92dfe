"""Keep every page free of third-party requests.

mkdocs-jupyter's notebook template loads MathJax and Mermaid from CDNs (and can emit an
empty ``<script src>``). Our notebooks need neither, so their tags are removed here.
Anything else that points off-site is left in place for the tests to catch and name.
"""

from __future__ import annotations

import re

CDN_SCRIPTS = re.compile(
    r"<script\b[^>]*\bsrc=\"(?:|https?://[^\"]*(?:mathjax|require)[^\"]*)\"[^>]*>\s*</script>"
    r"|<script\b[^>]*>(?:(?!</script>).)*(?:MathJax\.Hub|mermaid)(?:(?!</script>).)*</script>",
    re.DOTALL | re.IGNORECASE,
)


def on_post_page(output, page, config):
    if page.file.src_uri.endswith(".ipynb"):
        output = CDN_SCRIPTS.sub("", output)
    return output
