"""Several scored articles -> a comparison (comparison.py, words.py, figures.py) and its renderers:
Markdown (report.py), HTML (html_view.py), chart (chart.py).
"""
