"""PTC as the framing model's news check: the loader (datasets.py) and the metrics (ptc.py)."""
import numpy as np
import pytest

from framing.datasets import DataError, load_ptc, ptc_sentences
from framing.ptc import ptc_metrics, span_density

from .conftest import shared_path

# A made-up article in PTC's layout: one sentence a line, blank lines between paragraphs.
TEXT = ("Council adopts the budget\n\nThe council adopted its budget on Monday.\n"
        "Critics called the plan a disgraceful giveaway to cronies.\n\nThe vote was 7 to 2.\n")


def _folder(tmp_path, labels):
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "articles" / "article1.txt").write_text(TEXT, "utf-8")
    (tmp_path / "labels" / "article1.task2-TC.labels").write_text(labels, "utf-8")
    return tmp_path


def test_lines_are_labelled_by_overlapping_loaded_spans(tmp_path):
    start = TEXT.index("disgraceful giveaway")
    other = TEXT.index("The vote")
    labels = (f"1\tLoaded_Language\t{start}\t{start + 20}\n"
              f"1\tName_Calling,Labeling\t{TEXT.index('cronies')}\t{TEXT.index('cronies') + 7}\n"
              f"1\tDoubt\t{other}\t{other + 8}\n")
    arts = load_ptc(_folder(tmp_path, labels))
    assert [a.name for a in arts] == ["1"] and len(arts[0].lines()) == 4  # blank lines are not units
    lines = ptc_sentences(arts)
    assert [s.label for s in lines] == [0, 0, 1, 0]  # 'Doubt' is not loaded language
    assert lines[2].words == ("disgraceful giveaway", "cronies") and lines[2].group == "1"
    assert span_density(arts[0]) == pytest.approx(2 / 4)


def test_malformed_label_line_names_file_and_line(tmp_path):
    with pytest.raises(DataError, match=r"article1.task2-TC.labels:2: expected"):
        load_ptc(_folder(tmp_path, "1\tLoaded_Language\t3\t9\n1\tLoaded_Language\tx\n"))


def test_metrics_rank_lines_and_articles(tmp_path):
    base = _folder(tmp_path, f"1\tLoaded_Language\t{TEXT.index('disgraceful')}\t{TEXT.index('disgraceful') + 11}\n")
    calm = TEXT.replace("a disgraceful giveaway to cronies", "costly")
    (base / "articles" / "article2.txt").write_text(calm, "utf-8")  # no labels file: no spans
    (base / "articles" / "article3.txt").write_text(TEXT.replace("The vote", "The disgraceful vote"), "utf-8")
    start = TEXT.index("disgraceful")
    second = TEXT.replace("The vote", "The disgraceful vote").index("disgraceful vote")
    (base / "labels" / "article3.task2-TC.labels").write_text(
        f"3\tLoaded_Language\t{start}\t{start + 11}\n3\tLoaded_Language\t{second}\t{second + 11}\n", "utf-8")
    arts = load_ptc(base)

    def proba(texts):  # a transparent sentence model: loaded iff it has the word
        return np.array([0.9 if "disgraceful" in t else 0.1 for t in texts])

    m = ptc_metrics(arts, proba)
    assert m["ptc_sentences"]["roc_auc"] == 1.0 and m["ptc_sentences"]["n"] == 12
    assert m["ptc_articles"]["articles"] == 3 and m["ptc_articles"]["spearman"] == 1.0


def test_bundled_model_on_ptc():
    """The committed model on real news (regression guard on the numbers in reports/metrics-framing.md)."""
    from framing.persist import default_model_dir, load_model

    arts = load_ptc(shared_path("data", "ptc"))
    assert len(arts) == 185
    est = load_model(default_model_dir("framing"), task="framing").estimator
    m = ptc_metrics(arts, lambda t: est.predict_proba(list(t))[:, 1])
    assert m["ptc_sentences"]["roc_auc"] >= 0.77
    assert m["ptc_articles"]["spearman"] >= 0.5
