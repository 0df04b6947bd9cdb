"""The five seed notices give what the hand annotation (tests/gold.json) records."""

from __future__ import annotations

import json

import pytest

from graphbuild import extract_path
from graphbuild.records import DocumentRecord
from tests.conftest import ROOT

GOLD = json.loads((ROOT / "tests" / "gold.json").read_text(encoding="utf-8"))["documents"]
BY_FILE = {doc["file"]: doc for doc in GOLD}

# Where the gold abbreviates the text, the extractor keeps the text's words. 003's subject in the
# notice reads "…Nguyễn Tiến Hải, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh, Trưởng
# Ban…"; the annotator left out two of the titles. Compared with those titles taken out.
ABBREVIATED_BY_ANNOTATOR = {"003_dc7773df5417e2b0.txt": ["Ủy viên Trung ương Đảng, ", "Chủ tịch HĐND tỉnh, "]}


def records_of(name: str) -> list[DocumentRecord]:
    result = extract_path(ROOT / "data" / name)
    assert result.error is None
    return result.records


@pytest.fixture(scope="module", params=sorted(BY_FILE))
def seed(request: pytest.FixtureRequest) -> tuple[dict, list[DocumentRecord]]:
    return BY_FILE[request.param], records_of(request.param)


def test_own_fields(seed: tuple[dict, list[DocumentRecord]]) -> None:
    gold, records = seed
    own, record = gold["own"], records[0]
    assert record.type == own["type"]
    assert record.symbol == own["symbol"]
    assert record.date == own["date"]
    assert record.meeting_date == own.get("meeting_date")
    assert record.issuer == own["issuer"]
    assert record.province == own["province"]
    assert record.basis_of("province") is not None
    assert record.basis_of("province").split()[0].rstrip(":") == own["province_basis"].split()[0].rstrip(":")
    assert own["province"] in record.basis_of("province")
    subject = record.subject
    for words in ABBREVIATED_BY_ANNOTATOR.get(gold["file"], []):
        assert subject is not None and words in subject
        subject = subject.replace(words, "")
    assert subject == own["subject"]


def test_signer(seed: tuple[dict, list[DocumentRecord]]) -> None:
    gold, records = seed
    assert [s.to_json() for s in records[0].signers] == [gold["own"]["signer"]]


def test_recipients(seed: tuple[dict, list[DocumentRecord]]) -> None:
    gold, records = seed
    assert records[0].recipients == gold["recipients"]


def test_persons_named_in_the_file(seed: tuple[dict, list[DocumentRecord]]) -> None:
    gold, records = seed
    assert {p.name for r in records for p in r.persons} == set(gold["persons"])


def test_citations(seed: tuple[dict, list[DocumentRecord]]) -> None:
    gold, records = seed
    found = records[0].citations
    assert [c.as_written for c in found] == [c["as_written"] for c in gold["citations"]]
    for citation, expected in zip(found, gold["citations"]):
        for key in ("symbol", "canonical", "type", "date", "issuer", "level", "mentions"):
            assert getattr(citation, key) == expected[key], (expected["as_written"], key)
        assert citation.province == expected.get("province")


def test_copies() -> None:
    gold = BY_FILE["001_3065f9b87e21bb45.txt"]["copy"]
    original, copy = records_of("001_3065f9b87e21bb45.txt")
    assert copy.copy_of == original.uid
    assert copy.type == gold["kind"]
    assert copy.symbol == gold["symbol"]
    assert copy.date == gold["date"]
    assert copy.place == gold["place"]
    assert copy.issuer == gold["issuer"]
    assert [s.to_json() for s in copy.signers] == [gold["signer"]]
    assert copy.recipients == gold["recipients"]
    assert any("KHỞI" in w for w in copy.warnings), "the misspelt letterhead is flagged"
    assert not any(r.copy_of for r in records_of("000_c5925a6b240b0ca4.txt"))


def test_issuer_conflict_is_kept_and_flagged() -> None:
    (record,) = records_of("003_dc7773df5417e2b0.txt")
    resolution = next(c for c in record.citations if c.canonical == "68/NQ-CP")
    assert resolution.issuer == "Thủ tướng Chính phủ"
    assert any("Chính phủ" in w for w in resolution.warnings)


def test_variant_symbol_canonical_and_resolved_year() -> None:
    (record,) = records_of("003_dc7773df5417e2b0.txt")
    directive = next(c for c in record.citations if c.symbol == "16-CT/TTg")
    assert directive.canonical == "16/CT-TTg"
    assert directive.uid == "16/CT-TTg@2020"


def test_local_symbols_are_scoped_to_their_province() -> None:
    (record,) = records_of("002_86ceddd2e63fe96c.txt")
    assert record.uid == "11:274-TB/TU@2020-2025"
    (earlier,) = [c for c in record.citations if c.canonical == "105-TB/TU"]
    assert earlier.uid == "11:105-TB/TU@2020-2025"


def test_spans_point_at_the_original_text(seed: tuple[dict, list[DocumentRecord]]) -> None:
    gold, records = seed
    original = (ROOT / "data" / gold["file"]).read_text(encoding="utf-8")
    for citation in records[0].citations:
        first = original[citation.spans[0].start : citation.spans[0].end]
        if citation.symbol:
            assert citation.symbol in "".join(first.split())
        for span in citation.spans:
            assert 0 <= span.start < span.end <= len(original)
    for signer in records[0].signers:
        assert signer.span is not None and signer.name in original[signer.span.start : signer.span.end]
