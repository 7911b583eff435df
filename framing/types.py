"""Frozen records that flow through the pipeline: text -> Document -> Evidence -> scores.

Every span is a pair of character offsets (Python ``str`` indices) into the article's text
exactly as it was read, so ``text[start:end]`` is always what the span names.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import NamedTuple


class Token(NamedTuple):
    """A word token; a tuple because articles have thousands and dataclass creation is slow."""

    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct-quotation region; ``closed`` is False when the closing mark was never found
    and the region was cut at the end of its paragraph instead of guessed further."""

    start: int
    end: int
    closed: bool = True


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    is_headline: bool = False
    # a photo caption or credit ("Photo: Handout/Reuters"): not the article's claims or wording
    is_caption: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    quotes: tuple[Quote, ...]
    # built once with the document: the lexicon, attribution and scoring stages all ask it
    quote_index: QuoteIndex = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One lexicon match: ``category`` is one of the lexicon categories (loaded, intensifier,
    hedge, attribution_cue, anonymous_source, verification_caveat), ``term`` the lexicon entry
    it matched and ``text`` the words as they stand in the article."""

    category: str
    term: str
    start: int
    end: int
    text: str
    sentence: int
    in_quote: bool
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Article:
    """One input record, read and decoded. ``text`` is what every offset points into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None
    warnings: tuple[str, ...] = ()
    # the text is not the input as given (HTML extracted, front matter taken off): output records
    # then carry it, so that their offsets can be checked against it
    derived: bool = False


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not become an article; it still yields an output record."""

    id: str
    error: str
    source: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


class QuoteIndex:
    """Answers 'is this span inside a quotation?' in O(log n) over sorted quote regions."""

    def __init__(self, quotes):
        self._quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
        self._starts = [q.start for q in self._quotes]
        # Regions nest (single inside double), so keep the furthest end seen so far.
        self._reach = []
        reach = -1
        for q in self._quotes:
            reach = max(reach, q.end)
            self._reach.append(reach)

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """The regions that overlap [start, end), in order, found in O(log n + their number)."""
        lo = bisect.bisect_right(self._reach, start)  # before lo every region ends by ``start``
        hi = bisect.bisect_left(self._starts, end)    # from hi on every region starts at ``end`` or later
        return [q for q in self._quotes[lo:hi] if q.end > start]

    def covers(self, start: int, end: int) -> bool:
        j = bisect.bisect_right(self._starts, start) - 1
        while j >= 0 and self._reach[j] >= end:
            if self._quotes[j].end >= end:
                return True
            j -= 1
        return False
