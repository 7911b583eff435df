"""PTC as the framing model's news check: the loader (datasets.py) and the metrics (ptc.py)."""
import numpy as np
import pytest

from framing.training.datasets import DataError, load_ptc, ptc_sentences
from framing.training.ptc import ptc_metrics, span_density

from tests.conftest import shared_path

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


def _ptc_folder(tmp_path, n):
    """``n`` made-up articles; article k has k % 3 loaded lines ("disgraceful"), each labelled."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    calm = "The council met on Monday.\nThe vote was 7 to 2.\nThe budget passed.\nIt takes effect in May.\n"
    for k in range(1, n + 1):
        lines = calm.split("\n")[:4]
        for i in range(k % 3):
            lines[i] = lines[i].replace("The ", "The disgraceful ", 1).replace("It ", "It disgracefully ", 1)
        text = "\n".join(lines) + "\n"
        spans = [f"{k}\tLoaded_Language\t{m}\t{m + 11}\n" for m in range(len(text)) if text.startswith("disgraceful", m)]
        (tmp_path / "articles" / f"article{k}.txt").write_text(text, "utf-8")
        (tmp_path / "labels" / f"article{k}.task2-TC.labels").write_text("".join(spans), "utf-8")
    return load_ptc(tmp_path)


def test_metrics_rank_lines_and_articles_with_the_head_out_of_fold(tmp_path):
    from framing.models.embeddings import StaticVectors

    arts = _ptc_folder(tmp_path, 12)
    density = {a.name: span_density(a) for a in arts}
    assert [density[k] for k in "123"] == [0.25, 0.5, 0.0]

    def proba(texts):  # a transparent sentence model: loaded iff it has the word
        return np.array([0.9 if "disgraceful" in t else 0.1 for t in texts])

    sv = StaticVectors(["[PAD]", "the", "council"], np.eye(3, 2, dtype=np.float16), {})
    m = ptc_metrics(arts, proba, sv, folds=3)
    assert m["ptc_sentences"]["roc_auc"] == 1.0 and m["ptc_sentences"]["n"] == 48
    assert m["ptc_sentences_news_head"]["roc_auc"] == 1.0 and len(m["ptc_sentences_news_head"]["C_per_fold"].split()) == 3
    assert m["ptc_articles"]["articles"] == 12 and m["ptc_articles"]["spearman"] > 0.9


def test_no_line_is_scored_by_a_head_fitted_on_its_article(tmp_path, monkeypatch):
    """Each fold's head is fitted on the other folds' articles only, and scores exactly the held-out ones."""
    import framing.models.framing.news_head as nh
    from framing.models.embeddings import StaticVectors

    arts = _ptc_folder(tmp_path, 9)
    seen = []
    fit = nh.NewsHead.fit

    def spy(self, texts, loaded, y, groups):
        seen.append(set(groups))
        return fit(self, texts, loaded, y, groups)

    monkeypatch.setattr(nh.NewsHead, "fit", spy)
    sv = StaticVectors(["[PAD]", "the"], np.eye(2, 2, dtype=np.float16), {})
    ptc_metrics(arts, lambda t: np.array([0.9 if "disgraceful" in x else 0.1 for x in t]), sv, folds=3)
    names = {a.name for a in arts}
    assert len(seen) == 3 and all(len(g) == 6 for g in seen)
    held = [names - g for g in seen]
    assert set().union(*held) == names and sum(len(h) for h in held) == 9  # each article held out exactly once


def test_bundled_model_on_ptc():
    """The committed model on real news (regression guard on the numbers in reports/metrics-framing.md)."""
    from framing.models.persist import default_model_dir, load_model

    arts = load_ptc(shared_path("data", "ptc"))
    assert len(arts) == 185
    est = load_model(default_model_dir("framing"), task="framing").estimator
    m = ptc_metrics(arts, lambda t: est.predict_proba(list(t))[:, 1], est.news_head_.vectors)
    assert m["ptc_sentences"]["roc_auc"] >= 0.77
    assert m["ptc_sentences_news_head"]["roc_auc"] >= 0.80
    assert m["ptc_articles"]["spearman"] >= 0.58


def test_bundled_model_card_says_its_ptc_figures_are_out_of_fold():
    from framing.models.persist import default_model_dir

    card = (default_model_dir("framing") / "MODEL_CARD.md").read_text("utf-8")
    assert "no PTC line or article is scored by a head fitted on it" in card
    assert "GroupKFold(5) by article" in card and "ptc_sentences_news_head" in card
