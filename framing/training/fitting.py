"""Fitting a task's sentence model, and the user's own labelled files: read with their digests, checked
before training, cross-validated, and used to measure a saved model (as is a task's held-out data)."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

from framing.models import tasks as models
from framing.training.datasets import (DataError, LabelledSentence, load_labelled, load_polnear, load_wikinpov,
                                       polnear_sentences)
from framing.training.metrics import binary_report, expected_calibration_error, reliability_table

TASKS = ("framing", "sourcing")
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def _digest(sentences: list[LabelledSentence]) -> str:
    h = hashlib.sha256()
    for s in sentences:
        h.update(f"{s.label}\t{s.text}\n".encode("utf-8"))
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _user_data(paths: list[str | Path]) -> tuple[list[LabelledSentence], list[dict]]:
    data, described = [], []
    for p in paths:
        rows = load_labelled(p)
        data += rows
        described.append({"path": str(p), "rows": len(rows), "sha256": _file_digest(Path(p))})
    return data, described


def fit(task: str, sents: list[LabelledSentence]):
    est = models.build(task)
    est.fit(models.as_input(task, sents), np.array([s.label for s in sents]))
    return est


# The models' own inner cross-fitting and calibration hold out a fifth of the rows, stratified by label:
# fewer rows of a label than this and they cannot be fitted.
MIN_PER_LABEL = 5
CV_FOLDS = 5


def check_trainable(sents: list[LabelledSentence]) -> None:
    """Raise DataError when the user's rows cannot train a model, before any training."""
    counts = {label: sum(1 for s in sents if s.label == label) for label in (0, 1)}
    if not all(counts.values()):
        raise DataError(f"every row has label {sents[0].label}; training needs rows of both labels (0 and 1)")
    label, n = min(counts.items(), key=lambda kv: kv[1])
    if n < MIN_PER_LABEL:
        raise DataError(f"only {n} row{'s' * (n != 1)} with label {label}: training needs at least {MIN_PER_LABEL} of "
                        f"each label (the model's inner cross-validation holds out a fifth of them)")


def _fit_user(task: str, sents: list[LabelledSentence], what: str = "") -> object:
    """``fit`` on the user's rows; a model that cannot be fitted on them is a data problem (exit 2)."""
    try:
        return fit(task, sents)
    except ValueError as exc:  # scikit-learn's word for too little or too uniform data
        raise DataError(f"the {task} model cannot be trained on {what or 'this data'} ({len(sents):,} rows): "
                        f"{exc}") from None


def user_folds(sents: list[LabelledSentence], k: int = CV_FOLDS) -> tuple[list | None, str]:
    """Stratified k-fold splits of the user's rows (grouped by their 'group' column when it has
    at least k groups), and the protocol; or None and why there can be none."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    y = np.array([s.label for s in sents])
    n = int(min(np.bincount(y, minlength=2)))
    if n - -(-n // k) < MIN_PER_LABEL:  # a training fold keeps n - ceil(n / k) of the rarer label
        return None, (f"no held-out metrics: with {n} rows of the rarer label, a {k}-fold cross-validation would "
                      f"train on fewer than {MIN_PER_LABEL} of them")
    groups = [s.group for s in sents]
    if all(groups) and len(set(groups)) >= k:
        folds = StratifiedGroupKFold(k, shuffle=True, random_state=0).split(np.zeros(len(y)), y, groups)
        how = "stratified, each group held out whole"
    else:
        folds = StratifiedKFold(k, shuffle=True, random_state=0).split(np.zeros(len(y)), y)
        how = "stratified" + (f"; not grouped: the 'group' column has fewer than {k} groups" if any(groups) else "")
    return list(folds), (f"{k}-fold cross-validation on your data ({how}; shuffled, seed 0): the model refitted on "
                         f"each training fold and scored on the rows held out")


def cross_validate_user(task: str, sents: list[LabelledSentence], folds: list, protocol: str,
                        progress: Progress = _quiet) -> dict:
    """The new model's held-out metrics on the user's own rows (see ``user_folds``)."""
    prob = np.zeros(len(sents))
    for k, (tr, te) in enumerate(folds, 1):
        progress(f"cross-validation: fold {k} of {len(folds)}")
        est = _fit_user(task, [sents[i] for i in tr], f"cross-validation fold {k} (--no-eval skips it)")
        prob[te] = est.predict_proba(models.as_input(task, [sents[i] for i in te], train=False))[:, 1]
    y = np.array([s.label for s in sents])
    return {"user_cv": {**binary_report(y, prob), "ece": expected_calibration_error(y, prob), "protocol": protocol}}


def _evaluate_given(task: str, data, model_dir, progress: Progress, trust: bool = False) -> dict:
    """Metrics of a saved model on labelled data (the user's files, or the task's held-out recipe)."""
    from framing.models.persist import default_model_dir, load_model

    model = load_model(model_dir or default_model_dir(task), trust, task=task)
    if data:
        sents, _ = _user_data(data)
    elif task == "framing":
        sents = load_wikinpov()
    else:
        sents = polnear_sentences(load_polnear("dev"))
    y = np.array([s.label for s in sents])
    p = model.estimator.predict_proba(models.as_input(task, sents, train=False))[:, 1]
    return {"task": task, "metrics": {"given_data": {**binary_report(y, p), "ece": expected_calibration_error(y, p),
                                                     "protocol": f"model {model.path} on {'user data' if data else 'held-out data'}"}},
            "reliability": reliability_table(y, p)}
