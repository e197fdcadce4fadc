"""The distinct non-ASCII characters of a text, found in C.

The matchers and the word count rewrite a text with byte tables, which only cover
ASCII; the few other characters a news text holds (curly quotes, dashes, accented
letters) are handled one kind at a time. Finding them by dropping every ASCII byte
of the UTF-8 encoding is far faster than looking at each character in Python.
"""

from __future__ import annotations

_ASCII_BYTES = bytes(range(128))


def non_ascii_characters(text: str) -> set[str]:
    """Every character of ``text`` outside ASCII, once each."""
    return set(text.encode("utf-8").translate(None, _ASCII_BYTES).decode("utf-8"))
