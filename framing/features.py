"""Sentence strings -> numeric features, as scikit-learn transformers that drop into a user's Pipeline.

Feature names live in one place (``LexiconFeatures.NAMES``). ``__init__`` stores parameters
only; learned state ends in ``_``; every transformer has ``get_feature_names_out``.
"""
from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from .lexicon import CATEGORIES, load_lexicon
from .text import parse

# Capitalised words not starting a sentence, roughly proper names: masked so a model learns
# wording rather than who or what a topic is about.
_NAME = re.compile(r"(?<=[a-z0-9,;:)%] )(?!I\b)[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*")


def mask_names(text: str) -> str:
    return _NAME.sub("§", text)


class MaskedTfidf(BaseEstimator, TransformerMixin):
    """TF-IDF over sentences with proper names masked (see ``mask_names``)."""

    def __init__(self, analyzer="char_wb", ngram_range=(2, 5), min_df=2, max_features=None, mask=True):
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.mask = mask

    def _prep(self, X):
        return [mask_names(x) if self.mask else x for x in X]

    def fit(self, X, y=None):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer_ = TfidfVectorizer(analyzer=self.analyzer, ngram_range=self.ngram_range, min_df=self.min_df,
                                           max_features=self.max_features, sublinear_tf=True, lowercase=True,
                                           dtype=np.float32)
        self.vectorizer_.fit(self._prep(X))
        return self

    def transform(self, X):
        return self.vectorizer_.transform(self._prep(X))

    def get_feature_names_out(self, input_features=None):
        return self.vectorizer_.get_feature_names_out()


class LexiconFeatures(BaseEstimator, TransformerMixin):
    """Per sentence: lexicon weight per category, split into authorial and quoted, plus style cues."""

    STYLE = ("exclamation", "question", "has_quote", "quoted_share", "all_caps_words", "words_log")

    def __init__(self, lexicon_files=()):
        self.lexicon_files = lexicon_files

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        lex = load_lexicon(tuple(self.lexicon_files))
        n_cat = len(CATEGORIES)
        out = np.zeros((len(X), 2 * n_cat + len(self.STYLE)), dtype=np.float32)
        col = {c: i for i, c in enumerate(CATEGORIES)}
        for r, text in enumerate(X):
            doc = parse(text)
            for e in lex.match(doc):
                out[r, col[e.category] + (n_cat if e.in_quote else 0)] += e.weight
            words = [t.text for t in doc.tokens if t.text[:1].isalnum()]
            quoted = sum(q.end - q.start for q in doc.quotes)
            out[r, 2 * n_cat:] = (
                text.count("!"), text.rstrip().endswith("?"), bool(doc.quotes), quoted / max(len(text), 1),
                sum(1 for w in words if len(w) > 2 and w.isupper()), np.log1p(len(words)),
            )
        return sparse.csr_matrix(out)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"lex_{c}" for c in CATEGORIES] + [f"lex_quoted_{c}" for c in CATEGORIES]
                        + [f"style_{s}" for s in self.STYLE], dtype=object)
