"""The sourcing (attribution) sentence model and its source-span tagger: prediction-time views
(views.py) and the estimators that fit them (estimator.py).
"""
