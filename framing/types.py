"""Frozen records that flow through the pipeline: text -> Document -> Evidence -> scores.

Every span is a pair of character offsets (Python ``str`` indices) into the article's text
exactly as it was read, so ``text[start:end]`` is always what the span names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from framing.text.document import QuoteIndex


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
