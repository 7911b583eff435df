import json

import pytest

from framing.api import Scorer
from framing.scoring import authorial_text
from framing.text.document import parse
from framing.types import Article

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def scorer():
    return Scorer()


def by_outlet(scorer, paths):
    return {r.get("outlet") or r["id"][-30:]: r for r in scorer.score_paths(paths)}


def test_contract_fields_and_offsets(scorer):
    for r in scorer.score_paths([EXAMPLES]):
        assert r["schema_version"] == "1"
        assert 0 <= r["framing_score"] <= 100 and 0 <= r["sourcing_score"] <= 100
        text = (EXAMPLES / r["id"].split("/")[-1]).read_text(encoding="utf-8").split("---\n", 2)[2]
        for s in r["sentences"]:
            assert text[s["start"]:s["end"]] == s["text"]
            assert 0 <= s["loaded_prob"] <= 1 and 0 <= s["attribution_prob"] <= 1
        for a in r["attributions"]:
            if a["source"]:
                assert text[a["source"][0]:a["source"][1]] == a["source_text"] or a["resolved_from"]
        for k, w in r["framing"]["weights"].items():
            assert k in r["framing"]["components"]


def test_same_input_same_output(scorer):
    a = Article("x", "The shameful regime lied, officials said. \u201cIt is over,\u201d the minister said.")
    assert json.dumps(scorer.score_article(a)) == json.dumps(scorer.score_article(a))


def test_examples_rank_as_written(scorer):
    r = by_outlet(scorer, [EXAMPLES])
    clarion, wire, herald = r["The Daily Clarion"], r["Meridian Wire"], r["Northgate Herald"]
    assert clarion["framing_score"] > max(wire["framing_score"], herald["framing_score"])
    assert clarion["sourcing_score"] < min(wire["sourcing_score"], herald["sourcing_score"])
    assert herald["sourcing"]["components"]["verification_caveat"] == 1.0
    assert set(clarion["sourcing"]["unsourced_hedged_sentences"])


def test_quoted_loaded_language_weighs_little(scorer):
    own = Article("own", "The disgraceful regime's thugs spewed shameful lies. The council met on Monday.")
    quoted = Article("quoted", "\u201cThe disgraceful regime's thugs spewed shameful lies,\u201d the opposition "
                               "leader said. The council met on Monday.")
    a, b = scorer.score_article(own), scorer.score_article(quoted)
    assert a["framing_score"] > b["framing_score"] + 20
    assert b["framing"]["quoted_framing"]["loaded_terms"] >= 3 and b["framing"]["authorial_loaded_terms"] == 0


def test_authorial_text_blanks_quotes():
    text = "\u201cWe were humiliated,\u201d he said, calling it \u201ca rout\u201d."
    doc = parse(text)
    assert authorial_text(doc, doc.sentences[0]) == "\u201c\u2026\u201d he said, calling it \u201c\u2026\u201d."


def test_seed_rankings(scorer, seeds):
    res = {k: scorer.score_article(Article(k, t)) for k, t in seeds.items()}
    framing = {k: r["framing_score"] for k, r in res.items()}
    sourcing = {k: r["sourcing_score"] for k, r in res.items()}
    # 004: tabloid-style, "humiliated" / "warring dictator" in its own voice; 001: the MoD intelligence update
    assert max(framing, key=framing.get) == "004" and min(framing, key=framing.get) == "001"
    assert max(sourcing, key=sourcing.get) == "001" and min(sourcing, key=sourcing.get) == "004"


def test_telegraph_seed_ledger(scorer, seeds):
    r = scorer.score_article(Article("000", seeds["000"]))
    srcs = {s["name"]: s for s in r["sourcing"]["sources"]}
    names = " | ".join(srcs)
    assert "Ukraine\u2019s defence ministry" in srcs and srcs["Ukraine\u2019s defence ministry"]["kind"] == "official"
    assert "Volodymyr Zelensky" in srcs and srcs["Volodymyr Zelensky"]["kind"] == "person"
    assert any("Institute for the Study of War" in n and s["kind"] == "expert" for n, s in srcs.items()), names
    assert srcs["James Rushton"]["kind"] == "expert"
    assert any("Telegram" in n and s["kind"] == "social_media" for n, s in srcs.items()), names


def test_seed_sourcing_separates_the_update_from_the_tabloid(scorer, seeds):
    sourcing = {k: scorer.score_article(Article(k, t))["sourcing_score"] for k, t in seeds.items()}
    assert sourcing["001"] >= sourcing["004"] + 15, sourcing
    assert sourcing["004"] < sourcing["000"] < sourcing["001"], sourcing


def ledger_of(scorer, text):
    r = scorer.score_article(Article("s", text))
    return r, {s["name"]: s for s in r["sourcing"]["sources"]}


def test_no_place_name_is_a_source_in_any_seed(scorer, seeds):
    from framing.evidence.attribution import is_place

    for k, t in seeds.items():
        r, srcs = ledger_of(scorer, t)
        for a in r["attributions"]:
            if a["source_text"] and not a["resolved_from"]:
                assert a["kind"] == "official" or not is_place(a["source_text"]), (k, a["source_text"])


def test_seed_ledgers_have_their_sources(scorer, seeds):
    _, s004 = ledger_of(scorer, seeds["004"])
    assert any("BBC" in n and s["kind"] == "media" and s["named"] for n, s in s004.items()), list(s004)
    assert any(n.startswith("Gazprom") and s["named"] for n, s in s004.items()), list(s004)
    _, s000 = ledger_of(scorer, seeds["000"])
    ministries = [n for n, s in s000.items() if "ministry" in n.lower() and s["kind"] == "official"]
    assert len(ministries) == 2 and any("Ukraine" in n for n in ministries), list(s000)
    r001, s001 = ledger_of(scorer, seeds["001"])
    assert s001["the Ministry of Defence"]["kind"] == "official"
    assert s001["Volodymyr Zelensky"]["kind"] == "person"
    assert any("BBC" in n and s["kind"] == "media" for n, s in s001.items())
    # the caveat is the BBC's, not the outlet's own
    assert [c["voiced_by"] for c in r001["sourcing"]["verification_caveats"]] == ["The BBC"]


def test_a_sentence_is_attributed_or_unattributed_never_both(scorer, seeds):
    for k, t in seeds.items():
        r = scorer.score_article(Article(k, t))
        attributed = {a["sentence"] for a in r["attributions"] if a["source_text"]}
        unattributed = set(r["sourcing"]["unattributed_sentences"])
        assert not attributed & unattributed, k
        assert not attributed & set(r["sourcing"]["unsourced_hedged_sentences"]), k


def test_a_hedge_inside_an_attributed_claim_is_the_sources(scorer):
    r = scorer.score_article(Article("h", "The ministry said the bridge had reportedly collapsed overnight. "
                                          "The river reportedly rose by two metres in an hour."))
    assert r["sourcing"]["unsourced_hedged_sentences"] == [1]


def test_error_records_keep_order(scorer, tmp_path):
    (tmp_path / "a.txt").write_text("Officials said the dam held.")
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "c.txt").write_text("The shameful regime lied.")
    out = list(scorer.score_paths([tmp_path]))
    assert [("error" in r) for r in out] == [False, True, False]


def test_framing_score_is_the_news_share_and_the_lexicon_term():
    """framing = 100 x (0.70 x min(1, mean authorial news_loaded_prob / 0.5) + 0.30 x lexicon term); the news
    head reads the outlet's own voice (quotes blanked); without a head the sentence model stands in."""
    import numpy as np

    from framing.evidence.analysis import analyze
    from framing.scoring import Predictors, score_batch

    a = analyze(Article("x", "The council met on Monday. \u201cIt was a disgrace,\u201d a member said. The vote was 7 to 2."))
    seen = []

    def news(texts, loaded):
        seen.extend(texts)
        return np.full(len(texts), 0.2)

    def no_attribution(texts, article, threshold):
        return np.zeros(len(texts)), None

    def loaded(texts):
        return np.full(len(texts), 0.6)

    with_head = score_batch([a], Predictors(loaded=loaded, attribution=no_attribution, news=news))[0]
    without = score_batch([a], Predictors(loaded=loaded, attribution=no_attribution))[0]
    assert not any("disgrace" in t for t in seen) and len(seen) == 3
    lex = with_head["framing"]["components"]["lexicon_density"]
    assert with_head["framing"]["components"]["news_loaded_share"] == pytest.approx(0.2)
    assert with_head["framing_score"] == pytest.approx(100 * (0.7 * 0.2 / 0.5 + 0.3 * lex), abs=0.051)
    assert without["framing_score"] == pytest.approx(100 * (0.7 * 1.0 + 0.3 * lex), abs=0.051)  # 0.6 / 0.5 counts in full
    assert [s["news_loaded_prob"] for s in with_head["sentences"]] == [0.2, 0.2, 0.2]


def test_a_lone_function_word_is_no_source_even_where_the_verifier_would_keep_it():
    import numpy as np

    from framing.evidence.analysis import analyze
    from framing.evidence.attribution import extract
    from framing.scoring import attributions_batch

    class KeepAll:  # a verifier that accepts every candidate
        threshold = canonical_threshold = 0.5

        def predict_proba(self, rows):
            return np.tile([0.0, 1.0], (len(rows), 1))

    a = analyze(Article("t", "So says the old rule. The mayor said the dam held."))
    assert [x.source_text for x in extract(a.document, a.evidence, None, candidates=True)] == ["So", "The mayor"]
    kept = attributions_batch([a], [np.ones(2)], [None], KeepAll())[0]
    assert [x.source_text for x in kept] == ["The mayor"]
