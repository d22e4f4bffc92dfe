"""The local server compresses like GitHub Pages, so that browser tests and `make bench`
measure what readers download (atlas/site/harness.py, QuietHandler)."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from atlas.site import harness

FILES = {
    "index.html": "<!doctype html><title>x</title>" + "<p>prose</p>" * 200,
    "assets/app.js": "var x = 1;\n" * 200,
    "assets/site.css": "body { margin: 0 }\n" * 200,
    "search/search_index.json": '{"docs": []}' + " " * 2000,
    "favicon.png": "not really a png",
}


def fetch(url: str, gzip_ok: bool) -> tuple[dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip, deflate, br"} if gzip_ok else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    with harness.serve(folder) as base:
        yield base


@pytest.mark.parametrize(
    "path, name",
    [
        ("", "index.html"),
        ("assets/app.js", "assets/app.js"),
        ("assets/site.css", "assets/site.css"),
        ("search/search_index.json", "search/search_index.json"),
    ],
)
def test_text_responses_are_gzip_encoded_when_asked(served, path, name):
    headers, body = fetch(served + path, gzip_ok=True)
    assert headers.get("content-encoding") == "gzip", (
        f"/{path} was served without Content-Encoding: gzip although the request accepted it "
        f"(headers {headers}); GitHub Pages compresses it: see QuietHandler.send_head in "
        "atlas/site/harness.py"
    )
    assert gzip.decompress(body).decode() == FILES[name]
    assert int(headers["content-length"]) == len(body)


def test_nothing_is_compressed_unless_asked_and_binaries_never(served):
    headers, body = fetch(served + "assets/app.js", gzip_ok=False)
    assert "content-encoding" not in headers, "gzip sent to a client that did not ask for it"
    assert body.decode() == FILES["assets/app.js"]
    headers, body = fetch(served + "favicon.png", gzip_ok=True)
    assert "content-encoding" not in headers, "an image was gzipped; GitHub Pages does not"
    assert body.decode() == FILES["favicon.png"]
