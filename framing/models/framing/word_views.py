"""The framing model's per-word views at prediction, numpy only: biased-word scores aggregated per
sentence, and the sentence's mean static word vector (mixins of the estimators in view_estimators.py).
"""
import numpy as np

from framing.models.framing.batch import _MEMO, _analyze, _stem, _word_memo


class BiasedWordFeatures:
    """Per-word bias scores aggregated per sentence (see BiasedWordScores); ``_backoff`` scores unseen words."""

    def _alphas(self):
        return tuple(self.alpha) if isinstance(self.alpha, (tuple, list)) else (self.alpha,)

    def _score_words(self, words, table):
        """Scores (one tuple entry per alpha) for a list of distinct tokens; non-words score 0."""
        words = [w for w in words if w[0].isalnum()]
        out = {}
        if not words:
            return out
        saved = dict(_MEMO)  # the word model analyses ``words``: the sentences' batch stays the memoised one
        try:
            pw = self._backoff_lr(words, table)
        finally:
            _MEMO.update(saved)
        if "ridge_emb" in table:  # the two backoffs blended in log-odds, vector_weight on the embedding's
            pe = np.clip(self._backoff_ridge(self.vectors.words(words), table), 1e-3, 1 - 1e-3)
            w = self.vector_weight
            pw = 1 / (1 + np.exp(-((1 - w) * np.log(pw / (1 - pw)) + w * np.log(pe / (1 - pe)))))
        n, b, alphas = table["n"], table["b"], self._alphas()
        for w, p in zip(words, pw):
            s = _stem(w)
            bs, ns = b.get(s, 0), n.get(s, 0)
            out[w] = tuple((bs + a * p) / (ns + a) for a in alphas)
        return out

    def _token_scores(self, flat, table, known):
        zero = (0.0,) * len(self._alphas())
        sc = [known.get(w) for w in flat]
        unk = {w for w, s in zip(flat, sc) if s is None}
        if unk:
            extra = self._score_words(sorted(unk), table)
            sc = [s if s is not None else extra.get(w, zero) for w, s in zip(flat, sc)]
        return np.array(sc, dtype=np.float64).reshape(len(flat), len(zero))

    def transform(self, X):
        batch, _ = _analyze(X)
        types, inv = batch.types(self.mask_names)
        # words unseen in training are scored once (the word model is the costly part of a batch otherwise)
        memo = _word_memo(self, "scores", self.word_scores_, np.float64, (len(self._alphas()),))
        return self._features(memo.values(types, lambda new: self._token_scores(new, self.table_, self.word_scores_))
                              [inv], batch)

    def _features(self, scores, batch):
        names = list(self._all_names())
        keep = list(range(len(names))) if self.features is None else [names.index(f) for f in self.features]
        per = len(names) // scores.shape[1]  # columns per alpha
        F = np.hstack([self._features1(scores[:, j], batch, {i - j * per for i in keep if i // per == j})
                       for j in range(scores.shape[1])])
        return F if self.features is None else F[:, keep]

    def _features1(self, scores, batch, want=None):
        """The 10 sentence features of one alpha's word scores; columns not in ``want`` are left 0
        (a model that keeps 3 of them computes 3)."""
        flat, rows, lens = batch.tokens(self.mask_names)
        n, k, prior = batch.n, self.top_k, self.prior_
        want = set(range(k + 7)) if want is None else want
        cols = np.zeros((n, k + 7))
        if want & {*range(k + 1)}:
            top = np.full((n, k), prior)
            if len(scores):  # each row's k highest, in descending order: k times its maximum, then one out
                v, nz = scores.copy(), np.flatnonzero(lens)
                first, sid = (np.cumsum(lens) - lens)[nz], np.repeat(np.arange(len(nz)), lens[nz])
                for r in range(k):
                    m = np.maximum.reduceat(v, first)
                    has = lens[nz] > r
                    top[nz[has], r] = m[has]
                    at = np.flatnonzero(v == m[sid])
                    v[at[np.r_[True, sid[at][1:] != sid[at][:-1]]]] = -np.inf  # the first maximum of each row
            cols[:, :k] = _logit(top)
            cols[:, k] = _logit(top.mean(1))
        for c, thr in zip(range(k + 1, k + 4), (0.2, 0.35, 0.5)):
            if c in want:
                cols[:, c] = np.log1p(np.bincount(rows, weights=scores > thr, minlength=n))
        if k + 4 in want:
            nword = np.bincount(rows, weights=scores > 0, minlength=n)
            cols[:, k + 4] = _logit(np.bincount(rows, weights=scores, minlength=n) / np.maximum(nword, 1))
        if want & {k + 5, k + 6}:
            inq = batch.quote_mask(self.mask_names)
            for c, part in ((k + 5, ~inq), (k + 6, inq)):  # the highest score outside / inside quotes
                mx = np.full(n, prior)
                r, v = rows[part], scores[part]
                if len(r):  # rows are sorted: the maximum of each run (exact in any order)
                    at = np.r_[0, np.flatnonzero(r[1:] != r[:-1]) + 1]
                    mx[r[at]] = np.maximum(mx[r[at]], np.maximum.reduceat(v, at))
                cols[:, c] = _logit(mx)
        return cols

    def _all_names(self):
        base = ([f"bw_top{i + 1}" for i in range(self.top_k)] +
                ["bw_topmean", "bw_n>0.2", "bw_n>0.35", "bw_n>0.5", "bw_mean",
                 "bw_max_outside_quotes", "bw_max_inside_quotes"])
        alphas = self._alphas()
        if len(alphas) == 1:
            return base
        return [f"{f}@a{a:g}" for a in alphas for f in base]


def _logit(p) -> np.ndarray:
    """log-odds of probabilities clipped to [1e-4, 1 - 1e-4] (no infinities at 0 or 1)."""
    p = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.log(p) - np.log1p(-p)


class SentenceEmbeddingTransform:
    """Mean static word vector of each sentence, L2-normalised (see SentenceEmbedding)."""

    def transform(self, X):
        texts = X if isinstance(X, list) else None
        last = _LAST_EMBEDDINGS.get(id(self.vectors))
        if texts and last and last[0] is self.vectors and all(t in last[1] for t in texts):
            return np.stack([last[1][t] for t in texts])  # e.g. the news head, on sentences just embedded
        batch, _ = _analyze(X)
        flat, rows, _ = batch.tokens(False)
        types, inv = batch.types(False)
        W = self.vectors.words(types)
        E = _row_sums(rows, inv, W, batch.n)
        norm = np.linalg.norm(E, axis=1, keepdims=True)
        E = E / np.where(norm > 0, norm, 1.0)
        if texts is not None:
            _LAST_EMBEDDINGS.clear()
            _LAST_EMBEDDINGS[id(self.vectors)] = (self.vectors, dict(zip(texts, E)))
        return E


# The last batch's sentence embeddings by text (a row depends on its own text only): the framing
# model embeds a batch's sentences, then its news head the same sentences' authorial text.
_LAST_EMBEDDINGS: dict = {}


def _row_sums(rows, idx, W, n):
    """E[r] = sum of W[idx[t]] over the tokens t of row r (``rows`` sorted), added in token order in
    W's dtype: what a CSR matrix of ones times W gives, without scipy."""
    E = np.zeros((n, W.shape[1]), W.dtype)
    if not len(rows):
        return E
    first = np.r_[0, np.flatnonzero(rows[1:] != rows[:-1]) + 1]
    pos = np.arange(len(rows)) - np.repeat(first, np.diff(np.r_[first, len(rows)]))
    order = np.argsort(pos, kind="stable")  # tokens by position in their row: the k-th of every row together
    rows, idx, bounds = rows[order], idx[order], np.r_[0, np.cumsum(np.bincount(pos))].tolist()
    for a, b in zip(bounds[:-1], bounds[1:]):  # the k-th token of every row at once
        E[rows[a:b]] += W[idx[a:b]]
    return E
