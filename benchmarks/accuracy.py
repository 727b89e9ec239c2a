"""Accuracy of ``gx.extract`` against hand-annotated pages (docs/accuracy.md explains the set).

    python benchmarks/accuracy.py [FOLDER] [--json OUT.json] [--misses]

FOLDER (default ``tests/pages``) holds ``NN-<city>-<yyyy-mm-dd>.txt`` pages, each beside its gold
``.json`` (exactly ``report.to_dict()`` as SCHEMA.md defines it).  Each page is extracted with its
gold ``published`` date, then records are matched on their key fields:

* meetings by (date, name); then chairs / speakers / attendees as set-F1 of (name, title) pairs and
  organizations as set-F1 of names;
* forecast days by date (by position in their forecast when the gold date is null); then accuracy of
  every DayForecast field and of the issuer of the forecast they belong to;
* statistics in text order by (text, value, unit); then accuracy of metric / subject / period / qualifier;
* enterprises by (enterprise, person); then accuracy of role.

Record level: precision, recall and F1 per kind over the whole folder.  Field level: the mean
over matched records.  Numbers are compared as ``Decimal`` (``4.8 == 4.80``, no float noise).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = REPO / "tests" / "pages"
KINDS = ("meetings", "forecasts", "statistics", "enterprises")

MEETING_LISTS = ("chairs", "speakers", "attendees", "organizations")
DAY_FIELDS = ("weekday", "weather", "wind", "wind_directions", "wind_force_min", "wind_force_max",
              "gust_force_min", "gust_force_max", "temp_min_c", "temp_max_c", "issuer")
STAT_FIELDS = ("metric", "subject", "period", "qualifier")
ENTERPRISE_FIELDS = ("role",)


# ---------------------------------------------------------------- comparisons

def _norm(value: Any) -> Any:
    """Plain data made comparable: numbers as Decimal (bools untouched), lists as tuples."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if isinstance(value, (list, tuple)):
        return tuple(_norm(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items()))
    return value


def _same(a: Any, b: Any) -> bool:
    return _norm(a) == _norm(b)


def _set_f1(gold: list, pred: list) -> float:
    g = {_norm(x) for x in gold}
    p = {_norm(x) for x in pred}
    if not g and not p:
        return 1.0
    tp = len(g & p)
    return 2 * tp / (len(g) + len(p))


def _people(persons: list[dict]) -> list[tuple]:
    return [(p.get("name"), p.get("title")) for p in persons]


# ---------------------------------------------------------------- matching

def _match(gold: list, pred: list, key) -> list[tuple[dict, dict]]:
    """Greedy in-order matching: each gold record takes the earliest unused prediction with the same key."""
    used = [False] * len(pred)
    pred_keys = [_norm(key(p)) for p in pred]
    pairs = []
    for g in gold:
        k = _norm(key(g))
        for i, pk in enumerate(pred_keys):
            if not used[i] and pk == k:
                used[i] = True
                pairs.append((g, pred[i]))
                break
    return pairs


def _days(forecasts: list[dict]) -> list[dict]:
    rows = []
    for fi, forecast in enumerate(forecasts or []):
        for di, day in enumerate(forecast.get("days") or []):
            rows.append({**day, "issuer": forecast.get("issuer"), "_pos": (fi, di)})
    return rows


def _day_key(day: dict) -> Any:
    return day["date"] if day.get("date") is not None else ("position", day["_pos"])


def _records(report: dict, kind: str) -> list[dict]:
    return _days(report.get("forecasts")) if kind == "forecasts" else list(report.get(kind) or [])


KEYS = {
    "meetings": lambda m: (m.get("date"), m.get("name")),
    # a gold row with a null date can only match a predicted row at the same position
    "forecasts": _day_key,
    "statistics": lambda s: (s.get("text"), s.get("value"), s.get("unit")),
    "enterprises": lambda e: (e.get("enterprise"), e.get("person")),
}


def _compare(kind: str, gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict]], dict[str, list[float]]]:
    """(matched pairs, field -> per-matched-record scores) for one page and one kind."""
    fields: dict[str, list[float]] = {}

    def add(name: str, score: float) -> None:
        fields.setdefault(name, []).append(float(score))

    pairs = _match(gold, pred, KEYS[kind])
    if kind == "meetings":
        for g, p in pairs:
            for f in MEETING_LISTS:
                if f == "organizations":
                    add(f, _set_f1(g.get(f) or [], p.get(f) or []))
                else:
                    add(f, _set_f1(_people(g.get(f) or []), _people(p.get(f) or [])))
    elif kind == "forecasts":
        for g, p in pairs:
            for f in DAY_FIELDS:
                add(f, _same(g.get(f), p.get(f)))
    elif kind == "statistics":
        for g, p in pairs:
            for f in STAT_FIELDS:
                add(f, _same(g.get(f), p.get(f)))
    else:
        for g, p in pairs:
            for f in ENTERPRISE_FIELDS:
                add(f, _same(g.get(f), p.get(f)))
    return pairs, fields


def _prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    if n_gold == 0 and n_pred == 0:
        return 1.0, 1.0, 1.0
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# ---------------------------------------------------------------- pages

def load_pages(folder: Path) -> list[tuple[str, str, dict]]:
    """(stem, text, gold) for every page with a gold file.  Text is read byte-exact (\\r\\n kept)."""
    pages = []
    for gold_path in sorted(Path(folder).glob("*.json")):
        text_path = gold_path.with_suffix(".txt")
        if not text_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"), parse_float=Decimal)
        pages.append((gold_path.stem, text_path.read_bytes().decode("utf-8"), gold))
    return pages


def extract(text: str, published: str | None) -> dict:
    import govnews_extract as gx

    date = dt.date.fromisoformat(published) if published else None
    return gx.extract(text, published=date).to_dict()


def _rules_only(text: str, published: str | None) -> dict:
    import govnews_extract as gx
    from govnews_extract._pipeline import run

    if "nlp" not in _RULES:
        _RULES["nlp"] = gx.load(models=False)
    return run(_RULES["nlp"], text, published)._.report.to_dict()


_RULES: dict[str, Any] = {}


def score_pages(pages: list[tuple[str, str, dict]], predict=extract) -> dict:
    """Scores as plain data: ``{"kinds": {...}, "fields": {...}, "pages": {...}, "misses": {...}}``."""
    totals = {k: {"gold": 0, "predicted": 0, "matched": 0} for k in KINDS}
    field_scores: dict[str, dict[str, list[float]]] = {k: {} for k in KINDS}
    per_page: dict[str, dict] = {}
    misses: dict[str, dict] = {}
    for stem, text, gold in pages:
        pred = predict(text, gold.get("published"))
        per_page[stem] = {}
        for kind in KINDS:
            g, p = _records(gold, kind), _records(pred, kind)
            pairs, fields = _compare(kind, g, p)
            tp = len(pairs)
            totals[kind]["gold"] += len(g)
            totals[kind]["predicted"] += len(p)
            totals[kind]["matched"] += tp
            for name, scores in fields.items():
                field_scores[kind].setdefault(name, []).extend(scores)
            per_page[stem][kind] = round(_prf(tp, len(g), len(p))[2], 4)
            got = {id(r) for pair in pairs for r in pair}
            missed = [_show(KEYS[kind](r)) for r in g if id(r) not in got]
            spurious = [_show(KEYS[kind](r)) for r in p if id(r) not in got]
            if missed or spurious:
                misses.setdefault(stem, {})[kind] = {"missed": missed, "spurious": spurious}
    kinds = {}
    for kind, t in totals.items():
        precision, recall, f1 = _prf(t["matched"], t["gold"], t["predicted"])
        kinds[kind] = {**t, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    fields_out = {
        kind: {name: {"accuracy": round(sum(s) / len(s), 4), "n": len(s)} for name, s in scores.items()}
        for kind, scores in field_scores.items()
    }
    return {"pages_scored": len(pages), "kinds": kinds, "fields": fields_out, "pages": per_page,
            "misses": misses}


def _show(key: Any) -> str:
    return " | ".join(str(x) for x in key) if isinstance(key, tuple) else str(key)


def score_folder(folder: Path | str = DEFAULT_FOLDER) -> dict:
    return score_pages(load_pages(Path(folder)))


# ---------------------------------------------------------------- report

def markdown(result: dict) -> str:
    lines = [f"Pages scored: {result['pages_scored']}", "",
             "| kind | gold | predicted | matched | precision | recall | F1 |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, k in result["kinds"].items():
        lines.append(f"| {kind} | {k['gold']} | {k['predicted']} | {k['matched']} | "
                     f"{k['precision']:.3f} | {k['recall']:.3f} | {k['f1']:.3f} |")
    lines += ["", "| kind | field | accuracy on matched records | matched |", "|---|---|---:|---:|"]
    for kind, fields in result["fields"].items():
        if not fields:
            lines.append(f"| {kind} | (no matched records) | – | 0 |")
        for name, f in fields.items():
            lines.append(f"| {kind} | {name} | {f['accuracy']:.3f} | {f['n']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER), help="folder of pages and gold files")
    parser.add_argument("--json", metavar="OUT", help="also write the scores as JSON to OUT")
    parser.add_argument("--misses", action="store_true", help="list missed and spurious record keys per page")
    parser.add_argument("--no-models", action="store_true", help="rules only: gx.load(models=False)")
    args = parser.parse_args(argv)
    pages = load_pages(Path(args.folder))
    if not pages:
        parser.error(f"no pages with gold files in {args.folder}")
    result = score_pages(pages, predict=_rules_only if args.no_models else extract)
    print(markdown(result))
    if args.misses:
        for stem, kinds in result["misses"].items():
            for kind, m in kinds.items():
                print(f"\n{stem} {kind}\n  missed:   {m['missed']}\n  spurious: {m['spurious']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
