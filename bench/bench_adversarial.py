"""Extraction time on adversarial inputs (a bad OCR page, a table read as one line): every scan must
stay linear. Prints seconds for each input at 100 KB and 1 MB; 1 MB should take under 2 s.

    python -m bench.bench_adversarial [--sizes 100000,1000000]
"""

from __future__ import annotations

import argparse
import time

from graphbuild import extract
from graphbuild.testing.adversarial import INPUTS


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
