"""names.py: name phrases split into name and role, and surnames the article introduces."""
from framing.evidence.attribution.kinds import kind_of
from tests.evidence.attribution.helpers import atts


def test_a_surname_is_named_after_a_full_name_with_a_middle_initial():
    found = atts("Secretary of State John F. Kerry spoke on Monday. Kerry said talks would resume.")
    assert [(a.source_text, a.named) for a in found if a.cue_text == "said"] == [("Kerry", True)]


def test_names_with_apostrophes_titles_before_place_words_and_party_affixes():
    got = {a.source_text: (a.kind, a.named) for a in atts(
        "NYPD Commissioner James O\u2019Neill spoke first. O'Neill said the device was found.")}
    assert got["O'Neill"] == ("person", True)  # O'Neill ~ O\u2019Neill, introduced with a first name
    got = {a.source_text: a.named for a in atts("Retired Gen. Norman Ham spoke. Ham said the army was tired.")}
    assert got["Ham"]  # "Gen." before "Norman" (a place, no first name on the list) makes Ham a surname
    assert kind_of("Senate Majority Leader Mitch McConnell, R-Ky.,") == "person"
    assert kind_of("Sen. Tim Kaine (D-Va.)") == "person"


def test_a_place_name_given_a_first_name_and_initial_is_a_person():
    # "Kennedy" is a place in the gazetteer; "Patrick F. Kennedy" makes it a surname
    found = atts("Under Secretary Patrick F. Kennedy wrote to the aides. Kennedy said the emails were kept.")
    assert [a.source_text for a in found][-1] == "Kennedy" and found[-1].kind == "person"


def test_split_name_role_finds_the_name_after_a_role_and_before_an_affiliation():
    from framing.evidence.attribution.names import split_name_role

    assert split_name_role("Mr. Morgan of the Sierra Club") == ("Morgan", "of the Sierra Club")
    assert split_name_role("Jane Roe of Springfield, Va.") == ("Jane Roe", "of Springfield, Va.")
    assert split_name_role("Secretary of State John Kerry") == ("John Kerry", "Secretary of State")
    assert split_name_role("House Speaker Paul Ryan") == ("Paul Ryan", "House Speaker")


def test_a_description_after_a_comma_is_the_role_whatever_capitals_it_holds():
    from framing.evidence.attribution.keys import source_key
    from framing.evidence.attribution.names import split_name_role

    # "a professor ... Nashville" has two capitalised words in a row, yet it is Doyle's role, not a name
    text = "Doyle, a professor of higher education at Vanderbilt University in Nashville"
    assert split_name_role(text) == ("Doyle", "a professor of higher education at Vanderbilt University in Nashville")
    assert kind_of(text) == "expert"
    assert source_key(text, "expert") == "person:doyle"
    assert kind_of('Hemsley, the co-author of "Going Viral," about the spread of information') == "person"
    assert source_key('Hemsley, the co-author of "Going Viral," about the spread of information', "person") == "person:hemsley"
    # a role before the comma still names no one: its own words type it
    assert kind_of("the foreign minister of France, a permanent member of the Security Council") == "person"
    # the name-first order is kept where the part after the comma is a name
    assert split_name_role("the authority's chief engineer, Tomas Rehak") == ("Tomas Rehak", "the authority's chief engineer")
    # a titled name before the comma gives the type, whatever the description after it
    assert kind_of("the economist Jared Bernstein, a former adviser in the Obama White House") == "expert"
