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
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from graphbuild import confidence
from graphbuild.corrections import Applied, Correction, apply_corrections
from graphbuild.errors import NotADocument, UnreadableFile
from graphbuild.extractors import citations, issuers, own, persons, provinces, recipients, signatures
from graphbuild.extractors.context import BlockContext, Extractor
from graphbuild.extractors.copies import MAX_COPIES, split_blocks
from graphbuild.identity import district_scope, named_identity, notice_identity, numbered_identity
from graphbuild.locking import start_worker
from graphbuild.normalise import normalise
from graphbuild.places import province_across_reform
from graphbuild.reading import ReadOptions, SourceText, find_documents, read_document
from graphbuild.records import DocumentRecord, Fact, Span, document_fields
from graphbuild.tables import province_by_name
from graphbuild.texts import keep_text

# Half of a UTF-16 pair, left by a broken decoder: not a character, and not writable as UTF-8.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# The extractors, in the order they run: each reads the block's context and what those before it
# found (the issuer reads the signers; the province, the issuer's letterhead; citations, the
# province and the type).
EXTRACTORS: tuple[Extractor, ...] = (
    *own.FINDERS,
    signatures.find,
    issuers.find,
    provinces.decide,
    recipients.find,
    persons.find,
    signatures.finish,
    citations.find,
)


def extract(
    text: str, source: str = "<text>", *, content_hash: str | None = None, ocr: bool = False, read_by: str | None = None,
) -> list[DocumentRecord]:
    """Every document in ``text``: the notice itself, then any certified copy of it, each fact
    with its level of confidence. ``read_by``: how a file's words were read (``ocr`` with it: every
    citation is marked as read by OCR, where a digit or a diacritic may be misread).

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
    contexts = [BlockContext(norm, block) for block in blocks]
    records = [_extract_block(ctx, source, content_hash) for ctx in contexts]
    original = records[0]
    if marks_beyond:
        original.warnings.append(
            f"{MAX_COPIES + marks_beyond} certified-copy marks (SAO Y, SAO LỤC): only the first {MAX_COPIES} are read as copies; "
            "a real file holds one or two"
        )
    if original.province is None:
        copied = next((ctx.found["province_finding"] for ctx in contexts[1:] if "province_finding" in ctx.found), None)
        if copied is not None:
            original.set_fact("province", Fact(copied.province.name, "inferred", f"the certified copy: '{copied.evidence}'"))
    _identify(records)
    if read_by is not None:
        for record in records:
            record.read_by = read_by
            for citation in record.citations:
                citation.from_ocr = ocr
    return judged(records)


def _identify(records: list[DocumentRecord]) -> None:
    """Every document's and citation's identity, and each document's province across the reform."""
    for index, record in enumerate(records):
        _assign_identities(record, index)
        if record.province:
            record.province_2021, record.province_2025, note = province_across_reform(record.province, record.date)
            if note and note not in record.warnings:
                record.warnings.append(note)
    for record in records[1:]:
        record.copy_of = records[0].uid


def corrected(records: list[DocumentRecord], rows: list[Correction], content_hash: str) -> Applied:
    """The analyst's corrections applied to a file's records; identities and levels follow them."""
    applied = apply_corrections(records, rows, content_hash)
    if applied.rows:
        for record in records:
            record.warnings = [w for w in record.warnings if not w.startswith(OWN_UNRESOLVED)]
            record.province_2021 = record.province_2025 = None
        _identify(records)
        judged(records)
    return applied


def judged(records: list[DocumentRecord]) -> list[DocumentRecord]:
    """The records with each fact's level of confidence (after how they were read is known)."""
    for record in records:
        confidence.judge(record)
    return records


def _extract_block(ctx: BlockContext, source: str, content_hash: str) -> DocumentRecord:
    """One document: every extractor in turn, each reading what those before it found; then the
    findings applied to the record (a fact with its basis, a value as it is, warnings in order)."""
    record = DocumentRecord(source=source, content_hash=content_hash, span=ctx.original(Span(ctx.start, ctx.end)))
    found = ctx.found
    for find in EXTRACTORS:
        findings = find(ctx)
        if "warnings" in findings:
            record.warnings.extend(findings.pop("warnings"))
        found.update(findings)
    for name, value in found.items():
        if type(value) is Fact:
            record.set_fact(name, value)
        elif name in DOCUMENT_FIELDS:
            setattr(record, name, value)
    record.fact_spans = _fact_spans(ctx, record)
    return record


_QUOTED = re.compile(r"'([^']{2,})'")


def _fact_spans(ctx: BlockContext, record: DocumentRecord) -> dict[str, list[int]]:
    """Where each own fact was read, in the original text: its own span, else the first words its
    evidence quotes (a letterhead's first line), found in the block."""
    spans: dict[str, list[int]] = {}
    for name, fact in record.facts.items():
        if fact.value is None:
            continue
        span = ctx.original(fact.span) if fact.span else None
        if span is None and fact.evidence:
            quoted = _QUOTED.search(fact.evidence)
            if quoted:
                words = quoted.group(1).split(" / ")[0]
                at = ctx.text.find(words, ctx.start, ctx.end)
                if at >= 0:
                    span = ctx.original(Span(at, at + len(words)))
        if span is not None:
            spans[name] = [span.start, span.end]
    if ctx.head.symbol_span and record.symbol:
        symbol = ctx.original(Span(*ctx.head.symbol_span))
        spans["symbol"] = [symbol.start, symbol.end]  # type: ignore[union-attr]
    if record.signers and record.signers[0].span:
        spans["signer"] = [record.signers[0].span.start, record.signers[0].span.end]
    return spans


DOCUMENT_FIELDS = frozenset(name for name, _ in document_fields())


def _province_code(name: str | None) -> str | None:
    province = province_by_name().get(name) if name else None
    return province.code if province else None


OWN_UNRESOLVED = "own identity unresolved: "


def _assign_identities(record: DocumentRecord, index: int) -> None:
    code = _province_code(record.province)
    if record.canonical:
        identity = numbered_identity(
            record.canonical, kind=record.kind, level=record.level, date=record.date, year=record.year,
            province_code=code, scope=f"{(record.content_hash or '')[:16]}:{index}", district=district_scope(record.level, record.issuer) if record.level == "district" else None,
        )
        record.uid = identity.uid
        if not identity.resolved:
            record.warnings.append(f"{OWN_UNRESOLVED}{identity.note}")
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
        if identity.note and not identity.resolved and identity.note not in citation.warnings:
            citation.warnings.append(identity.note)


# -- files ---------------------------------------------------------------------------------


@dataclass
class FileResult:
    path: str
    records: list[DocumentRecord]
    error: UnreadableFile | None = None
    source: SourceText | None = None
    corrections: Applied | None = None  # the analyst's corrections that applied to it

    @property
    def skipped(self) -> bool:
        """Not a document lexgraph reads: passed over, not refused."""
        return isinstance(self.error, NotADocument)


def extract_source(source: SourceText) -> list[DocumentRecord]:
    records = extract(source.text, source.path, content_hash=source.content_hash, ocr=source.ocr_pages > 0, read_by=source.method)
    for record in records:
        record.warnings[:0] = source.warnings
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


def extract_path_for_loading(
    path: str | Path, options: ReadOptions | None = None, corrections: list[Correction] | None = None, texts: Path | None = None,
) -> FileResult:
    """:func:`extract_path` for the build: the analyst's corrections applied, the text kept in the
    home's text store (``texts``: what cards show) and not sent back (the records and the content
    hash are all a load needs), which halves what crosses between processes."""
    result = extract_path(path, options)
    if result.source is not None:
        if corrections:
            result.corrections = corrected(result.records, corrections, result.source.content_hash)
        if texts is not None:
            keep_text(texts, result.source)
        result.source = replace(result.source, text="", raw_text=None, layout=None)
    return result


@dataclass
class FileLines:
    """One file as ``lexgraph extract`` JSON lines, made in the worker: the parent only writes them."""

    path: str
    lines: list[str]
    error: UnreadableFile | None = None
    ocr_pages: int = 0

    @property
    def skipped(self) -> bool:
        """Not a document lexgraph reads (an image of a logo, a spreadsheet): passed over, not refused."""
        return isinstance(self.error, NotADocument)


def json_lines(path: str | Path, options: ReadOptions | None = None) -> FileLines:
    result = extract_path(path, options)
    lines = [json.dumps(record.to_json(), ensure_ascii=False, default=str) for record in result.records]
    return FileLines(result.path, lines, result.error, result.source.ocr_pages if result.source else 0)


@dataclass
class Workers:
    """Extraction processes already started (:func:`extraction_pool`)."""

    pool: ProcessPoolExecutor
    jobs: int


@contextmanager
def extraction_pool(jobs: int | None = None) -> Iterator[Workers | None]:
    """``jobs`` extraction processes (default: all cores; None for one), forked now: a build opens
    them before it reads the store's journal and lists the folder, so that a worker does not carry
    a copy of what the build holds for a corpus of 100k files."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1:
        yield None
        return
    # Forked (spawned workers would re-import the caller's __main__); each worker lets go of the
    # build lock it inherited, so that a killed build releases the lock at once, and leaves when
    # the build is gone.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=start_worker) as pool:
        pool.submit(int).result()  # (with fork, the first task starts every worker)
        yield Workers(pool, jobs)


def extract_paths(
    paths: Iterable[str | Path], *, jobs: int | None = None, worker: Callable[[Path], Any] = extract_path, pool: Workers | None = None,
) -> Iterator[Any]:
    """Run ``worker`` (by default :func:`extract_path`) on every file under ``paths``, across
    ``jobs`` processes (default: all cores) or the workers of ``pool``, yielding results in file order.

    Only a few chunks of files are in flight at a time: a consumer slower than extraction (the
    build, loading the store) holds a bounded number of results, not the whole corpus.
    """
    yield from extract_files(list(find_documents(paths)), jobs=jobs, worker=worker, pool=pool)


def extract_files(
    files: list[Any], *, jobs: int | None = None, worker: Callable[[Any], Any] = extract_path, pool: Workers | None = None,
) -> Iterator[Any]:
    """:func:`extract_paths` on files already listed (a build's plan): each goes to ``worker`` as it
    is, without being looked up again (a file gone since it was listed is the worker's error to report)."""
    jobs = pool.jobs if pool is not None else (jobs or os.cpu_count() or 1)
    if jobs <= 1 or len(files) < 8:
        yield from map(worker, files)
    elif pool is not None:
        yield from _in_pool(pool, files, worker)
    else:
        with extraction_pool(jobs) as own:
            assert own is not None
            yield from _in_pool(own, files, worker)


def _in_pool(pool: Workers, files: list[Path], worker: Callable[[Path], Any]) -> Iterator[Any]:
    jobs = pool.jobs
    size = max(1, min(CHUNK_FILES, len(files) // (jobs * 8)))
    chunks = iter([files[i : i + size] for i in range(0, len(files), size)])
    in_flight = deque(pool.pool.submit(_run_chunk, worker, chunk) for chunk in islice(chunks, jobs * CHUNKS_IN_FLIGHT_PER_JOB))
    while in_flight:
        done = in_flight.popleft().result()
        following = next(chunks, None)
        if following is not None:
            in_flight.append(pool.pool.submit(_run_chunk, worker, following))
        yield from done


# At most this many files in one task, and this many tasks per worker waiting or running.
CHUNK_FILES = 32
CHUNKS_IN_FLIGHT_PER_JOB = 16


def _run_chunk(worker: Callable[[Path], Any], files: list[Path]) -> list[Any]:
    return [worker(path) for path in files]
