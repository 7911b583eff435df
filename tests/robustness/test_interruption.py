"""Issue 6, item 4: nothing lost on interruption. `framing score -o out.jsonl` writes whole lines;
killed mid-run it leaves finished records only, and --resume completes the rest. Reports and
model files are written atomically."""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from framing.writing import write_atomic
from framing.cli.output import ScoreWriter

from ..conftest import EXAMPLES

N_RECORDS = 120


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A JSON Lines file of N_RECORDS articles (the bundled examples, cycled): about 2 s to score."""
    texts = [p.read_text("utf-8").split("---\n", 2)[2] for p in sorted(EXAMPLES.glob("*.md"))]
    path = tmp_path_factory.mktemp("many") / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i:03d}", "text": texts[i % 3]}) + "\n" for i in range(N_RECORDS)))
    return path


def _framing(*args, **kw):
    # SIGINT restored to its default: a child of a background job starts with it ignored
    return subprocess.Popen([sys.executable, "-m", "framing", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kw)


def _lines_when(path, n, proc, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.01)
    pytest.fail(f"{path} never had {n} lines (exit {proc.poll()})")


def _check_whole_lines(path) -> list[str]:
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), "the last line is cut"
    ids = []
    for line in data.decode("utf-8").splitlines():
        rec = json.loads(line)  # every line is a complete record
        assert 0 <= rec["framing_score"] <= 100 and rec["sentences"]
        ids.append(rec["id"])
    return ids


@pytest.mark.parametrize("sig, code, message", [(signal.SIGTERM, 143, "Terminated."), (signal.SIGINT, 130, "Interrupted.")])
def test_killed_mid_run_leaves_whole_lines_and_resume_finishes(tmp_path, many, sig, code, message):
    out = tmp_path / "out.jsonl"
    proc = _framing("score", str(many), "--format", "jsonl", "-o", str(out))
    _lines_when(out, 3, proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err and message in err
    before = out.read_bytes()
    done = _check_whole_lines(out)
    assert f"Stopped after {len(done)} articles: {out} holds their records, whole (--resume" in err
    expected = [f"a{i:03d}" for i in range(N_RECORDS)]
    assert 3 <= len(done) < N_RECORDS and done == expected[:len(done)]

    proc = _framing("score", str(many), "--format", "jsonl", "-o", str(out), "--resume")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert _check_whole_lines(out) == expected  # nothing twice, nothing missing, input order
    assert out.read_bytes().startswith(before)  # the finished records were kept as they were


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="finds the workers through Linux /proc")
def test_sigterm_with_worker_processes_stops_them_all_and_resume_finishes(tmp_path, many):
    out = tmp_path / "out-jobs.jsonl"
    proc = _framing("score", str(many), "--format", "jsonl", "-o", str(out), "--jobs", "2")
    children = f"/proc/{proc.pid}/task/{proc.pid}/children"
    end = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < end and not open(children).read().split():
        time.sleep(0.01)  # until the workers are forked (models loaded)
    time.sleep(0.3)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)  # a worker that ignored its pool's SIGTERM would hang this
    assert proc.returncode == 143 and "Traceback" not in err, err
    expected = [f"a{i:03d}" for i in range(N_RECORDS)]
    done = _check_whole_lines(out)
    assert done == expected[:len(done)]
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True).stdout.split()
    assert left == [], f"worker processes left running: {left}"
    proc = _framing("score", str(many), "--format", "jsonl", "-o", str(out), "--resume", "--jobs", "2")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert _check_whole_lines(out) == expected


def test_a_write_cut_short_is_cut_back_to_the_last_whole_line(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    old = '{"id": "old", "outlet": null, "schema_version": "1", "error": "empty article"}\n'
    out.write_text(old)
    real_write = os.write
    calls = []

    def short_write(fd, data):  # the OS takes 10 bytes, then the user presses Ctrl-C
        calls.append(len(data))
        if len(calls) == 2:
            real_write(fd, bytes(data[:10]))
            raise KeyboardInterrupt
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", short_write)
    with pytest.raises(KeyboardInterrupt):
        with ScoreWriter("jsonl", out, resume=True) as w:
            w.write({"id": "new1"})
            w.write({"id": "new2"})
    assert out.read_text() == old + '{"id": "new1"}\n'


def test_a_short_write_is_completed(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    with ScoreWriter("jsonl", out) as w:
        w.write({"id": "a", "text": "x" * 100})
    assert json.loads(out.read_text())["id"] == "a"


def test_csv_of_an_interrupted_run_holds_the_finished_rows_written_atomically(tmp_path):
    out = tmp_path / "out.csv"
    with pytest.raises(KeyboardInterrupt):
        with ScoreWriter("csv", out) as w:
            w.write({"id": "a", "outlet": None, "schema_version": "1", "error": "x"})
            raise KeyboardInterrupt
    assert out.read_text().splitlines()[1].startswith("a,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_concurrent_atomic_writes_never_show_a_partial_file(tmp_path):
    """Readers of a file that several writers replace see one whole version at any moment."""
    target = tmp_path / "report.md"
    versions = [f"version {k}\n" + f"line {k}\n" * 20_000 for k in range(4)]
    write_atomic(target, versions[0])
    stop = threading.Event()
    reads, bad = [], []

    def reader():
        while not stop.is_set():
            text = target.read_text()
            reads.append(1)
            if text not in versions:
                bad.append(len(text))

    def writer(k):
        for _ in range(15):
            write_atomic(target, versions[k])

    threads = [threading.Thread(target=reader)] + [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads[1:]:
        t.join()
    stop.set()
    threads[0].join()
    assert reads and bad == [] and target.read_text() in versions
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left behind


def test_two_compare_runs_writing_the_same_report(tmp_path):
    report = tmp_path / "r.md"
    procs = [_framing("compare", str(EXAMPLES), "-o", str(report), "--timestamp", "T", "--title", title)
             for title in ("First run", "Second run")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    text = report.read_text()
    assert text.startswith(("# First run\n", "# Second run\n")) and text.rstrip().endswith("compare articles of similar length and type.")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_an_interrupted_model_save_keeps_the_old_model(tmp_path, monkeypatch):
    import joblib

    from framing.training.datasets import LabelledSentence
    from framing.models.persist import load_model, save_model
    from framing.training.fitting import fit

    from ..conftest import TINY

    est = fit("framing", [LabelledSentence(t, y) for t, y in TINY])
    save_model(est, tmp_path / "m", {"name": "m", "task": "framing"})
    before = {p.name: p.read_bytes() for p in (tmp_path / "m").iterdir()}

    def dump_then_die(obj, target, **kw):  # a path or a file object, whichever save_model gives it
        if hasattr(target, "write"):
            target.write(b"half a model")
        else:
            with open(target, "wb") as f:
                f.write(b"half a model")
        raise KeyboardInterrupt

    monkeypatch.setattr(joblib, "dump", dump_then_die)
    with pytest.raises(KeyboardInterrupt):
        save_model(est, tmp_path / "m", {"name": "m2", "task": "framing"})
    assert {p.name: p.read_bytes() for p in (tmp_path / "m").iterdir()} == before
    assert load_model(tmp_path / "m").meta["name"] == "m"


@pytest.mark.skipif(not hasattr(os, "register_at_fork"), reason="POSIX fork hooks")
def test_a_sigterm_that_reaches_a_worker_as_it_is_forked_still_kills_it():
    """The race behind a hang: the pool sends SIGTERM to a worker it has just forked, before the worker
    has reset the handler it inherited. Here an earlier fork hook sends it at exactly that moment."""
    code = """if True:
        import os, signal
        os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGTERM))
        from framing.cli.app import install_signal_handlers
        install_signal_handlers()
        pid = os.fork()
        if pid == 0:
            os._exit(0)  # reached only if the SIGTERM was lost
        _, status = os.waitpid(pid, 0)
        print(os.WTERMSIG(status) if os.WIFSIGNALED(status) else "exited")
    """
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == str(int(signal.SIGTERM)), r.stdout + r.stderr
