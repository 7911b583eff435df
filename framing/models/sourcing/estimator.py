"""The attribution (sourcing) sentence model and the learned source-span tagger.

Sentence model: tokens are mapped to hashed features (word, Porter stem, shape, suffix and
word clusters learned from the training text: PPMI -> SVD -> k-means); a token-level cue tagger
(logistic regression: "this token is inside an attribution cue") gives each sentence its best
cue score, with the previous and next sentence's and the article's mean as context; an n-gram
logistic score and surface features (quotes, colon, length, pronouns, position) join it; the base
models are cross-fitted in folds grouped by article, and a gradient-boosted head combines them.
Source spans: a second token tagger (BILOU) anchored on the best cue token of the sentence,
decoded to the best single contiguous span (cf. PARC-style attribution extraction; Pareti 2016).

Input is a ``Sentences`` container (sentence texts in document order plus document ids, so the
context features never cross articles); a plain list of strings is one document per string.
"""
import collections
import itertools

import numpy as np
import scipy.sparse as sp
from nltk.stem import PorterStemmer
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.cluster import MiniBatchKMeans
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.extmath import randomized_svd

from framing.models.sourcing.classifier_views import (CueTaggerTransform, NgramLogitTransform, SurfaceTransform,
                                                      hashed_matrix, token_hash_features)
from framing.models.sourcing.prediction import AttributionPrediction, SourcingPrediction
from framing.models.sourcing.spans import SpanDecoding
from framing.models.sourcing.tokens import TOKEN_RE, TokenEncoding, as_sentences, shash


class TokenEncoder(TokenEncoding, BaseEstimator, TransformerMixin):
    """Tokenises sentences and maps every token type to a row of hashed ids (lowercase form, Porter
    stem, word shape, 3-char suffix, distributional clusters at three granularities, flags).

    Clusters: PPMI (+-2 window, ctx_size context words) -> truncated SVD (svd_dim) -> k-means with
    n_clusters = (k1, k2, k3), learned from the training sentences only (no labels)."""

    def __init__(self, min_count=3, ctx_size=3000, svd_dim=100, n_clusters=(64, 256, 1024),
                 random_state=0):
        self.min_count = min_count
        self.ctx_size = ctx_size
        self.svd_dim = svd_dim
        self.n_clusters = n_clusters
        self.random_state = random_state

    def fit(self, X, y=None):
        X = as_sentences(X)
        self.stemmer_ = PorterStemmer()
        toks = [TOKEN_RE.findall(t) for t in X.texts]
        low = [[w.lower() for w in s] for s in toks]
        cnt = collections.Counter(itertools.chain.from_iterable(low))
        vocab = [w for w, c in cnt.items() if c >= self.min_count]
        vid = {w: i for i, w in enumerate(vocab)}
        ctx = {w: i for i, (w, _) in enumerate(cnt.most_common(self.ctx_size))}
        rows, cols = [], []
        for s in low:
            ids = [vid.get(w, -1) for w in s]
            cs = [ctx.get(w, -1) for w in s]
            n = len(s)
            for tag, off in enumerate((-2, -1, 1, 2)):
                for i in range(max(0, -off), min(n, n - off)):
                    if ids[i] >= 0 and cs[i + off] >= 0:
                        rows.append(ids[i])
                        cols.append(cs[i + off] + tag * self.ctx_size)
        M = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 4 * self.ctx_size))
        M.sum_duplicates()
        tot = M.sum()
        r = np.asarray(M.sum(1)).ravel()
        c = np.asarray(M.sum(0)).ravel() ** 0.75
        c = c / c.sum() * tot
        M = M.tocoo()
        pmi = np.log(M.data * tot / (r[M.row] * c[M.col] + 1e-12) + 1e-12)
        keep = pmi > 0
        P = sp.csr_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=M.shape)
        # (SourcingModel.fit runs this in one thread: the clusters depend on the summation order)
        U, S, _ = randomized_svd(P, self.svd_dim, random_state=self.random_state)
        E = U * np.sqrt(S)
        E /= np.linalg.norm(E, axis=1, keepdims=True) + 1e-9
        self.cluster_labels_ = [
            MiniBatchKMeans(k, random_state=self.random_state, n_init=1, batch_size=4096)
            .fit(E).labels_.astype(np.int16) for k in self.n_clusters]
        self.cluster_index_ = vid
        types = sorted(set(itertools.chain.from_iterable(toks)))
        self.vocab_ = {w: i for i, w in enumerate(types)}
        self.type_table_ = np.array([self._type_row(w) for w in types], dtype=np.int64)
        self.pad_ = shash("<PAD>")
        return self

    def get_feature_names_out(self, input_features=None):
        return np.array(["low", "stem", "shape", "suf3", "clus_k1", "clus_k2", "clus_k3", "is_quote",
                         "is_cap", "is_pron"], dtype=object)


def idx_to_csr(idx, n_features):
    n, k = idx.shape
    return sp.csr_matrix((np.ones(n * k, np.float32), idx.ravel(), np.arange(0, n * k + 1, k)),
                         shape=(n, n_features))


# =============================================================== feature transformers


class CueTaggerFeatures(CueTaggerTransform, BaseEstimator, TransformerMixin):
    """Token-level cue tagger (hashed window features, SGD logistic regression) trained on token
    labels 'inside a gold Cue span'; sentence features = max / 2nd max token logit, log noisy-OR,
    #tokens with logit>0, and context (prev/next sentence max, document mean of max>0).

    fit_transform() is cross-fitted (like sklearn's TargetEncoder): out-of-fold sentence features over
    `cv` document-grouped folds, so the downstream classifier sees honest inputs."""

    def __init__(self, n_features=2 ** 20, alpha=3e-6, n_iter=10, cv=5, extra=False, random_state=0):
        self.extra = extra
        self.n_features = n_features
        self.alpha = alpha
        self.n_iter = n_iter
        self.cv = cv
        self.random_state = random_state

    def _sgd(self, X, y):
        m = SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=self.n_iter, tol=None,
                          random_state=self.random_state, average=True)
        m.fit(X, y)
        return m.coef_.ravel().astype(np.float32), float(m.intercept_[0])

    def _idx(self, b):
        return hashed_matrix(token_hash_features(b, b.pad, self.extra), self.n_features)

    def fit(self, X, y=None):
        idx = self._idx(X)
        self.coef_, self.intercept_ = self._sgd(idx_to_csr(idx, self.n_features), X.tok_y)
        return self

    def fit_transform(self, X, y=None):
        b = X
        idx = self._idx(b)
        out = np.zeros((b.n_sent, 7))
        groups = b.docs
        tok_doc = groups[b.sid]
        for tr_s, te_s in GroupKFold(self.cv).split(np.zeros(b.n_sent), groups=groups):
            te_doc = np.zeros(groups.max() + 1, bool)
            te_doc[np.unique(groups[te_s])] = True
            tm = te_doc[tok_doc]
            coef, icpt = self._sgd(idx_to_csr(idx[~tm], self.n_features), b.tok_y[~tm])
            z_all = coef[idx].sum(1) + icpt  # cheap: score all, keep held-out
            agg = self._aggregate(b, z_all)
            out[te_s] = agg[te_s]
        self.coef_, self.intercept_ = self._sgd(idx_to_csr(idx, self.n_features), b.tok_y)
        return out

    def get_feature_names_out(self, input_features=None):
        return np.array(["cue_max", "cue_max2", "cue_noisy_or", "cue_npos", "prev_cue_max",
                         "next_cue_max", "doc_mean_cue"], dtype=object)


class NgramLogitFeatures(NgramLogitTransform, BaseEstimator, TransformerMixin):
    """Hashed binary bag of lowercase unigrams+bigrams (+ stems), l2-normalised, logistic
    regression -> one logit per sentence (+ prev/next logits).  fit_transform is cross-fitted."""

    def __init__(self, n_features=2 ** 20, C=10.0, cv=5, extra=False):
        self.extra = extra
        self.n_features = n_features
        self.C = C
        self.cv = cv

    def _csr(self, b):
        rows, cols, inv = self._hashed(b)
        X = sp.csr_matrix((inv[rows], (rows, cols)), shape=(b.n_sent, self.n_features))
        X.sum_duplicates()
        return X

    def _lr(self, X, y):
        m = LogisticRegression(C=self.C, solver="liblinear")
        m.fit(X, y)
        return m.coef_.ravel().astype(np.float32), float(m.intercept_[0])

    def fit(self, X, y):
        self.coef_, self.intercept_ = self._lr(self._csr(X), y)
        return self

    def fit_transform(self, X, y=None):
        b = X
        M = self._csr(b)
        z = np.zeros(b.n_sent)
        for tr_s, te_s in GroupKFold(self.cv).split(np.zeros(b.n_sent), groups=b.docs):
            coef, icpt = self._lr(M[tr_s], y[tr_s])
            z[te_s] = M[te_s] @ coef + icpt
        self.coef_, self.intercept_ = self._lr(M, y)
        return self._out(b, z)

    def get_feature_names_out(self, input_features=None):
        return np.array(["ngram_logit", "prev_ngram_logit", "next_ngram_logit"], dtype=object)


class SurfaceFeatures(SurfaceTransform, BaseEstimator, TransformerMixin):
    """Stateless surface cues: length, quote marks (straight+curly), quote at start/end, colon,
    question mark, pronoun count, capitalised-token count, position in document."""

    def fit(self, X, y=None):
        self.n_features_out_ = 9
        return self

    def get_feature_names_out(self, input_features=None):
        return np.array(["log_len", "n_quotes", "starts_quote", "ends_quote", "colon", "question",
                         "n_pronouns", "log_n_cap", "doc_pos"], dtype=object)


class AttributionSentenceClassifier(AttributionPrediction, BaseEstimator, ClassifierMixin):
    """TokenEncoder -> FeatureUnion(CueTagger, Ngram, Surface) -> StandardScaler -> LogisticRegression.
    fit(Sentences-with-cues, y); predict_proba(Sentences or list[str])."""

    def __init__(self, C=1.0, cue_alpha=3e-6, cue_iter=10, ngram_C=10.0, cv=5, use_ngram=True,
                 use_cue=True, use_surface=True, n_clusters=(64, 256, 1024), head="hgb",
                 cue_extra=False, ngram_extra=False, hgb_iter=100):
        self.C = C
        self.cue_alpha = cue_alpha
        self.cue_iter = cue_iter
        self.ngram_C = ngram_C
        self.cv = cv
        self.use_ngram = use_ngram
        self.use_cue = use_cue
        self.use_surface = use_surface
        self.n_clusters = n_clusters
        self.head = head
        self.cue_extra = cue_extra
        self.ngram_extra = ngram_extra
        self.hgb_iter = hgb_iter

    def _parts(self):
        parts = []
        if self.use_cue:
            parts.append(("cue", CueTaggerFeatures(alpha=self.cue_alpha, n_iter=self.cue_iter, cv=self.cv,
                                                       extra=self.cue_extra)))
        if self.use_ngram:
            parts.append(("ngram", NgramLogitFeatures(C=self.ngram_C, cv=self.cv, extra=self.ngram_extra)))
        if self.use_surface:
            parts.append(("surface", SurfaceFeatures()))
        return parts

    def fit(self, X, y):
        X = as_sentences(X)
        y = np.asarray(y)
        self.encoder_ = TokenEncoder(n_clusters=self.n_clusters).fit(X)
        b = self.encoder_.transform(X)
        b.pad = self.encoder_.pad_
        self.features_ = FeatureUnion(self._parts())
        F = self.features_.fit_transform(b, y)
        if self.head == "hgb":
            from sklearn.ensemble import HistGradientBoostingClassifier
            self.head_ = HistGradientBoostingClassifier(max_iter=self.hgb_iter, learning_rate=10.0 / self.hgb_iter,
                                                        random_state=0)
        else:
            self.head_ = Pipeline([("scale", StandardScaler()),
                                   ("lr", LogisticRegression(C=self.C, max_iter=2000))])
        # decision threshold maximising F1 on out-of-fold head predictions (train only)
        from sklearn.model_selection import cross_val_predict
        from sklearn.base import clone
        oof = cross_val_predict(clone(self.head_), F, y, groups=X.docs, cv=GroupKFold(self.cv),
                                method="predict_proba")[:, 1]
        grid = np.linspace(0.2, 0.7, 51)
        f1s = [2 * ((oof >= t) & (y == 1)).sum() / ((oof >= t).sum() + (y == 1).sum()) for t in grid]
        self.threshold_ = float(grid[int(np.argmax(f1s))])
        self.head_.fit(F, y)
        self.classes_ = np.array([0, 1])
        return self

    def _head_proba(self, F):
        # One article is a few dozen sentences: OpenMP threads in the boosted head cost far more
        # to wake than they save (1.2 s vs a few ms an article, measured with bench/run.py).
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            return self.head_.predict_proba(F)[:, 1]

    def get_feature_names_out(self):
        return self.features_.get_feature_names_out()


# =============================================================== source span extraction


class SourceSpanExtractor(SpanDecoding, BaseEstimator):
    """Source-span tagger anchored on a cue token.

    Training instances: every (sentence, attribution whose cue overlaps the sentence) pair in train;
    anchor = the gold-cue token with the highest cue-tagger logit; token tags = BILOU of the gold
    Source tokens (tagging='bilou') or inside/outside (tagging='io').
    Features: token templates (word, shape, clusters, neighbours) crossed with the bucketed signed
    distance to the anchor, anchor stem x direction, quote / comma between token and anchor,
    capitalisation and pronoun flags.  Linear one-vs-rest SGD logistic models on hashed features.
    Prediction: candidate anchors = top `n_anchors` cue-tagger tokens of the sentence (no gold info);
    for each, decode the best single segment (BILOU: B I* L | U; IO: max-sum segment); choose the
    anchor maximising cue logit + segment score.  Output: character offsets of the segment."""

    def __init__(self, n_features=2 ** 19, alpha=1e-6, n_iter=15, tagging="bilou", n_anchors=1,
                 random_state=0):
        self.n_features = n_features
        self.alpha = alpha
        self.n_iter = n_iter
        self.tagging = tagging
        self.n_anchors = n_anchors
        self.random_state = random_state

    @staticmethod
    def _tags_from_inside(inside):
        tags = np.zeros(len(inside), np.int8)
        i = 0
        while i < len(inside):
            if inside[i]:
                j = i
                while j + 1 < len(inside) and inside[j + 1]:
                    j += 1
                if i == j:
                    tags[i] = 4
                else:
                    tags[i], tags[j] = 1, 3
                    tags[i + 1:j] = 2
                i = j + 1
            else:
                i += 1
        return tags

    def fit(self, clf, X):
        """X: training Sentences with ``atts``; one instance per (sentence, attribution whose cue is in it)."""
        inst_text, inst_cue, inst_src = [], [], []
        for text, atts in zip(X.texts, X.atts):
            for cue, src in atts:
                if cue:
                    inst_text.append(text)
                    inst_cue.append(list(cue))
                    inst_src.append(list(src))
        b = clf.encode(inst_text, with_offsets=True)
        z = clf.features_.named_transformers["cue"].token_logits(b)
        anchor = np.zeros(b.n_sent, np.int64)
        ylab = np.zeros(len(z), np.int8)
        for k in range(b.n_sent):
            a0, a1 = b.first[k], b.first[k] + b.lens[k]
            st, en = b.starts[a0:a1], b.ends[a0:a1]
            incue = np.zeros(a1 - a0, bool)
            for x, y in inst_cue[k]:
                incue |= (st < y) & (x < en)
            zz = np.where(incue, z[a0:a1], -np.inf)
            anchor[k] = a0 + (int(np.argmax(zz)) if incue.any() else 0)
            inside = np.zeros(a1 - a0, bool)
            for x, y in inst_src[k]:
                inside |= (st < y) & (x < en)
            ylab[a0:a1] = self._tags_from_inside(inside) if self.tagging == "bilou" else inside
        idx = hashed_matrix(self._feats(b, anchor), self.n_features)
        m = SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=self.n_iter, tol=None,
                          random_state=self.random_state, average=True)
        m.fit(idx_to_csr(idx, self.n_features), ylab)
        self.coef_ = m.coef_.astype(np.float32)  # (n_tags or 1, n_features)
        self.intercept_ = m.intercept_.astype(np.float32)
        self.n_train_instances_ = b.n_sent
        return self


class SourcingModel(SourcingPrediction, BaseEstimator, ClassifierMixin):
    """The saved sourcing model: the sentence classifier plus (when the training data has source
    spans) the source-span tagger. ``predict_proba`` gives P(sentence attributes content)."""

    def __init__(self, classifier=None, span_tagger=True):
        self.classifier = classifier
        self.span_tagger = span_tagger

    def fit(self, X, y):
        from threadpoolctl import threadpool_limits

        X = as_sentences(X)
        # One thread throughout: the gradient-boosted head (OpenMP) and the encoder's SVD and k-means
        # (BLAS) sum in another order with more threads, so the same data gave another model on
        # another machine (PolNeAR dev F1 0.8799 with two cores, 0.8835 with one). A few seconds.
        with threadpool_limits(1):
            self.clf_ = (self.classifier or AttributionSentenceClassifier()).fit(X, y)
            has_spans = X.atts is not None and any(src for atts in X.atts for _, src in atts)
            self.src_ = SourceSpanExtractor().fit(self.clf_, X) if (self.span_tagger and has_spans) else None
        self.classes_ = np.array([0, 1])
        return self

    def get_feature_names_out(self, input_features=None):
        return self.clf_.get_feature_names_out()
