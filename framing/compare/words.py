"""Distinctive wording between outlets: weighted log-odds ratios with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", Political Analysis 16(4), section 3.5.4:

    delta_w = log((y_wi + a_w) / (n_i + a0 - y_wi - a_w)) - log((y_wj + a_w) / (n_j + a0 - y_wj - a_w))
    var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w = delta_w / sqrt(var)

where i is one outlet, j all the others pooled, and the prior a_w = a0 * (pooled frequency of w).
A |z| above 1.96 marks a term the outlet uses markedly more (or less) than the rest.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from framing.evidence.lexicon import normalise
from framing.text.stopwords import stopwords


def term_counts(words: list[str], bigrams: bool = True) -> Counter:
    """Unigram and bigram counts of content words (lower-cased; stopwords and numbers dropped)."""
    stop = stopwords()
    toks = [normalise(w) for w in words]
    keep = [w.isalpha() and len(w) > 1 and w not in stop for w in toks]
    c = Counter(w for w, k in zip(toks, keep) if k)
    if bigrams:
        c.update(f"{a} {b}" for (a, ka), (b, kb) in zip(zip(toks, keep), zip(toks[1:], keep[1:])) if ka and kb)
    return c


@dataclass(frozen=True, slots=True)
class Distinctive:
    term: str
    z: float
    delta: float
    count: int        # uses by this outlet
    others: int       # uses by all the others together


def fightin_words(counts: list[Counter], prior_strength: float = 1.0, min_count: int = 2) -> list[list[Distinctive]]:
    """For each group of counts, every term's log-odds z-score against all other groups pooled.

    ``prior_strength`` scales the prior a0 relative to the pooled corpus size (1.0: a0 = N).
    Terms used fewer than ``min_count`` times in all are skipped. Each list is sorted by z, highest first.
    """
    pooled = Counter()
    for c in counts:
        pooled.update(c)
    total = sum(pooled.values())
    if not total:
        return [[] for _ in counts]
    a0 = prior_strength * total
    out = []
    for i, ci in enumerate(counts):
        ni = sum(ci.values())
        nj = total - ni
        rows = []
        for w, pw in pooled.items():
            if pw < min_count or pw == total:  # the only term used anywhere: its odds against the rest are 0/0
                continue
            aw = a0 * pw / total
            yi = ci.get(w, 0)
            yj = pw - yi
            delta = (math.log((yi + aw) / (ni + a0 - yi - aw)) - math.log((yj + aw) / (nj + a0 - yj - aw)))
            var = 1 / (yi + aw) + 1 / (yj + aw)
            rows.append(Distinctive(w, delta / math.sqrt(var), delta, yi, yj))
        rows.sort(key=lambda d: (-d.z, d.term))
        out.append(rows)
    return out
