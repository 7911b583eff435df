"""kinds.py: the type kind_of gives a source phrase."""
from framing.evidence.attribution.kinds import kind_of
from tests.evidence.attribution.helpers import atts, by_text


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


def test_people_in_general_are_anonymous_and_a_journalist_speaks_for_the_outlet():
    for text in ("Republicans on the House Financial Services Committee", "one of Mr. Obama's climate advisers",
                 "Black Lawmakers", "some Republicans, including Senator Lamar Alexander",
                 "A number of other members of Congress", "Readers"):
        assert kind_of(text) == "anonymous", text
    assert kind_of("Polls") == "document"
    assert kind_of("Russian military bloggers") == kind_of("social media users") == "social_media"
    assert kind_of("NBC News moderator Matt Lauer") == "media"
    assert kind_of("China, Pyongyang's only ally and its economic lifeline") == "official"


def test_typing_relative_clauses_initials_and_definite_roles():
    assert kind_of("Joseph, who has four children") == "person"  # "who" is no World Health Organization
    assert kind_of("the WHO") == "official"
    assert kind_of("The FBI director") == "person"  # one identified person by role
    assert kind_of("the Federal Bureau of Prisons") == "official"
    assert kind_of("the European Union") == "official"
    assert kind_of("the conservative-leaning Tax Foundation") == "expert"  # resources/research_orgs.txt
    assert kind_of("Daryl Kimball, executive director of the Arms Control Association") == "expert"


def test_an_outlet_named_like_a_person_is_media_but_its_journalist_is_not_the_outlet():
    assert kind_of("The Daily Beast") == kind_of("RT") == kind_of("the Hill") == "media"  # resources/media_outlets.txt
    assert kind_of("Vice President Mike Pence") == "person"
    assert kind_of("a CNN poll") == "document"
    assert kind_of("Several former RT journalists") != "media"


def test_a_paper_named_after_a_first_name_the_reverend_and_polling_averages():
    from framing.evidence.attribution.resources import listed

    assert kind_of("The Charlotte Observer") == "media" and listed("The Charlotte Observer")  # not "Charlotte" a person
    assert kind_of("Charlotte Smith") == "person" and not listed("Charlotte Smith")
    assert kind_of("Polling averages") == "document"
    (a,) = atts("The march was peaceful, the Rev. William Barber said on Sunday.")
    assert a.source_text == "the Rev. William Barber" and a.kind == "person"


def test_a_platform_named_alone_is_the_company_its_posts_and_users_are_social_media():
    assert kind_of("Twitter") == kind_of("the social media company") == kind_of("The online retail giant") == "official"
    assert kind_of("Posts") == kind_of("Twitter users") == kind_of("her Twitter account") == "social_media"


def test_newspaper_nameplates_and_listed_web_outlets_are_media():
    assert kind_of("the Columbus Dispatch") == kind_of("the Cincinnati Enquirer") == "media"
    assert kind_of("Intellihub") == kind_of("Zero Hedge") == kind_of("the National Catholic Reporter") == "media"
