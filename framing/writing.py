"""Writing outputs safely: atomic replacement, and the checks that refuse an output which is an
input, standard input, or a file inside an input folder (checked before any work)."""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from framing.read.inputs import READABLE_SUFFIXES


def output_problem(output: str | Path, inputs: Iterable[str | Path]) -> str | None:
    """Why ``output`` cannot be written for these inputs (checked before any work), or None:
    a folder, a path under a file, a name the system refuses, a file that is also an input or
    standard input (writing it would destroy it before it is read), or a readable file inside an
    input folder (it would be read as an article)."""
    out, inputs = Path(output), [str(name) for name in inputs]
    try:
        if out.is_dir():
            return "it is a directory"
        parent = next((p for p in out.parents if p.exists()), None)
        if parent is not None and not parent.is_dir():
            return f"{parent} is not a directory"
        if is_special(out):
            return None
        real = out.resolve()
        if "-" in inputs and out.exists() and _is_stdin(out):
            return "it is also standard input, and writing it would destroy it before it is read"
    except OSError as exc:
        return exc.strerror or str(exc)
    for name in inputs:
        if name == "-":
            continue
        p = Path(name)
        try:
            if out.exists() and p.is_file() and os.path.samefile(p, out):
                return "it is also an input, and writing it would destroy it before it is read"
            if p.is_dir() and real.is_relative_to(p.resolve()) and out.suffix.lower() in READABLE_SUFFIXES:
                return f"it is inside the input folder {p}, where it would be read as an article"
        except OSError:
            pass  # an input that cannot be read is its own error record
    return None


def _is_stdin(path: Path) -> bool:
    """Whether ``path`` is the file standard input reads (the same device and inode)."""
    try:
        a, b = os.fstat(sys.stdin.fileno()), os.stat(path)
    except (OSError, ValueError, AttributeError):  # no standard input, or one that is not a file
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def is_special(path: str | Path) -> bool:
    """True for an existing target that is not a regular file: a device (``/dev/null``,
    ``/dev/stdout``) or a FIFO. Such a target is written in place: renaming a temporary file
    over it would replace the device or pipe with a plain file."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _new_file_mode(path: Path) -> int:
    """The mode ``path`` has, or what the umask gives a new file (mkstemp's 0600 would otherwise
    make reports and model metadata unreadable to everyone else)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_output(path: str | Path, mode: str = "wb", keep_partial: bool = False, **open_args):
    """A file object through which ``path`` is written so that readers see the old file or the new
    one, never a part: a temporary file beside it, flushed to disk and renamed over it at the end
    (``os.replace`` is atomic on POSIX and Windows). When the block fails the old file stays. When
    it is interrupted (Ctrl-C, SIGTERM: a BaseException that is not an Exception) it stays too, or
    with ``keep_partial`` what was written replaces it (rows streamed whole, as in a CSV); never
    after a failed write (a full disk), which may have cut a row. A device or FIFO
    (``is_special``) is written in place: renaming over it would replace it with a file."""
    path = Path(path)
    if is_special(path):
        with open(path, mode, **open_args) as f:
            yield f
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _new_file_mode(path))
        f = os.fdopen(fd, mode, **open_args)
        try:
            yield f
        except BaseException as exc:
            if keep_partial and not isinstance(exc, Exception):
                _commit(f, tmp, path)
            else:
                f.close()
            raise
        _commit(f, tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _commit(f, tmp: str, path: Path) -> None:
    with f:  # closed whatever happens; on disk before it takes the target's name
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write a whole file atomically (see ``atomic_output``)."""
    with atomic_output(path) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)
