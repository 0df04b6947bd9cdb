"""The ``lexgraph`` command line. Thin: parse options, call one library function, write the result.

No Cypher and no regular expressions live here. Library errors are turned into ``Error: …``
and an exit code at this edge only.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from graphbuild.errors import LexgraphError
from graphbuild.exports import EXPORT_FORMATS
from graphbuild.stores import DEFAULT_HOME

F = TypeVar("F", bound=Callable[..., Any])



def output_options(formats: tuple[str, ...] = ("table", "csv", "json", "jsonl"), default: str = "table") -> Callable[[F], F]:
    """``--format`` and ``--out``: the same meaning on every command that prints rows."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def with_format(*args: Any, **kwargs: Any) -> Any:
            # "--out lag.csv" without --format: the file's extension says what to write
            if kwargs.get("fmt") is None:
                suffix = kwargs["out"].suffix.lower().lstrip(".") if kwargs.get("out") is not None else ""
                kwargs["fmt"] = suffix if suffix in formats else default
            return command(*args, **kwargs)

        wrapped: Any = click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of the terminal.")(with_format)
        wrapped = click.option(
            "--format", "fmt", type=click.Choice(formats), default=None,
            help=f"table for people; csv (UTF-8 with BOM, for Excel), json or jsonl for tools. Default: from --out's extension, else {default}.",
        )(wrapped)
        return wrapped  # type: ignore[no-any-return]

    return decorate


home_option = click.option(
    "--home", envvar="LEXGRAPH_HOME", default=DEFAULT_HOME, show_default=True, type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the embedded store (LEXGRAPH_HOME).",
)


corrections_option = click.option(
    "--corrections", type=click.Path(dir_okay=False, path_type=Path), envvar="LEXGRAPH_CORRECTIONS", default=None,
    help="The analysts' corrections file (LEXGRAPH_CORRECTIONS; default: corrections.csv in the home). Keep it outside the folder built.",
)


def store_options(command: F) -> F:
    """Where the graph lives: the embedded store under --home, or Neo4j when --neo4j-uri is set."""
    for option in reversed(
        [
            home_option,
            click.option("--neo4j-uri", envvar="NEO4J_URI", default=None, help="Use Neo4j at this URI instead of the embedded store (NEO4J_URI)."),
            click.option("--neo4j-user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="Neo4j user (NEO4J_USER)."),
            click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None, help="Neo4j password (NEO4J_PASSWORD)."),
            click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, help="Neo4j database (NEO4J_DATABASE)."),
        ]
    ):
        command = option(command)
    return command


def _connect(options: dict[str, Any]) -> Any:
    """The graph the store options name, through the Python API (every command goes through it)."""
    from graphbuild.api import connect

    return connect(
        options.pop("home"),
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


@contextmanager
def _ocr_pages_bar() -> Iterator[None]:
    """A progress bar of OCR'd pages on standard error, fed by the extraction workers through a queue."""
    import multiprocessing
    import threading

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from graphbuild.reading import ocr

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else multiprocessing.get_context()
    queue = context.SimpleQueue()
    ocr.report_pages_to(queue)
    progress = Progress(TextColumn("OCR {task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("trang (pages)"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)
    tasks: dict[str, Any] = {}

    def drain() -> None:
        while True:
            item = queue.get()
            if item is None:
                return
            name, done, total = item
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total)
            progress.update(tasks[name], completed=done)

    reader = threading.Thread(target=drain, daemon=True)
    shown = progress.console.is_terminal  # piped or captured: no bar, only the per-file notes
    if shown:
        progress.start()
    reader.start()
    try:
        yield
    finally:
        queue.put(None)
        reader.join(timeout=5)
        ocr.report_pages_to(None)
        if shown:
            progress.stop()


def check_out(out: Path, *, folder: bool = False) -> None:
    """A clear error for an --out that cannot be written, before any work is done."""
    if folder:
        if out.exists() and not out.is_dir():
            raise click.ClickException(f"--out {out} là một tệp (is a file): this format writes several files; give a folder.")
        if not out.exists() and not out.parent.exists():
            raise click.ClickException(f"--out {out}: thư mục {out.parent} không tồn tại (the folder does not exist). Create it first.")
        return
    if out.is_dir():
        raise click.ClickException(f"--out {out} là một thư mục (is a folder): give a file name, for example {out / 'result'}.")
    if not out.parent.exists():
        raise click.ClickException(f"--out {out}: thư mục {out.parent} không tồn tại (the folder does not exist). Create it first.")


def _open_output(out: Path | None, *, csv_like: bool = False) -> Any:
    if out is None:
        return None
    check_out(out)
    try:
        return out.open("w", encoding="utf-8", newline="" if csv_like else None)
    except OSError as err:
        raise click.ClickException(f"--out {out} cannot be written ({err.strerror}). Check the path and its permissions.") from err


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lexgraph")
def main() -> None:
    """lexgraph: which central documents Vietnamese provincial notices cite, and how policy flowed."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@output_options(formats=("jsonl", "json", "table"), default="jsonl")
@click.option("--jobs", type=int, default=None, help="Processes to extract with (default: all cores).")
@click.option("--no-ocr", is_flag=True, help="Không OCR: scans are reported, not read (OCR takes 3–5 s a page).")
@click.option("--coverage", "show_coverage", is_flag=True,
              help="Độ phủ: per own field, the share of documents where it was found and the files where it is missing (no records).")
@click.option("--records", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Ghi bản ghi ra thư mục: one JSONL shard per file, keyed by its content hash (resumable; load with `lexgraph build --records DIR`).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="With --records: extract on a Dask cluster (tcp://scheduler:8786, or `local`); pip install 'lexgraph[distributed]'.")
@reports_errors
def extract(
    paths: tuple[Path, ...], fmt: str, out: Path | None, jobs: int | None, no_ocr: bool, show_coverage: bool, records: Path | None, dask_address: str | None,
) -> None:
    """Extract documents, citations, signers and recipients from notice files (folders recurse).

    PDFs, Word files (.docx; .doc, .odt, .rtf through LibreOffice), web pages, text files and images;
    scanned pages are read by OCR (Tesseract, Vietnamese), each such file named on standard error.

    Exit status: 0 when every file was read, 3 when some were refused and the rest was read,
    1 when nothing could be read.
    """
    from graphbuild.api import extract_files
    from graphbuild.output import write_rows

    failures = 0
    read = 0
    if dask_address is not None and records is None:
        raise click.ClickException("--dask needs --records DIR: the workers write their shards there.")
    if records is not None:
        _extract_records(paths, records, jobs, no_ocr, dask_address)
        return
    if show_coverage:
        from graphbuild.api import coverage

        documents_read: list[dict[str, Any]] = []
        refused: list[str] = []
        with _ocr_pages_bar():
            for result in extract_files(paths, jobs=jobs, ocr=not no_ocr):
                if result.skipped:
                    click.echo(f"Bỏ qua (skipped): {result.error}", err=True)
                elif result.error is not None:
                    refused.append(result.path)
                    click.echo(f"Error: {result.error}", err=True)
                documents_read.extend(record.to_json() for record in result.records)
        report = coverage(documents_read, refused)
        click.echo(f"{report.documents} văn bản (documents) đọc được; {len(refused)} tệp không đọc được (files refused)", err=True)
        _write(report.rows(), fmt if fmt != "jsonl" or out else "table", out, "Độ phủ (coverage)")
        _exit_for_refusals(len(refused), report.documents)
        return
    stream = _open_output(out)
    with _ocr_pages_bar():
        try:
            # jsonl: the workers write the JSON lines; this process only copies them out
            documents: list[dict[str, Any]] = []
            for result in extract_files(paths, jobs=jobs, ocr=not no_ocr, as_json_lines=fmt == "jsonl"):
                if result.skipped:
                    click.echo(f"Bỏ qua (skipped): {result.error}", err=True)
                elif result.error is not None:
                    failures += 1
                    click.echo(f"Error: {result.error}", err=True)
                elif (fmt == "jsonl" and result.ocr_pages) or (fmt != "jsonl" and result.source is not None and result.source.ocr_pages):
                    pages = result.ocr_pages if fmt == "jsonl" else result.source.ocr_pages
                    click.echo(f"Đã OCR (read by OCR): {result.path}, {pages} trang (pages)", err=True)
                if fmt == "jsonl":
                    read += bool(result.lines)
                    for line in result.lines:
                        (stream or sys.stdout).write(line + "\n")
                else:
                    read += bool(result.records)
                    documents.extend(record.to_json() for record in result.records)
            if fmt == "json":
                write_rows(documents, fmt="json", out=stream)
            elif fmt == "table":
                _extract_tables(documents, stream)
        finally:
            if stream is not None:
                stream.close()
    _exit_for_refusals(failures, read)


def _extract_records(paths: tuple[Path, ...], records: Path, jobs: int | None, no_ocr: bool, dask_address: str | None) -> None:
    """``extract --records``: shards written, files already extracted, files not read."""
    from collections import Counter

    from graphbuild.progress import build_progress
    from graphbuild.reading import find_documents
    from graphbuild.shards import extract_to_records

    if records.exists() and not records.is_dir():
        raise click.ClickException(f"--records {records} là một tệp (is a file): give a folder.")
    counts: Counter[str] = Counter()
    if dask_address is not None:
        from graphbuild.distributed import run_on

        counts = run_on(dask_address, list(paths), records, ocr=not no_ocr)
    else:
        total = sum(1 for _ in find_documents(paths))
        with build_progress(PROGRESS_EVERY) as notify, _ocr_pages_bar():
            for done, (path, outcome) in enumerate(extract_to_records(list(paths), records, jobs=jobs, ocr=not no_ocr), start=1):
                counts[outcome] += 1
                notify("extract", done, total)
                if outcome == "error":
                    click.echo(f"Lỗi (error): {path}: its note is in {records / 'unread'}", err=True)
    click.echo(
        f"{counts['written']} tệp đã trích xuất (extracted), {counts['kept']} đã có sẵn (already in {records}), "
        f"{counts['error']} không đọc được (refused), {counts['skipped']} bỏ qua (skipped). Nạp (load): lexgraph build --records {records}",
        err=True,
    )
    _exit_for_refusals(counts["error"], counts["written"] + counts["kept"])


# Seconds between two lines of a build's progress when standard error is not a terminal.
PROGRESS_EVERY = 10.0

# Exit status of the commands that read folders: 3 when some files were refused and the rest was read.
SOME_FILES_REFUSED = 3


def _exit_for_refusals(refused: int, read: int) -> None:
    """0 when every file was read, 3 when some were refused and the rest was read, 1 when nothing was."""
    if not refused:
        return
    if not read:
        raise click.ClickException(f"{refused} tệp không đọc được (file(s) could not be read); nothing was read.")
    click.echo(f"{refused} tệp không đọc được (file(s) could not be read); the others were read.", err=True)
    raise SystemExit(SOME_FILES_REFUSED)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--prune", is_flag=True, help="Remove the documents of files that no longer exist.")
@click.option("--rebuild", is_flag=True, help="Start over: empty the graph, then load everything.")
@click.option("--rehash", is_flag=True,
              help="Đọc lại mọi tệp: hash every file's content (by default a file whose size and modification time are unchanged is not read).")
@click.option("--jobs", type=int, default=None, help="Processes to extract with (default: all cores).")
@click.option("--no-ocr", is_flag=True, help="Không OCR: scans are reported, not read (OCR takes 3–5 s a page).")
@click.option("--records", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Nạp từ bản ghi: load the shards `lexgraph extract --records DIR` wrote, instead of reading files.")
@corrections_option
@output_options()
@store_options
@reports_errors
def build(
    paths: tuple[Path, ...], prune: bool, rebuild: bool, rehash: bool, jobs: int | None, no_ocr: bool, records: Path | None, corrections: Path | None,
    fmt: str, out: Path | None, **store: Any,
) -> None:
    """Read, extract, resolve and load notices into the graph (default: the data/ folder).

    Unchanged files are skipped; changed files replace their facts. Bad files are reported
    and skipped; what was loaded before is kept.
    """
    from graphbuild.progress import build_progress

    if records is not None and paths:
        raise click.ClickException("Give either folders to read or --records DIR, not both.")
    with _connect(store) as lexgraph, build_progress(PROGRESS_EVERY) as notify, _ocr_pages_bar():
        report = lexgraph.build(
            *paths, prune=prune, rebuild=rebuild, rehash=rehash, jobs=jobs, progress=notify, ocr=not no_ocr, corrections=corrections,
            records=records,
        )
    _write(report.rows(), fmt, out, "Build")
    for _path, message in report.errors:
        click.echo(f"Lỗi (error): {message}", err=True)
    for message in report.stale_corrections:
        click.echo(f"Hiệu chỉnh không áp dụng (stale correction): {message}", err=True)
    if report.warnings:
        click.echo(f"{report.warnings} cảnh báo (warnings): lexgraph query warnings", err=True)
    # 0: every file read; 3: some refused, the rest loaded; 1: nothing could be read
    _exit_for_refusals(len(report.errors), report.loaded + report.unchanged)


@main.command()
@output_options()
@store_options
@reports_errors
def stats(fmt: str, out: Path | None, **store: Any) -> None:
    """What the graph holds: nodes, relationships, documents, conflicts."""
    with _connect(store) as lexgraph:
        rows = lexgraph.stats()
    _write(rows, fmt, out, "Graph")


class QueryCommand(click.Command):
    """``lexgraph query NAME --help`` also describes the question NAME, as its header declares it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["question"] = next((a for a in args if not a.startswith("-")), None)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help(ctx, formatter)
        from graphbuild.api import questions

        chosen = questions().get(ctx.meta.get("question") or "")
        if chosen is None:
            return
        with formatter.section(f"Câu hỏi (question) {chosen.name}"):
            formatter.write_text(chosen.answers)
            rows = [
                (f"--param {p.name}=…", f"{p.type}; {'bắt buộc (required)' if p.required else f'mặc định (default) {p.default}'}; "
                 f"ví dụ (example) {p.example}. {p.description}")
                for p in chosen.parameters
            ]
            if rows:
                formatter.write_dl(rows)
            formatter.write_text("Cột (columns): " + ", ".join(chosen.columns))


def _parameters_described(question: Any) -> str:
    return "; ".join(
        f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default if p.default is not None else 'none'}") for p in question.parameters
    )


@main.command(cls=QueryCommand)
@click.argument("name", required=False)
@click.option("--list", "list_queries", is_flag=True, help="List the library's questions.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the question (repeatable).")
@output_options()
@store_options
@reports_errors
def query(name: str | None, list_queries: bool, params: tuple[str, ...], fmt: str, out: Path | None, **store: Any) -> None:
    """Ask one of the library's named questions (queries/*.cypher)."""
    from graphbuild.api import parse_params, questions

    if list_queries or not name:
        rows = [
            {"name": q.name, "parameters": _parameters_described(q), "answers": q.answers}
            for q in questions().values()
        ]
        _write(rows, fmt, out, "Questions")
        return
    arguments = parse_params(params)
    with _connect(store) as lexgraph:
        rows = lexgraph.query(name, **arguments)
        reason = None if rows else lexgraph.why_empty(name, **arguments)
    if reason:
        click.echo(reason, err=True)
    chosen = questions()[name]
    _write(rows, fmt, out, chosen.name, columns=chosen.columns)


@main.command()
@click.argument("text", required=False)
@click.option("--file", "script", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Run the statements of a script, one per line ending in ';' (as `lexgraph export --format cypher` writes).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter, passed as $NAME (JSON values are typed).")
@click.option("--write", is_flag=True, help="Allow the statement to change the graph.")
@click.option("--timeout", "timeout_ms", type=int, default=5000, show_default=True, help="Milliseconds before a read is stopped.")
@output_options()
@store_options
@reports_errors
def cypher(text: str | None, script: Path | None, params: tuple[str, ...], write: bool, timeout_ms: int, fmt: str, out: Path | None, **store: Any) -> None:
    """Run your own Cypher. Read-only unless --write; values only through --param."""
    from graphbuild.api import parse_params

    if (text is None) == (script is None):
        raise click.UsageError("Give one Cypher statement, or --file with a script.")
    arguments = parse_params(params, typed=True)
    with _connect(store) as lexgraph:
        if script:
            ran, rows = lexgraph.cypher_script(script.read_text(encoding="utf-8"), write=write, timeout_ms=timeout_ms, **arguments)
        else:
            rows = lexgraph.cypher(text or "", write=write, timeout_ms=timeout_ms, **arguments)
    if script:
        click.echo(f"Ran {ran} statements from {script}.", err=True)
    _write(rows, fmt, out, "Result")


def _date_option(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """A date as ISO ``YYYY-MM-DD``; the Vietnamese ``dd/mm/yyyy`` is accepted and converted; anything
    else (``2021-13-01``) is refused, saying what was expected."""
    import datetime as dt

    if value is None:
        return None
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), form).date().isoformat()
        except ValueError:
            continue
    raise click.BadParameter(f"'{value}' không phải là ngày (not a date): write YYYY-MM-DD, for example 2021-10-11, or 11/10/2021.")


def selection_options(command: F) -> F:
    """What to draw or export: the same flags on `map` and `export`."""
    options = [
        click.option("--doc", help="A document (any spelling of its symbol) and its citation neighbourhood."),
        click.option("--depth", type=int, default=1, show_default=True, help="How many citation steps around --doc."),
        click.option("--direction", type=click.Choice(["in", "out", "both"]), default="both", show_default=True, help="in: who cites it; out: what it cites."),
        click.option("--province", help="A province's notices and what they cite."),
        click.option("--from", "date_from", callback=_date_option, help="Notices on or after this date (YYYY-MM-DD, or dd/mm/yyyy)."),
        click.option("--to", "date_to", callback=_date_option, help="Notices on or before this date (YYYY-MM-DD, or dd/mm/yyyy)."),
        click.option("--query", "query_name", help="The documents a library question returns."),
        click.option("--cypher", "cypher_text", help="The documents a read-only Cypher statement returns."),
        click.option("--search", "search_text", help="Notices holding these words (as `lexgraph search`), and what they cite."),
        click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Parameters of --query or --cypher."),
        click.option("--limit", type=int, default=1500, show_default=True, help="Above this many nodes, each province's notices become one node."),
        click.option("--context/--no-context", default=True, show_default=True, help="Draw issuing bodies, provinces and signers too."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _selection(options: dict[str, Any]) -> Any:
    from graphbuild.api import parse_params
    from graphbuild.selection import Selection

    return Selection(
        doc=options.pop("doc"), depth=options.pop("depth"), direction=options.pop("direction"), province=options.pop("province"),
        date_from=options.pop("date_from"), date_to=options.pop("date_to"), query=options.pop("query_name"),
        cypher=options.pop("cypher_text"), search=options.pop("search_text"), params=parse_params(options.pop("params"), typed=bool(options.get("cypher_text"))),
        limit=options.pop("limit"), context=options.pop("context"),
    )


@main.command("map")
@selection_options
@click.option("--layout", type=click.Choice(["force", "flow"]), default="force", show_default=True, help="flow: central on top, time left to right.")
@click.option("--title", default=None, help="The map's title.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
@store_options
@reports_errors
def map_command(layout: str, title: str | None, out: Path, **options: Any) -> None:
    """Draw an interactive citation map: one self-contained HTML file that works offline."""
    check_out(out)
    selection = _selection(options)
    with _connect(options) as lexgraph:
        subgraph, messages = lexgraph.write_map(out, selection, layout=layout, title=title)
    for message in messages:
        click.echo(message, err=True)
    click.echo(f"Đã ghi (wrote) {out}: {subgraph.number_of_nodes()} nút, {subgraph.number_of_edges()} cạnh.")


@main.command("export")
@selection_options
@click.option(
    "--format", "fmt", required=True, type=click.Choice(EXPORT_FORMATS),
    help="csv and neo4j-import write a folder of files (--out); cypher and neo4j-import without a selection carry the whole graph.",
)
@click.option("--out", required=True, type=click.Path(path_type=Path), help="The file to write (a folder for csv and neo4j-import).")
@store_options
@reports_errors
def export_command(fmt: str, out: Path, **options: Any) -> None:
    """Export the selection for Gephi, yEd, d3, Excel, Neo4j (cypher-shell, neo4j-admin import), or a report."""
    from graphbuild.exports import FOLDER_FORMATS

    check_out(out, folder=fmt in FOLDER_FORMATS)
    selection = _selection(options)
    with _connect(options) as lexgraph:
        subgraph = lexgraph.export(fmt, out, selection)
    click.echo(f"Đã ghi (wrote) {out}: {subgraph.number_of_nodes()} nút, {subgraph.number_of_edges()} cạnh.")


@main.command("leaders")
@click.option("--from", "date_from", callback=_date_option, default=None, help="Only central documents dated from this day (2021-01-01).")
@click.option("--to", "date_to", callback=_date_option, default=None, help="Only central documents dated up to this day.")
@click.option("--level", type=click.Choice(["central", "provincial", "district"]), default="central", show_default=True, help="The cited documents' level.")
@click.option("--min-provinces", type=click.IntRange(1, 63), default=10, show_default=True, help="Only documents this many provinces cited.")
@output_options()
@store_options
@reports_errors
def leaders_command(date_from: str | None, date_to: str | None, level: str, min_provinces: int, fmt: str, out: Path | None, **store: Any) -> None:
    """Leaders and laggards: per province, the mean normalised rank of its first citation (0 = first,
    1 = last or never) over every document cited by at least --min-provinces provinces, with a 95 %
    bootstrap interval over the documents."""
    with _connect(store) as lexgraph:
        scored = lexgraph.leaders(date_from=date_from, date_to=date_to, level=level, min_provinces=min_provinces)
    if not scored:
        click.echo(f"Không có văn bản nào được ít nhất {min_provinces} tỉnh trích dẫn (no document cited by that many provinces).", err=True)
    _write([leader.row() for leader in scored], fmt, out, "Leaders", columns=("province", "score", "documents", "low", "high"))


@main.command("followers")
@click.option("--window", type=click.IntRange(1, 90), default=7, show_default=True, help="Days after a province's first citation in which another's counts as following it.")
@click.option("--level", type=click.Choice(["central", "provincial", "district"]), default="central", show_default=True)
@click.option("--from", "date_from", callback=_date_option, default=None, help="Only documents dated from this day.")
@click.option("--to", "date_to", callback=_date_option, default=None, help="Only documents dated up to this day.")
@output_options()
@store_options
@reports_errors
def followers_command(window: int, level: str, date_from: str | None, date_to: str | None, fmt: str, out: Path | None, **store: Any) -> None:
    """Who follows whom: province pairs where one cites documents within --window days after the
    other more often than each province's own timing explains (a permutation test)."""
    with _connect(store) as lexgraph:
        found = lexgraph.followers(window=window, level=level, date_from=date_from, date_to=date_to)
    if not found:
        click.echo("Không thấy tỉnh nào theo sau tỉnh nào (no province follows another beyond chance).", err=True)
    _write([f.row() for f in found], fmt, out, "Followers", columns=("leader", "follower", "together", "expected", "z"))


@main.command("hazard")
@click.argument("symbols", nargs=-1, required=True)
@click.option("--period", type=click.Choice(["week", "month"]), default="week", show_default=True)
@click.option("--year", type=int, default=None, help="Only the document of that year (state numbers restart every year).")
@output_options()
@store_options
@reports_errors
def hazard_command(symbols: tuple[str, ...], period: str, year: int | None, fmt: str, out: Path | None, **store: Any) -> None:
    """The hazard of citing a central document: per week or month from its date, the provinces still
    at risk (of the 63 of 2021), how many cited it for the first time, and the rate."""
    rows: list[dict[str, Any]] = []
    with _connect(store) as lexgraph:
        for symbol in symbols:
            item, periods = lexgraph.hazard(symbol, period=period, year=year)
            if not periods:
                click.echo(f"{item.label}: không rõ ngày ban hành (the document's date is unknown): no hazard.", err=True)
            rows.extend({"document": item.label, **p.row()} for p in periods)
    _write(rows, fmt, out, "Hazard", columns=("document", "period", "start", "at_risk", "acted", "hazard"))


@main.command("panel")
@click.argument("symbols", nargs=-1)
@click.option("--level", type=click.Choice(["central", "provincial", "district"]), default="central", show_default=True, help="Every document of this level, when no symbol is given.")
@click.option("--period", type=click.Choice(["week", "month"]), default="week", show_default=True)
@click.option("--until", callback=_date_option, default=None, help="The end of observation (default: the date of the corpus's last dated notice).")
@click.option("--provinces", "province_year", type=click.Choice(["2021", "2025"]), default="2021", show_default=True, help="The risk set: the 63 provinces of 2021, or the 34 after the 2025 merger.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="panel.csv (UTF-8) or panel.parquet (pip install 'lexgraph[analysis]').")
@store_options
@reports_errors
def panel_command(symbols: tuple[str, ...], level: str, period: str, until: str | None, province_year: str, out: Path, **store: Any) -> None:
    """An event-history panel for R, Stata or statsmodels: one row per province × document × period
    at risk, from the document's date until the province first cites it or the end of observation."""
    from graphbuild.flow import write_panel

    check_out(out)
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise click.BadParameter(f"{out.name}: write the panel as .csv or .parquet.", param_hint="--out")
    with _connect(store) as lexgraph:
        rows, undated = lexgraph.panel(symbols, level=level, period=period, until=until, provinces=int(province_year))
    write_panel(rows, out)
    if undated:
        click.echo(f"{undated} văn bản trích dẫn không có ngày (citing notices without a date) were left out.", err=True)
    click.echo(f"Đã ghi (wrote) {out}: {len(rows)} dòng (rows).")


def _view_out(out: Path, suffixes: tuple[str, ...]) -> None:
    """Check --out before the store is opened: its folder, and an extension that names a format."""
    from viz.views import ViewFormatError, check_suffix

    check_out(out)
    try:
        check_suffix(out, suffixes)
    except ViewFormatError as err:
        raise click.BadParameter(str(err), param_hint="--out") from err


@main.command("diffusion")
@click.argument("symbols", nargs=-1, required=True)
@click.option("--year", type=int, default=None, help="Only the documents of that year (state numbers restart every year).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.html (interactive), FILE.png or FILE.svg.")
@store_options
@reports_errors
def diffusion_command(symbols: tuple[str, ...], year: int | None, out: Path, **options: Any) -> None:
    """How central documents travelled to the provinces: first citation per province on a time axis,
    lag quartiles, the cumulative share of provinces, and the provinces that never cited them.

    Several symbols compare on one chart: lexgraph diffusion 15/CT-TTg 16/CT-TTg 19/CT-TTg --out so-sanh.html
    """
    from viz.views import VIEW_SUFFIXES

    _view_out(out, VIEW_SUFFIXES)
    with _connect(options) as lexgraph:
        items = lexgraph.write_diffusion(symbols, out, year=year)
    for item in items:
        click.echo(f"{item.label}: {item.summary()}")
    click.echo(f"Đã ghi (wrote) {out}.")


@main.command("province-map")
@click.argument("symbol", required=False)
@click.option("--year", type=int, default=None, help="Only the document of that year.")
@click.option("--measure", type=click.Choice(["lag", "notices", "leaders"]), default="lag", show_default=True,
              help="Colour by the first citation's lag in days, by the number of citing notices, or (no symbol) by the leaders score with arrows to followers.")
@click.option("--provinces", "province_year", type=click.Choice(["2021", "2025"]), default="2021", show_default=True, help="63 provinces of 2021, or the 34 after the 2025 merger (the HTML has a switch).")
@click.option("--min-provinces", type=click.IntRange(1, 63), default=10, show_default=True, help="leaders: only documents this many provinces cited.")
@click.option("--window", type=click.IntRange(1, 90), default=7, show_default=True, help="leaders: the days within which a province follows another.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.html (interactive), FILE.png or FILE.svg.")
@store_options
@reports_errors
def province_map_command(symbol: str | None, year: int | None, measure: str, province_year: str, min_provinces: int, window: int, out: Path, **options: Any) -> None:
    """A tile map of Vietnam's provinces coloured by how fast (or how often) they cited a central document;
    with --measure leaders, by how early each province acts across many documents, with arrows between
    provinces where one follows another."""
    from viz.views import VIEW_SUFFIXES

    _view_out(out, VIEW_SUFFIXES)
    if measure == "leaders":
        if symbol:
            raise click.UsageError("--measure leaders is drawn over every document: give no symbol.")
        with _connect(options) as lexgraph:
            scored, found = lexgraph.write_leaders_map(out, min_provinces=min_provinces, window=window)
        click.echo(f"{len(scored)} tỉnh có điểm, {len(found)} cặp tỉnh theo sau (provinces scored, follower pairs).")
        click.echo(f"Đã ghi (wrote) {out}.")
        return
    if not symbol:
        raise click.UsageError("Give the central document's symbol (or --measure leaders).")
    with _connect(options) as lexgraph:
        item = lexgraph.write_province_map(symbol, out, year=year, measure=measure, provinces=int(province_year))
    click.echo(f"{item.label}: {item.summary()}")
    click.echo(f"Đã ghi (wrote) {out}.")


@main.command("report")
@click.argument("symbols", nargs=-1, required=True)
@click.option("--year", type=int, default=None, help="Only the documents of that year.")
@click.option("--measure", type=click.Choice(["lag", "notices"]), default="lag", show_default=True, help="What the province maps show.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="brief.html: also writes brief.md and its pictures in brief-hinh/.")
@store_options
@reports_errors
def report_command(symbols: tuple[str, ...], year: int | None, measure: str, out: Path, **options: Any) -> None:
    """A brief for a policy note: diffusion chart, province map and tables of citing notices, as one
    self-contained HTML file and as Markdown with SVG pictures."""
    from viz.views import REPORT_SUFFIXES

    _view_out(out, REPORT_SUFFIXES)
    with _connect(options) as lexgraph:
        written = lexgraph.report(*symbols, out=out, year=year, measure=measure)
    click.echo("Đã ghi (wrote) " + ", ".join(str(path) for path in written) + ".")


@main.group()
def db() -> None:
    """Start, stop or inspect the embedded store (commands start it on demand anyway)."""


@db.command("start")
@home_option
@reports_errors
def db_start(home: Path) -> None:
    """Start the embedded store and leave it running."""
    from graphbuild.api import start_embedded

    paths, idle_minutes = start_embedded(home)
    click.echo(f"The embedded store is running on {paths.socket} until `lexgraph db stop` (stores started by other commands stop after {idle_minutes} minutes unused).")


@db.command("stop")
@home_option
@reports_errors
def db_stop(home: Path) -> None:
    """Stop the embedded store cleanly (its files are flushed)."""
    from graphbuild.api import stop_embedded

    click.echo("Stopped." if stop_embedded(home) else "It was not running.")


@db.command("status")
@home_option
@output_options()
@reports_errors
def db_status(home: Path, fmt: str, out: Path | None) -> None:
    """Whether the embedded store of --home is running, and every embedded store running on this machine."""
    from graphbuild.api import embedded_status

    state, running = embedded_status(home)
    rows: list[dict[str, Any]] = [{"what": k, "value": v} for k, v in state.items()]
    rows += [{"what": f"running (pid {s['pid']})", "value": f"{s['home']} — {s['socket']}"} for s in running]
    _write(rows, fmt, out, "Embedded store")


@main.command("correct", context_settings={"ignore_unknown_options": True})
@click.argument("document")
@click.argument("field", type=click.Choice(["date", "province", "issuer", "type", "symbol", "subject", "signer", "citation"]))
@click.argument("value")
@click.option("--note", default="", help="Why: what the page says (kept with the correction, shown as its basis).")
@click.option("--who", default=None, help="Who corrects (default: the login name).")
@corrections_option
@store_options
@reports_errors
def correct_command(document: str, field: str, value: str, note: str, who: str | None, corrections: Path | None, **store: Any) -> None:
    """Correct one fact of a document (its file, uid, or a symbol only it has); the next build applies it.

    A citation: VALUE '+SYMBOL RELATION' adds a missed one ('+68/NQ-CP implements'), '-SYMBOL' rejects one.
    """
    with _connect(store) as lexgraph:
        row, path = lexgraph.correct(document, field, value, note=note, who=who, corrections=corrections)
    click.echo(f"Đã ghi hiệu chỉnh (correction written) vào {path}: {row.document} · {row.field} = {row.value}")
    click.echo("Chạy lại `lexgraph build` để áp dụng (build again to apply it).")


@main.command("review")
@click.option("--province", default=None, help="Only this province's notices.")
@click.option("--limit", type=click.IntRange(0), default=None, help="At most this many rows (the most consequential).")
@output_options(formats=("table", "csv", "json", "jsonl", "html"))
@store_options
@reports_errors
def review_command(province: str | None, limit: int | None, fmt: str, out: Path | None, **store: Any) -> None:
    """The review queue: doubtful facts, most consequential first, each with the file, the line as
    written and what lexgraph read. --out review.html: a page to go through them and download corrections."""
    with _connect(store) as lexgraph:
        if fmt == "html":
            if out is None:
                raise click.UsageError("--format html needs --out review.html")
            check_out(out)
            rows = lexgraph.write_review_page(out, province=province, limit=limit)
            click.echo(f"Đã ghi (wrote) {out}: {len(rows)} dòng cần xem lại (rows to review).")
            return
        rows = lexgraph.review(province=province, limit=limit)
    _write([r.to_json() for r in rows], fmt, out, "Review", columns=("file", "field", "read", "line", "why", "cost") if fmt == "table" else None)


@main.command("show")
@click.argument("document")
@output_options(formats=("table", "json", "jsonl", "html"))
@store_options
@reports_errors
def show_command(document: str, fmt: str, out: Path | None, **store: Any) -> None:
    """One document's card: its own facts with their basis and confidence, its citations with the
    citing sentence, what cites it, its warnings. --out card.html: the text with every fact highlighted."""
    import json as json_module

    with _connect(store) as lexgraph:
        if fmt == "html":
            if out is None:
                raise click.UsageError("--format html needs --out card.html")
            check_out(out)
            found = lexgraph.write_card(document, out)
            click.echo(f"Đã ghi (wrote) {out}: {found.label}")
            return
        found = lexgraph.card(document)
    if fmt in ("json", "jsonl"):
        stream = _open_output(out)
        text = json_module.dumps(found.to_json(), ensure_ascii=False, indent=None if fmt == "jsonl" else 2)
        (stream or sys.stdout).write(text + "\n")
        if stream is not None:
            stream.close()
        return
    from graphbuild.output import write_rows

    stream = _open_output(out)
    write_rows(found.fact_rows(), fmt="table", out=stream, title=f"Văn bản (document) {found.label}")
    if found.citations:
        write_rows(found.citation_rows(), fmt="table", out=stream, title="Trích dẫn (cites)")
    if found.cited_by:
        write_rows(found.cited_by_rows(), fmt="table", out=stream, title="Được trích dẫn bởi (cited by)")
    if stream is not None:
        stream.close()
    for warning in found.warnings:
        click.echo(f"Cảnh báo (warning): {warning}")


@main.command("search")
@click.argument("text")
@click.option("--province", default=None, help="Only this province's notices.")
@click.option("--from", "date_from", callback=_date_option, default=None, help="Notices on or after this date.")
@click.option("--to", "date_to", callback=_date_option, default=None, help="Notices on or before this date.")
@click.option("--type", "doc_type", default=None, help="Only this type (Thông báo, Công văn, …).")
@output_options()
@store_options
@reports_errors
def search_command(text: str, province: str | None, date_from: str | None, date_to: str | None, doc_type: str | None, fmt: str, out: Path | None, **store: Any) -> None:
    """Find notices by the words of their subject and of the sentences they cite from, with or
    without diacritics ("gian cach xa hoi" finds "giãn cách xã hội"); ordered by date."""
    with _connect(store) as lexgraph:
        rows = lexgraph.search(text, province=province, date_from=date_from, date_to=date_to, doc_type=doc_type)
    _write(rows, fmt, out, f"Tìm (search): {text}")


def _write(rows: list[dict[str, Any]], fmt: str, out: Path | None, title: str, columns: Any = None) -> None:
    from graphbuild.output import write_rows

    if not rows:
        click.echo("Không có kết quả (no rows).", err=True)
    stream = _open_output(out, csv_like=fmt == "csv")
    try:
        write_rows(rows, fmt=fmt, out=stream, title=title, columns=columns)  # an empty CSV keeps its header
    finally:
        if stream is not None:
            stream.close()


def _extract_tables(documents: list[dict[str, Any]], stream: Any) -> None:
    from graphbuild.output import write_rows
    from graphbuild.records import table_columns

    columns = table_columns()
    write_rows([{name: cell(d) for name, cell in columns} for d in documents], fmt="table", out=stream, title="Documents")
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
