"""govnews_extract: structured records from Chinese local-government news.

>>> import govnews_extract as gx
>>> report = gx.extract("……", published="2024-01-22")
>>> report.to_dict()["published"]
'2024-01-22'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._records import (
    DayForecast,
    EnterprisePerson,
    Evidence,
    Forecast,
    Meeting,
    Person,
    Report,
    Statistic,
)
from .errors import GovnewsError, ModelError, PatternError

if TYPE_CHECKING:
    from spacy.language import Language

__version__ = "0.1.0"

__all__ = [
    "DayForecast",
    "EnterprisePerson",
    "Evidence",
    "Forecast",
    "GovnewsError",
    "Meeting",
    "ModelError",
    "PatternError",
    "Person",
    "Report",
    "Statistic",
    "extract",
    "extract_many",
    "find_dates",
    "find_quantities",
    "load",
    "to_frame",
]


def extract(text: str, published: dt.date | str | None = None) -> Report:
    """Extract every meeting, forecast, statistic and enterprise–person pair from ``text``.

    ``published`` is the reference date for 「1月20日」「去年」「周一」: a ``datetime.date``
    or an ISO ``"YYYY-MM-DD"`` string.  Without it, dates whose year the text does not
    give are ``None``.  Non-``str`` text raises ``TypeError``; text with nothing to find
    gives an empty report.
    """
    from ._pipeline import default_pipeline, extract_with

    return extract_with(default_pipeline(), text, published)


def extract_many(items: Iterable[Any], n_process: int = 1, batch_size: int = 16, progress: bool = False,
                 models: bool = True) -> Iterator[Report]:
    """Extract a report from each item, in input order (see :func:`govnews_extract._batch.extract_many`).

    Items are texts, ``(text, published)`` pairs or mappings with ``text``, ``published`` and ``id``.
    """
    from ._batch import extract_many as _many

    return _many(items, n_process=n_process, batch_size=batch_size, progress=progress, models=models)


def to_frame(reports: Iterable[Report], kind: str, ids: Iterable[Any] | None = None) -> Any:
    """One pandas DataFrame of one record kind over many reports, with a ``doc_id`` column."""
    from ._frames import to_frame as _to_frame

    return _to_frame(reports, kind, ids)


def load(models: bool = True) -> Language:
    """A spaCy pipeline doing the same work: ``nlp(text)._.report``.  See :func:`extract`."""
    from ._pipeline import load as _load

    return _load(models=models)


def find_quantities(text: str) -> list[Any]:
    """Every number in ``text`` with its unit, exact value and span (no model involved)."""
    from .quantities import find_quantities as _find

    return _find(text)


def find_dates(text: str, published: dt.date | str | None = None) -> list[Any]:
    """Every date or period in ``text``, resolved against ``published`` where the text leaves it open."""
    from .dates import find_dates as _find

    return _find(text, published)
