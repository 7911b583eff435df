"""Shortcuts taken for speed give what the plain computation gives (the Punkt path has its own
file, tests/test_punkt_spans.py; the language check's in tests/robustness/test_language.py)."""
import numpy as np

from framing.evidence.analysis import Analysis
from framing.caches import BoundedCache
from framing.models.hashing import feature_index
from framing.models.persist import default_model_dir, load_model
from framing.scoring import _ALPHA_WORD, claim_sentences
from framing.models.sourcing.tokens import _TOKENS_RE, TOKEN_RE, Sentences, _char_span, _token_spans, _TokenOffsets
from framing.text.document import parse
from framing.types import Article

from tests.conftest import shared_path

AWKWARD = ["", "One.", "Two words.", "Three words here.", "“Quoted” — a b", "1 2 3 4", "x_y z_w q", "É à ü",
           "Mr. U.S. Jones said so?", "A. B. C.", "¿Qué? Sí, señor, dijo él."]


def _texts(n: int = 12) -> list[str]:
    files = sorted(shared_path("data", "polnear", "dev", "text").glob("*.txt"))[:n]
    return [f.read_text(encoding="utf-8") for f in files] + [" ".join(AWKWARD), "\n\n".join(AWKWARD)]


def test_claims_count_words_only_up_to_the_third():
    for text in _texts():
        doc = parse(text)
        a = Analysis(Article("x", text), doc, ())
        plain = [s.index for s in doc.sentences
                 if not (s.is_headline or s.is_caption or s.text.rstrip("”\"’' ").endswith("?"))
                 and len(_ALPHA_WORD.findall(s.text)) >= 3]
        assert claim_sentences(a) == plain


def test_source_span_offsets_from_a_batch_encoded_without_them():
    """_char_span tokenises a sentence again (once, cached) when the batch has no offsets: the same
    character spans as a batch encoded with them, for every token pair of every sentence."""
    clf = load_model(default_model_dir("sourcing"), task="sourcing", predict_only=True).estimator.clf_
    texts = [s.text for t in _texts(4) for s in parse(t).sentences] + AWKWARD
    plain, with_offsets = clf.encode(Sentences(texts)), clf.encode(Sentences(texts), with_offsets=True)
    checked = 0
    for k in range(len(texts)):
        lo, n = int(plain.first[k]), int(plain.lens[k])
        for i, j in {(lo, lo), (lo, lo + n - 1), (lo + n // 2, lo + n - 1)} if n else ():
            assert _char_span(plain, k, i, j) == _char_span(with_offsets, k, i, j)
            checked += 1
    assert checked > 100 and len(plain.char_spans) > 50 and np.array_equal(plain.lens, with_offsets.lens)


def _typer_inputs(n: int = 12):
    """(bundled typer, [(doc, attributions)]) of real articles, attributions as scoring passes them."""
    from framing.evidence.analysis import analyze
    from framing.api import Scorer
    from framing.scoring import _absolute_spans, attributions_batch

    scorer = Scorer()
    analyses = [analyze(Article(str(k), t)) for k, t in enumerate(_texts(n))]
    texts = [s.text for a in analyses for s in a.document.sentences]
    ids = [k for k, a in enumerate(analyses) for _ in a.document.sentences]
    probs, learned = scorer.predictors.attribution(texts, ids, 0.5)
    lo, probs_by, spans_by = 0, [], []
    for a in analyses:
        hi = lo + len(a.document.sentences)
        probs_by.append(np.asarray(probs[lo:hi]))
        spans_by.append(_absolute_spans(a.document, range(hi - lo), learned[lo:hi]))
        lo = hi
    atts = attributions_batch(analyses, probs_by, spans_by, scorer.predictors.verifier)
    return scorer.predictors.typer, [(a.document, x) for a, x in zip(analyses, atts)]


def _plain_typer_scores(typer, rows):
    """The typer's two models as first written: np.add.at over (row, CRC-32 column) pairs."""
    import zlib

    ri = np.array([i for i, r in enumerate(rows) for _ in r], dtype=np.int64)
    ci = np.array([zlib.crc32(x.encode("utf-8")) % typer.n_features for r in rows for x in r], dtype=np.int64)
    z = np.zeros((len(rows), len(typer.classes_))) + typer.intercept_
    np.add.at(z, ri, typer.coef_[:, ci].T)
    named = np.full(len(rows), typer.named_intercept_)
    np.add.at(named, ri, typer.named_coef_[ci])
    return z, 1 / (1 + np.exp(-named))


def test_typer_scores_both_models_in_one_pass_as_add_at_does(monkeypatch):
    """One weight table, rows padded, columns added one position at a time, CRC-32s from a bounded
    cache: bit for bit the plain computation, on real attributions and on rows of any length with
    repeated and unseen features, with the cache filling, emptied and refilled."""
    from framing.evidence import source_typer
    from framing.evidence.source_typer import typer_features

    typer, items = _typer_inputs()
    rows = [typer_features(doc, x) for doc, atts in items for x in atts if x.source and x.source_text]
    rows += [[], ["w=x"], ["w=x", "w=x", "kind=person"] * 7, ["unseen feature ñ", *rows[0]]]
    monkeypatch.setattr(source_typer, "_crc32", BoundedCache(50))  # cold, whatever ran before; many clears
    for _ in range(2):  # the second time from the cache
        z, named = _plain_typer_scores(typer, rows)
        assert len(rows) > 100 and len(source_typer._crc32) <= 50
        assert np.array_equal(typer.decision(rows), z)
        assert np.array_equal(typer.named_proba(rows), named)
        p, p_named = typer.probabilities(rows)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        assert np.array_equal(p, e / e.sum(axis=1, keepdims=True)) and np.array_equal(p_named, named)


def test_retyping_a_batch_of_articles_is_retyping_each_alone():
    from framing.evidence.source_typer import retyped, retyped_batch

    typer, items = _typer_inputs()
    batch = retyped_batch(items, typer)
    assert batch == [retyped(doc, atts, typer) for doc, atts in items]
    assert batch != [atts for _, atts in items]  # the typer changed something: the comparison means something


def test_verifier_columns_from_the_bounded_cache_are_the_hashers(monkeypatch):
    """The light verifier's columns come from a dict of seen features, emptied when full: its
    probabilities are those of hashing every feature afresh, whether the cache is cold, filling,
    emptied on the way or warm."""
    from framing.models import fast_predict
    from framing.evidence.source_verifier import candidate_features, checkable, coded_column, row_columns

    _, items = _typer_inputs(8)
    verifier = load_model(default_model_dir("sourcing"), task="sourcing", predict_only=True).estimator.source_verifier_
    rows = [candidate_features(doc, x, 0.5, None) for doc, atts in items for x in atts if checkable(doc, x)]
    rows += [[], ["w=x", "w=x"], ["unseen feature ñ"]]
    n = verifier.n_features
    r, c = row_columns(rows, n, lambda f: coded_column(f, feature_index(f, n), n))
    plain = fast_predict.expit(fast_predict._sparse_dot(r, c, np.ones(len(c)), len(rows), verifier.clf_.coef_[0])
                               + verifier.clf_.intercept_)
    monkeypatch.setattr(fast_predict, "_COLUMNS", {})
    monkeypatch.setattr(fast_predict, "_COLUMNS_SIZE", 40)
    for _ in range(2):
        assert len(rows) > 40 and np.array_equal(verifier.predict_proba(rows)[:, 1], plain)
        assert len(fast_predict._COLUMNS[n]) <= 40


def test_token_offsets_by_find_are_the_regexs():
    """_token_spans finds each token from the end of the last: the offsets TOKEN_RE's own matches
    give, on real sentences and on text with odd white space, repeats and apostrophes."""
    odd = ["a\u00a0b\u2009c\u3000d\te\nf", "  ..a.a.  a'a a’ ’a --a- a", "x x x xx x", "\u200b z \ufeffz",
           "漢字 é-é"]
    texts = [s.text for t in _texts(6) for s in parse(t).sentences] + AWKWARD + odd
    for t in texts:
        assert _token_spans(t, TOKEN_RE.findall(t)) == [m.span() for m in TOKEN_RE.finditer(t)]
        assert _TOKENS_RE.findall(t) == TOKEN_RE.findall(t)  # the pattern the encoder finds tokens with


def test_token_offsets_by_counting_are_the_regexs():
    """_TokenOffsets counts its way to a token where words are one white-space character apart and
    falls back on _token_spans elsewhere: TOKEN_RE's offsets for every pair of tokens, on real
    sentences and random ones made of words, punctuation and odd white space."""
    import random

    rng = random.Random(7)
    parts = ["a", "Bb", "1,2", "U.S.", "don't", "’", "“", "-", "--", ".", "é", "漢", "x_y", "\u200b"]
    gaps = [" ", " ", " ", "\n", "\t", "\u00a0", "\u2009", "  ", " \n ", "\x1c", ""]
    made = [rng.choice(parts) + "".join(rng.choice(gaps) + rng.choice(parts) for _ in range(rng.randint(0, 8)))
            for _ in range(3000)]
    texts = [s.text for t in _texts(6) for s in parse(t).sentences] + AWKWARD + made
    counted = 0
    for t in texts:
        spans, toks = [m.span() for m in TOKEN_RE.finditer(t)], TOKEN_RE.findall(t)
        offsets = _TokenOffsets(t, toks)
        counted += offsets.spans is None
        for i in range(len(toks)):
            for j in range(i, len(toks)):
                assert offsets.span(i, j) == (spans[i][0], spans[j][1]), (t, i, j)
    assert counted > len(texts) / 3 and counted < len(texts) - 500  # both ways were taken


def test_a_tagger_span_survives_pickling_with_its_score_and_extras():
    import pickle

    from framing.models.sourcing.spans import Span

    sp = Span(3, 9, 2.5, ((12, 15),))
    back = pickle.loads(pickle.dumps(sp))
    assert back == (3, 9) and back.score == 2.5 and back.extras == ((12, 15),) and type(back) is Span


def test_word_memo_gives_each_word_its_own_row_filling_emptied_and_warm(monkeypatch):
    """_WordMemo keeps a row a word across batches: whatever came before (words seen, new, repeated
    across batches, the memo emptied past LIMIT), a batch gets compute's value of each of its words."""
    from framing.models.framing.batch import _WordMemo

    monkeypatch.setattr(_WordMemo, "LIMIT", 6)
    value = lambda ws: np.array([[len(w), ord(w[0])] for w in ws], dtype=np.float64)  # noqa: E731
    memo = _WordMemo(None, np.float64, (2,))
    batches = [["a", "bb", "ccc"], ["ccc", "dddd", "a"], [], ["e", "ff", "a", "bb", "g"], ["zz"], ["a", "zz", "bb"]]
    for words in batches * 2:
        got = memo.values(words, value)
        assert got.shape == (len(words), 2) and np.array_equal(got, value(words).reshape(-1, 2))
        assert len(memo.rows) <= 6


def test_framing_views_give_a_batch_the_same_features_with_their_memos_cold_or_warm():
    """The word, biased-word and lexicon views read words through per-view memos (sentence_views._WordMemo):
    a batch's features are the same scored first or after other batches, whose words fill the memos."""
    from framing.models.framing.batch import _WORD_MEMOS

    model = load_model(default_model_dir("framing"), task="framing", predict_only=True).estimator
    views = dict(model.calibrated_classifiers_[0].estimator.steps[0][1].transformer_list)
    views = {"word": views["word"].estimator_.steps[0][1], "bw": views["bw"], "lex": views["lex"]}
    texts = [s.text for t in _texts(8) for s in parse(t).sentences] + AWKWARD
    a, b = texts[::2], texts[1::2]
    arrays = lambda x: (x.rows, x.cols, x.data) if name == "word" else (x,)  # noqa: E731 - the word view's Sparse
    for name, view in views.items():
        _WORD_MEMOS.clear()
        cold = arrays(view.transform(list(a)))
        view.transform(list(b))
        warm = arrays(view.transform(list(a)))
        assert all(np.array_equal(x, y) for x, y in zip(cold, warm)) and len(cold[0]) >= len(a)
        memos = _WORD_MEMOS[view]  # the lexicon view has two: category bits and term-start flags
        assert len(memos) == (2 if name == "lex" else 1) and all(len(m.rows) > 500 for m in memos.values())


def test_quote_mask_and_embedding_sums_are_the_plain_ones():
    """_Batch.quote_mask finds the quotation mark among the batch's distinct tokens, _row_sums adds
    each row's vectors position by position: what a look at every token and np.add.at give."""
    from framing.models.framing.batch import _analyze
    from framing.models.framing.word_views import _row_sums

    texts = [s.text for t in _texts(4) for s in parse(t).sentences] + AWKWARD + ['"a" b "c d" "e', "no quotes"]
    batch, _ = _analyze(texts)
    flat, rows, lens = batch.tokens(False)
    q = np.array([t == '"' for t in flat])
    inside = np.zeros(len(flat), bool)
    for k in range(batch.n):
        a = int(lens[:k].sum())
        inside[a:a + lens[k]] = (np.cumsum(q[a:a + lens[k]]) % 2 == 1) & ~q[a:a + lens[k]]
    assert np.array_equal(batch.quote_mask(False), inside) and 100 < inside.sum() < len(flat)
    types, inv = batch.types(False)
    W = np.random.default_rng(0).normal(size=(len(types), 8)).astype(np.float32)
    E = np.zeros((batch.n, 8), np.float32)
    np.add.at(E, rows, W[inv])
    assert np.array_equal(_row_sums(rows, inv, W, batch.n), E)


def test_typer_features_from_the_phrase_cache_are_the_plain_ones(monkeypatch):
    """typer_features takes a source phrase's own features from a bounded cache: the same lists, in the
    same order, as making them afresh, cold, filling, emptied on the way and warm."""
    from framing.evidence import source_typer
    from framing.evidence.attribution import has_name, kind_of
    from framing.evidence.source_typer import _WORD, typer_features

    def plain(doc, att):
        a, b = att.source
        words = [w.lower() for w in _WORD.findall(att.source_text)] or ["<e>"]
        head = [w.lower() for w in _WORD.findall(att.source_text.partition(",")[0])] or ["<e>"]
        prev, nxt = _WORD.findall(doc.text[max(0, a - 30):a]), _WORD.findall(doc.text[b:b + 30])
        f = [f"kind={att.kind}", f"named={att.named}", f"first={words[0]}", f"last={words[-1]}", f"head={head[-1]}",
             f"kind_head={att.kind}|{head[-1]}", f"len={min(len(words), 6)}", f"hasname={has_name(att.source_text)}",
             f"cap={att.source_text[:1].isupper()}", f"cue={att.cue_text.lower()}", f"comma={',' in att.source_text}",
             f"resolved={att.resolved_from.lower()}", f"kind_resolved={att.kind}|{bool(att.resolved_from)}",
             f"written_kind={kind_of(att.resolved_from) if att.resolved_from else att.kind}",
             f"prev={prev[-1].lower() if prev else '<s>'}", f"next={nxt[0].lower() if nxt else '</s>'}"]
        return f + [f"w={w}" for w in words] + [f"r={w.lower()}" for w in _WORD.findall(att.role)]

    _, items = _typer_inputs()
    pairs = [(doc, x) for doc, atts in items for x in atts if x.source and x.source_text]
    monkeypatch.setattr(source_typer, "_PHRASES", BoundedCache(30))  # cold; many clears along the way
    for _ in range(2):
        assert [typer_features(d, x) for d, x in pairs] == [plain(d, x) for d, x in pairs]
    assert len(pairs) > 100 and len({x.source_text for _, x in pairs}) > 30 and len(source_typer._PHRASES) <= 30


def test_biased_word_top_scores_by_row_maxima_are_the_sorted_ones():
    """BiasedWordFeatures._features1 takes each sentence's top_k word scores by k row maxima: the
    columns sorting every row gives, on real sentences and on rows shorter than k, empty, or tied."""
    from framing.models.framing.batch import _analyze
    from framing.models.framing.word_views import _logit

    model = load_model(default_model_dir("framing"), task="framing", predict_only=True).estimator
    bw = dict(model.calibrated_classifiers_[0].estimator.steps[0][1].transformer_list)["bw"]
    texts = [s.text for t in _texts(4) for s in parse(t).sentences] + AWKWARD + ["", "a a a a", "b"]
    batch, _ = _analyze(texts)
    _, rows, lens = batch.tokens(bw.mask_names)
    rng = np.random.default_rng(0)
    for scores in (rng.random(len(rows)), np.round(rng.random(len(rows)), 1)):  # the second with ties
        k, top = bw.top_k, np.full((batch.n, bw.top_k), bw.prior_)
        for r in range(batch.n):
            best = sorted(scores[rows == r], reverse=True)[:k]
            top[r, :len(best)] = best
        got = bw._features1(scores, batch, set(range(k + 1)))
        assert np.array_equal(got[:, :k], _logit(top)) and np.array_equal(got[:, k], _logit(top.mean(1)))
    assert (lens == 0).any() and (lens < k).sum() > 3


def test_boosted_trees_walked_together_give_scikit_learns_leaves_with_missing_values_too():
    """fast_predict's tree walk (leaves their own children, pairs still walking gathered now and
    then) gives scikit-learn's probabilities on real sentence features, some of them made missing."""
    from framing.models.sourcing.tokens import Sentences as S

    light = load_model(default_model_dir("sourcing"), task="sourcing", predict_only=True).estimator.clf_
    full = load_model(default_model_dir("sourcing"), task="sourcing").estimator.clf_
    texts = [s.text for t in _texts(12) for s in parse(t).sentences]
    F = light.features_.transform(light.encode(S(texts)))
    F[np.random.default_rng(3).random(F.shape) < 0.2] = np.nan
    for X in (F, F[:1]):
        assert np.array_equal(light.head_.predict_proba(X), full.head_.predict_proba(X))
    assert len(F) > 150 and np.isnan(F).any()


def test_tag_scores_from_feature_rows_are_the_five_gathers():
    """The span tagger reads a feature's five tag weights in one gather (_tag_rows): the sums are the
    ones five gathers, one per tag, give, bit for bit."""
    est = load_model(default_model_dir("sourcing"), task="sourcing", predict_only=True).estimator
    tagger = est.src_
    texts = [s.text for t in _texts(4) for s in parse(t).sentences] + AWKWARD
    b = est.clf_.encode(Sentences(texts), with_offsets=True)
    anchors = b.first + np.maximum(b.lens - 1, 0) // 2
    idx = (np.stack(tagger._feats(b, anchors)) & np.uint64(tagger.n_features - 1)).view(np.int64)
    Z = np.stack([np.take(c, idx).sum(0) + ic for c, ic in zip(tagger.coef_, tagger.intercept_)], 1)
    P = 1 / (1 + np.exp(-Z.astype(np.float64)))
    P /= P.sum(1, keepdims=True)
    L = np.log(P + 1e-12)
    assert len(idx[0]) > 500 and np.array_equal(tagger._tag_scores(b, anchors), L[:, 1:] - L[:, :1])
