"""The sourcing model's input and its tokens, numpy only: Sentences (texts in document order, document ids),
their tokens as rows of hashed type ids (TokenEncoding -> EncodedBatch), and the tokens' character offsets.
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
