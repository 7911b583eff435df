"""str -> Document: paragraphs, sentences, tokens and direct-quotation regions, all as
character offsets into the original text (never into a normalised copy).

Sentences come from NLTK's Punkt with parameters this project writes itself
(``resources/punkt_en.json``), so nothing from ``nltk_data`` is needed. Paragraph breaks and
headlines are hard boundaries that Punkt never sees across. ``truecased`` gives a Document's
title-case headlines in the case its body writes their words, for rules that read names from capitals.
"""
from __future__ import annotations

import json
import operator
import re
from dataclasses import replace
from functools import lru_cache
from itertools import repeat
from importlib import resources

from framing.types import Document, Quote, QuoteIndex, Sentence, Token

# A sentence longer than this (e.g. a scraped page with no punctuation) is cut at whitespace,
# so one runaway "sentence" cannot dominate the models or the memory.
MAX_SENTENCE_CHARS = 2000
# Quotation regions kept per document. News articles have dozens; a hostile text with hundreds
# of thousands would make every per-sentence look-up over them (scoring, attribution) crawl.
MAX_QUOTES = 5000

_LINE = re.compile(r"[^\r\n\u2028\u2029]*(?:\r\n|[\r\n\u2028\u2029]|$)")
_TERMINAL = set(".!?:;\"”’»)]…")
# Every token starts with a visible character: the lookahead says so, and the engine then skips
# the white space between tokens without trying each alternative there (a fifth faster; same tokens).
_TOKEN = re.compile(
    r"(?=[^\s\ufeff\u200b-\u200d\u2060])(?:"
    r"(?:[A-Za-z]\.){2,}"            # U.S., U.K., a.m.
    r"|\d+(?:[.,:]\d+)*%?"           # 1,158  3.5  10:30  40%
    r"|\w+(?:['’]\w+)*"               # Ukraine’s, don't (hyphens split: 'humiliation-filled')
    r"|[^\s\ufeff\u200b-\u200d\u2060]"  # any other visible character
    r")"
)
# Invisible characters scraped text is full of; trimmed like white space at span edges.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def _strip(s: str) -> str:
    return s.strip().strip(_INVISIBLE).strip()



@lru_cache(maxsize=1)
def _punkt():
    from framing.text.nltk_parts import punkt

    PunktParameters, PunktSentenceTokenizer = punkt().PunktParameters, punkt().PunktSentenceTokenizer
    raw = json.loads(resources.files("framing.resources").joinpath("punkt_en.json").read_text("utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(raw["abbreviations"])
    params.sent_starters = set(raw["sentence_starters"])
    tokenizer = PunktSentenceTokenizer(params)
    # Whether a candidate break ("said. The", "Mr. Smith") is one depends only on its few words and
    # the fixed parameters, and the same contexts recur: the check (most of Punkt's time) is cached.
    tokenizer.text_contains_sentbreak = lru_cache(maxsize=65536)(tokenizer.text_contains_sentbreak)
    return tokenizer


@lru_cache(maxsize=1)
def _punkt_spans():
    from framing.text.punkt import PunktSpans

    return PunktSpans(_punkt())  # NLTK's spans in a third of the time (text/punkt.py)


def _lines(text: str):
    """Yield (start, end_without_newline, end_with_newline) for each line."""
    pos = 0
    n = len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        seg = m.group(0)
        body = seg.rstrip("\r\n\u2028\u2029")
        yield pos, pos + len(body), pos + len(seg)
        if not seg:  # pragma: no cover - the pattern always consumes at least a char before n
            break
        pos += len(seg)


def _closed(text: str) -> bool:
    """Ends as a sentence does; '' is a closing double quote in some archives' plain text
    ("... he said, ''the only place on earth.''")."""
    return text[-1:] in _TERMINAL or text.endswith("''")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks of text that no sentence may cross, as (start, end) with surrounding space trimmed.

    A blank line always ends a block. A single line break ends one too, unless it plainly
    falls mid-sentence (the line goes on in lower case after a line not ending in
    punctuation): hard-wrapped text stays whole, one-paragraph-per-line text is split.
    """
    blocks: list[list[int]] = []
    current: list[int] | None = None
    prev_body = ""
    for start, end, _ in _lines(text):
        body = text[start:end]
        stripped = _strip(body)
        if not stripped:
            current = None
            continue
        lead = start + body.index(stripped)
        trail = lead + len(stripped)
        continues = (
            current is not None
            and not _closed(prev_body)
            and (stripped[0].islower() or prev_body[-1:] in ",-–—")
        )
        if continues:
            current[1] = trail
        else:
            current = [lead, trail]
            blocks.append(current)
        prev_body = stripped
    return [(s, e) for s, e in blocks]


def _is_headline(block: str) -> bool:
    words = block.split()
    return not _closed(block) and 0 < len(words) <= 25 and "\n" not in block


# Photo captions and credits. A paragraph that ends in a credit ("... Kharkiv region, Ukraine.
# Photo: Handout/Reuters") is a caption as a whole; a sentence that is only a credit or a
# copyright line ("(© Telegraph Media Group Ltd 2022)") is one on its own.
# The agencies and credit words are written once: the full pattern and its cheap pre-test read them.
_AGENCIES = ("Getty Images", "Reuters", "AFP", "AP", "EPA", "EPA-EFE", "PA", "PA Images", "PA Wire", "Handout",
             "Shutterstock", "Alamy", "Bloomberg", "Anadolu", "Anadolu Agency", "SOPA Images", "LightRocket", "NurPhoto",
             "Sipa", "ZUMA", "ZUMA Wire", "Xinhua", "Associated Press", "Rex Features", "TASS", "Sputnik", "Facebook",
             "Twitter", "Instagram", "Telegram")
_CREDIT_NOUNS = ("Photo", "Photograph", "Picture", "Pic", "Image", "Illustration", "Video", "Footage", "Credit", "Source")
_AGENCY = "(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(_AGENCIES, key=len, reverse=True)) + ")"
_CREDIT = re.compile(
    rf"(?:\b(?:{'|'.join(_CREDIT_NOUNS)})s?\s*(?::|by\b|credit\b)"
    r"\s*[^.!?]{0,80}"                                       # Photo: Handout/Reuters, Picture by Jo Bloggs/PA
    rf"|(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){{0,3}}\s*/\s*{_AGENCY}(?:\s+via\s+{_AGENCY})?"  # Jo Bloggs/Getty Images
    rf"|{_AGENCY}(?:\s+via\s+{_AGENCY})?"                       # Getty Images
    r"|\(?\s*(?:©|\(c\)|Copyright\b)[^()]{0,80}\)?"             # (© Telegraph Media Group Ltd 2022)
    r")\s*\)?\s*$", re.IGNORECASE)
# Every credit above ends its paragraph with an agency name, or has a credit word or copyright
# sign near the end: a test with plain string operations, since the full pattern costs ~0.2 ms a paragraph.
_AGENCY_ENDS = tuple(a.lower() for a in _AGENCIES)
# every credit word, plural or not, then ":", " :", " by" or " credit"; factored as one alternation of the
# nouns, not one of their ~80 spelled-out forms, which re tries one by one at every position (4x slower)
_CREDIT_WORDS = re.compile("(?:" + "|".join(re.escape(w.lower()) for w in _CREDIT_NOUNS) + ")s?(?::| :| by| credit)")


def _credit_hint(block: str) -> bool:
    tail = block[-120:].lower().rstrip(" )\n\t.")
    if tail.endswith(_AGENCY_ENDS) or "©" in tail or "(c)" in tail or "copyright" in tail:
        return True
    return _CREDIT_WORDS.search(tail) is not None  # one scan, not one per credit word
_CREDIT_ALONE = re.compile(r"^\(?\s*" + _CREDIT.pattern, re.IGNORECASE)


def is_credit(sentence: str) -> bool:
    """A sentence that is nothing but a photo credit or copyright line."""
    return bool(_CREDIT_ALONE.match(sentence.strip()))


def _is_caption_block(block: str) -> bool:
    """A paragraph that ends in a photo credit (so it is a caption), or is one."""
    if not _credit_hint(block) or len(block.split()) > 60:
        return False  # captions are a sentence or two, and end in a credit word (a cheap test first)
    m = _CREDIT.search(block, max(0, len(block) - 200))
    # a copyright line closes an article, not a caption
    if not m or re.match(r"\(?\s*(?:©|\(c\)|copyright)", m.group(), re.IGNORECASE):
        return False
    lead = block[:m.start()].rstrip()
    # the credit follows a sentence ("... Ukraine. Photo: ...") or a caption ending in a dash,
    # or the paragraph is the credit alone; a credit-like phrase mid-text is not enough
    return not lead or lead[-1:] in ".!?)–—-|" or bool(re.search(r"\b(?:Photo|Picture|Image)", block[m.start():m.start() + 12],
                                                                  re.IGNORECASE))


def _cut_long(start: int, end: int, text: str):
    """Split a span longer than MAX_SENTENCE_CHARS at whitespace (or hard, if there is none)."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", start + 1, limit)
        cut = cut if cut > start else limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


_FIRST_WORD = re.compile(rf"[\s{_INVISIBLE}]*\w+")


def _join_lowercase_starts(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt's spans, a piece that starts with a lower-case letter joined to the one before it:
    Punkt breaks after full stops it does not know as abbreviations ("The S.E.C. | said",
    "Sen. Claire McCaskill (D-Mo.) | said"), and a news sentence does not start in lower case."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        first = _FIRST_WORD.match(block, s)
        if out and first and first.group().islower():  # "iPhone", "eBay" may start one
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def sentence_spans(text: str, blocks: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int, bool, bool]]:
    """(start, end, paragraph, is_headline, is_caption) for every sentence, in order; ``blocks``:
    ``paragraphs(text)``, when the caller has them already."""
    punkt = _punkt_spans()
    out = []
    for p, (bs, be) in enumerate(paragraphs(text) if blocks is None else blocks):
        block = text[bs:be]
        spans = _join_lowercase_starts(block, punkt.span_tokenize(block))
        caption = _is_caption_block(block)
        headline = len(spans) == 1 and _is_headline(block) and not caption
        for s, e in spans:
            # Punkt spans may keep trailing or leading space and invisible characters.
            while e > s and (block[e - 1].isspace() or block[e - 1] in _INVISIBLE):
                e -= 1
            while s < e and (block[s].isspace() or block[s] in _INVISIBLE):
                s += 1
            if s < e:
                credit = caption or is_credit(block[s:e])
                out.extend((cs, ce, p, headline, credit) for cs, ce in _cut_long(bs + s, bs + e, text))
    return out


# --- quotation regions -----------------------------------------------------------------

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_QUOTE_CHARS = re.compile('["“„«”»‘‹’›]')
_MAX_SINGLE = 300  # a single-quoted phrase longer than this is more likely apostrophes


def _quotes_in_block(text: str, bs: int, be: int) -> list[Quote]:
    """Direct-quotation regions inside one paragraph.

    Double quotes (curly or straight) open and close regions; a region still open at the end
    of its paragraph ends there with ``closed=False`` (the multi-paragraph convention reopens
    the quote at the next paragraph, so nothing is guessed across paragraphs). Single curly
    quotes make a region only when both ends are found, because ’ is also the apostrophe.
    """
    out: list[Quote] = []
    dq_start = -1
    sq_start = -1
    for m in _QUOTE_CHARS.finditer(text, bs, be):  # only the quote marks, not every character
        i, c = m.start(), m.group()
        if c in _DOUBLE_OPEN or (c == '"' and dq_start < 0):
            if dq_start >= 0:  # a new opener while one is open: the old one was never closed
                out.append(Quote(dq_start, _rstrip(text, dq_start, i), False))
            dq_start = i
        elif c in _DOUBLE_CLOSE or c == '"':
            if dq_start >= 0:
                out.append(Quote(dq_start, i + 1, True))
                dq_start = -1
        elif c in _SINGLE_OPEN:
            prev = text[i - 1] if i > bs else " "
            if not prev.isalnum():
                sq_start = i
        elif c in _SINGLE_CLOSE and sq_start >= 0:
            nxt = text[i + 1] if i + 1 < be else " "
            if not nxt.isalnum():
                if i - sq_start <= _MAX_SINGLE:
                    out.append(Quote(sq_start, i + 1, True))
                sq_start = -1
    if dq_start >= 0:
        out.append(Quote(dq_start, _rstrip(text, dq_start, be), False))
    return out


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


_WORD_CHAR = re.compile(r"\w")


def quote_regions(text: str, blocks: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Quotation regions in order; a region with no word in it (`""`, a run of quote marks)
    quotes nothing and is dropped, and only the first MAX_QUOTES are kept."""
    blocks = paragraphs(text) if blocks is None else blocks
    found = [q for bs, be in blocks for q in _quotes_in_block(text, bs, be)
             if _WORD_CHAR.search(text, q.start, q.end)]
    return sorted(found, key=lambda q: (q.start, -q.end))[:MAX_QUOTES]


# --- the document ------------------------------------------------------------------------

def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word tokens of ``text[start:end]`` as absolute (start, end) offsets."""
    end = len(text) if end is None else end
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


_START, _END, _GROUP = re.Match.start, re.Match.end, operator.itemgetter(0)


def parse(text: str) -> Document:
    """Split ``text`` into sentences, tokens and quotation regions, all offsets into ``text``."""
    blocks = paragraphs(text)
    sentences = []
    tokens: list[Token] = []
    new = tuple.__new__  # Token(...) without its keyword handling: a third faster for ~1,000 a page
    for i, (s, e, p, headline, caption) in enumerate(sentence_spans(text, blocks)):
        sentences.append(Sentence(i, s, e, text[s:e], p, headline, caption))
        ms = list(_TOKEN.finditer(text, s, e))  # tokens by C-level maps, no Python code per token
        tokens += map(new, repeat(Token), zip(map(_START, ms), map(_END, ms), map(_GROUP, ms), repeat(i)))
    quotes = tuple(quote_regions(text, blocks))
    return Document(text, tuple(sentences), tuple(tokens), quotes, QuoteIndex(quotes))


_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _title_case(text: str) -> bool:
    """Every word of four letters or more is capitalised, and there are at least three ("Congressman
    Says Border Wall Is Needed")."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def truecased(doc: Document) -> Document:
    """``doc`` with the words of its title-case headlines lower-cased where its other sentences write
    them in lower case ("Stop Comparing Immigration Enforcement ..." -> "stop comparing immigration
    enforcement ..."): there capitals say nothing about names, and the rules read names from capitals.
    Only first letters change, so offsets stay; ``doc`` itself when it has no such headline."""
    heads = {s.index for s in doc.sentences if s.is_headline and _title_case(s.text)}
    if not heads:
        return doc
    lower = {t.text for t in doc.tokens if t.sentence not in heads and t.text[:1].islower()}
    text = list(doc.text)
    tokens = list(doc.tokens)
    for k, t in enumerate(tokens):
        low = t.text[:1].lower() + t.text[1:]
        if t.sentence in heads and low != t.text and len(low) == len(t.text) and low in lower:
            text[t.start] = low[0]
            tokens[k] = t._replace(text=low)
    new = "".join(text)
    sentences = tuple(replace(s, text=new[s.start:s.end]) if s.index in heads else s for s in doc.sentences)
    return replace(doc, text=new, sentences=sentences, tokens=tuple(tokens))
