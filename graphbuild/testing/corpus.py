"""Generate a realistic synthetic corpus of provincial COVID-19 notices, with its ground truth.

    python -m graphbuild.testing.corpus --notices 10000 --out bench/out/corpus-10k

Each notice is 5–10 KB: a Party or People's Committee notice of one of the 63 provinces (some
report a meeting; some are letters, công văn, with "V/v" and "Kính gửi:"), dated in 2021, citing central documents (Party and state order, variant spellings, worded dates,
short mentions, OCR spaces) and earlier local documents of its own province, with signature
and distribution blocks. Letters come in the shapes real folders show: from a district's People's
Committee (the province known only from the district), from the Front's standing board or a mass
organisation, with the number and the day stamped with gaps by the signing software, a place-date
line or a signer's name typed without diacritics. ``truth.jsonl`` records, per notice, what was written: province,
date, own symbol, every cited document's canonical symbol, date, relation and mentions (short
forms such as "Nghị quyết 128" and "chỉ thị này" included), the laws and appeals cited by name,
the meeting date, and a letter's subject and addressees.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from graphbuild.tables import Province, central_documents, provinces
from graphbuild.testing.render import NoticeParts, render

FILLER = [
    "Thời gian qua, các cấp, các ngành, các địa phương trong tỉnh đã triển khai đồng bộ, quyết liệt các biện pháp phòng, chống dịch Covid-19, đạt được nhiều kết quả quan trọng.",
    "Tuy nhiên, nguy cơ bùng phát dịch bệnh vẫn còn rất cao, nhất là tại các khu công nghiệp, chợ truyền thống và những nơi tập trung đông người.",
    "Tiếp tục đẩy mạnh tuyên truyền, vận động người dân thực hiện nghiêm thông điệp “5K + vắc xin”, không chủ quan, lơ là, mất cảnh giác.",
    "Tăng cường năng lực xét nghiệm, chủ động tầm soát tại các khu vực có nguy cơ cao, kịp thời phát hiện, cách ly các trường hợp F0, F1 ra khỏi cộng đồng.",
    "Chuẩn bị đầy đủ phương án, cơ sở vật chất, trang thiết bị, thuốc men, nhân lực theo phương châm “4 tại chỗ”, sẵn sàng ứng phó với mọi tình huống.",
    "Đẩy nhanh tiến độ tiêm vắc xin, bảo đảm an toàn, hiệu quả, đúng đối tượng; ưu tiên người cao tuổi, người có bệnh nền và lực lượng tuyến đầu.",
    "Bảo đảm an sinh xã hội, hỗ trợ kịp thời người dân, người lao động, doanh nghiệp gặp khó khăn do dịch bệnh, không để ai bị bỏ lại phía sau.",
    "Phát huy vai trò của Tổ Covid cộng đồng, tổ giám sát cộng đồng trong theo dõi di biến động dân cư, phát hiện sớm các trường hợp nghi nhiễm.",
    "Xử lý nghiêm các tổ chức, cá nhân vi phạm quy định phòng, chống dịch; kiên quyết đấu tranh với các thông tin xấu, độc, sai sự thật trên mạng xã hội.",
    "Phân công lực lượng ứng trực 24/24, bảo đảm thông tin thông suốt, kịp thời báo cáo những vấn đề phát sinh vượt thẩm quyền.",
    "Các cơ sở sản xuất, kinh doanh thực hiện nghiêm phương án “3 tại chỗ” hoặc “1 cung đường 2 điểm đến”, bảo đảm duy trì chuỗi cung ứng hàng hóa.",
    "Tổ chức khai giảng năm học 2021 - 2022 linh hoạt, phù hợp với cấp độ dịch tại từng địa phương, bảo đảm an toàn cho học sinh, giáo viên.",
]

EXTRA_CENTRAL = [
    ("1099/CĐ-TTg", "Công điện", "2021-08-02", "Thủ tướng Chính phủ", "state"),
    ("2686/BCĐQG", "Công văn", "2021-05-31", "Ban Chỉ đạo Quốc gia phòng chống dịch Covid-19", "state"),
    ("1195/QĐ-BCĐQG", "Quyết định", "2021-04-15", "Ban Chỉ đạo Quốc gia phòng chống dịch Covid-19", "state"),
    ("2008/QĐ-BYT", "Quyết định", "2021-04-30", "Bộ Y tế", "state"),
    ("4109/QĐ-BYT", "Quyết định", "2021-08-30", "Bộ Y tế", "state"),
    ("15-CT/TW", "Chỉ thị", "2021-07-28", "Ban Bí thư", "party"),
    ("11-KL/TW", "Kết luận", "2021-07-13", "Bộ Chính trị", "party"),
    ("105/NQ-CP", "Nghị quyết", "2021-09-09", "Chính phủ", "state"),
    ("126/NQ-CP", "Nghị quyết", "2021-10-08", "Chính phủ", "state"),
    ("1574/QĐ-BYT", "Quyết định", "2021-03-17", "Bộ Y tế", "state"),
]

ISSUER_PHRASES = {
    "Chính phủ": "của Chính phủ",
    "Thủ tướng Chính phủ": "của Thủ tướng Chính phủ",
    "Bộ Y tế": "của Bộ Y tế",
    "Văn phòng Trung ương Đảng": "của Văn phòng Trung ương Đảng",
    "Văn phòng Chính phủ": "của Văn phòng Chính phủ",
    "Quốc hội": "của Quốc hội",
    "Ban Bí thư": "của Ban Bí thư",
    "Bộ Chính trị": "của Bộ Chính trị",
    "Ban Chỉ đạo Quốc gia phòng chống dịch Covid-19": "của Ban Chỉ đạo Quốc gia",
}

SUBJECT = "về tăng cường các biện pháp phòng, chống dịch Covid-19 trên địa bàn tỉnh"
LETTER_SUBJECT = "tăng cường phòng, chống dịch Covid-19 trong tình hình mới"
LETTER_RECIPIENTS = ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"]

# Citations without a number: a law by its name, an appeal by its author.
LAW = "Luật Phòng, chống bệnh truyền nhiễm"
APPEAL = (
    "Lời kêu gọi của đồng chí Tổng Bí thư Nguyễn Phú Trọng gửi đồng bào, đồng chí, chiến sĩ cả nước "
    "và đồng bào ta ở nước ngoài về công tác phòng, chống đại dịch Covid-19"
)

SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Quang Cường", "Phạm Minh Đức", "Hoàng Thu Hà", "Võ Thanh Hải", "Đặng Ngọc Lan", "Bùi Văn Long"]

CUES = [("Thực hiện", "implements"), ("Căn cứ", "legal_basis"), ("Triển khai", "implements"), ("Trên cơ sở", "legal_basis")]
SHORT_NAMES = {"Nghị quyết": "Nghị quyết", "Chỉ thị": "Chỉ thị", "Quyết định": "Quyết định", "Công điện": "Công điện"}


@dataclass
class Central:
    canonical: str
    type: str
    date: str
    issuer: str
    kind: str


def _central_pool() -> list[Central]:
    pool = [Central(d.symbol, d.type, d.date, d.issuer, "party" if "-" in d.symbol.split("/")[0] else "state") for d in central_documents().values()]
    pool += [Central(*row) for row in EXTRA_CENTRAL]
    return [c for c in pool if c.type != "Luật"]  # laws are cited by name, not generated here


def _variant(central: Central, rng: random.Random) -> str:
    """The symbol as a notice might write it: canonical, the other order, QD for QĐ, an OCR space."""
    symbol = central.canonical
    roll = rng.random()
    if central.canonical == "16/CT-TTg" and roll < 0.4:
        return "16-CT/TTg"
    if roll < 0.1 and "QĐ" in symbol:
        return symbol.replace("QĐ", "QD")
    if roll < 0.15 and "/" in symbol and symbol.count("/") == 1 and "-" in symbol.split("/")[1]:
        number, rest = symbol.split("/")
        return f"{number} /{rest}"
    return symbol


def _date_words(iso: str, rng: random.Random) -> str:
    day = dt.date.fromisoformat(iso)
    if rng.random() < 0.3:
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"ngày {day.day}/{day.month}/{day.year}"


# Bodies other than the province's Party committee and People's Committee that write letters:
# the Front's standing board and the mass organisations (Nghị định 30/2020 and the Front's own rules).
MASS_ORGANISATIONS = [
    # letterhead lines ({P}: "TỈNH" or "THÀNH PHỐ" and the province, in capitals), symbol code,
    # issuer ({p}: "tỉnh" or "thành phố" and the province), authority
    (["ỦY BAN MTTQ VIỆT NAM", "{P}", "BAN THƯỜNG TRỰC"], "MTTQ-BTT", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {p}", "TM. BAN THƯỜNG TRỰC"),
    (["LIÊN ĐOÀN LAO ĐỘNG", "{P}"], "LĐLĐ", "Liên đoàn Lao động {p}", "TM. BAN THƯỜNG VỤ"),
    (["HỘI NÔNG DÂN", "{P}"], "HND", "Hội Nông dân {p}", "TM. BAN THƯỜNG VỤ"),
]


def _unaccented(text: str) -> str:
    """Text typed without diacritics, or OCR that lost them all: ``Lâm Đồng`` → ``Lam Dong``."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _unique_districts() -> dict[str, list[str]]:
    """Province → its rural districts (huyện) whose name no other district in the country has."""
    from graphbuild.places import districts, districts_named

    found: dict[str, list[str]] = {}
    for district in districts():
        if district.kind == "huyện" and len(districts_named(district.name)) == 1:
            found.setdefault(district.province, []).append(district.name)
    return found


@dataclass
class Shape:
    """How one letter departs from the plain layout: who wrote it, how the signing software and the
    typist left the head (the new shapes real folders showed; drawn from their own random stream so
    the rest of the corpus stays as it was)."""

    letterhead: list[str]
    symbol_code: str
    issuer: str
    authority: str
    place: str
    stamped: bool  # the number and the day stamped by the signing software, with gaps around them
    plain_place_date: bool  # the place-date line without diacritics
    plain_signer: bool  # the signer's name without diacritics


def _letter_shape(province: Province, rng: random.Random, districts: dict[str, list[str]]) -> Shape:
    roll = rng.random()
    province_name = province.name
    named = f"{'thành phố' if province.kind.startswith('thành phố') else 'tỉnh'} {province_name}"
    if roll < 0.3 and districts.get(province_name):
        district = rng.choice(districts[province_name])
        letterhead = ["ỦY BAN NHÂN DÂN", f"HUYỆN {district.upper()}"]
        code, issuer, authority, place = "UBND-VP", f"Ủy ban nhân dân huyện {district}", "TM. ỦY BAN NHÂN DÂN", district
    elif roll < 0.55:
        lines, code, issuer, authority = rng.choice(MASS_ORGANISATIONS)
        letterhead = [line.format(P=named.upper()) for line in lines]
        issuer, place = issuer.format(p=named), province_name
    else:
        letterhead = [f"ỦY BAN NHÂN DÂN TỈNH {province_name.upper()}"]
        code, issuer, authority, place = "", f"Ủy ban nhân dân tỉnh {province_name}", "T/M ỦY BAN NHÂN DÂN", province_name
    return Shape(letterhead, code, issuer, authority, place, rng.random() < 0.2, rng.random() < 0.1, rng.random() < 0.1)


def generate(notices: int, out: Path, seed: int = 2021, formats: tuple[str, ...] = ("txt",), every: dict[str, int] | None = None) -> Path:
    """Write ``notices`` notices and ``truth.jsonl`` into ``out``; besides each ``.txt``, the same notice
    rendered as offices produce it in each of ``formats`` (``docx``, ``pdf``, ``web``, ``scan``: see
    :mod:`graphbuild.testing.render`), for every ``every[format]``-th notice (scans are slow to read)."""
    every = every or {}
    rng = random.Random(seed)
    shapes = random.Random(f"{seed}-shapes")
    districts = _unique_districts()
    out.mkdir(parents=True, exist_ok=True)
    pool = _central_pool()
    provinces_2021 = list(provinces())
    counters: dict[tuple[str, str], int] = {}
    issued: dict[str, list[dict]] = {p.name: [] for p in provinces_2021}
    truth_path = out / "truth.jsonl"
    start = dt.date(2021, 1, 15)
    with truth_path.open("w", encoding="utf-8") as truth:
        for index in range(notices):
            province = provinces_2021[index % len(provinces_2021)] if index < len(provinces_2021) else rng.choice(provinces_2021)
            date = start + dt.timedelta(days=rng.randrange(0, 340))
            party = rng.random() < 0.6
            letter = not party and rng.random() < 0.25  # a công văn: no type heading, "V/v" and "Kính gửi:"
            meeting = date - dt.timedelta(days=rng.randint(1, 6)) if party and rng.random() < 0.3 else None
            series = ("TB", "TU") if party else ("KH", "UBND")
            key = (province.name, series[1])
            counters[key] = counters.get(key, 0) + 1
            number = counters[key] + 100
            shape = _letter_shape(province, shapes, districts) if letter else None
            if shape and shape.symbol_code:
                key = (province.name, shape.issuer)  # each body numbers its own letters
                counters[key] = counters.get(key, 0) + 1
                number = counters[key] + 100
                symbol = f"{number}/{shape.symbol_code}"
            elif letter:
                symbol = f"{number}/UBND-{rng.choice(['VX', 'KGVX', 'TH'])}"
            else:
                symbol = f"{number}-{series[0]}/TU" if party else f"{number}/{series[0]}-UBND"
            doc_type = "Thông báo" if party else ("Công văn" if letter else "Kế hoạch")
            available = [c for c in pool if c.date < date.isoformat()]
            cited = rng.sample(available, k=min(len(available), rng.randint(1, 4)))
            local = [d for d in issued[province.name] if d["date"] < date.isoformat()]
            cited_local = rng.sample(local, k=min(len(local), rng.randint(0, 2)))
            paragraphs: list[str] = []
            citations: list[dict] = []
            for central in cited:
                cue, relation = rng.choice(CUES)
                written = _variant(central, rng)
                issuer = ISSUER_PHRASES.get(central.issuer, "")
                tail = rng.choice(FILLER)
                paragraphs.append(f"{cue} {central.type} số {written} {_date_words(central.date, rng)} {issuer}, {tail[0].lower()}{tail[1:]}")
                mentions = 1
                cited_number = central.canonical.split("/")[0].split("-")[0]
                ambiguous = sum(1 for c in cited if c.type == central.type and c.canonical.split("/")[0].split("-")[0] == cited_number) > 1
                if central.type in SHORT_NAMES and not ambiguous and rng.random() < 0.3:
                    paragraphs.append(f"Các cấp, các ngành quán triệt sâu sắc tinh thần {central.type} {cited_number}.")
                    mentions += 1
                alone = sum(1 for c in cited if c.type == central.type) == 1
                if central.type in SHORT_NAMES and alone and rng.random() < 0.15:
                    paragraphs.append(f"Mỗi cán bộ, đảng viên gương mẫu thực hiện {central.type[0].lower()}{central.type[1:]} này.")
                    mentions += 1
                citations.append({"canonical": central.canonical, "date": central.date, "level": "central", "relation": relation, "mentions": mentions})
            named: list[dict] = []
            if rng.random() < 0.2:
                cue, relation = rng.choice(CUES)
                tail = rng.choice(FILLER)
                paragraphs.append(f"{cue} {LAW} ngày 21 tháng 11 năm 2007, {tail[0].lower()}{tail[1:]}")
                named.append({"type": "Luật", "written": LAW, "date": "2007-11-21", "relation": relation, "level": "central"})
            if rng.random() < 0.08:
                paragraphs.append(f"Thực hiện {APPEAL}.")
                named.append({"type": "Lời kêu gọi", "written": APPEAL, "issuer": "Tổng Bí thư Nguyễn Phú Trọng", "relation": "implements", "level": "central"})
            for earlier in cited_local:
                paragraphs.append(
                    f"Tiếp tục thực hiện nghiêm {earlier['type']} số {earlier['symbol']} {_date_words(earlier['date'], rng)} "
                    f"{'của Ban Thường vụ Tỉnh ủy' if '/TU' in earlier['symbol'] else 'của UBND tỉnh'}."
                )
                citations.append({"canonical": earlier["symbol"], "date": earlier["date"], "level": "provincial", "relation": "implements", "mentions": 1, "province": province.name})
            body: list[str] = []
            if meeting:
                body.append(
                    f"Ngày {meeting.day:02d}/{meeting.month:02d}/{meeting.year}, Ban Thường vụ Tỉnh ủy họp nghe báo cáo "
                    "tình hình, kết quả công tác phòng, chống dịch Covid-19 trên địa bàn tỉnh."
                )
            for paragraph in paragraphs:
                body.append(paragraph)
                body.extend(rng.sample(FILLER, k=rng.randint(2, 5)))
            while sum(len(p) for p in body) < rng.randint(4500, 9000):
                body.append(rng.choice(FILLER) + " " + rng.choice(FILLER))
            header_body = "BAN THƯỜNG VỤ" if party else "ỦY BAN NHÂN DÂN"
            signer = rng.choice(SIGNERS)
            place_date = f"{province.name}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
            number_line = f"Số {symbol}" if party else f"Số: {symbol}"
            letterhead = [f"{'TỈNH ỦY' if party else 'ỦY BAN NHÂN DÂN TỈNH'} {province.name.upper()}"]
            authority = f"T/M {header_body}"
            issuer_name = "Ban Thường vụ Tỉnh ủy" if party else f"Ủy ban nhân dân tỉnh {province.name}"
            if shape is not None:
                letterhead, authority, issuer_name = shape.letterhead, shape.authority, shape.issuer
                day = f"    {date.day:02d}" if shape.stamped else f"{date.day:02d}"
                place_date = f"{shape.place}, ngày {day} tháng {date.month:02d} năm {date.year}"
                if shape.plain_place_date:
                    place_date = _unaccented(place_date)
                if shape.stamped:
                    number_line = f"Số:     {symbol.replace('/', '     /', 1)}"
                if shape.plain_signer:
                    signer = _unaccented(signer)
            parts = NoticeParts(
                party=party,
                letterhead=letterhead,
                number=number_line,
                letter_subject=f"V/v {LETTER_SUBJECT}" if letter else None,
                place_date=place_date,
                heading=None if letter else [doc_type.upper(), SUBJECT],
                greeting=["Kính gửi:", *(f"- {r};" for r in LETTER_RECIPIENTS)] if letter else [],
                body=body,
                recipients=["Nơi nhận:", "- Các huyện ủy, thị ủy, thành ủy,", "- Các sở, ban, ngành tỉnh,", f"- Báo {province.name},", "- Lưu Văn phòng."],
                signature=[authority, "BÍ THƯ" if party else "CHỦ TỊCH", signer],
            )
            text = parts.text()
            name = f"{index:06d}.txt"
            (out / name).write_text(text, encoding="utf-8")
            files = {"txt": name}
            for form in formats:
                if form != "txt" and index % every.get(form, 1) == 0:

                    files[form] = render(parts, form, out / f"{index:06d}", rng)
            record = {
                "file": name, "files": files, "province": province.name, "province_code": province.code, "date": date.isoformat(),
                "symbol": symbol, "type": doc_type, "citations": citations, "named": named,
                "meeting_date": meeting.isoformat() if meeting else None,
                "subject": LETTER_SUBJECT if letter else None, "greeted": LETTER_RECIPIENTS if letter else [],
                "signer": signer, "issuer": issuer_name,
            }
            truth.write(json.dumps(record, ensure_ascii=False) + "\n")
            if shape is None or not shape.symbol_code:  # cited later as the province's own ("của UBND tỉnh")
                issued[province.name].append({"symbol": symbol, "date": date.isoformat(), "type": doc_type})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--formats", default="txt", help="comma-separated: txt, docx, pdf, web, scan")
    args = parser.parse_args()
    generate(args.notices, args.out, args.seed, tuple(args.formats.split(",")))
    print(f"wrote {args.notices} notices to {args.out}")


if __name__ == "__main__":
    main()
