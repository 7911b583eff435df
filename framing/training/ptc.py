"""PTC (Propaganda Techniques Corpus) as the framing model's check on real news.

Sentence level: each non-blank line (PTC's unit: a sentence or short paragraph) is loaded where a
Loaded_Language or Name_Calling,Labeling span overlaps it; a model's probability for the line is
ranked against that (ROC AUC). Article level: the article's ``framing_score`` (the same formula
as ``framing score``, scoring.py) against its loaded-span density (such spans per line), as a
Spearman correlation: the article score should order articles as the annotators' spans do.

The news head (news_head.py) is trained on PTC itself, so every figure that involves it comes
from article-grouped cross-validation: each article's lines and score come from a head fitted
on the other folds' articles, never on its own.
"""
from __future__ import annotations

import numpy as np

from framing.training.datasets import PtcArticle, ptc_sentences
from framing.training.metrics import binary_report, spearman

FOLDS = 5
PROTOCOL_SENTENCE = ("PTC (Da San Martino et al., EMNLP 2019), 185 news articles; each non-blank line is 1 where a "
                     "Loaded_Language or Name_Calling,Labeling span overlaps it; sentence model trained on all BABE, "
                     "no news head")
PROTOCOL_HEAD = (f"the same lines, news_loaded_prob: sentence model trained on all BABE, news head trained on PTC "
                 f"out of fold (GroupKFold({FOLDS}) by article; its C chosen by an inner article-grouped CV): no line "
                 f"is scored by a head fitted on its article")
PROTOCOL_ARTICLE = (f"PTC articles: framing_score (scoring.py formula; news head out of fold, GroupKFold({FOLDS}) "
                    f"by article) vs Loaded_Language + Name_Calling,Labeling spans per non-blank line (Spearman)")


def span_density(art: PtcArticle) -> float:
    """Loaded-language spans per non-blank line: the article-level gold."""
    return len(art.loaded_spans()) / max(len(art.lines()), 1)


def article_framing_scores(articles: list[PtcArticle], proba, news=None) -> list[dict]:
    """Per article, the framing score and its components, as ``framing score`` computes them with the
    sentence model ``proba(texts) -> P(loaded)`` and the news head ``news(texts, P(loaded))``
    (attribution plays no part in the framing score)."""
    from framing.evidence.analysis import analyze
    from framing.scoring import Predictors, score_batch
    from framing.types import Article

    def no_attribution(texts, article, threshold):
        return np.zeros(len(texts)), None

    analyses = [analyze(Article(a.name, a.text)) for a in articles]
    records = score_batch(analyses, Predictors(loaded=proba, attribution=no_attribution, news=news))
    return [{"framing_score": r["framing_score"], **r["framing"]["components"]} for r in records]


def ptc_metrics(articles: list[PtcArticle], proba, vectors, folds: int = FOLDS) -> dict:
    """Sentence and article metrics on PTC of the sentence model ``proba`` and of news heads built
    on it with ``vectors``, cross-validated by article (``folds`` folds)."""
    from sklearn.model_selection import GroupKFold

    from framing.models.framing.news_head import NewsHead

    lines = ptc_sentences(articles)
    texts = [s.text for s in lines]
    y = np.array([s.label for s in lines])
    groups = np.array([s.group for s in lines])
    p = np.asarray(proba(texts), dtype=float)
    oof = np.zeros(len(lines))
    scores: dict[str, dict] = {}
    chosen = []
    for tr, te in GroupKFold(folds).split(texts, y, groups):
        head = NewsHead(vectors).fit([texts[i] for i in tr], p[tr], y[tr], groups[tr])
        chosen.append(head.C_)
        oof[te] = head.predict_proba([texts[i] for i in te], p[te])
        held = set(groups[te])
        part = [a for a in articles if a.name in held]
        scores.update(zip((a.name for a in part), article_framing_scores(part, proba, head.predict_proba)))
    rows = [scores[a.name] for a in articles]
    gold = [span_density(a) for a in articles]
    return {
        "ptc_sentences": {**binary_report(y, p), "protocol": PROTOCOL_SENTENCE},
        "ptc_sentences_news_head": {**binary_report(y, oof), "C_per_fold": " ".join(f"{c:g}" for c in chosen),
                                    "protocol": PROTOCOL_HEAD},
        "ptc_articles": {"articles": len(articles),
                         "spearman": spearman([s["framing_score"] for s in rows], gold),
                         **{f"spearman_{k}": spearman([s[k] for s in rows], gold)
                            for k in ("news_loaded_share", "lexicon_density")},
                         "protocol": PROTOCOL_ARTICLE},
    }
