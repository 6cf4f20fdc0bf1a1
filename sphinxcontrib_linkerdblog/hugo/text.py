"""A post file's bytes as the text every later stage reads (pure).

Posts come from many hands, so the bytes are not trusted to be clean UTF-8:

* :func:`decode` reads UTF-8 (with or without a byte-order mark) and the
  UTF-16 and UTF-32 files a BOM announces; bytes that are not UTF-8 become
  U+FFFD, the replacement character, and the line of the first one is kept for
  a warning.  Decoding never fails, so a bad file is still a page.
* :func:`clean` turns CRLF and lone CR into LF (as CommonMark, and so MyST,
  reads them; every line number we report then agrees with MyST's) and removes
  the characters XML cannot hold (C0 controls other than tab and line feed,
  U+FFFE, U+FFFF and lone surrogates).  Invisible in a browser, they would make
  the Atom feed ill-formed.

:data:`CODEC` names a text codec doing what :func:`decode` does, for Sphinx,
which opens sources itself (``source_encoding``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

CODEC = "linkerdblog-sniff"
"""The codec name given to Sphinx's ``source_encoding`` (see :func:`register_codec`)."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how it was read.

    ``encoding`` is ``"utf-8"`` unless a BOM said otherwise; ``bad_line`` is
    the 1-based line of the first byte that was not UTF-8 (0: none) and
    ``bad_bytes`` how many such places there were.
    """

    text: str
    encoding: str = "utf-8"
    bad_line: int = 0
    bad_bytes: int = 0


def sniff(data: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark announces (UTF-8 without one) and the BOM's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return "utf-8", 0


def decode(data: bytes) -> Decoded:
    """Decode a post file; never raises (see the module docstring)."""
    encoding, skip = sniff(data)
    body = data[skip:]
    try:
        return Decoded(body.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        first = body[: exc.start].count(b"\n") + 1 if encoding == "utf-8" else 0
    text = body.decode(encoding, errors="replace")
    return Decoded(text, encoding, first, text.count("\ufffd"))


@dataclass(slots=True)
class Cleaned:
    """Text with LF line ends and no XML-invalid characters, and what was removed."""

    text: str
    removed: int = 0
    first_line: int = 0  # 1-based line of the first removed character; 0: none


def clean(text: str) -> Cleaned:
    """Normalise line ends and drop the characters no XML output can carry."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = _NOT_XML.search(text)
    if found is None:
        return Cleaned(text)
    first = text.count("\n", 0, found.start()) + 1
    cleaned, removed = _NOT_XML.subn("", text)
    return Cleaned(cleaned, removed, first)


def read_source(path: Path) -> str:
    """A post file's text as Sphinx hands it to ``source-read``: decoded whatever
    its bytes, then cleaned, so that what the post index reads before the build
    is what the build reads (and finds in the index's cache)."""
    return clean(decode(path.read_bytes()).text).text


def strip_invalid(value: str) -> str:
    """``value`` without the characters :func:`clean` removes (for single values)."""
    return _NOT_XML.sub("", value) if _NOT_XML.search(value) else value


class _IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    """Waits for four bytes (or the end) to read a BOM, then decodes as :func:`decode`.

    Errors are always replaced, whatever the caller asks: a source that is not
    UTF-8 must still be read (a warning says so, see the Sphinx side).
    """

    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")
        self._inner: codecs.IncrementalDecoder | None = None

    def _buffer_decode(self, data: Any, errors: str, final: bool) -> tuple[str, int]:
        if self._inner is None:
            if len(data) < 4 and not final:
                return "", 0  # keep the bytes until the BOM can be read
            encoding, skip = sniff(data)
            self._inner = codecs.getincrementaldecoder(encoding)("replace")
            return self._inner.decode(data[skip:], final), len(data)
        return self._inner.decode(data, final), len(data)

    def reset(self) -> None:
        super().reset()
        self._inner = None


def _decode_all(data: Any, errors: str = "strict") -> tuple[str, int]:
    return decode(bytes(data)).text, len(data)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != CODEC.replace("-", "_"):
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=CODEC,
        encode=utf8.encode,
        decode=_decode_all,
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=_IncrementalDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


_registered: list[bool] = []


def register_codec() -> None:
    """Make :data:`CODEC` known to :func:`codecs.lookup` (once per process)."""
    if not _registered:
        codecs.register(_search)
        _registered.append(True)
