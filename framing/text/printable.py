"""Text from the input made safe to show: control characters as visible pictures, one for one."""


# Control characters shown as their visible "control pictures" (U+2400...), one for one so that
# offsets into a sentence still hold: printed raw, ESC and friends would drive the terminal, and
# rich silently drops some (BEL, BS, VT, FF, CR), which would shift every highlight after them.
_PICTURES = {c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n\r"} | {0x0D: " ", 0x7f: 0x2421} | {
    c: 0xFFFD for c in range(0x80, 0xA0)}


def printable(text: str) -> str:
    """``text`` with control characters made visible, the same length (tabs and newlines kept,
    carriage returns made spaces)."""
    return text.translate(_PICTURES)
