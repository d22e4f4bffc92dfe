"""Where a strict build spends its time: run one build in this process and time every
plugin's and hook's event methods (MkDocs' PluginCollection.run_event).

Usage: python -m bench.buildprofile PROJECT SITE_DIR   prints one JSON object:
{"imports": s, "config": s, "build": s, "plugins": {"search": s, "hooks/x.py": s, ...}}
The notebook's execution is inside "mkdocs-jupyter", git dates inside
"git-revision-date-localized"; "build" minus the plugins is Markdown, templates and writing.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict

START = time.perf_counter()


def main(project: str, site_dir: str) -> None:
    os.chdir(project)
    sys.path.insert(0, project)
    from mkdocs import plugins
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    imported = time.perf_counter()
    spent: dict[str, float] = defaultdict(float)
    original = plugins.PluginCollection.run_event

    def run_event(self, name, item=None, **kwargs):
        pass_item = item is not None
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            began = time.perf_counter()
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            spent[origin] += time.perf_counter() - began
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    plugins.PluginCollection.run_event = run_event
    try:  # the notebook is converted (and executed) when its page renders, not in an event
        from mkdocs_jupyter import convert

        nb2html = convert.nb2html

        def timed_nb2html(*args, **kwargs):
            began = time.perf_counter()
            try:
                return nb2html(*args, **kwargs)
            finally:
                spent["notebook (nb2html, at page render)"] += time.perf_counter() - began

        convert.nb2html = timed_nb2html
    except ImportError:
        pass
    try:
        config = load_config("mkdocs.yml", strict=True, site_dir=site_dir)
        configured = time.perf_counter()
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        plugins.PluginCollection.run_event = original
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "imports": imported - START,
                "config": configured - imported,
                "build": done - configured,
                "plugins": dict(sorted(spent.items(), key=lambda kv: -kv[1])),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
