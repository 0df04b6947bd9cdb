"""Extraction time on adversarial inputs (a bad OCR page, a table read as one line): every scan must
stay linear. Prints seconds for each input at 100 KB and 1 MB; 1 MB should take under 2 s.

    python -m bench.bench_adversarial [--sizes 100000,1000000]
"""

from __future__ import annotations

import argparse
import time

from graphbuild import extract

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'input':38s} " + " ".join(f"{size // 1000:>8d} KB" for size in sizes))
    for name, make in INPUTS.items():
        times = []
        for size in sizes:
            text = make(size)
            started = time.perf_counter()
            extract(text)
            times.append(time.perf_counter() - started)
        print(f"{name:38s} " + " ".join(f"{t:10.2f} s" for t in times), flush=True)


if __name__ == "__main__":
    main()
