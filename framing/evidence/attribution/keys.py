"""Grouping keys: the key that puts a source's mentions in one group (a surname, an organisation's
canonical words, a role) and the merging of a short organisation key into the longer one."""
from __future__ import annotations

import re
from functools import lru_cache

from framing.evidence.attribution.names import (_PARTY_AFFIX, _definite_role, _titled_person, has_name,
                                                split_name_role)
from framing.evidence.attribution.vocabulary import _DETS, _NATIONALITY, _PREPS, _STATES, _words

_ORG_SYNONYMS = [(r"\bmod\b", "ministry of defence"), (r"\bdefen[cs]e ministry\b", "ministry of defence"),
                 (r"\bministry of defen[cs]e\b", "ministry of defence"), (r"\bdefense\b", "defence"),
                 (r"\bisw\b", "institute for the study of war")]


def _surname(name: str) -> str:
    toks = [t for t in re.findall(r"[\w'’-]+", name) if t[:1].isupper()]
    if not toks:
        return ""
    s = toks[-1].lower().replace("’", "'").removesuffix("'s")
    return re.sub(r"(.)\1$", r"\1", s)  # Zelenskyy ~ Zelensky


def org_key(text: str) -> str:
    """A canonical key for an organisation phrase: 'the MoD' ~ 'the Ministry of Defence'."""
    t = text.lower().replace("’", "'")
    t = re.sub(r"'s\b", "", t)
    for pat, rep in _ORG_SYNONYMS:
        t = re.sub(pat, rep, t)
    words = [w for w in re.findall(r"[\w.-]+", t) if w not in _DETS and w not in ("us-based", "uk-based")]
    nat = sorted({_NATIONALITY[w] for w in words if w in _NATIONALITY})
    core = [_singular(w) for w in words if w not in _NATIONALITY]
    return " ".join(nat + core)


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _anon_key(text: str) -> str:
    words = []
    for w in _words(text):
        if w in _PREPS:  # "soldiers in Kharkiv": the head is before the preposition
            break
        if w not in _DETS:
            words.append(w)
    return " ".join(words[-2:]) if words else "unattributed"


_COUNTRY_MENTION = re.compile(r"\b(" + "|".join(sorted((k for k in _NATIONALITY if k.isalpha()), key=len, reverse=True))
                              + r")\b", re.IGNORECASE)


def _possessor(text: str, before: int) -> str:
    """For 'its defence ministry': the nearest country or nationality named before ``before``."""
    found = list(_COUNTRY_MENTION.finditer(text, max(0, before - 400), before))
    return found[-1].group(1) if found else ""


_FIRST_PERSON = {"i": "i", "me": "i", "my": "i", "we": "we", "us": "we", "our": "we"}


@lru_cache(maxsize=65536)  # pure and called for every attribution; sources recur
def source_key(text: str, kind: str) -> str:
    text = _PARTY_AFFIX.sub("", text)  # "Mike Pence (R-IN)" is Pence
    if (who := _FIRST_PERSON.get(text.strip().lower())) is not None:
        return f"author:{who}"  # "I" in the outlet's voice is the writer, whatever type each mention got
    if kind == "person" and _definite_role(_words(text)) and not has_name(text):
        return f"role:{_role_key(text)}"  # "the Ukrainian president": linked to the named holder in link_roles
    if kind == "person" or (kind in ("expert", "official") and has_name(text) and "," in text):
        name, _ = split_name_role(text)
        s = _surname(name)
        if s:
            return f"person:{s}"
    if kind in ("expert", "media") and "," not in text and _titled_person(text):
        return f"person:{_surname(text)}"  # "longtime Democratic pollster Pat Caddell" is Caddell
    if kind in ("official", "media", "expert", "document", "social_media"):
        return f"{kind}:{org_key(text)}"
    return f"{kind}:{_anon_key(text)}"


def _role_key(text: str) -> str:
    return " ".join(w for w in _words(text) if w not in _DETS and w not in _NATIONALITY)


def merge_short_keys(keys: set[str]) -> dict[str, str]:
    """Map a short organisation key to the one longer key that contains it, if exactly one does
    ('official:authority' -> 'official:ostrava regional water authority')."""
    keys = {k for k in keys if k.split(":")[0] in ("official", "media", "expert")}
    words_of = {k: set(k.partition(":")[2].split()) - {"regional", "local", "region"} for k in keys}
    remap = {}
    countries = set(_NATIONALITY.values()) | _STATES
    for k in keys:
        kind = k.partition(":")[0]
        if words_of[k] <= countries:
            continue  # "Ukraine" (its government) is not "Ukraine's gas pipe operator"
        supers = [o for o in keys if o != k and o.startswith(kind + ":") and words_of[k] and words_of[k] < words_of[o]]
        supers = [o for o in supers if not any(words_of[o] < words_of[x] for x in supers)]  # maximal only
        if len(supers) == 1:
            remap[k] = supers[0]
    return remap
