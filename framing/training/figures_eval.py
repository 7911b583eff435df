"""Measure figure extraction and alignment against a hand-made gold set (a folder of articles
and its ``gold.json``; the project's own is tests/fixtures/figures). Used by
bench/figures_eval.py and by the tests that hold the thresholds.

Extraction is scored per mention (a predicted mention is right when it overlaps a gold one and
has its dimension and value); alignment per pair of figures from different articles that the
gold puts in one group; a flagged disagreement is right when the gold lists its pair.
"""
from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path


def _prf(tp: int, predicted: int, gold: int) -> dict:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "true_positives": tp, "predicted": predicted, "gold": gold}


def load(folder: str | Path):
    """(articles in gold order, gold) for a gold folder."""
    from framing.read.inputs import read_inputs

    folder = Path(folder)
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    articles = [next(iter(read_inputs([folder / name]))) for name in gold["articles"]]
    return articles, gold


def gold_spans(text: str, figures: list[dict], name: str) -> list[list[tuple[int, int, float]]]:
    """Per gold figure, its mentions as (start, end, value) in ``text``; each mention text must
    occur exactly once, so that the gold says which one it means."""
    out = []
    for f in figures:
        spans = []
        for mention, value in f["mentions"]:
            at, n = text.find(mention), text.count(mention)
            if n != 1:
                raise ValueError(f"{name}: gold mention {mention!r} occurs {n} times in the article; it must occur "
                                 "exactly once (write more of its words, e.g. the noun after it)")
            spans.append((at, at + len(mention), float(value)))
        out.append(spans)
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def extraction(articles, gold) -> dict:
    """Mention-level precision/recall/F1, and how many restated figures were merged into one."""
    from framing.text.document import parse
    from framing.evidence.figures.extract import extract, merge

    tp = predicted = n_gold = 0
    restated_ok = restated_all = over_merged = 0
    misses, extras = [], []
    for art, (name, figures) in zip(articles, gold["articles"].items()):
        spans = gold_spans(art.text, figures, name)
        mentions = [(s, e, v, f["dimension"]) for f, sp in zip(figures, spans) for s, e, v in sp]
        n_gold += len(mentions)
        found = extract(parse(art.text))
        predicted += len(found)
        used = set()
        for fig in found:
            hit = next((k for k, (s, e, v, d) in enumerate(mentions) if k not in used and _overlaps(fig.start, fig.end, s, e)
                        and d == fig.dimension and abs(fig.value - v) <= 1e-6 * max(v, 1)), None)
            if hit is None:
                extras.append(f"{name}: {fig.text!r} ({fig.dimension}, {fig.value:g})")
            else:
                used.add(hit)
                tp += 1
        misses += [f"{name}: {art.text[s:e]!r}" for k, (s, e, _v, _d) in enumerate(mentions) if k not in used]
        merged = merge(found, art.text)
        for sp in spans:
            if len(sp) > 1:
                restated_all += 1
                restated_ok += any(all(any(_overlaps(a, b, s, e) for a, b in _mention_spans(m)) for s, e, _v in sp)
                                   for m in merged)
        for m in merged:
            hit = {k for k, sp in enumerate(spans) for a, b in _mention_spans(m) for s, e, _v in sp if _overlaps(a, b, s, e)}
            over_merged += len(hit) > 1
    return {**_prf(tp, predicted, n_gold), "restated_merged": restated_ok, "restated": restated_all,
            "over_merged": over_merged, "missed": misses, "extra": extras}


def _mention_spans(fig) -> list[tuple[int, int]]:
    return [(fig.start, fig.end), *((s, e) for s, e, _t in fig.restated)]


def alignment(articles, gold, records: list[dict]) -> dict:
    """Pairwise alignment P/R/F1 over figures of different articles, and the flagged disagreements."""
    from framing.compare.comparison import outlet_names, sources_and_figures
    from framing.text.document import parse

    names = list(gold["articles"])
    outlets = outlet_names(records)
    _, groups = sources_and_figures(records, [parse(a.text) for a in articles], outlets)
    spans = [gold_spans(a.text, gold["articles"][n], n) for a, n in zip(articles, names)]

    def gold_figure(outlet: str, f: dict):
        k = outlets.index(outlet)
        for j, sp in enumerate(spans[k]):
            if any(_overlaps(f["start"], f["end"], s, e) for s, e, _v in sp):
                return k, j
        return None

    def group_of(g):
        return gold["articles"][names[g[0]]][g[1]]["group"]

    predicted, flagged = set(), []
    for grp in groups:
        mapped = [gold_figure(f["outlet"], f) for f in grp["figures"]]
        predicted |= {tuple(sorted((a, b))) for a, b in combinations([m for m in mapped if m], 2) if a[0] != b[0]}
        flagged += [(mapped[i], mapped[j], grp["label"]) for i, j in grp["conflicts"]]
    all_figs = [(k, j) for k, sp in enumerate(spans) for j in range(len(sp))]
    truth = {tuple(sorted((a, b))) for a, b in combinations(all_figs, 2) if a[0] != b[0] and group_of(a) == group_of(b)}
    disagree = {(g, *sorted((names.index(a), names.index(b)))) for g, a, b in gold["disagreements"]}
    true_flags = [f for f in flagged if f[0] and f[1] and group_of(f[0]) == group_of(f[1])
                  and (group_of(f[0]), *sorted((f[0][0], f[1][0]))) in disagree]
    found = {(group_of(a), *sorted((a[0], b[0]))) for a, b, _l in true_flags}
    return {**_prf(len(predicted & truth), len(predicted), len(truth)),
            "flagged": len(flagged), "flagged_true": len(true_flags), "gold_disagreements": len(disagree),
            "disagreements_found": len(found & disagree),
            "wrong_pairs": sorted(f"{names[a[0]]}:{group_of(a)} ~ {names[b[0]]}:{group_of(b)}" for a, b in predicted - truth),
            "missed_pairs": sorted(f"{names[a[0]]}:{group_of(a)} ~ {names[b[0]]}:{group_of(b)}" for a, b in truth - predicted),
            "false_flags": [f"{lbl}" for a, b, lbl in flagged if (a, b, lbl) not in true_flags]}


def evaluate(folder: str | Path, scorer=None) -> dict:
    """Extraction and alignment metrics on the gold folder; ``scorer`` (an api.Scorer) gives the
    attributions alignment names claimants from (the bundled models by default)."""
    return measure(*load(folder), scorer)


def measure(articles, gold, scorer=None) -> dict:
    """``evaluate`` on a gold set already read by ``load``."""
    from framing.api import Scorer

    scorer = scorer or Scorer()
    records = list(scorer.score(articles))
    return {"articles": len(articles), "figures": sum(len(v) for v in gold["articles"].values()),
            "extraction": extraction(articles, gold), "alignment": alignment(articles, gold, records)}
