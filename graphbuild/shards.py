"""Records on disk: the two halves of a build as two commands.

``lexgraph extract FOLDER --records DIR`` writes one JSONL shard per file; ``lexgraph build
--records DIR`` loads them with the same identities, incremental rules and reconcile as a build
from the files. Extraction is a pure function of a file (:func:`write_shard`), so it runs wherever
the files are: on this machine's cores, or mapped over a cluster (:mod:`graphbuild.distributed`).

A shard is named by the file's content hash and its path (``<sha256>-<path key>.jsonl``), so:

- **idempotent and resumable**: a file whose shard is already written is not read again (an
  interrupted run goes on where it stopped; a shard is written whole, then renamed);
- a changed file gets a new shard and its older ones are removed;
- two files with the same words at two paths are two shards, as they are two files in a build.

Line 1 is the file's header (``path``, ``hash``, ``size``, ``mtime_ns``, how it was read, the
error that kept it from being read, and the text where reading it again would be slow: OCR or a
conversion, kept for its card); each further line is one document (:meth:`DocumentRecord.to_shard`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from graphbuild.corrections import Correction
from graphbuild.errors import NotADocument, RecordsError, UnreadableFile, UnusableShard
from graphbuild.pipeline import FileResult, corrected, extract_path, extract_paths
from graphbuild.reading import ReadOptions, SourceText, file_hash, find_documents, not_a_file
from graphbuild.records import DocumentRecord
from graphbuild.texts import keep_text, worth_keeping

SHARD_FORMAT = 1
SUFFIX = ".jsonl"


def path_key(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def shard_path(folder: Path, path: str, content_hash: str) -> Path:
    return folder / content_hash[:2] / f"{content_hash}-{path_key(path)}{SUFFIX}"


@dataclass
class Shard:
    """One file's shard: its header and (read on demand) its documents."""

    location: Path
    path: str
    hash: str
    size: int | None
    mtime_ns: int | None
    read_by: str | None = None
    ocr_pages: int = 0
    error: str | None = None  # why the file could not be read (``skipped``: not a document)
    skipped: bool = False
    text: dict[str, Any] | None = field(default=None, repr=False)

    def records(self) -> list[DocumentRecord]:
        with self.location.open(encoding="utf-8") as lines:
            next(lines)
            return [DocumentRecord.from_json(json.loads(line)) for line in lines if line.strip()]

    def source_text(self) -> SourceText | None:
        """The text kept in the shard (OCR'd or converted files), for the home's text store."""
        if not self.text:
            return None
        return SourceText(self.path, self.text["text"], "utf-8", self.hash, method=self.text.get("method") or "text",
                          pages=self.text.get("pages") or 0, ocr_pages=self.text.get("ocr_pages") or 0)


def write_shard(path: str | Path, folder: str | Path, *, ocr: bool = True) -> tuple[str, str]:
    """Read and extract one file into its shard under ``folder``: ``(path, "written")``, or
    ``"kept"`` when its shard is there already, ``"error"`` / ``"skipped"`` when the file could not
    be read (its shard says why, and is written again next time). Safe to run on many machines at
    once on one shared folder: each shard is written whole under a temporary name, then renamed."""
    folder = Path(folder)
    file = Path(path).resolve()
    key = str(file)
    problem = not_a_file(Path(path))
    if problem is not None:
        return key, _write_failed(folder, key, problem)
    try:
        stat = file.stat()
        content_hash = file_hash(file)
    except OSError as err:
        return key, _write_failed(folder, key, UnreadableFile(key, f"cannot be read ({err.strerror})", "Check its permissions."))
    target = shard_path(folder, key, content_hash)
    if target.exists():
        return key, "kept"
    result = extract_path(file, ReadOptions(ocr=ocr))
    header: dict[str, Any] = {"lexgraph_records": SHARD_FORMAT, "path": key, "hash": content_hash, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if result.error is not None:
        return key, _write_failed(folder, key, result.error, content_hash)
    source = result.source
    assert source is not None
    header.update(read_by=source.method, ocr_pages=source.ocr_pages)
    if worth_keeping(source):
        header["text"] = {"text": source.text, "method": source.method, "ocr_pages": source.ocr_pages, "pages": source.pages}
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps(record.to_shard(), ensure_ascii=False, default=str) for record in result.records]
    _write_whole(target, "\n".join(lines) + "\n")
    _remove_older(folder, key, keep=target)
    return key, "written"


def _write_failed(folder: Path, key: str, error: UnreadableFile, content_hash: str = "") -> str:
    """A shard that only names the file and why it was not read (the build reports it so)."""
    skipped = isinstance(error, NotADocument)
    header = {"lexgraph_records": SHARD_FORMAT, "path": key, "hash": content_hash, "size": None, "mtime_ns": None,
              "error": str(error), "skipped": skipped}
    target = folder / "unread" / f"{path_key(key)}{SUFFIX}"
    _write_whole(target, json.dumps(header, ensure_ascii=False) + "\n")
    return "skipped" if skipped else "error"


def _write_whole(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


def _remove_older(folder: Path, key: str, keep: Path) -> None:
    """The shards of an earlier version of the same file, and a note that it could not be read."""
    for older in [*folder.glob(f"*/*-{path_key(key)}{SUFFIX}"), folder / "unread" / f"{path_key(key)}{SUFFIX}"]:
        if older != keep and older.exists():
            older.unlink(missing_ok=True)


def read_header(location: Path) -> Shard:
    try:
        with location.open(encoding="utf-8") as lines:
            header = json.loads(next(lines))
    except (OSError, ValueError, StopIteration) as err:
        raise UnusableShard(str(location), f"not a lexgraph records shard ({err})") from err
    if not isinstance(header, dict) or header.get("lexgraph_records") != SHARD_FORMAT or "path" not in header:
        raise UnusableShard(str(location), f"not a lexgraph records shard of format {SHARD_FORMAT}")
    return Shard(
        location, header["path"], header.get("hash") or "", header.get("size"), header.get("mtime_ns"), header.get("read_by"),
        header.get("ocr_pages") or 0, header.get("error"), bool(header.get("skipped")), header.get("text"),
    )


def shards(folder: str | Path) -> tuple[list[Shard], list[tuple[str, str]]]:
    """The newest shard of each file under ``folder`` (by the file's modification time, then the
    shard's), and the shards that could not be used (location, why)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RecordsError(f"--records {folder}: không phải thư mục (not a folder). Write it with `lexgraph extract FOLDER --records {folder}`.")
    newest: dict[str, tuple[tuple[int, int], Shard]] = {}
    bad: list[tuple[str, str]] = []
    for location in sorted(folder.glob(f"*/*{SUFFIX}")):
        if location.name.startswith("."):
            continue
        try:
            shard = read_header(location)
        except RecordsError as err:
            bad.append((str(location), str(err)))
            continue
        order = (shard.mtime_ns or 0, location.stat().st_mtime_ns)
        if shard.path not in newest or order > newest[shard.path][0]:
            newest[shard.path] = (order, shard)
    return [newest[path][1] for path in sorted(newest)], bad


def result_from_shard(location: str | Path, corrections: list[Correction] | None = None, texts: Path | None = None) -> FileResult:
    """:func:`extract_path_for_loading` for a file already extracted into a records shard: its
    records read back, the analyst's corrections applied, its kept text (if any) put in the home. A
    shard removed or damaged since the records folder was listed is this file's error, not the build's."""
    try:
        shard = read_header(Path(location))
        records = shard.records()
    except UnusableShard as err:
        return FileResult(str(location), [], error=UnreadableFile(str(location), err.problem, err.FIX))
    except (OSError, ValueError, KeyError, TypeError) as err:
        return FileResult(str(location), [], error=UnreadableFile(str(location), f"tệp bản ghi bị hỏng (a damaged records shard: {err})", UnusableShard.FIX))
    result = FileResult(shard.path, records)
    if corrections:
        result.corrections = corrected(records, corrections, shard.hash)
    kept = shard.source_text()
    if texts is not None and kept is not None:
        keep_text(texts, kept)
    return result


def extract_to_records(paths: list[Path], folder: Path, *, jobs: int | None = None, ocr: bool = True) -> Iterator[tuple[str, str]]:
    """:func:`write_shard` for every file under ``paths`` across ``jobs`` processes; then the
    shards of files gone from those folders are removed (a build ``--prune`` then drops them)."""
    folder.mkdir(parents=True, exist_ok=True)
    found = set()
    for outcome in extract_paths(paths, jobs=jobs, worker=partial(write_shard, folder=folder, ocr=ocr)):
        found.add(outcome[0])
        yield outcome
    remove_gone(folder, paths, found)


def remove_gone(folder: Path, paths: list[str | Path] | list[Path], found: set[str]) -> int:
    """Remove the shards of files under ``paths`` that were not found there now: the records
    folder mirrors the folders extracted into it (shards of other folders are kept)."""
    roots = [Path(p).resolve() for p in paths]
    removed = 0
    for shard in shards(folder)[0]:  # (the newest of each file; the others go with it)
        inside = any(Path(shard.path) == root or root in Path(shard.path).parents for root in roots)
        if inside and shard.path not in found:
            key = path_key(shard.path)
            for location in [*folder.glob(f"*/*-{key}{SUFFIX}"), folder / "unread" / f"{key}{SUFFIX}"]:
                location.unlink(missing_ok=True)
            removed += 1
    return removed


def documents_under(paths: list[str | Path]) -> list[str]:
    """Every file under ``paths``, as :func:`write_shard` takes them (for a cluster's map)."""
    return [str(p) for p in find_documents(paths)]
