"""pipeline.py: extract, sentence by sentence."""
from framing.evidence.analysis import analyze
from framing.evidence.attribution.ledger import ledger
from framing.evidence.attribution.pipeline import extract
from framing.types import Article
from tests.evidence.attribution.helpers import atts, by_text


def test_cue_inside_a_quote_is_not_an_attribution():
    found = atts("\u201cNobody has been reported missing,\u201d the minister said.")
    assert [a.cue_text for a in found] == ["said"]


def test_anonymous_markers_without_a_cue():
    (a,) = atts("It is understood that inspectors found cracks.")
    assert a.kind == "anonymous" and not a.named


def test_article_without_attribution():
    assert atts("The river rose two metres overnight. Roads were closed.") == []
    assert ledger([]) == []


def test_a_noun_that_shares_a_cue_verb_stem_is_no_cue():
    assert atts("The council ignored warnings for years.") == []
    (a,) = atts("The council warned that the dam could fail.")
    assert a.source_text == "The council"


def test_cueless_anonymous_markers_are_not_resolved_to_an_earlier_source():
    text = ("The Interior Ministry said help was on its way. It is understood that villages waited for hours. "
            "The floods are thought to have destroyed 100 sq km of farmland.")
    a = analyze(Article("t", text))
    # the trained tagger proposes "It" and "The floods" (as the bundled one does): the markers win
    learned = {1: (text.index("It is"), text.index("It is") + 2), 2: (text.index("The floods"), text.index(" are"))}
    found = extract(a.document, a.evidence, learned)
    assert [(a.source_text, a.kind, a.named, a.resolved_from) for a in found] == [
        ("The Interior Ministry", "official", True, ""),
        ("It is understood", "anonymous", False, ""),
        ("are thought to", "anonymous", False, "")]


def test_reports_after_a_comma_is_a_verb_whose_source_follows():
    found = by_text("Troops reached the river, reports the BBC. Reports say the bridge fell.")
    assert found["the BBC"].kind == "media" and found["the BBC"].named
    assert found["Reports"].kind == "anonymous" and not found["Reports"].named


def test_a_stance_verb_needs_an_agent_and_its_passive_has_none():
    assert [(a.source_text, a.cue_text) for a in atts("Senator Jane Roe criticized the plan on Monday.")] == [
        ("Senator Jane Roe", "criticized")]
    assert atts("Soldiers were being warmly welcomed.") == []  # passive through an adverb, no agent
    assert atts("Their missile attacks continued overnight.") == []  # "attacks" here is a noun


def test_an_inverted_speaker_needs_a_quote_before_the_verb_or_no_subject():
    (a,) = atts("Jane Roe, a fellow at the Enterprise Institute, said Ivanka Trump's statement didn't clarify it.")
    assert a.source_text == "Jane Roe, a fellow at the Enterprise Institute"
    (a,) = atts("It is over, said the minister.")
    assert a.source_text == "the minister"


def test_a_passive_cue_s_source_is_its_agent_after_by():
    (a,) = atts("Families can apply to the fund announced by the Transport Secretary, Helen Marchbank, on Tuesday.")
    assert a.source_text == "the Transport Secretary, Helen Marchbank" and a.kind == "person" and a.named
    (a,) = atts("The plan was criticized by Senator Jane Roe.")
    assert a.source_text == "Senator Jane Roe"


def test_a_title_case_headline_is_read_in_the_case_its_article_writes_its_words():
    """In "The US Is Blatantly Telling Lies" capitals say nothing about names (text.truecased): the
    source is "The US", as in the body's own sentence, shown as the article writes it."""
    text = ("The US Is Blatantly Telling Lies\n\nIt is no secret, analysts said. "
            "The US is telling lies, blatantly, they said.")
    a = analyze(Article("t", text))
    heads = [(x.source_text, x.cue_text) for x in extract(a.document, a.evidence) if x.sentence == 0]
    assert heads == [("The US", "Telling")]  # as the article writes them
