"""ledger.py: mentions linked to one source, and the ledger of sources."""
from tests.evidence.attribution.helpers import atts, sources


def test_a_definite_role_is_the_named_person_who_holds_it():
    srcs = sources("Health Minister Sarah Collins said hospitals would get more money. "
                   "The minister said the plan was affordable.")
    assert [(s.name, s.claims) for s in srcs.values()] == [("Sarah Collins", 2)]


def test_its_body_is_shown_with_its_country():
    srcs = sources("Russia lost the town. Its defence ministry admitted the retreat.")
    assert list(srcs) == ["Its defence ministry (Russia)"]


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
