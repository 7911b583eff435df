"""The source-span tagger at prediction, numpy only: BILOU tag scores around a sentence's best cue token,
decoded to the best contiguous span (Span: with its score and the spans of the sentence's other cues).
"""
import weakref

import numpy as np

from framing.models.sourcing.tokens import (C_CAP, C_K2, C_K3, C_LOW, C_PRON, C_QUOTE, C_SHAPE, C_STEM, TokenEncoding,
                                            _char_span, _sub_batch, combine, shash)


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
