"""The ``framing`` command line: the typer app, its commands registered in --help's order, and ``main``.
Heavy modules (NLTK, scikit-learn, trafilatura) are imported inside the commands so that --help stays fast."""
from __future__ import annotations

import errno
import os
import sys
from typing import Annotated, Optional

import typer

from framing import __version__
from framing.cli.analyze import analyze
from framing.cli.common import (EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USAGE, Terminated, _drop_stdout,
                                _err)
from framing.cli.compare import compare
from framing.cli.score import score
from framing.cli.train import evaluate, train

app = typer.Typer(
    name="framing",
    help="Show, with evidence, how news outlets frame the same story and how well they source it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool):
    if value:
        typer.echo(f"framing {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
):
    """Show, with evidence, how news outlets frame the same story and how well they source it."""


# the commands, in the order --help lists them; each epilog gives its examples
app.command(epilog="Example:  framing analyze data/examples/  |  framing analyze story.html --format json > story.jsonl  |  framing analyze story.txt --format html > story.html")(analyze)
app.command(epilog="Examples:  framing score data/examples/  |  framing score articles.jsonl --format jsonl -o scores.jsonl --jobs 2  |  cat story.txt | framing score - --format csv  |  framing score corpus.jsonl -f jsonl -o out.jsonl --backend dask --scheduler tcp://10.0.0.5:8786")(score)
app.command(epilog="Examples:  framing compare data/examples/ -o reports/example.md  |  framing compare data/examples/ -o reports/example.html  |  framing compare a.html b.html c.txt --title 'Dam breach' --chart -o reports/dam.md")(compare)
app.command(epilog="Examples:  framing train --task framing --out models/framing  |  framing train --task sourcing --data my_labels.csv --out models/my-sourcing --no-eval")(train)
app.command(epilog="Examples:  framing evaluate --task framing  |  framing evaluate --task sourcing --model models/my-sourcing --data held_out.csv")(evaluate)


TERMINATE_GRACE = 20.0  # seconds the program may take to stop, closing its files, after SIGTERM


def _terminate(signum, frame):
    # joblib's worker pool can deadlock while it stops: its task thread blocked sending a batch bigger
    # than the pipe to workers the pool has just terminated (seen about once in 25 runs of --jobs 2).
    # Whatever happens, the process ends TERMINATE_GRACE seconds after SIGTERM.
    import threading

    timer = threading.Timer(TERMINATE_GRACE, _force_exit)
    timer.daemon = True
    timer.start()
    raise Terminated()


def _force_exit() -> None:
    _err(f"Terminated: the worker pool did not stop within {TERMINATE_GRACE:.0f} s; its output may be incomplete.")
    os._exit(EXIT_TERMINATED)


def install_signal_handlers() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    # Forked workers (--jobs) are stopped by their pool with SIGTERM: they must simply die. SIGTERM is
    # blocked across the fork: one arriving before the child resets its handler would otherwise be
    # swallowed (Python drops a pending signal whose handler became SIG_DFL) and the pool would wait
    # for that worker forever. It stays pending, and is delivered once unblocked.
    term = {signal.SIGTERM}
    os.register_at_fork(before=lambda: signal.pthread_sigmask(signal.SIG_BLOCK, term),
                        after_in_parent=lambda: signal.pthread_sigmask(signal.SIG_UNBLOCK, term),
                        after_in_child=lambda: (signal.signal(signal.SIGTERM, signal.SIG_DFL),
                                                signal.pthread_sigmask(signal.SIG_UNBLOCK, term)))


# errors writing the output that are the machine's, not framing's: a full disk or quota, a closed pipe
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE, errno.EIO}


def main() -> None:  # console-script entry point
    install_signal_handlers()
    try:
        app()
    except KeyboardInterrupt:  # typer exits 130 itself on Ctrl-C inside a command; this is outside one
        _err("Interrupted.")
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        _err("Terminated.")
        sys.exit(EXIT_TERMINATED)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise _internal_error(exc)
        # the machine's problem, not a bug: standard output on a full disk or a closed pipe, say
        _drop_stdout()
        _err(f"Error: cannot write the output: {exc.strerror or exc}")
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a bug, not bad input: say so plainly (FRAMING_DEBUG=1 shows the traceback)
        raise _internal_error(exc)


def _internal_error(exc: Exception) -> SystemExit:
    if os.environ.get("FRAMING_DEBUG"):
        raise exc
    _err(f"framing: internal error: {type(exc).__name__}: {exc}\n"
         f"Run again with FRAMING_DEBUG=1 for the traceback, and please report it.")
    return SystemExit(EXIT_INTERNAL)
