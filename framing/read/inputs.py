"""Inputs -> records: files, directories (recursive, sorted) and standard input, each within the size limits.
Readers never raise for a bad input: each yields ``Article`` records or a ``ReadError`` saying why."""
from __future__ import annotations

import dataclasses
import io
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from framing.read.article import DEFAULT_MAX_CHARS, Record, from_html, from_text
from framing.read.decode import _HEAD, BinaryInput, _peekable, _sniff, decode
from framing.read.jsonl import _SURROGATE, _line_limit, from_json, stream_jsonl
from framing.types import ReadError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
# A character is at most 4 bytes in UTF-8: a single-article file larger than this many bytes per
# allowed character is refused before it is read (HTML's markup counts too).
MAX_BYTES_PER_CHAR = 4


def _visible(name: str) -> str:
    """A file name's undecodable bytes as ``\\xff`` text, which any output can hold."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


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
