"""The framing model's lexicon view at prediction, numpy only: the lexicon's terms in the model's tokens
(LexiconTable, read from the lexicon TSV files in use) and each sentence's category counts and style cues.
"""
import re

import numpy as np

from framing.evidence.lexicon import SUBJECTIVE, WILDCARD, active_lexicon
from framing.models.framing.batch import _NAME_RE, _WORD_RE, _analyze, _stem, _word_memo, normalize_typography


def _regex_counts(pattern, joined, n):
    starts = np.concatenate([[0], np.cumsum([len(t) + 1 for t in joined.split("\n")])[:-1]])
    pos = np.fromiter((m.start() for m in pattern.finditer(joined)), dtype=np.int64)
    return np.bincount(np.searchsorted(starts, pos, side="right") - 1, minlength=n)


class LexiconTable:
    """The lexicon's terms in the model's own tokens: per word, the bits of the categories it is in
    (by its lower-cased form for ``exact`` terms, by its Snowball stem for ``stem`` ones), and the
    multi-word terms by their first word. Only ``categories`` (those the model was trained with)
    count; a term in another category waits for ``framing train``."""

    def __init__(self, lexicon, categories):
        col = {c: i for i, c in enumerate(categories)}
        self.exact, self.stem, self.phrases = {}, {}, {}
        for e in lexicon.entries:
            if e.category not in col:
                continue
            bit, exact = 1 << col[e.category], e.match == "exact"
            keys = []
            for part in normalize_typography(e.term).lower().split():
                words = [None] if part == WILDCARD else _WORD_RE.findall(part)
                keys += [w if exact or w is None else _stem(w) for w in words]
            if len(keys) == 1:
                table = self.exact if exact else self.stem
                table[keys[0]] = table.get(keys[0], 0) | bit
            elif keys:
                self.phrases.setdefault((exact, keys[0]), []).append((exact, tuple(keys[1:]), bit))

    def word_bits(self, words):
        ex, st = self.exact, self.stem
        return [ex.get(w, 0) | st.get(_stem(w), 0) for w in words]

    def phrase_hits(self, flat, rows, types, inv):
        """(token index, length, bits) of each multi-word term found within a sentence."""
        ph = self.phrases
        if not ph:
            return []
        starts = [i for i, w in enumerate(types) if (True, w) in ph or (False, _stem(w)) in ph]
        if not starts:
            return []
        hits, n = [], len(flat)
        for i in np.flatnonzero(np.isin(inv, starts)).tolist():
            w = flat[i]
            for exact, rest, bit in ph.get((True, w), []) + ph.get((False, _stem(w)), []):
                j = i + len(rest)
                if j < n and rows[j] == rows[i] and all(
                        k is None or k == (flat[i + m] if exact else _stem(flat[i + m]))
                        for m, k in enumerate(rest, 1)):
                    hits.append((i, len(rest) + 1, bit))
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
        if e.category in SUBJECTIVE and WILDCARD not in e.term:
            found = _WORD_RE.findall(normalize_typography(e.term).lower())
            if len(found) == 1:
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
            phrases = table.phrase_hits(flat, rows, types, inv)
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
            out = np.zeros((n, len(self.categories_))); inn = np.zeros_like(out)
            for c in range(len(self.categories_)):
                m = ((bb >> c) & 1).astype(bool)
                out[:, c] = np.bincount(r[m & ~q], minlength=n)
                inn[:, c] = np.bincount(r[m & q], minlength=n)
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
