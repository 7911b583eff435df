"""A flag says outlets contradict each other: it needs figures of one time, one thing and one
claimant. Where the evidence that two figures are one thing is weak they are grouped, not flagged.
(Invented sentences; the gold sets measure the same classes on whole articles.)"""
from dataclasses import replace

from framing.evidence.figures import extract
from framing.compare.figure_groups import conflicts, same_thing, similarity
from framing.compare.figure_placing import place
from framing.compare.figures import label
from framing.text.document import parse


def placed(text, article, date="2026-05-12", claimant="", kind="", n=0):
    """The n-th figure of ``text`` placed as alignment places it, in article ``article``, given by ``claimant``."""
    p = place([{"attributions": [], "date": date}], [parse(text)], [f"outlet{article}"], {}, {})[n]
    # one sentence is not an article: its figure is not "the only one of its dimension" there
    return replace(p, article=article, claimant=claimant or "own voice", claimant_key=claimant, claimant_kind=kind,
                   sole=False)


def flagged(a, b):
    return bool(conflicts([a, b], [0, 1]))


def test_a_figure_of_another_year_is_another_thing():
    then = placed("Old people remember the storm of 1953, when about 300 huts were wrecked.", 0)
    then2 = placed("The last storm this strong, in 1953, wrecked some 300 huts.", 1)
    now = placed("Some 420 huts were wrecked.", 2)
    assert then.era == then2.era == {"1953"} and now.era == frozenset()
    assert similarity(then, now) == 0 == similarity(then2, now)
    assert similarity(then, then2) >= 0.5  # the two of 1953 are one thing
    assert placed("Since 1990, 35 huts have been rebuilt.", 0).era == {"1990"}
    assert placed("Last year, 35 huts were rebuilt.", 0, "2026-05-12").era == {"2025"}


def test_a_year_that_names_a_thing_or_is_now_does_not_date_a_figure():
    survey = placed("The mayor said repairs could cost £6 million and asked about the 2019 survey.", 0)
    assert survey.era == frozenset()
    assert placed("In 2026, 35 huts were rebuilt.", 0, "2026-05-12").era == frozenset()
    # a year in another clause, not a bare time: the count is of now
    assert placed("The storm killed 12 people, the regional office said, the worst since 1953.", 0).era == frozenset()


def test_counts_are_claims_of_their_article_s_day_and_since_starts_a_span():
    mon = placed("Boat crews rescued 140 people, the harbour office said.", 0, "2026-05-11", "harbour")
    tue = placed("The harbour office said crews had rescued 212 people since Sunday.", 1, "2026-05-12", "harbour")
    assert mon.times == {"2026-05-11"} and tue.times == {"2026-05-12"}
    assert not flagged(mon, tue)  # Tuesday's count updates Monday's
    same_day = placed("The harbour office said crews had rescued 212 people since Sunday.", 1, "2026-05-11", "harbour")
    assert flagged(mon, same_day)


def test_different_heads_and_modifiers_group_but_do_not_flag():
    homes = placed("The grid company said 9,000 homes had no power.", 0, claimant="grid")
    households = placed("The grid company said 6,000 households had no power.", 1, claimant="grid")
    assert similarity(homes, households) >= 0.5 and not same_thing(homes, households)
    assert not flagged(homes, households)
    fire = placed("The council sent 31 fire crews.", 0)
    emergency = placed("The council sent 45 emergency crews.", 1)
    assert not flagged(fire, emergency)
    assert flagged(fire, placed("The council sent 45 fire crews.", 1))
    # one named source for both: its own fund, worded two ways by the outlets
    a = placed("The minister announced £3 million in flood funding.", 0, claimant="minister", kind="official")
    b = placed("The minister promised a £9 million relief fund.", 1, claimant="minister", kind="official")
    assert same_thing(a, b) and flagged(a, b)


def test_people_alone_say_nothing_of_what_is_counted():
    a = placed("Officials said 800 people came to the fair.", 0, claimant="officials")
    b = placed("Officials said 1,500 people came to the fair.", 1, claimant="officials")
    assert not same_thing(a, b) and not flagged(a, b)
    dead = placed("Officials said 8 people were killed.", 0, claimant="officials")
    assert flagged(dead, placed("Officials said 11 people were killed.", 1, claimant="officials"))


def test_in_hospital_is_part_of_the_injured_grouped_but_never_flagged_against_them():
    hurt = placed("Medics said 60 people were hurt.", 0, claimant="medics")
    hosp = placed("Medics said 25 people were taken to hospital.", 1, claimant="medics")
    assert (hurt.figure.kind, hosp.figure.kind) == ("injured", "hospitalised")
    assert similarity(hurt, hosp) > 0 and not flagged(hurt, hosp)
    assert similarity(placed("Medics said 25 people were killed.", 1), hurt) == 0


def test_a_rescue_in_a_name_is_not_a_rescue():
    assert placed("Volunteers from Glenmoor Mountain Rescue fear as many as 9 people are missing.", 0).figure.kind \
        == "missing"
    assert placed("Crews rescued 40 people by boat.", 0).figure.kind == "rescued"


def test_a_sum_s_thing_said_before_it():
    assert placed("Insurers put storm damage at £40 million.", 0).figure.thing == "storm damage"
    assert placed("Relief money from the city stands at 3 million dollars.", 0).figure.head == "money"


def test_a_label_says_the_kind_of_people_counted():
    a, b = placed("Police said 8 people were killed.", 0), placed("Police said 8 people died.", 1)
    assert label([a, b], [0, 1]) == "people (dead)"
    c, d = placed("The town opened 3 rest centres.", 0), placed("The town opened 3 rest centres.", 1)
    assert label([c, d], [0, 1]) == "rest centres"


def one(text):
    (f,) = extract(parse(text))
    return f


def test_figures_the_blind_set_missed_as_classes():
    cold = one("Overnight the air fell to minus 4C.")
    assert (cold.value, cold.low, cold.text) == (-4, -4, "minus 4C")
    vol = one("The dam let out about 9 million cubic metres.")
    assert (vol.dimension, vol.low) == ("volume", 9e9)
    hurt = one("More than three dozen were hurt, medics said.")
    assert (hurt.value, hurt.bound, hurt.kind) == (36, ">", "injured")
    assert not extract(parse("Nine will be rebuilt."))  # no noun, no kind: not a figure
    homes = one("The council raised its count of damaged homes to 2,300 on Monday.")
    assert (homes.value, homes.thing, homes.head) == (2300, "damaged homes", "home")
    bodies = one("Divers found three more bodies.")
    assert (bodies.text, bodies.head, bodies.kind) == ("three more bodies", "body", "dead")


def test_a_figure_in_the_words_that_frame_a_quote_is_the_outlet_s():
    from framing.compare.figure_placing import claimant_of

    text = "“We will not stop,” the blogger told his 300,000 followers."
    f = one(text)
    quote = {"sentence": 0, "source_text": "the blogger", "source": [21, 32], "cue": [33, 37],
             "content": [0, 19], "kind": "social_media", "group": "b"}
    assert claimant_of(f, [quote], {}, {})[0] == "own voice"
    said = {**quote, "cue": [33, 37], "content": [38, len(text)]}  # what it says holds the figure
    assert claimant_of(f, [said], {}, {})[0] == "the blogger"
    text2 = "A spokesman for the 12 families said they would sue."
    group = {"sentence": 0, "source_text": "A spokesman for the 12 families", "source": [0, 31], "cue": [32, 36],
             "content": [37, len(text2)], "kind": "named", "group": "s"}
    assert claimant_of(one(text2), [group], {}, {})[0] == "own voice"


def test_an_anchor_keeps_its_direction_and_a_label_its_acronyms():
    text = "The town lies 40 miles north-east of Brenholt. The army lost at least one NATO radar."
    doc = parse(text)
    (dist, radar) = place([{"attributions": []}], [doc], ["x"], {}, {})
    assert dist.anchor == "north-east of Brenholt"
    assert label([radar], [0]) == "NATO radar"


def test_the_report_says_why_differing_values_are_not_flagged():
    from framing.compare.figures import align
    from framing.compare.report import _figures

    texts = ["The grid company said 9,000 homes had no power.", "The grid company said 6,000 households had no power."]
    records = [{"attributions": [], "date": "2026-05-12"}] * 2
    (group,) = align(records, [parse(t) for t in texts], ["A", "B"])
    assert not group["disagreement"] and group["values_differ"] and group["unflagged"] == ["thing"]
    line = next(x for x in _figures([group]) if x.startswith("- **"))
    assert "may not count the same thing" in line and "different sources" not in line


def test_a_temperature_s_kind_comes_from_its_own_clause_first():
    from framing.evidence.figures.kinds import temperature_kind

    text = "The sea was a freezing 41F – and the air a raw 30F as divers searched."
    (sea, air) = extract(parse(text))
    assert (sea.kind, air.kind) == ("water", "air")
    # the fire service's words do not make a river's temperature a fire's
    assert temperature_kind("The fire service said the river its crews crossed was 5C.", 51) == "water"


def test_a_measure_s_thing_that_runs_past_its_noun_still_pairs_by_a_shared_word():
    a = placed("Gauges on the moor showed 80mm of rain fell overnight.", 0)
    b = placed("More than three inches of rain soaked the valley.", 1)
    assert (a.figure.head, b.figure.head) == ("overnight", "soaked")  # the phrase runs on: no verbs known
    assert similarity(a, b) >= 0.5 and not same_thing(a, b)


def test_a_duration_written_as_an_adjective_reads_as_a_duration():
    from framing.compare.figure_values import display_value

    assert display_value(one("The eight-month siege ended.")) == "eight months"
    assert display_value(one("It lasted 3 hours.")) == "3 hours"


def test_since_a_year_dates_a_figure_unless_it_compares():
    assert placed("Some 40 homes have been rebuilt since 1961.", 0).era == {"1961"}
    assert placed("The worst flood since 1961 damaged 400 homes.", 0).era == frozenset()
    assert placed("It was the country's deadliest crash since 1998, killing 12 people.", 0).era == frozenset()


def test_a_specific_head_of_people_needs_no_kind():
    a = placed("The airline said 180 passengers were aboard.", 0, claimant="airline")
    b = placed("The airline said 210 passengers were aboard.", 1, claimant="airline")
    assert same_thing(a, b) and flagged(a, b)


def test_one_kind_of_count_still_needs_one_noun():
    grid = placed("The grid company said 12,000 households were without power.", 0, claimant="grid")
    homes = placed("The grid company said 9,000 homes had no power.", 1, claimant="grid")
    assert grid.figure.kind == homes.figure.kind == "without power" and not flagged(grid, homes)
    crew = placed("Police said three firefighters were killed.", 0, claimant="police")
    people = placed("Police said 15 people were killed.", 1, claimant="police")
    assert not same_thing(crew, people)
    residents = placed("The council said 3,000 residents were evacuated.", 0, claimant="council")
    assert flagged(residents, placed("The council said 5,000 people were evacuated.", 1, claimant="council"))
    toll = placed("Police put the death toll at 17.", 0, claimant="police")
    assert same_thing(toll, people)


def test_a_verb_before_and_that_belongs_to_the_count_before():
    (homes, people) = extract(parse("The council said 840 homes had been flooded and that about 3,400 residents "
                                    "had been evacuated."))
    assert (homes.kind, people.kind) == ("flooded", "evacuated")


def test_a_figure_said_as_an_update_is_a_claim_of_its_article_s_day():
    sat = placed("The water board said the lake stood at 97% of capacity.", 0, "2026-05-11", "board")
    sun = placed("The water board said the lake was now down to 80% of capacity.", 1, "2026-05-12", "board")
    assert sun.updated and not sat.updated and not flagged(sat, sun)
    assert flagged(sat, placed("The water board said the lake was at 80% of capacity.", 1, "2026-05-12", "board"))


def test_one_place_measured_from_does_not_make_one_thing():
    a = placed("Troops took Velka, just two miles from the frontier.", 0)
    b = placed("Troops took Orlin, around six miles from the frontier.", 1)
    assert a.anchor == b.anchor == "from the frontier" and not flagged(a, b)


def test_a_figure_is_given_by_the_innermost_attribution_that_holds_it():
    from framing.compare.figure_placing import claimant_of

    text = "The council said 300 people had left, while the grid firm said 9,000 homes had no power."
    homes = extract(parse(text))[1]
    council = {"sentence": 0, "source_text": "The council", "source": [0, 11], "cue": [12, 16],
               "content": [17, len(text)], "kind": "official", "group": "c"}
    grid = {"sentence": 0, "source_text": "the grid firm", "source": [44, 57], "cue": [58, 62],
            "content": [63, len(text)], "kind": "official", "group": "g"}
    assert claimant_of(homes, [council, grid], {}, {})[0] == "the grid firm"
