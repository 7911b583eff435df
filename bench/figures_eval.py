"""Figures on the hand-made gold set: extraction P/R/F1 per mention, pairwise alignment P/R/F1,
flagged disagreements; and, where they are installed, the libraries the hand-written parts were
compared with (quantulum3 for extraction; text2num and number-parser for numbers in words).

    .venv/bin/python bench/figures_eval.py [GOLD_FOLDER] [--json]
    .venv/bin/pip install quantulum3 text2num number-parser   # to include the comparison
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "fixtures" / "figures"


def quantulum(articles, gold) -> dict | None:
    """quantulum3's quantities scored as our extractor is: overlap with a gold mention, same value."""
    try:
        from quantulum3 import classifier, parser
    except ImportError:
        return None
    # its pickled unit classifier does not load with this scikit-learn: its rule-based fallback instead
    classifier.USE_CLF = False
    from framing.training.figures_eval import _overlaps, _prf, gold_spans

    t0 = time.perf_counter()
    tp = predicted = n_gold = 0
    for art, (name, figures) in zip(articles, gold["articles"].items()):
        mentions = [m for sp in gold_spans(art.text, figures, name) for m in sp]
        n_gold += len(mentions)
        used = set()
        for q in parser.parse(art.text):
            predicted += 1
            hit = next((k for k, (s, e, v) in enumerate(mentions) if k not in used
                        and _overlaps(q.span[0], q.span[1], s, e) and abs(q.value - v) <= 1e-6 * max(v, 1)), None)
            if hit is not None:
                used.add(hit)
                tp += 1
    return {**_prf(tp, predicted, n_gold), "seconds": round(time.perf_counter() - t0, 2)}


def number_words(articles, gold) -> dict:
    """Each gold mention written in words: its value by our parser, text2num and number-parser."""
    from framing.evidence.figures.numbers import NUMBER_RE, words_value

    cases = []
    for figures in gold["articles"].values():
        for f in figures:
            for text, value in f["mentions"]:
                m = NUMBER_RE.search(text)
                if m and m.group("words"):
                    cases.append((m.group("words"), float(value)))
    parsers = {"framing (hand-written)": words_value}
    try:
        from text_to_num import text2num
        parsers["text2num"] = lambda w: text2num(w.lower(), "en")
    except ImportError:
        pass
    try:
        from number_parser import parse_number
        parsers["number-parser"] = parse_number
    except ImportError:
        pass
    out = {}
    for name, fn in parsers.items():
        right = 0
        wrong = []
        for words, value in cases:
            try:
                got = fn(words)
            except Exception:  # text2num raises on what it cannot read
                got = None
            if got is not None and float(got) == value:
                right += 1
            else:
                wrong.append(words)
        out[name] = {"right": right, "of": len(cases), "wrong": wrong}
    return out


def main(argv: list[str]) -> int:
    from framing.training.figures_eval import load, measure

    folder = Path(next((a for a in argv if not a.startswith("--")), DEFAULT))
    try:
        articles, gold = load(folder)  # read once: measured here, and by the comparisons below
        result = measure(articles, gold)
    except (OSError, ValueError, KeyError) as e:  # a gold set that cannot be read: say what, no traceback
        print(f"figures_eval: {folder}: {type(e).__name__ if isinstance(e, KeyError) else ''}{e}", file=sys.stderr)
        return 2
    result["compared"] = {"quantulum3": quantulum(articles, gold) or "not installed",
                          "number words": number_words(articles, gold)}
    if "--json" in argv:
        print(json.dumps(result, indent=1))
        return 0
    ex, al = result["extraction"], result["alignment"]
    print(f"gold: {folder} ({result['articles']} articles, {result['figures']} figures, {ex['gold']} mentions)")
    print(f"extraction: P {ex['precision']:.3f}  R {ex['recall']:.3f}  F1 {ex['f1']:.3f}  "
          f"(restatements merged {ex['restated_merged']}/{ex['restated']}, over-merged {ex['over_merged']})")
    print(f"alignment (pairs across articles): P {al['precision']:.3f}  R {al['recall']:.3f}  F1 {al['f1']:.3f}")
    print(f"disagreements: {al['flagged']} flagged, {al['flagged_true']} true; "
          f"{al['disagreements_found']} of {al['gold_disagreements']} in the gold found")
    for k in ("missed", "extra"):
        for line in ex[k]:
            print(f"  extraction {k}: {line}")
    for k in ("wrong_pairs", "missed_pairs", "false_flags"):
        for line in al[k]:
            print(f"  alignment {k}: {line}")
    q = result["compared"]["quantulum3"]
    if isinstance(q, dict):
        print(f"quantulum3 extraction: P {q['precision']:.3f}  R {q['recall']:.3f}  F1 {q['f1']:.3f} ({q['seconds']} s)")
    else:
        print(f"quantulum3: {q}")
    for name, r in result["compared"]["number words"].items():
        print(f"numbers in words, {name}: {r['right']}/{r['of']} right" + (f" (wrong: {', '.join(r['wrong'])})" if r["wrong"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
