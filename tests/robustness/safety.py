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
