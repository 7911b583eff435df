from framing.read.decode import decode


def test_encodings():
    assert decode("caf\u00e9".encode("utf-8-sig")) == ("caf\u00e9", [])
    assert decode("caf\u00e9".encode("utf-16")) == ("caf\u00e9", [])
    assert decode("caf\u00e9".encode("utf-16-be").join([b"\xfe\xff", b""])) == ("caf\u00e9", [])
    text, warnings = decode(b"caf\xe9 ok")
    assert text == "caf\ufffd ok" and "not valid UTF-8" in warnings[0]
