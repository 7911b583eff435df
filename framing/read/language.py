"""Is this text mostly English? A light, offline check, so that text in another language is
not given scores that mean nothing (the models and lexicons are English).

Two signals over the words of the text (its first 100,000 characters):

- the share of letters in the Latin script: Cyrillic, Arabic, Chinese and so on fail here;
- the share of words that are English function words (``resources/stopwords_en.txt``) against
  the share that are function words of German, French, Spanish, Italian, Portuguese, Dutch or
  Polish (``resources/function_words.txt``): running English is about a third function words
  (at least 12% in every BABE, WikiNPOV and PolNeAR text of 12 words or more that is not a list
  of names), while another Latin-script language has few English ones and many of its own.

Texts with fewer than ``MIN_WORDS`` words are never flagged: there is not enough evidence, and a
headline or a name is no reason to refuse an article. Names, numbers, emoji and the odd
foreign word ("café", "coup d'état") do not move either share much.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources

from framing.text.stopwords import stopwords

MIN_WORDS = 8            # fewer words than this: never flagged
SAMPLE_CHARS = 100_000   # the check reads at most this much of a text
MIN_LATIN_SHARE = 0.5    # below this share of Latin letters: not English
MIN_ENGLISH_SHARE = 0.12  # below this share of English function words: not English, once there are
MIN_WORDS_LOW_SHARE = 12   # this many words and most are not capitalised (a list of names is no evidence)
MIN_FOREIGN_SHARE = 0.1  # this share of another language's function words, more than English's: not English

# A word: a run of letters; a Chinese or Japanese character counts as a
# word of its own, since those scripts put no spaces between words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, tuple[str, frozenset[str]]]:
    text = resources.files("framing.resources").joinpath("function_words.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, name, *words = line.split()
            out[code] = (name, frozenset(words))
    return out


_NON_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff]")  # letters outside the Latin blocks (few, in English)


def _count(words: Counter, vocabulary: frozenset) -> int:
    """How many of the words (with repeats) are in ``vocabulary``."""
    return sum(words[w] for w in vocabulary & words.keys())


def _latin_share_if_all(sample: str) -> float | None:
    """1.0 when every letter of ``sample`` is Latin (most English text), else None (count them).
    The letters of its words are all the letters of the sample (a word is a run of letters), so a
    sample whose few characters outside the Latin blocks (curly quotes, dashes) are no letters has
    a Latin share of exactly 1, found without joining its words (0.1 ms an article)."""
    if any(map(str.isalpha, _NON_LATIN.findall(sample))) or not any(map(str.isalpha, sample)):
        return None
    return 1.0


def _script(letters: str) -> str:
    """The commonest non-Latin script among ``letters``, by Unicode character name (e.g. 'Cyrillic')."""
    names = Counter(unicodedata.name(c, "OTHER ?").split()[0] for c in _NON_LATIN.findall(letters[:2000]))
    if names["HIRAGANA"] or names["KATAKANA"]:
        return "Japanese"  # written with Chinese characters and kana
    name = names.most_common(1)[0][0] if names else "OTHER"
    return {"CJK": "Chinese", "HANGUL": "Korean"}.get(name, name.title())


def check_language(text: str) -> dict | None:
    """None when ``text`` looks English (or is too short to tell); otherwise what was measured
    and why it looks like another language: ``{"english_share", "latin_share", "words", "reason", ...}``."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return None
    # counted with C-level filters and regexes: this runs on every article scored
    latin = _latin_share_if_all(sample)
    if latin is None:  # (``letters`` is needed below only when latin < 1)
        letters = "".join(filter(str.isalpha, "".join(words)))
        latin = (len(letters) - len(_NON_LATIN.findall(letters))) / max(len(letters), 1)
    lower = Counter("\n".join(words).lower().split("\n"))
    english = _count(lower, stopwords()) / len(words)
    found = {"english_share": round(english, 3), "latin_share": round(latin, 3), "words": len(words)}
    if latin < MIN_LATIN_SHARE:
        return {**found, "script": _script(letters),
                "reason": f"mostly not English: {100 * (1 - latin):.0f}% of its letters are {_script(letters)}"}
    counts = {code: _count(lower, fw) for code, (_, fw) in _function_words().items()}
    code = max(counts, key=counts.get)
    foreign = counts[code] / len(words)
    name = _function_words()[code][0]
    if foreign >= MIN_FOREIGN_SHARE and foreign > english:
        return {**found, "guess": code, "guess_share": round(foreign, 3),
                "reason": f"looks like {name}, not English: {100 * foreign:.0f}% of its words are common {name} "
                          f"words, {100 * english:.0f}% common English ones"}
    if (english < MIN_ENGLISH_SHARE and len(words) >= MIN_WORDS_LOW_SHARE
            and sum(1 for w in words if w[0].isupper()) / len(words) < 0.5):  # not a list of names
        return {**found, "reason": f"mostly not English: only {100 * english:.0f}% of its {len(words)} words are "
                                   f"common English words (about a third in English prose)"}
    return None
