"""Held-out checks of the sourcing evidence on PolNeAR: source mentions, source types, and the
sourcing score on predicted evidence against the same formula on the annotators' evidence.

All of it runs the scoring pipeline exactly as `framing score` does (analysis, sentence model,
span tagger, extractor, verifier), on articles the model was not trained on.
"""
from __future__ import annotations

import bisect
import csv
from pathlib import Path

import numpy as np

# Typed samples of PolNeAR dev gold Source spans, labelled by the project from the text alone:
# "dev", "heldout" and (in session 6) "heldoutC" and "heldoutD" were read to revise the typing
# rules, so their accuracy is optimistic; "heldoutE" chose between the rules and the learned typer
# (its accuracy alone, never its spans); "heldoutF", labelled blind by a sixth annotator, was not used.
_EVAL = Path(__file__).resolve().parents[2] / "data" / "eval"
TYPED_SAMPLES = {name: _EVAL / f"polnear_dev_source_types_{name}.tsv"
                 for name in ("dev", "heldout", "heldoutC", "heldoutD", "heldoutE", "heldoutF")}
REVISED_ON = ("dev", "heldout", "heldoutC", "heldoutD")
CHOSE_ON = ("heldoutE",)
# typed samples of PolNeAR *train* articles: what the source typer (source_typer.py) learns from
TRAIN_TYPED_SAMPLES = sorted(_EVAL.glob("polnear_train_source_types_*.tsv"))
# blind typed samples of 14 PolNeAR *train* articles each, in no other sample (G: session 7, when dev
# had no article left; H: session 9): the typer never saw them, the rules were never revised on them;
# the sentence model, tagger and verifier were trained on them, so their "found" share is optimistic,
# not their accuracy
LABELLED_IN = {"G": 7, "H": 9, "I": 11, "J": 11}  # the session each was labelled in
READ_IN = {"G": 11, "H": 11}  # the session whose typing changes were chosen by reading its errors
TRAIN_BLIND_SAMPLES = {name: _EVAL / f"polnear_train_blind_source_types_{name}.tsv" for name in LABELLED_IN}
# sample C labelled again, blind, by another annotator: how far two annotators agree on types
SECOND_LABELS = {"heldoutC": _EVAL / "polnear_dev_source_types_heldoutC_second.tsv"}


def one_to_one(pred: list[tuple[int, int]], gold: list[tuple[int, int]], min_iou: float = 0.0) -> list[tuple[int, int]]:
    """Pairs (i, j) matching predicted to gold spans one to one, largest character overlap first.
    ``min_iou``: only pairs whose overlap is at least this share of the two spans' union (0.5 asks
    that a shown source is mostly the annotated phrase, not a clause around it)."""
    pairs = sorted(((min(p[1], g[1]) - max(p[0], g[0]), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                    if min(p[1], g[1]) > max(p[0], g[0])
                    and min(p[1], g[1]) - max(p[0], g[0]) >= min_iou * (max(p[1], g[1]) - min(p[0], g[0]))),
                   reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "predicted": n_pred, "gold": n_gold, "matched": tp}


def _any_cue(_: str) -> bool:
    return True


def gold_source_spans(art, cue_ok=_any_cue) -> list[tuple[int, int]]:
    return sorted({(a.source[0][0], a.source[-1][1]) for a in art.attributions
                   if a.source and cue_ok(art.text[a.cue[0][0]:a.cue[-1][1]])})


def predicted_source_spans(record: dict, cue_ok=_any_cue) -> list[tuple[int, int]]:
    return sorted({tuple(x["source"]) for x in record["attributions"]
                   if x["source"] and (cue_ok is _any_cue or cue_ok(x["cue_text"]))})


def speech_cue(text: str) -> bool:
    """A cue of speech or report ("said", "told", "according to"), as opposed to PolNeAR's
    attitudes and actions ("believes", "is creating")."""
    from framing.evidence.source_verifier import _SPEECH_VERB

    words = text.strip().split()
    return bool(words) and (bool(_SPEECH_VERB.match(words[0])) or text.strip().lower().startswith("according"))


_BOUNDARY = "; a pair counts only where the overlap is at least half the two spans' union"


def mention_metrics(arts, records, speech_only: bool = False, min_iou: float = 0.0) -> dict:
    """Every predicted source span of an article (resolved pronouns as written) against the
    annotator's Source spans, matched one to one by character overlap; with ``speech_only``,
    on both sides only the attributions whose cue is one of speech or report; ``min_iou`` as in
    ``one_to_one``."""
    tp = n_pred = n_gold = 0
    for art, rec in zip(arts, records):
        cue_ok = speech_cue if speech_only else _any_cue
        pred, gold = predicted_source_spans(rec, cue_ok), gold_source_spans(art, cue_ok)
        tp += len(one_to_one(pred, gold, min_iou))
        n_pred += len(pred)
        n_gold += len(gold)
    return {**prf(tp, n_pred, n_gold), "articles": len(arts),
            "protocol": ("attributions with a cue of speech or report (said, told, reported, according to...) on both "
                         "sides: " if speech_only else "") + "all predicted source spans per article vs the first "
                        "annotator's Source spans, one-to-one by character overlap" + (_BOUNDARY if min_iou else "")}


def span_metrics(arts, analyses, records) -> dict:
    """Source spans vs PolNeAR gold in the sentences with exactly one gold attribution that has a
    source: exact and overlapping spans, and character F1 (a resolved pronoun as written)."""
    n_gold = n_pred = exact = overlap = 0
    char_f1 = []
    for art, an, rec in zip(arts, analyses, records):
        doc = an.document
        for s in doc.sentences:
            gold = [att for att in art.attributions if any(cs < s.end and ce > s.start for cs, ce in att.cue)]
            if len(gold) != 1 or not gold[0].source:
                continue
            n_gold += 1
            here = [x for x in rec["attributions"] if x["sentence"] == s.index]
            preds = [x for x in here if x["source"] and not x["resolved_from"]] + [x for x in here if x["resolved_from"]]
            if not preds:
                continue
            n_pred += 1
            x = preds[0]
            # a resolved pronoun is judged by the pronoun as written, as PolNeAR marks it
            ps = tuple(x["source"]) if not x["resolved_from"] else _pronoun_span(doc.text, s, x["resolved_from"])
            if ps is None:
                continue
            g = (gold[0].source[0][0], gold[0].source[-1][1])
            inter = max(0, min(ps[1], g[1]) - max(ps[0], g[0]))
            exact += ps == g
            overlap += inter > 0
            char_f1.append(2 * inter / (g[1] - g[0] + ps[1] - ps[0]) if inter else 0)

    def f1(hit):
        p, r = hit / max(n_pred, 1), hit / max(n_gold, 1)
        return round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"sentences": n_gold, "predicted": n_pred, "exact_f1": f1(exact), "overlap_f1": f1(overlap),
            "mean_char_f1": round(float(np.mean(char_f1)) if char_f1 else 0.0, 4),
            "protocol": "sentences with exactly one gold attribution that has a source; exact = same span, "
                        "overlap = any shared character; precision over sentences where a source was predicted"}


def _pronoun_span(text: str, s, pronoun: str):
    i = text.find(pronoun, s.start, s.end)
    return (i, i + len(pronoun)) if i >= 0 else None


def annotator_agreement(split: str = "train", min_iou: float = 0.0) -> dict:
    """The same measure between two annotators of the same article: the ceiling to aim at."""
    from framing.training.datasets import parse_brat, shared_data_dir

    base = shared_data_dir() / "polnear" / split / "attributions"
    by_article: dict[str, list[Path]] = {}
    for f in sorted(base.glob("*.ann")):
        by_article.setdefault(f.stem.rsplit("_", 1)[0], []).append(f)
    tp = n_a = n_b = articles = 0
    for files in by_article.values():
        if len(files) < 2:
            continue
        a, b = ([(x.source[0][0], x.source[-1][1]) for x in parse_brat(f.read_text("utf-8")) if x.source]
                for f in files[:2])
        a, b = sorted(set(a)), sorted(set(b))
        tp += len(one_to_one(a, b, min_iou))
        n_a += len(a)
        n_b += len(b)
        articles += 1
    return {**prf(tp, n_a, n_b), "articles": articles,
            "protocol": f"PolNeAR {split} articles with two annotators: the first annotator's Source spans as "
                        "'predicted', the second's as gold, one-to-one by character overlap" + (_BOUNDARY if min_iou else "")}


def typed_sample(path: Path = TYPED_SAMPLES["heldoutF"]) -> list[dict]:
    """The project's own typed sample of PolNeAR dev gold Source spans (offsets and labels only)."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    for r in rows:
        r["start"], r["end"], r["named"] = int(r["start"]), int(r["end"]), r["named"] == "1"
        # a pronoun is judged by what it refers to, as the extractor resolves it
        r["effective"] = r["referent_type"] if r["type"] == "pronoun" and r["referent_type"] not in ("", "unclear") \
            else r["type"]
    return rows


def most_overlapping(items, start: int, end: int, span_of):
    """The first of ``items`` whose span (``span_of(item)``, or None) shares the most characters
    with start:end, or None when none overlaps: how a labelled span finds its attribution."""
    best, most = None, 0
    for x in items:
        span = span_of(x)
        if span and (shared := min(span[1], end) - max(span[0], start)) > most:
            best, most = x, shared
    return best


def type_metrics(arts, records, sample: list[dict]) -> dict:
    """Type and `named` accuracy on the typed sample, over the spans the extractor found."""
    by_name = {a.name: rec for a, rec in zip(arts, records)}
    found = kind_ok = named_ok = 0
    confusion: dict[str, dict[str, int]] = {}
    for r in sample:
        rec = by_name.get(r["article"])
        if rec is None:
            continue
        x = most_overlapping(rec["attributions"], r["start"], r["end"], lambda h: h["source"])
        if x is None:
            continue
        found += 1
        kind_ok += x["kind"] == r["effective"]
        named_ok += x["named"] == r["named"]
        confusion.setdefault(r["effective"], {}).setdefault(x["kind"], 0)
        confusion[r["effective"]][x["kind"]] += 1
    return {"spans": len(sample), "found": found, "type_accuracy": round(kind_ok / max(found, 1), 4),
            "named_accuracy": round(named_ok / max(found, 1), 4), "confusion": confusion,
            "protocol": "typed sample of PolNeAR gold Source spans (data/eval/, labelled by the project from the "
                        "text before looking at the system's output); accuracy over the spans the extractor found"}


def type_agreement(first: list[dict], second: list[dict]) -> dict:
    """Two annotators' labels of the same spans: the share with the same type (a pronoun by its
    referent's) and the same ``named``; the human ceiling for type_metrics."""
    pairs = list(zip(first, second))
    if [(a["article"], a["start"], a["end"]) for a, _ in pairs] != [(b["article"], b["start"], b["end"]) for _, b in pairs]:
        raise ValueError("the two label files do not hold the same spans in the same order")
    n = max(len(pairs), 1)
    return {"spans": len(pairs), "type_agreement": round(sum(a["effective"] == b["effective"] for a, b in pairs) / n, 4),
            "named_agreement": round(sum(a["named"] == b["named"] for a, b in pairs) / n, 4),
            "protocol": "the same typed sample labelled twice, blind, by two annotators with the same guide "
                        "(data/eval/README.md); both annotators are of the same kind, so this is an upper bound"}


def gold_attributions(analysis, art) -> list:
    """The annotators' attributions as the extractor's records: their source and cue spans, typed,
    resolved and grouped by the same functions, so a score on them differs only by the evidence."""
    from framing.evidence.attribution import link_roles, build_from_spans

    doc = analysis.document
    out = []
    starts = [s.start for s in doc.sentences]
    for att in sorted(art.attributions, key=lambda a: a.cue[0][0]):
        cue = (att.cue[0][0], att.cue[-1][1])
        k = max(bisect.bisect_right(starts, cue[0]) - 1, 0)
        src = (att.source[0][0], att.source[-1][1]) if att.source else None
        out.append(build_from_spans(doc, doc.sentences[k], src, cue, out))
    return link_roles(out)


def article_scores(arts, analyses, records) -> dict:
    """Spearman of the sourcing score on predicted evidence with the score on gold evidence and
    with the gold share of attributed sentences."""
    from framing.training.metrics import spearman
    from framing.scoring import sourcing_components

    pred, on_gold, share = [], [], []
    for art, an, rec in zip(arts, analyses, records):
        probs = np.array([s["attribution_prob"] for s in rec["sentences"]])
        pred.append(rec["sourcing_score"])
        on_gold.append(sourcing_components(an, probs, gold_attributions(an, art))["score"])
        cues = [c for att in art.attributions for c in att.cue]
        sents = an.document.sentences
        share.append(sum(1 for s in sents if any(cs < s.end and ce > s.start for cs, ce in cues)) / max(len(sents), 1))
    return {"spearman_gold_evidence": spearman(pred, on_gold), "spearman_gold_share": spearman(pred, share),
            "articles": len(arts), "predicted": pred, "gold_evidence": on_gold, "gold_share": share,
            "protocol": "sourcing_score on predicted evidence vs the same formula on the annotators' cue and source "
                        "spans (same sentence probabilities), and vs the gold share of attributed sentences"}


def score_articles(arts, est):
    """(analyses, contract records) of PolNeAR-style articles, scored as `framing score` does."""
    from framing.evidence.analysis import analyze
    from framing.api import _attribution
    from framing.scoring import Predictors, score_batch
    from framing.types import Article

    analyses = [analyze(Article(a.name, a.text)) for a in arts]
    predict = Predictors(loaded=lambda texts: np.zeros(len(texts)), attribution=_attribution(est),
                         verifier=getattr(est, "source_verifier_", None), typer=getattr(est, "source_typer_", None))
    records = []
    for i in range(0, len(analyses), 32):
        records += score_batch(analyses[i:i + 32], predict)
    return analyses, records
