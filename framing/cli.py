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


def main() -> None:  # console-script entry point
    try:
        app()
    except KeyboardInterrupt:
        _err("Interrupted.")
        sys.exit(130)
