"""Read articles from files, directories, JSON Lines and stdin; write outputs atomically.

Readers never raise for a bad input: each input yields ``Article`` records or a ``ReadError``
record saying why, so one broken file or line never stops a batch.
"""
from __future__ import annotations

import dataclasses
import io
import json
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from framing.types import Article, ReadError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
META_KEYS = ("title", "outlet", "url", "date", "author")
DEFAULT_MAX_CHARS = 2_000_000
# A character is at most 4 bytes in UTF-8: a single-article file larger than this many bytes per
# allowed character is refused before it is read (HTML's markup counts too).
MAX_BYTES_PER_CHAR = 4

Record = Article | ReadError


# --- bytes -> str ------------------------------------------------------------------------

class BinaryInput(ValueError):
    pass


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``head`` looks like mostly-ASCII UTF-16 with no BOM: NUL
    in (nearly) every other byte and (almost) nowhere else."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= 0.4 and nul_even <= 0.05:
        return "utf-16-le"
    if nul_even >= 0.4 and nul_odd <= 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes; returns (text, warnings). Raises BinaryInput for binary data.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; UTF-16 without a
    BOM is recognised by its NUL bytes and read with a warning; anything else is decoded as
    UTF-8 with replacement characters and a warning, so no article is dropped for a stray byte.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), ["invalid UTF-16: undecodable bytes replaced with U+FFFD"]
    if b"\x00" in data[:8192]:
        codec = _utf16_without_bom(data[:8192])
        if codec:
            try:
                return data.decode(codec), [f"no byte-order mark: read as {codec.upper()}, guessed from its NUL bytes"]
            except UnicodeDecodeError:
                pass
        raise BinaryInput("binary file (NUL bytes); expected text, HTML or JSON Lines")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, [f"not valid UTF-8 (first bad byte at offset {exc.start}); undecodable bytes replaced with U+FFFD"]


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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _a(value) -> str:
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def _no_surrogates(obj: dict) -> tuple[dict, list[str]]:
    """JSON may escape half a UTF-16 pair (``"\\ud83d"``) that no UTF-8 output can hold: each becomes
    U+FFFD, one character for one, so offsets into the text still hold."""
    bad = sum(len(_SURROGATE.findall(v)) for v in obj.values() if isinstance(v, str))
    if not bad:
        return obj, []
    fixed = {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in obj.items()}
    return fixed, [f"{bad:,} unpaired UTF-16 surrogate escape{'s' * (bad > 1)} (like \\ud83d) replaced with U+FFFD"]


def _visible(name: str) -> str:
    """A file name's undecodable bytes as ``\\xff`` text, which any output can hold."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def from_json_object(obj, rid: str, source: str | None, max_chars: int) -> Record:
    """One JSON record ``{"id", "text", ...}``; ``rid`` is used when it has no id."""
    if not isinstance(obj, dict):
        return ReadError(rid, f"JSON record is {_a(obj)}, expected an object with \"text\"", source)
    obj, warnings = _no_surrogates(obj)
    rid = str(obj["id"]) if obj.get("id") not in (None, "") else rid
    text = obj.get("text")
    if text is None:
        return ReadError(rid, 'JSON record has no "text" field', source)
    if not isinstance(text, str):
        return ReadError(rid, f'"text" is {_a(text)}, expected a string', source)
    return _article(rid, text, source, warnings, max_chars, **_meta(obj))


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")  # between JSON values: JSON's whitespace and Unicode's (U+2028 and the like)
_LINE_SEPARATOR = re.compile("[\u2028\u2029\x85]")


def _decode_at(text: str, pos: int) -> tuple[object, int]:
    """``JSONDecoder.raw_decode``, every failure a JSONDecodeError: a document nested too deeply
    for the parser, or a number longer than Python reads (``sys.get_int_max_str_digits``), is
    malformed too, and becomes its record's error instead of stopping the run."""
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, pos) from None
    except ValueError:  # int() refused the digits
        raise _TooManyDigits(f"a number with more than {sys.get_int_max_str_digits():,} digits", text, pos) from None


class _TooManyDigits(json.JSONDecodeError):
    pass


def _why(exc: json.JSONDecodeError, start: int = 0) -> str:
    """What is wrong with a JSON line, and where (a column counted from ``start``)."""
    if isinstance(exc, _TooManyDigits):
        return exc.msg  # somewhere in the record: the parser does not say where
    return f"{exc.msg.removesuffix(' at')} at column {exc.pos - start + 1}"


def _loads(text: str):
    """json.loads, with the failures of ``_decode_at``."""
    obj, end = _decode_at(text, _SPACE.match(text).end())
    if _SPACE.match(text, end).end() != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return obj


def _json_values(line: str) -> Iterator[tuple[object, str | None]]:
    """The records on one line, as (value, None) or (None, why it is malformed); none for a blank line.

    Usually one. Several when U+2028, U+2029 or NEL separate records, as some tools write JSON
    Lines: JSON allows those characters raw inside strings, so they count as line breaks only
    between two values."""
    line = line.strip().lstrip("\ufeff")
    if not line:
        return
    try:
        yield _loads(line), None
        return
    except json.JSONDecodeError as exc:
        if not _LINE_SEPARATOR.search(line):
            yield None, _why(exc)
            return
    pos = 0
    while pos < len(line):
        try:
            obj, end = _decode_at(line, pos)
            gap = _SPACE.match(line, end).end()
            if gap < len(line) and not _LINE_SEPARATOR.search(line, end, gap):
                raise json.JSONDecodeError("Extra data", line, end)
            yield obj, None
            pos = gap
        except json.JSONDecodeError as exc:
            yield None, _why(exc, pos)
            sep = _LINE_SEPARATOR.search(line, max(exc.pos, pos))  # carry on after the next separator
            if sep is None:
                return
            pos = _SPACE.match(line, sep.end()).end()


def _line_limit(max_chars: int) -> int:
    """The longest JSON line read, in characters: an article of ``max_chars`` characters, each
    escaped as JSON at its longest (an astral character is 12: ``\\ud83d\\ude00``), and room for
    the other fields. A longer line is refused without being held in memory."""
    return max_chars * 12 + (1 << 20)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # an undecodable byte, as the 'surrogateescape' handler keeps it


def _jsonl_records(lines: io.TextIOBase, name: str, max_chars: int, warnings: list[str],
                   regular: bool = True) -> Iterator[Record]:
    """Records from a text stream of JSON Lines (universal newlines: LF, CRLF or CR), judged line
    by line: a broken line is that line's error record, and reading goes on.

    ``warnings`` (from decoding) go to every record when they are about the whole input (a guessed
    encoding), and to the records whose line holds a replacement character when about bytes. A
    line over ``_line_limit`` is an error without being held in memory; the rest of a regular file
    is read, but a pipe or device (``regular`` False) is read no further, since it may never end."""
    whole = [w for w in warnings if "U+FFFD" not in w]
    replaced = [w for w in warnings if "U+FFFD" in w]
    limit, n = _line_limit(max_chars), 0
    while line := lines.readline(limit):
        n += 1
        if len(line) >= limit and not line.endswith("\n"):
            more = ("; skipped" if regular else
                    f"; {name} was read no further (it is not a regular file, and may never end)")
            yield ReadError(f"{name}:{n}", f"line {n} is longer than {limit:,} characters, more than an article "
                                           f"of --max-chars {max_chars:,} can take{more}", name, tuple(whole))
            if not regular:
                return
            while (rest := lines.readline(limit)) and not rest.endswith("\n"):
                pass
            continue
        extra = whole + (replaced if "\ufffd" in line else [])
        if bad := _ESCAPED_BYTE.search(line):
            line = _ESCAPED_BYTE.sub("\ufffd", line)
            extra = [*extra, f"line {n} is not valid UTF-8 (first bad byte at character {bad.start() + 1}); "
                             "undecodable bytes replaced with U+FFFD"]
        for k, (obj, problem) in enumerate(_json_values(line)):
            n += k > 0
            rid = f"{name}:{n}"
            rec = (ReadError(rid, f"malformed JSON on line {n}: {problem}", name) if problem
                   else from_json_object(obj, rid, name, max_chars))
            yield dataclasses.replace(rec, warnings=(*extra, *rec.warnings)) if extra else rec


def from_jsonl(text: str, name: str, max_chars: int = DEFAULT_MAX_CHARS,
               warnings: list[str] | None = None) -> Iterator[Record]:
    """JSON Lines already decoded (see ``_jsonl_records``)."""
    yield from _jsonl_records(io.StringIO(text, newline=None), name, max_chars, list(warnings or []))


def _sniff(head: bytes) -> tuple[str, list[str]]:
    """The codec of a stream from its first bytes, and the warning a guess deserves."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", []
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", []
    codec = _utf16_without_bom(head) if b"\x00" in head else None
    if codec:
        return codec, [f"no byte-order mark: read as {codec.upper()}, guessed from its NUL bytes"]
    return "utf-8", []


_HEAD = 8192


def _peekable(stream):
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)


def stream_jsonl(stream, name: str, max_chars: int = DEFAULT_MAX_CHARS, regular: bool = True) -> Iterator[Record]:
    """JSON Lines read line by line from a binary stream, so memory does not grow with the input.
    UTF-8 (a line that is not is decoded with replacement characters and a warning) or UTF-16."""
    stream = _peekable(stream)
    codec, warnings = _sniff(stream.peek(_HEAD)[:_HEAD])
    utf8 = codec.startswith("utf-8")
    lines = io.TextIOWrapper(stream, encoding=codec, errors="surrogateescape" if utf8 else "replace", newline=None)
    try:
        yield from _jsonl_records(lines, name, max_chars, warnings, regular)
    finally:
        lines.detach()  # the stream is the caller's (standard input, say): not closed with the wrapper


def from_json(text: str, name: str, max_chars: int = DEFAULT_MAX_CHARS,
              warnings: list[str] | None = None) -> Iterator[Record]:
    """A ``.json`` file: one object, a list of objects, or JSON Lines under a .json name."""
    try:
        data = _loads(text)
    except json.JSONDecodeError:
        yield from from_jsonl(text, name, max_chars, warnings)
        return
    items = data if isinstance(data, list) else [data]
    for n, obj in enumerate(items, 1):
        rec = from_json_object(obj, f"{name}:{n}", name, max_chars)
        yield dataclasses.replace(rec, warnings=(*(warnings or ()), *rec.warnings))


# --- paths -------------------------------------------------------------------------------

def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_bytes(data: bytes, name: str, suffix: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record]:
    """Records from the bytes of one input called ``name`` (a path, or ``-`` for stdin)."""
    yield from read_stream(io.BytesIO(data), name, suffix, max_chars)


def _byte_limit(max_chars: int) -> int:
    return max_chars * MAX_BYTES_PER_CHAR


def read_stream(stream, name: str, suffix: str, max_chars: int = DEFAULT_MAX_CHARS, regular: bool = True,
                limit: int | None = None) -> Iterator[Record]:
    """Records from a binary stream: JSON Lines (by suffix, or an input without one that starts
    with ``{``) line by line, anything else as one document of at most ``limit`` bytes: more, and
    it is refused after reading ``limit`` bytes (``/dev/zero`` or ``yes |`` never end)."""
    stream = _peekable(stream)
    suffix = suffix.lower()
    head = stream.peek(_HEAD)[:_HEAD]
    if suffix in (".jsonl", ".ndjson") or (suffix == "" and _starts_an_object(head)):
        yield from stream_jsonl(stream, name, max_chars, regular)
        return
    data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:
        yield ReadError(name, f"article too long: more than {limit:,} bytes ({MAX_BYTES_PER_CHAR} for each of the "
                              f"{max_chars:,} characters allowed; raise it with --max-chars); read no further", name)
        return
    try:
        text, warnings = decode(data)
    except BinaryInput as exc:
        yield ReadError(name, str(exc), name)
        return
    if suffix == ".json":
        yield from from_json(text, name, max_chars, warnings)
    elif suffix in HTML_SUFFIXES or (suffix not in (".txt", ".md") and _looks_like_html(text)):
        yield from_html(text, name, name, warnings, max_chars)
    else:
        yield from_text(text, name, name, warnings, max_chars)


def _starts_an_object(head: bytes) -> bool:
    codec, _ = _sniff(head)
    return head.decode(codec, errors="ignore").lstrip().startswith("{")


def _walk(directory: Path, seen: set) -> Iterator[Path | ReadError]:
    """Readable files below ``directory``, sorted, following no symlink loop twice.

    Files that cannot be read (broken or looping symlinks, FIFOs, sockets, devices, which
    would block or never end) become error records rather than being opened.
    """
    try:
        real = directory.resolve()
        if real in seen:  # a symlink loop or a second link to a folder: its articles are read once
            return
        seen.add(real)
        children = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield ReadError(str(directory), f"cannot list directory: {exc.strerror or exc}", str(directory))
        return
    for child in children:
        if child.name.startswith("."):
            continue
        readable = child.suffix.lower() in READABLE_SUFFIXES and child.suffix
        try:
            mode = child.stat().st_mode
        except OSError as exc:
            if readable or not child.suffix:  # without a suffix it may have been a directory
                reason = "broken symbolic link" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc)
                yield ReadError(str(child), f"cannot read: {reason}", str(child))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(child, seen)
        elif readable and stat.S_ISREG(mode):
            yield child
        elif readable:
            yield ReadError(str(child), "not a regular file (a FIFO, socket or device); skipped", str(child))


def _cannot_read(p: Path, exc: Exception) -> ReadError:
    if isinstance(exc, FileNotFoundError):
        reason = "broken symbolic link" if p.is_symlink() else "no such file"
    else:
        reason = f"cannot read file: {getattr(exc, 'strerror', None) or exc}"
    return ReadError(str(p), reason, str(p))


def read_path(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS, stdin=None) -> Iterator[Record]:
    """Records from one command-line argument: a file, a directory (recursive, sorted) or ``-``.

    A path that cannot be read (no permission on a folder above it, a name too long) is an error
    record; so is an endless input (a device, a pipe), refused at the size limit."""
    if str(path) == "-":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:
            yield ReadError("-", "no standard input (it is closed)", "-")
            return
        yield from read_stream(stream, "-", "", max_chars, regular=False, limit=_byte_limit(max_chars))
        return
    p = Path(path)
    try:
        st = p.stat()
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        yield _cannot_read(p, exc)
        return
    if stat.S_ISDIR(st.st_mode):
        for item in _walk(p, set()):
            if isinstance(item, ReadError):
                yield item
            else:
                yield from read_path(item, max_chars)
        return
    suffix, regular = p.suffix.lower(), stat.S_ISREG(st.st_mode)
    if regular and st.st_size > _byte_limit(max_chars) and suffix not in JSON_SUFFIXES:  # JSON may hold many
        yield ReadError(str(p), f"article too long: the file has {st.st_size:,} bytes, more than {MAX_BYTES_PER_CHAR} "
                                f"for each of the {max_chars:,} characters allowed (raise it with --max-chars); "
                                f"not read", str(p))
        return
    # a .json document may hold many articles: a regular file is read whole, a device or pipe (which
    # may never end) up to the length of a JSON line; any other single article up to the size limit
    if suffix == ".json":
        limit = None if regular else _line_limit(max_chars)
    else:
        limit = _byte_limit(max_chars)
    try:
        with open(p, "rb") as f:
            yield from read_stream(f, str(p), suffix, max_chars, regular, limit)
    except OSError as exc:
        yield _cannot_read(p, exc)


def read_inputs(paths: Iterable[str | Path], max_chars: int = DEFAULT_MAX_CHARS, stdin=None) -> Iterator[Record]:
    """All records from all inputs, in the order given.

    An id seen before is kept, with a warning: output records are matched to inputs by id
    (``--resume`` skips ids already written), so ids should be unique.
    """
    seen: set[str] = set()
    for p in paths:
        for rec in read_path(p, max_chars, stdin):
            if _SURROGATE.search(rec.id):  # a file name that is not UTF-8
                rec = dataclasses.replace(rec, id=_visible(rec.id))
            if rec.id in seen:
                rec = dataclasses.replace(rec, warnings=(*rec.warnings, f"duplicate id {rec.id!r}: an earlier record "
                                                         "has it too; --resume treats them as one"))
            seen.add(rec.id)
            yield rec


def count_records(paths: Iterable[str | Path]) -> int | None:
    """About how many records the inputs hold, for a progress bar: JSON Lines count their lines,
    other files one each. None when an input is not a regular file or folder (standard input, a
    named pipe, a device): counting would read it, and it could not be read again."""
    total = 0
    for path in paths:
        if str(path) == "-":
            return None
        p = Path(path)
        try:
            mode = p.stat().st_mode
        except (OSError, ValueError):
            total += 1  # an error record
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return None
        files = [f for f in _walk(p, set()) if isinstance(f, Path)] if stat.S_ISDIR(mode) else [p]
        for f in files:
            if f.suffix.lower() in (".jsonl", ".ndjson"):
                try:
                    with open(f, "rb") as fh:
                        total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
                except OSError:
                    total += 1
            else:
                total += 1
    return total
