"""Properties of the real seed articles in ../shared/seeds (read at run time, never copied)."""
from framing.evidence.analysis import analyze
from framing.types import Article


def evidence(text):
    return [(e.category, e.text.lower(), e.in_quote) for e in analyze(Article("s", text)).evidence]


def test_tabloid_seed_loaded_terms_in_own_voice_and_hedges(seeds):
    ev = evidence(seeds["004"])
    assert ("loaded", "humiliated", False) in ev
    assert ("loaded", "warring dictator", False) in ev
    assert ("hedge", "if confirmed", False) in ev
    assert ("hedge", "reportedly", False) in ev


def test_bbc_caveat_seed_has_verification_caveat(seeds):
    ev = evidence(seeds["001"])
    assert ("verification_caveat", "had not been able to verify", False) in ev


def test_quoted_loaded_words_are_not_authorial(seeds):
    ev = evidence(seeds["000"])
    assert ("loaded", "running away", True) in ev
    assert ("intensifier", "literally", True) in ev
    assert ("loaded", "running away", False) not in ev
