"""scikit-learn's FeatureHasher column of a feature string, in pure Python: the same number on the
training path (scikit-learn) and on the scoring path (fast_predict.py, no scikit-learn)."""
from __future__ import annotations


def _murmurhash3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3 x86 32-bit, signed: scikit-learn's ``murmurhash3_bytes_s32``."""
    c1, c2, mask = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF
    h = seed
    n = len(data) // 4 * 4
    for i in range(0, n, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
        h = ((h << 13) | (h >> 19)) & mask
        h = (h * 5 + 0xE6546B64) & mask
    tail = data[n:]
    k = 0
    for j, byte in enumerate(tail):
        k |= byte << (8 * j)
    if tail:
        k = (k * c1) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * c2) & mask
        h ^= k
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h


def feature_index(f: str, n_features: int) -> int:
    """FeatureHasher's column of a feature string."""
    h = _murmurhash3_32(f.encode("utf-8"))
    return (2147483647 - (n_features - 1)) % n_features if h == -2147483648 else abs(h) % n_features
