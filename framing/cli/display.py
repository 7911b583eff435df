"""Rich terminal views for the CLI. Only the CLI imports this module."""
from __future__ import annotations

import os

from rich.console import Console
from rich.text import Text

from framing.evidence.analysis import Analysis
from framing.text.printable import printable

STYLES = {
    "loaded": "bold red",
    "intensifier": "bold yellow",
    "hedge": "italic yellow",
    "attribution_cue": "cyan",
    "anonymous_source": "magenta",
    "verification_caveat": "bold green",
}
QUOTED = "underline"  # evidence inside a quotation: the speaker's words, not the outlet's

_console: Console | None = None

def console() -> Console:
    global _console
    if _console is None:
        _console = Console(highlight=False)
    return _console


def legend() -> Text:
    t = Text("legend: ")
    for cat, style in STYLES.items():
        t.append(cat, style=style)
        t.append("  ")
    t.append("quoted speech", style=QUOTED)
    return t


def print_analysis(a: Analysis) -> None:
    c = console()
    art = a.article
    head = Text(printable(art.id), style="bold")
    if art.outlet:
        head.append(f"  {printable(art.outlet)}", style="dim")
    if art.title:
        head.append(f"  {printable(art.title)}", style="italic")
    c.rule(head)
    by_sentence: dict[int, list] = {}
    for e in a.evidence:
        by_sentence.setdefault(e.sentence, []).append(e)
    for s in a.document.sentences:
        line = Text(printable(s.text))
        for q in a.document.quote_index.overlapping(s.start, s.end):
            line.stylize(QUOTED, max(q.start, s.start) - s.start, min(q.end, s.end) - s.start)
        tags = []
        for e in by_sentence.get(s.index, []):
            line.stylize(STYLES[e.category], e.start - s.start, e.end - s.start)
            tags.append(f"{e.category}{'(quoted)' if e.in_quote else ''}: {e.text}")
        mark = "caption " if s.is_caption else ""  # a photo caption or credit: shown, not scored
        c.print(Text(f"[{s.index:>3}] {mark}", style="dim") + line)
        if tags:
            c.print(Text(printable("      " + "; ".join(tags)), style="dim"))
    parts = []
    for cat, n in a.counts().items():
        parts.append(f"{cat} {n['authorial']}" + (f" (+{n['quoted']} quoted)" if n["quoted"] else ""))
    c.print(Text(f"{len(a.document.sentences)} sentences, {len(a.document.quotes)} quotations; " + ", ".join(parts), style="bold"))
    c.print(legend())


# (header, justify, narrowest width). Headers are short words and no column is narrower than its
# longest one, so on a narrow terminal rich wraps headers and cells at spaces instead of cutting
# them; the narrowest widths and the spaces between columns add up to 79, so 80 columns fit.
COLUMNS = (("article", "left", 13), ("outlet", "left", 7), ("framing", "right", 7), ("sourcing", "right", 8),
           ("loaded / 1k words", "right", 6), ("named / unnamed sources", "right", 7), ("top loaded terms", "left", 11))


def score_table(records: list[dict], to_string: bool = False, width: int | None = None) -> str:
    """A summary table of score records; printed, or returned as plain text (``width`` columns,
    default 160). Sources are counted as in the compare report (compare.source_counts)."""
    from rich import box
    from rich.table import Table

    from framing.compare.comparison import source_counts

    t = Table(title="framing scores", show_lines=False, box=box.SIMPLE_HEAD, pad_edge=False)
    for col, just, narrowest in COLUMNS:
        low = max(narrowest, *(len(w) for w in col.split()))
        # numbers never need more than their narrowest width; the text columns take what is left
        t.add_column(col, justify=just, min_width=low, max_width=low if just == "right" else None, overflow="fold")
    for r in records:
        # cells made of input text are Text, not strings, so "[bold]" in an id is not rich markup
        rid, outlet = Text(printable(_short(r["id"]))), Text(printable(r.get("outlet") or ""))
        if "error" in r or "unscored" in r:
            problem = f"error: {r['error']}" if "error" in r else f"not scored: {r['unscored']}"
            t.add_row(rid, outlet, "-", "-", "", "", Text(printable(problem), style="red"))
            continue
        terms = {}
        for s in r["sentences"]:
            for e in s["evidence"]:
                if e["category"] == "loaded" and not e["in_quote"]:
                    terms[e["text"].lower()] = terms.get(e["text"].lower(), 0) + 1
        top = ", ".join(sorted(terms, key=lambda k: -terms[k])[:5])
        named, unnamed = source_counts(r)
        t.add_row(rid, outlet, f"{r['framing_score']:.1f}", f"{r['sourcing_score']:.1f}",
                  f"{r['framing']['authorial_loaded_per_1000_words']:.1f}",
                  f"{named} / {unnamed}", Text(printable(top)))
    if to_string:
        c = Console(record=True, width=width or 160, file=open(os.devnull, "w"))
        c.print(t)
        return c.export_text()
    console().print(t)
    return ""


def _short(rid: str) -> str:
    """A file path id shown by its name; other ids as they are."""
    return os.path.basename(rid) if os.sep in rid else rid
