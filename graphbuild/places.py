"""Places as the country's registries list them: the 63 provinces of 2021, their districts, and the
34 provinces after the 2025 reform, looked up by a key that survives OCR.

A letterhead or a place-date line names a province (``TỈNH LÂM ĐỒNG``), a district (``UBND HUYỆN
CHỢ MỚI``) or a district's town (``Chợ Mới, ngày …``). OCR loses diacritics and mixes letters
(``CÔNG AN TÍNH LÂM ĐÒNG``): names are compared by :func:`match_key`, which ignores diacritics, case
and the common confusions, and the official spelling is restored when exactly one place matches.
When several do (``Chợ Mới`` is a district of Bắc Kạn and of An Giang), nothing is guessed.

>>> province_matching("LÂM ĐÒNG").name, province_matching("Lam Dong").name
('Lâm Đồng', 'Lâm Đồng')
>>> [d.province for d in districts_named("Chợ Mới")]
['Bắc Kạn', 'An Giang']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from graphbuild.tables import Province, _rows, fold, province_spellings, provinces

# What OCR puts for a letter, on the folded key (diacritics already gone): "Ð" (U+00D0) for "Đ",
# "0" for "O", "1" and "|" for "I" or "l".
OCR_CONFUSIONS = str.maketrans({"Ð": "D", "0": "O", "1": "I", "|": "I", "L": "I"})
# A name this long or longer may match one letter off (OCR lost or changed one); shorter ones must match exactly.
FUZZY_FROM = 6


def match_key(text: str) -> str:
    """The key places and bodies are compared by: no diacritics, no case, OCR's confusions merged,
    single spaces.

    >>> match_key("Công an tính Lâm Đòng") == match_key("CÔNG AN TỈNH LÂM ĐỒNG")
    True
    """
    return " ".join(fold(text).translate(OCR_CONFUSIONS).replace("-", " ").split())


def _one_letter_off(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter changed, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# A district named in a body's name: "Ủy ban nhân dân huyện Đức Trọng", "Huyện ủy Bắc Mê"
# (not "UBND huyện", any district's; not a province's "thành phố Hà Nội": see names_a_district).
DISTRICT_NAMED = re.compile(r"(?:^|\s)(?:[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hành phố)(?:\s+[Ủủ]y)?\s+(?P<name>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*)*)")


@lru_cache(maxsize=4096)
def names_a_district(name: str | None) -> bool:
    """Whether a body's name names its district.

    >>> names_a_district("Ủy ban nhân dân huyện Lâm Hà"), names_a_district("UBND huyện"), names_a_district("Ủy ban nhân dân thành phố Hà Nội")
    (True, False, False)
    """
    found = DISTRICT_NAMED.search(name or "")
    return found is not None and province_matching(found.group("name")) is None


@dataclass(frozen=True)
class District:
    name: str  # "Chợ Mới"
    kind: str  # "huyện", "quận", "thị xã", "thành phố"
    province: str  # the province of 2021 it is in
    province_code: str


@cache
def districts() -> tuple[District, ...]:
    """The districts of the 63 provinces (``graphbuild/data/districts_2021.csv``, from ``vietnam-provinces`` 0.6.0)."""
    return tuple(District(r["name"], r["kind"], r["province"], r["province_code"]) for r in _rows("districts_2021.csv"))


@cache
def _districts_by_key() -> dict[str, tuple[District, ...]]:
    table: dict[str, list[District]] = {}
    for district in districts():
        table.setdefault(match_key(district.name), []).append(district)
    return {key: tuple(found) for key, found in table.items()}


def districts_named(name: str) -> tuple[District, ...]:
    """Every district of that name (several provinces may have one: ``Châu Thành``)."""
    return _districts_by_key().get(match_key(name), ())


@cache
def _provinces_by_key() -> dict[str, Province]:
    return {match_key(spelling): province for spelling, province in province_spellings().items()}


@lru_cache(maxsize=4096)
def province_matching(name: str) -> Province | None:
    """The province a name stands for, as written or as OCR wrote it (one letter off at most, and only
    when no other province is as close); ``None`` when it names none or several."""
    key = match_key(name)
    if not key:
        return None
    exact = _provinces_by_key().get(key)
    if exact is not None or len(key.replace(" ", "")) < FUZZY_FROM:
        return exact
    close = {province.name: province for other, province in _provinces_by_key().items() if _one_letter_off(key, other)}
    return next(iter(close.values())) if len(close) == 1 else None


@cache
def provinces_2025() -> dict[str, tuple[str, ...]]:
    """Each of the 34 provinces after the 2025 reform → the provinces of 2021 it was made from."""
    merged: dict[str, list[str]] = {}
    for province in provinces():
        merged.setdefault(province.successor_2025, []).append(province.name)
    return {name: tuple(members) for name, members in merged.items()}


# The day the 34 provinces took effect (Nghị quyết 202/2025/QH15).
REFORM_DATE = "2025-07-01"


def province_across_reform(name: str, date: str | None) -> tuple[str | None, str | None, str | None]:
    """``(province_2021, province_2025, note)`` for a document of province ``name`` issued on ``date``.

    A document keeps the province of its own date; its 2021 equivalent is told only where one 2021
    province stands behind the name.

    >>> province_across_reform("Bình Thuận", "2025-05-16")
    ('Bình Thuận', 'Lâm Đồng', None)
    >>> province_across_reform("Lâm Đồng", "2026-01-12")[:2]
    (None, 'Lâm Đồng')
    """
    merged = provinces_2025()
    if date is not None and date >= REFORM_DATE and name in merged:
        members = merged[name]
        if len(members) == 1:
            return members[0], name, None
        return None, name, f"after the 2025 reform {name} covers {', '.join(members)}: the 2021 province cannot be told"
    province = province_spellings().get(name)
    if province is None:
        return None, None, None
    return province.name, province.successor_2025, None
