"""Which engine scans each rule faster: ``re`` (what compile_fast picks when it can) or ``regex``.

    python benchmarks/engines.py [--chars 300000]

Scans the benchmark corpus (benchmarks/run.py) with every rule that compile_fast puts on ``re``,
once per engine, through the rule's prefilter when it has one, and prints the times side by side.
``re`` has less overhead per call and per match; ``regex`` finds the places worth trying faster
when a pattern has no literal start (a look-behind, an optional group, a class).  A rule that
scans clearly faster on ``regex`` gets ``engine: regex`` in its pattern file.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=300_000)
    args = parser.parse_args()

    from run import corpus

    from govnews_extract._patterns import Prefiltered, compile_fast, get_patterns
    from govnews_extract._text import Normalized

    texts = [Normalized(page).text for page in corpus(args.chars)]
    patterns = get_patterns()

    def scan_time(compiled, rule) -> float:
        scanner = compiled
        if isinstance(rule.scanner, Prefiltered):
            scanner = Prefiltered(compiled, rule.scanner.needs, rule.scanner.stops)
        t0 = time.process_time()
        for text in texts:
            for _ in scanner.finditer(text):
                pass
        return time.process_time() - t0

    rows = []
    for rule in patterns.rules():
        verbose = bool(rule.regex.flags & re.X)
        fast = compile_fast(rule.expanded, verbose)
        if not isinstance(fast, re.Pattern):
            continue
        slow = regex.compile(rule.expanded, regex.X if verbose else 0)
        t_re = min(scan_time(fast, rule) for _ in range(3))
        t_regex = min(scan_time(slow, rule) for _ in range(3))
        rows.append((rule.name, rule.file, t_re, t_regex, rule.data.get("engine", "fast")))
    print(f"{'rule':32s} {'file':16s} {'re ms':>8s} {'regex ms':>9s}  ratio  declared")
    for name, fname, t_re, t_regex, declared in sorted(rows, key=lambda r: r[3] / max(r[2], 1e-9)):
        ratio = t_re / max(t_regex, 1e-9)
        print(f"{name:32s} {fname:16s} {1000 * t_re:8.1f} {1000 * t_regex:9.1f}  {ratio:5.2f}  {declared}")


if __name__ == "__main__":
    main()
