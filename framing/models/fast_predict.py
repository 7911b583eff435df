"""Scoring with a saved model without importing scikit-learn or scipy.

Importing scikit-learn takes about 1.2 s (it imports scipy.stats), more than scoring an article. A
model file is the pickle of fitted scikit-learn objects; here it is unpickled with every
scikit-learn class (and framing's own estimators, which subclass them) replaced by a light class
that keeps the pickled state and computes the prediction with numpy: framing's own transforms are
the very mixins the estimators use (models/framing/*_views.py, models/sourcing/), and the few
scikit-learn parts a model holds (logistic and ridge regression, standard scaling, sigmoid
calibration, a histogram gradient-boosted head, feature hashing) are written here to give the
same numbers, value for value: the same products summed in the same order, and the sigmoid with
the C library's exp as scipy's ``expit`` has it (tests/test_fast_predict.py checks them against
scikit-learn on real text).

Only the model structures framing trains are read this way; for anything else ``load`` returns
None and the caller unpickles the model with scikit-learn as before. The file's trust and sha256
are checked before (persist.load_model): this is a narrower unpickler, not a safer one.
"""
from __future__ import annotations

import io
import math
import pickle

import numpy as np

from framing.caches import BoundedCache
from framing.models.embeddings import StaticVectors
from framing.models.hashing import feature_index
from framing.models.framing.lexicon_views import LexiconCounts
from framing.models.framing.ngram_views import CharNgramOccurrences, TfidfTransform, WordNgramOccurrences
from framing.models.framing.word_views import BiasedWordFeatures, SentenceEmbeddingTransform, _logit
from framing.evidence.source_typer import SourceTyper
from framing.evidence.source_verifier import coded_column, row_columns
from framing.models.sourcing.classifier_views import CueTaggerTransform, NgramLogitTransform, SurfaceTransform
from framing.models.sourcing.prediction import AttributionPrediction, SourcingPrediction
from framing.models.sourcing.spans import SpanDecoding
from framing.models.sourcing.tokens import TokenEncoding


class Unsupported(Exception):
    """The model holds something this module does not compute; load it with scikit-learn."""


def expit(z) -> np.ndarray:
    """scipy.special.expit value for value: 1 / (1 + exp(-z)) with the C library's exp (numpy's own
    vectorised exp may differ in the last bit)."""
    out = []
    for x in np.asarray(z, dtype=np.float64).ravel().tolist():
        try:
            out.append(1.0 / (1.0 + math.exp(-x)))
        except OverflowError:  # exp(-x) is inf in C
            out.append(0.0)
    return np.array(out, dtype=np.float64).reshape(np.shape(z))


class Sparse:
    """A CSR-like matrix as (rows, cols, data) in row order, duplicates in place: what the tf-idf
    views' ``_weight`` gives on this path instead of a scipy matrix."""

    def __init__(self, rows, cols, data, n):
        self.rows, self.cols, self.data, self.n = rows, cols, data, n

    def dot(self, coef) -> np.ndarray:
        # scipy's CSR product adds each row's products in stored order, from 0.0, in float64; bincount
        # adds them in the same order
        return np.bincount(self.rows, weights=self.data * np.take(coef, self.cols), minlength=self.n)


def _sparse_dot(rows, cols, values, n, coef) -> np.ndarray:
    """X @ coef for a matrix given as entries (any order, duplicates allowed) after scipy turns it
    into canonical CSR (duplicates summed in order, columns sorted): what scikit-learn's LR sees
    after ``sp.hstack(..., format="csr")`` or FeatureHasher."""
    if not len(rows):
        return np.zeros(n)
    key = rows.astype(np.int64) * (len(coef) + 1) + cols
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.r_[True, key[1:] != key[:-1]]
    group = np.cumsum(first) - 1
    summed = np.zeros(int(group[-1]) + 1)
    np.add.at(summed, group, values[order])  # in order, one at a time, as scipy's sum_duplicates
    return np.bincount(rows[order][first], weights=summed * coef[cols[order][first]], minlength=n)


# --- light classes: the pickled state, and the prediction ----------------------------------------

class _State:
    """An object's pickled attributes; made without running any constructor."""

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        pass

    def __setstate__(self, state):
        if isinstance(state, tuple):  # (dict, slots)
            state = {**(state[0] or {}), **(state[1] or {})}
        self.__dict__.update(state)


class _Ignored(_State):
    """A fitted helper prediction never reads (a loss object, a bin mapper, a label encoder)."""


class _Pipeline(_State):
    def _through(self, X):
        for _, step in self.steps[:-1]:
            X = step.transform(X)
        return X

    def decision_function(self, X):
        return self.steps[-1][1].decision_function(self._through(X))


class _FeatureUnion(_State):
    def transform(self, X):
        if getattr(self, "transformer_weights", None):
            raise Unsupported("weighted FeatureUnion")
        return np.hstack([t.transform(X) for _, t in self.transformer_list])

    @property
    def named_transformers(self):
        return dict(self.transformer_list)


class _StandardScaler(_State):
    def transform(self, X):
        X = np.array(X, dtype=np.float64)
        if self.with_mean:
            X -= self.mean_
        if self.with_std:
            X /= self.scale_
        return X


class _LinearModel(_State):
    """LogisticRegression / Ridge: ``X @ coef_.T + intercept_`` as scikit-learn computes it."""

    def decision_function(self, X):
        if isinstance(X, Sparse):
            return X.dot(self.coef_[0]) + self.intercept_
        coef_t = self.coef_.T if self.coef_.ndim == 2 else self.coef_
        scores = X @ coef_t + self.intercept_
        return scores.reshape(-1) if scores.ndim > 1 and scores.shape[1] == 1 else scores

    predict = decision_function  # Ridge

    def predict_proba(self, X):
        if len(self.classes_) != 2:
            raise Unsupported("multi-class logistic regression")
        p = expit(self.decision_function(X))
        return np.stack([1 - p, p], axis=1)


class _MonotoneLR(_State):
    def decision_function(self, X):
        return np.asarray(X, dtype=float) @ self.coef_[0] + self.intercept_[0]


class _OutOfFoldScore(_State):
    def transform(self, X):
        return self.estimator_.decision_function(X)[:, None]


class _CalibratedClassifier(_State):
    """TopicCalibratedClassifierCV (CalibratedClassifierCV, sigmoid, binary)."""

    def check(self):
        if len(self.classes_) != 2 or not self.calibrated_classifiers_:
            raise Unsupported("calibration other than binary")
        for cc in self.calibrated_classifiers_:
            classes = cc.estimator.steps[-1][1].classes_
            if cc.method != "sigmoid" or len(cc.calibrators) != 1 or list(classes) != list(self.classes_):
                raise Unsupported("calibration other than binary sigmoid")

    def predict_proba(self, X):
        mean = np.zeros((len(X), 2))
        for cc in self.calibrated_classifiers_:
            d = cc.estimator.decision_function(X)
            cal = cc.calibrators[0]
            proba = np.zeros((len(X), 2))
            proba[:, 1] = expit(-(cal.a_ * d + cal.b_))
            proba[:, 0] = 1.0 - proba[:, 1]
            proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
            mean += proba
        mean /= len(self.calibrated_classifiers_)
        return mean


class _HashedTfidf(_State):
    _ROWS_SORTED = False  # bincount adds each row's entries in their order, in any order of rows

    def _weight(self, rows, cols, n):
        data = np.take(self.idf_, cols)
        norm = np.sqrt(np.bincount(rows, weights=data * data, minlength=n)).astype(np.float32)
        norm[norm == 0] = 1.0
        data /= np.take(norm, rows)
        return Sparse(rows, cols, data, n)


class _BiasedWordScores(BiasedWordFeatures, _State):
    def _backoff_lr(self, words, table):
        """The word model on [char n-gram tf-idf, lexicon counts] (framing_model.BiasedWordScores._word_matrix)."""
        vec, lex, lr = table["vec"], table["lex"], table["lr"]
        X = vec.transform(words)
        L = lex.transform(words)
        lr_rows, lr_cols = np.nonzero(L)
        rows = np.r_[X.rows, lr_rows].astype(np.int64)
        cols = np.r_[X.cols, lr_cols + len(vec.idf_)].astype(np.int64)
        values = np.r_[X.data.astype(np.float64), L[lr_rows, lr_cols]]
        return expit(_sparse_dot(rows, cols, values, len(words), lr.coef_[0]) + lr.intercept_)

    def _backoff_ridge(self, E, table):
        return table["ridge_emb"].predict(E)


class _NewsHead(_State):
    def predict_proba(self, texts, loaded) -> np.ndarray:
        if not len(texts):
            return np.zeros(0)
        emb = _FRAMING["SentenceEmbedding"]()
        emb.vectors = self.vectors
        X = np.c_[emb.transform(list(texts)), _logit(loaded)]
        return self.lr_.predict_proba(X)[:, 1]


class _HistGradientBoosting(_State):
    """HistGradientBoostingClassifier.predict_proba (binary, numeric features)."""

    def check(self):
        if getattr(self, "_preprocessor", None) is not None or self.n_trees_per_iteration_ != 1:
            raise Unsupported("categorical features or more than two classes")
        for trees in self._predictors:
            for t in trees:
                if t.nodes["is_categorical"].any():
                    raise Unsupported("categorical splits")
        # all trees' nodes in one table (children as indices into it), walked together
        trees = [t.nodes for it in self._predictors for t in it]
        offsets = np.cumsum([0] + [len(t) for t in trees[:-1]])
        nodes = np.concatenate(trees)
        shift = np.repeat(offsets, [len(t) for t in trees])
        self._roots = offsets.astype(np.intp)
        self._leaf = nodes["is_leaf"].astype(bool)
        self._feature = nodes["feature_idx"].astype(np.intp)
        self._threshold = nodes["num_threshold"]
        self._missing_left = nodes["missing_go_to_left"].astype(bool)
        self._left = (nodes["left"] + shift).astype(np.intp)
        self._right = (nodes["right"] + shift).astype(np.intp)
        # a leaf's children are itself: a sample that reached its leaf stays there while others walk on
        leaves = np.flatnonzero(self._leaf)
        self._left[leaves] = self._right[leaves] = leaves
        self._feature[leaves] = 0
        self._value = nodes["value"]

    def _leaf_values(self, X) -> np.ndarray:
        """(trees, samples): each tree's leaf value for each sample (TreePredictor.predict). All
        (tree, sample) pairs step down a level together; those at a leaf stay there (it is its own
        child), and the pairs still walking are gathered anew only once they are under half of
        those stepped: a third faster than gathering them at every level."""
        n, flat, take = len(X), np.ascontiguousarray(X).ravel(), np.take
        at = np.tile(np.arange(n) * X.shape[1], len(self._roots))  # each (tree, sample)'s row start in flat
        node = np.repeat(self._roots, n)
        todo, cur, cur_at = None, node, at  # todo: the pairs stepped (None: all), at nodes cur
        while True:
            x = take(flat, cur_at + take(self._feature, cur))
            go_left = x <= take(self._threshold, cur)
            nan = np.isnan(x)
            if nan.any():
                go_left |= nan & take(self._missing_left, cur)
            cur = np.where(go_left, take(self._left, cur), take(self._right, cur))
            inner = ~take(self._leaf, cur)
            walking = np.count_nonzero(inner)
            if not walking:
                break
            if 2 * walking < len(cur):
                if todo is None:
                    node, todo = cur, np.flatnonzero(inner)
                else:
                    node[todo] = cur
                    todo = todo[inner]
                cur, cur_at = node[todo], at[todo]
        if todo is None:
            node = cur
        else:
            node[todo] = cur
        return take(self._value, node).reshape(len(self._roots), n)

    def predict_proba(self, X):
        X = np.asarray(X, dtype=np.float64)
        raw = np.zeros((len(X), 1), dtype=self._baseline_prediction.dtype, order="F")
        raw += self._baseline_prediction
        for values in self._leaf_values(X):  # tree by tree, in order, as scikit-learn adds them
            raw[:, 0] += values
        p = expit(raw[:, 0])
        out = np.empty((len(X), 2))
        out[:, 1] = p
        out[:, 0] = 1 - p
        return out


class _AttributionClassifier(AttributionPrediction, _State):
    def _head_proba(self, F):
        return self.head_.predict_proba(F)[:, 1]


class _SourceVerifier(_State):
    """SourceVerifier: hashed features and their pairs (source_verifier.row_columns) -> logistic regression."""

    def predict_proba(self, rows: list[list[str]]) -> np.ndarray:
        if not rows:
            return np.zeros((0, 2))
        known = _COLUMNS.get(self.n_features)
        if known is None:
            known = _COLUMNS[self.n_features] = BoundedCache(_COLUMNS_SIZE)
        n = self.n_features
        r, c = row_columns(rows, n, lambda f: known[f] if f in known else
                           known.add(f, coded_column(f, feature_index(f, n), n)))
        d = _sparse_dot(r, c, np.ones(len(c)), len(rows), self.clf_.coef_[0]) + self.clf_.intercept_
        p = expit(d)
        return np.stack([1 - p, p], axis=1)


# n_features -> {feature string: its column}: most of an article's features were seen before
_COLUMNS: dict[int, BoundedCache] = {}
_COLUMNS_SIZE = 200_000


# framing's estimators whose prediction is their own mixin (models/framing/*_views.py, models/sourcing's
# tokens.py, classifier_views.py, spans.py, prediction.py). framing's classes are known by name alone
# (each name is unique in the package), so a model keeps loading here when a class moves between modules.
_MIXINS = {
    "HashedCharNgramTfidf": (CharNgramOccurrences, _HashedTfidf, TfidfTransform),
    "HashedWordNgramTfidf": (WordNgramOccurrences, _HashedTfidf, TfidfTransform),
    "SentenceEmbedding": (SentenceEmbeddingTransform,), "LoadedLexiconFeatures": (LexiconCounts,),
    "SourcingModel": (SourcingPrediction,), "TokenEncoder": (TokenEncoding,),
    "CueTaggerFeatures": (CueTaggerTransform,), "NgramLogitFeatures": (NgramLogitTransform,),
    "SurfaceFeatures": (SurfaceTransform,), "SourceSpanExtractor": (SpanDecoding,),
}
_FRAMING = {name: type(name, (*mixins, _State), {}) for name, mixins in _MIXINS.items()}
_FRAMING.update({
    "TopicCalibratedClassifierCV": _CalibratedClassifier, "MonotoneLogisticRegression": _MonotoneLR,
    "OutOfFoldScore": _OutOfFoldScore, "BiasedWordScores": _BiasedWordScores, "NewsHead": _NewsHead,
    "AttributionSentenceClassifier": _AttributionClassifier, "SourceVerifier": _SourceVerifier,
    "SourceTyper": SourceTyper, "StaticVectors": StaticVectors,  # numpy-only already
})
_CLASSES = {
    ("sklearn.calibration", "_CalibratedClassifier"): _State,
    ("sklearn.calibration", "_SigmoidCalibration"): _State,
    ("sklearn.pipeline", "Pipeline"): _Pipeline,
    ("sklearn.pipeline", "FeatureUnion"): _FeatureUnion,
    ("sklearn.preprocessing._data", "StandardScaler"): _StandardScaler,
    ("sklearn.linear_model._logistic", "LogisticRegression"): _LinearModel,
    ("sklearn.linear_model._ridge", "Ridge"): _LinearModel,
    ("sklearn.ensemble._hist_gradient_boosting.gradient_boosting", "HistGradientBoostingClassifier"):
        _HistGradientBoosting,
    ("sklearn.ensemble._hist_gradient_boosting.predictor", "TreePredictor"): _State,
}
_CLASSES.update({key: _Ignored for key in [  # fitted helpers prediction never reads
    ("sklearn.ensemble._hist_gradient_boosting.binning", "_BinMapper"), ("sklearn._loss.loss", "HalfBinomialLoss"),
    ("sklearn._loss.link", "LogitLink"), ("sklearn._loss.link", "Interval"),
    ("sklearn._loss._loss", "CyHalfBinomialLoss"), ("sklearn.preprocessing._label", "LabelEncoder")]})
_ROOTS = {"framing": _CalibratedClassifier, "sourcing": _FRAMING["SourcingModel"]}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        framing_class = module.split(".")[0] == "framing"
        light = _FRAMING.get(name) if framing_class else _CLASSES.get((module, name))
        if light is not None:
            return light
        if module == "nltk.stem.porter" and name == "PorterStemmer":
            from framing.text.nltk_parts import porter_stemmer_class

            return porter_stemmer_class()
        if module.split(".")[0] in ("sklearn", "scipy", "framing", "nltk"):
            raise Unsupported(f"{module}.{name}")
        return super().find_class(module, name)  # numpy


def load(blob: bytes, task: str):
    """The light model of pickled ``blob`` (a model folder's estimator, its static vectors already
    being read from the folder by the caller's ``embeddings.from_folder``), or None when it holds
    anything this module does not compute."""
    try:
        model = _Unpickler(io.BytesIO(blob)).load()
        if type(model) is not _ROOTS[task]:
            return None
        _check(model, task)
    except Unsupported:
        return None
    return model


def _check(model, task: str) -> None:
    if task == "framing":
        model.check()
        return
    head = model.clf_.head_
    if not isinstance(head, _HistGradientBoosting):
        raise Unsupported("a sourcing head other than gradient boosting")
    head.check()
