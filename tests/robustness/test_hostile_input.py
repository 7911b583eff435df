"""Issue 6, item 1: hostile and broken input. Each gives a clear, specific error or warning, no
traceback, and the rest of the batch is still processed."""
import json
import os
import time

import pytest
from typer.testing import CliRunner

from framing.cli.app import app
from framing.read.article import DEFAULT_MAX_CHARS
from framing.read.decode import decode
from framing.read.inputs import read_inputs, read_path
from framing.types import Article, ReadError

from .foreign import FOREIGN

runner = CliRunner()
GOOD = "Officials said the dam held on Monday, according to the regional water authority."


def one(path, **kw):
    (rec,) = list(read_path(path, **kw))
    return rec


def score_one(scorer, text: str) -> dict:
    (rec,) = scorer.score([Article(id="x", text=text)])
    return rec


def assert_contract(rec: dict, text: str) -> None:
    """A scored record whose offsets, probabilities and scores hold (DESIGN.md's contract)."""
    assert "error" not in rec and "unscored" not in rec, rec.get("error") or rec.get("unscored")
    assert 0 <= rec["framing_score"] <= 100 and 0 <= rec["sourcing_score"] <= 100
    assert rec["sentences"]
    for s in rec["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text) and text[s["start"]:s["end"]] == s["text"]
        assert 0 <= s["loaded_prob"] <= 1 and 0 <= s["attribution_prob"] <= 1
    for q in rec["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)


# --- empty, binary, encodings -----------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", " \u00a0\u2003\n".encode(), b"\xef\xbb\xbf  \n"])
def test_empty_and_whitespace_only_articles_are_errors(tmp_path, data):
    (tmp_path / "e.txt").write_bytes(data)
    rec = one(tmp_path / "e.txt")
    assert isinstance(rec, ReadError) and rec.error == "empty article: no text to score"


@pytest.mark.parametrize("text", ["\u200b\u200d\ufeff\u2060", "🎉🎉 🔥", "!!! ... ---", "\x00\x01"])
def test_articles_without_a_single_word_are_errors(text):
    (rec,) = read_inputs(["-"], stdin=__import__("io").BytesIO(json.dumps({"id": "w", "text": text}).encode()))
    assert isinstance(rec, ReadError) and rec.error.startswith("empty article: no words")


def test_binary_files_are_errors(tmp_path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    rec = one(tmp_path / "img.txt")
    assert isinstance(rec, ReadError) and rec.error.startswith("binary file (NUL bytes)")


def test_a_stray_nul_deep_in_a_text_file_is_a_warning_and_the_text_is_scored(tmp_path, scorer):
    text = GOOD + " " + "The water level fell. " * 500 + "\x00 The road reopened."
    (tmp_path / "n.txt").write_bytes(text.encode())
    rec = one(tmp_path / "n.txt")
    assert isinstance(rec, Article) and rec.text == text
    assert rec.warnings == (f"1 control character in the text (first: U+0000 at offset {text.index(chr(0))}); "
                            "kept, and counted in offsets",)
    assert_contract(next(scorer.score([rec])), text)


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    (tmp_path / "b.txt").write_bytes(GOOD.encode() + b" The caf\xe9 \xff\xfe closed.")
    rec = one(tmp_path / "b.txt")
    assert isinstance(rec, Article) and "caf\ufffd" in rec.text
    assert rec.warnings[0].startswith("not valid UTF-8 (first bad byte at offset")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_with_a_warning(tmp_path, codec):
    text = GOOD + " The caf\u00e9 \u201creopened\u201d on Tuesday."
    (tmp_path / "u.txt").write_bytes(text.encode(codec))
    rec = one(tmp_path / "u.txt")
    assert isinstance(rec, Article) and rec.text == text
    assert rec.warnings == (f"no byte-order mark: read as {codec.upper()}, guessed from its NUL bytes",)


def test_utf16_jsonl_without_bom(tmp_path):
    (tmp_path / "u.jsonl").write_bytes((json.dumps({"id": "a", "text": GOOD}) + "\n").encode("utf-16-le"))
    (rec,) = read_path(tmp_path / "u.jsonl")
    assert rec.id == "a" and rec.text == GOOD
    assert rec.warnings == ("no byte-order mark: read as UTF-16-LE, guessed from its NUL bytes",)  # as for a .txt


def test_binary_that_only_looks_like_utf16_is_still_binary():
    from framing.read.decode import BinaryInput

    with pytest.raises(BinaryInput, match="binary"):
        decode((b"A\x00" * 3 + b"\x01\xd8") * 30)  # UTF-16-LE in shape, but with lone surrogates


# --- odd characters ---------------------------------------------------------------------------

def test_mixed_line_endings_keep_offsets(scorer):
    text = "Dam holds\r\nOfficials said the dam held.\rIt was, reportedly, a shock.\n\r\nThe road reopened.\r"
    rec = score_one(scorer, text)
    assert_contract(rec, text)
    assert [s["text"] for s in rec["sentences"]] == ["Dam holds", "Officials said the dam held.",
                                                     "It was, reportedly, a shock.", "The road reopened."]


def test_zero_width_and_control_characters_are_kept_and_warned(scorer):
    text = "Officials\u200b said\u200d the\x07 dam\x1b[31m held.\u2060 \ufeffThe water\x0c fell.\x7f"
    (art,) = read_inputs(["-"], stdin=__import__("io").BytesIO(json.dumps({"id": "z", "text": text}).encode()))
    assert art.text == text and "3 control characters" in art.warnings[0]
    rec = next(scorer.score([art]))
    assert_contract(rec, text)
    assert rec["warnings"] == list(art.warnings)


def test_right_to_left_marks_and_emoji_in_english_are_scored(scorer):
    text = ("Officials said \u202ethe dam\u202c held 🎉🇺🇦 on Monday. \u200fThe minister, quoted as "
            "\u201cWe are safe 😀\u201d, visited the \u05d2\u05e9\u05e8 bridge.")
    rec = score_one(scorer, text)
    assert_contract(rec, text)
    assert "language" not in rec and "warnings" not in rec


def test_arabic_text_is_unscored_not_an_error(scorer):
    rec = score_one(scorer, FOREIGN["ar"])
    assert rec["unscored"] == "language" and "Arabic" in rec["language"]["reason"]


def test_a_million_characters_without_punctuation_are_scored_in_pieces(scorer):
    text = ("the officials said the dam held and the water rose over the old road near the village "
            * 20000)[:1_000_000]
    t0 = time.perf_counter()
    rec = score_one(scorer, text)
    assert time.perf_counter() - t0 < 60
    assert_contract(rec, text)
    assert len(rec["sentences"]) >= 500 and max(len(s["text"]) for s in rec["sentences"]) <= 2000
    assert any("without sentence punctuation is split at spaces" in w for w in rec["warnings"])


def test_a_million_characters_without_spaces_are_cut_hard(scorer):
    text = "Officials said the dam held. " + "x" * 999_970
    rec = score_one(scorer, text)
    assert_contract(rec, text)
    assert max(len(s["text"]) for s in rec["sentences"]) == 2000


@pytest.mark.parametrize("text", [
    "\u201c" * 3000 + "The dam held, he said." + "\u201d" * 3000,          # deeply nested
    '"' * 200_000 + "\u201c" * 200_000,                                 # nothing but quote marks
    'He said "the dam "held" and "the "water "fell. The road \u201creopened.',  # unbalanced
    "\u00ab\u2018\u201c\u201e" * 500 + "Officials said the dam held." + "\u2019\u00bb" * 700,
    "She said \u2018the dam held and then nothing closed it " * 50,
])
def test_deeply_nested_or_unbalanced_quotes(scorer, text):
    t0 = time.perf_counter()
    rec = score_one(scorer, text)
    assert time.perf_counter() - t0 < 30
    if not any(c.isalnum() for c in text):  # nothing but quote marks: no words, as the readers say too
        assert "no words" in rec["error"]
        return
    assert_contract(rec, text)
    for q in rec["quotes"]:
        assert any(c.isalnum() for c in text[q["start"]:q["end"]])  # a region quotes some words


def test_more_quotations_than_the_cap_are_warned(scorer):
    from framing.text.document import MAX_QUOTES

    text = '"a" ' * (MAX_QUOTES + 10)
    rec = score_one(scorer, text)
    assert_contract(rec, text)
    assert len(rec["quotes"]) == MAX_QUOTES
    assert f"more than {MAX_QUOTES:,} quotations" in " ".join(rec["warnings"])


# --- HTML, JSON Lines -------------------------------------------------------------------------

def test_html_with_scripts_styles_and_no_body_is_an_error(tmp_path):
    (tmp_path / "a.html").write_text("<!doctype html><html><head><style>p{color:red}</style><script>var a='The "
                                     "minister said the dam held.';</script></head><body><script>document.write("
                                     "'x')</script><noscript></noscript></body></html>")
    rec = one(tmp_path / "a.html")
    assert isinstance(rec, ReadError) and rec.error.startswith("HTML has no article text")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home | About | Contact</nav><script>var x=1;</script></body></html>")
    rec = one(tmp_path / "nav.html")  # trafilatura falls back to the menu's text
    assert isinstance(rec, ReadError) and rec.error.startswith("HTML has no article text")
    (tmp_path / "brief.html").write_text("<html><body><article><p>Dam holds.</p></article></body></html>")
    assert isinstance(one(tmp_path / "brief.html"), Article)  # a short text that is a sentence is kept


def test_jsonl_with_bom_blank_lines_non_objects_missing_text_and_duplicate_ids(tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), "", "   ", "[1, 2]", '"a string"', "null", "42",
             json.dumps({"id": "b"}), json.dumps({"id": "a", "text": "A second record with the same id."}),
             json.dumps({"id": "c", "text": GOOD, "title": {"nested": True}}), "\r"]
    (tmp_path / "in.jsonl").write_bytes(("\ufeff" + "\r\n".join(lines) + "\n").encode())
    recs = list(read_inputs([tmp_path / "in.jsonl"]))
    assert [(type(r).__name__, r.id.rsplit(":", 1)[-1]) for r in recs] == [
        ("Article", "a"), ("ReadError", "4"), ("ReadError", "5"), ("ReadError", "6"), ("ReadError", "7"),
        ("ReadError", "b"), ("Article", "a"), ("Article", "c")]
    assert [r.error for r in recs[1:6]] == [
        'JSON record is a list, expected an object with "text"', 'JSON record is a str, expected an object with "text"',
        'JSON record is a NoneType, expected an object with "text"', 'JSON record is an int, expected an object with "text"',
        'JSON record has no "text" field']
    assert recs[0].warnings == () and recs[6].warnings == (
        "duplicate id 'a': an earlier record has it too; --resume treats them as one",)


def test_lone_surrogate_escapes_and_undecodable_file_names_are_scored_and_written(tmp_path):
    """JSON may escape half a UTF-16 pair, and a file name may not be UTF-8: neither can be encoded
    as UTF-8 output, and once stopped the whole batch (exit 3)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text('{"id": "s\\ud83d", "text": "The mayor said \\ud83d it."}\n'
                                 + json.dumps({"id": "ok", "text": GOOD}) + "\n")
    (src / os.fsdecode(b"name-\xff.txt")).write_text(GOOD)
    (rec, _, named) = read_inputs([src])
    assert rec.id == "s\ufffd" and rec.text == "The mayor said \ufffd it."  # one character for one: offsets hold
    assert rec.warnings == ("2 unpaired UTF-16 surrogate escapes (like \\ud83d) replaced with U+FFFD",)  # id and text
    for fmt in ("jsonl", "csv", "table"):
        r = runner.invoke(app, ["score", str(src), "-f", fmt])
        assert r.exit_code == 0, (fmt, r.output)
    r = runner.invoke(app, ["score", str(src), "-f", "jsonl"])
    ids = [json.loads(line)["id"] for line in r.stdout_bytes.decode("utf-8").splitlines()]
    assert ids == ["s\ufffd", "ok", str(src / "name-\\xff.txt")]  # the name's stray byte shown as text
    r = runner.invoke(app, ["analyze", str(src / "a.jsonl"), "-f", "json"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2


def test_jsonl_lines_break_only_at_line_feeds(tmp_path):
    """U+2028, NEL and form feeds may stand raw inside JSON strings: they must not split a record."""
    text = "Officials said\u2028the dam held.\x85The water\x0cfell."
    (tmp_path / "in.jsonl").write_bytes((json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n").encode())
    (rec,) = read_path(tmp_path / "in.jsonl")
    assert isinstance(rec, Article) and rec.text == text


def test_deeply_nested_json_is_a_malformed_line_not_a_crash(tmp_path):
    (tmp_path / "in.jsonl").write_text("[" * 100_000 + "\n" + json.dumps({"id": "after", "text": GOOD}) + "\n")
    (tmp_path / "in.json").write_text("[" * 100_000)
    recs = list(read_inputs([tmp_path / "in.jsonl", tmp_path / "in.json"]))
    assert recs[0].error == "malformed JSON on line 1: nested too deeply at column 1"
    assert recs[1].id == "after" and isinstance(recs[1], Article)
    assert isinstance(recs[2], ReadError) and "nested too deeply" in recs[2].error


def test_invalid_utf8_in_jsonl_warns_on_the_record_it_touches(tmp_path):
    (tmp_path / "in.jsonl").write_bytes(b'{"id": "a", "text": "Fine."}\n{"id": "b", "text": "Caf\xe9 closed."}\n')
    a, b = read_path(tmp_path / "in.jsonl")
    assert a.warnings == () and "not valid UTF-8" in b.warnings[0] and b.text == "Caf\ufffd closed."


def test_records_over_max_chars_are_refused_one_by_one(tmp_path):
    lines = [{"id": "short", "text": GOOD}, {"id": "long", "text": GOOD * 20}, {"id": "short2", "text": GOOD}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    recs = list(read_path(tmp_path / "in.jsonl", max_chars=500))
    assert [type(r).__name__ for r in recs] == ["Article", "ReadError", "Article"]
    assert recs[1].error == f"article too long: {len(GOOD) * 20:,} characters (limit 500; raise it with --max-chars)"
    assert DEFAULT_MAX_CHARS == 2_000_000


def test_a_huge_single_article_file_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(DEFAULT_MAX_CHARS * 4 + 1)  # sparse: no disk used
    monkeypatch.setattr("framing.read.inputs.open", lambda *a, **k: pytest.fail("read a file it should refuse"), raising=False)
    rec = one(big)
    assert isinstance(rec, ReadError) and rec.error.startswith("article too long: the file has 8,000,001 bytes")


# --- directories ------------------------------------------------------------------------------

def test_directory_with_unreadable_files_and_symlink_loops(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(GOOD)
    (d / "sub" / "b.txt").write_text(GOOD)
    (d / "sub" / "up").symlink_to("..")            # a directory loop
    (d / "x.txt").symlink_to("y.txt")              # a file loop
    (d / "y.txt").symlink_to("x.txt")
    (d / "gone.txt").symlink_to("nowhere.txt")     # broken
    (d / "locked.txt").write_text(GOOD)
    os.chmod(d / "locked.txt", 0)
    os.mkfifo(d / "pipe.txt")                      # would block forever if opened
    got = {os.path.relpath(r.id, d): (type(r).__name__, getattr(r, "error", None)) for r in read_path(d)}
    assert got["a.txt"] == ("Article", None) and got["sub/b.txt"] == ("Article", None)
    assert "sub/up" not in got  # a loop: its folder was read once already, nothing is lost
    assert got["x.txt"] == ("ReadError", "cannot read: Too many levels of symbolic links")
    assert got["gone.txt"] == ("ReadError", "cannot read: broken symbolic link")
    assert got["pipe.txt"] == ("ReadError", "not a regular file (a FIFO, socket or device); skipped")
    if os.geteuid() != 0:  # root reads anything
        assert got["locked.txt"] == ("ReadError", "cannot read file: Permission denied")
    assert list(got) == sorted(got, key=lambda k: k.split("/"))  # still in sorted order


def test_unreadable_file_is_an_error_record(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)

    def fake_open(path, *args, **kw):
        if os.path.basename(path) == "a.txt":
            raise PermissionError(13, "Permission denied")
        return open(path, *args, **kw)

    monkeypatch.setattr("framing.read.inputs.open", fake_open, raising=False)
    a, b = read_path(tmp_path)
    assert a.error == "cannot read file: Permission denied" and isinstance(b, Article)


# --- the whole batch through the CLI ----------------------------------------------------------

def test_one_batch_of_everything_hostile(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    files = {
        "01-empty.txt": b"", "02-blank.txt": b" \n\t ", "03-binary.txt": b"\x00\x01\x02\x03binary",
        "04-good.txt": GOOD.encode(), "05-bad-utf8.txt": GOOD.encode() + b" \xff",
        "06-utf16.txt": GOOD.encode("utf-16-le"), "07-crlf.txt": ("Dam holds\r\n" + GOOD + "\rMore.\n").encode(),
        "08-controls.txt": ("Officials\u200b said\x1b[2J the dam held." * 3).encode(),
        "09-german.txt": FOREIGN["de"].encode(), "10-html.html": b"<html><script>x()</script></html>",
        "11-quotes.txt": ("\u201c" * 1000 + GOOD).encode(), "12-big.txt": GOOD.encode() * 200,
        "13-in.jsonl": b'\xef\xbb\xbf{"id": "j1", "text": "The dam held."}\n\n[1]\n{"id": "j2"}\n{"id": "j1", "text": "Again."}\n',
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    (d / "14-loop.txt").symlink_to("14-loop.txt")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["score", str(d), "-f", "jsonl", "-o", str(out), "--max-chars", "5000"])
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    by = {os.path.basename(x["id"]): x for x in recs}
    assert [os.path.basename(x["id"]) for x in recs] == [
        "01-empty.txt", "02-blank.txt", "03-binary.txt", "04-good.txt", "05-bad-utf8.txt", "06-utf16.txt",
        "07-crlf.txt", "08-controls.txt", "09-german.txt", "10-html.html", "11-quotes.txt", "12-big.txt",
        "j1", "13-in.jsonl:3", "j2", "j1", "14-loop.txt"]
    failed = {k for k, x in by.items() if "error" in x}
    assert failed == {"01-empty.txt", "02-blank.txt", "03-binary.txt", "10-html.html", "12-big.txt",
                      "13-in.jsonl:3", "j2", "14-loop.txt"}
    assert by["09-german.txt"]["unscored"] == "language"
    for name in ("04-good.txt", "05-bad-utf8.txt", "06-utf16.txt", "07-crlf.txt", "08-controls.txt", "11-quotes.txt"):
        assert 0 <= by[name]["framing_score"] <= 100, name
    for problem in ("01-empty.txt: error: empty article", "03-binary.txt: error: binary file",
                    "05-bad-utf8.txt: warning: not valid UTF-8", "06-utf16.txt: warning: no byte-order mark",
                    "08-controls.txt: warning: 3 control characters", "09-german.txt: not scored: looks like German",
                    "10-html.html: error: HTML has no article text", "12-big.txt: error: article too long",
                    "j1: warning: duplicate id", "14-loop.txt: error: cannot read"):
        assert problem in r.stderr, problem
    assert "\x1b" not in r.stderr  # control characters from the input never reach the terminal raw
