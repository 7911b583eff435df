import pytest

from framing.evidence.figures import extract, merge
from framing.compare.figure_values import compatible, display_value, interval
from framing.evidence.figures.numbers import words_value
from framing.text.document import parse


def figs(text):
    return [(f.dimension, f.value, f.bound, f.text) for f in extract(parse(text))]


def merged(text):
    return merge(extract(parse(text)), text)


@pytest.mark.parametrize("text, expected", [
    ("The army retook around 1,158sq km on Monday.", ("area", 1158.0, "~", "around 1,158sq km")),
    ("Troops have retaken more than 6,000 sq km.", ("area", 6000.0, ">", "more than 6,000 sq km")),
    ("That is 2,317 square miles.", ("area", 2317.0, "=", "2,317 square miles")),
    ("About 4,200 residents were moved.", ("count", 4200.0, "~", "About 4,200 residents")),
    ("The fund lost $2.5 billion last year.", ("money:USD", 2.5e9, "=", "$2.5 billion")),
    ("Turnout rose to 61.5% in the city.", ("percentage", 61.5, "=", "61.5%")),
    ("The village is just five miles from Kharkiv.", ("length", 5.0, "=", "five miles")),
    ("Lyptsi lies around six miles from the frontier.", ("length", 6.0, "~", "around six miles")),
    ("At least a dozen packages were mailed.", ("count", 12.0, ">=", "At least a dozen packages")),
    ("Up to 60mph winds hit the coast.", ("speed", 60.0, "<=", "Up to 60mph")),
    ("It cost 35 million dollars.", ("money:USD", 35e6, "=", "35 million dollars")),
    ("Half a million people marched.", ("count", 5e5, "=", "Half a million people")),
])
def test_figures_with_units_bounds_and_numbers_in_words(text, expected):
    assert figs(text)[0] == expected


@pytest.mark.parametrize("words, value", [
    ("two hundred and five", 205), ("twenty-one", 21), ("a dozen", 12), ("two dozen", 24), ("a hundred", 100),
    ("three million", 3e6), ("fifteen hundred", 1500), ("half a million", 5e5), ("five six", None),
])
def test_number_words(words, value):
    assert words_value(words) == value


def test_ranges_keep_both_ends_and_a_shared_scale():
    (a,) = extract(parse("Between 7,500 and 8,200 residents left."))
    assert (a.value, a.value_high, a.bound) == (7500, 8200, "range")
    (b,) = extract(parse("Three to four million people voted."))
    assert (b.value, b.value_high) == (3e6, 4e6)
    (c,) = extract(parse("The road is 5-6 km long."))
    assert (c.low, c.high) == (5, 6)


def test_units_are_normalised_with_pint():
    (f,) = extract(parse("They took 2,317 square miles."))
    assert f.low == pytest.approx(6001, rel=0.001)
    (t,) = extract(parse("It was 100F in the shade."))
    assert t.low == pytest.approx(37.78, abs=0.01)
    (s,) = extract(parse("Gusts of 60 mph were measured."))
    assert s.low == pytest.approx(96.56, abs=0.01) and s.thing == "gusts"


def test_the_counted_thing_is_the_head_noun_and_its_modifiers():
    (f,) = extract(parse("Police found 12 crude explosive devices near the station on Friday."))
    assert (f.thing, f.head) == ("crude explosive devices", "device")
    (g,) = extract(parse("A video shows five soldiers standing on a roof."))
    assert (g.thing, g.head) == ("soldiers", "soldier")
    (h,) = extract(parse("Crews cut a 30km firebreak."))
    assert h.thing == "firebreak"


@pytest.mark.parametrize("text", [
    "In 2022 the vote was 52 to 48, and No. 10 said so.",
    "A 45-year-old man was arrested at 3pm on August 14.",
    "Route 9 remains closed; it was the 21st closure.",
    "One of the officers said one day it would end.",
    "Dozens of villages and hundreds of homes were hit.",
])
def test_not_figures(text):
    assert figs(text) == []


def test_offsets_are_exact():
    text = "Officials said more than 10,000 people fled and 38 sq km flooded, costing $3.5bn."
    for f in extract(parse(text)):
        assert text[f.start:f.end] == f.text


def test_a_figure_restated_in_another_unit_is_one_figure():
    text = "Troops retook more than 6,000 sq km (2,317 square miles). Later: “we liberated more than 6,000 sq km”."
    (f,) = merged(text)
    assert [t for _s, _e, t in f.restated] == ["2,317 square miles", "more than 6,000 sq km"]
    (g,) = merged("They hold a 32km (20 mile) front line.")
    assert g.restated[0][2] == "20 mile" and g.thing == "front line"


def test_different_things_of_similar_size_are_not_merged():
    text = "The front line is 32km (20 mile) long. The city sits just 20 miles from the border."
    assert len(merged(text)) == 2


def test_bounds_and_rounding_decide_compatibility():
    def one(t):
        return extract(parse(t))[0]
    assert not compatible(one("It cost $3.5 billion."), one("It cost $3.6 billion."))
    assert compatible(one("It cost $35 million."), one("It cost $35.4 million."))
    assert compatible(one("more than 900 firefighters came"), one("1,200 firefighters came"))
    assert not compatible(one("around 1,158 sq km was taken"), one("more than 6,000 sq km was taken"))
    assert compatible(one("They cut a 30km firebreak."), one("They cut a 19-mile firebreak."))
    lo, hi = interval(one("At least a dozen people were hurt."))
    assert lo == 12 and hi == float("inf")


def test_display_in_canonical_units():
    assert display_value(extract(parse("It covers 2,317 square miles."))[0]) == "6,000 km²"
    assert display_value(extract(parse("It covers more than 6,000 sq km."))[0]) == "more than 6,000 km²"
    assert display_value(extract(parse("It costs $3.5bn."))[0]) == "$3.5 billion"
