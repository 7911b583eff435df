"""pronouns.py: what a pronoun stands for."""
from framing.evidence.attribution.kinds import kind_of
from tests.evidence.attribution.helpers import atts


def test_pronoun_it_resolves_to_nearest_organisation():
    text = ("The US-based Institute for the Study of War was blunt. "
            "\u201cForces are routed,\u201d it said. \u201cThey are not withdrawing in order.\u201d")
    found = atts(text)
    assert [a.resolved_from for a in found] == ["it", "it"]
    assert all("Institute for the Study of War" in a.source_text for a in found)
    assert found[1].cue is None and found[1].direct  # the quote continues the same speaker


def test_a_pronoun_resolves_to_the_nearest_source_of_its_gender():
    from framing.evidence.attribution.pronouns import gender_of

    text = ("Health Minister Sarah Collins said hospitals would get more money.\n\n"
            "The chief executive, Mark Dunn, welcomed the plan. He said it would pay for nurses.\n\n"
            "The minister said the plan was affordable. She added that taxes would not rise.")
    got = [(a.source_text, a.resolved_from) for a in atts(text) if a.resolved_from]
    assert got == [("Mark Dunn", "He"), ("Minister Sarah Collins", "She")]  # not "Mark Dunn", the nearest name
    assert [gender_of(t) for t in ("Mrs Thatcher", "the company spokesman", "Volodymyr Zelensky",
                                   "Foreign Minister Annalena Baerbock", "Dr Kovacs", "the ministry")] == [
        "f", "m", "m", "f", None, None]


def test_she_is_no_place_or_university_and_contractions_are_no_part_of_a_name():
    text = ("Jo-Renee Formicola, a professor at Seton Hall University in New Jersey, described it. "
            "\u201cHe would deflect,\u201d she said.")
    assert [a.source_text for a in atts(text)][-1].startswith("Jo-Renee Formicola")
    (a,) = atts("Donald Trump isn\u2019t saying much about it.")
    assert a.source_text == "Donald Trump"
    assert kind_of("The International Monetary Fund") == kind_of("the fund") == "official"


def test_a_name_with_a_second_capital_is_one_word_when_a_pronoun_resolves_to_it():
    from framing.evidence.attribution.pronouns import _mentions

    text = "Voters liked Senator George McGovern in 1972 and later. Later, he said the race was lost."
    assert any(m[2].startswith("Senator George McGovern") for m in _mentions(text, False))
    assert all(not m[2].endswith(" Mc") for m in _mentions("It was George McGovern who ran.", False))


def test_a_run_of_capitals_is_a_name_for_a_pronoun_only_whole():
    from framing.evidence.attribution.pronouns import _mentions

    text = ("Bill Doe, a pollster for The Wall Street Journal and NBC News, said the data were mixed. "
            "The report changes little, he said.")
    assert [m[2] for m in _mentions(text, False)] == ["Wall Street Journal"]  # not "The Wall Street", a person
    assert [(a.source_text, a.resolved_from) for a in atts(text)][-1] == (
        "Bill Doe, a pollster for The Wall Street Journal and NBC News", "he")


def test_he_or_she_stands_for_a_person_not_a_day_an_event_or_a_common_noun():
    from framing.evidence.attribution.pronouns import _person_like

    text = ("Bernie Sanders said he would fight on. Voters in the state were split before Super Tuesday, and the "
            "Islamic State was a theme. He said the race was not over. Wolf Blitzer asked again.")
    assert [(a.source_text, a.resolved_from) for a in atts(text) if a.resolved_from] == [("Bernie Sanders", "He")]
    assert not _person_like(text, "Super Tuesday") and not _person_like(text, "Islamic State")  # "the state"
    assert _person_like(text, "Bernie Sanders") and _person_like(text, "Wolf Blitzer")  # never "blitzer"


def test_they_resolves_only_to_a_plural_agent_with_a_source_phrase():
    # a surname ending in s is one person, not "they"
    found = atts("Senator Tom Roberts said the bill failed. They said the vote was close.")
    assert (found[1].source_text, found[1].resolved_from) == ("They", "")
    found = atts("State officials said the bill failed. They said the vote was close.")
    assert (found[1].source_text, found[1].resolved_from) == ("State officials", "They")
    # an earlier cue with no source gives "they" no antecedent (it had left a source span with no text)
    found = atts("Aides were asked about the plan. Said that the talks would resume. They said the vote was close.")
    assert found[-1].source_text == "They" and found[-1].source is not None


def test_a_title_word_ending_a_sentence_does_not_join_the_next_sentence_into_a_name():
    found = atts("A Democrat, Mr. Justice is running to become the next governor. Through a spokesman, he said he "
                 "would wait.")
    assert [(x.source_text, x.resolved_from) for x in found] == [("Mr. Justice", "he")]
