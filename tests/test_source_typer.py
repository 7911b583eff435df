import numpy as np

from framing.analysis import analyze
from framing.attribution import extract
from framing.source_typer import SourceTyper, retyped, typer_features
from framing.sourcing_eval import TRAIN_TYPED_SAMPLES, TYPED_SAMPLES, typed_sample
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

    from framing.source_typer import _hashed

    rows, y = _toy()
    t = SourceTyper().fit(rows, y)
    assert t.predict([["kind=person", "w=adviser"], ["kind=person", "w=senator"]]) == ["expert", "person"]
    ri, ci = _hashed(rows, t.n_features)
    X = csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(len(rows), t.n_features))
    assert np.allclose(t.decision(rows), X @ t.coef_.T + t.intercept_)


def test_retyping_replaces_only_the_rules_fallback_types_and_leaves_markers_alone():
    doc, atts = doc_and_atts("Residents said the water rose. Gazprom said prices would rise. "
                             "It is understood that rates rise.")
    assert [(a.source_text, a.kind) for a in atts] == [("Residents", "anonymous"), ("Gazprom", "official"),
                                                       ("It is understood", "anonymous")]
    rows = [typer_features(doc, a) for a in atts[:2]] * 10 + [["kind=media", "w=x"]] * 20
    typer = SourceTyper().fit(rows, ["person", "person"] * 10 + ["media"] * 20)
    assert typer.predict([typer_features(doc, a) for a in atts[:2]]) == ["person", "person"]
    out = retyped(doc, atts, typer)
    assert out[0].kind == "person" and out[0].group.startswith("person:")  # the rules had only a fallback
    assert out[1] == atts[1]  # "Gazprom": the rules' evidence stands
    assert out[2] == atts[2]  # "It is understood": a lexicon marker, typed by the lexicon
    assert retyped(doc, atts, None) == atts


def test_the_train_typed_samples_share_no_article_with_the_dev_samples():
    assert len(TRAIN_TYPED_SAMPLES) >= 6
    dev = {r["article"] for path in TYPED_SAMPLES.values() for r in typed_sample(path)}
    for path in TRAIN_TYPED_SAMPLES:
        rows = typed_sample(path)
        assert len(rows) >= 200 and not {r["article"] for r in rows} & dev
        assert {r["effective"] for r in rows} <= {"person", "official", "media", "expert", "document", "social_media",
                                                 "anonymous", "pronoun", "unclear"}
