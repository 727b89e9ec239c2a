"""Reports as tables: pandas DataFrames and the HTML that Jupyter shows.

Every row carries its evidence: the rule that produced it, the first span into the
original text, and the characters there, so a value can be checked against the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from ._records import KINDS, Report


def _people(persons: Sequence[Any]) -> str:
    return "、".join(p.name + (f"（{p.title}）" if p.title else "") for p in persons)


def _evidence(report: Report, record: Any) -> dict[str, Any]:
    spans = record.evidence.spans
    return {
        "rule": record.evidence.rule or None,
        "start": spans[0][0] if spans else None,
        "end": spans[-1][1] if spans else None,
        "evidence": report.evidence_text(record) or None,
    }


def rows(report: Report, kind: str) -> list[dict[str, Any]]:
    """Flat rows of one kind: people as 「姓名（职务）」 joined by 、, numbers as floats."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    out: list[dict[str, Any]] = []
    if kind == "meetings":
        for m in report.meetings:
            out.append({"date": m.date, "name": m.name, "chairs": _people(m.chairs),
                        "speakers": _people(m.speakers), "attendees": _people(m.attendees),
                        "organizations": "、".join(m.organizations), **_evidence(report, m)})
    elif kind == "forecasts":
        for i, f in enumerate(report.forecasts):
            for d in f.days:
                out.append({"forecast": i, "issuer": f.issuer, "date": d.date, "weekday": d.weekday,
                            "weather": d.weather, "wind": d.wind, "wind_directions": "、".join(d.wind_directions),
                            "wind_force_min": d.wind_force_min, "wind_force_max": d.wind_force_max,
                            "gust_force_min": d.gust_force_min, "gust_force_max": d.gust_force_max,
                            "temp_min_c": _float(d.temp_min_c), "temp_max_c": _float(d.temp_max_c),
                            **_evidence(report, d)})
    elif kind == "statistics":
        for s in report.statistics:
            out.append({"subject": s.subject, "metric": s.metric, "text": s.text, "value": _float(s.value),
                        "unit": s.unit, "period": s.period, "qualifier": s.qualifier, **_evidence(report, s)})
    else:
        for e in report.enterprises:
            out.append({"enterprise": e.enterprise, "person": e.person, "role": e.role, **_evidence(report, e)})
    return out


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("tables need pandas: pip install 'govnews-extract[pandas]'") from None
    return pandas


def _frame(records: list[dict[str, Any]], kind: str) -> Any:
    pd = _pandas()
    if records:
        return pd.DataFrame.from_records(records)
    return pd.DataFrame(columns=_empty_columns(kind))


def _empty_columns(kind: str) -> list[str]:
    base = {
        "meetings": ["date", "name", "chairs", "speakers", "attendees", "organizations"],
        "forecasts": ["forecast", "issuer", "date", "weekday", "weather", "wind", "wind_directions",
                      "wind_force_min", "wind_force_max", "gust_force_min", "gust_force_max",
                      "temp_min_c", "temp_max_c"],
        "statistics": ["subject", "metric", "text", "value", "unit", "period", "qualifier"],
        "enterprises": ["enterprise", "person", "role"],
    }[kind]
    return [*base, "rule", "start", "end", "evidence"]


def report_frames(report: Report) -> dict[str, Any]:
    return {kind: _frame(rows(report, kind), kind) for kind in KINDS}


def to_frame(reports: Iterable[Report], kind: str, ids: Iterable[Any] | None = None) -> Any:
    """Stack one kind of many reports into one DataFrame with a ``doc_id`` column first.

    ``ids`` names the documents (default: their position, counting from 0).
    """
    records: list[dict[str, Any]] = []
    id_iter = iter(ids) if ids is not None else None
    for i, report in enumerate(reports):
        if not isinstance(report, Report):
            raise TypeError(f"to_frame takes Report objects, got {type(report).__name__}")
        doc_id = next(id_iter) if id_iter is not None else i
        records.extend({"doc_id": doc_id, **row} for row in rows(report, kind))
    pd = _pandas()
    if records:
        return pd.DataFrame.from_records(records)
    return pd.DataFrame(columns=["doc_id", *_empty_columns(kind)])


def report_html(report: Report) -> str:
    parts = [f"<div class='govnews-report'><p><b>Report</b> published {html.escape(str(report.published))}: "
             + ", ".join(f"{len(getattr(report, k))} {k}" for k in KINDS) + "</p>"]
    for kind in KINDS:
        table = rows(report, kind)
        if not table:
            continue
        cols = [c for c in table[0] if c not in ("start", "end")]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape('' if r[c] is None else str(r[c]))}</td>" for c in cols) + "</tr>"
            for r in table
        )
        parts.append(f"<h4>{kind}</h4><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append("</div>")
    return "".join(parts)
