"""Scored records (and their comparison) -> one self-contained annotated HTML page: the articles
side by side, each sentence with its evidence marked at its character offsets, and the Markdown
report (report.py) rendered beside them, its sources and figures linked to their mentions.

It reads what the library returned (records, comparison); it runs no analysis of its own. Every
string from the input is escaped (``_h``), and a Content-Security-Policy lets only this module's
own script run, so that a payload that slipped through could still not run. Returns a string;
writing it is writing.write_atomic's job.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html import escape
from importlib.resources import files

from framing.compare.comparison import outlet_names, row_key, source_keys, source_matrix

# Clicking a source or figure link marks all its mentions and their sentences, in every column
# (the link itself jumps to the first one, which :target outlines even without this script).
SCRIPT = """document.addEventListener("click", function (e) {
  var a = e.target.closest && e.target.closest('a[href^="#src-"], a[href^="#fig-"]');
  if (!a) return;
  var k = a.getAttribute("href").slice(1);
  document.querySelectorAll(".hit").forEach(function (x) { x.classList.remove("hit"); });
  document.querySelectorAll(".m." + k).forEach(function (x) {
    x.classList.add("hit"); x.closest(".s").classList.add("hit"); });
});"""
_CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()}'")

# HTML parse errors in text: C0/C1 controls (shown as control pictures, one for one, as on the
# terminal), lone surrogates (unwritable as UTF-8) and noncharacters (U+FFFD; report.md leaves
# them). Same length, so a mark's text is still text[start:end], character for character.
_BAD = re.compile("[\ud800-\udfff\ufdd0-\ufdef" + "".join(
    re.escape(chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF)) for p in range(17)) + "]")
_FFFD = "\ufffd"


def clean(text: str) -> str:
    from framing.text.printable import printable

    return _BAD.sub(_FFFD, printable(str(text)))


def _h(text) -> str:
    """Input-derived text or attribute value, escaped (quotes too)."""
    return escape(clean(text), quote=True)


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    cls: str          # CSS classes ("ld", "src src-3 un", "fig fig-2")
    note: str = ""    # shown on hover
    anchor: str = ""  # "src-3": the first mark of it on the page carries the id


_EVIDENCE = {"loaded": ("loaded term", "ld", "lq"), "intensifier": ("intensifier", "ld", "lq"),
             "hedge": ("hedge", "hg", "hg"), "verification_caveat": ("verification caveat", "cv", "cv")}


def article_marks(record: dict, sources: dict[str, tuple[int, dict]], outlet: str, remap: dict[str, str],
                  figures: list[tuple[int, dict, dict]]) -> list[Mark]:
    """The marks of one article: quotations, evidence, attributed sources (``sources``: row key ->
    (row number, row) of the source table) and figures ((group number, group, figure))."""
    marks = [Mark(q["start"], q["end"], "q", "direct quotation") for q in record.get("quotes", [])]
    for s in record["sentences"]:
        for e in s["evidence"]:
            if e["category"] in _EVIDENCE:
                what, own, quoted = _EVIDENCE[e["category"]]
                voice = "in a quotation: the speaker's" if e["in_quote"] else "the outlet's own voice"
                marks.append(Mark(e["start"], e["end"], quoted if e["in_quote"] else own,
                                  f"{what} ({voice}): {e['term']}"))
    for a in record.get("attributions", []):
        if not (a["source"] and a["source_text"]):
            continue
        n, row = sources[row_key(a, outlet, remap)]
        said = f"“{a['resolved_from']}” = {a['source_text']}" if a["resolved_from"] else a["source_text"]
        kind = a["kind"].replace("_", " ") + ("" if a["named"] else ", unnamed")
        quote = "direct quote" if a["direct"] else "paraphrase"
        marks.append(Mark(*a["source"], f"src src-{n}{'' if a['named'] else ' un'}",
                          f"source: {said} ({kind}; {quote}); in the table: {row['name']}", f"src-{n}"))
    for n, g, f in figures:
        marks.append(Mark(f["start"], f["end"], f"fig fig-{n}",
                          f"figure: {g['label']}: {f['display']}, from {f['claimant']}", f"fig-{n}"))
    return marks


def segments(start: int, end: int, marks: list[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """[start, end) cut where any mark begins or ends: (start, end, the marks covering it), the
    pieces in order and tiling the range. Overlapping and nested marks (a loaded word in a
    quotation in an attribution) become flat pieces that each carry all of theirs."""
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = sorted({start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)})
    return [(a, b, [m for m in inside if m.start <= a and m.end >= b]) for a, b in zip(cuts, cuts[1:])]


def _sentence(text: str, s: dict, marks: list[Mark], ids: set[str], new_paragraph: bool) -> str:
    cls = "s" + " p" * new_paragraph + " hl" * bool(s.get("headline")) + " cap" * bool(s.get("caption"))
    out = []
    for a, b, on in segments(s["start"], s["end"], marks):
        piece = _h(text[a:b])
        if not on:
            out.append(piece)
            continue
        anchors = list(dict.fromkeys(m.anchor for m in on if m.anchor and m.anchor not in ids))
        ids.update(anchors)
        notes = "; ".join(dict.fromkeys(m.note for m in on if m.note))
        out.append("".join(f'<span class="anchor" id="{x}"></span>' for x in anchors)
                   + f'<span class="m {" ".join(m.cls for m in on)}" data-start="{a}" data-end="{b}" '
                   f'title="{_h(notes)}">{piece}</span>')
    bars = ""
    if "loaded_prob" in s:
        pl, pa = s["loaded_prob"], s["attribution_prob"]
        bars = (f'<span class="bars" title="P(loaded language) {pl:.2f}, P(attribution) {pa:.2f}" role="img" '
                f'aria-label="P(loaded) {pl:.2f}, P(attribution) {pa:.2f}"><b><i class="pl" style="width:{100 * pl:.0f}%">'
                f'</i></b><b><i class="pa" style="width:{100 * pa:.0f}%"></i></b></span>')
    return (f'<div class="{cls}">{bars or "<span></span>"}'
            f'<span class="t" data-start="{s["start"]}" data-end="{s["end"]}">{"".join(out)}</span></div>')


def column(record: dict, text: str, outlet: str, marks: list[Mark], ids: set[str],
           row: dict | None = None) -> str:
    """One article: its outlet, title and scores, then its sentences with their marks."""
    title = (row or {}).get("title") or record.get("title") or ""
    if record["sentences"] and record["sentences"][0]["text"].strip() == title.strip():
        title = ""  # its headline opens the text below
    facts = [f"<b>{_h(record['date'])}</b>"] if record.get("date") else []
    if "framing_score" in record:
        facts.append(f"framing <b>{record['framing_score']:.1f}</b>, sourcing <b>{record['sourcing_score']:.1f}</b>")
    facts.append(f"{len(record['sentences'])} sentences")
    out = [f'<article class="col" aria-label="{_h(outlet)}"><h3>{_h(outlet)}</h3>',
           f'<p class="meta">{_h(title) + "<br>" if title else ""}{" · ".join(facts)}</p>']
    prev = 0
    for s in record["sentences"]:
        gap = text[prev:s["start"]]
        if gap.strip():  # text between sentences the splitter left out: shown, unmarked
            out.append(f'<div class="s p"><span></span><span class="t">{_h(gap.strip())}</span></div>')
        out.append(_sentence(text, s, marks, ids, "\n" in gap and prev > 0))
        prev = s["end"]
    out.append("</article>")
    return "\n".join(out)


LEGEND = """<section class="legend" id="legend" aria-label="legend"><b>Legend</b> (hover a mark for its details)<ul>
<li><span class="m ld">loaded term or intensifier</span> in the outlet's own voice (bold)</li>
<li><span class="m q">“a <span class="m lq q">loaded</span> word quoted”</span>: the speaker's words (bold, dashed box), in a direct quotation (tint)</li>
<li><span class="m hg">hedge</span> (italic, wavy underline)</li>
<li><span class="m cv">verification caveat</span> (double underline)</li>
<li><span class="m src">named source</span> (solid underline) · <span class="m src un">unnamed or vague source</span> (dashed)</li>
<li><span class="m fig">12 km</span>: a figure (dotted box)</li>
<li><span class="cap"><span class="t">Photo: a caption or credit</span></span> (grey, left out of the scores)</li>
<li>margin bars: <span class="nw"><span class="key pl"></span> P(loaded language)</span>, <span class="nw"><span class="key pa"></span> P(attribution)</span>, full width = 1</li>
<li><span class="m hit">clicked source or figure</span> in every column (red box)</li>
</ul></section>"""


def articles_section(records: list[dict], texts: list[str], outlets: list[str], comparison: dict | None = None) -> str:
    """The articles side by side, with the legend; sources and figures numbered as in the
    comparison's tables (the source table is made here when there is no comparison)."""
    # an article shown unscored (analysis.analysis_dict: not English) has evidence, but no attributions
    records = [r if "attributions" in r else {**r, "attributions": [], "sourcing": {"sources": []}} for r in records]
    remap = source_keys(records)
    rows = comparison["sources"] if comparison else source_matrix(records, outlets, remap)
    sources = {r["key"]: (n, r) for n, r in enumerate(rows)}
    figures = [(n, g, f) for n, g in enumerate(comparison["figures"] if comparison else []) for f in g["figures"]]
    art_rows = comparison["articles"] if comparison else [None] * len(records)
    ids: set[str] = set()
    cols = [column(r, t, o, article_marks(r, sources, o, remap, [x for x in figures if x[2]["outlet"] == o]), ids, row)
            for r, t, o, row in zip(records, texts, outlets, art_rows)]
    return (f'{LEGEND}\n<div class="cols" style="--n:{len(cols)}">\n' + "\n".join(cols) + "\n</div>")


def page(title: str, body: str) -> str:
    css = files("framing").joinpath("resources/view.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_h(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n{body}\n"
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


def render_comparison(comparison: dict, records: list[dict], texts: list[str], title: str, generated: str,
                      chart_png: bytes | None = None) -> str:
    """The HTML view of a comparison of ``records`` (whose article texts are ``texts``): the
    report's content, with the articles side by side after its summary."""
    from markdown_it import MarkdownIt

    from framing.compare.report import render

    chart = f"data:image/png;base64,{base64.b64encode(chart_png).decode()}" if chart_png else None
    # html=False: the Markdown's text is escaped already (report.md), and raw HTML stays text
    md = MarkdownIt("js-default")
    head, *parts = re.split(r"(?m)^(?=## )", render(comparison, title, generated, chart, anchors=True))
    headings = [p.split("\n", 1)[0][3:] for p in parts]  # the report's own words, none from the input
    sections = [(_slug(h), h, md.render(_BAD.sub(_FFFD, p))) for h, p in zip(headings, parts)]
    sections.insert(1, ("articles", "The articles side by side",
                        "<h2>The articles side by side</h2>\n"
                        + articles_section(records, texts, [a["outlet"] for a in comparison["articles"]], comparison)))
    nav = "".join(f'<li><a href="#{sid}">{_h(name)}</a></li>' for sid, name, _ in sections)
    body = (f'<header>{md.render(_BAD.sub(_FFFD, head))}</header>\n<nav aria-label="sections"><ol>{nav}</ol></nav>\n'
            + "\n".join(f'<section id="{sid}"{"" if sid == "articles" else " class=report"}>\n{html}</section>'
                        for sid, _, html in sections))
    return page(title, body)


def render_articles(records: list[dict], texts: list[str], generated: str) -> str:
    """The HTML view of single articles (``framing analyze --format html``), without a comparison."""
    outlets = outlet_names(records)
    title = records[0].get("title") or records[0]["id"] if len(records) == 1 else f"{len(records)} articles"
    body = (f"<header><h1>{_h(title)}</h1><p><em>Annotated by framing on {_h(generated)}.</em></p></header>\n"
            f'<section id="articles">{articles_section(records, texts, outlets)}</section>')
    return page(title, body)
