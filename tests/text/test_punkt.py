"""The fast Punkt path (framing/text/punkt.py) gives NLTK's own spans, for the same parameters."""
import json
from importlib import resources

import pytest
from hypothesis import given, settings, strategies as st

from framing.text.nltk_parts import punkt
from framing.text.punkt import PunktSpans
from framing.text.document import _punkt, paragraphs

from tests.conftest import EXAMPLES, shared_path


def _reference():
    """A plain NLTK tokenizer with framing's parameters: no cache, NLTK's span_tokenize."""
    raw = json.loads(resources.files("framing.resources").joinpath("punkt_en.json").read_text("utf-8"))
    params = punkt().PunktParameters()
    params.abbrev_types = set(raw["abbreviations"])
    params.sent_starters = set(raw["sentence_starters"])
    return punkt().PunktSentenceTokenizer(params)


REF = _reference()
FAST = PunktSpans(_punkt())  # the tokenizer scoring uses, with its cached break check

AWKWARD = [
    "", " ", "\n\n", ".", "...", "?!", "a.", "a. ", " a. b", "Mr. Smith went to Washington. He said so.",
    "The U.S. Senate met. Sen. Claire McCaskill (D-Mo.) said no.", "He left at 10 a.m. on Monday. Then rain.",
    "“It is over.” She left. ‘Fine.’ Done.", '"Quoted." (Sent1.) Sent2. [Note.] {x.} y.',
    "Wait... what? Really?! Yes!!! No.", "Ellipsis … and more. End", "Dr. No. Mrs. Robinson. St. Paul's.",
    "é. Ü. 日本語。 Привет. Мир! x", "1.5 million. 2. Second item. 3.", "a .b . c.\td.\re.\x0bf.\x0cg.",
    "end.\u2028Next. \u00a0Non-breaking. space.", "(Sent1.) Sent2.", "No punctuation at all here",
    "--Dash. --Again.-- Yes.", "A.B.C. D.E.F. ghi. Jkl.", "‘Single.’ “Double.” «Guillemets.» Next.",
    "x" * 3000 + ". Y.", ". . . . .", "! ! ! x", "a.\n\nb.  \n c. ",
]


def _same(text: str) -> None:
    assert FAST.span_tokenize(text) == list(REF.span_tokenize(text)), text[:200]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_strings(text):
    _same(text)


def test_polnear_dev_texts_and_their_paragraphs():
    files = sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))
    assert len(files) > 50
    for f in files:
        text = f.read_text(encoding="utf-8")
        _same(text)  # whole texts, line breaks and all
        for s, e in paragraphs(text):  # what scoring gives Punkt
            _same(text[s:e])


def test_seeds_and_examples(seeds):
    texts = list(seeds.values()) + [f.read_text(encoding="utf-8") for f in sorted(EXAMPLES.iterdir())]
    assert len(texts) >= 4
    for text in texts:
        _same(text)
        for s, e in paragraphs(text):
            _same(text[s:e])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("ab AZ.!?\"“”‘’'()[]{}-,;:\n\t\r…\u00a0日") + ["Mr", "U.S.", "e.g", "said"]),
                max_size=60).map("".join) | st.text(max_size=120))
def test_random_text(text):
    _same(text)
