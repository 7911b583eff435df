"""Issue 6, item 6: output safety. Spreadsheet formulas in CSV cells are neutralised, article text
in Markdown reports is escaped, and nothing from the input drives the terminal."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from framing.cli.app import app
from framing.compare.comparison import compare
from framing.cli.output import CSV_COLUMNS, ScoreWriter, csv_safe
from framing.compare.report import md, render
from framing.types import Article

from .safety import assert_html_safe, assert_markdown_safe

runner = CliRunner()
GOOD = "Officials said the dam held on Monday, according to the regional water authority."
HOSTILE = [
    "| a | b | c |", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "![pixel](http://evil.example/p.png)", "`code` **bold** _it_ ~~del~~", "# Heading\n## Another\n---\n> quote",
    "&lt;script&gt; &#60;b&#62;", "line\r\nbreak\u2028sep", "\x1b[31mred\x07\x00", "<!-- comment -->", "\\|escaped\\|",
    "\" onmouseover=\"alert(1)\" x=\"", "' autofocus onfocus='alert(1)",
]


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'])
def test_formula_cells_are_neutralised(cell):
    assert csv_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Plain", "1.5", "", " =1"])
def test_other_cells_are_left_alone(cell):
    assert csv_safe(cell) == cell
    assert csv_safe(3.5) == 3.5 and csv_safe(-2) == -2 and csv_safe(None) is None


def test_every_text_cell_of_a_csv_row_is_neutralised(scorer, tmp_path):
    (rec,) = scorer.score([Article(id="=id", text=GOOD, outlet="+outlet", title="-title")])
    assert rec["sourcing"]["sources"]
    rec["sourcing"]["sources"][0]["name"] = "@source"
    out = tmp_path / "o.csv"
    with ScoreWriter("csv", out) as w:
        w.write(rec)
        w.write({"id": "@err", "outlet": "=x", "schema_version": "1", "error": "-reason"})
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(rows[0]) == CSV_COLUMNS
    for row in rows:
        for k, v in row.items():
            assert not v.startswith(("=", "+", "@")) and not (v.startswith("-") and not _number(v)), (k, v)
    assert (rows[0]["id"], rows[0]["outlet"], rows[0]["title"]) == ("'=id", "'+outlet", "'-title")
    assert rows[0]["sources"].startswith("'@source") and rows[1]["error"] == "'-reason"


def _number(v):
    try:
        float(v)
        return True
    except ValueError:
        return False


def test_csv_through_the_cli(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "=cmd|' /C calc'!A0", "text": GOOD, "outlet": "@evil", "title": "+t"}) + "\n")
    r = runner.invoke(app, ["score", str(src), "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert r.exit_code == 0 and (row["id"], row["outlet"], row["title"]) == ("'=cmd|' /C calc'!A0", "'@evil", "'+t")


@pytest.mark.parametrize("text", HOSTILE)
def test_md_escapes_every_hostile_string(text):
    out = md(text)
    assert "\n" not in out and "\r" not in out
    assert_markdown_safe(f"| {out} | x |")


def test_a_report_of_hostile_articles_is_safe(scorer):
    arts = [Article(id=f"h{i}", text=f"{h} {GOOD} \u201c{h}\u201d, the minister said. The 3 km road {h} reopened.",
                    outlet=h, title=h) for i, h in enumerate(HOSTILE)]
    records = list(scorer.score(arts))
    assert all("framing_score" in r for r in records), [r.get("error") for r in records]
    comparison = compare(records, [a.text for a in arts], scorer.lexicon,
                         failed=[{"id": "<b>x</b>|", "error": "| <i>bad</i> `x`"}])
    report = render(comparison, "<h1>Title</h1> | x", "2026-01-01")
    assert_markdown_safe(report)
    assert "\\<script\\>alert(1)\\</script\\>" in report and "&amp;lt;script&amp;gt;" in report


def test_the_html_view_of_hostile_articles_is_inert(scorer):
    """Issue #14: every payload comes out as text: no script runs, no attribute breaks out, no
    javascript: link (assert_html_safe), and the payloads are there, shown as written."""
    from framing.compare.html_view import clean, render_articles, render_comparison

    arts = [Article(id=f"h{i}", text=f"{h} {GOOD} \u201c{h}\u201d, the minister said. The 3 km road {h} reopened.",
                    outlet=h, title=h) for i, h in enumerate(HOSTILE)]
    records = list(scorer.score(arts))
    texts = [a.text for a in arts]
    comparison = compare(records, texts, scorer.lexicon, failed=[{"id": "<b>x</b>|", "error": "\"><script>x()</script>"}])
    for page in (render_comparison(comparison, records, texts, "<h1>T</h1>\"'><script>alert(1)</script>", "<i>now"),
                 render_articles(records, texts, "<i>now")):
        doc = assert_html_safe(page)
        shown = "".join(doc.itertext())
        for h in HOSTILE:
            assert " ".join(clean(h).split()) in " ".join(shown.split()), h
        # no element made of the input's markup: "<img ...>", "<h1>", "<i>" stay text
        assert not list(doc.iter("img")) and len(list(doc.iter("h1"))) == 1
        assert all(el.get("class") in ("pl", "pa") for el in doc.iter("i"))


def test_the_compare_command_escapes_too(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"h{i}", "text": f"{GOOD} {h}", "outlet": h, "title": h}) + "\n"
                           for i, h in enumerate(HOSTILE[:4])))
    out = tmp_path / "r.md"
    r = runner.invoke(app, ["compare", str(src), "-o", str(out), "--timestamp", "T"])
    assert r.exit_code == 0, r.output
    assert_markdown_safe(out.read_text())


def test_terminal_output_shows_control_characters_and_markup_as_text(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "[bold]x\x1b]0;title\x07", "outlet": "[red]o",
                               "text": "Officials said \x1b[2Jthe \x0cdam held."}) + "\n")
    r = runner.invoke(app, ["analyze", str(src)])
    assert r.exit_code == 0 and "\x1b" not in r.output and "\x07" not in r.output
    assert "\u241b[2Jthe \u240cdam" in r.stdout  # shown as control pictures, one for one
    r = runner.invoke(app, ["score", str(src)])
    assert r.exit_code == 0 and "\x1b" not in r.output and "[bold]x" in r.stdout and "[red]o" in r.stdout
    r = runner.invoke(app, ["score", str(src), "--max-chars", "5"])
    assert r.exit_code == 1 and "\x1b" not in r.stderr and "[bold]x\u241b]0;title\u2407: error" in r.stderr
