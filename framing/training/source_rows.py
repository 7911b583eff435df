"""The rows the source verifier and the source typer are fitted on: candidate spans of PolNeAR train
articles, with the sentence probabilities and tagger spans of sourcing models that did not see them."""
from __future__ import annotations

import numpy as np

from framing.evidence.analysis import analyze
from framing.evidence.attribution import extract
from framing.evidence.source_typer import TYPES, typer_features
from framing.evidence.source_verifier import FOLDS, _verifier_class, candidate_features, checkable
from framing.models.sourcing.tokens import Sentences
from framing.scoring import _absolute_spans, attributions_batch
from framing.text.document import parse
from framing.training.sourcing_eval import gold_source_spans, most_overlapping
from framing.types import Article


def cross_fitted_predictions(arts, fit_model, progress=lambda _: None) -> list[tuple[np.ndarray, list]]:
    """Per article of ``arts`` (PolNeAR-style: name, text, attributions), the sentence
    probabilities and tagger spans of a sourcing model ``fit_model(articles)`` fitted on the
    other folds, as they will be on unseen text."""

    docs = [parse(a.text) for a in arts]
    out: list = [None] * len(arts)
    for k in range(FOLDS):
        progress(f"source verifier: sourcing model for fold {k + 1}/{FOLDS}")
        held = [i for i in range(len(arts)) if i % FOLDS == k]
        est = fit_model([a for i, a in enumerate(arts) if i % FOLDS != k])
        texts, ids = [], []
        for i in held:
            texts += [s.text for s in docs[i].sentences]
            ids += [i] * len(docs[i].sentences)
        probs, spans = est.predict_proba_and_spans(Sentences(texts, ids), 0.5)
        lo = 0
        for i in held:
            hi = lo + len(docs[i].sentences)
            out[i] = (np.asarray(probs[lo:hi]), list(spans[lo:hi]))
            lo = hi
    return out


def choose_threshold(rows: list[list[str]], y, groups, n_gold: int, min_precision: float = 0.85,
                     grid=np.arange(0.30, 0.705, 0.01)) -> float:
    """The verifier threshold with the best source-mention F1 on the training articles, F1 =
    2 TP / (kept + gold sources), among those that keep precision >= ``min_precision`` (a wrong
    source costs more than a missing one), from out-of-fold probabilities (folds by article). A step
    of 0.01: on a 0.05 grid the choice jumped between 0.5 and 0.55 with small changes of the extractor."""
    from sklearn.model_selection import GroupKFold

    y, groups = np.asarray(y), np.asarray(groups)
    p = np.zeros(len(y))
    for fit_idx, held in GroupKFold(n_splits=FOLDS).split(rows, y, groups):
        v = _verifier_class()().fit([rows[i] for i in fit_idx], y[fit_idx])
        p[held] = v.predict_proba([rows[i] for i in held])[:, 1]
    f1 = np.array([2 * np.sum(y[p >= t]) / max(np.sum(p >= t) + n_gold, 1) for t in grid])
    precision = np.array([np.mean(y[p >= t]) if np.any(p >= t) else 1.0 for t in grid])
    ok = precision >= min_precision
    best = int(np.argmax(np.where(ok, f1, -1.0))) if ok.any() else int(np.argmax(precision))
    return round(float(grid[best]), 2)


def candidate_rows(arts, predictions, groups: list | None = None) -> tuple[list[list[str]], list[int]]:
    """Candidate rows and labels: each distinct candidate span, 1 when it overlaps an annotated
    source span (``predictions`` from ``cross_fitted_predictions``). ``groups``, if given, gets
    each row's article index."""

    rows, y = [], []
    for k, (art, (probs, spans)) in enumerate(zip(arts, predictions)):
        an = analyze(Article(art.name, art.text))
        learned = _absolute_spans(an.document, range(len(spans)), spans)
        gold = gold_source_spans(art)
        seen = set()
        for x in extract(an.document, an.evidence, learned, candidates=True):
            if not checkable(an.document, x) or x.source in seen:
                continue
            seen.add(x.source)
            rows.append(candidate_features(an.document, x, float(probs[x.sentence]), learned.get(x.sentence)))
            y.append(int(any(g0 < x.source[1] and x.source[0] < g1 for g0, g1 in gold)))
            if groups is not None:
                groups.append(k)
    return rows, y


def typer_rows(arts, predictions, samples: list[list[dict]], verifier) -> tuple[list[list[str]], list[str],
                                                                                list[bool]]:
    """Rows, types and named flags for the typer: each typed span of ``samples`` (sourcing_eval.typed_sample)
    matched to the verified attribution overlapping it most, in PolNeAR-style ``arts`` whose
    sentence probabilities and tagger spans (``predictions``, from
    source_verifier.cross_fitted_predictions) come from models that did not see them."""

    by_article: dict[str, list[dict]] = {}
    for sample in samples:
        for r in sample:
            by_article.setdefault(r["article"], []).append(r)
    rows, y, named = [], [], []
    for art, (probs, spans) in zip(arts, predictions):
        if art.name not in by_article:
            continue
        an = analyze(Article(art.name, art.text))
        learned = _absolute_spans(an.document, range(len(spans)), spans)
        atts = attributions_batch([an], [probs], [learned], verifier)[0]
        for r in by_article[art.name]:
            x = most_overlapping(atts, r["start"], r["end"], lambda h: h.source)
            if x is not None and r["effective"] in TYPES:
                rows.append(typer_features(an.document, x))
                y.append(r["effective"])
                named.append(r["named"])
    return rows, y, named
