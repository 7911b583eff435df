"""framing in a subprocess, for tests where the shell matters (FIFOs, devices, standard input, locks,
signals), with its address space capped: an input read without bound fails fast instead of
exhausting the machine's memory."""
import os
import resource
import signal
import subprocess
import sys

MEMORY_CAP = 3 << 30  # a run with the models loaded needs well under 1 GB


def _limits(extra=None):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # a child of a background job starts with it ignored
        if extra:
            extra()
    return apply


def framing_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "framing", *map(str, args)]


def popen(*args, preexec=None, **kw) -> subprocess.Popen:
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(framing_cmd(*args), text=True, preexec_fn=_limits(preexec), **kw)


def run(*args, timeout=120, preexec=None, **kw) -> subprocess.CompletedProcess:
    kw.setdefault("capture_output", True)
    return subprocess.run(framing_cmd(*args), text=True, timeout=timeout, preexec_fn=_limits(preexec), **kw)


def run_shell(script: str, timeout=120, **kw) -> subprocess.CompletedProcess:
    """A bash script; ``framing`` in it is this checkout's."""
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=timeout, env=env,
                          preexec_fn=_limits(), **kw)
