"""How much of a folder's own facts extraction found: a check anyone can run without gold.

``lexgraph extract --coverage FOLDER`` gives, for each own field of a notice (type, number and
symbol, date, issuer, province, signer), the share of documents where it was found, and the
documents where it was not, so a new folder of real files shows at once where reading fails.

A central document has no province by rule (a ministry's ``Hà Nội, ngày …`` says where it was
signed), so the province is counted over the documents that are not central.

>>> report = coverage([{"source": "a.pdf", "type": "Công văn", "symbol": None, "date": "2021-08-04", "issuer": "Sở Y tế",
...     "province": "An Giang", "level": "provincial", "signers": [{"name": "Lê Văn A"}]}])
>>> [(row["trường"], row["có"], row["thiếu"]) for row in report.rows()][:2]
[('type', '1/1', ''), ('symbol', '0/1', 'a.pdf')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The own fields, with the Vietnamese an analyst reads.
FIELDS = (
    ("type", "loại văn bản"),
    ("symbol", "số, ký hiệu"),
    ("date", "ngày ban hành"),
    ("issuer", "cơ quan ban hành"),
    ("province", "tỉnh"),
    ("signer", "người ký"),
)


def _found(document: dict[str, Any], name: str) -> bool | None:
    """Whether ``document`` has the field (``None``: the field does not apply to it)."""
    if name == "signer":
        return bool(document.get("signers"))
    if name == "province" and document.get("level") == "central":
        return None
    return bool(document.get(name))


@dataclass
class Coverage:
    documents: int = 0
    unreadable: list[str] = field(default_factory=list)
    found: dict[str, int] = field(default_factory=dict)
    counted: dict[str, int] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)

    def add(self, document: dict[str, Any]) -> None:
        if document.get("copy_of"):
            return  # a certified copy's own facts are the copying body's, counted with its original
        self.documents += 1
        for name, _ in FIELDS:
            has = _found(document, name)
            if has is None:
                continue
            self.counted[name] = self.counted.get(name, 0) + 1
            if has:
                self.found[name] = self.found.get(name, 0) + 1
            else:
                self.missing.setdefault(name, []).append(Path(str(document.get("source", ""))).name)

    def share(self, name: str) -> float | None:
        counted = self.counted.get(name, 0)
        return self.found.get(name, 0) / counted if counted else None

    def rows(self) -> list[dict[str, Any]]:
        """One row per own field: found/counted, the share, the files where it is missing."""
        rows = []
        for name, label in FIELDS:
            share = self.share(name)
            rows.append({
                "trường": name,
                "nghĩa (field)": label,
                "có": f"{self.found.get(name, 0)}/{self.counted.get(name, 0)}",
                "tỷ lệ": f"{share:.0%}" if share is not None else "—",
                "thiếu": ", ".join(self.missing.get(name, [])),
            })
        return rows


def coverage(documents: Iterable[dict[str, Any]], unreadable: Iterable[str] = ()) -> Coverage:
    """The coverage of ``documents`` (records as ``lexgraph extract`` writes them in JSON)."""
    report = Coverage(unreadable=list(unreadable))
    for document in documents:
        report.add(document)
    return report
