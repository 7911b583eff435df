"""Measure the language check (framing/language.py) on English text it must pass and on foreign
paragraphs it must flag.

    .venv/bin/python bench/language_check.py

English: BABE sentences and Wikipedia NPOV statements as one-sentence articles, PolNeAR train and
dev articles, the seed articles (all read from ../shared at run time), and the bundled examples.
Foreign: the invented paragraphs in tests/robustness/foreign.py (FOREIGN, used while setting the
thresholds, and FOREIGN_HELD_OUT, other topics and languages). Prints the false-positive rate on
each English set (with the flagged texts' first words) and the detection rate on the foreign set.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.training.datasets import load_babe, load_polnear, load_wikinpov, shared_data_dir  # noqa: E402
from framing.read.language import MIN_WORDS, check_language  # noqa: E402
from tests.robustness.foreign import ENGLISH, ENGLISH_MIXED, FOREIGN, FOREIGN_HELD_OUT  # noqa: E402


def english_sets() -> dict[str, list[str]]:
    seeds = sorted((shared_data_dir().parent / "seeds").glob("*.txt"))
    return {
        "BABE sentences": [s.text for s in load_babe(dedupe_threshold=1.01)],
        "WikiNPOV statements": [s.text for s in load_wikinpov()],
        "PolNeAR train+dev articles": [a.text for split in ("train", "dev") for a in load_polnear(split)],
        "seed articles": [p.read_text("utf-8") for p in seeds],
        "bundled examples": [p.read_text("utf-8") for p in sorted((ROOT / "data" / "examples").glob("*.md"))],
        "hand-written English edge cases": ENGLISH,
        "English with a foreign quotation": ENGLISH_MIXED,
    }


def main() -> None:
    t0 = time.perf_counter()
    n_checked = 0
    print("| set | texts | with ≥ %d words | flagged | false-positive rate |" % MIN_WORDS)
    print("|---|---:|---:|---:|---:|")
    flagged_examples = []
    for name, texts in english_sets().items():
        long_enough = [t for t in texts if len(t.split()) >= MIN_WORDS]
        flagged = [t for t in texts if check_language(t)]
        n_checked += len(texts)
        flagged_examples += [(name, t, check_language(t)["reason"]) for t in flagged[:5]]
        print(f"| {name} | {len(texts):,} | {len(long_enough):,} | {len(flagged)} | {len(flagged) / len(texts):.4%} |")
    hits = {}
    for name, paragraphs in (("foreign paragraphs", FOREIGN), ("foreign paragraphs, held out", FOREIGN_HELD_OUT)):
        found = {f"{name}: {code}": check_language(t) for code, t in paragraphs.items()}
        caught = [c for c, h in found.items() if h]
        print(f"| {name} ({', '.join(paragraphs)}) | {len(paragraphs)} | | {len(caught)} | "
              f"detection {len(caught) / len(paragraphs):.0%} |")
        n_checked += len(paragraphs)
        hits.update(found)
    print(f"\n{n_checked:,} texts checked in {time.perf_counter() - t0:.1f} s (including loading the data)")
    for name, t, reason in flagged_examples:
        print(f"- flagged in {name}: {t[:80]!r}: {reason}")
    for code, h in hits.items():
        print(f"- {code}: {h['reason'] if h else 'NOT FLAGGED'}")


if __name__ == "__main__":
    main()
