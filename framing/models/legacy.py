"""Old class paths: models saved by framing 0.1 (before the modules were grouped by stage, 0.2) name
their classes by the old flat modules ("framing.framing_model.BiasedWordScores"). Each old module
maps to the package its classes live in now, where a class is found by its name."""
from __future__ import annotations

import importlib
import io
import pickle
import pkgutil
import sys
import types
from contextlib import contextmanager
from functools import lru_cache

OLD_MODULES = {
    "framing.framing_model": "framing.models.framing",
    "framing.sentence_views": "framing.models.framing",
    "framing.news_head": "framing.models.framing",
    "framing.sourcing_model": "framing.models.sourcing",
    "framing.sourcing_views": "framing.models.sourcing",
    "framing.source_verifier": "framing.evidence",
    "framing.source_typer": "framing.evidence",
    "framing.embeddings": "framing.models",
}


@lru_cache(maxsize=None)
def find(module: str, name: str) -> type:
    """The class ``name`` a model saved from old ``module``."""
    package = importlib.import_module(OLD_MODULES[module])
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        found = getattr(importlib.import_module(info.name), name, None)
        if isinstance(found, type) and found.__module__ == info.name:
            return found
    raise AttributeError(f"{module}.{name}: no class {name} in {package.__name__}")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        return find(module, name) if module in OLD_MODULES else super().find_class(module, name)


def loads(data: bytes):
    """pickle.loads, with old class paths read as their new ones."""
    return _Unpickler(io.BytesIO(data)).load()


@contextmanager
def old_modules():
    """The old modules importable while a library's own unpickler (joblib's) runs."""
    added = [m for m in OLD_MODULES if m not in sys.modules]
    for m in added:
        shim = sys.modules[m] = types.ModuleType(m)
        shim.__getattr__ = lambda name, m=m: find(m, name)
    try:
        yield
    finally:
        for m in added:
            sys.modules.pop(m, None)
