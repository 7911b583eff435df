"""Benchmark framing: start-up, one-article CLI latency, batch throughput, model sizes, memory.

    .venv/bin/python bench/run.py [--articles N] [--out reports/benchmark.md]

Prints a Markdown table and writes it to --out. Corpus: PolNeAR dev texts from ../shared
(cycled to N articles, about 700 words each), read at run time and never stored.
Numbers depend on the machine; the machine is named in the output.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAMING = [sys.executable, "-m", "framing"]


def timed(cmd: list[str], runs: int = 3, stdin: bytes | None = None) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def corpus(n: int):
    from framing.datasets import load_polnear
    from framing.types import Article

    texts = [a.text for a in load_polnear("dev")]
    return [Article(f"a{i}", texts[i % len(texts)]) for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--out", default=str(ROOT / "reports" / "benchmark.md"))
    args = ap.parse_args()

    rows = []
    rows.append(("`framing --help` (cold start)", f"{timed(FRAMING + ['--help']):.2f} s"))
    example = ROOT / "data" / "examples" / "northgate-herald.md"
    rows.append(("`framing score ONE_ARTICLE` (start, load models, score)",
                 f"{timed(FRAMING + ['score', str(example), '--format', 'jsonl']):.2f} s"))

    from framing.api import Scorer
    from framing.text import parse

    t = time.perf_counter()
    scorer = Scorer()
    rows.append(("load both models in-process", f"{time.perf_counter() - t:.2f} s"))
    arts = corpus(args.articles)
    words = sum(len(a.text.split()) for a in arts)
    t = time.perf_counter()
    for a in arts:
        parse(a.text)
    tok = time.perf_counter() - t
    t = time.perf_counter()
    for _ in scorer.score(arts):
        pass
    sc = time.perf_counter() - t
    rows.append((f"tokenisation only ({len(arts)} articles, {words / len(arts):.0f} words each)",
                 f"{len(arts) / tok:,.0f} articles/s"))
    rows.append(("scoring, 1 process", f"{len(arts) / sc:,.1f} articles/s"))
    # `framing compare` on 10 articles of about 1,000 words each (dev texts joined to length)
    import tempfile

    from framing.datasets import load_polnear

    dev = [a.text for a in load_polnear("dev")]
    with tempfile.TemporaryDirectory() as tmp:
        k = 0
        for i in range(10):
            text = ""
            while len(text.split()) < 1000:
                text += dev[k % len(dev)] + "\n\n"
                k += 1
            Path(tmp, f"a{i}.txt").write_text(f"---\noutlet: Outlet {i}\n---\n{text}", encoding="utf-8")
        rows.append(("`framing compare` 10 articles × ~1,000 words (CLI, models loaded)",
                     f"{timed(FRAMING + ['compare', tmp, '-o', str(Path(tmp) / 'r.md')], runs=1):.2f} s"))
    for task in ("framing", "sourcing"):
        size = (ROOT / "models" / task / "model.joblib").stat().st_size / 1e6
        import json

        meta = json.loads((ROOT / "models" / task / "meta.json").read_text())
        rows.append((f"{task} model size / training time", f"{size:.1f} MB / {meta.get('train_seconds')} s"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak resident memory of this process", f"{peak:.0f} MB"))

    head = (f"# framing benchmark\n\nMachine: {os.cpu_count()} cores, {cpu_name()}, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d')}. Command: `python bench/run.py --articles {args.articles}`.\n\n")
    table = "| measure | result |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows) + "\n"
    print(head + table)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(head + table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
