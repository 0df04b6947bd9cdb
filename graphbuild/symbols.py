"""Document numbers and symbols (số, ký hiệu): finding them and writing them one way.

Two orders are in use. State bodies write ``number[/year]/TYPE-ISSUER`` (``128/NQ-CP``,
``23/2021/QĐ-TTg``, ``2315/UBND-VX`` for a công văn, which has no type code); Party bodies
write ``number-TYPE/ISSUER`` (``10-TB/VPTW``, ``274-TB/TU``). Texts mix them (``16-CT/TTg``).
The canonical form uses the state order for state issuers and the Party order for Party
issuers; a symbol whose issuer code is unknown keeps the order it was written in.

>>> parse_symbol("16-CT/TTg").canonical
'16/CT-TTg'
>>> parse_symbol("4800/QD-BYT").canonical
'4800/QĐ-BYT'
>>> parse_symbol("10/TB-VPTW").canonical
'10-TB/VPTW'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graphbuild.tables import fold, issuer_by_code, type_by_code

# A code in a symbol: type (NQ, QĐ, TTr) or issuer (CP, TTg, BCĐQG, QH15, UBND), units joined by
# "&" ("PYT&MT", "GD&ĐT"), and units listed with a comma and no space ("SYT-NVY,KHTC").
CODE = r"[A-ZĐ][A-Za-zĐđ]{0,9}(?:&[A-ZĐ][A-Za-zĐđ]{0,5})?\d{0,2}(?:,(?=[A-ZĐ][A-ZĐ])[A-ZĐ][A-Za-zĐđ]{0,9})*"
# One space is tolerated around a separator: OCR and hand typing put them there ("128/ NQ-CP").
SLASH = r"[ ]?/[ ]?"
DASH = r"[ ]?[-–][ ]?"

SYMBOL = re.compile(
    rf"""
    (?P<number>\d(?<![\w/.-]\d)[\dOo]{{0,5}})   # a digit first (the engine skips to digits), not inside a word or date
    (?:
        # Party order: 10-TB/VPTW, 357-CV/TU, 16-CT/TTg
        {DASH}(?P<party_type>{CODE}){SLASH}(?P<party_issuer>{CODE}(?:{DASH}{CODE})*)
      |
        # State order: 128/NQ-CP, 23/2021/QĐ-TTg, 2315/UBND-VX, 03/2007/QH12
        {SLASH}(?:(?P<year>(?:19|20)\d\d)(?:{SLASH}|{DASH}(?=[A-ZĐ])))?   # "05/2012-BGDĐT": the type code left out
        (?P<state_first>{CODE})(?:{DASH}(?P<state_rest>{CODE}(?:{DASH}{CODE})*))?
    )
    (?![\w])
    """,
    re.VERBOSE,
)

# Every symbol has a slash followed by a code or a year ("128/NQ-CP", "23/2021/…", "10-TB/VPTW").
# Scanning from that literal slash skips the text between symbols at ``str.find`` speed; the
# digit that SYMBOL starts with would stop the scan at every number and date in the text.
SLASH_BEFORE_CODE = re.compile(r"/(?=[ ]?(?:[A-ZĐ]|(?:19|20)\d\d[ ]?(?:/|-[ ]?[A-ZĐ])))")
# The longest stretch of a symbol before its first slash: "12345 - TTr12 /" (Party order).
MAX_BEFORE_SLASH = 24
# The longest stretch of a symbol after its first slash: "2007/TTLT-BYT-BNV-BTC-BGDĐT-…" and some room.
MAX_AFTER_SLASH = 120


def find_symbols(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """``SYMBOL.finditer(text, start, end)``, found from the slashes.

    >>> [m.group(0) for m in find_symbols("ngày 11/10/2021, Nghị quyết 128/NQ-CP và 10-TB/VPTW")]
    ['128/NQ-CP', '10-TB/VPTW']
    """
    end = len(text) if end is None else end
    pos = start
    for slash in SLASH_BEFORE_CODE.finditer(text, start, end):
        if slash.start() < pos:
            continue  # inside the symbol found last
        line_end = text.find("\n", slash.start(), min(end, slash.start() + MAX_AFTER_SLASH))
        # The search window is bounded on both sides of the slash: searching to the end of a long line
        # from every slash made a line of "x/A x/A …" quadratic.
        window_end = min(end, slash.start() + MAX_AFTER_SLASH) if line_end < 0 else line_end
        match = SYMBOL.search(text, max(pos, slash.start() - MAX_BEFORE_SLASH), window_end)
        if match is None:
            continue
        yield match
        pos = match.end()


# A number left blank for filling in by hand: "Số:      /UBND-KGVX"
BLANK_NUMBER_SYMBOL = re.compile(rf"(?P<blank>[ \t]+|…+|\.{{3,}}){SLASH}(?P<state_first>{CODE})(?:{DASH}(?P<state_rest>{CODE}(?:{DASH}{CODE})*))")


@dataclass(frozen=True)
class Symbol:
    as_written: str
    number: int | None
    year: int | None
    type_code: str | None
    type_name: str | None
    issuer_codes: tuple[str, ...]
    kind: str | None  # "party", "state" or None when the issuer code is unknown
    canonical: str
    level: str | None
    issuer_name: str | None
    ocr_fixed: bool = False


def _canonical_code(code: str) -> str:
    issuer = issuer_by_code().get(fold(code.rstrip("0123456789")))
    if issuer is not None:
        return issuer.code + code[len(code.rstrip("0123456789")) :]
    doc_type = type_by_code().get(fold(code))
    if doc_type is not None:
        return doc_type.code
    return code.upper() if code.isascii() else code


def _split(codes: str) -> list[str]:
    return [c.strip() for c in re.split(DASH, codes) if c.strip()]


def parse_symbol(text: str) -> Symbol:
    """Parse one symbol (the whole string must be a symbol)."""
    match = SYMBOL.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a document symbol: {text!r}")
    return symbol_from_match(match)


def symbol_from_match(match: re.Match[str]) -> Symbol:
    """The symbol a SYMBOL match found. Parsed once per spelling: the same symbols recur in
    every notice, and the match's groups depend only on the text it covers."""
    return _parsed(match.group(0))


@lru_cache(maxsize=8192)
def _parsed(written: str) -> Symbol:
    match = SYMBOL.fullmatch(written)
    assert match is not None, written
    return _symbol_from_groups(match)


def _symbol_from_groups(match: re.Match[str]) -> Symbol:
    raw_number = match.group("number")
    number_text = raw_number.replace("O", "0").replace("o", "0")
    year = int(match.group("year")) if match.groupdict().get("year") else None
    if match.group("party_type"):
        type_written = match.group("party_type")
        issuer_written = _split(match.group("party_issuer"))
    else:
        first = match.group("state_first")
        rest = _split(match.group("state_rest") or "")
        if not rest and (glued := _glued_type(first)):
            first, rest = glued  # "TTBGDĐT": a lost hyphen between the type and the issuer
        if rest and fold(first) in type_by_code():
            type_written, issuer_written = first, rest
        else:
            type_written, issuer_written = None, [first, *rest]
    doc_type = type_by_code().get(fold(type_written)) if type_written else None
    type_code = doc_type.code if doc_type else (type_written if type_written else None)
    issuer_codes = tuple(_canonical_code(c) for c in issuer_written)
    issuer = issuer_by_code().get(fold(issuer_codes[0].rstrip("0123456789"))) if issuer_codes else None
    kind = issuer.kind if issuer else ("party" if match.group("party_type") else None)
    if issuer is None and not match.group("party_type"):
        kind = None
    issuers = "-".join(issuer_codes)
    number = int(number_text)
    written_party = bool(match.group("party_type"))
    # Mass organisations number as the Party does or as the state does (45-CV/TĐTN, 123/MTTQ-BTT): as written.
    party_order = kind == "party" or (kind in (None, "mass") and written_party)
    if party_order and type_code:
        canonical = f"{number_text}-{type_code}/{issuers}"
    else:
        parts = [number_text] + ([str(year)] if year else []) + [f"{type_code}-{issuers}" if type_code else issuers]
        canonical = "/".join(parts)
    return Symbol(
        as_written=match.group(0),
        number=number,
        year=year,
        type_code=type_code,
        type_name=doc_type.name if doc_type else None,
        issuer_codes=issuer_codes,
        kind=kind,
        canonical=canonical,
        level=issuer.level if issuer else None,
        issuer_name=_board_of(issuer.name, issuer_codes[1:]) if issuer else None,
        ocr_fixed=number_text != raw_number,
    )


# The standing board that issues in a body's name, written as the code after the body's:
# "05/HD-MTTW-BTT" is the Ban Thường trực of the Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam.
STANDING_BOARDS = {"BTT": "Ban Thường trực", "BTV": "Ban Thường vụ"}


def _board_of(body: str, codes_after: tuple[str, ...]) -> str:
    """``body`` or its standing board when the symbol names it after the body's code.

    >>> _board_of("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ("BTT",))
    'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'
    >>> _board_of("Sở Y tế", ("VP",))
    'Sở Y tế'
    """
    board = STANDING_BOARDS.get(codes_after[0].upper()) if codes_after else None
    return f"{board} {body}" if board and not body.startswith("Ban ") else body


def _glued_type(code: str) -> tuple[str, list[str]] | None:
    """``TTBGDĐT`` → ``("TT", ["BGDĐT"])``: a type code and an issuer code that lost the hyphen between
    them (OCR, hasty typing); only when both parts are known codes and the whole is not one.

    >>> _glued_type("TTBGDĐT"), _glued_type("UBND")
    (('TT', ['BGDĐT']), None)
    """
    folded = fold(code)
    if folded in type_by_code() or issuer_by_code().get(folded.rstrip("0123456789")):
        return None
    for size in range(min(4, len(code) - 2), 1, -1):
        head, tail = code[:size], code[size:]
        if fold(head) in type_by_code() and issuer_by_code().get(fold(tail).rstrip("0123456789")):
            return head, [tail]
    return None


def compact(symbol_text: str) -> str:
    """The symbol as written, with the OCR spaces taken out (``128/ NQ-CP`` → ``128/NQ-CP``)."""
    return "".join(symbol_text.split())
