"""The ``lexgraph`` command line. Thin: parse options, call one library function, write the result.

No Cypher and no regular expressions live here. Library errors are turned into ``Error: …``
and an exit code at this edge only.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from graphbuild.errors import LexgraphError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DATA = "data"


def output_options(formats: tuple[str, ...] = ("table", "csv", "json", "jsonl"), default: str = "table") -> Callable[[F], F]:
    """``--format`` and ``--out``: the same meaning on every command that prints rows."""

    def decorate(command: F) -> F:
        command = click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of the terminal.")(command)
        command = click.option(
            "--format", "fmt", type=click.Choice(formats), default=default, show_default=True,
            help="table for people; csv (UTF-8 with BOM, for Excel), json or jsonl for tools.",
        )(command)
        return command

    return decorate


def store_options(command: F) -> F:
    """Where the graph lives: the embedded store under --home, or Neo4j when --neo4j-uri is set."""
    for option in reversed(
        [
            click.option("--home", envvar="LEXGRAPH_HOME", default=".lexgraph", show_default=True, type=click.Path(file_okay=False, path_type=Path), help="Folder of the embedded store (LEXGRAPH_HOME)."),
            click.option("--neo4j-uri", envvar="NEO4J_URI", default=None, help="Use Neo4j at this URI instead of the embedded store (NEO4J_URI)."),
            click.option("--neo4j-user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="Neo4j user (NEO4J_USER)."),
            click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None, help="Neo4j password (NEO4J_PASSWORD)."),
            click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, help="Neo4j database (NEO4J_DATABASE)."),
        ]
    ):
        command = option(command)
    return command


def _open_store(options: dict[str, Any]) -> Any:
    from graphbuild.stores import open_store

    return open_store(
        home=options.pop("home"),
        neo4j_uri=options.pop("neo4j_uri"),
        neo4j_user=options.pop("neo4j_user"),
        neo4j_password=options.pop("neo4j_password"),
        neo4j_database=options.pop("neo4j_database"),
    )


def reports_errors(command: F) -> F:
    """Turn library errors into ``Error: …`` with exit code 1, keeping the cause chained."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except LexgraphError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]


def _open_output(out: Path | None, *, csv_like: bool = False) -> Any:
    if out is None:
        return None
    return out.open("w", encoding="utf-8", newline="" if csv_like else None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lexgraph")
def main() -> None:
    """lexgraph: which central documents Vietnamese provincial notices cite, and how policy flowed."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@output_options(formats=("jsonl", "json", "table"), default="jsonl")
@click.option("--jobs", type=int, default=None, help="Processes to extract with (default: all cores).")
@reports_errors
def extract(paths: tuple[Path, ...], fmt: str, out: Path | None, jobs: int | None) -> None:
    """Extract documents, citations, signers and recipients from notice files (folders recurse)."""
    from graphbuild.extraction import extract_paths, json_lines
    from graphbuild.output import write_rows

    failures = 0
    stream = _open_output(out)
    try:
        if fmt == "jsonl":  # the workers write the JSON lines; this process only copies them out
            for _, lines, error in extract_paths(paths, jobs=jobs, worker=json_lines):
                if error is not None:
                    failures += 1
                    click.echo(f"Error: {error}", err=True)
                for line in lines:
                    (stream or sys.stdout).write(line + "\n")
        else:
            documents: list[dict[str, Any]] = []
            for result in extract_paths(paths, jobs=jobs):
                if result.error is not None:
                    failures += 1
                    click.echo(f"Error: {result.error}", err=True)
                documents.extend(record.to_json() for record in result.records)
            if fmt == "json":
                write_rows(documents, fmt="json", out=stream)
            else:
                _extract_tables(documents, stream)
    finally:
        if stream is not None:
            stream.close()
    if failures:
        raise click.ClickException(f"{failures} file(s) could not be read; the others were extracted.")


def _extract_tables(documents: list[dict[str, Any]], stream: Any) -> None:
    from graphbuild.output import write_rows

    write_rows(
        [
            {
                "source": Path(d["source"]).name,
                "type": d["type"],
                "symbol": d["symbol"],
                "date": d["date"] or d["meeting_date"],
                "issuer": d["issuer"],
                "province": d["province"],
                "signers": ", ".join(s["name"] for s in d["signers"]),
                "citations": len(d["citations"]),
                "warnings": len(d["warnings"]),
            }
            for d in documents
        ],
        fmt="table", out=stream, title="Documents",
    )
    write_rows(
        [
            {
                "source": Path(d["source"]).name,
                "cites": c["canonical"] or c["as_written"],
                "type": c["type"],
                "date": c["date"],
                "issuer": c["issuer"],
                "level": c["level"],
                "relation": c["relation"],
                "mentions": c["mentions"],
            }
            for d in documents
            for c in d["citations"]
        ],
        fmt="table", out=stream, title="Citations",
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
