"""A corpus with policy flow planted in it, and the truth written beside it (``planted.json``):
central documents that every province acts on, with leaders that act first, laggards that act
last, follower pairs (B acts one to three days after A, every time), replacements (a province's
decision replacing an earlier one), and relation cue words of every kind.

    python -m graphbuild.testing.flow_corpus --documents 64 --out bench/out/flow

Each notice is one province's first act on one central document ("Thực hiện Nghị quyết số
201/NQ-CP ngày …"), dated its lag after the document; it also cites an earlier decision of its
own province with a planted cue, so that every relation is typed against a known answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from graphbuild.tables import provinces

# (the words before a cited local decision, the relation they plant); "Căn cứ" grounds the decision
# only on a line of its own in the preamble, where it is written
CUES = (
    ("Căn cứ", "legal_basis"), ("Thực hiện", "implements"), ("Quán triệt", "implements"), ("Triển khai", "implements"), ("Cụ thể hóa", "implements"),
    ("Theo", "refers"), ("Hướng dẫn thi hành", "guides"), ("Phúc đáp", "replies"), ("Quyết định này thay thế", "replaces"),
    ("Quyết định này bãi bỏ", "repeals"), ("Quyết định này sửa đổi, bổ sung một số điều của", "amends"),
    ("Quyết định này đính chính", "corrects"), ("Văn bản này hợp nhất", "consolidates"),
)
START = dt.date(2021, 1, 4)


def generate_flow(out: Path, *, documents: int = 64, seed: int = 7, leaders: int = 6, laggards: int = 6, pairs: int = 6, window: int = 3) -> Path:
    rng = random.Random(seed)
    names = [p.name for p in provinces()]
    chosen = rng.sample(names, leaders + laggards + 2 * pairs)
    planted_leaders, planted_laggards = chosen[:leaders], chosen[leaders : leaders + laggards]
    rest = chosen[leaders + laggards :]
    planted_pairs = [(rest[2 * i], rest[2 * i + 1]) for i in range(pairs)]
    followers = dict((b, a) for a, b in planted_pairs)
    out.mkdir(parents=True, exist_ok=True)
    relations: list[dict[str, Any]] = []
    replaced: list[dict[str, Any]] = []
    central = [(f"{201 + i}/NQ-CP", START + dt.timedelta(days=5 * i)) for i in range(documents)]
    for d, (symbol, issued) in enumerate(central):
        lag: dict[str, int] = {}
        for name in names:
            if name in planted_leaders:
                lag[name] = rng.randint(1, 6)
            elif name in planted_laggards:
                lag[name] = rng.randint(45, 60)
            elif name not in followers:
                lag[name] = rng.randint(8, 40)
        for follower, leader in followers.items():
            lag[follower] = lag[leader] + rng.randint(1, window)
        for p, name in enumerate(names):
            day = issued + dt.timedelta(days=lag[name])
            cue, relation = CUES[(d + p) % len(CUES)]
            local = f"{d * 100 + p + 1}/QĐ-UBND"
            text = _notice(name, f"{d * 100 + p + 5000}/QĐ-UBND", day, symbol, issued, cue, local)
            (out / f"{d:03d}-{p:02d}.txt").write_text(text, encoding="utf-8")
            relations.append({"file": f"{d:03d}-{p:02d}.txt", "cited": local, "relation": relation})
            if relation in ("replaces", "repeals"):
                replaced.append({"province": name, "symbol": local, "by_date": day.isoformat()})
    truth = {"leaders": planted_leaders, "laggards": planted_laggards, "followers": planted_pairs, "window": window,
             "documents": [s for s, _ in central], "relations": relations, "replaced": replaced}
    (out / "planted.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def _notice(province: str, own: str, day: dt.date, symbol: str, issued: dt.date, cue: str, local: str) -> str:
    cited = f"Quyết định số {local} ngày 02/01/2021 của Ủy ban nhân dân tỉnh"
    preamble = f"Căn cứ {cited};\n" if cue == "Căn cứ" else ""
    article = "Áp dụng các biện pháp phòng, chống dịch trên địa bàn tỉnh." if cue == "Căn cứ" else f"{cue} {cited}."
    return (
        f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\nSố: {own}\n\n{province}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}\n\n"
        f"QUYẾT ĐỊNH\nvề việc triển khai biện pháp phòng, chống dịch\n\n{preamble}"
        f"Thực hiện Nghị quyết số {symbol} ngày {issued.day:02d}/{issued.month:02d}/{issued.year} của Chính phủ, Ủy ban nhân dân tỉnh quyết định:\n\n"
        f"Điều 1. {article}\n\n"
        "Điều 2. Các sở, ban, ngành và Ủy ban nhân dân các huyện chịu trách nhiệm thi hành Quyết định này.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=64)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate_flow(args.out, documents=args.documents)


if __name__ == "__main__":
    main()
