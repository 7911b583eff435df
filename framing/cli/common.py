"""What the commands share: exit codes, error messages, the arguments and options several take, and
the lexicon and scorer they load (a usage error, exit 2, when either cannot be loaded)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so files are closed as on Ctrl-C. A BaseException
    that is not KeyboardInterrupt: no ``except Exception`` swallows it, and typer (which turns
    KeyboardInterrupt into exit 130) lets it through to main()."""


def _err(message: str) -> None:
    from framing.text.printable import printable  # ids and reasons come from the input: no raw control characters

    typer.echo(printable(message), err=True)


def _usage_error(message: str) -> typer.Exit:
    _err(f"Error: {message}")
    return typer.Exit(EXIT_USAGE)


PathsArg = Annotated[list[str], typer.Argument(
    help="Article files (.txt, .md, .html, .jsonl, .json), directories (read recursively), or - for stdin.",
    show_default=False)]
LexiconOpt = Annotated[Optional[list[Path]], typer.Option(
    "--lexicon", "-l", help="An extra lexicon TSV (term, category, weight, match, note); may be repeated.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", min=1, help="Refuse articles longer than this many characters.")]


def _lexicon(paths):
    from framing.evidence.lexicon import LexiconError, load_lexicon

    try:
        return load_lexicon(tuple(str(p) for p in paths or ()))
    except LexiconError as exc:
        raise _usage_error(str(exc)) from None


FramingModelOpt = Annotated[Optional[Path], typer.Option("--framing-model", help="Model folder for loaded-language probabilities (default: the bundled models/framing).")]
SourcingModelOpt = Annotated[Optional[Path], typer.Option("--sourcing-model", help="Model folder for attribution probabilities and source spans (default: the bundled models/sourcing).")]
TrustOpt = Annotated[bool, typer.Option("--trust-model", help="Load a model that is neither bundled nor trained on this machine. joblib files can run code: only for models from a source you trust.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Score articles that look mostly non-English too (flagged with a warning) instead of marking them unscored.")]


def _check_output(output: Path | None, paths: list[str]) -> None:
    """Refuse an output that cannot be written, or that is an input, before any work is done."""
    from framing.writing import output_problem

    problem = output and output_problem(output, paths)
    if problem:
        raise _usage_error(f"cannot write {output}: {problem}")


def _scorer(framing_model, sourcing_model, lexicon, trust, force=False):
    from framing.api import Scorer
    from framing.models.persist import ModelError

    try:
        scorer = Scorer(framing_model, sourcing_model, lexicon=_lexicon(lexicon), trust=trust, force=force)
    except ModelError as exc:
        raise _usage_error(str(exc)) from None
    from framing.api import tune_gc

    tune_gc()
    return scorer


def _drop_stdout() -> None:
    """Standard output failed: what is still buffered for it cannot be written either, and Python's
    flush at exit would print a traceback. It goes to /dev/null instead."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test runner's stream)
        pass
