"""Who issued the document itself, and on what basis.

In order: the text says so (``Văn phòng Tỉnh ủy thông báo ý kiến …``); for a certified copy,
the copying body's letterhead; the signature's capacity (``T/L BAN THƯỜNG VỤ``: the Chánh
Văn phòng signs by order of the Standing Board, in whose name the notice is issued); the
letterhead; the issuer code of the document's own symbol.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from graphbuild.bodies import official_spelling
from graphbuild.extractors.context import BlockContext, Findings, fact_or_value
from graphbuild.extractors.letterhead import MOTTO, cut_motto, read_letterhead
from graphbuild.extractors.provinces import province_named
from graphbuild.keywords import keyword_hits
from graphbuild.records import Signer
from graphbuild.symbols import Symbol
from graphbuild.tables import Issuer, fold, issuer_by_name, issuer_names_folded, issuers
from graphbuild.wording import expand_abbreviations, is_capitals, lines_with_offsets, recase


@dataclass
class IssuerFinding:
    name: str | None = None
    basis: str | None = None
    level: str | None = None
    kind: str | None = None
    warnings: list[str] = field(default_factory=list)
    parent: str | None = None  # the body above the issuer in its letterhead
    place: str | None = None  # the province or district its letterhead names


# "Văn phòng Tỉnh ủy thông báo ý kiến …": found from the literal words, then the issuer's name is
# looked up in the words just before them (a pattern led by every issuer name would be tried at
# every letter of the text).
ANNOUNCEMENT = re.compile(r"thông báo[ \t]+(?:ý kiến|kết luận|nội dung)")


@cache
def _names_by_last_letter() -> dict[str, tuple[str, ...]]:
    by_last: dict[str, set[str]] = {}
    for issuer in issuers():
        for name in (issuer.name, *issuer.aliases):
            by_last.setdefault(name[-1], set()).add(name)
    return {letter: tuple(sorted(names, key=len, reverse=True)) for letter, names in by_last.items()}


@cache
def _longest_name() -> int:
    return max(len(name) for names in _names_by_last_letter().values() for name in names)


@dataclass(frozen=True)
class Announcement:
    name: str
    start: int
    end: int
    text: str


def announcements(text: str, start: int, end: int) -> list[Announcement]:
    """Every "<issuer> thông báo ý kiến|kết luận|nội dung" in ``text[start:end]``, in order."""
    found: list[Announcement] = []
    longest = _longest_name()
    for match in (ANNOUNCEMENT.match(text, pos, end) for pos, _ in keyword_hits(text).find("announcement", start, end)):
        if match is None:
            continue
        lo = max(start, found[-1].end if found else start, match.start() - longest - 8)
        before = text[lo : match.start()]
        name_end = len(before.rstrip(" \t"))
        if name_end == len(before) or name_end == 0:
            continue  # the name and "thông báo" are apart by spaces
        for name in _names_by_last_letter().get(before[name_end - 1], ()):
            name_start = lo + name_end - len(name)
            if before.endswith(name, 0, name_end) and name_start >= lo and not (name_start > 0 and _is_word_char(text[name_start - 1])):
                if text[max(0, name_start - 4) : name_start].rstrip().endswith("của"):
                    break  # "… ngày 11/3/2019 của Văn phòng Trung ương Đảng thông báo kết luận …": a cited document's issuer
                found.append(Announcement(name, name_start, match.end(), text[name_start : match.end()]))
                break
    return found


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


COMMITTEE = re.compile(r"Ban Thường vụ (?P<committee>Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)")


def lookup(name: str) -> Issuer | None:
    return issuer_by_name().get(fold(name))


# Lines an e-signature or a web page puts above the letterhead: not the letterhead.
STAMP_LINE = re.compile(
    r"^(?:Người\s+ký|Ký\s+bởi|Thời\s+gian\s+ký|Email|Cơ\s+quan|Ngày\s+ký|Nguoi\s+ky|Signed|Signature)\b|Thời\s+gian\s+ký|Ký\s+bởi",
    re.IGNORECASE,
)
# Before the letterhead, at most this many lines that are not it (stamps, a crawler's title, noise).
LINES_BEFORE_LETTERHEAD = 8


def letterhead_lines(text: str, start: int, end: int) -> tuple[str, ...]:
    """The letterhead's lines: capitals at the top, the motto cut off, up to ``Số …``, the type or
    the first line in running text."""
    lines: list[str] = []
    skipped = 0
    for _, _, line in lines_with_offsets(text, start, end):
        kind, own = _letterhead_line(line.strip())
        if kind == "skip":
            continue
        if kind == "motto":
            if lines and own == "ends":
                break
            continue
        if kind == "other":
            if lines or own.startswith(("SỐ", "Số")):
                break
            skipped += 1
            if skipped > LINES_BEFORE_LETTERHEAD:
                break
            continue  # a stamp, a page title or OCR noise above the letterhead
        lines.append(own)
        if len(lines) >= 6:
            break
    return tuple(lines)


@lru_cache(maxsize=8192)
def _letterhead_line(stripped: str) -> tuple[str, str]:
    """What a head line is to the letterhead (a pure function of the line; letterheads repeat):
    ``("skip", …)`` a blank, a stamp or OCR marks; ``("motto", "ends"|"")`` the motto, a rule or a
    star (``"ends"``: something else that ends a letterhead); ``("body", name)`` a letterhead line;
    ``("other", line)`` anything else."""
    if not stripped or STAMP_LINE.search(stripped):
        return "skip", ""
    own = cut_motto(stripped).strip("[]|`'\"~^_ ")
    if not own or not any(c.isalpha() for c in own):
        if not any(c.isalpha() for c in stripped):
            return "skip", ""  # OCR marks
        return "motto", "" if MOTTO.match(stripped) else "ends"
    if not is_capitals(own) or own.startswith(("SỐ", "SAO", "THÔNG BÁO", "CÔNG VĂN", "V/V")):
        return "other", own
    return "body", own


def _read_letterhead(letterhead: str) -> IssuerFinding | None:
    found = _letterhead_reading(letterhead)
    if found is None:
        return None
    name, basis, level, kind, warnings = found
    return IssuerFinding(name, basis, level, kind, list(warnings))


@lru_cache(maxsize=4096)
def _letterhead_reading(letterhead: str) -> tuple[str | None, str | None, str | None, str | None, tuple[str, ...]] | None:
    """What a letterhead says (a pure function of its text: the same letterheads head many notices)."""
    finding = _read_letterhead_uncached(letterhead)
    if finding is None:
        return None
    return finding.name, finding.basis, finding.level, finding.kind, tuple(finding.warnings)


def _read_letterhead_uncached(letterhead: str) -> IssuerFinding | None:
    folded = fold(letterhead)
    best = next((row for row in issuer_names_folded() if folded.startswith(row[0])), None)
    if best is None:
        return None
    _, issuer, name = best
    written_prefix = letterhead[: len(name)]
    rest = letterhead[len(name) :].strip()
    province = province_named(rest.title()) if rest else None
    full = name + (" " + (province.name if province else recase(rest, sentence=False)) if rest else "")
    finding = IssuerFinding(full, f"stated: letterhead '{letterhead}'", issuer.level, issuer.kind)
    if written_prefix != name.upper():
        finding.warnings.append(f"letterhead reads '{written_prefix}'; read as '{name}'")
    return finding


def letterhead_issuer(text: str, start: int, end: int) -> IssuerFinding | None:
    """The issuer the letterhead names: a known body from the table when the letterhead is just its
    name (and province); else read by the layout rules (:mod:`graphbuild.extractors.letterhead`)."""
    lines = letterhead_lines(text, start, end)
    if not lines:
        return None
    reading = _issuer_from_lines(lines)
    if reading is None:
        return None
    name, basis, level, kind, warnings, parent, place = reading
    finding = IssuerFinding(official_spelling(name) if name else name, basis, level, kind, list(warnings))
    finding.parent, finding.place = parent, place
    return finding


@lru_cache(maxsize=4096)
def _issuer_from_lines(
    lines: tuple[str, ...],
) -> tuple[str | None, str | None, str | None, str | None, tuple[str, ...], str | None, str | None] | None:
    """The issuer read from a letterhead's lines (a pure function of them: letterheads repeat)."""
    joined = " ".join(lines)
    known = _letterhead_reading(joined)
    if known is not None and known[0] and known[0].split()[-1][:1].isupper() and not _has_junk(known[0]):
        return (*known, None, None)
    read = read_letterhead(lines)
    if read is None:
        return (*known, None, None) if known else None
    return read.issuer, f"stated: letterhead '{read.written}'", read.level, read.kind, (), read.parent, read.place


def _has_junk(name: str) -> bool:
    """A table name followed by words that are not a province: another body's name ran on."""
    return any(word[:1].islower() for word in name.split()[-2:]) and len(name.split()) > 6


DISTRICT_COMMITTEES = ("Huyện ủy", "Quận ủy", "Thị ủy")
STANDING_BOARDS = tuple(fold(board) for board in ("Ban Thường vụ", "Ban Thường trực", "Ban Chấp hành"))
# The heads of bodies a signature's authority line may name instead of the body ("TL. CHỦ TỊCH").
OFFICIALS = ("Chủ tịch", "Giám đốc", "Bộ trưởng", "Thủ trưởng", "Trưởng ban", "Cục trưởng", "Tổng cục trưởng", "Chánh Văn phòng",
             "Viện trưởng", "Hiệu trưởng", "Trưởng phòng", "Chi cục trưởng", "Bí thư", "Thủ tướng")


def _names_an_official(body: str) -> bool:
    """Whether a signature's authority names an official rather than a body.

    >>> _names_an_official("Chủ tịch"), _names_an_official("Ủy ban nhân dân tỉnh")
    (True, False)
    """
    return fold(body) in {fold(title) for title in OFFICIALS}


def find_issuer(
    text: str, start: int, body_start: int, end: int, signers: list[Signer], symbol: Symbol | None, *, is_copy: bool
) -> IssuerFinding:
    # The last "… thông báo ý kiến …" closes the notice and names who announces it.
    announced = announcements(text, body_start, end)
    announce = announced[-1] if announced else None
    if announce and not is_copy:
        issuer = lookup(announce.name)
        return IssuerFinding(
            expand_abbreviations(announce.name),
            f"stated: '{announce.text}'",
            issuer.level if issuer else None,
            issuer.kind if issuer else None,
        )
    from_letterhead = letterhead_issuer(text, start, body_start)
    if is_copy and from_letterhead:
        return from_letterhead
    for signer in signers:
        if signer.capacity and signer.capacity.split(" ", 1)[0] in {"T/M", "TM.", "T/L", "TL.", "TUQ."}:
            body = signer.capacity.split(" ", 1)[1].split(", ")[0]  # "TL. Chủ tịch, KT. Chánh Văn phòng": the outer authority
            if fold(body).startswith(STANDING_BOARDS) and from_letterhead and from_letterhead.name and from_letterhead.kind != "party":
                # "TM. BAN THƯỜNG VỤ (TỈNH ĐOÀN)" under a mass organisation's letterhead (Liên đoàn Lao động,
                # Tỉnh đoàn, Hội): the board acts for the body the letterhead names
                from_letterhead.basis = f"{from_letterhead.basis}; signed '{signer.capacity}'"
                return from_letterhead
            if body == "Ban Thường vụ":
                committees = Counter(
                    m.group("committee")
                    for m in (COMMITTEE.match(text, pos, end) for pos, _ in keyword_hits(text).find("committee", start, end))
                    if m
                )
                committee = committees.most_common(1)[0][0] if committees else "Tỉnh ủy"
                body = f"Ban Thường vụ {committee}"
                if (
                    committee in DISTRICT_COMMITTEES
                    and from_letterhead
                    and from_letterhead.name
                    and fold(from_letterhead.name).startswith(fold(committee) + " ")
                ):
                    # "Ban Thường vụ Huyện ủy" names no district: the letterhead's "Huyện ủy Đức Trọng" does
                    body = f"Ban Thường vụ {from_letterhead.name}"
            elif body in {"Ủy ban nhân dân", "Hội đồng nhân dân"}:
                if from_letterhead and from_letterhead.name and fold(from_letterhead.name).startswith(fold(body)):
                    # "TM. ỦY BAN NHÂN DÂN" under "ỦY BAN NHÂN DÂN HUYỆN CHỢ MỚI": that body, district or province
                    from_letterhead.basis = f"{from_letterhead.basis}; signed '{signer.capacity}'"
                    return from_letterhead
                body += " tỉnh"
            elif from_letterhead and from_letterhead.name and _names_an_official(body):
                # "TL. CHỦ TỊCH", "KT. GIÁM ĐỐC": signed by order of the head of the body the letterhead names
                from_letterhead.basis = f"{from_letterhead.basis}; signed '{signer.capacity}'"
                return from_letterhead
            if from_letterhead and from_letterhead.name and fold(from_letterhead.name).startswith(fold(body)):
                # "T/M ỦY BAN NHÂN DÂN" under the letterhead "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG": that body, by its full name
                from_letterhead.basis = f"{from_letterhead.basis}; signed '{signer.capacity}'"
                return from_letterhead
            issuer = lookup(body)
            return IssuerFinding(
                body,
                f"inferred: signature capacity '{signer.capacity}'",
                issuer.level if issuer else None,
                issuer.kind if issuer else None,
            )
    if from_letterhead:
        return from_letterhead
    if symbol and symbol.issuer_name:
        return IssuerFinding(symbol.issuer_name, f"inferred: the symbol {symbol.canonical}", symbol.level, symbol.kind)
    return IssuerFinding()


def find(ctx: BlockContext) -> Findings:
    """The issuer with its basis, level and kind (from the symbol where the issuer gives none), and
    the place its letterhead names, for the province's decision."""
    symbol = ctx.head.symbol
    issuer = find_issuer(ctx.text, ctx.start, ctx.body_start, ctx.end, ctx.found["signers"], symbol, is_copy=ctx.is_copy)
    kind = issuer.kind or (symbol.kind if symbol else None)
    return {
        "issuer": fact_or_value(issuer.name, issuer.basis),
        "level": issuer.level or (symbol.level if symbol else None),
        "kind": kind,
        "issuer_place": issuer.place,
        "warnings": issuer.warnings,
    }
