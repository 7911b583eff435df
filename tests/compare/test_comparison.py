import os
import re
import shutil
import sys

import pytest

from typer.testing import CliRunner

from framing.cli.app import app
from framing.compare.comparison import outlet_names, unique_claims
from framing.compare.report import marked_sentence, md

from tests.conftest import EXAMPLES, TESTS, shared_path

runner = CliRunner()
GOLDEN = TESTS / "golden" / "example.md"
STAMP = "2026-01-01 00:00 UTC"


def test_example_report_matches_golden_file(tmp_path):
    out = tmp_path / "example.md"
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-o", str(out), "--timestamp", STAMP])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_same_inputs_same_bytes(tmp_path):
    outs = []
    for name in ("a.md", "b.md"):
        runner.invoke(app, ["compare", str(EXAMPLES), "-o", str(tmp_path / name), "--timestamp", STAMP])
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]


def test_json_format_carries_the_same_content():
    r = runner.invoke(app, ["compare", str(EXAMPLES), "--format", "json", "--timestamp", STAMP])
    assert r.exit_code == 0
    import json

    data = json.loads(r.stdout)
    assert [a["outlet"] for a in data["articles"]] == ["The Daily Clarion", "Meridian Wire", "Northgate Herald"]
    assert {"distinctive", "sources", "figures", "unique_claims", "loaded_sentences", "models"} <= set(data)


def test_fewer_than_two_articles_is_a_usage_error_that_says_what_was_left_out(tmp_path):
    r = runner.invoke(app, ["compare", str(EXAMPLES / "meridian-wire.md")])
    assert r.exit_code == 2 and "at least two" in r.stderr
    r = runner.invoke(app, ["compare", str(EXAMPLES / "meridian-wire.md"), str(tmp_path / "missing.txt")])
    assert r.exit_code == 2 and "got 1; left out:" in r.stderr and "missing.txt: no such file" in r.stderr


def test_unreadable_article_is_reported_and_the_rest_compared(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for f in EXAMPLES.iterdir():
        shutil.copy(f, src / f.name)
    (src / "broken_[1].txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "r.md"  # not in the input folder, where it would be read as an article
    r = runner.invoke(app, ["compare", str(src), "-o", str(out), "--timestamp", "<b>now</b>"])
    assert r.exit_code == 1
    text = out.read_text()
    (line,) = [x for x in text.splitlines() if x.startswith("> **Not compared:**")]
    assert "broken\\_\\[1\\].txt" in line and "binary file" in line and "`" not in line  # escaped, not in code
    assert "<b>" not in text and "\\<b\\>now" in text
    assert "| The Daily Clarion |" in text


def test_duplicate_outlets_are_disambiguated():
    names = outlet_names([{"id": "x/a.md", "outlet": "Herald"}, {"id": "y/b.md", "outlet": "Herald"},
                          {"id": "c.txt", "outlet": None}])
    assert names == ["Herald (a.md)", "Herald (b.md)", "c"]


def test_unwritable_output_is_a_clear_error_and_writes_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-o", str(blocker / "report.md")])
    assert r.exit_code == 2 and "cannot write" in r.stderr and "Traceback" not in r.output
    assert blocker.read_text() == "x"


def test_chart_without_matplotlib_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    out = tmp_path / "r.md"
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-o", str(out), "--chart"])
    assert r.exit_code == 0 and "pip install 'framing[chart]'" in r.stderr
    assert not (tmp_path / "r.png").exists() and out.exists()


def test_chart_with_matplotlib(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "r.md"
    r = runner.invoke(app, ["compare", str(EXAMPLES), "-o", str(out), "--chart"])
    assert r.exit_code == 0
    assert (tmp_path / "r.png").exists() and "![framing vs sourcing" in out.read_text()


def test_markdown_escaping_blocks_tables_and_html():
    assert md("a | b <script>x</script> *c*") == "a \\| b \\<script\\>x\\</script\\> \\*c\\*"
    s = {"text": "They <b>fled in panic</b> | reportedly.", "start": 10,
         "evidence": [{"start": 18, "end": 31, "category": "loaded"}, {"start": 38, "end": 48, "category": "hedge"}]}
    assert marked_sentence(s) == "They \\<b\\>**fled in panic**\\</b\\> \\| _reportedly_."


def test_seed_report_properties(tmp_path):
    seeds = shared_path("seeds")
    out = tmp_path / "seeds.md"
    r = runner.invoke(app, ["compare", *sorted(map(str, seeds.glob("*.txt"))), "-o", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    import json

    data = json.loads(out.read_text())
    arts = {a["outlet"][:3]: a for a in data["articles"]}
    assert max(arts, key=lambda k: arts[k]["framing_score"]) == "004"
    assert min(arts, key=lambda k: arts[k]["sourcing_score"]) == "004"
    rows = {s["name"]: s for s in data["sources"]}
    mod = [s for n, s in rows.items() if re.search(r"Ministry of Defence|MoD", n)]
    isw = [s for n, s in rows.items() if "Institute for the Study of War" in n]
    assert mod and isw
    mod_outlets, isw_outlets = set(mod[0]["by_outlet"]), set(isw[0]["by_outlet"])
    assert len(mod_outlets) == 1 and len(isw_outlets) == 1 and mod_outlets != isw_outlets


def test_unique_claims_of_articles_made_of_stop_words_are_none():
    """Found by the property tests: the TF-IDF vocabulary is empty when every word is a stop word."""
    sent = {"index": 0, "headline": False, "text": "The the the and of the to the of a."}
    assert unique_claims([{"sentences": [sent]}, {"sentences": [sent]}], ["A", "B"]) == [[], []]


def test_each_outlets_writer_is_its_own_row_even_when_typed_named():
    from framing.compare.comparison import row_key

    writer = {"group": "author:i", "named": True}
    assert row_key(writer, "A", {}) != row_key(writer, "B", {})
    named = {"group": "person:zelensky", "named": True}
    assert row_key(named, "A", {}) == row_key(named, "B", {})
