"""Reading a text file's bytes as text: what ``credlib score`` and ``credlib fixtures`` do
with an article file, so both read it the same way.

UTF-8 (with or without a byte-order mark), UTF-16 with its mark, or an HTML page in the
charset its markup declares, read as a browser reads it.  Anything else (binary data,
bytes that are none of these, a blank file) is an :class:`UnreadableText` with a one-line
message naming the file.
"""

from __future__ import annotations

import codecs

from .document import is_blank


class UnreadableText(ValueError):
    """A file that is not text credlib can read; the message names it and says why."""


def decode(data: bytes, name: str, blank: str = "is empty: nothing to score") -> str:
    """The text in ``data`` (the bytes of the file called ``name``), or UnreadableText
    (``blank``: what to say of a file with no text)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableText(f"{name} starts with a UTF-16 mark but is not valid UTF-16") from None
        if "\x00" in text[:2048]:
            raise UnreadableText(f"{name} looks like a binary file, not text or HTML")
    elif b"\x00" in data[:4096]:
        raise UnreadableText(f"{name} looks like a binary file, not text or HTML")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _declared_html_charset(data)
            if text is None:
                raise UnreadableText(
                    f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "save it as UTF-8"
                ) from None
    if is_blank(text):
        raise UnreadableText(f"{name} {blank}")
    return text


# Labels a page may declare that browsers read as another, larger charset (WHATWG
# Encoding Standard, https://encoding.spec.whatwg.org/#names-and-labels): a page that says
# iso-8859-1 or us-ascii is decoded as windows-1252, so its bytes 0x80-0x9F are curly
# quotes and dashes, not C1 control characters.  Keys are Python's codec names, which
# every alias of a label maps to (latin-1, l1, iso_8859-1 -> iso8859-1; us-ascii -> ascii).
_WHATWG_CHARSET = {"iso8859-1": "cp1252", "ascii": "cp1252", "cp1252": "cp1252", "iso8859-9": "cp1254"}
# Python codecs that are not web charsets (no browser decodes a page with them).
_NOT_WEB_CHARSETS = frozenset({"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna"})


def _c1_controls(exc: UnicodeError) -> tuple[str, int]:
    """Bytes 0x80-0x9F that windows-1252 leaves undefined (0x81, 0x8D, …) decode to the C1
    character of the same number, as the WHATWG decoder does."""
    assert isinstance(exc, UnicodeDecodeError)
    byte = exc.object[exc.start]
    return (chr(byte) if 0x80 <= byte <= 0x9F else "\ufffd"), exc.start + 1


codecs.register_error("credlib-c1-controls", _c1_controls)


def _declared_html_charset(data: bytes) -> str | None:
    """An HTML page in the charset its own markup declares (e.g. windows-1252), if any,
    read as a browser would (a page saying iso-8859-1 is read as windows-1252)."""
    from bs4.dammit import EncodingDetector

    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    if not declared:
        return None
    try:
        info = codecs.lookup(declared)
    except LookupError:
        return None
    name = info.name
    if name in _NOT_WEB_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None  # rot13, base64, zlib …: codecs, not charsets
    if name in _WHATWG_CHARSET:
        return data.decode(_WHATWG_CHARSET[name], "credlib-c1-controls")
    try:
        return data.decode(name)
    except UnicodeError:  # a bad byte, or a codec that cannot decode at all ("undefined")
        return None
