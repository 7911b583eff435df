"""Plain text articles, captions, and the wording of the report and terminal table (issue 16)."""
import json
import re
import tomllib

from typer.testing import CliRunner

from framing.evidence.analysis import analyze
from framing.cli.app import app
from framing.compare.comparison import default_outlet, distinctive_terms
from framing.evidence.lexicon import load_lexicon
from framing.compare.report import _voice
from framing.text.document import is_credit, parse
from framing.types import Article

from tests.conftest import EXAMPLES, ROOT

runner = CliRunner()
STAMP = "2026-01-01 00:00 UTC"


def test_captions_and_credits_are_marked():
    text = ("Troops cross a bridge near the front line, Ukraine. Photo: Handout/Reuters\n\n"
            "The army said it had advanced, a claim Reuters could not verify.\n\n"
            "A soldier rests. Jo Bloggs/Getty Images\n\n"
            "Officials told Reuters the talks would go on. (© Example Media Ltd 2022)")
    doc = parse(text)
    caption = [s.text for s in doc.sentences if s.is_caption]
    assert caption == ["Troops cross a bridge near the front line, Ukraine.", "Photo: Handout/Reuters",
                       "A soldier rests.", "Jo Bloggs/Getty Images", "(© Example Media Ltd 2022)"]
    assert is_credit("Getty Images") and not is_credit("The ministry told Reuters.")


def test_caption_words_are_no_evidence_and_a_headline_first_line_is_the_title():
    text = ("Dam bursts in the valley\n\nResidents wait for a government handout. Photo: Handout/Reuters\n\n"
            "Officials handed out shameful handouts, critics said.")
    a = analyze(Article("x.txt", text))
    assert a.article.title == "Dam bursts in the valley"
    caption_sentences = {s.index for s in a.document.sentences if s.is_caption}
    assert caption_sentences and not any(e.sentence in caption_sentences for e in a.evidence)
    assert any(e.text.lower() == "shameful" for e in a.evidence)  # outside the caption, still found


def test_like_is_a_hedge_only_where_it_hedges():
    lex = load_lexicon()

    def hedges(t):
        return [e.text for e in lex.match(parse(t)) if e.category == "hedge"]
    assert hedges("They fought like lions, and he would like a ceasefire.") == []
    assert hedges("Rain is likely tonight.") == ["likely"]
    assert hedges("Something like 300 people came.") == ["Something like"]


def test_loaded_sentence_voice_is_said_once():
    assert _voice({"loaded_prob": 0.97, "authorial_loaded_prob": 0.97, "quoted_share": 0.0}) == "P=0.97, own voice"
    assert _voice({"loaded_prob": 0.88, "authorial_loaded_prob": 0.9, "quoted_share": 0.3}) == \
        "P=0.88, partly quoted (0.90 without the quotations)"
    assert _voice({"loaded_prob": 0.6, "authorial_loaded_prob": 0.1, "quoted_share": 0.9}).startswith("P=0.60, quoted (")


def test_distinctive_wording_leaves_out_outlet_names_bylines_and_datelines():
    texts = ["By Jane Roe\n\nLONDON (Fox News) — Fox News has learned the budget vote failed. Fox News viewers "
             "were told the budget vote failed again, Fox reported.",
             "The council budget vote failed on Tuesday after a long debate about roads and the budget.",
             "Councillors rejected the budget in a vote on Tuesday; roads funding was the sticking point."]
    records = [{"outlet": "Fox News", "author": "Jane Roe"}, {"outlet": "Daily Post"}, {"outlet": "Wire"}]
    terms = [t["term"] for t in distinctive_terms(records, texts, load_lexicon(), outlets=["Fox News", "Daily Post", "Wire"])[0]]
    assert terms and not any(w in t.split() for t in terms for w in ("fox", "news", "jane", "roe", "london"))


def test_default_outlet_is_the_file_stem_without_a_hash():
    assert default_outlet("seeds/000_3943de72d034b9cf.txt") == "000"
    assert default_outlet("data/daily-clarion.md") == "daily-clarion"
    assert default_outlet("news_2024_report.txt") == "news 2024 report"


def _copy_plain(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, f in enumerate(sorted(EXAMPLES.glob("*.md"))):
        body = f.read_text("utf-8").split("---", 2)[2].lstrip()  # front matter off: plain text
        (src / f"{i:03d}_3943de72d034b9c{i}.txt").write_text(body, "utf-8")
    return src


def test_outlets_from_the_option_from_a_sidecar_and_by_default(tmp_path):
    src = _copy_plain(tmp_path)
    r = runner.invoke(app, ["compare", str(src), "-f", "json", "--timestamp", STAMP])
    data = json.loads(r.stdout)
    assert [a["outlet"] for a in data["articles"]] == ["000", "001", "002"]
    assert all(a["title"] for a in data["articles"])  # each opens with its headline
    (src / "outlets.tsv").write_text("000_3943de72d034b9c0.txt\tClarion\n001_3943de72d034b9c1.txt\tMeridian\n")
    r = runner.invoke(app, ["compare", str(src), "-f", "json", "--timestamp", STAMP])
    assert [a["outlet"] for a in json.loads(r.stdout)["articles"]] == ["Clarion", "Meridian", "002"]
    r = runner.invoke(app, ["compare", str(src), "-f", "json", "--outlet", "A", "--outlet", "B"])
    assert [a["outlet"] for a in json.loads(r.stdout)["articles"]] == ["A", "B", "002"]
    r = runner.invoke(app, ["compare", str(src), "--outlet", "A", "--outlet", "B", "--outlet", "C", "--outlet", "D"])
    assert r.exit_code == 2 and "4 outlet names" in r.stderr
    (src / "outlets.tsv").write_text("no tab here\n")
    r = runner.invoke(app, ["compare", str(src)])
    assert r.exit_code == 2 and "outlets.tsv:1" in r.stderr and "Traceback" not in r.output


def test_terminal_table_and_report_count_sources_alike(tmp_path):
    from framing.api import Scorer
    from framing.cli.display import score_table

    records = list(Scorer().score_paths([str(EXAMPLES)]))
    table = score_table(records, to_string=True, width=80)
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-f", "json", "--timestamp", STAMP])
    for a in json.loads(r.stdout)["articles"]:
        row = next(line for line in table.splitlines() if a["outlet"].split()[0] in line)
        assert f"{a['named_sources']} / {a['unnamed_sources']}" in row


def test_score_table_fits_80_columns_and_cuts_no_header():
    from framing.api import Scorer
    from framing.cli.display import COLUMNS, score_table

    table = score_table(list(Scorer().score_paths([str(EXAMPLES)])), to_string=True, width=80)
    lines = table.splitlines()
    assert max(map(len, lines)) <= 80 and "…" not in table
    head = " ".join(lines[:lines.index(next(x for x in lines if "───" in x))])
    for header, _just, _w in COLUMNS:
        for word in header.split():
            assert re.search(rf"(?<!\S){re.escape(word)}(?!\S)", head), word


def test_demo_report_is_the_golden_report_and_make_demo_writes_it_unchanged():
    assert (ROOT / "reports" / "example.md").read_bytes() == (ROOT / "tests" / "golden" / "example.md").read_bytes()
    make = (ROOT / "Makefile").read_text()
    assert f'--timestamp "{STAMP}"' in make and "-o reports/example.md" in make


def test_install_metadata_has_no_deprecated_licence_table_and_readme_says_how_long_evaluate_takes():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(meta["project"]["license"], str)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(r"evaluate.{0,300}\d+\s*min", readme, re.S)


def test_analyze_shows_captions_as_such(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Dam bursts in the valley\n\nResidents wait for a handout. Photo: Handout/Reuters\n\n"
                 "Officials said the dam had failed after heavy rain.\n")
    r = runner.invoke(app, ["analyze", str(p)])
    lines = r.stdout.splitlines()
    assert any("caption Photo: Handout/Reuters" in x for x in lines)
    assert not any("caption Officials" in x for x in lines)
    r = runner.invoke(app, ["analyze", str(p), "--format", "json"])
    rec = json.loads(r.stdout)
    assert rec["title"] == "Dam bursts in the valley"
    assert [s["caption"] for s in rec["sentences"]] == [False, True, True, False]
