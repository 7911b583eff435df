"""What the sourcing (attribution) sentence model and its source-span tagger compute at prediction,
with numpy only: the input container, tokenisation and hashing, and the transforms as mixins of
the estimators in sourcing_model.py (which add fitting, with scikit-learn).

Kept apart so that scoring can run the bundled model without importing scikit-learn or scipy
(fast_predict.py): the same code computes the features on either path.
"""
import itertools
import re
import weakref
import zlib
from bisect import bisect_right

import numpy as np


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
# TOKEN_RE's tokens (its group) with the white space before each skipped inside the match, possessively:
# every other character starts a token, so findall gives the same list, 40% faster than trying TOKEN_RE
# at each space
_TOKENS_RE = re.compile(r"\s*+(\w++(?:[-'’.]\w++)*+|[^\w\s])")
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
_OOV_ROWS: "weakref.WeakKeyDictionary[TokenEncoding, dict]" = weakref.WeakKeyDictionary()


class EncodedBatch:
    """Flat token arrays for a batch of sentences."""
    pass


# type table columns
C_LOW, C_STEM, C_SHAPE, C_SUF, C_K1, C_K2, C_K3, C_QUOTE, C_CAP, C_PRON = range(10)


class TokenEncoding:
    """Token types -> rows of hashed ids (see TokenEncoder)."""

    # -- helpers
    def _type_row(self, w):
        low = w.lower()
        st = self.stemmer_.stem(low) if len(low) > 2 else low
        ci = self.cluster_index_.get(low, -1)
        cl = [(-1 if ci < 0 else int(c[ci])) for c in self.cluster_labels_]
        return [shash(low), shash(st), shash(word_shape(w)), shash(low[-3:]), cl[0] + 2, cl[1] + 2,
                cl[2] + 2, int(w in QUOTES), int(w[:1].isupper()), int(low in PRONOUNS)]

    def transform(self, X, with_offsets=False):
        X = as_sentences(X)
        b = EncodedBatch()
        if with_offsets:
            ms = [list(TOKEN_RE.finditer(t)) for t in X.texts]
            toks = [[m.group() for m in s] for s in ms]
            b.starts = np.fromiter((m.start() for s in ms for m in s), np.int64)
            b.ends = np.fromiter((m.end() for s in ms for m in s), np.int64)
        else:
            toks = [_TOKENS_RE.findall(t) for t in X.texts]
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
        if not with_offsets:
            b.toks = toks  # each sentence's token strings: their offsets, where needed, from them (_char_span)
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


class AttributionPrediction:
    """P(attributes) per sentence (see AttributionSentenceClassifier); ``_head_proba`` runs the head."""

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
            p = self._head_proba(self.transform_features(X))
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
            p = np.concatenate([self._head_proba(self.transform_features(X[a:b]))
                                for a, b in zip(cuts[:-1], cuts[1:])])
        return np.c_[1 - p, p]

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= self.threshold_).astype(int)


class SourcingPrediction:
    """The sourcing model's predictions (see SourcingModel): the sentence classifier ``clf_`` and the
    span tagger ``src_`` (or None)."""

    def predict_proba(self, X):
        return self.clf_.predict_proba(X)

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= self.clf_.threshold_).astype(int)

    def predict_proba_and_spans(self, X, threshold=0.5):
        """(P(attributes) per sentence, source span or None per sentence): spans for the sentences
        at or above ``threshold``, with one tokenisation serving both models."""
        X = as_sentences(X)
        if self.src_ is None or len(X) > 8192:  # no span tagger, or big enough to need chunking
            p = self.predict_proba(X)[:, 1]
            idx = np.flatnonzero(p >= threshold)
            spans = [None] * len(X)
            for i, span in zip(idx, self.source_spans([X.texts[i] for i in idx])):
                spans[i] = span
            return p, spans
        b = self.clf_.encode(X)
        p = self.clf_._head_proba(self.clf_.features_.transform(b))
        return p, self.src_.predict_spans(self.clf_, None, batch=b, only=p >= threshold)

    def source_spans(self, texts):
        """Predicted source span (start, end) relative to each sentence, or None without a span tagger."""
        if self.src_ is None or not len(texts):
            return [None] * len(texts)
        return self.src_.predict_spans(self.clf_, list(texts))


# =============================================================== source span extraction
def _bucket(d):
    return np.clip(d, -8, 8) + 9


# tagger -> its weights as (feature, tag) rows: one gather reads a feature's five tag weights, a
# quarter of the time of five gathers, with the same sums in the same order (byte-identical)
_TAG_ROWS: "weakref.WeakKeyDictionary[SpanDecoding, np.ndarray]" = weakref.WeakKeyDictionary()


def _tag_rows(tagger) -> np.ndarray:
    rows = _TAG_ROWS.get(tagger)
    if rows is None:
        rows = _TAG_ROWS[tagger] = np.ascontiguousarray(np.asarray(tagger.coef_).T)
    return rows


class SpanDecoding:
    """Source-span tagging and decoding (see SourceSpanExtractor)."""

    TAGS = ("O", "B", "I", "L", "U")

    def _feats(self, b, anchor_tok):
        """anchor_tok: global token index of the anchor for every sentence of batch b."""
        T = b.T
        pad = b.pad
        sh = TokenEncoding.shift
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

    def _tag_scores(self, b, anchor):
        feats = self._feats(b, anchor)
        mask = np.uint64(self.n_features - 1)
        idx = (np.stack(feats) & mask).view(np.int64)  # (templates, tokens)
        Z = np.take(_tag_rows(self), idx, axis=0).sum(0) + self.intercept_  # (tokens, tags)
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
        if anchors is None and self.n_anchors == 1 and self.tagging == "bilou":
            return self._decode_batch(b, z)
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


    def _decode_batch(self, b, z):
        """``_decode`` with one anchor a sentence and no gold cues (how scoring calls it), for all
        sentences at once: the same anchors, scores and segments, by numpy instead of a loop a sentence."""
        out = [(0, 0)] * b.n_sent
        has = np.flatnonzero(b.lens > 0)
        if not len(has):
            return out
        first, lens = b.first[has], b.lens[has]
        sid = np.repeat(np.arange(len(has)), lens)  # the tokens of the non-empty sentences are all tokens
        zmax = np.maximum.reduceat(z, first)
        is_max = z == zmax[sid]
        at = np.flatnonzero(is_max)
        anchor = at[np.r_[True, sid[at][1:] != sid[at][:-1]]]  # the first best token of each sentence
        for j in np.flatnonzero(np.bincount(sid, weights=is_max) > 1):  # ties: argsort's pick, as _decode
            anchor[j] = first[j] + np.argsort(-z[first[j]:first[j] + lens[j]].astype(np.float64))[0]
        cscore = zmax.astype(np.float64)
        cands = np.zeros(b.n_sent, np.int64)
        cands[has] = anchor
        V = self._tag_scores(b, cands).astype(float)
        V[anchor] = -1e9  # the cue token itself is never the source
        sc, i, j = _best_bilou_segments(V, first, lens)
        tot = sc + cscore
        best = [(-np.inf, (0, 0))] * b.n_sent
        for k, a0, t, si, sj, c in zip(has.tolist(), first.tolist(), tot.tolist(), i.tolist(), j.tolist(),
                                      cscore.tolist()):
            if np.isfinite(c) and np.isfinite(t):
                best[k] = (t, (a0 + si, a0 + sj))
        extras = self._extra_spans(b, z, best)
        for k, (t, (si, sj)) in enumerate(best):
            if np.isfinite(t):
                out[k] = Span(*_char_span(b, k, si, sj), score=float(t), extras=extras.get(k, ()))
        return out

    def _extra_spans(self, b, z, best) -> dict[int, tuple[tuple[int, int], ...]]:
        """Sources of a sentence's other cues ("X said Y told him"): the segment decoded from each
        of its next EXTRA_ANCHORS cue-tagger tokens with a logit >= EXTRA_MIN_CUE, where the tagger
        prefers a segment to none; character offsets in the sentence, for the source verifier.
        ``best``: per sentence (score, (first, last global token)) of the span already decoded."""
        inst = []
        for k, (score, _) in enumerate(best):
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
            if not any(i <= y and x <= j for x, y in [best[k][1], *out.get(k, [])]):
                out.setdefault(k, []).append((i, j))
        return {k: tuple(_char_span(b, k, i, j) for i, j in v) for k, v in out.items()}


# Further cues of a sentence the tagger decodes for the verifier (see SpanDecoding._extra_spans)
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

    def __reduce__(self):  # pickle's default for a tuple passes one tuple to __new__, which wants four fields
        return Span, (self[0], self[1], self.score, self.extras)


def _best_bilou_segments(V, first, lens):
    """``_best_bilou_segment`` of every sentence (its tokens' rows of V, from ``first``, ``lens`` long),
    token position by token position across all of them: the same comparisons and sums."""
    n = len(first)
    best, bi, bj = np.full(n, -np.inf), np.zeros(n, np.int64), np.zeros(n, np.int64)
    open_sc, open_i = np.full(n, -np.inf), np.zeros(n, np.int64)
    for k in range(int(lens.max()) if n else 0):
        act = np.flatnonzero(lens > k)
        b_, i_, l_, u_ = V[first[act] + k].T
        bs, bia, bja = best[act], bi[act], bj[act]
        up = u_ > bs
        bs, bia, bja = np.where(up, u_, bs), np.where(up, k, bia), np.where(up, k, bja)
        if k > 0:
            closed = open_sc[act] + l_
            up = closed > bs
            bs, bia, bja = np.where(up, closed, bs), np.where(up, open_i[act], bia), np.where(up, k, bja)
        best[act], bi[act], bj[act] = bs, bia, bja
        ext = open_sc[act] + i_
        start = b_ >= ext
        open_sc[act] = np.where(start, b_, ext)
        open_i[act] = np.where(start, k, open_i[act])
    return best, bi, bj


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
    if getattr(b, "toks", None) is not None:
        sub.toks = [b.toks[k] for k in keep]
    sub.docs = np.asarray(b.docs)[keep]
    if getattr(b, "starts", None) is not None:
        sub.starts, sub.ends = b.starts[rows], b.ends[rows]
    return sub, rows


def _char_span(b, k, i, j):
    """Character offsets of global tokens i..j of sentence k; found again here when the batch was
    encoded without offsets (only the few sentences with a source span need them)."""
    if getattr(b, "starts", None) is not None:
        return int(b.starts[i]), int(b.ends[j])
    # a sentence's offsets once, though its main span and its extra spans each ask
    offsets = b.__dict__.setdefault("char_spans", {}).get(k)
    if offsets is None:
        text = b.texts[k]
        toks = b.toks[k] if getattr(b, "toks", None) is not None else TOKEN_RE.findall(text)
        offsets = b.char_spans[k] = _TokenOffsets(text, toks)
    return offsets.span(i - b.first[k], j - b.first[k])


class _TokenOffsets:
    """Where a sentence's TOKEN_RE tokens ``toks`` stand in its ``text``. The tokens cover every
    character but white space, so when the text's words are one white-space character apart (nearly
    every sentence), token i starts at the length of the tokens before it plus one for each word
    that ends before it: C-level sums and a bisection, not a search a token (0.18 -> 0.12 ms/article).
    Other texts: _token_spans. (str.split and the regex's \\s agree on what white space is.)"""

    __slots__ = ("before", "word_ends", "spans")

    def __init__(self, text: str, toks: list[str]):
        words = text.split()
        self.word_ends = list(itertools.accumulate(map(len, words)))  # non-space characters to a word's end
        if self.word_ends and self.word_ends[-1] + len(words) - 1 == len(text):  # one character each gap
            self.before, self.spans = list(itertools.accumulate(map(len, toks), initial=0)), None
        else:
            self.spans = _token_spans(text, toks)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """(start of token i, end of token j), tokens counted from the sentence's first."""
        if self.spans is not None:
            return self.spans[i][0], self.spans[j][1]
        before, ends = self.before, self.word_ends
        return before[i] + bisect_right(ends, before[i]), before[j + 1] + bisect_right(ends, before[j])


def _token_spans(text: str, toks: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each of ``text``'s TOKEN_RE tokens ``toks``, by str.find (a quarter faster than
    matching again): TOKEN_RE's tokens cover every character but white space, so the next token starts
    at the first non-space after the last, and that is where it is first found from there."""
    out, pos = [], 0
    for t in toks:
        pos = text.find(t, pos)
        out.append((pos, pos + len(t)))
        pos += len(t)
    return out


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
