"""A figure's value: the interval it allows (bounds, approximation, rounding), whether two figures can
both be true, how many times larger one is, and the value as a reader reads it."""
from __future__ import annotations

import math
import re

from framing.evidence.figures.extract import Figure
from framing.evidence.figures.units import CANONICAL, CURRENCY_SYMBOL, canonical_symbol

APPROX_TOLERANCE = 0.10   # "about", "around", "some"; an exact figure stands for its rounding step


def interval(f: Figure) -> tuple[float, float]:
    """The values ``f`` allows, in its canonical unit: bounds and rounding taken into account
    ("35 million" is 34.5 to 35.5 million; "more than 6,000" anything above 6,000)."""
    lo, hi, s = f.low, f.high, f.spread
    b = f.bound
    if b in (">", ">="):
        return lo, float("inf")
    if b in ("<", "<="):
        return 0.0 if lo >= 0 else float("-inf"), hi
    if b == "~<":
        return lo - max(abs(lo) * APPROX_TOLERANCE, s), hi + s
    if b == "~":
        return lo - max(abs(lo) * APPROX_TOLERANCE, s), hi + max(abs(hi) * APPROX_TOLERANCE, s)
    return lo - s, hi + s


def compatible(a: Figure, b: Figure, open_bound: float = math.inf) -> bool:
    """Whether both figures can be true; values exactly at each other's rounding edge ("35 million"
    and "36 million" meet at 35.5) are not. ``open_bound`` caps how far "more than" and "less
    than" reach (a factor), for the question whether two figures are likely one thing."""
    (alo, ahi), (blo, bhi) = _capped(a, open_bound), _capped(b, open_bound)
    return alo < bhi and blo < ahi


def _capped(f: Figure, factor: float) -> tuple[float, float]:
    lo, hi = interval(f)
    if f.bound in (">", ">=") and f.low > 0:
        hi = min(hi, f.low * factor)
    elif f.bound in ("<", "<=") and f.high > 0:
        lo = max(lo, f.high / factor)
    return lo, hi


def _ratio(a: Figure, b: Figure) -> float:
    """How many times larger one figure's value is than the other's (ranges by their middle; a
    figure said to be approximate by the end of its range nearest the other: "nearly 100mph" may be
    90)."""
    x, y = (_point(f, g) for f, g in ((a, b), (b, a)))
    return max(x, y) / min(x, y) if min(x, y) > 0 else 1.0


def _point(f: Figure, other: Figure) -> float:
    mid = abs(f.low + f.high) / 2
    if f.bound not in ("~", "~<"):
        return mid
    lo, hi = interval(f)
    target = abs(other.low + other.high) / 2
    return min(max(target, abs(lo)), abs(hi)) if lo >= 0 else mid


def _number(v: float, converted: bool = False) -> str:
    """A value as a reader wants it: "3.5 billion", "6,000", "8.05" (a converted value to three
    significant digits: "20 miles" is "32.2 km", not "32.18688 km")."""
    if v >= 1e9 and v % 1e7 == 0:
        return f"{v / 1e9:g} billion"
    if v >= 1e6 and v % 1e4 == 0:
        return f"{v / 1e6:g} million"
    if converted and v:
        v = round(v, 2 - int(math.floor(math.log10(abs(v)))))
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


_BOUND_WORDS = {"=": "", "~": "about ", "~<": "nearly ", ">": "more than ", ">=": "at least ", "<": "less than ",
                "<=": "up to ", "range": ""}


def display_value(f: Figure) -> str:
    """The value in its dimension's canonical unit ("more than 6,000 km²"), so that restated and
    converted figures read alike; counts, sums and durations as written ("a dozen packages",
    "$3.5 billion", "seven months" read better than "213 days")."""
    if f.dimension == "duration":  # "a seven-month war" lasts "seven months"
        m = re.fullmatch(r"(.+)-(second|minute|hour|day|week|month|year|decade)", f.text)
        return f"{m.group(1)} {m.group(2)}{'s' if f.value != 1 else ''}" if m else f.text
    if f.dimension == "count":
        return f.text
    if f.dimension.startswith("money:"):
        cur = f.dimension.split(":", 1)[1]
        sym = CURRENCY_SYMBOL.get(cur)
        amount = _number(f.low) + (f"–{_number(f.high)}" if f.bound == "range" else "")
        return _BOUND_WORDS[f.bound] + (f"{sym}{amount}" if sym else f"{amount} {cur}")
    unit = canonical_symbol(f.dimension)
    converted = f.unit != CANONICAL.get(f.dimension, ("",))[0]
    if f.dimension == "length" and f.high < 0.001:
        lo, hi, unit = f.low * 1e6, f.high * 1e6, "mm"
    elif f.dimension == "length" and f.high < 1:
        lo, hi, unit = f.low * 1000, f.high * 1000, "m"
    else:
        lo, hi = f.low, f.high
    amount = _number(lo, converted) + (f"–{_number(hi, converted)}" if f.bound == "range" else "")
    sep = "" if unit in ("%", "°C") else " "
    return f"{_BOUND_WORDS[f.bound]}{amount}{sep}{unit}"
