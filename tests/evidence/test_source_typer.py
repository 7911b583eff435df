from dataclasses import replace

import numpy as np

from framing.evidence.analysis import analyze
from framing.evidence.attribution import extract
from framing.evidence.source_typer import SourceTyper, retyped, typer_features
from framing.training.sourcing_eval import TRAIN_TYPED_SAMPLES, TYPED_SAMPLES, typed_sample
from framing.types import Article


def doc_and_atts(text):
    a = analyze(Article("t", text))
    return a.document, extract(a.document, a.evidence)


def test_features_carry_the_rules_type_words_and_cue():
    doc, atts = doc_and_atts("Mark McKinley, a financial adviser in Ohio, said savings matter.")
    f = typer_features(doc, atts[0])
    assert {"kind=person", "cue=said", "w=adviser", "head=mckinley"} <= set(f)


def _toy():
    rows = [["kind=person", "w=adviser"], ["kind=person", "w=senator"]] * 20 + [["kind=official", "w=ministry"]] * 20
    y = ["expert", "person"] * 20 + ["official"] * 20
    return rows, y


def test_the_typer_learns_a_correction_and_predicts_with_numpy_as_scikit_learn_does():
    from scipy.sparse import csr_matrix

    from framing.evidence.source_typer import _hashed

    rows, y = _toy()
    t = SourceTyper().fit(rows, y)
    assert t.predict([["kind=person", "w=adviser"], ["kind=person", "w=senator"]]) == ["expert", "person"]
    ri, ci = _hashed(rows, t.n_features)
    X = csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(len(rows), t.n_features))
    assert np.allclose(t.decision(rows), X @ t.coef_.T + t.intercept_)


def test_retyping_replaces_the_rules_type_except_a_listed_one_and_a_person_without_a_name():
    doc, atts = doc_and_atts("Residents said the water rose. Gazprom said prices would rise. "
                             "Russia said the talks failed. It is understood that rates rise.")
    assert [(a.source_text, a.kind) for a in atts] == [("Residents", "anonymous"), ("Gazprom", "official"),
                                                       ("Russia", "official"), ("It is understood", "anonymous")]
    rows = [typer_features(doc, a) for a in atts[:3]]
    typer = SourceTyper().fit(rows * 20 + [["kind=media", "w=x"]] * 20,
                              ["person", "media", "media"] * 20 + ["expert"] * 20)
    assert typer.predict(rows) == ["person", "media", "media"]
    out = retyped(doc, atts, typer)
    assert out[0].kind == "person" and out[0].group.startswith("person:")  # the rules had only a fallback
    assert out[1].kind == "media" and out[1].group != atts[1].group  # an unlisted word's type: the typer's
    assert out[2] == atts[2]  # "Russia": a country from the gazetteer, whatever the typer says
    assert out[3] == atts[3]  # "It is understood": a lexicon marker, typed by the lexicon
    assert retyped(doc, atts, None) == atts
    person = SourceTyper().fit([rows[1]] * 20 + [["kind=media", "w=x"]] * 20, ["person"] * 20 + ["media"] * 20)
    assert retyped(doc, atts, person)[1].kind == "official"  # no person of a phrase without a name
    # one word is a name where the article gives it a first name elsewhere: "Limbaugh" after "Rush Limbaugh"
    doc, atts = doc_and_atts("Rush Limbaugh hosts a radio show. Limbaugh said the race was over. "
                             "Gazprom said prices would rise.")
    one = [a for a in atts if a.source_text in ("Limbaugh", "Gazprom")]
    assert len(one) == 2
    one = [replace(a, kind="media") if a.kind == "person" else a for a in one]  # as the rules type a host
    person = SourceTyper().fit([typer_features(doc, a) for a in one] * 20 + [["kind=x", "w=x"]] * 20,
                               ["person", "person"] * 20 + ["media"] * 20)
    assert [a.kind for a in retyped(doc, one, person)] == ["person", one[1].kind]
    doc, atts = doc_and_atts("Posts on social media claimed the dam broke.")
    assert atts[0].kind == "social_media"
    official = SourceTyper().fit([typer_features(doc, atts[0])] * 20 + [["kind=media", "w=x"]] * 20,
                                 ["official"] * 20 + ["media"] * 20)
    assert retyped(doc, atts, official) == atts  # too few social-media labels to unlearn the rules' type
    doc, atts = doc_and_atts("Ukraine's defence ministry said the line held.")
    assert atts[0].kind == "official"
    document = SourceTyper().fit([typer_features(doc, atts[0])] * 20 + [["kind=media", "w=x"]] * 20,
                                 ["document"] * 20 + ["media"] * 20)
    assert retyped(doc, atts, document) == atts  # a body named by its organisation word stays official


def test_the_train_typed_samples_share_no_article_with_the_dev_samples():
    assert len(TRAIN_TYPED_SAMPLES) >= 6
    dev = {r["article"] for path in TYPED_SAMPLES.values() for r in typed_sample(path)}
    for path in TRAIN_TYPED_SAMPLES:
        rows = typed_sample(path)
        assert len(rows) >= 200 and not {r["article"] for r in rows} & dev
        assert {r["effective"] for r in rows} <= {"person", "official", "media", "expert", "document", "social_media",
                                                 "anonymous", "pronoun", "unclear"}


def test_the_named_model_learns_the_flag_and_never_names_an_anonymous_source():
    doc, atts = doc_and_atts("Residents said the water rose. Gazprom said prices would rise.")
    rows = [typer_features(doc, a) for a in atts]
    assert [a.named for a in atts] == [False, True]
    plain = SourceTyper().fit(rows * 10 + [["kind=media"]] * 10, ["anonymous", "official"] * 10 + ["media"] * 10)
    assert plain.named_proba(rows) is None and retyped(doc, atts, plain) == atts  # no named model: the rules' flag
    # taught the opposite flags: Gazprom unnamed, the residents named (but they stay anonymous)
    typer = SourceTyper().fit(rows * 10 + [["kind=media"]] * 10, ["anonymous", "official"] * 10 + ["media"] * 10,
                              named=[True, False] * 10 + [True] * 10)
    assert list(typer.named_proba(rows) >= 0.5) == [True, False]
    out = retyped(doc, atts, typer)
    assert [(a.kind, a.named) for a in out] == [("anonymous", False), ("official", False)]
    doc, atts = doc_and_atts("Russian channels on Telegram said the line broke.")
    assert atts[0].kind == "social_media" and not atts[0].named
    typer = SourceTyper().fit([typer_features(doc, atts[0])] * 10 + [["kind=media"]] * 10,
                              ["social_media"] * 10 + ["media"] * 10, named=[True] * 10 + [False] * 10)
    assert not retyped(doc, atts, typer)[0].named  # social media: too few examples, the rules' flag stands
