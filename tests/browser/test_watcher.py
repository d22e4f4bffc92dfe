"""The traffic watcher every browser test runs under (``harness.watch``) blocks and reports
what a page reaches for on another host, and a local file that is missing.

Chromium is not covered by pytest-socket (tests/site/test_network_cut.py), so this is what
keeps a page's request to another host from leaving the machine during the tests. The other
host here is a server on 127.0.0.2: on the loopback, so this test sends nothing out, but not
an address the site is served at, so the watcher must treat it as another host.
"""

from __future__ import annotations

import http.server
import threading

from atlas.site import harness


class Counting(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        Counting.seen.append(self.path)
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_request_to_another_host_is_blocked_and_reported(browser, base_url):
    other = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Counting)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    tracker = f"http://127.0.0.2:{other.server_address[1]}/tracker.js"
    context = browser.new_context(base_url=base_url)
    traffic = harness.watch(context)
    try:
        page = context.new_page()
        page.goto("")
        outcome = page.evaluate(
            "url => fetch(url).then(() => 'answered', () => 'blocked')", tracker
        )
        page.evaluate("fetch('assets/no-such-file.js')")
        page.wait_for_function(
            "performance.getEntriesByName(location.origin + '/assets/no-such-file.js').length"
        )
    finally:
        context.close()
        other.shutdown()
        other.server_close()
    assert (outcome, Counting.seen) == ("blocked", []), "the request reached the other host"
    problems = traffic.problems()
    assert f"third-party request: {tracker}" in problems, problems
    # The browser logs a missing file as a console error: that is how a page's broken local
    # link fails every browser test.
    assert [p for p in problems if "404" in p and "no-such-file.js" in p], problems
