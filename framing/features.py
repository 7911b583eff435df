"""Sentence strings -> numeric features, as scikit-learn transformers that drop into a user's Pipeline.

``LexiconFeatures`` turns framing's own TSV lexicons (and any ``--lexicon`` files) into per-category
weights, authorial and quoted apart. The model transformers are re-exported here too.
``__init__`` stores parameters only; learned state ends in ``_``; every transformer has
``get_feature_names_out``.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from framing.evidence.lexicon import CATEGORIES, load_lexicon
from framing.text.document import parse

# The transformers the bundled models are built from, for use in your own pipelines.
from framing.models.framing.view_estimators import BiasedWordScores, HashedCharNgramTfidf, HashedWordNgramTfidf, LoadedLexiconFeatures  # noqa: E402,F401
from framing.models.sourcing.estimator import CueTaggerFeatures, NgramLogitFeatures, SurfaceFeatures, TokenEncoder  # noqa: E402,F401


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
