"""Write score records as JSON Lines, CSV or a terminal table.

JSON Lines to a file are written one whole line per ``write`` call, under a lock held for the
run, so an interrupted run leaves only complete records, which ``--resume`` then skips; should a
write be cut short, the file is cut back to its last complete line on the way out. CSV rows
stream to a temporary file that replaces the target when the run ends (atomically). Both keep memory flat however
many articles pass; the terminal table keeps its rows (it is for a screenful).
"""
from __future__ import annotations

import csv
import json
import os
import sys
import unicodedata
from pathlib import Path

from framing.scoring import SCHEMA_VERSION, record_json
from framing.writing import atomic_output, is_special, write_atomic

CSV_COLUMNS = ["id", "outlet", "title", "framing_score", "sourcing_score", "words", "authorial_loaded_terms",
               "authorial_loaded_per_1000_words", "quoted_loaded_terms", "hedges", "attributed_share",
               "named_share", "independent_sources", "anonymous_share", "direct_quote_share",
               "verification_caveats", "sources", "error", "unscored"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> object:
    """Neutralise spreadsheet formulas: a text cell starting with = + - @ (or their fullwidth
    forms, which some spreadsheets read the same) gets a leading quote."""
    if isinstance(value, str) and unicodedata.normalize("NFKC", value[:1]).startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(r: dict) -> dict:
    if "error" in r or "unscored" in r:
        return {"id": r["id"], "outlet": r.get("outlet"), "error": r.get("error", ""), "unscored": r.get("unscored", "")}
    f, s = r["framing"], r["sourcing"]
    c = s["components"]
    return {
        "id": r["id"], "outlet": r.get("outlet"), "title": r.get("title"),
        "framing_score": r["framing_score"], "sourcing_score": r["sourcing_score"], "words": r["words"],
        "authorial_loaded_terms": f["authorial_loaded_terms"],
        "authorial_loaded_per_1000_words": f["authorial_loaded_per_1000_words"],
        "quoted_loaded_terms": f["quoted_framing"]["loaded_terms"],
        "hedges": sum(1 for x in r["sentences"] for e in x["evidence"] if e["category"] == "hedge" and not e["in_quote"]),
        "attributed_share": c["attributed_share"], "named_share": c["named_share"],
        "independent_sources": sum(1 for x in s["sources"] if x["named"]),
        "anonymous_share": round(1 - c["on_record_share"], 4) if r["attributions"] else 0.0,
        "direct_quote_share": c["direct_quote_share"], "verification_caveats": len(s["verification_caveats"]),
        "sources": "; ".join(f"{x['name']} ({x['kind']})" for x in s["sources"]), "error": "",
    }


class NotOurOutput(ValueError):
    """--resume was pointed at a file that holds something other than framing's records."""


class OutputBusy(Exception):
    """Another run holds the lock on the output file."""


# A resumable line: a record framing score writes, scored or not (see api.error_record, language_gate, scoring).
_RECORD_KINDS = ({"error"}, {"unscored"}, {"framing_score", "sourcing_score", "sentences"})
MAX_RECORD_LINE = 1 << 28  # bytes; far beyond a record of the longest article allowed


def _not_a_record(obj) -> str | None:
    """Why ``obj`` is not a framing score record, or None."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    if "schema_version" not in obj:
        return "no schema_version"
    if obj["schema_version"] != SCHEMA_VERSION:
        return f"schema_version {obj['schema_version']!r}, and this framing writes {SCHEMA_VERSION!r}"
    if not isinstance(obj.get("id"), str) or "outlet" not in obj:
        return "no id or outlet"
    if not any(kind <= obj.keys() for kind in _RECORD_KINDS):
        return "neither scores nor an error"
    return None


def done_ids(f, name: str = "the output") -> tuple[set[str], int]:
    """Ids of the records already in a JSON Lines output read from ``f`` (binary, at its start), and
    the bytes up to the last whole line. A torn last line (no line feed: the run was stopped
    mid-write) is left out, to be cut off; a whole line that is not a record of framing score means
    the file is something else. Read line by line: only the ids are kept."""
    ids, good = set(), 0
    for n, line in enumerate(iter(lambda: f.readline(MAX_RECORD_LINE), b""), 1):
        if not line.endswith(b"\n"):
            if len(line) < MAX_RECORD_LINE:
                break  # the torn tail
            why = "longer than any record"
        else:
            try:
                obj = json.loads(line)
                why = _not_a_record(obj)
            except (ValueError, RecursionError):
                why = "not JSON"
        if why:
            raise NotOurOutput(f"line {n} of {name} is not a framing record ({why}): --resume appends only to "
                               "the JSON Lines output of framing score; nothing in the file was changed")
        ids.add(obj["id"])
        good += len(line)
    return ids, good


class ScoreWriter:
    """Writes records to ``path`` (or standard output) as JSON Lines, CSV or a table.

    JSON Lines to a regular file are appended in place, under an exclusive lock (``flock``) held
    for the run: a second run on the same file is refused (OutputBusy) instead of interleaving
    its lines with this one's."""

    def __init__(self, fmt: str, path: Path | None, resume: bool = False):
        self.fmt, self.path = fmt, path
        self._mark = (0, 0)  # (bytes up to the last whole line, lines this run wrote)
        self._counted = 0    # records written as CSV, a table or to standard output
        self.done: set[str] = set()
        self.rows: list[dict] = []
        self._fd = self._csv = self._file = None
        # a device or FIFO (-o /dev/null) is written in place: no lock, no cutting back, no fsync
        self._special = path is not None and is_special(path)
        if fmt == "jsonl" and path:
            if not self._special:
                path.parent.mkdir(parents=True, exist_ok=True)
            # no O_TRUNC: the file is emptied only once it is locked, never under another run
            flags = os.O_WRONLY if self._special else os.O_RDWR | os.O_CREAT | os.O_APPEND
            self._fd = os.open(path, flags, 0o644)
            try:
                if not self._special:
                    self._lock()
                    if resume:
                        with os.fdopen(os.dup(self._fd), "rb") as f:
                            self.done, keep = done_ids(f, str(path))
                    else:
                        keep = 0
                    os.ftruncate(self._fd, keep)  # the torn tail of a stopped run, or all
            except BaseException:
                os.close(self._fd)
                raise
            # bytes up to the last whole line, and the lines this run wrote
            self._mark = (0 if self._special else os.lseek(self._fd, 0, os.SEEK_END), 0)
        elif fmt == "csv":
            if path:  # whole rows only, renamed over the target at the end, even when interrupted
                self._file = atomic_output(path, "w", keep_partial=True, encoding="utf-8", newline="")
                out = self._file.__enter__()
            else:
                out = sys.stdout
            self._csv = (out, csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"))
            self._csv[1].writeheader()

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(f"{self.path} is locked: another framing run is writing it. Wait for that run to end, "
                             "or write to another file") from None

    def __enter__(self):
        return self

    @property
    def written(self) -> int:
        """Records of this run that are whole in the output (what an interruption reports)."""
        return self._mark[1] + self._counted

    def write(self, record: dict) -> None:
        if self.fmt == "jsonl":
            self.write_json(record_json(record))
            return
        if self.fmt == "csv":
            self._csv[1].writerow({k: csv_safe(v) for k, v in csv_row(record).items()})
        else:
            self.rows.append(record)
        self._counted += 1

    def write_json(self, text: str) -> None:
        """One record already encoded as JSON (JSON Lines output only)."""
        # a lone surrogate (an Article made in code; the readers replace them) cannot be UTF-8:
        # written as the JSON escape \udcff, which reads back as the same string
        line = (text + "\n").encode("utf-8", "backslashreplace")
        if self._fd is not None:
            view = memoryview(line)
            while view:  # one write per complete line, unless the OS takes less
                view = view[os.write(self._fd, view):]
            # one store for both: Ctrl-C can land between any two statements, and __exit__ counts
            # whatever whole lines lie past this mark (a line written but not yet counted is kept)
            self._mark = (self._mark[0] + len(line), self._mark[1] + 1)
        else:
            sys.stdout.buffer.write(line)
            sys.stdout.flush()
            self._counted += 1

    def __exit__(self, *exc):
        if self._fd is not None:
            try:
                if not self._special:
                    complete, written = self._mark
                    size = os.fstat(self._fd).st_size
                    if size > complete:  # interrupted or failed mid-line, or between a write and its mark
                        tail = os.pread(self._fd, size - complete, complete)
                        whole = tail[:tail.rfind(b"\n") + 1]  # whole lines stay, a torn one goes
                        self._mark = (complete + len(whole), written + whole.count(b"\n"))
                        if complete + len(whole) < size:
                            os.ftruncate(self._fd, complete + len(whole))
                    os.fsync(self._fd)
            finally:
                os.close(self._fd)
        if self._file is not None:
            self._file.__exit__(*exc)
        elif self.fmt == "table" and (self.rows or exc[0] is None):
            from framing.cli.display import score_table

            text = score_table(self.rows, to_string=self.path is not None)
            if self.path:
                write_atomic(self.path, text)
        return False
