from framing.evidence.analysis import analyze
from framing.evidence.attribution import extract, kind_of, ledger, org_key
from framing.types import Article


def atts(text):
    a = analyze(Article("t", text))
    return extract(a.document, a.evidence)


def sources(text):
    return {s.name: s for s in ledger(atts(text))}


def test_source_types():
    assert kind_of("Foreign Minister Miroslav Lajcak") == "person"
    assert kind_of("the Ministry of Defence") == "official"
    assert kind_of("Ukraine's defence ministry") == "official"
    assert kind_of("the BBC") == "media"
    assert kind_of("the Institute for the Study of War") == "expert"
    assert kind_of("James Rushton, a British defence analyst") == "expert"
    assert kind_of("the authority's 2024 inspection report") == "document"
    assert kind_of("Russian channels on Telegram") == "social_media"
    assert kind_of("sources") == "anonymous"
    assert kind_of("officials") == "anonymous"
    assert kind_of("she") == "pronoun"


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


def test_grouping_mentions_of_one_person_and_one_body():
    text = ("Ukrainian president Volodymyr Zelensky visited the town. He said troops would stay. "
            "The Ukrainian president claimed more land was retaken. Zelenskyy said: \u201cWe advance.\u201d "
            "The Ministry of Defence said units fled. The MoD said equipment was lost.")
    srcs = sources(text)
    assert srcs["Volodymyr Zelensky"].claims == 3
    assert {"Zelenskyy", "The Ukrainian president"} <= set(srcs["Volodymyr Zelensky"].mentions)
    mod = [s for s in srcs.values() if s.kind == "official"]
    assert len(mod) == 1 and mod[0].claims == 2
    assert org_key("the MoD") == org_key("the Ministry of Defence") == org_key("the defence ministry")
    assert org_key("Ukraine's defence ministry") != org_key("the Russian ministry of defence")


def test_pronoun_it_resolves_to_nearest_organisation():
    text = ("The US-based Institute for the Study of War was blunt. "
            "\u201cForces are routed,\u201d it said. \u201cThey are not withdrawing in order.\u201d")
    found = atts(text)
    assert [a.resolved_from for a in found] == ["it", "it"]
    assert all("Institute for the Study of War" in a.source_text for a in found)
    assert found[1].cue is None and found[1].direct  # the quote continues the same speaker


def test_nested_quotes_keep_one_speaker():
    text = "\u201cHe called it \u2018a farce\u2019, and I agree,\u201d the mayor said."
    (a,) = atts(text)
    assert a.source_text == "the mayor" and a.direct
    assert text[a.content[0]:a.content[1]].startswith("\u201cHe called it")


def test_cue_inside_a_quote_is_not_an_attribution():
    found = atts("\u201cNobody has been reported missing,\u201d the minister said.")
    assert [a.cue_text for a in found] == ["said"]


def test_anonymous_markers_without_a_cue():
    (a,) = atts("It is understood that inspectors found cracks.")
    assert a.kind == "anonymous" and not a.named


def test_passive_cue_does_not_make_the_subject_a_source():
    found = atts("Inspectors were told to keep quiet.")
    assert all(a.source_text != "Inspectors" for a in found)


def test_article_without_attribution():
    assert atts("The river rose two metres overnight. Roads were closed.") == []
    assert ledger([]) == []


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


def test_a_tagged_capitalised_modifier_with_no_cue_is_no_source():
    text = "Terrified families fled in panic. Mayor Jan Novak visited the council."  # no cue verb
    a = analyze(Article("t", text))
    assert extract(a.document, a.evidence, {0: (0, 9)}) == []
    (att,) = extract(a.document, a.evidence, {1: (34, 49)})  # a name is kept, cue or not
    assert att.source_text == "Mayor Jan Novak" and att.kind == "person"


def test_a_pronoun_resolves_to_the_nearest_source_of_its_gender():
    from framing.evidence.attribution import gender_of

    text = ("Health Minister Sarah Collins said hospitals would get more money.\n\n"
            "The chief executive, Mark Dunn, welcomed the plan. He said it would pay for nurses.\n\n"
            "The minister said the plan was affordable. She added that taxes would not rise.")
    got = [(a.source_text, a.resolved_from) for a in atts(text) if a.resolved_from]
    assert got == [("Mark Dunn", "He"), ("Minister Sarah Collins", "She")]  # not "Mark Dunn", the nearest name
    assert [gender_of(t) for t in ("Mrs Thatcher", "the company spokesman", "Volodymyr Zelensky",
                                   "Foreign Minister Annalena Baerbock", "Dr Kovacs", "the ministry")] == [
        "f", "m", "m", "f", None, None]


# --- sources a linguist would accept (issue: places, fragments, types, the named flag) ----------

def by_text(text):
    return {a.source_text: a for a in atts(text) if a.source_text}


def test_a_city_or_region_is_never_a_source_but_a_country_speaks_for_its_government():
    found = by_text("Kharkiv said the lights were back. North Carolina said it would appeal. "
                    "Ukraine said the town was retaken.")
    assert "Kharkiv" not in found and "North Carolina" not in found
    assert found["Ukraine"].kind == "official" and found["Ukraine"].named


def test_a_place_name_that_the_article_uses_as_a_surname_stays_a_source():
    found = by_text("Senator Elizabeth Warren spoke first. Later, Warren said the bill was dead.")
    assert found["Warren"].kind == "person" and found["Warren"].named


def test_reports_after_a_comma_is_a_verb_whose_source_follows():
    found = by_text("Troops reached the river, reports the BBC. Reports say the bridge fell.")
    assert found["the BBC"].kind == "media" and found["the BBC"].named
    assert found["Reports"].kind == "anonymous" and not found["Reports"].named


def test_a_title_with_a_full_stop_stays_in_the_name_and_adverbs_leave_the_phrase():
    found = by_text("The budget was late, said Mr. Newsom. Later Newsom said it was fine. Trump has often cited polls.")
    assert {"Mr. Newsom", "Newsom", "Trump"} <= set(found)


def test_types_and_the_named_flag():
    found = by_text("Republican officials said the vote would fail. The Washington Post reported the deal. "
                    "The pro-Russia blogger Military Informant wrote that the line broke. "
                    "Christopher Steele wrote a memo. Steele said it was accurate. "
                    "White House press secretary Josh Earnest said no. The White House said yes. "
                    "A Homeland Security Department official said maybe. Politifact pointed out the error.")
    expect = {"Republican officials": ("anonymous", False), "The Washington Post": ("media", True),
              "The pro-Russia blogger Military Informant": ("social_media", True), "Steele": ("person", True),
              "White House press secretary Josh Earnest": ("person", True), "The White House": ("official", True),
              "A Homeland Security Department official": ("anonymous", False), "Politifact": ("media", True)}
    assert {k: (found[k].kind, found[k].named) for k in expect} == expect


def test_a_named_account_holder_who_tweets_is_a_person():
    found = by_text("Donald Trump spoke on Monday. Trump tweeted that the polls were rigged.")
    assert found["Trump"].kind == "person" and found["Trump"].named


def test_a_definite_role_is_the_named_person_who_holds_it():
    srcs = sources("Health Minister Sarah Collins said hospitals would get more money. "
                   "The minister said the plan was affordable.")
    assert [(s.name, s.claims) for s in srcs.values()] == [("Sarah Collins", 2)]


def test_a_noun_cue_takes_its_possessor_not_the_clause_before_it():
    found = by_text("Politifact seized on Trump\u2019s claim about jobs. Clinton ignored disparaging remarks.")
    assert set(found) == {"Trump\u2019s"}


def test_passive_through_an_adverb_and_a_participle_appositive():
    found = by_text("Kupiansk and Izyum are hubs. They are also seen as vital to supply. "
                    "Trump, speaking to a veterans group in Virginia, said the plan worked.")
    assert list(found) == ["Trump"]


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


def test_its_body_is_shown_with_its_country():
    srcs = sources("Russia lost the town. Its defence ministry admitted the retreat.")
    assert list(srcs) == ["Its defence ministry (Russia)"]


def test_party_and_state_after_a_name_stay_in_the_source():
    found = atts("\u201cIt was bad,\u201d Sen. Claire McCaskill (D-Mo.) said. Rep. Trey Gowdy (R-S.C.) said no.")
    assert [(a.source_text, a.kind, a.named) for a in found] == [
        ("Sen. Claire McCaskill (D-Mo.)", "person", True), ("Rep. Trey Gowdy (R-S.C.)", "person", True)]


def test_ly_nouns_are_not_adverbs_and_role_for_whom_is_one_phrase():
    (a,) = atts("The family watched it on Thursday, attorneys for the family said.")
    assert a.source_text == "attorneys for the family"


def test_an_appositive_about_a_place_does_not_make_the_speaker_a_place():
    (a,) = atts("\u201cHe has not,\u201d said Quentin Kidd, a political scientist at Christopher Newport University "
                "in Scott's district.")
    assert a.source_text.startswith("Quentin Kidd,") and a.kind == "expert" and a.named


def test_a_name_described_by_one_persons_role_is_a_person():
    assert kind_of("Clinton, the former secretary of State") == "person"
    assert kind_of("Rep. Adam Schiff, the top Democrat on the House Intelligence Committee") == "person"
    assert kind_of("Flynn, a top Trump surrogate") == "person"
    assert kind_of("Gazprom, the Russian energy giant") == "official"
    assert kind_of("Jane Roe, a reporter for the Times") == "media"
    assert kind_of("Tulsa police Chief Chuck Jordan") == "person"
    assert kind_of("Secretary of State John F. Kerry") == "person"
    assert kind_of("the Clinton Foundation") == "official"


def test_initials_are_an_organisation():
    assert kind_of("The S.E.C.") == kind_of("the EPA") == kind_of("the NAACP") == "official"
    assert kind_of("PENCE") == "person"


def test_a_surname_is_named_after_a_full_name_with_a_middle_initial():
    found = atts("Secretary of State John F. Kerry spoke on Monday. Kerry said talks would resume.")
    assert [(a.source_text, a.named) for a in found if a.cue_text == "said"] == [("Kerry", True)]


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


def test_people_in_general_are_anonymous_and_a_journalist_speaks_for_the_outlet():
    for text in ("Republicans on the House Financial Services Committee", "one of Mr. Obama's climate advisers",
                 "Black Lawmakers", "some Republicans, including Senator Lamar Alexander",
                 "A number of other members of Congress", "Readers"):
        assert kind_of(text) == "anonymous", text
    assert kind_of("Polls") == "document"
    assert kind_of("Russian military bloggers") == kind_of("social media users") == "social_media"
    assert kind_of("NBC News moderator Matt Lauer") == "media"
    assert kind_of("China, Pyongyang's only ally and its economic lifeline") == "official"


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


def test_she_is_no_place_or_university_and_contractions_are_no_part_of_a_name():
    text = ("Jo-Renee Formicola, a professor at Seton Hall University in New Jersey, described it. "
            "\u201cHe would deflect,\u201d she said.")
    assert [a.source_text for a in atts(text)][-1].startswith("Jo-Renee Formicola")
    (a,) = atts("Donald Trump isn\u2019t saying much about it.")
    assert a.source_text == "Donald Trump"
    assert kind_of("The International Monetary Fund") == kind_of("the fund") == "official"


def test_a_passive_cue_s_source_is_its_agent_after_by():
    (a,) = atts("Families can apply to the fund announced by the Transport Secretary, Helen Marchbank, on Tuesday.")
    assert a.source_text == "the Transport Secretary, Helen Marchbank" and a.kind == "person" and a.named
    (a,) = atts("The plan was criticized by Senator Jane Roe.")
    assert a.source_text == "Senator Jane Roe"


def test_a_person_introduced_as_expert_or_journalist_keeps_that_role():
    text = ("Steven M. Rosenthal, a senior fellow at the Urban Institute, studied the plan. Mr. Rosenthal said it "
            "would cost more. MSNBC host Chris Matthews interviewed him. Matthews said the plan was bold. "
            "Jane Roe spoke too. Roe said it was fine.")
    got = {a.source_text: a.kind for a in atts(text)}
    assert got["Mr. Rosenthal"] == "expert"
    assert got["Matthews"] == "media"
    assert got["Roe"] == "person"  # introduced with no role: stays a person
    got = {a.source_text: a.kind for a in atts("Economists generally praised Mrs. Clinton. Mrs. Clinton said no.")}
    assert got["Mrs. Clinton"] == "person"  # a title is no first name, and "praised" no role
    got = {a.source_text: a.kind for a in atts(
        "Last week CNN's Jomana Karadsheh visited the port. Karadsheh said it was looted. "
        "Jon Tuttle wrote in The Nation that the deal was bad. Tuttle said it was worse. "
        "Ohio's Jane Roe spoke. Roe said it was fine.")}
    assert got["Karadsheh"] == got["Tuttle"] == "media"  # an outlet's journalist, by the possessive or "wrote in"
    assert got["Roe"] == "person"  # a state's possessive is no outlet


def test_typing_relative_clauses_initials_and_definite_roles():
    assert kind_of("Joseph, who has four children") == "person"  # "who" is no World Health Organization
    assert kind_of("the WHO") == "official"
    assert kind_of("The FBI director") == "person"  # one identified person by role
    assert kind_of("the Federal Bureau of Prisons") == "official"
    assert kind_of("the European Union") == "official"
    assert kind_of("the conservative-leaning Tax Foundation") == "expert"  # resources/research_orgs.txt
    assert kind_of("Daryl Kimball, executive director of the Arms Control Association") == "expert"


def test_a_one_word_name_never_given_a_first_name_is_an_organisation():
    got = {a.source_text: (a.kind, a.named) for a in atts(
        "Peabody said the mine would close. Gov. Jim Justice spoke. Justice said the state would help.")}
    assert got["Peabody"] == ("official", True)
    assert got["Justice"] == ("person", True)
    got = {a.source_text: a.kind for a in atts("Retired Gen. Norman Ham spoke. Ham said the army was tired.")}
    assert got["Ham"] == "person"  # "Norman" is also a place, but "Norman Ham" is a name


def test_names_with_apostrophes_titles_before_place_words_and_party_affixes():
    got = {a.source_text: (a.kind, a.named) for a in atts(
        "NYPD Commissioner James O\u2019Neill spoke first. O'Neill said the device was found.")}
    assert got["O'Neill"] == ("person", True)  # O'Neill ~ O\u2019Neill, introduced with a first name
    got = {a.source_text: a.named for a in atts("Retired Gen. Norman Ham spoke. Ham said the army was tired.")}
    assert got["Ham"]  # "Gen." before "Norman" (a place, no first name on the list) makes Ham a surname
    assert kind_of("Senate Majority Leader Mitch McConnell, R-Ky.,") == "person"
    assert kind_of("Sen. Tim Kaine (D-Va.)") == "person"


def test_an_outlet_named_like_a_person_is_media_but_its_journalist_is_not_the_outlet():
    assert kind_of("The Daily Beast") == kind_of("RT") == kind_of("the Hill") == "media"  # resources/media_outlets.txt
    assert kind_of("Vice President Mike Pence") == "person"
    assert kind_of("a CNN poll") == "document"
    assert kind_of("Several former RT journalists") != "media"


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


def test_a_paper_named_after_a_first_name_the_reverend_and_polling_averages():
    from framing.evidence.attribution import listed

    assert kind_of("The Charlotte Observer") == "media" and listed("The Charlotte Observer")  # not "Charlotte" a person
    assert kind_of("Charlotte Smith") == "person" and not listed("Charlotte Smith")
    assert kind_of("Polling averages") == "document"
    (a,) = atts("The march was peaceful, the Rev. William Barber said on Sunday.")
    assert a.source_text == "the Rev. William Barber" and a.kind == "person"


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


def test_a_platform_named_alone_is_the_company_its_posts_and_users_are_social_media():
    assert kind_of("Twitter") == kind_of("the social media company") == kind_of("The online retail giant") == "official"
    assert kind_of("Posts") == kind_of("Twitter users") == kind_of("her Twitter account") == "social_media"


def test_plural_commanders_are_vague_and_a_country_is_not_merged_into_its_own_bodies():
    assert kind_of("Ukraine\u2019s commanders") == "anonymous"
    assert kind_of("the commander") == "person"
    got = {s.name: s.mentions for s in ledger(atts(
        "Ukraine said the line held. Ukraine\u2019s gas pipe operator said the flows were normal."))}
    assert got == {"Ukraine": ["Ukraine"], "Ukraine\u2019s gas pipe operator": ["Ukraine\u2019s gas pipe operator"]}


def test_a_dash_between_clauses_ends_a_source_phrase_a_hyphen_in_a_name_does_not():
    assert [a.source_text for a in atts("The race was tight -- Donald J. Trump said so.")] == ["Donald J. Trump"]
    assert [a.source_text for a in atts("WASHINGTON \u2014 President Obama said the museum opens.")] == ["President Obama"]
    assert [a.source_text for a in atts("Ban Ki-moon said the talks failed.")] == ["Ban Ki-moon"]
    assert [a.source_text for a in atts("The talks failed, said Ban Ki-moon.")] == ["Ban Ki-moon"]


def test_a_tagger_span_running_over_another_cue_is_no_source():
    text = "Obama Says African-American Museum Will Tell of 'Suffering and Delight.'"
    a = analyze(Article("t", text))
    span = (0, text.index(" Will"))
    found = extract(a.document, a.evidence, {0: span}, candidates=True)
    assert "Obama Says African-American Museum" not in [x.source_text for x in found]


def test_a_possessive_noun_cue_stays_inside_its_source_phrase():
    found = atts("\u201cIf he thinks that makes him smart,\u201d the ad\u2019s narrator says, \u201cwhat does he think?\u201d")
    assert "the ad\u2019s narrator" in [a.source_text for a in found]


def test_a_country_name_the_article_gives_a_person_is_that_person():
    s = sources("Rep. Jim Jordan (R-Ohio) said the hearing was a sham. Jordan added that he would go on. "
                "Jordan said its border was closed.")
    assert s["Rep. Jim Jordan (R-Ohio)"].claims == 3 and s["Rep. Jim Jordan (R-Ohio)"].kind == "person"
    assert sources("Jordan said its border was closed. Israel agreed.")["Jordan"].kind == "official"


def test_a_titled_expert_or_journalist_is_one_row_with_their_later_mentions():
    s = sources("Longtime Democratic pollster Pat Caddell said the race was close. Caddell added that it would tighten.")
    assert list(s) == ["Pat Caddell"] and s["Pat Caddell"].kind == "expert" and s["Pat Caddell"].claims == 2
    s = sources("NBC host Lester Holt asked about taxes. Holt said the question stood. "
                "The centrist Tax Policy Center said the plan cost more.")
    assert s["Lester Holt"].mentions == ["NBC host Lester Holt", "Holt"] and s["Lester Holt"].kind == "media"
    assert s["The centrist Tax Policy Center"].kind == "expert"


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


def test_an_initial_and_a_month_surname_stay_inside_a_name():
    assert [a.source_text for a in atts("The plan failed, said Ronald R. Fieldstone.")] == ["Ronald R. Fieldstone"]
    assert [a.source_text for a in atts("Prime Minister Theresa May said the talks failed.")] == [
        "Prime Minister Theresa May"]
    assert [a.source_text for a in atts("The minister said in May that it failed.")] == ["The minister"]


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


def test_a_place_name_given_a_first_name_and_initial_is_a_person():
    # "Kennedy" is a place in the gazetteer; "Patrick F. Kennedy" makes it a surname
    found = atts("Under Secretary Patrick F. Kennedy wrote to the aides. Kennedy said the emails were kept.")
    assert [a.source_text for a in found][-1] == "Kennedy" and found[-1].kind == "person"


def test_they_resolves_only_to_a_plural_agent_with_a_source_phrase():
    # a surname ending in s is one person, not "they"
    found = atts("Senator Tom Roberts said the bill failed. They said the vote was close.")
    assert (found[1].source_text, found[1].resolved_from) == ("They", "")
    found = atts("State officials said the bill failed. They said the vote was close.")
    assert (found[1].source_text, found[1].resolved_from) == ("State officials", "They")
    # an earlier cue with no source gives "they" no antecedent (it had left a source span with no text)
    found = atts("Aides were asked about the plan. Said that the talks would resume. They said the vote was close.")
    assert found[-1].source_text == "They" and found[-1].source is not None


def test_a_phrase_cut_off_after_a_determiner_or_preposition_is_no_source():
    assert [a.source_text for a in atts("In the debate, Trump made the pledge to cut taxes.")] == [""]
    assert [a.source_text for a in atts("Mr. Obama and Hillary Clinton never seem to tire of telling the story.")] == [""]
    assert [a.source_text for a in atts("Some say the plan will fail.")] == ["Some"]  # a vague source, whole


def test_a_passive_relative_clause_names_no_speaker():
    text = 'Minister Dana Velk, who has been mocked for her response, insisted that "nobody is missing".'
    assert [(a.cue_text, a.source_text) for a in atts(text) if a.source_text] == [("insisted", "Minister Dana Velk")]
    (a,) = atts("The government, which has denied the report, acted.")
    assert (a.cue_text, a.resolved_from) == ("denied", "which")  # active: the antecedent speaks


def test_the_subject_of_a_passive_cue_is_no_source_but_a_progressive_subject_is():
    text = "Lt Gen Konashenkov has been widely mocked."
    a = analyze(Article("t", text))
    tagged = {0: (0, text.index(" has"))}  # the span tagger's proposal: the passive subject
    assert not [x for x in extract(a.document, a.evidence, tagged) if x.source_text]
    assert [(x.source_text, x.cue_text) for x in atts("Donald Trump is questioning the results of the poll.")] == [
        ("Donald Trump", "questioning")]


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


def test_split_name_role_finds_the_name_after_a_role_and_before_an_affiliation():
    from framing.evidence.attribution import split_name_role

    assert split_name_role("Mr. Morgan of the Sierra Club") == ("Morgan", "of the Sierra Club")
    assert split_name_role("Jane Roe of Springfield, Va.") == ("Jane Roe", "of Springfield, Va.")
    assert split_name_role("Secretary of State John Kerry") == ("John Kerry", "Secretary of State")
    assert split_name_role("House Speaker Paul Ryan") == ("Paul Ryan", "House Speaker")


def test_a_description_after_a_comma_is_the_role_whatever_capitals_it_holds():
    from framing.evidence.attribution import source_key, split_name_role

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


def test_people_in_a_place_speak_and_a_passive_second_cue_shares_no_subject():
    assert [x.source_text for x in atts("Few in the valley believe a word of it.")] == ["Few in the valley"]
    assert [x.source_text for x in atts("People in the area said the dam leaked.")] == ["People in the area"]
    found = atts("Soldiers in Kharkiv said the town was quiet and were warmly welcomed.")
    assert [(x.source_text, x.cue_text) for x in found] == [("Soldiers in Kharkiv", "said")]
    found = atts("Sources say inspectors were told to keep quiet about the cracks.")
    assert [(x.source_text, x.cue_text) for x in found] == [("Sources", "say"), ("", "told")]


def test_a_title_word_ending_a_sentence_does_not_join_the_next_sentence_into_a_name():
    found = atts("A Democrat, Mr. Justice is running to become the next governor. Through a spokesman, he said he "
                 "would wait.")
    assert [(x.source_text, x.resolved_from) for x in found] == [("Mr. Justice", "he")]


def test_the_writers_i_is_one_source_whatever_type_each_mention_got():
    from framing.evidence.attribution import source_key

    # the typer may call one "I" media (a columnist) and another person: still one row
    assert source_key("I", "media") == source_key("I", "person") == source_key("me", "pronoun")
    assert source_key("we", "media") != source_key("I", "media")
    (row,) = [s for s in ledger(atts("I said it then. I said it again.")) if "I" in s.mentions]
    assert row.name == "I (the writer)" and row.claims == 2


def test_a_title_case_headline_is_read_in_the_case_its_article_writes_its_words():
    """In "The US Is Blatantly Telling Lies" capitals say nothing about names (text.truecased): the
    source is "The US", as in the body's own sentence, shown as the article writes it."""
    text = ("The US Is Blatantly Telling Lies\n\nIt is no secret, analysts said. "
            "The US is telling lies, blatantly, they said.")
    a = analyze(Article("t", text))
    heads = [(x.source_text, x.cue_text) for x in extract(a.document, a.evidence) if x.sentence == 0]
    assert heads == [("The US", "Telling")]  # as the article writes them


def test_newspaper_nameplates_and_listed_web_outlets_are_media():
    assert kind_of("the Columbus Dispatch") == kind_of("the Cincinnati Enquirer") == "media"
    assert kind_of("Intellihub") == kind_of("Zero Hedge") == kind_of("the National Catholic Reporter") == "media"


def test_a_lone_function_word_day_or_adverb_names_no_one():
    from framing.evidence.attribution import lone_word

    text = "Historically, the dam held. Pastor Jones said it would hold. Most said it was fine."
    doc = analyze(Article("t", text)).document
    assert lone_word(doc, "Historically") and lone_word(doc, "As") and lone_word(doc, "Friday")
    # a word for someone, a kind of source, a surname the article introduces, a common noun: kept
    assert not any(lone_word(doc, w) for w in ("Most", "Police", "Jones", "Pastor", "Democrats", "the mayor"))
