"""The normaliser: idempotent, and every span maps back into the original text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild import extract
from graphbuild.normalise import normalise, unify_tone_placement

PIECES = st.sampled_from(
    [
        "Nghị quyết số 128/NQ-CP", " ngày 11/10/2021", " của Chính phủ", "Tỉnh uỷ", "Tỉnh ủy", "Hoà Bình", "**", "*", "\n", "\n\n",
        "#### ", "Kích\n\nKích hoạt", "15/2022/TT-\nBYT", "Chỉ thị số 16-CT/TTg", "THÔNG BÁO", " ", "tổ chức đảng,\n\nđảng viên",
        "Công văn số 357-CV/TU", "quý", "\u00a0", "\ufeff", "-----\n", "Thực hiện ", "; theo ", ". ",
    ]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)
NOISY = st.one_of(TEXTS, TEXTS.map(lambda t: unicodedata.normalize("NFD", t)), st.text(max_size=200))


@settings(max_examples=300, deadline=None)
@given(NOISY)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


@settings(max_examples=300, deadline=None)
@given(NOISY)
def test_output_is_nfc_and_written_matches_text_in_length(text: str) -> None:
    result = normalise(text)
    assert unicodedata.is_normalized("NFC", result.text)
    assert len(result.written) == len(result.text)
    assert unify_tone_placement(result.written) == result.text


@settings(max_examples=300, deadline=None)
@given(NOISY)
def test_offsets_map_into_the_original(text: str) -> None:
    result = normalise(text)
    for start in range(0, len(result.text) + 1, 3):
        s, e = result.to_original(start, len(result.text))
        assert 0 <= s <= e <= len(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_every_citation_span_contains_its_symbol_in_the_original(text: str) -> None:
    for record in extract(text):
        for citation in record.citations:
            if citation.symbol is None:
                continue
            first = citation.spans[0]
            original = unicodedata.normalize("NFC", text[first.start : first.end])
            # modulo what normalising drops on purpose: spaces, markdown marks, invisible characters
            assert citation.symbol in re.sub(r"[\s*#_\ufeff\u200b-\u200d\u2060\u00ad]", "", original)


def test_tone_placement_keeps_words_whose_tone_belongs_where_it_is() -> None:
    assert unify_tone_placement("hoàn thành, quý, thuỷ, khoẻ, Uỷ ban") == "hoàn thành, quý, thủy, khỏe, Ủy ban"
