import numpy as np

from framing.evidence.analysis import analyze
from framing.evidence.attribution import extract
from framing.evidence.source_verifier import (SourceVerifier, candidate_features, canonical, checkable,
                                     coded_column, row_columns, verified_batch)
from framing.types import Article


def doc_and_atts(text, learned=None):
    a = analyze(Article("t", text))
    return a.document, extract(a.document, a.evidence, learned, candidates=learned is not None)


class Fixed:
    """A stand-in verifier with fixed probabilities by source text."""

    threshold, canonical_threshold = 0.5, 0.2

    def __init__(self, doc, probs):
        self.doc, self.probs = doc, probs

    def predict_proba(self, rows):
        p = [self.probs[next(f for f in r if f.startswith("first_last="))] for r in rows]
        return np.column_stack([1 - np.array(p), p])


def test_features_name_the_span_the_cue_and_the_side():
    doc, atts = doc_and_atts("The ministry said the dam held.")
    f = candidate_features(doc, atts[0], 0.9, None)
    assert {"first=the", "last=ministry", "cue=said", "side=before", "kind=official", "pb=4"} <= set(f)


def test_rejected_sources_go_with_their_continued_quotes_and_markers_stay():
    text = ("\u201cWe lost the bridge,\u201d the mayor said. \u201cIt will take a year.\u201d "
            "It is understood that repairs began.")
    doc, atts = doc_and_atts(text)
    assert [a.source_text for a in atts] == ["the mayor", "the mayor", "It is understood"]
    assert [checkable(doc, a) for a in atts] == [True, False, False]
    kept = verified_batch([(doc, atts, np.ones(3), {})], Fixed(doc, {"first_last=the|mayor": 0.1}))[0]
    assert [a.source_text for a in kept] == ["It is understood"]
    kept = verified_batch([(doc, atts, np.ones(3), {})], Fixed(doc, {"first_last=the|mayor": 0.9}))[0]
    assert len(kept) == 3


def test_the_textbook_pattern_needs_less_evidence():
    doc, atts = doc_and_atts("The dam held, reports the BBC. According to the ministry, it would hold.")
    bbc, ministry = atts
    assert canonical(doc, bbc) and not canonical(doc, ministry)  # 'according to' is no speech verb
    probs = {"first_last=the|bbc": 0.3, "first_last=the|ministry": 0.3}
    kept = verified_batch([(doc, atts, np.ones(2), {})], Fixed(doc, probs))[0]
    assert [a.source_text for a in kept] == ["the BBC"]


def test_a_tagger_span_the_rules_missed_is_proposed_only_in_candidate_mode():
    text = "The bridge, engineers warned, could fall. Residents fled."
    a = analyze(Article("t", text))
    span = (text.index("Residents"), text.index("Residents") + 9)
    assert [x.source_text for x in extract(a.document, a.evidence, {1: span}, candidates=True)
            if x.sentence == 1] == ["Residents"]


def test_the_verifier_learns_from_rows():
    rows = [["first=the", "last=ministry"], ["first=the", "last=garden"]] * 20
    v = SourceVerifier(C=1.0).fit(rows, [1, 0] * 20)
    p = v.predict_proba([["first=the", "last=ministry"], ["first=the", "last=garden"]])[:, 1]
    assert p[0] > 0.8 > 0.2 > p[1]
    assert v.predict_proba([]).shape == (0, 2)


def test_the_taggers_spans_for_a_sentences_other_cues_are_candidates_with_their_own_features():
    from framing.scoring import _absolute_spans
    from framing.models.sourcing.spans import Span

    text = "It rained. Smith said that Jones reckons the plan failed."  # "reckons": no cue of the lexicon
    a = analyze(Article("t", text))
    s = a.document.sentences[1]
    rel = lambda w: (text.index(w) - s.start, text.index(w) - s.start + len(w))  # noqa: E731
    learned = _absolute_spans(a.document, [1], [Span(*rel("Smith"), score=4.2, extras=[rel("Jones")])])
    assert learned[1] == (text.index("Smith"), text.index("Smith") + 5)
    assert learned[1].extras == ((text.index("Jones"), text.index("Jones") + 5),)
    found = extract(a.document, a.evidence, learned, candidates=True)
    assert {x.source_text for x in found} == {"Smith", "Jones"}
    assert [x.source_text for x in extract(a.document, a.evidence, learned)] == ["Smith"]  # no verifier: rules only
    feats = {x.source_text: candidate_features(a.document, x, 0.9, learned[1]) for x in found}
    assert "tagger=4" in feats["Smith"] and "tagger_extra" in feats["Jones"]


def test_a_cue_the_tagger_gives_a_source_is_not_also_listed_without_one():
    # the rules find no subject across the dateline; the tagger's span for the same "said" is kept
    text = "WASHINGTON -- President Obama on Saturday said the museum would tell the story."
    span = (text.index("President"), text.index(" on Saturday"))
    doc, atts = doc_and_atts(text, {0: span})
    said = [a for a in atts if a.cue_text == "said"]
    assert sorted(a.source_text for a in said) == ["", "President Obama"]  # both are candidates
    kept = verified_batch([(doc, atts, np.ones(1), {0: span})], Fixed(doc, {"first_last=president|obama": 0.9,
                                                                         "first_last=the|museum": 0.9}))[0]
    assert [a.source_text for a in kept if a.cue_text == "said"] == ["President Obama"]
    rejected = verified_batch([(doc, atts, np.ones(1), {0: span})], Fixed(doc, {"first_last=president|obama": 0.1,
                                                                             "first_last=the|museum": 0.9}))[0]
    assert [a.source_text for a in rejected if a.cue_text == "said"] == [""]  # the cue keeps its place


def test_row_columns_add_one_column_per_pair_of_paired_features():
    n = 2 ** 18
    cols = {"kind=person": 1, "side=before": 2, "cue=said": 3, "w=mr": 4, "cue_side=before|said": 5}
    r, c = row_columns([list(cols), ["w=mr"]], n, lambda f: coded_column(f, cols[f], n))
    # five features + three pairs of the three paired ones (the bag of words and written-out conjunctions
    # are not paired); the second row has its one word
    first, second = sorted(c[r == 0].tolist()), c[r == 1].tolist()
    assert first[:5] == [1, 2, 3, 4, 5] and len(first) == 8 and second == [4]
    assert len(set(first[5:]) - {1, 2, 3, 4, 5}) == 3 and all(0 <= x < n for x in c)


def test_the_verifier_learns_what_two_features_mean_together():
    """A cue word means a source on one side of the span and none on the other: no weight of the
    single features can say so, a weight of their pair can."""
    rows = [[f"cue={cue}", f"side={side}"] for cue in ("said", "told") for side in ("before", "after")]
    y = [1, 0, 0, 1]
    p = SourceVerifier(C=100.0).fit(rows * 10, y * 10).predict_proba(rows)[:, 1]
    assert all(p[i] > 0.9 for i in (0, 3)) and all(p[i] < 0.1 for i in (1, 2))
