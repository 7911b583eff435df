"""``framing score``: articles scored as a stream to a table, JSON Lines or CSV, with a progress bar,
--resume, worker processes or a Dask cluster, and a clear message when the output cannot be written."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from framing.cli.common import (EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, ForceOpt, FramingModelOpt, LexiconOpt,
                                MaxCharsOpt, PathsArg, SourcingModelOpt, Terminated, TrustOpt, _check_output,
                                _drop_stdout, _err, _scorer, _usage_error)


class ScoreFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Backend(str, Enum):
    local = "local"
    dask = "dask"


def score(
    paths: PathsArg,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="table: a summary on the terminal; jsonl: the full record per article (the contract in DESIGN.md); csv: one row of scores and components per article.")] = ScoreFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output (JSON Lines are appended line by line; see --resume).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="With -o FILE.jsonl: keep the records already in FILE and skip their ids.")] = False,
    framing_model: FramingModelOpt = None,
    sourcing_model: SourcingModelOpt = None,
    trust_model: TrustOpt = False,
    lexicon: LexiconOpt = None,
    max_chars: MaxCharsOpt = 2_000_000,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Score in this many worker processes (output keeps the input order).")] = 1,
    backend: Annotated[Backend, typer.Option("--backend", help="local: this machine, --jobs processes; dask: the workers of a running Dask cluster (needs --scheduler and pip install 'framing\\[dask]').")] = Backend.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="With --backend dask: the scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    force: ForceOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress bar on standard error.")] = False,
):
    """Score each article's framing and sourcing strength (0-100), with the evidence behind them.

    Input is read and output written as a stream, so memory stays flat on any number of articles;
    a progress bar (articles done, rate, time left) shows on a terminal.
    """
    from framing.read.inputs import count_records, read_inputs
    from framing.writing import is_special
    from framing.cli.output import NotOurOutput, OutputBusy, ScoreWriter

    if resume and (output is None or format is not ScoreFormat.jsonl or is_special(output)):
        raise _usage_error("--resume needs --format jsonl and -o FILE (a regular file)")
    if (backend is Backend.dask) != (scheduler is not None):
        raise _usage_error("--backend dask and --scheduler ADDRESS go together")
    _check_output(output, paths)
    scorer = _scorer(framing_model, sourcing_model, lexicon, trust_model, force)
    client = _dask_client(scheduler) if backend is Backend.dask else None
    try:
        writer = ScoreWriter(format.value, output, resume=resume)
    except OSError as exc:
        raise _usage_error(_cannot_write(output, exc)) from None
    except (NotOurOutput, OutputBusy) as exc:
        raise _usage_error(str(exc)) from None
    failed = 0
    show = not quiet and sys.stderr.isatty()
    total = count_records(paths) if show else None
    try:
        with writer, _ProgressBar(show, total and max(total - len(writer.done), 0)) as bar:
            records = (r for r in read_inputs(paths, max_chars=max_chars) if r.id not in writer.done)
            how = {"jobs": jobs, "backend": "dask" if client else None}
            # JSON Lines come encoded from the workers; the table and CSV need the records themselves
            results = (scorer.score_json(records, **how) if format is ScoreFormat.jsonl
                       else ((r, None) for r in scorer.score(records, **how)))
            for result, line in results:
                if "error" in result or "unscored" in result:
                    failed += 1
                    if not quiet:
                        bar.note(f"{result['id']}: " + (f"error: {result['error']}" if "error" in result else
                                                        f"not scored: {result['language']['reason']} (--force scores it)"))
                elif not quiet:
                    for w in result.get("warnings", []):
                        bar.note(f"{result['id']}: warning: {w}")
                if line is None:
                    writer.write(result)
                else:
                    writer.write_json(line)
                bar.advance()
    except OSError as exc:  # a full disk, a closed pipe: the output cannot be written
        raise _usage_error(_write_failed(output, format is ScoreFormat.jsonl, writer.written, exc)) from None
    except (KeyboardInterrupt, Terminated) as exc:
        if output is not None and format is not ScoreFormat.table:
            more = " (--resume carries on from there)" if format is ScoreFormat.jsonl else ""
            _err(f"Stopped after {writer.written:,} articles: {output} holds their records, whole{more}.")
        if isinstance(exc, Terminated):
            raise
        _err("Interrupted.")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if client is not None:
        client.close()
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _cannot_write(output: Path | None, exc: OSError, kept: str = "") -> str:
    if output is None:
        _drop_stdout()
    return f"cannot write {output or 'to standard output'}: {exc.strerror or exc}{kept}"


def _write_failed(output: Path | None, jsonl: bool, done: int, exc: OSError) -> str:
    """What failed, and what the output file now holds."""
    from framing.writing import is_special

    if output is None or is_special(output):
        return _cannot_write(output, exc)
    return _cannot_write(output, exc, f"; it holds the {done:,} records finished before, whole (--resume carries on)"
                         if jsonl else "; the file is as it was before this run")


class _ProgressBar:
    """Articles done, rate and time left on standard error when it is a terminal; else silent.
    ``note`` prints a message above the bar (or plainly, without one)."""

    def __init__(self, enabled: bool, total: int | None):
        self.enabled, self.total, self._bar = enabled, total, None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)

            self._bar = Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                                 TaskProgressColumn(show_speed=True), TextColumn("articles/s"),
                                 TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False)
            self._bar.__enter__()
            self._task = self._bar.add_task("score", total=self.total)
        return self

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def note(self, message: str) -> None:
        if self._bar is not None:
            from framing.text.printable import printable

            self._bar.console.print(printable(message), markup=False, highlight=False)
        else:
            _err(message)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False


def _dask_client(address: str):
    try:
        from dask.distributed import Client
    except ImportError:
        raise _usage_error("--backend dask needs Dask: pip install 'framing[dask]'") from None
    try:
        return Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise _usage_error(f"cannot reach the Dask scheduler at {address}: {exc}") from None
