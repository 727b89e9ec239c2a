"""Dates and periods in running text: ``find_dates`` (issue 3).

Every rule of kind ``dates`` in ``patterns/dates.yaml`` runs over the normalised text;
overlaps are settled left to right (earliest start, then longest, then the rule listed
first), and each match becomes one :class:`DateMention` built from its named groups.

Resolution against ``published`` (a ``datetime.date``, or ``None``):

- a year the text writes is used as written; 去年/今年/前年/明年 count from ``published``;
- a month and day without a year take the year that puts them nearest ``published``
  (a report of 2023-12-29 writing 「1月1日」 means 2024-01-01);
- a month alone, or a month range (「1-11月」), takes the year that puts the (last) month
  nearest ``published``; a day alone the nearest month;
- a quarter, half year or 前三季度 without a year takes the latest year in which it has ENDED
  by ``published`` (a report speaks of a completed period: published 2024-01-22, 「一季度」 is
  2023-01/2023-03); 「今年一季度」 stays in the year it names;
- 「2023年底」「年末」 are December of that year, 「年初」 January (month grain);
- 「今（12）日」「昨（11）日」: the bracketed day of month decides (the last such day on or before
  ``published``; 「明（13）日」 the nearest);
- 本周/上周/下周 are the ISO week (Monday to Sunday) of ``published``, one back or ahead;
- a weekday with its date in brackets (「周一（1月22日）」) is ONE mention: the date it gives,
  with ``weekday`` as stated.  A weekday with 上/下/本/这 is in that week.  A bare weekday
  is in the week the text last named (「本周……周一至周三」) within the preceding 1000
  characters; failing that, in a forecast (the sentence or paragraph speaks of the weather)
  the first such day on or after ``published``; otherwise the day in the week of ``published``
  (news reports what happens this week).  Never today's date.

Without ``published`` every date whose year the text does not give is ``None``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs

from ._calendar import (
    WEEKDAY_NUMBERS,
    bracketed_relative_day,
    month_end,
    nearest_day_of_month,
    nearest_month_day,
    next_month,
    safe_date,
    shift_days,
    weekday_date,
)
from ._extract import check_published
from ._numerals import parse_number
from ._patterns import compile_fast, compiled_per_directory, one_setting
from ._records import Evidence, _no_evidence, _Record
from ._text import Normalized
from .errors import not_text

__all__ = ["DateMention", "find_dates", "scan"]

Span = tuple[int, int]

GRAINS = ("day", "week", "month", "quarter", "half", "year")


@attrs.frozen
class DateMention(_Record):
    """A date or period as written, resolved to the first and last day it covers.

    ``start``/``end`` are ``datetime.date`` (equal for a single day; ``None`` when the year
    cannot be known), ``grain`` is day / week / month / quarter / half / year, ``weekday``
    the weekday the text states (Monday = 1), ``span`` the half-open span in the ORIGINAL
    text and ``start_pos``/``end_pos`` positions in the normalised text.
    """

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    span: Span = (0, 0)
    start_pos: int = 0
    end_pos: int = 0
    grain: str = "day"
    weekday: int | None = None
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = ("text", "start", "end", "period", "grain", "weekday", "span")

    @property
    def period(self) -> str | None:
        """ISO 8601: "2023", "2023-12", "2023-12-11", or "start/end" for a span; None when unknown."""
        s, e = self.start, self.end
        if s is None or e is None:
            return None
        if self.grain == "year":
            one, two = f"{s.year:04d}", f"{e.year:04d}"
            whole = s == dt.date(s.year, 1, 1) and e == dt.date(e.year, 12, 31)
        elif self.grain in ("month", "quarter", "half"):
            one, two = f"{s.year:04d}-{s.month:02d}", f"{e.year:04d}-{e.month:02d}"
            whole = s.day == 1 and e == month_end(e.year, e.month)
        else:
            one, two, whole = s.isoformat(), e.isoformat(), True
        if not whole:
            one, two = s.isoformat(), e.isoformat()
        return one if one == two else f"{one}/{two}"


# -- reading the groups ---------------------------------------------------------------------

_REL_YEAR = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "前年": -2, "明年": 1, "后年": 2}
_REL_DAY = {"昨日": -1, "昨天": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1, "前天": -2, "前日": -2,
            "后天": 2, "大后天": 3, "大前天": -3}
_QUARTER = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4, "首": 1}
_FORECAST_RE = compile_fast(
    r"天气|气温|气象|预报|降水|降雨|降雪|雨雪|晴|多云|阴|小雨|中雨|大雨|冷空气|寒潮|风力|级风|雾")
_WEEK_ANCHOR_REACH = 1000
_ANAPHOR_DAY = {"当天": 0, "当日": 0, "同日": 0, "同一天": 0, "次日": 1, "翌日": 1, "第二天": 1}
_ANAPHOR_REACH = 1000  # how far back 当天 / 次日 look for the day they count from
_PARAGRAPH_REACH = 300  # how far around a weekday the weather words are looked for


def _int(s: str | None) -> int | None:
    if not s:
        return None
    return _int_of(s)


@functools.lru_cache(maxsize=1024)  # months, days and quarters: a few dozen strings, on every page
def _int_of(s: str) -> int | None:
    value = parse_number(s)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _year_int(s: str | None) -> int | None:
    """A written year: 2023, 二〇二三, or one of the Republic of China calendar (民国112, or 112
    alone, which YEAR reads only before a part of the year): 1911 is added to it."""
    if not s:
        return None
    s = s.replace("○", "〇")  # a white circle written for the zero (二○二○)
    roc = s.startswith(("民国", "中华民国"))
    if roc:
        s = s.removeprefix("中华").removeprefix("民国").strip()
    year = _int(s)
    if year is not None and (roc or year < 1000):
        year += 1911
    return year


def _year(groups: dict[str, str | None], published: dt.date | None, key: str = "y",
          rel: str = "ry") -> tuple[bool, int | None]:
    """(stated, year): whether the text names a year, and which (None when it cannot be known)."""
    if groups.get(key):
        return True, _year_int(groups[key])
    if groups.get(rel):
        if published is None:
            return True, None
        return True, published.year + _REL_YEAR[groups[rel] or "今年"]
    return False, None


def _latest_ended(last_month: int, published: dt.date | None) -> int | None:
    """The latest year in which a period ending with ``last_month`` has ended on or before ``published``."""
    if published is None:
        return None
    return published.year if month_end(published.year, last_month) <= published else published.year - 1


def _latest_started(first_month: int, published: dt.date | None) -> int | None:
    """The latest year in which a period starting with ``first_month`` has begun by ``published``."""
    if published is None:
        return None
    return published.year if first_month <= published.month else published.year - 1


def _earliest_unended(last_month: int, published: dt.date | None) -> int | None:
    """The earliest year in which a period ending with ``last_month`` has not ended by ``published``."""
    if published is None:
        return None
    return published.year if month_end(published.year, last_month) > published else published.year + 1


@attrs.define
class _Built:
    start: dt.date | None
    end: dt.date | None
    grain: str
    weekday: int | None = None
    week_anchor: dt.date | None = None  # the Monday a week word names


def _year_earlier(day: dt.date) -> dt.date:
    """The same day a year earlier; a month's last day stays the last day (29 February → 28th)."""
    if day == month_end(day.year, day.month):
        return month_end(day.year - 1, day.month)
    return day.replace(year=day.year - 1)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.isoweekday() - 1)


def _build(g: dict[str, str | None], published: dt.date | None) -> _Built | None:
    """A mention from the named groups of one match (None when the groups make no date)."""
    if g.get("rd"):
        day = shift_days(published, _REL_DAY[g["rd"] or ""])
        return _Built(day, day, "day")
    if g.get("brd"):  # 今（12）日
        bd = _int(g.get("bd"))
        if bd is None:
            return None
        day = bracketed_relative_day(_REL_DAY[(g["brd"] or "") + "日"], bd, published)
        return _Built(day, day, "day")
    if g.get("yp"):  # 2023年底, 年初
        stated, year = _year(g, published)
        month = 1 if g["yp"] == "初" else 12
        if not stated and published is not None:
            # a bare 年初 is this year's January (it has always begun); a bare 年底 / 年末 is the
            # December nearest the publication date, as a lone 12月 is: 「年末全市户籍人口…」 in
            # January speaks of the year just ended, 「到年底」 in November of this one
            year = published.year if month == 1 or published.month >= 7 else published.year - 1
        if year is None:
            return _Built(None, None, "month")
        return _Built(dt.date(year, month, 1), month_end(year, month), "month")
    if g.get("rm"):
        if published is None:
            return _Built(None, None, "day" if g.get("d") else "month")
        word = g["rm"] or ""
        shift = -1 if word.startswith("上") else 1 if word.startswith("下") else 0
        index = published.year * 12 + published.month - 1 + shift
        year, month = divmod(index, 12)
        day = _int(g.get("d"))
        if day is not None:  # 下个月20日
            date = safe_date(year, month + 1, day)
            return None if date is None else _Built(date, date, "day")
        return _Built(dt.date(year, month + 1, 1), month_end(year, month + 1), "month")
    if g.get("week"):
        word = g["week"] or ""
        if published is None:
            return _Built(None, None, "week")
        shift = -7 if word.startswith("上") else 7 if word.startswith("下") else 0
        if word == "周末":  # resolved later against the week the text means
            return _Built(None, None, "week", week_anchor=None)
        monday = _monday(published) + dt.timedelta(days=shift)
        if word.endswith("末"):
            return _Built(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week",
                          week_anchor=monday)
        return _Built(monday, monday + dt.timedelta(days=6), "week", week_anchor=monday)
    if g.get("q") or g.get("nq") or g.get("nm") or g.get("half"):
        stated, year = _year(g, published)
        if g.get("q"):
            q = _QUARTER[g["q"] or ""]
            q2 = _QUARTER[g["q2"]] if g.get("q2") else q  # 1-3季度: a run of quarters
            if q2 < q:
                return None
            first, last, grain = 3 * q - 2, 3 * q2, "quarter"
        elif g.get("nq"):
            first, last, grain = 1, 3 * _QUARTER[g["nq"] or ""], "quarter"
        elif g.get("nm"):  # 前11个月: the first months of a year
            months = _int(g["nm"])
            if months is None or not 2 <= months <= 11:
                return None
            first, last, grain = 1, months, "month"
        else:
            first, last, grain = (1, 6, "half") if g["half"] == "上" else (7, 12, "half")
        if g.get("qend"):  # 一季度末: the quarter's last month
            first, grain = last, "month"
        if not stated:
            if g.get("since"):  # 下半年以来: the one under way
                year = _latest_started(first, published)
            elif g.get("ahead"):  # 下半年，全市将…: the one not yet ended
                year = _earliest_unended(last, published)
            else:
                year = _latest_ended(last, published)
        if year is None:
            return _Built(None, None, grain)
        return _Built(dt.date(year, first, 1), month_end(year, last), grain)
    if g.get("wd"):
        return None  # weekdays need the text around them: see _weekday
    m, d = _int(g.get("m")), _int(g.get("d"))
    if m is not None and not 1 <= m <= 12:
        return None
    stated, year = _year(g, published)
    y2 = _year_int(g.get("y2"))
    m2, d2 = _int(g.get("m2")), _int(g.get("d2"))
    weekday = WEEKDAY_NUMBERS.get(g.get("pwd") or "")
    if d is not None:  # a day, perhaps a range of days
        if m is None:
            start = nearest_day_of_month(d, published)
        elif stated:
            start = None if year is None else safe_date(year, m, d)
        else:
            start = nearest_month_day(m, d, published)
        knowable = (year is not None) if stated else (published is not None)
        if start is None:
            # a year we know and still no date: 2月30日 is no date; otherwise it is unknown
            return None if knowable else _Built(None, None, "day", weekday)
        end = start
        if d2 is not None and start is not None:
            year2 = y2 if y2 is not None else start.year
            month2 = m2 if m2 is not None else start.month
            end = safe_date(year2, month2, d2)
            if end is not None and end < start and y2 is None:
                # the range runs on past the end of what the second day leaves out: its month when it
                # names none (「12月28日至3日」 ends on 3 January), else its year (「12月31日至1月2日」)
                year2, month2 = next_month(year2, month2) if m2 is None else (year2 + 1, month2)
                end = safe_date(year2, month2, d2)
            if end is None or end < start:
                return None
        return _Built(start, end, "day", weekday)
    if m is not None:  # a month, perhaps a range of months
        last = m2 if m2 is not None else m
        if not 1 <= last <= 12:
            return None
        if stated:
            end_year = y2 if y2 is not None else year
            if end_year is not None and m2 is not None and m2 < m and y2 is None:
                end_year += 1
        else:
            near = nearest_month_day(last, 15, published)
            end_year = None if near is None else (y2 if y2 is not None else near.year)
            year = None if end_year is None else (end_year if m <= last else end_year - 1)
        if year is None or end_year is None:
            return _Built(None, None, "month")
        start, end = dt.date(year, m, 1), month_end(end_year, last)
        if end < start:
            return None
        return _Built(start, end, "month")
    if g.get("fy"):  # 「二○二○至二一年度」「2023-24年度」: a financial year, April to March
        digits = g["fy"].translate(_CN_DIGITS)
        fy = int(digits) if digits.isdigit() else None
        if year is None or fy is None or (year + 1) % 100 != fy:
            return None
        return _Built(dt.date(year, 4, 1), month_end(year + 1, 3), "month")
    if year is not None or stated:  # a year, perhaps a range of years
        if year is None:
            return _Built(None, None, "year")
        last_year = y2 if y2 is not None else year
        if g.get("since") and y2 is None and published is not None and year < published.year:
            last_year = published.year  # 「2020年以来」: up to the year of the report
        if last_year < year or not 1 <= year <= 9999:
            return None
        return _Built(dt.date(year, 1, 1), dt.date(last_year, 12, 31), "year")
    return None


# -- weekdays -------------------------------------------------------------------------------

def _forecast_context(text: str, pos: int) -> bool:
    """Does the paragraph around ``pos`` speak of the weather?"""
    lo = text.rfind("\n", max(0, pos - _PARAGRAPH_REACH), pos) + 1
    lo = max(lo, pos - _PARAGRAPH_REACH)
    hi = text.find("\n", pos, pos + _PARAGRAPH_REACH)
    hi = min(len(text), pos + _PARAGRAPH_REACH) if hi < 0 else hi
    return _FORECAST_RE.search(text, lo, hi) is not None


def _weekday(g: dict[str, str | None], published: dt.date | None, anchor: dt.date | None,
             forecast: bool) -> _Built:
    wd = WEEKDAY_NUMBERS.get(g.get("wd") or "")
    wd2 = WEEKDAY_NUMBERS.get(g.get("wd2") or "") if g.get("wd2") else None

    def explicit(m_key: str, d_key: str) -> dt.date | None:
        m, d = _int(g.get(m_key)), _int(g.get(d_key))
        if m is None or d is None:
            return None
        y = _year_int(g.get("y"))
        return safe_date(y, m, d) if y is not None else nearest_month_day(m, d, published)

    def in_week(day: int) -> dt.date | None:
        if published is None:
            return None
        rel = g.get("wrel")
        if rel:
            shift = {"上": -7, "下": 7}.get(rel, 0)
            return _monday(published) + dt.timedelta(days=shift + day - 1)
        if anchor is not None:
            return anchor + dt.timedelta(days=day - 1)
        if forecast:
            return weekday_date(day, published, "forward")
        return weekday_date(day, published, "week")

    if wd is None:
        return _Built(None, None, "day")
    start = explicit("pm", "pd") or (None if g.get("pm") else in_week(wd))
    if wd2 is None:
        return _Built(start, start, "day", wd)
    end = explicit("pm2", "pd2")
    if end is None and start is not None and not g.get("pm2"):
        end = start + dt.timedelta(days=(wd2 - wd) % 7)
    if start is None or end is None or end < start:
        return _Built(None, None, "day")
    return _Built(start, end, "day")


# -- scanning -------------------------------------------------------------------------------

# the date rules, per GOVNEWS_PATTERNS setting
_rules = compiled_per_directory(lambda patterns: tuple(patterns.rules("dates")))


def _latest_within_reach(out: list[DateMention], pos: int, same: Any, fits: Any) -> DateMention | None:
    """The last mention of ``out`` (in text order) that ``fits``, ending at most
    ``_ANAPHOR_REACH`` before ``pos`` in the same article as ``pos``.

    The walk back stops at the first mention out of reach or in an earlier article (every
    mention before it is too), so a text of nothing but 「去年同期」 reads each mention once,
    not once per later mention."""
    for d in reversed(out):
        if pos - d.end_pos > _ANAPHOR_REACH or not same(d.start_pos, pos):
            return None
        if fits(d):
            return d
    return None


def scan(norm: Normalized, published: dt.date | None = None, articles: Any = None) -> list[DateMention]:
    """Every date or period in a normalised text, in text order (spans into the original).

    What a date counts from (the day before 「当天」, the stretch before 「去年同期」, the week a bare
    weekday is in) is looked for in its own article only (``articles``: an
    :class:`._articles.ArticleIndex` of the text, read from it when not given)."""
    text = norm.text
    if not text:
        return []
    if articles is None:
        from ._articles import ArticleIndex
        from ._articles import articles as read_articles

        articles = ArticleIndex(read_articles(text))
    same = articles.same
    rules = _rules()
    found: list[tuple[int, int, int, Any, Any]] = []
    for rank, rule in enumerate(rules):
        for m in rule.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), rank, m, rule))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    out: list[DateMention] = []
    last_end = 0
    anchor: dt.date | None = None
    anchor_pos = -_WEEK_ANCHOR_REACH
    for start, end, _rank, m, rule in found:
        if start < last_end:
            continue
        # every reading of the groups asks whether one is set (a group that took part in no
        # match is None, one that matched nothing ""), so the dict is read as it comes
        g = m.groupdict()
        if start - anchor_pos > _WEEK_ANCHOR_REACH or (anchor is not None and not same(anchor_pos, start)):
            anchor = None
        if g.get("same"):  # 去年同期: the stretch named last, a year earlier
            base = _latest_within_reach(out, start, same, lambda d: d.grain != "year" and d.start is not None
                                        and d.end is not None)
            if base is not None:
                built = _Built(_year_earlier(base.start), _year_earlier(base.end), base.grain)
            else:
                year = None if published is None else published.year - 1
                built = _Built(None if year is None else dt.date(year, 1, 1),
                               None if year is None else dt.date(year, 12, 31), "year")
        elif g.get("ad"):  # 当天, 次日: from the nearest day named before
            base = _latest_within_reach(out, start, same, lambda d: d.grain == "day" and d.start == d.end)
            day = None
            if base is not None and base.start is not None:
                day = base.start + dt.timedelta(days=_ANAPHOR_DAY[g["ad"]])
            built = _Built(day, day, "day")
        elif g.get("wd"):
            built = _weekday(g, published, anchor, _forecast_context(text, start))
            if g.get("pm") and built.start is not None:  # a dated weekday names its week
                anchor, anchor_pos = _monday(built.start), start
        elif g.get("week") == "周末":
            if anchor is not None:
                sat = anchor + dt.timedelta(days=5)
            elif published is None:
                sat = None
            elif _forecast_context(text, start):
                sat = weekday_date(6, published, "forward")
            else:
                sat = weekday_date(6, published, "week")
            built = _Built(sat, None if sat is None else sat + dt.timedelta(days=1), "week")
        else:
            maybe = _build(g, published)
            if maybe is None:  # no such date (2月30日): no reading of any part of it either
                last_end = end
                continue
            built = maybe
            if built.week_anchor is not None:
                anchor, anchor_pos = built.week_anchor, start
        last_end = end
        span = norm.span(start, end)
        out.append(DateMention(
            text=norm.written(start, end), start=built.start, end=built.end, span=span,
            start_pos=start, end_pos=end, grain=built.grain, weekday=built.weekday,
            evidence=Evidence(rule.name, (span,))))
    return out


def find_dates(text: str, published: Any = None) -> list[DateMention]:
    """Every date or period in ``text``, resolved against ``published`` where the text leaves it open.

    >>> [(d.text, d.period) for d in find_dates("1月20日，我市召开大会；去年完成交易873项", "2024-01-22")]
    [('1月20日', '2024-01-20'), ('去年', '2023')]

    ``published`` is a ``datetime.date``, a ``datetime`` or ``"YYYY-MM-DD"``; without it, a
    date whose year the text does not give has ``start``/``end`` ``None``.
    """
    if not isinstance(text, str):
        raise not_text(text, "find_dates(): text")
    with one_setting():
        return scan(Normalized(text), check_published(published))
