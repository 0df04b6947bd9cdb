"""How well the review queue finds lexgraph's own mistakes, measured against hand-made gold.

    python -m bench.review_recall GOLD FILES [--home DIR] [--keep]

Builds FILES into a fresh embedded store (``--home``, else a temporary folder), lists the whole
review queue (``lexgraph review``), and compares each gold document's own facts (type, symbol,
date, issuer, province, first signer) with what the graph holds:

- recall: of the own facts lexgraph gets wrong or leaves empty, the share the queue lists;
- precision: of the queue's own-fact rows on gold documents, the share that are real errors.

Facts are compared loosely, as the gold's scorer does: case, spacing and ``uỷ``/``ủy`` spellings
apart; symbols by their letters and digits; an issuer by its name without its province.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from graphbuild.api import connect
from graphbuild.tables import fold

FIELDS = ("type", "symbol", "date", "issuer", "province", "signer")
OWN = """
MATCH (d:Document {status: 'corpus'}) WHERE NOT (d)-[:COPY_OF]->()
OPTIONAL MATCH (p:Person)-[:SIGNED]->(d)
WITH d, collect(p.name) AS signers
RETURN d.uid AS uid, d.source AS source, d.type AS type, coalesce(d.canonical, d.symbol) AS symbol, d.date AS date,
       d.issuer AS issuer, d.province AS province, d.signers AS signers
"""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).replace("uỷ", "ủy").replace("Uỷ", "Ủy").replace("hoà", "hòa")
    return re.sub(r"\s+", " ", text).strip(" .,;:").casefold() or None


def _symbol(value: Any) -> str | None:
    return "|".join(re.findall(r"[0-9A-Z]+", fold(str(value)))) if value else None


def _issuer(value: Any) -> str | None:
    text = _text(value)
    if not text:
        return None
    text = re.sub(r"\s*\((chủ tịch|phó chủ tịch|giám đốc|bộ trưởng|thủ trưởng|trưởng ban)\)$", "", text)
    return fold(re.sub(r"\s+(tỉnh|huyện|thành phố|thị xã|quận)(\s+[\w\-]+){1,4}$", r" \1", text))


def same(field: str, gold: Any, read: Any) -> bool:
    if field == "symbol":
        return _symbol(gold) == _symbol(read)
    if field == "issuer":
        return _issuer(gold) == _issuer(read)
    return _text(gold) == _text(read)


def measure(gold_path: Path, files: Path, home: Path) -> dict[str, Any]:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = [files / g["file"] for g in gold if (files / g["file"]).exists()]
    with connect(home) as lexgraph:
        lexgraph.build(*wanted, rebuild=True, corrections=home / "none.csv")
        own = {Path(r["source"]).name: r for r in lexgraph.store.read(OWN)}
        queue = lexgraph.review()
    queued = {(Path(r.file).name, r.field) for r in queue if r.field != "citation"}
    errors, missed, rows_on_gold, real = [], [], 0, 0
    for g in gold:
        read = own.get(g["file"], {})
        skip = {m.split()[0] for m in (g.get("own") or {}).get("ocr_mismatch") or []}
        for field in FIELDS:
            expected = (g.get("own") or {}).get(field)
            if isinstance(expected, dict):
                expected = expected.get("name")
            if expected is None or field in skip:
                continue
            value = (read.get("signers") or [None])[0] if field == "signer" else read.get(field)
            wrong = not same(field, expected, value)
            if wrong:
                errors.append((g["file"], field, expected, value))
                if (g["file"], field) not in queued:
                    missed.append((g["file"], field, expected, value))
            if (g["file"], field) in queued:
                rows_on_gold += 1
                real += wrong
    gold_files = {g["file"] for g in gold}
    return {
        "documents": len(gold), "own_errors": len(errors), "in_queue": len(errors) - len(missed),
        "recall": round((len(errors) - len(missed)) / len(errors), 3) if errors else None,
        "queue_rows": len(queue), "own_rows_on_gold": rows_on_gold, "real_errors": real,
        "precision": round(real / rows_on_gold, 3) if rows_on_gold else None,
        # counting too the rows on facts the gold leaves empty (a notice whose date the page does not give)
        "own_rows_all": len([q for q in queued if q[0] in gold_files]),
        "precision_all_rows": round(real / len([q for q in queued if q[0] in gold_files]), 3) if queued else None,
        "missed": missed, "false_alarms": sorted(q for q in queued if q[0] in gold_files and not any(e[:2] == q for e in errors)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("files", type=Path)
    parser.add_argument("--home", type=Path, default=None, help="The embedded store's home (default: a temporary folder).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary home.")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="lexgraph-review-"))
    try:
        result = measure(args.gold, args.files, home)
    finally:
        if args.home is None and not args.keep:
            from graphbuild.api import stop_embedded

            stop_embedded(home)
            shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
