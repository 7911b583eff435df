"""The sentence models for each task (models/framing/, models/sourcing/) and their inputs.

For both, ``predict_proba(...)[:, 1]`` is a calibrated probability; the framing model reads a
list of sentence strings, the sourcing model a Sentences container (one article's sentences in
order, since it reads neighbouring sentences).
"""
from __future__ import annotations

import numpy as np

from framing.training.datasets import LabelledSentence


def build(task: str):
    if task == "framing":
        from framing.models.framing.estimator import build_model

        return build_model()
    if task == "sourcing":
        from framing.models.sourcing.estimator import SourcingModel

        return SourcingModel()
    raise ValueError(f"unknown task {task!r}")


def estimator_class(task: str) -> type:
    """What a model for ``task`` must be an instance of: checked on what a model file holds, whatever
    its meta.json says (a sourcing model loaded as the framing model would score nonsense)."""
    if task == "framing":
        from sklearn.calibration import CalibratedClassifierCV  # framing_model's topic-calibrated stack is one

        return CalibratedClassifierCV
    if task == "sourcing":
        from framing.models.sourcing.estimator import SourcingModel

        return SourcingModel
    raise ValueError(f"unknown task {task!r}")


def as_input(task: str, sents: list[LabelledSentence], train: bool = True):
    """The estimator's input for ``sents``: strings (framing) or a Sentences container (sourcing)."""
    if task == "framing":
        return _framing_input(sents) if train else [s.text for s in sents]
    from framing.models.sourcing.tokens import Sentences

    groups = {}
    docs = [groups.setdefault(s.group, len(groups)) for s in sents]
    if not train:
        return Sentences([s.text for s in sents], docs)
    if any(s.atts for s in sents):
        cues = [[c for cue, _ in s.atts for c in cue] for s in sents]
        return Sentences([s.text for s in sents], docs, cues, [list(s.atts) for s in sents])
    # the user's sentence labels carry no spans: positive sentences' lexicon cues stand in for them
    from framing.evidence.lexicon import load_lexicon
    from framing.text.document import parse

    lex = load_lexicon()
    cues = [[(e.start, e.end) for e in lex.match(parse(s.text)) if e.category == "attribution_cue"] if s.label else []
            for s in sents]
    return Sentences([s.text for s in sents], docs, cues, [[(c, ())] for c in cues])


def _framing_input(sents: list[LabelledSentence]) -> np.ndarray:
    """Training input for the framing model: [sentence, biased words, topic] rows. Data without word-level
    labels (the user's files) gets the loaded-lexicon words of its positive sentences instead."""
    if any(s.words for s in sents):
        words = [list(s.words) for s in sents]
    else:
        from framing.evidence.lexicon import load_lexicon
        from framing.text.document import parse

        lex = load_lexicon()
        words = [[w for e in lex.match(parse(s.text)) if e.category == "loaded" for w in e.text.split()]
                 if s.label else [] for s in sents]
    out = np.empty((len(sents), 3), dtype=object)
    out[:, 0] = [s.text for s in sents]
    out[:, 1] = [repr(w) for w in words]
    out[:, 2] = [s.group or None for s in sents]  # topic: the model's inner folds hold out whole topics
    return out


def feature_names(est) -> list[str]:
    """Names of the features the final classifier sees."""
    if hasattr(est, "clf_"):
        return [str(n) for n in est.get_feature_names_out()]
    inner = getattr(est, "calibrated_classifiers_", None)
    stack = inner[0].estimator if inner else est
    try:
        return [str(n) for n in stack.named_steps["features"].get_feature_names_out()]
    except (AttributeError, KeyError, ValueError):
        return []


def describe(task: str) -> str:
    return {"framing": "stack of cross-fitted views (a hashed word n-gram TF-IDF logistic score; a logistic score on "
                       "the sentence's mean static embedding (distilled from all-MiniLM-L6-v2); per-word bias scores learned "
                       "from BABE's biased_words with a char-n-gram/lexicon backoff blended with a static-embedding backoff; "
                       "lexicon features: a count per category of framing/lexicons, read at each prediction) "
                       "-> monotone logistic regression -> sigmoid calibration; the cross-fitting and calibration folds hold out "
                       "whole topics (framing/models/framing/); news head for the article score: logistic regression on "
                       "[mean static embedding, logit P(loaded)] fitted on PTC news lines (framing/models/framing/news_head.py)",
            "sourcing": "hashed token features + word clusters -> cue tagger, n-gram score and surface features, "
                        "cross-fitted by article -> gradient-boosted head; BILOU source-span tagger (framing/models/sourcing/); "
                        "source verifier: logistic regression over features of each candidate source span and their pairs, trained on "
                        "PolNeAR train candidates from models cross-fitted on the other half (framing/evidence/source_verifier.py); "
                        "source typer: logistic regression over each verified source's features, trained on the project's "
                        "typed spans of 616 PolNeAR train articles (data/eval/), replacing the rules' type wherever it "
                        "differs, unless a list gave the type, the rules' type is social media or a body named by its "
                        "organisation word, or a phrase without a name would become a person; a second logistic "
                        "regression on the same features gives the named flag (framing/evidence/source_typer.py)"}[task]
