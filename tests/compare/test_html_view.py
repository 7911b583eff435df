"""The annotated HTML view (issue #14): it parses, every mark is the text at its offsets, nested
marks are split right, every source and figure of the tables links to its mentions, the colours
pass WCAG AA, and the commands write it."""
import json
import re
from importlib.resources import files

import pytest
from typer.testing import CliRunner

from framing.cli.app import app
from framing.compare.comparison import compare, row_key, score_paths, source_keys
from framing.compare.html_view import Mark, clean, render_articles, render_comparison, segments

from tests.conftest import EXAMPLES, shared_path
from tests.robustness.safety import assert_html_safe

runner = CliRunner()
STAMP = "2026-01-01 00:00 UTC"


@pytest.fixture(scope="module")
def scorer():
    from framing.api import Scorer

    return Scorer()


def _view(scorer, paths):
    records, texts, failed = score_paths(scorer, paths)
    comparison = compare(records, texts, scorer.lexicon, failed, scorer.model_info())
    return comparison, records, texts, render_comparison(comparison, records, texts, "T", STAMP)


@pytest.fixture(scope="module")
def examples(scorer):
    return _view(scorer, [str(EXAMPLES)])


def _marks(col):
    """(classes, start, end, text) of each mark of an article column."""
    return [(set(el.get("class").split()), int(el.get("data-start")), int(el.get("data-end")), "".join(el.itertext()))
            for el in col.iter("span") if "m" in el.get("class", "").split()]


def _columns(doc):
    return [el for el in doc.iter("article") if "col" in el.get("class", "").split()]


def _covered(marks, cls) -> set[int]:
    return {i for c, a, b, _ in marks if cls in c for i in range(a, b)}


def _in_sentences(record, a, b) -> set[int]:
    """The characters of [a, b) inside the record's sentences (marks are cut at sentence ends)."""
    return {i for s in record["sentences"] for i in range(max(a, s["start"]), min(b, s["end"]))}


def check_marks(page, records, texts, comparison=None):
    """Every mark is the text at its offsets, and each record's spans are marked exactly."""
    doc = assert_html_safe(page)
    cols = _columns(doc)
    assert len(cols) == len(records)
    outlets = [a["outlet"] for a in comparison["articles"]] if comparison else None
    remap = source_keys(records)
    rows = {r["key"]: n for n, r in enumerate(comparison["sources"])} if comparison else None
    for k, (col, r, text) in enumerate(zip(cols, records, texts)):
        marks = _marks(col)
        for _c, a, b, shown in marks:
            assert shown == clean(text[a:b]), (a, b, shown)
        for s in col.iter("span"):  # each sentence shows all of its text, once
            if s.get("class") == "t" and s.get("data-start"):
                assert "".join(s.itertext()) == clean(text[int(s.get("data-start")):int(s.get("data-end"))])
        want_quotes = set().union(*(_in_sentences(r, q["start"], q["end"]) for q in r["quotes"]))
        assert _covered(marks, "q") == want_quotes
        loaded = [e for s in r["sentences"] for e in s["evidence"] if e["category"] in ("loaded", "intensifier")]
        for cls, quoted in (("ld", False), ("lq", True)):
            assert _covered(marks, cls) == set().union(
                *(_in_sentences(r, e["start"], e["end"]) for e in loaded if e["in_quote"] == quoted))
        if rows is not None:
            by_row: dict[int, set] = {}
            for att in r["attributions"]:
                if att["source"] and att["source_text"]:
                    n = rows[row_key(att, outlets[k], remap)]
                    by_row.setdefault(n, set()).update(_in_sentences(r, *att["source"]))
            assert {n: _covered(marks, f"src-{n}") for n in by_row} == by_row
            assert not _covered(marks, "src") - set().union(*by_row.values())
    return doc


def test_the_examples_page_parses_and_every_mark_is_its_text(examples):
    comparison, records, texts, page = examples
    doc = check_marks(page, records, texts, comparison)
    marks = [m for col in _columns(doc) for m in _marks(col)]
    for cls in ("ld", "hg", "q", "src", "un", "fig", "cv"):  # each kind of mark is there in the examples
        assert any(cls in c for c, *_ in marks), cls
    assert any({"lq", "q"} <= c for c, *_ in marks) or not any(e["in_quote"] for r in records for s in r["sentences"]
                                                               for e in s["evidence"] if e["category"] == "loaded")


def test_every_source_and_figure_links_to_its_mentions(examples):
    comparison, records, texts, page = examples
    doc = assert_html_safe(page)
    ids = {el.get("id"): el for el in doc.iter() if el.get("id")}
    cited = next(s for s in doc.iter("section") if s.get("id") == "who-is-cited")
    links = [a.get("href")[1:] for a in cited.iter("a")]
    assert links == [f"src-{n}" for n in range(len(comparison["sources"]))]
    figures = next(s for s in doc.iter("section") if s.get("id") == "figures-and-claims")
    fig_links = {a.get("href")[1:] for a in figures.iter("a")}
    assert fig_links == {f"fig-{n}" for n in range(len(comparison["figures"]))}
    marked = {c for col in _columns(doc) for cs, *_ in _marks(col) for c in cs}
    body = [el for el in doc.iter("div") if el.get("class") == "cols"][0]
    for target in [*links, *fig_links]:
        assert target in marked, f"{target}: no mention is marked"
        anchor = ids[target]  # the link's target: an anchor just before the first mention, in the articles
        assert anchor.get("class") == "anchor" and anchor in body.iter("span")
    assert len([el for el in doc.iter() if el.get("id")]) == len(ids), "an id used twice"


def test_figures_are_marked_where_the_comparison_says(examples):
    comparison, records, texts, page = examples
    cols = _columns(assert_html_safe(page))
    outlets = [a["outlet"] for a in comparison["articles"]]
    for n, g in enumerate(comparison["figures"]):
        for f in g["figures"]:
            k = outlets.index(f["outlet"])
            assert set(range(f["start"], f["end"])) <= _covered(_marks(cols[k]), f"fig-{n}")
            assert texts[k][f["start"]:f["end"]] == f["text"]


def test_nested_marks_become_flat_pieces_with_all_their_marks():
    # a loaded word inside a quotation inside an attribution's source span
    att, quote, word = Mark(0, 30, "src"), Mark(5, 25, "q"), Mark(10, 15, "ld")
    pieces = segments(0, 40, [word, att, quote])
    assert [(a, b, {m.cls for m in on}) for a, b, on in pieces] == [
        (0, 5, {"src"}), (5, 10, {"src", "q"}), (10, 15, {"src", "q", "ld"}), (15, 25, {"src", "q"}),
        (25, 30, {"src"}), (30, 40, set())]
    # cut at the sentence's bounds; empty and outside marks dropped
    assert segments(12, 20, [word, Mark(50, 60, "x"), Mark(14, 14, "y")]) == [(12, 15, [word]), (15, 20, [])]


def test_a_quotation_with_a_loaded_word_in_a_real_article(scorer):
    text = ('The minister said "this shameful cover-up must end" on Monday. '
            'Officials said the dam held, according to the regional water authority.')
    from framing.types import Article

    recs = list(scorer.score([Article("a", text, outlet="A"), Article("b", text.upper()[:40] + " held.", outlet="B")]))
    page = render_articles(recs[:1], [text], STAMP)
    doc = check_marks(page, recs[:1], [text])
    marks = _marks(_columns(doc)[0])
    assert any({"lq", "q"} <= c and t == "shameful" for c, _a, _b, t in marks), marks
    assert any("src" in c and t == "The minister" for c, _a, _b, t in marks), marks


def _css_vars():
    css = files("framing").joinpath("resources/view.css").read_text()
    root = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def _luminance(hex_colour: str) -> float:
    def channel(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(hex_colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_passes_wcag_aa():
    v = _css_vars()
    fgs = {k: c for k, c in v.items() if k.startswith("fg")}
    bgs = {k: c for k, c in v.items() if k.startswith("bg")}
    lines = {k: c for k, c in v.items() if k.startswith("line")}
    assert len(fgs) >= 3 and len(bgs) >= 8 and len(lines) >= 8
    for f, fc in fgs.items():  # any text on any mark's background: 4.5:1 (1.4.3)
        for b, bc in bgs.items():
            assert contrast(fc, bc) >= 4.5, (f, b, round(contrast(fc, bc), 2))
    for k, c in lines.items():  # underlines, boxes and bars against the page and the panel: 3:1 (1.4.11)
        assert min(contrast(c, v["bg-page"]), contrast(c, v["bg-panel"])) >= 3, k
    assert contrast("#777777", "#ffffff") < 4.5  # the check can fail


def test_compare_writes_html_for_an_html_output(tmp_path):
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-o", str(out), "--timestamp", STAMP])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    doc = assert_html_safe(page)
    assert len(_columns(doc)) == 3 and "Who is cited" in page and "The Daily Clarion" in page
    r = runner.invoke(app, ["compare", str(EXAMPLES), "--format", "html", "--timestamp", STAMP])
    assert r.exit_code == 0 and r.stdout == page  # the same page on standard output, the same bytes


def test_compare_html_embeds_the_chart(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-o", str(out), "--chart", "--timestamp", STAMP])
    assert r.exit_code == 0, r.output
    imgs = list(assert_html_safe(out.read_text()).iter("img"))
    assert len(imgs) == 1 and imgs[0].get("src").startswith("data:image/png;base64,iVBOR")


def test_analyze_html_one_article_and_the_ones_not_shown(tmp_path):
    r = runner.invoke(app, ["analyze", str(EXAMPLES / "daily-clarion.md"), "--format", "html"])
    assert r.exit_code == 0, r.output
    doc = assert_html_safe(r.stdout)
    (col,) = _columns(doc)
    marks = _marks(col)
    assert any("ld" in c and t == "shameful" for c, _a, _b, t in marks)
    assert any("src" in c for c, *_ in marks)  # sources come from the scored record
    assert [el for el in doc.iter("span") if el.get("class") == "bars"]
    assert "<title>DAM DISASTER" in r.stdout
    german = tmp_path / "de.txt"
    german.write_text("Die Regierung hat am Montag erklärt, dass der Damm gehalten hat und dass die Bewohner "
                      "der Stadt nicht in Gefahr sind, wie die Behörde mitteilte.")
    r = runner.invoke(app, ["analyze", str(german), str(tmp_path / "missing.txt"), "--format", "html"])
    assert r.exit_code == 1 and "missing.txt: error" in r.stderr and "shown with its evidence, unscored" in r.stderr
    (col,) = _columns(assert_html_safe(r.stdout))  # the German text, shown without bars
    assert "Die Regierung" in "".join(col.itertext()) and 'class="bars"' not in r.stdout


def test_the_json_of_a_comparison_has_no_html_links():
    r = runner.invoke(app, ["compare", str(EXAMPLES), "--timestamp", STAMP])
    assert r.exit_code == 0 and "](#src-" not in r.stdout and "](#fig-" not in r.stdout
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-f", "json", "--timestamp", STAMP])
    assert "#src-" not in json.dumps(json.loads(r.stdout))


def test_the_seed_comparison_view(scorer):
    seeds = sorted(map(str, shared_path("seeds").glob("*.txt")))
    comparison, records, texts, page = _view(scorer, seeds)
    check_marks(page, records, texts, comparison)
