"""`framing train` and `framing evaluate`: a task's training data chosen, the model trained and saved
with its held-out metrics, or measured by the task's recipe; every metric is on sentences not trained on."""
from __future__ import annotations

import time
from pathlib import Path

from framing.models import tasks as models
from framing.training.datasets import load_babe, load_polnear, polnear_sentences, shared_data_dir
from framing.training.fitting import (TASKS, Progress, _digest, _file_digest, _fit_user, _quiet, _user_data,
                                      check_trainable, cross_validate_user, fit, user_folds)
from framing.training.framing_recipe import _attach_news_head, _framing_vectors, evaluate_framing
from framing.training.report import metrics_markdown, model_card
from framing.training.sourcing_recipe import evaluate_sourcing, fit_sourcing_recipe


def training_data(task: str, data: list[str | Path] | None = None):
    """(sentences, description) for a task: the bundled recipe, or the user's labelled files."""
    if data:
        sents, files = _user_data(data)
        return sents, {"recipe": "user", "files": files, "rows": len(sents), "sha256": _digest(sents)}
    if task == "framing":
        sents = load_babe()
        path = shared_data_dir() / "babe" / "final_labels_SG2.csv"
        return sents, {"recipe": "babe", "dataset": "BABE SG2 (Spinde et al., Findings of EMNLP 2021), AGPL-3.0",
                       "file": "babe/final_labels_SG2.csv", "file_sha256": _file_digest(path),
                       "rows": len(sents), "sha256": _digest(sents),
                       "labels": "label_bias Biased=1 / Non-biased=0; biased_words as word-level supervision; "
                                 "near-duplicates (char TF-IDF cosine >= 0.7) kept once, conflicting ones dropped"}
    arts = load_polnear("train")
    sents = polnear_sentences(arts)
    return sents, {"recipe": "polnear-train",
                   "dataset": "PolNeAR train (Newell, Margolin & Ruths, LREC 2018)", "articles": len(arts),
                   "rows": len(sents), "sha256": _digest(sents),
                   "labels": "sentence = 1 when an attribution Cue overlaps it (first annotator per article)"}


def train(task: str, out: str | Path, data: list[str | Path] | None = None, progress: Progress = _quiet,
          evaluate_after: bool = True, metrics_report: str | Path | None = None) -> dict:
    """Train a model for ``task`` and save it (joblib + meta.json + MODEL_CARD.md) in ``out``;
    with ``metrics_report``, the held-out evaluation is also written there as Markdown.

    Held-out metrics are the recipe's evaluation, or for the user's ``data`` the new model's
    cross-validated metrics on it; none (and why, in ``metrics_note``) when they cannot be measured.
    Raises DataError for unusable data and ModelError for an unusable ``out``, before any training."""
    from framing.models.persist import ModelError, model_dir_problem, save_model

    if task not in TASKS:
        raise ValueError(f"unknown task {task!r} (expected {' or '.join(TASKS)})")
    problem = model_dir_problem(out)
    if problem:
        raise ModelError(f"cannot save a model to {out}: {problem}")
    progress(f"loading {task} training data")
    sents, described = training_data(task, data)
    if data:
        check_trainable(sents)
    vectors = _framing_vectors(progress) if task == "framing" else None
    metrics, note, est, seconds = {}, None, None, None
    if evaluate_after and data:
        folds, how = user_folds(sents)
        if folds is None:
            note = how
        else:
            progress(f"measuring held-out metrics: {len(folds)}-fold cross-validation on your data "
                     f"(refits the model on each fold)")
            metrics = cross_validate_user(task, sents, folds, how, progress)
    elif evaluate_after:
        progress("measuring held-out metrics on the recipe's held-out data (refits the model for it)")
        result = evaluate(task, progress=progress)
        metrics = result["metrics"]
        if metrics_report:
            from framing.writing import write_atomic

            write_atomic(metrics_report, metrics_markdown(result, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())))
        # each recipe's evaluation fits its final model on exactly the final training data: reuse it
        est, seconds = result.get("estimator"), result.get("train_seconds")
    else:
        note = "no held-out metrics: not measured (trained with --no-eval)"
    if est is None:
        progress(f"training on {len(sents):,} sentences")
        t0 = time.perf_counter()
        if data:
            est = _fit_user(task, sents)
        else:
            est = fit_sourcing_recipe(load_polnear("train"), progress) if task == "sourcing" else fit(task, sents)
        seconds = round(time.perf_counter() - t0, 1)
    from framing.evidence.lexicon import load_lexicon

    lex = load_lexicon()
    meta = {"name": Path(out).name, "task": task, "training_data": described, "train_seconds": seconds,
            "feature_names": models.feature_names(est), "lexicon_sha256": lex.digest,
            "lexicon_files": list(lex.sources), "metrics": metrics, **({"metrics_note": note} if note else {}),
            "threshold": 0.5, "estimator": models.describe(task)}
    if vectors is not None:
        meta["static_vectors"] = vectors
    if task == "framing" and not data:  # the bundled recipe: the news head for the article score
        meta["news_head"] = _attach_news_head(est, progress)
    progress(f"saving to {out}")
    return save_model(est, out, meta, card=model_card)


def evaluate(task: str, data=None, model_dir=None, progress: Progress = _quiet, trust: bool = False) -> dict:
    """Held-out metrics; ``trust`` loads a ``model_dir`` that is neither bundled nor trained here."""
    if task == "framing":
        return evaluate_framing(data, model_dir, progress, trust)
    if task == "sourcing":
        return evaluate_sourcing(data, model_dir, progress, trust)
    raise ValueError(f"unknown task {task!r} (expected {' or '.join(TASKS)})")
