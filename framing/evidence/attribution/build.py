"""One attribution from a source span and a cue, or from the layout (a signed quote, a transcript's
speaker label): typed, its pronoun resolved, named or not, its content found and its group keyed."""
from __future__ import annotations

import re
from dataclasses import replace

from framing.evidence.attribution.filters import _span_text
from framing.evidence.attribution.keys import _possessor, source_key
from framing.evidence.attribution.kinds import IDENTIFIABLE, kind_of
from framing.evidence.attribution.names import (_definite_role, _ever_a_surname, _given_a_first_name, _introduced,
                                                has_name, split_name_role)
from framing.evidence.attribution.pronouns import _resolve_pronoun
from framing.evidence.attribution.records import Attribution
from framing.evidence.attribution.resources import place_kind
from framing.evidence.attribution.spans import _passive
from framing.evidence.attribution.vocabulary import _DETS, _VAGUE, _word, _words
from framing.types import Document, Evidence, Token

_ONE_NAME = re.compile(r"[A-Z][\w'’&-]+")


def _content(doc: Document, toks: list[Token], cue_i: int, cue_end_i: int, src: tuple[int, int] | None,
             s_start: int, s_end: int) -> tuple[tuple[int, int] | None, bool]:
    """The content of an attribution: an adjacent quote (direct) or the clause after/before the cue."""
    if cue_i < len(toks) and cue_end_i > cue_i:
        cue_start, cue_end = toks[cue_i].start, toks[cue_end_i - 1].end
    else:  # no cue token: measure from the end of the source, or of the sentence
        cue_start = cue_end = toks[min(cue_i, len(toks)) - 1].end if toks else s_end
    near = doc.quote_index.overlapping(s_start, s_end)
    if near:
        # the quote closest to the cue
        q = min(near, key=lambda q: min(abs(q.start - cue_end), abs(cue_start - q.end)))
        return (max(q.start, s_start), min(q.end, s_end)), True
    j = cue_end_i
    if j < len(toks) and _word(toks[j]) == "that":
        j += 1
    if j < len(toks) and (src is None or src[0] < toks[j].start):
        end = toks[-1].end if toks[-1].text not in (".", "!", "?") else toks[-1].start
        if end > toks[j].start:
            return (toks[j].start, end), False
    if src and src[0] > toks[0].start:
        end = src[0]
        while end > s_start and not doc.text[end - 1].isalnum():
            end -= 1
        if end > toks[0].start:
            return (toks[0].start, end), False
    return None, False


def _build(doc: Document, s, toks: list[Token], src: tuple[int, int] | None, cue: tuple[int, int] | None,
           cue_text: str, ci: int, ce: int, earlier: tuple[list[Attribution], ...]) -> Attribution:
    """One attribution from a source span and a cue (token range ci:ce): typed, resolved, keyed.
    ``earlier``: the attributions found before it, as lists in text order (not copied into one)."""
    src_text = _span_text(doc, src) if src else ""
    kind = kind_of(src_text, cue_text) if src else "anonymous"
    resolved_from = ""
    if kind == "pronoun":
        res = _resolve_pronoun(src_text, src[0], doc, earlier)
        if res:
            resolved_from, (src_text, kind) = src_text, res
    elif (kind == "person" and not s.is_headline and _ONE_NAME.fullmatch(src_text.strip())
          and not _introduced(doc, src_text) and not _ever_a_surname(doc.text, src_text.strip())):
        kind = "official"  # "Peabody said", "AROS said": a name the article never gives a person's first name or title
    elif (kind == "official" and _ONE_NAME.fullmatch(src_text.strip())
          and _given_a_first_name(doc.text, src_text.strip())):
        kind = "person"  # "Jordan said" after "Rep. Jim Jordan": the congressman, not the country
    named = _named(doc, src_text, kind)
    content, direct = _content(doc, toks, ci, ce, src, s.start, s.end)
    role = _role(src_text, kind)
    key_text = src_text
    if src and kind in ("official", "media", "expert") and _words(src_text)[:1] in (["its"], ["their"]):
        key_text = f"{_possessor(doc.text, src[0])} {src_text}"
    return Attribution(s.index, src, src_text, cue, cue_text, content, kind, named, direct, role, resolved_from,
                       source_key(key_text, kind) if src_text else "anonymous:unattributed")


def _named(doc: Document, text: str, kind: str) -> bool:
    """Whether a reader can identify the source ``text`` of type ``kind``: a name, an organisation,
    outlet or document that is not vague, a surname introduced elsewhere, a definite role, an account."""
    return (kind in IDENTIFIABLE and (has_name(text) or kind in ("official", "media", "document")
                                      and not set(_words(text)) <= _VAGUE | _DETS)
            or kind == "person" and bool(text) and (_introduced(doc, text.partition(",")[0])
                                                    or _definite_role(_words(text)))
            or kind == "social_media" and (has_name(text) or "@" in text))


def _role(text: str, kind: str) -> str:
    """The role in "Name, role" or "role Name" of a person (or of a named expert or official)."""
    if kind == "person" or (kind in ("expert", "official") and has_name(text) and "," in text):
        return split_name_role(text)[1]
    return ""


def build_from_spans(doc: Document, s, src: tuple[int, int] | None, cue: tuple[int, int],
                     earlier: list[Attribution]) -> Attribution:
    """An attribution from given source and cue spans (an annotator's), typed, resolved and keyed
    as the extractor's own are."""
    toks = [t for t in doc.tokens if t.sentence == s.index]
    ci = next((k for k, t in enumerate(toks) if t.end > cue[0]), len(toks))
    ce = next((k for k, t in enumerate(toks) if t.start >= cue[1]), len(toks))
    return _build(doc, s, toks, src, cue, doc.text[cue[0]:cue[1]], ci, max(ce, ci), (earlier,))


def _learned(doc: Document, s, toks: list[Token], span: tuple[int, int], cues: list[Evidence],
             earlier: tuple[list[Attribution], ...]) -> list[Attribution]:
    """The attribution whose source the learned span tagger found (its cue: the nearest cue match),
    as a list: none for the subject of a passive cue ("Konashenkov has been mocked by ..." is not who
    mocks)."""
    near = min(cues, key=lambda e: min(abs(e.start - span[1]), abs(span[0] - e.end)), default=None)
    if near is not None:  # (no cue in the sentence: no token index needed)
        start_at = {t.start: k for k, t in enumerate(toks)}
        end_at = {t.end: k for k, t in enumerate(toks)}
        if near.start in start_at and near.end in end_at:
            ci, ce = start_at[near.start], end_at[near.end] + 1
            if span[1] <= near.start and near.term != "according to" and _passive(toks, ci):
                return []
            return [_build(doc, s, toks, span, (near.start, near.end), near.text, ci, ce, earlier)]
    k = next((i for i, t in enumerate(toks) if t.start >= span[1]), len(toks))
    return [_build(doc, s, toks, span, None, "", k, k, earlier)]


_DASH_NAME = r"[―—–]\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\.?\s*$"
_SIGNATURE = re.compile(r"[”\"]\s*" + _DASH_NAME)  # '... right.” ― Jane Roe'
_SIGNATURE_ALONE = re.compile(r"^\s*" + _DASH_NAME)  # its own sentence after the quote
# labels in capitals that are no speaker: "UPDATE:", "WARNING: Video contains graphic images."
_NOT_SPEAKERS = {"update", "updated", "breaking", "warning", "note", "correction", "watch", "read", "related",
                 "photos", "photo", "video", "analysis", "opinion", "exclusive", "live", "editor's", "editors",
                 "source", "sources", "credit", "caption", "disclaimer", "clarification", "transcript", "q", "a"}
_SPEAKER_LABEL = re.compile(r"[\"“]?([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s+\S")


def _layout_source(doc: Document, start: int, end: int, cue: tuple[int, int], sentence: int,
                   content: tuple[int, int] | None) -> Attribution:
    """A source named by layout rather than by a verb: a signature dash or a transcript label."""
    text = doc.text[start:end].rstrip(".")
    end = start + len(text)
    kind = kind_of(text)
    return Attribution(sentence, (start, end), text, cue, doc.text[cue[0]:cue[1]], content, kind,
                       _named(doc, text, kind), True, _role(text, kind), "", source_key(text, kind))


def _signature(doc: Document, s) -> Attribution | None:
    """'"…” ― Jane Roe': a quotation signed with a dash and a name (readers' letters, vox pops);
    the signature may be its own sentence after the quote's."""
    m = _SIGNATURE.search(s.text)
    k = s.index
    if m is None:
        m = _SIGNATURE_ALONE.match(s.text)
        if m is None or k == 0 or not doc.sentences[k - 1].text.rstrip().endswith(("”", '"')):
            return None
        k -= 1
    name = m.group(1)
    if kind_of(name) not in ("person", "official", "media", "expert") or place_kind(name):
        return None
    dash = s.start + next(i for i in range(m.start(), m.start(1)) if s.text[i] in "―—–")
    quote = next((q for q in doc.quotes if q.end <= dash + 1 and q.end >= doc.sentences[k].start), None)
    start = s.start + m.start(1)
    return _layout_source(doc, start, start + len(name), (dash, dash + 1), k,
                          (quote.start, quote.end) if quote else None)


def _speaker_label(doc: Document, s) -> Attribution | None:
    """'PENCE: Well, look, ...': a transcript's speaker label in capitals before a colon."""
    m = _SPEAKER_LABEL.match(s.text)
    if (m is None or len(m.group(1).replace(" ", "")) < 3 or place_kind(m.group(1).title())
            or set(_words(m.group(1))) & _NOT_SPEAKERS):
        return None
    start = s.start + m.start(1)
    colon = s.start + m.end(1)
    return _layout_source(doc, start, start + len(m.group(1)), (colon, colon + 1), s.index, (colon + 1, s.end))


def _with_relative(doc: Document, s, toks: list[Token], rel: tuple[int, tuple[int, int]], e: Evidence, ci: int,
                   ce: int, earlier) -> Attribution:
    """The attribution of a relative clause's cue: its source is the relative pronoun (where the
    text says it), standing for the antecedent (whom it names)."""
    j, (a, b) = rel
    ante = (toks[a].start, toks[b - 1].end)
    att = _build(doc, s, toks, ante, (e.start, e.end), e.text, ci, ce, earlier)
    return replace(att, source=(toks[j].start, toks[j].end), resolved_from=toks[j].text)
