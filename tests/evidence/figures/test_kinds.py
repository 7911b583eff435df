"""What a figure counts beyond its noun, and the alignment rules that use it (invented sentences;
the error classes found on tests/fixtures/figures_heldout)."""
import pytest

from framing.evidence.figures import extract, merge
from framing.compare.figure_groups import comparable, similarity
from framing.compare.figure_placing import Placed, _is_outlet, claim_days, era
from framing.compare.figure_values import compatible
from framing.evidence.figures.kinds import count_kind, temperature_kind
from framing.text.document import parse


def merged(text):
    return merge(extract(parse(text)), text)


def one(text):
    (f,) = extract(parse(text))
    return f


@pytest.mark.parametrize("text, kind", [
    ("The storm hit on Monday, killing 9 people.", "dead"),
    ("Officials said 40 people had died by noon.", "dead"),
    ("Rescuers have found 12 dead.", "dead"),
    ("Sixty people were treated in hospital.", "hospitalised"),  # part of the injured, not all of them
    ("Eleven people remain in a critical condition.", "critical"),
    ("Some 900 residents were evacuated overnight.", "evacuated"),
    ("More than 300 families fled their homes.", "evacuated"),
    ("About 20,000 people were told to stay indoors.", "sheltering"),
    ("Four climbers are still missing.", "missing"),
    ("Some 40 cars were parked there.", ""),
])
def test_a_count_s_kind_comes_from_its_noun_or_its_clause(text, kind):
    assert one(text).kind == kind


def test_the_kind_before_a_count_wins_over_the_clause_after_it():
    a, b = extract(parse("The quake struck at dawn, killing 8 people and injuring more than 90 others."))
    assert (a.kind, b.kind) == ("dead", "injured")
    assert count_kind("people", "at dawn, killing ", " and injuring") == "dead"


def test_others_and_elliptic_counts_take_the_noun_of_the_count_before_them():
    a, b = extract(parse("The blast killed 8 people and injured more than 90 others."))
    assert (b.text, b.head, b.value, b.bound) == ("more than 90 others", "people", 90, ">")
    homes = extract(parse("The council says 300 homes need repairs and 40 will be demolished."))
    assert [(f.text, f.head) for f in homes] == [("300 homes", "home"), ("40", "home")]
    assert extract(parse("In the end 40 will be demolished.")) == []  # no count before it: no figure


def test_a_toll_is_a_count_of_the_dead():
    f = one("Officials put the death toll at 23 on Friday.")
    assert (f.text, f.dimension, f.kind) == ("23", "count", "dead")


def test_a_fraction_of_a_unit_and_short_tons():
    f = one("Debris flew half a mile.")
    assert (f.text, f.dimension, f.value) == ("half a mile", "length", 0.5)
    assert extract(parse("There is half a chance.")) == []
    t = one("It held about 1,100 short tons of grain.")
    assert t.dimension == "mass" and t.low == pytest.approx(997.9, abs=0.1)
    (m,) = merged("It held 1,000 tonnes (about 1,100 short tons) of grain.")
    assert m.restated[0][2] == "about 1,100 short tons"


def test_between_x_and_y_with_a_currency_on_both_is_one_range():
    f = one("Estimates lie between €40 million and €60 million.")
    assert (f.value, f.value_high, f.bound, f.dimension) == (4e7, 6e7, "range", "money:EUR")
    assert f.text == "between €40 million and €60 million"


def test_a_width_and_its_restatement_as_a_range():
    (f,) = merged("The pit is 20 to 25 metres across (66 to 82 feet).")
    assert f.head == "pit width" and f.restated[0][2] == "66 to 82 feet"
    assert one("It left a pit about 20 metres wide.").head == "pit width"
    assert one("He was thrown 6 metres across the road.").head == ""


def test_a_repeat_of_one_kind_is_one_figure():
    (f,) = merged("The storm killed 9 people on Monday. Flags flew for the 9 dead.")
    assert f.restated[0][2] == "9 dead"
    assert len(merged("The storm killed 9 people. By then 9 people were injured.")) == 2


def test_temperatures_of_a_fire_and_of_the_air():
    assert one("The flames reached 800C.").kind == "fire"
    assert one("The afternoon was hot, 30C in the shade.").kind == "air"
    assert temperature_kind("Inside it was 40C.", 13) == ""


def test_trailing_zeros_are_rounding_only_up_to_a_tenth():
    assert not compatible(one("It set up a €20 million fund."), one("It set up a €25m fund."))
    assert compatible(one("More than 800 people came."), one("1,000 people came."))


def _placed(text, article, date=None, claimant="", outlet="x"):
    doc = parse(text)
    f = extract(doc)[0]
    s = doc.sentences[f.sentence]
    return Placed(article, outlet, f, claimant or "own voice", claimant, "", claim_days(f, s, date), era(f, s, date),
                  frozenset(), "", False, s.text)


def test_different_kinds_never_pair_and_bounds_do_not_reach_far():
    dead = _placed("Police said 14 people were killed.", 0)
    hurt = _placed("Police said 14 people were injured.", 1)
    assert similarity(dead, hurt) == 0
    fled = _placed("More than 8,000 people fled the town.", 0)
    told = _placed("About 480,000 people were told to stay indoors.", 1)
    assert similarity(fled, told) == 0
    fled2 = _placed("About 480,000 people fled the town.", 1)
    assert similarity(fled, fled2) < 0.5  # "more than 8,000" does not make 480,000 fit
    assert similarity(_placed("Police said 14 people were killed.", 1), dead) >= 0.5
    assert similarity(_placed("Police said 15 people were killed.", 1), dead) >= 0.5  # near: may disagree


def test_claim_days_come_from_the_article_date_for_running_counts():
    tue = _placed("An explosion on Tuesday killed 14 people, police said.", 0, "2026-06-03", "police")
    night = _placed("Police said last night that 15 people had died.", 1, "2026-06-03", "police")
    thu = _placed("Police put the death toll at 17 on Thursday.", 2, "2026-06-04", "police")
    later = _placed("Police said 17 people had died.", 2, "2026-06-04", "police")
    assert tue.times == night.times == {"2026-06-02"} and thu.times == {"2026-06-04"}
    assert comparable(tue, night) and not comparable(tue, thu)
    assert later.times == {"2026-06-04"} and not comparable(night, later)
    fund = _placed("The firm, whose shares fell on Wednesday, set up a €20 million fund.", 0, "2026-06-03", "firm")
    fund2 = _placed("The firm said last night it set up a €25m fund.", 1, "2026-06-03", "firm")
    assert fund.times == frozenset() and comparable(fund, fund2)  # a day in another clause dates not the fund


def test_the_outlet_s_own_name_as_source_is_its_own_voice():
    assert _is_outlet("The Trumpet can", "The Northern Trumpet")
    assert not _is_outlet("Police", "The Northern Trumpet") and not _is_outlet("The", "The Northern Trumpet")
