"""Figures of several outlets aligned by what they measure, each with who gives it, and
disagreements flagged only where they are disagreements.

Two figures from different articles are aligned when they have the same dimension (area, money
in one currency, a count, ...) and their similarity (the thing counted, the words around them,
whether the values fit together) reaches ``LINK_THRESHOLD``; an article's own figures are never
put in one group (a group is one thing, which an article states once: restatements are merged
before); a figure of another year ("the flood of 1968, when 400 homes were flooded") is never
grouped with one of now. A group is flagged only for values that cannot both be true, surely of
one thing (``same_thing``: weaker matches are grouped, not flagged - a flag says outlets
contradict each other), given by the same claimant (or both in the outlets' own voices), on the
same day where both name one: "around 1,158 sq km" from Ukraine's defence ministry and "more
than 6,000 sq km" from Zelensky days later are two claims, not a contradiction between outlets.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from framing.evidence.lexicon import word_keys
from framing.evidence.figures.extract import FUNCTION, Figure
from framing.evidence.figures.kinds import PART_OF, clauses, count_kind
from framing.evidence.figures.numbers import NUMBER_RE
from framing.evidence.figures.units import CANONICAL, CURRENCY_SYMBOL, canonical_symbol

LINK_THRESHOLD = 0.5
APPROX_TOLERANCE = 0.10   # "about", "around", "some"; an exact figure stands for its rounding step
OPEN_BOUND = 2.0          # for similarity, "more than 8,000" is 8,000 to 16,000, not 480,000 as well
FAR = 3.0                 # values further apart than this factor are rarely one thing: 14 killed, 250 injured
FAR_SOLE = 10.0           # ... unless each is its article's only figure of the dimension (areas retaken on two days)
NEAR = 1.25               # values this close are likely one thing even where both cannot be true (14 and 15 dead)
CONTEXT_WINDOW = 12       # words either side of a figure that say what it is about
OWN_VOICE = "own voice"

# Heads that name the same kind of thing ("residents" and "people" are counted alike).
HEAD_CLASSES = {
    "people": "people person resident civilian inhabitant local citizen individual evacuee villager adult "
              "passenger",
    "troops": "troop soldier fighter serviceman servicemen serviceme conscript recruit reservist",
    "casualties": "dead death killed fatality victim body",
    "injured": "injured wounded injury",
    "homes": "home house household dwelling property residence",
    "places": "village town city settlement community locality",
    "firefighters": "firefighter firemen fireman",
}
_CLASS = {w: c for c, words in HEAD_CLASSES.items() for w in words.split()}
# Heads that say nothing of what is counted: "800 people" may have come, fled or died
GENERIC = frozenset("people person resident inhabitant local citizen individual civilian".split())
_TIME = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                   r"last night|this week|last week|this month|last month|this year|last year|"
                   r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|"
                   r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|"
                   r"(?:18|19|20)\d\d)\b", re.IGNORECASE)
_ANCHOR = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?"
                     r"(?P<direction>(?:north|south|east|west)(?:-?(?:east|west))?\s+)?"
                     r"(?P<prep>from|of|outside|off|to|away from)\s+"
                     r"(?:the\s+(?:town|city|village|edge|outskirts|centre|center)\s+of\s+)?"
                     r"(?P<place>the\s+[\w’'-]+(?:\s+(?!(?:and|or|but|in|on|at|to|from|of|with|for|as|by|is|was|"
                     r"has|had|which|that|late|early|on|last)\b)[A-Za-z][\w’'-]*)?|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})")
DIMENSION_NAMES = {"length": "distance", "count": "number"}
# words that say a figure updates an earlier one: it is a claim of its article's day
_UPDATE = re.compile(r"\b(?:now|still|revised|raised|lowered|updated|latest|rose|risen|fell|fallen|dropped|climbed|"
                     r"down\s+to|remain(?:s|ed|ing)?)\b", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"(?:\bthe|[’']s)\s+(?:[\w-]+\s+)?(?:\w+est|worst|best|first|most)\b(?:\s+[\w-]+){0,4}\s+$",
                          re.IGNORECASE)
# A year a figure is of: "in 1968", "that of 1968", "since 1961", "last year" - not one that names a
# thing ("the 2019 safety review", "the 2020 Beirut disaster"), which has no preposition before it.
_YEAR = re.compile(r"\b(?:(?:in|of|since|during|until|before|after|from)\s+(?:(?:early|late|mid-?)\s*)?"
                   r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?P<year>(?:18|19|20)\d\d)\b"
                   r"|(?P<last>last|previous)\s+year\b)", re.IGNORECASE)


@dataclass
class Placed:
    """A figure in its article, with what alignment needs to know about it."""

    article: int
    outlet: str
    figure: Figure
    claimant: str            # display name, or OWN_VOICE
    claimant_key: str        # the source group it belongs to; "" for the outlet's own voice
    claimant_kind: str
    times: frozenset[str]    # the days it is a claim of ("2026-06-02"; time words as written without a date)
    era: frozenset[str]      # the past years it is of ("1968" in "the flood of 1968, when 400 homes were
                             # flooded"); empty for the figures of now
    context: frozenset[str]  # stems of the content words around it
    anchor: str              # "from Kharkiv": a place or thing a measurement is taken from or of
    sole: bool               # the only figure of its dimension in its article
    sentence: str            # the sentence it stands in
    day: str = ""            # its article's date
    updated: bool = False    # said as an update ("now", "revised to", "remained"): a claim of its article's day
    sole_thing: bool = False  # the only figure of what it counts ("air ambulances") in its article


def head_class(head: str) -> str:
    return _CLASS.get(head, head)


def claimant_of(fig: Figure, attributions: list[dict], names: dict[str, str], remap: dict[str, str],
                outlet: str = ""):
    """(name, key, kind) of who says ``fig``: the attribution of its sentence whose content holds
    it most closely (else the sentence's first), or the outlet's own voice - also where that source is the
    outlet itself ("The Trumpet can reveal", in The Northern Trumpet)."""
    in_sentence = [a for a in attributions if a["sentence"] == fig.sentence and a.get("source_text")
                   and not _in_frame(fig, a)]
    # the innermost content that holds it: "A said X, while B said 12,000 homes ..." is B's
    holding = sorted((a for a in in_sentence if a.get("content") and a["content"][0] <= fig.start < a["content"][1]),
                     key=lambda a: a["content"][1] - a["content"][0])
    a = (holding or in_sentence or [None])[0]
    if a is None or _is_outlet(a["source_text"], outlet):
        return OWN_VOICE, "", ""
    key = remap.get(a["group"], a["group"])
    name = names.get(key) or a["source_text"]
    if a["kind"] == "anonymous":  # "analysts", "reports overnight": say that the source is not named
        name = f"unnamed (“{a['source_text']}”)"
    return name, key, a["kind"]


def _in_frame(fig: Figure, a: dict) -> bool:
    """Whether ``fig`` is in the outlet's words that frame attribution ``a``, not in what it
    attributes: in the source's own description ("a spokesman for the 12 families said") or after
    the cue of a quote that came before ("...,” the blogger told his 462,000 subscribers")."""
    src, cue, content = a.get("source"), a.get("cue"), a.get("content")
    if src and src[0] <= fig.start < src[1]:
        return True
    return bool(cue and content and content[1] <= cue[0] and fig.start >= cue[1])


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _day(word: str, today: date | None) -> str:
    """The date a time word names in an article of date ``today`` ("tuesday" -> the last Tuesday
    on or before it); the word itself without a date; "" for a year or a span (no one day)."""
    w = " ".join(word.lower().split())
    if today is None:
        return w
    if w in _WEEKDAYS:
        return str(today - timedelta(days=(today.weekday() - _WEEKDAYS.index(w)) % 7))
    if w in ("yesterday", "last night"):
        return str(today - timedelta(days=1))
    if w in ("today", "tonight"):
        return str(today)
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})|(\d{1,2})\s+([a-z]+)", w)
    if m:
        month = _MONTHS.index((m.group(1) or m.group(4))[:3]) + 1
        try:
            return str(date(today.year, month, int(m.group(2) or m.group(3))))
        except ValueError:
            return ""
    return ""


def claim_days(f: Figure, s, article_date) -> frozenset[str]:
    """The days a figure is claimed for: those named in its clause ("said last night that 15
    people had died"); for a count (the dead, the evacuated, homes without power: counts are updated
    as days pass) those named anywhere in its sentence, else the article's date."""
    try:
        today = date.fromisoformat(str(article_date)[:10]) if article_date else None
    except ValueError:
        today = None
    texts, own = _clauses(s.text, f.start - s.start)
    days = _days(texts[own], today)
    if not days and f.dimension == "count":
        days = _days(s.text, today) or ({str(today)} if today else set())
    return frozenset(days)


def _clauses(text: str, at: int) -> tuple[list[str], int]:
    spans, own = clauses(text, at)
    return [text[b:e] for b, e in spans], own


def _days(text: str, today: date | None) -> set[str]:
    # "rescued 212 people since Friday": a count up to now, not a claim of Friday
    return {_day(m.group(), today) for m in _TIME.finditer(text)
            if not re.search(r"\bsince\s+$", text[:m.start()], re.IGNORECASE)} - {""}


def era(f: Figure, s, article_date, next_start: int | None = None) -> frozenset[str]:
    """The past years ``f`` is of: those in its clause, in a clause it is the "when" of ("that of
    1968, when about 400 homes were flooded"), or in a clause that is only a time ("The last flood,
    in 1968, damaged 400 houses"); the article's own year is now, not the past. A year after the
    next figure of the sentence (at ``next_start``) is that figure's ("43% ... and cut 18% since 2021")."""
    year = str(article_date)[:4] if article_date and str(article_date)[:4].isdigit() else ""
    spans, own = clauses(s.text, f.start - s.start)
    if next_start is not None:
        spans[own] = (spans[own][0], max(min(spans[own][1], next_start - s.start), f.end - s.start))
    texts = [s.text[b:e] for b, e in spans]
    tied = [texts[own]] + [t for t in texts if _YEAR.fullmatch(t.strip())]
    if own and re.match(r"\s*when\b", texts[own], re.IGNORECASE):
        tied.append(texts[own - 1])
    years = set()
    if own and re.match(r"\s*which\b", texts[own], re.IGNORECASE):
        # "the 1987 Kestle smash, which killed 14": the figure is of the thing its year names
        years |= {m.group(1) for m in re.finditer(r"\bthe\s+((?:18|19|20)\d\d)\s+(?=[A-Za-z])", texts[own - 1])}
    for t in tied:
        for m in _YEAR.finditer(t):
            if m.group().lower().startswith("since") and _SUPERLATIVE.search(t, 0, m.start()):
                continue  # "the worst flood since 1961": a comparison, the flood is of now
            years.add(m.group("year") or (str(int(year) - 1) if year else "last year"))
    return frozenset(years - {year})


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower().replace("’s", "").replace("'s", "")) if w not in FUNCTION}


def _is_outlet(source: str, outlet: str) -> bool:
    """Whether a source names the outlet itself: its words are all in the outlet's name."""
    words = _name_words(source)
    return bool(words) and words <= _name_words(outlet)


_DAY_WORD = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                       r"overnight|night|morning|afternoon|evening)(?:[’']s)?", re.IGNORECASE)


def _context(text: str, sentence, fig: Figure) -> frozenset[str]:
    """Stems of the content words near ``fig`` in its sentence (numbers and function words left out)."""
    before = re.findall(r"[A-Za-z][\w’'-]*", text[sentence.start:fig.start])[-CONTEXT_WINDOW:]
    after = re.findall(r"[A-Za-z][\w’'-]*", text[fig.end:sentence.end])[:CONTEXT_WINDOW]
    # day words are left to ``claim_days``: two counts "on Monday" are not the more alike for it
    words = [w for w in before + after if w.lower() not in FUNCTION and len(w) > 2 and not NUMBER_RE.fullmatch(w)
             and not _DAY_WORD.fullmatch(w)]
    return frozenset(word_keys(w)[1] for w in words)


def place(records: list[dict], docs: list, outlets: list[str], names: dict[str, str],
          remap: dict[str, str]) -> list[Placed]:
    from framing.evidence.figures.extract import extract, merge

    out: list[Placed] = []
    for k, (r, doc, outlet) in enumerate(zip(records, docs, outlets)):
        text = doc.text
        skip = {s.index for s in doc.sentences if s.is_caption}  # a photo caption is no claim of the article
        figs = [f for f in merge(extract(doc), text) if f.sentence not in skip]
        dims = Counter(f.dimension for f in figs)
        things = Counter((f.dimension, _lower(f.thing)) for f in figs)
        for n, f in enumerate(figs):
            s = doc.sentences[f.sentence]
            nxt = next((g.start for g in figs[n + 1:] if g.sentence == f.sentence and g.start > f.end), None)
            name, key, kind = claimant_of(f, r.get("attributions") or [], names, remap, outlet)
            anchor = _ANCHOR.match(text, f.end, s.end) if f.dimension != "count" else None
            texts, own = _clauses(s.text, f.start - s.start)
            out.append(Placed(k, outlet, f, name, key, kind,
                              claim_days(f, s, r.get("date")), era(f, s, r.get("date"), nxt), _context(text, s, f),
                              _anchor_text(anchor), dims[f.dimension] == 1, s.text, str(r.get("date") or "")[:10],
                              bool(_UPDATE.search(texts[own])), things[f.dimension, _lower(f.thing)] == 1))
    return out


def _anchor_text(m: re.Match | None) -> str:
    """ "south-west of Dnipro", "from Kharkiv": the direction kept, or "93 miles of Dnipro" misreads."""
    return f"{(m.group('direction') or '').lower()}{m.group('prep')} {m.group('place')}" if m else ""


# --- values ------------------------------------------------------------------------------

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


# --- similarity and grouping -------------------------------------------------------------

def similarity(a: Placed, b: Placed) -> float:
    """0..1: how likely two figures of different articles state the same thing."""
    fa, fb = a.figure, b.figure
    if fa.dimension != fb.dimension or a.article == b.article:
        return 0.0
    if (a.era or b.era) and not a.era & b.era:
        return 0.0  # the homes flooded in 1968 are not those flooded now
    ka, kb = PART_OF.get(fa.kind, fa.kind), PART_OF.get(fb.kind, fb.kind)
    if ka and kb and ka != kb:
        return 0.0  # the dead and the injured, a fire's heat and the air's: never one thing
    if ka and ka == kb:
        thing = 1.0 if fa.kind == fb.kind else 0.8  # the injured and those in hospital: related, not one
    elif fa.head and fb.head:
        # a measurement's "thing" is found less surely than a counted noun ("of forest" vs "of land")
        miss = 0.0 if fa.dimension == "count" else 0.4
        # ... and may run on past its noun ("110mm of rain fell" -> "rain fell"): a shared word tells
        shared = fa.dimension != "count" and _words_of(fa.thing) & _words_of(fb.thing)
        thing = 1.0 if fa.head == fb.head else 0.8 if head_class(fa.head) == head_class(fb.head) or shared else miss
        if fa.kind != fb.kind:
            thing *= 0.8  # "four patients in a critical condition", "eleven patients": maybe another kind
    else:
        thing = 0.5
    union = a.context | b.context
    context = min(len(a.context & b.context) / len(union) / 0.25, 1.0) if union else 0.0
    anchor = 0.0
    if a.anchor and b.anchor:
        anchor = 0.15 if _same_anchor(a.anchor, b.anchor) else -0.15
    # values that fit together say more the more specific they are: two "8,000"s rarely meet by chance
    near = compatible(fa, fb, OPEN_BOUND) or _ratio(fa, fb) <= NEAR
    fits = near * (0.25 if min(abs(fa.low), abs(fb.low)) >= 100 else 0.15)
    if (fa.value, fa.value_high, fa.unit) == (fb.value, fb.value_high, fb.unit):
        fits += 0.1  # "seven hours" in both: the same words for the same thing
    elif fa.unit and fb.unit and fa.unit != fb.unit and fa.bound == fb.bound == "=" and compatible(fa, fb):
        fits += 0.15  # "22 km" and "14 miles": one figure converted, rarely two by chance
    if fa.head and _lower(fa.thing) == _lower(fb.thing) and a.sole_thing and b.sole_thing and fa.head not in GENERIC:
        fits += 0.1  # the only "ambulances" each article counts ("air ambulances" are others)
    score = 0.4 * thing + 0.35 * context + fits + anchor
    # values far apart are rarely one thing - unless what they are of says it is: one named source's
    # "fund", the "heat sensors" in both, the distance "from" one place (a flag needs more: same_thing)
    if _ratio(fa, fb) > (FAR_SOLE if a.sole and b.sole else FAR) and not (_specific(a, b) or anchor > 0):
        score -= 0.4
    if a.sole and b.sole:
        score += 0.35  # the only area (or sum, or distance) each article gives: most likely the same one
    return min(max(score, 0.0), 1.0)


def _same_anchor(x: str, y: str) -> bool:
    """Whether two anchors name one place: "south of Ashby" and "from Ashby" do (a direction said by
    one only is no difference), "north of Ashby" and "south of Ashby" do not."""
    (dx, px), (dy, py) = (_ANCHOR.match(" " + t).group("direction", "place") for t in (x, y))
    return px.lower() == py.lower() and (not (dx and dy) or dx.lower() == dy.lower())


def _specific(a: Placed, b: Placed) -> bool:
    """Whether two figures name one specific thing: one noun, neither "people" nor an empty one, with
    a modifier in common ("heat sensors") or given by one named source ("fund")."""
    fa, fb = a.figure, b.figure
    if not fa.head or fa.head != fb.head or fa.head in GENERIC:
        return False
    return bool(_modifiers(fa) & _modifiers(fb)) or (_named(a) and a.claimant_key == b.claimant_key)


def _named(p: Placed) -> bool:
    return bool(p.claimant_key) and p.claimant_kind not in ("anonymous", "social_media")


def group(placed: list[Placed]) -> list[list[int]]:
    """Greedy single-link grouping over the most similar pairs first, never two figures of one
    article in a group."""
    pairs = []
    for i in range(len(placed)):
        for j in range(i + 1, len(placed)):
            s = similarity(placed[i], placed[j])
            if s >= LINK_THRESHOLD:
                pairs.append((s, i, j))
    parent = list(range(len(placed)))
    members = {i: {placed[i].article} for i in range(len(placed))}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _s, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = root(i), root(j)
        if ri == rj or members[ri] & members[rj]:
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(placed)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def same_thing(a: Placed, b: Placed) -> bool:
    """Whether two grouped figures surely state one thing, as a flag needs (grouping needs less):
    one kind of count of one noun (3 firefighters killed are not 15 people killed), or one head
    noun whose modifiers do not differ ("12,000 households" is not "12,000 homes", "31 fire crews"
    not "31 emergency crews") unless one named source gives both. "People" and "residents" alone
    (``GENERIC``) say nothing of what is counted: they need a kind; nor does one place measured
    from ("two miles from the frontier" and "six miles from the frontier" may be two villages)."""
    fa, fb = a.figure, b.figure
    if fa.kind or fb.kind:  # and one noun, or nouns that say no more than the kind: "residents", "the dead"
        return fa.kind == fb.kind and (_stem(fa.head) == _stem(fb.head) or _plain(fa.head) and _plain(fb.head))
    if not (fa.head and fb.head) or _stem(fa.head) != _stem(fb.head) or fa.head in GENERIC:
        return False
    ma, mb = _modifiers(fa), _modifiers(fb)
    return not (ma and mb and not ma & mb) or _named(a)


def _plain(head: str) -> bool:
    """Whether a count's noun says no more than its kind does: "people", "residents", "dead",
    "toll" - not "firefighters" or "households"."""
    return not head or head in GENERIC or bool(count_kind(head, "", ""))


def _stem(word: str) -> str:
    return word_keys(word)[1]


def _words_of(thing: str) -> set[str]:
    return {_stem(w) for w in thing.lower().split() if w not in FUNCTION}


def _modifiers(f: Figure) -> set[str]:
    """Stems of the words of what a figure counts, its head noun left out ("emergency" of "emergency crews")."""
    words = f.thing.lower().split()
    return {_stem(w) for w in words[:-1] if w not in FUNCTION} if words else set()


def comparable(a: Placed, b: Placed) -> bool:
    """Whether two figures are claims that could contradict each other: the same claimant (or both
    outlets' own voices), and not of different days where both have one (``claim_days``: a toll of
    Thursday updates Tuesday's) or where one is said as an update."""
    if a.claimant_key != b.claimant_key:
        return False
    if (a.updated or b.updated) and a.day and b.day and a.day != b.day:
        return False  # Sunday's "now down to 81%" updates Saturday's 98%, however it was dated
    return not (a.times and b.times and not a.times & b.times)


def conflicts(placed: list[Placed], members: list[int]) -> list[tuple[int, int]]:
    return [(i, j) for n, i in enumerate(members) for j in members[n + 1:]
            if placed[i].article != placed[j].article and not compatible(placed[i].figure, placed[j].figure)
            and comparable(placed[i], placed[j]) and same_thing(placed[i], placed[j])]


# --- display -----------------------------------------------------------------------------

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


def label(placed: list[Placed], members: list[int]) -> str:
    """What a group measures: its dimension and the thing its figures count or measure."""
    figs = [placed[i] for i in members]
    dim = figs[0].figure.dimension
    name = "money" if dim.startswith("money") else DIMENSION_NAMES.get(dim, dim)
    things = Counter(_lower(p.figure.thing) for p in figs if p.figure.thing)
    anchors = Counter(p.anchor for p in figs if p.anchor)
    kinds = {p.figure.kind for p in figs}
    if things:
        top = max(things, key=lambda t: (things[t], -len(t), t))
        if dim == "count":  # "people (dead)", "residents (evacuated)": the noun alone does not say
            (kind,) = kinds if len(kinds) == 1 else ("",)
            return f"{top} ({kind})" if kind and figs[0].figure.head in GENERIC else top
        return f"{name} ({top})"
    if anchors:
        return f"{name} ({max(anchors, key=lambda t: (anchors[t], t))})"
    return name


def _lower(text: str) -> str:
    """Lower case but for acronyms ("ZOOPARK counter-battery radar")."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in text.split())


def figure_dict(p: Placed) -> dict:
    f = p.figure
    converted = f.unit and f.unit != CANONICAL.get(f.dimension, ("",))[0] and f.dimension in CANONICAL \
        and f.dimension != "duration"
    return {"outlet": p.outlet, "text": f.text, "display": display_value(f),
            "as_written": f.text if converted else "",
            "value": f.value, "value_high": f.value_high, "unit": f.unit, "dimension": f.dimension,
            "canonical": [round(f.low, 4), round(f.high, 4)], "canonical_unit": canonical_symbol(f.dimension),
            "bound": f.bound, "qualifier": f.qualifier, "thing": f.thing, "head": f.head, "kind": f.kind,
            "anchor": p.anchor, "era": sorted(p.era),
            "claimant": p.claimant, "claimant_kind": p.claimant_kind, "times": sorted(p.times),
            "sentence": p.sentence, "sentence_index": f.sentence, "start": f.start, "end": f.end,
            "restated": [t for _s, _e, t in f.restated]}


def align(records: list[dict], docs: list, outlets: list[str], names: dict[str, str] | None = None,
          remap: dict[str, str] | None = None) -> list[dict]:
    """Figure groups across articles (``docs``: their parsed texts): label, figures (value,
    claimant, outlet), the outlets, and the pairs of figures that disagree. Groups seen in
    several outlets come first; ``names`` and ``remap`` name and group claimants as the
    report's source table does."""
    placed = place(records, docs, outlets, names or {}, remap or {})
    out = []
    for members in group(placed):
        members.sort(key=lambda i: (placed[i].article, placed[i].figure.start))
        bad = conflicts(placed, members)
        differ = [(placed[i], placed[j]) for n, i in enumerate(members) for j in members[n + 1:]
                  if placed[i].article != placed[j].article and not compatible(placed[i].figure, placed[j].figure)]
        pos = {i: n for n, i in enumerate(members)}
        out.append({"label": label(placed, members), "dimension": placed[members[0]].figure.dimension,
                    "head": head_class(next((placed[i].figure.head for i in members if placed[i].figure.head), "")),
                    "outlets": sorted({placed[i].outlet for i in members}, key=outlets.index),
                    "disagreement": bool(bad), "conflicts": [[pos[i], pos[j]] for i, j in bad],
                    # values that cannot all be true, but from different sources or days, or maybe not of
                    # one thing: no contradiction shown
                    "values_differ": bool(differ),
                    "unflagged": sorted({"sources or days" if not comparable(a, b) else "thing"
                                         for a, b in differ if not (comparable(a, b) and same_thing(a, b))}),
                    "figures": [figure_dict(placed[i]) for i in members]})
    out.sort(key=lambda g: (not g["disagreement"], -len(g["outlets"]), g["label"]))
    return out
