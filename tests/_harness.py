"""Running the examples and near-misses that every rule in patterns/ carries.

Each record kind names a runner that turns ``(text, published)`` into plain records
(``to_dict(evidence=True)``).  An example passes when the kind's whole list matches
``expect`` (every listed field exactly; a field not listed is not checked) and the
rule's own name appears in the evidence.  A near-miss passes when the rule does not
fire and the list is empty (or equals the near-miss's own ``expect``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import govnews_extract as gx


def _report_kind(kind: str):
    def run(text: str, published: dt.date | None) -> list[dict[str, Any]]:
        return gx.extract(text, published=published).to_dict(evidence=True)[kind]

    return run


RUNNERS = {
    "quantities": lambda text, published: [q.to_dict(evidence=True) for q in gx.find_quantities(text)],
    "dates": lambda text, published: [d.to_dict(evidence=True) for d in gx.find_dates(text, published)],
    "meetings": _report_kind("meetings"),
    "forecasts": _report_kind("forecasts"),
    "statistics": _report_kind("statistics"),
    "enterprises": _report_kind("enterprises"),
}


def published_of(case: dict[str, Any]) -> dt.date | None:
    value = case.get("published")
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def rules_fired(records: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(records, dict):
        ev = records.get("evidence")
        if isinstance(ev, dict) and ev.get("rule"):
            found.add(ev["rule"])
        for v in records.values():
            found |= rules_fired(v)
    elif isinstance(records, list):
        for v in records:
            found |= rules_fired(v)
    return found


def _same_scalar(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, (int, float, Decimal)) and isinstance(actual, (int, float, Decimal)):
        return Decimal(str(expected)) == Decimal(str(actual))
    if isinstance(expected, dt.date):
        return expected.isoformat() == actual
    return expected == actual


def mismatch(expected: Any, actual: Any, path: str = "") -> str | None:
    """Where ``actual`` differs from the partial ``expected`` (None when it matches)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path or 'record'}: expected a record, got {actual!r}"
        for key, value in expected.items():
            if key not in actual:
                return f"{path}.{key}: missing"
            found = mismatch(value, actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return f"{path or 'list'}: expected {len(expected)} items, got {_strip(actual)!r}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found = mismatch(e, a, f"{path}[{i}]")
            if found:
                return found
        return None
    if not _same_scalar(expected, actual):
        return f"{path}: expected {expected!r}, got {actual!r}"
    return None


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value
