"""One article record from one text: front matter and metadata, plain text or Markdown, HTML
(trafilatura), and the checks every article passes (length limit, no words, control characters)."""
from __future__ import annotations

import re

from framing.types import Article, ReadError

META_KEYS = ("title", "outlet", "url", "date", "author")
DEFAULT_MAX_CHARS = 2_000_000

Record = Article | ReadError


# --- front matter ------------------------------------------------------------------------

def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Strip a ``---``-fenced ``key: value`` header; returns (fields, body).

    Only flat ``key: value`` lines are read (no YAML dependency); a header that is not closed
    is left in the body rather than guessed at.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text
    fields = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if sep and key.strip():
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":  # one pair of YAML quotes
                value = value[1:-1]
            fields[key.strip().lower()] = value
    body = "\n".join(lines[end + 1:])
    return fields, body.lstrip("\r\n")


def _meta(fields: dict) -> dict:
    out = {}
    for k in META_KEYS:
        v = fields.get(k)
        if v is not None and str(v).strip():
            out[k] = str(v).strip()
    if "outlet" not in out:
        for alt in ("sitename", "site", "publisher", "source"):
            if fields.get(alt):
                out["outlet"] = str(fields[alt]).strip()
                break
    return out


# --- one record from one text ------------------------------------------------------------

# Control characters other than tab, line feed, carriage return and form feed: kept in the text
# (offsets must point into it as given) but worth a warning, since they carry no words.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or digit, in any script


def _too_long(n: int, max_chars: int) -> str:
    return f"article too long: {n:,} characters (limit {max_chars:,}; raise it with --max-chars)"


def unscorable(text: str) -> str | None:
    """Why ``text`` cannot be scored at all (no text, no words), or None."""
    if not text.strip():
        return "empty article: no text to score"
    if not _WORD_CHAR.search(text):
        return "empty article: no words, only punctuation, symbols or invisible characters"
    return None


def _article(rid: str, text: str, source: str | None, warnings: list[str], max_chars: int,
             **meta) -> Record:
    if len(text) > max_chars and text.strip():
        return ReadError(rid, _too_long(len(text), max_chars), source, tuple(warnings))
    problem = unscorable(text)
    if problem:
        return ReadError(rid, problem, source, tuple(warnings))
    control = _CONTROL.search(text)
    if control:
        n = len(_CONTROL.findall(text))
        warnings = [*warnings, f"{n:,} control character{'s' * (n > 1)} in the text (first: U+{ord(control.group()):04X} "
                               f"at offset {control.start()}); kept, and counted in offsets"]
    return Article(id=rid, text=text, source=source, warnings=tuple(warnings), **meta)


def from_text(text: str, rid: str, source: str | None = None, warnings: list[str] | None = None,
              max_chars: int = DEFAULT_MAX_CHARS) -> Record:
    """A plain-text or Markdown article, with optional front matter."""
    fields, body = split_front_matter(text)
    return _article(rid, body, source, list(warnings or []), max_chars, derived=body != text, **_meta(fields))


def from_html(html: str, rid: str, source: str | None = None, warnings: list[str] | None = None,
              max_chars: int = DEFAULT_MAX_CHARS) -> Record:
    """An HTML page: trafilatura extracts the main text and the title/author/date/site."""
    import trafilatura

    warnings = list(warnings or [])
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        return ReadError(rid, f"HTML could not be parsed: {exc}", source, tuple(warnings))
    text = (doc.text or "") if doc is not None else ""
    # trafilatura falls back to whatever text a page has: a menu ("Home | About") is not an article
    if len(re.findall(r"\w+", text)) < 8 and not re.search(r"[.!?…]", text):
        return ReadError(rid, "HTML has no article text (nothing but markup, scripts or navigation)",
                         source, tuple(warnings))
    meta = _meta({"title": doc.title, "author": doc.author, "date": doc.date, "url": doc.url,
                  "sitename": doc.sitename}) | {"derived": True}
    return _article(rid, text, source, warnings, max_chars, **meta)
