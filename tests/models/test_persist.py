import json

import numpy as np
import pytest

from framing.models import persist
from framing.training.datasets import LabelledSentence
from framing.models.persist import ModelError, ModelVersionWarning, load_model, save_model
from framing.training.fitting import fit

from tests.conftest import TINY


@pytest.fixture
def saved(tmp_path):
    est = fit("framing", [LabelledSentence(t, y) for t, y in TINY])
    save_model(est, tmp_path / "m", {"name": "m", "task": "framing"})
    return tmp_path / "m"


def test_round_trip_gives_the_same_probabilities(saved):
    texts = ["The shameful regime lied again.", "The council met on Monday."]
    a = load_model(saved).estimator.predict_proba(texts)[:, 1]
    b = load_model(saved).estimator.predict_proba(texts)[:, 1]
    assert (a == b).all() and ((0 <= a) & (a <= 1)).all()
    meta = json.loads((saved / "meta.json").read_text())
    assert meta["format_version"] == persist.FORMAT_VERSION and len(meta["sha256"]) == 64
    assert {"framing", "scikit-learn", "numpy", "python"} <= set(meta["versions"])


def test_tampered_file_is_refused(saved):
    data = bytearray((saved / "model.joblib").read_bytes())
    data[-10] ^= 0xFF
    (saved / "model.joblib").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match the sha256"):
        load_model(saved)


def test_untrusted_model_is_refused_unless_trusted(saved):
    persist.trust_file().unlink()
    with pytest.raises(ModelError, match="--trust-model"):
        load_model(saved)
    assert load_model(saved, trust=True).meta["task"] == "framing"


def test_version_drift_warns_naming_both_versions(saved):
    meta = json.loads((saved / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.0"
    (saved / "meta.json").write_text(json.dumps(meta))
    with pytest.warns(ModelVersionWarning, match=r"0\.24\.0.*installed"):
        load_model(saved)


def test_wrong_task_and_missing_meta(saved, tmp_path):
    with pytest.raises(ModelError, match="not a 'sourcing' model"):
        load_model(saved, task="sourcing")
    with pytest.raises(ModelError, match="meta.json not found"):
        load_model(tmp_path)


def test_bundled_models_load_and_carry_metrics():
    for task in ("framing", "sourcing"):
        m = load_model(persist.default_model_dir(task), task=task)
        assert m.meta["task"] == task
        assert (m.path / "MODEL_CARD.md").exists()


def test_the_package_records_the_hash_of_each_bundled_model():
    """Trust goes by these hashes (issue 13, item 1): after retraining a bundled model, update them."""
    import hashlib

    from framing.models.bundled import BUNDLED_SHA256

    folders = sorted(p.name for p in persist.BUNDLED_DIR.iterdir() if (p / "model.joblib").exists())
    assert sorted(BUNDLED_SHA256) == folders
    for task, recorded in BUNDLED_SHA256.items():
        path = persist.BUNDLED_DIR / task / "model.joblib"
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        assert actual == recorded, (
            f"{path} has sha256 {actual}, but framing/models/bundled.py records {recorded}. After retraining the "
            f"bundled {task} model, set BUNDLED_SHA256[{task!r}] = {actual!r} in framing/models/bundled.py.")
        assert json.loads((path.parent / "meta.json").read_text())["sha256"] == actual


def test_a_models_vectors_are_kept_once_beside_it_and_checked_on_load(saved, tmp_path):
    """The framing model's static vectors sit in its folder, not in model.joblib (which holds their
    sha256): a save writes the vectors the model uses, whatever the folder held, and a load refuses
    vectors that are not those."""
    est = load_model(saved, trust=True, task="framing").estimator
    (saved / "static_vectors.npz").write_bytes(b"vectors")
    assert persist.model_dir_problem(saved) is None
    meta = save_model(est, saved, {"name": "m", "task": "framing"})
    again = load_model(saved, trust=True, task="framing").estimator
    assert np.allclose(again.predict_proba(["A disgraceful, shameful sham."]), est.predict_proba(["A disgraceful, shameful sham."]))
    assert meta["size_bytes"] < (saved / "static_vectors.npz").stat().st_size  # the table is not in the model file too
    from framing.models.embeddings import load_vectors, save_vectors

    sv = load_vectors(saved / "static_vectors.npz")
    sv.vectors[0, 0] += 1
    save_vectors(sv, saved / "static_vectors.npz")
    with pytest.raises(persist.ModelError, match="other vectors than the model was trained with"):
        load_model(saved, trust=True, task="framing")
    (saved / "notes.txt").write_text("x")
    assert "notes.txt" in persist.model_dir_problem(saved)




def test_a_model_without_vectors_leaves_no_stale_vectors_file(tmp_path):
    """The folder is replaced whole: vectors left by an earlier framing model do not move into a
    model that uses none (they would be read back for nothing, and look like its own)."""
    out = tmp_path / "m"
    out.mkdir()
    (out / "static_vectors.npz").write_bytes(b"old vectors")
    save_model({"weights": [1, 2]}, out, {"name": "m", "task": "sourcing"})
    assert sorted(p.name for p in out.iterdir()) == ["meta.json", "model.joblib"]
