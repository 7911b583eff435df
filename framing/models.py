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
        from .sourcing_model import SourcingModel

        return SourcingModel()
    else:
        raise ValueError(f"unknown task {task!r}")
    return Pipeline([("features", union),
                     ("model", CalibratedClassifierCV(clf, method="sigmoid", cv=3))])


def as_input(task: str, sents: list[LabelledSentence], train: bool = True):
    """The estimator's input for ``sents``: strings (framing) or a Sentences container (sourcing)."""
    if task != "sourcing":
        return [s.text for s in sents]
    from .sourcing_model import Sentences

    groups = {}
    docs = [groups.setdefault(s.group, len(groups)) for s in sents]
    if not train:
        return Sentences([s.text for s in sents], docs)
    if any(s.atts for s in sents):
        cues = [[c for cue, _ in s.atts for c in cue] for s in sents]
        return Sentences([s.text for s in sents], docs, cues, [list(s.atts) for s in sents])
    # the user's sentence labels carry no spans: positive sentences' lexicon cues stand in for them
    from .lexicon import load_lexicon
    from .text import parse

    lex = load_lexicon()
    cues = [[(e.start, e.end) for e in lex.match(parse(s.text)) if e.category == "attribution_cue"] if s.label else []
            for s in sents]
    return Sentences([s.text for s in sents], docs, cues, [[(c, ())] for c in cues])


def feature_names(est) -> list[str]:
    if hasattr(est, "clf_"):
        return [str(n) for n in est.get_feature_names_out()]
    try:
        names = est.named_steps["features"].get_feature_names_out()
    except (AttributeError, KeyError, ValueError):
        return []
    return [str(n) for n in names if not str(n).startswith(("chars__", "words__"))] + [
        f"{sum(1 for n in names if str(n).startswith(('chars__', 'words__')))} n-gram features"]


def describe(task: str) -> str:
    return {"framing": "TF-IDF char n-grams (names masked) + lexicon features -> logistic regression, sigmoid-calibrated",
            "sourcing": "hashed token features + word clusters -> cue tagger, n-gram score and surface features, "
                        "cross-fitted by article -> gradient-boosted head; BILOU source-span tagger (framing/sourcing_model.py)"}[task]


def proba(est, texts: list[str]) -> np.ndarray:
    return est.predict_proba(list(texts))[:, 1]
