"""The `framing` command line: the typer app (app.py), terminal display and output writers.
"""
