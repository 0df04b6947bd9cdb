"""``lexgraph build``: read → extract → resolve → load, incrementally and safely.

- Idempotent: building twice gives the same graph.
- Incremental: a file whose content hash is unchanged is skipped; a changed file's facts are
  replaced; ``prune`` removes the facts of files that are gone; ``rebuild`` starts over.
- Safe: one build per home at a time (a lock file); each file is journaled in a ``:Source``
  node (``loading`` → ``loaded``) and the documents a build touches are journaled in
  ``:BuildState`` before anything is written, so a build killed at any point is completed by
  the next one; a file that cannot be read is reported and its earlier facts are kept.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from graphbuild.collector import collector_relaxed
from graphbuild.corrections import Applied, Correction, corrections_path, digest, outside_of, read_corrections
from graphbuild.errors import BuildLocked, NotADocument, UnreadableFile
from graphbuild.in_force import refresh_in_force
from graphbuild.latest import refresh_organization_names, refresh_person_titles
from graphbuild.locking import held_lock_fds
from graphbuild.migrations import migrate
from graphbuild.model import (
    CITED_NODE_CYPHER,
    CORPUS_DOCUMENT_CYPHER,
    CORPUS_ONLY,
    REMOVE_CORPUS_DOCUMENT_PROPERTY,
    FileFacts,
    facts_for_file,
    node_cypher,
    province_rows,
    relationship_cypher,
    remove_property_cypher,
)
from graphbuild.pipeline import FileResult, Workers, extract_files, extract_path_for_loading, extraction_pool
from graphbuild.reading import ReadOptions, file_hash, find_entries, not_a_file
from graphbuild.reconcile import reconcile, sweep
from graphbuild.shards import Shard, result_from_shard, shards
from graphbuild.stores.base import GraphStore, read_batches, unique_rows, write_properties, write_rows
from graphbuild.summaries import refresh_summaries
from graphbuild.texts import texts_folder

FILES_PER_LOAD = 400

# What the plan needs of every file loaded before; the documents each holds and cites are read
# only for the files a build changes (an unchanged rebuild of 100k files reads no list).
READ_SOURCES = (
    "MATCH (s:Source) RETURN s.path AS path, s.hash AS hash, s.status AS status, "
    "s.corrections AS corrections, s.correction_keys AS correction_keys, s.size AS size, s.mtime_ns AS mtime_ns"
)
READ_SOURCE_FACTS = "UNWIND $paths AS path MATCH (s:Source {path: path}) RETURN s.path AS path, s.documents AS documents, s.cited AS cited"
# The files holding a document a changed or removed file released.
CLAIMANTS = "MATCH (s:Source) WHERE any(uid IN s.documents WHERE uid IN $released) RETURN s.path AS path, s.documents AS documents, s.cited AS cited"
# A file's size and modification time are kept with its hash: an unchanged rebuild trusts them
# and reads no file (``rehash`` reads every file again).
MARK_LOADING = (
    "UNWIND $rows AS row MERGE (s:Source {path: row.path}) "
    "SET s.status = 'loading', s.hash = row.hash, s.documents = row.documents, s.cited = row.cited, s.size = row.size, s.mtime_ns = row.mtime_ns"
)
# A file touched but not changed (same hash, new time): its new size and time, so it is not read again.
RESTAMP_SOURCES = "UNWIND $rows AS row MATCH (s:Source {path: row.path}) SET s.size = row.size, s.mtime_ns = row.mtime_ns"
MARK_LOADED = (
    "UNWIND $rows AS row MATCH (s:Source {path: row.path}) SET s.status = 'loaded', s.documents = row.documents, s.cited = row.cited, "
    "s.corrections = row.corrections, s.correction_keys = row.correction_keys"
)
CORPUS_UIDS = "UNWIND $uids AS uid MATCH (d:Document {uid: uid}) WHERE d.status = 'corpus' RETURN d.uid AS uid"
EXISTING_DOCUMENTS = "UNWIND $uids AS uid MATCH (d:Document {uid: uid}) RETURN d.uid AS uid"
DELETE_SOURCES = "UNWIND $paths AS path MATCH (s:Source {path: path}) DELETE s"
REMOVE_FACTS = "UNWIND $rows AS row MATCH (d:Document {uid: row.uid})-[r]-() WHERE r.source = row.source DELETE r"
OWNED_DOCUMENTS = "UNWIND $rows AS row MATCH (d:Document {uid: row.uid}) WHERE d.source = row.source RETURN d.uid AS uid"
DEMOTE_DOCUMENTS = "UNWIND $rows AS row MATCH (d:Document {uid: row.uid}) SET d += row.props"
# The journal of what a build owes after its load: the documents to reconcile (or everything), and
# whether the summaries, the persons' titles and the sweep of orphaned organisations and persons are
# owed. A build killed at any moment after writing it leaves the next build, whatever that one loads,
# every step to finish.
# The journal's node stays once made: a build closes it rather than deleting it (a delete costs the
# embedded store a rewrite of its append-only file, see FalkorStore.settle). Open when it has no
# mark at all (a graph from before the mark).
READ_PENDING = (
    "MATCH (b:BuildState {key: 'reconcile'}) WHERE coalesce(b.open, true) "
    "RETURN b.uids AS uids, b.everything AS everything, b.summaries AS summaries, b.titles AS titles, b.sweep AS sweep"
)
WRITE_PENDING = (
    "MERGE (b:BuildState {key: 'reconcile'}) "
    "SET b.open = true, b.uids = $uids, b.everything = $everything, b.summaries = $summaries, b.titles = $titles, b.sweep = $sweep"
)
CLEAR_PENDING = (
    "MATCH (b:BuildState {key: 'reconcile'}) "
    "SET b.open = false, b.uids = [], b.everything = false, b.summaries = false, b.titles = false, b.sweep = false"
)


@dataclass
class BuildReport:
    files: int = 0
    loaded: int = 0
    unchanged: int = 0
    pruned: int = 0
    documents: int = 0
    citations: int = 0
    unresolved_citations: int = 0  # citations whose document cannot be identified soundly (not the `unresolved` question's to-do list)
    warnings: int = 0
    conflicts: int = 0
    corrected: int = 0  # corrections applied (rows of corrections.csv)
    errors: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # data files beside the documents
    stale_corrections: list[str] = field(default_factory=list)  # rows whose document is gone or changed, or that could not apply
    seconds: float = 0.0
    load_seconds: float = 0.0
    reconcile_seconds: float = 0.0

    def rows(self) -> list[dict[str, Any]]:
        timings = {"seconds", "load_seconds", "reconcile_seconds"}
        return [{"what": k, "count": v} for k, v in self.__dict__.items() if k not in {"errors", "skipped", "stale_corrections"} | timings] + [
            {"what": "stale corrections", "count": len(self.stale_corrections)},
            {"what": "files with errors", "count": len(self.errors)},
            {"what": "files skipped (not documents)", "count": len(self.skipped)},
            *({"what": k.replace("_", " "), "count": round(getattr(self, k), 2)} for k in ("seconds", "load_seconds", "reconcile_seconds")),
        ]


@contextmanager
def build_lock(home: Path) -> Iterator[None]:
    """One build per home at a time: a second one fails at once, saying which process holds it."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "build.lock"
    handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600), "a+")
    if os.fstat(handle.fileno()).st_uid == os.getuid():
        os.fchmod(handle.fileno(), 0o600)  # owner-only, as every file of the home (an older lexgraph made it 0644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as err:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise BuildLocked(f"Another build is running on {home} (pid {holder}). Wait for it to finish, then build again.") from err
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    held_lock_fds.add(handle.fileno())
    try:
        yield
    finally:
        held_lock_fds.discard(handle.fileno())
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def ensure_reference(store: GraphStore) -> None:
    """The schema, and the 63 provinces with their 2025 successors (idempotent)."""
    store.ensure_schema()
    provinces_2021, successors, merged_into = province_rows()
    write_rows(store, node_cypher("Province"), provinces_2021)
    write_rows(store, node_cypher("MergedProvince"), successors)
    write_rows(store, relationship_cypher("MERGED_INTO", "Province", "MergedProvince"), merged_into)


Progress = Callable[[str, int, int], None]


@dataclass
class BuildPlan:
    """What one build will do, decided before it writes anything: the files to load (changed, new, or
    holding a document a changed file released), the files gone, and what the journal owes."""

    files: list[Path]
    hashes: dict[str, str]  # by path: a file the graph held (read, or trusted by its size and time); a new file's once its worker read it
    stamps: dict[str, tuple[int, int] | tuple[None, None]]  # each file's size and modification time (ns), taken before it was hashed
    from_shards: dict[str, Shard] | None  # a build from records: each file's shard
    known: dict[str, dict[str, Any]]  # the store's Source rows, by path
    pending: set[str]  # the documents to reconcile
    everything: bool  # reconcile every document (a first build, or owed by a killed one)
    to_load: list[Path]
    gone: list[str]
    corrections: list[Correction]
    summaries: bool
    titles: bool
    sweep_owed: bool  # a killed build may have removed facts before its sweep
    owed: bool = False  # the summaries or titles are owed by an earlier build (or a first build's)
    journaled: bool = False  # an earlier build left its journal open: it was killed


def build(
    store: GraphStore,
    paths: Sequence[str | Path],
    *,
    home: Path,
    prune: bool = False,
    rebuild: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    ocr: bool = True,
    corrections: str | Path | None = None,
    rehash: bool = False,
    records: str | Path | None = None,
) -> BuildReport:
    """Read, extract and load the files under ``paths``, then reconcile what they touched: unchanged
    files are skipped, changed ones replace their facts, and every step is journaled first, so that
    a build killed at any write leaves the next one what it owes.

    A file whose size and modification time are those it was loaded with counts as unchanged
    without being read; ``rehash`` reads and hashes every file (after a copy that kept the times
    of changed files, or a clock set back).

    ``records``: load the shards ``lexgraph extract --records`` wrote (on this machine or a
    cluster) instead of reading ``paths``: the same identities, incremental rules (a file is
    unchanged when its shard's hash is the one loaded) and reconcile; ``prune`` then removes the
    files that have no shard there."""
    started = time.perf_counter()
    report = BuildReport()
    notify = progress or (lambda stage, done, total: None)
    corrections_file = corrections_path(home, corrections)
    outside_of(corrections_file, [Path(p) for p in paths if Path(p).is_dir()])
    rows = read_corrections(corrections_file)
    with build_lock(home), collector_relaxed(), extraction_pool(jobs) as pool:
        if rebuild:
            store.clear()
        ensure_reference(store)
        migrate(store)
        from_shards = _shards_to_load(Path(records), report) if records is not None else None
        files = [Path(path) for path in from_shards] if from_shards is not None else _files_to_read(paths, report)
        plan = _plan(store, files, prune, report, rows, rehash, from_shards)
        _journal(store, plan)
        removed_any = _prune(store, plan, report)
        removed_any |= _load(store, plan, pool, ocr, notify, report, texts_folder(home))
        _finish(store, plan, removed_any, notify, report)
        _report_stale(store, plan, report)
        store.settle(always=plan.journaled)  # (a killed build's deletes may not have been settled)
    report.seconds = time.perf_counter() - started
    return report


def _files_to_read(paths: Sequence[str | Path], report: BuildReport) -> list[Path]:
    """Every file under ``paths``; a link that leads nowhere or loops, a link to a folder, an empty
    folder, a name that is not UTF-8 are listed with the reason, not loaded."""
    files = []
    # Folders are resolved once, and their files found under the resolved path: only a link's own
    # path is resolved again.
    for found, plain in find_entries([Path(p).resolve() if Path(p).is_dir() else p for p in paths]):
        report.files += 1
        if not plain or not _utf8_name(found):
            why = not_a_file(found)
            if why is not None:
                (report.skipped if isinstance(why, NotADocument) else report.errors).append((why.path, str(why)))
                continue
            found = found.resolve()
        files.append(found)
    return files


def _utf8_name(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shards_to_load(folder: Path, report: BuildReport) -> dict[str, Shard]:
    """The newest shard of each file in a records folder; a file that could not be read, and a
    shard that cannot be used, are reported as a build from the files reports them."""
    found, bad = shards(folder)
    report.errors.extend(bad)
    usable = {}
    for shard in found:
        report.files += 1
        if shard.error is not None:
            (report.skipped if shard.skipped else report.errors).append((shard.path, shard.error))
        else:
            usable[shard.path] = shard
    return usable


def _plan(
    store: GraphStore, files: list[Path], prune: bool, report: BuildReport, corrections: list[Correction], rehash: bool = False,
    from_shards: dict[str, Shard] | None = None,
) -> BuildPlan:
    known = {row["path"]: row for row in store.read(READ_SOURCES)}
    pending_rows = store.read(READ_PENDING)
    owed = pending_rows[0] if pending_rows else {}
    if from_shards is not None:
        # (a shard says when its file was last changed, not whether that time had settled: no stamps)
        hashes = {path: shard.hash for path, shard in from_shards.items()}
        stamps: dict[str, tuple[int, int] | tuple[None, None]] = {}
    else:
        hashes, stamps = _hashes(store, files, known, report, rehash)
    if corrections:  # (rows may name a file's documents by uid)
        _read_facts(store, known, list(known))
    to_load = [f for f in files if _to_load(known.get(str(f)), hashes.get(str(f)), corrections)]
    if from_shards is not None:
        gone = [path for path in known if prune and path not in from_shards]
    else:
        gone = [path for path in known if prune and not Path(path).exists()]
    _read_facts(store, known, [*gone, *(str(f) for f in to_load if str(f) in known)])
    to_load += _other_claimants(store, known, files, to_load, gone)
    report.unchanged = len(files) - len(to_load)
    everything = bool(owed.get("everything")) or not known  # a first build reconciles everything
    pending: set[str] = set(owed.get("uids") or [])
    for path in gone:
        pending.update(known[path]["documents"] or [])
        pending.update(known[path]["cited"] or [])
    return BuildPlan(
        files, hashes, stamps, from_shards, known, pending, everything, to_load, gone, corrections,
        summaries=bool(to_load or gone or everything or owed.get("summaries")),
        titles=bool(to_load or gone or owed.get("titles")),
        sweep_owed=bool(owed.get("sweep")),
        owed=bool(owed.get("summaries") or owed.get("titles") or everything),
        journaled=bool(pending_rows),
    )


def _to_load(known: dict[str, Any] | None, content_hash: str | None, corrections: list[Correction]) -> bool:
    """Whether a file must be loaded: new, changed, not finished loading, or corrected differently."""
    if known is None or content_hash is None:
        return True
    if known.get("hash") != content_hash or known["status"] != "loaded":
        return True
    return bool((corrections or known.get("corrections")) and _corrections_changed(known, content_hash, corrections))


# How long ago a file must have been written for its size and time to stand for its content.
SETTLED_NS = 2_000_000_000


def _hashes(
    store: GraphStore, files: list[Path], known: dict[str, dict[str, Any]], report: BuildReport, rehash: bool,
) -> tuple[dict[str, str], dict[str, tuple[int, int] | tuple[None, None]]]:
    """Each loaded file's content hash: the one it was loaded with when its size and modification
    time are unchanged (and not ``rehash``), else read and hashed. A file the graph does not hold yet
    is loaded whatever its hash, so it is not read here: its worker hashes the bytes it extracts
    (a first build of 100k files read each of them twice, 5.5 s of the build's own process).
    A file that cannot be read is named and left out (``files`` loses it); the rest of the folder loads."""
    hashes: dict[str, str] = {}
    stamps: dict[str, tuple[int, int] | tuple[None, None]] = {}
    restamped = []
    for path in list(files):
        key = str(path)
        try:
            stat = path.stat()  # before reading: a file changed while hashed shows a newer time next build
            stamp = (stat.st_size, stat.st_mtime_ns)
            # A file written in the last seconds may be written again within the same tick of the
            # file system's clock (same size, same time, new words): its time is not trusted yet.
            stamps[key] = stamp if time.time_ns() - stat.st_mtime_ns > SETTLED_NS else (None, None)
            row = known.get(key)
            if row is None:
                continue
            if not rehash and row["hash"] and row["status"] == "loaded" and (row.get("size"), row.get("mtime_ns")) == stamp:
                hashes[key] = row["hash"]
            else:
                hashes[key] = file_hash(path)
            if row["hash"] == hashes[key] and row["status"] == "loaded" and (row.get("size"), row.get("mtime_ns")) != stamps[key]:
                restamped.append({"path": key, "size": stamps[key][0], "mtime_ns": stamps[key][1]})
            continue
        except OSError as err:
            problem = f"cannot be read ({err.strerror}). Check its permissions"
        report.errors.append((key, problem))
        files.remove(path)  # named, and the rest of the folder loads
    write_rows(store, RESTAMP_SOURCES, restamped)
    return hashes, stamps


def _corrections_changed(known: dict[str, Any], content_hash: str, corrections: list[Correction]) -> bool:
    """Whether the corrections naming a loaded, unchanged file differ from those it was loaded with."""
    keys = set(known.get("correction_keys") or []) | set(known.get("documents") or [])
    return digest([row for row in corrections if row.applies(content_hash, keys)]) != known.get("corrections")


def _report_stale(store: GraphStore, plan: BuildPlan, report: BuildReport) -> None:
    """Rows of the corrections file that name no document of the graph, or a file since changed."""
    if not plan.corrections:
        return
    current = {path: row.get("hash") for path, row in plan.known.items() if path not in plan.gone} | plan.hashes
    loaded_hashes = set(current.values())
    names = {f.name for f in plan.files}
    by_uid = sorted({row.document for row in plan.corrections if row.by_uid})
    present = {r["uid"] for r in store.read(CORPUS_UIDS, {"uids": by_uid})} if by_uid else set()
    for row in plan.corrections:
        if row.by_uid:
            if row.document not in present:
                report.stale_corrections.append(f"{row.described()}: no document with this uid has its own file in the graph")
        elif row.hash not in loaded_hashes:
            why = "the file has changed since the correction was written" if Path(row.document).name in names else "the file is gone"
            report.stale_corrections.append(f"{row.described()}: {why}; not applied")


def _journal(store: GraphStore, plan: BuildPlan) -> None:
    """Journal what this build touches before touching it."""
    store.write(
        WRITE_PENDING,
        {
            "uids": sorted(plan.pending), "everything": plan.everything, "summaries": plan.summaries, "titles": plan.titles,
            "sweep": plan.sweep_owed or bool(plan.to_load or plan.gone),
        },
    )


def _prune(store: GraphStore, plan: BuildPlan, report: BuildReport) -> bool:
    """Take out the facts of the files gone; whether any were."""
    if not plan.gone:
        return False
    _remove_facts(store, [plan.known[p] for p in plan.gone])
    store.write(DELETE_SOURCES, {"paths": plan.gone})
    report.pruned = len(plan.gone)
    return True


@dataclass
class ReadyFile:
    """A file extracted and turned into the graph's rows on a worker: what loading it needs (its
    rows, the corrections applied, the counts the report gives), not its records."""

    path: str
    facts: FileFacts | None = None
    error: UnreadableFile | None = None
    corrections: Applied | None = None
    documents: int = 0
    citations: int = 0
    unresolved: int = 0
    warnings: int = 0


def ready_to_load(item: Any, extract: Callable[[Any], FileResult]) -> ReadyFile:
    """``extract`` (a file read and extracted, or a shard read back) and the file's rows, made where
    it runs: the workers build the rows in parallel, and the build's own process only writes them."""
    result = extract(item)
    if result.error is not None:
        return ReadyFile(result.path, error=result.error)
    records = result.records
    # (the file is named by the path the plan decided by: resolved when the folder was listed, or as
    # the shard recorded it where its file was read; resolving it again here would cost a system
    # call per part of the path, and could name a file another way than the plan does)
    return ReadyFile(
        result.path,
        facts_for_file(records, result.path, result.source.content_hash if result.source else ""),
        corrections=result.corrections,
        documents=len(records),
        citations=sum(len(r.citations) for r in records),
        unresolved=sum(1 for r in records for c in r.citations if (c.uid or "").startswith("unresolved:")),
        warnings=sum(len(r.warnings) for r in records),
    )


def _load(
    store: GraphStore, plan: BuildPlan, pool: Workers | None, ocr: bool, notify: Progress, report: BuildReport, texts: Path,
) -> bool:
    """Extract the files to load on the workers of ``pool`` (in this process without one; the
    analyst's corrections applied) and load them in batches; whether any file's old facts were taken out."""
    removed_any = False
    batch: list[ReadyFile] = []
    extract: Callable[[Any], FileResult]
    if plan.from_shards is not None:  # (a shard read back, or a file read and extracted)
        items = [plan.from_shards[str(path)].location for path in plan.to_load]
        extract = partial(result_from_shard, corrections=plan.corrections, texts=texts)
    else:
        items = plan.to_load
        extract = partial(extract_path_for_loading, options=ReadOptions(ocr=ocr), corrections=plan.corrections, texts=texts)
    for done, ready in enumerate(extract_files(items, jobs=1, pool=pool, worker=partial(ready_to_load, extract=extract)), start=1):
        notify("extract", done, len(plan.to_load))
        if isinstance(ready.error, NotADocument):
            report.skipped.append((ready.path, str(ready.error)))
            continue
        if ready.error is not None or ready.facts is None:
            report.errors.append((ready.path, str(ready.error)))
            continue
        # (the hash the plan decided by: the file's as loaded before when its size and time are unchanged)
        ready.facts.content_hash = plan.hashes.setdefault(ready.facts.source, ready.facts.content_hash)
        batch.append(ready)
        if len(batch) >= FILES_PER_LOAD:
            removed_any |= _load_batch(store, batch, plan, report)
            batch = []
    if batch:
        removed_any |= _load_batch(store, batch, plan, report)
    return removed_any


def _finish(store: GraphStore, plan: BuildPlan, removed_any: bool, notify: Progress, report: BuildReport) -> None:
    """Reconcile what the build touched, sweep what it left unused, refresh the persons' titles and
    the summaries, then clear the journal."""
    notify("reconcile", 0, 1)
    started = time.perf_counter()
    stats = reconcile(store, None if plan.everything else plan.pending)
    report.conflicts = stats["conflicts"]
    if removed_any or stats["removed"] or plan.sweep_owed:
        sweep(store)
    # (a file planned for loading that turned out not to be a document changes nothing)
    changed = plan.owed or bool(report.loaded or plan.gone or removed_any)
    if plan.titles and changed:
        refresh_person_titles(store)
        refresh_organization_names(store)
    if plan.summaries and changed:
        refresh_summaries(store)
        refresh_in_force(store)
    store.write(CLEAR_PENDING)
    report.reconcile_seconds = time.perf_counter() - started
    notify("reconcile", 1, 1)


def _read_facts(store: GraphStore, known: dict[str, dict[str, Any]], paths: list[str]) -> None:
    """The documents each of ``paths`` holds and cites, read into its row of ``known``."""
    wanted = [path for path in paths if "documents" not in known[path]]
    for row in read_batches(store, READ_SOURCE_FACTS, "paths", wanted):
        known[row["path"]].update(documents=row["documents"], cited=row["cited"])


def _other_claimants(
    store: GraphStore, known: dict[str, dict[str, Any]], files: list[Path], to_load: list[Path], gone: list[str],
) -> list[Path]:
    """Unchanged files that claim a document a changed or removed file held: loaded again, so that
    the document ends as a clean build would leave it."""
    released: set[str] = set()
    for path in [*gone, *(str(f) for f in to_load)]:
        released.update(known.get(path, {}).get("documents") or [])
    if not released:
        return []
    reloading = {str(f) for f in to_load}
    claimants = set()
    for row in store.read(CLAIMANTS, {"released": sorted(released)}):
        if row["path"] in known and row["path"] not in reloading:
            known[row["path"]].update(documents=row["documents"], cited=row["cited"])
            claimants.add(row["path"])
    return [f for f in files if str(f) in claimants]


def _load_batch(store: GraphStore, ready: list[ReadyFile], plan: BuildPlan, report: BuildReport) -> bool:
    """Load a batch of files: journal, take out their old facts, write the new, mark them loaded."""
    started = time.perf_counter()
    batch = [(file, file.facts) for file in ready if file.facts is not None]
    known, pending, everything = plan.known, plan.pending, plan.everything
    touched: set[str] = set()
    previous = [known[f.source] for _, f in batch if f.source in known]  # as journaled: old, or old and new after a crash
    for old in previous:
        touched.update(old["documents"] or [])
        touched.update(old["cited"] or [])
    for _, facts in batch:
        touched.update(facts.document_uids)
        touched.update(facts.cited_uids)
        touched.update(r["to"] for r in facts.relationships.get("CITES", []))
    if not everything and not touched <= pending:
        pending.update(touched)
        store.write(WRITE_PENDING, {"uids": sorted(pending), "everything": False, "summaries": True, "titles": True, "sweep": True})
    # While a file loads, its journal names its old documents and its new ones: a build killed
    # at any point leaves the next build everything it must take out.
    final = [
        {
            "path": f.source, "documents": f.document_uids, "cited": sorted({r["to"] for r in f.relationships.get("CITES", [])}),
            **_corrections_journal(result, f),
        }
        for result, f in batch
    ]
    loading = []
    for row, (_, facts) in zip(final, batch):
        old = known.get(facts.source, {})
        size, mtime_ns = plan.stamps.get(facts.source, (None, None))
        loading.append(
            {
                "path": row["path"], "hash": facts.content_hash, "size": size, "mtime_ns": mtime_ns,
                "documents": sorted(set(row["documents"]) | set(old.get("documents") or [])),
                "cited": sorted(set(row["cited"]) | set(old.get("cited") or [])),
            }
        )
    store.write(MARK_LOADING, {"rows": loading})
    if previous:
        _remove_facts(store, previous)
    _write_facts(store, [f for _, f in batch])
    store.write(MARK_LOADED, {"rows": final})
    for file, _ in batch:
        report.loaded += 1
        report.documents += file.documents
        report.citations += file.citations
        report.unresolved_citations += file.unresolved
        report.warnings += file.warnings
        if file.corrections:
            report.corrected += len(file.corrections.rows) - len(file.corrections.problems)
            report.stale_corrections.extend(file.corrections.problems)
    report.load_seconds += time.perf_counter() - started
    return bool(previous)


def _corrections_journal(result: ReadyFile, facts: FileFacts) -> dict[str, Any]:
    """What a file's :Source keeps of the corrections it was loaded with: their digest, and the
    documents' uids (as read and as corrected) that rows by uid may name."""
    applied = result.corrections.rows if result.corrections else []
    if not applied:
        return {"corrections": None, "correction_keys": None}
    return {"corrections": digest(applied), "correction_keys": sorted(set(result.corrections.uids_read) | set(facts.document_uids))}  # type: ignore[union-attr]


def _remove_facts(store: GraphStore, sources: list[dict[str, Any]]) -> None:
    rows = [{"uid": uid, "source": s["path"]} for s in sources for uid in (s["documents"] or [])]
    # The file's facts on the documents it cited too (a province inferred for a cited local document
    # is that document's relationship, made by the citing file).
    cited = [{"uid": uid, "source": s["path"]} for s in sources for uid in (s["cited"] or [])]
    write_rows(store, REMOVE_FACTS, rows + cited)
    # A document whose file is gone stays as a cited document without its corpus-only facts,
    # unless another file now holds it.
    owned = [r["uid"] for r in read_batches(store, OWNED_DOCUMENTS, "rows", rows)]
    demoted = {"status": "cited", **{prop: None for prop in CORPUS_ONLY if prop != "source"}}
    write_properties(store, DEMOTE_DOCUMENTS, [{"uid": uid, "props": demoted} for uid in owned], remove_cypher=remove_property_cypher("Document"))
    # The file's name goes last: a build killed while the properties come off one by one leaves the
    # document still naming its file, so the next build finds it and finishes the demotion.
    write_properties(store, DEMOTE_DOCUMENTS, [{"uid": uid, "props": {"source": None}} for uid in owned], remove_cypher=remove_property_cypher("Document"))


def _write_facts(store: GraphStore, all_facts: list[FileFacts]) -> None:
    """Write the files' facts.

    A property a file's row leaves empty is taken off its document one statement a property
    (``write_properties``); a document the graph did not hold before (most of a first build's) has
    nothing to take off, so those statements are run for the documents that were there (one read
    instead of some ten statements a batch of files that each look up every document)."""
    # Of two files claiming one document, the one whose path sorts first holds it (kept last here).
    claimed = sorted((row for f in all_facts for row in f.documents), key=lambda row: row["source"], reverse=True)
    documents = unique_rows(claimed, ["uid"])
    corpus = {row["uid"] for row in documents}
    cited = unique_rows((row for f in all_facts for row in f.cited if row["uid"] not in corpus), ["uid"])
    existing = {r["uid"] for r in read_batches(store, EXISTING_DOCUMENTS, "uids", [row["uid"] for row in documents])}
    write_properties(
        store, CORPUS_DOCUMENT_CYPHER, documents, remove_cypher=REMOVE_CORPUS_DOCUMENT_PROPERTY, may_hold=lambda row: row["uid"] in existing,
    )
    write_rows(store, CITED_NODE_CYPHER, cited)
    organizations = unique_rows((row for f in all_facts for row in f.organizations), ["uid"])
    write_properties(store, node_cypher("Organization"), organizations, remove_cypher=remove_property_cypher("Organization"))
    write_properties(store, node_cypher("Person"), unique_rows((row for f in all_facts for row in f.persons), ["uid"]), remove_cypher=remove_property_cypher("Person"))
    write_rows(store, relationship_cypher("PART_OF", "Organization", "Organization"), unique_rows((r for f in all_facts for r in f.part_of), ["from", "to", "source"]))
    write_rows(
        store, relationship_cypher("IN_PROVINCE", "Organization", "Province"),
        unique_rows((r for f in all_facts for r in f.organization_provinces), ["from", "to", "source"]),
    )
    rel_types = sorted({t for f in all_facts for t in f.relationships})
    for rel_type in rel_types:
        rows = unique_rows((r for f in all_facts for r in f.relationships.get(rel_type, [])), ["from", "to", "source"])
        write_rows(store, relationship_cypher(rel_type, new=True), rows)
