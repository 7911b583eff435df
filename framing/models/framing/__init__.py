"""The framing (loaded-language) sentence model: its views at prediction, numpy only (batch.py,
ngram_views.py, word_views.py, lexicon_views.py), their fitting with scikit-learn (view_estimators.py,
folds.py), the estimator that stacks and calibrates them (estimator.py) and the news head (news_head.py).

The views are kept apart from their fitting so that scoring can run the bundled model without
importing scikit-learn or scipy (fast_predict.py): the same code computes the features on either path.
"""
