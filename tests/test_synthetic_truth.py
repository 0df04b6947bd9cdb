"""The extractor against the generator's ground truth: every notice, every citation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generate import generate
from graphbuild.extraction import extract_path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(300, tmp_path_factory.mktemp("truth") / "corpus", seed=11)


def test_every_synthetic_notice_is_read_as_written(corpus: Path) -> None:
    truth = [json.loads(line) for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(truth) == 300
    assert sum(1 for t in truth if t["named"]) > 10, "the corpus cites laws and appeals by name"
    assert sum(1 for t in truth if t["meeting_date"]) > 10 and sum(1 for t in truth if t["subject"]) > 10, "meetings and letters"
    for expected in truth:
        [record] = extract_path(corpus / expected["file"]).records
        assert (record.province, record.date, record.canonical, record.type, record.meeting_date) == (
            expected["province"], expected["date"], expected["symbol"], expected["type"], expected["meeting_date"]
        ), expected["file"]
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
