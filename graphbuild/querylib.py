"""The Cypher query library: ``queries/*.cypher``, one named question per file.

Each file opens with a header of ``//`` lines::

    // name: citing-notices
    // answers: Which notices cite a given document …
    // param: symbol | symbol | required | 16-CT/TTg | the cited document, in any spelling
    // columns: notice, province, …
    // sort: date, province

A parameter line gives name | type | default (``required``, ``none`` or a value) | example |
description. Values are checked and converted before they reach the store, and always as
parameters, never pasted into the text. Columns named in ``sort:`` are sorted here with a
Vietnamese collation (both stores sort strings by bytes: ``Đà Nẵng`` after ``Yên Bái``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from graphbuild.errors import EmptyGraph, ParameterError, UnknownQuery
from graphbuild.output import vietnamese_key
from graphbuild.stores.base import GraphStore
from graphbuild.vocabulary import keys

LIBRARY_TIMEOUT_MS = 30_000
PARAMETER_TYPES = ("string", "integer", "date", "symbol", "province", "level", "doctype", "period", "boolean")
LEVELS = keys("level")
PERIODS = ("week", "month")
EXPECTED = {"integer": "a whole number", "date": "a date written YYYY-MM-DD", "symbol": "a document number and symbol"}


def library_folder() -> Path:
    """``LEXGRAPH_QUERIES``, else the ``queries/`` folder beside the package (a checkout), else the
    questions installed with it (a wheel: the package data ``graphbuild.queries``)."""
    override = os.environ.get("LEXGRAPH_QUERIES")
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parent.parent / "queries"
    if beside.is_dir():
        return beside
    return Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool
    default: Any
    example: str
    description: str


@dataclass(frozen=True)
class Query:
    name: str
    answers: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    sort: tuple[str, ...]
    cypher: str
    path: Path


class HeaderError(ValueError):
    pass


def parse_query(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    header: dict[str, list[str]] = {}
    body: list[str] = []
    for line in text.splitlines():
        match = re.match(r"^//\s*(\w+):\s*(.*)$", line)
        if match and not body:
            header.setdefault(match.group(1), []).append(match.group(2).strip())
        elif line.strip() or body:
            body.append(line)
    for key in ("name", "answers", "columns"):
        if key not in header:
            raise HeaderError(f"{path.name}: the header has no '// {key}:' line")
    name = header["name"][0]
    if name != path.stem:
        raise HeaderError(f"{path.name}: the header names it '{name}'; the file must be called {name}.cypher")
    parameters = tuple(_parse_parameter(path, line) for line in header.get("param", []))
    cypher = "\n".join(body).strip()
    for parameter in parameters:
        if f"${parameter.name}" not in cypher:
            raise HeaderError(f"{path.name}: parameter '{parameter.name}' is declared but the query does not use ${parameter.name}")
    for used in set(re.findall(r"\$(\w+)", cypher)):
        if used not in {p.name for p in parameters}:
            raise HeaderError(f"{path.name}: the query uses ${used}, which the header does not declare")
    columns = tuple(c.strip() for c in header["columns"][0].split(","))
    sort = tuple(c.strip() for c in header.get("sort", [""])[0].split(",") if c.strip())
    return Query(name, header["answers"][0], parameters, columns, sort, cypher, path)


def _parse_parameter(path: Path, line: str) -> Parameter:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 5:
        raise HeaderError(f"{path.name}: '// param: {line}' needs five fields: name | type | default | example | description")
    name, kind, default, example, description = parts
    if kind not in PARAMETER_TYPES:
        raise HeaderError(f"{path.name}: parameter '{name}' has unknown type '{kind}' (one of {', '.join(PARAMETER_TYPES)})")
    required = default == "required"
    value = None if default in {"required", "none"} else convert(Parameter(name, kind, False, None, example, description), default)
    return Parameter(name, kind, required, value, example, description)


@cache
def _library(folder: str) -> dict[str, Query]:
    return {q.name: q for q in (parse_query(p) for p in sorted(Path(folder).glob("*.cypher")))}


def library() -> dict[str, Query]:
    return _library(str(library_folder()))


def get_query(name: str) -> Query:
    queries = library()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise UnknownQuery(f"There is no query named '{name}'.{hint} `lexgraph query --list` shows them all.")


def convert(parameter: Parameter, value: Any) -> Any:
    """Check and convert one parameter value (strings from the command line, or Python values)."""
    if value is None:
        return None
    kind = parameter.type
    text = str(value).strip()
    try:
        if kind == "integer":
            return int(value) if not isinstance(value, bool) else _bad(parameter, value, "a whole number")
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            if text.lower() in {"true", "yes", "1"}:
                return True
            if text.lower() in {"false", "no", "0"}:
                return False
            return _bad(parameter, value, "true or false")
        if kind == "date":
            return dt.date.fromisoformat(text).isoformat()
        if kind == "symbol":
            from graphbuild.symbols import parse_symbol

            return parse_symbol(text).canonical
        if kind == "province":
            from graphbuild.extractors.provinces import province_named

            province = province_named(text)
            return province.name if province else _bad(parameter, value, "one of the 63 provinces of 2021")
        if kind == "level":
            return text if text in LEVELS else _bad(parameter, value, " or ".join(LEVELS))
        if kind == "period":
            return text if text in PERIODS else _bad(parameter, value, " or ".join(PERIODS))
        if kind == "doctype":
            from graphbuild.tables import fold, type_by_code, type_by_name

            doc_type = type_by_name().get(fold(text)) or type_by_code().get(fold(text))
            return doc_type.name if doc_type else _bad(parameter, value, "a document type such as Nghị quyết, Chỉ thị or QĐ")
    except ValueError as err:
        if isinstance(err, ParameterError):
            raise
        expected = EXPECTED.get(kind, f"a {kind}")
        raise ParameterError(f"--param {parameter.name}={value}: expected {expected} (for example {parameter.example}).") from err
    return text


def _bad(parameter: Parameter, value: Any, expected: str) -> Any:
    raise ParameterError(f"--param {parameter.name}={value}: expected {expected} (for example {parameter.example}).")


def bind(query: Query, given: dict[str, Any]) -> dict[str, Any]:
    """Every parameter the query declares, checked, converted, with defaults applied."""
    unknown = set(given) - {p.name for p in query.parameters}
    if unknown:
        names = ", ".join(p.name for p in query.parameters) or "none"
        raise ParameterError(f"Query '{query.name}' has no parameter {', '.join(sorted(unknown))}; its parameters: {names}.")
    bound: dict[str, Any] = {}
    for parameter in query.parameters:
        if given.get(parameter.name) is None:
            if parameter.required:
                raise ParameterError(
                    f"Query '{query.name}' needs --param {parameter.name}=… ({parameter.description}; for example {parameter.example})."
                )
            bound[parameter.name] = parameter.default
        else:
            bound[parameter.name] = convert(parameter, given[parameter.name])
    return bound


def sort_rows(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """Sort by ``columns`` in order, strings with a Vietnamese collation, missing values last.

    A column of few distinct values (dates, provinces) has them ranked once, and rows compare by
    rank, faster than by the collation's keys; a column of mostly distinct ones (files) is keyed."""
    keys = [_column_key(rows, column) for column in columns]

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple([of(_hashable(row.get(column))) for of, column in zip(keys, columns, strict=True)])

    return sorted(rows, key=key)


def _hashable(value: Any) -> Any:
    return (str, " ".join(map(str, value))) if isinstance(value, list) else (type(value), value)


def _collation(value: Any) -> tuple[Any, ...]:
    return vietnamese_key(value[1])


def _column_key(rows: list[dict[str, Any]], column: str) -> Callable[[Any], Any]:
    """The key of a cell of ``column``: its value's place in the Vietnamese order (equal keys,
    equal places) when the column holds few distinct values, else the collation's key itself."""
    distinct = {_hashable(row.get(column)) for row in rows}
    if len(distinct) > len(rows) // 2:
        return _collation
    ranks: dict[Any, int] = {}
    rank, previous = -1, None
    for key, value in sorted(((_collation(value), value) for value in distinct), key=itemgetter(0)):
        if rank < 0 or key != previous:
            rank, previous = rank + 1, key
        ranks[value] = rank
    return ranks.__getitem__


def run_query(store: GraphStore, name: str, params: dict[str, Any] | None = None, *, timeout_ms: int = LIBRARY_TIMEOUT_MS) -> list[dict[str, Any]]:
    query = get_query(name)
    bound = bind(query, params or {})
    rows = store.read(query.cypher, bound, timeout_ms=timeout_ms)
    if not rows:
        ensure_not_empty(store)
    return sort_rows(rows, query.sort) if query.sort else rows


def why_empty(store: GraphStore, name: str, params: dict[str, Any] | None = None) -> str | None:
    """Why a question returned no rows, where that can be told: the document asked about is not in
    the graph (with the closest symbols that are)."""
    query = get_query(name)
    bound = bind(query, params or {})
    symbol = bound.get("symbol")
    if not symbol or store.read("MATCH (d:Document {canonical: $symbol}) RETURN d.uid AS uid LIMIT 1", {"symbol": symbol}):
        return None
    known = [row["canonical"] for row in store.read("MATCH (d:Document) WHERE d.canonical IS NOT NULL RETURN DISTINCT d.canonical AS canonical")]
    close = difflib.get_close_matches(symbol, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"{symbol} không có trong đồ thị (is not in the graph){hint}"


def ensure_not_empty(store: GraphStore) -> None:
    if not store.read("MATCH (d:Document) RETURN d.uid AS uid LIMIT 1"):
        raise EmptyGraph("The graph holds no documents yet: run `lexgraph build` first.")
