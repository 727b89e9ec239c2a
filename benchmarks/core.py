"""Speed of the shared core: find_quantities and find_dates over the sample page repeated to 1 MB.

    python benchmarks/core.py [--mb 1] [--repeat 3]

Prints characters per second on one core (best of ``--repeat`` runs; the first run also
compiles the patterns, so it is timed apart).  docs/numbers-and-dates.md keeps the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from importlib import resources


def corpus(megabytes: float) -> str:
    page = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt").read_text(
        encoding="utf-8")
    target = int(megabytes * 1_000_000)
    return (page + "\n\n") * (target // (len(page) + 2) + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the text in millions of characters")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import govnews_extract as gx

    text = corpus(args.mb)
    published = dt.date(2024, 1, 22)
    t0 = time.perf_counter()
    gx.find_quantities("369.50亿元")
    gx.find_dates("1月20日", published)
    warm = time.perf_counter() - t0
    print(f"text: {len(text):,} characters; loading and compiling the patterns: {warm:.2f} s")
    for name, run in (("find_quantities", lambda: gx.find_quantities(text)),
                      ("find_dates", lambda: gx.find_dates(text, published))):
        best = float("inf")
        found = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            found = len(run())
            best = min(best, time.perf_counter() - t0)
        print(f"{name:16s} {len(text) / best / 1e6:6.2f} M chars/s  ({best:.2f} s, {found:,} found)")


if __name__ == "__main__":
    main()
