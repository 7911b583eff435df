"""fast_predict.py: the bundled models scored without scikit-learn give scikit-learn's numbers."""
import json
import subprocess
import sys

import numpy as np
import pytest

from framing.models import fast_predict
from framing.models.hashing import feature_index
from framing.models import persist
from framing.api import Scorer
from framing.training.datasets import LabelledSentence
from framing.read.inputs import read_inputs
from framing.models.persist import default_model_dir, load_model, save_model
from framing.models.sourcing.tokens import Sentences
from framing.text.document import parse
from framing.training.fitting import fit

from tests.conftest import EXAMPLES, TINY, shared_path


def _dev_sentences(n_articles: int = 40) -> tuple[list[str], list[int]]:
    texts, docs = [], []
    for k, path in enumerate(sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))[:n_articles]):
        sents = [s.text for s in parse(path.read_text(encoding="utf-8")).sentences]
        texts += sents
        docs += [k] * len(sents)
    return texts, docs


def _both(task: str):
    light = load_model(default_model_dir(task), task=task, predict_only=True).estimator
    full = load_model(default_model_dir(task), task=task).estimator
    assert type(light).__module__ == "framing.models.fast_predict" and type(full).__module__ != "framing.models.fast_predict"
    return light, full


def test_framing_model_and_news_head_give_scikit_learns_probabilities():
    texts, _ = _dev_sentences()
    light, full = _both("framing")
    a, b = light.predict_proba(texts), full.predict_proba(texts)
    assert a.shape == b.shape == (len(texts), 2) and np.array_equal(a, b)  # value for value, not close
    assert np.array_equal(light.news_head_.predict_proba(texts, a[:, 1]), full.news_head_.predict_proba(texts, b[:, 1]))


def test_sourcing_model_and_verifier_give_scikit_learns_numbers():
    texts, docs = _dev_sentences()
    light, full = _both("sourcing")
    pa, sa = light.predict_proba_and_spans(Sentences(texts, docs), 0.5)
    pb, sb = full.predict_proba_and_spans(Sentences(texts, docs), 0.5)
    assert np.array_equal(pa, pb) and sa == sb and sum(s is not None for s in sa) > 100
    rows = [[f"w={w.lower()}" for w in t.split()[:6]] + [f"len={len(t) // 20}"] for t in texts]
    assert np.array_equal(light.source_verifier_.predict_proba(rows), full.source_verifier_.predict_proba(rows))


def test_scored_records_are_the_same_on_either_path(monkeypatch):
    recs = list(read_inputs([EXAMPLES, shared_path("seeds")]))
    fast = [json.dumps(r) for r in Scorer().score(recs)]
    monkeypatch.setattr(persist, "_light_model", lambda blob, task: None)  # the scikit-learn path
    slow = Scorer()
    assert type(slow.framing.estimator).__module__ == "framing.models.framing.estimator"
    assert fast == [json.dumps(r) for r in slow.score(recs)]


def test_a_model_trained_here_is_read_light_too(tmp_path):
    est = fit("framing", [LabelledSentence(t, y) for t, y in TINY])
    save_model(est, tmp_path / "m", {"name": "m", "task": "framing"})
    light = load_model(tmp_path / "m", predict_only=True).estimator
    full = load_model(tmp_path / "m").estimator
    texts = [t for t, _ in TINY] + ["A sentence the model never saw, about zoning rules in Oslo."]
    assert type(light).__module__ == "framing.models.fast_predict"
    assert np.array_equal(light.predict_proba(texts), full.predict_proba(texts))


def test_a_structure_it_does_not_know_loads_with_scikit_learn(monkeypatch):
    monkeypatch.delitem(fast_predict._CLASSES, ("sklearn.preprocessing._data", "StandardScaler"))
    m = load_model(default_model_dir("framing"), task="framing", predict_only=True)
    assert type(m.estimator).__name__ == "TopicCalibratedClassifierCV"


@pytest.mark.parametrize("n_features", [2 ** 18, 2 ** 20, 1000])
def test_feature_hashing_matches_scikit_learn(n_features):
    from sklearn.feature_extraction import FeatureHasher

    rng = np.random.RandomState(0)
    alphabet = list("abcXYZ019=|_ -.’é漢") + ["ab", "cue=said", "w=the"]
    feats = ["".join(rng.choice(alphabet, size=rng.randint(0, 12))) for _ in range(3000)]
    X = FeatureHasher(n_features, input_type="string", alternate_sign=False).transform([[f] for f in feats])
    assert [feature_index(f, n_features) for f in feats] == X.indices.tolist()


def test_expit_is_scipys_bit_for_bit():
    from scipy.special import expit

    z = np.r_[np.linspace(-800, 800, 20001), np.random.RandomState(1).normal(0, 5, 20000), -745.2, 709.8, 0.0]
    assert np.array_equal(fast_predict.expit(z), expit(z))


def test_scoring_imports_neither_scikit_learn_nor_scipy_nor_all_of_nltk():
    code = ("import sys\nfrom framing.api import Scorer\nr = Scorer().score_article(__import__('framing.types').types"
            ".Article('a', 'Officials said the dam was safe. Critics called it a shameful cover-up.'))\n"
            "assert r['framing_score'] >= 0, r\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'nltk', 'joblib'}))\n"
            "import nltk\nprint(nltk.tokenize.punkt.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]" and out[1] == "nltk.tokenize.punkt"  # and the real nltk still imports whole afterwards


def test_span_decoding_of_a_whole_batch_equals_the_loop_a_sentence():
    texts, docs = _dev_sentences(20)
    model = load_model(default_model_dir("sourcing"), task="sourcing", predict_only=True).estimator
    b = model.clf_.encode(Sentences(texts, docs))
    z = model.clf_.features_.named_transformers["cue"].token_logits(b)
    batch = model.src_._decode(b, z, None)
    loop = model.src_._decode(b, z, [[] for _ in texts])  # no gold cue in any sentence: the loop path
    assert batch == loop and sum(s != (0, 0) for s in batch) > 200
