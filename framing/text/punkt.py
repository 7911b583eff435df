"""Punkt's sentence spans, as ``PunktSentenceTokenizer.span_tokenize(text)`` gives them, faster.

NLTK finds candidate breaks with a regex, rebuilds each one's context through a chain of
generators and slice objects, and (in recent versions) runs every regex through a timing wrapper. This is
the same algorithm (``_match_potential_end_contexts``, ``_slices_from_text``,
``_realign_boundaries``) in one loop, with the tokenizer's own compiled patterns (unwrapped from
the timing guard, so the regex engine and its matching are NLTK's) and its own break check
``text_contains_sentbreak``: the same spans for any text (tests/test_punkt_spans.py compares
them with NLTK's on real and awkward text). The guard is NLTK's defence against patterns callers
supply; these two are NLTK's own, fixed ones.
"""
from __future__ import annotations

import string

_WHITESPACE = tuple(string.whitespace)  # NLTK's _get_last_whitespace_index looks for these only


def _pattern(p):
    return getattr(p, "_rx", p)  # nltk.redos.TimedPattern wraps the compiled pattern; older NLTK has none


class PunktSpans:
    """``span_tokenize`` of one ``PunktSentenceTokenizer`` (its parameters and break check)."""

    def __init__(self, tokenizer):
        lang = tokenizer._lang_vars
        self._finditer = _pattern(lang.period_context_re()).finditer
        self._realign = _pattern(lang.re_boundary_realignment).match
        self._sentbreak = tokenizer.text_contains_sentbreak

    def _slices(self, text: str) -> list[tuple[int, int]]:
        """``_slices_from_text``: (start, stop) of each piece up to a break Punkt accepts."""
        out = []
        last_break = 0
        prev_start = prev_stop = 0  # the word before the previous candidate
        prev = None                 # the previous candidate
        for m in self._finditer(text):
            ms = m.start()
            # the start of the word before this candidate: after the last white space since the
            # previous candidate, or (none found, or found at its first character) that one's word
            before = text[prev_stop:ms]
            ws = max([before.rfind(c) for c in _WHITESPACE])
            word_start = ws + prev_stop + 1 if ws > 0 else prev_start
            # a candidate whose word overlaps the next one's is dropped (NLTK: "remove the overlaps")
            if prev is not None and prev_stop <= word_start:
                last_break = self._accept(prev, text[prev_start:prev_stop], last_break, out)
            prev, prev_start, prev_stop = m, word_start, ms
        if prev is not None:
            last_break = self._accept(prev, text[prev_start:prev_stop], last_break, out)
        out.append((last_break, len(text.rstrip())))
        return out

    def _accept(self, m, word: str, last_break: int, out: list) -> int:
        """Record the piece ending at candidate ``m`` if its context holds a break; the new last break."""
        if not self._sentbreak(word + m.group() + m.group("after_tok")):
            return last_break
        out.append((last_break, m.end()))
        return m.start("next_tok") if m.group("next_tok") else m.end()

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of each sentence of ``text``, closing punctuation realigned as NLTK does."""
        slices = self._slices(text)
        out = []
        realign = 0
        last = len(slices) - 1
        for k, (start, stop) in enumerate(slices):
            start += realign
            if k == last:
                if text[start:stop]:
                    out.append((start, stop))
                continue
            nstart, nstop = slices[k + 1]
            m = self._realign(text[nstart:nstop])
            if m:
                out.append((start, nstart + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if text[start:stop]:
                    out.append((start, stop))
        return out
