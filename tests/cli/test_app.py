import json
import re

import pytest
from typer.testing import CliRunner

from framing import __version__
from framing.cli.app import app

from tests.conftest import EXAMPLES, ROOT

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"framing {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    r = runner.invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.output
    assert re.search(rf"framing {command}\b", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_analyze_json_on_examples():
    r = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", "json"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["outlet"] for x in recs] == ["The Daily Clarion", "Meridian Wire", "Northgate Herald"]
    clarion = recs[0]
    assert clarion["counts"]["loaded"]["authorial"] > 5
    text = (EXAMPLES / "daily-clarion.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    for s in clarion["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
        for e in s["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]


def test_analyze_text_output_marks_evidence():
    r = runner.invoke(app, ["analyze", str(EXAMPLES / "daily-clarion.md")])
    assert r.exit_code == 0
    assert "loaded: fled in panic" in r.output and "hedge: reportedly" in r.output


def test_exit_code_1_when_some_records_fail(tmp_path):
    (tmp_path / "ok.txt").write_text("Officials said the dam held.")
    (tmp_path / "empty.txt").write_text("")
    r = runner.invoke(app, ["analyze", str(tmp_path), "--format", "json"])
    assert r.exit_code == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert lines[0]["error"].startswith("empty article") and lines[1]["sentences"]
    assert "empty article" in r.stderr


def test_bad_lexicon_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\tnope\n")
    r = runner.invoke(app, ["analyze", str(EXAMPLES), "--lexicon", str(bad)])
    assert r.exit_code == 2
    assert "bad.tsv:1: unknown category" in r.stderr
    assert "Traceback" not in r.output


def test_unknown_option_is_a_usage_error():
    assert runner.invoke(app, ["analyze", "--nope"]).exit_code == 2


def test_help_imports_no_heavy_libraries():
    """`framing --help` stays fast: scikit-learn, NLTK, numpy and scipy load only when a command needs them."""
    import subprocess
    import sys

    code = ("import sys; from framing.cli.app import app\n"
            "try:\n    app(['score', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sklearn', 'nltk', 'numpy', 'scipy', 'trafilatura') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_help_shows_install_extras_literally():
    """Rich markup must not eat the brackets of pip extras in help text."""
    from typer.testing import CliRunner

    from framing.cli.app import app

    runner = CliRunner()
    assert "framing[dask]" in runner.invoke(app, ["score", "--help"], terminal_width=200).output.replace("\n", "")
    assert "framing[chart]" in runner.invoke(app, ["compare", "--help"], terminal_width=200).output


def test_sigterm_ends_the_process_even_if_stopping_hangs(monkeypatch, capsys):
    """SIGTERM raises Terminated so files close as on Ctrl-C; a pool that deadlocks while it stops
    (joblib's task thread blocked on a pipe) must not keep the process alive: it exits 143 anyway."""
    import time

    from framing.cli import app as cli_app
    from framing.cli.common import Terminated

    exits = []
    monkeypatch.setattr(cli_app, "TERMINATE_GRACE", 0.05)
    monkeypatch.setattr(cli_app.os, "_exit", exits.append)
    with pytest.raises(Terminated):
        cli_app._terminate(15, None)
    time.sleep(0.5)
    assert exits == [143] and "did not stop" in capsys.readouterr().err
