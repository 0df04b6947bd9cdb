"""Texts made to be slow to read (a bad OCR page, a table read as one line): every scan of the
extractors must stay linear in them. Each input is a function of the size in characters."""

from __future__ import annotations

HEAD = "Số 12-TB/TU\n\nĐiện Biên, ngày 04 tháng 8 năm 2021\n\nTHÔNG BÁO\nvề việc X\n\n"
INPUTS = {
    "one line of 'x/A '": lambda n: HEAD + ("x/A " * (n // 4)),
    "one line of '-TB/TU '": lambda n: HEAD + ("-TB/TU " * (n // 7)),
    "one line of '/2021/ '": lambda n: HEAD + ("/2021/ " * (n // 7)),
    "one line of '1/A-'": lambda n: HEAD + ("1/A-" * (n // 4)),
    "short mentions after one citation": lambda n: HEAD + "Thực hiện Nghị quyết số 128/NQ-CP ngày 11/10/2021. " + ("Nghị quyết 128 và nghị quyết này. " * (n // 34)),
    "repeated 'SAO Y BẢN CHÍNH' lines": lambda n: HEAD + ("SAO Y BẢN CHÍNH\n" * (n // 16)),
    "a table read as one line": lambda n: HEAD + ("| 12/UBND-VX | 05/02/2021 | Sở Y tế | " * (n // 38)),
}
