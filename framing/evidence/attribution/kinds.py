"""Source typing rules: kind_of gives a source phrase its type (person, official, expert, media,
document, social media, anonymous, pronoun) from its words, names and the project's lists."""
from __future__ import annotations

import re
from functools import lru_cache

from framing.evidence.attribution.names import (_INITIALISM, _PARTY_AFFIX, _article_led, _definite_role,
                                                _person_name, _titled_person, has_name)
from framing.evidence.attribution.resources import _named_outlet, _research_org, known_first_name, place_kind
from framing.evidence.attribution.vocabulary import (_DETS, _KIND_WORDS, _NATIONALITY, _ORG_WORDS, _OUTLET_WORDS,
                                                     _PERSON_ROLES, _PREPS, _PRONOUNS, _VAGUE, _capitalised, _words)

KINDS = ("person", "official", "expert", "media", "document", "social_media", "anonymous", "pronoun")
IDENTIFIABLE = {"person", "official", "expert", "media", "document"}

# Platforms whose name alone, as a speaker, is the company ("Twitter said"), not its users.
_PLATFORMS = {"twitter", "facebook", "instagram", "tiktok", "youtube", "reddit", "weibo", "vk", "telegram", "meta"}
# Modifiers that leave a plural of officials vague: "Republican officials", "White House aides".
_VAGUE_MODIFIERS = {"senior", "western", "us", "government", "republican", "republicans", "democratic", "democrat",
                    "democrats", "gop", "conservative", "liberal", "administration", "white", "house", "campaign",
                    "party", "state", "federal", "local", "intelligence", "military", "defence", "defense", "police",
                    "former", "current", "top", "other", "independent", "security", "law", "enforcement"}


@lru_cache(maxsize=65536)  # pure and called for every mention; sources recur
def kind_of(text: str, cue: str = "") -> str:
    """The type of a source phrase (see KINDS)."""
    text = _PARTY_AFFIX.sub("", text)
    rel = _RELATIVE_CLAUSE.search(text)
    if rel and rel.start() > 0:
        return kind_of(text[:rel.start()], cue)  # "Joseph, who has four children": the head says who
    words = _words(text)
    wset = set(words)
    if "who" in wset and "WHO" not in text:
        wset.discard("who")  # the pronoun, not the World Health Organization
    if not words:
        return "anonymous"
    if len(words) == 1 and words[0] in _PRONOUNS:
        return "pronoun"
    if place_kind(text) in ("country", "capital"):  # place_kind knows _STATES too
        return "official"  # a country or capital named as a speaker stands for its government
    if wset <= _VAGUE | _DETS | {"media", "local", "unconfirmed", "news", "press", "overnight", "recent", "earlier"}:
        return "anonymous"  # "reports say", "media reports", "some analysts"
    if _group_plural(_words(text.partition(",")[0])):
        return "anonymous"  # "Republicans on the committee", "one of Mr. Obama's advisers", "Black Lawmakers"
    head = words[-1] if "," not in text else _words(text.partition(",")[0])[-1:] or [""]
    head = head[0] if isinstance(head, list) else head
    if head in _KIND_WORDS[-1][1] and not (wset & _KIND_WORDS[0][1]):  # "the authority's inspection report"
        return "document"
    if _research_org(text.partition(",")[0]):
        return "expert"  # "the Tax Foundation", "Brookings": a think tank or pollster, whatever its "Foundation"
    if _named_outlet(text.partition(",")[0]):
        return "media"  # "The Daily Beast", "RT": an outlet, though its name reads like a person's
    if "," in text:  # "Name, role" or "role, Name": the role says what kind of source the name is
        first, _, second = text.partition(",")
        if has_name(second) and not has_name(first) and not (_article_led(second) and _person_name(first)):
            role_kind = kind_of(first, cue)
            return "expert" if role_kind == "expert" else "person"
        if place_kind(first) in ("country", "capital"):
            return "official"  # "China, Pyongyang's only ally, said"
        if _titled_person(first) and (k := kind_of(first, cue)) in ("expert", "media"):
            return k  # "the economist Jared Bernstein, a former adviser in the Obama White House"
        role_kind = kind_of(second, cue)
        if role_kind in ("expert", "media") and _person_name(first):
            return role_kind  # "Daryl Kimball, executive director of the Arms Control Association"
        if _person_described(first, second):  # "Clinton, the former secretary of State"
            return "person"
        if role_kind in ("official", "expert", "media") and not has_name(text.partition(",")[0]):
            return role_kind
        if role_kind == "official" and set(_words(text.partition(",")[2])) & _ORG_WORDS:
            return "official"
    toks = text.split()
    if (len(toks) >= 3 and "," not in text and toks[-1][:1].isupper() and toks[-2][:1].isupper()
            and toks[-3].islower() and toks[-3] not in _DETS | _PREPS and not wset & _KIND_WORDS[0][1]):
        # a name after a role word: "White House press secretary Josh Earnest", "defence analyst Jane Ode"
        return _titled_name_kind(wset)
    m = _ENDS_IN_NAME.search(text.strip())
    if (m and m.start() > 0 and "," not in text and known_first_name(m.group(1))
            and words[-1] not in _ORG_WORDS | _OUTLET_WORDS and not any(words[-1] in vocab for _, vocab in _KIND_WORDS)):
        # a person's full name after a title or role: "Tulsa police Chief Chuck Jordan",
        # "Secretary of State John F. Kerry"
        return _titled_name_kind(wset)
    if words[0] in ("a", "an") and head in _PERSON_ROLES and "of" not in wset and "for" not in wset:
        return "anonymous"  # "a Homeland Security Department official": one unnamed person
    if _definite_role(words) and words[-1] not in _ORG_WORDS:
        return "person"  # "the Republican nominee", "the Indiana governor": one identified person
    caps = _capitalised(text)
    if caps & _OUTLET_WORDS and (has_name(text) or len(caps) == 1) and not wset & {"minister", "ministry", "senator"}:
        return "media"  # "The Washington Post", "the BBC": before "post" can read as social media
    if cue.lower() in ("tweeted", "posted") and not (wset & {"ministry", "mod", "government"}):
        # the account holder tweets: a person when the phrase is a name ("Trump tweeted")
        return "person" if has_name(text) or text.strip()[:1].isupper() and len(words) == 1 else "social_media"
    if head in ("company", "giant", "firm") or wset & _PLATFORMS and wset <= _PLATFORMS | _DETS:
        return "official"  # "Twitter said", "the social media company": the company speaks, not its users
    for kind, vocab in _KIND_WORDS:
        if wset & vocab:
            if kind == "official" and has_name(text) and not (wset & _ORG_WORDS):
                return "person"
            if kind == "expert" and wset <= _VAGUE | _DETS | {"western", "military", "independent", "defence"}:
                return "anonymous"
            if (kind == "official" and head in _VAGUE
                    and wset <= _VAGUE | _DETS | _VAGUE_MODIFIERS | set(_NATIONALITY)):
                return "anonymous"  # "Republican officials", "senior administration officials"
            return kind
    if wset & _VAGUE:
        return "anonymous"
    if _INITIALISM.fullmatch(text.strip()):
        return "official"  # "the EPA", "The S.E.C.": an organisation's initials
    if has_name(text) or (len(words) == 1 and text.strip()[:1].isupper() and words[0] not in _DETS):
        return "person"
    return "anonymous"


_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose|whom)\b")
_ENDS_IN_NAME = re.compile(r"\b([A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+$")
# Plural nouns for people in general: a phrase headed by one names no one ("Lawmakers", "Republicans on
# the committee", "some Republicans, including ..."), as the project's labelling guide has it.
_GROUP_PLURALS = (_VAGUE - _KIND_WORDS[0][1]) | {  # bloggers and users stay social media
    "republicans", "democrats", "conservatives", "liberals", "progressives", "lawmakers", "legislators", "members",
    "voters", "readers", "scholars", "supporters", "opponents", "protesters", "advisers", "advisors", "donors",
    "leaders", "historians", "economists", "scientists", "researchers", "developers", "investors", "parents",
    "families", "doctors", "teachers", "students", "workers", "employees", "executives", "americans", "citizens",
    "proponents", "advocates", "skeptics", "detractors", "fans", "viewers", "participants", "respondents",
    "commanders", "officers", "generals", "staffers", "strategists", "operatives"}
_QUANTIFIED = {"a", "an", "number", "group", "handful", "couple", "majority", "few", "several", "some", "many", "most",
               "one", "two", "three", "of", "other", "all", "both", "none", "dozens", "hundreds", "the"}


def _group_plural(words: list[str]) -> bool:
    """The phrase's head, before any preposition or comma, is a plural of people in general."""
    head = words[:next((k for k, w in enumerate(words) if w in _ROLE_END - {"of"}), len(words))]
    while head and head[0] in _QUANTIFIED:
        head = head[1:]
    head = head[:next((k for k, w in enumerate(head) if w == "of"), len(head))]
    return bool(head) and head[-1] in _GROUP_PLURALS


_JOURNALISTS = {"moderator", "host", "anchor", "reporter", "correspondent", "editor", "columnist", "journalist",
                "writer", "commentator"}


def _titled_name_kind(wset: set[str]) -> str:
    """A person named after a role: an outlet's journalist ("NBC News moderator Matt Lauer") speaks
    for the outlet, an analyst is an expert, anyone else a person."""
    if wset & _JOURNALISTS and wset & _KIND_WORDS[1][1]:
        return "media"
    return "expert" if wset & _KIND_WORDS[2][1] else "person"


_ROLE_END = {"of", "for", "at", "on", "in", "with", "from", "who", "which", "whose", "and", "to"}


def _person_described(name: str, role: str) -> bool:
    """"Name, a/the <role>" where the role's head noun is one person ("the former secretary of
    State", "a top Trump surrogate", "the top Democrat on the committee"), not an organisation
    ("Gazprom, the energy giant") and the name is no place or set of initials."""
    rw = _words(role)
    one_of = rw[:2] == ["one", "of"]  # "Benjamin Rhodes, one of the president's closest aides"
    rw = rw[2:] if one_of else rw
    head = next((k for k, w in enumerate(rw) if w in _ROLE_END), len(rw)) - 1
    if not rw or rw[0] not in ("a", "an", "the") or head < 1:
        return False
    noun = rw[head]
    if noun in _ORG_WORDS or noun.endswith("s") and noun not in _PERSON_ROLES and not one_of or any(
            noun in vocab for kind, vocab in _KIND_WORDS if kind not in ("official", "expert", "media")):
        return False
    return _person_name(name)
