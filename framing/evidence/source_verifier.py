"""Candidate source spans -> kept or dropped: a learned check that a span names who speaks.

The extractor (attribution/) proposes source spans from its rules and from the span tagger;
many proposals on real news are places, clause fragments or objects of the cue ("the investor
took several", "Kharkiv", "answer"). This verifier is a logistic regression over hashed features
of a candidate (its words, head and first word, capitalisation, place-gazetteer and first-name
hits, the cue and on which side of it the span stands, the word before and after, whether the
rules and the tagger agree, the sentence's attribution probability, and every pair of these: see
``row_columns``), trained on PolNeAR train
candidates labelled by overlap with the annotators' ``Source`` spans. The spans and
probabilities it is trained on come from sourcing models fitted on the *other* half of the
articles (cross-fitting), so it learns how far the tagger is right on text it has not seen.
Where the evidence is weak it prefers no source to a wrong one.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from framing.evidence.attribution.ledger import one_per_cue
from framing.evidence.attribution.names import has_name
from framing.evidence.attribution.records import Attribution
from framing.evidence.attribution.resources import is_place, known_first_name
from framing.models.sourcing.tokens import combine
from framing.types import Document

_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")
FOLDS = 2


def _shape(w: str) -> str:
    return "X" if w[:1].isupper() else ("d" if w[:1].isdigit() else "x")


def candidate_features(doc: Document, att: Attribution, prob: float, learned: tuple[int, int] | None) -> list[str]:
    """Feature strings of one candidate source span (``att.source`` must be set)."""
    text = doc.text
    s = doc.sentences[att.sentence]
    a, b = att.source
    span = text[a:b]
    ws = _WORD.findall(span)
    wl = [w.lower() for w in ws] or ["<e>"]
    prev = _WORD.findall(text[max(s.start, a - 30):a])
    nxt = _WORD.findall(text[b:b + 30])
    before, after = prev[-1].lower() if prev else "<s>", nxt[0].lower() if nxt else "</s>"
    shape, pb = "".join(_shape(w) for w in ws[:6]), min(int(prob * 5), 4)
    f = [f"first={wl[0]}", f"last={wl[-1]}", f"first_last={wl[0]}|{wl[-1]}", f"len={min(len(ws), 8)}",
         f"kind={att.kind}", f"named={att.named}", f"shape={shape}",
         f"cue={att.cue_text.lower()}", f"hasname={has_name(span)}", f"resolved={bool(att.resolved_from)}",
         f"direct={att.direct}", f"learned={learned == att.source}", f"comma={',' in span}",
         f"agree={learned is not None and learned[0] < b and a < learned[1]}", f"pb={pb}",
         f"startsent={a <= s.start + 1}", f"place={is_place(span)}", f"firstname={known_first_name(ws[0] if ws else '')}",
         f"prev={before}", f"next={after}"]
    side = "none"
    if learned == att.source:  # the tagger's own best span, and how sure it was (sourcing_model.Span)
        f.append(f"tagger={min(max(int(getattr(learned, 'score', 0.0)), -3), 8)}")
    elif att.source in getattr(learned, "extras", ()):
        f.append("tagger_extra")
    if att.cue:
        side = "before" if a < att.cue[0] else "after"
        gap = text[min(b, att.cue[1]):max(a, att.cue[0])]
        f += [f"side={side}", f"gap={min(len(gap.split()), 4)}", f"cue_side={side}|{att.cue_text.lower()}",
              f"kind_side={att.kind}|{side}", f"named_side={att.named}|{side}"]
    else:
        f.append("nocue")
    f += [f"first_side={wl[0]}|{side}", f"last_side={wl[-1]}|{side}", f"prev_side={before}|{side}",
          f"next_side={after}|{side}", f"shape_side={shape}|{side}", f"pb_side={pb}|{side}"]
    f += [f"w={w}" for w in wl]
    f.append(f"canonical={canonical(doc, att)}")
    return f


def _paired(f: str) -> bool:
    """A feature that also enters the model in pairs with the others: all but the bag of words and
    the conjunctions written out above."""
    return not f.startswith("w=") and "|" not in f


_PAIR_NS = 301


def coded_column(f: str, column: int, n_features: int) -> int:
    """``column`` (FeatureHasher's column of ``f``), plus ``n_features`` if ``f`` is paired: the value
    ``row_columns`` reads, cached by the caller with the column."""
    return column + n_features if _paired(f) else column


def row_columns(rows: list[list[str]], n_features: int, coded) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each hashed feature of ``rows``: every feature string at its column, and,
    for every two paired features of a row, a column hashed from theirs. ``coded(f)`` gives
    ``coded_column`` of ``f``. The pairs let a linear model weigh a cue word by its side, a first
    word by the kind, ... (train out-of-fold mention F1 0.7557 -> 0.7621); hashing them from the
    columns, not as strings, and for all rows at once keeps the ~230 pairs of a candidate cheap."""
    c = np.array([coded(f) for row in rows for f in row], dtype=np.int64)
    r = np.repeat(np.arange(len(rows)), [len(row) for row in rows])
    paired = c >= n_features
    c[paired] -= n_features
    pr, pc = r[paired], c[paired]
    k = np.bincount(pr, minlength=len(rows))  # paired features a row
    if not len(pr) or k.max() < 2:
        return r, c
    # the paired columns of each row in a padded matrix; its upper-triangle pairs where both exist
    pos = np.arange(len(pr)) - np.repeat(np.cumsum(k) - k, k)
    M = np.full((len(rows), k.max()), -1, dtype=np.int64)
    M[pr, pos] = pc
    i, j = np.triu_indices(k.max(), 1)
    a, b = M[:, i], M[:, j]
    ok = b >= 0  # (a is filled wherever b is)
    rows_of = np.broadcast_to(np.arange(len(rows))[:, None], a.shape)[ok]
    pairs = (combine(_PAIR_NS, a[ok], b[ok]) % np.uint64(n_features)).astype(np.int64)
    return np.r_[r, rows_of], np.r_[c, pairs]


_SPEECH_VERB = re.compile(r"(?:said|says|say|told|tells|reports|reported|added|wrote|writes|tweeted|posted|announced|"
                          r"confirmed|admitted|claimed|claims|stated|warned|insisted|argued|denied|explained|noted|"
                          r"acknowledged|asserted|declared|maintained|suggested|vowed|blamed|accused)$", re.IGNORECASE)


def canonical(doc: Document, att: Attribution) -> bool:
    """The textbook pattern: a named person or body as the subject of a speech verb right beside
    it ("the MoD said", "..., reports the BBC", "..., said James Rushton")."""
    if not (att.cue and att.source and att.named and _SPEECH_VERB.match(att.cue_text.strip())):
        return False
    a, b = att.source
    gap = doc.text[b:att.cue[0]] if b <= att.cue[0] else doc.text[att.cue[1]:a]
    return len(re.findall(r"\w+", gap)) <= 1


@lru_cache(maxsize=1)
def _verifier_class() -> type:
    """The SourceVerifier class, made on first use: it is a scikit-learn estimator, and scoring with
    the bundled model (fast_predict.py) runs without importing scikit-learn."""
    from sklearn.base import BaseEstimator, ClassifierMixin

    class SourceVerifier(BaseEstimator, ClassifierMixin):
        """P(candidate span names the source) from ``candidate_features`` rows."""

        def __init__(self, n_features: int = 2 ** 18, C: float = 0.03, threshold: float = 0.5,
                     canonical_threshold: float = 0.2):
            self.n_features = n_features
            self.C = C
            self.threshold = threshold
            # the textbook pattern (see ``canonical``) needs less: PolNeAR has few "..., says Ukraine"
            self.canonical_threshold = canonical_threshold

        def _matrix(self, rows: list[list[str]]):
            from scipy.sparse import csr_matrix

            from framing.models.hashing import feature_index  # FeatureHasher's column, as scoring computes it

            n = self.n_features
            r, c = row_columns(rows, n, lru_cache(maxsize=None)(lambda f: coded_column(f, feature_index(f, n), n)))
            return csr_matrix((np.ones(len(c)), (r, c)), shape=(len(rows), n))

        def fit(self, rows: list[list[str]], y):
            from sklearn.linear_model import LogisticRegression

            y = np.asarray(y)
            self.clf_ = LogisticRegression(C=self.C, max_iter=3000).fit(self._matrix(rows), y)
            self.classes_ = self.clf_.classes_
            return self

        def predict_proba(self, rows: list[list[str]]) -> np.ndarray:
            if not rows:
                return np.zeros((0, 2))
            return self.clf_.predict_proba(self._matrix(rows))

        def predict(self, rows):
            return (self.predict_proba(rows)[:, 1] >= self.threshold).astype(int)

    SourceVerifier.__module__, SourceVerifier.__qualname__ = __name__, "SourceVerifier"  # pickled by this name
    return SourceVerifier


def __getattr__(name: str):
    if name == "SourceVerifier":
        cls = globals()["SourceVerifier"] = _verifier_class()
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def checkable(doc: Document, x: Attribution) -> bool:
    """A candidate the verifier judges: a source span in its own sentence that is not a lexicon
    marker ("it is understood"). A continued quote's source lies in an earlier sentence and goes
    with that sentence's attribution."""
    s = doc.sentences[x.sentence]
    return bool(x.source) and x.cue != x.source and s.start <= x.source[0] < s.end


def verified_batch(items, verifier) -> list[list[Attribution]]:
    """Each (doc, atts, probs, learned)'s ``atts`` without those whose source span the verifier
    rejects. Cue-less anonymous markers ("it is understood") are lexicon evidence and stay; a
    continued quote goes with its source. One call to the model for all their candidates
    (per-call overhead, not arithmetic, is most of its time on one article)."""
    if verifier is None:
        return [atts for _, atts, _, _ in items]
    todo = [(k, x) for k, (doc, atts, _, _) in enumerate(items) for x in atts if checkable(doc, x)]
    rows = [candidate_features(items[k][0], x, float(items[k][2][x.sentence]), items[k][3].get(x.sentence))
            for k, x in todo]
    p = verifier.predict_proba(rows)[:, 1] if rows else []
    kept = {(k, x.source) for (k, x), q in zip(todo, p)
            if q >= verifier.threshold or q >= verifier.canonical_threshold and canonical(items[k][0], x)}
    checked = {(k, x.source) for k, x in todo}
    return [one_per_cue([x for x in atts if (k, x.source) not in checked or (k, x.source) in kept])
            for k, (_, atts, _, _) in enumerate(items)]
