"""The lists under framing/resources the rules read, each loaded once: first names, the place
gazetteer, research organisations and news outlets."""
from __future__ import annotations

import re
from functools import lru_cache

from framing.evidence.attribution.vocabulary import _OUTLET_WORDS, _STATES, _capitalised

@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    from importlib import resources

    text = resources.files("framing.resources").joinpath("first_names.txt").read_text("utf-8")
    return {name: g for g, name in (line.split() for line in text.splitlines() if line and not line.startswith("#"))}


def known_first_name(word: str) -> bool:
    return word.lower() in _first_names()


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Lower-cased place name -> 'country', 'capital', 'state' or 'city' (resources/places.tsv,
    made from GeoNames by scripts/make_places.py)."""
    from importlib import resources

    text = resources.files("framing.resources").joinpath("places.tsv").read_text("utf-8")
    return {name.lower(): kind for name, kind in (line.split("\t") for line in text.splitlines()
                                                    if line and not line.startswith("#"))}


@lru_cache(maxsize=4)
def _name_list_re(resource: str) -> re.Pattern:
    """One pattern for the names of a resources/ list (one a line, longest first, case-sensitive)."""
    from importlib import resources

    text = resources.files("framing.resources").joinpath(resource).read_text("utf-8")
    names = sorted((ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), key=len,
                   reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _research_org(text: str) -> bool:
    """The phrase names a think tank, research institute or pollster of resources/research_orgs.txt."""
    return bool(_name_list_re("research_orgs.txt").search(text))


def listed(text: str) -> bool:
    """The phrase's head (before a comma) is a country or capital, or names a research organisation
    or news outlet of the project's lists, or holds a newspaper's word ("Observer", "Post"): its type
    comes from a gazetteer or a name, not from the words around it."""
    head = text.partition(",")[0]
    return place_kind(head) in ("country", "capital") or _research_org(head) or _outlet_name(head)


def _outlet_name(text: str) -> bool:
    """A news outlet of resources/media_outlets.txt, or a name holding a newspaper's word ("The
    Charlotte Observer", "the Columbus Dispatch")."""
    return _named_outlet(text) or bool(_capitalised(text) & _OUTLET_WORDS)


def _named_outlet(text: str) -> bool:
    """The phrase is the name of a news outlet of resources/media_outlets.txt, and no more ("The
    Daily Beast", "RT"; not "RT's host", whose journalist the other rules type)."""
    name, outlets = re.sub(r"^[Tt]he\s+(?=[A-Z])", "", text.strip()), _name_list_re("media_outlets.txt")
    return bool(outlets.fullmatch(name) or outlets.fullmatch("The " + name))


@lru_cache(maxsize=65536)
def place_kind(text: str) -> str:
    """'country', 'capital', 'state', 'city' when the phrase is only a place name ("Kharkiv",
    "the United States", "North Carolina"), else ''."""
    t = re.sub(r"^(?:the|in|of)\s+", "", text.strip().replace("’", "'"), flags=re.IGNORECASE).removesuffix("'s")
    return _places().get(t.lower(), "") or ("country" if t.lower() in _STATES else "")


def is_place(text: str) -> bool:
    return bool(place_kind(text))
