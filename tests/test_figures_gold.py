"""The figures gold set (invented articles written for this project, tests/fixtures/figures):
extraction and alignment must hold their thresholds, and every flagged disagreement be a true one."""
import json
from pathlib import Path

import pytest

from framing.figures.evaluate import evaluate

GOLD = Path(__file__).parent / "fixtures" / "figures"


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
