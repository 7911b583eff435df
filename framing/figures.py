"""Numbers with their units and context ("more than 6,000 sq km", "about 4,200 residents").

Each figure is typed by what it measures (area, distance, people, money, ...) and converted to
one base unit per kind, so figures from different outlets can be aligned and their
disagreements flagged in the comparison report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .types import Document

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozens": 24, "hundreds": 200, "thousands": 2000,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "k": 1e3}

# unit pattern -> (kind, canonical unit, factor to the kind's base unit)
_UNITS: list[tuple[str, str, str, float]] = [
    (r"sq(?:uare)?\.?\s*(?:km|kilomet(?:re|er)s?)|km2|km²", "area", "sq km", 1.0),
    (r"sq(?:uare)?\.?\s*mi(?:les?)?", "area", "sq mi", 2.58999),
    (r"hectares?|ha\b", "area", "ha", 0.01),
    (r"acres?", "area", "acres", 0.00404686),
    (r"(?:km|kilomet(?:re|er)s?)\b", "distance", "km", 1.0),
    (r"miles?\b|mi\b", "distance", "miles", 1.60934),
    (r"(?:met(?:re|er)s?|m)\b", "distance", "m", 0.001),
    (r"(?:mm|millimet(?:re|er)s?)\b", "rainfall/length", "mm", 1.0),
    (r"(?:per\s*cent|percent|%)", "percentage", "%", 1.0),
    (r"(?:tonnes?|tons?)\b", "weight", "tonnes", 1.0),
    (r"(?:hours?|hrs?)\b", "duration", "hours", 1.0),
    (r"days?\b", "duration", "days", 24.0),
    (r"(?:weeks?)\b", "duration", "weeks", 168.0),
    (r"(?:months?)\b", "duration", "months", 730.0),
]
_COUNT_NOUNS = {
    "people": "people", "persons": "people", "residents": "people", "civilians": "people", "families": "families",
    "soldiers": "troops", "troops": "troops", "fighters": "troops", "servicemen": "troops",
    "villages": "places", "towns": "places", "cities": "places", "settlements": "places", "homes": "buildings",
    "houses": "buildings", "buildings": "buildings", "tanks": "equipment", "vehicles": "equipment",
    "missiles": "weapons", "rockets": "weapons", "drones": "weapons", "shells": "weapons",
    "dead": "casualties", "killed": "casualties", "deaths": "casualties", "injured": "casualties",
    "wounded": "casualties", "casualties": "casualties", "victims": "casualties",
    "crews": "crews", "subscribers": "audience", "followers": "audience", "votes": "votes", "voters": "votes",
    "jobs": "jobs", "workers": "people", "children": "people", "students": "people", "patients": "people",
    "prisoners": "people", "refugees": "people", "migrants": "people", "evacuees": "people",
}
_CURRENCY = r"(?:[$£€¥]|US\$|USD|EUR|GBP)"

_QUAL = r"(?P<qual>more than|over|at least|up to|around|about|almost|nearly|some|roughly|approximately|fewer than|less than|under|just|only|as many as|an estimated)\s+"
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDNUM = r"(?P<wnum>" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_UNIT_ALT = "|".join(f"(?P<u{i}>{p})" for i, (p, *_r) in enumerate(_UNITS))
_PATTERN = re.compile(
    rf"(?:{_QUAL})?(?P<cur>{_CURRENCY})?\s?(?:{_NUM}|\b{_WORDNUM}\b)"
    rf"(?:\s?(?P<scale>thousand|million|billion|bn|m|k)\b)?"
    rf"(?:\s?(?:{_UNIT_ALT})|\s+(?P<noun>(?:[A-Za-z-]+\s){{0,2}}?(?:{'|'.join(_COUNT_NOUNS)}))\b)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Figure:
    value: float            # as written, scaled ("6,000" -> 6000.0; "2 million" -> 2e6)
    unit: str               # canonical unit or counted noun ("sq km", "people", "" if bare)
    kind: str               # what it measures: area, distance, people, money, ...
    base_value: float       # converted to the kind's base unit (sq km, km, ...), for alignment
    qualifier: str          # "more than", "about", ... or ""
    start: int
    end: int
    text: str
    sentence: int


def _value(m) -> float | None:
    if m.group("num"):
        v = float(m.group("num").replace(",", ""))
    elif m.group("wnum"):
        v = float(_WORD_NUMBERS[m.group("wnum").lower()])
    else:
        return None
    if m.group("scale"):
        v *= _SCALE[m.group("scale").lower()]
    return v


def extract(doc: Document) -> list[Figure]:
    """Figures with a unit, a counted noun or a currency; bare numbers and years are skipped."""
    out = []
    for s in doc.sentences:
        for m in _PATTERN.finditer(doc.text, s.start, s.end):
            v = _value(m)
            if v is None:
                continue
            unit, kind, factor = "", "", 1.0
            for i, (_p, k, u, f) in enumerate(_UNITS):
                if m.group(f"u{i}"):
                    unit, kind, factor = u, k, f
                    break
            if m.group("cur"):
                unit, kind = m.group("cur").upper(), "money"
            elif not unit and m.group("noun"):
                noun = m.group("noun").split()[-1].lower()
                unit, kind = noun, _COUNT_NOUNS[noun]
            if not kind:
                continue
            if m.group("wnum") and kind in ("duration", "distance", "rainfall/length"):
                continue  # "two days", "five miles" are description more than reported figures
            if m.group("num") and _YEAR.match(m.group("num")) and kind not in ("money", "area", "distance"):
                continue
            start = m.start("qual") if m.group("qual") else m.start()
            while doc.text[start].isspace():
                start += 1
            out.append(Figure(v, unit, kind, v * factor, (m.group("qual") or "").lower(), start, m.end(),
                              doc.text[start:m.end()], s.index))
    return out
