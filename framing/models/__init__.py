"""The trained models: one subpackage per sentence model (framing/, sourcing/), the task table (tasks.py),
their static vectors (embeddings.py), saving and checked loading (persist.py, provenance.py, bundled.py,
legacy.py for class paths of older saves) and the numpy-only prediction path (fast_predict.py, hashing.py).
"""
