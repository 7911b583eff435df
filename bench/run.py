"""Benchmark framing: start-up, one-article latency, batch throughput (1 and 2 jobs), the
tokenisation floor, memory while streaming, compare, model sizes and training times.

    .venv/bin/python bench/run.py [--articles 1000] [--stream 10000 100000] [--out reports/benchmark.md]

Prints a Markdown table and writes it to --out. Corpus: PolNeAR dev texts from ../shared (about
800 words each), cycled to the size asked, written to a temporary JSON Lines file and scored with
the real CLI; nothing of the corpus is stored. Numbers depend on the machine, which is named.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAMING = [sys.executable, "-m", "framing"]


def timed(cmd: list[str], runs: int = 3) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def tree_memory(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants (Linux /proc): the sum of their
    proportional set sizes, so pages forked workers share with their parent count once."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except OSError:
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak memory of the whole process tree, sampled every 0.5 s)."""
    peak = [0]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_memory(proc.pid))
            time.sleep(0.5)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return wall, peak[0]


def tokenisation_rate(corpus: Path) -> float:
    """Articles/s of the pass every scorer must make in this design: read the JSON Lines, parse
    each text (sentences, tokens, quotation regions) and write a line of offsets per article."""
    from framing.read.inputs import read_inputs
    from framing.text.document import parse

    parse("Warm up. Punkt loads its parameters on first use.")
    n = 0
    t = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        for rec in read_inputs([corpus]):
            doc = parse(rec.text)
            out.write(json.dumps({"id": rec.id, "sentences": [[s.start, s.end] for s in doc.sentences],
                                  "tokens": len(doc.tokens), "quotes": len(doc.quotes)}) + "\n")
            n += 1
    return n / (time.perf_counter() - t)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def polnear_texts(split: str) -> list[str]:
    from framing.training.datasets import load_polnear

    return [a.text for a in load_polnear(split)]


def write_corpus(path: Path, texts: list[str], n: int) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="corpus size for the throughput rows")
    ap.add_argument("--stream", type=int, nargs="*", default=[],
                    help="also stream corpora of these sizes (e.g. 10000 100000) and report peak memory")
    ap.add_argument("--stream-jobs", type=int, nargs="*", default=[1, 2], help="jobs for the --stream runs")
    ap.add_argument("--out", default=str(ROOT / "reports" / "benchmark.md"))
    args = ap.parse_args()

    rows: list[tuple[str, str]] = []

    def row(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name}: {value}", file=sys.stderr, flush=True)

    row("`framing --help` (cold start)", f"{timed(FRAMING + ['--help']):.2f} s")
    example = ROOT / "data" / "examples" / "northgate-herald.md"
    one = timed(FRAMING + ["score", str(example), "--format", "jsonl"], runs=5)
    row("`framing score ONE_ARTICLE` (start, load models, score, exit)", f"{one:.2f} s")

    texts = polnear_texts("dev")
    n = args.articles
    words = sum(len(texts[i % len(texts)].split()) for i in range(n)) / n
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, texts, n)

        floor = tokenisation_rate(corpus)
        row(f"tokenisation only: read, split into sentences, tokens and quotes, write offsets "
            f"({n:,} articles of {words:.0f} words, after start-up)", f"{floor:,.0f} articles/s")

        rates = {}
        for jobs in (1, 2):
            cmd = FRAMING + ["score", str(corpus), "--format", "jsonl", "-q", "--jobs", str(jobs)]
            wall = timed(cmd, runs=3)  # timed alone: sampling memory takes CPU the workers need
            _, peak = run_measured(cmd)
            rates[jobs] = (n - 1) / (wall - one)  # start-up and model loading timed above
            row(f"`framing score` {n:,} articles, {jobs} job{'s' if jobs > 1 else ''}: rate after start-up "
                f"(end to end; median of 3 runs)", f"{rates[jobs]:,.1f} articles/s ({n / wall:,.1f} articles/s, {wall:.1f} s)")
            row(f"peak memory, {jobs} job{'s' if jobs > 1 else ''} (PSS of all processes)", f"{peak / 1e6:,.0f} MB")
        # the corpus above cycles 84 texts, so the caches for words unseen in training are warm after
        # one pass; 840 different articles, each scored once, show the rate on new text
        fresh = polnear_texts("train")
        distinct = Path(tmp) / "distinct.jsonl"
        write_corpus(distinct, fresh, len(fresh))
        wall = timed(FRAMING + ["score", str(distinct), "--format", "jsonl", "-q"], runs=3)
        row(f"`framing score` {len(fresh):,} different articles (PolNeAR train, each once), 1 job: rate after start-up",
            f"{(len(fresh) - 1) / (wall - one):,.1f} articles/s")
        row("speed-up with 2 jobs", f"{rates[2] / rates[1]:.2f}×")
        row("scoring rate / tokenisation rate (1 job)", f"{rates[1] / floor:.0%}")

        for size in args.stream:
            big = Path(tmp) / f"stream-{size}.jsonl"
            write_corpus(big, texts, size)
            for jobs in args.stream_jobs:
                wall, peak = run_measured(FRAMING + ["score", str(big), "--format", "jsonl", "-q", "--jobs", str(jobs)])
                row(f"streaming {size:,} articles, {jobs} job{'s' if jobs > 1 else ''}, JSON Lines to /dev/null: "
                    f"peak memory (PSS of all processes)", f"{peak / 1e6:,.0f} MB ({size / wall:,.0f} articles/s end to end)")
            big.unlink()

        # `framing compare` on 10 articles of about 1,000 words each (dev texts joined to length)
        cmp_dir = Path(tmp) / "compare"
        cmp_dir.mkdir()
        k = 0
        for i in range(10):
            text = ""
            while len(text.split()) < 1000:
                text += texts[k % len(texts)] + "\n\n"
                k += 1
            (cmp_dir / f"c{i}.txt").write_text(f"---\noutlet: Outlet {i}\n---\n{text}", encoding="utf-8")
        row("`framing compare` 10 articles × ~1,000 words (CLI, models loaded)",
            f"{timed(FRAMING + ['compare', str(cmp_dir), '-o', str(Path(tmp) / 'r.md')], runs=1):.2f} s")

    for task in ("framing", "sourcing"):
        meta = json.loads((ROOT / "models" / task / "meta.json").read_text())
        size = (ROOT / "models" / task / "model.joblib").stat().st_size / 1e6
        row(f"{task} model: file size / training time (from meta.json)", f"{size:.1f} MB / {meta.get('train_seconds')} s")

    cmd = "python bench/run.py --articles {}{}".format(
        n, f" --stream {' '.join(map(str, args.stream))} --stream-jobs {' '.join(map(str, args.stream_jobs))}"
        if args.stream else "")
    head = (f"# framing benchmark\n\nMachine: {os.cpu_count()} cores, {cpu_name()}, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d')}. Command: `{cmd}`.\n\n"
            "Rates after start-up divide the articles by the run's wall time minus the one-article time "
            "(interpreter start, imports, model loading, exit), which is reported on its own.\n\n")
    table = "| measure | result |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows) + "\n"
    print(head + table)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(head + table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
