"""Writing the diffusion chart, the province map and the report to files, the format taken from the
file's extension: ``.html`` (interactive, offline), ``.png`` or ``.svg`` (for reports), ``.md``
(the report's Markdown, its pictures written beside it as SVG).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphbuild.diffusion import Diffusion

VIEW_SUFFIXES = (".html", ".png", ".svg")
REPORT_SUFFIXES = (".html", ".md")


class ViewFormatError(ValueError):
    """An output file whose extension names no format this view can write."""


def check_suffix(out: Path, allowed: tuple[str, ...]) -> str:
    """The format ``out``'s extension names (``.html``, ``.png``, ``.svg``, ``.md``), or a ``ViewFormatError``."""
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise ViewFormatError(f"{out}: đuôi tệp phải là {', '.join(allowed)} (the extension chooses the format).")
    return suffix


def write_diffusion(items: list[Diffusion], out: Path) -> None:
    suffix = check_suffix(out, VIEW_SUFFIXES)
    if suffix == ".html":
        from viz.pages import generate_diffusion_page

        out.write_text(generate_diffusion_page(items), encoding="utf-8")
    else:
        from viz.pictures import diffusion_picture

        out.write_bytes(diffusion_picture(items, fmt=suffix[1:]))


def write_province_map(item: Diffusion, out: Path, *, measure: str = "lag", year: int = 2021) -> None:
    suffix = check_suffix(out, VIEW_SUFFIXES)
    if suffix == ".html":
        from viz.pages import generate_province_map_page

        out.write_text(generate_province_map_page(item, measure, year), encoding="utf-8")
    else:
        from viz.pictures import province_map_picture

        out.write_bytes(province_map_picture(item, measure, year, fmt=suffix[1:]))


def write_report(items: list[Diffusion], out: Path, *, measure: str = "lag") -> list[Path]:
    """The report as ``out`` (``.html``) and its Markdown twin (``.md``, with SVG pictures in a folder beside it)."""
    from viz.pages import generate_report, generate_report_markdown
    from viz.pictures import diffusion_picture, province_map_picture

    check_suffix(out, REPORT_SUFFIXES)
    html_path, markdown_path = out.with_suffix(".html"), out.with_suffix(".md")
    pictures_folder = out.with_name(out.stem + "-hinh")
    pictures_folder.mkdir(exist_ok=True)
    pictures = {"diffusion": f"{pictures_folder.name}/lan-toa.svg"}
    (pictures_folder / "lan-toa.svg").write_bytes(diffusion_picture(items, fmt="svg"))
    for index, item in enumerate(items, start=1):
        name = f"ban-do-tinh-{index}.svg"
        (pictures_folder / name).write_bytes(province_map_picture(item, measure, 2021, fmt="svg"))
        pictures[f"map:{item.uid}"] = f"{pictures_folder.name}/{name}"
    markdown_path.write_text(generate_report_markdown(items, pictures), encoding="utf-8")
    html_path.write_text(generate_report(items, measure), encoding="utf-8")
    return [html_path, markdown_path, pictures_folder]


__all__ = ["VIEW_SUFFIXES", "ViewFormatError", "check_suffix", "write_diffusion", "write_province_map", "write_report"]


def write_leaders_map(leaders: list[Any], followers: list[Any], out: Path, *, title: str, explained: str) -> None:
    """The leaders map (scores on the tiles, follower arrows) as ``.html``, ``.png`` or ``.svg``."""
    suffix = check_suffix(out, VIEW_SUFFIXES)
    if suffix == ".html":
        from viz.pages import generate_leaders_page

        out.write_text(generate_leaders_page(leaders, followers, title=title, explained=explained), encoding="utf-8")
    else:
        from viz.pictures import leaders_picture

        out.write_bytes(leaders_picture(leaders, followers, title=title, fmt=suffix[1:]))
