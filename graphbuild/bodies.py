"""Bodies by their names: the registry's spelling where OCR or typing changed only marks or case, and
whether a body named in words is a Party or a state body.

A name read from a scan (``Ban Tuyển giáo và Dân vận Tỉnh ủy``, ``Ủy ban Mặt trận Tổ quốc Viêt Nam``)
differs from the registry's (``graphbuild/data/issuers.csv``) only in what :func:`~graphbuild.places.match_key`
ignores. Every run of words whose key is a registry name's key gets the registry's spelling; the
rest of the name (the province, a unit the registry does not list) is kept as written. Only exact
keys are restored, so nothing is invented: a name the registry does not know is left alone.

>>> official_spelling("Ban Tuyển giáo và Dân vận Tỉnh ủy Lâm Đồng")
'Ban Tuyên giáo và Dân vận Tỉnh ủy Lâm Đồng'
>>> official_spelling("Ban Thường trực Ủy ban Mặt trận Tổ quốc Viêt Nam tỉnh")
'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'
>>> official_spelling("Hợp tác xã Tân Tiến")
'Hợp tác xã Tân Tiến'
"""

from __future__ import annotations

from functools import cache, lru_cache

from graphbuild.places import match_key
from graphbuild.tables import fold, issuer_by_name, issuers, title_case_phrases


@cache
def _spellings() -> dict[int, dict[str, str]]:
    """Names of two words or more, from the registry of bodies and the phrases whose capitals are
    fixed (``Ban Thường vụ``, the provinces), by their number of words, then by key → spelling.
    A key two spellings share is left out: which one was meant cannot be told."""
    by_size: dict[int, dict[str, set[str]]] = {}
    names = [name for issuer in issuers() for name in (issuer.name, *issuer.aliases)]
    for name in [*names, *title_case_phrases()]:
        words = name.split()
        if len(words) >= 2 and not name.isupper():
            by_size.setdefault(len(words), {}).setdefault(match_key(name), set()).add(name)
    return {size: {key: next(iter(found)) for key, found in table.items() if len(found) == 1} for size, table in by_size.items()}


@lru_cache(maxsize=8192)
def official_spelling(name: str) -> str:
    """``name`` with every run of words the registry names, longest first, in the registry's spelling."""
    words = name.split()
    if len(words) < 2 or name.isupper():
        return name
    spellings = _spellings()
    out: list[str] = []
    index = 0
    while index < len(words):
        for size in sorted((s for s in spellings if s <= len(words) - index), reverse=True):
            run = " ".join(words[index : index + size])
            known = spellings[size].get(match_key(run))
            if known is not None:
                out.append(known)
                index += size
                break
        else:
            out.append(words[index])
            index += 1
    return " ".join(out)


# Party bodies and offices: an unnumbered document they issue is a Party document (the Lời kêu gọi
# of the Tổng Bí thư is drawn with the Party's documents, not the state's).
PARTY_ISSUERS = ("Tổng Bí thư", "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương", "Trung ương Đảng", "Tỉnh ủy", "Thành ủy", "Huyện ủy")


def issuer_kind(issuer: str | None) -> str | None:
    """``party`` or ``state`` for an issuer named in words, when that can be told.

    >>> issuer_kind("Tổng Bí thư Nguyễn Phú Trọng"), issuer_kind("Thủ tướng Chính phủ"), issuer_kind(None)
    ('party', 'state', None)
    """
    if not issuer:
        return None
    known = issuer_by_name().get(fold(issuer))
    if known is not None and known.kind:
        return known.kind
    folded = fold(issuer)
    return "party" if any(folded.startswith(fold(title)) for title in PARTY_ISSUERS) else None
