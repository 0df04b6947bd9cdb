"""The extractor against the generator's ground truth: every notice, every citation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.pipeline import extract_path
from graphbuild.testing.corpus import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(300, tmp_path_factory.mktemp("truth") / "corpus", seed=11)


def test_every_synthetic_notice_is_read_as_written(corpus: Path) -> None:
    truth = [json.loads(line) for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(truth) == 300
    assert sum(1 for t in truth if t["named"]) > 10, "the corpus cites laws and appeals by name"
    assert sum(1 for t in truth if t["meeting_date"]) > 10 and sum(1 for t in truth if t["subject"]) > 10, "meetings and letters"
    _check_against_truth(corpus, truth, "txt")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Notices as offices produce them: Word with tables, PDF, web text (all 60), scans (every 20th)."""
    return generate(60, tmp_path_factory.mktemp("rendered") / "corpus", seed=23, formats=("txt", "docx", "pdf", "web", "scan"), every={"scan": 20})


@pytest.mark.parametrize("form", ["docx", "pdf", "web", "scan"])
def test_rendered_notices_are_read_as_written(rendered: Path, form: str) -> None:
    truth = [json.loads(line) for line in (rendered / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    chosen = [t for t in truth if form in t["files"]]
    assert len(chosen) == (3 if form == "scan" else 60)
    _check_against_truth(rendered, chosen, form)


def _check_against_truth(corpus: Path, truth: list[dict], form: str) -> None:
    for expected in truth:
        result = extract_path(corpus / expected["files"][form])
        assert result.error is None, result.error
        [record] = result.records
        if form == "scan":
            assert record.read_by == "ocr" and all(c.from_ocr for c in record.citations)
        assert (record.province, record.date, record.canonical, record.type, record.meeting_date) == (
            expected["province"], expected["date"], expected["symbol"], expected["type"], expected["meeting_date"]
        ), expected["file"]
        assert record.issuer == expected["issuer"], expected["file"]
        assert [s.name for s in record.signers][:1] == [expected["signer"]], expected["file"]
        if expected["subject"]:  # a letter
            assert (record.subject, record.recipients[: len(expected["greeted"])]) == (expected["subject"], expected["greeted"]), expected["file"]
        numbered = {
            c.canonical: {"date": c.date, "relation": c.relation, "mentions": c.mentions, "level": c.level, "province": c.province}
            for c in record.citations
            if c.canonical
        }
        assert numbered == {
            c["canonical"]: {k: c.get(k) for k in ("date", "relation", "mentions", "level", "province")} for c in expected["citations"]
        }, expected["file"]
        named = sorted((c.type, c.as_written, c.date, c.relation, c.issuer) for c in record.citations if not c.canonical)
        assert named == sorted((n["type"], n["written"], n.get("date"), n["relation"], n.get("issuer")) for n in expected["named"]), expected["file"]
