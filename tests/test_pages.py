"""The annotated page sets (docs/accuracy.md): tests/pages, tests/fresh and tests/blind.  Every
gold file follows the contract and quotes its page; the scorer in benchmarks/accuracy.py runs on
every page of tests/pages, and accuracy there stays above its floors."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "pages"
GOLD_FILES = sorted(PAGES.glob("*.json"))
GOLD_FILES = [p for p in GOLD_FILES if p.name != "floors.json"]
# every annotated set: the ten pages, the pages written blind for stop 21 and for stop 22
ALL_GOLD = GOLD_FILES + [p for folder in ("fresh", "blind") for p in sorted((REPO / "tests" / folder).glob("*.json"))]
NAME = re.compile(r"^\d\d-[a-z]+-(\d{4}-\d\d-\d\d)$")

REPORT_KEYS = {"published", "meetings", "forecasts", "statistics", "enterprises"}
MEETING_KEYS = {"date", "name", "chairs", "speakers", "attendees", "organizations"}
PERSON_KEYS = {"name", "title"}
FORECAST_KEYS = {"issuer", "days"}
DAY_KEYS = {"date", "weekday", "weather", "wind", "wind_directions", "wind_force_min", "wind_force_max",
            "gust_force_min", "gust_force_max", "temp_min_c", "temp_max_c"}
STAT_KEYS = {"subject", "metric", "text", "value", "unit", "period", "qualifier"}
ENTERPRISE_KEYS = {"enterprise", "person", "role"}
PERIOD = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?$")


def _load_accuracy():
    spec = importlib.util.spec_from_file_location("accuracy", REPO / "benchmarks" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _iso_or_none(value) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _str_or_none(value) -> bool:
    return value is None or (isinstance(value, str) and value != "")


def _int_or_none(value) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _number(value) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _person_ok(p) -> bool:
    return set(p) == PERSON_KEYS and isinstance(p["name"], str) and p["name"] and _str_or_none(p["title"])


def contract_errors(gold: dict) -> list[str]:
    """Every way a gold dict departs from SCHEMA.md (empty when it is valid)."""
    errors = []
    if set(gold) != REPORT_KEYS:
        return [f"report keys {sorted(gold)}"]
    if not _iso_or_none(gold["published"]):
        errors.append(f"published {gold['published']!r}")
    for i, m in enumerate(gold["meetings"]):
        if set(m) != MEETING_KEYS:
            errors.append(f"meeting {i} keys {sorted(m)}")
            continue
        if not _iso_or_none(m["date"]) or not _str_or_none(m["name"]):
            errors.append(f"meeting {i} date/name")
        for role in ("chairs", "speakers", "attendees"):
            if not isinstance(m[role], list) or not all(_person_ok(p) for p in m[role]):
                errors.append(f"meeting {i} {role}")
        if not isinstance(m["organizations"], list) or not all(isinstance(o, str) and o for o in m["organizations"]):
            errors.append(f"meeting {i} organizations")
    for i, f in enumerate(gold["forecasts"]):
        if set(f) != FORECAST_KEYS or not _str_or_none(f["issuer"]) or not isinstance(f["days"], list):
            errors.append(f"forecast {i}")
            continue
        for j, d in enumerate(f["days"]):
            where = f"forecast {i} day {j}"
            if set(d) != DAY_KEYS:
                errors.append(f"{where} keys {sorted(d)}")
                continue
            if not _iso_or_none(d["date"]):
                errors.append(f"{where} date")
            if not (d["weekday"] is None or (_int_or_none(d["weekday"]) and 1 <= d["weekday"] <= 7)):
                errors.append(f"{where} weekday")
            if not (_str_or_none(d["weather"]) and _str_or_none(d["wind"])):
                errors.append(f"{where} weather/wind")
            if not isinstance(d["wind_directions"], list) or not all(isinstance(w, str) for w in d["wind_directions"]):
                errors.append(f"{where} wind_directions")
            for k in ("wind_force_min", "wind_force_max", "gust_force_min", "gust_force_max"):
                if not _int_or_none(d[k]):
                    errors.append(f"{where} {k}")
            for k in ("temp_min_c", "temp_max_c"):
                if not (d[k] is None or _number(d[k])):
                    errors.append(f"{where} {k}")
            if d["temp_min_c"] is not None and d["temp_max_c"] is not None and d["temp_min_c"] > d["temp_max_c"]:
                errors.append(f"{where} temp_min_c > temp_max_c")
            for lo, hi in (("wind_force_min", "wind_force_max"), ("gust_force_min", "gust_force_max")):
                if d[lo] is not None and d[hi] is not None and d[lo] > d[hi]:
                    errors.append(f"{where} {lo} > {hi}")
    for i, s in enumerate(gold["statistics"]):
        if set(s) != STAT_KEYS:
            errors.append(f"statistic {i} keys {sorted(s)}")
            continue
        if not all(isinstance(s[k], str) and s[k] for k in ("metric", "text", "unit")):
            errors.append(f"statistic {i} metric/text/unit")
        if not _number(s["value"]) or s["value"] < 0:
            errors.append(f"statistic {i} value {s['value']!r}")
        if not (_str_or_none(s["subject"]) and _str_or_none(s["qualifier"])):
            errors.append(f"statistic {i} subject/qualifier")
        if not (s["period"] is None or (isinstance(s["period"], str) and PERIOD.match(s["period"]))):
            errors.append(f"statistic {i} period {s['period']!r}")
    for i, e in enumerate(gold["enterprises"]):
        if set(e) != ENTERPRISE_KEYS or not (e["enterprise"] and e["person"]) or not _str_or_none(e["role"]):
            errors.append(f"enterprise {i}")
    return errors


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def test_the_set_is_ten_pages_with_gold():
    assert len(GOLD_FILES) == 10
    for path in GOLD_FILES:
        text = path.with_suffix(".txt").read_bytes().decode("utf-8")
        assert 800 <= len(text.replace("\r\n", "\n")) <= 3000, path.name


@pytest.mark.parametrize("path", ALL_GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_follows_the_contract(path):
    assert contract_errors(_gold(path)) == []


@pytest.mark.parametrize("path", ALL_GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_published_is_the_filename_date(path):
    match = NAME.match(path.stem)
    assert match, f"{path.name} is not NN-<city>-<yyyy-mm-dd>.json"
    assert _gold(path)["published"] == match.group(1)


@pytest.mark.parametrize("path", ALL_GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_strings_are_on_the_page(path):
    """text, metric, names and wind phrases are quoted from the page (page breaks joined; on a
    page copied from a PDF, whose lines wrap inside words, from the page with its lines joined)."""
    raw = path.with_suffix(".txt").read_bytes().decode("utf-8").replace("\r\n", "\n")
    page = raw.replace("\n\n", "")
    joined = raw.replace("\n", "")
    gold = _gold(path)
    quoted = [s[k] for s in gold["statistics"] for k in ("text", "metric")]
    quoted += [p["name"] for m in gold["meetings"] for r in ("chairs", "speakers", "attendees") for p in m[r]]
    quoted += [d[k] for f in gold["forecasts"] for d in f["days"] for k in ("weather", "wind") if d[k]]
    quoted += [e[k] for e in gold["enterprises"] for k in ("enterprise", "person")]
    assert [q for q in quoted if q not in page and q not in joined] == []


@pytest.fixture(scope="module")
def scores():
    return _load_accuracy().score_folder(PAGES)


def test_scorer_runs_on_every_page(scores):
    assert scores["pages_scored"] == len(GOLD_FILES)
    for kind, k in scores["kinds"].items():
        for metric in ("precision", "recall", "f1"):
            assert 0.0 <= k[metric] <= 1.0, (kind, metric)
    for fields in scores["fields"].values():
        assert all(0.0 <= f["accuracy"] <= 1.0 for f in fields.values())


def test_scorer_is_exact_on_gold_itself():
    accuracy = _load_accuracy()
    pages = accuracy.load_pages(PAGES)
    golds = {text: gold for _, text, gold in pages}
    result = accuracy.score_pages(pages, predict=lambda text, published: golds[text])
    assert all(k["f1"] == 1.0 for k in result["kinds"].values())
    assert all(f["accuracy"] == 1.0 for fields in result["fields"].values() for f in fields.values())


def test_accuracy_stays_above_the_floors(scores):
    floors = json.loads((PAGES / "floors.json").read_text(encoding="utf-8"))
    assert set(floors) == set(scores["kinds"])
    below = {k: (scores["kinds"][k]["f1"], floor) for k, floor in floors.items() if scores["kinds"][k]["f1"] < floor}
    assert below == {}, "F1 below its floor (kind: (score, floor)); run python benchmarks/accuracy.py --misses"
