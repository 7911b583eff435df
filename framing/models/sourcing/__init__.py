"""The sourcing (attribution) sentence model and its source-span tagger: at prediction, numpy only, the
input and its tokens (tokens.py), the sentence classifier's views (classifier_views.py), the span tagger
(spans.py) and the model's predictions (prediction.py); the estimators that fit them (estimator.py).

Prediction is kept apart from fitting so that scoring can run the bundled model without importing
scikit-learn or scipy (fast_predict.py): the same code computes the features on either path.
"""
