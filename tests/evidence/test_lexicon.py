import re
import pytest

from framing.evidence.lexicon import ALL_CATEGORIES, CATEGORIES, Lexicon, LexiconError, load_lexicon, parse_lexicon
from framing.text.document import parse


def found(text, lexicon=None, category=None):
    lex = lexicon or load_lexicon()
    return [(e.category, e.text, e.in_quote) for e in lex.match(parse(text))
            if category is None or e.category == category]


def test_bundled_lexicons_cover_every_category():
    lex = load_lexicon()
    assert {e.category for e in lex.entries} == set(ALL_CATEGORIES)
    assert set(CATEGORIES) < set(ALL_CATEGORIES)
    assert len(lex.by_category("loaded")) > 200
    assert len(lex.digest) == 64


def test_multiword_phrases_and_inflections_match():
    got = found("Putin was humiliated by the warring dictator's rout. Troops fled in panic from the invaders. "
                "It was a humiliating, humiliation-filled week.", category="loaded")
    texts = [t for _, t, _ in got]
    assert "humiliated" in texts and "warring dictator's" in texts and "rout" in texts
    assert "fled in panic" in texts and "invaders" in texts
    assert "humiliating" in texts and "humiliation" in texts


def test_longest_phrase_wins_within_a_category():
    texts = [t for _, t, _ in found("Analysts called it a shock rout.", category="loaded")]
    assert texts == ["shock rout"]


def test_exact_terms_do_not_match_stem_collisions():
    assert found("The route was closed and the liberal party met.", category="loaded") == []
    assert [t for _, t, _ in found("Troops liberated the town.", category="loaded")] == ["liberated"]


def test_hedges_caveats_and_anonymous_sources():
    got = found("If confirmed, the unit reportedly fled. Sources said it is understood that the BBC could not "
                "independently verify the claim. The paper had not been able to verify it.")
    cats = {(c, t) for c, t, _ in got}
    assert ("hedge", "If confirmed") in cats and ("hedge", "reportedly") in cats
    assert ("anonymous_source", "Sources said") in cats and ("anonymous_source", "it is understood") in cats
    assert ("verification_caveat", "could not independently verify") in cats
    assert ("verification_caveat", "had not been able to verify") in cats
    # "confirmed" inside the hedge is not an attribution cue
    assert ("attribution_cue", "confirmed") not in cats


def test_quoted_matches_are_marked():
    got = found("Soldiers said they saw commanders \u201cliterally running away\u201d. The rout was total.",
                category="loaded")
    assert ("loaded", "running away", True) in got
    assert ("loaded", "rout", False) in got


def test_evidence_offsets_are_exact():
    text = "Officials said the regime was humiliated."
    for e in load_lexicon().match(parse(text)):
        assert text[e.start:e.end] == e.text


def test_wildcard_matches_any_one_word():
    lex = Lexicon(parse_lexicon("could not * verify\tverification_caveat\t2\tstem\t\n", "t.tsv"))
    assert [t for _, t, _ in found("We could not yet verify it.", lex)] == ["could not yet verify"]


@pytest.mark.parametrize("line, message", [
    ("onlyoneterm", "t.tsv:2: expected tab-separated"),
    ("word\tnot_a_category", "t.tsv:2: unknown category"),
    ("word\tloaded\theavy", "t.tsv:2: weight 'heavy' is not a number"),
    ("word\tloaded\t1\tfuzzy", "t.tsv:2: match 'fuzzy'"),
    ("*\tloaded\t1", "t.tsv:2: term '*' has no words"),
])
def test_malformed_lexicon_is_rejected_with_line_number(line, message):
    with pytest.raises(LexiconError, match=re.escape(message)):
        parse_lexicon(f"# comment\n{line}\n", "t.tsv")


def test_user_lexicon_adds_terms(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("special military operation\tloaded\t2\tstem\teuphemism\n", encoding="utf-8")
    lex = load_lexicon((str(f),))
    assert [t for _, t, _ in found("The special military operation went on.", lex, "loaded")] == [
        "special military operation"]
    assert str(f) in lex.sources


def test_unreadable_user_lexicon(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon((str(tmp_path / "missing.tsv"),))


def test_remarks_are_a_cue_and_remarkable_an_intensifier_not_the_other_way():
    from framing.evidence.analysis import analyze
    from framing.types import Article

    ev = {(e.text, e.category) for e in analyze(Article("t", "Trump's remarks were remarkable.")).evidence}
    assert ev == {("remarks", "attribution_cue"), ("remarkable", "intensifier")}


def test_a_noun_for_the_people_who_do_a_cue_verb_is_no_cue():
    from framing.evidence.analysis import analyze
    from framing.types import Article

    text = "Presidential contenders and commentators agree. Believers contended it was fine."
    cues = [e.text for e in analyze(Article("t", text)).evidence if e.category == "attribution_cue"]
    assert "contended" in cues and "contenders" not in cues and "commentators" not in cues and "Believers" not in cues
    # a verb that ends in -er itself keeps its forms ("answers"), its doer is still no cue
    lex = Lexicon(parse_lexicon("answered\tattribution_cue\n", "user.tsv"))
    found = [e.text for e in lex.match(parse("She answers. He answered. The answerers left."))]
    assert found == ["answers", "answered"]


def test_a_cue_that_ends_a_hyphenated_compound_is_no_cue():
    cues = [t for _, t, _ in found("He touted the so-called carried interest, and a self-described expert said so.",
                                   category="attribution_cue")]
    assert cues == ["said"]


# --- one lexicon: what the framing model reads -------------------------------------------------

def test_model_only_categories_are_features_not_evidence():
    # "deride" is a loaded verb of word_classes.tsv only: the model counts it, the evidence does not show it
    assert found("Critics deride the plan.") == []
    lex = load_lexicon()
    assert {e.category for e in lex.entries if e.term == "deride"} == {"loaded_verb"}


def test_an_added_term_counts_at_once_in_evidence_density_and_model_features(tmp_path):
    from framing.evidence.analysis import analyze
    from framing.evidence.lexicon import using
    from framing.features import LoadedLexiconFeatures
    from framing.types import Article

    mine = tmp_path / "mine.tsv"
    mine.write_text("flabbergasting plan\tloaded\t2\tstem\t\nflabbergast\tneg_eval\t1\tstem\t\n", "utf-8")
    base, extended = load_lexicon(), load_lexicon((str(mine),))
    text = "The mayor unveiled a flabbergasting plan on Monday."
    # evidence (and so the lexicon density, which sums the authorial loaded weights) changes at once
    assert found(text, base, "loaded") == []
    assert found(text, extended, "loaded") == [("loaded", "flabbergasting plan", False)]
    assert sum(e.weight for e in analyze(Article("a", text), extended).evidence if e.category == "loaded") == 2
    # so do the model's lexicon features: the phrase in its shown category, the word in a model-only one
    view = LoadedLexiconFeatures(split_quotes=False, aggregate=False).fit([text])
    names = list(view.get_feature_names_out())
    with using(base):
        before = view.transform([text])[0]
    with using(extended):
        after = view.transform([text])[0]
    changed = {n for n, a, b in zip(names, before, after) if a != b}
    assert changed == {"lex_loaded", "lex_neg_eval"}


def test_a_new_terms_weight_is_learned_only_by_framing_train(tmp_path):
    """What a category's count is worth is a fitted coefficient: an added term moves the features at
    once, but the weights stay those of the last fit until the model is trained again."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from framing.evidence.lexicon import using
    from framing.features import LoadedLexiconFeatures

    mine = tmp_path / "mine.tsv"
    mine.write_text("zorbly\tloaded\t1\texact\t\n", "utf-8")
    extended = load_lexicon((str(mine),))
    X = ["A slam and a disgrace.", "The vote was held.", "What a shameful travesty.", "Rain fell in May.",
         "A zorbly mess.", "Zorbly again."]
    y = [1, 0, 1, 0, 1, 1]
    model = make_pipeline(LoadedLexiconFeatures(split_quotes=False, aggregate=False),
                          LogisticRegression()).fit(X, y)
    coef = model[-1].coef_.copy()
    with using(extended):
        p_now = model.predict_proba(["A zorbly mess."])[0, 1]
        assert np.array_equal(model[-1].coef_, coef)  # nothing learned yet
        refit = make_pipeline(LoadedLexiconFeatures(split_quotes=False, aggregate=False),
                              LogisticRegression()).fit(X, y)
    assert p_now > model.predict_proba(["A zorbly mess."])[0, 1]  # counted at once, with the old weight
    assert not np.array_equal(refit[-1].coef_, coef)  # the weight itself needs the new fit


def test_an_empty_lexicon_in_use_is_the_one_the_model_reads():
    from framing.evidence.lexicon import active_lexicon, using

    empty = Lexicon([])
    with using(empty):
        assert active_lexicon() is empty
    assert active_lexicon() is load_lexicon()
