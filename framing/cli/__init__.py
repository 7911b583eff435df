"""The `framing` command line: the typer app and main (app.py), the commands (analyze.py, score.py, compare.py,
train.py), what they share (common.py), terminal display and output writers.
"""
