"""Start the Neo4j Community test server built in the repository's ``tests/neo4j`` (``mvn -f
tests/neo4j/pom.xml package``): Bolt on a free localhost port, a temporary store (or a home given,
kept); it stops when its standard input closes. The tests and the benches both start it from here,
and run ``neo4j-admin database import full`` from its jars (:func:`admin_import`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# The Maven project of the server (a pom.xml and one Java class), where its build leaves the jars
FOLDER = Path(os.environ.get("LEXGRAPH_NEO4J_TEST_SERVER", Path(__file__).resolve().parents[2] / "tests" / "neo4j"))


def built() -> bool:
    return shutil.which("java") is not None and (FOLDER / "target" / "classes").is_dir() and (FOLDER / "target" / "lib").is_dir()


def _classpath() -> str:
    return f"{FOLDER / 'target' / 'classes'}{os.pathsep}{FOLDER / 'target' / 'lib'}/*"


def start(heap: str = "1g", timeout: float = 180, home: Path | None = None) -> tuple[subprocess.Popen[str], str] | None:
    """``(process, bolt URI)``, or ``None`` when Java or the build is missing. With ``home``, the
    server opens the store there (a database :func:`admin_import` wrote, say) and leaves it."""
    java = shutil.which("java")
    if java is None or not built():
        return None
    command = [java, f"-Xmx{heap}", "-cp", _classpath(), "lexgraph.Neo4jTestServer", *([f"--home={home}"] if home else [])]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith("NEO4J_URI="):
            return process, line.strip().split("=", 1)[1]
    process.kill()
    raise RuntimeError(f"the Neo4j test server did not start within {timeout:.0f} s ({FOLDER})")


def stop(process: subprocess.Popen[str]) -> None:
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


@dataclass(frozen=True)
class Imported:
    """What ``neo4j-admin database import full`` reported: its own time and what it wrote."""

    seconds: float
    nodes: int
    relationships: int
    properties: int
    output: str

    @property
    def records_per_second(self) -> float:
        """Nodes and relationships written a second, by the importer's own clock."""
        return (self.nodes + self.relationships) / max(self.seconds, 1e-9)


def admin_import(folder: Path, home: Path, heap: str = "1g") -> Imported:
    """Run the ``import.sh`` that ``lexgraph export --format neo4j-import`` wrote in ``folder``, as
    an analyst runs it, with ``neo4j-admin`` being Neo4j's offline importer from these jars
    (``org.neo4j.cli.AdminTool``): a new database ``neo4j`` under ``home``, a Neo4j home
    (``data/databases/neo4j``) that :func:`start` can then open."""
    java = shutil.which("java")
    if java is None or not built():
        raise RuntimeError(f"Java or the Neo4j test server's build is missing ({FOLDER})")
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    tools = home / "bin"
    tools.mkdir(exist_ok=True)
    admin = tools / "neo4j-admin"
    admin.write_text(f'#!/bin/sh\nexec "{java}" -Xmx{heap} -cp "{_classpath()}" org.neo4j.cli.AdminTool "$@"\n', encoding="utf-8")
    admin.chmod(0o755)
    environment = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf"), "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["sh", "import.sh", "neo4j"], cwd=folder, env=environment, capture_output=True, text=True, timeout=3600)
    output = done.stdout + done.stderr
    finished = re.search(r"IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms", output)
    if done.returncode != 0 or finished is None:
        raise RuntimeError(f"neo4j-admin import failed ({done.returncode}): {output[-2000:]}")
    minutes, seconds, millis = (int(g or 0) for g in finished.groups())

    def count(what: str) -> int:
        found = re.search(rf"^\s*(\d+) {what}\s*$", output, re.MULTILINE)
        return int(found.group(1)) if found else 0

    return Imported(60 * minutes + seconds + millis / 1000, count("nodes"), count("relationships"), count("properties"), output)
