"""filters.py: which spans may stand for a source."""
from framing.evidence.analysis import analyze
from framing.evidence.attribution.pipeline import extract
from framing.types import Article
from tests.evidence.attribution.helpers import atts, by_text


def test_a_tagged_capitalised_modifier_with_no_cue_is_no_source():
    text = "Terrified families fled in panic. Mayor Jan Novak visited the council."  # no cue verb
    a = analyze(Article("t", text))
    assert extract(a.document, a.evidence, {0: (0, 9)}) == []
    (att,) = extract(a.document, a.evidence, {1: (34, 49)})  # a name is kept, cue or not
    assert att.source_text == "Mayor Jan Novak" and att.kind == "person"


def test_a_city_or_region_is_never_a_source_but_a_country_speaks_for_its_government():
    found = by_text("Kharkiv said the lights were back. North Carolina said it would appeal. "
                    "Ukraine said the town was retaken.")
    assert "Kharkiv" not in found and "North Carolina" not in found
    assert found["Ukraine"].kind == "official" and found["Ukraine"].named


def test_a_place_name_that_the_article_uses_as_a_surname_stays_a_source():
    found = by_text("Senator Elizabeth Warren spoke first. Later, Warren said the bill was dead.")
    assert found["Warren"].kind == "person" and found["Warren"].named


def test_a_phrase_headed_by_places_is_no_agent_and_a_headline_repeated_counts_once():
    text = ("Russia is pushed back, says Ukraine\n\nRussia is pushed back, says Ukraine\n\n"
            "Several Ukrainian cities reported power outages last night.")
    assert [a.source_text for a in atts(text) if a.source_text] == ["Ukraine"]


def test_an_expletive_it_is_no_source_even_when_the_tagger_proposes_it():
    text = "Gazprom said supplies fell. But it now appears that the troops are leaving."
    a = analyze(Article("t", text))
    it = text.index("it now")
    found = extract(a.document, a.evidence, {1: (it, it + 2)})
    assert [x.source_text for x in found] == ["Gazprom"]


def test_an_appositive_about_a_place_does_not_make_the_speaker_a_place():
    (a,) = atts("\u201cHe has not,\u201d said Quentin Kidd, a political scientist at Christopher Newport University "
                "in Scott's district.")
    assert a.source_text.startswith("Quentin Kidd,") and a.kind == "expert" and a.named


def test_a_tagger_span_running_over_another_cue_is_no_source():
    text = "Obama Says African-American Museum Will Tell of 'Suffering and Delight.'"
    a = analyze(Article("t", text))
    span = (0, text.index(" Will"))
    found = extract(a.document, a.evidence, {0: span}, candidates=True)
    assert "Obama Says African-American Museum" not in [x.source_text for x in found]


def test_a_possessive_noun_cue_stays_inside_its_source_phrase():
    found = atts("\u201cIf he thinks that makes him smart,\u201d the ad\u2019s narrator says, \u201cwhat does he think?\u201d")
    assert "the ad\u2019s narrator" in [a.source_text for a in found]


def test_a_heading_in_capitals_is_no_source_an_initialism_is():
    found = [a.source_text for a in atts("MEDICAL CLAIMS Oz said the pills worked. CNN reported the claim. "
                                         "CONGRESS Lawmakers say little.")]
    assert "CNN" in found and not any(s.isupper() and len(s) > 5 for s in found)


def test_a_relative_clause_holding_another_cue_is_cut_from_a_tagged_source():
    text = "Murphy, who thinks often about his son, recalled the call."
    a = analyze(Article("t", text))
    found = extract(a.document, a.evidence, {0: (0, text.index(" recalled"))}, candidates=True)
    assert "Murphy" in [x.source_text for x in found]
    assert [x.source_text for x in atts("POLITICO reported the deal.")] == ["POLITICO"]


def test_a_clause_after_a_comma_is_no_apposition_to_cut_at():
    text = "Meanwhile, it attacked Trump, saying he lied."
    a = analyze(Article("t", text))
    found = extract(a.document, a.evidence, {0: (0, text.index(", saying"))}, candidates=True)
    assert "Meanwhile" not in [x.source_text for x in found]


def test_an_adverb_or_adjunct_trailing_a_name_is_no_part_of_the_source():
    assert [a.source_text for a in atts("Republican nominee Donald Trump, in particular, criticized the fund.")] == [
        "Republican nominee Donald Trump"]
    assert [a.source_text for a in atts("The family said the fund failed.")] == ["The family"]
    text = "Hillary Clinton boldly said the plan would work."
    a = analyze(Article("t", text))
    found = extract(a.document, a.evidence, {0: (0, text.index(" said"))}, candidates=True)
    assert [x.source_text for x in found] == ["Hillary Clinton"]


def test_a_phrase_cut_off_after_a_determiner_or_preposition_is_no_source():
    assert [a.source_text for a in atts("In the debate, Trump made the pledge to cut taxes.")] == [""]
    assert [a.source_text for a in atts("Mr. Obama and Hillary Clinton never seem to tire of telling the story.")] == [""]
    assert [a.source_text for a in atts("Some say the plan will fail.")] == ["Some"]  # a vague source, whole


def test_a_verb_cue_or_an_adverb_or_comma_at_the_end_of_a_source_span_is_cut_off():
    text = "As evidence of his resolve, experts say the sting would be swamped by his other cuts."
    a = analyze(Article("t", text))
    tagged = {0: (text.index("experts"), text.index(" the sting"))}  # the tagger's span takes in "say"
    assert [x.source_text for x in extract(a.document, a.evidence, tagged) if x.source_text] == ["experts"]
    assert [x.source_text for x in atts("Mook further asserted that the debate was rigged.")] == ["Mook"]
    # a noun cue belongs to the phrase: "Donald Trump's tweet" stays whole
    text = "Later, Donald Trump's tweet mocking the debate drew replies."
    a = analyze(Article("t", text))
    tagged = {0: (text.index("Donald"), text.index(" mocking"))}
    assert "Donald Trump's tweet" in [x.source_text for x in extract(a.document, a.evidence, tagged)]


def test_a_lone_function_word_day_or_adverb_names_no_one():
    from framing.evidence.attribution.filters import lone_word

    text = "Historically, the dam held. Pastor Jones said it would hold. Most said it was fine."
    doc = analyze(Article("t", text)).document
    assert lone_word(doc, "Historically") and lone_word(doc, "As") and lone_word(doc, "Friday")
    # a word for someone, a kind of source, a surname the article introduces, a common noun: kept
    assert not any(lone_word(doc, w) for w in ("Most", "Police", "Jones", "Pastor", "Democrats", "the mayor"))
