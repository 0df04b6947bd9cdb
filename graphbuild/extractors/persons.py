"""People named in the text with a title before their name.

``Thủ tướng Chính phủ Phạm Minh Chính``, ``đồng chí Nguyễn Tiến Hải``, ``Tổng Bí thư Nguyễn Phú
Trọng``. A name must start with a Vietnamese family name and follow a title, so that places
named after people (``Thành phố Hồ Chí Minh``) are not taken for them.
"""

from __future__ import annotations

import re
from functools import cache

from graphbuild.records import Person, Signer, Span
from graphbuild.tables import person_titles, surnames

NAME_WORD = re.compile(r"[^\W\d_]+")
# ", Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy" after a name, up to where the sentence moves on
APPOSITIVE = re.compile(r",[ \t]*(?P<title>[^\n.;()]{3,160}?)(?=[ \t]+(?:và|của|tại|đã|chủ trì)\b|[.;()\n]|$)")


@cache
def _family_name() -> re.Pattern[str]:
    # Names are found from their family name (capitalised, so rarer than any title word), then
    # the words before them are checked for a title.
    names = "|".join(re.escape(n) for n in sorted(surnames(), key=len, reverse=True))
    return re.compile(rf"(?:{names})(?= [^\W\d_])")


@cache
def _title_before() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in person_titles())
    return re.compile(rf"(?<!\w)(?P<title>{titles})[ \t]+$")


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
    for candidate in _family_name().finditer(text, start, end):
        if candidate.start() > 0 and text[candidate.start() - 1].isalnum():
            continue
        match = _title_before().search(text, max(start, candidate.start() - 40), candidate.start())
        if match is None:
            continue
        found = name_at(text, candidate.start())
        if found is None:
            continue
        name, name_end = found
        title = match.group("title")
        if title.lower() in {"đồng chí", "đ/c", "ông", "bà"}:
            appositive = APPOSITIVE.match(text, name_end)
            title = appositive.group("title").strip(" ,") if appositive else None
        persons.setdefault(name, Person(name, title, Span(match.start(), name_end)))
    for signer in signers:
        persons.setdefault(signer.name, Person(signer.name, signer.role, signer.span))
    return list(persons.values())
