"""The framing model's views as scikit-learn transformers over their prediction mixins: what each learns in
fit (n-gram vocabularies and idf, the biased-word tables and their backoff models, the lexicon categories).
"""
import ast

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import LogisticRegression, Ridge

from framing.evidence.lexicon import ALL_CATEGORIES, SUBJECTIVE
from framing.models.framing.batch import _WORD_RE, _analyze, _stem, normalize_typography
from framing.models.framing.folds import _groups, _inner_splits
from framing.models.framing.lexicon_views import LexiconCounts, lexicon_words
from framing.models.framing.ngram_views import CharNgramOccurrences, TfidfTransform, WordNgramOccurrences
from framing.models.framing.word_views import BiasedWordFeatures, SentenceEmbeddingTransform


# =====================================================================================
# View 1/2: hashed tf-idf n-grams (characters, stemmed words)
# =====================================================================================
class _HashedTfidfBase(TfidfTransform, BaseEstimator, TransformerMixin):
    """Occurrence weight = idf[col]; rows L2-normalised over occurrences. Columns with
    document frequency < min_df get idf 0. At transform time duplicate (row, col) entries
    are left unsummed (identical linear-model scores, no sort)."""

    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        batch, _ = _analyze(X)
        self._fit_vocab(batch)
        rows, cols, n_cols = self._occurrences(batch)
        key = np.sort(rows * n_cols + cols)
        key = key[np.concatenate([[True], key[1:] != key[:-1]])] if len(key) else key
        df = np.bincount(key % n_cols, minlength=n_cols)
        idf = np.log((1 + batch.n) / (1 + df)) + 1.0
        idf[df < self.min_df] = 0.0
        self.idf_ = idf.astype(np.float32)
        self.n_features_in_ = 1
        Xt = self._weight(rows, cols, batch.n)
        Xt.sum_duplicates()
        return Xt

    def _fit_vocab(self, batch):
        pass


class HashedCharNgramTfidf(CharNgramOccurrences, _HashedTfidfBase):
    """char_wb-style n-grams (never spanning a word boundary; words padded with spaces),
    computed with vectorised numpy polynomial hashing; each n gets its own block of
    2**log2_features columns."""

    def __init__(self, ngram_range=(2, 5), log2_features=18, min_df=2, mask_names=False):
        self.ngram_range = ngram_range
        self.log2_features = log2_features
        self.min_df = min_df
        self.mask_names = mask_names

    def get_feature_names_out(self, input_features=None):
        nmin, nmax = self.ngram_range
        D = 2 ** self.log2_features
        return np.array([f"char{n}_{i}" for n in range(nmin, nmax + 1) for i in range(D)], dtype=object)


class HashedWordNgramTfidf(WordNgramOccurrences, _HashedTfidfBase):
    """Stemmed word unigrams (exact vocabulary learned in fit) + hashed stemmed bigrams."""

    def __init__(self, ngram_range=(1, 2), log2_bigram_features=19, min_df=2, mask_names=False):
        self.ngram_range = ngram_range
        self.log2_bigram_features = log2_bigram_features
        self.min_df = min_df
        self.mask_names = mask_names

    def _fit_vocab(self, batch):
        flat, _, _ = batch.tokens(self.mask_names)
        words = set(flat)
        stems = sorted({_stem(w) for w in words})
        self.stem_index_ = {s: i + 1 for i, s in enumerate(stems)}  # 0 = unknown stem
        self.token_index_ = {w: self.stem_index_[_stem(w)] for w in words}
        self.n_unigrams_ = len(stems) + 1

    def get_feature_names_out(self, input_features=None):
        inv = sorted(self.stem_index_, key=self.stem_index_.get)
        B = 2 ** self.log2_bigram_features
        return np.array(["w_<unk>"] + [f"w_{s}" for s in inv] + [f"w2_{i}" for i in range(B)], dtype=object)


# =====================================================================================
# View 3: word-level bias scores learned from BABE's `biased_words`
# =====================================================================================
def _parse_biased_words(s):
    try:
        words = ast.literal_eval(s) if isinstance(s, str) else list(s)
    except (ValueError, SyntaxError):
        words = []
    return {_stem(t) for w in words for t in _WORD_RE.findall(normalize_typography(str(w)).lower())}


class BiasedWordScores(BiasedWordFeatures, BaseEstimator, TransformerMixin):
    """Per-word bias scores from word-level supervision, aggregated per sentence.

    fit: for each stem s, score(s) = (b_s + alpha * p_w) / (n_s + alpha), where n_s = number
    of training sentences containing s, b_s = number in which annotators listed s in
    `biased_words`, and p_w = backoff prior for the surface word w: a logistic regression on
    the word's character n-grams + hand-lexicon categories, trained on the same b_s/n_s counts
    (plus every subjective lexicon word as a pseudo-positive with weight `lexicon_weight`).
    The backoff generalises to words never seen in BABE ("-ly" intensifiers, emotive
    adjectives); large alpha trusts it more.
    Sentence features: top-k scores, mean of top-k, counts above thresholds, mean score, max
    outside / inside quotation marks (all as log-odds / log-counts).
    fit_transform returns cross-fitted features (scores for a training sentence come from
    tables fitted on the other inner folds, like sklearn's TargetEncoder); transform uses
    the tables fitted on all training data.
    """

    def __init__(self, alpha=3.0, lexicon_weight=0.0, word_model_C=1.0, top_k=3, n_splits=5,
                 random_state=0, mask_names=False, features=None, word_model_log2_features=16,
                 vectors=None, vector_weight=0.5, vector_ridge=1.0):
        self.vector_ridge = vector_ridge
        self.vectors = vectors
        self.vector_weight = vector_weight
        self.features = features
        self.word_model_log2_features = word_model_log2_features
        self.alpha = alpha
        self.lexicon_weight = lexicon_weight
        self.word_model_C = word_model_C
        self.top_k = top_k
        self.n_splits = n_splits
        self.random_state = random_state
        self.mask_names = mask_names

    # ---- word-type backoff model ----------------------------------------------------
    @staticmethod
    def _word_matrix(words, vec, lex):
        return sp.hstack([vec.transform(words), lex.transform(words)], format="csr")

    def _backoff_lr(self, words, table):
        return table["lr"].predict_proba(self._word_matrix(words, table["vec"], table["lex"]))[:, 1]

    def _backoff_ridge(self, E, table):
        return table["ridge_emb"].predict(E)

    def _fit_table(self, sent_words, marked):
        n, b, wn = {}, {}, {}
        for ws, mk in zip(sent_words, marked):
            for w in ws:
                s = _stem(w)
                n[s] = n.get(s, 0) + 1
                if s in mk:
                    b[s] = b.get(s, 0) + 1
                wn[w] = wn.get(w, 0) + 1
        words = sorted(w for w in wn if w[0].isalpha())
        vec = HashedCharNgramTfidf(ngram_range=(2, 5), log2_features=self.word_model_log2_features,
                                   min_df=2).fit(words)
        lex = LoadedLexiconFeatures(split_quotes=False, style=False, aggregate=False).fit(words)
        Xw = self._word_matrix(words, vec, lex)
        pos = np.array([b.get(_stem(w), 0) / n[_stem(w)] for w in words])
        cnt = np.array([wn[w] for w in words], dtype=float)
        Xd = sp.vstack([Xw, Xw], format="csr")
        yd = np.r_[np.ones(len(words)), np.zeros(len(words))]
        sw = np.r_[cnt * pos, cnt * (1 - pos)] + 1e-6
        if self.lexicon_weight > 0:
            lw = lexicon_words()
            Xd = sp.vstack([Xd, self._word_matrix(lw, vec, lex)], format="csr")
            yd = np.r_[yd, np.ones(len(lw))]
            sw = np.r_[sw, np.full(len(lw), float(self.lexicon_weight))]
        lr = LogisticRegression(C=self.word_model_C, solver="liblinear", dual=True,
                                max_iter=1000).fit(Xd, yd, sample_weight=sw)
        prior = sum(b.values()) / max(sum(n.values()), 1)
        table = {"n": n, "b": b, "prior": prior, "vec": vec, "lex": lex, "lr": lr}
        if self.vectors is not None:
            # a second backoff on the word's static embedding, on the same targets: an unseen word
            # ("disgraced") lands near seen words that mean alike ("humiliated"), which its spelling
            # alone would not tell. Weighted ridge on the words' bias rates: closed form, milliseconds
            # (a logistic fit on these dense rows took seconds, six times per fit of the view)
            lex_words = lw if self.lexicon_weight > 0 else []
            E = self.vectors.words(words + lex_words)
            t = np.r_[pos, np.ones(len(lex_words))]
            wt = np.r_[cnt, np.full(len(lex_words), float(self.lexicon_weight))]
            table["ridge_emb"] = Ridge(alpha=self.vector_ridge).fit(E, t, sample_weight=wt)
        return table


    # ---- sklearn API -----------------------------------------------------------------
    def fit(self, X, y=None):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y=None):
        batch, bw = _analyze(X)
        if bw is None:
            raise ValueError("BiasedWordScores.fit needs X as an (n, 2) array [sentence, biased_words]")
        flat, rows, lens = batch.tokens(self.mask_names)
        starts = np.concatenate([[0], np.cumsum(lens)])
        sent = [set(flat[starts[i]:starts[i + 1]]) for i in range(batch.n)]
        marked = [_parse_biased_words(b) for b in bw]
        self.table_ = self._fit_table(sent, marked)
        self.word_scores_ = self._score_words(sorted({w for w in flat}), self.table_)
        self.prior_ = self.table_["prior"]
        self.n_features_in_ = 1
        scores = np.zeros((len(flat), len(self._alphas())))
        for tr, te in _inner_splits(batch.n, y, self.n_splits, self.random_state, _groups(X)):
            tab = self._fit_table([sent[i] for i in tr], [marked[i] for i in tr])
            idx = np.concatenate([np.arange(starts[i], starts[i + 1]) for i in te])
            scores[idx] = self._token_scores([flat[j] for j in idx], tab, {})
        return self._features(scores, batch)

    def get_feature_names_out(self, input_features=None):
        names = self._all_names() if self.features is None else list(self.features)
        return np.array(names, dtype=object)


# =====================================================================================
# View 5: sentence embedding from static token vectors (embeddings.py)
# =====================================================================================
class SentenceEmbedding(SentenceEmbeddingTransform, BaseEstimator, TransformerMixin):
    """Mean of the words' static vectors (distilled from a sentence encoder), L2-normalised: the
    meaning of the sentence, where the n-gram views see its spelling. No labels are used."""

    def __init__(self, vectors=None):
        self.vectors = vectors

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def get_feature_names_out(self, input_features=None):
        return np.array([f"emb_{i}" for i in range(self.vectors.dim)], dtype=object)


# =====================================================================================
# View 4: the lexicon (framing/lexicons, read at each transform) + style cues (no labels used)
# =====================================================================================


class LoadedLexiconFeatures(LexiconCounts, BaseEstimator, TransformerMixin):
    """log(1+count) of each lexicon category, separately outside / inside quotation marks,
    an aggregate count over all subjective categories, and optional style cues."""

    def __init__(self, split_quotes=True, aggregate=True, style=False, categories=True):
        self.split_quotes = split_quotes
        self.aggregate = aggregate
        self.style = style
        self.categories = categories

    def fit(self, X, y=None):
        # the terms are read from the lexicon at each transform (lexicon_views.lexicon_table);
        # the categories, whose weights the next stage learns, are fixed here
        self.categories_ = sorted(ALL_CATEGORIES)
        self.subjective_bits_ = sum(1 << ci for ci, c in enumerate(self.categories_) if c in SUBJECTIVE)
        self.n_features_in_ = 1
        return self

    def get_feature_names_out(self, input_features=None):
        cats = getattr(self, "categories_", sorted(ALL_CATEGORIES))
        names = []
        if self.categories:
            names += [f"lex_{c}" for c in cats]
            if self.split_quotes:
                names += [f"lexq_{c}" for c in cats]
        if self.aggregate:
            names += ["lex_subjective_total"] + (["lexq_subjective_total"] if self.split_quotes else [])
        if self.style:
            names += [f"style_{s}" for s in self.STYLE]
        return np.array(names, dtype=object)
