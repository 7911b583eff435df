import json

import pytest
from typer.testing import CliRunner

from framing.cli.app import app

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


# --- issue 13, item 12: the metrics of a model trained on the user's data are its own --------------

def _csv(path, rows, header=("text", "label")):
    import csv

    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_train_on_user_data_records_the_new_models_cross_validated_metrics(tmp_path, tiny_csv, monkeypatch):
    """It used to store the bundled model's scores on the user's training rows ("given_data")."""
    from framing.training import fitting as training

    fits = []
    real_fit = training.fit
    monkeypatch.setattr(training, "fit", lambda task, sents: fits.append(len(sents)) or real_fit(task, sents))
    out = tmp_path / "m"
    r = runner.invoke(app, ["train", "--task", "framing", "--data", str(tiny_csv), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert fits == [12, 13, 13, 13, 13, 16]  # refitted on each of 5 training folds, then on all 16 rows
    assert "5-fold cross-validation on your data (refits the model on each fold)" in r.stderr
    meta = json.loads((out / "meta.json").read_text())
    (name, m), = meta["metrics"].items()
    assert name == "user_cv" and m["n"] == 16 and m["protocol"].startswith("5-fold cross-validation on your data")
    card = (out / "MODEL_CARD.md").read_text()
    assert "**user_cv** — 5-fold cross-validation on your data" in card and "given_data" not in card


@pytest.mark.parametrize("args, rows_per_label, note", [
    (["--no-eval"], 8, "no held-out metrics: not measured (trained with --no-eval)"),
    ([], 6, "no held-out metrics: with 6 rows of the rarer label, a 5-fold cross-validation would train on "
            "fewer than 5 of them"),
])
def test_a_model_without_held_out_metrics_says_so(tmp_path, args, rows_per_label, note):
    from tests.conftest import TINY

    data = _csv(tmp_path / "d.csv", [r for r in TINY if r[1]][:rows_per_label] + [r for r in TINY if not r[1]])
    r = runner.invoke(app, ["train", "--task", "framing", "--data", str(data), "--out", str(tmp_path / "m"), *args])
    assert r.exit_code == 0, r.output
    meta = json.loads((tmp_path / "m" / "meta.json").read_text())
    assert meta["metrics"] == {} and meta["metrics_note"] == note
    assert f"## Held-out metrics\n\nN{note[1:]}.\n" in (tmp_path / "m" / "MODEL_CARD.md").read_text()
    assert note in r.stdout


# --- issue 13, item 13: training-file problems are usage errors (exit 2), found before training -----

def _sourcing_rows(n=700, groups=2):
    """Invented sentences over about 1,300 made-up words: enough for the sourcing model's word clusters."""
    import random

    rng = random.Random(0)
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "da", "fi"]
    words = sorted({"".join(rng.choice(syllables) for _ in range(3)) for _ in range(3000)})[:1300]
    rows = []
    for i in range(n):
        w = [rng.choice(words) for _ in range(8)]
        text = f"{w[0].title()} {w[1]} said the {' '.join(w[2:])}." if i % 2 else f"The {' '.join(w)} rose."
        rows.append((text, i % 2, f"g{i % groups}"))
    return rows


@pytest.mark.parametrize("case, task, why", [
    ("2 rows", "framing", "only 1 row with label 0: training needs at least 5 of each label"),
    ("8 rows", "framing", "only 4 rows with label 0: training needs at least 5 of each label"),
    ("one label", "framing", "every row has label 1"),
    ("one column", "framing", "no column separator found"),
    ("| separated", "framing", "no column separator found"),
    ("5001 digits", "framing", "d.jsonl:2: malformed JSON: a number with more than 4,300 digits"),
    ("100k deep", "framing", "d.jsonl:1: malformed JSON: nested too deeply"),
    ("too small for the word clusters", "sourcing", "the sourcing model cannot be trained on this data"),
    ("2 groups", "sourcing", "the sourcing model cannot be trained on this data (700 rows)"),
])
def test_training_file_problems_exit_2_with_a_message(tmp_path, case, task, why):
    from tests.conftest import TINY

    d = tmp_path / ("d.jsonl" if case in ("5001 digits", "100k deep") else "d.csv")
    if case.endswith("rows"):
        n = int(case.split()[0]) // 2
        _csv(d, TINY[:n] + TINY[-n:])
    elif case == "one label":
        _csv(d, [r for r in TINY if r[1]])
    elif case == "one column":
        d.write_text("text\n" + "\n".join(t for t, _ in TINY) + "\n")
    elif case == "| separated":
        d.write_text("text|label\n" + "\n".join(f"{t}|{y}" for t, y in TINY) + "\n")
    elif case == "5001 digits":
        d.write_text(json.dumps({"text": "A fine row.", "label": 1}) + '\n{"text": "x", "label": ' + "1" * 5001 + "}\n")
    elif case == "100k deep":
        d.write_text("[" * 100_000 + "\n")
    elif case == "too small for the word clusters":
        _csv(d, [(t, y, f"g{i % 6}") for i, (t, y) in enumerate(TINY * 3)], ("text", "label", "group"))
    else:
        _csv(d, _sourcing_rows(), ("text", "label", "group"))
    r = runner.invoke(app, ["train", "--task", task, "--data", str(d), "--out", str(tmp_path / "m"), "--no-eval"])
    assert r.exit_code == 2 and why in r.stderr and "Traceback" not in r.output, r.output
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize("make, why", [
    (lambda p: p.write_text("a file"), "it exists and is not a folder"),
    (lambda p: (p.mkdir(), (p / "notes.txt").write_text("mine")), "holds files that are not a model's (notes.txt)"),
    (lambda p: p.parent.joinpath("f").write_text("a file"), "is not a folder"),
])
def test_an_unusable_out_is_refused_before_training_starts(tmp_path, tiny_csv, monkeypatch, make, why):
    from framing.training import fitting as training

    out = tmp_path / "m"
    make(out)
    if "f" in [p.name for p in tmp_path.iterdir()]:
        out = tmp_path / "f" / "m"
    monkeypatch.setattr(training, "fit", lambda *a: pytest.fail("trained before checking --out"))
    r = runner.invoke(app, ["train", "--task", "framing", "--data", str(tiny_csv), "--out", str(out)])
    assert r.exit_code == 2 and why in r.stderr and "Traceback" not in r.output, r.output


def test_retraining_replaces_a_model_folder_whole(tmp_path, tiny_csv):
    out = tmp_path / "m"
    for _ in range(2):
        r = runner.invoke(app, ["train", "--task", "framing", "--data", str(tiny_csv), "--out", str(out), "--no-eval"])
        assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m", "tiny.csv"]
    # a framing model keeps its static vectors beside it (embeddings.prepare_vectors)
    assert sorted(p.name for p in out.iterdir()) == ["MODEL_CARD.md", "meta.json", "model.joblib", "static_vectors.npz"]


def test_evaluating_your_own_model_writes_only_where_o_says(tmp_path, tiny_csv, monkeypatch):
    """It overwrote reports/metrics-framing.md, the bundled recipe's report."""
    out = tmp_path / "m"
    runner.invoke(app, ["train", "--task", "framing", "--data", str(tiny_csv), "--out", str(out), "--no-eval", "-q"])
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["evaluate", "--task", "framing", "--model", str(out), "--data", str(tiny_csv), "-q"])
    assert r.exit_code == 0, r.output
    assert "## given_data" in r.stdout and not (tmp_path / "reports").exists()
    r = runner.invoke(app, ["evaluate", "--task", "framing", "--model", str(out), "--data", str(tiny_csv), "-q",
                            "-o", str(tiny_csv / "m.md")])
    assert r.exit_code == 2 and "cannot write" in r.stderr and "Traceback" not in r.output


def test_a_failed_framing_training_leaves_the_old_folder_untouched(tmp_path, tiny_csv, monkeypatch):
    """The static vectors reach the folder with the model, in save_model's one swap: training that
    fails midway leaves the old model's vectors as they were."""
    from framing.training import recipes as training

    out = tmp_path / "m"
    out.mkdir()
    (out / "static_vectors.npz").write_bytes(b"the old model's vectors")

    def boom(*a, **k):
        raise RuntimeError("training failed")

    monkeypatch.setattr(training, "_fit_user", boom)
    with pytest.raises(RuntimeError, match="training failed"):
        training.train("framing", out, data=[tiny_csv], evaluate_after=False)
    assert (out / "static_vectors.npz").read_bytes() == b"the old model's vectors"
