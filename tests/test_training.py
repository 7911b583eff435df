import json

from typer.testing import CliRunner

from framing.cli import app

runner = CliRunner()


def test_train_on_tiny_csv_then_score_with_it(tmp_path, tiny_csv):
    out = tmp_path / "m"
    r = runner.invoke(app, ["train", "--task", "framing", "--data", str(tiny_csv), "--out", str(out), "--no-eval", "-q"])
    assert r.exit_code == 0, r.output
    meta = json.loads((out / "meta.json").read_text())
    assert meta["training_data"]["recipe"] == "user" and meta["training_data"]["rows"] == 16
    assert "bw__bw_max_outside_quotes@a3" in meta["feature_names"]
    assert (out / "MODEL_CARD.md").read_text().startswith("# Model card: m (framing)")
    art = tmp_path / "a.txt"
    art.write_text("The shameful, disgraceful regime lied. Officials said the road reopened.")
    outs = []
    for _ in range(2):
        r = runner.invoke(app, ["score", str(art), "--framing-model", str(out), "--format", "jsonl"])
        assert r.exit_code == 0, r.output
        outs.append(r.stdout)
    assert outs[0] == outs[1]  # deterministic
    rec = json.loads(outs[0])
    assert all(0 <= s["loaded_prob"] <= 1 for s in rec["sentences"])
    assert rec["sentences"][0]["loaded_prob"] > rec["sentences"][1]["loaded_prob"]


def test_malformed_training_file_is_rejected_with_line_number(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nfine,1\nalso fine,0\nbroken,perhaps\n")
    r = runner.invoke(app, ["train", "--task", "framing", "--data", str(bad), "--out", str(tmp_path / "m"), "--no-eval"])
    assert r.exit_code == 2
    assert "bad.csv:4: label 'perhaps'" in r.stderr
    assert not (tmp_path / "m").exists()


def test_evaluate_a_model_on_given_data(tmp_path, tiny_csv):
    out = tmp_path / "m"
    runner.invoke(app, ["train", "--task", "framing", "--data", str(tiny_csv), "--out", str(out), "--no-eval", "-q"])
    report = tmp_path / "metrics.md"
    r = runner.invoke(app, ["evaluate", "--task", "framing", "--model", str(out), "--data", str(tiny_csv),
                            "-o", str(report), "-q"])
    assert r.exit_code == 0, r.output
    text = report.read_text()
    assert "## given_data" in text and "macro_f1" in text and "## Reliability" in text
