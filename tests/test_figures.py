import pytest

from framing.figures import extract
from framing.text import parse


def figs(text):
    return [(f.kind, f.unit, f.value, f.qualifier, f.text) for f in extract(parse(text))]


@pytest.mark.parametrize("text, expected", [
    ("The army retook around 1,158sq km on Monday.", ("area", "sq km", 1158.0, "around", "around 1,158sq km")),
    ("Troops have retaken more than 6,000 sq km.", ("area", "sq km", 6000.0, "more than", "more than 6,000 sq km")),
    ("That is 2,317 square miles.", ("area", "sq mi", 2317.0, "", "2,317 square miles")),
    ("About 4,200 residents were moved.", ("people", "residents", 4200.0, "about", "About 4,200 residents")),
    ("The fund lost $2.5 billion last year.", ("money", "$", 2.5e9, "", "$2.5 billion")),
    ("Turnout rose to 61.5% in the city.", ("percentage", "%", 61.5, "", "61.5%")),
])
def test_figures_with_units_and_qualifiers(text, expected):
    assert figs(text)[0] == expected


def test_area_is_converted_to_square_kilometres():
    (f,) = extract(parse("They took 2,317 square miles."))
    assert f.base_value == pytest.approx(6001, rel=0.01)


def test_bare_numbers_and_years_are_skipped():
    assert figs("In 2022 the vote was 52 to 48, and No. 10 said so.") == []


def test_offsets_are_exact():
    text = "Officials said more than 10,000 people fled and 38 sq km flooded."
    for f in extract(parse(text)):
        assert text[f.start:f.end] == f.text
