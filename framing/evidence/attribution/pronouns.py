"""Pronoun resolution: the nearest earlier source or name in the article that fits a pronoun's
number, gender and kind."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import islice

from framing.evidence.attribution.kinds import kind_of
from framing.evidence.attribution.names import _definite_role, _given_a_first_name
from framing.evidence.attribution.records import Attribution
from framing.evidence.attribution.resources import _first_names, known_first_name, place_kind
from framing.evidence.attribution.vocabulary import _PREPS, _STOP, _TIME, _TITLES, _words
from framing.types import Document

# Each starts with a lookahead on its possible first letters, so the engine skips every other
# position without trying the alternatives (4x faster; same matches).
_ORG_MENTION = re.compile(
    r"(?=[tA-Z])(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:Institute|Ministry|Department|Agency|Office|Council|Commission|"
    r"Authority|Foundation|Centre|Center|University|Bank|Party|Committee|Kremlin|Pentagon|MoD|BBC|Reuters|"
    r"Service|Police|Army|Government|Court)(?:\s+(?:for|of|on)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)?")
_PERSON_MENTION = re.compile(
    # a period only after an abbreviation: "governor. Through a spokesman" is two sentences
    # and a run of capitals is a name only whole: "The Wall Street" of "The Wall Street Journal" is none
    r"(?=[A-Zpmgs])(?:(?:(?:[Pp]resident|[Mm]inister|[Gg]overnor|[Ss]ecretary|[Ss]enator)\s+|(?:Mr|Mrs|Ms|Dr|Gen|Lt Gen)\.?\s+)"
    r"(?:[A-Z][\w'’-]+\s?){1,3}|(?<![.!?]\s)(?<!^)(?<![-‐])\b{w}\s+{w}(?:\s+{w})?\b(?!\s+[A-Z][a-z]))".replace(
        "{w}", r"[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?"))  # a word may have a second capital: "McGovern", "DeSantis"


@lru_cache(maxsize=8)
def _mentions(text: str, organisations: bool) -> list[tuple[int, int, str, str]]:
    """(start, end, text, kind) of every organisation or person mention in ``text``, found once
    per article rather than once per pronoun."""
    pattern = _ORG_MENTION if organisations else _PERSON_MENTION
    return [(m.start(), m.end(), m.group(0).strip(), kind_of(m.group(0))) for m in pattern.finditer(text)
            if not place_kind(m.group(0).strip()) in ("city", "state")]  # "she" is not "New Jersey"


_FEMALE_WORDS = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "duchess", "chairwoman",
                 "spokeswoman", "congresswoman", "businesswoman", "councilwoman", "woman", "mother", "wife",
                 "daughter", "sister", "grandmother"}
_MALE_WORDS = {"mr", "sir", "lord", "king", "prince", "duke", "spokesman", "congressman", "businessman",
               "councilman", "man", "father", "husband", "son", "brother", "grandfather"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


@lru_cache(maxsize=65536)
def gender_of(text: str) -> str | None:
    """'f', 'm' or None (not known) for a source phrase: from a title or gendered role word
    ("Mrs", "spokeswoman"), else from the first known first name ("Health Minister Sarah Collins")."""
    words = set(_words(text))
    if words & _FEMALE_WORDS and not words & _MALE_WORDS:
        return "f"
    if words & _MALE_WORDS and not words & _FEMALE_WORDS:
        return "m"
    names = _first_names()
    return next((names[w.lower()] for w in re.findall(r"\b[A-Z]\w+", text) if w.lower() in names), None)


PRONOUN_REACH = 1500     # characters back from a pronoun in which a name is looked for
PRONOUN_LOOKBACK = 200   # earlier attributions looked through for its source (bounds the work on huge texts)


def _resolve_pronoun(pronoun: str, before: int, doc: Document,
                     earlier: tuple[list[Attribution], ...]) -> tuple[str, str] | None:
    """(text, kind) of the nearest fitting earlier source or name for a pronoun, else None.
    ``earlier``: the attributions found so far, as lists in text order."""
    p = pronoun.lower()
    latest = islice((a for part in reversed(earlier) for a in reversed(part)), PRONOUN_LOOKBACK)
    if p in ("we", "i", "they", "them"):
        for a in latest if p in ("they", "them") else ():
            # a plural agent with a source phrase ("few people", "World leaders"), not a headline's
            if a.source_text and not doc.sentences[a.sentence].is_headline and (
                    a.kind in ("anonymous", "social_media") or _plural_phrase(a.source_text)):
                return a.source_text, a.kind
        return None
    things = ("official", "expert", "media", "document", "social_media")
    want = {"it": things, "which": things}.get(p, ("person", "expert"))
    g = _PRONOUN_GENDER.get(p)
    agrees = (lambda text: True) if g is None else (lambda text: gender_of(text) in (None, g))  # noqa: E731
    best = None  # the fitting source that starts last (the first such in text order on a tie)
    for a in latest:
        # a source lies in its sentence or an earlier one: nothing before can start later than ``best``
        if best is not None and doc.sentences[a.sentence].end <= best[0]:
            break
        if (a.source and a.kind in want and a.source[0] < before and agrees(a.source_text)
                and (p in ("it", "which") or a.named and not _definite_role(_words(a.source_text)))):
            if best is None or a.source[0] >= best[0]:
                best = (a.source[0], a.source_text, a.kind)
    lo = bisect.bisect_left(mentions := _mentions(doc.text, p in ("it", "which")), (max(0, before - PRONOUN_REACH),))
    hi = bisect.bisect_left(mentions, (before,), lo)
    for start, end, text, k in reversed(mentions[lo:hi]):  # names within reach before the pronoun, nearest first
        if best is not None and start <= best[0]:
            break  # the fitting source starts later (or at the same place): it wins
        # a name in the text, not a source: "he"/"she" only a person's ("she" is not "Seton Hall University")
        if end <= before and (k == "person" and _person_like(doc.text, text) if p not in ("it", "which")
                              else k in want) and agrees(text):
            return text, k
    return best[1:] if best is not None else None


@lru_cache(maxsize=4096)  # pure, and an article's pronouns weigh the same names
def _person_like(text: str, name: str) -> bool:
    """A capitalised run that can stand for "he" or "she": it holds a known first name or a title, the
    article gives its last word a first name or title somewhere ("Jeb Bush"), or its words are no
    calendar or common words: the article never writes the last word in lower case ("Wolf Blitzer";
    not "Super Tuesday", "On Sunday", "Islamic State" beside "the state", "Wall Street" beside "street")."""
    words = name.replace(".", " ").split()
    if not words:
        return False
    if any(known_first_name(w) or w.lower() in _TITLES for w in words):
        return True
    last = words[-1].removesuffix("’s").removesuffix("'s")
    low = last.lower()
    written_low = (low in _lower_words(text) if low.isalpha() and low.isascii()
                   else bool(re.search(r"\b" + re.escape(low) + r"\b", text)))
    common = written_low or bool({w.lower() for w in words} & (_TIME | _STOP | _PREPS | {"day", "eve"}))
    return not common or _given_a_first_name(text, last)  # last: it scans the article


@lru_cache(maxsize=8)
def _lower_words(text: str) -> frozenset[str]:
    """The article's words written in lower case (once per article, not once per name)."""
    return frozenset(re.findall(r"\b[a-z]+\b", text))


def _plural_phrase(text: str) -> bool:
    """A phrase for several agents: "Sens. Roe and Doe", "the senators" (not "Sen. Roberts")."""
    words = text.split()
    return " and " in text or (words[-1].islower() and words[-1].rstrip(".,").endswith("s"))
