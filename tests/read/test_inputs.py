import io
import json


from framing.read.inputs import read_inputs, read_path
from framing.types import Article, ReadError


def one(path, **kw):
    (rec,) = list(read_path(path, **kw))
    return rec


def test_txt_and_markdown_front_matter(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text article.", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: A title\noutlet: The Paper\ndate: 2026-01-02\n---\nBody here.\n",
                                   encoding="utf-8")
    a = one(tmp_path / "a.txt")
    assert isinstance(a, Article) and a.text == "Plain text article." and a.id == str(tmp_path / "a.txt")
    b = one(tmp_path / "b.md")
    assert (b.title, b.outlet, b.date, b.text) == ("A title", "The Paper", "2026-01-02", "Body here.\n")


def test_html_keeps_metadata(tmp_path):
    html = ("<html><head><title>Dam fails | Herald</title><meta name='author' content='Ann Reporter'>"
            "<meta property='og:site_name' content='Northgate Herald'>"
            "<meta property='article:published_time' content='2026-03-15'></head><body>"
            "<script>var x = 'not text';</script><article><h1>Dam fails</h1>"
            "<p>The spillway at the dam gave way early on Saturday after three days of rain, officials said.</p>"
            "<p>About 4,200 residents were moved to shelters, the regional authority said on Sunday.</p>"
            "</article></body></html>")
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    rec = one(tmp_path / "p.html")
    assert isinstance(rec, Article)
    assert "spillway" in rec.text and "not text" not in rec.text
    assert rec.outlet == "Northgate Herald" and rec.author == "Ann Reporter" and rec.date == "2026-03-15"
    assert rec.title


def test_html_without_body_is_an_error(tmp_path):
    (tmp_path / "e.html").write_text("<html><head><script>x()</script></head><body></body></html>")
    rec = one(tmp_path / "e.html")
    assert isinstance(rec, ReadError) and "no article text" in rec.error


def test_jsonl_good_blank_broken_and_odd_lines(tmp_path):
    lines = ['{"id": "a", "text": "First.", "outlet": "X"}', "", "{not json", "[1, 2]",
             '{"id": "d"}', '{"id": "e", "text": 5}', '{"text": "No id."}']
    (tmp_path / "in.jsonl").write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    recs = list(read_path(tmp_path / "in.jsonl"))
    assert [type(r).__name__ for r in recs] == ["Article", "ReadError", "ReadError", "ReadError", "ReadError", "Article"]
    assert recs[0].id == "a" and recs[0].outlet == "X"
    assert "malformed JSON on line 3" in recs[1].error
    assert "expected an object" in recs[2].error
    assert 'no "text"' in recs[3].error and recs[3].id == "d"
    assert "expected a string" in recs[4].error
    assert recs[5].id.endswith("in.jsonl:7")


def test_json_list(tmp_path):
    (tmp_path / "in.json").write_text(json.dumps([{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]))
    assert [r.id for r in read_path(tmp_path / "in.json")] == ["x", "y"]


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two.")
    (tmp_path / "a.md").write_text("One.")
    (tmp_path / "c.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    assert [r.text for r in read_path(tmp_path)] == ["One.", "Two."]


def test_stdin_text_and_jsonl():
    (rec,) = read_inputs(["-"], stdin=io.BytesIO("Piped article.".encode()))
    assert rec.id == "-" and rec.text == "Piped article."
    recs = list(read_inputs(["-"], stdin=io.BytesIO(b'{"id": "s1", "text": "A."}\n{"id": "s2", "text": "B."}\n')))
    assert [r.id for r in recs] == ["s1", "s2"]


def test_bad_files_become_error_records_and_the_rest_is_read(tmp_path):
    (tmp_path / "1.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "2.txt").write_text("   \n\t ")
    (tmp_path / "3.txt").write_bytes(b"Fine article with a bad byte \xff here.")
    recs = list(read_inputs([tmp_path, tmp_path / "missing.txt"]))
    assert isinstance(recs[0], ReadError) and "binary" in recs[0].error
    assert isinstance(recs[1], ReadError) and "empty article" in recs[1].error
    assert isinstance(recs[2], Article) and recs[2].warnings
    assert isinstance(recs[3], ReadError) and recs[3].error == "no such file"


def test_max_chars(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 50)
    rec = one(tmp_path / "big.txt", max_chars=10)
    assert isinstance(rec, ReadError) and "too long" in rec.error
