"""The embedded store's questions over its unix socket, without the full client.

A question from the command line costs as much in start-up as in answering: the ``falkordb``
client needs ``redis`` 8, whose package imports its asyncio client (about 80 ms) before anything
else. Reads are what analysts' scripts repeat, so they are sent here: the RESP protocol written by
hand is four lines, the replies are parsed by ``hiredis`` (the C parser ``redis`` itself uses), and
FalkorDB's compact result set is read for the values library questions return (null, strings,
integers, booleans, doubles, lists, maps). A reply holding a node, a relationship, a path or another
type is :class:`NotScalar`: the store asks the full client instead. Writes without a RETURN (every
write of a build) are sent here too; a write that returns what it made goes through the client.

Parameters are written into FalkorDB's ``CYPHER name=value`` header as the ``falkordb`` client writes
them (strings quoted with their backslashes and quotes escaped, names in backticks), cleaned as
``stores.base.clean`` cleans them (no NUL, no NaN, tuples and sets as lists) in the same pass;
values are data, never Cypher.
"""

from __future__ import annotations

import math
import socket
from typing import Any

import hiredis

# FalkorDB's compact result set: each value comes as [type, value].
NULL, STRING, INTEGER, BOOLEAN, DOUBLE, ARRAY = 1, 2, 3, 4, 5, 6
MAP = 10


class RespError(Exception):
    """The server answered with an error reply (its text is the message)."""


class NotScalar(Exception):
    """The reply holds a value only the full client reads (a node, a relationship, a path …)."""


class Resp:
    """One connection to a unix socket speaking RESP."""

    def __init__(self, path: str, *, timeout: float | None = None) -> None:
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.settimeout(timeout)
        try:
            self._socket.connect(path)
        except OSError:
            self._socket.close()
            raise
        self._reader = hiredis.Reader(encoding="utf-8", errors="replace")

    def call(self, *arguments: str | int) -> Any:
        """Send one command; its reply (an error reply raises :class:`RespError`)."""
        parts = [str(a).encode("utf-8") for a in arguments]
        self._socket.sendall(b"".join([b"*%d\r\n" % len(parts), *(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)]))
        while (reply := self._reader.gets()) is False:
            data = self._socket.recv(1 << 16)
            if not data:
                raise ConnectionError("the store closed the connection")
            self._reader.feed(data)
        if isinstance(reply, hiredis.ReplyError):
            raise RespError(str(reply))
        return reply

    def close(self) -> None:
        self._socket.close()


def quoted(text: str) -> str:
    """A string as a Cypher literal in the parameters header (a NUL, which neither store keeps, taken out).

    >>> quoted('a "b" \\\\ c')
    '"a \\\\"b\\\\" \\\\\\\\ c"'
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def literal(value: Any) -> str:
    """A parameter value written as FalkorDB's parameters header takes it.

    A build sends millions of values this way: the common cases (strings, nulls and whole numbers
    inside maps and lists) are written in the loop over their container, without a call each
    (a string there is :func:`quoted`, inlined).

    >>> literal({"uid": 'a"b', "n": 1, "ok": True, "none": None, "spans": [3, 7], "x": 0.5})
    '{`uid`:"a\\\\"b",`n`:1,`ok`:true,`none`:null,`spans`:[3,7],`x`:0.5}'
    """
    kind = type(value)
    if value is None:
        return "null"
    if kind is dict:
        parts = []
        for key, item in value.items():
            written = _NAMES.get(key) or _key(key)
            item_kind = type(item)
            if item_kind is str:
                if "\x00" in item:
                    item = item.replace("\x00", "")
                parts.append(written + ':"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"')
            elif item is None:
                parts.append(written + ":null")
            elif item_kind is int:
                parts.append(written + ":" + str(item))
            else:
                parts.append(written + ":" + literal(item))
        return "{" + ",".join(parts) + "}"
    if kind is list or kind is tuple or kind is set or kind is frozenset:
        parts = []
        for item in value:
            item_kind = type(item)
            if item_kind is str:
                if "\x00" in item:
                    item = item.replace("\x00", "")
                parts.append('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"')
            elif item_kind is int:
                parts.append(str(item))
            else:
                parts.append(literal(item))
        return "[" + ",".join(parts) + "]"
    # the rest, and subclasses of the above
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return "null" if math.isnan(value) or math.isinf(value) else repr(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "[" + ",".join(map(literal, value)) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{_key(k)}:{literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"a parameter of type {type(value).__name__} cannot be sent")


# Map keys as written (backticked, checked), by key: a build's rows share a few dozen names. Only
# string keys are kept (1 and True are one dict key, but written `1` and `True`).
_NAMES: dict[str, str] = {}


def _key(name: Any) -> str:
    written = _NAMES.get(name)  # (only strings are kept, and no other key equals one)
    if written is None:
        written = _name(str(name))
        if type(name) is str and len(_NAMES) < 4096:
            _NAMES[name] = written
    return written


def _name(name: str) -> str:
    if not name or "`" in name:
        raise ValueError(f"parameter or key name {name!r}: empty or with a backtick")
    return f"`{name}`"


def parameters_header(params: dict[str, Any]) -> str:
    """``CYPHER `a`=1 `b`="x" `` before the query (empty without parameters)."""
    if not params:
        return ""
    return "CYPHER " + " ".join(f"{_name(k)}={literal(v)}" for k, v in params.items()) + " "


def _value(cell: list[Any]) -> Any:
    kind, value = cell
    if kind == NULL:
        return None
    if kind in (STRING, INTEGER):
        return value
    if kind == BOOLEAN:
        return value == "true"
    if kind == DOUBLE:
        return float(value)
    if kind == ARRAY:  # (strings and whole numbers, most items of lexgraph's lists, without a call each)
        return [item[1] if item[0] == STRING or item[0] == INTEGER else _value(item) for item in value]
    if kind == MAP:
        return {value[i]: _value(value[i + 1]) for i in range(0, len(value), 2)}
    raise NotScalar(f"a value of type {kind}")


def rows(reply: list[Any]) -> list[dict[str, Any]]:
    """The rows of a compact result set (a query without RETURN has none).

    >>> rows([[[1, "a"], [1, "b"]], [[[2, "x"], [6, [[2, "p"], [3, 4], [1, None], [6, [[5, "1.5"], [4, "true"]]]]]]], ["stats"]])
    [{'a': 'x', 'b': ['p', 4, None, [1.5, True]]}]
    """
    if len(reply) < 3:
        return []
    header = [column[1] for column in reply[0]]
    return [dict(zip(header, (_value(cell) for cell in row), strict=True)) for row in reply[1]]
