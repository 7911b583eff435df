"""Save and load trained models: ``model.joblib`` + ``meta.json`` + ``MODEL_CARD.md`` in one folder.

joblib files run code when they are loaded, so loading is guarded: the file's sha256 must
match its meta.json, and the model must be bundled with framing, trained on this machine
(recorded in a trust file), or explicitly trusted by the caller. A scikit-learn version
different from the one that wrote the model gives a warning naming both versions.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import platform
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from .io import write_atomic

FORMAT_VERSION = 2           # 2: model.joblib holds the pickled estimator as one blob (fast to load)
READS_FORMATS = (1, 2)
MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
CARD_FILE = "MODEL_CARD.md"
BUNDLED_DIR = Path(__file__).resolve().parent.parent / "models"


class ModelError(RuntimeError):
    """A model that cannot be loaded safely; the message says why and what to do."""


class ModelVersionWarning(UserWarning):
    pass


@dataclass(frozen=True)
class LoadedModel:
    estimator: object
    meta: dict
    path: Path


def versions() -> dict:
    import joblib
    import numpy
    import sklearn

    from . import __version__

    return {"framing": __version__, "scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
            "joblib": joblib.__version__, "python": platform.python_version()}


# --- trust ---------------------------------------------------------------------------------

def user_data_dir() -> Path:
    """Where framing keeps per-user state (the trust file): $FRAMING_HOME, else XDG data home."""
    if os.environ.get("FRAMING_HOME"):
        return Path(os.environ["FRAMING_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "framing"


def trust_file() -> Path:
    return user_data_dir() / "trusted-models.json"


def trusted_hashes() -> set[str]:
    try:
        return set(json.loads(trust_file().read_text("utf-8")).get("sha256", []))
    except (OSError, ValueError, AttributeError):
        return set()


def remember_trusted(digest: str) -> None:
    """Record a model this machine trained, so it loads later without --trust-model."""
    hashes = trusted_hashes() | {digest}
    try:
        write_atomic(trust_file(), json.dumps({"sha256": sorted(hashes)}, indent=1) + "\n")
    except OSError as exc:
        warnings.warn(f"could not record the model as trusted in {trust_file()}: {exc}", stacklevel=2)


def is_bundled(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(BUNDLED_DIR)
    except OSError:
        return False


# --- save / load -----------------------------------------------------------------------

def save_model(estimator, out_dir: str | Path, meta: dict) -> dict:
    """Write the model folder atomically file by file; returns the meta written."""
    import joblib

    out = Path(out_dir)
    # The estimator goes in as one C-pickled blob: joblib's own unpickler is pure Python and
    # took ~0.3 s on the models' vocabularies (many small strings). lz4 decompresses ~3x
    # faster than zlib for a few percent more bytes. Together: 0.4 s -> 0.1 s to load both.
    buf = io.BytesIO()
    joblib.dump(pickle.dumps(estimator, protocol=pickle.HIGHEST_PROTOCOL), buf, compress=("lz4", 3))
    data = buf.getvalue()
    digest = hashlib.sha256(data).hexdigest()  # the bytes written are the bytes hashed, as on load
    write_atomic(out / MODEL_FILE, data)
    full = {"format_version": FORMAT_VERSION, **meta, "versions": versions(), "sha256": digest,
            "size_bytes": (out / MODEL_FILE).stat().st_size,
            "created": meta.get("created") or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    write_atomic(out / META_FILE, json.dumps(full, indent=1, ensure_ascii=False) + "\n")
    remember_trusted(digest)
    return full


def read_meta(model_dir: str | Path) -> dict:
    path = Path(model_dir) / META_FILE
    try:
        meta = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path} not found: a model folder holds {MODEL_FILE} and {META_FILE}") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path} is not readable JSON: {exc}") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{path} is not a JSON object")
    return meta


def load_model(model_dir: str | Path, trust: bool = False, task: str | None = None) -> LoadedModel:
    """Load a model folder after checking its hash, trust and versions (see module docstring)."""
    model_dir = Path(model_dir)
    if model_dir.is_file():
        model_dir = model_dir.parent
    meta = read_meta(model_dir)
    path = model_dir / MODEL_FILE
    if not path.exists():
        raise ModelError(f"{path} not found")
    if meta.get("format_version") not in READS_FORMATS:
        raise ModelError(f"{model_dir}: model format {meta.get('format_version')!r}, this framing reads formats {READS_FORMATS}; retrain it with `framing train`")
    if task and meta.get("task") != task:
        raise ModelError(f"{model_dir} is a {meta.get('task')!r} model, not a {task!r} model")
    # Hash and unpickle the same bytes: a file swapped between the check and the load is never run.
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta.get("sha256"):
        raise ModelError(f"{path} does not match the sha256 in its {META_FILE} (file {digest[:12]}…, meta "
                         f"{str(meta.get('sha256'))[:12]}…): it was changed after it was saved; refusing to load it")
    if not (trust or is_bundled(model_dir) or digest in trusted_hashes()):
        raise ModelError(
            f"{model_dir} is not a bundled model nor one trained on this machine. joblib files can run arbitrary "
            f"code when loaded, so framing refuses them by default. If you trust its source, pass --trust-model "
            f"(or trust=True in Python).")
    import sklearn

    saved = (meta.get("versions") or {}).get("scikit-learn")
    if saved and saved != sklearn.__version__:
        warnings.warn(f"{model_dir} was saved with scikit-learn {saved} but {sklearn.__version__} is installed; "
                      f"predictions may differ or fail. Retrain it, or install scikit-learn=={saved}.",
                      ModelVersionWarning, stacklevel=2)
    import joblib

    try:
        estimator = joblib.load(io.BytesIO(data))
        if isinstance(estimator, bytes):  # format 2: a pickled blob inside the joblib file
            estimator = pickle.loads(estimator)
    except Exception as exc:  # unpickling surfaces arbitrary errors from version drift or corruption
        raise ModelError(f"{path} could not be loaded: {type(exc).__name__}: {exc}") from None
    return LoadedModel(estimator, meta, model_dir)


def default_model_dir(task: str) -> Path:
    """The bundled model for ``task`` ('framing' or 'sourcing'); $FRAMING_MODELS overrides the folder."""
    base = Path(os.environ["FRAMING_MODELS"]) if os.environ.get("FRAMING_MODELS") else BUNDLED_DIR
    return base / task

