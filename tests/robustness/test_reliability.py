"""Issue 13, items 2-11: promises an adversarial pass broke. Bad input is that record's error and
never stops a batch; endless inputs are cut at the size limit; the output is never destroyed, torn
or shared between two runs; --resume takes only framing's records; a model folder is replaced whole.
(Item 1 is in test_model_trust.py, items 12 and 13 in tests/test_training.py.)"""
import fcntl
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import threading
import time
import tracemalloc

import pytest
from typer.testing import CliRunner

from framing.cli.app import app
from framing.read.inputs import read_path
from framing.cli.output import NotOurOutput, OutputBusy, ScoreWriter
from framing.types import Article, ReadError

from ..conftest import EXAMPLES
from . import proc

runner = CliRunner()
GOOD = "Officials said the dam held on Monday, according to the regional water authority."
BIG_INT = '{"id": "big", "text": "The dam held.", "views": ' + "9" * 5001 + "}"


def good(i) -> str:
    return json.dumps({"id": f"g{i}", "text": GOOD})


def jsonl(path, *lines, end="\n"):
    path.write_text("".join(line + end for line in lines), encoding="utf-8")
    return path


def kinds(records) -> list[str]:
    return ["error" if "error" in r else "scored" for r in records]


# --- item 2: one huge integer is that record's error -------------------------------------------

def test_a_5001_digit_number_is_its_records_error_in_every_command(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", good(1), BIG_INT, good(2))
    as_json = jsonl(tmp_path / "in.json", good(1), BIG_INT, good(2))  # JSON Lines under a .json name
    for path in (src, as_json):
        r = runner.invoke(app, ["score", str(path), "-f", "jsonl", "-q"])
        recs = [json.loads(x) for x in r.stdout.splitlines()]
        assert r.exit_code == 1 and kinds(recs) == ["scored", "error", "scored"], r.output
        assert recs[1]["error"] == "malformed JSON on line 2: a number with more than 4,300 digits"
    r = runner.invoke(app, ["score", "-", "-f", "jsonl", "-q"], input=src.read_bytes())
    assert r.exit_code == 1 and kinds(map(json.loads, r.stdout.splitlines())) == ["scored", "error", "scored"]
    r = runner.invoke(app, ["analyze", str(src), "-f", "json"])
    assert r.exit_code == 1 and len(r.stdout.splitlines()) == 3 and "4,300 digits" in r.stderr
    jsonl(tmp_path / "other.jsonl", json.dumps({"id": "o", "text": GOOD.replace("Monday", "Sunday")}))
    r = runner.invoke(app, ["compare", str(src), str(tmp_path / "other.jsonl"), "--timestamp", "T"])
    assert r.exit_code == 1 and "4,300 digits (left out of the comparison)" in r.stderr


def test_resume_on_an_output_with_a_huge_number_is_refused_not_a_crash(tmp_path):
    out = jsonl(tmp_path / "out.jsonl", BIG_INT)
    r = runner.invoke(app, ["score", str(EXAMPLES), "-f", "jsonl", "-o", str(out), "--resume"])
    assert r.exit_code == 2 and "line 1 of" in r.stderr and "is not a framing record" in r.stderr


# --- item 3: a JSON Lines file is judged line by line -------------------------------------------

def test_a_nul_byte_on_line_1_spoils_line_1_only(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "n", "text": "a\x00b"}\n' + "".join(good(i) + "\n" for i in range(99)).encode())
    recs = list(read_path(path))
    assert len(recs) == 100 and isinstance(recs[0], ReadError) and all(isinstance(r, Article) for r in recs[1:])
    assert recs[0].error.startswith("malformed JSON on line 1: Invalid control character at column")


@pytest.mark.parametrize("separator", ["\r", "\u2028", "\u2029", "\x85"])
def test_jsonl_with_other_line_separators_is_read_line_by_line(tmp_path, separator):
    lines = [good(1), "{broken", json.dumps({"id": "s", "text": f"One line{separator}and another."},
                                           ensure_ascii=False), good(2)]
    (tmp_path / "in.jsonl").write_bytes(separator.join(lines).encode() + separator.encode())
    recs = list(read_path(tmp_path / "in.jsonl"))
    assert [r.id.rsplit("/", 1)[-1] for r in recs] == ["g1", "in.jsonl:2", "s", "g2"]
    assert recs[1].error.startswith("malformed JSON on line 2")
    if separator != "\r":  # JSON allows U+2028 and the like raw in a string: that one stays in the text
        assert recs[2].text == f"One line{separator}and another."


def test_a_utf16_jsonl_file_is_still_read_line_by_line(tmp_path):
    data = (good(1) + "\n{broken\n" + good(2) + "\n").encode("utf-16")
    (tmp_path / "in.jsonl").write_bytes(data)
    assert [type(r).__name__ for r in read_path(tmp_path / "in.jsonl")] == ["Article", "ReadError", "Article"]


# --- item 4: endless inputs stop at the size limit, for that input only ---------------------------

@pytest.mark.parametrize("script", [
    "framing score /dev/zero good.jsonl -f jsonl -q --max-chars 100000",
    "ln -s /dev/zero zero && framing score zero good.jsonl -f jsonl -q --max-chars 100000",
    "ln -s /dev/zero zero.jsonl && framing score zero.jsonl good.jsonl -f jsonl -q --max-chars 100000",
    "yes | framing score - good.jsonl -f jsonl -q --max-chars 100000",
    "framing score <(yes 'endless text') good.jsonl -f jsonl -q --max-chars 100000",
])
def test_endless_inputs_are_cut_at_the_limit_and_the_others_scored(tmp_path, script):
    jsonl(tmp_path / "good.jsonl", good(1), good(2))
    t0 = time.monotonic()
    r = proc.run_shell(script, cwd=tmp_path, timeout=120)
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert kinds(recs) == ["error", "scored", "scored"]
    assert recs[0]["error"].startswith(("article too long: more than 400,000 bytes", "line 1 is longer than")), recs[0]
    assert time.monotonic() - t0 < 60


# --- item 5: unreadable paths on the command line are error records -----------------------------

def test_a_file_name_too_long_is_an_error_record(tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD)
    r = runner.invoke(app, ["score", str(tmp_path / ("a" * 300 + ".txt")), str(tmp_path / "ok.txt"), "-f", "jsonl"])
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.exit_code == 1 and kinds(recs) == ["error", "scored"], r.output
    assert recs[0]["error"] == "cannot read file: File name too long"


def _without_root_powers():
    """Root may search any folder: drop the capabilities that let it (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH, from the bounding set, so the program run lacks them)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_path_in_a_folder_without_search_permission_is_an_error_record(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD)
    (tmp_path / "ok.txt").write_text(GOOD)
    os.chmod(locked, 0o600)  # readable, not searchable: a.txt cannot be reached
    try:
        r = proc.run("score", locked / "a.txt", locked, tmp_path / "ok.txt", "-f", "jsonl",
                     preexec=_without_root_powers if os.geteuid() == 0 else None)
    finally:
        os.chmod(locked, 0o700)
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert kinds(recs) == ["error", "error", "scored"]
    assert recs[0]["error"] == "cannot read file: Permission denied"


# --- item 6: -o that is standard input --------------------------------------------------------

def test_output_that_is_standard_input_is_refused_before_it_is_destroyed(tmp_path):
    src = jsonl(tmp_path / "c.jsonl", good(1), good(2))
    before = src.read_bytes()
    with open(src, "rb") as stdin:
        r = proc.run("score", "-", "-f", "jsonl", "-o", src, stdin=stdin)
    assert r.returncode == 2 and "it is also standard input" in r.stderr, r.stderr
    assert src.read_bytes() == before
    with open(src, "rb") as stdin:  # another file is fine
        r = proc.run("score", "-", "-f", "jsonl", "-q", "-o", tmp_path / "out.jsonl", stdin=stdin)
    assert r.returncode == 0 and len((tmp_path / "out.jsonl").read_text().splitlines()) == 2


# --- item 7: a named pipe with a progress bar ----------------------------------------------------

def test_a_named_pipe_is_read_once_with_the_progress_bar_on_a_terminal(tmp_path):
    fifo, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    master, slave = pty.openpty()  # standard error is a terminal: the progress bar is on
    p = proc.popen("score", fifo, "-f", "jsonl", "-o", out, stderr=slave)
    os.close(slave)
    terminal = []
    threading.Thread(target=lambda: _drain(master, terminal), daemon=True).start()
    with open(fifo, "w") as w:  # blocks until framing opens the pipe
        w.write("".join(good(i) + "\n" for i in range(3)))
    try:
        assert p.wait(timeout=120) == 0, b"".join(terminal)[-2000:]
    finally:
        p.kill()
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["g0", "g1", "g2"]


def _drain(fd, into):
    try:
        while chunk := os.read(fd, 4096):
            into.append(chunk)
    except OSError:
        pass


def test_count_records_does_not_read_a_pipe_or_device(tmp_path):
    from framing.read.inputs import count_records

    os.mkfifo(tmp_path / "pipe.jsonl")  # opening it to count would block
    jsonl(tmp_path / "a.jsonl", good(1), good(2))
    assert count_records([tmp_path / "a.jsonl", "/dev/zero"]) is None
    assert count_records([tmp_path / "a.jsonl", tmp_path / "pipe.jsonl"]) is None
    assert count_records([tmp_path / "a.jsonl", tmp_path / "missing.txt"]) == 3


# --- item 8: a failed write keeps the old file ----------------------------------------------------

def test_csv_on_a_full_disk_keeps_the_old_file(tmp_path):
    """A file-size limit stands in for a full disk: writes past 4 KB fail (EFBIG, as ENOSPC would)."""
    import resource

    src = jsonl(tmp_path / "in.jsonl", *(good(i) for i in range(60)))
    out = tmp_path / "out.csv"
    out.write_text("id,framing_score\nold,1.0\n")

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    r = proc.run("score", src, "-f", "csv", "-q", "-o", out, preexec=small_disk)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert f"cannot write {out}: File too large; the file is as it was before this run" in r.stderr
    assert out.read_text() == "id,framing_score\nold,1.0\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.csv"]  # no temporary file left


def test_a_csv_write_that_fails_keeps_the_old_file_where_an_interruption_would_not(tmp_path):
    """keep_partial is for an interruption (test_interruption.py), which never cuts a row; a failed
    write may have, so the old file stays."""
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    with pytest.raises(OSError):
        with ScoreWriter("csv", out) as w:
            w.write({"id": "b", "outlet": None, "schema_version": "1", "error": "x"})
            raise OSError(28, "No space left on device")
    assert out.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_standard_output_on_a_full_device_is_an_io_error_not_a_crash(tmp_path):
    jsonl(tmp_path / "in.jsonl", good(1))
    for fmt in ("jsonl", "csv", "table"):
        with open("/dev/full", "w") as full:
            r = proc.run("score", tmp_path / "in.jsonl", "-f", fmt, "-q", stdout=full, stderr=subprocess.PIPE,
                         capture_output=False)
        assert r.returncode == 2, (fmt, r.stderr)
        assert "cannot write to standard output: No space left on device" in r.stderr, (fmt, r.stderr)
        assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    for command in (["analyze", EXAMPLES, "-f", "json"], ["compare", EXAMPLES]):
        with open("/dev/full", "w") as full:
            r = proc.run(*command, stdout=full, stderr=subprocess.PIPE, capture_output=False)
        assert r.returncode == 2 and "cannot write the output: No space left on device" in r.stderr, r.stderr


# --- item 9: one run at a time on an output file ---------------------------------------------------

def test_a_locked_output_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("a line another run is writing\n")
    fd = os.open(out, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as the other run holds it
    try:
        for extra in ([], ["--resume"]):
            r = proc.run("score", EXAMPLES, "-f", "jsonl", "-o", out, *extra)
            assert r.returncode == 2 and "is locked: another framing run is writing it" in r.stderr, r.stderr
            assert out.read_text() == "a line another run is writing\n"
    finally:
        os.close(fd)
    with pytest.raises(OutputBusy):  # in one process too
        with ScoreWriter("jsonl", tmp_path / "o.jsonl"), ScoreWriter("jsonl", tmp_path / "o.jsonl"):
            pass


def test_two_runs_on_one_output_the_second_is_refused_and_the_first_writes_everything(tmp_path):
    texts = [p.read_text("utf-8").split("---\n", 2)[2] for p in sorted(EXAMPLES.glob("*.md"))]
    src = jsonl(tmp_path / "in.jsonl", *(json.dumps({"id": f"a{i:03d}", "text": texts[i % 3]}) for i in range(90)))
    out = tmp_path / "out.jsonl"
    first = proc.popen("score", src, "-f", "jsonl", "-q", "-o", out)
    end = time.monotonic() + 120
    while not (out.exists() and out.read_bytes().count(b"\n")) and first.poll() is None and time.monotonic() < end:
        time.sleep(0.01)
    first.send_signal(signal.SIGSTOP)  # paused mid-run, its lock held, so the second surely meets it
    try:
        assert first.poll() is None, "the first run ended before the second started"
        second = proc.run("score", src, "-f", "jsonl", "-q", "-o", out)
        assert second.returncode == 2 and "is locked" in second.stderr
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=300) == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [f"a{i:03d}" for i in range(90)]


# --- item 10: --resume takes framing's records only, and keeps only their ids ----------------------

@pytest.mark.parametrize("line, why", [
    ('{"id": 5, "anything": true}', "no schema_version"),
    (json.dumps({"id": "a", "text": GOOD}), "no schema_version"),  # the input file itself
    ('{"id": "a", "outlet": null, "schema_version": "0", "error": "x"}', "schema_version '0'"),
    ('{"id": "a", "outlet": null, "schema_version": "1"}', "neither scores nor an error"),
    ("[" * 100_000, "not JSON"),
])
def test_resume_refuses_lines_that_are_not_framing_records(tmp_path, line, why):
    out = jsonl(tmp_path / "out.jsonl", '{"id": "x", "outlet": null, "schema_version": "1", "error": "empty"}', line)
    before = out.read_bytes()
    r = runner.invoke(app, ["score", str(EXAMPLES), "-f", "jsonl", "-o", str(out), "--resume"])
    assert r.exit_code == 2 and f"line 2 of {out} is not a framing record ({why}" in r.stderr, r.stderr
    assert out.read_bytes() == before


def test_resume_over_a_copy_of_the_input_is_refused(tmp_path):
    src = jsonl(tmp_path / "in.jsonl", good(1), good(2))
    out = tmp_path / "out.jsonl"
    shutil.copy(src, out)
    r = runner.invoke(app, ["score", str(src), "-f", "jsonl", "-o", str(out), "--resume"])
    assert r.exit_code == 2 and "line 1 of" in r.stderr and "not a framing record" in r.stderr


def test_resume_keeps_the_ids_not_the_file_in_memory(tmp_path):
    out = tmp_path / "out.jsonl"
    line = {"id": "", "outlet": None, "schema_version": "1", "error": "x" * 50_000}
    with open(out, "w") as f:
        for i in range(1000):  # 50 MB of records
            f.write(json.dumps({**line, "id": f"r{i}"}) + "\n")
    tracemalloc.start()
    try:
        with ScoreWriter("jsonl", out, resume=True) as w:
            assert len(w.done) == 1000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, f"{peak:,} bytes at the peak"


def test_not_our_output_is_raised_before_anything_is_written(tmp_path):
    out = jsonl(tmp_path / "out.jsonl", '{"id": 5, "anything": true}', "torn")
    before = out.read_bytes()
    with pytest.raises(NotOurOutput):
        ScoreWriter("jsonl", out, resume=True)
    assert out.read_bytes() == before


# --- item 11: a model folder is replaced as a unit ---------------------------------------------------

SAVE_AND_DIE = """if True:
    import os, pickle, signal, sys
    from framing.models.persist import save_model
    est = pickle.load(open(sys.argv[1], "rb"))
    calls = [0]
    real = os.fsync
    def fsync(fd):  # power lost at the k-th fsync: nothing after it happens
        calls[0] += 1
        if calls[0] == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(fd)
    os.fsync = fsync
    save_model(est, sys.argv[2], {"name": "new", "task": "framing"})
"""


def test_a_model_save_killed_at_any_point_leaves_the_old_model_or_the_new_one_whole(tmp_path):
    import pickle

    from framing.training.datasets import LabelledSentence
    from framing.models.persist import load_model, save_model
    from framing.training.fitting import fit

    from ..conftest import TINY

    old_est = fit("framing", [LabelledSentence(t, y) for t, y in TINY])
    new_est = fit("framing", [LabelledSentence(t, 1 - y) for t, y in TINY])
    (tmp_path / "new.pkl").write_bytes(pickle.dumps(new_est))
    model = tmp_path / "m"
    seen = set()
    for k in range(1, 20):
        shutil.rmtree(model, ignore_errors=True)
        save_model(old_est, model, {"name": "old", "task": "framing"})
        r = subprocess.run([sys.executable, "-c", SAVE_AND_DIE, tmp_path / "new.pkl", model, str(k)],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode in (0, -signal.SIGKILL), r.stderr
        loaded = load_model(model)  # hash, meta and model agree: one whole model
        seen.add(loaded.meta["name"])
        if r.returncode == 0:
            assert loaded.meta["name"] == "new"
            break
    else:
        pytest.fail("save_model never finished")
    assert seen == {"old", "new"}


def test_saving_refuses_a_folder_that_holds_other_files(tmp_path):
    from framing.models.persist import ModelError, save_model

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ModelError, match="holds files that are not a model's"):
        save_model(object(), tmp_path, {"name": "x", "task": "framing"})
    assert (tmp_path / "notes.txt").read_text() == "mine"


# --- acceptance: every bad line of the issue among 100 good records ------------------------------------

def test_one_output_line_per_input_line_with_every_bad_line_among_good_ones(tmp_path):
    bad = [BIG_INT.encode(), b'{"id": "nul", "text": "a\x00b"}', b"[" * 100_000, b'"a string"',
           b'{"id": "notext"}', b'{"id": "x", "text": 5}', b"{broken", b'{"id": "e", "text": ""}',
           b'{"id": "bad-utf8", "text": "caf\xe9 closed. The dam held."}',
           b'{"id": "surrogate", "text": "The mayor said \\ud83d it."}',
           b'{"id": "long", "text": "' + b"x" * 3_000_000 + b'"}',  # past the line limit at --max-chars 100000
           b"\xff\xfe\x00binary\x00\x00"]
    lines = [good(i).encode() for i in range(100)]
    for i, b in enumerate(bad):
        lines.insert(1 + i * 8, b)
    src = tmp_path / "mixed.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    # /usr/bin/time measures the run itself: a child forked from this process would inherit its peak RSS
    timer = ["/usr/bin/time", "-f", "%M", "-o", tmp_path / "rss.txt"] if shutil.which("/usr/bin/time") else []
    r = subprocess.run([*timer, *proc.framing_cmd("score", src, "-f", "jsonl", "--max-chars", "100000",
                                                  "-o", tmp_path / "out.jsonl")], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    if timer:
        rss_kb = int((tmp_path / "rss.txt").read_text().split()[-1])
        assert rss_kb < 600_000, f"peak RSS {rss_kb:,} KB"  # the models take about 250 MB
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert len(out) == len(lines)
    assert sum("framing_score" in r for r in out) >= 100
    assert all("framing_score" in r for r in out if r["id"].startswith("g"))
