import pytest

from framing.training.datasets import (DataError, load_babe, load_labelled, load_polnear, normalise_topic, parse_brat,
                              polnear_sentences)

from tests.conftest import shared_path


def test_labelled_csv_and_jsonl(tmp_path):
    (tmp_path / "d.csv").write_text('text,label\n"A calm, factual line.",0\nA disgraceful rant.,1\n')
    assert [(s.text, s.label) for s in load_labelled(tmp_path / "d.csv")] == [
        ("A calm, factual line.", 0), ("A disgraceful rant.", 1)]
    (tmp_path / "d.jsonl").write_text('{"text": "x", "label": "biased"}\n\n{"text": "y", "label": false}\n')
    assert [s.label for s in load_labelled(tmp_path / "d.jsonl")] == [1, 0]


@pytest.mark.parametrize("name, content, message", [
    ("a.csv", "words,label\nx,1\n", "a.csv:1: header must name 'text' and 'label'"),
    ("b.csv", "text,label\nfine,1\nbad,maybe\n", "b.csv:3: label 'maybe' is not 0/1"),
    ("c.csv", "text,label\nfine,1\n,0\n", "c.csv:3: empty text"),
    ("d.jsonl", '{"text": "a", "label": 1}\n{oops\n', "d.jsonl:2: malformed JSON"),
    ("e.jsonl", '{"text": "a", "label": 1}\n{"text": 3, "label": 0}\n', 'e.jsonl:2: expected an object'),
    ("f.csv", "text,label\na,1\nb,1\n", "training needs both classes"),
])
def test_malformed_training_files_name_the_line(tmp_path, name, content, message):
    (tmp_path / name).write_text(content)
    with pytest.raises(DataError, match=message):
        load_labelled(tmp_path / name)


def test_topic_aliases_are_merged():
    assert normalise_topic("Vaccines") == normalise_topic("vaccine")
    assert normalise_topic("Black Lives Matter") == normalise_topic("blm")
    assert normalise_topic("gun-control") == normalise_topic("gun control")


def test_parse_brat_links_source_cue_content():
    ann = ("T1\tSource 0 3\tShe\nT2\tCue 4 8\tsaid\nT3\tContent 9 20\tit was over\nT4\tAttribution 4 8\tsaid\n"
           "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
    (a,) = parse_brat(ann)
    assert a.source == ((0, 3),) and a.cue == ((4, 8),) and a.content == ((9, 20),)


def test_babe_and_polnear_load():
    shared_path("data")
    babe = load_babe()
    assert len(babe) > 3000 and {s.label for s in babe} == {0, 1}
    assert len({s.text for s in babe}) == len(babe)
    dev = load_polnear("dev")
    sents = polnear_sentences(dev[:5])
    assert any(s.label for s in sents) and not all(s.label for s in sents)
