"""Speed and memory of govnews_extract, printed as a table (docs/performance.md keeps the results).

    python benchmarks/run.py [--mb 1] [--scale 10] [--no-models] [--input real|dense|sample|pages|all]
    python benchmarks/run.py --stages [--mb 0.3] [--input real]

Measures, each in a fresh process where it matters: import time, pipeline load time,
characters per second of ``gx.extract`` over a corpus of real-looking pages (by default every
annotated page of tests/ and the sample page, repeated to the size asked), peak memory (max RSS),
and how the time for ``--scale`` times the corpus compares.  ``--input dense`` is the stress case:
the sample page's paragraphs and every example sentence of patterns/, shuffled, so that nearly
every sentence carries a record.  Each table starts with the host's speed (a pure-Python loop),
so figures from different days and machines can be compared.  ``--stages`` prints instead where
the rules spend their time: the CPU seconds of each shared stage and of each record kind.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus(size_chars: int, seed: int = 7) -> list[str]:
    """Pages of about 3 000 characters built from the sample page and the pattern examples."""
    from importlib import resources

    from govnews_extract._patterns import get_patterns

    sample = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt")
    pieces = [p for p in sample.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for rule in get_patterns().rules():
        pieces.extend(case["text"] for case in rule.examples)
    rng = random.Random(seed)
    pages, total = [], 0
    while total < size_chars:
        page = []
        while sum(map(len, page)) < 3000:
            page.append(rng.choice(pieces))
        text = "\n\n".join(page)
        pages.append(text)
        total += len(text)
    return pages


def annotated_pages() -> list[Path]:
    """Every hand-annotated page of the source tree (tests/pages, tests/fresh, …), in name order."""
    return sorted(p for p in (REPO / "tests").glob("*/*.txt") if p.with_suffix(".json").exists())


def pages_of(kind: str, size_chars: int) -> list[str]:
    """The input to time: ``dense`` (:func:`corpus`), or real-looking pages repeated to about
    ``size_chars``: ``real`` (every annotated page and the sample page), ``sample`` (the shipped
    sample page alone) or ``pages`` (the ten of tests/pages)."""
    if kind == "dense":
        return corpus(size_chars)
    if kind == "real":
        from importlib import resources

        sample = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt")
        texts = [p.read_text(encoding="utf-8") for p in annotated_pages()]
        texts.append(sample.read_text(encoding="utf-8"))
    elif kind == "sample":
        from importlib import resources

        sample = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt")
        texts = [sample.read_text(encoding="utf-8")]
    elif kind == "pages":
        texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "pages").glob("*.txt"))]
    else:
        raise ValueError(f"unknown input {kind!r}: real, dense, sample or pages")
    total = sum(map(len, texts))
    return texts * max(1, round(size_chars / total))


def _child(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                         check=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(mb: float, models: bool, kind: str = "dense") -> dict:
    code = f"""
        import json, resource, sys, time
        t0 = time.perf_counter(); import govnews_extract as gx; t_import = time.perf_counter() - t0
        sys.path.insert(0, {str(REPO / 'benchmarks')!r}); from run import pages_of
        pages = pages_of({kind!r}, int({mb} * 1_000_000))
        t0 = time.perf_counter(); nlp = gx.load(models={models}); t_load = time.perf_counter() - t0
        from govnews_extract._pipeline import extract_with  # what gx.extract runs
        t0 = time.perf_counter(); extract_with(nlp, pages[0], "2024-01-22"); t_first = time.perf_counter() - t0
        # the corpus repeats its pages: one pass over each page once first, before the caches
        # (short strings, numbers, names) have seen it, for the rate of text never seen before
        distinct = list(dict.fromkeys(pages)) if len(set(pages)) < len(pages) else []
        c0 = time.process_time()
        for p in distinct:
            extract_with(nlp, p, "2024-01-22")
        once = sum(map(len, distinct)) / max(time.process_time() - c0, 1e-9) if distinct else None
        t0 = time.perf_counter(); c0 = time.process_time(); n = 0; records = 0
        for p in pages:
            r = extract_with(nlp, p, "2024-01-22")
            n += len(p); records += len(r.meetings) + len(r.forecasts) + len(r.statistics) + len(r.enterprises)
        t = time.perf_counter() - t0; cpu = time.process_time() - c0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"import_s": t_import, "load_s": t_load, "first_s": t_first,
                           "first_chars": len(pages[0]), "chars": n, "seconds": t, "cpu_s": cpu,
                           "chars_per_s": n / t, "once_chars_per_s": once, "records": records, "peak_rss_mb": rss}}))
    """
    return _child(code)


def stages(mb: float, kind: str) -> dict:
    """CPU seconds of each stage of the rules over the corpus, in the order build_report meets them:
    the normalised text, the articles, quantities and dates (shared by the kinds: each is timed
    where it is first asked for, here before the kinds), then each kind on what is left."""
    code = f"""
        import json, sys, time
        import govnews_extract as gx
        sys.path.insert(0, {str(REPO / 'benchmarks')!r}); from run import pages_of
        from govnews_extract import enterprises, meetings, statistics, weather
        from govnews_extract._extract import Context
        from govnews_extract._patterns import one_setting
        pages = pages_of({kind!r}, int({mb} * 1_000_000))
        gx.load(models=False)
        steps = [("normalised text", lambda c: c.text), ("articles", lambda c: c.article_index),
                 ("quantities", lambda c: c.quantities), ("dates", lambda c: c.dates),
                 ("weather", lambda c: weather.extract(c)), ("statistics", lambda c: statistics.extract(c)),
                 ("meetings", lambda c: meetings.extract(c)), ("enterprises", lambda c: enterprises.extract(c))]
        spent = dict.fromkeys([name for name, _ in steps], 0.0)
        clock = time.process_time
        with one_setting():
            for p in pages:
                t = clock(); c = Context(p, None); spent["normalised text"] += clock() - t
                for name, step in steps[1:]:
                    t = clock(); step(c); spent[name] += clock() - t
        print(json.dumps(spent))
    """
    return _child(code)


def host_speed() -> float:
    """Seconds for a pure-Python loop of 10 million additions: the machine's speed of the day
    (about 0.5 s on the fastest host seen, 1.6 s on the slowest), to read the other rows by."""
    return _child("""
        import json, time
        t0 = time.process_time(); s = 0
        for i in range(10_000_000):
            s += i
        print(json.dumps({"seconds": time.process_time() - t0}))
    """)["seconds"]


def print_table(rows: list[tuple[str, str]]) -> None:
    """Two columns, measure and value, as a markdown table."""
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size in millions of characters")
    ap.add_argument("--scale", type=float, default=10.0, help="also run scale x the corpus (0: skip)")
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--stages", action="store_true",
                    help="instead: the CPU share of each stage of the rules (normalised text, articles, quantities, "
                         "dates, each kind) over the input")
    ap.add_argument("--input", choices=("real", "dense", "sample", "pages", "all"), default="real",
                    help="real (default): every annotated page of tests/ and the sample page; dense: shuffled "
                         "pattern examples (the stress case); sample: the sample page; pages: the ten pages of "
                         "tests/pages; each repeated to the size asked. all: the throughput of each, rules only "
                         "and with models, in one table")
    args = ap.parse_args()
    models = not args.no_models
    print(f"host speed: 10 M additions in {host_speed():.2f} s of CPU")
    if args.stages:
        spent = stages(args.mb, "real" if args.input == "all" else args.input)
        total = sum(spent.values())
        print(f"| stage ({args.input}, rules only) | CPU s | share |")
        print("|---|---:|---:|")
        for name, seconds in spent.items():
            print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
        print(f"| all | {total:.2f} | 100% |")
        return
    if args.input == "all":
        print("| input | rules only | with models |")
        print("|---|---:|---:|")
        for kind in ("real", "dense", "sample", "pages"):
            rates = [measure(args.mb, m, kind)["chars_per_s"] for m in (False, True)]
            print(f"| {kind} | {rates[0]:,.0f} chars/s | {rates[1]:,.0f} chars/s |")
        return
    base = measure(args.mb, models, args.input)
    rows = [
        ("import govnews_extract", f"{base['import_s']:.3f} s"),
        (f"gx.load(models={models})", f"{base['load_s']:.2f} s"),
        # load compiles every rule (and loads the model), so the first page costs what any page does
        (f"first page after load ({base['first_chars']:,} chars)", f"{base['first_s']:.3f} s"),
        (f"extract over {base['chars'] / 1e6:.2f} M chars", f"{base['seconds']:.2f} s"),
        ("throughput", f"{base['chars_per_s']:,.0f} chars/s"),
    ]
    if base["once_chars_per_s"]:
        rows.append(("throughput, first pass (each page once, CPU time)", f"{base['once_chars_per_s']:,.0f} chars/s"))
    rows += [
        # CPU time over wall time: 1.00 when the work stays on one core (BLAS threads would raise it)
        ("cores used (CPU time / wall time)", f"{base['cpu_s'] / base['seconds']:.2f}"),
        ("records found", f"{base['records']:,}"),
        ("peak memory (max RSS)", f"{base['peak_rss_mb']:.0f} MB"),
    ]
    if args.scale:
        big = measure(args.mb * args.scale, models, args.input)
        rows.append((f"extract over {big['chars'] / 1e6:.2f} M chars", f"{big['seconds']:.2f} s"))
        rows.append((f"time ratio for {args.scale:g}x the input", f"{big['seconds'] / base['seconds']:.2f}x"))
        rows.append(("peak memory at that size", f"{big['peak_rss_mb']:.0f} MB"))
    print_table(rows)


if __name__ == "__main__":
    main()
