"""Calendar arithmetic against a report's reference date.  Shared by dates, forecasts and meetings.

Every function returns ``None`` when the reference date is unknown: a missing year is
never filled from today's date.
"""

from __future__ import annotations

import datetime as dt
import functools

WEEKDAY_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "七": 7, "末": None}


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)  # pure, and asked about the same few days again and again
def nearest_month_day(month: int, day: int, published: dt.date | None) -> dt.date | None:
    """The year that puts ``month``/``day`` closest to ``published``.

    A report published 2023-12-29 that writes 「1月1日」 means 2024-01-01; one published
    2024-01-03 that writes 「12月30日」 means 2023-12-30. A day more than half a year from
    ``published`` in every year is no reading (「2月29日」 in a report of 2023-03-15: 2024-02-29 is
    almost a year ahead), so None.
    """
    if published is None:
        return None
    candidates = [d for y in (published.year - 1, published.year, published.year + 1)
                  if (d := safe_date(y, month, day)) is not None]
    if not candidates:
        return None
    best = min(candidates, key=lambda d: (abs((d - published).days), d))
    return best if abs((best - published).days) <= 184 else None


@functools.lru_cache(maxsize=4096)  # pure, and asked about the same few days again and again
def nearest_day_of_month(day: int, published: dt.date | None) -> dt.date | None:
    """「10日」: the month (before, of, or after ``published``) that puts the day closest."""
    if published is None:
        return None
    candidates = []
    for shift in (-1, 0, 1):
        month = published.month + shift
        year = published.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        d = safe_date(year, month, day)
        if d is not None:
            candidates.append(d)
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - published).days), d))


def upcoming_day_of_month(day: int, published: dt.date | None, grace: int = 2) -> dt.date | None:
    """「10日」 in a forecast: the first such day on or after ``published`` less ``grace`` days.

    Forecasts speak of the days ahead (a page may print yesterday's forecast, hence the grace),
    so a day of month that has passed is next month's: 「10日」 on 20 November is 10 December.
    """
    if published is None:
        return None
    floor = published - dt.timedelta(days=grace)
    for shift in range(3):  # a day missing from a month (31日) is found within three months
        month = floor.month + shift
        year = floor.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        d = safe_date(year, month, day)
        if d is not None and d >= floor:
            return d
    return None


def bracketed_relative_day(shift: int, day: int, published: dt.date | None) -> dt.date | None:
    """「今（12）日」「昨（11）日」: ``published`` moved by ``shift`` days when its day of month is ``day``;
    otherwise the bracketed number decides: for today, yesterday and the day before, the last such
    day of month on or before ``published`` (a page stamped later than it appeared, say when it was
    collected, still reports a day gone by: never one after its date); for tomorrow the nearest."""
    if published is None:
        return None
    moved = published + dt.timedelta(days=shift)
    if moved.day == day:
        return moved
    return nearest_day_of_month(day, published) if shift > 0 else last_day_of_month(day, published)


def last_day_of_month(day: int, published: dt.date | None) -> dt.date | None:
    """「20日」 in a report of what happened: the last such day of month on or before ``published``
    (within three months: a 31st skips the months without one)."""
    if published is None:
        return None
    year, month = published.year, published.month
    for _ in range(3):
        d = safe_date(year, month, day)
        if d is not None and d <= published:
            return d
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def weekday_date(weekday: int, published: dt.date | None, direction: str = "forward") -> dt.date | None:
    """The date of ``weekday`` (Monday = 1) in the week a report means.

    ``forward``: on or after ``published`` within seven days (forecasts speak of the days ahead);
    ``backward``: on or before it (news reports what happened); ``week``: in the ISO week of ``published``.
    """
    if published is None or not 1 <= weekday <= 7:
        return None
    today = published.isoweekday()
    if direction == "forward":
        return published + dt.timedelta(days=(weekday - today) % 7)
    if direction == "backward":
        return published - dt.timedelta(days=(today - weekday) % 7)
    return published + dt.timedelta(days=weekday - today)


def shift_days(published: dt.date | None, days: int) -> dt.date | None:
    return None if published is None else published + dt.timedelta(days=days)


def next_month(year: int, month: int) -> tuple[int, int]:
    """The (year, month) after ``month`` of ``year``: December runs into January of the next year."""
    return year + month // 12, month % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    return dt.date(*next_month(year, month), 1) - dt.timedelta(days=1)
