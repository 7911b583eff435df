"""Checks that rendered output cannot be hijacked by the article text in it (used by several tests)."""
import re


def _raw(pattern: str) -> re.Pattern:
    """``pattern`` not escaped: preceded by an even number of backslashes (none, or escaped ones)."""
    return re.compile(r"(?<!\\)(?:\\\\)*" + pattern)


_PIPE, _LT, _LINK = _raw(r"\|"), _raw("<"), _raw(r"\]\(")


def assert_markdown_safe(report: str) -> None:
    """No raw HTML, no link or image markup, no control characters, table rows with their columns,
    and every line of article text kept on its own line (nothing turns into a heading)."""
    assert not _LT.search(report), "a raw < could open HTML"
    assert not _LINK.search(report.replace("](framing", "")), "link or image markup"  # the chart's own image
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", report), "control characters"
    header_cols = None
    for line in report.splitlines():
        if line.startswith("|"):
            cols = len(_PIPE.findall(line))
            header_cols = header_cols or cols
            assert cols == header_cols, f"a table row with {cols} columns instead of {header_cols}: {line[:120]}"
        else:
            header_cols = None
        if line.startswith("#"):
            assert re.match(r"#{1,2} \S", line), line


_STYLE = re.compile(r"--n:\d+|width:\d+%|text-align:(?:left|right|center)")
_ELEMENTS_THAT_LOAD = {"iframe", "frame", "object", "embed", "form", "base", "link", "svg", "math", "video", "audio",
                       "source", "input", "button", "textarea", "template"}


def assert_html_safe(page: str):
    """The page parses without a single parse error (html5lib, strict), runs no script but the
    view's own, under the view's Content-Security-Policy, and has no event-handler attribute, no
    link out of the page (so no javascript: link), no element that loads or submits anything, and no style but its own
    numbers. Returns the parsed tree."""
    import html5lib

    from framing.compare.html_view import _CSP, SCRIPT

    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert [s.text for s in doc.iter("script")] == [SCRIPT], "a script that is not the view's own"
    metas = [dict(m.attrib) for m in doc.iter("meta")]
    assert metas[1] == {"http-equiv": "Content-Security-Policy", "content": _CSP} and len(metas) == 3, metas
    for el in doc.iter():
        assert el.tag not in _ELEMENTS_THAT_LOAD, el.tag
        for k, v in el.attrib.items():
            assert not k.lower().startswith("on"), f"event handler {k}={v!r} on <{el.tag}>"
            if k == "href":
                assert re.fullmatch(r"#[a-z0-9-]+", v), f"a link out of the page: {v!r}"
            if k == "src":
                assert el.tag == "img" and v.startswith("data:image/png;base64,"), f"<{el.tag} src={v[:40]!r}>"
            if k == "style":
                assert _STYLE.fullmatch(v), f"style={v!r}"
    return doc
