"""Render a generated notice the way offices and websites produce it, for the readers' truth tests.

- ``docx``: the head and the foot in borderless two-column tables (python-docx), as Word
  templates for Nghị định 30/2020/NĐ-CP lay them out;
- ``pdf``: the same layout drawn on A4 pages with a Vietnamese font (matplotlib's PDF backend,
  TrueType text, so the PDF has a text layer as Word's export does); body lines wrapped;
- ``web``: text as a web page gives it: a page title and an e-signature stamp above, the head
  flattened into one line, the signature block on one line;
- ``scan``: the PDF's pages rasterised at 300 dpi with a slight rotation, speckle noise and a
  red seal over the signature, saved as an image-only PDF (no text layer: OCR must read it).

Each returns the file name it wrote; the notice's truth is the same as the ``.txt``'s.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

A4 = (8.27, 11.69)  # inches
LEFT, RIGHT, TOP, BOTTOM = 0.9, 7.6, 10.9, 0.9
LINE = 0.24  # inches between lines at 12 pt
BODY_WIDTH = 80  # characters a body line holds at 11 pt between the margins
SCAN_DPI = 300


@dataclass
class NoticeParts:
    """A notice's parts where the layout rules place them; :meth:`text` is the plain text, and
    this module lays the same parts out as a Word file, a PDF, a web page or a scan."""

    party: bool
    letterhead: list[str]
    number: str
    letter_subject: str | None
    place_date: str
    heading: list[str] | None
    greeting: list[str]
    body: list[str]
    recipients: list[str]
    signature: list[str]  # authority, title, name

    @property
    def motto(self) -> list[str]:
        return ["ĐẢNG CỘNG SẢN VIỆT NAM"] if self.party else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

    def text(self) -> str:
        if self.letter_subject:
            head = [self.number, self.letter_subject, "", self.place_date, "", *self.greeting, ""]
        else:
            head = [self.number, "", self.place_date, "", *(self.heading or []), ""]
        authority, title, name = self.signature
        return "\n".join([*self.letterhead, "*", *head, "\n\n".join(self.body), "", *self.recipients, "", authority, title, "", name, ""])



def render(parts: NoticeParts, form: str, stem: Path, rng: random.Random) -> str:
    if form == "docx":
        path = stem.with_suffix(".docx")
        write_docx(parts, path)
    elif form == "pdf":
        path = stem.with_suffix(".pdf")
        write_pdf(parts, path)
    elif form == "web":
        path = stem.with_suffix(".web.txt")
        path.write_text(web_text(parts), encoding="utf-8")
    elif form == "scan":
        path = stem.with_suffix(".scan.pdf")
        write_scan(parts, path, rng)
    else:
        raise ValueError(f"unknown format {form!r}: docx, pdf, web or scan")
    return path.name


def _letterhead_lines(parts: NoticeParts) -> list[str]:
    """"ỦY BAN NHÂN DÂN TỈNH CAO BẰNG" on two lines, as letterheads print it: the body, then its province."""
    lines: list[str] = []
    for line in parts.letterhead:
        for body in ("ỦY BAN NHÂN DÂN", "TỈNH ỦY"):
            if line.startswith(body + " ") and (body == "ỦY BAN NHÂN DÂN" or len(line) > 24):
                lines += [body, line[len(body) + 1 :]]
                break
        else:
            lines.append(line)
    return lines


def _head_columns(parts: NoticeParts) -> tuple[list[str], list[str]]:
    left = [*_letterhead_lines(parts), "*" if parts.party else "", parts.number]
    if parts.letter_subject:
        left.extend(textwrap.wrap(parts.letter_subject, 36))  # the left column is half the page wide
    right = [*parts.motto, "", parts.place_date]
    return [line for line in left if line], right


def write_docx(parts: NoticeParts, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    left, right = _head_columns(parts)
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "\n".join(left)
    head.cell(0, 1).text = "\n".join(right)
    for line in parts.heading or []:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if parts.greeting:
        document.add_paragraph("\n".join(parts.greeting))
    for paragraph in parts.body:
        document.add_paragraph(paragraph)
    foot = document.add_table(rows=1, cols=2)
    foot.cell(0, 0).text = "\n".join(parts.recipients)
    authority, title, name = parts.signature
    foot.cell(0, 1).text = "\n".join([authority, title, "", "", name])
    document.save(str(path))


def _pages(parts: NoticeParts) -> list[list[tuple[float, float, str, bool]]]:
    """Every line to draw, as (x, y, text, bold) in inches, page by page."""
    pages: list[list[tuple[float, float, str, bool]]] = [[]]
    left, right = _head_columns(parts)
    for index, line in enumerate(left):
        pages[0].append((LEFT, TOP - index * LINE, line, index < len(_letterhead_lines(parts)) + 1))
    for index, line in enumerate(right):
        pages[0].append((4.2, TOP - index * LINE, line, index < len(parts.motto)))
    y = TOP - (max(len(left), len(right)) + 1.5) * LINE

    def put(text: str, x: float = LEFT, bold: bool = False) -> None:
        nonlocal y
        if y < BOTTOM:
            pages.append([])
            y = TOP
        pages[-1].append((x, y, text, bold))
        y -= LINE

    for index, line in enumerate(parts.heading or []):
        put(line, x=max(LEFT, 4.1 - len(line) * 0.045), bold=index == 0)
    for line in parts.greeting:
        put(line, x=2.6)
    y -= LINE / 2
    for paragraph in parts.body:
        for index, line in enumerate(textwrap.wrap(paragraph, BODY_WIDTH)):
            put(line, x=LEFT + (0.4 if index == 0 else 0))
    y -= LINE
    if y - len(parts.recipients) * LINE < BOTTOM:
        pages.append([])
        y = TOP
    authority, title, name = parts.signature
    for index, line in enumerate(parts.recipients):
        pages[-1].append((LEFT, y - index * LINE, line, index == 0))
    pages[-1].append((4.6, y, authority, True))
    pages[-1].append((4.8, y - LINE, title, True))
    pages[-1].append((4.6, y - 4.5 * LINE, name, True))
    return pages


def _figures(parts: NoticeParts):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType text with its Unicode, as Word's PDF export writes
    import matplotlib.pyplot as plt

    for page in _pages(parts):
        figure = plt.figure(figsize=A4)
        for x, y, text, bold in page:
            figure.text(x / A4[0], y / A4[1], text, fontsize=11, family="DejaVu Serif", weight="bold" if bold else "normal")
        yield figure
        plt.close(figure)


def write_pdf(parts: NoticeParts, path: Path) -> None:
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        for figure in _figures(parts):
            pdf.savefig(figure)


def write_scan(parts: NoticeParts, path: Path, rng: random.Random) -> None:
    import io

    import numpy as np
    from PIL import Image, ImageDraw

    pages = []
    last = len(_pages(parts)) - 1
    for index, figure in enumerate(_figures(parts)):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=SCAN_DPI)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
        if index == last:  # a red seal over the signature
            draw = ImageDraw.Draw(image)
            # over the space where the signature is signed, left of it, as a seal is placed
            cx, cy = int(4.4 * SCAN_DPI), int((A4[1] - _signature_y(parts)) * SCAN_DPI)
            radius = int(0.4 * SCAN_DPI)
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=(200, 30, 30), width=SCAN_DPI // 25)
            inner = int(radius * 0.72)
            draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=(200, 30, 30), width=SCAN_DPI // 60)
        image = image.rotate(rng.uniform(-0.8, 0.8), fillcolor=(255, 255, 255), resample=Image.Resampling.BICUBIC)
        pixels = np.asarray(image).copy()
        speckle = np.random.default_rng(rng.randrange(1 << 30)).random(pixels.shape[:2]) < 0.002
        pixels[speckle] = 0
        pages.append(Image.fromarray(pixels))
    pages[0].save(path, "PDF", resolution=SCAN_DPI, save_all=True, append_images=pages[1:])


def _signature_y(parts: NoticeParts) -> float:
    for page in _pages(parts)[-1:]:
        for _, y, text, _ in page:
            if text == parts.signature[0]:
                return y - 2.5 * LINE
    return 3.0


def web_text(parts: NoticeParts) -> str:
    """The notice as text saved from a web page: a page title and an e-signature stamp, the head on one line."""
    authority, title, name = parts.signature
    issuer = parts.letterhead[0].title()
    head = [*parts.letterhead, "-------", *parts.motto, "---------------", parts.number]
    if parts.letter_subject:
        head.append(parts.letter_subject)
    head.append(parts.place_date)
    head.extend(parts.heading or [])
    head.extend(parts.greeting)
    lines = [
        f"{parts.number.split(' ', 1)[-1].lstrip(': ')} - {issuer} - Cổng thông tin điện tử",
        f"Ký bởi: {issuer}",
        "Thời gian ký: 05.10.2021 10:07:47 +07:00",
        " ".join(" ".join(head).split()),  # a browser shows a run of spaces as one
        *parts.body,
        "",
        *parts.recipients,
        "",
        f"{authority} {title} {name}",
        "",
    ]
    return "\n".join(lines)
