"""Figures in news text as data: value, bounds, unit, what is counted, who says it; and their
alignment across outlets (see extract.py here, and compare/figures.py)."""
from framing.evidence.figures.extract import Figure, extract, merge

__all__ = ["Figure", "extract", "merge"]
