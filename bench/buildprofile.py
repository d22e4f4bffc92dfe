"""Where a strict build spends its time: run one build in this process and time every
plugin's and hook's event methods (MkDocs' PluginCollection.run_event).

Usage: python -m bench.buildprofile PROJECT SITE_DIR   prints one JSON object:
{"imports": s, "config": s, "build": s, "plugins": {"search": s, "hooks/x.py": s, ...}}
The notebook's execution and conversion run in a background thread (their own lines);
"atlas-notebooks" is the time the build waited for them. Git dates are inside
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
    # The notebooks run in a thread of the atlas-notebooks plugin (atlas/site/notebook_cache.py)
    # from the start of the build, so their time is beside the events', not inside them.
    from atlas.site import notebook_cache

    def timed(function, label):
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - began

        return wrapper

    notebook_cache.execute = timed(notebook_cache.execute, "notebook execution (background)")
    notebook_cache.render_into_cache = timed(
        notebook_cache.render_into_cache, "notebook conversion (background)"
    )
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
