"""`lexgraph extract`: the JSON lines the issue asks for, in one process and across several."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.testing.corpus import generate
from tests.conftest import SEEDS

DOCUMENT_KEYS = {
    "source", "uid", "type", "symbol", "canonical", "date", "meeting_date", "subject", "issuer", "level", "province",
    "province_basis", "signers", "recipients", "copy_of", "persons", "warnings", "citations",
}
CITATION_KEYS = {"as_written", "symbol", "canonical", "type", "number", "year", "date", "issuer", "level", "province", "relation", "mentions", "spans"}


def test_extract_jsonl_has_every_key_the_issue_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(SEEDS)])
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.output.splitlines()]
    assert len(documents) == 6  # five notices and one certified copy
    for document in documents:
        assert set(document) >= DOCUMENT_KEYS
        for citation in document["citations"]:
            assert set(citation) >= CITATION_KEYS
        for signer in document["signers"]:
            assert set(signer) == {"name", "role", "capacity"}
    copy = next(d for d in documents if d["copy_of"])
    assert copy["symbol"] == "43-BS/ĐUK" and copy["copy_of"] == next(d["uid"] for d in documents if d["source"] == copy["source"] and not d["copy_of"])


def test_extract_across_processes_keeps_file_order_and_reports_bad_files(tmp_path: Path) -> None:
    corpus = generate(12, tmp_path / "corpus", seed=3)
    (corpus / "000005.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(corpus), "--jobs", "2"])  # stdout and stderr together
    assert result.exit_code == 3  # some files refused, the rest read
    assert "000005.txt" in result.output and "empty" in result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [Path(d["source"]).name for d in lines] == [f"{i:06d}.txt" for i in range(12) if i != 5]


def test_extract_json_and_table(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(SEEDS / "002_86ceddd2e63fe96c.txt", folder)
    out = tmp_path / "out.json"
    assert CliRunner().invoke(main, ["extract", str(folder), "--format", "json", "--out", str(out)]).exit_code == 0
    (document,) = json.loads(out.read_text(encoding="utf-8"))
    assert (document["symbol"], document["province"]) == ("274-TB/TU", "Điện Biên")
    table = CliRunner().invoke(main, ["extract", str(folder), "--format", "table"])
    assert table.exit_code == 0 and "274-TB/TU" in table.output and "105-TB/TU" in table.output
