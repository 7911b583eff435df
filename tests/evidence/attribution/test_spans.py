"""spans.py: the phrase a cue's source is, before or after the cue, and passive cues."""
from framing.evidence.attribution.kinds import kind_of
from framing.evidence.attribution.ledger import ledger
from tests.evidence.attribution.helpers import atts, by_text


def test_spans_before_after_and_according_to():
    text = ("The ministry said the dam held. \u201cIt is over,\u201d said James Rushton, a defence analyst. "
            "According to the 2024 inspection report, repairs were due.")
    found = atts(text)
    assert [(text[a.source[0]:a.source[1]], a.kind, a.direct) for a in found] == [
        ("The ministry", "official", False),
        ("James Rushton, a defence analyst", "expert", True),
        ("the 2024 inspection report", "document", False),
    ]
    assert text[found[1].content[0]:found[1].content[1]] == "\u201cIt is over,\u201d"
    assert text[found[0].content[0]:found[0].content[1]] == "the dam held"


def test_appositive_role_and_named_flag():
    (a,) = atts("Sergei Lavrov, the Russian foreign minister, said talks were possible.")
    assert a.source_text == "Sergei Lavrov, the Russian foreign minister" and a.role == "the Russian foreign minister"
    assert a.kind == "person" and a.named


def test_passive_cue_does_not_make_the_subject_a_source():
    found = atts("Inspectors were told to keep quiet.")
    assert all(a.source_text != "Inspectors" for a in found)


def test_a_weekday_or_month_ends_the_source_phrase():
    for text, want in [("\u201cWe will not back down,\u201d said President Emmanuel Macron on Tuesday.",
                        "President Emmanuel Macron"),
                       ("On Tuesday the minister said the dam held.", "the minister"),
                       ("\u201cIt held,\u201d said the Committee on Foreign Relations in November.",
                        "the Committee on Foreign Relations")]:
        (a,) = atts(text)
        assert text[a.source[0]:a.source[1]] == want


def test_a_hedge_between_source_and_cue_is_not_part_of_the_source():
    (a,) = atts("Officials reportedly admitted the delay.")
    assert a.source_text == "Officials" and a.kind == "anonymous" and not a.named


def test_a_title_with_a_full_stop_stays_in_the_name_and_adverbs_leave_the_phrase():
    found = by_text("The budget was late, said Mr. Newsom. Later Newsom said it was fine. Trump has often cited polls.")
    assert {"Mr. Newsom", "Newsom", "Trump"} <= set(found)


def test_a_noun_cue_takes_its_possessor_not_the_clause_before_it():
    found = by_text("Politifact seized on Trump\u2019s claim about jobs. Clinton ignored disparaging remarks.")
    assert set(found) == {"Trump\u2019s"}


def test_passive_through_an_adverb_and_a_participle_appositive():
    found = by_text("Kupiansk and Izyum are hubs. They are also seen as vital to supply. "
                    "Trump, speaking to a veterans group in Virginia, said the plan worked.")
    assert list(found) == ["Trump"]


def test_party_and_state_after_a_name_stay_in_the_source():
    found = atts("\u201cIt was bad,\u201d Sen. Claire McCaskill (D-Mo.) said. Rep. Trey Gowdy (R-S.C.) said no.")
    assert [(a.source_text, a.kind, a.named) for a in found] == [
        ("Sen. Claire McCaskill (D-Mo.)", "person", True), ("Rep. Trey Gowdy (R-S.C.)", "person", True)]


def test_ly_nouns_are_not_adverbs_and_role_for_whom_is_one_phrase():
    (a,) = atts("The family watched it on Thursday, attorneys for the family said.")
    assert a.source_text == "attorneys for the family"


def test_an_adverb_after_that_is_no_source():
    assert all(a.source_text != "egregiously"
               for a in atts("It was a comment that egregiously described all young men as predators."))


def test_a_relative_pronoun_is_the_source_standing_for_its_antecedent():
    text = ("Trump refused to pay an architect who said he was stiffed. The Saudi government, which has strongly "
            "denied any role, was named. Mr. Obama, who understood that, told his advisers to act.")
    got = [(text[a.source[0]:a.source[1]], a.source_text, a.cue_text) for a in atts(text)]
    assert ("who", "an architect", "said") in got and ("which", "The Saudi government", "denied") in got
    assert ("who", "Mr. Obama", "understood") in got and ("Mr. Obama", "Mr. Obama", "told") in got


def test_middle_initials_organisation_names_and_named_appositives():
    text = ("\u201cIt was fine,\u201d Rep. Elijah E. Cummings (D-Md.) said. \u201cIt held,\u201d said the Committee for "
            "a Responsible Federal Budget. Michael Flynn spoke first. Flynn, a top Trump surrogate, said no.")
    got = [(a.source_text, a.kind, a.named) for a in atts(text)]
    assert ("Rep. Elijah E. Cummings (D-Md.)", "person", True) in got
    assert ("the Committee for a Responsible Federal Budget", "expert", True) in got  # a think tank (research_orgs.txt)
    assert ("Flynn, a top Trump surrogate", "person", True) in got
    assert kind_of("Rhodes, one of the president's closest aides") == "person"
    assert kind_of("Clinton\u2019s team") == "official"


def test_a_restrictive_relative_that_stands_for_its_antecedent():
    found = atts("The site showed a message that said the item was gone.")
    (a,) = [x for x in found if x.resolved_from == "that"]
    assert a.source_text == "a message" and a.cue_text == "said"


def test_fragments_read_on_polnear_ledgers_general_assembly_whether_and_ages():
    assert kind_of("the General Assembly") == "official"  # "General" is a title only before a name
    found = atts("My mother has softened with age, but even now at 86 she still says things such as that.")
    assert [a.source_text for a in found] == ["she"]
    found = atts("India and Pakistan spar over whether a leader of the group said it belongs on the list.")
    assert [a.source_text for a in found] == ["a leader of the group"]
    got = {s.name: s.mentions for s in ledger(atts("Sen. Mike Pence (R-IN) spoke. Pence said the plan was good."))}
    assert len(got) == 1 and len(next(iter(got.values()))) == 2  # "(R-IN)" is no part of the name's key


def test_a_dash_between_clauses_ends_a_source_phrase_a_hyphen_in_a_name_does_not():
    assert [a.source_text for a in atts("The race was tight -- Donald J. Trump said so.")] == ["Donald J. Trump"]
    assert [a.source_text for a in atts("WASHINGTON \u2014 President Obama said the museum opens.")] == ["President Obama"]
    assert [a.source_text for a in atts("Ban Ki-moon said the talks failed.")] == ["Ban Ki-moon"]
    assert [a.source_text for a in atts("The talks failed, said Ban Ki-moon.")] == ["Ban Ki-moon"]


def test_an_initial_and_a_month_surname_stay_inside_a_name():
    assert [a.source_text for a in atts("The plan failed, said Ronald R. Fieldstone.")] == ["Ronald R. Fieldstone"]
    assert [a.source_text for a in atts("Prime Minister Theresa May said the talks failed.")] == [
        "Prime Minister Theresa May"]
    assert [a.source_text for a in atts("The minister said in May that it failed.")] == ["The minister"]


def test_a_passive_relative_clause_names_no_speaker():
    text = 'Minister Dana Velk, who has been mocked for her response, insisted that "nobody is missing".'
    assert [(a.cue_text, a.source_text) for a in atts(text) if a.source_text] == [("insisted", "Minister Dana Velk")]
    (a,) = atts("The government, which has denied the report, acted.")
    assert (a.cue_text, a.resolved_from) == ("denied", "which")  # active: the antecedent speaks


def test_people_in_a_place_speak_and_a_passive_second_cue_shares_no_subject():
    assert [x.source_text for x in atts("Few in the valley believe a word of it.")] == ["Few in the valley"]
    assert [x.source_text for x in atts("People in the area said the dam leaked.")] == ["People in the area"]
    found = atts("Soldiers in Kharkiv said the town was quiet and were warmly welcomed.")
    assert [(x.source_text, x.cue_text) for x in found] == [("Soldiers in Kharkiv", "said")]
    found = atts("Sources say inspectors were told to keep quiet about the cracks.")
    assert [(x.source_text, x.cue_text) for x in found] == [("Sources", "say"), ("", "told")]
