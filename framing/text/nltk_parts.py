"""The three parts of NLTK framing uses (Punkt, the Snowball and Porter stemmers), imported without
``nltk/__init__.py``.

That file imports all of NLTK, and NLTK imports scipy.stats and scikit-learn: about 1.2 s at every
start, for three classes that need none of it. Here the ``nltk`` packages on the way are stood in
for by empty package modules while the three submodules load (their own imports are a few small
modules: ~0.08 s). Then every ``nltk`` module loaded here is taken out of ``sys.modules`` again
(framing keeps its own references), so a later ``import nltk`` anywhere in the process loads the
real package, whole, as usual. Where NLTK is already imported, it is used as it is.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from functools import lru_cache

_PACKAGES = ("nltk", "nltk.tokenize", "nltk.stem", "nltk.corpus")


class _LazyStopwords:
    """snowball.py binds ``nltk.corpus.stopwords`` at import; it is read only with
    ``ignore_stopwords=True``, which then loads the real corpus reader."""

    def __getattr__(self, name):
        from nltk.corpus import stopwords

        return getattr(stopwords, name)


@lru_cache(maxsize=1)
def _modules() -> dict[str, types.ModuleType]:
    wanted = ("nltk.tokenize.punkt", "nltk.stem.snowball", "nltk.stem.porter")
    if "nltk" in sys.modules:
        return {m: importlib.import_module(m) for m in wanted}
    root = importlib.util.find_spec("nltk").submodule_search_locations[0]
    before = set(sys.modules)
    for name in _PACKAGES:
        stub = types.ModuleType(name)
        stub.__path__ = [root + name[len("nltk"):].replace(".", "/")]
        if name == "nltk.corpus":
            stub.stopwords = _LazyStopwords()
        sys.modules[name] = stub
    try:
        return {m: importlib.import_module(m) for m in wanted}
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


def punkt():
    """The module nltk.tokenize.punkt."""
    return _modules()["nltk.tokenize.punkt"]


def snowball_stemmer(language: str = "english"):
    return _modules()["nltk.stem.snowball"].SnowballStemmer(language)


def porter_stemmer_class():
    return _modules()["nltk.stem.porter"].PorterStemmer
