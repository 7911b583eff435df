"""A batch of sentences as every view of the framing model sees it, numpy only: one tokenisation shared
by all views and memoised per input (_Batch, _analyze), and the views' per-word memos kept across batches.
"""
import itertools
import re
import weakref

import numpy as np

from framing.text.nltk_parts import snowball_stemmer


_TYPO_PAIRS = [("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'),
               ("\u00ab", '"'), ("\u00bb", '"'), ("\u2032", "'"), ("\u00b4", "'"),
               ("\u2014", " - "), ("\u2013", " - "), ("\u2026", "..."), ("\u00a0", " ")]
# Capitalised word sequences that do not start the sentence (~ proper nouns) -> "\u00a7".
_NAME_RE = re.compile(r"(?<=[a-z0-9,;:)%] )(?!I\b)[A-Z][\w'.\-]*(?:[ \t]+[A-Z][\w'.\-]*)*")
_TOKEN_RE = re.compile(r"[a-z0-9\u00a7]+(?:['\-][a-z0-9\u00a7]+)*|[\"!?]|\n")
_WORD_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_STEMMER = snowball_stemmer("english")
_STEM_CACHE = {}


def _stem(w):
    s = _STEM_CACHE.get(w)
    if s is None:
        if len(_STEM_CACHE) > 500_000:
            _STEM_CACHE.clear()
        s = _STEM_CACHE[w] = _STEMMER.stem(w)
    return s


def normalize_typography(text):
    """Curly quotes / dashes / nbsp differ by outlet (a fingerprint, not bias): map them to
    ASCII before any feature sees the text."""
    for a, b in _TYPO_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


class _Batch:
    """Lazily computed analyses of one batch of sentences, shared by all views."""

    def __init__(self, texts):
        self.n = len(texts)
        joined = "\n".join([t if "\n" not in t else t.replace("\n", " ") for t in map(str, texts)])
        self.joined = normalize_typography(joined)
        self._c = {}

    def texts(self):
        if "texts" not in self._c:
            self._c["texts"] = self.joined.split("\n") if self.n else []
        return self._c["texts"]

    def lower(self, mask_names=False):
        k = ("lower", mask_names)
        if k not in self._c:
            s = _NAME_RE.sub("\u00a7", self.joined) if mask_names else self.joined
            # white space runs as one space, none at a line's ends (split() is 3x faster than a regex here)
            s = "\n".join([" ".join(line.split()) for line in s.lower().split("\n")])
            self._c[k] = s
        return self._c[k]

    def tokens(self, mask_names=False):
        """(flat token list, row index per token, number of tokens per row)."""
        k = ("tokens", mask_names)
        if k not in self._c:
            # no token crosses a line, so each line (a sentence) is tokenised on its own
            lines = [_TOKEN_RE.findall(line) for line in self.lower(mask_names).split("\n")] if self.n else []
            lens = np.fromiter(map(len, lines), np.int64, len(lines))
            rows = np.repeat(np.arange(len(lines), dtype=np.int64), lens)
            flat = list(itertools.chain.from_iterable(lines))
            self._c[k] = (flat, rows, lens)
        return self._c[k]

    def types(self, mask_names=False):
        """(distinct tokens in first-seen order, each token's index into them): the views look a
        word up once per batch instead of once per occurrence."""
        k = ("types", mask_names)
        if k not in self._c:
            flat, _, _ = self.tokens(mask_names)
            index = {w: i for i, w in enumerate(dict.fromkeys(flat))}
            inv = np.fromiter(map(index.__getitem__, flat), np.int64, len(flat))
            self._c[k] = (list(index), inv)
        return self._c[k]

    def quote_mask(self, mask_names=False):
        """True for word tokens inside double quotation marks (the quoted speaker's words)."""
        k = ("quotes", mask_names)
        if k not in self._c:
            flat, rows, lens = self.tokens(mask_names)
            types, inv = self.types(mask_names)
            q = inv == (types.index('"') if '"' in types else -1)
            c = np.cumsum(q)
            starts = np.concatenate([[0], np.cumsum(lens)])[:-1]
            base = np.concatenate([[0], c])[starts][rows] if len(flat) else c
            self._c[k] = ((c - base) % 2 == 1) & ~q
        return self._c[k]


_MEMO = {"X": None, "fp": None, "batch": None}


def _fingerprint(col):
    n = len(col)
    return (n, str(col[0]) if n else None, str(col[-1]) if n else None)


def _analyze(X):
    """Returns (_Batch, biased_words or None). The batch is memoised on the identity of X so
    that the transformers of one FeatureUnion tokenise each prediction batch only once."""
    if isinstance(X, str):
        raise ValueError("expected a sequence of sentences, got a single string")
    if isinstance(X, np.ndarray) and X.ndim == 2:
        col, bw = X[:, 0], list(X[:, 1])
    else:
        col, bw = X, None
    fp = _fingerprint(col)
    if _MEMO["X"] is X and _MEMO["fp"] == fp:
        return _MEMO["batch"], bw
    batch = _Batch(list(col))
    _MEMO.update(X=X, fp=fp, batch=batch)
    return batch, bw


class _WordMemo:
    """A view's value of each word (a row of one array), computed once and kept across prediction
    batches: a word's value depends on the word alone, and a batch's words are mostly known, so a
    batch costs one dict look-up a distinct word. ``key`` is the fitted table the values come from
    (a view fitted again starts afresh); started afresh too past LIMIT words."""

    LIMIT = 200_000

    def __init__(self, key, dtype, shape=()):
        self.key, self.rows, self.table = key, {}, np.zeros((0, *shape), dtype)  # shape: of one row

    def values(self, words, compute):
        """``compute(words)`` (an array, a row a word) for distinct ``words``, by rows computed before."""
        rows = self.rows
        new = [w for w in words if w not in rows]
        if new:
            if len(rows) + len(new) > self.LIMIT:
                rows.clear()
                new = list(words)
            vals = np.asarray(compute(new), dtype=self.table.dtype)
            n, need = len(rows), len(rows) + len(new)
            if need > len(self.table):  # room for twice as many, up to LIMIT: amortised copies
                grown = np.zeros((max(need, min(2 * need, self.LIMIT)), *self.table.shape[1:]), self.table.dtype)
                grown[:n] = self.table[:n]
                self.table = grown
            self.table[n:need] = vals
            rows.update(zip(new, range(n, need)))
        return self.table[np.fromiter(map(rows.__getitem__, words), np.intp, len(words))]


_WORD_MEMOS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # view -> {name: _WordMemo}


def _word_memo(view, name, key, dtype, shape=()) -> _WordMemo:
    memos = _WORD_MEMOS.setdefault(view, {})
    memo = memos.get(name)
    if memo is None or memo.key is not key:
        memo = memos[name] = _WordMemo(key, dtype, shape)
    return memo
