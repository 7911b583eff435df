"""Mentions -> sources: role-only mentions and people introduced as experts or journalists linked
to their named person, one source per cue, and the ledger of distinct sources."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from framing.evidence.attribution.keys import _role_key, merge_short_keys
from framing.evidence.attribution.kinds import _JOURNALISTS, IDENTIFIABLE, _titled_name_kind, kind_of
from framing.evidence.attribution.names import has_name, split_name_role
from framing.evidence.attribution.records import Attribution, Source
from framing.evidence.attribution.resources import _outlet_name
from framing.evidence.attribution.vocabulary import _KIND_WORDS, _NATIONALITY, _TITLES, _words
from framing.types import Document

def link_roles(found: list[Attribution]) -> list[Attribution]:
    """Give role-only mentions ('the Ukrainian president') the group of the named person with that role."""
    roles: dict[str, str] = {}
    heads: dict[str, set[str]] = {}  # "minister" -> the people whose role ends with it
    for a in found:
        if a.group.startswith("person:") and a.role:
            roles.setdefault(_role_key(a.role), a.group)
            if _role_key(a.role):
                heads.setdefault(_role_key(a.role).split()[-1], set()).add(a.group)
    for head, groups in heads.items():
        if len(groups) == 1:  # "the minister" when one person in the article is a minister
            roles.setdefault(head, next(iter(groups)))
    out = []
    for a in found:
        if not a.group.startswith("person:") and a.source_text and not has_name(a.source_text):
            key = _role_key(a.source_text)
            if key in roles:
                a = Attribution(a.sentence, a.source, a.source_text, a.cue, a.cue_text, a.content, "person", True,
                                a.direct, a.role or a.source_text, a.resolved_from, roles[key])
        out.append(a)
    return out


@lru_cache(maxsize=4096)
def _introduced_as(text: str, surname: str) -> str:
    """'expert' or 'media' when the article introduces the person called ``surname`` as one
    ("Steven M. Rosenthal, a senior fellow at the Tax Policy Center", "MSNBC host Chris Matthews"),
    else ''. The labelling guide keeps that role on every later mention ("Mr. Rosenthal", "he")."""
    at = text.find(" " + surname)  # str.find: a regex a surname scanned each article's text 5x slower
    while at >= 0:
        start, end = at + 1, at + 1 + len(surname)
        at = text.find(" " + surname, end)
        if text[end:end + 1].isalnum():
            continue  # "Warren" in "Warrenton"
        before = text[max(0, start - 80):start].split()  # the words before the name
        if before and _INITIAL.fullmatch(before[-1]):
            before.pop()  # "Steven M. Rosenthal"
        wrote = _WROTE_IN.match(text, end)
        if wrote and _is_outlet(wrote.group(1)):
            return "media"  # "Tuttle wrote in The Nation"
        if not before or not _FIRST_NAME.fullmatch(before[-1]) or before[-1].rstrip(".").lower() in _TITLES:
            continue  # only the introduction with a first name carries the role ("Mrs. Clinton" does not)
        outlet = _OUTLET_POSSESSIVE.search(text, max(0, start - 100), start)
        if outlet and _is_outlet(outlet.group(1)):
            return "media"  # "CNN's Jomana Karadsheh", "The Blaze's Matt Walsh"
        role = _APPOSITIVE.match(text, end)
        if role and (k := kind_of(role.group(1))) in ("expert", "media"):
            return k
        title = _words(" ".join(before[-4:-1]))
        if title and title[-1] in _JOURNALISTS | _KIND_WORDS[2][1]:  # the title right before the name
            if (k := _titled_name_kind(frozenset(title))) in ("expert", "media"):
                return k
    return ""


# a first name (and initial) just before a surname; an appositive after it; an outlet's possessive
# before the first name; "wrote in <outlet>" after the surname
_FIRST_NAME = re.compile(r"[A-Z][a-z]+\.?")
_OUTLET_POSSESSIVE = re.compile(r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s\s+(?:[a-z-]+\s+){0,2}[A-Z][a-z]+\s+"
                                r"(?:[A-Z]\.\s+)?$")
_WROTE_IN = re.compile(r"\s+(?:wrote|writes|noted|notes|reported|reports|argued|argues)\s+(?:in|on|for|at)\s+"
                       r"((?:[Tt]he\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})")
_INITIAL = re.compile(r"[A-Z]\.")
_APPOSITIVE = re.compile(r", ((?:an?|the) [^,.;:\"“”]{3,90})")


def _is_outlet(text: str) -> bool:
    """A news outlet's name (_outlet_name), or a phrase the rules type as media ("CNN", "The Nation")."""
    return _outlet_name(text) or kind_of(text) == "media"


def _keep_introduced_roles(doc: Document, found: list[Attribution]) -> list[Attribution]:
    """A person the article introduces as an expert or journalist is that kind of source on every
    mention, including surname-only ones and pronouns resolved to them."""
    kinds: dict[str, str] = {}
    for a in found:
        if a.kind == "person" and a.group.startswith("person:") and not kinds.get(a.group):
            names = re.findall(r"[A-Z][\w'’-]+", split_name_role(a.source_text)[0])
            surname = names[-1].removesuffix("’s").removesuffix("'s") if names else ""
            kinds[a.group] = _introduced_as(doc.text, surname) if surname else ""
    if not any(kinds.values()):
        return found
    return [replace(a, kind=kinds[a.group]) if a.kind == "person" and kinds.get(a.group) else a for a in found]


def one_per_cue(atts: list[Attribution]) -> list[Attribution]:
    """Without the source-less attribution of a cue that a kept one gives a source: when the rules
    find no subject ("WASHINGTON -- President Obama on Saturday said") the tagger's span for the
    same cue is a separate candidate, and once the verifier keeps it the cue has its source."""
    sourced = {(a.sentence, a.cue) for a in atts if a.source_text and a.cue}
    if not sourced:
        return atts
    return [a for a in atts if a.source_text or (a.sentence, a.cue) not in sourced]


def _display_name(a: Attribution) -> str:
    if a.cue is not None and a.cue == a.source:  # a vague marker, no one named: "it is understood"
        return f"unnamed (\u201c{a.source_text}\u201d)"
    if a.group == "author:i":
        return f"{a.source_text} (the writer)"
    if a.kind == "person" or a.group.startswith("person:") or (
            "," in a.source_text and has_name(a.source_text.partition(",")[0])):
        return split_name_role(a.source_text)[0]
    if _words(a.source_text)[:1] in (["its"], ["their"]):  # "its defence ministry (Russia)": whose, from the key
        whose = [w for w in a.group.partition(":")[2].split() if w in set(_NATIONALITY.values())]
        if whose:
            return f"{a.source_text} ({whose[0].upper() if len(whose[0]) <= 3 else whose[0].title()})"
    return a.source_text


def _merge_short_org_keys(found: list[Attribution]) -> list[Attribution]:
    remap = merge_short_keys({a.group for a in found})
    if not remap:
        return found
    return [a if a.group not in remap else Attribution(
        a.sentence, a.source, a.source_text, a.cue, a.cue_text, a.content, a.kind, a.named, a.direct, a.role,
        a.resolved_from, remap[a.group]) for a in found]


def ledger(found: list[Attribution]) -> list[Source]:
    """Distinct sources with their mentions, claims, and direct/indirect counts, most cited first."""
    groups: dict[str, Source] = {}
    for a in _merge_short_org_keys(found):
        if not a.source_text:
            continue
        src = groups.get(a.group)
        if src is None:
            first = _display_name(a)
            src = groups[a.group] = Source(a.group, first, a.kind, a.named)
        if a.kind in IDENTIFIABLE and src.kind not in IDENTIFIABLE:
            src.kind = a.kind
        src.named = src.named or a.named
        name = _display_name(a)
        possessive = _words(src.name)[:1] in (["its"], ["their"])
        if (has_name(name) and (not has_name(src.name) or len(name) > len(src.name))
                or possessive and _words(name)[:1] not in (["its"], ["their"])):
            src.name = name
        if a.role and a.role not in src.roles:
            src.roles.append(a.role)
        if a.source_text not in src.mentions:
            src.mentions.append(a.source_text)
        src.claims += 1
        src.direct += int(a.direct)
        src.indirect += int(not a.direct)
        src.sentences.append(a.sentence)
    return sorted(groups.values(), key=lambda s: (-s.claims, s.sentences[0]))
