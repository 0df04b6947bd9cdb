"""Document identity: a uid that two documents never share and two spellings of one always share.

- Central state documents: numbers restart every year → ``128/NQ-CP@2021``.
- Central Party documents: numbers run per Central Committee term → ``10-TB/VPTW@XIII``.
- Local documents: unique only within their province (and issuing body, which the symbol's
  issuer code names) → ``11:274-TB/TU@2020-2025`` (Party, per provincial term) or
  ``24:5548/KH-UBND@2021`` (state, per year); the number is the province code. A district's
  code does not say which district (every district's People's Committee writes ``…/UBND-VP``), so
  a district document whose issuer names its district carries it →
  ``68:uy ban nhan dan huyen duc trong:215/UBND-VP@2021``.
- A document whose year, term or province cannot be known soundly stays unresolved: its uid
  is scoped to the one notice that cites it (``unresolved:…``), so it is never merged on a guess.
- Notices without a number: ``notice:<province code>:<content hash>:<block>``.
- Unnumbered cited documents (a law by name, an appeal): ``named:…`` from their wording,
  or the reference table's uid when a law's name matches a verified instrument.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from graphbuild.places import names_a_district
from graphbuild.tables import CentralDocument, central_documents, fold

# Party terms: numbering restarts with each congress (dates approximate the congress months).
CENTRAL_PARTY_TERMS = (("XI", "2011-01-01"), ("XII", "2016-01-28"), ("XIII", "2021-02-01"), ("XIV", "2026-01-24"))
LOCAL_PARTY_TERMS = (("2010-2015", "2010-10-01"), ("2015-2020", "2015-10-01"), ("2020-2025", "2020-10-01"), ("2025-2030", "2025-10-01"))


def party_term(date: str, *, central: bool) -> str | None:
    term = None
    for name, begins in CENTRAL_PARTY_TERMS if central else LOCAL_PARTY_TERMS:
        if date >= begins:
            term = name
    return term


@dataclass(frozen=True)
class Identity:
    uid: str
    resolved: bool
    note: str | None = None


def district_scope(level: str | None, issuer: str | None) -> str | None:
    """The issuing body that bounds a district document's number, when the issuer names its district.

    >>> district_scope("district", "Ủy ban nhân dân huyện Đức Trọng"), district_scope("district", "UBND huyện")
    ('uy ban nhan dan huyen duc trong', None)
    """
    if level != "district" or not names_a_district(issuer):
        return None
    return " ".join(fold(issuer or "").lower().split())


def numbered_identity(
    canonical: str, *, kind: str | None, level: str | None, date: str | None, year: int | None, province_code: str | None, scope: str,
    district: str | None = None,
) -> Identity:
    """The identity of a numbered document; ``scope`` (the citing notice) bounds an unresolved one."""
    note = None
    if date is None and year is None and level == "central" and canonical in central_documents():
        date = central_documents()[canonical].date
        note = "year taken from the reference table of central documents"
    central = level == "central"
    if kind == "party":
        if date is None:
            return Identity(f"unresolved:{canonical}@{scope}", False, "date unknown: Party numbers run per term")
        series = party_term(date, central=central)
    else:
        series = str(year) if year else (date[:4] if date else None)
        if series is None:
            return Identity(f"unresolved:{canonical}@{scope}", False, "year unknown: state numbers restart every year")
    if central:
        return Identity(f"{canonical}@{series}", True, note)
    if province_code is None:
        return Identity(f"unresolved:{canonical}@{scope}", False, "province unknown: local numbers repeat across provinces")
    if district:
        return Identity(f"{province_code}:{district}:{canonical}@{series}", True, note)
    return Identity(f"{province_code}:{canonical}@{series}", True, note)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def notice_identity(province_code: str | None, content_hash: str, block: int) -> Identity:
    return Identity(f"notice:{province_code or '?'}:{content_hash[:16]}:{block}", True)


def reference_uid(reference: CentralDocument) -> str:
    """The uid of a document of the reference table: its symbol in the year it was issued."""
    return f"{reference.symbol}@{reference.date[:4]}"


def named_identity(doc_type: str | None, issuer: str | None, as_written: str) -> Identity:
    """An unnumbered cited document; a law whose name is in the reference table takes its uid."""
    for reference in central_documents().values():
        if reference.type == doc_type and fold(as_written) == fold(reference.subject):
            return Identity(reference_uid(reference), True, "matched by name in the reference table")
    return Identity(f"named:{_digest(doc_type or '', fold(issuer or ''), fold(' '.join(as_written.split())))}", True)
