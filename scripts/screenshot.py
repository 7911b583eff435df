"""Headless Chromium (the Debian package) for the HTML view: screenshots, and what a page logs.

    .venv/bin/python scripts/screenshot.py     # docs/view.png, the README's screenshot of the bundled examples

The README's screenshot needs Pillow to shrink the PNG (`pip install -e '.[chart]'` brings it);
tests/test_html_browser.py uses the functions here. Chromium is installed by `make browser`.

Console errors are caught two ways, each a check on the other: Chromium's own log
(``--enable-logging=stderr --v=0`` prints every console message and uncaught error as a
``CONSOLE`` line, Content-Security-Policy refusals included), and ``probe``, which loads a copy of
the page with a small script first in its <head> that records errors, console.error/warn calls
and CSP violations in the DOM, then clicks a source link and counts what it highlights; the
DOM is read back with ``--dump-dom``. The first needs no change to the page; the second does
not depend on Chromium's log format.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README_PNG = ROOT / "docs" / "view.png"
_CONSOLE = re.compile(r"CONSOLE[(:]\d+\)?\] (.*)")

# Records what would be a console error into the DOM, then clicks the first source link: the
# page's own script should then mark that source's mentions (.m.hit) and their sentences (.s.hit).
PROBE = """<script>
var __errs = [];
addEventListener("error", function (e) { __errs.push("error: " + e.message); });
addEventListener("securitypolicyviolation", function (e) { __errs.push("csp: " + e.violatedDirective); });
["error", "warn"].forEach(function (k) { var f = console[k];
  console[k] = function () { __errs.push(k + ": " + [].join.call(arguments, " ")); f.apply(console, arguments); }; });
addEventListener("load", function () {
  var d = document.documentElement, a = document.querySelector('a[href^="#src-"]'), m = document.querySelector(".m.ld");
  if (a) a.click();
  setTimeout(function () {  // after the tasks the load queued (CSP violation reports are some)
    d.setAttribute("data-probe", JSON.stringify({errors: __errs, link: a ? a.getAttribute("href") : null,
      marks: [].filter.call(document.querySelectorAll(".m"), function (x) { return x.getClientRects().length; }).length,
      hit_marks: document.querySelectorAll(".m.hit").length, hit_sentences: document.querySelectorAll(".s.hit").length,
      loaded_background: m ? getComputedStyle(m).backgroundColor : null})); }, 200);
});
</script>"""


def chromium() -> str | None:
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)


def run(page: Path, *flags: str, timeout: int = 90) -> tuple[str, list[str]]:
    """Load ``page`` in headless Chromium: (its standard output, the console messages it logged)."""
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (make browser installs it)")
    with tempfile.TemporaryDirectory() as profile:  # a fresh profile: no state, no lock shared between runs
        cmd = [exe, "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *flags, page.resolve().as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"chromium exited {r.returncode}: {r.stderr[-2000:]}")
    return r.stdout, [m.group(1) for m in _CONSOLE.finditer(r.stderr)]


def screenshot(page: Path, png: Path, width: int, height: int) -> list[str]:
    """A ``width`` x ``height`` PNG of the top of ``page``; the console messages logged meanwhile."""
    return run(page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}")[1]


def probe(page: Path, width: int = 1280) -> tuple[dict, list[str]]:
    """What PROBE records on a copy of ``page`` (errors, marks drawn, marks a click highlights),
    and the console messages logged."""
    html = page.read_text(encoding="utf-8")
    head = html.index("<meta charset")
    head = html.index(">", head) + 1  # first in <head> after the charset, before the page's own policy
    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / page.name
        copy.write_text(html[:head] + PROBE + html[head:], encoding="utf-8")
        dom, console = run(copy, "--dump-dom", "--virtual-time-budget=3000", f"--window-size={width},900")
    m = re.search(r'data-probe="([^"]*)"', dom)
    if not m:
        raise RuntimeError("the probe did not run: " + dom[:500])
    from html import unescape

    return json.loads(unescape(m.group(1))), console


# The README's screenshot: the legend and the articles' openings, the report's other sections left out.
FOCUS = "<style>body > nav, section.report { display: none; } body { padding-top: .5rem; }</style>"


def readme_screenshot(out: Path = README_PNG, width: int = 1280, height: int = 1000) -> Path:
    from PIL import Image

    with tempfile.TemporaryDirectory() as d:
        html = Path(d) / "example.html"
        r = subprocess.run([str(Path(sys.executable).parent / "framing"), "compare", str(ROOT / "data" / "examples"),
                            "-o", str(html), "--timestamp", "2026-01-01 00:00 UTC"], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        page = html.read_text(encoding="utf-8")
        html.write_text(page.replace("</head>", FOCUS + "</head>", 1), encoding="utf-8")
        raw = Path(d) / "raw.png"
        console = screenshot(html, raw, width, height)
        if console:
            raise RuntimeError(f"console messages: {console}")
        out.parent.mkdir(parents=True, exist_ok=True)
        # 64 colours keep every mark's tint and make the file a fraction of the size
        Image.open(raw).convert("RGB").quantize(64, dither=Image.Dither.NONE).save(out, optimize=True)
    return out


if __name__ == "__main__":
    path = readme_screenshot()
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1000:.0f} kB)")
