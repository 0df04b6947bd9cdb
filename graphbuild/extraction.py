"""From text to document records: the pipeline the CLI and the Python API share.

``extract(text)`` is a pure function of the text: normalise → split off certified copies →
for each block, the head, signers, recipients, issuer, province, persons and citations →
link copies to their originals → give every document and citation its identity.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from graphbuild.errors import UnreadableFile
from graphbuild.extractors.citations import CitingContext, find_citations
from graphbuild.extractors.copies import MAX_COPIES, Block, split_blocks
from graphbuild.extractors.head import closing_adoption_date, find_head
from graphbuild.extractors.issuers import find_issuer
from graphbuild.extractors.persons import find_persons
from graphbuild.extractors.provinces import ProvinceFinding, inferred_province, stated_province
from graphbuild.extractors.recipients import find_recipients
from graphbuild.extractors.signatures import find_signers, signer_after_recipients
from graphbuild.identity import district_scope, named_identity, notice_identity, numbered_identity
from graphbuild.locking import start_worker
from graphbuild.normalise import Normalised, normalise
from graphbuild.places import districts_named, province_across_reform
from graphbuild.reading import ReadOptions, SourceText, find_documents, read_document
from graphbuild.records import DocumentRecord, Span
from graphbuild.tables import province_by_name

# Half of a UTF-16 pair, left by a broken decoder: not a character, and not writable as UTF-8.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def extract(text: str, source: str = "<text>", *, content_hash: str | None = None, ocr: bool = False) -> list[DocumentRecord]:
    """Every document in ``text``: the notice itself, then any certified copy of it.

    >>> [r.symbol for r in extract("Số 12-TB/TU\\n\\nĐiện Biên, ngày 04 tháng 8 năm 2021\\n\\nTHÔNG BÁO\\nvề việc X")]
    ['12-TB/TU']
    """
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: replaced one for one, so offsets still point into the original
        encoded = text.encode("utf-8", "surrogatepass")
        text = LONE_SURROGATE.sub("\ufffd", text)
    content_hash = content_hash or hashlib.sha256(encoded).hexdigest()
    norm = normalise(text, ocr=ocr)
    blocks, marks_beyond = split_blocks(norm.text)
    records: list[DocumentRecord] = []
    findings: list[ProvinceFinding | None] = []
    for block in blocks:
        record, finding = _extract_block(norm, block, source, content_hash)
        records.append(record)
        findings.append(finding)
    original = records[0]
    if marks_beyond:
        original.warnings.append(
            f"{MAX_COPIES + marks_beyond} certified-copy marks (SAO Y, SAO LỤC): only the first {MAX_COPIES} are read as copies; "
            "a real file holds one or two"
        )
    if original.province is None:
        for finding in findings[1:]:
            if finding is not None:
                original.province = finding.province.name
                original.province_basis = f"inferred from the certified copy: '{finding.evidence}'"
                break
    for index, record in enumerate(records):
        _assign_identities(record, index, norm, blocks[index])
        if record.province:
            record.province_2021, record.province_2025, note = province_across_reform(record.province, record.date)
            if note:
                record.warnings.append(note)
    for record in records[1:]:
        record.copy_of = original.uid
    return records


def _extract_block(norm: Normalised, block: Block, source: str, content_hash: str) -> tuple[DocumentRecord, ProvinceFinding | None]:
    text = norm.text
    head = find_head(text, block.start, block.end, copy_kind=block.copy_kind)
    signers = find_signers(text, head.body_start, block.end)
    if not signers:
        fallback = signer_after_recipients(text, head.body_start, block.end)
        signers = [fallback] if fallback else []
    record = DocumentRecord(source=source, content_hash=content_hash, span=Span(*norm.to_original(block.start, block.end)))
    record.type, record.type_basis = head.type, head.type_basis
    record.subject, record.meeting_date, record.date = head.subject, head.meeting_date, head.date
    record.place = head.place
    record.date_basis = head.date_basis
    if record.date is None:
        adopted = closing_adoption_date(text, head.body_start, block.end)
        if adopted:
            record.date, record.date_basis = adopted[0], f"stated: closing formula '{adopted[1]}'"
    if head.symbol:
        record.symbol = head.symbol_text
        record.canonical = head.symbol.canonical
        record.number = head.symbol.number
    elif head.symbol_text:
        record.symbol = head.symbol_text
        record.warnings.append(f"the number is left blank in the symbol 'Số: {head.symbol_text}'")
    record.year = int(record.date[:4]) if record.date else (head.symbol.year if head.symbol else None)
    issuer = find_issuer(text, block.start, head.body_start, block.end, signers, head.symbol, is_copy=block.copy_kind is not None)
    record.issuer, record.issuer_basis, record.level, record.kind = issuer.name, issuer.basis, issuer.level, issuer.kind
    record.warnings.extend(issuer.warnings)
    if head.symbol and head.symbol.kind and record.kind is None:
        record.kind = head.symbol.kind
    record.level = record.level or (head.symbol.level if head.symbol else None)
    finding = stated_province(text, head.place, head.place_span, head.place_line, block.start, head.body_start)
    letterhead_province = province_by_name().get(issuer.place) if issuer.place and record.level != "central" else None
    if letterhead_province is not None:
        # The letterhead names the issuer's province ("UBND TỈNH QUẢNG NAM / SỞ Y TẾ"): the province it belongs to.
        record.province = letterhead_province.name
        record.province_basis = f"stated: the letterhead names it ({issuer.basis})"
        finding = None
    elif finding is None and record.level != "central" and _province_from_district(record, issuer.place, head.place):
        pass  # the letterhead's district (or the place-date's town) is in one province: stronger than words in the body
    elif finding is None:
        finding = inferred_province(text, block.start, block.end)
    if finding is not None and record.level == "central":
        # A ministry's "Hà Nội, ngày …" says where it was signed, not a province it belongs to.
        record.province_basis = f"none: a central document; {finding.described}"
        finding = None
    elif finding is not None and letterhead_province is None:
        record.province = finding.province.name
        record.province_basis = finding.described
    if record.province is None and record.level != "central":
        _province_from_district(record, issuer.place, head.place)
    record.signers = signers
    record.warnings.extend(
        f"signer's name '{signer.name}' is written without diacritics: kept as written" for signer in signers if signer.name.isascii()
    )
    record.recipients = find_recipients(
        text, norm.written, block.start, block.end, greeting_span=head.greeting_span
    )
    record.persons = find_persons(text, head.body_start if block.copy_kind else block.start, block.end, signers)
    # The extractors work in normalised offsets; provenance is kept in the original's.
    for signer in record.signers:
        signer.span = _to_original(norm, signer.span)
    for person in record.persons:
        person.span = _to_original(norm, person.span)
    context = CitingContext(record.province, record.type, head.symbol_span, head.symbol.canonical if head.symbol else None)
    record.citations = find_citations(norm, head.body_start if block.copy_kind else block.start, block.end, context)
    for citation in record.citations:
        record.warnings.extend(f"{citation.canonical or citation.as_written}: {w}" for w in citation.warnings)
    return record, finding


def _province_from_district(record: DocumentRecord, *places: str | None) -> bool:
    """A district body (``UBND HUYỆN BẮC MÊ``) or a district's town in the place-date line: the province
    the district is in, inferred from the registry of 2021 districts; several provinces with a district
    of that name are named, not guessed between."""
    for place in places:
        if not place:
            continue
        found = districts_named(place)
        provinces = sorted({d.province for d in found})
        if len(provinces) == 1:
            record.province = provinces[0]
            record.province_basis = f"inferred: {found[0].kind} {found[0].name} is in {provinces[0]} (districts of 2021)"
            return True
        if provinces:
            record.province_basis = f"none: a district named {place} is in {' or '.join(provinces)}; the text does not say which"
            return False
    return False


def _to_original(norm: Normalised, span: Span | None) -> Span | None:
    return Span(*norm.to_original(span.start, span.end)) if span else None


def _province_code(name: str | None) -> str | None:
    province = province_by_name().get(name) if name else None
    return province.code if province else None


def _assign_identities(record: DocumentRecord, index: int, norm: Normalised, block: Block) -> None:
    code = _province_code(record.province)
    if record.canonical:
        identity = numbered_identity(
            record.canonical, kind=record.kind, level=record.level, date=record.date, year=record.year,
            province_code=code, scope=f"{(record.content_hash or '')[:16]}:{index}", district=district_scope(record.level, record.issuer) if record.level == "district" else None,
        )
        record.uid = identity.uid
        if not identity.resolved:
            record.warnings.append(f"own identity unresolved: {identity.note}")
    else:
        record.uid = notice_identity(code, record.content_hash or "", index).uid
    for citation in record.citations:
        if citation.canonical:
            identity = numbered_identity(
                citation.canonical, kind=citation.kind, level=citation.level, date=citation.date, year=citation.year,
                province_code=_province_code(citation.province) if citation.level != "central" else None, scope=record.uid,
                district=district_scope(citation.level, citation.issuer) if citation.level == "district" else None,
            )
        else:
            identity = named_identity(citation.type, citation.issuer, citation.as_written)
        citation.uid = identity.uid
        if identity.note and not identity.resolved:
            citation.warnings.append(identity.note)


# -- files ---------------------------------------------------------------------------------


@dataclass
class FileResult:
    path: str
    records: list[DocumentRecord]
    error: UnreadableFile | None = None
    source: SourceText | None = None


def extract_source(source: SourceText) -> list[DocumentRecord]:
    records = extract(source.text, source.path, content_hash=source.content_hash, ocr=source.ocr_pages > 0)
    for record in records:
        record.warnings[:0] = source.warnings
        record.read_by = source.method
        if source.ocr_pages:
            # Every fact of an OCR'd text is marked: digits and diacritics may be misread.
            for citation in record.citations:
                citation.from_ocr = True
    return records


def extract_path(path: str | Path, options: ReadOptions | None = None) -> FileResult:
    """Read and extract one file; a bad file becomes a result carrying its error, never an exception."""
    try:
        source = read_document(path, options)
    except UnreadableFile as err:
        return FileResult(str(path), [], err)
    except Exception as err:  # a reader's own failure on a hostile file: named, and the folder goes on
        return FileResult(str(path), [], UnreadableFile(str(path), f"could not be read ({type(err).__name__}: {err})", "Check the file."))
    return FileResult(str(path), extract_source(source), source=source)


def extract_path_for_loading(path: str | Path, options: ReadOptions | None = None) -> FileResult:
    """:func:`extract_path` for the build: the text stays in the worker (the records and the
    content hash are all a load needs), which halves what crosses between processes."""
    result = extract_path(path, options)
    if result.source is not None:
        result.source = replace(result.source, text="", raw_text=None, layout=None)
    return result


def json_lines(path: str | Path, options: ReadOptions | None = None) -> tuple[str, list[str], str | None]:
    """One file as ``lexgraph extract`` JSON lines, made in the worker: the parent only writes them."""
    result = extract_path(path, options)
    lines = [json.dumps(record.to_json(), ensure_ascii=False, default=str) for record in result.records]
    return result.path, lines, str(result.error) if result.error else None


def extract_paths(paths: Iterable[str | Path], *, jobs: int | None = None, worker: Callable[[Path], Any] = extract_path) -> Iterator[Any]:
    """Run ``worker`` (by default :func:`extract_path`) on every file under ``paths``, across
    ``jobs`` processes (default: all cores), yielding results in file order.

    Only a few chunks of files are in flight at a time: a consumer slower than extraction (the
    build, loading the store) holds a bounded number of results, not the whole corpus.
    """
    files = list(find_documents(paths))
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(files) < 8:
        yield from map(worker, files)
        return
    size = max(1, min(CHUNK_FILES, len(files) // (jobs * 8)))
    chunks = iter([files[i : i + size] for i in range(0, len(files), size)])
    # Forked (spawned workers would re-import the caller's __main__); each worker lets go of the
    # build lock it inherited, so that a killed build releases the lock at once, and leaves when
    # the build is gone.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=start_worker) as pool:
        in_flight = deque(pool.submit(_run_chunk, worker, chunk) for chunk in islice(chunks, jobs * CHUNKS_IN_FLIGHT_PER_JOB))
        while in_flight:
            done = in_flight.popleft().result()
            following = next(chunks, None)
            if following is not None:
                in_flight.append(pool.submit(_run_chunk, worker, following))
            yield from done


# At most this many files in one task, and this many tasks per worker waiting or running.
CHUNK_FILES = 32
CHUNKS_IN_FLIGHT_PER_JOB = 3


def _run_chunk(worker: Callable[[Path], Any], files: list[Path]) -> list[Any]:
    return [worker(path) for path in files]
