"""The letterhead (tên cơ quan ban hành): who issued a document, under which parent, where.

By Nghị định 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party) the issuing body stands top
left in capitals, under the body it belongs to:

    UBND TỈNH QUẢNG NAM          ← parent (chủ quản), with the province
    SỞ Y TẾ                      ← the issuing body

    BỘ GIÁO DỤC VÀ ĐÀO TẠO
    CỤC NHÀ GIÁO VÀ CÁN BỘ       ← one body's name, wrapped on two lines
    QUẢN LÝ GIÁO DỤC

    ĐẢNG BỘ TỈNH HÀ GIANG        ← Party: the Party organisation, then its committee
    TỈNH ỦY
       *

The national motto (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``, ``Độc lập - Tự do - Hạnh phúc``) and
the Party's (``ĐẢNG CỘNG SẢN VIỆT NAM``) stand top right: when a reader ran the two columns
together they are cut off here, never part of the issuer.

A line opens a new body when it starts with a word that names one (``SỞ``, ``CỤC``, ``PHÒNG``,
``TRUNG TÂM`` …); any other line continues the body above it (``TỈNH HÀ GIANG`` after
``ỦY BAN NHÂN DÂN``). The last body is the issuer; the one before it, its parent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphbuild.bodies import official_spelling
from graphbuild.places import districts_named, province_matching
from graphbuild.tables import fold
from graphbuild.wording import ABBREVIATION, ABBREVIATIONS, recase

# Where a motto starts on a line that also holds the letterhead: "UBND TỈNH X   CỘNG HÒA XÃ HỘI …"
MOTTO = re.compile(
    r"(?:CỘNG\s*H[OÒ][AÀ]\s+X[AÃ]\s+H[OỘ]I|C[OỘ]NG\s+HOA\s+XA\s+HOI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|DANG\s+CONG\s+SAN"
    r"|Độc\s+lập|Doc\s+lap|-{3,}|_{3,})",
    re.IGNORECASE,
)
# Words that open the name of a body (capitals, as letterheads are printed).
BODY_OPENING = re.compile(
    r"^(?:ỦY\s+BAN|UỶ\s+BAN|UBND|HĐND|BCH|HỘI\s+ĐỒNG|SỞ|BỘ(?!\s+PHẬN)|CỤC|CHI\s+CỤC|TỔNG\s+CỤC|VỤ|VIỆN|HỌC\s+VIỆN|PHÒNG|TRUNG\s+TÂM|TRƯỜNG"
    r"|ĐẠI\s+HỌC|BAN|VĂN\s+PHÒNG|ĐẢNG\s+ỦY|ĐẢNG\s+BỘ|ĐẢNG\s+ĐOÀN|BAN\s+CÁN\s+SỰ|TỈNH\s+ỦY|THÀNH\s+ỦY|HUYỆN\s+ỦY|QUẬN\s+ỦY|THỊ\s+ỦY"
    r"|CHÍNH\s+PHỦ|QUỐC\s+HỘI|THỦ\s+TƯỚNG|BỆNH\s+VIỆN|CÔNG\s+AN|BỘ\s+CHỈ\s+HUY|BỘ\s+TƯ\s+LỆNH|ĐOÀN|HỘI(?!\s+NGHỊ)|MẶT\s+TRẬN"
    r"|LIÊN\s+ĐOÀN|THANH\s+TRA|KHO\s+BẠC|BẢO\s+HIỂM|ĐÀI|BÁO|CÔNG\s+TY|TẬP\s+ĐOÀN|TÒA\s+ÁN|VIỆN\s+KIỂM\s+SÁT|CHI\s+NHÁNH|TỔNG\s+CÔNG\s+TY)\b"
)
# A body's place: "TỈNH HÀ GIANG", "HUYỆN BẮC MÊ", "THÀNH PHỐ HÀ GIANG", "TP. HỒ CHÍ MINH"
PLACE = re.compile(
    r"\b(?P<level>TỈNH|HUYỆN|QUẬN|THỊ\s+XÃ|THÀNH\s+PHỐ|TP\.?)\s+(?!Ủ?Y\b|UỶ\b|ỦY\b|ủy\b)(?P<name>[^\W\d_][^\n*]*)$", re.IGNORECASE
)
# The five cities run by the centre are provinces; any other "thành phố" is a district-level city.
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
DISTRICT_WORDS = re.compile(r"\b(?:HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN)\b")
PARTY_WORDS = re.compile(r"\b(?:ĐẢNG|ỦY(?=\s*$)|TỈNH\s+ỦY|THÀNH\s+ỦY|HUYỆN\s+ỦY|QUẬN\s+ỦY|THỊ\s+ỦY|ĐOÀN\s+THANH\s+NIÊN)\b")
# Central bodies (their own letterheads have no parent above them, or a ministry).
CENTRAL_BODIES = re.compile(
    r"^(?:CHÍNH\s+PHỦ|THỦ\s+TƯỚNG|QUỐC\s+HỘI|BỘ(?!\s+CHỈ\s+HUY)\s|BAN\s+CHẤP\s+HÀNH\s+TRUNG\s+ƯƠNG|BỘ\s+CHÍNH\s+TRỊ|BAN\s+BÍ\s+THƯ"
    r"|VĂN\s+PHÒNG\s+(?:CHÍNH\s+PHỦ|TRUNG\s+ƯƠNG|QUỐC\s+HỘI)|ỦY\s+BAN\s+THƯỜNG\s+VỤ\s+QUỐC\s+HỘI|BAN\s+\S+\s+TRUNG\s+ƯƠNG|TỔNG\s+CỤC|CỤC\s)"
)
SCHOOL_OR_INSTITUTE = re.compile(r"^(?:TRƯỜNG|ĐẠI\s+HỌC|HỌC\s+VIỆN|VIỆN|CỤC|VỤ|TỔNG\s+CỤC)\b")
# A place as OCR may have written it: "TÍNH LÂM ĐÒNG", "TINH LAM DONG", "HUYEN CHO MOI".
PLACE_AS_READ = re.compile(
    r"(?P<level>\bT[IÍỈ]NH|\bHUY[EÊỆ]N|\bQU[AẬ]N|\bTH[IỊ]\s+X[AÃ]|\bTH[AÀ]NH\s+PH[OỐ])\s+(?!Ủ?Y\b|UỶ\b|ỦY\b|ủy\b|UY\b)(?P<name>[^\W\d_][^\n*]*)$", re.IGNORECASE
)
LEVEL_WRITTEN = {"TINH": "TỈNH", "HUYEN": "HUYỆN", "QUAN": "QUẬN", "THI XA": "THỊ XÃ", "THANH PHO": "THÀNH PHỐ"}
# Units that are named by the body they belong to: "Văn phòng Thường trực Ban Chỉ huy … tỉnh X",
# "Ban Tuyên giáo và Dân vận Tỉnh ủy X" (a Party committee's board).
OWN_UNIT = re.compile(r"^VĂN\s+PHÒNG\b(?!\s+(?:CHÍNH\s+PHỦ|TRUNG\s+ƯƠNG|QUỐC\s+HỘI|CHỦ\s+TỊCH|UBND|ỦY\s+BAN|HĐND|HỘI\s+ĐỒNG|TỈNH\s+ỦY|THÀNH\s+ỦY|HUYỆN\s+ỦY|ĐOÀN))")
PARTY_BOARD = re.compile(r"^BAN\b(?!\s+(?:CHẤP\s+HÀNH|THƯỜNG\s+VỤ|CHỈ\s+ĐẠO|CHỈ\s+HUY))")
# A body's standing board, named on its own line under the body: "ỦY BAN MTTQ VIỆT NAM TỈNH X / BAN THƯỜNG TRỰC".
STANDING_BOARD = re.compile(r"^BAN\s+(?:THƯỜNG\s+TRỰC|THƯỜNG\s+VỤ|CHẤP\s+HÀNH)$")
PARTY_COMMITTEE = re.compile(r"^(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)\s+ỦY\b|^ĐẢNG\s+ỦY\b")


COMMITTEE_PLACE = re.compile(r"(?P<committee>(?:TỈNH|THÀNH)\s+ỦY)\s+(?P<name>[^\W\d_][^\n*]*)$")
# A district's Party committee: "HUYỆN ỦY ĐỨC TRỌNG", "QUẬN ỦY HẢI CHÂU", "THỊ ỦY …"
DISTRICT_COMMITTEE_PLACE = re.compile(r"(?P<committee>(?:HUYỆN|QUẬN|THỊ)\s+ỦY)\s+(?P<name>[^\W\d_][^\n*]*)$")


def restore_place(line: str) -> str:
    """A letterhead line with its place written as the registry writes it, when OCR changed it and
    exactly one province (or district) matches.

    >>> restore_place("CÔNG AN TÍNH LÂM ĐÒNG"), restore_place("TỈNH ỦY LÂM ĐÔNG")
    ('CÔNG AN TỈNH LÂM ĐỒNG', 'TỈNH ỦY LÂM ĐỒNG')
    """

    found = PLACE_AS_READ.search(line)
    if found is not None:
        level = LEVEL_WRITTEN.get(" ".join(fold(found.group("level")).split()), found.group("level").upper())
        province = province_matching(found.group("name"))
        if province is not None and level in ("TỈNH", "THÀNH PHỐ"):
            return f"{line[: found.start()]}{level} {province.name.upper()}"
        same = {d.name for d in districts_named(found.group("name"))}
        if len(same) == 1:
            return f"{line[: found.start()]}{level} {same.pop().upper()}"
        return line
    committee = re.match(r"(?P<committee>(?:TỈNH|THÀNH)\s+[ỦU]Y)\s+(?P<name>[^\W\d_][^\n*]*)$", line)
    if committee is not None:
        province = province_matching(committee.group("name"))
        if province is not None:
            return f"{committee.group('committee')} {province.name.upper()}"
    return line


@dataclass(frozen=True)
class Letterhead:
    issuer: str  # as an analyst writes it: "Sở Y tế", "Ủy ban nhân dân tỉnh Quảng Nam"
    parent: str | None
    level: str | None  # "central", "provincial", "district"
    kind: str  # "state" or "party"
    place: str | None  # the province or district named: "Quảng Nam"
    place_level: str | None  # "tỉnh", "huyện", "thành phố" …
    written: str  # the letterhead's lines as written, joined by " / "


def cut_motto(line: str) -> str:
    """The letterhead part of a line that a reader ran together with the motto beside it.

    >>> cut_motto("UBND TỈNH QUẢNG NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    'UBND TỈNH QUẢNG NAM'
    >>> cut_motto("BỘ Y TẾ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    'BỘ Y TẾ'
    """
    match = MOTTO.search(line)
    return (line[: match.start()] if match else line).strip(" \t*-_")


def read_letterhead(lines: tuple[str, ...]) -> Letterhead | None:
    """The issuer a letterhead's lines name (``None`` when they name no body).

    >>> head = read_letterhead(("UBND TỈNH QUẢNG NAM", "SỞ Y TẾ"))
    >>> head.issuer, head.parent, head.place, head.level
    ('Sở Y tế', 'Ủy ban nhân dân tỉnh Quảng Nam', 'Quảng Nam', 'provincial')
    >>> read_letterhead(("ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG")).issuer
    'Ủy ban nhân dân tỉnh Hà Giang'
    >>> read_letterhead(("BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",)).issuer
    'Bộ Y tế'
    """
    return _read(tuple(lines))


# A standing board run on after its body's name when a web page flattened the letterhead:
# "ỦY BAN MTTQ VIỆT NAM TỈNH X BAN THƯỜNG TRỰC".
BOARD_RUN_ON = re.compile(r"\S\s+(?=BAN\s+(?:THƯỜNG\s+TRỰC|THƯỜNG\s+VỤ)$)")


def _standing_board_apart(lines: tuple[str, ...]) -> list[str]:
    """The lines with a standing board that ran on after another body's name on a line of its own."""
    out: list[str] = []
    for raw in lines:
        line = cut_motto(raw)
        run_on = BOARD_RUN_ON.search(line)
        out.extend([line[: run_on.start() + 1], line[run_on.end() :]] if run_on else [raw])
    return out


@lru_cache(maxsize=4096)
def _read(lines: tuple[str, ...]) -> Letterhead | None:
    bodies: list[list[str]] = []
    for raw in _standing_board_apart(lines):
        line = restore_place(" ".join(cut_motto(raw).split()))
        if not line or not any(c.isalpha() for c in line):
            continue
        if BODY_OPENING.match(line) or not bodies:
            bodies.append([line])
        else:
            bodies[-1].append(line)
    bodies = [body for body in bodies if BODY_OPENING.match(body[0])]  # not a stamp's or a page title's words
    if not bodies:
        return None
    names = [" ".join(body) for body in bodies]
    issuer_written = names[-1]
    parent_written = names[-2] if len(names) > 1 else None
    place, place_level = None, None
    for name in reversed(names):
        found = PLACE.search(name)
        if found:
            place = recase(found.group("name").strip(), sentence=False).title()
            place_level = "thành phố" if found.group("level").upper().startswith("TP") else recase(found.group("level"), sentence=False)
            break
    district = any(DISTRICT_WORDS.search(name) for name in names) or (
        place_level == "thành phố" and place is not None and place not in CENTRAL_CITIES
    )
    kind = "party" if any(PARTY_WORDS.search(name) for name in names) else "state"
    if CENTRAL_BODIES.match(names[0]) and not PLACE.search(names[0]) and not PLACE.search(issuer_written):
        level = "central"  # (a provincial branch under a central body, "BỘ CÔNG AN / CÔNG AN TỈNH X", is provincial)
    elif district:
        level = "district"
    else:
        level = "provincial"
    issuer = _as_written_by_analyst(issuer_written)
    parent = _as_written_by_analyst(parent_written) if parent_written else None
    committee = COMMITTEE_PLACE.match(parent_written or issuer_written)
    if committee is not None and place is None:
        # "TỈNH ỦY LÂM ĐỒNG": the committee's province, written as the registry writes it

        province = province_matching(committee.group("name"))
        if province is not None:
            place, place_level = province.name, "tỉnh"
            named = f"{recase(committee.group('committee'), sentence=True)} {province.name}"
            if parent_written:
                parent = named
            else:
                issuer = named
    district_committee = DISTRICT_COMMITTEE_PLACE.match(parent_written or issuer_written)
    if district_committee is not None and place is None:
        # "HUYỆN ỦY ĐỨC TRỌNG": the district's name as the registry writes it (the same in every
        # province that has one), else as written, each word capitalised
        written_name = " ".join(district_committee.group("name").split())
        same_name = districts_named(written_name)
        place, place_level = (same_name[0].name if same_name else written_name.title()), "huyện"
        named = f"{recase(district_committee.group('committee'), sentence=True)} {place}"
        if parent_written:
            parent = named
        else:
            issuer = named
    if level == "central" and parent and SCHOOL_OR_INSTITUTE.match(issuer_written):
        # "Cục Nhà giáo … (Bộ Giáo dục và Đào tạo)": a department's name alone is ambiguous across ministries
        issuer = f"{issuer} ({parent})"
    elif level != "central" and parent_written and (
        OWN_UNIT.match(issuer_written)
        or (PARTY_BOARD.match(issuer_written) and PARTY_COMMITTEE.match(parent_written))
        or STANDING_BOARD.match(issuer_written)
    ):
        # "Văn phòng Thường trực", "Ban Tuyên giáo" or "Ban Thường trực" alone names no body: it is its parent's
        issuer = f"{issuer} {parent}"
    return Letterhead(issuer, parent, level, kind, place, place_level, " / ".join(" ".join(line.split()) for line in lines if line.strip()))


# Words that name a kind of body; the word after each is capitalised, as are the words after "và"
# and "-" that open another field: "Sở Lao động - Thương binh và Xã hội", "Trường Đại học Lâm nghiệp".
KIND_WORDS = (
    "ban chấp hành", "ban thường vụ", "đảng bộ", "đảng ủy", "tỉnh ủy", "thành ủy", "huyện ủy", "ủy ban nhân dân", "hội đồng nhân dân", "trung tâm", "chi cục", "tổng cục", "học viện", "văn phòng", "bệnh viện",
    "đại học", "cao đẳng", "trung học", "tiểu học", "mầm non", "sở", "bộ", "cục", "vụ", "viện", "phòng", "trường", "ban",
    "công ty", "chi nhánh", "hội", "đài", "báo",
)
FIELD_JOINS = ("và", "-", "–")
VOWELS = set("AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ")


def _is_acronym(word: str) -> bool:
    """``GD&ĐT``, ``PTNT``, ``CBQLGD``: capitals that are not a word (no vowel, or an ampersand)."""
    letters = word.strip(".,()")
    return letters.isupper() and ("&" in letters or not (set(letters) & VOWELS))


def organisation_name(written: str) -> str:
    """A body's name as the rules write it in running text.

    >>> organisation_name("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
    'Bộ Nông nghiệp và Phát triển nông thôn'
    >>> organisation_name("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    'Sở Lao động - Thương binh và Xã hội'
    >>> organisation_name("TRƯỜNG ĐẠI HỌC LÂM NGHIỆP")
    'Trường Đại học Lâm nghiệp'
    >>> organisation_name("UBND HUYỆN BẮC MÊ")
    'Ủy ban nhân dân huyện Bắc Mê'
    >>> organisation_name("PHÒNG GD&ĐT")
    'Phòng GD&ĐT'
    """
    expanded = ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)].upper(), written.replace("UỶ", "ỦY"))
    words = expanded.split()
    place = PLACE.search(expanded)
    place_from = len(expanded[: place.start("name")].split()) if place else len(words)
    phrase_cased = recase(expanded).split()
    out: list[str] = []
    capitalise_next = True
    after_kind = True  # a kind word opens the name, or follows another ("Trường Đại học …")
    index = 0
    while index < len(words):
        word = words[index]
        if _is_acronym(word):
            out.append(word)
            index += 1
            capitalise_next = False
            continue
        if index >= place_from:
            out.append(word.capitalize())
            index += 1
            continue
        if index == place_from - 1 or (index == place_from - 2 and place and " " in place.group("level")):
            out.append(word.lower())  # "tỉnh", "thị xã" before the place's name
            index += 1
            continue
        lowered = phrase_cased[index] if index < len(phrase_cased) else word.lower()
        kind = after_kind and next((k for k in KIND_WORDS if " ".join(w.lower() for w in words[index : index + len(k.split())]) == k), None)
        after_kind = False
        if kind:
            size = len(kind.split())
            kind_words = phrase_cased[index : index + size]
            out.extend([kind_words[0][:1].upper() + kind_words[0][1:], *kind_words[1:]])
            index += size
            capitalise_next = after_kind = True
            continue
        if capitalise_next and lowered[:1].isalpha():
            out.append(lowered[:1].upper() + lowered[1:])
            capitalise_next = False
        else:
            out.append(lowered)
        capitalise_next = capitalise_next or lowered in FIELD_JOINS
        index += 1
    return official_spelling(" ".join(out))


def _as_written_by_analyst(name: str) -> str:
    return organisation_name(name)
