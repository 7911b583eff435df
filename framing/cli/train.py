"""``framing train`` and ``framing evaluate``: a sentence model trained and saved with its metrics, or
measured on held-out data, with progress messages on standard error."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from framing.cli.common import TrustOpt, _err, _usage_error


class Task(str, Enum):
    framing = "framing"
    sourcing = "sourcing"


DataOpt = Annotated[Optional[list[Path]], typer.Option("--data", "-d", help="Your own labelled CSV/JSONL with 'text' and 'label' (0/1) columns; may be repeated. Default: the bundled recipe on ../shared/data.")]


def _progress(quiet: bool):
    import time as _time

    start = _time.perf_counter()

    def report(message: str) -> None:
        if not quiet:
            _err(f"[{_time.perf_counter() - start:6.1f}s] {message}")
    return report


def train(
    task: Annotated[Task, typer.Option("--task", help="framing: loaded-language sentence model; sourcing: attribution sentence model.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model folder to write (model.joblib, meta.json, MODEL_CARD.md).")],
    data: DataOpt = None,
    evaluate_first: Annotated[bool, typer.Option("--eval/--no-eval", help="Measure held-out metrics first and store them in meta.json and the model card.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
):
    """Train a sentence model and save it with its metrics and model card."""
    from framing.training.datasets import DataError
    from framing.models.persist import ModelError
    from framing.training.recipes import train as run

    try:  # the data and --out are checked before any training
        meta = run(task.value, out, data=[str(d) for d in data or []], progress=_progress(quiet),
                   evaluate_after=evaluate_first,
                   metrics_report=Path("reports") / f"metrics-{task.value}.md" if evaluate_first and not data else None)
    except (DataError, ModelError) as exc:
        raise _usage_error(str(exc)) from None
    except OSError as exc:
        raise _usage_error(f"cannot save the model to {out}: {exc.strerror or exc}") from None
    typer.echo(f"saved {out} ({meta['size_bytes'] / 1e6:.1f} MB, trained in {meta['train_seconds']} s)")
    for name, m in meta["metrics"].items():
        typer.echo(f"  {name}: " + ", ".join(f"{k}={m[k]}" for k in ("macro_f1", "f1", "roc_auc", "spearman", "overlap_f1") if k in m))
    if not meta["metrics"]:
        typer.echo(f"  {meta['metrics_note']}")


def evaluate(
    task: Annotated[Task, typer.Option("--task", help="framing or sourcing.")],
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Evaluate this saved model on --data (or the task's held-out set) instead of refitting the bundled recipe.")] = None,
    data: DataOpt = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Markdown file to write (default: reports/metrics-TASK.md for the bundled recipe; with --model or --data, standard output only).")] = None,
    trust_model: TrustOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")] = False,
):
    """Measure honest held-out metrics (cross-validation, held-out topics and splits, out-of-domain data)."""
    import time as _time

    from framing.training.datasets import DataError
    from framing.writing import write_atomic
    from framing.models.persist import ModelError
    from framing.training.recipes import evaluate as run
    from framing.training.report import metrics_markdown

    try:  # a given model is checked (hash, trust) before any other work
        result = run(task.value, data=[str(d) for d in data or []], model_dir=model, progress=_progress(quiet),
                     trust=trust_model)
    except (DataError, ModelError) as exc:
        raise _usage_error(str(exc)) from None
    text = metrics_markdown(result, _time.strftime("%Y-%m-%d %H:%M UTC", _time.gmtime()))
    # the recipe's report lives in reports/; a user's evaluation goes only where -o says
    path = output or (None if model or data else Path("reports") / f"metrics-{task.value}.md")
    if path is not None:
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise _usage_error(f"cannot write {path}: {exc.strerror or exc}") from None
    typer.echo(text)
    if path is not None:
        _err(f"wrote {path}")
