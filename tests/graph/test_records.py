"""The two halves of a build as two commands: ``extract --records DIR`` writes one shard per file
(idempotent, resumable), ``build --records DIR`` loads them into the graph a build from the files
gives, with the same incremental rules and corrections, on both stores; and the same shards
written by a Dask cluster of two workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.build import build
from graphbuild.cli import main
from graphbuild.corrections import Correction, append_correction
from graphbuild.documents import find_document
from graphbuild.model import facts_for_file
from graphbuild.pipeline import corrected, extract_path
from graphbuild.records import DocumentRecord
from graphbuild.shards import shards, write_shard
from graphbuild.stores.base import GraphStore
from graphbuild.testing.corpus import generate
from graphbuild.testing.crash import change_corpus, dump
from tests.conftest import SEEDS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """120 generated notices, the five seeds (in a folder of their own: ``change_corpus`` leaves
    them be), and a file that cannot be read."""
    folder = generate(120, tmp_path / "notices", seed=7)
    (folder / "truth.jsonl").unlink()
    (folder / "seeds").mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / "seeds" / seed.name)
    (folder / "blank.txt").write_bytes(b"")
    return folder


def test_a_record_read_back_from_its_shard_loads_as_the_record_itself(corpus: Path) -> None:
    """Every node and relationship a file gives, from its records and from their shard lines; and
    so after an analyst's correction too."""
    files = sorted(corpus.glob("**/*.txt"))
    compared = 0
    for path in files:
        result = extract_path(path)
        if result.error is not None:
            continue
        read_back = [DocumentRecord.from_json(json.loads(json.dumps(r.to_shard(), ensure_ascii=False))) for r in result.records]
        assert facts_for_file(read_back, str(path), "h") == facts_for_file(result.records, str(path), "h"), path.name
        compared += 1
    assert compared == len(files) - 1
    seed = corpus / "seeds" / "002_86ceddd2e63fe96c.txt"
    result = extract_path(seed)
    row = Correction(seed.name, result.source.content_hash, "province", "Lai Châu", "thử", "test", "2026-12-05T10:00:00")  # type: ignore[union-attr]
    read_back = [DocumentRecord.from_json(r.to_shard()) for r in result.records]
    corrected(result.records, [row], row.hash)
    corrected(read_back, [row], row.hash)
    assert facts_for_file(read_back, str(seed), "h") == facts_for_file(result.records, str(seed), "h")
    assert read_back[0].province == "Lai Châu"


def test_extract_records_is_idempotent_and_resumable(corpus: Path, tmp_path: Path) -> None:
    records = tmp_path / "records"
    first = CliRunner().invoke(main, ["extract", str(corpus), "--records", str(records), "--jobs", "2"])
    assert first.exit_code == 3, first.output  # one file refused, the rest extracted
    assert "125 tệp đã trích xuất (extracted), 0 đã có sẵn" in first.output and "blank.txt" in first.output
    found, bad = shards(records)
    assert bad == [] and len(found) == 126
    assert [s.error for s in found if s.error] and all(s.path.startswith(str(corpus.resolve())) for s in found)
    written = {p: p.stat().st_mtime_ns for p in records.glob("*/*.jsonl")}

    again = CliRunner().invoke(main, ["extract", str(corpus), "--records", str(records), "--jobs", "2"])
    assert "0 tệp đã trích xuất (extracted), 125 đã có sẵn" in again.output
    assert {p: p.stat().st_mtime_ns for p in records.glob("*/*.jsonl") if p.parent.name != "unread"} == {
        p: t for p, t in written.items() if p.parent.name != "unread"
    }, "a shard already written is not written again"

    changed = next(p for p in sorted(corpus.glob("0*.txt")) if " 42/NQ-CP" in p.read_text(encoding="utf-8"))
    changed.write_text(changed.read_text(encoding="utf-8").replace(" 42/NQ-CP", " 43/NQ-CP"), encoding="utf-8")
    assert write_shard(changed, records) == (str(changed.resolve()), "written")
    shards_of_file = [s for s in shards(records)[0] if s.path == str(changed.resolve())]
    assert len(shards_of_file) == 1 and len(list(records.glob(f"*/*-{shards_of_file[0].location.name.split('-')[1]}"))) == 1, "the older shard is gone"
    assert any(c.canonical == "43/NQ-CP" for r in shards_of_file[0].records() for c in r.citations)


def test_a_build_from_records_equals_a_build_from_the_files(store: GraphStore, corpus: Path, tmp_path: Path) -> None:
    """Clean, incremental (files changed and deleted, extracted again, --prune) and corrected."""
    records, home = tmp_path / "records", tmp_path / "home"
    rows = tmp_path / "kept" / "corrections.csv"
    CliRunner().invoke(main, ["extract", str(corpus), "--records", str(records)])
    from_records = build(store, [], home=home, records=records, corrections=rows)
    assert from_records.loaded == 125 and [p for p, _ in from_records.errors] == [str((corpus / "blank.txt").resolve())]
    graph = dump(store)
    store.clear()
    from_files = build(store, [corpus], home=home, corrections=rows)
    assert dump(store) == graph
    assert (from_files.documents, from_files.citations) == (from_records.documents, from_records.citations)

    deleted, changed = change_corpus(corpus)
    seed = find_document(store, "274-TB/TU")
    store.clear()
    build(store, [], home=home, records=records, corrections=rows)
    append_correction(rows, Correction(seed["source"], seed["content_hash"], "province", "Lai Châu", "thử", "test", "2026-12-05T10:00:00"))
    CliRunner().invoke(main, ["extract", str(corpus), "--records", str(records)])
    incremental = build(store, [], home=home, records=records, prune=True, corrections=rows)
    assert incremental.pruned == deleted and incremental.loaded == changed + 1 and incremental.corrected == 1
    assert build(store, [], home=home, records=records, prune=True, corrections=rows).loaded == 0
    graph = dump(store)
    store.clear()
    build(store, [corpus], home=home, corrections=rows)
    assert dump(store) == graph
    assert find_document(store, "274-TB/TU")["province"] == "Lai Châu"


def test_a_build_from_records_written_on_a_dask_cluster_equals_a_build_from_the_files(
    embedded_store: GraphStore, corpus: Path, tmp_path: Path,
) -> None:
    from dask.distributed import Client, LocalCluster

    from graphbuild.distributed import extract_on_dask

    records = tmp_path / "records"
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, processes=True) as cluster, Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        outcomes = extract_on_dask([corpus], records, client)
    assert outcomes == {"written": 125, "error": 1}
    build(embedded_store, [], home=tmp_path / "home", records=records)
    graph = dump(embedded_store)
    embedded_store.clear()
    build(embedded_store, [corpus], home=tmp_path / "home")
    assert dump(embedded_store) == graph


def test_records_that_cannot_be_used_are_named(embedded_store: GraphStore, tmp_path: Path) -> None:
    records = tmp_path / "records"
    (records / "ab").mkdir(parents=True)
    (records / "ab" / "broken.jsonl").write_text("not json\n", encoding="utf-8")
    report = build(embedded_store, [], home=tmp_path / "home", records=records)
    assert report.loaded == 0 and "broken.jsonl" in report.errors[0][0] and "not a lexgraph records shard" in report.errors[0][1]
    missing = CliRunner().invoke(main, ["build", "--records", str(tmp_path / "nowhere"), "--home", str(tmp_path / "home")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    both = CliRunner().invoke(main, ["build", str(SEEDS), "--records", str(records), "--home", str(tmp_path / "home")])
    assert both.exit_code == 1 and "not both" in both.output


def test_a_shard_damaged_or_removed_while_the_build_runs_is_named_and_the_rest_load(
    embedded_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Shards listed and planned, then one cut short and one deleted before they are read back: the
    build names both and loads the other files."""
    import graphbuild.build as build_module

    records = tmp_path / "records"
    for seed in sorted(SEEDS.glob("*.txt")):
        write_shard(seed, records)
    found = sorted(shards(records)[0], key=lambda shard: shard.path)
    cut, gone = found[0].location, found[1].location
    planned = build_module._plan

    def plan_then_spoil(*args: object, **kwargs: object) -> object:
        plan = planned(*args, **kwargs)
        cut.write_text(cut.read_text(encoding="utf-8").splitlines()[0] + '\n{"uid": "cut', encoding="utf-8")
        gone.unlink()
        return plan

    monkeypatch.setattr(build_module, "_plan", plan_then_spoil)
    report = build(embedded_store, [], home=tmp_path / "home", records=records)
    named = {Path(path).name: why for path, why in report.errors}
    assert set(named) == {cut.name, gone.name}
    assert "tệp bản ghi bị hỏng (a damaged records shard" in named[cut.name] and "not a lexgraph records shard" in named[gone.name]
    assert all("lexgraph extract FOLDER --records DIR" in why for why in named.values())
    assert report.loaded == len(found) - 2


def test_extract_on_a_local_dask_cluster_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    records = tmp_path / "records"
    done = CliRunner().invoke(main, ["extract", str(folder), "--records", str(records), "--dask", "local"])
    assert done.exit_code == 0, done.output
    assert "5 tệp đã trích xuất (extracted)" in done.output
    assert sorted(Path(s.path).name for s in shards(records)[0]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    refused = CliRunner().invoke(main, ["extract", str(folder), "--dask", "local"])
    assert refused.exit_code == 1 and "--dask needs --records" in refused.output
