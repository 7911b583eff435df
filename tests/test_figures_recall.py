"""Error classes that kept one thing in several outlets apart, or put two things together, found
on tests/fixtures/figures_blind2 (invented sentences, not its text)."""
from dataclasses import replace

from framing.figures import extract
from framing.figures.align import place, similarity
from framing.text import parse


def placed(text, article, date="2026-05-12", n=0):
    p = place([{"attributions": [], "date": date}], [parse(text)], [f"outlet{article}"], {}, {})[n]
    return replace(p, article=article, sole=False)


def test_a_rail_s_temperature_is_not_the_air_s():
    (rail,) = extract(parse("The rails on the viaduct reached 48C on Sunday afternoon."))
    assert rail.kind == "rail"  # the subject says whose, not the time of day after it
    (track, air) = extract(parse("Tracks were baking at 120F as the mercury hit 95F."))
    assert (track.kind, air.kind) == ("rail", "air")
    hot = placed("Air temperatures reached 33C on Sunday.", 0)
    assert similarity(hot, placed("Rail temperatures reached 33C on Sunday.", 1)) == 0.0


def test_critical_as_a_predicate_and_died_in_hospital_as_its_own_count():
    (f,) = extract(parse("Two patients remained critical."))
    assert f.kind == "critical"
    (g,) = extract(parse("Three passengers died in hospital overnight."))
    assert g.kind == "died in hospital"
    # those who died in hospital are not the toll: never grouped with it
    toll = placed("Police said 3 people were killed.", 1)
    assert toll.figure.kind == "dead" and similarity(placed("Three passengers died in hospital.", 0), toll) == 0.0


def test_a_count_without_a_kind_is_less_alike_than_one_of_the_same_kind():
    crit = placed("Four patients were in a critical condition.", 0)
    same = placed("Three patients were in a critical condition.", 1)
    unknown = replace(same, figure=replace(same.figure, kind=""))  # the same words, no kind read from them
    assert same.figure.kind == "critical" and similarity(crit, unknown) < similarity(crit, same)


def test_day_words_are_no_context():
    a = placed("Five people had died by Monday night.", 0)
    assert not {"monday", "night"} & a.context
