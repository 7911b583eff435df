"""The ``framing`` command line: parse arguments, make one library call, present the result.

Heavy modules (NLTK, scikit-learn, trafilatura) are imported inside the commands so that
``framing --help`` stays fast.
"""
from __future__ import annotations

import errno
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from framing import __version__

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="framing",
    help="Show, with evidence, how news outlets frame the same story and how well they source it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool):
    if value:
        typer.echo(f"framing {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
):
    """Show, with evidence, how news outlets frame the same story and how well they source it."""


def _err(message: str) -> None:
    from framing.text.printable import printable  # ids and reasons come from the input: no raw control characters

    typer.echo(printable(message), err=True)


def _usage_error(message: str) -> typer.Exit:
    _err(f"Error: {message}")
    return typer.Exit(EXIT_USAGE)


class AnalyzeFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


PathsArg = Annotated[list[str], typer.Argument(
    help="Article files (.txt, .md, .html, .jsonl, .json), directories (read recursively), or - for stdin.",
    show_default=False)]
LexiconOpt = Annotated[Optional[list[Path]], typer.Option(
    "--lexicon", "-l", help="An extra lexicon TSV (term, category, weight, match, note); may be repeated.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", min=1, help="Refuse articles longer than this many characters.")]


def _lexicon(paths):
    from framing.evidence.lexicon import LexiconError, load_lexicon

    try:
        return load_lexicon(tuple(str(p) for p in paths or ()))
    except LexiconError as exc:
        raise _usage_error(str(exc)) from None


@app.command(epilog="Example:  framing analyze data/examples/  |  framing analyze story.html --format json > story.jsonl  |  framing analyze story.txt --format html > story.html")
def analyze(
    paths: PathsArg,
    format: Annotated[AnalyzeFormat, typer.Option("--format", "-f", help="text: coloured sentences with the evidence marked; json: one JSON object per article per line; html: one self-contained page with the articles annotated side by side (sources and sentence probabilities from the bundled models).")] = AnalyzeFormat.text,
    lexicon: LexiconOpt = None,
    max_chars: MaxCharsOpt = 2_000_000,
):
    """Show each article's sentences with loaded terms, hedges, attributions, source markers and quotes marked."""
    from framing.evidence.analysis import analysis_dict, analyze as run
    from framing.read.inputs import read_inputs
    from framing.read.language import check_language
    from framing.types import ReadError

    if format is AnalyzeFormat.html:
        raise typer.Exit(_analyze_html(paths, lexicon, max_chars))
    lex = _lexicon(lexicon)
    failed = 0
    for rec in read_inputs(paths, max_chars=max_chars):
        if isinstance(rec, ReadError):
            failed += 1
            _err(f"{rec.id}: error: {rec.error}")
            if format is AnalyzeFormat.json:
                typer.echo(json.dumps({"id": rec.id, "error": rec.error}, ensure_ascii=False))
            continue
        for w in rec.warnings:
            _err(f"{rec.id}: warning: {w}")
        result = run(rec, lex)
        lang = check_language(rec.text)  # shown, not refused: the offsets and quotes still hold
        if lang:
            _err(f"{rec.id}: warning: {lang['reason']}; the lexicons are English, so few terms will be marked")
        if format is AnalyzeFormat.json:
            typer.echo(json.dumps({**analysis_dict(result), **({"language": lang} if lang else {})}, ensure_ascii=False))
        else:
            from framing.cli.display import print_analysis

            print_analysis(result)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _analyze_html(paths: list[str], lexicon, max_chars: int) -> int:
    """``analyze --format html``: the articles scored (for their sources and probabilities) and
    shown in the annotated view; text that is not scored (not English) is shown with its evidence."""
    import time as _time

    from framing.evidence.analysis import analysis_dict, analyze as run
    from framing.compare.html_view import render_articles
    from framing.read.inputs import read_inputs
    from framing.types import ReadError

    scorer = _scorer(None, None, lexicon, False)
    records, texts, failed = [], [], 0
    for rec in read_inputs(paths, max_chars=max_chars):
        result = {"error": rec.error} if isinstance(rec, ReadError) else scorer.score_article(rec)
        if "error" in result:
            failed += 1
            _err(f"{rec.id}: error: {result['error']}")
            continue
        if "unscored" in result:
            _err(f"{rec.id}: warning: {result['language']['reason']}; shown with its evidence, unscored")
            result = analysis_dict(run(rec, scorer.lexicon))
        records.append(result)
        texts.append(rec.text)
    if records:
        sys.stdout.write(render_articles(records, texts, _time.strftime("%Y-%m-%d %H:%M UTC", _time.gmtime())))
    return EXIT_SOME_FAILED if failed else EXIT_OK


class ScoreFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Backend(str, Enum):
    local = "local"
    dask = "dask"


FramingModelOpt = Annotated[Optional[Path], typer.Option("--framing-model", help="Model folder for loaded-language probabilities (default: the bundled models/framing).")]
SourcingModelOpt = Annotated[Optional[Path], typer.Option("--sourcing-model", help="Model folder for attribution probabilities and source spans (default: the bundled models/sourcing).")]
TrustOpt = Annotated[bool, typer.Option("--trust-model", help="Load a model that is neither bundled nor trained on this machine. joblib files can run code: only for models from a source you trust.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Score articles that look mostly non-English too (flagged with a warning) instead of marking them unscored.")]


def _check_output(output: Path | None, paths: list[str]) -> None:
    """Refuse an output that cannot be written, or that is an input, before any work is done."""
    from framing.writing import output_problem

    problem = output and output_problem(output, paths)
    if problem:
        raise _usage_error(f"cannot write {output}: {problem}")


def _scorer(framing_model, sourcing_model, lexicon, trust, force=False):
    from framing.api import Scorer
    from framing.models.persist import ModelError

    try:
        scorer = Scorer(framing_model, sourcing_model, lexicon=_lexicon(lexicon), trust=trust, force=force)
    except ModelError as exc:
        raise _usage_error(str(exc)) from None
    from framing.api import tune_gc

    tune_gc()
    return scorer


@app.command(epilog="Examples:  framing score data/examples/  |  framing score articles.jsonl --format jsonl -o scores.jsonl --jobs 2  |  cat story.txt | framing score - --format csv  |  framing score corpus.jsonl -f jsonl -o out.jsonl --backend dask --scheduler tcp://10.0.0.5:8786")
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


def _drop_stdout() -> None:
    """Standard output failed: what is still buffered for it cannot be written either, and Python's
    flush at exit would print a traceback. It goes to /dev/null instead."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test runner's stream)
        pass


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


class CompareFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    html = "html"


@app.command(epilog="Examples:  framing compare data/examples/ -o reports/example.md  |  framing compare data/examples/ -o reports/example.html  |  framing compare a.html b.html c.txt --title 'Dam breach' --chart -o reports/dam.md")
def compare(
    paths: PathsArg,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here (atomically); default: standard output.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", "-t", help="Report title (default: the most neutrally worded headline among the articles).")] = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="markdown: the report; json: the same content as data; html: the report with the articles annotated side by side, one self-contained page (the default for -o FILE.html).")] = CompareFormat.markdown,
    chart: Annotated[bool, typer.Option("--chart", help="Also draw a framing-vs-sourcing scatter PNG next to the report (needs matplotlib: pip install 'framing\\[chart]').")] = False,
    timestamp: Annotated[Optional[str], typer.Option("--timestamp", help="Timestamp printed in the report (default: now, UTC); fix it for byte-identical reports.")] = None,
    outlet: Annotated[Optional[list[str]], typer.Option("--outlet", help="The outlet of each article, in input order; may be repeated. Default: an outlets.tsv beside the files ('file name<TAB>outlet' lines), the article's own metadata, else its file name.")] = None,
    framing_model: FramingModelOpt = None,
    sourcing_model: SourcingModelOpt = None,
    trust_model: TrustOpt = False,
    lexicon: LexiconOpt = None,
    max_chars: MaxCharsOpt = 2_000_000,
    force: ForceOpt = False,
):
    """Compare two or more outlets' articles on one event in a Markdown report (or its HTML view)."""
    import time as _time

    from framing.compare.comparison import CompareError, compare as run, score_paths
    from framing.compare.report import render

    if chart and output is None:
        raise _usage_error("--chart needs -o FILE.md: the PNG is written next to the report")
    if format is CompareFormat.markdown and output and output.suffix.lower() in (".html", ".htm"):
        format = CompareFormat.html
    _check_output(output, paths)
    scorer = _scorer(framing_model, sourcing_model, lexicon, trust_model, force)
    try:
        records, texts, failed = score_paths(scorer, paths, max_chars=max_chars, outlets=outlet)
        comparison = run(records, texts, scorer.lexicon, failed, scorer.model_info())
    except CompareError as exc:
        raise _usage_error(str(exc)) from None
    for f in comparison["failed"]:
        _err(f"{f['id']}: error: {f['error']} (left out of the comparison)")
    stamp = timestamp or _time.strftime("%Y-%m-%d %H:%M UTC", _time.gmtime())
    chart_name = None
    if chart:
        from framing.compare.chart import ChartUnavailable, scatter

        png = output.with_suffix(".png")
        try:
            scatter(comparison, png)
            chart_name = png.name
        except ChartUnavailable as exc:
            _err(f"warning: {exc}")
    titled = [a for a in comparison["articles"] if a["title"]]
    # default: the most neutrally worded headline among the articles
    title = title or (min(titled, key=lambda a: a["framing_score"])["title"] if titled else "Comparison")
    if format is CompareFormat.json:
        text = json.dumps({"title": title, "generated": stamp, **comparison}, ensure_ascii=False, indent=1) + "\n"
    elif format is CompareFormat.html:
        from framing.compare.html_view import render_comparison

        # the chart, if drawn, goes inside the page: one self-contained file
        png = output.with_suffix(".png").read_bytes() if chart_name else None
        text = render_comparison(comparison, records, texts, title, stamp, png)
    else:
        text = render(comparison, title, stamp, chart_name)
    if output is None:
        sys.stdout.write(text)
    else:
        from framing.writing import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            raise _usage_error(f"cannot write {output}: {exc.strerror or exc}") from None
        _err(f"wrote {output}")
    raise typer.Exit(EXIT_SOME_FAILED if comparison["failed"] else EXIT_OK)


class Task(str, Enum):
    framing = "framing"
    sourcing = "sourcing"


DataOpt = Annotated[Optional[list[Path]], typer.Option("--data", "-d", help="Your own labelled CSV/JSONL with 'text' and 'label' (0/1) columns; may be repeated. Default: the bundled recipe on ../shared/data.")]


def _progress(quiet: bool):
    import time as _time

    start = _time.perf_counter()

    def report(message: str) -> None:
        if not quiet:
            _err(f"[{_time.perf_counter() - start:6.1f}s] {message}")
    return report


@app.command(epilog="Examples:  framing train --task framing --out models/framing  |  framing train --task sourcing --data my_labels.csv --out models/my-sourcing --no-eval")
def train(
    task: Annotated[Task, typer.Option("--task", help="framing: loaded-language sentence model; sourcing: attribution sentence model.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model folder to write (model.joblib, meta.json, MODEL_CARD.md).")],
    data: DataOpt = None,
    evaluate_first: Annotated[bool, typer.Option("--eval/--no-eval", help="Measure held-out metrics first and store them in meta.json and the model card.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
):
    """Train a sentence model and save it with its metrics and model card."""
    from framing.training.datasets import DataError
    from framing.models.persist import ModelError
    from framing.training.recipes import train as run

    try:  # the data and --out are checked before any training
        meta = run(task.value, out, data=[str(d) for d in data or []], progress=_progress(quiet),
                   evaluate_after=evaluate_first,
                   metrics_report=Path("reports") / f"metrics-{task.value}.md" if evaluate_first and not data else None)
    except (DataError, ModelError) as exc:
        raise _usage_error(str(exc)) from None
    except OSError as exc:
        raise _usage_error(f"cannot save the model to {out}: {exc.strerror or exc}") from None
    typer.echo(f"saved {out} ({meta['size_bytes'] / 1e6:.1f} MB, trained in {meta['train_seconds']} s)")
    for name, m in meta["metrics"].items():
        typer.echo(f"  {name}: " + ", ".join(f"{k}={m[k]}" for k in ("macro_f1", "f1", "roc_auc", "spearman", "overlap_f1") if k in m))
    if not meta["metrics"]:
        typer.echo(f"  {meta['metrics_note']}")


@app.command(epilog="Examples:  framing evaluate --task framing  |  framing evaluate --task sourcing --model models/my-sourcing --data held_out.csv")
def evaluate(
    task: Annotated[Task, typer.Option("--task", help="framing or sourcing.")],
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Evaluate this saved model on --data (or the task's held-out set) instead of refitting the bundled recipe.")] = None,
    data: DataOpt = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Markdown file to write (default: reports/metrics-TASK.md for the bundled recipe; with --model or --data, standard output only).")] = None,
    trust_model: TrustOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
):
    """Measure honest held-out metrics (cross-validation, held-out topics and splits, out-of-domain data)."""
    import time as _time

    from framing.training.datasets import DataError
    from framing.writing import write_atomic
    from framing.models.persist import ModelError
    from framing.training.recipes import evaluate as run, metrics_markdown

    try:  # a given model is checked (hash, trust) before any other work
        result = run(task.value, data=[str(d) for d in data or []], model_dir=model, progress=_progress(quiet),
                     trust=trust_model)
    except (DataError, ModelError) as exc:
        raise _usage_error(str(exc)) from None
    text = metrics_markdown(result, _time.strftime("%Y-%m-%d %H:%M UTC", _time.gmtime()))
    # the recipe's report lives in reports/; a user's evaluation goes only where -o says
    path = output or (None if model or data else Path("reports") / f"metrics-{task.value}.md")
    if path is not None:
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise _usage_error(f"cannot write {path}: {exc.strerror or exc}") from None
    typer.echo(text)
    if path is not None:
        _err(f"wrote {path}")


EXIT_INTERNAL = 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so files are closed as on Ctrl-C. A BaseException
    that is not KeyboardInterrupt: no ``except Exception`` swallows it, and typer (which turns
    KeyboardInterrupt into exit 130) lets it through to main()."""


def _terminate(signum, frame):
    raise Terminated()


def install_signal_handlers() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    # Forked workers (--jobs) are stopped by their pool with SIGTERM: they must simply die. SIGTERM is
    # blocked across the fork: one arriving before the child resets its handler would otherwise be
    # swallowed (Python drops a pending signal whose handler became SIG_DFL) and the pool would wait
    # for that worker forever. It stays pending, and is delivered once unblocked.
    term = {signal.SIGTERM}
    os.register_at_fork(before=lambda: signal.pthread_sigmask(signal.SIG_BLOCK, term),
                        after_in_parent=lambda: signal.pthread_sigmask(signal.SIG_UNBLOCK, term),
                        after_in_child=lambda: (signal.signal(signal.SIGTERM, signal.SIG_DFL),
                                                signal.pthread_sigmask(signal.SIG_UNBLOCK, term)))


# errors writing the output that are the machine's, not framing's: a full disk or quota, a closed pipe
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE, errno.EIO}


def main() -> None:  # console-script entry point
    install_signal_handlers()
    try:
        app()
    except KeyboardInterrupt:  # typer exits 130 itself on Ctrl-C inside a command; this is outside one
        _err("Interrupted.")
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        _err("Terminated.")
        sys.exit(EXIT_TERMINATED)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise _internal_error(exc)
        # the machine's problem, not a bug: standard output on a full disk or a closed pipe, say
        _drop_stdout()
        _err(f"Error: cannot write the output: {exc.strerror or exc}")
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a bug, not bad input: say so plainly (FRAMING_DEBUG=1 shows the traceback)
        raise _internal_error(exc)


def _internal_error(exc: Exception) -> SystemExit:
    if os.environ.get("FRAMING_DEBUG"):
        raise exc
    _err(f"framing: internal error: {type(exc).__name__}: {exc}\n"
         f"Run again with FRAMING_DEBUG=1 for the traceback, and please report it.")
    return SystemExit(EXIT_INTERNAL)
