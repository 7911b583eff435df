"""`framing train` and `framing evaluate`: the bundled recipes and the user's own data.

Every metric here is computed on sentences the model did not see in training:
cross-validation folds, held-out topics, a held-out split, or another corpus.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from framing.models import tasks as models
from framing.training.datasets import (DataError, LabelledSentence, load_babe, load_labelled, load_polnear, load_ptc, load_wikinpov,
                       polnear_sentences, shared_data_dir)
from framing.training.metrics import binary_report, expected_calibration_error, markdown_table, reliability_table
from framing.training.ptc import ptc_metrics

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


def _attach_news_head(est, progress: Progress) -> dict:
    """Fit the news head (news_head.py) on all PTC articles and attach it to ``est``; its description."""
    from framing.models.embeddings import model_vectors
    from framing.models.framing.news_head import fit_news_head

    progress("news head: fitting on PTC lines")
    arts = load_ptc()
    est.news_head_ = fit_news_head(lambda texts: est.predict_proba(list(texts))[:, 1], arts, model_vectors())
    path = shared_data_dir() / "ptc"
    return {"dataset": "PTC (Da San Martino et al., EMNLP 2019), research use", "articles": len(arts),
            "articles_sha256": hashlib.sha256("".join(sorted(_file_digest(f) for f in (path / "articles").glob(
                "article*.txt"))).encode()).hexdigest(),
            "C": est.news_head_.C_,
            "labels": "line = 1 where a Loaded_Language or Name_Calling,Labeling span overlaps it"}


def _framing_vectors(progress: Progress) -> dict:
    """The framing model's static vectors (re-distilled with framing[distill], else the committed ones)."""
    from framing.models.embeddings import VECTORS_FILE, prepare_vectors, vectors_bytes

    sv = prepare_vectors(progress)
    return {**sv.provenance, "file": VECTORS_FILE, "size_bytes": len(vectors_bytes(sv))}


# --- evaluation ----------------------------------------------------------------------------

def _cv_predict(task: str, sents: list[LabelledSentence], folds, progress: Progress, label: str) -> np.ndarray:
    prob = np.zeros(len(sents))
    for k, (tr, te) in enumerate(folds, 1):
        progress(f"{label}: fold {k}")
        est = fit(task, [sents[i] for i in tr])
        prob[te] = est.predict_proba(models.as_input(task, [sents[i] for i in te], train=False))[:, 1]
    return prob


def evaluate_framing(data=None, model_dir=None, progress: Progress = _quiet, trust: bool = False) -> dict:
    from sklearn.model_selection import StratifiedKFold

    if model_dir is not None or data:
        return _evaluate_given(task="framing", data=data, model_dir=model_dir, progress=progress, trust=trust)
    babe = load_babe()
    y = np.array([s.label for s in babe])
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    p_cv = _cv_predict("framing", babe, cv.split(np.zeros(len(y)), y), progress, "BABE 5-fold CV")
    topics = sorted({s.group for s in babe})
    groups = np.array([s.group for s in babe])
    loto = [(np.where(groups != t)[0], np.where(groups == t)[0]) for t in topics]
    p_lo = _cv_predict("framing", babe, loto, progress, "BABE leave-one-topic-out")
    per_topic = []
    for t in topics:
        m = groups == t
        r = binary_report(y[m], p_lo[m])
        per_topic.append({"topic": t, "n": r["n"], "macro_f1": r["macro_f1"], "roc_auc": r["roc_auc"]})
    progress("Wikipedia NPOV: training on all of BABE")
    t0 = time.perf_counter()
    est = fit("framing", babe)
    seconds = round(time.perf_counter() - t0, 1)
    wiki = load_wikinpov()
    p_w = est.predict_proba(models.as_input("framing", wiki, train=False))[:, 1]
    yw = np.array([s.label for s in wiki])
    # One stacker setting (a floor on the general-feature coefficients) was chosen on a fixed random
    # half of WikiNPOV during development; the other half was never used for any choice.
    untouched = ~wiki_dev_half(len(yw))
    progress("PTC: news sentences and articles")
    from framing.models.embeddings import model_vectors

    ptc = ptc_metrics(load_ptc(), lambda texts: est.predict_proba(list(texts))[:, 1], model_vectors())
    return {"task": "framing", "metrics": {
        "babe_cv5": {**binary_report(y, p_cv), "ece": expected_calibration_error(y, p_cv),
                     "protocol": "StratifiedKFold(5, shuffle=True, random_state=0) on deduplicated BABE SG2"},
        "babe_leave_one_topic_out": {**binary_report(y, p_lo), "topics": len(topics),
                                     "protocol": "pooled predictions, each topic held out once (merged aliases)"},
        "wikinpov_auc": {**binary_report(yw, p_w),
                         "protocol": "trained on all BABE; statements_biased vs statements_neutral_type_balanced"},
        "wikinpov_auc_untouched_half": {**binary_report(yw[untouched], p_w[untouched]),
                                        "protocol": "the half of WikiNPOV never used for a design choice "
                                                    "(numpy RandomState(0).rand(n) >= 0.5)"},
        **ptc,
    }, "reliability": reliability_table(y, p_cv), "per_topic": per_topic, "estimator": est,
        "train_seconds": seconds}


def wiki_dev_half(n: int) -> np.ndarray:
    """The fixed half of WikiNPOV used during development to compare designs."""
    return np.random.RandomState(0).rand(n) < 0.5


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


def evaluate(task: str, data=None, model_dir=None, progress: Progress = _quiet, trust: bool = False) -> dict:
    """Held-out metrics; ``trust`` loads a ``model_dir`` that is neither bundled nor trained here."""
    if task == "framing":
        return evaluate_framing(data, model_dir, progress, trust)
    if task == "sourcing":
        return evaluate_sourcing(data, model_dir, progress, trust)
    raise ValueError(f"unknown task {task!r} (expected {' or '.join(TASKS)})")


# --- rendering -----------------------------------------------------------------------------

def metrics_markdown(result: dict, generated: str) -> str:
    task = result["task"]
    L = [f"# framing evaluate --task {task}", "", f"_Generated {generated}. Every number is on held-out data._", ""]
    for name, m in result["metrics"].items():
        L += [f"## {name}", "", m.get("protocol", ""), ""]
        L.append(markdown_table([{k: v for k, v in m.items() if k != "protocol"}]))
        L.append("")
    if result.get("reliability"):
        L += ["## Reliability (calibration)", "",
              "Predicted probability bins vs the observed positive rate, on the first held-out set above.", "",
              markdown_table(result["reliability"], ["bin", "n", "mean_prob", "observed"]), ""]
    if result.get("per_topic"):
        L += ["## Per held-out topic", "", markdown_table(result["per_topic"]), ""]
    return "\n".join(L)


def model_card(meta: dict) -> str:
    task = meta["task"]
    td = meta["training_data"]
    L = [f"# Model card: {meta['name']} ({task})", "",
         "| field | value |", "|---|---|",
         f"| task | {task}: " + ("P(sentence uses loaded, emotive, opinionated or one-sided language)" if task == "framing"
                                 else "P(sentence attributes content to a source)") + " |",
         f"| estimator | {meta.get('estimator', '')} |",
         f"| training data | {td.get('dataset') or td.get('recipe')} — {td.get('rows')} sentences, sha256 {td.get('sha256', '')[:16]}… |",
         f"| labels | {td.get('labels', 'user labels (0/1)')} |",
         f"| created | {meta.get('created')} |",
         "| versions | " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()) + " |",
         f"| model file | model.joblib, {meta.get('size_bytes', 0) / 1e6:.1f} MB, sha256 {meta.get('sha256', '')[:16]}… |",
         f"| training time | {meta.get('train_seconds')} s |",
         f"| features | {len(meta.get('feature_names', []))} named features (see meta.json) |",
         f"| lexicons | sha256 {meta.get('lexicon_sha256', '')[:16]}… |", ""]
    L += ["## Held-out metrics", ""]
    for name, m in meta.get("metrics", {}).items():
        row = {k: v for k, v in m.items() if k != "protocol"}
        L += [f"**{name}** — {m.get('protocol', '')}", "", markdown_table([row]), ""]
    if not meta.get("metrics"):
        note = meta.get("metrics_note") or "no held-out metrics"
        L += [note[0].upper() + note[1:] + ".", ""]
    L += ["## Intended use and limits", "",
          "Sentence probabilities feed framing's article scores (see the README for the formulas). "
          "Trained on US political news from 2016–2020; expect weaker results on other countries, topics and "
          "genres, and read the evidence behind a score rather than the score alone.", "",
          "joblib files run code when loaded: load only models from a source you trust.", "",
          "## Data and licences", "",
          "- BABE: Spinde et al., \"Neural Media Bias Detection Using Distant Supervision With BABE\", Findings of EMNLP 2021; AGPL-3.0.",
          "- PolNeAR: Newell, Margolin & Ruths, \"An Attribution Relations Corpus for Political News\", LREC 2018; academic use.",
          "- Wikipedia NPOV statements: Hube & Fetahu, \"Neural Based Statement Classification for Biased Language\", WSDM 2019 (evaluation only).",
          "- PTC: Da San Martino et al., \"Fine-Grained Analysis of Propaganda in News Articles\", EMNLP 2019; research use (evaluation, and the news head's training data: the head keeps 257 weights, no text).",
          *([f"- News head: {h['dataset']}, {h['articles']} articles (sha256 of the article files {h['articles_sha256'][:16]}…), "
             f"C = {h['C']:g} chosen by article-grouped CV; {h['labels']}. Its PTC figures above come from article-grouped "
             f"cross-validation: no PTC line or article is scored by a head fitted on it. Caveat: the article formula "
             f"(the head's mean in place of the sentence model's mean and share, README 'The scores') was revised after "
             f"seeing PTC figures; its constants were not tuned on PTC, but ptc_articles is not a blind figure."]
            if (h := meta.get("news_head")) else []),
          *([f"- Static vectors ({v['file']} beside model.joblib, which holds only their sha256; {v['size_bytes'] / 1e6:.1f} MB): {v['tokens']:,} WordPiece "
             f"tokens x {v['dims']} dims distilled from {v['encoder']} as packaged in {v['package']} (weights sha256 "
             f"{v['weights_sha256'][:16]}…) by {v['method']}; licence {v['licence']}."] if (v := meta.get("static_vectors")) else []),
          "The model file holds learned weights and vocabulary statistics, not the corpus text.", ""]
    return "\n".join(L)
