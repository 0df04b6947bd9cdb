"""The wheel works outside the checkout: the question library, the data tables and the page
templates travel with it, and the installed command answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT, SEEDS


def test_the_wheel_carries_its_questions_tables_and_templates(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    [wheel] = (tmp_path / "dist").glob("lexgraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    questions = sorted(p.name for p in (ROOT / "queries").glob("*.cypher"))
    assert sorted(Path(n).name for n in names if n.startswith("graphbuild/queries/") and n.endswith(".cypher")) == questions
    assert {"viz/templates/map.html", "viz/templates/brief.html"} <= set(names)
    assert "graphbuild/data/districts_2021.csv" in names and "graphbuild/data/issuers.csv" in names
    # installed as pip would, away from the checkout: the command lists the questions and reads a notice
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "LEXGRAPH_HOME": str(tmp_path / "home")}
    env.pop("LEXGRAPH_QUERIES", None)
    listed = subprocess.run([sys.executable, "-m", "graphbuild.cli", "query", "--list", "--format", "json"],
                            capture_output=True, text=True, cwd=outside, env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert sorted(f"{row['name']}.cypher" for row in json.loads(listed.stdout)) == questions
    where = subprocess.run([sys.executable, "-c", "import graphbuild.querylib as q, viz.pages as p; print(q.library_folder()); print(p.__file__)"],
                           capture_output=True, text=True, cwd=outside, env=env, timeout=120)
    assert where.stdout.splitlines()[0].startswith(str(site)) and where.stdout.splitlines()[1].startswith(str(site))
    seed = next(SEEDS.glob("*.txt"))
    extracted = subprocess.run([sys.executable, "-m", "graphbuild.cli", "extract", str(seed), "--format", "jsonl"],
                               capture_output=True, text=True, cwd=outside, env=env, timeout=120)
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout.splitlines()[0])["citations"]
