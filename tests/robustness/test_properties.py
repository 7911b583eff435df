"""Issue 6, item 3: properties over the whole path from raw bytes to scores and report, 500
examples each: never an unhandled exception, every offset inside the text and naming what it
says, probabilities in [0, 1], scores in [0, 100], the same input giving the same output, and
reports (Markdown and the HTML view) that article text cannot break."""
import dataclasses
import json

from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from framing.compare.comparison import compare
from framing.compare.html_view import render_comparison
from framing.read.article import from_text
from framing.read.decode import BinaryInput, decode
from framing.read.inputs import read_bytes
from framing.compare.report import render
from framing.text.document import MAX_SENTENCE_CHARS, parse
from framing.types import Article, ReadError

from tests.compare.test_html_view import check_marks
from .safety import assert_markdown_safe

# 500 examples per property, every run (CI included). No deadline: the first model call is slow.
# The autouse FRAMING_HOME fixture is function-scoped; it holds nothing the examples change.
PROPERTY = settings(max_examples=500, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

WORDS = ["The", "minister", "said", "officials", "dam", "held", "on", "Monday", "according to", "reportedly",
         "Mr.", "U.S.", "5 p.m.", "3.5 km", "1,200 people", "shameful", "disaster", "allegedly", "sources say",
         "could not independently verify", "café", "told reporters", "she", "he", "it", "was", "a", "war", "Kyiv"]
SPECIAL = ["\u201c", "\u201d", '"', "'", "\u00ab", "\u00bb", "\u2018", "\u2019", "\u201e", "\u2039", "\u203a",
           "\n", "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\x85", "\t", "  ",
           "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
           "\u202e", "\u202c", "\u200f", "\u200e", "\u0627\u0644\u0633\u062f", "\u05e1\u05db\u05e8",
           "\U0001F600", "\U0001F1FA\U0001F1E6", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
           "\x00", "\x07", "\x1b[31m", "\x0c", "\x0b", "\x7f",
           ".", "!", "?", "...", "\u2026", ";", ":", ",", " - ", "\u2014", "(", ")", "|", "<b>", "*", "_", "#", "`",
           "=", "+", "@", "&amp;", "[x](y)", "\\"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(SPECIAL), st.just(" "), st.text(max_size=4))
# Texts built from words, quotes, line breaks, invisible, right-to-left and control characters and
# emoji, with arbitrary Unicode mixed in; short, since the models take ~10 ms a sentence.
texts = st.lists(pieces, max_size=50).map(" ".join)
short_texts = st.lists(pieces, max_size=25).map(" ".join)
article_texts = st.lists(pieces, min_size=3, max_size=25).map(" ".join)
metadata = st.one_of(st.none(), st.sampled_from(["=cmd", "| x |", "<i>", "Mr. X", ""]), st.text(max_size=10))


def encodings(text: str):
    return st.sampled_from([text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16"),
                            text.encode("utf-16-le", "surrogatepass"), text.encode("utf-8")[:-1]])


raw_bytes = st.one_of(
    st.binary(max_size=400),
    texts.flatmap(encodings),
    st.lists(st.fixed_dictionaries({"id": st.one_of(st.text(max_size=5), st.integers(), st.none())},
                                   optional={"text": st.one_of(texts, st.integers(), st.none()), "outlet": metadata,
                                             "title": metadata}),
             max_size=4).map(lambda recs: "\n".join(json.dumps(r, ensure_ascii=False) for r in recs).encode()),
)


@PROPERTY
@given(data=raw_bytes, suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ""]))
def test_bytes_to_records_never_raise(data, suffix):
    try:
        text, warnings = decode(data)
        assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)
    except BinaryInput:
        pass
    for rec in read_bytes(data, "in" + suffix, suffix, max_chars=300):
        assert isinstance(rec, (Article, ReadError)) and isinstance(rec.id, str)
        if isinstance(rec, Article):
            assert rec.text.strip() and len(rec.text) <= 300
        else:
            assert rec.error


@PROPERTY
@given(text=texts)
def test_parse_offsets_name_what_they_say(text):
    doc = parse(text)
    previous_end = 0
    for i, s in enumerate(doc.sentences):
        assert s.index == i and previous_end <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text and len(s.text) <= MAX_SENTENCE_CHARS
        assert s.text == s.text.strip()
        previous_end = s.end
    for t in doc.tokens:
        s = doc.sentences[t.sentence]
        assert s.start <= t.start < t.end <= s.end and text[t.start:t.end] == t.text
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(text)
    assert [(q.start, -q.end) for q in doc.quotes] == sorted((q.start, -q.end) for q in doc.quotes)


def _check_record(rec: dict, text: str | None) -> None:
    assert rec["schema_version"] == "1" and isinstance(rec["id"], str)
    if "error" in rec or "unscored" in rec:
        assert "framing_score" not in rec
        return
    assert 0 <= rec["framing_score"] <= 100 and 0 <= rec["sourcing_score"] <= 100
    assert rec["sentences"]
    for s in rec["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
        for k in ("loaded_prob", "authorial_loaded_prob", "attribution_prob"):
            assert 0 <= s[k] <= 1, k
        for e in s["evidence"]:
            assert s["start"] <= e["start"] < e["end"] <= s["end"] and text[e["start"]:e["end"]] == e["text"]
    for q in rec["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
    for a in rec["attributions"]:
        for span in (a["source"], a["cue"], a["content"]):
            assert span is None or 0 <= span[0] < span[1] <= len(text)
    for k, v in {**rec["framing"]["components"], **rec["sourcing"]["components"]}.items():
        assert 0 <= v <= 1, k


@PROPERTY
@given(data=short_texts.flatmap(encodings), suffix=st.sampled_from([".txt", ".md", ""]))
def test_bytes_to_scores(scorer, data, suffix):
    records = list(read_bytes(data, "in" + suffix, suffix))
    texts = {r.id: r.text for r in records if isinstance(r, Article)}
    first = list(scorer.score(records))
    assert len(first) == len(records)
    for rec in first:
        _check_record(rec, texts.get(rec["id"]))
        event("unscored" if "unscored" in rec else "error" if "error" in rec else "scored")
    again = list(scorer.score(read_bytes(data, "in" + suffix, suffix)))
    assert json.dumps(again, sort_keys=True) == json.dumps(first, sort_keys=True)  # same input, same output


@PROPERTY
@given(arts=st.lists(st.tuples(article_texts, metadata, metadata), min_size=2, max_size=3))
@example(arts=[("minister", None, None), ("minister", None, None)])  # one word in all: fightin' words divided 0 by 0
@example(arts=[("The dam held.", None, "\r"), ("It held.", None, None)])  # a blank title made an empty heading
@example(arts=[("  The said", None, None), ("The The \ufdd0", None, None)])  # a noncharacter in the report's HTML
def test_several_records_compare_and_render_safely(scorer, arts):
    articles = [from_text(t, f"a{i}") for i, (t, _, _) in enumerate(arts)]  # as the readers make them
    articles = [dataclasses.replace(a, outlet=o, title=ti) if isinstance(a, Article) else a
                for a, (_, o, ti) in zip(articles, arts)]
    records = list(scorer.score(articles))
    scored = [(r, a.text) for r, a in zip(records, articles) if "framing_score" in r]
    event(f"{len(scored)} articles compared" if len(scored) >= 2 else "fewer than 2 scored")
    if len(scored) < 2:
        return
    failed = [{"id": r["id"], "error": r.get("error") or r["unscored"]} for r in records if "framing_score" not in r]
    comparison = compare([r for r, _ in scored], [t for _, t in scored], scorer.lexicon, failed)
    report = render(comparison, arts[0][2] or "Title", "2026-01-01")
    assert_markdown_safe(report)
    assert render(comparison, arts[0][2] or "Title", "2026-01-01") == report
    # the HTML view: parses strictly, runs nothing of the input, each mark the text at its offsets
    records, texts = [r for r, _ in scored], [t for _, t in scored]
    check_marks(render_comparison(comparison, records, texts, arts[0][2] or "Title", "2026-01-01"), records, texts,
                comparison)


def test_the_properties_run_500_examples():
    for test in (test_bytes_to_records_never_raise, test_parse_offsets_name_what_they_say, test_bytes_to_scores,
                 test_several_records_compare_and_render_safely):
        assert test.hypothesis.inner_test and test._hypothesis_internal_use_settings.max_examples >= 500
