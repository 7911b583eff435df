from hypothesis import given, settings, strategies as st

from framing.text.document import QuoteIndex, paragraphs, parse, quote_regions, truecased


def sents(text):
    return [s.text for s in parse(text).sentences]


def test_abbreviations_do_not_split_sentences():
    text = ("Lt Gen Igor Konashenkov spoke for the ministry. Mr. Smith flew to the U.S. on Monday. "
            "About 1,158 sq km were retaken near No. 10 Downing St. on the 3.5 km front. He left at 5 p.m. on Friday.")
    assert sents(text) == [
        "Lt Gen Igor Konashenkov spoke for the ministry.",
        "Mr. Smith flew to the U.S. on Monday.",
        "About 1,158 sq km were retaken near No. 10 Downing St. on the 3.5 km front.",
        "He left at 5 p.m. on Friday.",
    ]


def test_a_piece_starting_in_lower_case_joins_the_sentence_before():
    # Punkt breaks after full stops it does not know ("S.E.C.", "(D-Mo.)"); a sentence starts in capitals
    assert sents("The S.E.C. said it would act. \"It was bad,\" Sen. Claire McCaskill (D-Mo.) said. Then it ended.") == [
        "The S.E.C. said it would act.", '"It was bad," Sen. Claire McCaskill (D-Mo.) said.', "Then it ended."]
    assert sents("Sales rose 3 p.c. in May. iPhone sales fell.") == ["Sales rose 3 p.c. in May.", "iPhone sales fell."]


def test_abbreviation_before_a_sentence_starter_still_splits():
    assert sents("He moved to the U.S. The president said so.") == ["He moved to the U.S.", "The president said so."]


def test_paragraphs_and_headlines_are_boundaries():
    text = "Dam bursts in valley\n\nWater rose fast. Crews arrived\nNext paragraph starts here.\n"
    doc = parse(text)
    assert [s.text for s in doc.sentences] == ["Dam bursts in valley", "Water rose fast.", "Crews arrived",
                                               "Next paragraph starts here."]
    assert doc.sentences[0].is_headline and not doc.sentences[1].is_headline
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2]


def test_hard_wrapped_lines_stay_one_sentence():
    text = "The minister said the dam was safe and that\nengineers would inspect it again next week."
    assert len(parse(text).sentences) == 1
    assert paragraphs(text) == [(0, len(text))]


def test_offsets_point_into_original_text_with_crlf_and_unicode():
    text = "\ufeff  Officials said the rout was total.\r\n\r\n\u201cIt\u2019s over,\u201d she said \u2014 caf\u00e9 \U0001F600. Done."
    doc = parse(text)
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text
    for t in doc.tokens:
        assert text[t.start:t.end] == t.text
    assert doc.tokens[0].text == "Officials"


def test_curly_and_straight_quotes():
    text = 'He said \u201cwe won\u201d and she said "we lost" today.'
    spans = [text[q.start:q.end] for q in quote_regions(text)]
    assert spans == ["\u201cwe won\u201d", '"we lost"']


def test_quote_spanning_sentences_is_one_region():
    text = "\u201cIt is over. We have won. Go home,\u201d the general said."
    (q,) = quote_regions(text)
    assert text[q.start:q.end] == "\u201cIt is over. We have won. Go home,\u201d" and q.closed
    assert len(parse(text).sentences) == 3


def test_multi_paragraph_quote_convention():
    text = ("\u201cSome units retreated in good order.\n"
            "\u201cOthers fled and left their equipment.\n"
            "\u201cThat shows a breakdown in command.\u201d\nThe ministry said so.")
    regions = quote_regions(text)
    assert len(regions) == 3
    assert [q.closed for q in regions] == [False, False, True]
    assert "ministry" not in "".join(text[q.start:q.end] for q in regions)


def test_unbalanced_quote_stops_at_paragraph_end():
    text = "She said \u201cthis never closes and\n\nThe next paragraph is the outlet's own voice."
    (q,) = quote_regions(text)
    assert not q.closed
    assert text[q.start:q.end] == "\u201cthis never closes and"


def test_single_quotes_need_both_ends_and_ignore_apostrophes():
    text = "Ukraine\u2019s army blamed \u2018occupation forces\u2019 and the Russians\u2019 guns."
    spans = [text[q.start:q.end] for q in quote_regions(text)]
    assert spans == ["\u2018occupation forces\u2019"]


def test_nested_single_inside_double_and_quote_index():
    text = "\u201cHe called it \u2018a farce\u2019 today,\u201d she said."
    regions = quote_regions(text)
    assert len(regions) == 2
    idx = QuoteIndex(regions)
    i = text.index("farce")
    assert idx.covers(i, i + 5)
    j = text.index("she")
    assert not idx.covers(j, j + 3)


def test_long_unpunctuated_text_is_cut_into_bounded_sentences():
    text = ("word " * 5000).strip()
    doc = parse(text)
    assert len(doc.sentences) > 1
    assert all(s.end - s.start <= 2000 for s in doc.sentences)
    assert all(text[s.start:s.end] == s.text for s in doc.sentences)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\"\u201c\u201d\u2018\u2019'\n\r\t,\u00e9\U0001F600Mr.U.S") + ["\u2028", "\x00"]), max_size=200)
       | st.text(max_size=200))
def test_offsets_property(text):
    doc = parse(text)
    prev_end = 0
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev_end
        assert text[s.start:s.end] == s.text
        assert s.text.strip() == s.text
        prev_end = s.end
    for t in doc.tokens:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(text)


def test_a_paragraph_closing_with_two_apostrophes_is_no_headline():
    # some archives write a closing double quote as '' ("... he said, ''the only place on earth.''")
    doc = parse("Obama Opens the Museum\n\nJohnnie Wilson said he had fought ''for the nation's rights.''\n\n"
                "''We'll walk away more in love with this country,'' he said.")
    assert [s.is_headline for s in doc.sentences] == [True, False, False]


def test_a_line_closing_with_two_apostrophes_is_not_continued_by_the_next():
    doc = parse("He said, ''we won the vote.''\nand the crowd cheered for an hour.")
    assert [s.paragraph for s in doc.sentences] == [0, 1]


def test_a_title_case_headline_is_truecased_from_its_body():
    text = ("The US Is Blatantly Telling Lies\n\nIt is no secret, analysts said. "
            "The US is telling lies, blatantly, they said.")
    view = truecased(parse(text))
    assert view.text.startswith("The US is blatantly telling lies\n") and len(view.text) == len(text)
    assert view.sentences[0].text == "The US is blatantly telling lies"
    assert [t.text for t in view.tokens if t.sentence == 0] == "The US is blatantly telling lies".split()


def test_only_title_case_headlines_are_truecased():
    body = "Officials said the plan is needed. The Plan Is Needed, they said."
    doc = parse("Trump says the plan is needed\n\n" + body)
    assert truecased(doc) is doc  # a headline in sentence case
    doc = parse(body)
    assert truecased(doc) is doc  # a title-case sentence in the body is no headline
