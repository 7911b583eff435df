"""The news head: a second stage that reads the framing model's sentence probability the way news
annotators mark loaded language.

The sentence model is trained on BABE (sentences labelled biased or not). On real news articles,
where loaded language is marked as spans (PTC: Loaded_Language, Name_Calling), its probability
ranks lines well but its article mean tracks the annotated density less well than a plain
sentence-embedding classifier. The head is a logistic regression on [the sentence's mean static
embedding (embeddings.py), the logit of the sentence model's P(loaded)], fitted on PTC lines; its
C is chosen by an inner cross-validation that holds out whole articles. Its probability
(``news_loaded_prob``) feeds the article framing score (scoring.py); the sentence model's own
``loaded_prob`` is unchanged. Figures on PTC come from article-grouped cross-validation (ptc.py).
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from framing.models.framing.view_estimators import SentenceEmbedding
from framing.models.framing.word_views import _logit

CS = (0.3, 1.0, 3.0)


def _lr(C: float) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000)


class NewsHead(BaseEstimator):
    """P(a sentence carries loaded language as news annotators mark it), from its text and the
    sentence model's P(loaded). ``fit(texts, loaded, y, groups)``: ``groups`` are article ids."""

    def __init__(self, vectors=None, Cs=CS, inner_folds=5):
        self.vectors = vectors
        self.Cs = Cs
        self.inner_folds = inner_folds

    def _features(self, texts, loaded) -> np.ndarray:
        return np.c_[SentenceEmbedding(self.vectors).transform(list(texts)), _logit(loaded)]

    def fit(self, texts, loaded, y, groups):
        X = self._features(texts, loaded)
        y = np.asarray(y)
        groups = np.asarray(groups)
        splits = list(GroupKFold(min(self.inner_folds, len(set(groups)))).split(X, y, groups))

        def held_out_auc(C):  # pooled over the inner folds' held-out articles
            d = np.zeros(len(y))
            for tr, te in splits:
                d[te] = _lr(C).fit(X[tr], y[tr]).decision_function(X[te])
            return roc_auc_score(y, d)

        self.C_ = float(max(self.Cs, key=held_out_auc))  # the first of equals: the strongest regularisation
        self.lr_ = _lr(self.C_).fit(X, y)
        return self

    def predict_proba(self, texts, loaded) -> np.ndarray:
        """P(loaded, as in news annotations) per text (1-D)."""
        if not len(texts):
            return np.zeros(0)
        return self.lr_.predict_proba(self._features(texts, loaded))[:, 1]


def fit_news_head(sentence_proba, articles, vectors) -> NewsHead:
    """The head fitted on ``articles``' lines (PTC), with ``sentence_proba(texts) -> P(loaded)``."""
    from framing.training.datasets import ptc_sentences

    lines = ptc_sentences(articles)
    texts = [s.text for s in lines]
    return NewsHead(vectors).fit(texts, sentence_proba(texts), [s.label for s in lines], [s.group for s in lines])
