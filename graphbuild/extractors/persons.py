"""People named in the text with a title before their name.

``Thủ tướng Chính phủ Phạm Minh Chính``, ``đồng chí Nguyễn Tiến Hải``, ``Tổng Bí thư Nguyễn Phú
Trọng``. A name must start with a Vietnamese family name and follow a title, so that places
named after people (``Thành phố Hồ Chí Minh``) are not taken for them.
"""

from __future__ import annotations

import re
from functools import cache

from graphbuild.extractors.context import BlockContext, Findings
from graphbuild.keywords import keyword_hits
from graphbuild.records import Person, Signer, Span
from graphbuild.tables import person_titles, surnames

NAME_WORD = re.compile(r"[^\W\d_]+")
# ", Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy" after a name, up to where the sentence moves on
APPOSITIVE = re.compile(r",[ \t]*(?P<title>[^\n.;()]{3,160}?)(?=[ \t]+(?:và|của|tại|đã|chủ trì)\b|[.;()\n]|$)")


def family_names(text: str, start: int, end: int) -> list[int]:
    """Where a family name starts, followed by a space and a letter (``Nguyễn Văn``), in order.

    Names are found from their family name (capitalised, so rarer than any title word), then the
    words before them are checked for a title. A family name is one capitalised word and none
    starts another, so two never overlap.
    """
    found = []
    for name_start, name in keyword_hits(text).find("family name", start, end):  # "Nguyễn "
        after = name_start + len(name)
        if after < end and text[after].isalpha():
            found.append(name_start)
    return found


@cache
def _titles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(person_titles(), key=len, reverse=True))


def title_before(text: str, lo: int, pos: int) -> tuple[int, str] | None:
    """The title written right before ``pos`` (after ``lo``), with where it starts.

    A suffix test: a pattern searched from every position before the name costs several times more.

    >>> title_before("Tham dự có đồng chí Nguyễn Văn A", 0, 20)
    (11, 'đồng chí')
    """
    window = text[lo:pos].removesuffix("\n")  # the title may end the line before the name
    title_end = len(window.rstrip(" \t"))
    if title_end == len(window):
        return None
    for title in _titles_longest_first():
        start = title_end - len(title)
        if start >= 0 and window.startswith(title, start) and not (lo + start > 0 and _is_word_char(text[lo + start - 1])):
            return lo + start, title
    return None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def name_at(text: str, pos: int) -> tuple[str, int] | None:
    """The personal name starting at ``pos``, with its end, or ``None``."""
    words: list[str] = []
    end = pos
    for match in NAME_WORD.finditer(text, pos):
        gap = text[end : match.start()]
        if words and gap not in (" ",):
            break
        if not words and match.start() != pos:
            return None
        word = match.group(0)
        if not (word[0].isupper() and (len(word) == 1 or word[1:].islower())):
            break
        words.append(word)
        end = match.end()
        if len(words) == 4:
            break
    if len(words) < 2 or words[0] not in surnames():
        return None
    return " ".join(words), end


def find_persons(text: str, start: int, end: int, signers: list[Signer]) -> list[Person]:
    persons: dict[str, Person] = {}
    for candidate in family_names(text, start, end):
        if candidate > 0 and text[candidate - 1].isalnum():
            continue
        found_title = title_before(text, max(start, candidate - 40), candidate)
        if found_title is None:
            continue
        title_start, written_title = found_title
        found = name_at(text, candidate)
        if found is None:
            continue
        name, name_end = found
        title: str | None = written_title
        if written_title.lower() in {"đồng chí", "đ/c", "ông", "bà"}:
            appositive = APPOSITIVE.match(text, name_end)
            title = appositive.group("title").strip(" ,") if appositive else None
        persons.setdefault(name, Person(name, title, Span(title_start, name_end)))
    for signer in signers:
        persons.setdefault(signer.name, Person(signer.name, signer.role, signer.span))
    return list(persons.values())


def find(ctx: BlockContext) -> Findings:
    """The persons the document names (its signers among them), with spans in the original's offsets."""
    persons = find_persons(ctx.text, ctx.own_text_start, ctx.end, ctx.found["signers"])
    for person in persons:
        person.span = ctx.original(person.span)
    return {"persons": persons}
