"""JSON records -> articles: one object, a .json list, or JSON Lines read line by line (a broken
line is its own error record), with the longest line read bounded by --max-chars."""
from __future__ import annotations

import dataclasses
import io
import json
import re
import sys
from collections.abc import Iterator

from framing.read.article import DEFAULT_MAX_CHARS, Record, _article, _meta
from framing.read.decode import _HEAD, _peekable, _sniff
from framing.types import ReadError

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
