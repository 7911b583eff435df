"""The Python API: score articles with the bundled (or given) models, without the CLI.

    from framing.api import Scorer
    scorer = Scorer()                       # bundled models, loaded once
    for result in scorer.score_paths(["data/examples"]):
        print(result["id"], result.get("framing_score"), result.get("sourcing_score"))

``Scorer.score`` streams: records are read, scored in small batches and yielded in input
order, so memory does not grow with the number of articles. ``jobs=N`` scores batches in N
worker processes (joblib); ``backend="dask"`` sends them to a Dask cluster (see the README).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from framing.evidence.analysis import analyze, article_meta
from framing.read.article import DEFAULT_MAX_CHARS, unscorable
from framing.read.inputs import read_inputs
from framing.read.language import check_language
from framing.evidence.lexicon import Lexicon, load_lexicon, using
from framing.models.persist import LoadedModel, default_model_dir, load_model
from framing.scoring import SCHEMA_VERSION, Predictors, record_json, score_batch
from framing.types import Article, ReadError

BATCH_ARTICLES = 32        # articles per model call: amortises per-call overhead, keeps memory flat
BATCH_CHARS = 400_000      # ...and a cap on their text, so a few huge articles make a batch of their own
WINDOW_BATCHES = 48        # batches handed to the workers at a time (about 1,500 articles)
SUMMARY_FIELDS = ("id", "outlet", "error", "unscored", "language", "warnings")


def error_record(rec: ReadError) -> dict:
    out = {"id": rec.id, "outlet": None, "schema_version": SCHEMA_VERSION, "error": rec.error}
    if rec.warnings:
        out["warnings"] = list(rec.warnings)
    return out


def _failed(article: Article, exc: Exception) -> dict:
    return {"id": article.id, "outlet": article.outlet, "schema_version": SCHEMA_VERSION,
            "error": f"could not score: {type(exc).__name__}: {exc}"}


def language_gate(article: Article, force: bool = False) -> dict | None:
    """None to score ``article`` as usual. For mostly non-English text (see language.py): the record
    saying it is not scored, or with ``force`` the fields its scored record gains (the finding, a warning)."""
    lang = check_language(article.text)
    if lang is None:
        return None
    if force:
        return {"warnings": [*article.warnings, f"scored despite non-English text: {lang['reason']}"], "language": lang}
    return {**article_meta(article), "schema_version": SCHEMA_VERSION, "unscored": "language", "language": lang}


class Scorer:
    """Loads the framing and sourcing models once and scores articles with them."""

    def __init__(self, framing_model: str | Path | None = None, sourcing_model: str | Path | None = None,
                 lexicon: Lexicon | None = None, trust: bool = False, force: bool = False):
        self._args = (framing_model, sourcing_model, lexicon, trust, force)
        self.force = force  # score text that looks mostly non-English anyway (flagged)
        # predict_only: the bundled models' structure is computed without scikit-learn (fast_predict.py)
        self.framing: LoadedModel = load_model(framing_model or default_model_dir("framing"), trust, task="framing",
                                               predict_only=True)
        self.sourcing: LoadedModel = load_model(sourcing_model or default_model_dir("sourcing"), trust,
                                                task="sourcing", predict_only=True)
        self.lexicon = lexicon or load_lexicon()
        loaded, src = self.framing.estimator, self.sourcing.estimator
        self.predictors = Predictors(loaded=lambda texts: loaded.predict_proba(list(texts))[:, 1],
                                     attribution=_attribution(src),
                                     verifier=getattr(src, "source_verifier_", None),
                                     news=_news(loaded), typer=getattr(src, "source_typer_", None))

    def _key(self) -> tuple:
        fm, sm, lex, trust, force = self._args
        return str(fm), str(sm), lex.digest if lex else None, trust, force

    def __reduce__(self):
        # A worker process rebuilds the scorer from its arguments once and reuses it for every
        # batch, instead of receiving the models (~20 MB with the static vectors) with each one.
        return _worker_scorer, (self._key(), self._args)

    def score_article(self, article: Article) -> dict:
        """The contract record for one article (raises nothing for ordinary text)."""
        return self.score_batch([article])[0]

    def score_batch(self, records: list[Article | ReadError]) -> list[dict]:
        """One output record per input record, in order; failures become error records."""
        out: list[dict | None] = [None] * len(records)
        todo = []
        gates: dict[int, dict | None] = {}  # forced non-English articles: fields their records gain
        for i, rec in enumerate(records):
            if isinstance(rec, ReadError):
                out[i] = error_record(rec)
                continue
            if problem := unscorable(rec.text):  # an Article made in code, not by the readers
                out[i] = error_record(ReadError(rec.id, problem, warnings=rec.warnings)) | {"outlet": rec.outlet}
                continue
            try:
                gate = language_gate(rec, self.force)
                if gate and "unscored" in gate:
                    out[i] = gate
                    continue
                gates[i] = gate
                todo.append((i, analyze(rec, self.lexicon)))
            except Exception as exc:  # one bad article must not stop a batch; its reason is kept
                out[i] = _failed(rec, exc)
        with using(self.lexicon):  # the framing model's lexicon features count this lexicon's terms
            try:
                scored = score_batch([a for _, a in todo], self.predictors)
            except Exception:  # find the article that broke the batch by scoring each alone
                scored = [self._score_alone(a) for _, a in todo]
        for (i, _), r in zip(todo, scored):
            out[i] = {**r, **gates[i]} if gates.get(i) and "error" not in r else r
        return out

    def _score_alone(self, a) -> dict:
        try:
            return score_batch([a], self.predictors)[0]
        except Exception as exc:
            return _failed(a.article, exc)

    def score(self, records: Iterable[Article | ReadError], jobs: int = 1, backend: str | None = None) -> Iterator[dict]:
        """One output record per input record, in input order, streamed batch by batch.

        ``jobs``: worker processes (1 = in this process). ``backend``: a joblib backend name;
        by default forked workers where the OS allows it ("multiprocessing"), else "loky";
        "dask" needs a ``dask.distributed.Client`` already created.
        """
        return self._run(records, jobs, backend, Scorer.score_batch)

    def score_json(self, records: Iterable[Article | ReadError], jobs: int = 1,
                   backend: str | None = None) -> Iterator[tuple[dict, str]]:
        """Like ``score``, each record as (its id, error, unscored and warnings fields; its JSON
        line). Workers serialise the records, so the calling process only writes them: with
        dicts it spent a tenth of each worker's time unpickling and re-encoding them."""
        return self._run(records, jobs, backend, Scorer.score_batch_json)

    def score_batch_json(self, records: list[Article | ReadError]) -> list[tuple[dict, str]]:
        return [({k: r[k] for k in SUMMARY_FIELDS if k in r}, record_json(r))
                for r in self.score_batch(records)]

    def _run(self, records, jobs, backend, score_batch) -> Iterator:
        batches = _batches(records)
        if jobs == 1 and backend is None:
            for batch in batches:
                yield from score_batch(self, batch)
            return
        from joblib import Parallel, delayed, parallel_config

        if backend is None:
            import multiprocessing

            # Forked workers start with this process's models already loaded, sharing their memory
            # pages, instead of each loading its own copy (1.5 s and ~250 MB a worker).
            backend = "multiprocessing" if "fork" in multiprocessing.get_all_start_methods() else "loky"
            _WORKER.update(key=self._key(), scorer=self)
        with parallel_config(backend=backend, n_jobs=-1 if backend == "dask" else jobs), Parallel(batch_size=1) as parallel:
            # windows of batches: input order kept and memory bounded, with one pool; a worker
            # idles at most one batch a window while the others finish theirs
            while window := list(islice(batches, WINDOW_BATCHES)):
                for out in parallel(delayed(score_batch)(self, b) for b in window):
                    yield from out

    def score_paths(self, paths: Iterable[str | Path], max_chars: int = DEFAULT_MAX_CHARS,
                    jobs: int = 1) -> Iterator[dict]:
        return self.score(read_inputs(paths, max_chars=max_chars), jobs=jobs)

    def model_info(self) -> dict:
        return {task: {"path": str(m.path), "name": m.meta.get("name"), "created": m.meta.get("created"),
                       "metrics": m.meta.get("metrics", {}), "versions": m.meta.get("versions", {})}
                for task, m in (("framing", self.framing), ("sourcing", self.sourcing))}


def _attribution(est):
    """P(attributes) and learned source spans. The sourcing model reads neighbouring sentences,
    so it is told which article each sentence belongs to."""
    def predict(texts, article, threshold):
        if hasattr(est, "predict_proba_and_spans"):
            from framing.models.sourcing.tokens import Sentences

            return est.predict_proba_and_spans(Sentences(list(texts), list(article)), threshold)
        return est.predict_proba(list(texts))[:, 1], None
    return predict


def _news(est):
    """The framing model's news head (news_head.py), or None for a model trained without one."""
    head = getattr(est, "news_head_", None)
    return head.predict_proba if head is not None else None


def _batches(records: Iterable) -> Iterator[list]:
    """Consecutive lists of BATCH_ARTICLES records, or fewer whose text reaches BATCH_CHARS."""
    it = iter(records)
    while True:
        batch, chars = [], 0
        for rec in it:
            batch.append(rec)
            chars += len(getattr(rec, "text", ""))
            if len(batch) >= BATCH_ARTICLES or chars >= BATCH_CHARS:
                break
        if not batch:
            return
        yield batch


def tune_gc() -> None:
    """Garbage-collector settings for a process that scores many articles (the CLI and workers
    call it; a program using the API may too). ``freeze`` keeps the collector off the loaded
    models' ~10^5 objects, which it otherwise re-scanned during scoring and at exit (+0.25 s on a
    one-article run); a higher first threshold lets it run less often among the ~10^5 short-lived
    objects a batch makes. Measured in one process on PolNeAR dev texts: 73 -> 80 articles/s for
    the freeze, then 86 -> 101 for the threshold."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 10, 10)


_WORKER: dict = {}


def _worker_scorer(key: tuple, args: tuple) -> Scorer:
    """The scorer of this process for these models and lexicon, built on first use."""
    if _WORKER.get("key") != key:
        _WORKER["scorer"] = Scorer(*args)
        _WORKER["key"] = key
        tune_gc()  # a worker process is ours
    return _WORKER["scorer"]
