"""Several scored articles -> a comparison (comparison.py, words.py; figures aligned in figures.py from
figure_placing.py, figure_groups.py and figure_values.py) and its renderers: Markdown (report.py), HTML
(html_view.py), chart (chart.py).
"""
