"""Write the "Who is cited" rows of a random sample of PTC articles for a person to review, row by row.

    .venv/bin/python scripts/review_ledgers.py --articles 16 --seed 10 --out /tmp/ledgers

PTC (../shared/data/ptc) is news from many outlets, many partisan or fringe, with no sourcing labels:
the sourcing models never learn from it, so a reviewer's verdicts on these rows measure how the
ledger holds up out of PolNeAR's domain. Each row comes with up to two sentences it is credited with
and the article's text. The output stays outside the repository (the articles are PTC's text).
Session 10 reviewed the 16 articles of seed 10 (README, "Measured results").
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=16)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--out", type=Path, default=Path("/tmp/ledgers"))
    args = ap.parse_args()
    from framing.api import Scorer
    from framing.training.datasets import load_ptc
    from framing.types import Article

    arts = load_ptc()
    pick = random.Random(args.seed).sample(range(len(arts)), args.articles)
    records = list(Scorer().score([Article(arts[i].name, arts[i].text) for i in pick]))
    args.out.mkdir(parents=True, exist_ok=True)
    rows = 0
    with open(args.out / "ledgers.txt", "w", encoding="utf-8") as f:
        for i, r in zip(pick, records):
            f.write(f"\n=== ARTICLE {arts[i].name} (sourcing score {r['sourcing_score']}) ===\n")
            for k, s in enumerate(r["sourcing"]["sources"]):
                rows += 1
                f.write(f"ROW {arts[i].name}#{k}: {s['name']} | {s['kind']} | named={s['named']} | "
                        f"claims={s['claims']} | mentions={s['mentions'][:4]}\n")
                for j in s["sentences"][:2]:
                    f.write(f"    sentence {j}: {r['sentences'][j]['text'][:300]}\n")
            f.write(f"--- article text ---\n{arts[i].text}\n")
    print(f"{rows} rows of {len(pick)} articles in {args.out / 'ledgers.txt'}")


if __name__ == "__main__":
    main()
