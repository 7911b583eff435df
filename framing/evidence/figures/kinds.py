"""What a figure is a figure of, beyond its noun: "killing 14 people" counts the dead, "injuring
more than 200 others" the injured, "told to stay indoors" those sheltering; "the flames reached
900C" is a fire's temperature, "the afternoon was hot - 31C" the air's. Two figures of different
kinds never state the same thing, however well their values fit (a small hand-made lexicon).
"""
from __future__ import annotations

import re

# kind -> words that say it, in the counted noun itself or in the clause around the count
COUNT_KINDS = {
    # before "dead": those who died in hospital are a count of their own, not the toll
    "died in hospital": r"died\s+in\s+hospitals?",
    "dead": r"kill(?:s|ed|ing)?|died|dies|dead|deaths?|death\s+toll|toll|fatalit(?:y|ies)|perished|bod(?:y|ies)|"
            r"lost\s+their\s+lives",
    "critical": r"(?:serious|critical)\s+condition|critically\s+(?:ill|injured|hurt)|"
                r"(?:remain(?:s|ed)?|is|are|was|were|still)\s+(?:in\s+a\s+)?critical",  # "three remained critical"
    "intensive care": r"intensive\s+care|ICU",
    # in hospital is a subset of the injured, not another word for them: "31 hurt, 12 of them in hospital"
    "hospitalised": r"in\s+hospital|hospitali[sz](?:ed|ation)|taken\s+to\s+hospital",
    "injured": r"injur(?:e|es|ed|ing|y|ies)|wound(?:s|ed|ing)?|hurt",
    "rescued": r"(?-i:rescued|rescuing|plucked|winched|airlifted)",  # not "Search and Rescue", "a rescue team"
    "missing": r"missing|unaccounted\s+for",
    "evacuated": r"evacuat(?:e|es|ed|ing|ion)|evacuees?|fled|flee(?:ing)?|displaced|moved\s+out|"
                 r"(?:forced\s+(?:from|out\s+of)|left)\s+their\s+homes",
    "sheltering": r"stay(?:ed)?\s+(?:indoors|inside|at\s+home)|shelter(?:ing|ed)?(?:\s+in\s+place)?|"
                  r"keep\s+(?:their\s+|the\s+)?windows\s+(?:shut|closed)",
    # what happened to homes and buildings: 12,000 homes without power are not 11,000 flooded
    "flooded": r"flooded|under\s+water|inundated",
    "destroyed": r"destroyed|razed|flattened|burn(?:ed|t)\s+down",
    "without power": r"without\s+(?:power|electricity)|no\s+(?:power|electricity)|power\s+cuts?|blackouts?",
}
# Kinds that are part of another: figures of the two may be grouped (the injured, some of them in
# hospital), never flagged as one thing.
PART_OF = {"hospitalised": "injured"}
TEMPERATURE_KINDS = {
    "fire": r"flames?|fires?|blaze|inferno|furnace(?:-like)?|burn(?:s|ed|ing|t)?|smoulder\w*",
    "rail": r"rails?|tracks?",  # a rail's temperature is not the air's: a hot day heats rails far above it
    "air": r"air|mercury|sweltering|scorching|"
           r"weather|afternoon|morning|evening|hot|heat\s?wave|shade|forecast|outside|outdoors",
    "water": r"water|river|sea|lake|reservoir|floodwaters?",
}


def _compile(kinds: dict[str, str]) -> re.Pattern:
    return re.compile("|".join(rf"\b(?P<k{i}>{p})\b" for i, p in enumerate(kinds.values())), re.IGNORECASE)


_COUNT_RE = _compile(COUNT_KINDS)
_CLAUSE = re.compile(r"[,;]|\s[-–—]\s")


def clauses(sentence: str, at: int) -> tuple[list[tuple[int, int]], int]:
    """A sentence's clauses (split at commas, semicolons and dashes) as spans, and which holds offset ``at``."""
    bounds = [0, *(x for m in _CLAUSE.finditer(sentence) for x in m.span()), len(sentence)]
    spans = list(zip(bounds[::2], bounds[1::2]))
    return spans, next(k for k, (_b, e) in enumerate(spans) if at < e or k == len(spans) - 1)
_TEMP_RE = _compile(TEMPERATURE_KINDS)


def _kind(m: re.Match, kinds: dict[str, str]) -> str:
    return next(k for i, k in enumerate(kinds) if m.group(f"k{i}") is not None)


def count_kind(head: str, before: str, after: str) -> str:
    """The kind of a count: from its noun ("14 dead"), else the verb right before it ("killing 14
    people", "the death toll at 17": its last three words), else the first in the clause after it
    ("15 people had died", "6,500 residents ... were evacuated"); "" when none says."""
    m = _COUNT_RE.fullmatch(head)
    if m:
        return _kind(m, COUNT_KINDS)
    last = " ".join(re.findall(r"[\w’'-]+", before)[-3:])
    # "840 homes had been flooded and that 3,400 residents ...": a verb before "and that" is the last count's
    last = re.split(r"\b(?:and|that|but|while|whereas)\b", last, flags=re.IGNORECASE)[-1]
    found = list(_COUNT_RE.finditer(last))
    if found:
        return _kind(found[-1], COUNT_KINDS)
    m = _COUNT_RE.search(after)
    return _kind(m, COUNT_KINDS) if m else ""


def temperature_kind(sentence: str, at: int) -> str:
    """Whose temperature: the kind word nearest to the figure (at offset ``at`` in ``sentence``),
    in its own clause where that has one ("The water was 6C - and the air 1C"). A word after it
    counts at twice its distance: the subject before it says whose it is ("the rails reached 52C on
    Monday morning" is the rails')."""
    spans, own = clauses(sentence, at)
    for b, e in (spans[own], (0, len(sentence))):
        found = [(at - m.end() if m.end() <= at else 2 * (m.start() - at), _kind(m, TEMPERATURE_KINDS))
                 for m in _TEMP_RE.finditer(sentence, b, e)]
        if found:
            return min(found)[1]
    return ""
