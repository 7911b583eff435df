"""Issue 6, item 2: text that is mostly not English is marked unscored, not given meaningless scores."""
import csv
import json

import pytest
from typer.testing import CliRunner

from framing.api import language_gate
from framing.cli.app import app
from framing.read.language import MIN_WORDS, check_language
from framing.types import Article

from ..conftest import EXAMPLES, shared_path
from .foreign import ENGLISH, ENGLISH_MIXED, FOREIGN, FOREIGN_HELD_OUT

runner = CliRunner()


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_foreign_paragraphs_are_flagged(code):
    found = check_language(FOREIGN[code])
    assert found is not None, code
    assert "not English" in found["reason"] and 0 <= found["english_share"] < 0.2


def test_held_out_foreign_paragraphs_are_mostly_flagged():
    caught = [c for c, t in FOREIGN_HELD_OUT.items() if check_language(t)]
    assert len(caught) >= 16, sorted(set(FOREIGN_HELD_OUT) - set(caught))  # Hungarian's "a" reads as English


def test_the_reason_names_the_language_or_script():
    assert "German" in check_language(FOREIGN["de"])["reason"]
    assert check_language(FOREIGN["ru"])["script"] == "Cyrillic"
    assert check_language(FOREIGN["ja"])["script"] == "Japanese"
    assert check_language(FOREIGN["ar"])["script"] == "Arabic"


@pytest.mark.parametrize("text", ENGLISH + ENGLISH_MIXED)
def test_english_with_names_numbers_emoji_and_borrowed_words_is_english(text):
    assert check_language(text) is None


def test_contract_checker_records_and_examples_are_english():
    for p in EXAMPLES.glob("*.md"):
        assert check_language(p.read_text("utf-8")) is None, p


def test_short_texts_are_never_flagged():
    assert check_language("Der Damm ist gebrochen.") is None
    assert check_language("大坝决堤") is None
    assert check_language("Плотина прорвалась в субботу") is None
    words = FOREIGN["fr"].split()
    assert check_language(" ".join(words[:MIN_WORDS - 1])) is None
    assert check_language("") is None and check_language("🎉 " * 50) is None and check_language("12 34 " * 50) is None


def test_a_list_of_names_is_not_a_foreign_language():
    names = ", ".join(["Anna Novak", "Tomas Rehak", "Dana Velk", "Jiri Brod", "Eva Marsh", "Karl Olsen"] * 3)
    assert check_language(f"The winners were {names}.") is None


def test_english_news_sentences_are_not_flagged():
    """False positives on real English: BABE sentences (as one-sentence articles) and PolNeAR dev articles."""
    from framing.training.datasets import load_polnear

    with open(shared_path("data", "babe", "final_labels_SG2.csv"), encoding="utf-8-sig", newline="") as f:
        babe = [row["text"] for row in csv.DictReader(f, delimiter=";")]
    polnear = [a.text for a in load_polnear("dev")]
    assert len(babe) > 3000 and len(polnear) > 50
    assert [t[:60] for t in babe + polnear if check_language(t)] == []


def test_gate_returns_an_unscored_record_or_the_forced_flag():
    art = Article(id="x", text=FOREIGN["es"], outlet="El Diario", title="Presa", warnings=("w0",))
    rec = language_gate(art, force=False)
    assert rec["unscored"] == "language" and rec["id"] == "x" and rec["outlet"] == "El Diario"
    assert rec["schema_version"] == "1" and "Spanish" in rec["language"]["reason"] and rec["warnings"] == ["w0"]
    forced = language_gate(art, force=True)
    assert "unscored" not in forced and forced["warnings"][0] == "w0"
    assert forced["warnings"][1].startswith("scored despite non-English text")
    assert language_gate(Article(id="e", text=ENGLISH[5]), force=False) is None


def test_scorer_marks_unscored_and_force_scores_flagged(scorer):
    import copy

    arts = [Article(id="en", text=ENGLISH[6]), Article(id="de", text=FOREIGN["de"])]
    en, de = scorer.score(arts)
    assert "framing_score" in en and "language" not in en
    assert de["unscored"] == "language" and "framing_score" not in de and "error" not in de
    forced = copy.copy(scorer)  # the same models, with force
    forced.force = True
    en2, de2 = forced.score(arts)
    assert en2 == en
    assert 0 <= de2["framing_score"] <= 100 and de2["language"] == de["language"]
    assert any("scored despite non-English text" in w for w in de2["warnings"])


def _jsonl(tmp_path, records):
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return p


def test_cli_score_exit_code_message_and_force(tmp_path):
    src = _jsonl(tmp_path, [{"id": "en", "text": ENGLISH[6]}, {"id": "ru", "text": FOREIGN["ru"]}])
    r = runner.invoke(app, ["score", str(src), "-f", "jsonl"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "ru: not scored: mostly not English" in r.stderr and "--force" in r.stderr
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x.get("unscored") for x in recs] == [None, "language"]
    r = runner.invoke(app, ["score", str(src), "-f", "csv"])
    rows = list(csv.DictReader(r.stdout.splitlines()))
    assert r.exit_code == 1 and rows[1]["unscored"] == "language" and rows[1]["framing_score"] == ""
    r = runner.invoke(app, ["score", str(src)])
    assert r.exit_code == 1 and "scored:" in r.stdout and "language" in r.stdout
    r = runner.invoke(app, ["score", str(src), "-f", "jsonl", "--force"])
    assert r.exit_code == 0 and "ru: warning: scored despite non-English text" in r.stderr
    assert all("framing_score" in json.loads(x) for x in r.stdout.splitlines())


def test_cli_compare_leaves_out_non_english_unless_forced(tmp_path):
    src = _jsonl(tmp_path, [{"id": "a", "text": ENGLISH[6], "outlet": "A"}, {"id": "b", "text": ENGLISH[8], "outlet": "B"},
                            {"id": "c", "text": FOREIGN["fr"], "outlet": "C"}])
    r = runner.invoke(app, ["compare", str(src), "--timestamp", "T"])
    assert r.exit_code == 1 and "Not compared" in r.stdout and "French" in r.stdout
    assert "| C |" not in r.stdout
    r = runner.invoke(app, ["compare", str(src), "--timestamp", "T", "--force"])
    assert r.exit_code == 0 and "| C |" in r.stdout


def test_cli_analyze_warns_on_non_english_and_still_shows_it(tmp_path):
    (tmp_path / "fr.txt").write_text(FOREIGN["fr"], encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH[0], encoding="utf-8")
    r = runner.invoke(app, ["analyze", str(tmp_path), "--format", "json"])
    assert r.exit_code == 0, r.output
    en, fr = (json.loads(line) for line in r.stdout.splitlines())
    assert "French" in fr["language"]["reason"] and fr["sentences"] and "language" not in en
    assert "fr.txt: warning: looks like French" in r.stderr and "en.txt" not in r.stderr


def test_the_all_latin_shortcut_measures_what_the_full_count_does(monkeypatch, seeds):
    """language._latin_share_if_all skips counting letters when none is outside the Latin blocks:
    every text gives the same finding with the shortcut as with the full count."""
    import framing.read.language as language

    texts = [*FOREIGN.values(), *FOREIGN_HELD_OUT.values(), *ENGLISH, *ENGLISH_MIXED, *seeds.values(),
             *(f.read_text(encoding="utf-8") for f in sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))),
             "“Quoted” — dashes… and ½ ² words only here now", "² ½ ³ ¼ ¾ ⁵ ⁶ ⁷ ⁸", "Ελληνικά κείμενα εδώ " * 3 + "and English",
             "Ünïcödé wörds, café, naïve, coöperate, résumé — all Latin here, says the writer", "日本 " * 20]
    fast = [check_language(t) for t in texts]
    shortcut = sum(language._latin_share_if_all(t[:language.SAMPLE_CHARS]) is not None for t in texts)
    monkeypatch.setattr(language, "_latin_share_if_all", lambda sample: None)
    assert [check_language(t) for t in texts] == fast
    assert shortcut > 50 and any(fast)  # both paths ran: the shortcut on most texts, the full count on others
