"""Which spans may stand for a source: a span trimmed of what trails the name and of a clause holding
another cue, and the checks that drop places, headings, fragments and lone function words."""
from __future__ import annotations

import re

from framing.evidence.attribution.kinds import _GROUP_PLURALS
from framing.evidence.attribution.names import _given_a_first_name, _introduced
from framing.evidence.attribution.resources import is_place, known_first_name, listed, place_kind
from framing.evidence.attribution.spans import _LY_NOUNS, _NOMINAL_CUES, _is_wordlike
from framing.evidence.attribution.vocabulary import (_DETS, _KIND_WORDS, _NATIONALITY, _PREPS, _PRONOUNS, _STOP,
                                                     _TIME, _VAGUE, _WHO_IN, _words)
from framing.types import Document, Evidence, Token

# Heads of phrases that name places or things, not agents: "Several Ukrainian cities reported ..."
# is no source (nor is a pronoun that refers back to them).
_NON_AGENT_HEADS = {"city", "cities", "town", "towns", "village", "villages", "region", "regions", "area", "areas",
                    "street", "streets", "district", "districts", "province", "provinces", "garden", "building",
                    "buildings", "hubs", "hub", "stations", "station", "outages", "lines", "line"}


def _span_text(doc: Document, span: tuple[int, int]) -> str:
    return doc.text[span[0]:span[1]]


_ADJECTIVE_END = re.compile(r"(?:ed|ing|ful|ous|ive|less|able|ible|ish)$")


def _sentence_initial_modifier(toks: list[Token], span: tuple[int, int]) -> bool:
    """A tagged one-word span that opens the sentence, looks like an adjective or participle and is
    followed by a lower-case word ("Terrified families fled ..."): with no cue in the sentence, not a
    source. (A name in the same place, "Sanders wrote ...", is: PolNeAR has many.)"""
    first = toks[0]
    return (span[0] <= first.start and span[1] <= first.end and len(toks) > 1 and toks[1].text[:1].islower()
            and _is_wordlike(toks[1]) and bool(_ADJECTIVE_END.search(first.text.lower())))


def _not_agent(doc: Document, span: tuple[int, int]) -> bool:
    """A phrase headed by a place or thing ("Several Ukrainian cities"), or a city or region named
    alone: not who speaks."""
    # "Quentin Kidd, a political scientist at ... in Scott's district": the head is before the comma
    words = _words(_span_text(doc, span).partition(",")[0])
    if "in" in words and words[0] in _WHO_IN:  # "people in the area": the head is before "in"
        words = words[:words.index("in")]
    return bool(words) and words[-1] in _NON_AGENT_HEADS or _place_not_speaker(doc, span)


def _place_not_speaker(doc: Document, span: tuple[int, int]) -> bool:
    """A city, region or state named where a speaker would stand ("Kharkiv", "North Carolina"):
    not a source, unless the article also uses the word as a person's surname ("Warren" after
    "Elizabeth Warren"). Countries and capitals speak for their governments and are kept."""
    text = _span_text(doc, span).strip()
    if place_kind(text) not in ("city", "state"):
        return False
    return not _given_a_first_name(doc.text, text.split()[-1].replace("’s", "").replace("'s", ""))


_EXPLETIVE_IT = re.compile(r"\s+(?:\w+ly\s+|now\s+|also\s+)?(?:appears|appeared|seems|seemed|is|was|remains|looks|"
                           r"looked|comes|came|means|meant|emerged|transpired)\b")


def _heading(text: str) -> bool:
    """Capitals only and more than one short initialism ("MEDICAL CLAIMS", "CONGRESS"): a section
    heading run into the sentence after it, not a speaker ("CNN", "NATO", a listed "POLITICO" are)."""
    letters = re.sub(r"[^A-Za-z ]", "", text).strip()
    return letters.isupper() and (" " in letters or len(letters) > 5) and not listed(text.title())


_DANGLING = _DETS | _PREPS | {"to", "about", "by"}
_QUANTIFIERS = {"some", "several", "many", "one", "two", "three", "other", "another"}  # "Some say": a vague source


def _dangling(text: str) -> bool:
    """A phrase that ends in a determiner or preposition ("Trump made the", "tire of"): a clause cut
    off mid-phrase, not who speaks ("Some" alone is a vague source)."""
    words = _words(text)
    return bool(words) and words[-1] in _DANGLING and not (len(words) == 1 and words[0] in _QUANTIFIERS)


_ADVERB_ENDS = ("ally", "ously", "ively", "edly", "ingly", "ently", "antly", "ately")
# words that stand for someone, vaguely ("You said", "Both say"), besides _WHO_IN's ("Most said"): kept
_SOMEONE = _WHO_IN | {"you", "these", "both", "each", "none", "everyone", "everybody", "someone", "somebody",
                      "anyone", "anybody", "nobody", "either", "neither"}


def lone_word(doc: Document, text: str) -> bool:
    """One capitalised word that names no one: a function word, a day or an adverb ("As", "So", "Friday",
    "Historically"), unless it is a first name, a surname the article introduces, a place, a word for
    someone (_SOMEONE: "Most said") or for a kind of source. A common noun alone stays: in headlines
    and shorthand it is often the source ("Pastor Wants ...", "State initially said")."""
    if " " in text or not text[:1].isupper():
        return False
    low = text.lower().removesuffix("’s").removesuffix("'s").rstrip(".,:;")
    if (low in _PRONOUNS or low in _VAGUE or low in _GROUP_PLURALS or low in _QUANTIFIERS or low in _SOMEONE
            or any(low in vocab for _, vocab in _KIND_WORDS)):
        return False
    common = low in _STOP or low in _PREPS or low in _TIME or low.endswith(_ADVERB_ENDS)
    return common and not (known_first_name(text) or is_place(text) or _introduced(doc, text))


def _plausible_source(doc: Document, span: tuple[int, int]) -> bool:
    """A tagged span that can name a source: not quoted, not a place, and not a bare determiner or adjective."""
    text = _span_text(doc, span).strip()
    if not text or doc.quote_index.covers(*span) or _not_agent(doc, span) or _heading(text) or _dangling(text):
        return False
    words = _words(text)
    if len(words) == 1 and (words[0] in _DETS or words[0] in _NATIONALITY or "-" in words[0]):
        return False
    if words == ["it"] and _EXPLETIVE_IT.match(doc.text, span[1]):
        return False  # "it now appears that ...": no one speaks
    return any(w[:1].isupper() for w in text.split()) or bool(set(words) & (_PRONOUNS | _VAGUE)) or \
        any(set(words) & vocab for _, vocab in _KIND_WORDS)


def _clean_span(doc: Document, span, cues: list[Evidence]):
    """A rule's or the tagger's source span without what trails the name and without a clause
    holding another cue (``_trim_tail``, ``_cut_at_cue``); None when nothing of a source is left."""
    return _cut_at_cue(doc, _trim_tail(doc, span), cues)


def _cut_at_cue(doc: Document, span, cues: list[Evidence]):
    """A span with a cue of its sentence inside it (not at its edge) runs over a clause: cut before the
    appositive or relative clause that holds the cue ("Murphy, who thinks ...", "Mr. Guerrero, a
    Republican who described ..."), else no source ("Obama Says African-American Museum" for "Tell").
    A possessive noun cue stands in a noun phrase ("the ad's narrator")."""
    tail = [c.start for c in cues if span[0] < c.start < span[1] <= c.end and c.text.lower() not in _NOMINAL_CUES]
    if tail:  # "experts say": the verb ends the phrase, it is not part of the source ("Trump's tweet" is)
        span = span[0], span[0] + len(doc.text[span[0]:min(tail)].rstrip())
    inner = [c for c in cues if span[0] < c.start and c.end < span[1] and not c.text.endswith(("'s", "’s"))]
    if not inner:
        return span
    head, comma, after = doc.text[span[0]:min(c.start for c in inner)].rpartition(",")
    if comma and head.strip() and _APPOSITION_START.match(after):  # not "Meanwhile, it attacked Trump"
        return span[0], span[0] + len(head.rstrip())
    return None


_APPOSITION_START = re.compile(r"\s*(?:who|whose|which|a|an|the|one|now|then)\b")
# what may trail a source phrase without being part of it: ", in particular", ", on Monday", "boldly"
_TRAILING = re.compile(r"(?:,\s*(?:in|on|at|for|by|with|too|also|though|however)\b[^,]*|\s+[a-z]+ly"
                       r"|\s+(?:further|also|too|again|later|then|now|instead))?[\s,]*$")


def _trim_tail(doc: Document, span):
    """The span without an adverb or adjunct that trails the name ("Republican nominee Donald Trump,
    in particular", "Hillary Clinton boldly"); a noun in -ly ("the family") stays."""
    m = _TRAILING.search(doc.text, span[0], span[1])
    if m is None or m.start() == span[0] or m.start() == span[1] or m.group(0).strip(" ,") in _LY_NOUNS:
        return span
    return span[0], m.start()
