"""The Python API: score articles with the bundled (or given) models, without the CLI.

    from framing.api import Scorer
    scorer = Scorer()                       # bundled models, loaded once
    for result in scorer.score_paths(["data/examples"]):
        print(result["id"], result.get("framing_score"), result.get("sourcing_score"))
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .analysis import analyze, article_meta
from .io import DEFAULT_MAX_CHARS, read_inputs
from .language import check_language
from .lexicon import Lexicon, load_lexicon
from .persist import LoadedModel, default_model_dir, load_model
from .scoring import SCHEMA_VERSION, Predictors, learned_sources, score_analysis
from .types import Article, ReadError


def error_record(rec: ReadError) -> dict:
    out = {"id": rec.id, "outlet": None, "schema_version": SCHEMA_VERSION, "error": rec.error}
    if rec.warnings:
        out["warnings"] = list(rec.warnings)
    return out


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
        self.force = force  # score text that looks mostly non-English anyway (flagged)
        self.framing: LoadedModel = load_model(framing_model or default_model_dir("framing"), trust, task="framing")
        self.sourcing: LoadedModel = load_model(sourcing_model or default_model_dir("sourcing"), trust,
                                                task="sourcing")
        self.lexicon = lexicon or load_lexicon()
        src = self.sourcing.estimator
        self.predictors = Predictors(loaded=self._proba(self.framing), attribution=self._article_proba(src),
                                     sources=lambda doc, probs: learned_sources(src, doc, probs))

    @staticmethod
    def _proba(model: LoadedModel):
        est = model.estimator
        return lambda texts: est.predict_proba(list(texts))[:, 1]

    @staticmethod
    def _article_proba(est):
        """Sentences of one article scored together (the sourcing model reads neighbouring sentences)."""
        def proba(texts):
            texts = list(texts)
            if hasattr(est, "clf_"):
                from .sourcing_model import Sentences

                return est.predict_proba(Sentences(texts, [0] * len(texts)))[:, 1]
            return est.predict_proba(texts)[:, 1]
        return proba

    def score_article(self, article: Article) -> dict:
        """The contract record for one article (raises nothing for ordinary text)."""
        return score_analysis(analyze(article, self.lexicon), self.predictors)

    def score(self, records: Iterable[Article | ReadError]) -> Iterator[dict]:
        """One output record per input record, in order; failures become error records."""
        for rec in records:
            if isinstance(rec, ReadError):
                yield error_record(rec)
                continue
            try:
                gate = language_gate(rec, self.force)
                yield gate if gate and "unscored" in gate else {**self.score_article(rec), **(gate or {})}
            except Exception as exc:  # one bad article must not stop a batch; its reason is kept
                yield {"id": rec.id, "outlet": rec.outlet, "schema_version": SCHEMA_VERSION,
                       "error": f"could not score: {type(exc).__name__}: {exc}"}

    def score_paths(self, paths: Iterable[str | Path], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[dict]:
        return self.score(read_inputs(paths, max_chars=max_chars))

    def model_info(self) -> dict:
        return {task: {"path": str(m.path), "name": m.meta.get("name"), "created": m.meta.get("created"),
                       "metrics": m.meta.get("metrics", {}), "versions": m.meta.get("versions", {})}
                for task, m in (("framing", self.framing), ("sourcing", self.sourcing))}
