"""Attributions -> their source types and `named` flags, learned: a model trained on the project's
typed samples of PolNeAR *train* articles (data/eval/) gives the type wherever it differs from the
rules' (attribution.kinds.kind_of), unless a list gave that type, the rules' type is one it cannot learn
(_kept), or it would make a person of a phrase without a name (see ``retyped``); a second one gives
the `named` flag.

The rules type a phrase from its words; annotators type it from what the article says of the
source (a financial adviser quoted as an expert, a writer speaking for her paper, a pronoun by
what it stands for). This is a multinomial logistic regression over hashed features of the
extractor's attribution (the rules' type, the phrase's words, head and first word, its role,
the cue, the pronoun it was resolved from, the words around it). Features are hashed with CRC-32
and the model's weights are plain numpy arrays, so typing needs neither scikit-learn nor scipy.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import replace

import numpy as np

from framing.evidence.attribution.build import _named
from framing.evidence.attribution.keys import source_key
from framing.evidence.attribution.kinds import kind_of
from framing.evidence.attribution.names import _introduced, has_name
from framing.evidence.attribution.records import Attribution
from framing.evidence.attribution.resources import listed
from framing.evidence.attribution.vocabulary import _ORG_WORDS, _words
from framing.caches import BoundedCache
from framing.types import Document

_WORD = re.compile(r"[\w'’.-]+")
TYPES = ("person", "official", "media", "expert", "document", "social_media", "anonymous")


def typer_features(doc: Document, att: Attribution) -> list[str]:
    """Feature strings of one attribution with a source (``att.source`` set)."""
    a, b = att.source
    first, last, head, length, hasname, cap, comma, ws, head_word = _phrase_features(att.source_text)
    prev = _WORD.findall(doc.text[max(0, a - 30):a])
    nxt = _WORD.findall(doc.text[b:b + 30])
    role = [w.lower() for w in _WORD.findall(att.role)]
    f = [f"kind={att.kind}", f"named={att.named}", first, last, head, f"kind_head={att.kind}|{head_word}", length,
         hasname, cap, f"cue={att.cue_text.lower()}", comma,
         f"resolved={att.resolved_from.lower()}", f"kind_resolved={att.kind}|{bool(att.resolved_from)}",
         f"written_kind={kind_of(att.resolved_from) if att.resolved_from else att.kind}",
         f"prev={prev[-1].lower() if prev else '<s>'}", f"next={nxt[0].lower() if nxt else '</s>'}"]
    f += ws + [f"r={w}" for w in role]
    return f


def _phrase_features(text: str) -> tuple:
    """The features of a source phrase that depend on its text alone (first, last, head, len, hasname,
    cap, comma, the w= list, the head word), made once a distinct phrase: sources recur ("he",
    "officials", a name), within an article and across them."""
    out = _PHRASES.get(text)
    if out is None:
        words = [w.lower() for w in _WORD.findall(text)] or ["<e>"]
        head = [w.lower() for w in _WORD.findall(text.partition(",")[0])] or ["<e>"]
        out = _PHRASES.add(text, (f"first={words[0]}", f"last={words[-1]}", f"head={head[-1]}",
                                  f"len={min(len(words), 6)}", f"hasname={has_name(text)}", f"cap={text[:1].isupper()}",
                                  f"comma={',' in text}", [f"w={w}" for w in words], head[-1]))
    return out


_PHRASES = BoundedCache(100_000)  # source phrase -> _phrase_features


def _hashed(rows: list[list[str]], n_features: int) -> tuple[np.ndarray, np.ndarray]:
    """(row index, column index) of every feature of every row, by CRC-32 of its string."""
    ri = np.repeat(np.arange(len(rows), dtype=np.int64), [len(r) for r in rows])
    crc = _crc32
    ci = [crc[x] if x in crc else crc.add(x, zlib.crc32(x.encode("utf-8"))) for r in rows for x in r]
    return ri, np.asarray(ci, dtype=np.int64) % n_features  # CRC-32s are >= 0: numpy's % is Python's


def _padded_columns(rows: list[list[str]], n_features: int) -> np.ndarray:
    """(rows, longest row) array of each row's column indices in order, padded with ``n_features``."""
    lens = [len(r) for r in rows]
    ri, ci = _hashed(rows, n_features)
    out = np.full((len(rows), max(lens, default=0)), n_features, dtype=np.int64)
    out[ri, np.arange(len(ri)) - np.repeat(np.cumsum(lens) - lens, lens)] = ci
    return out


# feature string -> its CRC-32: an article's features mostly recur (kinds, cues, common words)
_crc32 = BoundedCache(100_000)


class SourceTyper:
    """P(type) of an attribution's source from ``typer_features`` rows; fitted with scikit-learn,
    predicting with numpy alone."""

    def __init__(self, n_features: int = 2 ** 16, C: float = 3.0):
        self.n_features = n_features
        self.C = C

    def fit(self, rows: list[list[str]], y: list[str], named: list[bool] | None = None) -> "SourceTyper":
        """Fit the type model on ``y``; with ``named`` (the annotators' flags) also a second
        logistic regression on the same features for the ``named`` flag."""
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression

        ri, ci = _hashed(rows, self.n_features)
        X = csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(len(rows), self.n_features))
        X.sum_duplicates()
        m = LogisticRegression(C=self.C, max_iter=5000).fit(X, y)
        self.classes_ = [str(c) for c in m.classes_]
        self.coef_ = m.coef_.astype(np.float64)
        self.intercept_ = m.intercept_.astype(np.float64)
        if len(self.classes_) == 2:  # scikit-learn keeps one row for two classes: the second's log-odds
            self.coef_ = np.vstack([np.zeros_like(self.coef_), self.coef_])
            self.intercept_ = np.concatenate([[0.0], self.intercept_])
        self.named_coef_ = self.named_intercept_ = self._weights = None
        if named is not None and len(set(named)) == 2:
            n = LogisticRegression(C=self.C, max_iter=5000).fit(X, np.asarray(named, dtype=int))
            self.named_coef_, self.named_intercept_ = n.coef_[0].astype(np.float64), float(n.intercept_[0])
        return self

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_weights"}  # made again on first use

    def _scores(self, rows: list[list[str]]) -> np.ndarray:
        """Per row, the type model's decision values and then, with a named model, its log-odds:
        one weight table (a feature's row of both models' weights) read once per feature."""
        if getattr(self, "_weights", None) is None:
            named = [] if getattr(self, "named_coef_", None) is None else [self.named_coef_[:, None]]
            w = np.hstack([self.coef_.T, *named])
            self._weights = (np.vstack([w, np.zeros((1, w.shape[1]))]),  # + a zero row: the padding's column
                             np.r_[self.intercept_, [self.named_intercept_] if named else []])
        table, intercept = self._weights
        cols = _padded_columns(rows, self.n_features)
        z = np.zeros((len(rows), table.shape[1])) + intercept
        for j in range(cols.shape[1]):  # each row's features in order, one at a time: the additions of
            z += table[cols[:, j]]      # np.add.at over (row, column) pairs, as in fit's matrix, plus zeros
        return z

    def decision(self, rows: list[list[str]]) -> np.ndarray:
        return self._scores(rows)[:, :len(self.classes_)]

    def named_proba(self, rows: list[list[str]]) -> np.ndarray | None:
        """P(a reader can identify the source) per row, or None when no named model was fitted."""
        return self.probabilities(rows)[1]

    def probabilities(self, rows: list[list[str]]) -> tuple[np.ndarray, np.ndarray | None]:
        """(P(type) per row and class, ``named_proba``), both models scored in one pass."""
        scores = self._scores(rows)
        z = scores[:, :len(self.classes_)]
        z = np.exp(z - z.max(axis=1, keepdims=True))
        named = None if getattr(self, "named_coef_", None) is None else 1 / (1 + np.exp(-scores[:, -1]))
        return z / z.sum(axis=1, keepdims=True), named

    def predict(self, rows: list[list[str]]) -> list[str]:
        if not rows:
            return []
        z = self.decision(rows)
        return [self.classes_[k] for k in np.argmax(z, axis=1)]


# The typer's type replaces the rules' wherever they differ, except where a list gave the rules' type
# (a country, a think tank, an outlet: attribution.resources.listed) or the typer would make a person of a
# phrase without a name ("Gazprom" said) - unless the rules had only a fallback (RETYPED_FROM).
# Typer 5-fold CV by article on T1-T28 (5,540 spans): rules alone 0.816, replacing only fallbacks and
# confident types (P >= 0.7, C=1; sessions 5-10) 0.844, this rule with C=3 0.852, replacing every
# type 0.857. The two guards cost 0.005 on PolNeAR; they keep "Gazprom" and "Russia" from becoming
# people on news unlike PolNeAR's, the row a reader stops trusting at. With T29-T44 added (session 12;
# 8,585 spans found in T1-T44) the same rule scores 0.8632 over three fold draws (C=3 beat 1.5, 2, 4, 6;
# on T1-T28, half the articles gave 0.847, three quarters 0.853, all 0.857: more labels helped), and
# 0.8648 once one word counts as a name where the article gives it a first name or title
# (attribution.names._introduced: "Limbaugh" beside "Rush Limbaugh", typed media by the rules; not "Microsoft").
RETYPED_FROM = ("anonymous", "pronoun")
# The rules' types the typer never replaces: the typed samples hold too few social-media sources
# (21 of 11,768) to learn the type from ("Posts on social media claimed" became "official"). An
# organisation word at the head keeps "official" too (_kept); neither costs anything in the CV above.
KEPT = ("social_media",)
# The types whose `named` flag the named model gives; the rules keep it for the rest: an anonymous
# source is never named, and social media has too few labels to learn from (see KEPT).
NAMED_LEARNED = ("person", "official", "media", "expert", "document")


def _kept(x: Attribution) -> bool:
    """The rules' type stands: a KEPT type, or a body named by its organisation word ("Ukraine's
    defence ministry", "the city council"; the typer, trained on US politics, made the first a document)."""
    head = _words(x.source_text.partition(",")[0])[-1:]
    return x.kind in KEPT or x.kind == "official" and bool(head) and head[0] in _ORG_WORDS


def retyped(doc: Document, atts: list[Attribution], typer: SourceTyper | None) -> list[Attribution]:
    """``atts`` with the type the typer reads wherever it differs from the rules', except a listed type,
    a person without a name (see RETYPED_FROM) and a kept one (_kept); the group key follows the type.
    The ``named`` flag is the typer's named model's where it has one, for the types in
    NAMED_LEARNED, else the rules'. Cue-less markers ("it is understood") keep theirs."""
    return retyped_batch([(doc, atts)], typer)[0]


def retyped_batch(items: list[tuple[Document, list[Attribution]]],
                  typer: SourceTyper | None) -> list[list[Attribution]]:
    """``retyped`` of each (doc, atts), with one call to each model for all their attributions (each
    row is scored alone, so an article's result does not depend on the others)."""
    todo = [(d, k) for d, (_, atts) in enumerate(items) for k, x in enumerate(atts)
            if x.source and x.source_text and x.cue != x.source]
    if typer is None or not todo:
        return [atts for _, atts in items]
    p, p_named = typer.probabilities([typer_features(items[d][0], items[d][1][k]) for d, k in todo])
    out = [list(atts) for _, atts in items]
    for j, ((d, k), best) in enumerate(zip(todo, p.argmax(axis=1).tolist())):
        doc, x, kind = items[d][0], out[d][k], typer.classes_[best]
        if kind != x.kind and kind in TYPES and not _kept(x) and (x.kind in RETYPED_FROM or not listed(
                x.source_text) and (kind != "person" or has_name(x.source_text) or _introduced(doc, x.source_text))):
            group = x.group if x.group.startswith(("person:", "role:")) and kind in ("person", "expert", "media") \
                else source_key(x.source_text, kind)
            x = replace(x, kind=kind, group=group, named=_named(doc, x.source_text, kind))
        if p_named is not None and x.kind in NAMED_LEARNED and x.named != (p_named[j] >= 0.5):
            x = replace(x, named=bool(p_named[j] >= 0.5))
        out[d][k] = x
    return out
