"""Units as they are written in news text, and their conversion (with pint) to one canonical
unit per dimension, so "2,317 square miles" and "6,000 sq km" can be seen to be the same area.

Currencies are not converted into each other (no exchange rates offline): each currency is its
own dimension, and only its scale words ("$3.5bn") are applied.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# dimension -> (canonical pint unit, how it is shown)
CANONICAL = {
    "area": ("km**2", "km²"),
    "length": ("km", "km"),
    "speed": ("km/hour", "km/h"),
    "duration": ("day", "days"),
    "mass": ("tonne", "tonnes"),
    "volume": ("litre", "litres"),
    "temperature": ("degC", "°C"),
    "percentage": (None, "%"),
    "percentage points": (None, "percentage points"),
}

_METRE = r"met(?:re|er)s?"
# (pattern written after a number, pint unit, dimension); the first match wins, so longer and
# compound units come before their parts ("square miles" before "miles", "km/h" before "km").
UNITS: list[tuple[str, str, str]] = [
    (rf"sq(?:uare)?\.?\s?(?:km|kilo{_METRE})\b|km2\b|km²|square\s+kilo{_METRE}", "km**2", "area"),
    (r"sq(?:uare)?\.?\s?mi(?:les?)?\b|mi2\b|mi²", "mi**2", "area"),
    (rf"sq(?:uare)?\.?\s?(?:m\b|{_METRE})|m2\b|m²", "m**2", "area"),
    (r"hectares?\b|ha\b", "ha", "area"),
    (r"acres?\b", "acre", "area"),
    (rf"km/h\b|kmh\b|kph\b|kilo{_METRE}\s+(?:per|an|a)\s+hour", "km/hour", "speed"),
    (r"mph\b|miles\s+(?:per|an|a)\s+hour", "mile/hour", "speed"),
    (r"knots?\b", "knot", "speed"),
    (rf"km\b|kilo{_METRE}\b", "km", "length"),
    (r"nautical\s+miles?\b", "nautical_mile", "length"),
    (r"miles?\b", "mile", "length"),
    (rf"cm\b|centi{_METRE}\b", "cm", "length"),
    (rf"mm\b|milli{_METRE}\b", "mm", "length"),
    (rf"{_METRE}\b|m\b", "m", "length"),   # "m" after a sum or before a counted noun is "million": see extract
    (r"(?:feet|foot|ft)\b", "foot", "length"),
    (r"yards?\b", "yard", "length"),
    (r"inch(?:es)?\b", "inch", "length"),
    (r"short\s+tons?\b", "short_ton", "mass"),   # US tons: 2,700 tonnes is "about 2,980 short tons"
    (r"long\s+tons?\b", "long_ton", "mass"),
    (r"(?:metric\s+)?(?:tonnes?|tons?)\b", "tonne", "mass"),
    (r"kg\b|kilo(?:gram(?:me)?)?s?\b", "kg", "mass"),
    (r"lbs?\b", "pound", "mass"),
    (rf"cubic\s+{_METRE}\b|cu\.?\s?m\b|m3\b|m³", "m**3", "volume"),   # before "m" of length would do
    (r"cubic\s+(?:feet|foot)\b|cu\.?\s?ft\b", "foot**3", "volume"),
    (r"(?:lit(?:re|er)s?)\b", "litre", "volume"),
    (r"(?:gallons?)\b", "gallon", "volume"),
    (r"(?:barrels?)\b", "barrel", "volume"),
    (r"°\s?C\b|degrees?\s+(?:celsius|centigrade|c)\b|(?<=\d)C\b", "degC", "temperature"),
    (r"°\s?F\b|degrees?\s+(?:fahrenheit|f)\b|(?<=\d)F\b", "degF", "temperature"),
    (r"percentage\s+points?\b", "", "percentage points"),
    (r"per\s?cent\b|percent\b|%", "", "percentage"),
    (r"seconds?\b|secs?\b", "second", "duration"),
    (r"minutes?\b|mins?\b", "minute", "duration"),
    (r"hours?\b|hrs?\b", "hour", "duration"),
    (r"days?\b", "day", "duration"),
    (r"weeks?\b", "week", "duration"),
    (r"months?\b", "month", "duration"),
    (r"years?\b(?![\s-]*old)", "year", "duration"),
    (r"decades?\b", "decade", "duration"),
]
UNIT_RE = re.compile("|".join(f"(?P<u{i}>{p})" for i, (p, _u, _d) in enumerate(UNITS)), re.IGNORECASE)

# Currency written before the number ($5, US$5, £5, €5) or after it (5 dollars, 5 euros, 5 USD).
CURRENCY_BEFORE = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR",
                   "¥": "JPY", "a$": "AUD", "c$": "CAD", "₴": "UAH", "₽": "RUB", "₹": "INR"}
CURRENCY_BEFORE_RE = re.compile(r"(?:US\$|A\$|C\$|[$£€¥₴₽₹]|(?:USD|EUR|GBP)\s?)$", re.IGNORECASE)
CURRENCY_AFTER = {"dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "pound": "GBP", "gbp": "GBP",
                  "sterling": "GBP", "yen": "JPY", "hryvnia": "UAH", "rouble": "RUB", "ruble": "RUB",
                  "rupee": "INR", "yuan": "CNY", "franc": "CHF"}
CURRENCY_AFTER_RE = re.compile(r"(?:(?:US|U\.S\.|Australian|Canadian)\s+)?(dollars?|euros?|pounds?(?:\s+sterling)?|"
                               r"sterling|yen|hryvnias?|roubles?|rubles?|rupees?|yuan|francs?|USD|EUR|GBP)\b",
                               re.IGNORECASE)
CURRENCY_SYMBOL = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}


def unit_at(match: re.Match) -> tuple[str, str, str]:
    """(pint unit, dimension, the unit as written) of a UNIT_RE match."""
    for i, (_p, unit, dim) in enumerate(UNITS):
        if match.group(f"u{i}") is not None:
            return unit, dim, match.group(f"u{i}")
    raise ValueError(match.group())  # pragma: no cover - one alternative always matched


@lru_cache(maxsize=1)
def registry():
    import pint

    path = resources.files("framing.resources").joinpath("units.txt")
    with resources.as_file(path) as p:
        return pint.UnitRegistry(str(p), cache_folder=None)


@lru_cache(maxsize=256)
def _factor(unit: str, dimension: str) -> tuple[float, float]:
    """(scale, offset) taking ``unit`` to the dimension's canonical unit: canonical = v * scale + offset."""
    target = CANONICAL[dimension][0]
    if not unit or target is None:
        return 1.0, 0.0
    q = registry().Quantity
    zero = q(0.0, unit).to(target).magnitude
    return q(1.0, unit).to(target).magnitude - zero, zero


def to_canonical(value: float, unit: str, dimension: str) -> float:
    scale, offset = _factor(unit, dimension)
    return value * scale + offset


def canonical_symbol(dimension: str) -> str:
    if dimension.startswith("money:"):
        return dimension.split(":", 1)[1]
    return CANONICAL.get(dimension, (None, ""))[1]
