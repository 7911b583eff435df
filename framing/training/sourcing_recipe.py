"""The bundled sourcing recipe: the sentence model, span tagger, source verifier and typer fitted on
PolNeAR train, and measured on PolNeAR dev (sentences, source mentions, types, spans, article scores)."""
from __future__ import annotations

import time

import numpy as np

from framing.models import tasks as models
from framing.training.datasets import load_polnear, polnear_sentences
from framing.training.fitting import Progress, _evaluate_given, _quiet, fit
from framing.training.metrics import binary_report, expected_calibration_error, reliability_table


def fit_sourcing_recipe(arts, progress: Progress = _quiet):
    """The bundled sourcing model: the sentence model and span tagger on ``arts`` (PolNeAR train),
    plus the source verifier, trained on candidates whose tagger spans and probabilities come from
    models fitted on the other half of the articles (evidence/source_verifier.py)."""
    from threadpoolctl import threadpool_limits

    from framing.evidence.source_verifier import SourceVerifier
    from framing.training.source_rows import candidate_rows, choose_threshold, cross_fitted_predictions
    from framing.training.sourcing_eval import gold_source_spans

    progress(f"training on {len(arts):,} PolNeAR train articles")
    est = fit("sourcing", polnear_sentences(arts))
    preds = cross_fitted_predictions(arts, lambda part: fit("sourcing", polnear_sentences(part)), progress)
    progress("source verifier: fitting on the cross-fitted candidates")
    groups: list[int] = []
    rows, y = candidate_rows(arts, preds, groups)
    n_gold = sum(len(gold_source_spans(art)) for art in arts)
    with threadpool_limits(1):  # same model on any core count
        threshold = choose_threshold(rows, y, groups, n_gold)
        progress(f"source verifier: threshold {threshold} (best mention F1 at precision >= 0.85, out-of-fold train "
                 "candidates)")
        est.source_verifier_ = SourceVerifier(threshold=threshold).fit(rows, y)
    est.source_typer_ = _fit_typer(arts, preds, est.source_verifier_, progress)
    return est


def _fit_typer(arts, preds, verifier, progress: Progress):
    """The source typer (evidence/source_typer.py) on the project's typed samples of PolNeAR train articles,
    from the same cross-fitted candidates as the verifier; None without such samples."""
    from framing.evidence.source_typer import SourceTyper
    from framing.training.source_rows import typer_rows
    from framing.training.sourcing_eval import TRAIN_TYPED_SAMPLES, typed_sample

    samples = [typed_sample(p) for p in TRAIN_TYPED_SAMPLES]
    typed = {r["article"] for sample in samples for r in sample}
    keep = [i for i, a in enumerate(arts) if a.name in typed]
    if not keep:
        return None
    rows, y, named = typer_rows([arts[i] for i in keep], [preds[i] for i in keep], samples, verifier)
    progress(f"source typer: {len(rows):,} typed spans in {len(keep)} train articles")
    return SourceTyper().fit(rows, y, named) if len(set(y)) > 1 else None


def evaluate_sourcing(data=None, model_dir=None, progress: Progress = _quiet, trust: bool = False) -> dict:
    from framing.training import sourcing_eval as se

    if model_dir is not None or data:
        return _evaluate_given(task="sourcing", data=data, model_dir=model_dir, progress=progress, trust=trust)
    t0 = time.perf_counter()
    train_arts = load_polnear("train")
    est = fit_sourcing_recipe(train_arts, progress)
    seconds = round(time.perf_counter() - t0, 1)
    dev_arts = load_polnear("dev")
    dev = polnear_sentences(dev_arts)
    y = np.array([s.label for s in dev])
    progress("predicting PolNeAR dev")
    p = est.predict_proba(models.as_input("sourcing", dev, train=False))[:, 1]
    progress("sources, types and article scores on PolNeAR dev")
    analyses, records = se.score_articles(dev_arts, est)
    span = se.span_metrics(dev_arts, analyses, records)
    scores = se.article_scores(dev_arts, analyses, records)
    return {"task": "sourcing", "metrics": {
        "polnear_dev": {**binary_report(y, p), "ece": expected_calibration_error(y, p),
                        "protocol": "trained on PolNeAR train, evaluated on dev sentences"},
        "source_mentions_dev": se.mention_metrics(dev_arts, records),
        "source_mentions_dev_speech": se.mention_metrics(dev_arts, records, speech_only=True),
        "source_mentions_annotators": se.annotator_agreement("train"),
        "source_mentions_dev_boundary": se.mention_metrics(dev_arts, records, min_iou=0.5),
        "source_mentions_annotators_boundary": se.annotator_agreement("train", min_iou=0.5),
        **{f"source_types_{name}": {**{k: v for k, v in se.type_metrics(dev_arts, records, se.typed_sample(path)).items()
                                       if k != "confusion"},
                                    **({"note": "read to revise the typing rules: optimistic"}
                                       if name in se.REVISED_ON else {}),
                                    **({"note": "its accuracy chose the learned typer over the rules"}
                                       if name in se.CHOSE_ON else {})}
           for name, path in se.TYPED_SAMPLES.items()},
        **{f"source_types_annotators_{name}": se.type_agreement(se.typed_sample(se.TYPED_SAMPLES[name]),
                                                                se.typed_sample(path))
           for name, path in se.SECOND_LABELS.items()},
        **{f"source_types_train_blind{name}":
           _blind_train_types(est, se, train_arts, path, se.LABELLED_IN[name], se.READ_IN.get(name))
           for name, path in se.TRAIN_BLIND_SAMPLES.items()},
        "source_spans_dev": span,
        "article_spearman_dev": {"spearman": scores["spearman_gold_share"],
                                 "gold_evidence_spearman": scores["spearman_gold_evidence"],
                                 "articles": scores["articles"],
                                 "protocol": "per dev article: sourcing_score vs the gold share of attributed sentences "
                                             "(spearman), and vs the same formula on the annotators' cue and source "
                                             "spans (gold_evidence_spearman)"},
    }, "reliability": reliability_table(y, p), "estimator": est, "train_seconds": seconds}


def _blind_train_types(est, se, train_arts, path, session: int, read: int | None = None) -> dict:
    """Type accuracy on a blind typed sample of train articles (sourcing_eval.TRAIN_BLIND_SAMPLES);
    ``read``: the session that read its errors to change the typing, if one did."""
    sample = se.typed_sample(path)
    names = {r["article"] for r in sample}
    arts = [a for a in train_arts if a.name in names]
    _, records = se.score_articles(arts, est)
    return {**{k: v for k, v in se.type_metrics(arts, records, sample).items() if k != "confusion"},
            "note": f"14 PolNeAR train articles outside the typer's samples, labelled blind in session {session}; "
                    "the span models saw these articles, so 'found' is optimistic"
                    + (f"; its errors were read in session {read} to change the typing, so its accuracy is "
                       "optimistic too" if read else "")}
