"""Save and load trained models: ``model.joblib`` + ``meta.json`` + ``MODEL_CARD.md`` in one folder.

joblib files run code when they are loaded, so loading is guarded. Before anything of a model
but a bounded meta.json is read, it must be trusted: a bundled model, known by the sha256 the
package records (models/bundled.py), not by where it lies; one trained on this machine (recorded
in a trust file); or one the caller trusts explicitly. Then the file must match the sha256 in its
meta.json, and hold a model for the task it is loaded for. A scikit-learn version different from
the one that wrote the model gives a warning naming both versions.

A model folder is written as a unit: to a temporary folder beside it, swapped in with one rename.
"""
from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import pickle
import re
import shutil
import stat
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from framing.models import legacy
from framing.models.provenance import _sklearn_version, versions
from framing.models.bundled import BUNDLED_SHA256
from framing.writing import write_atomic

FORMAT_VERSION = 2           # 2: model.joblib holds the pickled estimator as one blob (fast to load)
READS_FORMATS = (1, 2)
MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
CARD_FILE = "MODEL_CARD.md"
BUNDLED_DIR = Path(__file__).resolve().parents[2] / "models"
MAX_META_BYTES = 1 << 20     # a meta.json is a few KB; this bounds what an untrusted folder can make us read


class ModelError(RuntimeError):
    """A model that cannot be loaded safely; the message says why and what to do."""


class ModelVersionWarning(UserWarning):
    pass


@dataclass(frozen=True)
class LoadedModel:
    estimator: object
    meta: dict
    path: Path


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
        hashes = json.loads(_read_regular(trust_file(), MAX_META_BYTES)).get("sha256", [])
        return {h for h in hashes if isinstance(h, str)}
    except (OSError, ModelError, ValueError, RecursionError, AttributeError, TypeError):
        return set()


def remember_trusted(digest: str) -> None:
    """Record a model this machine trained, so it loads later without --trust-model."""
    hashes = trusted_hashes() | {digest}
    try:
        write_atomic(trust_file(), json.dumps({"sha256": sorted(hashes)}, indent=1) + "\n")
    except OSError as exc:
        warnings.warn(f"could not record the model as trusted in {trust_file()}: {exc}", stacklevel=2)


def is_bundled(task: str, digest: str) -> bool:
    """Whether ``digest`` is the bundled model of ``task`` (wherever its folder lies)."""
    return BUNDLED_SHA256.get(task) == digest


# --- reading, bounded -------------------------------------------------------------------

def _read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of ``path``, which must be a regular file (of at most ``limit`` bytes): a FIFO
    would block, a device like /dev/zero never end, a folder is not a file. Opened without
    blocking, then checked, so nothing but a regular file is ever read. Raises ModelError, or
    FileNotFoundError for the caller to explain."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ModelError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ModelError(f"{path} is not a regular file (a folder, FIFO or device); refusing to read it")
    with os.fdopen(fd, "rb") as f:
        data = f.read() if limit is None else f.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise ModelError(f"{path} is larger than {limit:,} bytes; refusing to read it")
    return data


_SHA256 = re.compile(r"[0-9a-f]{64}")
# the fields framing reads from a meta.json, and their types: checked before any is used
_META_FIELDS = {"task": str, "sha256": str, "name": str, "created": str, "versions": dict, "metrics": dict,
                "size_bytes": int}


def _meta_problem(meta) -> str | None:
    if not isinstance(meta, dict):
        return "it is not a JSON object"
    version = meta.get("format_version")
    if type(version) is not int or version not in READS_FORMATS:
        return f"model format {version!r}, this framing reads formats {READS_FORMATS}; retrain it with `framing train`"
    for key, kind in _META_FIELDS.items():
        if key in ("task", "sha256") and key not in meta:
            return f"it has no {key!r}"
        if key in meta and not isinstance(meta[key], kind):
            return f"{key!r} is {type(meta[key]).__name__}, expected {kind.__name__}"
    if not _SHA256.fullmatch(meta["sha256"]):
        return "'sha256' is not 64 hexadecimal digits"
    if not all(isinstance(v, str) for v in meta.get("versions", {}).values()):
        return "'versions' holds something other than version strings"
    if not all(isinstance(v, dict) for v in meta.get("metrics", {}).values()):
        return "'metrics' holds something other than tables of metrics"
    return None


def read_meta(model_dir: str | Path) -> dict:
    """A model folder's meta.json: a regular file of at most MAX_META_BYTES, whose fields have the
    types framing expects (raises ModelError saying what is wrong)."""
    path = Path(model_dir) / META_FILE
    try:
        data = _read_regular(path, MAX_META_BYTES)
    except FileNotFoundError:
        raise ModelError(f"{path} not found: a model folder holds {MODEL_FILE} and {META_FILE}") from None
    try:
        meta = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ModelError(f"{path} is not readable JSON: nested too deeply") from None
    except ValueError as exc:
        raise ModelError(f"{path} is not readable JSON: {exc}") from None
    problem = _meta_problem(meta)
    if problem:
        raise ModelError(f"{path}: {problem}")
    return meta


# --- save / load -----------------------------------------------------------------------

# Files a model folder may hold besides the model: the framing model's static vectors, which
# `framing train` reuses when it cannot re-distil them (framing/embeddings.py). A save writes the
# vectors the model refers to; one that refers to none leaves none behind.
COMPANION_FILES = ("static_vectors.npz",)


def model_dir_problem(out: str | Path) -> str | None:
    """Why a model folder cannot be written at ``out`` (checked before any training), or None.
    The folder is replaced as a whole, so an existing one must hold nothing but a model's files."""
    out = Path(os.path.abspath(out))
    try:
        if out.is_symlink():
            return "it is a symbolic link; give the folder itself"
        if out.exists():
            if not out.is_dir():
                return "it exists and is not a folder"
            others = sorted(p.name for p in out.iterdir() if p.name not in (MODEL_FILE, META_FILE, CARD_FILE,
                                                                            *COMPANION_FILES))
            if others:
                return (f"the folder holds files that are not a model's ({', '.join(others[:3])}"
                        f"{', ...' if len(others) > 3 else ''}), and saving replaces the whole folder")
        parent = next(p for p in out.parents if p.exists())
        if not parent.is_dir():
            return f"{parent} is not a folder"
        if not os.access(parent, os.W_OK | os.X_OK):
            return f"{parent} is not writable"
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def save_model(estimator, out_dir: str | Path, meta: dict, card: Callable[[dict], str] | None = None) -> dict:
    """Write the model folder (model.joblib, meta.json and, given ``card``, MODEL_CARD.md made from
    the final meta) as a unit: into a temporary folder beside it, then swapped in with one rename,
    so a crash at any point leaves the old model or the new one, whole. Returns the meta written."""
    import joblib

    out = Path(os.path.abspath(out_dir))
    problem = model_dir_problem(out)
    if problem:
        raise ModelError(f"cannot save a model to {out_dir}: {problem}")
    # The estimator goes in as one C-pickled blob: joblib's own unpickler is pure Python and
    # took ~0.3 s on the models' vocabularies (many small strings). lz4 decompresses ~3x
    # faster than zlib for a few percent more bytes. Together: 0.4 s -> 0.1 s to load both.
    from framing.models.embeddings import VECTORS_FILE, by_reference, vectors_bytes

    with by_reference() as vectors:  # static vectors go beside the model, once (embeddings.py)
        blob = pickle.dumps(estimator, protocol=pickle.HIGHEST_PROTOCOL)
    if len(vectors) > 1:
        raise ModelError("a model may use one table of static vectors, not several")
    buf = io.BytesIO()
    joblib.dump(blob, buf, compress=("lz4", 3))
    data = buf.getvalue()
    digest = hashlib.sha256(data).hexdigest()  # the bytes written are the bytes hashed, as on load
    full = {"format_version": FORMAT_VERSION, **meta, "versions": versions(), "sha256": digest,
            "size_bytes": len(data),
            "created": meta.get("created") or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    files = {MODEL_FILE: data, META_FILE: (json.dumps(full, indent=1, ensure_ascii=False) + "\n").encode("utf-8")}
    if card is not None:
        files[CARD_FILE] = card(full).encode("utf-8")
    for sv in vectors.values():  # the vectors the model refers to, whatever the folder held
        files[VECTORS_FILE] = vectors_bytes(sv)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp's 0700 would hide the model from other users
        for name, content in files.items():
            with open(tmp / name, "xb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
        _fsync_dir(tmp)
        remember_trusted(digest)  # first: a crash right after the swap must not leave it untrusted
        _swap_in(tmp, out)
        _fsync_dir(out.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the old model after a swap; the new one if it failed
    return full


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # not possible on every system (Windows); the files themselves were synced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _swap_in(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target`` with one rename; afterwards ``new`` holds the old folder, if any.
    Replacing a folder in one step needs Linux's renameat2(RENAME_EXCHANGE); elsewhere the old one
    is moved aside first (a crash between the two renames leaves it there, whole, under the temporary name)."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return
    aside = new.with_name(new.name + ".old")
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    os.rename(aside, new)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2 with RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # an old kernel, or a file system without it
        return False
    raise OSError(err, os.strerror(err), str(b))


def load_model(model_dir: str | Path, trust: bool = False, task: str | None = None,
               predict_only: bool = False) -> LoadedModel:
    """Load a model folder after checking its trust, hash, task and versions (see the module docstring).

    ``predict_only``: the estimator is only used to predict, so a model of the structure framing
    trains comes as fast_predict.py's light model (same predictions, no scikit-learn import);
    anything else as the scikit-learn estimator."""
    model_dir = Path(model_dir)
    try:
        if model_dir.is_file():
            model_dir = model_dir.parent
    except OSError as exc:
        raise ModelError(f"{model_dir} cannot be read: {exc.strerror or exc}") from None
    meta = read_meta(model_dir)
    if task and meta["task"] != task:
        raise ModelError(f"{model_dir} is a {meta['task']!r} model, not a {task!r} model")
    task = meta["task"]
    # The trust decision comes first: nothing of an untrusted model but its meta.json is read.
    if not (trust or is_bundled(task, meta["sha256"]) or meta["sha256"] in trusted_hashes()):
        raise ModelError(
            f"{model_dir} is not a bundled model nor one trained on this machine (by its sha256). joblib files can "
            f"run arbitrary code when loaded, so framing refuses them by default. If you trust its source, pass "
            f"--trust-model (or trust=True in Python).")
    path = model_dir / MODEL_FILE
    # Hash and unpickle the same bytes: a file swapped between the check and the load is never run.
    try:
        data = _read_regular(path)
    except FileNotFoundError:
        raise ModelError(f"{path} not found") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise ModelError(f"{path} does not match the sha256 in its {META_FILE} (file {digest[:12]}…, meta "
                         f"{meta['sha256'][:12]}…): it was changed after it was saved; refusing to load it")
    saved, installed = meta.get("versions", {}).get("scikit-learn"), _sklearn_version()
    if saved and saved != installed:
        warnings.warn(f"{model_dir} was saved with scikit-learn {saved} but {installed} is installed; "
                      f"predictions may differ or fail. Retrain it, or install scikit-learn=={saved}.",
                      ModelVersionWarning, stacklevel=2)
    try:
        estimator = _unpack(data)
        if isinstance(estimator, bytes):  # format 2: a pickled blob inside the joblib file
            from framing.models.embeddings import from_folder

            with from_folder(model_dir):  # a framing model's static vectors lie beside it
                light = _light_model(estimator, task) if predict_only and saved == installed else None
                estimator = light if light is not None else legacy.loads(estimator)
            if light is not None:  # fast_predict checked what it holds
                return LoadedModel(light, meta, model_dir)
    except Exception as exc:  # unpickling surfaces arbitrary errors from version drift or corruption
        raise ModelError(f"{path} could not be loaded: {type(exc).__name__}: {exc}") from None
    from framing.models.tasks import estimator_class

    if not isinstance(estimator, estimator_class(task)):
        raise ModelError(f"{path} holds a {type(estimator).__name__}, not a {task} model, whatever its {META_FILE} "
                         f"says; refusing to use it")
    return LoadedModel(estimator, meta, model_dir)


def _unpack(data: bytes):
    """What a joblib file holds. Models framing saves are an lz4 frame around a pickled bytes object,
    read here without importing joblib (0.1 s); anything else goes to joblib."""
    if data[:4] == b"\x04\x22\x4d\x18":  # the lz4 frame magic number
        import lz4.frame

        try:
            obj = _NoGlobals(io.BytesIO(lz4.frame.decompress(data))).load()
            if isinstance(obj, bytes):
                return obj
        except (pickle.UnpicklingError, ValueError, EOFError, RuntimeError):
            pass
    import joblib

    with legacy.old_modules():
        return joblib.load(io.BytesIO(data))


class _NoGlobals(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError("not a plain pickled bytes object")


def _light_model(blob: bytes, task: str):
    """fast_predict's model of ``blob``, or None (a structure it does not compute, or any surprise)."""
    from framing.models.fast_predict import load

    try:
        return load(blob, task)
    except Exception:  # noqa: BLE001 - the scikit-learn path loads it, or says what is wrong
        return None


def default_model_dir(task: str) -> Path:
    """The bundled model for ``task`` ('framing' or 'sourcing'); $FRAMING_MODELS overrides the folder."""
    base = Path(os.environ["FRAMING_MODELS"]) if os.environ.get("FRAMING_MODELS") else BUNDLED_DIR
    return base / task
