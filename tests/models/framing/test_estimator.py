"""The framing model's training folds: with topics, the cross-fitting and the calibration hold out whole topics."""
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone

from framing.models.framing.estimator import TopicCalibratedClassifierCV
from framing.models.framing.folds import _groups, _inner_splits


def _data(n=80, topics=8):
    y = np.arange(n) % 2
    X = np.empty((n, 3), dtype=object)
    X[:, 0] = [f"sentence {i} " + "x" * (i % 7) for i in range(n)]
    X[:, 1] = "[]"
    X[:, 2] = [f"topic{i % topics}" for i in range(n)]
    return X, y


def test_inner_folds_hold_out_whole_topics():
    X, y = _data()
    splits = _inner_splits(len(y), y, 5, 0, _groups(X))
    assert len(splits) == 5
    assert sorted(np.concatenate([te for _, te in splits])) == list(range(len(y)))  # each sentence held out once
    for tr, te in splits:
        assert not set(X[tr, 2]) & set(X[te, 2])


def test_without_enough_topics_the_folds_are_stratified():
    X, y = _data(topics=3)  # fewer topics than folds
    splits = _inner_splits(len(y), y, 5, 0, _groups(X))
    assert len(splits) == 5 and any(set(X[tr, 2]) & set(X[te, 2]) for tr, te in splits)
    assert _groups(X[:, :2]) is None and _groups([s for s in X[:, 0]]) is None  # prediction input has no topics


class _Recorder(ClassifierMixin, BaseEstimator):
    """Scores by sentence length and records the topics each fit saw."""
    seen: list = []

    def fit(self, X, y):
        _Recorder.seen.append(set(X[:, 2]))
        self.classes_ = np.unique(y)
        return self

    def decision_function(self, X):
        return np.array([len(s) for s in X[:, 0]], dtype=float) - 14

    def predict(self, X):
        return self.classes_[(self.decision_function(X) > 0).astype(int)]


def test_calibration_folds_hold_out_whole_topics_and_the_parameter_is_kept():
    X, y = _data()
    _Recorder.seen = []
    clf = TopicCalibratedClassifierCV(_Recorder(), method="sigmoid", cv=5, ensemble=False).fit(X, y)
    all_topics = set(X[:, 2])
    folds = [s for s in _Recorder.seen if s != all_topics]
    assert len(folds) == 5  # every fold fit missed the topics it was calibrated on
    assert set().union(*(all_topics - s for s in folds)) == all_topics
    assert clf.cv == 5 and clone(clf).get_params()["cv"] == 5
    p = clf.predict_proba(X)[:, 1]
    assert ((0 <= p) & (p <= 1)).all()
