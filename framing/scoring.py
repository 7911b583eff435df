"""Analysis + models -> article scores with their components and evidence.

Both scores are documented in the README and model cards; every component is in the output,
so each number can be traced back to sentences and spans.

Framing (0-100), the outlet's own voice only:
    100 * (0.70 * min(1, mean authorial news_loaded_prob / 0.5)
           + 0.30 * (1 - exp(-authorial loaded-lexicon weight per 100 words / 2)))
    where "authorial" means with direct quotations blanked out, and news_loaded_prob is the news
    head's P(loaded) (news_head.py; the sentence model's loaded_prob for a model without one): the
    mean is the expected share of the outlet's sentences that carry loaded language, counted in
    full from half of them. Quoted loaded language is reported separately (``quoted_framing``)
    and does not enter the score.

Sourcing strength (0-100), over the article's claim sentences (not headlines or questions):
    quality  = 0.30 * named share + 0.25 * on-record share + 0.25 * independent sources
               + 0.20 * direct-quote share
    sourcing = 100 * clip(attributed share * (0.6 + 0.4 * quality)
                          - 0.5 * unsourced-hedge share + 0.05 * verification caveat, 0, 1)
    attributed share: mean attribution_prob over claim sentences (the expected share attributed),
    a claim in which no source was found counting 0.8;
    named share: attributions whose source is identifiable (person, official body, expert, media, document);
    on-record share: attributions not to anonymous/vague sources, unresolved pronouns or social media;
    independent sources: 1 - exp(-distinct identifiable sources / 3);
    direct-quote share: attributions carrying a direct quote; verification caveat: 1 if the article
    says what it could not verify; unsourced-hedge share: claim sentences with an authorial hedge
    and no attribution. The attributed share leads because a claim with no source cannot be
    well sourced; the weights were chosen on PolNeAR train articles (see the model card).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from itertools import islice

import numpy as np

from framing.evidence.analysis import Analysis, article_meta, evidence_dict
from framing.evidence.attribution import Attribution, extract, ledger, lone_word
from framing.evidence.source_verifier import verified_batch

SCHEMA_VERSION = "1"
_ALPHA_WORD = re.compile(r"(?<!\S)\S*?[^\W\d_]")  # a whitespace-separated word with a letter in it
FRAMING_WEIGHTS = {"news_loaded_share": 0.70, "lexicon_density": 0.30}
NEWS_SHARE_FULL = 0.5        # expected share of loaded sentences at which the model term is full
SOURCING_QUALITY_WEIGHTS = {"named_share": 0.30, "on_record_share": 0.25, "independent_sources": 0.25,
                            "direct_quote_share": 0.20}
UNSOURCED_CLAIM_WEIGHT = 0.8  # a claim the model thinks attributed but whose source no one can name
SOURCING_BASE = 0.6           # how much of the attributed share counts whatever the source quality
UNSOURCED_HEDGE_PENALTY = 0.5
CAVEAT_BONUS = 0.05
LOADED_DENSITY_SCALE = 2.0   # lexicon weight per 100 words at which the density term reaches 63%
SOURCES_SCALE = 3.0          # distinct identifiable sources at which the sources term reaches 63%


def _absolute_spans(doc, idx, spans) -> dict[int, tuple[int, int]]:
    out = {}
    for i, sp in zip(idx, spans):
        if sp and sp[1] > sp[0]:
            s = doc.sentences[i]
            # a tagger Span (sourcing_views.Span) keeps its score and the sentence's further spans
            out[i] = sp.shifted(s.start) if hasattr(sp, "shifted") else (s.start + sp[0], s.start + sp[1])
    return out


def authorial_text(doc, sentence) -> str:
    """The sentence with direct quotations blanked to “…”, so a model sees only the outlet's voice."""
    parts, pos = [], sentence.start
    for q in doc.quote_index.overlapping(sentence.start, sentence.end):
        qs, qe = max(q.start, sentence.start), min(q.end, sentence.end)
        if qs < pos:
            continue  # nested inside a region already blanked
        parts.append(doc.text[pos:qs])
        parts.append("“…”")
        pos = qe
    parts.append(doc.text[pos:sentence.end])
    return "".join(parts)


def _words(doc) -> int:
    return sum([t.text[0].isalnum() for t in doc.tokens])  # tokens are never empty


@dataclass(frozen=True)
class Predictors:
    """The sentence models, each called once for all sentences of a batch of articles."""

    loaded: object       # callable(texts) -> np.ndarray of P(loaded)
    # callable(texts, article index of each, threshold) -> (np.ndarray of P(attributes),
    #   per sentence the learned source span relative to it or None; or None without a span model)
    attribution: object
    # the source verifier (source_verifier.SourceVerifier) of the sourcing model, or None
    verifier: object = None
    # callable(texts, their P(loaded)) -> P(loaded as news annotators mark it): the framing model's
    # news head (news_head.py), or None (its loaded_prob stands in)
    news: object = None
    # the source typer (source_typer.SourceTyper) of the sourcing model, or None (the rules' types stand)
    typer: object = None


def framing_components(a: Analysis, loaded: np.ndarray, authorial: np.ndarray, news: np.ndarray,
                       quoted_share: list[float], words: int) -> dict:
    words = max(words, 1)
    own = [e for e in a.evidence if e.category in ("loaded", "intensifier") and not e.in_quote]
    quoted = [e for e in a.evidence if e.category in ("loaded", "intensifier") and e.in_quote]
    own_weight = sum(e.weight * (1.0 if e.category == "loaded" else 0.5) for e in own)
    density = own_weight / words * 100
    comps = {
        "news_loaded_share": float(news.mean()) if len(news) else 0.0,
        "lexicon_density": 1 - math.exp(-density / LOADED_DENSITY_SCALE),
    }
    score = 100 * (FRAMING_WEIGHTS["news_loaded_share"] * min(1.0, comps["news_loaded_share"] / NEWS_SHARE_FULL)
                   + FRAMING_WEIGHTS["lexicon_density"] * comps["lexicon_density"])
    quoted_weight = sum(e.weight for e in quoted if e.category == "loaded")
    return {
        "score": round(min(max(score, 0.0), 100.0), 1),
        "components": {k: round(v, 4) for k, v in comps.items()},
        "weights": FRAMING_WEIGHTS,
        "news_loaded_share_full_at": NEWS_SHARE_FULL,
        "mean_authorial_loaded_prob": round(float(authorial.mean()) if len(authorial) else 0.0, 4),
        "authorial_loaded_terms": sum(1 for e in own if e.category == "loaded"),
        "authorial_loaded_per_1000_words": round(sum(1 for e in own if e.category == "loaded") / words * 1000, 2),
        "quoted_framing": {
            "loaded_terms": sum(1 for e in quoted if e.category == "loaded"),
            "loaded_weight_per_100_words": round(quoted_weight / words * 100, 3),
            "mean_loaded_prob_quoted_sentences": round(float(np.mean(
                [p for p, q in zip(loaded, quoted_share) if q > 0.5] or [0.0])), 4),
        },
    }


def quoted_shares(doc) -> list[float]:
    """Per sentence, the share of its characters inside direct quotations."""
    out = []
    for s in doc.sentences:
        inside = sum(min(q.end, s.end) - max(q.start, s.start) for q in doc.quote_index.overlapping(s.start, s.end))
        out.append(min(inside / max(s.end - s.start, 1), 1.0))
    return out


def claim_sentences(a: Analysis) -> list[int]:
    """Sentences that make a claim: not headlines, photo captions or questions, with at least three words."""
    out = []
    for s in a.document.sentences:
        if s.is_headline or s.is_caption or s.text.rstrip("”\"’' ").endswith("?"):
            continue
        if next(islice(_ALPHA_WORD.finditer(s.text), 2, None), None) is None:
            continue  # fewer than three words (found up to the third, not all: 3x faster)
        out.append(s.index)
    return out


def caveat_voice(e, atts: list[Attribution]) -> str:
    """Who voices a verification caveat: '' for the outlet itself, else the source whose
    attribution holds it ("The BBC said it had not been able to verify ...")."""
    for x in atts:
        if x.sentence == e.sentence and x.source_text and x.cue and x.cue[0] <= e.start:
            return x.source_text
    return ""


def sourcing_components(a: Analysis, attribution: np.ndarray, atts: list[Attribution]) -> dict:
    claims = claim_sentences(a)
    # one record: a claim is attributed when an attribution with a source stands in it, else unattributed
    sourced = {x.sentence for x in atts if x.source_text}
    named = {x.sentence for x in atts if x.named}
    hedged = {e.sentence for e in a.evidence if e.category == "hedge" and not e.in_quote}
    # a hedge in a claim with no source at all is the outlet's own ("reportedly", "if confirmed");
    # inside an attributed claim it is the source's
    unsourced_hedges = [i for i in claims if i in hedged and i not in sourced]
    caveats = [e for e in a.evidence if e.category == "verification_caveat" and not e.in_quote]
    voices = [caveat_voice(e, atts) for e in caveats]
    sources = ledger(atts)
    identifiable = [s for s in sources if s.named]  # named people, bodies, outlets, documents, accounts
    n_att = len(atts)
    comps = {
        # P(attributes) from the sentence model, in full where the extractor found the source too
        "attributed_share": float(np.mean([attribution[i] * (1.0 if i in sourced else UNSOURCED_CLAIM_WEIGHT)
                                           for i in claims])) if claims else 0.0,
        "named_share": sum(1 for x in atts if x.named) / n_att if n_att else 0.0,
        "independent_sources": 1 - math.exp(-len(identifiable) / SOURCES_SCALE),
        "direct_quote_share": sum(1 for x in atts if x.direct) / n_att if n_att else 0.0,
        # the outlet's own caveat counts fully, one it reports from a source half
        "verification_caveat": max([1.0 if not v else 0.5 for v in voices], default=0.0),
        "on_record_share": 1 - (sum(1 for x in atts if x.kind in ("anonymous", "pronoun", "social_media")
                                    and not x.named) / n_att) if n_att else 0.0,
        "unsourced_hedge_share": len(unsourced_hedges) / len(claims) if claims else 0.0,
    }
    quality = sum(w * comps[k] for k, w in SOURCING_QUALITY_WEIGHTS.items())
    score = 100 * (comps["attributed_share"] * (SOURCING_BASE + (1 - SOURCING_BASE) * quality)
                   - UNSOURCED_HEDGE_PENALTY * comps["unsourced_hedge_share"]
                   + CAVEAT_BONUS * comps["verification_caveat"])
    return {
        "score": round(min(max(score, 0.0), 100.0), 1),
        "components": {k: round(v, 4) for k, v in comps.items()},
        "quality": round(quality, 4),
        "weights": {"quality": SOURCING_QUALITY_WEIGHTS, "base": SOURCING_BASE,
                    "unsourced_hedge_penalty": UNSOURCED_HEDGE_PENALTY, "verification_caveat_bonus": CAVEAT_BONUS},
        "claims": len(claims),
        "attributed_claims": sum(1 for i in claims if i in sourced),
        "named_source_claims": sum(1 for i in claims if i in named),
        "unattributed_sentences": [i for i in claims if i not in sourced],
        "unsourced_hedged_sentences": unsourced_hedges,
        "verification_caveats": [{**evidence_dict(e), "voiced_by": v or "outlet"} for e, v in zip(caveats, voices)],
        "sources": [
            {"name": s.name, "kind": s.kind, "named": s.named, "roles": s.roles, "mentions": s.mentions,
             "claims": s.claims, "direct": s.direct, "indirect": s.indirect, "sentences": s.sentences}
            for s in sources
        ],
    }


def attribution_dict(x: Attribution) -> dict:
    return {"sentence": x.sentence, "source": list(x.source) if x.source else None, "source_text": x.source_text,
            "cue": list(x.cue) if x.cue else None, "cue_text": x.cue_text,
            "content": list(x.content) if x.content else None, "kind": x.kind, "named": x.named,
            "direct": x.direct, "role": x.role, "resolved_from": x.resolved_from, "group": x.group}


def score_batch(analyses: list[Analysis], predict: Predictors, threshold: float = 0.5) -> list[dict]:
    """The JSON Lines records (see DESIGN.md's contract) of several articles. Each model runs
    once over all their sentences: per-call overhead, not arithmetic, dominates at one
    article's few dozen sentences. Every feature is computed per sentence (or per article for
    the sourcing model's neighbours), so an article scores the same alone or in a batch."""
    full, own, article = [], [], []
    for k, a in enumerate(analyses):
        doc = a.document
        full += [s.text for s in doc.sentences]
        own += [authorial_text(doc, s) for s in doc.sentences]
        article += [k] * len(doc.sentences)
    n = len(full)
    probs = _unique_proba(predict.loaded, full + own) if n else np.zeros(0)
    # the news head reads the outlet's own voice only, as the score does
    news = probs[n:] if predict.news is None or not n else np.asarray(predict.news(own, probs[n:]), dtype=float)
    attribution, learned = predict.attribution(full, article, threshold) if n else (np.zeros(0), [])
    attribution = np.asarray(attribution, dtype=float)
    bounds, lo = [], 0
    for a in analyses:
        bounds.append((lo, lo + len(a.document.sentences)))
        lo += len(a.document.sentences)
    spans = [_absolute_spans(a.document, range(hi - lo), learned[lo:hi]) if learned is not None else None
             for a, (lo, hi) in zip(analyses, bounds)]
    atts = attributions_batch(analyses, [attribution[lo:hi] for lo, hi in bounds], spans, predict.verifier)
    if predict.typer is not None:
        from framing.evidence.source_typer import retyped_batch

        atts = retyped_batch([(a.document, found) for a, found in zip(analyses, atts)], predict.typer)
    return [_record(a, probs[lo:hi], probs[n + lo:n + hi], news[lo:hi], attribution[lo:hi], found)
            for a, (lo, hi), found in zip(analyses, bounds, atts)]


def _unique_proba(proba, texts: list[str]) -> np.ndarray:
    """``proba(texts)``, each distinct text scored once: a sentence without quotations is its
    own authorial text, so about half the framing model's work is repeated otherwise."""
    index: dict[str, int] = {}
    pos = [index.setdefault(t, len(index)) for t in texts]
    return np.asarray(proba(list(index)), dtype=float)[pos]


def attributions_batch(analyses: list[Analysis], attribution: list[np.ndarray], learned: list[dict | None],
                       verifier=None) -> list[list[Attribution]]:
    """The attributions of several articles: the extractor's candidates without a lone function word
    or adverb as source ("As", "Historically": attribution.lone_word), checked by the verifier when
    there is one (called once for all their candidates)."""
    found = [[x for x in extract(a.document, a.evidence, spans, candidates=verifier is not None)
              if not (x.source and lone_word(a.document, x.source_text))]
             for a, spans in zip(analyses, learned)]
    return verified_batch([(a.document, atts, p, spans or {}) for a, atts, p, spans in
                           zip(analyses, found, attribution, learned)], verifier)


def _record(a: Analysis, loaded: np.ndarray, authorial: np.ndarray, news: np.ndarray, attribution: np.ndarray,
            atts: list[Attribution]) -> dict:
    doc = a.document
    shares = quoted_shares(doc)
    words = _words(doc)
    own = np.array([not s.is_caption for s in doc.sentences], dtype=bool)  # photo captions are not the outlet's framing
    framing = framing_components(a, loaded[own], authorial[own], news[own], [q for q, k in zip(shares, own) if k],
                                 words)
    sourcing = sourcing_components(a, attribution, atts)
    by_sentence: dict[int, list] = {}
    for e in a.evidence:
        by_sentence.setdefault(e.sentence, []).append(evidence_dict(e))
    # Python floats: indexing a numpy array per value costs more than the record's other fields
    loaded_l, authorial_l = loaded.tolist(), authorial.tolist()
    news_l, attribution_l = news.tolist(), attribution.tolist()
    return {
        **article_meta(a.article),
        "schema_version": SCHEMA_VERSION,
        "framing_score": framing.pop("score"),
        "sourcing_score": sourcing.pop("score"),
        "words": words,
        "framing": framing,
        "sourcing": sourcing,
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text,
             "loaded_prob": round(loaded_l[i], 4), "authorial_loaded_prob": round(authorial_l[i], 4),
             "news_loaded_prob": round(news_l[i], 4),
             "attribution_prob": round(attribution_l[i], 4), "headline": s.is_headline, "caption": s.is_caption,
             "quoted_share": round(shares[i], 3), "evidence": by_sentence.get(s.index, [])}
            for i, s in enumerate(doc.sentences)
        ],
        "attributions": [attribution_dict(x) for x in atts],
        "quotes": [{"start": q.start, "end": q.end, "closed": q.closed} for q in doc.quotes],
    }


def record_json(record: dict) -> str:
    """One record as a JSON line's text. Records are trees, never cyclic: skipping the encoder's
    check for cycles (a set of every container's id) makes encoding a tenth faster, same bytes."""
    return json.dumps(record, ensure_ascii=False, check_circular=False)
