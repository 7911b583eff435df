import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from framing.features import HashedCharNgramTfidf, LexiconFeatures

from .conftest import TINY


def test_lexicon_features_in_a_user_pipeline():
    texts, y = [t for t, _ in TINY], np.array([label for _, label in TINY])
    pipe = make_pipeline(LexiconFeatures(), LogisticRegression()).fit(texts, y)
    assert pipe.predict(["The shameful, disgraceful regime lied."])[0] == 1
    names = LexiconFeatures().fit(texts).get_feature_names_out()
    X = LexiconFeatures().fit_transform(["\u201cA shameful rout,\u201d he said."]).toarray()[0]
    assert X[list(names).index("lex_quoted_loaded")] > 0 and X[list(names).index("lex_loaded")] == 0


def test_model_transformer_is_reusable():
    texts = [t for t, _ in TINY]
    X = HashedCharNgramTfidf(log2_features=12).fit(texts).transform(texts)
    assert X.shape[0] == len(texts) and X.nnz > 0
