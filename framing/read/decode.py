"""Article bytes -> text: byte-order marks, UTF-16 with or without one, binary data refused, and a
stream's codec told from its first bytes."""
from __future__ import annotations

import io


class BinaryInput(ValueError):
    pass


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``head`` looks like mostly-ASCII UTF-16 with no BOM: NUL
    in (nearly) every other byte and (almost) nowhere else."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= 0.4 and nul_even <= 0.05:
        return "utf-16-le"
    if nul_even >= 0.4 and nul_odd <= 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes; returns (text, warnings). Raises BinaryInput for binary data.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; UTF-16 without a
    BOM is recognised by its NUL bytes and read with a warning; anything else is decoded as
    UTF-8 with replacement characters and a warning, so no article is dropped for a stray byte.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), ["invalid UTF-16: undecodable bytes replaced with U+FFFD"]
    if b"\x00" in data[:8192]:
        codec = _utf16_without_bom(data[:8192])
        if codec:
            try:
                return data.decode(codec), [f"no byte-order mark: read as {codec.upper()}, guessed from its NUL bytes"]
            except UnicodeDecodeError:
                pass
        raise BinaryInput("binary file (NUL bytes); expected text, HTML or JSON Lines")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, [f"not valid UTF-8 (first bad byte at offset {exc.start}); undecodable bytes replaced with U+FFFD"]


def _sniff(head: bytes) -> tuple[str, list[str]]:
    """The codec of a stream from its first bytes, and the warning a guess deserves."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", []
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", []
    codec = _utf16_without_bom(head) if b"\x00" in head else None
    if codec:
        return codec, [f"no byte-order mark: read as {codec.upper()}, guessed from its NUL bytes"]
    return "utf-8", []


_HEAD = 8192


def _peekable(stream):
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)
