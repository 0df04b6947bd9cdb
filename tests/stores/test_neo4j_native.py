"""Neo4j-native ways in and out, against the real Neo4j test server: the Cypher export loaded as a
script, the neo4j-admin import files loaded with LOAD CSV, each compared with the source graph;
and `lexgraph cypher` refusing writes without --write on Neo4j."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.build import build
from graphbuild.cli import main
from graphbuild.exports.cypher_script import generate_cypher, statements
from graphbuild.exports.neo4j_import import ARRAY_DELIMITER, write_neo4j_import, write_store_import
from graphbuild.exports.store_graph import DUMPED_LABELS, whole_graph
from graphbuild.migrations import GRAPH_VERSION
from graphbuild.querylib import run_query
from graphbuild.stores import falkor_server as embedded
from graphbuild.stores import open_store
from graphbuild.stores.base import GraphStore
from graphbuild.testing import neo4j_server
from graphbuild.testing.corpus import generate
from graphbuild.testing.crash import dump
from tests.agreement import canonical_rows, question_examples
from tests.conftest import SEEDS

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    home = tmp_path_factory.mktemp("native-home")
    store = open_store(home=home)
    store.clear()
    build(store, [SEEDS], home=home / "build")
    yield store
    store.close()
    embedded.stop(home)


def _counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    labels = {label: store.read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"] for label in DUMPED_LABELS}
    types = {row["t"]: row["n"] for row in store.read(
        "MATCH (a)-[r]->(b) WHERE NOT a:Source AND NOT a:BuildState RETURN type(r) AS t, count(r) AS n")}
    return labels, types


def _same_answers(source: GraphStore, loaded: GraphStore) -> None:
    for name, params in question_examples():
        assert canonical_rows(run_query(source, name, params)) == canonical_rows(run_query(loaded, name, params)), f"{name} {params}"


def test_the_cypher_export_recreates_the_graph_in_neo4j(source: GraphStore, neo4j_store: GraphStore, tmp_path: Path) -> None:
    script = tmp_path / "lexgraph.cypher"
    script.write_text("\n".join(generate_cypher(whole_graph(source))), encoding="utf-8")
    texts = statements(script.read_text(encoding="utf-8"))
    assert texts[0].startswith("CREATE CONSTRAINT")
    for text in texts:
        neo4j_store.write(text)
    assert _counts(neo4j_store) == _counts(source)
    _same_answers(source, neo4j_store)
    for text in texts:  # idempotent: a second run changes nothing
        neo4j_store.write(text)
    assert _counts(neo4j_store) == _counts(source)


def _load_csv(store: GraphStore, folder: Path) -> None:
    """LOAD CSV for the importer's files (the test server reads them where they are)."""
    for path in sorted(folder.glob("nodes-*.csv")) + sorted(folder.glob("relationships-*.csv")):
        with path.open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        sets = []
        for index, column in enumerate(header):
            name, _, kind = column.partition(":")
            if not name or name in {"START_ID", "END_ID", "TYPE", "LABEL"} or kind.startswith(("ID", "START_ID", "END_ID")):
                continue
            value = f"row[{index}]"
            converted = {
                "long": f"toInteger({value})", "double": f"toFloat({value})", "boolean": f"{value} = 'true'",
                "string[]": f"split({value}, '{ARRAY_DELIMITER}')", "long[]": f"[x IN split({value}, '{ARRAY_DELIMITER}') | toInteger(x)]",
            }.get(kind, value)
            sets.append(f"SET x.`{name}` = CASE WHEN {value} IS NULL OR {value} = '' THEN null ELSE {converted} END")
        url = path.resolve().as_uri()
        if path.name.startswith("nodes-"):
            label = path.stem.split("-", 1)[1]
            key = header[0].split(":")[0]
            body = f"MERGE (x:{label} {{{key}: row[0]}}) " + " ".join(sets)
        else:
            kind, start_label, end_label = path.stem.split("-")[1:4]
            start_key = {"Summary": "key"}.get(start_label, "uid")
            end_key = {"Summary": "key"}.get(end_label, "uid")
            body = (f"MATCH (a:{start_label} {{{start_key}: row[0]}}) MATCH (b:{end_label} {{{end_key}: row[1]}}) "
                    f"CREATE (a)-[x:{kind}]->(b) " + " ".join(sets))
        store.write(f"LOAD CSV FROM '{url}' AS row WITH row SKIP 1 {body}")


def test_the_neo4j_import_files_load_and_answer_the_same(source: GraphStore, neo4j_store: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "import"
    write_neo4j_import(whole_graph(source), folder)
    names = {p.name for p in folder.iterdir()}
    assert {"nodes-Document.csv", "nodes-Province.csv", "nodes-MergedProvince.csv", "import.sh"} <= names
    with (folder / "nodes-Document.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:2] == ["uid:ID(Document)", ":LABEL"] and "day:long" in header
    assert "--array-delimiter='|'" in (folder / "import.sh").read_text(encoding="utf-8")
    neo4j_store.ensure_schema()
    _load_csv(neo4j_store, folder)
    assert _counts(neo4j_store) == _counts(source)
    _same_answers(source, neo4j_store)


def test_a_write_without_write_is_refused_on_neo4j_and_changes_nothing(neo4j_uri: str | None, neo4j_store: GraphStore) -> None:
    neo4j_store.write("CREATE (:Document {uid: 'x', label: 'x'})")
    runner = CliRunner()
    for cypher in ("MATCH (d:Document) SET d.label = 'changed'", "CREATE (:Document {uid: 'y'})",
                   "MATCH (d:Document) DETACH DELETE d", "LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row"):
        result = runner.invoke(main, ["cypher", cypher, "--neo4j-uri", str(neo4j_uri)])
        assert result.exit_code != 0, cypher
        assert "--write" in result.output, result.output
    assert neo4j_store.read("MATCH (d:Document) RETURN collect(d.uid) AS uids, collect(d.label) AS labels") == [{"uids": ["x"], "labels": ["x"]}]
    done = runner.invoke(main, ["cypher", "MATCH (d:Document) RETURN d.uid AS uid", "--neo4j-uri", str(neo4j_uri), "--format", "json"])
    assert done.exit_code == 0 and '"x"' in done.output



def _graph_dump(store: GraphStore) -> tuple[list, list]:
    """Every node of the exported labels and every relationship with its properties (the build's
    journal of files on this machine, :Source and :BuildState, is not exported)."""
    nodes, relationships = dump(store)
    return [n for n in nodes if n[0] in DUMPED_LABELS], relationships


def test_neo4j_admin_import_of_the_exported_files_gives_the_graph_a_driver_build_gives(neo4j_store: GraphStore, tmp_path: Path) -> None:
    """The bulk path for a first load: build on the embedded store, `lexgraph export --format
    neo4j-import`, the folder's own import.sh run with Neo4j's offline importer, the database
    started, after-import.cypher run through `lexgraph cypher --write --file` — and the graph is the
    one a build through the driver makes of the same files, property for property."""
    corpus = generate(120, tmp_path / "corpus", seed=4)
    (corpus / "truth.jsonl").unlink()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, corpus / seed.name)
    home = tmp_path / "embedded"
    runner = CliRunner()
    done = runner.invoke(main, ["build", str(corpus), "--home", str(home)])
    assert done.exit_code == 0, done.output
    folder = tmp_path / "import"
    done = runner.invoke(main, ["export", "--format", "neo4j-import", "--out", str(folder), "--home", str(home)])
    embedded.stop(home)
    assert done.exit_code == 0, done.output
    after = (folder / "after-import.cypher").read_text(encoding="utf-8")
    assert "SET n.warnings = []" in after and "SET r.warnings = []" in after  # empty lists the importer drops
    # The importer's fastest path: nodes numbered (no map from keys), and no value spans lines
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert "--id-type=actual" in script and "--multiline-fields" not in script
    with (folder / "nodes-Document.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:3] == [":ID", "uid", ":LABEL"]

    imported = neo4j_server.admin_import(folder, tmp_path / "neo4j-home")
    assert imported.nodes > 400 and imported.relationships > 1000
    server = neo4j_server.start(home=tmp_path / "neo4j-home")
    assert server is not None
    process, uri = server
    try:
        done = runner.invoke(main, ["cypher", "--write", "--file", str(folder / "after-import.cypher"), "--neo4j-uri", uri])
        assert done.exit_code == 0, done.output
        loaded = open_store(neo4j_uri=uri)
        indexes = {row["name"] for row in loaded.read("SHOW INDEXES YIELD name RETURN name")}
        assert {"lexgraph_document_uid", "lexgraph_document_cited_rank", "lexgraph_document_search"} <= indexes  # after-import made them
        build(neo4j_store, [corpus], home=tmp_path / "driver")
        assert _graph_dump(loaded) == _graph_dump(neo4j_store)
        _same_answers(neo4j_store, loaded)
        # The build's journal came too: a build through the driver on the imported database reads
        # no file again, and then one changed file only.
        journal = {row["path"]: row["hash"] for row in loaded.read("MATCH (s:Source) RETURN s.path AS path, s.hash AS hash")}
        assert journal == {row["path"]: row["hash"] for row in neo4j_store.read("MATCH (s:Source) RETURN s.path AS path, s.hash AS hash")}
        assert loaded.read("MATCH (b:BuildState {key: 'graph'}) RETURN b.version AS version") == [{"version": GRAPH_VERSION}]
        before = _graph_dump(loaded)
        report = build(loaded, [corpus], home=tmp_path / "after-import")
        assert (report.loaded, report.unchanged, report.errors) == (0, len(journal), [])
        assert _graph_dump(loaded) == before
        changed = sorted(corpus.glob("*.txt"))[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nNơi nhận: Lưu VT.\n", encoding="utf-8")
        report = build(loaded, [corpus], home=tmp_path / "after-import")
        assert (report.loaded, report.unchanged) == (1, len(journal) - 1)
        build(neo4j_store, [corpus], home=tmp_path / "driver")
        assert _graph_dump(loaded) == _graph_dump(neo4j_store)
        loaded.close()
    finally:
        neo4j_server.stop(process)


def test_values_spanning_lines_reach_neo4j_through_the_importer(embedded_store: GraphStore, tmp_path: Path) -> None:
    """A value that spans lines (a note an analyst wrote, a sentence kept with its line break) makes
    the whole store's import.sh pass --multiline-fields=true, and the importer carries it whole."""
    title = "Thông báo kết luận\ncủa Thường trực Tỉnh ủy"
    sentence = "Thực hiện Chỉ thị số 16/CT-TTg,\r\ntiếp tục giãn cách"
    embedded_store.write(
        "CREATE (a:Document {uid: 'a', title: $title, day: 3})-[:CITES {source: 'f', sentence: $sentence, spans: [1, 2]}]->"
        "(:Document {uid: 'b', title: 'một dòng'})",
        {"title": title, "sentence": sentence},
    )
    folder = tmp_path / "import"
    written = write_store_import(embedded_store, folder)
    assert (written.number_of_nodes(), written.number_of_edges()) == (2, 1)
    assert "--multiline-fields=true" in (folder / "import.sh").read_text(encoding="utf-8")
    imported = neo4j_server.admin_import(folder, tmp_path / "neo4j-home")
    assert (imported.nodes, imported.relationships) == (2, 1)
    server = neo4j_server.start(home=tmp_path / "neo4j-home")
    assert server is not None
    process, uri = server
    try:
        loaded = open_store(neo4j_uri=uri)
        rows = loaded.read(
            "MATCH (a:Document)-[r:CITES]->(b:Document) RETURN a.uid AS a, a.title AS title, a.day AS day, "
            "r.sentence AS sentence, r.spans AS spans, b.uid AS b, b.title AS other"
        )
        assert rows == [{"a": "a", "title": title, "day": 3, "sentence": sentence, "spans": [1, 2], "b": "b", "other": "một dòng"}]
        loaded.close()
    finally:
        neo4j_server.stop(process)


def test_a_batch_reaches_neo4j_whole_without_being_spelled_out_for_the_drivers_debug_log(
    neo4j_store: GraphStore, caplog: pytest.LogCaptureFixture,
) -> None:
    """The driver formats each RUN's parameters for its debug log before deciding to write the line:
    a batch's list is handed over so that this costs nothing (``<N values>``), and arrives whole,
    nested maps, lists and Vietnamese text included, in the order given."""
    rows = [{"uid": f"d{i}", "props": {"title": f"Thông báo số {i}-TB/TU", "spans": [i, i + 7], "note": None}} for i in range(1000)]
    with caplog.at_level("DEBUG", logger="neo4j"):
        neo4j_store.write("UNWIND $rows AS row CREATE (n:Document {uid: row.uid}) SET n += row.props", {"rows": rows})
    runs = [record.getMessage() for record in caplog.records if " C: RUN " in record.getMessage()]
    assert any("'rows': <1000 values>" in line for line in runs), runs
    assert not any("Thông báo số 999" in line for line in runs)
    back = neo4j_store.read("MATCH (n:Document) RETURN n.uid AS uid, n.title AS title, n.spans AS spans, n.note AS note ORDER BY n.spans[0]")
    assert back == [{"uid": r["uid"], "title": r["props"]["title"], "spans": r["props"]["spans"], "note": None} for r in rows]
