"""The framing model's inner folds, for the views' cross-fitting, the stacking and the calibration: whole
topics held out when the training input carries them (its optional third column).
"""
import numpy as np
from sklearn.model_selection import KFold, StratifiedGroupKFold, StratifiedKFold


def _groups(X):
    """The optional third training column: each sentence's topic (or other group)."""
    if isinstance(X, np.ndarray) and X.ndim == 2 and X.shape[1] > 2:
        return X[:, 2]
    return None


def _inner_splits(n, y, n_splits, random_state, groups=None):
    # Folds that hold out whole topics: the stacker and the calibration then learn how far each
    # view can be trusted on a topic it has not seen, which is how the model is used.
    if y is not None and groups is not None and len(set(groups)) >= n_splits:
        return list(StratifiedGroupKFold(n_splits, shuffle=True, random_state=random_state)
                    .split(np.zeros(n), y, groups))
    if y is not None:
        return list(StratifiedKFold(n_splits, shuffle=True, random_state=random_state)
                    .split(np.zeros(n), y))
    return list(KFold(n_splits, shuffle=True, random_state=random_state).split(np.zeros(n)))
