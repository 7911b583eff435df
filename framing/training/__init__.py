"""`framing train` and `framing evaluate`: datasets, the recipes, held-out metrics and the checks of
the sourcing evidence and figures against people's labels.
"""
