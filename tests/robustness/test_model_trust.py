"""Issue 6, item 5: untrusted models. joblib runs code on load: bundled models and models trained
on this machine load; any other file is refused unless the user trusts it; a file that does not
match its meta is always refused."""
import hashlib
import json
import os
import shutil

import joblib
import pytest
from typer.testing import CliRunner

from framing.models import persist
from framing.models.bundled import BUNDLED_SHA256
from framing.cli.app import app
from framing.training.datasets import LabelledSentence
from framing.models.persist import ModelError, load_model, save_model
from framing.training.fitting import fit

from ..conftest import EXAMPLES, TINY
from . import proc

runner = CliRunner()


class _Payload:
    """Unpickling this creates a file: a stand-in for whatever code a hostile model would run."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _hostile_model(folder, marker):
    folder.mkdir()
    joblib.dump(_Payload(marker), folder / "model.joblib")
    digest = hashlib.sha256((folder / "model.joblib").read_bytes()).hexdigest()
    (folder / "meta.json").write_text(json.dumps({"format_version": 1, "task": "framing", "sha256": digest}))
    return folder


@pytest.fixture
def trained(tmp_path):
    est = fit("framing", [LabelledSentence(t, y) for t, y in TINY])
    save_model(est, tmp_path / "mine", {"name": "mine", "task": "framing"})
    return tmp_path / "mine"


def test_bundled_models_load_with_no_trust_file():
    assert not persist.trust_file().exists()
    for task in ("framing", "sourcing"):
        assert load_model(persist.default_model_dir(task), task=task).meta["task"] == task


def test_a_model_trained_here_is_recorded_and_loads(trained):
    meta = json.loads((trained / "meta.json").read_text())
    assert json.loads(persist.trust_file().read_text())["sha256"] == [meta["sha256"]]
    assert load_model(trained).meta["name"] == "mine"


def test_a_hostile_model_is_refused_before_any_of_its_code_runs(tmp_path):
    marker = tmp_path / "pwned"
    model = _hostile_model(tmp_path / "evil", marker)
    with pytest.raises(ModelError) as err:
        load_model(model)
    assert "can run arbitrary code" in str(err.value) and "--trust-model" in str(err.value)
    assert not marker.exists()
    r = runner.invoke(app, ["score", str(EXAMPLES), "--framing-model", str(model)])
    assert r.exit_code == 2 and "--trust-model" in r.stderr and "Traceback" not in r.output
    assert not marker.exists()
    with pytest.raises(ModelError, match="holds a TextIOWrapper, not a framing model"):
        load_model(model, trust=True)  # what --trust-model means: the code runs (and then it is no model)
    assert marker.exists()


def test_a_model_not_trained_here_needs_trust_model_in_every_command(trained, tmp_path):
    persist.trust_file().unlink()  # as if it had been trained on another machine
    labels = tmp_path / "labels.csv"
    labels.write_text("text,label\n" + "".join(f'"{t}",{y}\n' for t, y in TINY))
    for args in (["score", str(EXAMPLES), "--framing-model", str(trained)],
                 ["compare", str(EXAMPLES), "--framing-model", str(trained)],
                 ["evaluate", "--task", "framing", "--model", str(trained), "--data", str(labels),
                  "-o", str(tmp_path / "m.md")]):
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and "not a bundled model nor one trained on this machine" in r.stderr, args
        r = runner.invoke(app, args + ["--trust-model"])
        assert r.exit_code == 0, (args, r.output)


# --- issue 13, item 1: trusted by the hash the package records, not by location ---------------------

def test_a_hostile_model_inside_the_repository_models_folder_is_refused(tmp_path):
    """The reproduction: `framing train --out models/mine` is in the README, so a folder under models/
    proves nothing; a pickle there with a matching meta.json used to load without --trust-model."""
    import uuid

    marker = tmp_path / "pwned"
    folder = persist.BUNDLED_DIR / f"downloaded-evil-{uuid.uuid4().hex[:8]}"
    try:
        _hostile_model(folder, marker)
        r = proc.run("score", EXAMPLES / "meridian-wire.md", "--framing-model", folder)
        assert r.returncode == 2, r.stderr
        assert "not a bundled model nor one trained on this machine" in r.stderr and "Traceback" not in r.stderr
        assert not marker.exists()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_bundled_models_are_known_by_the_hash_the_package_records(tmp_path):
    """A bit-identical copy of a bundled model loads anywhere; a bundled model under another task's
    name does not, whatever its meta.json says, and with --trust-model its contents give it away."""
    copy = tmp_path / "copy"
    shutil.copytree(persist.default_model_dir("framing"), copy)
    assert load_model(copy, task="framing").meta["sha256"] == BUNDLED_SHA256["framing"]
    liar = tmp_path / "liar"
    shutil.copytree(persist.default_model_dir("sourcing"), liar)
    meta = json.loads((liar / "meta.json").read_text())
    (liar / "meta.json").write_text(json.dumps({**meta, "task": "framing"}))
    with pytest.raises(ModelError, match="--trust-model"):
        load_model(liar, task="framing")
    r = proc.run("score", EXAMPLES / "meridian-wire.md", "--framing-model", liar, "--trust-model")
    assert r.returncode == 2 and "holds a SourcingModel, not a framing model" in r.stderr, r.stderr


def _meta_for(folder, **fields):
    meta = {"format_version": 2, "task": "framing", "sha256": "0" * 64, **fields}
    (folder / "meta.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("case, trust, why", [
    ("meta.json is /dev/zero", False, "is not a regular file"),
    ("meta.json is a FIFO", False, "is not a regular file"),
    ("meta.json is a folder", False, "is not a regular file"),
    ("meta.json is 2 MB", False, "is larger than 1,048,576 bytes"),
    ("meta.json is nested 100,000 deep", True, "not readable JSON: nested too deeply"),
    ("versions is a string", True, "'versions' is str, expected dict"),
    ("sha256 is not a hash", True, "'sha256' is not 64 hexadecimal digits"),
    ("model.joblib is /dev/zero", False, "--trust-model"),
    ("model.joblib is /dev/zero", True, "is not a regular file"),
    ("model.joblib is a FIFO", False, "--trust-model"),
    ("model.joblib is a FIFO", True, "is not a regular file"),
    ("model.joblib is a folder", True, "is not a regular file"),
])
def test_nothing_of_an_untrusted_model_but_a_bounded_meta_json_is_read(tmp_path, case, trust, why):
    """Each of these hung, exhausted memory or was an internal error (exit 3); now each is refused
    (exit 2) with its reason, and untrusted model files are refused before they are opened."""
    folder = tmp_path / "m"
    folder.mkdir()
    target = folder / case.split()[0]
    if case.startswith("model.joblib"):
        _meta_for(folder)
    if "/dev/zero" in case:
        target.symlink_to("/dev/zero")
    elif "FIFO" in case:
        os.mkfifo(target)
    elif "folder" in case:
        target.mkdir()
    elif "2 MB" in case:
        target.write_text(json.dumps({"format_version": 2, "pad": "x" * 2_000_000}))
    elif "nested" in case:
        target.write_text("[" * 100_000)
    elif "versions" in case:
        _meta_for(folder, versions="x")
    elif "sha256" in case:
        _meta_for(folder, sha256="not a hash")
    if case.startswith("meta.json") and "versions" not in case and "sha256" not in case:
        (folder / "model.joblib").write_bytes(b"never read")
    r = proc.run("score", EXAMPLES / "meridian-wire.md", "--framing-model", folder,
                     *(["--trust-model"] if trust else []), timeout=60)
    assert r.returncode == 2 and why in r.stderr and "Traceback" not in r.stderr, (r.returncode, r.stderr)


def test_a_file_that_does_not_match_its_meta_is_refused_even_when_trusted(trained):
    data = bytearray((trained / "model.joblib").read_bytes())
    data[len(data) // 2] ^= 0x01
    (trained / "model.joblib").write_bytes(bytes(data))
    for trust in (False, True):
        with pytest.raises(ModelError, match="does not match the sha256 in its meta.json"):
            load_model(trained, trust=trust)
    r = runner.invoke(app, ["score", str(EXAMPLES), "--framing-model", str(trained), "--trust-model"])
    assert r.exit_code == 2 and "refusing to load it" in r.stderr


def test_a_file_swapped_after_its_hash_was_checked_is_never_loaded(trained, tmp_path, monkeypatch):
    """The bytes hashed are the bytes unpickled: swapping the file in between changes nothing."""
    marker = tmp_path / "pwned"
    evil = _hostile_model(tmp_path / "evil", marker) / "model.joblib"
    real_sha256 = hashlib.sha256

    class SwapAfterHashing:  # an attacker replaces the file right after its hash was taken
        def __init__(self, data=b""):
            self._h = real_sha256(data)

        def update(self, data):
            self._h.update(data)

        def hexdigest(self):
            shutil.copy(evil, trained / "model.joblib")
            return self._h.hexdigest()

    monkeypatch.setattr(persist.hashlib, "sha256", SwapAfterHashing)
    model = load_model(trained)
    assert hasattr(model.estimator, "predict_proba") and not marker.exists()


def test_a_broken_trust_file_trusts_nothing(trained):
    persist.trust_file().write_text("{not json")
    with pytest.raises(ModelError, match="--trust-model"):
        load_model(trained)
    persist.trust_file().write_text(json.dumps({"sha256": "0123"}))
    with pytest.raises(ModelError, match="--trust-model"):
        load_model(trained)


def test_a_model_in_a_folder_without_meta_is_refused(tmp_path):
    (tmp_path / "bare").mkdir()
    joblib.dump({"a": 1}, tmp_path / "bare" / "model.joblib")
    with pytest.raises(ModelError, match="meta.json not found"):
        load_model(tmp_path / "bare" / "model.joblib")
