"""The sentence models: estimators for each task, built from the transformers in features.py.

Both are scikit-learn pipelines whose input is a list of sentence strings and whose
``predict_proba(...)[:, 1]`` is a calibrated probability.
"""
from __future__ import annotations

import numpy as np

from .datasets import LabelledSentence


def build(task: str):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    from .features import LexiconFeatures, MaskedTfidf

    if task == "framing":
        union = FeatureUnion([
            ("chars", MaskedTfidf(analyzer="char_wb", ngram_range=(2, 5), min_df=3, max_features=200_000)),
            ("lexicon", LexiconFeatures()),
        ])
        clf = LogisticRegression(C=2.0, max_iter=2000)
    elif task == "sourcing":
        union = FeatureUnion([
            ("words", MaskedTfidf(analyzer="word", ngram_range=(1, 2), min_df=2, max_features=200_000)),
            ("lexicon", LexiconFeatures()),
        ])
        clf = LogisticRegression(C=4.0, max_iter=2000)
    else:
        raise ValueError(f"unknown task {task!r}")
    return Pipeline([("features", union),
                     ("model", CalibratedClassifierCV(clf, method="sigmoid", cv=3))])


def as_input(task: str, sents: list[LabelledSentence], train: bool = True) -> list[str]:
    return [s.text for s in sents]


def feature_names(est) -> list[str]:
    try:
        names = est.named_steps["features"].get_feature_names_out()
    except (AttributeError, KeyError, ValueError):
        return []
    return [str(n) for n in names if not str(n).startswith(("chars__", "words__"))] + [
        f"{sum(1 for n in names if str(n).startswith(('chars__', 'words__')))} n-gram features"]


def describe(task: str) -> str:
    return {"framing": "TF-IDF char n-grams (names masked) + lexicon features -> logistic regression, sigmoid-calibrated",
            "sourcing": "TF-IDF word n-grams + lexicon features -> logistic regression, sigmoid-calibrated"}[task]


def proba(est, texts: list[str]) -> np.ndarray:
    return est.predict_proba(list(texts))[:, 1]
