"""Issue #14: the HTML view in a real browser. Headless Chromium (the Debian package; `make
browser` installs it, and .ci/run calls that) renders the seed comparison, the bundled examples
and one article's view to PNG at 1280 and 390 px wide; a console message, an error or a page with
no highlighted span fails the test. Without Chromium the test is skipped, saying why, except
under CI (CI=true), where it fails."""
import os
import struct
import sys

import pytest
from typer.testing import CliRunner

from framing.cli.app import app

from tests.conftest import EXAMPLES, ROOT, shared_path

sys.path.insert(0, str(ROOT / "scripts"))
try:
    import screenshot as browser  # scripts/screenshot.py: the Chromium calls
finally:
    sys.path.pop(0)

runner = CliRunner()
WIDTHS = (1280, 390)
# --bg-loaded in framing/resources/view.css, as the browser computes it
LOADED_BACKGROUND = "rgb(255, 210, 189)"


@pytest.fixture(scope="module", autouse=True)
def _chromium():
    if browser.chromium() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is missing under CI: .ci/run installs it with `make browser`")
        pytest.skip("chromium is not installed: `make browser` (as root) installs the Debian package")


def _page(tmp_path, name: str):
    out = tmp_path / f"{name}.html"
    if name == "analyze":
        r = runner.invoke(app, ["analyze", str(EXAMPLES / "daily-clarion.md"), "--format", "html"])
        out.write_text(r.stdout, encoding="utf-8")
    else:
        paths = sorted(map(str, shared_path("seeds").glob("*.txt"))) if name == "seeds" else [str(EXAMPLES)]
        r = runner.invoke(app, ["compare", *paths, "-o", str(out), "--timestamp", "2026-01-01 00:00 UTC"])
    assert r.exit_code == 0, r.output
    return out


def _png_size(png) -> tuple[int, int]:
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("name", ["examples", "seeds", "analyze"])
def test_the_view_renders_without_errors_and_highlights(tmp_path, name):
    page = _page(tmp_path, name)
    for width in WIDTHS:
        png = tmp_path / f"{name}-{width}.png"
        console = browser.screenshot(page, png, width, 2000)
        assert console == [], console
        assert _png_size(png) == (width, 2000) and png.stat().st_size > 20_000  # not a blank page
    found, console = browser.probe(page, width=390)
    assert console == [] and found["errors"] == [], (console, found)
    assert found["marks"] > 20 and found["loaded_background"] == LOADED_BACKGROUND, found
    if name != "analyze":  # a click on the first source of the table marks its mentions, in every column
        assert found["link"] == "#src-0" and found["hit_marks"] >= 2 and found["hit_sentences"] >= 2, found


def test_the_probe_catches_errors_and_blocked_scripts(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>x</p>'
                      "<script>console.error('boom'); nope();</script></body></html>")
    found, console = browser.probe(broken)
    assert any("boom" in e for e in found["errors"]) and any("nope" in e for e in found["errors"])
    assert any("nope is not defined" in m for m in console) and found["marks"] == 0
    # a script the view's policy does not allow is refused, and the refusal is seen
    view = _page(tmp_path, "examples")
    injected = tmp_path / "injected.html"
    injected.write_text(view.read_text().replace("</body>", "<script>document.title='x'</script></body>"))
    found, console = browser.probe(injected)
    assert any(e.startswith("csp: script-src") for e in found["errors"]), found
    assert any("Content Security Policy" in m for m in console), console
