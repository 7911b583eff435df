"""Shortcuts taken for speed on the non-model path (parsing, attribution, records) give what the
plain computation gives, on real articles and on awkward text."""
import re

from framing.evidence import attribution

from tests.conftest import shared_path

AWKWARD = ["John Smith Smith said.", "Mr. John F. Kerry and Kerry", "O’Neill met O'Neill; Dr. O’Neill",
           "Gen. Norman Ham Hamilton Ham. Ham", "A B C Ham", "Zelenskyy, Volodymyr Zelensky", "x Jo  \n  Ann Kerry"]


def _texts(n: int = 12) -> list[str]:
    files = sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))[:n]
    return [f.read_text(encoding="utf-8") for f in files] + [" ".join(AWKWARD)]


def _words_before_name_plain(text: str, word: str):
    stem = re.sub(r"['’]", "['’]", re.escape(re.sub(r"(.)\1$", r"\1", word)))
    return tuple(((m.group(1) or "").lower(), m.group(2).lower()) for m in re.finditer(
        r"(?:\b([A-Z][a-z]+)\.?\s+)?\b([A-Z][a-z]+)\.?\s+(?:[A-Z]\.\s+)?" + stem + r"\w?\b", text))


def test_words_before_a_name_are_the_plain_patterns():
    """_words_before_name, which tries its pattern only just before each place the name stands:
    the matches of the pattern scanned over the whole text, for every capitalised word of real
    articles and of awkward text, and for random strings of name-like pieces."""
    import random

    found = 0
    for text in _texts():
        for word in sorted(set(re.findall(r"[A-Z][\w'’-]+", text)))[:150]:
            got = attribution._words_before_name.__wrapped__(text, word)
            assert got == _words_before_name_plain(text, word), word
            found += bool(got)
    assert found > 100
    rng = random.Random(7)
    pieces = ["Ab", "Abb", "Ba", "Bab", "A.", "B.", "Mr.", "O’Ab", "O'Ab", "ab", " ", "  ", "\n", ".", ",", "x", "Ab-"]
    words = ["Ab", "Abb", "Ba", "O'Ab", "O’Ab", "B", "Ab-"]
    hits = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(" " * 4 + "\n.") for _ in range(rng.randint(0, 14)))
        word = rng.choice(words)
        got = attribution._words_before_name.__wrapped__(text, word)
        assert got == _words_before_name_plain(text, word), (text, word)
        hits += bool(got)
    assert hits > 300


_TOKEN_PLAIN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*%?|\w+(?:['’]\w+)*|[^\s\ufeff\u200b-\u200d\u2060]")


def test_tokens_are_the_plain_patterns():
    """text._TOKEN, with its lookahead on a visible character: the same tokens as the pattern
    without it, on real articles and on text with odd white space and invisible characters."""
    from framing.text.document import tokenize

    odd = ["a\u00a0b\u2009c\u3000d\te\nf", "  ..a.a.  a'a a’ ’a --a- a U.S. 3.5% 10:30", "\u200b z \ufeffz\u2060",
           "漢字 é-é _x_ ٣٤", "\x0b\x1c\x85 q"]
    for text in _texts() + odd:
        assert tokenize(text) == [m.span() for m in _TOKEN_PLAIN.finditer(text)]


def test_words_written_in_lower_case_are_the_plain_search():
    """_person_like asks whether the article writes a name's last word in lower case through a set of
    the article's lower-case words (made once an article): the same answer as searching the text."""
    for text in _texts(6):
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)} | {"street", "state", "blitzer", "ham"}
        for w in words:
            assert (w in attribution._lower_words(text)) == bool(re.search(r"\b" + re.escape(w) + r"\b", text)), w
