"""The trained models: one subpackage per sentence model (framing/, sourcing/), their shared static
vectors, persistence (persist.py) and the numpy-only prediction path (fast_predict.py).
"""
