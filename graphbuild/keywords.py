"""The literal words the extractors start from, all found in one pass over a text.

Finding one literal in a notice costs about 4 µs (CPython's ``re`` and ``str.find`` over
Vietnamese text, two bytes a character); the extractors start from about fifteen of them
(family names, "Luật", "thông báo" …). An Aho-Corasick
automaton (``ahocorasick-rs``) finds them all in one pass, about twice as fast, and each
extractor then matches its own pattern where one of its words was found.

>>> hits = keyword_hits("Văn phòng Tỉnh ủy thông báo ý kiến của đồng chí Nguyễn Văn A")
>>> hits.find("announcement"), [word for _, word in hits.find("family name")]
([(18, 'thông báo')], ['Văn ', 'Nguyễn ', 'Văn '])
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

import ahocorasick_rs

from graphbuild.tables import surnames

# Each group names what its words are for; a word may serve several groups.
FIXED_GROUPS: dict[str, tuple[str, ...]] = {
    "law": ("uật", "Pháp lệnh", "Hiến pháp"),  # "Luật", "Bộ luật" (which share "uật"), "Pháp lệnh", "Hiến pháp"
    "appeal": ("ọi", "ỌI"),  # "Lời kêu gọi" in any case
    "announcement": ("thông báo",),  # "… thông báo ý kiến|kết luận|nội dung"
    "committee": ("Ban Thường vụ ",),  # "Ban Thường vụ Tỉnh ủy"
}


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    groups = dict(FIXED_GROUPS)
    # A family name is followed by a given name: with the space, "Chu" is not found in "Chuẩn".
    groups["family name"] = tuple(sorted(f"{name} " for name in surnames()))
    return groups


@cache
def _automaton() -> tuple[ahocorasick_rs.AhoCorasick, tuple[str, ...], dict[str, tuple[str, ...]]]:
    words = tuple(sorted({word for group in _groups().values() for word in group}))
    groups_of: dict[str, list[str]] = {}
    for group, group_words in _groups().items():
        for word in group_words:
            groups_of.setdefault(word, []).append(group)
    return ahocorasick_rs.AhoCorasick(list(words)), words, {w: tuple(g) for w, g in groups_of.items()}


class KeywordHits:
    """Where each keyword occurs in one text, by group."""

    def __init__(self, text: str) -> None:
        automaton, words, groups_of = _automaton()
        by_group: dict[str, list[tuple[int, str]]] = {}
        for index, start, _ in automaton.find_matches_as_indexes(text, overlapping=True):
            word = words[index]
            for group in groups_of[word]:
                by_group.setdefault(group, []).append((start, word))
        for found in by_group.values():
            found.sort()  # reported by where they end
        self._by_group = by_group

    def find(self, group: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        """``(where, word)`` for each word of ``group`` lying whole in ``text[start:end]``, in order."""
        found = self._by_group.get(group)
        if not found:
            return []
        lo = bisect_left(found, (start,))  # (start,) sorts before every (start, word)
        if end is None:
            return found[lo:]
        return [hit for hit in found[lo : bisect_left(found, (end,))] if hit[0] + len(hit[1]) <= end]


_last: tuple[str, KeywordHits] | None = None


def keyword_hits(text: str) -> KeywordHits:
    """The keywords of ``text``, found once: the extractors of one document share them."""
    global _last
    cached = _last
    if cached is not None and cached[0] is text:
        return cached[1]
    hits = KeywordHits(text)
    _last = (text, hits)
    return hits
