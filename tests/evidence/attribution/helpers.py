"""Shared by the attribution tests: the attributions and ledger sources of a text, read as the
extractor reads an analysed article."""
from framing.evidence.analysis import analyze
from framing.evidence.attribution.ledger import ledger
from framing.evidence.attribution.pipeline import extract
from framing.types import Article


def atts(text):
    a = analyze(Article("t", text))
    return extract(a.document, a.evidence)


def sources(text):
    return {s.name: s for s in ledger(atts(text))}


def by_text(text):
    return {a.source_text: a for a in atts(text) if a.source_text}
