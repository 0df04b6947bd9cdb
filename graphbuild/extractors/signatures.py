"""Signature blocks: capacity (T/M, K/T, T/L, TM., KT., TL., Q., TUQ.), role in capitals, name.

    T/M BAN THƯỜNG VỤ        ← capacity: "on behalf of" the Standing Board
    PHÓ BÍ THƯ               ← role
    (Đã ký và đóng dấu)      ← skipped
    Phan Văn Thắng           ← name
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from graphbuild.bodies import official_spelling
from graphbuild.extractors.context import BlockContext, Findings
from graphbuild.records import Signer, Span
from graphbuild.tables import fold, signer_capacities, signer_roles, surnames
from graphbuild.wording import AtLineStart, alternation, is_capitals, lines_with_offsets, recase, stripped_lines


@cache
def _capacity_line() -> re.Pattern[str]:
    marks = sorted(signer_capacities(), key=len, reverse=True)
    return re.compile(r"^(?P<mark>" + "|".join(map(re.escape, marks)) + r")[ \t]+(?P<body>\S.*)$")


SKIPPED = re.compile(r"^\(?(?:đã ký|Đã ký|ĐÃ KÝ|ký tên|\(ký)", re.IGNORECASE)
RECIPIENTS_HEADER = re.compile(r"^(?:Nơi nhận|Kính gửi)\s*:", re.IGNORECASE)


# Academic and professional titles printed before a signer's name: "GS.TS. Trần Văn Chứ"
# and the rank of a police or army officer, printed before the name in their bodies' documents
# ("Thiếu tướng Trương Văn An", "Đại tá Lê Bình").
NAME_TITLES = re.compile(
    r"^(?:(?:(?:GS|PGS|TS|ThS|BS|CKII|CKI|KS|Ths|NGƯT|NGND|NSƯT|Đ/c|đ/c)\.?|(?:Đại|Thượng|Trung|Thiếu)[ \t]+(?:tướng|tá|úy|uý))\s*)+(?=[^\W\d_])"
)


@cache
def _surnames_by_fold() -> dict[str, str]:
    by_fold: dict[str, list[str]] = {}
    for name in surnames():
        by_fold.setdefault(fold(name), []).append(name)
    return {key: names[0] for key, names in by_fold.items() if len(names) == 1}


def known_surname(name: str) -> str:
    """A name whose family name lost or changed a diacritic (OCR, typing without marks) gets the family
    name it can only be: ``Nguyên Văn An`` → ``Nguyễn Văn An``; a known family name is kept as written,
    and so is a name written without any diacritics (which of its letters lost them cannot be told).

    >>> known_surname("Nguyên Văn An"), known_surname("Lê Văn Bình"), known_surname("Tran Van Binh")
    ('Nguyễn Văn An', 'Lê Văn Bình', 'Tran Van Binh')
    """
    family, _, rest = name.partition(" ")
    if family in surnames() or name.isascii():  # a name typed without any diacritics is kept as written
        return name
    known = _surnames_by_fold().get(fold(family))
    return f"{known} {rest}" if known and rest else name


@lru_cache(maxsize=4096)
def without_titles(line: str) -> str:
    """``GS.TS. Trần Văn Chứ`` → ``Trần Văn Chứ``; OCR's stray marks around a name dropped (``_ Hoàng Thu Hà``)."""
    return NAME_TITLES.sub("", line.strip(" \t_-~'|`.,:;\"“”"))


@lru_cache(maxsize=8192)
def looks_like_name(line: str) -> bool:
    """A personal name: two to five capitalised words, no digits (``Nguyễn Cảnh Miên``)."""
    words = without_titles(line).split()
    return (
        2 <= len(words) <= 5
        and "   " not in line
        and sum(len(w) >= 2 for w in words) >= len(words) - 1
        and all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words)
    )


def written_name(line: str) -> tuple[str, int, int] | None:
    """The personal name a signature's line holds: ``(name, start, end)``, the offsets within the
    line. Titles and OCR's stray marks around it are not part of it (``GS.TS.``, ``Thiếu tướng``,
    a lone lower-case letter after it); a name printed in capitals is written as names are.

    >>> written_name("Trần Đức Quý a"), written_name("TRẦN ĐỨC QUÝ")
    (('Trần Đức Quý', 0, 12), ('Trần Đức Quý', 0, 12))
    >>> written_name("CHỦ TỊCH") is None
    True
    """
    bare = without_titles(line)
    offset = line.find(bare) if bare else -1
    if offset < 0:
        return None
    words = list(re.finditer(r"\S+", bare))
    while words and len(words[-1].group()) <= 2 and words[-1].group().islower():
        words.pop()  # a mark of the seal or the signature read as a letter
    if not words:
        return None
    name = " ".join(w.group() for w in words)
    if not looks_like_name(name):
        recased = " ".join(w.group().capitalize() for w in words)
        if not (name.isupper() and recased.split()[0] in surnames() and looks_like_name(recased)):
            return None
        name = recased
    return known_surname(name), offset + words[0].start(), offset + words[-1].end()


@cache
def _signature_line() -> AtLineStart:
    """A line that may open a signature: it starts with a capacity mark or a role."""
    return AtLineStart(r"[^\S\n]*(?:" + alternation([*signer_capacities(), *signer_roles()]) + ")")


def find_signers(text: str, start: int, end: int) -> list[Signer]:
    # Signatures close the text: the lines are read from the one before the first line that may
    # open a signature (most notices have none before their end).
    first = _signature_line().search(text, start, end)
    if first is None:
        return []
    previous_end = first.start()
    while previous_end > start and text[previous_end - 1].isspace():
        previous_end -= 1
    lines = stripped_lines(text, max(start, text.rfind("\n", start, previous_end) + 1), end)
    roles = signer_roles()
    signers: list[Signer] = []
    for i, (line_start, _, line) in enumerate(lines):
        if not line.isupper() and not (_capacity_line().match(line) and split_flattened(line)[2]):
            continue  # roles and capacities are printed in capitals (a name may run on after them)
        role_key = line.rstrip(":").strip()
        capacity_match = _capacity_line().match(line)
        if role_key not in roles and not capacity_match:
            continue
        if capacity_match and i + 1 < len(lines) and lines[i + 1][2].rstrip(":") in roles:
            continue  # the role is on the next line; handled there
        if capacity_match and i + 1 < len(lines) and _capacity_line().match(lines[i + 1][2]):
            continue  # "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG": authority within authority; read with the inner one
        if capacity_match:
            # "Q. CHÁNH VĂN PHÒNG" on one line: capacity and role together; "KT. BỘ TRƯỞNG THỨ TRƯỞNG
            # Nguyễn Văn A": a whole block flattened into one line
            body, role_written, name = split_flattened(capacity_match.group("body").strip())
            capacity = _written_capacity(capacity_match, body)
            role = roles.get(role_written, recase(role_written)) if role_written else roles.get(body, recase(body))
            if name:
                signers.append(Signer(name=name, role=role, capacity=capacity, span=Span(line_start, lines[i][1])))
                continue
        else:
            role = roles[role_key]
            capacity = None
            if i > 0:
                previous = _capacity_line().match(lines[i - 1][2])
                if previous:
                    capacity = _written_capacity(previous)
                    line_start = lines[i - 1][0]
                    outer = _capacity_line().match(lines[i - 2][2]) if i > 1 else None
                    if outer:
                        capacity = f"{_written_capacity(outer)}, {capacity}"
                        line_start = lines[i - 2][0]
        name_line = _name_after(text, lines, i + 1)
        if name_line is None:
            continue
        _name_start, name_end, name = name_line
        signers.append(Signer(name=name, role=role, capacity=capacity, span=Span(line_start, name_end)))
    return signers


def _written_capacity(match: re.Match[str], body: str | None = None) -> str:
    mark = signer_capacities()[match.group("mark")]
    body = (body or match.group("body")).strip()
    return f"{mark} {official_spelling(recase(body) if is_capitals(body) else body)}"


def split_flattened(body: str) -> tuple[str, str | None, str | None]:
    """A capacity line's body split into the body signed for, the signer's title and a name run on.

    >>> split_flattened("BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Văn An")
    ('BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Nguyễn Văn An')
    >>> split_flattened("BAN THƯỜNG VỤ")
    ('BAN THƯỜNG VỤ', None, None)
    """
    words = body.split()
    name = None
    capitals_end = len(words)
    while capitals_end > 0 and not words[capitals_end - 1].isupper():
        capitals_end -= 1
    if capitals_end < len(words) and looks_like_name(" ".join(words[capitals_end:])):
        name = " ".join(words[capitals_end:])
        words = words[:capitals_end]
    roles = signer_roles()
    for size in range(min(4, len(words) - 1), 0, -1):
        suffix = " ".join(words[-size:])
        if suffix in roles:
            return " ".join(words[:-size]), suffix, name
    return " ".join(words), None, name


def _name_after(text: str, lines: list[tuple[int, int, str]], index: int) -> tuple[int, int, str] | None:
    in_recipients = False
    for line_start, line_end, line in lines[index : index + 14]:
        if SKIPPED.match(line):
            continue
        if RECIPIENTS_HEADER.match(line):
            in_recipients = True
            continue
        if in_recipients and line.startswith(("-", "+", "•")):
            continue
        if (found := written_name(line)) is not None:
            name, first, last = found
            at = text.find(line, line_start, line_end)  # where the stripped line stands in the text
            return at + first, at + last, name
        if is_capitals(line) or in_recipients or _is_noise(line):
            continue  # a stamp or a signature that OCR read as marks
        return None
    return None


def _is_noise(line: str) -> bool:
    """A line with more marks than letters, or one or two letters: OCR of a seal or a signature."""
    letters = sum(c.isalpha() for c in line)
    longest_word = max((len(w) for w in re.findall(r"[^\W\d_]+", line)), default=0)
    return letters <= 3 or letters < len(line.replace(" ", "")) * 0.6 or longest_word < 3


def signer_after_recipients(text: str, start: int, end: int) -> Signer | None:
    """The signer of a foot whose authority and title OCR lost: the name printed under the signature,
    the first personal name after the ``Nơi nhận:`` list (the foot's right column follows it)."""
    distribution = None
    for match in RECIPIENTS_LINE.finditer(text, start, end):
        distribution = match
    if distribution is None:
        return None
    # The list runs to the first blank line; the signature column follows it. Where a reader ran the
    # two columns together, the authority and the title stand at the ends of the list's lines
    # ("Nơi nhận: KT. CHỦ TỊCH", "- Như trên; PHÓ CHỦ TỊCH").
    past_list = False
    seen = 0
    capacity, role = _authority_beside(text[distribution.start() : end])
    for line_start, _line_end, raw in lines_with_offsets(text, distribution.end(), end):
        line = raw.strip()
        if not past_list:
            past_list = not line and seen > 0
            seen += bool(line)
            continue
        if line.endswith((",", ";")):
            continue
        if (found := written_name(line)) is not None:
            name, first, last = found
            at = line_start + raw.find(line)  # where the stripped line stands in the text
            return Signer(name=name, role=role, capacity=capacity, span=Span(at + first, at + last))
    return None


def _authority_beside(foot: str) -> tuple[str | None, str | None]:
    """The capacity and the title printed at the ends of the distribution list's lines, when a reader
    ran the foot's two columns together: ``(capacity, role)``, each ``None`` when not there.

    >>> _authority_beside("Nơi nhận: KT. CHỦ TỊCH\\n- Như trên; PHÓ CHỦ TỊCH\\n- Lưu: VT.")
    ('KT. Chủ tịch', 'Phó Chủ tịch')
    """
    capacity = role = None
    roles = signer_roles()
    for line in foot.splitlines()[:4]:
        line = line.rstrip()
        if capacity is None and (found := _capacity_at_end().search(line)) and found.group("body").isupper():
            capacity = _written_capacity(found)
            continue
        if role is None:
            role = next((written for caps, written in _roles_longest_first() if line.endswith(" " + caps) or line.endswith(";" + caps)), None)
            if role is not None and roles.get(line.strip()) == role:
                role = None  # a line that is only the title: the signature column proper, read elsewhere
    return capacity, role


@cache
def _capacity_at_end() -> re.Pattern[str]:
    marks = sorted(signer_capacities(), key=len, reverse=True)
    return re.compile(r"(?<=\S)[ \t]+(?P<mark>" + "|".join(map(re.escape, marks)) + r")[ \t]+(?P<body>[^\W\d_][^\n]*)$")


@cache
def _roles_longest_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(signer_roles().items(), key=lambda item: len(item[0]), reverse=True))


RECIPIENTS_LINE = re.compile(r"(?m)^[ \t]*Nơi[ \t]+nhận[ \t]*:")


def find(ctx: BlockContext) -> Findings:
    """The signers of the block; where no signature block is found, a name after the recipients."""
    signers = find_signers(ctx.text, ctx.body_start, ctx.end)
    if not signers:
        fallback = signer_after_recipients(ctx.text, ctx.body_start, ctx.end)
        signers = [fallback] if fallback else []
    return {"signers": signers}


def finish(ctx: BlockContext) -> Findings:
    """Once the extractors that read the signers (issuer, persons) are done: their spans in the
    original's offsets, and a name written without diacritics kept as written, and said so."""
    signers: list[Signer] = ctx.found["signers"]
    for signer in signers:
        signer.span = ctx.original(signer.span)
    return {"warnings": [f"signer's name '{s.name}' is written without diacritics: kept as written" for s in signers if s.name.isascii()]}
