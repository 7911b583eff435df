"""Lexicons as data: load the TSV files, match the shown categories' terms in a Document, and
give the framing model every category's terms (framing/lexicons/categories.tsv lists them).

Terms are matched on word tokens, case-insensitively. ``stem`` terms are compared after
Snowball stemming, so "humiliated" also finds "humiliating" and "humiliation"; ``exact``
terms compare the lower-cased word itself, for words whose stem collides with a harmless
one ("rout" vs "route", "liberated" vs "liberal"). ``*`` in a term stands for any one word.
"""
from __future__ import annotations

import hashlib
import operator
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from framing.types import Document, Evidence

CATEGORY_FILE = "categories.tsv"  # category, shown (as evidence), subjective, what belongs there


def _category_table() -> list[list[str]]:
    text = resources.files("framing.lexicons").joinpath(CATEGORY_FILE).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


_TABLE = _category_table()
ALL_CATEGORIES = tuple(row[0] for row in _TABLE)
CATEGORIES = tuple(row[0] for row in _TABLE if row[1] == "yes")  # shown as evidence
SUBJECTIVE = frozenset(row[0] for row in _TABLE if row[2] == "yes")
MATCH_MODES = ("stem", "exact")
WILDCARD = "*"
# A word inside a hedge or caveat phrase belongs to that phrase: "confirmed" in "if confirmed"
# attributes nothing, so such cue matches are dropped.
YIELDS_TO = {"attribution_cue": ("hedge", "verification_caveat")}


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    category: str
    weight: float
    match: str
    keys: tuple[str, ...]  # one key a word: a stem, an exact word, or WILDCARD
    note: str = ""


_TEXT = operator.itemgetter(2)  # a Token's text


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer():
    from framing.text.nltk_parts import snowball_stemmer

    return snowball_stemmer("english")


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Lower-case a token and drop a possessive ending and curly apostrophes."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w


@lru_cache(maxsize=131072)
def word_keys(word: str) -> tuple[str, str]:
    """(exact key, stem key) of one token."""
    w = normalise(word)
    return w, _stem(w)


_PLAIN_WORD = re.compile(r"[a-z]+")


def _split_term(term: str) -> list[str]:
    if _PLAIN_WORD.fullmatch(term):  # most terms: one lower-case word, its own only token
        return [term]
    from framing.text.document import tokenize

    return [term[s:e] for s, e in tokenize(term)]


class Lexicon:
    """A set of entries indexed by their first word, for one left-to-right pass per sentence."""

    def __init__(self, entries: list[Entry], sources: tuple[str, ...] = (), digest: str = ""):
        merged: dict[tuple[str, tuple[str, ...]], Entry] = {}
        for e in entries:  # a later file overrides an earlier one for the same term
            merged[(e.category, e.keys)] = e
        self.entries = tuple(merged.values())
        self.sources = sources
        self.digest = digest
        # Entries by (form, first key) or, for a phrase, (form, first key, second key), where form
        # is 1 for stem-matched and 0 for exact: a token's candidates then fit on their first two
        # words already. Candidates are tried longest first (stem before exact, then file order).
        self._index: dict[tuple, list[tuple[tuple, Entry]]] = {}
        self._firsts: tuple[set[str], set[str]] = (set(), set())  # exact, stem first keys
        shown = [e for e in self.entries if e.category in _SHOWN]  # the other categories are model features only
        for g, e in enumerate(sorted(shown, key=lambda e: -len(e.keys))):
            form = 0 if e.match == "exact" else 1
            key = (form, *e.keys[:2]) if len(e.keys) > 1 and e.keys[1] != WILDCARD else (form, e.keys[0])
            self._index.setdefault(key, []).append(((-len(e.keys), 1 - form, g), e))
            self._firsts[form].add(e.keys[0])

    def __len__(self) -> int:
        return len(self.entries)

    def by_category(self, category: str) -> list[Entry]:
        return [e for e in self.entries if e.category == category]

    def match(self, doc: Document) -> tuple[Evidence, ...]:
        """Every match of a shown category's term in ``doc``; per category, the longest match wins
        where two overlap."""
        quotes = doc.quote_index
        out: list[Evidence] = []
        toks = doc.tokens
        keys = list(map(word_keys, map(_TEXT, toks)))  # C-level loops: this runs over every token
        taken: dict[str, int] = {}  # category -> first token index still free
        index, (exact_firsts, stem_firsts) = self._index, self._firsts
        starts = [i for i, (exact, stem) in enumerate(keys) if stem in stem_firsts or exact in exact_firsts]
        last = len(keys) - 1
        for i in starts:  # most words start no entry
            tok = toks[i]
            exact, stem = keys[i]
            found = [index.get((1, stem)), index.get((0, exact))]
            if i < last:
                found += [index.get((1, stem, keys[i + 1][1])), index.get((0, exact, keys[i + 1][0]))]
            found = [c for c in found if c]
            if not found:
                continue
            cands = [e for _, e in (found[0] if len(found) == 1 else sorted(x for c in found for x in c))]
            for e in cands:
                if taken.get(e.category, 0) > i:
                    continue
                n = len(e.keys)
                if n > 1:  # the first word fits already; check the others (a phrase within one sentence)
                    if i + n > len(toks) or toks[i + n - 1].sentence != tok.sentence:
                        continue
                    form = 0 if e.match == "exact" else 1
                    if not all(k == WILDCARD or k == keys[i + j][form] for j, k in enumerate(e.keys[1:], 1)):
                        continue
                start, end = tok.start, toks[i + n - 1].end
                out.append(Evidence(e.category, e.term, start, end, doc.text[start:end],
                                    tok.sentence, quotes.covers(start, end), e.weight))
                taken[e.category] = i + n
        return tuple(_drop_yielding([e for e in out if not _no_cue(e, doc.text)]))


_SHOWN = frozenset(CATEGORIES)
_ACTIVE: ContextVar[Lexicon | None] = ContextVar("framing_lexicon", default=None)


def active_lexicon() -> Lexicon:
    """The lexicon the framing model's lexicon features read: the one a Scorer was given while it
    scores (``using``), else the bundled one. Its terms count at once; their weights are learned."""
    active = _ACTIVE.get()
    return load_lexicon() if active is None else active  # an empty lexicon is one too


@contextmanager
def using(lexicon: Lexicon):
    token = _ACTIVE.set(lexicon)
    try:
        yield lexicon
    finally:
        _ACTIVE.reset(token)


_AGENT_ENDING = re.compile(r"(?:at)?[eo]rs?")


@lru_cache(maxsize=4096)
def _agent_noun_of(term: str, word: str) -> bool:
    """``word`` is the person who does the stem-matched verb ``term``: "contenders" for "contended",
    "commentators" for "commented", "believers" for "believed". Not for a verb that ends in -er
    itself ("considers" for "considered")."""
    stem = _stem(term)
    rest = word[len(stem):] if word.startswith(stem) else ""
    return bool(_AGENT_ENDING.fullmatch(rest)) and stem + rest[:-1 if rest.endswith("s") else None] not in term


def _no_cue(e: Evidence, text: str) -> bool:
    """An attribution cue matched where no one speaks: on a noun for people ("presidential
    contenders") or at the end of a hyphenated compound ("so-called", "self-described")."""
    if e.category != "attribution_cue":
        return False
    s = e.start
    return s > 1 and text[s - 1] in "-‐" and text[s - 2].isalpha() or (
        " " not in e.term and _agent_noun_of(e.term, normalise(e.text)))


_OWNERS = {c for v in YIELDS_TO.values() for c in v}  # categories others yield to


def _drop_yielding(found: list[Evidence]) -> list[Evidence]:
    owners = [e for e in found if e.category in _OWNERS]
    if not owners:
        return found
    # only a yielding category's matches are checked against the owners (most matches are not)
    return [e for e in found
            if e.category not in YIELDS_TO
            or not any(o.category in YIELDS_TO[e.category] and o.start <= e.start and e.end <= o.end for o in owners)]


def parse_lexicon(text: str, name: str) -> list[Entry]:
    """Parse TSV lexicon text; raise LexiconError naming ``name`` and the line on any fault."""
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) < 2:
            raise LexiconError(f"{name}:{n}: expected tab-separated columns term, category[, weight, match, note]; got {line!r}")
        term, category = cols[0].strip(), cols[1].strip()
        weight_s = cols[2].strip() if len(cols) > 2 and cols[2].strip() else "1"
        match = cols[3].strip() if len(cols) > 3 and cols[3].strip() else "stem"
        note = cols[4].strip() if len(cols) > 4 else ""
        if not term:
            raise LexiconError(f"{name}:{n}: empty term")
        if category not in ALL_CATEGORIES:
            raise LexiconError(f"{name}:{n}: unknown category {category!r} "
                               f"(expected one of {', '.join(ALL_CATEGORIES)})")
        try:
            weight = float(weight_s)
        except ValueError:
            raise LexiconError(f"{name}:{n}: weight {weight_s!r} is not a number") from None
        if not 0 <= weight <= 10:
            raise LexiconError(f"{name}:{n}: weight {weight} outside 0..10")
        if match not in MATCH_MODES:
            raise LexiconError(f"{name}:{n}: match {match!r} must be 'stem' or 'exact'")
        words = _split_term(term)
        if not words or all(w == WILDCARD for w in words):
            raise LexiconError(f"{name}:{n}: term {term!r} has no words")
        if words[0] == WILDCARD:
            raise LexiconError(f"{name}:{n}: term {term!r} may not start with '*'")
        keys = tuple(w if w == WILDCARD else word_keys(w)[0 if match == "exact" else 1] for w in words)
        entries.append(Entry(term, category, weight, match, keys, note))
    return entries


def bundled_files() -> list[tuple[str, str]]:
    """(name, text) of the lexicon files shipped with the package, in name order."""
    root = resources.files("framing.lexicons")
    return [(f.name, f.read_text("utf-8")) for f in sorted(root.iterdir(), key=lambda f: f.name)
            if f.name.endswith(".tsv") and f.name != CATEGORY_FILE]


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicons plus the user's files in ``extra`` (later files override earlier)."""
    files = bundled_files()
    for p in extra:
        try:
            files.append((str(p), Path(p).read_text("utf-8-sig")))
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{p}: cannot read lexicon file: {exc}") from None
    entries: list[Entry] = []
    h = hashlib.sha256()
    for name, text in files:
        entries.extend(parse_lexicon(text, name))
        h.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
    return Lexicon(entries, tuple(n for n, _ in files), h.hexdigest())
