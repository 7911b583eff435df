"""``framing compare``: two or more outlets' articles on one event in a Markdown report, its data as
JSON, or its HTML view, with an optional framing-vs-sourcing chart."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from framing.cli.common import (EXIT_OK, EXIT_SOME_FAILED, ForceOpt, FramingModelOpt, LexiconOpt, MaxCharsOpt,
                                PathsArg, SourcingModelOpt, TrustOpt, _check_output, _err, _scorer, _usage_error)


class CompareFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    html = "html"


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
