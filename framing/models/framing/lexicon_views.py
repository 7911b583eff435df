"""The framing model's lexicon view at prediction, numpy only: the lexicon's terms in the model's tokens
(LexiconTable, read from the lexicon TSV files in use) and each sentence's category counts and style cues.
"""
import re

import numpy as np

from framing.evidence.lexicon import SUBJECTIVE, WILDCARD, active_lexicon
from framing.evidence.lexicon import _stem as stem_term  # the same Snowball stems, mostly cached by the lexicon's parse
from framing.models.framing.batch import _NAME_RE, _WORD_RE, _analyze, _stem, _word_memo, normalize_typography


def _regex_counts(pattern, joined, n):
    starts = np.concatenate([[0], np.cumsum([len(t) + 1 for t in joined.split("\n")])[:-1]])
    pos = np.fromiter((m.start() for m in pattern.finditer(joined)), dtype=np.int64)
    return np.bincount(np.searchsorted(starts, pos, side="right") - 1, minlength=n)


def _term_words(term: str) -> list:
    """A lexicon term in the model's word tokens, None for the wildcard."""
    words = []
    for part in normalize_typography(term).lower().split():
        words += [None] if part == WILDCARD else _WORD_RE.findall(part)
    return words


class LexiconTable:
    """The lexicon's terms in the model's own tokens: per word, the bits of the categories it is in
    (by its lower-cased form for ``exact`` terms, by its Snowball stem for ``stem`` ones), and the
    multi-word terms by their first two words. Only ``categories`` (those the model was trained with)
    count; a term in another category waits for ``framing train``."""

    def __init__(self, lexicon, categories):
        col = {c: i for i, c in enumerate(categories)}
        self.exact, self.stem = {}, {}
        # multi-word terms by their first two keys (by_two) or, when the second is the wildcard, by the
        # first (by_one): most occurrences of a term's first word ("the", "not") fail at the second
        self.by_two, self.by_one = {}, {}
        for e in lexicon.entries:
            if e.category not in col:
                continue
            bit, exact = 1 << col[e.category], e.match == "exact"
            keys = [w if exact or w is None else stem_term(w) for w in _term_words(e.term)]
            if len(keys) == 1:
                table = self.exact if exact else self.stem
                table[keys[0]] = table.get(keys[0], 0) | bit
            elif keys:
                if keys[1] is None:
                    self.by_one.setdefault((exact, keys[0]), []).append((exact, tuple(keys[1:]), 1, bit, len(keys)))
                else:
                    self.by_two.setdefault((exact, *keys[:2]), []).append((exact, tuple(keys[2:]), 2, bit, len(keys)))
        self._firsts_two = {k[:2] for k in self.by_two}
        self._seconds = {(k[0], k[2]) for k in self.by_two}

    def word_bits(self, words):
        ex, st = self.exact, self.stem
        return [ex.get(w, 0) | st.get(_stem(w), 0) for w in words]

    def term_flags(self, words):
        """Per word: 1 if it may start a term by its first two keys, 2 if it may start one whose second
        word is the wildcard, 4 if it may be a term's second word."""
        two, one, second = self._firsts_two, self.by_one, self._seconds
        out = []
        for w in words:
            s = _stem(w)
            out.append(((True, w) in two or (False, s) in two) | 2 * ((True, w) in one or (False, s) in one)
                       | 4 * ((True, w) in second or (False, s) in second))
        return out

    def phrase_hits(self, flat, rows, candidates):
        """(token index, length, bits) of each multi-word term found within a sentence, from the
        token indices that may start one (``candidates``)."""
        hits, n, two, one = [], len(flat), self.by_two, self.by_one
        for i in candidates:
            w = flat[i]
            s = _stem(w)
            cands = []
            if i + 1 < n and rows[i + 1] == rows[i]:
                w2 = flat[i + 1]
                cands += two.get((True, w, w2), []) + two.get((False, s, _stem(w2)), [])
            cands += one.get((True, w), []) + one.get((False, s), [])
            for exact, rest, off, bit, length in cands:
                j = i + length - 1
                if j < n and rows[j] == rows[i] and all(
                        k is None or k == (flat[i + off + m] if exact else _stem(flat[i + off + m]))
                        for m, k in enumerate(rest)):
                    hits.append((i, length, bit))
        kept, taken = [], {}  # as in the evidence, a category's longest term wins where two overlap
        for i, length, bit in sorted(hits, key=lambda h: (h[0], -h[1])):
            if taken.get(bit, 0) <= i:
                kept.append((i, length, bit))
                taken[bit] = i + length
        return kept


_TABLES: dict = {}  # (lexicon digest, categories) -> LexiconTable


def lexicon_table(categories) -> LexiconTable:
    """The active lexicon's table for ``categories`` (kept while that lexicon is in use)."""
    lex = active_lexicon()
    key = (lex.digest, tuple(categories))
    table = _TABLES.get(key)
    if table is None:
        if len(_TABLES) > 8:
            _TABLES.clear()
        table = _TABLES[key] = LexiconTable(lex, categories)
    return table


def lexicon_words() -> list[str]:
    """The active lexicon's one-word terms of subjective categories, in the model's tokens."""
    words = set()
    for e in active_lexicon().entries:
        if e.category in SUBJECTIVE:
            found = _term_words(e.term)
            if len(found) == 1 and found[0] is not None:
                words.add(found[0])
    return sorted(words)


class LexiconCounts:
    """Lexicon category counts and style cues (see LoadedLexiconFeatures)."""

    STYLE = ["n_excl", "n_question", "n_quotes", "scare_quote", "n_digits", "n_caps_words",
             "n_names", "n_colon_semicolon", "n_dash", "ellipsis"]
    _SCARE_RE = re.compile(r"\"[^\"\n]{1,30}\"")
    _CAPS_RE = re.compile(r"\b[A-Z]{2,}[a-z]?\b")
    _CHARS = {"n_excl": "!", "n_question": "?", "n_quotes": '"', "n_digits": "0123456789",
              "n_colon_semicolon": ":;"}

    def _bits(self, flat):  # a model saved before the lexicon moved to data keeps its own word list
        fb = self.form_bits_
        bits = [fb.get(w, -1) for w in flat]
        unk = {w for w, b in zip(flat, bits) if b < 0}
        if unk:
            extra = {w: fb.get(_stem(w), 0) for w in unk}
            bits = [b if b >= 0 else extra[w] for w, b in zip(flat, bits)]
        return np.array(bits, dtype=np.int64)

    def _candidates(self, table, types, inv, rows) -> list[int]:
        """Token indices where a multi-word term may start: a first word followed, in its sentence, by
        a possible second word, or the first word of a term whose second is the wildcard."""
        f = _word_memo(self, "term_flags", table, np.int64).values(types, table.term_flags)[inv]
        cand = (f & 2) > 0
        if len(f) > 1:
            cand[:-1] |= ((f[:-1] & 1) > 0) & ((f[1:] & 4) > 0) & (rows[:-1] == rows[1:])
        return np.flatnonzero(cand).tolist()

    def transform(self, X):
        batch, _ = _analyze(X)
        n = batch.n
        flat, rows, lens = batch.tokens(False)
        types, inv = batch.types(False)
        inq = batch.quote_mask(False) if self.split_quotes else np.zeros(len(flat), bool)
        legacy = getattr(self, "form_bits_", None)
        if legacy is not None:
            bits = _word_memo(self, "bits", legacy, np.int64).values(types, self._bits)[inv]
            phrases = []
        else:
            table = lexicon_table(self.categories_)
            bits = _word_memo(self, "bits", table, np.int64).values(types, table.word_bits)[inv]
            phrases = table.phrase_hits(flat, rows, self._candidates(table, types, inv, rows)) \
                if table.by_two or table.by_one else []
            for i, length, bit in phrases:  # a category's words inside its longer term are not counted again
                bits[i:i + length] &= ~bit
        hit = bits > 0
        r, q, bb = rows[hit], inq[hit], bits[hit]
        if phrases:
            at = [i for i, _, _ in phrases]
            r, q = np.r_[r, rows[at]], np.r_[q, inq[at]]
            bb = np.r_[bb, np.array([b for _, _, b in phrases], np.int64)]
        blocks = []
        if self.categories:
            k = len(self.categories_)  # every (hit, category) pair at once: a row's cell is r * k + c
            hit_of, cat = np.nonzero((bb[:, None] >> np.arange(k)) & 1)
            cell, quoted = r[hit_of] * k + cat, q[hit_of]
            out = np.bincount(cell[~quoted], minlength=n * k).reshape(n, k).astype(float)
            inn = np.bincount(cell[quoted], minlength=n * k).reshape(n, k).astype(float)
            blocks.append(np.log1p(out))
            if self.split_quotes:
                blocks.append(np.log1p(inn))
        if self.aggregate:
            s = (bb & self.subjective_bits_) > 0
            blocks.append(np.log1p(np.bincount(r[s & ~q], minlength=n))[:, None])
            if self.split_quotes:
                blocks.append(np.log1p(np.bincount(r[s & q], minlength=n))[:, None])
        if self.style:
            j = batch.joined
            a = np.frombuffer(j.encode("utf-32-le"), dtype=np.uint32)
            row_of = np.cumsum(a == 10)
            st = np.zeros((n, len(self.STYLE)))
            for i, name in enumerate(self.STYLE):
                if name in self._CHARS:
                    st[:, i] = np.bincount(row_of[np.isin(a, [ord(ch) for ch in self._CHARS[name]])],
                                           minlength=n)
            ix = self.STYLE.index
            st[:, ix("scare_quote")] = _regex_counts(self._SCARE_RE, j, n)
            st[:, ix("n_caps_words")] = _regex_counts(self._CAPS_RE, j, n)
            st[:, ix("n_names")] = _regex_counts(_NAME_RE, j, n)
            st[:, ix("n_dash")] = _regex_counts(re.compile(r" - |--"), j, n)
            st[:, ix("ellipsis")] = _regex_counts(re.compile(r"\.\.\."), j, n)
            blocks.append(np.log1p(st))
        return np.hstack(blocks) if blocks else np.zeros((n, 0))
