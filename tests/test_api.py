"""The Scorer: batching, error isolation, parallel workers and the Dask backend give the same
records as scoring one article at a time."""
import json
from dataclasses import replace

import pytest

from framing import api
from framing.api import Scorer
from framing.read.inputs import read_inputs
from framing.types import Article, ReadError

from .conftest import EXAMPLES

TEXTS = [
    "The shameful regime lied, officials said. \u201cIt is over,\u201d the minister said.",
    "Rainfall totals were close to the seasonal average, the agency reported on Monday.",
    "According to the Ministry of Defence, the bridge reopened. It could not be verified.",
    "Residents were reportedly evacuated. Police said two roads were closed.",
]


@pytest.fixture(scope="module")
def scorer():
    return Scorer()


def articles(n=12):
    return [Article(f"a{i}", TEXTS[i % len(TEXTS)] + f" Item {i}.") for i in range(n)]


def dumps(records):
    return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]


def test_batched_equals_one_at_a_time(scorer, monkeypatch):
    monkeypatch.setattr(api, "BATCH_ARTICLES", 5)  # several batches, the last one short
    arts = articles()
    assert dumps(scorer.score(arts)) == dumps(scorer.score_article(a) for a in arts)


def test_order_kept_and_read_errors_in_place(scorer):
    recs = [Article("x1", TEXTS[0]), ReadError("bad", "no such file"), Article("x2", TEXTS[1])]
    out = list(scorer.score(recs))
    assert [r["id"] for r in out] == ["x1", "bad", "x2"]
    assert out[1]["error"] == "no such file" and "framing_score" in out[2]


def test_one_failing_article_does_not_sink_its_batch(scorer):
    real = scorer.predictors.loaded

    def loaded(texts):
        if any("BOOM" in t for t in texts):
            raise RuntimeError("model exploded")
        return real(texts)

    broken = Scorer.__new__(Scorer)
    broken.__dict__.update(scorer.__dict__, predictors=replace(scorer.predictors, loaded=loaded))
    out = list(broken.score([Article("ok1", TEXTS[0]), Article("boom", "BOOM goes the dam."),
                             Article("ok2", TEXTS[2])]))
    assert [r["id"] for r in out] == ["ok1", "boom", "ok2"]
    assert "model exploded" in out[1]["error"]
    assert "error" not in out[0] and "error" not in out[2]


def test_worker_processes_give_identical_records(scorer):
    arts = articles(8)
    assert dumps(scorer.score(arts, jobs=2)) == dumps(scorer.score(arts))


def test_scorer_pickles_as_its_arguments(scorer):
    import pickle

    blob = pickle.dumps(scorer)
    assert len(blob) < 10_000  # the models are not shipped to workers with every batch
    assert pickle.loads(blob).score_article(Article("p", TEXTS[3])) == scorer.score_article(Article("p", TEXTS[3]))


def test_dask_backend_is_byte_identical(scorer, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    from typer.testing import CliRunner

    from framing.cli.app import app

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles(6)), encoding="utf-8")
    runner = CliRunner()
    local = runner.invoke(app, ["score", str(src), "-f", "jsonl", "-o", str(tmp_path / "local.jsonl")])
    assert local.exit_code == 0, local.output
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        res = runner.invoke(app, ["score", str(src), "-f", "jsonl", "-o", str(tmp_path / "dask.jsonl"),
                                  "--backend", "dask", "--scheduler", cluster.scheduler_address])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert len((tmp_path / "dask.jsonl").read_bytes().splitlines()) == 6


def test_examples_through_paths_api(scorer):
    ids = [r["id"] for r in scorer.score_paths([EXAMPLES])]
    assert ids == [r.id for r in read_inputs([EXAMPLES])]


def test_score_json_lines_are_the_records(scorer):
    arts = articles(5) + [ReadError("gone", "no such file")]
    pairs = list(scorer.score_json(arts))
    assert [json.loads(line) for _, line in pairs] == list(scorer.score(arts))
    assert pairs[-1][0] == {"id": "gone", "outlet": None, "error": "no such file"}


def test_article_made_in_code_without_words_is_an_error_record(scorer):
    out = list(scorer.score([Article("blank", "   \n"), Article("dots", "... \u200b !!"), Article("ok", TEXTS[1])]))
    assert [("error" in r) for r in out] == [True, True, False]
    assert out[0]["error"].startswith("empty article") and "no words" in out[1]["error"]


def test_the_scorers_lexicon_reaches_the_framing_models_features(tmp_path):
    """A term added with --lexicon counts in the model's lexicon features as the article is scored,
    not only in the evidence: the sentence's loaded probability moves."""
    from framing.evidence.lexicon import load_lexicon

    extra = tmp_path / "mine.tsv"
    extra.write_text("zorbly\tloaded\t3\texact\t\nzorbly\tneg_eval\t1\texact\t\n", "utf-8")
    text = "The zorbly council met on Tuesday to approve the budget."
    plain = Scorer().score_article(Article("a", text))
    mine = Scorer(lexicon=load_lexicon((str(extra),))).score_article(Article("a", text))
    assert plain["framing"]["authorial_loaded_terms"] == 0 and mine["framing"]["authorial_loaded_terms"] == 1
    prob = [s["loaded_prob"] for r in (plain, mine) for s in r["sentences"]]
    assert prob[1] > prob[0]
