"""The sourcing model's predictions, numpy only: P(attributes) per sentence, in chunks cut at documents
(AttributionPrediction), and the source spans of the sentences at or above a threshold (SourcingPrediction).
"""
import numpy as np

from framing.models.sourcing.tokens import as_sentences


class AttributionPrediction:
    """P(attributes) per sentence (see AttributionSentenceClassifier); ``_head_proba`` runs the head."""

    def encode(self, X, with_offsets=False):
        b = self.encoder_.transform(as_sentences(X), with_offsets=with_offsets)
        b.pad = self.encoder_.pad_
        return b

    def transform_features(self, X):
        return self.features_.transform(self.encode(X))

    def predict_proba(self, X, chunk=4096):
        """Processes large inputs in chunks of ~`chunk` sentences, cut at document boundaries (context
        features never cross documents, so results are identical to one big batch)."""
        X = as_sentences(X)
        n = len(X)
        if n <= 2 * chunk:
            p = self._head_proba(self.transform_features(X))
        else:
            d = X.docs
            cuts = [0]
            while n - cuts[-1] > 2 * chunk:
                c = cuts[-1] + chunk
                while c < n and d[c] == d[c - 1]:
                    c += 1
                if c >= n:
                    break
                cuts.append(c)
            cuts.append(n)
            p = np.concatenate([self._head_proba(self.transform_features(X[a:b]))
                                for a, b in zip(cuts[:-1], cuts[1:])])
        return np.c_[1 - p, p]

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= self.threshold_).astype(int)


class SourcingPrediction:
    """The sourcing model's predictions (see SourcingModel): the sentence classifier ``clf_`` and the
    span tagger ``src_`` (or None)."""

    def predict_proba(self, X):
        return self.clf_.predict_proba(X)

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= self.clf_.threshold_).astype(int)

    def predict_proba_and_spans(self, X, threshold=0.5):
        """(P(attributes) per sentence, source span or None per sentence): spans for the sentences
        at or above ``threshold``, with one tokenisation serving both models."""
        X = as_sentences(X)
        if self.src_ is None or len(X) > 8192:  # no span tagger, or big enough to need chunking
            p = self.predict_proba(X)[:, 1]
            idx = np.flatnonzero(p >= threshold)
            spans = [None] * len(X)
            for i, span in zip(idx, self.source_spans([X.texts[i] for i in idx])):
                spans[i] = span
            return p, spans
        b = self.clf_.encode(X)
        p = self.clf_._head_proba(self.clf_.features_.transform(b))
        return p, self.src_.predict_spans(self.clf_, None, batch=b, only=p >= threshold)

    def source_spans(self, texts):
        """Predicted source span (start, end) relative to each sentence, or None without a span tagger."""
        if self.src_ is None or not len(texts):
            return [None] * len(texts)
        return self.src_.predict_spans(self.clf_, list(texts))
