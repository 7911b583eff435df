"""BoundedCache: computed values kept in a dict that is emptied when full (hot scoring paths)."""
from __future__ import annotations


class BoundedCache(dict):
    """Values computed from a key, kept until ``limit`` of them and then emptied, so memory stays
    bounded on any stream. Read inline (``c[k] if k in c else c.add(k, f(k))``): most keys recur,
    and a dict look-up costs a fraction of a cached call."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def add(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
