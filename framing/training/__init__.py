"""`framing train` and `framing evaluate`: datasets, the recipes (recipes.py, fitting.py, framing_recipe.py,
sourcing_recipe.py, report.py), held-out metrics and the checks of the sourcing evidence and figures against
people's labels.
"""
