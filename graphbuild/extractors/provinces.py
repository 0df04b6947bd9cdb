"""Which province a notice belongs to, and on what basis.

Stated beats inferred. Stated: the place-date line (``Điện Biên, ngày 04 tháng 8 năm 2021``)
or a letterhead in capitals (``TỈNH ỦY ĐIỆN BIÊN``). Inferred: words that tie the text to one
province (``người dân Đồng Tháp``, ``Báo Bắc Giang``, ``ngoài tỉnh Cà Mau``); a bare list of
other provinces (``Thành phố Hồ Chí Minh, Đồng Nai, Bình Dương``) is not evidence. A tie
between provinces is left unresolved.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from graphbuild.extractors.context import BlockContext, Findings
from graphbuild.places import districts_named
from graphbuild.records import Fact
from graphbuild.tables import Province, fold, province_by_name, province_spellings
from graphbuild.wording import AtLineStart, alternation


@dataclass(frozen=True)
class ProvinceFinding:
    province: Province
    basis: str  # "stated" or "inferred"
    evidence: str
    span: tuple[int, int]

    @property
    def described(self) -> str:
        return f"{self.basis}: '{self.evidence}'"


@cache
def _spelling_pattern() -> str:
    return alternation(province_spellings())


# Words that tie a text to its own province, in the order they are tried at one position: the
# cue's first word, found with the others in one pass (Aho-Corasick), then the whole cue and the
# province matched where it was found.
CUES = (
    ("người", r"người(?: dân)?"),
    ("nhân dân", "nhân dân"),
    ("đồng bào", "đồng bào"),
    ("Báo", "Báo"),
    ("Đài", "Đài (?:Phát thanh và Truyền hình|PT-TH)"),
    ("tỉnh", "tỉnh(?<!các tỉnh)"),
    ("Tỉnh ủy", "Tỉnh ủy"),
    ("Đảng bộ tỉnh", "Đảng bộ tỉnh"),
    ("quê hương", "quê hương"),
)


@cache
def _cued_mentions() -> tuple[re.Pattern[str], ...]:
    spellings = province_spellings()
    initials = "".join(sorted({re.escape(s[0]) for s in spellings}))
    return tuple(
        re.compile(
            rf"(?P<cue>{re.escape(first)}(?<!\w.{{{len(first)}}}){cue[len(first):]})[ \t]+"
            rf"(?=[{initials}])(?P<province>{_spelling_pattern()})(?!\w)"
        )
        for first, cue in CUES
    )


@cache
def _cue_words() -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick([first for first, _ in CUES])


def cued_mentions(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Provinces named right after a cue, in text order; a mention one cue covers is not taken again.

    (No province name holds a cue word, so the mentions one cue finds never overlap each other.)
    """
    patterns = _cued_mentions()
    found = []
    for order, cue_start, _ in _cue_words().find_matches_as_indexes(text[start:end], overlapping=True):
        match = patterns[order].match(text, start + cue_start, end)
        if match:
            found.append((match, order))
    found.sort(key=lambda item: (item[0].start(), item[1]))
    kept: list[re.Match[str]] = []
    for match, _ in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


@cache
def _folded_spellings() -> dict[str, Province]:
    return {fold(s): p for s, p in province_spellings().items()}


def province_named(name: str) -> Province | None:
    """The province a place name or spelling variant stands for (``TP. HCM``, ``Hoà Bình``)."""
    name = name.strip()
    return province_spellings().get(name) or _folded_spellings().get(fold(name))


LETTERHEAD = AtLineStart(r"[ \t]*(?:TỈNH ỦY|THÀNH ỦY|ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN)?[ \t]*(?:TỈNH|THÀNH PHỐ)[ \t]+(?P<name>[^\n]{2,40}?)[ \t]*$")


def stated_province(text: str, place: str | None, place_span: tuple[int, int] | None, place_line: str | None, head_start: int, head_end: int) -> ProvinceFinding | None:
    if place:
        province = province_named(place)
        if province and place_span:
            return ProvinceFinding(province, "stated", place_line or place, place_span)
    for match in LETTERHEAD.finditer(text, head_start, head_end):
        province = province_named(match.group("name").title())
        if province:
            return ProvinceFinding(province, "stated", match.group(0).strip(), match.span("name"))
    return None


def inferred_province(text: str, start: int, end: int) -> ProvinceFinding | None:
    counts: Counter[str] = Counter()
    first: dict[str, re.Match[str]] = {}
    by_name: dict[str, Province] = {}
    for match in cued_mentions(text, start, end):
        province = province_spellings()[match.group("province")]
        counts[province.name] += 1
        first.setdefault(province.name, match)
        by_name[province.name] = province
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # two provinces equally likely: do not guess
    name = ranked[0][0]
    match = first[name]
    s = max(start, match.start() - 20)
    e = min(end, match.end() + 20)
    while s > start and not text[s - 1].isspace():
        s -= 1
    while e < end and not text[e].isspace():
        e += 1
    evidence = re.sub(r"\s+", " ", text[s:e]).strip()
    return ProvinceFinding(by_name[name], "inferred", evidence, match.span("province"))


# -- the province's decision -------------------------------------------------------------------
#
# One rule, in order: the letterhead's province ("UBND TỈNH QUẢNG NAM / SỞ Y TẾ") → the place-date
# line or a capitals letterhead ("Điện Biên, ngày …", "TỈNH ỦY ĐIỆN BIÊN") → a district the letterhead
# or the place-date line names, in one province → words of the body that tie it to one province.
# A central document has none: its "Hà Nội, ngày …" says where it was signed.


def decide(ctx: BlockContext) -> Findings:
    head, level = ctx.head, ctx.value("level")
    issuer_place = ctx.found.get("issuer_place")
    letterhead = province_by_name().get(issuer_place) if issuer_place and level != "central" else None
    if letterhead is not None:
        issuer = ctx.found.get("issuer")
        said = issuer.described if isinstance(issuer, Fact) else None
        return {"province": Fact(letterhead.name, "stated", f"the letterhead names it ({said})")}
    finding = stated_province(ctx.text, head.place, head.place_span, head.place_line, ctx.start, head.body_start)
    from_district = province_of_district(issuer_place, head.place) if finding is None and level != "central" else None
    if from_district is not None and from_district.value is not None:
        return {"province": from_district}  # stronger than words in the body
    finding = finding or inferred_province(ctx.text, ctx.start, ctx.end)
    if finding is None:
        return {"province": from_district} if from_district is not None else {}
    if level == "central":
        return {"province": Fact(None, "none", f"a central document; {finding.described}")}
    return {"province": Fact(finding.province.name, finding.basis, f"'{finding.evidence}'"), "province_finding": finding}


def province_of_district(*places: str | None) -> Fact | None:
    """A district body (``UBND HUYỆN BẮC MÊ``) or a district's town in the place-date line: the province
    the district is in, inferred from the registry of 2021 districts; several provinces with a district
    of that name are named, not guessed between (a fact without a value)."""
    for place in places:
        if not place:
            continue
        found = districts_named(place)
        provinces = sorted({d.province for d in found})
        if len(provinces) == 1:
            return Fact(provinces[0], "inferred", f"{found[0].kind} {found[0].name} is in {provinces[0]} (districts of 2021)")
        if provinces:
            return Fact(None, "none", f"a district named {place} is in {' or '.join(provinces)}; the text does not say which")
    return None
