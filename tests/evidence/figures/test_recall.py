"""Error classes that kept one thing in several outlets apart, or put two things together, found
on tests/fixtures/figures_blind2 (invented sentences, not its text)."""
from dataclasses import replace

from framing.evidence.figures import extract
from framing.compare.figure_groups import similarity
from framing.compare.figure_placing import place
from framing.text.document import parse


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


def named(text, article, who, date="2026-05-12"):
    return replace(placed(text, article, date), claimant=who, claimant_key=who, claimant_kind="official")


def test_a_participle_after_a_sum_s_noun_is_no_part_of_it():
    (g,) = extract(parse("Widows may apply to the £4m fund announced by the mayor."))
    assert (g.thing, g.head) == ("fund", "fund")


def test_far_values_of_one_specific_thing_still_group():
    # one named source's fund, written as 3.5 million in one outlet and 35 million in another
    a = named("The mayor announced a £3.5 million fund for the families.", 0, "mayor")
    b = named("The mayor unveiled a £35million fund for families.", 1, "mayor")
    assert similarity(a, b) >= 0.5
    # the same modifier and noun from two sources: 4% of the smoke alarms against 40%
    c = named("The landlord said 4% of the smoke alarms were broken.", 0, "landlord")
    d = named("Tenants said 40% of the smoke alarms were broken.", 1, "tenants")
    assert similarity(c, d) >= 0.5
    # "people" says nothing: far values of it stay apart
    e = named("The mayor said 30 people were moved.", 0, "mayor")
    assert similarity(e, named("The mayor said 300 people were moved.", 1, "mayor")) < 0.5


def test_a_distance_from_one_place_is_one_whatever_the_preposition():
    a = placed("The bus crashed 4 km south of Brindle Halt.", 0)
    b = placed("The bus crashed just half a mile from Brindle Halt.", 1)
    assert similarity(a, b) >= 0.5
    c = placed("The bus crashed 4 km north of Brindle Halt.", 1)
    assert similarity(placed("The bus crashed 6 km south of Brindle Halt.", 0), c) < 0.5


def test_a_year_after_the_next_figure_is_that_figure_s():
    a = placed("He said 30% of the pumps were broken and that repairs were cut by 12% since 2019.", 0)
    b = placed("He said 30% of the pumps were broken and that repairs were cut by 12% since 2019.", 0, n=1)
    assert a.era == frozenset() and b.era == {"2019"}


def test_one_length_in_two_units_is_likely_one_figure():
    a = placed("The canal towpath will stay shut along a 16 km stretch.", 0)
    b = placed("Ten miles of towpath will stay shut.", 1)
    assert a.figure.unit != b.figure.unit and similarity(a, b) >= 0.5
    c = placed("Twelve miles of towpath will stay shut.", 1)  # 19.3 km: not 16 km converted
    assert similarity(a, c) < similarity(a, b)


def test_the_only_count_of_a_thing_in_each_article_pairs():
    a = placed("The trust said it sent 30 tow trucks and three tow boats.", 0)
    b = placed("We counted at least 40 tow trucks queuing in the lanes.", 1)
    assert a.sole_thing and b.sole_thing
    assert similarity(a, b) > similarity(replace(a, sole_thing=False), b)


def test_an_approximate_figure_is_near_by_its_loose_end():
    from framing.compare.figure_values import _ratio

    fast = placed("Data show the coach was doing 128 km/h on the bend.", 0)
    nearly = placed("The coach hurtled into the bend at nearly 100mph.", 1)  # 161 km/h, or somewhat less
    assert _ratio(fast.figure, nearly.figure) < 1.25
    exact = placed("The coach hurtled into the bend at 100mph.", 1)
    assert _ratio(fast.figure, exact.figure) > 1.25


def test_a_bare_count_after_its_kind_verb_and_the_year_of_what_a_which_clause_is_of():
    (f,) = extract(parse("It was the worst pile-up since the 1994 Harrow Lane fire, which killed 9."))
    assert (f.text, f.dimension, f.kind) == ("9", "count", "dead")
    p = placed("It was the worst pile-up since the 1994 Harrow Lane fire, which killed 9.", 0)
    assert p.era == {"1994"}
    assert extract(parse("The storm killed 9 and more.")) == []  # not at a clause's end: no figure
