"""The attribution (sourcing) sentence model and the learned source-span tagger.

Sentence model: tokens are mapped to hashed features (word, Porter stem, shape, suffix and
word clusters learned from the training text: PPMI -> SVD -> k-means); a token-level cue tagger
(logistic regression: "this token is inside an attribution cue") gives each sentence its best
cue score, with the previous and next sentence's and the article's mean as context; an n-gram
logistic score and surface features (quotes, colon, length, pronouns, position) join it; the base
models are cross-fitted in folds grouped by article, and a gradient-boosted head combines them.
Source spans: a second token tagger (BILOU) anchored on the best cue token of the sentence,
decoded to the best single contiguous span (cf. PARC-style attribution extraction; Pareti 2016).

Input is a ``Sentences`` container (sentence texts in document order plus document ids, so the
context features never cross articles); a plain list of strings is one document per string.
"""
import collections
import itertools
import re
import weakref
import zlib

import numpy as np
import scipy.sparse as sp
from nltk.stem import PorterStemmer
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.cluster import MiniBatchKMeans
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.extmath import randomized_svd


class Sentences:
    """Sentence texts in document order + document ids. For training only: ``cues`` (cue spans
    relative to each sentence, for the cue tagger) and ``atts`` (per sentence, a list of
    (cue spans, source spans) pairs relative to it, for the source tagger)."""

    def __init__(self, texts, docs=None, cues=None, atts=None):
        self.texts = list(texts)
        self.docs = np.arange(len(self.texts)) if docs is None else np.asarray(docs)
        self.cues = cues
        self.atts = atts

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, idx):
        idx = np.arange(len(self.texts))[idx] if isinstance(idx, slice) else np.asarray(idx)
        pick = lambda xs: None if xs is None else [xs[i] for i in idx]  # noqa: E731
        return Sentences([self.texts[i] for i in idx], self.docs[idx], pick(self.cues), pick(self.atts))


def as_sentences(X):
    return X if isinstance(X, Sentences) else Sentences(X)


# =============================================================== tokenisation / hashing
TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
QUOTES = set("\"“”‘’'«»")
PRONOUNS = set("i you he she it we they me him her us them who which that one someone".split())
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_K = [np.uint64(x) for x in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                             0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)]


def shash(s):
    return zlib.crc32(s.encode("utf-8")) + 1  # stable across processes (unlike hash())


def combine(ns, *cols):
    """Vectorised hash of a feature namespace and int64 columns -> uint64."""
    with np.errstate(over="ignore"):
        h = np.full(cols[0].shape, np.uint64(ns) * _K[4], dtype=np.uint64)
        for i, c in enumerate(cols):
            h ^= c.astype(np.uint64) * _K[i % 4]
            h = (h ^ (h >> np.uint64(31))) * _K[(i + 1) % 4]
        h ^= h >> np.uint64(29)
    return h


def word_shape(w):
    s = re.sub(r"[A-Z]", "A", w)
    s = re.sub(r"[a-z]", "a", s)
    s = re.sub(r"\d", "0", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


# Type rows of words outside an encoder's vocabulary, kept across batches (names recur in a corpus).
_OOV_ROWS: "weakref.WeakKeyDictionary[TokenEncoder, dict]" = weakref.WeakKeyDictionary()


class EncodedBatch:
    """Flat token arrays for a batch of sentences."""
    pass


# type table columns
C_LOW, C_STEM, C_SHAPE, C_SUF, C_K1, C_K2, C_K3, C_QUOTE, C_CAP, C_PRON = range(10)


class TokenEncoder(BaseEstimator, TransformerMixin):
    """Tokenises sentences and maps every token type to a row of hashed ids (lowercase form, Porter
    stem, word shape, 3-char suffix, distributional clusters at three granularities, flags).

    Clusters: PPMI (+-2 window, ctx_size context words) -> truncated SVD (svd_dim) -> k-means with
    n_clusters = (k1, k2, k3), learned from the training sentences only (no labels)."""

    def __init__(self, min_count=3, ctx_size=3000, svd_dim=100, n_clusters=(64, 256, 1024),
                 random_state=0):
        self.min_count = min_count
        self.ctx_size = ctx_size
        self.svd_dim = svd_dim
        self.n_clusters = n_clusters
        self.random_state = random_state

    # -- helpers
    def _type_row(self, w):
        low = w.lower()
        st = self.stemmer_.stem(low) if len(low) > 2 else low
        ci = self.cluster_index_.get(low, -1)
        cl = [(-1 if ci < 0 else int(c[ci])) for c in self.cluster_labels_]
        return [shash(low), shash(st), shash(word_shape(w)), shash(low[-3:]), cl[0] + 2, cl[1] + 2,
                cl[2] + 2, int(w in QUOTES), int(w[:1].isupper()), int(low in PRONOUNS)]

    def fit(self, X, y=None):
        X = as_sentences(X)
        self.stemmer_ = PorterStemmer()
        toks = [TOKEN_RE.findall(t) for t in X.texts]
        low = [[w.lower() for w in s] for s in toks]
        cnt = collections.Counter(itertools.chain.from_iterable(low))
        vocab = [w for w, c in cnt.items() if c >= self.min_count]
        vid = {w: i for i, w in enumerate(vocab)}
        ctx = {w: i for i, (w, _) in enumerate(cnt.most_common(self.ctx_size))}
        rows, cols = [], []
        for s in low:
            ids = [vid.get(w, -1) for w in s]
            cs = [ctx.get(w, -1) for w in s]
            n = len(s)
            for tag, off in enumerate((-2, -1, 1, 2)):
                for i in range(max(0, -off), min(n, n - off)):
                    if ids[i] >= 0 and cs[i + off] >= 0:
                        rows.append(ids[i])
                        cols.append(cs[i + off] + tag * self.ctx_size)
        M = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 4 * self.ctx_size))
        M.sum_duplicates()
        tot = M.sum()
        r = np.asarray(M.sum(1)).ravel()
        c = np.asarray(M.sum(0)).ravel() ** 0.75
        c = c / c.sum() * tot
        M = M.tocoo()
        pmi = np.log(M.data * tot / (r[M.row] * c[M.col] + 1e-12) + 1e-12)
        keep = pmi > 0
        P = sp.csr_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=M.shape)
        # (SourcingModel.fit runs this in one thread: the clusters depend on the summation order)
        U, S, _ = randomized_svd(P, self.svd_dim, random_state=self.random_state)
        E = U * np.sqrt(S)
        E /= np.linalg.norm(E, axis=1, keepdims=True) + 1e-9
        self.cluster_labels_ = [
            MiniBatchKMeans(k, random_state=self.random_state, n_init=1, batch_size=4096)
            .fit(E).labels_.astype(np.int16) for k in self.n_clusters]
        self.cluster_index_ = vid
        types = sorted(set(itertools.chain.from_iterable(toks)))
        self.vocab_ = {w: i for i, w in enumerate(types)}
        self.type_table_ = np.array([self._type_row(w) for w in types], dtype=np.int64)
        self.pad_ = shash("<PAD>")
        return self

    def get_feature_names_out(self, input_features=None):
        return np.array(["low", "stem", "shape", "suf3", "clus_k1", "clus_k2", "clus_k3", "is_quote",
                         "is_cap", "is_pron"], dtype=object)

    def transform(self, X, with_offsets=False):
        X = as_sentences(X)
        b = EncodedBatch()
        if with_offsets:
            ms = [list(TOKEN_RE.finditer(t)) for t in X.texts]
            toks = [[m.group() for m in s] for s in ms]
            b.starts = np.fromiter((m.start() for s in ms for m in s), np.int64)
            b.ends = np.fromiter((m.end() for s in ms for m in s), np.int64)
        else:
            toks = [TOKEN_RE.findall(t) for t in X.texts]
        lens = np.fromiter(map(len, toks), np.int64, len(toks))
        flat = list(itertools.chain.from_iterable(toks))
        vget = self.vocab_.get
        ids = np.fromiter(map(vget, flat, itertools.repeat(-1)), np.int64, len(flat))
        table = self.type_table_
        oov = np.flatnonzero(ids < 0)
        if len(oov):
            new = {}
            for i in oov:
                w = flat[i]
                j = new.get(w)
                if j is None:
                    j = new[w] = len(new)
                ids[i] = len(table) + j
            rows = _OOV_ROWS.setdefault(self, {})
            if len(rows) > 200_000:
                rows.clear()
            extra = [rows.get(w) or rows.setdefault(w, self._type_row(w)) for w in new]
            table = np.vstack([table, np.array(extra, dtype=np.int64)])
        b.n_sent = len(toks)
        b.lens = lens
        b.sid = np.repeat(np.arange(len(toks)), lens)
        b.first = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64) if len(toks) else lens
        b.pos = np.arange(len(flat)) - b.first[b.sid]
        b.T = table[ids]  # (ntok, 10)
        b.docs = X.docs
        b.texts = X.texts
        if X.cues is not None:  # token-level cue labels (training only)
            if not with_offsets:
                ms = [list(TOKEN_RE.finditer(t)) for t in X.texts]
                st = np.fromiter((m.start() for s in ms for m in s), np.int64)
                en = np.fromiter((m.end() for s in ms for m in s), np.int64)
            else:
                st, en = b.starts, b.ends
            lab = np.zeros(len(flat), np.int8)
            for k, spans in enumerate(X.cues):
                if spans:
                    a, z = b.first[k], b.first[k] + lens[k]
                    for x, y in spans:
                        lab[a:z] |= ((st[a:z] < y) & (x < en[a:z])).astype(np.int8)
            b.tok_y = lab
        return b

    # shifted column (k>0: token k positions to the left) with sentence-boundary padding
    @staticmethod
    def shift(b, col, k, pad):
        n = len(col)
        out = np.full(n, pad, dtype=np.int64)
        if k > 0:
            out[k:] = col[:-k] if k < n else out[k:]
            out[b.pos < k] = pad
        elif k < 0:
            out[:k] = col[-k:]
            out[b.pos - k >= b.lens[b.sid]] = pad
        else:
            out[:] = col
        return out


def token_hash_features(b, pad, extra=False):
    """Per-token list of hashed uint64 features (32 templates) for the cue tagger."""
    T = b.T
    sh = TokenEncoder.shift
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
        sl = np.maximum.reduce([TokenEncoder.shift(b, subj, k, 0) for k in (1, 2, 3)])
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
        z += coef[f.view(np.int64)]
    return z


def idx_to_csr(idx, n_features):
    n, k = idx.shape
    return sp.csr_matrix((np.ones(n * k, np.float32), idx.ravel(), np.arange(0, n * k + 1, k)),
                         shape=(n, n_features))


# =============================================================== feature transformers
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


class CueTaggerFeatures(BaseEstimator, TransformerMixin):
    """Token-level cue tagger (hashed window features, SGD logistic regression) trained on token
    labels 'inside a gold Cue span'; sentence features = max / 2nd max token logit, log noisy-OR,
    #tokens with logit>0, and context (prev/next sentence max, document mean of max>0).

    fit_transform() is cross-fitted (like sklearn's TargetEncoder): out-of-fold sentence features over
    `cv` document-grouped folds, so the downstream classifier sees honest inputs."""

    def __init__(self, n_features=2 ** 20, alpha=3e-6, n_iter=10, cv=5, extra=False, random_state=0):
        self.extra = extra
        self.n_features = n_features
        self.alpha = alpha
        self.n_iter = n_iter
        self.cv = cv
        self.random_state = random_state

    def _sgd(self, X, y):
        m = SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=self.n_iter, tol=None,
                          random_state=self.random_state, average=True)
        m.fit(X, y)
        return m.coef_.ravel().astype(np.float32), float(m.intercept_[0])

    def _idx(self, b):
        return hashed_matrix(token_hash_features(b, b.pad, self.extra), self.n_features)

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

    def fit(self, X, y=None):
        idx = self._idx(X)
        self.coef_, self.intercept_ = self._sgd(idx_to_csr(idx, self.n_features), X.tok_y)
        return self

    def fit_transform(self, X, y=None):
        b = X
        idx = self._idx(b)
        out = np.zeros((b.n_sent, 7))
        groups = b.docs
        tok_doc = groups[b.sid]
        for tr_s, te_s in GroupKFold(self.cv).split(np.zeros(b.n_sent), groups=groups):
            te_doc = np.zeros(groups.max() + 1, bool)
            te_doc[np.unique(groups[te_s])] = True
            tm = te_doc[tok_doc]
            coef, icpt = self._sgd(idx_to_csr(idx[~tm], self.n_features), b.tok_y[~tm])
            z_all = coef[idx].sum(1) + icpt  # cheap: score all, keep held-out
            agg = self._aggregate(b, z_all)
            out[te_s] = agg[te_s]
        self.coef_, self.intercept_ = self._sgd(idx_to_csr(idx, self.n_features), b.tok_y)
        return out

    def transform(self, X):
        return self._aggregate(X, self.token_logits(X))

    def get_feature_names_out(self, input_features=None):
        return np.array(["cue_max", "cue_max2", "cue_noisy_or", "cue_npos", "prev_cue_max",
                         "next_cue_max", "doc_mean_cue"], dtype=object)


class NgramLogitFeatures(BaseEstimator, TransformerMixin):
    """Hashed binary bag of lowercase unigrams+bigrams (+ stems), l2-normalised, logistic
    regression -> one logit per sentence (+ prev/next logits).  fit_transform is cross-fitted."""

    def __init__(self, n_features=2 ** 20, C=10.0, cv=5, extra=False):
        self.extra = extra
        self.n_features = n_features
        self.C = C
        self.cv = cv

    def _hashed(self, b):
        """(rows, cols, weights): every unigram, stem and bigram occurrence, weight 1/sqrt(#occurrences
        in the sentence) -> the sentence vector is counts / sqrt(total), close to l2-normalised
        binary when n-grams do not repeat."""
        W, S = b.T[:, C_LOW], b.T[:, C_STEM]
        Wp1 = TokenEncoder.shift(b, W, -1, b.pad)
        valid_bi = b.pos < (b.lens[b.sid] - 1)
        mask = np.uint64(self.n_features - 1)
        cols = [combine(101, W), combine(102, S), combine(103, W[valid_bi], Wp1[valid_bi])]
        rows = [b.sid, b.sid, b.sid[valid_bi]]
        if self.extra:
            K2, Sp1 = b.T[:, C_K2], TokenEncoder.shift(b, S, -1, b.pad)
            K2p1 = TokenEncoder.shift(b, K2, -1, 0)
            cols += [combine(104, K2), combine(105, K2[valid_bi], K2p1[valid_bi]),
                     combine(106, S[valid_bi], Sp1[valid_bi])]
            rows += [b.sid, b.sid[valid_bi], b.sid[valid_bi]]
        cols = np.concatenate(cols)
        cols &= mask
        rows = np.concatenate(rows)
        n_occ = np.bincount(rows, minlength=b.n_sent).astype(np.float32)
        n_occ[n_occ == 0] = 1
        return rows, cols.view(np.int64), 1.0 / np.sqrt(n_occ)

    def _csr(self, b):
        rows, cols, inv = self._hashed(b)
        X = sp.csr_matrix((inv[rows], (rows, cols)), shape=(b.n_sent, self.n_features))
        X.sum_duplicates()
        return X

    def _logit(self, b):
        rows, cols, inv = self._hashed(b)
        return np.bincount(rows, weights=self.coef_[cols], minlength=b.n_sent) * inv + self.intercept_

    def _lr(self, X, y):
        m = LogisticRegression(C=self.C, solver="liblinear")
        m.fit(X, y)
        return m.coef_.ravel().astype(np.float32), float(m.intercept_[0])

    def _out(self, b, z):
        prev, nxt = _context(z, b.docs, 0.0)
        return np.c_[z, prev, nxt]

    def fit(self, X, y):
        self.coef_, self.intercept_ = self._lr(self._csr(X), y)
        return self

    def fit_transform(self, X, y=None):
        b = X
        M = self._csr(b)
        z = np.zeros(b.n_sent)
        for tr_s, te_s in GroupKFold(self.cv).split(np.zeros(b.n_sent), groups=b.docs):
            coef, icpt = self._lr(M[tr_s], y[tr_s])
            z[te_s] = M[te_s] @ coef + icpt
        self.coef_, self.intercept_ = self._lr(M, y)
        return self._out(b, z)

    def transform(self, X):
        return self._out(X, self._logit(X))

    def get_feature_names_out(self, input_features=None):
        return np.array(["ngram_logit", "prev_ngram_logit", "next_ngram_logit"], dtype=object)


class SurfaceFeatures(BaseEstimator, TransformerMixin):
    """Stateless surface cues: length, quote marks (straight+curly), quote at start/end, colon,
    question mark, pronoun count, capitalised-token count, position in document."""

    def fit(self, X, y=None):
        self.n_features_out_ = 9
        return self

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

    def get_feature_names_out(self, input_features=None):
        return np.array(["log_len", "n_quotes", "starts_quote", "ends_quote", "colon", "question",
                         "n_pronouns", "log_n_cap", "doc_pos"], dtype=object)


class AttributionSentenceClassifier(BaseEstimator, ClassifierMixin):
    """TokenEncoder -> FeatureUnion(CueTagger, Ngram, Surface) -> StandardScaler -> LogisticRegression.
    fit(Sentences-with-cues, y); predict_proba(Sentences or list[str])."""

    def __init__(self, C=1.0, cue_alpha=3e-6, cue_iter=10, ngram_C=10.0, cv=5, use_ngram=True,
                 use_cue=True, use_surface=True, n_clusters=(64, 256, 1024), head="hgb",
                 cue_extra=False, ngram_extra=False, hgb_iter=100):
        self.C = C
        self.cue_alpha = cue_alpha
        self.cue_iter = cue_iter
        self.ngram_C = ngram_C
        self.cv = cv
        self.use_ngram = use_ngram
        self.use_cue = use_cue
        self.use_surface = use_surface
        self.n_clusters = n_clusters
        self.head = head
        self.cue_extra = cue_extra
        self.ngram_extra = ngram_extra
        self.hgb_iter = hgb_iter

    def _parts(self):
        parts = []
        if self.use_cue:
            parts.append(("cue", CueTaggerFeatures(alpha=self.cue_alpha, n_iter=self.cue_iter, cv=self.cv,
                                                       extra=self.cue_extra)))
        if self.use_ngram:
            parts.append(("ngram", NgramLogitFeatures(C=self.ngram_C, cv=self.cv, extra=self.ngram_extra)))
        if self.use_surface:
            parts.append(("surface", SurfaceFeatures()))
        return parts

    def fit(self, X, y):
        X = as_sentences(X)
        y = np.asarray(y)
        self.encoder_ = TokenEncoder(n_clusters=self.n_clusters).fit(X)
        b = self.encoder_.transform(X)
        b.pad = self.encoder_.pad_
        self.features_ = FeatureUnion(self._parts())
        F = self.features_.fit_transform(b, y)
        if self.head == "hgb":
            from sklearn.ensemble import HistGradientBoostingClassifier
            self.head_ = HistGradientBoostingClassifier(max_iter=self.hgb_iter, learning_rate=10.0 / self.hgb_iter,
                                                        random_state=0)
        else:
            self.head_ = Pipeline([("scale", StandardScaler()),
                                   ("lr", LogisticRegression(C=self.C, max_iter=2000))])
        # decision threshold maximising F1 on out-of-fold head predictions (train only)
        from sklearn.model_selection import cross_val_predict
        from sklearn.base import clone
        oof = cross_val_predict(clone(self.head_), F, y, groups=X.docs, cv=GroupKFold(self.cv),
                                method="predict_proba")[:, 1]
        grid = np.linspace(0.2, 0.7, 51)
        f1s = [2 * ((oof >= t) & (y == 1)).sum() / ((oof >= t).sum() + (y == 1).sum()) for t in grid]
        self.threshold_ = float(grid[int(np.argmax(f1s))])
        self.head_.fit(F, y)
        self.classes_ = np.array([0, 1])
        return self

    def encode(self, X, with_offsets=False):
        b = self.encoder_.transform(as_sentences(X), with_offsets=with_offsets)
        b.pad = self.encoder_.pad_
        return b

    def transform_features(self, X):
        return self.features_.transform(self.encode(X))

    def predict_proba(self, X, chunk=4096):
        """Processes large inputs in chunks of ~`chunk` sentences, cut at document boundaries (context
        features never cross documents, so results are identical to one big batch)."""
        X = as_sentences(X)
        n = len(X)
        if n <= 2 * chunk:
            p = self.head_.predict_proba(self.transform_features(X))[:, 1]
        else:
            d = X.docs
            cuts = [0]
            while n - cuts[-1] > 2 * chunk:
                c = cuts[-1] + chunk
                while c < n and d[c] == d[c - 1]:
                    c += 1
                if c >= n:
                    break
                cuts.append(c)
            cuts.append(n)
            p = np.concatenate([self.head_.predict_proba(self.transform_features(X[a:b]))[:, 1]
                                for a, b in zip(cuts[:-1], cuts[1:])])
        return np.c_[1 - p, p]

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= self.threshold_).astype(int)

    def get_feature_names_out(self):
        return self.features_.get_feature_names_out()


# =============================================================== source span extraction
def _bucket(d):
    return np.clip(d, -8, 8) + 9


class SourceSpanExtractor(BaseEstimator):
    """Source-span tagger anchored on a cue token.

    Training instances: every (sentence, attribution whose cue overlaps the sentence) pair in train;
    anchor = the gold-cue token with the highest cue-tagger logit; token tags = BILOU of the gold
    Source tokens (tagging='bilou') or inside/outside (tagging='io').
    Features: token templates (word, shape, clusters, neighbours) crossed with the bucketed signed
    distance to the anchor, anchor stem x direction, quote / comma between token and anchor,
    capitalisation and pronoun flags.  Linear one-vs-rest SGD logistic models on hashed features.
    Prediction: candidate anchors = top `n_anchors` cue-tagger tokens of the sentence (no gold info);
    for each, decode the best single segment (BILOU: B I* L | U; IO: max-sum segment); choose the
    anchor maximising cue logit + segment score.  Output: character offsets of the segment."""

    TAGS = ("O", "B", "I", "L", "U")

    def __init__(self, n_features=2 ** 19, alpha=1e-6, n_iter=15, tagging="bilou", n_anchors=1,
                 random_state=0):
        self.n_features = n_features
        self.alpha = alpha
        self.n_iter = n_iter
        self.tagging = tagging
        self.n_anchors = n_anchors
        self.random_state = random_state

    def _feats(self, b, anchor_tok):
        """anchor_tok: global token index of the anchor for every sentence of batch b."""
        T = b.T
        pad = b.pad
        sh = TokenEncoder.shift
        W, S, SH, K2, K3 = T[:, C_LOW], T[:, C_STEM], T[:, C_SHAPE], T[:, C_K2], T[:, C_K3]
        Wm1, Wp1 = sh(b, W, 1, pad), sh(b, W, -1, pad)
        SHm1, SHp1 = sh(b, SH, 1, pad), sh(b, SH, -1, pad)
        SHm2, SHp2 = sh(b, SH, 2, pad), sh(b, SH, -2, pad)
        Km1, Kp1 = sh(b, K2, 1, 0), sh(b, K2, -1, 0)
        n = len(W)
        ar = np.arange(n)
        a = anchor_tok[b.sid]
        d = ar - a
        D = _bucket(d)
        sgn = np.sign(d) + 1
        aS, aW = S[a], W[a]
        aSm1, aSp1 = sh(b, S, 1, pad)[a], sh(b, S, -1, pad)[a]
        lo, hi = np.minimum(ar, a), np.maximum(ar, a)
        q = T[:, C_QUOTE]
        cs = np.cumsum(q)
        qbetween = ((cs[hi] - cs[lo]) > 0).astype(np.int64)
        comma = (W == shash(",")).astype(np.int64)
        cc = np.cumsum(comma)
        cbetween = np.minimum(cc[hi] - cc[lo], 3)
        cap, pron = T[:, C_CAP], T[:, C_PRON]
        capm1, capp1 = sh(b, cap, 1, 0), sh(b, cap, -1, 0)
        rel_end = np.minimum(b.lens[b.sid] - 1 - b.pos, 3)
        return [combine(201, D), combine(202, D, W), combine(203, D, SH), combine(204, D, K2),
                combine(205, sgn, aS), combine(206, D, aS), combine(207, sgn, aS, K2), combine(208, sgn, aS, SH),
                combine(209, sgn, qbetween), combine(210, sgn, qbetween, SH), combine(211, W),
                combine(212, SH), combine(213, K2), combine(214, K3), combine(215, Wm1, W), combine(216, W, Wp1),
                combine(217, SHm1, SH), combine(218, SH, SHp1), combine(219, Km1, K2), combine(220, K2, Kp1),
                combine(221, sgn, cap, capm1), combine(222, sgn, pron), combine(223, sgn, aSm1, aS),
                combine(224, sgn, aS, aSp1), combine(225, D, Wm1), combine(226, D, Wp1),
                combine(227, sgn, aW, W), combine(228, np.minimum(np.abs(d), 30)), combine(229, sgn, Km1, K2),
                combine(230, sgn, K2, Kp1), combine(231, sgn, cbetween, SH), combine(232, sgn, cbetween, qbetween),
                combine(233, SHm2, SHm1, SH), combine(234, SH, SHp1, SHp2), combine(235, sgn, cap, capp1),
                combine(236, np.minimum(b.pos, 3), rel_end, sgn), combine(237, D, cbetween)]

    @staticmethod
    def _tags_from_inside(inside):
        tags = np.zeros(len(inside), np.int8)
        i = 0
        while i < len(inside):
            if inside[i]:
                j = i
                while j + 1 < len(inside) and inside[j + 1]:
                    j += 1
                if i == j:
                    tags[i] = 4
                else:
                    tags[i], tags[j] = 1, 3
                    tags[i + 1:j] = 2
                i = j + 1
            else:
                i += 1
        return tags

    def fit(self, clf, X):
        """X: training Sentences with ``atts``; one instance per (sentence, attribution whose cue is in it)."""
        inst_text, inst_cue, inst_src = [], [], []
        for text, atts in zip(X.texts, X.atts):
            for cue, src in atts:
                if cue:
                    inst_text.append(text)
                    inst_cue.append(list(cue))
                    inst_src.append(list(src))
        b = clf.encode(inst_text, with_offsets=True)
        z = clf.features_.named_transformers["cue"].token_logits(b)
        anchor = np.zeros(b.n_sent, np.int64)
        ylab = np.zeros(len(z), np.int8)
        for k in range(b.n_sent):
            a0, a1 = b.first[k], b.first[k] + b.lens[k]
            st, en = b.starts[a0:a1], b.ends[a0:a1]
            incue = np.zeros(a1 - a0, bool)
            for x, y in inst_cue[k]:
                incue |= (st < y) & (x < en)
            zz = np.where(incue, z[a0:a1], -np.inf)
            anchor[k] = a0 + (int(np.argmax(zz)) if incue.any() else 0)
            inside = np.zeros(a1 - a0, bool)
            for x, y in inst_src[k]:
                inside |= (st < y) & (x < en)
            ylab[a0:a1] = self._tags_from_inside(inside) if self.tagging == "bilou" else inside
        idx = hashed_matrix(self._feats(b, anchor), self.n_features)
        m = SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=self.n_iter, tol=None,
                          random_state=self.random_state, average=True)
        m.fit(idx_to_csr(idx, self.n_features), ylab)
        self.coef_ = m.coef_.astype(np.float32)  # (n_tags or 1, n_features)
        self.intercept_ = m.intercept_.astype(np.float32)
        self.n_train_instances_ = b.n_sent
        return self

    def _tag_scores(self, b, anchor):
        feats = self._feats(b, anchor)
        mask = np.uint64(self.n_features - 1)
        idx = (np.stack(feats) & mask).view(np.int64)  # (templates, tokens)
        Z = np.stack([c[idx].sum(0) + ic for c, ic in zip(self.coef_, self.intercept_)], 1)
        if self.tagging != "bilou":
            return Z[:, 0]
        P = 1 / (1 + np.exp(-Z.astype(np.float64)))
        P /= P.sum(1, keepdims=True)
        L = np.log(P + 1e-12)
        return L[:, 1:] - L[:, :1]  # B, I, L, U relative to O

    def predict_spans(self, clf, texts, anchors=None, batch=None, only=None):
        """(start, end) char offsets (relative to each sentence) of the predicted source.
        anchors: optional gold cue char spans per sentence (oracle-cue analysis only).
        batch: ``texts`` already encoded; only: decode just these sentences (a boolean mask;
        the others get None)."""
        b = batch if batch is not None else clf.encode(texts, with_offsets=True)
        z = clf.features_.named_transformers["cue"].token_logits(b)
        if only is None:
            return self._decode(b, z, anchors)
        keep = np.flatnonzero(only)
        out = [None] * b.n_sent
        if len(keep):  # every feature is within a sentence, so a sub-batch of them scores the same
            sub, rows = _sub_batch(b, keep)
            for k, span in zip(keep, self._decode(sub, z[rows], None)):
                out[k] = span
        return out

    def _decode(self, b, z, anchors):  # noqa: C901 - one decoding loop
        K = 1 if anchors is not None else self.n_anchors
        cands = np.zeros((K, b.n_sent), np.int64)
        cscore = np.full((K, b.n_sent), -np.inf)
        for k in range(b.n_sent):
            a0, a1 = b.first[k], b.first[k] + b.lens[k]
            if a1 == a0:
                continue
            zz = z[a0:a1].astype(np.float64)
            if anchors is not None and anchors[k]:
                st, en = b.starts[a0:a1], b.ends[a0:a1]
                inc = np.zeros(a1 - a0, bool)
                for x, y in anchors[k]:
                    inc |= (st < y) & (x < en)
                zz = np.where(inc, zz, -np.inf) if inc.any() else zz
            top = np.argsort(-zz)[:K]
            cands[:len(top), k] = a0 + top
            cands[len(top):, k] = a0 + top[0]
            cscore[:len(top), k] = zz[top]
        best = [(-np.inf, (0, 0))] * b.n_sent
        for r in range(K):
            S = self._tag_scores(b, cands[r])
            for k in range(b.n_sent):
                a0, a1 = b.first[k], b.first[k] + b.lens[k]
                if a1 == a0 or not np.isfinite(cscore[r, k]):
                    continue
                v = S[a0:a1].astype(float).copy()
                v[cands[r, k] - a0] = -1e9  # the cue token itself is never the source
                if self.tagging == "bilou":
                    sc, i, j = _best_bilou_segment(v)
                else:
                    i, j = _max_segment(v)
                    sc = v[i:j + 1].sum()
                tot = sc + cscore[r, k]
                if tot > best[k][0]:
                    best[k] = (tot, (a0 + i, a0 + j))
        extras = self._extra_spans(b, z, best) if anchors is None else {}
        for k, (score, (i, j)) in enumerate(best):  # token indices -> character offsets in the sentence
            if np.isfinite(score):
                best[k] = (score, Span(*_char_span(b, k, i, j), score=float(score), extras=extras.get(k, ())))
        return [x[1] for x in best]

    def _extra_spans(self, b, z, best) -> dict[int, tuple[tuple[int, int], ...]]:
        """Sources of a sentence's other cues ("X said Y told him"): the segment decoded from each
        of its next EXTRA_ANCHORS cue-tagger tokens with a logit >= EXTRA_MIN_CUE, where the tagger
        prefers a segment to none; character offsets in the sentence, for the source verifier."""
        inst = []
        for k, (score, (i, j)) in enumerate(best):
            a0, a1 = b.first[k], b.first[k] + b.lens[k]
            if not np.isfinite(score) or a1 - a0 < 3:
                continue
            zz = z[a0:a1]
            inst += [(k, a0 + t) for t in np.argsort(-zz)[1:1 + EXTRA_ANCHORS] if zz[t] >= EXTRA_MIN_CUE]
        if not inst:
            return {}
        sub, _ = _sub_batch(b, [k for k, _ in inst])
        S = self._tag_scores(sub, np.array([sub.first[n] + t - b.first[k] for n, (k, t) in enumerate(inst)]))
        out: dict[int, list[tuple[int, int]]] = {}
        for n, (k, t) in enumerate(inst):
            lo = sub.first[n]
            v = S[lo:lo + sub.lens[n]].astype(float).copy()
            v[t - b.first[k]] = -1e9  # the cue token itself is never the source
            sc, i, j = _best_bilou_segment(v)
            if sc <= 0:
                continue
            i, j = b.first[k] + i, b.first[k] + j
            taken = [best[k][1], *out.get(k, [])]
            if not any(i <= y and x <= j for x, y in taken):
                out.setdefault(k, []).append((i, j))
        return {k: tuple(_char_span(b, k, i, j) for i, j in v) for k, v in out.items()}


# Further cues of a sentence the tagger decodes for the verifier (see SourceSpanExtractor._extra_spans)
EXTRA_ANCHORS = 2
EXTRA_MIN_CUE = 0.0


class Span(tuple):
    """A predicted source span: (start, end), equal to the plain tuple, carrying the tagger's
    score and the spans decoded from the sentence's other cues (``extras``)."""

    def __new__(cls, start: int, end: int, score: float = 0.0, extras=()):
        self = super().__new__(cls, (start, end))
        self.score, self.extras = score, tuple(extras)
        return self

    def shifted(self, by: int) -> "Span":
        return Span(self[0] + by, self[1] + by, self.score, tuple((x + by, y + by) for x, y in self.extras))


def _sub_batch(b, keep):
    """The encoded sentences ``keep`` of batch ``b`` as a batch of their own, and their token rows in ``b``."""
    rows = np.concatenate([np.arange(b.first[k], b.first[k] + b.lens[k]) for k in keep])
    sub = EncodedBatch()
    sub.T, sub.pad, sub.pos = b.T[rows], b.pad, b.pos[rows]
    sub.lens = b.lens[keep]
    sub.n_sent = len(keep)
    sub.sid = np.repeat(np.arange(len(keep)), sub.lens)
    sub.first = np.concatenate([[0], np.cumsum(sub.lens)[:-1]]).astype(np.int64)
    sub.texts = [b.texts[k] for k in keep]
    sub.docs = np.asarray(b.docs)[keep]
    if getattr(b, "starts", None) is not None:
        sub.starts, sub.ends = b.starts[rows], b.ends[rows]
    return sub, rows


def _char_span(b, k, i, j):
    """Character offsets of global tokens i..j of sentence k; tokenised again here when the batch
    was encoded without offsets (only the few sentences with a source span need them)."""
    if getattr(b, "starts", None) is not None:
        return int(b.starts[i]), int(b.ends[j])
    ms = list(TOKEN_RE.finditer(b.texts[k]))
    return ms[i - b.first[k]].start(), ms[j - b.first[k]].end()


def _best_bilou_segment(v):
    """v: (n, 4) scores of B, I, L, U relative to O.  Best single segment: U_i, or B_i I* L_j."""
    best, bi, bj = -np.inf, 0, 0
    open_sc, open_i = -np.inf, 0
    for k, (b, i, l, u) in enumerate(np.asarray(v).tolist()):  # Python floats: 5x faster to loop over
        if u > best:
            best, bi, bj = u, k, k
        if k > 0 and open_sc + l > best:
            best, bi, bj = open_sc + l, open_i, k
        # extend the open segment through k (as I) or start a new one at k (as B)
        ext = open_sc + i
        if b >= ext:
            open_sc, open_i = b, k
        else:
            open_sc = ext
    return best, bi, bj


def _max_segment(v):
    """Indices (i, j) inclusive of the contiguous segment with the largest sum (>=1 element)."""
    v = np.asarray(v).ravel()
    best, bi, bj = -np.inf, 0, 0
    cur, ci = 0.0, 0
    for k, x in enumerate(v):
        if cur <= 0:
            cur, ci = x, k
        else:
            cur += x
        if cur > best:
            best, bi, bj = cur, ci, k
    return bi, bj




class SourcingModel(BaseEstimator, ClassifierMixin):
    """The saved sourcing model: the sentence classifier plus (when the training data has source
    spans) the source-span tagger. ``predict_proba`` gives P(sentence attributes content)."""

    def __init__(self, classifier=None, span_tagger=True):
        self.classifier = classifier
        self.span_tagger = span_tagger

    def fit(self, X, y):
        from threadpoolctl import threadpool_limits

        X = as_sentences(X)
        # One thread throughout: the gradient-boosted head (OpenMP) and the encoder's SVD and k-means
        # (BLAS) sum in another order with more threads, so the same data gave another model on
        # another machine (PolNeAR dev F1 0.8799 with two cores, 0.8835 with one). A few seconds.
        with threadpool_limits(1):
            self.clf_ = (self.classifier or AttributionSentenceClassifier()).fit(X, y)
            has_spans = X.atts is not None and any(src for atts in X.atts for _, src in atts)
            self.src_ = SourceSpanExtractor().fit(self.clf_, X) if (self.span_tagger and has_spans) else None
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        # One article is a few dozen sentences: OpenMP threads in the boosted head cost far more
        # to wake than they save (1.2 s vs a few ms an article, measured with bench/run.py).
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            return self.clf_.predict_proba(X)

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= self.clf_.threshold_).astype(int)

    def predict_proba_and_spans(self, X, threshold=0.5):
        """(P(attributes) per sentence, source span or None per sentence): spans for the sentences
        at or above ``threshold``, with one tokenisation serving both models."""
        from threadpoolctl import threadpool_limits

        X = as_sentences(X)
        if self.src_ is None or len(X) > 8192:  # no span tagger, or big enough to need chunking
            p = self.predict_proba(X)[:, 1]
            idx = np.flatnonzero(p >= threshold)
            spans = [None] * len(X)
            for i, span in zip(idx, self.source_spans([X.texts[i] for i in idx])):
                spans[i] = span
            return p, spans
        b = self.clf_.encode(X)
        with threadpool_limits(1):
            p = self.clf_.head_.predict_proba(self.clf_.features_.transform(b))[:, 1]
        return p, self.src_.predict_spans(self.clf_, None, batch=b, only=p >= threshold)

    def source_spans(self, texts):
        """Predicted source span (start, end) relative to each sentence, or None without a span tagger."""
        if self.src_ is None or not len(texts):
            return [None] * len(texts)
        return self.src_.predict_spans(self.clf_, list(texts))

    def get_feature_names_out(self, input_features=None):
        return self.clf_.get_feature_names_out()
