"""``framing analyze``: each article's sentences with their evidence marked, as text, JSON or an HTML page."""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from framing.cli.common import (EXIT_OK, EXIT_SOME_FAILED, LexiconOpt, MaxCharsOpt, PathsArg, _err, _lexicon,
                                _scorer)


class AnalyzeFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


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
