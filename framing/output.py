"""Write score records as JSON Lines, CSV or a terminal table.

JSON Lines to a file are written one whole line per ``write`` call, so an interrupted run
leaves only complete records, which ``--resume`` then skips; should a write be cut short, the
file is cut back to its last complete line on the way out. CSV rows stream to a temporary
file that replaces the target when the run ends (atomically). Both keep memory flat however
many articles pass; the terminal table keeps its rows (it is for a screenful).
"""
from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

from .io import atomic_output, is_special, write_atomic

CSV_COLUMNS = ["id", "outlet", "title", "framing_score", "sourcing_score", "words", "authorial_loaded_terms",
               "authorial_loaded_per_1000_words", "quoted_loaded_terms", "hedges", "attributed_share",
               "named_share", "independent_sources", "anonymous_share", "direct_quote_share",
               "verification_caveats", "sources", "error", "unscored"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> object:
    """Neutralise spreadsheet formulas: a text cell starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
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


def done_ids(path: Path) -> set[str]:
    """Ids of the records already in a JSON Lines output. A torn last line (no line feed: the run was
    stopped mid-write) is cut off; a whole line that is not a record means the file is something
    else, and nothing in it is touched."""
    ids = set()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ids
    good = 0
    for n, line in enumerate(data.splitlines(keepends=True), 1):
        if not line.endswith(b"\n"):
            break
        try:
            ids.add(str(json.loads(line)["id"]))
        except (ValueError, KeyError, TypeError):
            raise NotOurOutput(f"line {n} of {path} is not a framing record: --resume appends only to "
                               "framing score JSON Lines output") from None
        good += len(line)
    if good < len(data):  # cut the torn tail so appended lines start clean
        with open(path, "r+b") as f:
            f.truncate(good)
    return ids


class ScoreWriter:
    def __init__(self, fmt: str, path: Path | None, resume: bool = False):
        self.fmt, self.path = fmt, path
        self.done: set[str] = done_ids(path) if (resume and path) else set()
        self.rows: list[dict] = []
        self._fd = self._csv = self._file = None
        # a device or FIFO (-o /dev/null) is written in place: no cutting back, no fsync
        self._special = path is not None and is_special(path)
        if fmt == "jsonl" and path:
            if not self._special:
                path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if resume else os.O_TRUNC)
            self._fd = os.open(path, flags, 0o644)
            # bytes up to the last whole line
            self._complete = 0 if self._special else os.lseek(self._fd, 0, os.SEEK_END)
        elif fmt == "csv":
            if path:  # whole rows only, renamed over the target at the end, even when interrupted
                self._file = atomic_output(path, "w", keep_partial=True, encoding="utf-8", newline="")
                out = self._file.__enter__()
            else:
                out = sys.stdout
            self._csv = (out, csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"))
            self._csv[1].writeheader()

    def __enter__(self):
        return self

    def write(self, record: dict) -> None:
        if self.fmt == "jsonl":
            self.write_json(json.dumps(record, ensure_ascii=False))
        elif self.fmt == "csv":
            self._csv[1].writerow({k: csv_safe(v) for k, v in csv_row(record).items()})
        else:
            self.rows.append(record)

    def write_json(self, text: str) -> None:
        """One record already encoded as JSON (JSON Lines output only)."""
        # a lone surrogate (an Article made in code; the readers replace them) cannot be UTF-8:
        # written as the JSON escape \udcff, which reads back as the same string
        line = (text + "\n").encode("utf-8", "backslashreplace")
        if self._fd is not None:
            view = memoryview(line)
            while view:  # one write per complete line, unless the OS takes less
                view = view[os.write(self._fd, view):]
            self._complete += len(line)
        else:
            sys.stdout.buffer.write(line)
            sys.stdout.flush()

    def __exit__(self, *exc):
        if self._fd is not None:
            if not self._special:
                if os.fstat(self._fd).st_size > self._complete:  # interrupted mid-line
                    os.ftruncate(self._fd, self._complete)
                os.fsync(self._fd)
            os.close(self._fd)
        if self._file is not None:
            self._file.__exit__(*exc)
        elif self.fmt == "table" and (self.rows or exc[0] is None):
            from .display import score_table

            text = score_table(self.rows, to_string=self.path is not None)
            if self.path:
                write_atomic(self.path, text)
        return False
