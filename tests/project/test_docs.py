"""The README stays true: every command is documented, and its test command is the one CI runs."""

from __future__ import annotations

import re

import click

from graphbuild.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "lexgraph") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
    return names


def test_every_command_is_in_the_readme() -> None:
    for command in _commands(main):
        if command.startswith("lexgraph db "):
            assert re.search(r"lexgraph db start\\?\|stop\\?\|status", README)
        else:
            assert f"`{command}" in README, f"{command} is not documented in README.md"


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        assert command.help, f"lexgraph {name} has no help text"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert first_block and README.index("```sh") < README.index("A cross-reference")
    commands = [line for line in first_block.group(1).splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert "lexgraph build" in commands[0] and "lexgraph map" in commands[0]
    test_command = commands[1].split("&&")[-1].strip()
    assert test_command == ".venv/bin/python -m pytest -q"
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_the_readme_lists_exists() -> None:
    listed = set(re.findall(r"^\| `lexgraph ([a-z-]+)", README, re.MULTILINE))
    assert listed >= {"extract", "build", "stats", "query", "cypher", "map", "export", "db"}
    assert listed <= set(main.commands), f"in the README but not a command: {listed - set(main.commands)}"
