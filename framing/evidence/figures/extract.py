"""Document -> figures: numbers with a unit, a currency or a counted thing, with their bounds
("more than", "about", "up to"), ranges, the canonical value, and the thing they count or measure.

A figure restated in the same article ("6,000 sq km (2,317 square miles)", the same "6,000 sq km"
again two paragraphs on) is one figure, its other mentions kept in ``restated``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from framing.types import Document
from framing.evidence.figures.kinds import count_kind, temperature_kind
from framing.evidence.figures.numbers import NUMBER_AFTER_DASH, NUMBER_RE, SCALE_SUFFIX, value_of
from framing.evidence.figures.units import (CURRENCY_AFTER, CURRENCY_AFTER_RE, CURRENCY_BEFORE, CURRENCY_BEFORE_RE, UNIT_RE,
                    to_canonical, unit_at)

# qualifier as written -> bound: how the written value relates to the true one
QUALIFIERS = {
    "more than": ">", "over": ">", "upwards of": ">", "in excess of": ">", "just over": ">", "above": ">",
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "a minimum of": ">=",
    "up to": "<=", "as many as": "<=", "at most": "<=", "no more than": "<=", "as much as": "<=",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<", "just under": "<",
    "nearly": "~<", "almost": "~<", "close to": "~<", "approaching": "~<",
    "about": "~", "around": "~", "some": "~", "roughly": "~", "approximately": "~", "an estimated": "~",
    "estimated": "~", "more or less": "~", "or so": "~", "circa": "~",
}
_QUAL_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
                      + r")\s+(?:(?:just|only)\s+)?$", re.IGNORECASE)
_RANGE_RE = re.compile(r"\s?(?P<sep>-|–|—|to|and)\s?", re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
           "february", "march", "april", "june", "july", "august", "september", "october", "november", "december")
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
_NOT_AFTER = re.compile(r"\s?(?:[ap]\.?m\b\.?|:\d|st\b|nd\b|rd\b|th\b|s\b)|[\s-]*years?[\s-]*old\b|[\s-]+per\s+capita",
                        re.IGNORECASE)
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z’'-]*)")
_CURRENCY_SIGN = re.compile(r"US\$|A\$|C\$|[$£€¥₴₽₹]")  # "between €400 million and €500 million"
# a count whose noun came before it: "the death toll at 17", "1,420 homes need repairs and 85 will ..."
_TOLL = re.compile(r"\b(death\s+)?toll\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ELLIPTIC = re.compile(r"\s+(?:will|would|were|was|are|is|have|had|has|remain(?:s|ed)?)\b")
# a length that is a width, depth or height: "a crater about 35 metres wide", "35 to 40 metres across"
_EXTENT = {"wide": "width", "across": "width", "in diameter": "width", "deep": "depth", "high": "height",
           "tall": "height", "long": "length"}
_EXTENT_RE = re.compile(r"\s+(" + "|".join(_EXTENT) + r")\b(?!\s+(?:the|a|an|its|their|this|that)\b)", re.IGNORECASE)
_MINUS = re.compile(r"\bminus\s+$", re.IGNORECASE)
# a count whose noun is named before it: "raised its count of flooded homes to 1,100"
_COUNT_OF = re.compile(r"\b(?:count|number|total|tally)\s+of\s+(?P<thing>(?:[a-z]+\s+){0,2}?[a-z]+)\s+"
                       r"(?:(?:rose|rises|risen|fell|falls|stands|stood|is|was|reached|climbed)\s+)?(?:to|at)\s+$")
# a bare count right after the verb that says its kind, at the end of a clause: "a crash which killed 14."
_KIND_VERB = re.compile(r"\b(?:kill(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing)|evacuat(?:ed|ing))\s+"
                        r"(?:(?:at\s+least|more\s+than|about|some|nearly|around)\s+)?$", re.IGNORECASE)
_SCALED = re.compile(r"(?:thousand|million|billion|trillion|bn|mn|m|k)$", re.IGNORECASE)

# Words a counted noun phrase stops at: determiners, prepositions, auxiliaries, pronouns, conjunctions.
FUNCTION = frozenset("""a an the of in on at to for from by with about into onto over under after before during since
until than as and or but nor if that which who whom whose this these those it its their they them there here is are
was were be been being has have had do does did will would could should may might must can shall said says told say
not no so also just only still now then when where while because per each every all both either neither some any
such very too more most less least out up down off away back again even across along around between among within
without against toward towards via including like near""".split())
# Plural nouns that do not end in -s, and adjectives that stand as counted heads ("12 dead").
IRREGULAR = frozenset("""people children men women police personnel staff aircraft sheep cattle livestock deer fish
crew militia clergy dead injured wounded missing killed offspring""".split())
NOT_THINGS = frozenset("""times ways percent cents points odds others ones tens dozens hundreds thousands millions
billions""".split())
_SINGULAR = [(re.compile(p), r) for p, r in ((r"ies$", "y"), (r"(ss|sh|ch|x|z)es$", r"\1"), (r"([^s])s$", r"\1"))]


@dataclass(frozen=True, slots=True)
class Figure:
    value: float              # as written, scale applied ("$3.5bn" -> 3.5e9); the low end of a range
    value_high: float         # the high end of a range; ``value`` otherwise
    unit: str                 # pint unit ("mile**2", "km"), currency code ("USD"), "" for a count
    dimension: str            # area, length, speed, duration, mass, volume, temperature, percentage,
                              # money:USD (one per currency), count
    low: float                # in the dimension's canonical unit (km², km, days, ...)
    high: float
    spread: float             # half the step the value is written to, canonical ("19 miles": ±0.5 mile = ±0.8 km)
    bound: str                # "=", "~", ">", ">=", "<", "<=", "~<" (nearly), "range"
    qualifier: str            # "more than", "about", ... as written, lower-cased
    thing: str                # what is counted or measured: head noun with its modifiers ("crude explosive devices")
    head: str                 # that head noun, singular ("device"); "" when none was found
    start: int
    end: int
    text: str
    sentence: int
    restated: tuple[tuple[int, int, str], ...] = ()   # other mentions of the same figure: (start, end, text)
    kind: str = ""            # what kind of thing it is of, from the words around it (kinds.py): "dead",
                              # "evacuated", "fire" (a temperature); "" when they do not say


def singular(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w in IRREGULAR:
        return w
    for pat, rep in _SINGULAR:
        if pat.search(w):
            return pat.sub(rep, w)
    return w


def _plural_like(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR:
        return True
    return (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")) and w not in FUNCTION
            and w not in NOT_THINGS)


def _words(text: str, pos: int, end: int, limit: int = 5) -> list[tuple[str, int, int]]:
    """Up to ``limit`` words from ``pos``, stopping at punctuation, numbers and function words."""
    out = []
    while len(out) < limit:
        m = _WORD.match(text, pos, end)
        if not m or m.group(1).lower() in FUNCTION or NUMBER_RE.match(m.group(1)):
            break
        out.append((m.group(1), m.start(1), m.end(1)))
        pos = m.end()
    return out


def counted_phrase(text: str, pos: int, end: int, value: float) -> tuple[str, str, int]:
    """(thing, head, end offset) of the noun phrase a count stands before ("12 crude explosive
    devices were" -> "crude explosive devices", "device"); ("", "", pos) when there is none."""
    more = re.match(r"\s+(?:more|other)(?=\s+(?!than\b)[a-z])", text[pos:end])  # "two more bodies"
    words = _words(text, pos + more.end() if more else pos, end)
    if words and words[0][0].lower() == "others":  # "200 others": the count before it says of what (_in_sentence)
        return "others", "other", words[0][2]
    for i, (w, _s, e) in enumerate(words):
        if _plural_like(w):
            return " ".join(x for x, _a, _b in words[:i + 1]), singular(w), e
    if value == 1 and words and len(words) <= 3 and words[-1][0].islower():  # "1 person", "one firefighter was hurt"
        return " ".join(x for x, _a, _b in words), singular(words[-1][0]), words[-1][2]
    return "", "", pos


def measured_phrase(text: str, pos: int, end: int, before: str, money: bool, percent: bool = False) -> tuple[str, str]:
    """What a measurement measures: "of the territory" / "in emergency aid" after it, the noun it
    stands before ("a 32km front line"), or the noun it is "of" ("winds of up to 60 mph")."""
    paren = re.match(r"\s*\([^()]{0,60}\)", text[pos:end])  # a restatement in brackets: look past it
    if paren:
        pos += paren.end()
    extent = _EXTENT_RE.match(text, pos, end)
    if extent and not money and not percent:
        what = _EXTENT[extent.group(1).lower()]
        noun = re.search(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z]+)\s+(?:(?:is|was|measur\w+)\s+)?$", before)
        return (f"{noun.group(1)} {what}", f"{noun.group(1)} {what}") if noun else (what, what)
    m = re.compile(r"\s+(?:of|in|for)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?" if money else
                   r"\s+of\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?").match(text, pos, end)
    if m:
        words = _words(text, m.end(), end, 3)
        if words and not words[0][0][:1].isupper():
            return " ".join(w for w, _a, _b in words), singular(words[-1][0])
    if re.search(r"(?:\b(?:a|an|the|its|their)\s+\S*|-)$", before, re.IGNORECASE):  # "a 32km front line", "a 19-mile firebreak"
        words = _words(text, pos, end, 3)
        # "a £2.5m fund announced by ...": a participle after the noun is no part of it
        words = words[:next((i for i, w in enumerate(words) if i and w[0].endswith("ed")), len(words))]
        if words and not words[0][0][:1].isupper():
            return " ".join(w for w, _a, _b in words), singular(words[-1][0])
    after = _words(text, pos, end, 1)
    if percent and after and after[0][0].islower():  # "35% contained", "61.5% turnout"
        return after[0][0], singular(after[0][0])
    of = re.search(r"\b([A-Za-z]+)\s+of\s+$", before)  # "winds of up to 60 mph", "an area of 120 sq km"
    if of and of.group(1).lower() not in FUNCTION:
        return of.group(1).lower(), singular(of.group(1))
    said = _PUT_AT.search(before) or _STANDS_AT.search(before)
    if said:
        words = [w for w in said.group("thing").split() if w.lower() not in FUNCTION]
        if words and all(w.isalpha() for w in words):
            return " ".join(words).lower(), singular(words[-1])
    return "", ""


# what a sum or measure is of, said before it: "insurers put early damage at £40 million", "Emergency
# aid from the state stands at 35 million dollars"
_PUT_AT = re.compile(r"\b(?:put|puts|estimated?|estimates|valued?|values|placed?)\s+(?:the\s+|its\s+|their\s+)?"
                     r"(?P<thing>(?:[a-z]+\s+)?[a-z]+)\s+at\s+$")
_STANDS_AT = re.compile(r"(?:^|\b(?:the|its|their)\s+|[.;:]\s*)(?P<thing>(?:[A-Za-z]+\s+)?[a-z]+)"
                        r"(?:\s+(?:from|of|for)\s+(?:the\s+)?[a-z]+)?"
                        r"\s+(?:stands|stood|totals|totalled|totaled|amounts\s+to|amounted\s+to)\s+(?:at\s+)?$")


def extract(doc: Document) -> list[Figure]:
    """Every figure mention in ``doc``, in order (restatements not yet merged: see ``merge``)."""
    text = doc.text
    out: list[Figure] = []
    for s in doc.sentences:
        consumed = s.start
        found: list[Figure] = []
        for m in NUMBER_RE.finditer(text, s.start, s.end):
            if m.start() < consumed:
                continue
            fig = _figure(text, s, m)
            if fig is not None:
                found.append(fig)
                consumed = fig.end
        out += _in_sentence(text, s, found)
    return out


def _in_sentence(text: str, s, figs: list[Figure]) -> list[Figure]:
    """What a sentence's figures count, from each other and their clauses: "more than 200 others"
    and "85 will ..." count what the count before them counts; each count's kind is read between
    the figure before it and the next count (kinds.py)."""
    out: list[Figure] = []
    for i, f in enumerate(figs):
        prev = next((g for g in reversed(out) if g.dimension == "count"), None)
        if f.dimension == "count" and f.head in ("", "other") and prev is not None:
            f = replace(f, head=prev.head, thing=f.thing or prev.thing)
        if f.dimension == "count":
            before = text[out[-1].end if out else s.start:f.start]
            nxt = next((g.start for g in figs[i + 1:] if g.dimension == "count"), s.end)
            clause = re.split(r"[,;:()]|\s[-–—]\s", text[f.end:nxt], maxsplit=1)[0]
            f = replace(f, kind=count_kind(f.head, before, clause))
            if not f.head and not f.kind:
                continue  # "85 will ...": no count before it nor a kind to say what 85 of ("two dozen were hurt")
        elif f.dimension == "temperature":
            f = replace(f, kind=temperature_kind(s.text, f.start - s.start))
        out.append(f)
    return out


def _figure(text: str, s, m: re.Match) -> Figure | None:
    value = value_of(m)
    if value is None:
        return None
    start, end, se = m.start(), m.end(), s.end
    words = m.group("words") or m.group("half")
    before = text[s.start:start]
    if words and value == 1 and not re.fullmatch(r"an?\s+\w+", words, re.IGNORECASE) and not _QUAL_RE.search(before):
        return None  # "one of", "one day", "one side": rarely a figure unless bounded ("at least one")
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, end, se):
        return None
    if not words and (before[-1:].isalpha() or re.search(r"\b(?:No|no|Nos|Number)\.?\s$", before)):
        return None  # "G7", "No. 10"
    name = re.search(r"\b([A-Z][a-z]+)\s$", before)
    if name and name.group(1).lower() not in QUALIFIERS and name.group(1).lower() not in FUNCTION:
        return None  # "Route 9", "Apollo 11": a number in a name
    scale = (m.group("scale") or "").strip().lower()
    value_high, bound = value, "="
    # a range: "7,500-8,200", "between 30 and 40", "30 to 40 mph"
    r = _RANGE_RE.match(text, end, se)
    if r:
        sign = _CURRENCY_SIGN.match(text, r.end(), se)
        m2 = NUMBER_AFTER_DASH.match(text, sign.end() if sign else r.end(), se)
        ok = m2 and (r.group("sep").lower() != "and" or re.search(r"\bbetween\s+\S*$", before, re.IGNORECASE))
        if ok and bool(m2.group("words")) == bool(words):
            v2 = value_of(m2)
            scale2 = re.search(r"(?:thousand|million|billion|trillion|bn|mn|m)$", m2.group(), re.IGNORECASE)
            if v2 is not None and scale2 and not scale and not _SCALED.search(m.group()):
                value *= SCALE_SUFFIX[scale2.group().lower()]  # "3 to 4 million": the scale is shared
            if v2 is not None and v2 > value:
                value_high, bound, end = v2, "range", m2.end()
                scale = scale or (scale2.group().lower() if scale2 else "")
    # currency before ("$3.5bn", "US$ 5m") or after ("35 million dollars")
    currency = ""
    cur_before = CURRENCY_BEFORE_RE.search(text, max(s.start, start - 4), start)
    if cur_before and cur_before.end() == start:
        currency = CURRENCY_BEFORE[cur_before.group().strip().lower()]
        start = cur_before.start()
    if not currency:
        ca = CURRENCY_AFTER_RE.match(text, end + (text[end:end + 1] == " "), se)
        if ca:
            key = re.sub(r"s$", "", ca.group(1).lower().split()[0])
            currency = CURRENCY_AFTER.get(key, CURRENCY_AFTER.get(ca.group(1).lower(), ""))
            if currency:
                end = ca.end()
    unit, dim = "", ""
    if currency:
        dim, unit = f"money:{currency}", currency
    else:
        if scale in ("m",):
            # "1.8m" is metres, "1.8m people" a million people: only a counted noun makes it a scale
            if not counted_phrase(text, end, se, 2)[1]:
                value, value_high, scale = value / 1e6, value_high / 1e6, ""
                end -= 1
        elif scale in ("k", "b"):
            return None
        gap = re.match(r"[ -]?", text[end:end + 1]).end()
        um = UNIT_RE.match(text, end + gap, se) if not scale or scale in ("thousand", "million", "billion") else None
        if um and not (gap and um.group().lower() in ("m", "c", "f")):
            unit, dim, _written = unit_at(um)
            end = um.end()
    if not dim and (m.group("half") or _NOT_AFTER.match(text, end, se)):
        return None  # "half a chance"; "3pm", "40-year-old"
    if not dim and not words and text[end:end + 1].isalpha():
        return None  # "3pm", "21st", "5G"
    minus = _MINUS.search(text, s.start, start) if dim == "temperature" else None
    if minus:  # "minus 2C": below zero
        value, value_high, start = -value_high, -value, minus.start()
    qual = _QUAL_RE.search(text, s.start, start)
    thing = head = ""
    if dim:
        thing, head = measured_phrase(text, end, se, text[s.start:qual.start() if qual else start],
                                      dim.startswith("money"), dim == "percentage")
    else:
        if not words and not scale and "," not in m.group() and 1800 <= value <= 2100 and value == int(value):
            return None  # a year ("in 2022"), not a count
        thing, head, noun_end = counted_phrase(text, end + (text[end:end + 1] == "-"), se, value)
        toll, count_of = _TOLL.search(before), _COUNT_OF.search(before)
        if not head and toll:
            thing, head = ("death toll", "death") if toll.group(1) else ("toll", "toll")
        elif not head and count_of and not set(count_of.group("thing").split()) & FUNCTION:
            thing = count_of.group("thing")
            head = singular(thing.split()[-1])
        elif not head and not _ELLIPTIC.match(text, end, se) and not (
                _KIND_VERB.search(before) and re.match(r"\s*(?:[.,;:]|$)", text[end:se])):
            return None
        dim, end = "count", noun_end
    qualifier = ""
    if qual and bound != "range":
        qualifier = qual.group(1).lower()
        bound = QUALIFIERS[qualifier]
        start = qual.start()
    elif bound == "range" and re.search(r"\b(?:between|from)\s+$", text[s.start:start], re.IGNORECASE):
        start = re.search(r"\b(?:between|from)\s+$", text[s.start:start], re.IGNORECASE).start() + s.start
    half = _step(m, value) / 2
    if dim == "count" or dim.startswith("money"):
        low, high, spread = value, value_high, half
    else:
        low, high = to_canonical(value, unit, dim), to_canonical(value_high, unit, dim)
        spread = abs(to_canonical(value + half, unit, dim) - low)
    return Figure(value, value_high, unit, dim, low, high, spread, bound, qualifier,
                  thing, head, start, end, text[start:end], s.index)


def _step(m: re.Match, value: float) -> float:
    """The step a number is written to: 1 for "19", 0.1 for "3.5", 1,000 for "12,000" (whose
    zeros may be rounding), scaled like the value ("3.5 billion": 100 million). Trailing zeros
    count as rounding up to a tenth of the value only: "€20 million" is not "€15-25 million", so
    it and "€25m" can disagree."""
    digits = m.group("digits")
    written = float(digits.replace(",", "")) if digits else 0.0
    scale = value / written if written else 1.0   # "3.5 billion": 1e9
    if digits and "." in digits:
        return 10.0 ** -len(digits.split(".")[1]) * scale
    if value < 1:
        return value  # "half a mile"
    v = int(round(value))
    step = 1
    while v % (step * 10) == 0:
        step *= 10
    return float(min(step, max(value / 10, scale)))


# --- one figure per thing stated: restatements merged ------------------------------------

RESTATE_TOLERANCE = 0.06   # "32km (20 miles)": conversions are rounded, 20 miles is 32.2 km
REPEAT_TOLERANCE = 0.005


def _close(a: Figure, b: Figure, tol: float) -> bool:
    return all(abs(x - y) <= tol * max(abs(x), abs(y), 1e-9) for x, y in ((a.low, b.low), (a.high, b.high)))


def merge(figures: list[Figure], text: str) -> list[Figure]:
    """One figure per thing stated: a figure restated in another unit right after it, in brackets
    or after "or", and the same figure repeated later, become mentions of the first."""
    out: list[Figure] = []
    for f in figures:
        target = None
        if out:
            prev = out[-1]
            gap = text[prev.end:f.start]
            # "32km (20 miles)", "35 to 40 metres across (115 to 130 feet)", "5 km or 3 miles"
            if (prev.dimension == f.dimension and re.fullmatch(r"\s*(?:(?:[a-z]+\s+)?\(|,\s*or|or|/|–|-)\s*", gap)
                    and _close(prev, f, RESTATE_TOLERANCE)):
                target = prev
        if target is None:
            target = next((g for g in out if _repeats(g, f)), None)
        if target is None:
            out.append(f)
            continue
        i = out.index(target)
        out[i] = replace(target, thing=target.thing or f.thing, head=target.head or f.head,
                         kind=target.kind or f.kind, restated=(*target.restated, (f.start, f.end, f.text)))
    return out


def _repeats(g: Figure, f: Figure) -> bool:
    """Whether ``f`` says ``g`` again: the same value of the same thing ("killing 14 people" ...
    "for the 14 dead": different nouns, one kind)."""
    if g.dimension != f.dimension or not _close(g, f, REPEAT_TOLERANCE):
        return False
    if g.kind and f.kind:
        return g.kind == f.kind
    return g.head == f.head or not (g.head and f.head)
