from framing.read.article import split_front_matter


def test_unclosed_front_matter_stays_in_body():
    fields, body = split_front_matter("---\ntitle: x\nno end")
    assert fields == {} and body.startswith("---")


def test_front_matter_drops_one_pair_of_quotes_only():
    fields, body = split_front_matter("---\ntitle: \"'We are furious': residents\"\nauthor: 'O'Brien'\n"
                                      "outlet: The \"Daily\" Post\n---\nBody.")
    assert fields == {"title": "'We are furious': residents", "author": "O'Brien", "outlet": 'The "Daily" Post'}
    assert body == "Body."
