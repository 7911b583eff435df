"""The records the attribution step makes: an Attribution (one source, cue and content) and a
Source (one row of the ledger: all mentions of a source grouped)."""
from __future__ import annotations

from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation. Offsets index the article text; ``source`` is None when the
    cue names no source ("it is understood"); ``cue`` is None for a continued quote."""

    sentence: int
    source: tuple[int, int] | None
    source_text: str
    cue: tuple[int, int] | None
    cue_text: str
    content: tuple[int, int] | None
    kind: str
    named: bool
    direct: bool
    role: str = ""
    resolved_from: str = ""   # the pronoun a resolved source was written as
    group: str = ""           # key of the source this mention belongs to


@dataclass
class Source:
    """A distinct source in an article: all its mentions grouped."""

    key: str
    name: str
    kind: str
    named: bool
    roles: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    claims: int = 0
    direct: int = 0
    indirect: int = 0
    sentences: list[int] = field(default_factory=list)
