"""The command line.

``govnews-extract [FILE ...|-] [--published YYYY-MM-DD] [--format json|jsonl|table]`` prints reports;
``govnews-extract run PATH... --out results.jsonl`` processes whole archives (see ``_runner``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from importlib import resources
from typing import Any

SAMPLE = "sample-xinxiang-daily-2024-01-22.txt"
SAMPLE_DATE = dt.date(2024, 1, 22)


class _Fail(Exception):
    """A user error: one line on stderr, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govnews-extract",
        description="Extract meetings, weather forecasts, statistics and enterprise–person pairs "
                    "from Chinese local-government news (UTF-8 text files, or - for standard input). "
                    "For whole archives: govnews-extract run PATH... --out results.jsonl",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files; - or nothing reads standard input")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="reference date for 1月20日, 去年, 周一 …")
    p.add_argument("--format", choices=("json", "jsonl", "table"), default="json", help="output format (json)")
    p.add_argument("--evidence", action="store_true", help="add each record's rule and character spans")
    p.add_argument("--no-models", action="store_true", help="rules only: do not load the statistical models")
    p.add_argument("--demo", action="store_true",
                   help=f"run on the sample page shipped with the package ({SAMPLE}, published {SAMPLE_DATE})")
    return p


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Fail(f"--published: not a date in the form YYYY-MM-DD: {value!r}") from None


def _inputs(args: argparse.Namespace) -> list[tuple[str, str, dt.date | None]]:
    published = _date(args.published)
    if args.demo:
        text = resources.files("govnews_extract").joinpath("data", SAMPLE).read_text(encoding="utf-8")
        return [(SAMPLE, text, published or SAMPLE_DATE)]
    items = []
    for name in args.files or ["-"]:
        if name == "-":
            items.append(("<stdin>", sys.stdin.read(), published))
            continue
        try:
            with open(name, encoding="utf-8") as fh:
                items.append((name, fh.read(), published))
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise _Fail(f"cannot read {name}: {reason}") from None
    return items


def _table(name: str, d: dict[str, Any]) -> str:
    lines = [f"# {name}  (published {d['published'] or 'unknown'})"]
    lines.append(f"meetings: {len(d['meetings'])}")
    for m in d["meetings"]:
        people = lambda ps: "、".join(p["name"] + (f"({p['title']})" if p["title"] else "") for p in ps) or "-"  # noqa: E731
        lines.append(f"  {m['date'] or '?'}  {m['name'] or '(unnamed)'}")
        lines.append(f"    chairs: {people(m['chairs'])}")
        lines.append(f"    speakers: {people(m['speakers'])}")
        lines.append(f"    attendees: {people(m['attendees'])}")
        if m["organizations"]:
            lines.append(f"    organizations: {'、'.join(m['organizations'])}")
    lines.append(f"forecasts: {len(d['forecasts'])}")
    for f in d["forecasts"]:
        lines.append(f"  issuer: {f['issuer'] or '-'}")
        for day in f["days"]:
            temps = f"{_n(day['temp_min_c'])}~{_n(day['temp_max_c'])}℃"
            lines.append(f"    {day['date'] or '?'} w{day['weekday'] or '?'}  {day['weather'] or '-'}  "
                         f"{day['wind'] or '-'}  {temps}")
    lines.append(f"statistics: {len(d['statistics'])}")
    for s in d["statistics"]:
        lines.append(f"  {s['subject'] or '-'} | {s['metric']} | {s['text']} = {s['value']} {s['unit']}"
                     f" | {s['period'] or '-'}")
    lines.append(f"enterprises: {len(d['enterprises'])}")
    for e in d["enterprises"]:
        lines.append(f"  {e['enterprise']} — {e['person']} ({e['role'] or '-'})")
    return "\n".join(lines)


def _n(value: Any) -> str:
    return "?" if value is None else str(value)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["run"]:
        from . import _runner

        return _runner.main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        items = _inputs(args)
    except _Fail as exc:
        print(f"govnews-extract: {exc}", file=sys.stderr)
        return 2
    from . import _pipeline

    nlp = _pipeline.load(models=not args.no_models)
    out = sys.stdout
    results = []
    for name, text, published in items:
        d = _pipeline.extract_with(nlp, text, published).to_dict(evidence=args.evidence)
        if args.format == "jsonl":
            out.write(json.dumps({"file": name, **d}, ensure_ascii=False) + "\n")
        elif args.format == "table":
            out.write(_table(name, d) + "\n")
        else:
            results.append(d)
    if args.format == "json":
        payload = results[0] if len(results) == 1 else results
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
