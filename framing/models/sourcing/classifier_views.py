"""The attribution sentence classifier's views at prediction, numpy only: the cue tagger's token logits and
their sentence features, the n-gram logit and the surface cues (mixins of the estimators in estimator.py).
"""
import numpy as np

from framing.models.sourcing.tokens import (C_CAP, C_K1, C_K2, C_K3, C_LOW, C_PRON, C_QUOTE, C_SHAPE, C_STEM, C_SUF,
                                            TokenEncoding, combine)


def token_hash_features(b, pad, extra=False):
    """Per-token list of hashed uint64 features (32 templates) for the cue tagger."""
    T = b.T
    sh = TokenEncoding.shift
    W, S, SH, SUF = T[:, C_LOW], T[:, C_STEM], T[:, C_SHAPE], T[:, C_SUF]
    K1, K2, K3 = T[:, C_K1], T[:, C_K2], T[:, C_K3]
    Wm1, Wp1, Wm2, Wp2, Wm3, Wp3 = (sh(b, W, k, pad) for k in (1, -1, 2, -2, 3, -3))
    Sm1, Sp1 = sh(b, S, 1, pad), sh(b, S, -1, pad)
    SHm1 = sh(b, SH, 1, pad)
    Km1, Kp1, Km2, Kp2 = (sh(b, K2, k, 0) for k in (1, -1, 2, -2))
    q = T[:, C_QUOTE]
    cs = np.cumsum(q)
    start_cs = (cs - q)[b.first][b.sid]  # quotes before sentence start
    before = cs - q - start_cs
    total = np.bincount(b.sid, weights=q, minlength=b.n_sent).astype(np.int64)[b.sid]
    after = total - (cs - start_cs)
    Q = (before > 0).astype(np.int64) * 2 + (after > 0)
    P = np.minimum(b.pos, 5)
    feats = [combine(1, W), combine(2, S), combine(3, SH), combine(4, SUF), combine(5, Wm1),
             combine(6, Wp1), combine(7, Wm2), combine(8, Wp2), combine(9, Wm3), combine(10, Wp3),
             combine(11, Wm1, W), combine(12, W, Wp1), combine(13, Sm1, S), combine(14, S, Sp1),
             combine(15, SHm1, S), combine(16, Q, S), combine(17, Q), combine(18, P, S),
             combine(19, Wm1, W, Wp1), combine(20, K1), combine(21, K2), combine(22, K3),
             combine(23, Km1), combine(24, Kp1), combine(25, Km1, K2), combine(26, K2, Kp1),
             combine(27, Km1, S), combine(28, S, Kp1), combine(29, Q, K2), combine(30, Km2),
             combine(31, Kp2), combine(32, Km2, Km1, K2)]
    if extra:
        # subject-like token (pronoun or capitalised, not sentence-initial-only) within 3 to the left
        subj = (T[:, C_PRON] | (T[:, C_CAP] & (b.pos > 0))).astype(np.int64)
        sl = np.maximum.reduce([TokenEncoding.shift(b, subj, k, 0) for k in (1, 2, 3)])
        feats += [combine(33, sl, S), combine(34, Km1, K2, Kp1), combine(35, Q, W), combine(36, sl, K2),
                  combine(37, SHm1, K2, Kp1)]
    return feats


def hashed_matrix(feats, n_features):
    mask = np.uint64(n_features - 1)
    idx = np.stack([(f & mask).astype(np.int64) for f in feats], axis=1)
    return idx


def gather_sum(coef, feats, n_features):
    """sum_k coef[hash_k & mask] without materialising the (ntok x k) index matrix."""
    mask = np.uint64(n_features - 1)
    z = np.zeros(len(feats[0]), np.float32)
    for f in feats:
        f &= mask
        z += np.take(coef, f.view(np.int64))
    return z


def _segment_max(z, sid, n, fill=-30.0, first=None, lens=None):
    """max of z per sentence; tokens are contiguous per sentence (sid non-decreasing)."""
    out = np.full(n, fill, dtype=np.float64)
    if len(z) == 0:
        return out
    if first is None:
        lens = np.bincount(sid, minlength=n)
        first = np.concatenate([[0], np.cumsum(lens)[:-1]])
    nz = lens > 0
    out[nz] = np.maximum.reduceat(z, first[nz])
    return out


def _context(values, docs, fill):
    """prev / next sentence value within the same document."""
    prev = np.r_[fill, values[:-1]]
    nxt = np.r_[values[1:], fill]
    if len(values):
        newdoc = np.r_[True, docs[1:] != docs[:-1]]
        prev[newdoc] = fill
        nxt[np.r_[newdoc[1:], True]] = fill
    return prev, nxt


class CueTaggerTransform:
    """Token cue logits and their sentence features (see CueTaggerFeatures)."""

    def token_logits(self, b):
        # memoised on the batch: the sentence features and the source-span decoder both need them
        cache = b.__dict__.setdefault("token_logits", {})
        if id(self) not in cache:
            cache[id(self)] = gather_sum(self.coef_, token_hash_features(b, b.pad, self.extra),
                                         self.n_features) + self.intercept_
        return cache[id(self)]

    def _aggregate(self, b, z):
        n = b.n_sent
        z = z.astype(np.float64)
        mx = _segment_max(z, b.sid, n, first=b.first, lens=b.lens)
        # second max: mask (one) arg-max token of each sentence
        z2 = z.copy()
        ismax = z == mx[b.sid]
        ismax &= np.r_[True, ~(ismax[:-1] & (b.sid[1:] == b.sid[:-1]))] if len(z) else ismax
        z2[ismax] = -30.0
        mx2 = _segment_max(z2, b.sid, n, first=b.first, lens=b.lens)
        p = 1.0 / (1.0 + np.exp(-z))
        lno = np.bincount(b.sid, weights=np.log1p(-np.minimum(p, 1 - 1e-7)), minlength=n)
        noisy_or = np.log(-np.expm1(lno) + 1e-9)
        npos = np.bincount(b.sid, weights=(z > 0).astype(float), minlength=n)
        mxc = np.maximum(mx, -10.0)
        prev, nxt = _context(mxc, b.docs, -10.0)
        d = b.docs
        u, inv = np.unique(d, return_inverse=True)
        dmean = (np.bincount(inv, weights=(mx > 0)) / np.bincount(inv))[inv]
        return np.c_[mxc, np.maximum(mx2, -10.0), noisy_or, npos, prev, nxt, dmean]

    def transform(self, X):
        return self._aggregate(X, self.token_logits(X))


class NgramLogitTransform:
    """The n-gram logit of each sentence and its neighbours (see NgramLogitFeatures)."""

    def _hashed(self, b):
        """(rows, cols, weights): every unigram, stem and bigram occurrence, weight 1/sqrt(#occurrences
        in the sentence) -> the sentence vector is counts / sqrt(total), close to l2-normalised
        binary when n-grams do not repeat."""
        W, S = b.T[:, C_LOW], b.T[:, C_STEM]
        Wp1 = TokenEncoding.shift(b, W, -1, b.pad)
        valid_bi = b.pos < (b.lens[b.sid] - 1)
        mask = np.uint64(self.n_features - 1)
        cols = [combine(101, W), combine(102, S), combine(103, W[valid_bi], Wp1[valid_bi])]
        rows = [b.sid, b.sid, b.sid[valid_bi]]
        if self.extra:
            K2, Sp1 = b.T[:, C_K2], TokenEncoding.shift(b, S, -1, b.pad)
            K2p1 = TokenEncoding.shift(b, K2, -1, 0)
            cols += [combine(104, K2), combine(105, K2[valid_bi], K2p1[valid_bi]),
                     combine(106, S[valid_bi], Sp1[valid_bi])]
            rows += [b.sid, b.sid[valid_bi], b.sid[valid_bi]]
        cols = np.concatenate(cols)
        cols &= mask
        rows = np.concatenate(rows)
        n_occ = np.bincount(rows, minlength=b.n_sent).astype(np.float32)
        n_occ[n_occ == 0] = 1
        return rows, cols.view(np.int64), 1.0 / np.sqrt(n_occ)

    def _logit(self, b):
        rows, cols, inv = self._hashed(b)
        return np.bincount(rows, weights=self.coef_[cols], minlength=b.n_sent) * inv + self.intercept_

    def _out(self, b, z):
        prev, nxt = _context(z, b.docs, 0.0)
        return np.c_[z, prev, nxt]

    def transform(self, X):
        return self._out(X, self._logit(X))


class SurfaceTransform:
    """Stateless surface cues (see SurfaceFeatures)."""

    def transform(self, X):
        b = X
        T = b.T
        n = b.n_sent
        q = np.bincount(b.sid, weights=T[:, C_QUOTE], minlength=n)
        first_q = np.zeros(n)
        last_q = np.zeros(n)
        nz = b.lens > 0
        first_q[nz] = T[b.first[nz], C_QUOTE]
        last_q[nz] = T[b.first[nz] + b.lens[nz] - 1, C_QUOTE] | T[np.maximum(b.first[nz] + b.lens[nz] - 2, 0), C_QUOTE]
        colon = np.array([":" in t for t in b.texts], float)
        quest = np.array(["?" in t for t in b.texts], float)
        pron = np.bincount(b.sid, weights=T[:, C_PRON], minlength=n)
        cap = np.bincount(b.sid, weights=T[:, C_CAP] * (b.pos > 0), minlength=n)
        d = b.docs
        newdoc = np.r_[True, d[1:] != d[:-1]] if n else np.zeros(0, bool)
        start = np.maximum.accumulate(np.where(newdoc, np.arange(n), 0)) if n else np.zeros(0, int)
        pos = np.minimum(np.arange(n) - start, 10)
        return np.c_[np.log1p(b.lens), q, first_q, last_q, colon, quest, pron, np.log1p(cap), pos]
