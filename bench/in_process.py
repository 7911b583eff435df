"""Milliseconds an article in one warm process: the number to compare two commits by, back to back
(bench/run.py measures the CLI end to end, where one run's rate moves about ±10% on a shared machine).

    .venv/bin/python bench/in_process.py [--rounds 3] [--split dev]

Scores the PolNeAR texts of --split (from ../shared) --rounds times with `framing.api.Scorer`, after one
warm-up pass, and prints ms an article. For an A/B, check out the other commit in a worktree and run
this file with PYTHONPATH set to that worktree.
"""
from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="passes over the texts after the warm-up (default 3)")
    ap.add_argument("--split", default="dev", help="PolNeAR split to read (default dev: 84 texts)")
    args = ap.parse_args()

    from framing.api import Scorer
    from framing.training.datasets import load_polnear
    from framing.types import Article

    texts = [a.text for a in load_polnear(args.split)]
    scorer = Scorer()
    list(scorer.score([Article(f"w{i}", t) for i, t in enumerate(texts)]))  # warm-up: loads, fills caches
    articles = [Article(f"a{k}-{i}", t) for k in range(args.rounds) for i, t in enumerate(texts)]
    start = time.perf_counter()
    for record in scorer.score(articles):
        json.dumps(record)
    seconds = time.perf_counter() - start
    print(f"{len(articles)} articles in {seconds:.2f} s: {seconds / len(articles) * 1000:.2f} ms an article "
          f"({len(articles) / seconds:.1f} articles/s)")


if __name__ == "__main__":
    main()
