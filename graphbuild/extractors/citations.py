"""Citations: every other document the text cites, with type, date, issuer, level and relation.

A numbered citation is a symbol (see :mod:`graphbuild.symbols`) with what stands around it:

    Thực hiện  Nghị quyết số  128/NQ-CP  ngày 11/10/2021  của Chính phủ
    └ relation └ type         └ symbol   └ date           └ issuer

Unnumbered citations are laws by name (``Luật Phòng, chống bệnh truyền nhiễm``) and appeals
(``Lời kêu gọi của đồng chí Tổng Bí thư Nguyễn Phú Trọng …``). Later short mentions
(``Nghị quyết 128``, ``Chỉ thị này``) count as mentions of the full citation, never as new
documents. Generic references (``các văn bản chỉ đạo của Trung ương``), self-references
(``Thông báo này``), dates, section numbers, slogans and form codes (``mẫu số 02/KK``) are
not citations.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from graphbuild.bodies import issuer_kind, official_spelling
from graphbuild.dates import STATED_DATE, date_from_match
from graphbuild.extractors.context import BlockContext, Findings
from graphbuild.extractors.persons import name_at
from graphbuild.keywords import keyword_hits
from graphbuild.normalise import OCR_LETTER_CONFUSIONS, Normalised
from graphbuild.places import names_a_district
from graphbuild.records import Citation, Span
from graphbuild.symbols import Symbol, compact, find_symbols, symbol_from_match
from graphbuild.tables import (
    central_documents,
    central_titles,
    document_types,
    fold,
    issuer_by_name,
    issuers,
    person_titles,
    relation_cue_details,
    relation_cues,
    type_by_name,
)
from graphbuild.vocabulary import default_detail, terms
from graphbuild.wording import alternation, expand_abbreviations, one_line, sentence_bounds


@cache
def _type_names() -> str:
    names: set[str] = set()
    for doc_type in document_types():
        names.add(doc_type.name)
        names.add(fold(doc_type.name).title())  # lost diacritics: "Nghi Quyet", matched case-insensitively
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _types_by_last_word() -> dict[str, tuple[str, ...]]:
    """Type names in lower case (and without diacritics, for OCR-damaged text), by their last word."""
    by_last: dict[str, list[str]] = {}
    for name in _type_names().split("|"):
        lowered = re.sub(r"\\(.)", r"\1", name).lower()
        by_last.setdefault(lowered.rsplit(" ", 1)[-1], []).append(lowered)
    assert all(word.isalpha() for word in by_last), "type names end in a word of letters"
    return {word: tuple(sorted(names, key=len, reverse=True)) for word, names in by_last.items()}


# "văn bản số 150621/XYZ": a document named without its type
GENERIC_DOCUMENT_BEFORE = re.compile(r"(?:văn bản|Văn bản|VĂN BẢN)(?:[ \t]+(?:số|Số))?[ \t]*:?[ \t]*$")


def type_before(before: str) -> tuple[int, str] | None:
    """The document type written right before a symbol, with where it starts in ``before``.

    "Nghị quyết số " / "Chỉ thị " / "Thông báo số: " (any case). A suffix lookup: a pattern
    searched from every position of ``before`` costs ten times more.

    >>> type_before("Thực hiện Nghị quyết số: ")
    (10, 'Nghị quyết')
    """
    if before.endswith("\n"):
        before = before[:-1]  # "Nghị quyết \n128/NQ-CP": the type ends the line before
    lowered = before.lower()
    if len(lowered) != len(before):
        return None  # lower() changed lengths (rare letters): no type name has them
    core = lowered.rstrip(" \t")
    if core.endswith(":"):
        core = core[:-1].rstrip(" \t")
        if not core.endswith(("số", "so")):
            return None  # a colon comes only after "số"
        core = core[:-2]
    elif core.endswith(("số", "so")) and len(core) > 2 and core[-3] in " \t":
        core = core[:-2]
    else:
        core = lowered  # "Chỉ thị ": the type, then a space at least
    name_end = len(core.rstrip(" \t"))
    if name_end == len(core):
        return None
    core = core[:name_end]
    last_word_start = name_end
    while last_word_start > 0 and core[last_word_start - 1].isalpha():
        last_word_start -= 1
    for name in _types_by_last_word().get(core[last_word_start:], ()):
        start = name_end - len(name)
        if core.endswith(name) and (start == 0 or (not core[start - 1].isalnum() and core[start - 1] != "_")):
            return start, before[start:name_end]
    return None


@cache
def _issuer_after() -> re.Pattern[str]:
    # ", của Chính phủ" / " của UBND tỉnh" / " của Ban Thường vụ Tỉnh ủy"
    # "của Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Nội vụ": an official's title before the body, bodies joined by "và"
    names = sorted({n for i in issuers() for n in (i.name, *i.aliases)}, key=len, reverse=True)
    name = alternation(names)
    title = r"(?:(?:Bộ trưởng|Thủ trưởng|Chủ tịch|Giám đốc|Trưởng ban|Cục trưởng|Chánh Văn phòng)[ \t]+)?"
    return re.compile(
        rf"[ \t]*,?[ \t]*của[ \t]+{title}(?P<issuer>(?:{name})(?:[ \t]+và[ \t]+{title}(?:{name}))*)(?!\w)"
    )


# An official's title before the body they head: "của Giám đốc Sở Nội vụ", "của Trưởng phòng Tài nguyên …".
OFFICIAL_TITLE = (
    r"(?:Bộ trưởng|Thủ trưởng|Phó Chủ tịch|Chủ tịch|Giám đốc|Trưởng(?=[ \t\n]+(?:[Pp]hòng|[Bb]an)\b)|Tổng cục trưởng|Cục trưởng|Chi cục trưởng"
    r"|Chánh [Vv]ăn phòng|Hiệu trưởng|Viện trưởng|Tổng Giám đốc)"
)
# The words that open a body's name (Nghị định 30/2020's bodies, the Party's, mass organisations).
BODY_KIND = (
    r"(?:Sở|Bộ|Tổng cục|Cục|Chi cục|Ủy ban|UBND|HĐND|Hội đồng|Phòng|Ban|Văn phòng|Trung tâm|Công ty|Trường|Học viện|Viện|Tỉnh ủy|Thành ủy"
    r"|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Công an|Hiệp hội|Hội(?![ \t\n]+nghị)|Tổng Liên đoàn|Liên đoàn|Liên minh|Tỉnh đoàn|Thành đoàn|Đoàn|Mặt trận|Tòa án|Viện kiểm sát"
    r"|Thanh tra|Kho bạc|Bảo hiểm|Ngân hàng|Bệnh viện|Chính phủ|Quốc hội|Thủ tướng|Bộ Chỉ huy|Bộ Tư lệnh|Cảnh sát)"
)
# "Xét đề nghị của Sở Giáo dục và Đào tạo tại Tờ trình số 1138/TTr-SGDĐT", "… của Hiệp hội Doanh nghiệp
# tỉnh tại Văn bản số 01/BC-HHDN": the issuer stated before
ISSUER_BEFORE = re.compile(
    rf"(?:của|và)[ \t]+(?P<title>{OFFICIAL_TITLE}[ \t]+)?"
    rf"(?P<issuer>{BODY_KIND}\b[^,;.\n]{{0,80}}?)[ \t]+tại[ \t]+(?:[Vv]ăn bản[ \t]+(?:số[ \t]+)?)?$"
)
# Words that end a body's name stated after a citation: "… của Sở Nội vụ tỉnh Lâm Đồng về việc …".
NAME_STOPS = (
    r"về|V/v|v/v|việc|đề nghị|theo|đã|thì|gửi|tại|hướng dẫn|quy định|ban hành|đến|cho|trình|với|nay|là|có|được|nhằm|thông báo|chỉ đạo"
    r"|triển khai|giao|phê duyệt|chuyển|xin|đối với|trong|từ|khi|sau|trước|để|năm|ngày|số|lần|kèm|tổ chức|thành lập|sửa đổi|bổ sung"
)
# "… ngày 29/8/2025 của Sở Nội vụ tỉnh Lâm Đồng về việc …", "… của Giám đốc Sở Nội vụ", "… của Hiệp hội Doanh nghiệp tỉnh":
# any body, known to the registry or not, named from its kind word up to the words that end a name.
STATED_BODY = re.compile(
    rf"[ \t\n]*,?[ \t\n]*của[ \t\n]+(?P<title>{OFFICIAL_TITLE}[ \t\n]+)?(?P<issuer>{BODY_KIND}(?![^\W_])"
    rf"(?:[ \t\n]+(?!(?i:{NAME_STOPS})(?![^\W_]))(?!và[ \t\n]+{BODY_KIND}(?![^\W_]))[^\s,;.()“”\"]+){{0,12}})"
)


def official_name(stated: str) -> str:
    """A body's name as stated, abbreviations written out, and completed to the registry's name when
    it is its short form (``Thủ tướng`` → ``Thủ tướng Chính phủ``); another body the registry files
    under the same row (``Ban Thường vụ Tỉnh ủy`` under ``Tỉnh ủy``) keeps its own name.

    >>> official_name("Thủ tướng"), official_name("Ban Thường vụ Tỉnh ủy"), official_name("UBND tỉnh")
    ('Thủ tướng Chính phủ', 'Ban Thường vụ Tỉnh ủy', 'Ủy ban nhân dân tỉnh')
    """
    known = issuer_by_name().get(fold(stated))
    if known is not None and fold(known.name).startswith(fold(stated)):
        return known.name
    return official_spelling(expand_abbreviations(stated))


PLACE_LEVELS = ("huyện", "quận", "thị xã", "thành phố", "tỉnh")


def _ends_in_a_level(known: re.Match[str]) -> bool:
    return known.group("issuer").endswith(PLACE_LEVELS)


def _names_its_place(known: re.Match[str], text: str, body_end: int) -> bool:
    """Whether the words after a registry name that ends in a level (``UBND huyện``) name the place:
    ``của UBND huyện Lâm Hà`` is that district's committee, not any district's."""
    after = text[known.end() : body_end].split()
    return _ends_in_a_level(known) and bool(after) and after[0][:1].isupper()


def stated_body(text: str, pos: int, end: int) -> tuple[str, str, int] | None:
    """The body a citation states after its symbol or date (``của …``): ``(issuer, as written, end)``,
    the official's title dropped (kept in the words), the registry's spelling where it knows the body.

    >>> stated_body(" của Giám đốc Sở Nội vụ tỉnh Lâm Đồng về việc cử", 0, 60)[:2]
    ('Sở Nội vụ tỉnh Lâm Đồng', 'Giám đốc Sở Nội vụ tỉnh Lâm Đồng')
    >>> stated_body(" của Thủ tướng về việc", 0, 30)[0]
    'Thủ tướng Chính phủ'
    """
    match = STATED_BODY.match(text, pos, end)
    if match is None:
        return None
    words = match.group("issuer").split()
    while words and words[-1] in ("và", "của", "-"):
        words.pop()
    name = " ".join(words)
    issuer = official_name(name)
    written = " ".join(((match.group("title") or "") + name).split())
    return issuer, written, match.start("issuer") + len(" ".join(match.group("issuer").split()[: len(words)]))


# ", ngày 05/02/2021" / " ngày 05 tháng 02 năm 2021" / " ban hành ngày …": the words before a date
DATE_LEAD = re.compile(r"[ \t]*,?[ \t]*(?:ban hành[ \t]+)?")



def is_form_code(before: str) -> bool:
    """Things that look like symbols but are forms: "mẫu số 02/KK", "Phụ lục 01/BC".

    >>> is_form_code("theo mẫu số "), is_form_code("Nghị quyết số ")
    (True, False)
    """
    tail = before.removesuffix("\n").rstrip(" \t").lower()
    if tail.endswith("số"):
        tail = tail[:-2].rstrip(" \t")
    return tail.endswith(("mẫu", "phụ lục"))

# "Luật Phòng, chống bệnh truyền nhiễm", "Bộ luật Hình sự", "Pháp lệnh …". "Luật" and "Bộ luật"
# are found from the literal "uật" they share, "Pháp lệnh" from its own; the law is then matched
# where it starts (one pattern for all three would stop the scan at every letter L, B and P).
LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
# "Luật tiếp công dân số " just before a law's number: its name
LAW_NAMED_BEFORE_NUMBER = re.compile(r"(?P<law>(?:Luật|Bộ luật)[ \t]+[^\n,;.:()]{2,80}?)[ \t]+số[ \t]*$")
# Codes often written in lower case after "Bộ luật": "Bộ luật lao động", "Bộ luật hình sự"
CODES_WRITTEN_LOWER = r"(?:lao động|hình sự|dân sự|tố tụng|hàng hải)\b"
# "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa
# phương": one law, whose name holds the names of the laws it amends (and "và" between them).
AMENDING_LAW = re.compile(
    r"(?P<type>Luật)[ \t]+(?P<name>sửa đổi,? bổ sung[^.;:()\n\"“”]{2,250}?)"
    r"(?=[ \t]+(?:(?:số|năm|ngày)[ \t]+\d|đã\b|được\b|quy định\b|về việc\b)|[.;:()\n\"“”]|$)"
)
# "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "Hiến pháp năm 2013"
# (a bare "trong khuôn khổ Hiến pháp" speaks of the Constitution, it does not cite it)
CONSTITUTION = re.compile(
    r"(?P<type>Hiến pháp)(?P<name>[ \t]+nước[ \t]+Cộng h[òo]a xã hội chủ nghĩa Việt Nam(?:[ \t]+năm[ \t]+\d{4})?|[ \t]+năm[ \t]+\d{4})"
)
NAMED_LAWS = {
    law_type: re.compile(
        rf"(?P<type>{law_type.replace('luật', '[lL]uật')})(?<!\w.{{{len(law_type)}}})[ \t]+(?P<name>{CODES_WRITTEN_LOWER}(?!\w)|[A-ZĐ][^.;:()\n\"“”]{{2,100}}?"
        r"(?=[ \t]+(?:số|năm|ngày|và|đã|được|quy định|về việc|trong)\b|,[ \t]+[A-ZĐ]|[.;:()\n\"“”]|$))"
    )
    for law_type in LAW_TYPES[:3]
}


def find_named_laws(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Laws cited by name, in text order; what one match covers is not matched again."""
    found: list[re.Match[str]] = []
    for pos, word in keyword_hits(text).find("law", start, end):
        if word == "Pháp lệnh":
            match = NAMED_LAWS["Pháp lệnh"].match(text, pos, end)
        elif word == "Hiến pháp":
            match = CONSTITUTION.match(text, pos, end)
        elif pos > start and text[pos - 1] == "L" and text.startswith("uật sửa đổi", pos):
            match = AMENDING_LAW.match(text, pos - 1, end)
        elif pos == start:
            continue  # "uật" is a law only after "L" or "Bộ l"
        elif pos - 4 >= start and text.startswith(("Bộ l", "Bộ L"), pos - 4):
            match = NAMED_LAWS["Bộ luật"].match(text, pos - 4, end)  # "Bộ Luật lao động": a capital L is common
        elif text[pos - 1] == "L":
            match = NAMED_LAWS["Luật"].match(text, pos - 1, end)
        else:
            continue
        if match:
            found.append(match)
    found.sort(key=lambda m: m.start())
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


@cache
def _known_law_names() -> tuple[str, ...]:
    names = {r.subject for r in central_documents().values() if r.type in LAW_TYPES and r.subject}
    return tuple(sorted(names, key=len, reverse=True))


def known_law_end(text: str, pos: int, end: int) -> int | None:
    """Where a law named in the reference table ends, if one is named at ``pos``.

    >>> known_law_end("Thực hiện Luật Phòng, chống bệnh truyền nhiễm, các cấp …", 10, 60)
    45
    """
    for name in _known_law_names():
        stop = pos + len(name)
        if stop <= end and text.startswith(name, pos) and not (stop < len(text) and text[stop].isalnum()):
            return stop
    return None


@cache
def _appeal() -> re.Pattern[str]:
    # "Lời kêu gọi của đồng chí Tổng Bí thư Nguyễn Phú Trọng gửi đồng bào …"

    titles = "|".join(re.escape(t) for t in person_titles() if t[0].isupper())
    return re.compile(rf"(?<!\w)(?P<type>Lời kêu gọi)[ \t]+của[ \t]+(?:đồng chí[ \t]+)?(?P<title>{titles})[ \t]+", re.IGNORECASE)


# "Lời kêu gọi" in any case ends in "ọi" or "ỌI": found from those words (see keywords), the
# appeal is then matched where it would start ("Lời kêu g" is nine letters).
APPEAL_LEAD = len("Lời kêu g")


def find_appeals(text: str, start: int, end: int) -> list[re.Match[str]]:
    hits = [pos for pos, _ in keyword_hits(text).find("appeal", start + APPEAL_LEAD, end)]
    found: list[re.Match[str]] = []
    for hit in hits:
        if found and hit - APPEAL_LEAD < found[-1].end():
            continue
        match = _appeal().match(text, hit - APPEAL_LEAD, end)
        if match:
            found.append(match)
    return found


@cache
def _relation_cue() -> tuple[re.Pattern[str], dict[str, str]]:
    """Cue words, matched in lower case from a class of their first letters (the scan skips ahead)."""
    cues = dict(relation_cues())
    by_initial: dict[str, list[str]] = {}
    for cue in sorted(cues, key=len, reverse=True):
        by_initial.setdefault(cue[0], []).append(re.escape(cue[1:]))
    initials = "".join(sorted(by_initial))
    rests = "|".join(f"(?<={re.escape(i)})(?:{'|'.join(r)})" for i, r in sorted(by_initial.items()))
    return re.compile(rf"[{initials}](?<!\w.)(?:{rests})(?!\w)"), cues


@cache
def _later_mentions(doc_type: str) -> re.Pattern[str]:
    """Later short forms of a cited type: "Nghị quyết 128", "nghị quyết số 128", "Chỉ thị này".

    Searched only for the types the text cites in full, from the literal after the first letter
    (so that one scan finds both "Nghị quyết" and "nghị quyết").
    """
    first, rest = doc_type[0], doc_type[1:]
    initials = "".join(dict.fromkeys((first, first.lower())))
    return re.compile(
        rf"{re.escape(rest)}(?<=[{initials}]{re.escape(rest)})(?<!\w.{{{len(doc_type)}}})[ \t]+"
        rf"(?:(?:số[ \t]+)?(?P<number>\d{{1,5}})(?![\d/\w-])|(?P<this>này|nói trên)(?!\w))"
    )


@dataclass(frozen=True)
class ShortMention:
    start: int
    end: int
    number: int | None  # "Nghị quyết 128"; None for "Chỉ thị này"


def later_mentions(text: str, start: int, end: int, doc_type: str) -> list[ShortMention]:
    """The short forms of ``doc_type`` in ``text[start:end]``: as the type is written, then in lower case.

    >>> [(m.start, m.number) for m in later_mentions("Nghị quyết 128 và nghị quyết này", 0, 32, "Nghị quyết")]
    [(0, 128), (18, None)]
    """
    found = [
        ShortMention(m.start() - 1, m.end(), int(m.group("number")) if m.group("number") else None)
        for m in _later_mentions(doc_type).finditer(text, start + 1, end)
    ]
    return [m for m in found if text[m.start] == doc_type[0]] + [m for m in found if text[m.start] != doc_type[0]]


def _canonical_type(written: str) -> str | None:
    doc_type = type_by_name().get(fold(written))
    return doc_type.name if doc_type else None


@dataclass(frozen=True)
class CitingContext:
    """What the citing document contributes: its province (for local citations) and its own type."""

    province: str | None
    own_type: str | None
    own_symbol_span: tuple[int, int] | None
    # The document's own canonical symbol: an annex repeating it ("Ban hành kèm theo Thông tư số
    # 28/2020/TT-BGDĐT") refers to the document itself, not to another one.
    own_canonical: str | None = None
    # Who the document is addressed to ("Kính gửi: …"): a letter that "nhận được" (received) a
    # document from one of them replies to it
    recipients: tuple[str, ...] = ()


@dataclass
class Found:
    """The citations of one block, merged as the finders add them: one per cited document, in the
    order first mentioned, with every span that mentions it."""

    norm: Normalised
    start: int
    end: int
    context: CitingContext
    by_key: dict[str, Citation] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    # "Luật tiếp công dân số 42/2013/QH13 …, Luật Tiếp công dân": a law's name written before its
    # number once names the same law later (in any case): its folded name → its key
    numbered_by_name: dict[str, str] = field(default_factory=dict)
    # Every mention of every citation: its key and where it is written (normalised offsets)
    places: list[tuple[str, int, int]] = field(default_factory=list)

    def add(self, key: str, citation: Citation, start: int, end: int) -> None:
        """A citation found at ``[start, end)``: a new one, or one more mention of one found before
        (filling what it lacked)."""
        self.places.append((key, start, end))
        existing = self.by_key.get(key)
        if existing is None:
            self.by_key[key] = citation
            self.order.append(key)
            return
        existing.mentions += 1
        existing.spans.extend(citation.spans)
        for attr in ("date", "issuer", "issuer_basis", "year"):
            if getattr(existing, attr) is None and getattr(citation, attr) is not None:
                setattr(existing, attr, getattr(citation, attr))
        for warning in citation.warnings:
            if warning not in existing.warnings:
                existing.warnings.append(warning)

    def mention(self, key: str, start: int, end: int) -> None:
        """One more mention of a citation found before, at ``[start, end)`` of the normalised text."""
        self.places.append((key, start, end))
        self.by_key[key].mentions += 1
        self.by_key[key].spans.append(Span(*self.norm.to_original(start, end)))

    def drop(self, key: str) -> None:
        del self.by_key[key]
        self.order.remove(key)
        self.places = [place for place in self.places if place[0] != key]

    def citations(self) -> list[Citation]:
        return [self.by_key[key] for key in self.order]


def find_citations(norm: Normalised, start: int, end: int, context: CitingContext) -> list[Citation]:
    """Every cited document of ``norm.text[start:end]``: the finders in turn, one merge."""
    found = Found(norm, start, end, context)
    for finder in CITATION_FINDERS:
        finder(found)
    return found.citations()


def numbered_documents(found: Found) -> None:
    """Documents cited by their symbol: ``Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ``."""
    text, start, end, context = found.norm.text, found.start, found.end, found.context
    for match in find_symbols(text, start, end):
        if context.own_symbol_span and match.start() < context.own_symbol_span[1] and match.end() > context.own_symbol_span[0]:
            continue
        before = text[max(start, match.start() - 60) : match.start()]
        if is_form_code(before):
            continue
        symbol = symbol_from_match(match)
        if not (symbol.type_code or symbol.year or len(symbol.issuer_codes) > 1 or symbol.issuer_name) and not (
            type_before(before) or GENERIC_DOCUMENT_BEFORE.search(before)
        ):
            continue  # "02/KK": an unknown code without type, year or department is not a document symbol
            # (unless the words before say it is one: "Công văn số 123/PYT&MT", "văn bản số 150621/XYZ")
        if context.own_canonical and symbol.canonical == context.own_canonical:
            continue  # the document's own number, repeated in its annexes or a copy stamp
        citation, cite_start, cite_end = _numbered(found.norm, match, symbol, before, start, end, context)
        found.add(symbol.canonical, citation, cite_start, cite_end)
        law_named = LAW_NAMED_BEFORE_NUMBER.search(before) if "số" in before[-6:] and "uật" in before else None
        if law_named:
            found.numbered_by_name[fold(law_named.group("law"))] = symbol.canonical
            if found.by_key[symbol.canonical].type is None:  # "Luật tiếp công dân số 42/2013/QH13": a law
                found.by_key[symbol.canonical].type = "Bộ luật" if law_named.group("law").startswith("Bộ") else "Luật"


def named_laws(found: Found) -> None:
    """Laws cited by their name (``Luật Phòng, chống bệnh truyền nhiễm``), not inside another's title."""
    text, start, end = found.norm.text, found.start, found.end
    titled_only: dict[str, bool] = {}
    for match in find_named_laws(text, start, end):
        # A law whose name the reference table knows ends where that name ends: law names hold
        # commas ("Phòng, chống"), so the pattern alone may run on into the sentence.
        law_end = known_law_end(text, match.start(), end) or match.end()
        following = text[law_end : law_end + 40]
        if re.match(r"[ \t]+(?:số[ \t]+)?\d", following):
            numbered = next(find_symbols(text, law_end, min(end, law_end + 40)), None)
            if numbered is not None and symbol_from_match(numbered).canonical in found.by_key:
                found.numbered_by_name[fold(text[match.start() : law_end])] = symbol_from_match(numbered).canonical
            continue  # numbered: the symbol path has it
        same = found.numbered_by_name.get(fold(text[match.start() : law_end]))
        if same is not None:
            found.mention(same, match.start(), law_end)
            continue
        law = _unnumbered(found.norm, match.start(), law_end, match.group("type"), None, None, start, end)
        lead = DATE_LEAD.match(text, law_end, end)
        dated = STATED_DATE.match(text, lead.end() if lead else law_end, end)
        if dated:
            law.date = date_from_match(dated)
            law.year = int(law.date[:4]) if law.date else None
        key = f"law:{fold(text[match.start('name') : law_end])}"
        if dated is None and _in_a_cited_title(text, match.start(), start):
            titled_only.setdefault(key, True)
        else:
            titled_only[key] = False
        found.add(key, law, match.start(), law_end)
    for key, only in titled_only.items():
        if only:
            # "Nghị định số 116/2021/NĐ-CP … Quy định chi tiết một số điều của Luật Phòng, chống ma túy":
            # a law named only inside another document's title is that document's subject, not a citation
            found.drop(key)


def appeals(found: Found) -> None:
    """Appeals cited by who made them: ``Lời kêu gọi của Tổng Bí thư Nguyễn Phú Trọng``."""
    text, start, end = found.norm.text, found.start, found.end
    for match in find_appeals(text, start, end):
        person = name_at(text, match.end())
        if person is None:
            continue
        title = match.group("title")
        issuer = f"{title} {person[0]}"
        _, sentence_end = sentence_bounds(text, match.start(), person[1])
        stop = re.search(r"[.;]\s|[.;]$|\n", text[match.start() : sentence_end])
        cite_end = match.start() + stop.start() if stop else sentence_end
        level = "central" if title in central_titles() else None
        found.add(f"appeal:{fold(issuer)}", _unnumbered(found.norm, match.start(), cite_end, "Lời kêu gọi", issuer, level, start, end), match.start(), cite_end)


def short_mentions(found: Found) -> None:
    """Later mentions by type and number (``Nghị quyết 128``) or by type alone (``Chỉ thị này``) of
    a document cited before: more mentions of it, where only one cited document can be meant."""
    text, start, end, norm = found.norm.text, found.start, found.end, found.norm
    by_type_number: dict[tuple[str, int], list[str]] = {}
    by_type: dict[str, list[str]] = {}
    for key in found.order:
        citation = found.by_key[key]
        if citation.type:
            by_type.setdefault(citation.type, []).append(key)
            if citation.number is not None:
                by_type_number.setdefault((citation.type, citation.number), []).append(key)
    # The spans the citations were found at, sorted, before short mentions add theirs: a short mention
    # inside one of them ("Nghị quyết 128" inside "Nghị quyết 128/NQ-CP") is that citation, not another
    # mention. Looked up by bisection (a walk over a list growing with every mention was quadratic).
    cited_spans = {key: sorted((s.start, s.end) for s in found.by_key[key].spans) for key in found.order}
    for doc_type, keys_of_type in by_type.items():
        for mention in later_mentions(text, start, end, doc_type):
            if mention.number is None:
                # "Thông báo này" in a Thông báo is the notice itself; with two cited: ambiguous
                keys = keys_of_type if doc_type != found.context.own_type and len(keys_of_type) == 1 else []
            else:
                keys = by_type_number.get((doc_type, mention.number), [])
                if len(keys) == 1 and _inside(cited_spans[keys[0]], norm.to_original(mention.start, mention.end)):
                    keys = []
            if len(keys) == 1:
                found.mention(keys[0], mention.start, mention.end)


# -- what each citation does: its relation ------------------------------------------------------
#
# Each mention is judged in its clause (a sentence, or a part of one between semicolons: the items of
# a "Căn cứ …;" preamble), from the cue words before it: only a "Căn cứ" opening a clause of the
# preamble or of a letter's first paragraph grounds the document (legal_basis); one inside a
# parenthesis or a bullet point does not. A document named after another in the same clause, in
# that one's title or description ("… sửa đổi, bổ sung một số điều của Nghị định số 123/2013"), is
# only mentioned (refers), unless the words between them list it beside the first ("và") or say the
# first was amended by it ("được sửa đổi, bổ sung tại"): then it shares the first one's relation. A
# document cited several times takes its strongest relation, in the order vbpl.vn ranks them.

PRECEDENCE = ("replaces", "repeals", "amends", "corrects", "consolidates", "legal_basis", "guides", "implements", "replies", "refers")
# Where a clause starts: a semicolon, a blank line, a sentence's end, a colon ending a line, a line
# opening a bullet point or a numbered item.
ROLE_CLAUSE_BREAK = re.compile(
    r";|\n[ \t]*\n|[.?!](?=[ \t\n]+[^\W\d_])|:[ \t]*\n|\n(?=[ \t]*(?:[-+•–*]|\d{1,2}[.)]|[a-zđ]\))[ \t])"
    r"|\n(?=[ \t]*(?:Căn cứ|Trên cơ sở|Thực hiện|Triển khai|Quán triệt|Theo|Xét|Phúc đáp|Trả lời|Tiếp tục|Để|Về việc|Nhằm)\b)"
)
BULLET_LINE = re.compile(r"[ \t]*(?:[-+•–*]|\d{1,2}[.)]|[a-zđ]\)|[IVX]{1,4}\.)[ \t]")
# Between two documents of one clause: the second listed beside the first, or amending it
LISTING_START = re.compile(r"[ \t\n,]*(?:VA|HOAC|CUNG|DONG THOI)[ \t\n]")  # (read folded)
LISTING_END = re.compile(r"(?:,|[ \t\n](?:VA|HOAC|CUNG))[ \t\n]+(?:CAC[ \t\n]+)?$")  # (read folded)
AMENDED_BY = re.compile(r"(?:đã[ \t]+)?được[ \t]+(?:sửa[ \t]+đổi|bổ[ \t]+sung|sửa[ \t]+đổi,[ \t]+bổ[ \t]+sung)(?:[ \t]+một[ \t]+số[ \t]+điều)?[ \t]+(?:tại|bởi|theo)[ \t\n]")
# Clause-level actions that start a new role even after another document in the clause, when they
# follow it at once ("…, đồng thời triển khai …")
ACTIONS = frozenset({"implements", "legal_basis", "replies"})
NEW_ACTION = re.compile(r"[ \t\n]*(?:,|[ \t\n]và|[ \t\n]đồng thời)[ \t\n]+(?:đồng thời[ \t\n]+)?(?:tiếp tục[ \t\n]+)?\w+(?:[ \t]+\w+){0,2}")
# A change a document makes to another names it at once: "thay thế Quyết định số", "sửa đổi, bổ sung
# một số điều của Nghị định số", "bãi bỏ các Quyết định"
CHANGES = frozenset({"replaces", "repeals", "amends", "corrects", "consolidates"})
CHANGED_OBJECT = re.compile(r"[ \t\n,]*(?:(?:bổ sung|sửa đổi|và|các|toàn bộ|một số|điều|khoản|điểm|của|tại|nội dung|quy định|[\w.]{1,4})[ \t\n,]*){0,8}")
# How far back a mention's clause is looked for, and how many items of a list
CLAUSE_REACH = 1500
CLAUSE_NEAR = 200  # looked at first (see _clause_start)
LIST_REACH = 30
# "khoản 5 Điều 1", "điểm a khoản 4 Điều 6": the part of a document a mention names
# "đặc biệt là", "nhất là", "trong đó có": a list's next item named as the most important (read folded)
LIST_CONNECTOR = re.compile(r"^(?:VA[ \t\n]+)?(?:DAC BIET|NHAT|TRONG DO|TRUOC HET|CUNG NHU|KE CA)(?:[ \t\n]+(?:LA|CO))?[ \t\n,:]*")
ARTICLE_WORDS = re.compile(r"(?:(?:DIEM|KHOAN|DIEU|MUC|CHUONG|PHAN)[ \t\n]+[\w.]+[ \t\n,]*)+")  # (read folded)


def relations(found: Found) -> None:
    """Each citation's relation: the strongest of its mentions' (``relation_all`` lists them when they
    differ), and the cue words that decided it."""
    text = found.norm.text
    places = sorted(found.places, key=lambda place: place[1])
    roles: dict[str, list[tuple[str, str | None]]] = {}
    decided: list[Judged] = []  # the mentions judged so far, in the order of their starts
    for key, start, end in places:
        role, cue = _mention_role(text, found, key, start, decided)
        roles.setdefault(key, []).append((role, cue))
        decided.append((start, end, role, key))
    for key, judged in roles.items():
        citation = found.by_key[key]
        ranked = sorted({role for role, _ in judged}, key=PRECEDENCE.index)
        citation.relation = ranked[0]
        citation.relation_all = ranked if len(ranked) > 1 else None
        citation.relation_cue = next((cue for role, cue in judged if role == ranked[0] and cue), None)
        named = relation_cue_details().get(citation.relation_cue.lower()) if citation.relation_cue else None
        citation.relation_detail = named if named and _detail_of(named) == citation.relation else default_detail(citation.relation)


def _detail_of(detail: str) -> str | None:
    term = terms("relation_detail").get(detail)
    return term.style if term else None


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: the end of the last clause break in the
    ``CLAUSE_REACH`` characters before it (not before ``lo``), else the window's start.

    The breaks are looked for in the last ``CLAUSE_NEAR`` characters first, from a point no break
    can straddle (a break of several characters is a newline or colon, then blanks, then a
    newline): a scan from there meets the same breaks as one from the window's start, so the last
    one found is the same."""
    window_start = max(lo, pos - CLAUSE_REACH)
    near = max(window_start, pos - CLAUSE_NEAR)
    while near > window_start and text[near - 1] in " \t\n:":
        near -= 1
    for start in (near, window_start) if near > window_start else (window_start,):
        last = None
        for match in ROLE_CLAUSE_BREAK.finditer(text, start, pos):
            last = match
        if last is not None:
            return last.end()
    return window_start


def _mention_role(text: str, found: Found, key: str, pos: int, decided: list[Judged]) -> tuple[str, str | None]:
    start = _clause_start(text, found.start, pos)
    earlier = _last_before(decided, start, pos, key)
    if earlier is not None:
        _, first_end, first_role, _ = earlier
        gap = text[first_end:pos]
        if _listed_beside(gap):
            return first_role, None
        opening = NEW_ACTION.match(gap)
        if opening:  # "…, triển khai Kế hoạch số …": an action of its own after the first document
            role, cue = _cued(text, found, first_end, first_end + opening.end(), only=ACTIONS)
            if role:
                return role, cue
        return "refers", None
    role, cue = _cued(text, found, start, pos, key=key)
    if role:
        return role, cue
    if start > found.start and text[start - 1] == ";" and _heads_its_clause(text[start:pos]):
        # a list's next item ("Căn cứ …; Nghị định số …; Điều 7 Thông tư số …;"): the list's cue,
        # from the item that opens the list
        for _ in range(LIST_REACH):
            end = start - 1
            start = _clause_start(text, found.start, end)
            lead, lead_cue = _cued(text, found, start, end, leading=True)
            if lead:
                return lead, lead_cue
            first = _first_from(decided, start, end)
            if first is not None:
                return first[2], None  # the list's item before it: the role of the document it names first
            said, said_cue = _cued(text, found, start, end)
            if said:  # "… thực hiện nghiêm các chỉ đạo của Bộ Chính trị …; đặc biệt là Lời kêu gọi …"
                return said, said_cue
            if not (start > found.start and text[start - 1] == ";"):
                break
    return "refers", None


Judged = tuple[int, int, str, str]  # a mention judged: start, end, role, key (in the order of their starts)


def _last_before(decided: list[Judged], start: int, pos: int, key: str) -> Judged | None:
    """The last mention of another document that starts in ``[start, pos)`` and ends by ``pos``;
    read back from the latest, so the walk stays within the clause (60,000 short mentions of one
    document in a text cost no more than one)."""
    for judged in reversed(decided):
        if judged[0] < start:
            return None
        if judged[0] < pos and judged[1] <= pos and judged[3] != key:
            return judged
    return None


def _first_from(decided: list[Judged], start: int, end: int) -> Judged | None:
    """The first mention that starts in ``[start, end)``."""
    index = bisect_left(decided, (start,))
    return decided[index] if index < len(decided) and decided[index][0] < end else None


def _heads_its_clause(before: str) -> bool:
    """Nothing but a bullet or the document's type (and an article) before a mention in its clause."""
    stripped = LIST_CONNECTOR.sub("", fold(before.strip(" \t\n,-+•–*")))
    if not stripped:
        return True
    typed = _type_at_end().search(stripped)
    return not ARTICLE_WORDS.sub("", stripped[: typed.start()] if typed else stripped).strip(" \t\n,")


def _cued(
    text: str, found: Found, start: int, pos: int, *, only: frozenset[str] | None = None, leading: bool = False, key: str | None = None,
) -> tuple[str | None, str | None]:
    """The relation the last cue of ``text[start:pos]`` names, and its words; with ``leading``, only a
    cue that opens the clause. A "Căn cứ" opening the clause holds over the words after it ("Căn cứ
    quy định tại khoản 5 Điều 1 Nghị định …")."""
    pattern, cues = _relation_cue()
    window = text[start:pos].lower()
    matches = list(pattern.finditer(window))
    if leading:
        matches = matches[:1] if matches and not window[: matches[0].start()].strip(" \t\n-+•–*") else []
    opening = matches[0] if matches and cues[matches[0].group(0)] == "legal_basis" and _grounds_the_document(text, start, start + matches[0].start()) else None
    for match in reversed(matches):
        relation = cues[match.group(0)]
        if only is not None and relation not in only:
            continue
        if relation == "refers" and opening is not None:
            match, relation = opening, "legal_basis"
        elif relation == "legal_basis" and match is not opening:
            if window[: match.start()].strip(" \t\n"):
                continue  # "(căn cứ Quyết định …)", "… theo đúng quy định, căn cứ …": judged by the other words
            # "Trên cơ sở Nghị quyết …, các cơ quan, đơn vị linh hoạt quyết định …" opening a sentence of
            # the body: the recipients are told to act on it
            relation = "implements"
        elif relation in CHANGES and not CHANGED_OBJECT.fullmatch(window[match.end() :]):
            continue  # "… hợp nhất các tỉnh, thành phố theo Nghị quyết …": what is changed is not the document
        if match.group(0) == "nhận được":
            relation = "replies" if key is not None and _from_an_addressee(found, key) else "refers"
        return relation, one_line(found.norm.written[start + match.start() : start + match.end()])
    return None, None


def _from_an_addressee(found: Found, key: str) -> bool:
    """Whether the cited document was written by one the letter is addressed to ("Kính gửi: Sở Nội vụ"
    answering "… nhận được Tờ trình số 2114/TTr-SNV …")."""
    issuer = found.by_key[key].issuer if key in found.by_key else None
    if not issuer or not found.context.recipients:
        return False
    wrote = fold(issuer)
    return any(wrote in fold(recipient) or fold(recipient) in wrote for recipient in found.context.recipients if len(recipient) > 3)


def _grounds_the_document(text: str, clause_start: int, cue: int) -> bool:
    """A "Căn cứ" (or "Trên cơ sở") that opens its line, or an item of a list of them after a
    semicolon, and not a bullet point's: one inside a sentence, a parenthesis ("(căn cứ Quyết định
    …)") or a numbered section of the body does not ground the document."""
    if text[clause_start:cue].strip(" \t\n"):
        return False
    line_start = text.rfind("\n", 0, cue) + 1
    if text[line_start:cue].strip(" \t"):
        return clause_start > 0 and text[clause_start - 1] == ";"
    return not BULLET_LINE.match(text, line_start)


@cache
def _type_at_end() -> re.Pattern[str]:
    """A document's type (and the words of its name) ending a gap, before its number: "…, Luật khiếu nại số "."""
    names = sorted({fold(t.name) for t in document_types()}, key=len, reverse=True)
    return re.compile(rf"(?:{alternation(names)})(?:[ \t\n]+[^\W\d][^,;.\n]{{0,60}}?)?(?:[ \t\n]+SO)?[ \t\n]*$")


def _listed_beside(gap: str) -> bool:
    """Whether the words between two mentions list the second beside the first ("…, Luật Tố cáo số",
    "… và Công điện số"; read without diacritics, as OCR may leave a type: "Hướng dân số"), or say
    the first was amended by it ("được sửa đổi, bổ sung tại")."""
    if AMENDED_BY.search(gap):
        return True
    folded = fold(gap)
    if LISTING_START.match(folded):
        return True  # "… của Văn phòng Trung ương Đảng và của Thủ tướng Chính phủ … tại Thông báo số …"
    typed = _type_at_end().search(folded)
    rest = folded[: typed.start()] if typed else folded
    return not rest.strip(" \t\n,") or LISTING_END.search(rest) is not None


# The finders, in the order they run: a named law written with its number is the numbered one's;
# short mentions count only documents the others found.
CITATION_FINDERS = (numbered_documents, named_laws, appeals, short_mentions, relations)


# Where a cited document's title ends: a clause break, or the next "Căn cứ"/"Theo" clause.
CLAUSE_BREAK = re.compile(r"[;]|\.\s|\n\s*\n|Căn cứ|Theo đề nghị|Xét đề nghị")
# A cited title names laws after these words: "quy định chi tiết một số điều của Luật …"
TITLE_WORDS = re.compile(r"(?:điều|thi hành|chi tiết|hướng dẫn)[^;.]{0,40}?của[ \t\n]+$|,[ \t\n]+$|[ \t\n]và[ \t\n]+$")
# How far back a cited document's title is looked for.
TITLE_REACH = 300


def _in_a_cited_title(text: str, pos: int, start: int) -> bool:
    """Whether ``pos`` stands inside the title of a numbered document cited earlier in the same clause
    (``Nghị định số 116/2021/NĐ-CP ngày … của Chính phủ Quy định chi tiết một số điều của Luật …``)."""
    lo = max(start, pos - TITLE_REACH)
    window = text[lo:pos]
    breaks = list(CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    if not SYMBOL_IN_CLAUSE.search(clause):
        return False
    return TITLE_WORDS.search(clause) is not None


# A numbered document's symbol: digits, a slash, capitals ("116/2021/NĐ-CP", "12-TB/TU").
SYMBOL_IN_CLAUSE = re.compile(r"\d[-/](?:\d{4}/)?[A-ZĐ]")


def _inside(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether ``span`` lies inside one of the sorted, non-nested ``spans``.

    >>> _inside([(0, 10), (20, 30)], (22, 25)), _inside([(0, 10), (20, 30)], (12, 14))
    (True, False)
    """
    start, end = span
    index = bisect_right(spans, (start, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _numbered(
    norm: Normalised, match: re.Match[str], symbol: Symbol, before: str, start: int, end: int, context: CitingContext
) -> tuple[Citation, int, int]:
    """The citation of a document by its symbol, and where it is written (with its type, date and issuer)."""
    text = norm.text
    warnings: list[str] = []
    type_found = type_before(before)
    cite_start = match.start() - (len(before) - type_found[0]) if type_found else match.start()
    written_type = _canonical_type(type_found[1]) if type_found else None
    if written_type and symbol.type_name and written_type != symbol.type_name:
        warnings.append(f"written as a {written_type} but the symbol {symbol.canonical} is a {symbol.type_name}")
    doc_type = written_type or symbol.type_name or ("Công văn" if not symbol.type_code and not symbol.year else None)
    # What follows the symbol: a date and an issuer, in either order.
    pos = match.end()
    date = None
    stated_issuer = None
    stated_words: str | None = None
    for _ in range(2):
        date_match = DATE_LEAD.match(text, pos, end)
        found_date = STATED_DATE.match(text, date_match.end() if date_match else pos, end)
        if date is None and found_date:
            date = date_from_match(found_date)
            pos = found_date.end()
            continue
        issuer_match = _issuer_after().match(text, pos, end) if stated_issuer is None else None
        # (the body as stated is read only when the registry's name is not the whole of it)
        body = stated_body(text, pos, end) if stated_issuer is None and (issuer_match is None or _ends_in_a_level(issuer_match)) else None
        if issuer_match and not (body is not None and _names_its_place(issuer_match, text, body[2])):
            stated_issuer = issuer_match.group("issuer")
            pos = issuer_match.end()
            continue
        if body is not None:  # a body the registry's names stop short of: "của UBND huyện Lâm Hà"
            stated_issuer, stated_words = body[0], body[1]
            pos = min(end, body[2])
            continue
        break
    cite_end = pos
    if stated_issuer is None and "tại" in text[max(start, cite_start - 20) : cite_start]:
        stated_before = ISSUER_BEFORE.search(text, max(start, cite_start - 120), cite_start)
        if stated_before:
            stated_issuer = stated_before.group("issuer")
            stated_words = " ".join(((stated_before.group("title") or "") + stated_issuer).split())
    issuer: str | None
    issuer_basis: str | None = None
    if stated_issuer:
        issuer = official_name(stated_issuer)
        issuer_basis = f"stated: '{stated_words}'" if stated_words and stated_words != issuer else "stated"
        stated = issuer_by_name().get(fold(stated_issuer))
        symbol_issuer = symbol.issuer_codes[0] if symbol.issuer_codes else None
        if stated and stated.code and symbol_issuer and stated.code != symbol_issuer.rstrip("0123456789"):
            warnings.append(
                f"issuer written as '{issuer}' but the symbol {symbol.canonical} names {symbol.issuer_name or symbol_issuer}"
            )
        level = stated.level if stated else ("district" if names_a_district(issuer) else symbol.level)
    else:
        issuer = symbol.issuer_name
        issuer_basis = f"inferred from the symbol suffix {symbol.issuer_codes[0]}" if issuer else None
        level = symbol.level
    if symbol.ocr_fixed:
        warnings.append(f"number read as {symbol.number} from '{match.group('number')}' (OCR)")
    # Letters that OCR put for digits and were read as digits (normalise(…, ocr=True)).
    read_as, written_as = text[cite_start:pos], norm.written[cite_start:pos]
    digits_read = 0 if read_as == written_as else sum(
        a != b and (b in "OoIl" or b in OCR_LETTER_CONFUSIONS) for a, b in zip(read_as, written_as, strict=True)
    )
    if digits_read:
        warnings.append(f"OCR: read '{_written(norm, cite_start, pos)}' as '{read_as}' ({digits_read} character(s) corrected)")
    year = symbol.year or (int(date[:4]) if date else None)
    spans = [Span(*norm.to_original(cite_start, cite_end))]
    sentence_start, sentence_end = sentence_bounds(text, cite_start, cite_end)
    citation = Citation(
        as_written=_written(norm, cite_start, cite_end),
        symbol=compact(match.group(0)),
        canonical=symbol.canonical,
        type=doc_type,
        number=symbol.number,
        year=year,
        date=date,
        issuer=issuer,
        issuer_basis=issuer_basis,
        level=level,
        province=context.province if level in {"provincial", "district"} else None,
        relation="refers",  # judged by relations() once every mention is found
        mentions=1,
        spans=spans,
        sentence=_written(norm, sentence_start, sentence_end),
        kind=symbol.kind,
        warnings=warnings,
        corrected=bool(digits_read or symbol.ocr_fixed),
        uncertain=digits_read > 1,
    )
    return citation, cite_start, cite_end


def _unnumbered(
    norm: Normalised, cite_start: int, cite_end: int, doc_type: str, issuer: str | None, level: str | None, start: int, end: int
) -> Citation:
    text = norm.text
    sentence_start, sentence_end = sentence_bounds(text, cite_start, cite_end)
    canonical_type = _canonical_type(doc_type) or doc_type
    return Citation(
        as_written=_written(norm, cite_start, cite_end),
        symbol=None,
        canonical=None,
        type=canonical_type,
        number=None,
        year=None,
        date=None,
        issuer=issuer,
        issuer_basis="stated" if issuer else None,
        level=level or ("central" if canonical_type in {"Luật", "Bộ luật", "Pháp lệnh"} else None),
        kind=issuer_kind(issuer) or ("state" if canonical_type in {"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"} else None),
        province=None,
        relation="refers",  # judged by relations() once every mention is found
        mentions=1,
        spans=[Span(*norm.to_original(cite_start, cite_end))],
        sentence=_written(norm, sentence_start, sentence_end),
    )


def _written(norm: Normalised, start: int, end: int) -> str:
    """The text as written, on one line with single spaces."""
    return one_line(norm.written[start:end])


def find(ctx: BlockContext) -> Findings:
    """The documents the block cites; each citation's warnings are the document's too."""
    head = ctx.head
    citing = CitingContext(
        ctx.value("province"), ctx.value("type"), head.symbol_span, head.symbol.canonical if head.symbol else None,
        tuple(ctx.found.get("recipients") or ()),
    )
    citations = find_citations(ctx.norm, ctx.own_text_start, ctx.end, citing)
    return {
        "citations": citations,
        "warnings": [f"{citation.canonical or citation.as_written}: {w}" for citation in citations for w in citation.warnings],
    }
