"""framing: how news outlets frame the same story, and how well they source it.

The public API is imported lazily so ``import framing`` stays cheap.
"""
__version__ = "0.2.0"

__all__ = ["__version__", "analyze", "parse", "read_inputs", "load_lexicon"]


def __getattr__(name):
    if name == "analyze":
        from framing.evidence.analysis import analyze
        return analyze
    if name == "parse":
        from framing.text.document import parse
        return parse
    if name == "read_inputs":
        from framing.read.inputs import read_inputs
        return read_inputs
    if name == "load_lexicon":
        from framing.evidence.lexicon import load_lexicon
        return load_lexicon
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
