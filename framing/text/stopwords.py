"""The English stopword list framing ships (framing/resources/stopwords_en.txt), made for this project:
words too common to say anything about an outlet's wording or a text's language."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("framing.resources").joinpath("stopwords_en.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))
