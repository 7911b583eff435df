"""Names: whether a phrase holds a proper name, how it splits into name and role, and whether the
article introduces a word as a surname (with a first name or a title somewhere in its text)."""
from __future__ import annotations

import re
from functools import lru_cache

from framing.evidence.attribution.resources import _research_org, is_place, known_first_name, place_kind
from framing.evidence.attribution.vocabulary import (_DETS, _KIND_WORDS, _NATIONALITY, _ORG_WORDS, _OUTLET_WORDS,
                                                     _PERSON_ROLES, _PREPS, _SKIP_BETWEEN, _STOP, _TIME, _TITLES,
                                                     _word_of, _words)
from framing.types import Document

_PARTY_AFFIX = re.compile(r",?\s*\(?\b[RDI]-[A-Z][A-Za-z.]*\)?,?\s*$")  # "Mitch McConnell, R-Ky.,"


def _person_name(name: str) -> bool:
    """Up to four capitalised words that are no organisation, outlet, place or initials."""
    name = name.strip()
    caps = name.split()
    return (bool(caps) and len(caps) <= 4 and all(w[:1].isupper() for w in caps)
            and not _INITIALISM.fullmatch(name) and not set(_words(name)) & (_ORG_WORDS | _OUTLET_WORDS)
            and not place_kind(name))


_INITIALISM = re.compile(r"(?:[Tt]he\s+[A-Z]{2,6}|(?:[Tt]he\s+)?(?:[A-Z]\.){2,5})(?:['’]s)?")


def _definite_role(words: list[str]) -> bool:
    """"the Republican nominee", "Connecticut's tax commissioner": one identified person by role
    (``words`` from ``_words``, which drops the possessive 's)."""
    return (len(words) >= 2 and words[-1] in _PERSON_ROLES and "of" not in words
            and (words[0] == "the" or words[0] in set(_NATIONALITY) or is_place(words[0])))


@lru_cache(maxsize=65536)  # pure and called for every mention; sources recur
def has_name(text: str) -> bool:
    """Two or more capitalised words in a row, or a title followed by one: a proper name."""
    toks = re.findall(r"[\w.'’-]+|[^\w\s]", text)  # punctuation breaks a run of capitals
    caps = 0
    for k, t in enumerate(toks):
        if t[:1].isupper() and t.lower().rstrip(".") not in _DETS:
            caps += 1
            if caps >= 2 or (k > 0 and toks[k - 1].lower().rstrip(".") in _TITLES):
                return True
        else:
            caps = 0
    return False


_AFFILIATED = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)\s+((?:of|from|at)\s+.+)")


def _article_led(text: str) -> bool:
    """A phrase after a comma that opens with an article is a description, not a name, whatever
    capitals it holds ("Doyle, a professor at Vanderbilt University in Nashville")."""
    return text.lstrip().partition(" ")[0] in ("a", "an", "the")


@lru_cache(maxsize=65536)  # pure and called for every mention; sources recur
def split_name_role(text: str) -> tuple[str, str]:
    """('Sergei Lavrov', 'the Russian foreign minister') from 'Sergei Lavrov, the Russian foreign minister';
    ('Volodymyr Zelensky', 'Ukrainian president') from 'Ukrainian president Volodymyr Zelensky';
    ('Peter Morgan', 'of the Sierra Club') from 'Peter Morgan of the Sierra Club'."""
    if "," in text:
        name, _, role = text.partition(",")
        if not _article_led(role) and (has_name(role) and not has_name(name)
                                       or _person_name(role) and not _person_name(name) and has_name(role)):
            # "the authority's chief engineer, Tomas Rehak", "Another RT America host, Abby Martin"
            name, role = role, name
        name, role = name.strip(), role.strip()
        if m := _affiliated(name):  # "Jane Roe of Springfield, Va."
            return m[0], f"{m[1]}, {role}".strip(", ")
        return name, role
    if m := _affiliated(text):
        return m
    toks = text.split()
    # trailing run of capitalised words is the name; what precedes it is the role
    k = len(toks)
    while k > 0 and toks[k - 1][:1].isupper() and toks[k - 1].lower().rstrip(".") not in _TITLES:
        k -= 1
    # "House Speaker Paul Ryan": a known first name in the run starts the name
    k = next((j for j in range(k, len(toks) - 1) if known_first_name(toks[j])), k)
    if 0 < k < len(toks) and len(toks) - k >= 1:
        return " ".join(toks[k:]), " ".join(toks[:k])
    return text, ""


def _affiliated(text: str) -> tuple[str, str] | None:
    """(name, role) of a name followed by where the person is from or works ("Mr. Morgan of the Sierra
    Club"), None for a title or body that has an "of" in it ("Secretary of State John Kerry", "Bank of
    America")."""
    m = _AFFILIATED.fullmatch(text)
    if not m or not has_name(m.group(1)):
        return None
    name, role = split_name_role(m.group(1))
    role = "" if role.lower().rstrip(".") in _COURTESY else role
    return name, f"{role} {m.group(2)}".strip()


_COURTESY = {"mr", "mrs", "ms", "dr", "miss"}


def _titled_person(text: str) -> bool:
    """A person's name after a lower-case role: "NBC host Lester Holt", "pollster Pat Caddell" (not
    "the centrist Tax Policy Center")."""
    name, role = split_name_role(text)
    words = _words(name)
    return (bool(role) and role.split()[-1].islower() and _word_of(role.split()[-1]) not in _DETS
            and _person_name(name) and len(words) >= 2 and not _research_org(name)
            and (known_first_name(name.split()[0]) or len(words) == 2 and not any(
                set(words) & vocab for _, vocab in _KIND_WORDS)))


# What may stand between the start of a _words_before_name match and its name: the words before
# it are [A-Z][a-z]+ or an initial, with full stops and white space.
_NAME_RUN = re.compile(r"[A-Za-z.\s]*")
_CAPITAL = re.compile(r"[A-Z]")


@lru_cache(maxsize=4096)
def _words_before_name(text: str, word: str) -> tuple[tuple[str, str], ...]:
    """Every capitalised word the article puts right before ``word`` ("John" in "John F. Kerry",
    "Mr" in "Mr. Steele"; Zelenskyy ~ Zelensky), lower-cased, with the word before it ("gen" in
    "Gen. Norman Ham") or ""."""
    name = re.sub(r"(.)\1$", r"\1", word)
    stem = re.sub(r"['’]", "['’]", re.escape(name))  # O'Neill ~ O’Neill
    pattern = re.compile(r"(?:\b([A-Z][a-z]+)\.?\s+)?\b([A-Z][a-z]+)\.?\s+(?:[A-Z]\.\s+)?" + stem + r"\w?\b")
    # The matches of ``pattern.finditer(text)``, found by trying the pattern only just before each
    # place the name stands (a scan of the whole text tried it at every capital: 3x slower). A
    # match ends at an occurrence of the name, and what precedes that occurrence in it is _NAME_RUN
    # characters starting with a capital; so the leftmost match from ``pos`` starts at a capital in
    # the run of such characters before the first occurrence at or after ``pos``, or at it, or later.
    plain, flat = name.replace("’", "'"), text.replace("’", "'")  # ' and ’ alike, offsets kept
    if not plain:
        return tuple(((m.group(1) or "").lower(), m.group(2).lower()) for m in pattern.finditer(text))
    back, n = text[::-1], len(text)  # the run before an occurrence is a match at its mirrored offset here
    out, pos = [], 0
    while (q := flat.find(plain, pos)) >= 0:
        lo = max(pos, q - (_NAME_RUN.match(back, n - q).end() - (n - q)))
        for c in _CAPITAL.finditer(text, lo, q + 1):
            if m := pattern.match(text, c.start()):
                out.append(((m.group(1) or "").lower(), m.group(2).lower()))
                pos = m.end()
                break
        else:
            pos = q + 1  # no match starts at or before this occurrence
    return tuple(out)


def _common(w: str) -> bool:
    return w in _DETS or w in _STOP or w in _PREPS or w in _TIME or w in _SKIP_BETWEEN


def _introduced_in(text: str, word: str) -> bool:
    """"Newt Gingrich", "Mr. Steele", "Gen. Norman Ham": the word follows a first name, a title, a
    titled capitalised word, or a capitalised word that is no common word or place, so it is a surname."""
    return _given_a_first_name(text, word) or any(not (_common(w) or is_place(w.title()))
                                                  for _, w in _words_before_name(text, word))


def _given_a_first_name(text: str, word: str) -> bool:
    """The article puts a first name or a title right before the word ("Jim Jordan", "President Xi")."""
    return any(known_first_name(w) or w in _TITLES or prev in _TITLES for prev, w in _words_before_name(text, word))


def _ever_a_surname(text: str, word: str) -> bool:
    """The word follows a capitalised word somewhere ("Gen. Norman Ham"), even one that is also a
    place: a person's name, not a company's ("Peabody said")."""
    return any(not _common(w) for _, w in _words_before_name(text, word))


def _introduced(doc: Document, word: str) -> bool:
    """A one-word name that the article gives elsewhere with a first name or title ("Zelenskyy"
    beside "Volodymyr Zelensky", "Steele" beside "Mr. Steele"), or a known first name used alone
    ("Melanie said"): an identifiable person, and so a named source."""
    word = word.strip().removesuffix("’s").removesuffix("'s")
    if not re.fullmatch(r"[A-Z][\w'’-]+", word):
        return False
    if word.isupper() and len(word) > 2:
        word = word.title()  # a transcript's "PENCE" is "Mike Pence"
    return known_first_name(word) or _introduced_in(doc.text, word)
