"""Plain text files: .txt/.md in UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one
when its zero bytes say so), Windows-1258.

Text typed in a legacy Vietnamese font encoding (TCVN3/ABC, VNI, VISCII) is detected with
``viparse`` and converted, with a warning: charset detectors take TCVN3 for cp1257.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from graphbuild.errors import BinaryFile
from graphbuild.reading.layout import looks_like_layout, recover_layout, unboxed
from graphbuild.reading.source import ReadOptions, SourceText

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}

# Letters only Unicode Vietnamese text has (ơ, ư, ă, đ and the precomposed tone letters).
UNICODE_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
# The commonest of the letters only Unicode Vietnamese text has.
UNICODE_ONLY_COMMON = "ươđăƯƠĐĂ"
LEGACY_SAMPLE = 4000


def decode_text(raw: bytes, name: str = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode a plain-text file: BOMs first, then UTF-8, then legacy fonts, then Windows-1258."""
    warnings: list[str] = []
    if raw.startswith(codecs.BOM_UTF8):
        text, encoding = raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # errors="replace": an odd byte count (a truncated file) loses one character, not the file
        text, encoding = raw.decode("utf-16", errors="replace"), "utf-16"
    elif (utf16 := _utf16_without_bom(raw)) is not None:
        text, encoding = raw.decode(utf16, errors="replace"), utf16
        warnings.append(f"read as {utf16.upper()} without a byte order mark")
    else:
        nuls = raw.count(b"\x00")
        if nuls and nuls <= max(STRAY_NULS_MIN, len(raw) // STRAY_NULS_PER):
            # a text with a few stray NUL bytes (a copy that went wrong, a crawler's dump): read without them
            raw = raw.replace(b"\x00", b"")
            warnings.append(f"{nuls} NUL byte(s) dropped (up to {STRAY_NULS_MIN}, or one in {STRAY_NULS_PER} bytes, is read as text; more is a binary file)")
        if _looks_binary(raw):
            raise BinaryFile(name, "this is a binary file, not text", "Export the notice as .txt, .docx or .pdf.")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            latin = raw.decode("latin-1")
            converted = _convert_legacy(latin)
            if converted is not None:
                text, legacy = converted
                warnings.append(f"converted from the legacy {legacy.upper()} font encoding")
                return text, legacy, warnings
            text, encoding = raw.decode("cp1258", errors="replace"), "cp1258"
            warnings.append("not UTF-8: read as Windows-1258")
            return text, encoding, warnings
    converted = _convert_legacy(text)
    if converted is not None:
        text, legacy = converted
        warnings.append(f"converted from the legacy {legacy.upper()} font encoding")
        encoding = f"{encoding}+{legacy}"
    return text, encoding, warnings


# A text may carry a few stray NUL bytes: up to eight, or one in a thousand bytes of a larger file;
# more is a binary file.
STRAY_NULS_MIN = 8
STRAY_NULS_PER = 1000
# Control bytes that text files do not contain (tab, line feed, form feed, carriage return aside).
CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 written without a BOM: text in the Latin and Vietnamese ranges has a zero high byte in
    most code units (spaces, digits, ASCII letters), all on the same side."""
    head = raw[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _looks_binary(raw: bytes) -> bool:
    head = raw[:4096]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls > len(head) * 0.05


def _convert_legacy(text: str) -> tuple[str, str] | None:
    """Convert text typed in TCVN3/VNI/VISCII; ``None`` when it already reads as Unicode."""
    # A file typed in a legacy font is typed so throughout: its opening is enough to tell.
    sample = text[:LEGACY_SAMPLE]
    # Counted cheaply first (pattern counts cost ~100 µs a file): Latin-1 glyphs exactly, from
    # the UTF-8 lead bytes C2 and C3 that start them and nothing else; ư ơ đ ă as a lower bound
    # of the Unicode-only letters, which settles nearly every Unicode text without the count.
    utf8 = sample.encode("utf-8", "surrogatepass")
    legacy_glyphs = utf8.count(b"\xc2") + utf8.count(b"\xc3")
    if legacy_glyphs < 8 or sum(map(sample.count, UNICODE_ONLY_COMMON)) > legacy_glyphs * 0.2:
        return None
    if len(UNICODE_VIETNAMESE.findall(sample)) > legacy_glyphs * 0.2:
        return None
    from viparse.normalize.detector import detect_encoding_by_content
    from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS
    from viparse.normalize.tables import convert

    detection = detect_encoding_by_content(text, AUTO_DETECT_CHARMAPS)
    if detection.encoding is None:
        return None
    return convert(text, AUTO_DETECT_CHARMAPS[detection.encoding]), detection.encoding


def read(path: Path, raw: bytes, source: SourceText, options: ReadOptions) -> None:
    """A text file; a PDF's layout text kept as .txt, or a Word file's text with its head and foot in
    a table, has its columns put in reading order as a PDF's are."""
    source.text, source.encoding, source.warnings = decode_text(raw, str(path))
    columns = unboxed(source.text)
    if looks_like_layout(columns):
        recovered = recover_layout(columns.split("\f"))
        source.raw_text, source.layout, source.text = source.text, recovered.pieces, recovered.text
        source.method = "layout-text"
