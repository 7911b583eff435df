"""Each figure placed in its article for alignment (``Placed``): who gives it, the days it is claimed
for and the past years it is of, the words and the place around it."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from framing.evidence.lexicon import word_keys
from framing.evidence.figures.extract import FUNCTION, Figure
from framing.evidence.figures.kinds import clauses
from framing.evidence.figures.numbers import NUMBER_RE

CONTEXT_WINDOW = 12       # words either side of a figure that say what it is about
OWN_VOICE = "own voice"
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


def _lower(text: str) -> str:
    """Lower case but for acronyms ("ZOOPARK counter-battery radar")."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in text.split())
