"""Start the Neo4j Community test server built in the repository's ``tests/neo4j`` (``mvn -f
tests/neo4j/pom.xml package``): Bolt on a free localhost port, a temporary store; it stops when its
standard input closes. The tests and the benches both start it from here."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

# The Maven project of the server (a pom.xml and one Java class), where its build leaves the jars
FOLDER = Path(os.environ.get("LEXGRAPH_NEO4J_TEST_SERVER", Path(__file__).resolve().parents[2] / "tests" / "neo4j"))


def built() -> bool:
    return shutil.which("java") is not None and (FOLDER / "target" / "classes").is_dir() and (FOLDER / "target" / "lib").is_dir()


def start(heap: str = "1g", timeout: float = 180) -> tuple[subprocess.Popen[str], str] | None:
    """``(process, bolt URI)``, or ``None`` when Java or the build is missing."""
    java = shutil.which("java")
    if java is None or not built():
        return None
    classes, lib = FOLDER / "target" / "classes", FOLDER / "target" / "lib"
    command = [java, f"-Xmx{heap}", "-cp", f"{classes}{os.pathsep}{lib}/*", "lexgraph.Neo4jTestServer"]
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
