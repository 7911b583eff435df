"""What the framing (loaded-language) sentence model computes at prediction, with numpy only: the
shared tokenisation of a batch of sentences, the lexicon's terms in those tokens, and the views'
transforms as mixins of the estimators in framing_model.py (which add fitting, with scikit-learn).

Kept apart so that scoring can run the bundled model without importing scikit-learn or scipy
(fast_predict.py): the same code computes the features on either path.
"""
import itertools
import re
import weakref

import numpy as np

from framing.evidence.lexicon import SUBJECTIVE, WILDCARD, active_lexicon
from framing.text.nltk_parts import snowball_stemmer


# =====================================================================================
# Text analysis shared by all views
# =====================================================================================
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


def _csr_from_rows(rows, cols, data, n_rows, n_cols):
    import scipy.sparse as sp

    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    return sp.csr_matrix((data, cols, indptr), shape=(n_rows, n_cols))


def _mix64(h):
    h = h ^ (h >> np.uint64(31))
    h = h * np.uint64(0x7FB5D329728EA185)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x81DADEF4BC2DD44D)
    return h ^ (h >> np.uint64(33))


# =====================================================================================
# The views' prediction-time computations (mixins of the estimators in framing_model.py)
# =====================================================================================
class TfidfTransform:
    """Occurrence weight = idf[col]; rows L2-normalised over occurrences."""

    # _weight builds a CSR matrix: the views give their occurrences in row order (fast_predict's
    # _weight adds each row's entries in their order wherever they are, and needs no sort)
    _ROWS_SORTED = True

    def _weight(self, rows, cols, n):
        data = self.idf_[cols]
        norm = np.sqrt(np.bincount(rows, weights=data * data, minlength=n)).astype(np.float32)
        norm[norm == 0] = 1.0
        data /= norm[rows]
        return _csr_from_rows(rows, cols, data, n, len(self.idf_))

    def transform(self, X):
        batch, _ = _analyze(X)
        rows, cols, _ = self._occurrences(batch)
        return self._weight(rows, cols, batch.n)


class CharNgramOccurrences:
    """char_wb-style n-gram occurrences, hashed (see HashedCharNgramTfidf)."""

    def _occurrences(self, batch, chunk=8192):
        nmin, nmax = self.ngram_range
        D = 2 ** self.log2_features
        n_cols = D * (nmax - nmin + 1)
        lines = batch.lower(self.mask_names).split("\n") if batch.n else []
        R, C = [], []
        for s in range(0, len(lines), chunk):
            r, c = self._chunk(lines[s:s + chunk], D)
            R.append(r + s); C.append(c)
        if not R:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), n_cols
        rows, cols = np.concatenate(R), np.concatenate(C)
        if not self._ROWS_SORTED:
            return rows, cols, n_cols
        order = np.argsort(rows, kind="stable")  # k sorted runs per chunk: cheap merge
        return rows[order], cols[order], n_cols

    def _chunk(self, lines, D):
        nmin, nmax = self.ngram_range
        big = " " + " \n ".join(lines) + " "
        a = np.frombuffer(big.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        L = len(a)
        is_nl = a == 10
        is_sp = a == 32
        nl_c = np.concatenate([[0], np.cumsum(is_nl)])
        sp_c = np.concatenate([[0], np.cumsum(is_sp)])
        h = a.copy()
        mask = np.uint64(D - 1)
        R, C = [], []
        for n in range(1, nmax + 1):
            if n > 1:
                h = h[:-1] * np.uint64(1000003) + a[n - 1:]
            if n < nmin:
                continue
            m = L - n + 1
            valid = nl_c[n:n + m] == nl_c[:m]
            if n >= 3:
                valid &= sp_c[n - 1:n - 1 + m] == sp_c[1:1 + m]
            valid &= ~(is_sp[:m] & is_sp[n - 1:n - 1 + m])
            idx = np.flatnonzero(valid)
            hv = _mix64(h[idx] + np.uint64((n * 0x9E3779B97F4A7C15) % 2 ** 64)) & mask
            R.append(nl_c[idx])
            C.append(hv.astype(np.int64) + (n - nmin) * D)
        return np.concatenate(R).astype(np.int64), np.concatenate(C)


class WordNgramOccurrences:
    """Stemmed word unigram and hashed bigram occurrences (see HashedWordNgramTfidf)."""

    def _ids(self, flat):
        ti = self.token_index_
        ids = [ti.get(w, -1) for w in flat]
        unk = {w for w, i in zip(flat, ids) if i < 0}
        if unk:
            si = self.stem_index_
            extra = {w: si.get(_stem(w), 0) for w in unk}
            ids = [i if i >= 0 else extra[w] for w, i in zip(flat, ids)]
        return np.array(ids, dtype=np.int64)

    def _occurrences(self, batch):
        flat, rows, _ = batch.tokens(self.mask_names)
        types, inv = batch.types(self.mask_names)
        ids = _word_memo(self, "ids", self.token_index_, np.int64).values(types, self._ids)[inv]
        B = 2 ** self.log2_bigram_features
        n_cols = self.n_unigrams_ + B
        lo, hi = self.ngram_range
        R, C = [], []
        if lo <= 1:
            R.append(rows); C.append(ids)
        if hi >= 2 and len(ids) > 1:
            same = rows[1:] == rows[:-1]
            h = _mix64(ids[:-1][same].astype(np.uint64) * np.uint64(0x100000001B3)
                       + ids[1:][same].astype(np.uint64))
            R.append(rows[1:][same])
            C.append(self.n_unigrams_ + (h & np.uint64(B - 1)).astype(np.int64))
        if not R:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), n_cols
        rows, cols = np.concatenate(R), np.concatenate(C)
        if not self._ROWS_SORTED:
            return rows, cols, n_cols
        order = np.argsort(rows, kind="stable")
        return rows[order], cols[order], n_cols


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
