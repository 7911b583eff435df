"""Metrics for `framing evaluate`, computed only on held-out predictions."""
from __future__ import annotations

import numpy as np


def binary_report(y_true, prob, threshold: float = 0.5) -> dict:
    """Macro-F1, F1 of the positive class, ROC AUC, Brier score, accuracy and counts."""
    from sklearn.metrics import accuracy_score, brier_score_loss, f1_score, roc_auc_score

    y = np.asarray(y_true, dtype=int)
    p = np.asarray(prob, dtype=float)
    pred = (p >= threshold).astype(int)
    return {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
        "f1": round(float(f1_score(y, pred)), 4),
        "roc_auc": round(float(roc_auc_score(y, p)), 4) if len(set(y)) > 1 else None,
        "brier": round(float(brier_score_loss(y, p)), 4),
        "accuracy": round(float(accuracy_score(y, pred)), 4),
    }


def reliability_table(y_true, prob, bins: int = 10) -> list[dict]:
    """Per probability bin: how many predictions, their mean probability and the observed rate."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(prob, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        m = idx == b
        rows.append({"bin": f"{edges[b]:.1f}-{edges[b + 1]:.1f}", "n": int(m.sum()),
                     "mean_prob": round(float(p[m].mean()), 3) if m.any() else None,
                     "observed": round(float(y[m].mean()), 3) if m.any() else None})
    return rows


def expected_calibration_error(y_true, prob, bins: int = 10) -> float:
    rows = reliability_table(y_true, prob, bins)
    n = sum(r["n"] for r in rows)
    return round(sum(r["n"] * abs(r["mean_prob"] - r["observed"]) for r in rows if r["n"]) / max(n, 1), 4)


def spearman(a, b) -> float:
    from scipy.stats import spearmanr

    return round(float(spearmanr(a, b).statistic), 4)


def markdown_table(rows: list[dict], columns: list[str] | None = None) -> str:
    columns = columns or list(rows[0])
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for r in rows:
        out.append("| " + " | ".join("" if r.get(c) is None else str(r.get(c)) for c in columns) + " |")
    return "\n".join(out)
