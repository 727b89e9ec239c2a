"""The records an extraction produces: frozen attrs classes and their plain-data form.

Every record keeps its evidence: the name of the rule that produced it and the
half-open character span(s) into the *original* text.  ``to_dict()`` gives the
contract of SCHEMA.md (dates as ISO strings, Decimals as JSON numbers); pass
``evidence=True`` to add an ``evidence`` object to every record.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs

Span = tuple[int, int]


@attrs.frozen
class Evidence:
    """Which rule produced a record, and where in the original text it stands."""

    rule: str
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "spans": [list(s) for s in self.spans]}


def _no_evidence() -> Evidence:
    return Evidence("")


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


class _Record:
    """Shared plain-data conversion.  Subclasses list their contract fields in ``_fields``."""

    _fields: tuple[str, ...] = ()

    def to_dict(self, evidence: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self._fields:
            out[name] = _plain(getattr(self, name), evidence)
        if evidence:
            ev = getattr(self, "evidence", None)
            if ev is not None:
                out["evidence"] = ev.to_dict()
        return out


def _plain(value: Any, evidence: bool) -> Any:
    if isinstance(value, _Record):
        return value.to_dict(evidence)
    if isinstance(value, (list, tuple)):
        return [_plain(v, evidence) for v in value]
    return _json_value(value)


@attrs.frozen
class Person(_Record):
    """A person named in the text, with the title written next to the name."""

    name: str
    title: str | None = None
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = ("name", "title")


@attrs.frozen
class Meeting(_Record):
    date: dt.date | None = None
    name: str | None = None
    chairs: tuple[Person, ...] = ()
    speakers: tuple[Person, ...] = ()
    attendees: tuple[Person, ...] = ()
    organizations: tuple[str, ...] = ()
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = ("date", "name", "chairs", "speakers", "attendees", "organizations")


@attrs.frozen
class DayForecast(_Record):
    date: dt.date | None = None
    weekday: int | None = None
    weather: str | None = None
    wind: str | None = None
    wind_directions: tuple[str, ...] = ()
    wind_force_min: int | None = None
    wind_force_max: int | None = None
    gust_force_min: int | None = None
    gust_force_max: int | None = None
    temp_min_c: Decimal | None = None
    temp_max_c: Decimal | None = None
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = (
        "date",
        "weekday",
        "weather",
        "wind",
        "wind_directions",
        "wind_force_min",
        "wind_force_max",
        "gust_force_min",
        "gust_force_max",
        "temp_min_c",
        "temp_max_c",
    )


@attrs.frozen
class Forecast(_Record):
    issuer: str | None = None
    days: tuple[DayForecast, ...] = ()
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = ("issuer", "days")


@attrs.frozen
class Statistic(_Record):
    metric: str
    text: str
    value: Decimal
    unit: str
    subject: str | None = None
    period: str | None = None
    qualifier: str | None = None
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = ("subject", "metric", "text", "value", "unit", "period", "qualifier")


@attrs.frozen
class EnterprisePerson(_Record):
    enterprise: str
    person: str
    role: str | None = None
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = ("enterprise", "person", "role")


@attrs.frozen
class Report(_Record):
    """Everything one text reports.  Lists are tuples: a Report never changes."""

    published: dt.date | None = None
    meetings: tuple[Meeting, ...] = ()
    forecasts: tuple[Forecast, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    enterprises: tuple[EnterprisePerson, ...] = ()
    # the text the report was made from: evidence spans index into it (not part of the contract)
    source: str | None = attrs.field(default=None, eq=False, repr=False)

    _fields = ("published", "meetings", "forecasts", "statistics", "enterprises")

    def evidence_text(self, record: Any) -> str:
        """The characters of the original text that a record's evidence points at."""
        if self.source is None:
            return ""
        return " … ".join(self.source[s:e] for s, e in record.evidence.spans)

    def to_frames(self) -> dict[str, Any]:
        """One pandas DataFrame per record kind (needs the ``pandas`` extra)."""
        from ._frames import report_frames

        return report_frames(self)

    def _repr_html_(self) -> str:
        from ._frames import report_html

        return report_html(self)

    def to_json(self, evidence: bool = False, indent: int | None = None) -> str:
        """The contract as a JSON string (Chinese kept as written)."""
        return json.dumps(self.to_dict(evidence), ensure_ascii=False, indent=indent)

    def __bool__(self) -> bool:
        return bool(self.meetings or self.forecasts or self.statistics or self.enterprises)


KINDS = ("meetings", "forecasts", "statistics", "enterprises")
