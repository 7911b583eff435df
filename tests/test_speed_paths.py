"""Shortcuts taken for speed give what the plain computation gives (the Punkt path has its own
file, tests/test_punkt_spans.py; the language check's in tests/robustness/test_language.py)."""
import numpy as np

from framing.analysis import Analysis
from framing.persist import default_model_dir, load_model
from framing.scoring import _ALPHA_WORD, claim_sentences
from framing.sourcing_views import Sentences, _char_span
from framing.text import parse
from framing.types import Article

from .conftest import shared_path

AWKWARD = ["", "One.", "Two words.", "Three words here.", "“Quoted” — a b", "1 2 3 4", "x_y z_w q", "É à ü",
           "Mr. U.S. Jones said so?", "A. B. C.", "¿Qué? Sí, señor, dijo él."]


def _texts(n: int = 12) -> list[str]:
    files = sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))[:n]
    return [f.read_text(encoding="utf-8") for f in files] + [" ".join(AWKWARD), "\n\n".join(AWKWARD)]


def test_claims_count_words_only_up_to_the_third():
    for text in _texts():
        doc = parse(text)
        a = Analysis(Article("x", text), doc, ())
        plain = [s.index for s in doc.sentences
                 if not (s.is_headline or s.is_caption or s.text.rstrip("”\"’' ").endswith("?"))
                 and len(_ALPHA_WORD.findall(s.text)) >= 3]
        assert claim_sentences(a) == plain


def test_source_span_offsets_from_a_batch_encoded_without_them():
    """_char_span tokenises a sentence again (once, cached) when the batch has no offsets: the same
    character spans as a batch encoded with them, for every token pair of every sentence."""
    clf = load_model(default_model_dir("sourcing"), task="sourcing", predict_only=True).estimator.clf_
    texts = [s.text for t in _texts(4) for s in parse(t).sentences] + AWKWARD
    plain, with_offsets = clf.encode(Sentences(texts)), clf.encode(Sentences(texts), with_offsets=True)
    checked = 0
    for k in range(len(texts)):
        lo, n = int(plain.first[k]), int(plain.lens[k])
        for i, j in {(lo, lo), (lo, lo + n - 1), (lo + n // 2, lo + n - 1)} if n else ():
            assert _char_span(plain, k, i, j) == _char_span(with_offsets, k, i, j)
            checked += 1
    assert checked > 100 and len(plain.char_spans) > 50 and np.array_equal(plain.lens, with_offsets.lens)
