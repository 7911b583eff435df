"""The framing model's n-gram views at prediction, numpy only: tf-idf weighting of hashed character
and stemmed-word n-gram occurrences (mixins of the estimators in view_estimators.py).
"""
import numpy as np

from framing.models.framing.batch import _analyze, _stem, _word_memo


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
