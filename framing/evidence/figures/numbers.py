"""Numbers as news text writes them: digits ("6,000", "3.5"), words ("two", "twenty-one",
"a dozen", "half a million") and scale words ("3.5 billion", "$120m", "2bn").

Words are parsed here rather than with text2num or number-parser: both read plain cardinals as
well, but neither reads "a dozen", "a hundred" or "half a million" (measured on the figures gold
set: bench/figures_eval.py).
"""
from __future__ import annotations

import re

SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
DOZEN = 12
SCALE_SUFFIX = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9,
                "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}

_WORD = "|".join(sorted([*SMALL, *TENS, *SCALES, "dozen"], key=len, reverse=True))
# "and" only after a scale word ("two hundred and five"), never between two numbers ("one and two")
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
WORDS_RE = (rf"(?:(?:half\s+)?an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
            rf"(?:{_WORD})(?:(?:{_AND}|[\s-]+)(?:{_WORD}))*\b(?!-(?:{_WORD})\b)")
DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE_RE = r"(?:\s?(?:thousand|million|billion|trillion)\b|(?:k|mn|mln|m|bn|b|tn)\b)"
# "half a mile", "half an hour": a fraction of the unit that follows (not "half a million": a number word)
HALF_RE = rf"half\s+an?(?=\s+(?!(?:{_WORD})\b)[a-z])"
_NUMBER = (rf"(?:(?P<digits>{DIGITS_RE})(?P<scale>{SCALE_RE})?(?!\d|,\d)|(?P<words>{WORDS_RE})"
           rf"|(?P<half>{HALF_RE}))")
NUMBER_RE = re.compile(rf"(?<![\w.,-]){_NUMBER}", re.IGNORECASE)
NUMBER_AFTER_DASH = re.compile(_NUMBER, re.IGNORECASE)  # the second number of "5-6 km"


def words_value(text: str) -> float | None:
    """The value of number words ("two hundred and five" -> 205, "a dozen" -> 12); None if they
    do not make one number ("five six")."""
    toks = re.findall(r"[a-z]+", text.lower())
    half = toks[:1] == ["half"]
    toks = [t for t in toks if t not in ("and", "half")]
    if toks[:1] in (["a"], ["an"]):
        toks[0] = "one"
    total, current, last = 0, 0, None
    for t in toks:
        if t in SMALL or t in TENS:
            v = SMALL.get(t, TENS.get(t))
            # "twenty one" is fine; "five six" or "twenty thirty" is not one number
            if last in ("small", "tens") and not (last == "tens" and t in SMALL and v < 10):
                return None
            current += v
            last = "tens" if t in TENS else "small"
        elif t == "dozen":
            current = (current or 1) * DOZEN
            last = "scale"
        elif t == "hundred":
            current = (current or 1) * 100
            last = "scale"
        elif t in SCALES:
            total += (current or 1) * SCALES[t]
            current = 0
            last = "scale"
        else:
            return None
    value = float(total + current)
    return value / 2 if half else value


def value_of(m: re.Match) -> float | None:
    """The value of a NUMBER_RE match, scale words applied."""
    if m.group("digits"):
        v = float(m.group("digits").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        return v * SCALE_SUFFIX[scale] if scale else v
    if m.group("half"):
        return 0.5
    return words_value(m.group("words"))
