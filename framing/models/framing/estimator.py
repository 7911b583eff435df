"""The framing (loaded-language) sentence model: P(sentence uses loaded, emotive, opinionated or
one-sided language).

Self-contained: numpy, scipy, scikit-learn, nltk (SnowballStemmer only; no nltk_data). What prediction
computes is in sentence_views.py (numpy only), the fitting here.

Design (numbers in models/framing/MODEL_CARD.md and `framing evaluate --task framing`):
  * every feature family is an sklearn transformer (fit/transform, params-only __init__,
    learned state in attributes ending with "_", get_feature_names_out);
  * anything learned from labels (sentence labels or BABE's word-level `biased_words`)
    is learned inside `fit`, and fit_transform returns cross-fitted (out-of-fold) values,
    so outer CV never evaluates on a sentence whose label/biased words were used;
  * input X is either a 1-D sequence of sentences (prediction) or a 2-D object array
    [sentence, biased_words(, topic)] (training; biased_words is the BABE list-string; with
    topics, the inner cross-fitting and calibration folds hold out whole topics);
  * all views share one tokenisation of the batch (memoised per input object) and
    are vectorised with numpy so that transform+predict runs at >20k sentences/s.

"""
import ast
import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold, StratifiedGroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from framing.evidence.lexicon import ALL_CATEGORIES, SUBJECTIVE
from framing.models.framing.batch import _WORD_RE, _analyze, _stem, normalize_typography
from framing.models.framing.lexicon_views import LexiconCounts, lexicon_words
from framing.models.framing.ngram_views import CharNgramOccurrences, TfidfTransform, WordNgramOccurrences
from framing.models.framing.word_views import BiasedWordFeatures, SentenceEmbeddingTransform


def _groups(X):
    """The optional third training column: each sentence's topic (or other group)."""
    if isinstance(X, np.ndarray) and X.ndim == 2 and X.shape[1] > 2:
        return X[:, 2]
    return None


def _inner_splits(n, y, n_splits, random_state, groups=None):
    # Folds that hold out whole topics: the stacker and the calibration then learn how far each
    # view can be trusted on a topic it has not seen, which is how the model is used.
    if y is not None and groups is not None and len(set(groups)) >= n_splits:
        return list(StratifiedGroupKFold(n_splits, shuffle=True, random_state=random_state)
                    .split(np.zeros(n), y, groups))
    if y is not None:
        return list(StratifiedKFold(n_splits, shuffle=True, random_state=random_state)
                    .split(np.zeros(n), y))
    return list(KFold(n_splits, shuffle=True, random_state=random_state).split(np.zeros(n)))


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
# View 4: hand-written lexicon + style cues (no labels used)
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
        # the terms are read from the lexicon at each transform (sentence_views.lexicon_table);
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


# =====================================================================================
# Stacking helpers and the monotone final classifier
# =====================================================================================
class OutOfFoldScore(BaseEstimator, TransformerMixin):
    """Stacking as a transformer: output = decision_function of `estimator`.
    fit_transform returns out-of-fold scores (inner stratified CV) so that the next stage
    learns how much to trust this view on unseen sentences; transform uses the estimator
    refitted on all training data."""

    def __init__(self, estimator, cv=5, random_state=0, name="view"):
        self.estimator = estimator
        self.cv = cv
        self.random_state = random_state
        self.name = name

    def fit(self, X, y):
        self.fit_transform(X, y)
        return self

    def fit_transform(self, X, y):
        cv = _inner_splits(len(X), y, self.cv, self.random_state, _groups(X))
        oof = cross_val_predict(clone(self.estimator), X, y, cv=cv, method="decision_function")
        self.estimator_ = clone(self.estimator).fit(X, y)
        self.n_features_in_ = 1
        return oof[:, None]

    def transform(self, X):
        return self.estimator_.decision_function(X)[:, None]

    def get_feature_names_out(self, input_features=None):
        return np.array([f"oof_{self.name}"], dtype=object)


class MonotoneLogisticRegression(BaseEstimator, ClassifierMixin):
    """L2 logistic regression whose coefficients are constrained to be >= min_coef (default 0)
    except for the columns flagged in `unconstrained` (boolean sequence). Every constrained
    input is oriented so that larger = more loaded (view scores, bias-word scores, lexicon
    counts); the constraint stops the stacker from learning BABE-specific negative
    corrections that do not transfer to other domains. A positive min_coef on the
    prior-knowledge columns (hand lexicon, lexicon-backed word scores) keeps them in the
    model even where BABE's in-domain views make them redundant."""

    def __init__(self, C=0.1, unconstrained=None, min_coef=None):
        self.C = C
        self.unconstrained = unconstrained
        self.min_coef = min_coef

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        t = (y == self.classes_[1]).astype(float)
        d = X.shape[1]
        free = np.zeros(d, bool) if self.unconstrained is None else np.asarray(self.unconstrained, bool)

        def f(w):
            z = X @ w[:d] + w[d]
            loss = np.logaddexp(0, z).sum() - t @ z + 0.5 / self.C * (w[:d] @ w[:d])
            p = 0.5 * (1 + np.tanh(0.5 * z))
            g = X.T @ (p - t) + w[:d] / self.C
            return loss, np.r_[g, (p - t).sum()]

        lo = np.zeros(d) if self.min_coef is None else np.asarray(self.min_coef, dtype=float)
        bounds = [(None, None) if free[j] else (lo[j], None) for j in range(d)] + [(None, None)]
        w0 = np.r_[np.where(free, 0.0, lo), 0.0]
        res = minimize(f, w0, jac=True, method="L-BFGS-B", bounds=bounds)
        self.coef_ = res.x[:d][None, :]
        self.intercept_ = res.x[d:]
        self.n_features_in_ = d
        return self

    def decision_function(self, X):
        return np.asarray(X, dtype=float) @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        p = 0.5 * (1 + np.tanh(0.5 * self.decision_function(X)))
        return np.c_[1 - p, p]

    def predict(self, X):
        return self.classes_[(self.decision_function(X) > 0).astype(int)]


class TopicCalibratedClassifierCV(CalibratedClassifierCV):
    """Sigmoid calibration whose folds hold out whole topics when the training input carries
    them (see `_inner_splits`): probabilities calibrated on seen topics are overconfident on
    new ones. Without topics it is CalibratedClassifierCV."""

    def fit(self, X, y, sample_weight=None, **fit_params):
        groups = _groups(X)
        if groups is None or not isinstance(self.cv, int):
            return super().fit(X, y, sample_weight=sample_weight, **fit_params)
        cv, self.cv = self.cv, _inner_splits(len(X), np.asarray(y), self.cv, 0, groups)
        try:
            return super().fit(X, y, sample_weight=sample_weight, **fit_params)
        finally:
            self.cv = cv


# =====================================================================================
# The model
# =====================================================================================
BW_COMPACT = ("bw_topmean", "bw_max_outside_quotes", "bw_max_inside_quotes")


PRIOR_FEATURES = ("bw_topmean@a10", "bw_max_outside_quotes@a10", "lex_subjective_total")


def build_model(calibrated=True, variant="final", alphas=(3.0, 10.0), lexicon_weight=3.0, stack_C=0.1,
                prior_min_coef=0.15, vectors="default", emb_view=True, emb_backoff=True, emb_C=1.0,
                vector_weight=0.75):
    """variant: 'final' (compact monotone stack), 'full' (all features, monotone),
    'full_lr' (all features, plain LR stacker). vectors: static token vectors (embeddings.py) for the
    sentence-embedding view and the bias-word backoff; "default" = the training vectors, None = neither."""
    def lr(C):
        return LogisticRegression(C=C, solver="liblinear", dual=True, max_iter=1000)

    if isinstance(vectors, str) and vectors == "default":
        from framing.models.embeddings import model_vectors

        vectors = model_vectors()

    compact = variant == "final"
    views = [
        # no character n-gram view since session 12: without it WikiNPOV AUC 0.7403 -> 0.7446, PTC article
        # Spearman 0.6052 -> 0.6098, BABE 5-fold AUC 0.8611 -> 0.8582, about 0.5 ms an article less
        # (character n-grams still back off the bias-word scores below)
        ("word", OutOfFoldScore(Pipeline([("vec", HashedWordNgramTfidf()), ("lr", lr(3.0))]), name="word")),
        # bias-word scores at two smoothing strengths: alpha=3 trusts BABE's counts (in-domain),
        # alpha=10 trusts the char-n-gram/lexicon backoff model more (general)
        ("bw", BiasedWordScores(alpha=alphas, lexicon_weight=lexicon_weight,
                                features=[f"{f}@a{a:g}" for a in alphas for f in BW_COMPACT]
                                if compact else None,
                                vectors=vectors if emb_backoff else None, vector_weight=vector_weight)),
        ("lex", LoadedLexiconFeatures(categories=not compact, style=not compact)),
    ]
    if vectors is not None and emb_view:
        views.insert(2, ("emb", OutOfFoldScore(Pipeline([("vec", SentenceEmbedding(vectors)), ("lr", lr(emb_C))]),
                                               name="emb")))
    union = FeatureUnion(views)
    names = union.get_feature_names_out()
    if variant == "full_lr":
        clf = LogisticRegression(C=0.3, max_iter=3000)
    else:
        free = [("inside_quotes" in s) or ("lexq_" in s) or ("style_" in s) or ("report_verb" in s)
                or ("negation" in s) or ("person12" in s) for s in names]
        # floor on the coefficients of the prior-knowledge ("general") features; value chosen
        # on the WikiNPOV dev half (see RESULTS.md) -- BABE alone would set them to 0.
        prior = [s.split("__", 1)[1] in PRIOR_FEATURES for s in names]
        clf = MonotoneLogisticRegression(C=stack_C, unconstrained=free,
                                         min_coef=np.where(prior, prior_min_coef, 0.0))
    stack = Pipeline([("features", union), ("scale", StandardScaler()), ("clf", clf)])
    if not calibrated:
        return stack
    return TopicCalibratedClassifierCV(stack, method="sigmoid", cv=5, ensemble=False)


