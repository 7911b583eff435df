"""PTC (Propaganda Techniques Corpus) as the framing model's check on real news.

Sentence level: each non-blank line (PTC's unit: a sentence or short paragraph) is loaded where a
Loaded_Language or Name_Calling,Labeling span overlaps it; the model's probability for the line
is ranked against that (ROC AUC). Article level: the article's ``framing_score`` (the same formula
as ``framing score``, scoring.py) against its loaded-span density (such spans per line), as a
Spearman correlation: the article score should order articles as the annotators' spans do.
"""
from __future__ import annotations

import numpy as np

from .datasets import PtcArticle, ptc_sentences
from .metrics import binary_report, spearman

PROTOCOL_SENTENCE = ("PTC (Da San Martino et al., EMNLP 2019), 185 news articles; each non-blank line is 1 where a "
                     "Loaded_Language or Name_Calling,Labeling span overlaps it; model trained on all BABE")
PROTOCOL_ARTICLE = ("PTC articles: framing_score (scoring.py formula, framing model trained on all BABE) vs "
                    "Loaded_Language + Name_Calling,Labeling spans per non-blank line (Spearman)")


def span_density(art: PtcArticle) -> float:
    """Loaded-language spans per non-blank line: the article-level gold."""
    return len(art.loaded_spans()) / max(len(art.lines()), 1)


def article_framing_scores(articles: list[PtcArticle], proba) -> list[dict]:
    """Per article, the framing score and its components, as ``framing score`` computes them with the
    sentence model ``proba(texts) -> P(loaded)`` (attribution plays no part in the framing score)."""
    from .analysis import analyze
    from .scoring import Predictors, score_batch
    from .types import Article

    def no_attribution(texts, article, threshold):
        return np.zeros(len(texts)), None

    analyses = [analyze(Article(a.name, a.text)) for a in articles]
    records = score_batch(analyses, Predictors(loaded=proba, attribution=no_attribution))
    return [{"framing_score": r["framing_score"], **r["framing"]["components"]} for r in records]


def ptc_metrics(articles: list[PtcArticle], proba) -> dict:
    """Sentence and article metrics of the sentence model ``proba`` on PTC."""
    lines = ptc_sentences(articles)
    y = np.array([s.label for s in lines])
    p = np.asarray(proba([s.text for s in lines]), dtype=float)
    scores = article_framing_scores(articles, proba)
    gold = [span_density(a) for a in articles]
    return {
        "ptc_sentences": {**binary_report(y, p), "protocol": PROTOCOL_SENTENCE},
        "ptc_articles": {"articles": len(articles),
                         "spearman": spearman([s["framing_score"] for s in scores], gold),
                         **{f"spearman_{k}": spearman([s[k] for s in scores], gold)
                            for k in ("mean_loaded_prob", "loaded_sentence_share", "lexicon_density")},
                         "protocol": PROTOCOL_ARTICLE},
    }
