"""Parameters cleaned for both stores: the fast path (values checked where they stand, no call
each) gives what the plain recursive rules give, written out here as they were."""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from graphbuild.stores.base import clean


def plain_clean(value: Any) -> Any:
    """The rules as first written: no NUL in strings, no NaN or infinity, no tuples or sets."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {str(k): plain_clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain_clean(v) for v in value]
    return value


class Code(str):
    """A string of a subclass (an enum's value, say): cleaned into a plain string."""


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.sampled_from(["a", "ệ", "\x00", " ", "Đ", "/"]), max_size=6),
    st.text(max_size=4).map(Code),
)
KEYS = st.one_of(st.text(max_size=4), st.integers(), st.text(max_size=3).map(Code))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.frozensets(st.text(max_size=3), max_size=3),
        st.dictionaries(KEYS, inner, max_size=4),
        st.dictionaries(st.text(max_size=3), inner, max_size=3).map(OrderedDict),
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(VALUES)
@example({"rows": [{"uid": "a\x00", "props": {"day": 3, "spans": [1, 2], "x": float("nan"), "t": ("p", "q")}}]})
def test_clean_gives_what_the_plain_rules_give(value: Any) -> None:
    cleaned = clean(value)
    assert cleaned == plain_clean(value)
    assert type(cleaned) is type(plain_clean(value))


def test_a_string_of_a_subclass_comes_back_a_plain_string() -> None:
    cleaned = clean({"rows": [Code("x\x00y")], Code("k"): Code("v")})
    assert cleaned == {"rows": ["xy"], "k": "v"}
    assert type(cleaned["rows"][0]) is str and all(type(key) is str for key in cleaned)
