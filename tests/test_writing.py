"""Atomic writes (framing/writing.py)."""
import os

import pytest

from framing.writing import write_atomic


def test_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "sub" / "out.md"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["out.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_write_atomic_writes_a_fifo_in_place(tmp_path):
    import stat
    import threading

    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "# report\n")
    reader.join(30)
    assert got == [b"# report\n"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_write_atomic_keeps_the_mode_of_the_file_or_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        new = write_atomic(tmp_path / "new.md", "x")
        kept = tmp_path / "kept.md"
        kept.write_text("old")
        os.chmod(kept, 0o640)
        write_atomic(kept, "new")
    finally:
        os.umask(old)
    assert new.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600: others can read reports and model cards
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text() == "new"
