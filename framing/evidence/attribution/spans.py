"""Cues and spans: the noun phrase that voices a cue, found in the sentence's tokens before it,
after it, as a noun cue's possessor or as a relative clause's antecedent; passive cues."""
from __future__ import annotations

import re

from framing.evidence.attribution.names import has_name
from framing.evidence.attribution.resources import known_first_name
from framing.evidence.attribution.vocabulary import (_DETS, _PERSON_ROLES, _PREPS, _PRONOUNS, _SKIP_BETWEEN, _STOP,
                                                     _TIME, _TITLES, _WHO_IN, _word)
from framing.types import Document, Token

_BE = {"was", "were", "been", "be", "being", "is", "are"}
_PARTICIPLE = re.compile(r"(?:ing|ed)$")
_ADVERB = re.compile(r"[a-z]+ly|often|always|never|long|since|just|quickly|soon")  # "Trump has often cited"
# -ly words that are nouns, not adverbs: "attorneys for the family said", "the weekly reported"
_ARTICLES = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your"}
_LY_NOUNS = {"family", "ally", "assembly", "rally", "daily", "weekly", "monthly", "quarterly", "bully", "monopoly",
             "supply", "anomaly"}


def _is_adverb(toks, j: int) -> bool:
    w = toks[j].text
    return bool(_ADVERB.fullmatch(w)) and w not in _LY_NOUNS and not (
        j > 0 and (_word(toks[j - 1]) in _ARTICLES or toks[j - 1].text in ("’s", "'s")))


# Cues that are nouns: their source is a possessor or a name before them ("Trump's remarks",
# "a Donald Trump tweet"), never the clause that precedes them ("Clinton ignored disparaging remarks").
_NOMINAL_CUES = {"claim", "claims", "remark", "remarks", "comment", "comments", "tweet", "tweets", "ad", "ads",
                 "statement", "statements", "post", "posts", "allegation", "allegations", "assertion", "assertions",
                 "warning", "warnings", "interview", "speech", "letter", "questions", "question"}

_MAX_PHRASE = 12


def _is_cap(t: Token) -> bool:
    return t.text[:1].isupper()


def _is_wordlike(t: Token) -> bool:
    return t.text[:1].isalnum()


def _joins(left: Token, hyphen: Token, right: Token) -> bool:
    """A hyphen inside a word ("Ki-moon"), not a dash between clauses ("congressman -- meddling")."""
    return left.end == hyphen.start and hyphen.end == right.start


def _skip_back(toks: list[Token], j: int, words: set[str] = _SKIP_BETWEEN) -> int:
    """The index of the last token at or before toks[j] that is neither one of ``words``
    (auxiliaries, "also", "reportedly") nor an adverb: where a cue's subject ends."""
    while j >= 0 and (_word(toks[j]) in words or _is_adverb(toks, j)) and not _surname_after(toks, j, 0):
        j -= 1
    return j


def _phrase_before(toks: list[Token], i: int) -> tuple[int, int] | None:
    """Token index range [a, b) of the noun phrase ending just before toks[i], or None."""
    j = _skip_back(toks, i - 1)
    if j < 0:
        return None
    if toks[j].text == ")":  # "Sen. Claire McCaskill (D-Mo.) said": the party and state go with the name
        k = next((k for k in range(j - 1, max(j - 8, -1), -1) if toks[k].text == "("), None)
        head = _collect_back(toks, k - 1) if k else None
        return (head[0], j + 1) if head else None
    if toks[j].text == ",":  # "Sergei Lavrov, the Russian foreign minister, said"
        k = j - 1
        while k >= 0 and toks[k].text != "," and j - k <= _MAX_PHRASE and _is_wordlike(toks[k]):
            k -= 1
        if k >= 0 and toks[k].text == ",":
            head = _collect_back(toks, k - 1)  # the name phrase ends just before the first comma
            if head and (_PARTICIPLE.search(toks[k + 1].text) and toks[k + 1].text.islower()
                         or _word(toks[k + 1]) in _RELATIVES):
                return head  # "Trump, speaking to veterans, said", "Mr. Obama, who ..., told": a clause, not a role
            if head:
                return head[0], j
        return None
    return _collect_back(toks, j)


def _surname_after(toks: list[Token], j: int, lo: int) -> bool:
    """toks[j] is a capitalised word right after a known first name: part of the name ("Theresa May"),
    not a date or an adverb to skip."""
    return j > lo and _is_cap(toks[j]) and known_first_name(toks[j - 1].text)


def _collect_back(toks: list[Token], j: int) -> tuple[int, int] | None:
    end = j + 1
    if j >= 0 and _word(toks[j]) in _PRONOUNS and _word(toks[j]) not in _STOP:
        return j, end  # a personal pronoun is the whole phrase: "at 86 she still says" is "she"
    a = end
    while j >= 0 and end - j <= _MAX_PHRASE:
        t = toks[j]
        w = _word(t)
        if (t.text in ("-", "–") and j > 0 and a < end and _joins(toks[j - 1], t, toks[a])) or (
                t.text == "." and j > 0 and a < end and (
                _word(toks[j - 1]) in _TITLES or re.fullmatch(r"[A-Z]", toks[j - 1].text))):  # "Elijah E. Cummings"
            j -= 1
            continue
        if not _is_wordlike(t) or w in _TIME and not (a == end and _surname_after(toks, j, 0)):
            break
        if w in _STOP and not _is_cap(t):
            break
        if w in _PREPS and w != "of" and not (a < end and _is_cap(toks[a])) and not (
                w == "for" and j > 0 and (_word(toks[j - 1]).rstrip("s") in _PERSON_ROLES or _is_cap(toks[j - 1]))
        ) and not (w == "in" and j > 0 and _word(toks[j - 1]) in _WHO_IN):
            break  # ... but "attorneys for the family", "the Committee for a Responsible Budget", "few in the valley"
        a = j
        j -= 1
    while a < end and (_word(toks[a]) in _PREPS):
        a += 1
    return (a, end) if a < end else None


def _nominal_source(toks: list[Token], i: int) -> tuple[int, int] | None:
    """The source of a noun cue at toks[i]: a possessor ("Trump's remarks", "the campaign's
    statement") or a run of capitalised words before it ("a Donald Trump tweet"), else None."""
    j = i - 1
    if j >= 0 and toks[j].text in ("’s", "'s"):
        j -= 1
    if j < 0:
        return None
    a = j
    while a >= 0 and _is_cap(toks[a]) and _word(toks[a]) not in _DETS:
        a -= 1
    if a == j:
        return None
    possessive = toks[j].text.endswith(("’s", "'s")) or (j + 1 < i and toks[j + 1].text in ("’s", "'s"))
    if possessive and a >= 0 and _word(toks[a]) == "the":
        a -= 1  # "the Pentagon's statement"
    return (a + 1, j + 1) if possessive or has_name(" ".join(t.text for t in toks[a + 1:j + 1])) else None


def _phrase_after(toks: list[Token], i: int, appositive: bool = True) -> tuple[int, int] | None:
    """Noun phrase starting at toks[i] (for 'said X' and 'according to X'), with an appositive role."""
    j = i
    while j < len(toks) and j - i < _MAX_PHRASE:
        t = toks[j]
        w = _word(t)
        if (t.text in ("-", "–") and j > i and j + 1 < len(toks) and _joins(toks[j - 1], t, toks[j + 1])) or (
                t.text == "." and j > i and (_word(toks[j - 1]) in _TITLES or re.fullmatch(r"[A-Z]", toks[j - 1].text))
                and j + 1 < len(toks) and _is_cap(toks[j + 1])):
            j += 1  # "said Mr. Newsom", "said John D. Podesta": the full stop is inside the name
            continue
        if (not _is_wordlike(t) or w in _TIME and not _surname_after(toks, j, i) or (w in _STOP and not _is_cap(t))
                or (w in _PREPS and not (j + 1 < len(toks) and (_is_cap(toks[j + 1]) or _word(toks[j + 1]) in _DETS)
                                         and _word(toks[j + 1]) not in _TIME))):
            break
        j += 1
    if j == i:
        return None
    if appositive and j < len(toks) - 1 and toks[j].text == ",":
        k = j + 1
        while k < len(toks) and toks[k].text not in (",", ".", ";", ":", "“", "”", '"') and k - j <= _MAX_PHRASE:
            k += 1
        if k > j + 1 and (k >= len(toks) or toks[k].text in (".", ",", ";")):
            return i, k
    return i, j


def _passive(toks: list[Token], ci: int) -> bool:
    """The cue at toks[ci] is a passive participle ("were told", "has been warmly welcomed"), not a
    progressive ("is questioning": its subject speaks)."""
    b = _skip_back(toks, ci - 1, _SKIP_BETWEEN - _BE)
    return b >= 0 and _word(toks[b]) in _BE and not _word(toks[ci]).endswith("ing")


_RELATIVES = {"who", "which", "that"}


def _relative_source(doc: Document, s, toks: list[Token], ci: int) -> tuple[int, tuple[int, int]] | None:
    """(token index of "who"/"which"/"that", token range of its antecedent) when the cue at toks[ci] is
    the verb of a relative clause ("an architect who said", "the government, which has denied", "a
    message that said"; on PolNeAR train halves recall +0.2 points, precision -0.1)."""
    j = _skip_back(toks, ci - 1)
    if j < 1 or _word(toks[j]) not in _RELATIVES:
        return None
    ante = _collect_back(toks, j - 2 if toks[j - 1].text == "," else j - 1)
    if not ante:
        return None
    dets = [k for k in range(*ante) if _word(toks[k]) in _ARTICLES]
    return j, (dets[-1] if dets else ante[0], ante[1])  # "(pay) an architect who said"
