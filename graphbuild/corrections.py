"""An analyst's corrections: a plain CSV kept apart from the corpus, applied on every build.

One row per correction (diff-friendly: appended, never rewritten)::

    document,hash,field,value,note,who,when
    realdocs2/002.pdf,9f…,province,An Giang,huyện Chợ Mới của An Giang (Quyết định ghi rõ),lan,2026-12-05T10:00:00

``document`` names the file (with its content ``hash``: the row applies to exactly that content) or,
with ``hash`` left empty, a document's uid. ``field`` is one of :data:`FIELDS`; a citation is added
with ``+SYMBOL RELATION`` (``+68/NQ-CP implements``) or rejected with ``-SYMBOL``.

Each build applies the rows to the records of the files they name, right after extraction (so
identities, the graph, every query, view and export follow the reviewed values); the fact's basis
becomes ``reviewed`` with the note. A row whose document is gone, or whose file changed since the
row was written, is a stale correction: reported, never an error, never applied.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import re
from dataclasses import astuple, dataclass
from pathlib import Path

from graphbuild import vocabulary
from graphbuild.errors import LexgraphError
from graphbuild.normalise import normalise
from graphbuild.records import Citation, DocumentRecord, Fact, Signer
from graphbuild.tables import fold, issuer_by_name, province_by_name

COLUMNS = ("document", "hash", "field", "value", "note", "who", "when")
FIELDS = ("date", "province", "issuer", "type", "symbol", "subject", "signer", "citation")
FILE_NAME = "corrections.csv"


class CorrectionError(LexgraphError):
    """A correction that cannot be written: an unknown field, a value that is not one."""


@dataclass(frozen=True)
class Correction:
    document: str
    hash: str
    field: str
    value: str
    note: str = ""
    who: str = ""
    when: str = ""

    @property
    def by_uid(self) -> bool:
        return not self.hash

    def applies(self, content_hash: str, uids: set[str]) -> bool:
        return self.hash == content_hash if self.hash else self.document in uids

    def described(self) -> str:
        return f"{self.document}: {self.field} = {self.value!r}"


def corrections_path(home: Path, given: str | Path | None = None) -> Path:
    """``--corrections FILE``, else ``LEXGRAPH_CORRECTIONS``, else ``corrections.csv`` in the home."""
    chosen = given or os.environ.get("LEXGRAPH_CORRECTIONS")
    return Path(chosen).expanduser() if chosen else Path(home) / FILE_NAME


def read_corrections(path: Path) -> list[Correction]:
    """The rows of ``path`` (none when it does not exist)."""
    if not path.exists():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("document", "field", "value") if c not in (reader.fieldnames or [])]
            if missing:
                raise CorrectionError(f"{path}: not a corrections file (no column {', '.join(missing)}; expected {','.join(COLUMNS)})")
            return [Correction(*((row.get(c) or "").strip() for c in COLUMNS)) for row in reader if (row.get("document") or "").strip()]
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise CorrectionError(f"{path}: cannot be read as a corrections file ({err})") from err


def append_correction(path: Path, row: Correction) -> None:
    """Add one row (the header first when the file is new)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if new:
            writer.writerow(COLUMNS)
        writer.writerow(astuple(row))


def outside_of(path: Path, folders: list[Path]) -> None:
    """The corrections file must not sit in a folder being built (it would be read as a document,
    and a correction travels with the analyst, not with the corpus)."""
    resolved = path.resolve()
    for folder in folders:
        base = folder.resolve()
        if resolved == base or base in resolved.parents:
            raise CorrectionError(
                f"The corrections file {path} is inside the folder being built ({folder}). "
                "Keep it elsewhere: --corrections FILE or LEXGRAPH_CORRECTIONS."
            )


def digest(rows: list[Correction]) -> str | None:
    """What a file's corrections are, in one string: a build reloads a file whose corrections changed."""
    if not rows:
        return None
    return hashlib.sha256("\n".join("\x1f".join(astuple(r)) for r in rows).encode()).hexdigest()[:32]


# -- checking a value ---------------------------------------------------------------------------


def checked_value(field: str, value: str) -> str:
    """The value as stored, or a :class:`CorrectionError` saying what is wrong with it."""
    value = normalise(value).text.strip() if value else ""
    if field not in FIELDS:
        raise CorrectionError(f"'{field}' is not a field that can be corrected: {', '.join(FIELDS)}")
    if not value:
        raise CorrectionError(f"a correction of {field} needs a value")
    if field == "date":
        return _iso_date(value)
    if field == "province":
        province = _province(value)
        if province is None:
            raise CorrectionError(f"'{value}' is not one of the 63 provinces of 2021")
        return province
    if field == "citation":
        _citation_change(value)
    return value


def _iso_date(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if not match:
        raise CorrectionError(f"'{value}' is not a date: write 2021-08-04 or 04/8/2021")
    year, month, day = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (match.group(6), match.group(5), match.group(4))
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError as err:
        raise CorrectionError(f"'{value}' is not a date ({err})") from err


def _province(value: str) -> str | None:
    by_fold = {fold(name): name for name in province_by_name()}
    folded = fold(re.sub(r"^(tỉnh|thành phố|TP\.?)\s+", "", value, flags=re.IGNORECASE))
    return by_fold.get(folded)


def _citation_change(value: str) -> tuple[str, str, str | None]:
    """``+68/NQ-CP implements`` → ``('+', '68/NQ-CP', 'implements')``; ``-68/NQ-CP`` → ``('-', '68/NQ-CP', None)``."""
    sign, rest = value[:1], value[1:].strip()
    if sign not in "+-" or not rest:
        raise CorrectionError(f"a citation correction is '+SYMBOL RELATION' (add) or '-SYMBOL' (reject), not '{value}'")
    if sign == "-":
        return sign, rest, None
    words = rest.rsplit(None, 1)
    relations = vocabulary.keys("relation")
    if len(words) == 2 and words[1] in relations:
        return sign, words[0], words[1]
    return sign, rest, "refers"


# -- applying -----------------------------------------------------------------------------------


@dataclass
class Applied:
    """What a file's corrections did: the rows that applied, and those that could not."""

    rows: list[Correction]
    problems: list[str]
    uids_read: list[str]  # the documents' uids as extracted, before the corrections (rows by uid name these)


def apply_corrections(records: list[DocumentRecord], rows: list[Correction], content_hash: str) -> Applied:
    """Apply the rows naming this file (its hash) or one of its documents (a uid) to its records."""
    uids = {r.uid for r in records if r.uid}
    mine = [row for row in rows if row.applies(content_hash, uids)]
    problems: list[str] = []
    for row in mine:
        target = next((r for r in records if r.uid == row.document), None) if row.by_uid else records[0]
        if target is None:
            continue
        try:
            _apply(target, row)
        except CorrectionError as err:
            problems.append(f"{row.described()}: {err}")
    return Applied(mine, problems, sorted(uids))


def _apply(record: DocumentRecord, row: Correction) -> None:
    value = checked_value(row.field, row.value)
    fact = Fact(value, "reviewed", row.note or None)
    if row.field == "citation":
        _apply_citation(record, value, row.note)
    elif row.field == "signer":
        if record.signers:
            record.signers[0] = Signer(value, record.signers[0].role, record.signers[0].capacity, record.signers[0].span)
        else:
            record.signers.append(Signer(value, None, None))
        record.facts["signer"] = fact
    elif row.field == "date":
        record.set_fact("date", fact)
        record.year = int(value[:4])
    elif row.field == "issuer":
        record.set_fact("issuer", fact)
        known = issuer_by_name().get(fold(value))
        if known is not None:
            record.level, record.kind = known.level, known.kind
    elif row.field == "symbol":
        from graphbuild.symbols import parse_symbol

        try:
            symbol = parse_symbol(value)
        except ValueError as err:
            raise CorrectionError(str(err)) from err
        record.symbol, record.canonical, record.number = value, symbol.canonical, symbol.number
        record.facts["symbol"] = fact
    elif row.field in ("province", "type"):
        record.set_fact(row.field, fact)
    else:
        setattr(record, row.field, value)
        record.facts[row.field] = fact


def _apply_citation(record: DocumentRecord, value: str, note: str) -> None:
    sign, symbol_text, relation = _citation_change(value)
    key = _symbol_key(symbol_text)
    if sign == "-":
        kept = [c for c in record.citations if key not in (_symbol_key(c.canonical), _symbol_key(c.symbol), _symbol_key(c.as_written))]
        if len(kept) == len(record.citations):
            raise CorrectionError(f"the document does not cite {symbol_text}")
        record.citations = kept
        return
    from graphbuild.extractors.citations import CitingContext, find_citations

    found = find_citations(normalise(symbol_text), 0, len(symbol_text), CitingContext(record.province, record.type, None, None))
    if not found:
        raise CorrectionError(f"'{symbol_text}' is not a document's symbol or name lexgraph can read")
    added: Citation = found[0]
    existing = next((c for c in record.citations if added.canonical and c.canonical == added.canonical), None)
    if existing is not None:
        existing.relation, existing.reviewed = relation or existing.relation, note
        return
    added.relation, added.reviewed, added.spans, added.sentence = relation or "refers", note, [], ""
    added.relation_detail = vocabulary.default_detail(added.relation)
    record.citations.append(added)


def _symbol_key(text: str | None) -> str | None:
    """``68/NQ-CP`` and ``68 / NQ-CP`` alike: letters and digits only, folded."""
    return "|".join(re.findall(r"[0-9A-Z]+", fold(text))) if text else None
