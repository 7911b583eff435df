"""Article -> Analysis: the parsed document plus the lexicon evidence found in it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from framing.evidence.lexicon import Lexicon, load_lexicon
from framing.text.document import MAX_QUOTES, MAX_SENTENCE_CHARS, parse
from framing.types import Article, Document, Evidence


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    document: Document
    evidence: tuple[Evidence, ...]

    def counts(self) -> dict[str, dict[str, int]]:
        """Matches per category, split into the outlet's own voice and quoted speech."""
        own = Counter(e.category for e in self.evidence if not e.in_quote)
        quoted = Counter(e.category for e in self.evidence if e.in_quote)
        return {c: {"authorial": own[c], "quoted": quoted[c]} for c in sorted(set(own) | set(quoted))}


def analyze(article: Article, lexicon: Lexicon | None = None) -> Analysis:
    """Parse ``article.text`` and match the lexicons in it. Photo captions and credits carry no
    evidence ("Photo: Handout/Reuters" is no loaded word of the outlet's); a plain text whose
    first line is a headline gets it as its title."""
    lexicon = lexicon or load_lexicon()
    doc = parse(article.text)
    warnings = parse_warnings(doc)
    if warnings:
        article = replace(article, warnings=(*article.warnings, *warnings))
    if not article.title and doc.sentences and doc.sentences[0].is_headline:
        article = replace(article, title=doc.sentences[0].text)
    captions = {s.index for s in doc.sentences if s.is_caption}
    return Analysis(article, doc, tuple(e for e in lexicon.match(doc) if e.sentence not in captions))


def parse_warnings(doc: Document) -> list[str]:
    """What in the text the sentence splitter and quotation finder could not take as it was."""
    out = []
    # pieces of a run without sentence punctuation, cut at MAX_SENTENCE_CHARS (text/document.py)
    cut = sum(1 for s in doc.sentences if len(s.text) > MAX_SENTENCE_CHARS // 2 and s.text[-1] not in ".!?…\"”’»)")
    if cut:
        out.append(f"{cut:,} sentence{'s' * (cut > 1)} of over {MAX_SENTENCE_CHARS // 2:,} characters with no closing "
                   f"punctuation: text without sentence punctuation is split at spaces every {MAX_SENTENCE_CHARS:,} characters")
    if len(doc.quotes) >= MAX_QUOTES:
        out.append(f"more than {MAX_QUOTES:,} quotations: only the first {MAX_QUOTES:,} are treated as quoted speech")
    return out


def evidence_dict(e: Evidence) -> dict:
    return {"category": e.category, "term": e.term, "text": e.text, "start": e.start, "end": e.end,
            "sentence": e.sentence, "in_quote": e.in_quote, "weight": e.weight}


def article_meta(article: Article) -> dict:
    out = {"id": article.id, "outlet": article.outlet}
    for k in ("title", "url", "date", "author"):
        if getattr(article, k):
            out[k] = getattr(article, k)
    if article.warnings:
        out["warnings"] = list(article.warnings)
    if article.derived:
        out["text"] = article.text
    return out


def analysis_dict(a: Analysis) -> dict:
    """A JSON-ready view: sentences, quotation regions and evidence, all with offsets."""
    by_sentence: dict[int, list[dict]] = {}
    for e in a.evidence:
        by_sentence.setdefault(e.sentence, []).append(evidence_dict(e))
    return {
        **article_meta(a.article),
        "counts": a.counts(),
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text,
             "paragraph": s.paragraph, "headline": s.is_headline, "caption": s.is_caption,
             "evidence": by_sentence.get(s.index, [])}
            for s in a.document.sentences
        ],
        "quotes": [{"start": q.start, "end": q.end, "closed": q.closed} for q in a.document.quotes],
    }
