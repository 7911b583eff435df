"""The extract pipeline: per sentence, the cues' sources by the rules, then the tagger's spans,
signatures, speaker labels, cueless anonymous markers and continued quotes; roles linked last."""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import groupby
from operator import itemgetter

from framing.evidence.attribution.build import _build, _content, _learned, _signature, _speaker_label, _with_relative
from framing.evidence.attribution.filters import (_clean_span, _dangling, _heading, _not_agent, _plausible_source,
                                                  _sentence_initial_modifier, _span_text)
from framing.evidence.attribution.keys import _anon_key
from framing.evidence.attribution.ledger import _keep_introduced_roles, link_roles
from framing.evidence.attribution.records import Attribution
from framing.evidence.attribution.spans import (_NOMINAL_CUES, _is_cap, _is_wordlike, _nominal_source, _passive,
                                                _phrase_after, _phrase_before, _relative_source)
from framing.evidence.attribution.vocabulary import _DETS, _PREPS, _SKIP_BETWEEN, _STOP, _TIME, _word
from framing.text.document import truecased
from framing.types import Document, Evidence

_ADJUNCT_CUES = {"in a statement", "in an interview", "press conference", "told reporters", "intelligence update",
                 "quoted as saying"}

_CUELESS_ANONYMOUS = {"it is understood", "it is believed", "it was reported", "it is reported", "reports suggest",
                      "reports say", "reports overnight", "according to reports", "rumour has it", "it is said",
                      "unconfirmed reports", "it is thought", "is thought to", "are thought to", "is believed to",
                      "are believed to", "is said to", "are said to", "is understood to", "is reported to",
                      "are reported to"}


def extract(doc: Document, evidence: tuple[Evidence, ...],
            learned: dict[int, tuple[int, int]] | None = None, candidates: bool = False) -> list[Attribution]:
    """All attributions in the document, in text order (see ``_extract``), read from its ``truecased``
    view, with the source and cue texts as the article writes them."""
    view = truecased(doc)
    found = _extract(view, evidence, learned, candidates)
    if view is doc:
        return found

    def as_written(a: Attribution) -> Attribution:
        texts = {name: doc.text[span[0]:span[1]] for name, span in (("source_text", a.source), ("cue_text", a.cue))
                 if span and getattr(a, name) == view.text[span[0]:span[1]]}
        return replace(a, **texts) if texts else a

    return [as_written(a) for a in found]


def _extract(doc: Document, evidence: tuple[Evidence, ...],
             learned: dict[int, tuple[int, int]] | None = None, candidates: bool = False) -> list[Attribution]:
    """All attributions in the document, in text order.

    ``learned`` maps a sentence index to the source span the trained tagger predicts there
    (absolute offsets). The rules' spans come first (they keep appositives and resolve roles);
    where they find no source, the tagger's span is used if it looks like a source phrase.
    With ``candidates``, a tagger span that overlaps none of the rules' spans is proposed as
    well, for the source verifier (source_verifier.py) to keep or drop.
    """
    learned = learned or {}
    qidx = doc.quote_index
    by_sent = {i: list(ts) for i, ts in groupby(doc.tokens, key=itemgetter(3))}  # tokens come in sentence order
    cues: dict[int, list[Evidence]] = {}
    anon: dict[int, list[Evidence]] = {}
    for e in evidence:
        if e.in_quote:
            continue
        if e.category == "attribution_cue":
            cues.setdefault(e.sentence, []).append(e)
        elif e.category == "anonymous_source":
            if e.term == "reports" and _inverted_report(doc.text, e):  # "..., reports the BBC."
                cues.setdefault(e.sentence, []).append(Evidence("attribution_cue", "reports", e.start, e.end, e.text,
                                                                e.sentence, False))
            else:
                anon.setdefault(e.sentence, []).append(e)
    found: list[Attribution] = []
    prev_direct: Attribution | None = None
    # a sentence said twice (a headline repeated as the first line) is attributed once, in the body
    norm = [" ".join(s.text.split()).lower() for s in doc.sentences]
    body = {t for s, t in zip(doc.sentences, norm) if not s.is_headline}
    seen_texts: set[str] = set()
    for s in doc.sentences:
        toks = by_sent.get(s.index, [])
        if not toks or s.is_caption or norm[s.index] in seen_texts or (s.is_headline and norm[s.index] in body):
            continue  # a photo caption or credit cites no one
        seen_texts.add(norm[s.index])
        sent_found: list[Attribution] = []
        signed = _signature(doc, s)
        if signed is not None:  # '"..." ― Jane Roe': the quote before the dash is hers
            found = [a for a in found if not (a.sentence == signed.sentence and a.cue is None)]
            found.append(signed)
            prev_direct = None
            continue
        label = _speaker_label(doc, s)
        if label is not None:  # 'PENCE: Well, ...' in a transcript
            sent_found.append(label)
        scues = sorted(cues.get(s.index, []), key=lambda e: e.start)
        if scues:
            start_at = {t.start: k for k, t in enumerate(toks)}
            end_at = {t.end: k for k, t in enumerate(toks)}
        verb_cues = [e for e in scues if e.term not in _ADJUNCT_CUES]
        used: list[tuple[int, int]] = []
        for e in verb_cues or scues[:1]:
            if any(a <= e.start < b for a, b in used):
                continue
            ci, ce = start_at.get(e.start), end_at.get(e.end)
            if ci is None or ce is None:
                continue
            ce += 1
            if e.term == "according to":
                rng = _phrase_after(toks, ce, appositive=False)
            elif e.text.lower() in _NOMINAL_CUES:
                rng = _nominal_source(toks, ci)
            else:
                rng = _phrase_before(toks, ci)
                inverted = ci == 0 or toks[ci - 1].text in ("”", '"', ",", "’")
                if inverted and ce < len(toks) and (_is_cap(toks[ce]) or _word(toks[ce]) in _DETS):
                    after = _phrase_after(toks, ce)
                    # "..., said James Rushton." but not "..., said Ivanka Trump's statement didn't ...":
                    # an inverted speaker ends the clause
                    ends = after and (after[1] >= len(toks) or not _is_wordlike(toks[after[1]])
                                      or _word(toks[after[1]]) in _PREPS | _TIME)
                    quoted = ci > 0 and toks[ci - 1].text in ("”", '"', "’")  # '"...," said X' beats 'X, a fellow, said'
                    if ends and (rng is None or quoted and _is_cap(toks[after[0]])):
                        rng = after
            passive = e.term != "according to" and _passive(toks, ci)  # "were being warmly welcomed"
            if passive:
                rng = None  # "inspectors were told", "they are also seen as", "who has been mocked": not the speaker
            if (e.term != "according to" and e.text.lower() not in _NOMINAL_CUES and ce + 1 < len(toks)
                    and _word(toks[ce]) == "by" and e.text.lower().endswith("ed")):
                rng = _phrase_after(toks, ce + 1)  # "the fund announced by the Transport Secretary": the agent
            while rng and rng[1] - rng[0] > 1 and (_word(toks[rng[0]]) in ("even", "also", "both", "then")
                                           or _word(toks[rng[0]]) in _SKIP_BETWEEN | _TIME | _STOP):
                rng = (rng[0] + 1, rng[1])
            src = (toks[rng[0]].start, toks[rng[1] - 1].end) if rng else None
            src = _clean_span(doc, src, scues) if src else None
            if src and (qidx.covers(*src) or _not_agent(doc, src) or _heading(_span_text(doc, src))
                        or _dangling(_span_text(doc, src))):
                src = None
            rel = _relative_source(doc, s, toks, ci) if src is None and not passive else None
            if rel is not None:  # "an architect who said", "the government, which has denied"
                sent_found.append(_with_relative(doc, s, toks, rel, e, ci, ce, (found, sent_found)))
                continue
            if src is None and sent_found and sent_found[-1].source and not passive:
                # "X questioned that and said ...": a second cue with no subject shares the first one's
                prev = sent_found[-1]
                content, direct = _content(doc, toks, ci, ce, None, s.start, s.end)
                sent_found.append(Attribution(s.index, prev.source, prev.source_text, (e.start, e.end), e.text,
                                              content, prev.kind, prev.named, direct, prev.role,
                                              prev.resolved_from, prev.group))
                continue
            if src is None and not passive:  # "Sources say inspectors were told": not the sources' telling
                for a_ev in anon.get(s.index, []):
                    src = (a_ev.start, a_ev.end)
            if src is None and e.weight < 1:
                continue  # a stance verb with no agent ("being warmly welcomed") attributes nothing
            att = _build(doc, s, toks, src, (e.start, e.end), e.text, ci, ce, (found, sent_found))
            sent_found.append(att)
            if src:
                used.append(src)
        if not sent_found:
            # anonymous markers with no cue: "it is understood that ...", "the floods are thought to ..."
            # (before the tagger, which would take "It" or "The floods" for the source)
            for a_ev in anon.get(s.index, []):
                if a_ev.term in _CUELESS_ANONYMOUS:
                    sent_found.append(Attribution(s.index, (a_ev.start, a_ev.end), a_ev.text, (a_ev.start, a_ev.end),
                                                  a_ev.text, None, "anonymous", False, False,
                                                  group=f"anonymous:{_anon_key(a_ev.text)}"))
                    break
        tagged = learned.get(s.index)
        span = _clean_span(doc, tagged, scues) if tagged else None
        if (span and not any(a.source for a in sent_found) and _plausible_source(doc, span)
                and (scues or not _sentence_initial_modifier(toks, span))):
            sent_found = _learned(doc, s, toks, span, scues, (found,)) or sent_found
        elif (candidates and span and not any(a.source and a.source[0] < span[1] and span[0] < a.source[1]
                                               for a in sent_found) and _plausible_source(doc, span)):
            sent_found += _learned(doc, s, toks, span, scues, (found, sent_found))
        for extra in getattr(tagged, "extras", ()) if candidates else ():  # the tagger's spans for other cues
            extra = _clean_span(doc, extra, scues)
            if (extra and not any(a.source and a.source[0] < extra[1] and extra[0] < a.source[1] for a in sent_found)
                    and _plausible_source(doc, extra)):
                sent_found += _learned(doc, s, toks, extra, scues, (found, sent_found))
        if not sent_found and prev_direct is not None:
            # a sentence that is all quotation, right after a quote, continues that speaker's words
            inside = sum(t.end - t.start for t in toks if qidx.covers(t.start, t.end))
            total = sum(t.end - t.start for t in toks)
            if total and inside / total > 0.8 and s.index - prev_direct.sentence <= 3:
                sent_found.append(Attribution(s.index, prev_direct.source, prev_direct.source_text, None, "",
                                              (s.start, s.end), prev_direct.kind, prev_direct.named, True,
                                              prev_direct.role, prev_direct.resolved_from, prev_direct.group))
        for a in sent_found:
            prev_direct = a if a.direct else None
        if not sent_found:
            prev_direct = None
        found.extend(sent_found)
    return _keep_introduced_roles(doc, link_roles(found))


_INVERTED_REPORT = re.compile(r"\s+(?:the\s+)?[A-Z]")


def _inverted_report(text: str, e: Evidence) -> bool:
    """'reports' as an inverted verb after a comma, before its source ("..., reports the BBC"),
    not the vague noun ("reports say")."""
    return text[:e.start].rstrip().endswith(",") and bool(_INVERTED_REPORT.match(text, e.end))
