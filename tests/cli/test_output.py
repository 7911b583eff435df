import csv
import io
import json

import pytest
from typer.testing import CliRunner

from framing.cli.app import app
from framing.cli.output import ScoreWriter, csv_safe

from tests.conftest import EXAMPLES

runner = CliRunner()


def test_csv_formula_injection_is_neutralised(tmp_path):
    assert csv_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert csv_safe("+1") == "'+1" and csv_safe("@SUM(A1)") == "'@SUM(A1)" and csv_safe("-2") == "'-2"
    assert csv_safe("Plain") == "Plain" and csv_safe(3.5) == 3.5
    assert csv_safe("\uff1dcmd()") == "'\uff1dcmd()" and csv_safe("\uff0b1") == "'\uff0b1"  # fullwidth = and +
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "=cmd|' /C calc'!A0", "text": "Officials said the dam held.",
                               "outlet": "@evil"}) + "\n")
    out = tmp_path / "out.csv"
    r = runner.invoke(app, ["score", str(src), "--format", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    row = next(csv.DictReader(io.StringIO(out.read_text())))
    assert row["id"].startswith("'=") and row["outlet"] == "'@evil"


def test_score_jsonl_keeps_input_order_and_reports_failures(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Officials said the dam held."}\n{"id": "b", "text": ""}\nnot json\n'
                   '{"id": "c", "text": "The shameful regime lied."}\n')
    r = runner.invoke(app, ["score", str(src), "--format", "jsonl"])
    assert r.exit_code == 1
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["id"] for x in recs] == ["a", "b", f"{src}:3", "c"]
    assert ["error" in x for x in recs] == [False, True, True, False]


def test_resume_skips_done_ids_and_drops_a_torn_line(tmp_path):
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["score", str(EXAMPLES), "--format", "jsonl", "-o", str(out)])
    assert r.exit_code == 0
    lines = out.read_text().splitlines(keepends=True)
    out.write_text(lines[0] + lines[1][:40])  # as if killed while writing the second record
    with ScoreWriter("jsonl", out, resume=True) as w:
        assert w.done == {json.loads(lines[0])["id"]}
    assert out.read_text() == lines[0]
    r = runner.invoke(app, ["score", str(EXAMPLES), "--format", "jsonl", "-o", str(out), "--resume"])
    assert r.exit_code == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [json.loads(x)["id"] for x in lines]


def test_resume_needs_jsonl_file():
    r = runner.invoke(app, ["score", str(EXAMPLES), "--resume"])
    assert r.exit_code == 2 and "--resume needs" in r.stderr


def _fifo_reader(path):
    """A FIFO at ``path`` and a thread that reads everything written to it."""
    import os
    import threading

    os.mkfifo(path)
    got = []
    t = threading.Thread(target=lambda: got.append(open(path, "rb").read()), daemon=True)
    t.start()
    return got, t


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_output_to_a_fifo_is_written_in_place_not_replaced(tmp_path, fmt):
    """-o /dev/null, /dev/stdout or a named pipe: writing a temporary file and renaming it over the
    target would replace the device or pipe with a plain file (and fsync on it fails)."""
    import stat

    fifo = tmp_path / "pipe"
    got, reader = _fifo_reader(fifo)
    r = runner.invoke(app, ["score", str(EXAMPLES), "-f", fmt, "-q", "-o", str(fifo)])
    reader.join(30)
    assert r.exit_code == 0, r.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert b"Meridian Wire" in got[0] and not list(tmp_path.glob(".pipe*"))


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX FIFOs")
def test_resume_needs_a_regular_file(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe")
    r = runner.invoke(app, ["score", str(EXAMPLES), "-f", "jsonl", "--resume", "-o", str(tmp_path / "pipe")])
    assert r.exit_code == 2 and "regular file" in r.output


def test_output_that_is_an_input_or_a_folder_is_refused_before_any_work(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "The mayor said the bridge was safe."}) + "\n")
    before = src.read_bytes()
    for args, why in [(["score", str(src), "-f", "jsonl", "-o", str(src)], "it is also an input"),
                      (["score", str(tmp_path), "-f", "jsonl", "-o", str(tmp_path / "out.jsonl")], "inside the input folder"),
                      (["score", str(src), "-o", str(tmp_path)], "it is a directory"),
                      (["score", str(src), "-f", "csv", "-o", str(src / "x.csv")], "is not a directory"),
                      (["compare", str(tmp_path), "-o", str(tmp_path / "r.md")], "inside the input folder")]:
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and why in r.stderr, (args, r.output)
    assert src.read_bytes() == before and not (tmp_path / "out.jsonl").exists()
    r = runner.invoke(app, ["score", str(tmp_path), "-f", "csv", "-q", "-o", str(tmp_path / "out.csv")])
    assert r.exit_code == 0, r.output  # a CSV file is not read as an article


def test_a_json_line_with_a_lone_surrogate_is_written_as_its_escape(tmp_path):
    from framing.cli.output import ScoreWriter

    out = tmp_path / "o.jsonl"
    with ScoreWriter("jsonl", out) as w:
        w.write({"id": "x\udcff", "framing_score": 1.0})
    assert json.loads(out.read_text("utf-8"))["id"] == "x\udcff"


def test_resume_refuses_a_file_that_is_not_framing_output_and_leaves_it_alone(tmp_path):
    notes = tmp_path / "notes.jsonl"
    for content in ["my notes\n", json.dumps({"id": "a", "framing_score": 1, "schema_version": "1"}) + "\nnot json\n"]:
        notes.write_text(content)
        r = runner.invoke(app, ["score", str(EXAMPLES), "-f", "jsonl", "-o", str(notes), "--resume"])
        assert r.exit_code == 2 and "is not a framing record" in r.stderr, r.output
        assert notes.read_text() == content


def test_records_carry_the_text_their_offsets_point_into_when_it_is_not_the_input_as_given(tmp_path):
    (tmp_path / "fm.md").write_text("---\ntitle: Dam\n---\nThe mayor said the dam held. Critics disagreed.\n")
    (tmp_path / "page.html").write_text("<html><body><nav>Home</nav><article><p>The mayor said the dam held on "
                                        "Sunday night.</p><p>Critics disagreed with him.</p></article></body></html>")
    (tmp_path / "plain.txt").write_text("The mayor said the dam held.")
    r = runner.invoke(app, ["score", str(tmp_path), "-f", "jsonl"])
    assert r.exit_code == 0, r.output
    recs = {json.loads(x)["id"].rsplit("/", 1)[-1]: json.loads(x) for x in r.stdout.splitlines()}
    assert "text" not in recs["plain.txt"]  # the file itself is the text
    for name in ("fm.md", "page.html"):
        text = recs[name]["text"]
        assert "---" not in text and "<" not in text and "The mayor said the dam held" in text
        assert all(text[s["start"]:s["end"]] == s["text"] for s in recs[name]["sentences"])


def test_an_interruption_right_after_a_line_is_written_keeps_the_line_and_its_count(tmp_path, monkeypatch):
    """Ctrl-C landing between a line's write and its bookkeeping once cut the whole line back off
    (and the message reported one record fewer): signals wait for both now."""
    import os
    import signal

    import pytest

    from framing.cli import output

    real_write = os.write

    def write_then_interrupted(fd, data):
        n = real_write(fd, data)
        os.kill(os.getpid(), signal.SIGINT)  # delivered as soon as the writer lets it
        return n

    out = tmp_path / "o.jsonl"
    writer = output.ScoreWriter("jsonl", out)
    monkeypatch.setattr(output.os, "write", write_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        with writer:
            writer.write_json('{"id": "a"}')
            writer.write_json('{"id": "b"}')  # never reached
    assert (out.read_text(), writer.written) == ("{\"id\": \"a\"}\n", 1)
