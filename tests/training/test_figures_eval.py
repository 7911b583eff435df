"""The figures gold set (invented articles written for this project, tests/fixtures/figures):
extraction and alignment must hold their thresholds, and every flagged disagreement be a true one."""
import json

import pytest

from framing.training.figures_eval import evaluate
from tests.conftest import TESTS, ROOT

GOLD = TESTS / "fixtures" / "figures"


@pytest.fixture(scope="module")
def result():
    return evaluate(GOLD)


def test_the_gold_set_is_big_enough():
    gold = json.loads((GOLD / "gold.json").read_text("utf-8"))
    assert len(gold["articles"]) >= 3
    assert sum(len(v) for v in gold["articles"].values()) >= 40
    assert gold["disagreements"]


def test_extraction_f1(result):
    ex = result["extraction"]
    assert ex["f1"] >= 0.90, (ex["missed"], ex["extra"])
    assert ex["restated_merged"] == ex["restated"] and ex["over_merged"] == 0


def test_pairwise_alignment_f1(result):
    al = result["alignment"]
    assert al["f1"] >= 0.85, (al["wrong_pairs"], al["missed_pairs"])


def test_every_flagged_disagreement_is_true(result):
    al = result["alignment"]
    assert al["flagged"] == al["flagged_true"], al["false_flags"]
    assert al["disagreements_found"] >= 1


# The held-out set of an independent annotator (tests/fixtures/figures_heldout), made a development set when its
# errors were fixed: 0.953 extraction F1, 0.710 alignment F1 and 0 of 3 disagreements before; 1.000, 0.985 and 3 of
# 3 after (bench/figures_eval.py; alignment 1.000 since the figures_blind2 fixes). Thresholds a little below.
HELDOUT = TESTS / "fixtures" / "figures_heldout"


@pytest.fixture(scope="module")
def heldout():
    return evaluate(HELDOUT)


def test_heldout_dev_set_extraction(heldout):
    ex = heldout["extraction"]
    assert ex["f1"] >= 0.97, (ex["missed"], ex["extra"])
    assert ex["restated_merged"] >= ex["restated"] - 1 and ex["over_merged"] == 0


def test_heldout_dev_set_alignment_and_flags(heldout):
    al = heldout["alignment"]
    assert al["f1"] >= 0.95, (al["wrong_pairs"], al["missed_pairs"])
    assert al["flagged"] == al["flagged_true"], al["false_flags"]
    assert al["disagreements_found"] == al["gold_disagreements"] == 3


def test_figures_eval_says_which_gold_mention_is_not_unique(tmp_path, capsys):
    import importlib.util

    for f in HELDOUT.glob("*.md"):
        (tmp_path / f.name).write_text(f.read_text("utf-8"), "utf-8")
    gold = json.loads((HELDOUT / "gold.json").read_text("utf-8"))
    gold["articles"]["explainer.md"][0]["mentions"][0][0] = "people"
    (tmp_path / "gold.json").write_text(json.dumps(gold), "utf-8")
    spec = importlib.util.spec_from_file_location("figures_eval", ROOT / "bench" / "figures_eval.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "explainer.md: gold mention 'people' occurs" in err and "Traceback" not in err


# A third set, written blind (its author saw neither the extractor nor the other sets' errors), measured
# once after the fixes above: extraction F1 0.934, alignment F1 0.854, 7 flags of which 2 true. Its errors
# were then fixed as classes (figures of another year, counts dated by their article, flags only for one
# kind and noun, cubic metres, "minus 2C", "two dozen were hurt", "count of X to N", water temperatures),
# so figures_blind is a development set now: 0.986, 0.968 (0.979 since the figures_blind2 fixes), 2 flags,
# both true (2 of its 4 disagreements found; the other two have claimants the attribution does not match).
# Thresholds a little below.
BLIND = TESTS / "fixtures" / "figures_blind"


@pytest.fixture(scope="module")
def blind():
    return evaluate(BLIND)


def test_blind_dev_set_extraction(blind):
    ex = blind["extraction"]
    assert ex["f1"] >= 0.97, (ex["missed"], ex["extra"])
    assert ex["restated_merged"] == ex["restated"] and ex["over_merged"] == 0


def test_blind_dev_set_alignment_and_flags(blind):
    al = blind["alignment"]
    assert al["f1"] >= 0.95, (al["wrong_pairs"], al["missed_pairs"])
    assert al["flagged"] == al["flagged_true"], al["false_flags"]
    assert al["disagreements_found"] >= 2


# A fourth set (a train derailment, three outlets, 84 figures, 5 gold disagreements), written blind and
# measured once with the code above: extraction F1 0.971, alignment F1 0.773 (precision 0.906, recall
# 0.674), no flags (no false one, none of its 5 disagreements found). Its errors were then fixed as classes
# (rail against air temperatures, "remained critical", "died in hospital" as its own count, far values of
# one specific thing or from one place, one value in two units, approximate figures near by their loose end,
# "which killed 14"), so figures_blind2 is a development set now: extraction 0.977, alignment 0.988
# (precision 1.000, recall 0.977), 1 flag, true (1 of 5 found). With the session-5 sourcing changes merged,
# the Blaze's "£25million fund" is the outlet's own ("unveiled" is no cue) and the Herald's fund is
# "the Transport Secretary"'s: alignment 0.964 (recall 0.930), no flag. Thresholds a little below.
BLIND2 = TESTS / "fixtures" / "figures_blind2"


def test_second_blind_dev_set():
    got = evaluate(BLIND2)
    assert got["extraction"]["f1"] >= 0.97, got["extraction"]["missed"]
    al = got["alignment"]
    assert al["f1"] >= 0.96, (al["wrong_pairs"], al["missed_pairs"])
    assert al["flagged"] == al["flagged_true"], al["false_flags"]
