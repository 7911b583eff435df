"""The ``framing`` command line: parse arguments, make one library call, present the result.

Heavy modules (NLTK, scikit-learn, trafilatura) are imported inside the commands so that
``framing --help`` stays fast.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="framing",
    help="Show, with evidence, how news outlets frame the same story and how well they source it.",
    no_args_is_help=True,
    add_completion=False,
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
    typer.echo(message, err=True)


def _usage_error(message: str) -> typer.Exit:
    _err(f"Error: {message}")
    return typer.Exit(EXIT_USAGE)


class AnalyzeFormat(str, Enum):
    text = "text"
    json = "json"


PathsArg = Annotated[list[str], typer.Argument(
    help="Article files (.txt, .md, .html, .jsonl, .json), directories (read recursively), or - for stdin.",
    show_default=False)]
LexiconOpt = Annotated[Optional[list[Path]], typer.Option(
    "--lexicon", "-l", help="An extra lexicon TSV (term, category, weight, match, note); may be repeated.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", min=1, help="Refuse articles longer than this many characters.")]


def _lexicon(paths):
    from .lexicon import LexiconError, load_lexicon

    try:
        return load_lexicon(tuple(str(p) for p in paths or ()))
    except LexiconError as exc:
        raise _usage_error(str(exc)) from None


@app.command(epilog="Example:  framing analyze data/examples/  |  framing analyze story.html --format json > story.jsonl")
def analyze(
    paths: PathsArg,
    format: Annotated[AnalyzeFormat, typer.Option("--format", "-f", help="text: coloured sentences with the evidence marked; json: one JSON object per article per line.")] = AnalyzeFormat.text,
    lexicon: LexiconOpt = None,
    max_chars: MaxCharsOpt = 2_000_000,
):
    """Show each article's sentences with loaded terms, hedges, attributions, source markers and quotes marked."""
    from .analysis import analysis_dict, analyze as run
    from .io import read_inputs
    from .types import ReadError

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
        if format is AnalyzeFormat.json:
            typer.echo(json.dumps(analysis_dict(result), ensure_ascii=False))
        else:
            from .display import print_analysis

            print_analysis(result)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


class ScoreFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


TrustOpt = Annotated[bool, typer.Option("--trust-model", help="Load a model that is neither bundled nor trained on this machine. joblib files can run code: only for models from a source you trust.")]


def _scorer(framing_model, sourcing_model, lexicon, trust):
    from .api import Scorer
    from .persist import ModelError

    try:
        return Scorer(framing_model, sourcing_model, lexicon=_lexicon(lexicon), trust=trust)
    except ModelError as exc:
        raise _usage_error(str(exc)) from None


@app.command(epilog="Examples:  framing score data/examples/  |  framing score articles.jsonl --format jsonl -o scores.jsonl  |  cat story.txt | framing score - --format csv")
def score(
    paths: PathsArg,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="table: a summary on the terminal; jsonl: the full record per article (the contract in DESIGN.md); csv: one row of scores and components per article.")] = ScoreFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output (JSON Lines are appended line by line; see --resume).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="With -o FILE.jsonl: keep the records already in FILE and skip their ids.")] = False,
    framing_model: Annotated[Optional[Path], typer.Option("--framing-model", help="Model folder for loaded-language probabilities (default: the bundled models/framing).")] = None,
    sourcing_model: Annotated[Optional[Path], typer.Option("--sourcing-model", help="Model folder for attribution probabilities (default: the bundled models/sourcing).")] = None,
    trust_model: TrustOpt = False,
    lexicon: LexiconOpt = None,
    max_chars: MaxCharsOpt = 2_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on standard error.")] = False,
):
    """Score each article's framing and sourcing strength (0-100), with the evidence behind them."""
    from .io import read_inputs
    from .output import ScoreWriter

    scorer = _scorer(framing_model, sourcing_model, lexicon, trust_model)
    if resume and (output is None or format is not ScoreFormat.jsonl):
        raise _usage_error("--resume needs --format jsonl and -o FILE")
    try:
        writer = ScoreWriter(format.value, output, resume=resume)
    except OSError as exc:
        raise _usage_error(f"cannot write {output}: {exc.strerror or exc}") from None
    failed = 0
    with writer:
        records = (r for r in read_inputs(paths, max_chars=max_chars) if r.id not in writer.done)
        for result in scorer.score(records):
            if "error" in result:
                failed += 1
                if not quiet:
                    _err(f"{result['id']}: error: {result['error']}")
            elif not quiet:
                for w in result.get("warnings", []):
                    _err(f"{result['id']}: warning: {w}")
            writer.write(result)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


class CompareFormat(str, Enum):
    markdown = "markdown"
    json = "json"


@app.command(epilog="Examples:  framing compare data/examples/ -o reports/example.md  |  framing compare a.html b.html c.txt --title 'Dam breach' --chart -o reports/dam.md")
def compare(
    paths: PathsArg,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here (atomically); default: standard output.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", "-t", help="Report title (default: the first article's title).")] = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="markdown: the report; json: the same content as data.")] = CompareFormat.markdown,
    chart: Annotated[bool, typer.Option("--chart", help="Also draw a framing-vs-sourcing scatter PNG next to the report (needs matplotlib: pip install 'framing[chart]').")] = False,
    timestamp: Annotated[Optional[str], typer.Option("--timestamp", help="Timestamp printed in the report (default: now, UTC); fix it for byte-identical reports.")] = None,
    framing_model: Annotated[Optional[Path], typer.Option("--framing-model", help="Framing model folder (default: bundled).")] = None,
    sourcing_model: Annotated[Optional[Path], typer.Option("--sourcing-model", help="Sourcing model folder (default: bundled).")] = None,
    trust_model: TrustOpt = False,
    lexicon: LexiconOpt = None,
    max_chars: MaxCharsOpt = 2_000_000,
):
    """Compare two or more outlets' articles on one event in a Markdown report."""
    import time as _time

    from .compare import CompareError, compare_paths
    from .report import render

    if chart and output is None:
        raise _usage_error("--chart needs -o FILE.md: the PNG is written next to the report")
    scorer = _scorer(framing_model, sourcing_model, lexicon, trust_model)
    try:
        comparison = compare_paths(scorer, paths, max_chars=max_chars)
    except CompareError as exc:
        raise _usage_error(str(exc)) from None
    for f in comparison["failed"]:
        _err(f"{f['id']}: error: {f['error']} (left out of the comparison)")
    stamp = timestamp or _time.strftime("%Y-%m-%d %H:%M UTC", _time.gmtime())
    chart_name = None
    if chart:
        from .chart import ChartUnavailable, scatter

        png = output.with_suffix(".png")
        try:
            scatter(comparison, png)
            chart_name = png.name
        except ChartUnavailable as exc:
            _err(f"warning: {exc}")
    title = title or next((a["title"] for a in comparison["articles"] if a["title"]), "Comparison")
    if format is CompareFormat.json:
        text = json.dumps({"title": title, "generated": stamp, **comparison}, ensure_ascii=False, indent=1) + "\n"
    else:
        text = render(comparison, title, stamp, chart_name)
    if output is None:
        sys.stdout.write(text)
    else:
        from .io import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            raise _usage_error(f"cannot write {output}: {exc.strerror or exc}") from None
        _err(f"wrote {output}")
    raise typer.Exit(EXIT_SOME_FAILED if comparison["failed"] else EXIT_OK)


def main() -> None:  # console-script entry point
    try:
        app()
    except KeyboardInterrupt:
        _err("Interrupted.")
        sys.exit(130)
