"""govnews_extract: structured records from Chinese local-government news.

>>> import govnews_extract as gx
>>> report = gx.extract("……", published="2024-01-22")
>>> report.to_dict()["published"]
'2024-01-22'
"""

from __future__ import annotations

import datetime as dt
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
    "find_dates",
    "find_quantities",
    "load",
]


def extract(text: str, published: dt.date | str | None = None) -> Report:
    """Extract every meeting, forecast, statistic and enterprise–person pair from ``text``.

    ``published`` is the reference date for 「1月20日」「去年」「周一」: a ``datetime.date``
    or an ISO ``"YYYY-MM-DD"`` string.  Without it, dates whose year the text does not
    give are ``None``.  Non-``str`` text raises ``TypeError``; text with nothing to find
    gives an empty report.
    """
    from ._pipeline import default_pipeline, run

    return run(default_pipeline(), text, published)._.report


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
