"""The site's machinery: what builds, checks and serves the pages, apart from what they teach.

Diagram generators and the one SVG helper, build-time renderers over validated data
(timeline, source coverage), page-source rules, the notebook slimmer, and the
build-and-serve harness that the tests, ``make bench`` and ``make shots`` share. The
``hooks/`` files are thin shims over these modules. Nothing here imports ``tests`` or
``bench``; reader-facing code (``atlas.llm``, ``atlas.roadmap``, ...) never imports this.
"""
