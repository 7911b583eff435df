"""build.py: one attribution typed and keyed, and sources named by layout (signatures, speaker labels)."""
from framing.evidence.analysis import analyze
from framing.evidence.attribution.pipeline import extract
from framing.types import Article
from tests.evidence.attribution.helpers import atts, sources


def test_nested_quotes_keep_one_speaker():
    text = "\u201cHe called it \u2018a farce\u2019, and I agree,\u201d the mayor said."
    (a,) = atts(text)
    assert a.source_text == "the mayor" and a.direct
    assert text[a.content[0]:a.content[1]].startswith("\u201cHe called it")


def test_a_quote_signed_with_a_dash_is_the_signer_s():
    text = ("\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n"
            "\u201cI am so ashamed today.\u201d\n\u2015 Pamela Padilla.")
    found = atts(text)
    assert [(a.source_text, a.cue_text, a.kind, a.named) for a in found] == [
        ("Sonya Herridge", "\u2015", "person", True), ("Pamela Padilla", "\u2015", "person", True)]
    assert text[found[1].content[0]:found[1].content[1]] == "\u201cI am so ashamed today.\u201d"
    assert found[1].sentence == 2  # the quote's sentence, not the signature's (3)


def test_a_transcript_speaker_label_is_the_source():
    text = 'Partial transcript as follows:\n\n"WALLACE: Let us start.\n\n"PENCE: Well, look, Mike Pence is here.'
    found = [a for a in atts(text) if a.cue_text == ":"]
    assert [(a.source_text, a.kind) for a in found] == [("WALLACE", "person"), ("PENCE", "person")]
    assert found[1].named  # "Mike Pence" in the text
    for text in ("NEW YORK: Stocks fell.", "WARNING: Video contains graphic images.", "UPDATE: The road is open."):
        assert all(a.cue_text != ":" for a in atts(text)), text


def test_a_one_word_name_never_given_a_first_name_is_an_organisation():
    got = {a.source_text: (a.kind, a.named) for a in atts(
        "Peabody said the mine would close. Gov. Jim Justice spoke. Justice said the state would help.")}
    assert got["Peabody"] == ("official", True)
    assert got["Justice"] == ("person", True)
    got = {a.source_text: a.kind for a in atts("Retired Gen. Norman Ham spoke. Ham said the army was tired.")}
    assert got["Ham"] == "person"  # "Norman" is also a place, but "Norman Ham" is a name


def test_a_country_name_the_article_gives_a_person_is_that_person():
    s = sources("Rep. Jim Jordan (R-Ohio) said the hearing was a sham. Jordan added that he would go on. "
                "Jordan said its border was closed.")
    assert s["Rep. Jim Jordan (R-Ohio)"].claims == 3 and s["Rep. Jim Jordan (R-Ohio)"].kind == "person"
    assert sources("Jordan said its border was closed. Israel agreed.")["Jordan"].kind == "official"


def test_the_subject_of_a_passive_cue_is_no_source_but_a_progressive_subject_is():
    text = "Lt Gen Konashenkov has been widely mocked."
    a = analyze(Article("t", text))
    tagged = {0: (0, text.index(" has"))}  # the span tagger's proposal: the passive subject
    assert not [x for x in extract(a.document, a.evidence, tagged) if x.source_text]
    assert [(x.source_text, x.cue_text) for x in atts("Donald Trump is questioning the results of the poll.")] == [
        ("Donald Trump", "questioning")]
