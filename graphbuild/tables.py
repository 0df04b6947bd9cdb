"""Reference tables (document types, issuers, provinces, central documents …), loaded once.

The tables are CSV and text files under ``graphbuild/data``; code never copies their rows.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("graphbuild.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _lines(name: str) -> list[str]:
    text = resources.files("graphbuild.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and diacritic-insensitive key: ``'Quyết định'`` → ``'QUYET DINH'``.

    Used only to *look up* table rows from noisy text; stored values keep their diacritics.
    (Cached: the same type words and issuer names are folded in every notice.)
    """
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text.upper()
    return text.translate(_FOLD_TABLE).upper()  # one look-up a character


def _fold_by_decomposing(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


class _FoldTable(dict[int, "int | str"]):
    """What :func:`_fold_by_decomposing` does to each character, as a translation table filled as
    characters are met (a character's result does not depend on its neighbours: decomposition,
    dropping the marks and upper case go a character at a time). Each entry is folded so that
    upper-casing the translated text gives the decomposing result; a character that folding leaves
    as it is maps to itself. Quotation marks and dashes past U+1FFF (“ ” – …) no longer send a whole
    text down the slow path.

    >>> text = "“Giãn cách” – Đắk Lắk… ǅ Å ﬁ"
    >>> text.translate(_FoldTable()).upper() == _fold_by_decomposing(text)
    True
    """

    def __missing__(self, code: int) -> int | str:
        character = chr(code)
        folded = _fold_by_decomposing(character)
        entry: int | str = code if folded == character.upper() else (folded.lower() if character.islower() else folded)
        self[code] = entry
        return entry


_FOLD_TABLE = _FoldTable()  # (filled as characters are met: nothing to compute at import)


def search_key(text: str) -> str:
    """``'Giãn cách xã hội!'`` → ``'gian cach xa hoi'``: words only, folded, one space apart (what
    search matches on; the facts keep their diacritics)."""
    return " ".join(re.findall(r"[a-z0-9]+", _fold(text).lower()))  # (not cached: each text is its own)


@dataclass(frozen=True)
class DocumentType:
    name: str
    code: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Issuer:
    code: str
    name: str
    kind: str  # "party", "state" or "mass" (the Front and the mass organisations: Đoàn, Hội, Công đoàn)
    level: str  # "central", "provincial" or "district"
    aliases: tuple[str, ...]
    parent: str = ""  # the body it answers to, as the registry names it ("" for none or not told)
    established_by: str = ""  # the law or decree setting up its functions, in force in 2021 ("" where not checked)


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    kind: str
    region: str
    successor_2025: str


@dataclass(frozen=True)
class CentralDocument:
    symbol: str
    type: str
    date: str
    issuer: str
    subject: str


@cache
def document_types() -> tuple[DocumentType, ...]:
    return tuple(
        DocumentType(r["name"], r["code"], tuple(a for a in r["aliases"].split("|") if a))
        for r in _rows("document_types.csv")
    )


@cache
def type_by_code() -> dict[str, DocumentType]:
    """Type code (any spelling: ``QD``, ``QĐ``, ``qđ``) folded → document type."""
    table: dict[str, DocumentType] = {}
    for doc_type in document_types():
        for code in (doc_type.code, *doc_type.aliases):
            if code:
                table.setdefault(fold(code), doc_type)
    return table


@cache
def type_by_name() -> dict[str, DocumentType]:
    """Type name folded (``NGHI QUYET``) → document type."""
    return {fold(t.name): t for t in document_types()}


@cache
def issuers() -> tuple[Issuer, ...]:
    return tuple(
        Issuer(r["code"], r["name"], r["kind"], r["level"], tuple(a for a in r["aliases"].split("|") if a), r["parent"], r["established_by"])
        for r in _rows("issuers.csv")
    )


@cache
def issuer_by_code() -> dict[str, Issuer]:
    """Issuer code folded (``BCDQG``, ``TTG``) → issuer."""
    return {fold(i.code): i for i in issuers() if i.code}


@cache
def issuer_by_name() -> dict[str, Issuer]:
    """Issuer name or alias, folded → issuer (``UBND TINH`` → Ủy ban nhân dân tỉnh)."""
    table: dict[str, Issuer] = {}
    for issuer in issuers():
        for name in (issuer.name, *issuer.aliases):
            table.setdefault(fold(name), issuer)
    return table


@cache
def issuer_names_folded() -> tuple[tuple[str, Issuer, str], ...]:
    """``(folded name, issuer, name)`` for every name and alias, longest first: letterhead reading."""
    rows = [(fold(name), issuer, name) for issuer in issuers() for name in (issuer.name, *issuer.aliases)]
    return tuple(sorted(rows, key=lambda row: len(row[0]), reverse=True))


@cache
def provinces() -> tuple[Province, ...]:
    return tuple(
        Province(r["code"], r["name"], r["kind"], r["region"], r["successor_2025"])
        for r in _rows("provinces_2021.csv")
    )


@cache
def province_by_name() -> dict[str, Province]:
    return {p.name: p for p in provinces()}


@cache
def province_spellings() -> dict[str, Province]:
    """Every accepted spelling of a province (official name and variants) → province."""
    by_name = province_by_name()
    table = {p.name: p for p in provinces()}
    for row in _rows("province_variants.csv"):
        table[row["variant"]] = by_name[row["name"]]
    return table


@cache
def central_documents() -> dict[str, CentralDocument]:
    """Verified central instruments, by canonical symbol."""
    return {
        r["symbol"]: CentralDocument(r["symbol"], r["type"], r["date"], r["issuer"], r["subject"])
        for r in _rows("central_documents.csv")
    }


@cache
def title_case_phrases() -> tuple[str, ...]:
    phrases = set(_lines("title_case.txt")) | {p.name for p in provinces()}
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def signer_roles() -> dict[str, str]:
    """Role in capitals → role written out (``PHÓ BÍ THƯ`` → ``Phó Bí thư``); a role typed or read
    without diacritics (``PHO BI THU``) is the same role."""
    roles: dict[str, str] = dict(line.split("|", 1) for line in _lines("signer_roles.txt"))  # type: ignore[misc]
    return roles | {fold(caps): written for caps, written in roles.items() if fold(caps) not in roles}


@cache
def signer_capacities() -> dict[str, str]:
    return dict(line.split("|", 1) for line in _lines("signer_capacities.txt"))  # type: ignore[misc]


@cache
def surnames() -> frozenset[str]:
    return frozenset(_lines("surnames.txt"))


@cache
def person_titles() -> tuple[str, ...]:
    return tuple(sorted(_lines("person_titles.txt"), key=len, reverse=True))


@cache
def central_titles() -> tuple[str, ...]:
    return tuple(sorted(_lines("central_titles.txt"), key=len, reverse=True))


@cache
def relation_cues() -> tuple[tuple[str, str], ...]:
    return tuple((r["cue"], r["relation"]) for r in _rows("relation_cues.csv"))


@cache
def relation_cue_details() -> dict[str, str]:
    """Cue word → the finer relation it names (``quán triệt`` → ``quan_triet``): graphbuild/data/vocabulary.csv lists them."""
    return {r["cue"]: r["detail"] for r in _rows("relation_cues.csv")}


@cache
def province_coordinates() -> dict[str, tuple[float, float]]:
    """Province of 2021 → (latitude, longitude) of its capital, rounded to 0.01°: where its tile goes on the province map."""
    return {r["name"]: (float(r["latitude"]), float(r["longitude"])) for r in _rows("province_coordinates.csv")}
