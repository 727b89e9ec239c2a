"""``govnews-extract run PATH... --out results.jsonl``: whole archives, resumable.

Inputs are folders (every ``*.txt`` below them), text files (one document each, id =
the path) and JSONL files (one document per line with ``text`` and optional ``id`` and
``published``).  Each result is written as soon as it is done, so an interrupted run
loses nothing; run again with the same ``--out`` and the ids already there are skipped.
A file that cannot be read is reported on stderr and skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ._extract import check_published


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="govnews-extract run",
                                description="Extract reports from folders, text files and JSONL files into one output.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="folders, .txt files or .jsonl files")
    p.add_argument("--out", required=True, help="results.jsonl (appended, resumable) or results.parquet")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="reference date for inputs that give none")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--no-models", action="store_true", help="rules only")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    return p


class Problems:
    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.count = 0

    def skip(self, where: str, why: str) -> None:
        self.count += 1
        print(f"govnews-extract run: skipped {where}: {why}", file=self.err)


def documents(paths: list[str], published: dt.date | None, problems: Problems,
              exclude: Path | None = None) -> Iterator[dict[str, Any]]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".txt", ".jsonl"))
        elif path.is_file():
            files = [path]
        else:
            problems.skip(raw, "no such file or folder")
            continue
        for f in files:
            if exclude is not None and f.resolve() == exclude.resolve():
                continue  # the output file may sit in an input folder
            yield from _read(f, published, problems)


def _read(path: Path, published: dt.date | None, problems: Problems) -> Iterator[dict[str, Any]]:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.skip(str(path), getattr(exc, "strerror", None) or str(exc))
        return
    if path.suffix != ".jsonl":
        yield {"id": str(path), "text": content, "published": published}
        return
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError("a line needs a JSON object with a 'text' string")
            day = check_published(rec.get("published")) or published
        except (ValueError, TypeError) as exc:
            problems.skip(where, str(exc))
            continue
        yield {"id": rec.get("id", where), "text": rec["text"], "published": day}


def _done_ids(out: Path) -> set[Any]:
    if not out.exists():
        return set()
    if out.suffix == ".parquet":
        import pyarrow.parquet as pq

        return set(pq.read_table(out, columns=["id"]).column("id").to_pylist())
    ids = set()
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                ids.add(json.loads(line)["id"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by an interruption is done again
    return ids


def main(argv: list[str], err: TextIO | None = None) -> int:
    err = sys.stderr if err is None else err
    args = parser().parse_args(argv)
    try:
        published = check_published(args.published)
    except ValueError as exc:
        print(f"govnews-extract run: --published: {exc}", file=err)
        return 2
    if args.jobs < 1:
        print("govnews-extract run: --jobs must be at least 1", file=err)
        return 2
    out = Path(args.out)
    if out.suffix not in (".jsonl", ".parquet"):
        print(f"govnews-extract run: --out must end in .jsonl or .parquet, got {out.name}", file=err)
        return 2
    problems = Problems(err)
    done = _done_ids(out)
    todo = [d for d in documents(args.paths, published, problems, out) if d["id"] not in done]
    progress = args.progress if args.progress is not None else err.isatty()
    from ._batch import extract_many

    reports = extract_many(todo, n_process=args.jobs, progress=progress, models=not args.no_models)
    rows = ({"id": d["id"], **r.to_dict()} for d, r in zip(todo, reports, strict=True))
    written = _write_parquet(out, rows) if out.suffix == ".parquet" else _write_jsonl(out, rows)
    print(f"govnews-extract run: {written} written, {len(done)} already done, {problems.count} skipped",
          file=err)
    return 1 if problems.count else 0


def _write_jsonl(out: Path, rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            n += 1
    return n


def _write_parquet(out: Path, rows: Iterator[dict[str, Any]]) -> int:
    """Parquet cannot be appended to: old and new rows are written together at the end.

    Each record kind is a JSON string column, so mixed number types never clash.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SystemExit("govnews-extract run: .parquet output needs pyarrow: pip install pyarrow") from None
    new = [{"id": str(r["id"]), "published": r["published"],
            **{k: json.dumps(r[k], ensure_ascii=False) for k in ("meetings", "forecasts", "statistics", "enterprises")}}
           for r in rows]
    old = pq.read_table(out).to_pylist() if out.exists() else []
    pq.write_table(pa.Table.from_pylist(old + new), out)
    return len(new)
