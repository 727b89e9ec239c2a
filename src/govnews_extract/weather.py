"""Record kind: weather forecasts, one row per day, grouped into tables (rules in patterns/weather.yaml).

A row is a day label followed by a description.  The label rules (``forecast_row_*``) find
where a row may start; the description is read token by token (sky words, wind directions,
forces, gusts, temperatures, the words that join them, separators) and stops at the first
clause holding anything else.  A label whose first clause is not a forecast makes no row, so
narrative sentences that happen to start with a date or a weekday are left alone.

Choices (documented in docs/forecasts.md):

- ``weather`` is the sky-and-precipitation phrase as written, across commas when nothing else
  stands between (「阴天，有小到中雨，局地大雨」); pieces cut apart by wind or temperature are
  joined with 「，」.
- ``wind`` is the sustained-wind phrase as written, over every sustained clause of the row
  (「偏南风2级~3级，夜里转东北风3级~4级」), without the gust clause.
- ``wind_directions`` lists the directions in text order; 「北到东北风」 gives 北风 and 东北风; 微风 and
  风力 are wind without a direction.
- a temperature labelled 最高/最低 counts only for that end; an unlabelled single value sets neither.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from ._calendar import (
    WEEKDAY_NUMBERS,
    nearest_month_day,
    safe_date,
    shift_days,
    upcoming_day_of_month,
    weekday_date,
)
from ._numerals import parse_number
from ._patterns import compile_fast, compiled_per_directory, scan_form
from ._records import DayForecast, Evidence, Forecast

_HEAD_RULES = ("forecast_row_days", "forecast_row_weekday", "forecast_row_date", "forecast_row_relative",
               "forecast_row_half")
_TOKEN_KINDS = (
    ("temp", "forecast_temperature"),
    ("gust", "forecast_gust"),
    ("wind", "forecast_wind"),
    ("sky", "forecast_weather"),
)
_CONTENT = {"temp", "gust", "force", "dir", "windword", "sky"}
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_MAX_DAYS_PER_ROW = 7
# a line wholly in brackets: 「（县气象局10月13日06时发布）」
_BRACKET_LINE = compile_fast(r"[ \t\u3000]*+[（(][^（()）\n]{2,40}[）)][ \t\u3000]*+(?=\n|$)")
_ISSUER_CLOSE = frozenset(("）", ")", "。", "；", ";", "\n", "", " ", "\u3000"))
_CACHE_ATTR = "_weather_forecasts"
_SENTENCE_STOP = compile_fast("[。！？!?\n]")  # what ends a sentence (； joins the rows of a table)
# a look-ahead with no group inside (kept), then W_BEFORE_DAY (left out of the rest)
_OPENS_WITH_BEFORE_DAY = re.compile(r"(\(\?=[^()]*\)|)\{W_BEFORE_DAY\}")
# where re's \s and regex's differ (re reads U+001C-U+001F as space, regex does not)
_SPACE_DIFFERS = compile_fast("[\x1c-\x1f]")


class _AfterLookbehind:
    """``finditer`` of a label rule that opens with W_BEFORE_DAY, the same matches found faster.

    W_BEFORE_DAY (variable-width look-behinds) is what holds the rule on the regex engine, which
    then tries the whole rule at every digit of the text. The rest of the pattern, with nothing
    behind it, runs on re (behind a look-ahead for its first characters): a match of the rule is
    a match of the rest at the same place where W_BEFORE_DAY holds, so the rule is asked only
    where the rest matches, and at the next place where that fails.
    """

    __slots__ = ("_rest", "_rule")

    def __init__(self, rule: Any, rest: Any) -> None:
        self._rule = rule
        self._rest = rest

    def finditer(self, text: str) -> Any:
        if _SPACE_DIFFERS.search(text) is not None:  # (the engines could read such a text apart)
            return self._rule.finditer(text)
        return self._matches(text)

    def _matches(self, text: str) -> Any:
        rest, rule = self._rest.search, self._rule.match
        pos = 0
        while True:
            r = rest(text, pos)
            if r is None:
                return
            m = rule(text, r.start())
            if m is None:
                pos = r.start() + 1
            else:
                yield m
                pos = m.end() if m.end() > m.start() else m.start() + 1  # (as finditer goes on)


def _head_scanner(p: Any, name: str) -> Any:
    """What :func:`_candidates` scans a label rule with: the rule's own scanner, or, for a rule that
    says ``scan: after_lookbehind`` (patterns/weather.yaml), the split of :class:`_AfterLookbehind`."""
    rule = p.rule(name)
    opening = _OPENS_WITH_BEFORE_DAY.match(rule.source)
    if rule.data.get("scan") != "after_lookbehind" or rule.scanner is not rule.regex or opening is None:
        return rule.scanner
    # (both are zero-width and stand side by side: the rule holds where the rest holds and W_BEFORE_DAY)
    rest = scan_form(p.compile(opening.group(1) + rule.source[opening.end():]))
    return _AfterLookbehind(rule.regex, rest) if isinstance(rest, re.Pattern) else rule.scanner


# ------------------------------------------------------------------------------------------------
# compiled rules (built once per pattern set and kept on it)
# ------------------------------------------------------------------------------------------------
class _Compiled(NamedTuple):
    heads: tuple[tuple[str, Any], ...]
    token: Any
    direction_pair: Any
    direction: Any
    wind_word: Any
    force_number: Any
    temp_label: Any
    temp_value: Any
    temp_sep: Any
    temp_unit: Any
    head_parts: Any
    row_end: Any
    row_goes_on: Any
    row_goes_on_after_stop: Any
    row_not_after: Any
    table_gap: Any
    issuer: Any
    max_row_chars: int
    issuer_window: int
    issuer_after: int
    relative_days: dict[str, int]


def _compile(p: Any) -> _Compiled:
    data = p.data("weather.yaml")
    # a remark first: 「降雪量1～2毫米」 is no 降雪
    alternatives = ["(?P<remark>{W_REMARK})"]
    alternatives += [f"(?P<{kind}>{p.rule(rule).expanded})" for kind, rule in _TOKEN_KINDS]
    alternatives += [
        "(?P<time>{W_TIME})",
        "(?P<place>{W_PLACE})",
        "(?P<link>{W_LINK}|{W_REGION})",
        "(?P<sep>{W_SEP})",
    ]
    return _Compiled(
        heads=tuple((name, _head_scanner(p, name)) for name in _HEAD_RULES),  # through a prefilter if declared
        token=p.compile("|".join(alternatives)),
        direction_pair=p.compile("{W_WIND_DIRECTION_PAIR}"),
        direction=p.compile("{W_WIND_DIRECTION}|{W_WIND_WORD}"),
        wind_word=p.compile("{W_WIND_WORD}"),
        force_number=p.compile("{W_FORCE_NUMBER}"),
        temp_label=p.compile("(?:{W_TEMP_LABEL})\\s*+(?:{W_TEMP_LINK})?+\\s*+"),
        temp_value=p.compile("{W_TEMP_VALUE}"),
        temp_sep=p.compile("{W_TEMP_RANGE_SEP}"),
        temp_unit=p.compile("\\s*+{W_TEMP_UNIT}"),
        head_parts=p.compile("|".join(str(part) for part in data["head_parts"])),
        row_end=p.compile(str(data["row_end"])),
        row_goes_on=p.compile(str(data["row_goes_on"])),  # may name vocabulary
        row_goes_on_after_stop=p.compile(str(data["row_goes_on_after_stop"])),
        row_not_after=p.compile(str(data["row_not_after"])),
        table_gap=p.rule("forecast_table").regex,
        issuer=p.rule("forecast_issuer").scanner,
        max_row_chars=int(data.get("max_row_chars", 300)),
        issuer_window=int(data.get("issuer_window", 500)),
        issuer_after=int(data.get("issuer_after", 60)),
        relative_days={str(k): int(v) for k, v in (data.get("relative_days") or {}).items()},
    )


_rules = compiled_per_directory(_compile)


# ------------------------------------------------------------------------------------------------
# day labels
# ------------------------------------------------------------------------------------------------
class _Day(NamedTuple):
    """One day a label names: what the text states, before the calendar is consulted."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    offset: int | None  # 今天 0, 明天 1, 后天 2
    week: int | None = None  # 本周X / 这周X 0, 下周X 1: the week of the weekday, from the publication date
    same: bool = False  # a half day (「；夜间，…」) of the day of the row before
    # a day inside a range into the next month that names no month (「28日至2日」): the day after the
    # row before, and no day at all when that one has another number (a month of 30 days has no 31日)
    after: bool = False


class _Item:
    __slots__ = ("day", "joined_by", "month", "offset", "week", "weekday", "year")

    def __init__(self, joined_by: str | None) -> None:
        self.year: int | None = None
        self.month: int | None = None
        self.day: int | None = None
        self.weekday: int | None = None
        self.offset: int | None = None
        self.week: int | None = None
        self.joined_by = joined_by


def _parse_head(text: str, c: _Compiled) -> list[_Day]:
    """The days a label names, in order; ranges (至/到/~) expanded; [] when it makes no sense."""
    items: list[_Item] = []
    joiner: str | None = None
    in_paren = False
    pos = 0
    groups = c.head_parts.groupindex
    while pos < len(text):
        m = c.head_parts.match(text, pos)
        if m is None or m.end() == pos:
            return []
        pos = m.end()
        if m.group("space") or ("skip" in groups and m.group("skip")):
            continue  # 「今天夜里到」 before 「明天」 names no day of its own
        if "weekend" in groups and m.group("weekend"):  # 周末: Saturday and Sunday
            first = m.group("weekend")[:1]
            week = 1 if first == "下" else 0 if first in "本这" else None
            for weekday, joined in ((6, joiner if items else None), (7, "list")):
                item = _Item(joined)
                item.weekday, item.week = weekday, week
                items.append(item)
            joiner = None
            continue
        if "pair" in groups and m.group("pair"):  # 今明两天, 明后两天: two days from one word
            first = 0 if m.group("pair") == "今明" else 1
            for offset, joined in ((first, joiner if items else None), (first + 1, "list")):
                item = _Item(joined)
                item.offset = offset
                items.append(item)
            joiner = None
            continue
        if "half" in groups and m.group("half"):
            # a half day alone (forecast_row_half) goes on with the day before; inside a label it names none
            return [_Day(None, None, None, None, None, same=True)] if m.end() == len(text) and not items else []
        if m.group("open"):
            in_paren = True
            continue
        if m.group("close"):
            in_paren = False
            continue
        if m.group("range") or m.group("list"):
            joiner = "range" if m.group("range") else "list"
            continue
        if items and (in_paren or joiner is None) and _slot_free(items[-1], m):
            item = items[-1]  # 「周一（1月22日）」「周一 1月22日」: one day written two ways
        else:
            item = _Item(joiner if items else None)
            items.append(item)
            joiner = None
        if "bday" in groups and m.group("bday"):  # 明（3）日 (Taiwan, Hong Kong): the day in brackets
            item.day = int(m.group("bdd"))
        elif m.group("date"):
            item.year = int(m.group("y")) if m.group("y") else item.year
            item.month = int(m.group("m")) if m.group("m") else item.month
            item.day = int(m.group("d"))
        elif m.group("wd"):
            item.weekday = WEEKDAY_NUMBERS.get(m.group("wdn"))
            first = m.group("wd")[:1]
            item.week = 1 if first == "下" else 0 if first in "本这" else None
        elif m.group("rel"):
            item.offset = c.relative_days.get(m.group("rel"))
        else:  # a bare weekday numeral after 、 (「周六、日」)
            item.weekday = WEEKDAY_NUMBERS.get(m.group("bare"))
    # a later day without a month (「1月22日至23日」) takes the month before it
    for prev, item in itertools.pairwise(items):
        if item.day is not None and item.month is None and prev.month is not None and prev.day is not None:
            item.month = prev.month if item.day >= prev.day else prev.month % 12 + 1
            if item.year is None and prev.year is not None:
                item.year = prev.year + (1 if item.month < prev.month else 0)
    days: list[_Day] = []
    for i, item in enumerate(items):
        if item.day is None and item.weekday is None and item.offset is None:
            return []
        if item.joined_by == "range" and i > 0:
            between = _between(items[i - 1], item)
            if between is None:
                return []
            days.extend(between)
        days.append(_Day(item.year, item.month, item.day, item.weekday, item.offset, item.week))
    return days if len(days) <= _MAX_DAYS_PER_ROW else []


def _slot_free(item: _Item, m: Any) -> bool:
    if m.group("date"):
        return item.day is None
    if m.group("wd"):
        return item.weekday is None
    if m.group("rel"):  # 「22日（今天）」: the same day; 今天 alone, or after 、, is a day of its own
        return item.offset is None and item.day is not None
    return False  # a bare weekday is always a day of its own


def _between(a: _Item, b: _Item) -> list[_Day] | None:
    """The days strictly between two ends of a range, or None when the range cannot be read."""
    if a.day is not None and b.day is not None:
        if a.month is None and b.month is None and a.year is None and b.year is None and b.day < a.day:
            # 「28日至2日」: the range runs into the next month, whose start depends on how long this
            # one is; the calendar knows that only once the first day is dated (see after in _Day)
            if (31 - a.day) + (b.day - 1) + 2 > _MAX_DAYS_PER_ROW:
                return None
            return [_Day(None, None, d, None, None, after=True) for d in (*range(a.day + 1, 32), *range(1, b.day))]
        # count on a leap year when the text gives no year: only the number of days matters here
        year = a.year or 2000
        start = safe_date(year, a.month or 1, a.day)
        end_year = b.year or (year + 1 if (b.month or 1) < (a.month or 1) else year)
        end = safe_date(end_year, b.month or (a.month or 1), b.day)
        if start is None or end is None or not 0 < (end - start).days <= _MAX_DAYS_PER_ROW:
            return None
        out = []
        for k in range(1, (end - start).days):
            d = start + dt.timedelta(days=k)
            known_month = a.month is not None
            wd = (a.weekday - 1 + k) % 7 + 1 if a.weekday is not None and b.weekday is not None else None
            out.append(_Day(a.year, d.month if known_month else None, d.day, wd, None))
        return out
    if a.offset is not None and b.offset is not None:  # 今天到后天: 明天 between
        if not 0 < b.offset - a.offset <= _MAX_DAYS_PER_ROW:
            return None
        return [_Day(None, None, None, None, a.offset + k) for k in range(1, b.offset - a.offset)]
    if a.weekday is not None and b.weekday is not None and a.day is None and b.day is None:
        steps = (b.weekday - a.weekday) % 7
        if steps == 0:
            return None
        return [_Day(None, None, None, (a.weekday - 1 + k) % 7 + 1, None) for k in range(1, steps)]
    return None


def _resolve(day: _Day, previous: dt.date | None, published: dt.date | None) -> dt.date | None:
    """The calendar date of one day, given the row before it in the same table."""
    if day.day is not None:  # a stated date wins over 今天/明天 (「今天（22日）」)
        if day.year is not None and day.month is not None:
            return safe_date(day.year, day.month, day.day)
        if day.month is not None:
            return nearest_month_day(day.month, day.day, published)
        if previous is not None:  # 「23日」 after a row of 22 January: the next 23rd
            for k in range(1, 32):
                d = previous + dt.timedelta(days=k)
                if d.day == day.day:
                    return d
        return upcoming_day_of_month(day.day, published)
    if day.offset is not None:
        return shift_days(published, day.offset)
    if day.weekday is not None:
        if day.week is not None and published is not None:  # 下周三: in the ISO week after published
            monday = published - dt.timedelta(days=published.isoweekday() - 1)
            return monday + dt.timedelta(days=7 * day.week + day.weekday - 1)
        if previous is not None:  # keep a run 周一…周日 consecutive
            return previous + dt.timedelta(days=(day.weekday - previous.isoweekday() - 1) % 7 + 1)
        return weekday_date(day.weekday, published, "forward")
    return None


# ------------------------------------------------------------------------------------------------
# descriptions
# ------------------------------------------------------------------------------------------------
class _Tok(NamedTuple):
    kind: str  # temp gust force dir windword sky time link sep
    start: int
    end: int


def _tokenize(text: str, start: int, bound: int, c: _Compiled) -> tuple[list[list[_Tok]], int]:
    """The clauses (runs of tokens between separators) of a row, up to the first unknown clause,
    and where the last clause read (a remark too) ends."""
    runs: list[list[_Tok]] = [[]]
    pos = start
    read_to = clause_end = start  # the end of the last whole clause read, and of the current one
    while pos < bound:
        m = c.token.match(text, pos, bound)
        if m is None or m.end() == pos:
            runs.pop()  # the clause holding the unknown text is not part of the row
            clause_end = read_to
            break
        kind = m.lastgroup or ""
        if kind == "sep":
            read_to = clause_end
            if runs[-1]:
                runs.append([])
        elif kind in ("place", "remark"):  # 「我市」: where, not what the weather is; 「气温回升」: a remark
            clause_end = m.end()
        else:
            if kind == "wind":
                kind = _wind_kind(m.group(), c)
            runs[-1].append(_Tok(kind, m.start(), m.end()))
            clause_end = m.end()
        pos = m.end()
    return [r for r in runs if r], clause_end


def _wind_kind(word: str, c: _Compiled) -> str:
    if c.wind_word.fullmatch(word):
        return "windword"  # 微风, 静风, 风力: wind without a direction
    if c.direction_pair.fullmatch(word) or c.direction.fullmatch(word):
        return "dir"
    return "force"


def _fields(runs: list[list[_Tok]]) -> list[tuple[_Tok, str]]:
    """Each token with the field it belongs to (weather, wind, gust, temp; None for separators)."""
    out: list[tuple[_Tok, str]] = []
    direct = {"sky": "weather", "dir": "wind", "windword": "wind", "temp": "temp", "gust": "gust"}
    for r, run in enumerate(runs):
        own: list[str | None] = []
        gust = False
        for tok in run:
            if tok.kind == "gust":
                gust = True
            elif tok.kind in ("dir", "windword"):
                gust = False
            if tok.kind == "force":
                own.append("gust" if gust else "wind")
            else:
                own.append(direct.get(tok.kind))
        # 「6～8级阵风」「7级左右阵风」: a force right before a gust word that no force follows is the gust's
        for i in range(len(run) - 1):
            if run[i].kind == "force" and run[i + 1].kind == "gust" and (
                    i + 2 >= len(run) or run[i + 2].kind != "force"):
                own[i] = "gust"
        for i, tok in enumerate(run):
            field = own[i]
            if field is None:  # a link or time of day joins its neighbours
                field = next((f for f in own[i + 1:] if f), None) or next(
                    (f for f in reversed(own[:i]) if f), None)
                if field is None:
                    field = _first_field(runs[r + 1:])
            if field == "gust" and tok.kind in ("link", "time") and i + 1 < len(run) \
                    and own[i + 1] == "wind":
                field = "wind"
            out.append((tok, field or "none"))
    return out


def _first_field(runs: list[list[_Tok]]) -> str | None:
    table = {"sky": "weather", "dir": "wind", "windword": "wind", "force": "wind", "temp": "temp", "gust": "gust"}
    for run in runs:
        for tok in run:
            if tok.kind in table:
                return table[tok.kind]
    return None


def _pieces(tagged: list[tuple[_Tok, str]], field: str) -> list[tuple[int, int]]:
    """Stretches of one field; a token of another field in between starts a new stretch."""
    pieces: list[list[int]] = []
    open_piece = False
    for tok, f in tagged:
        if f == field:
            if open_piece:
                pieces[-1][1] = tok.end
            else:
                pieces.append([tok.start, tok.end])
                open_piece = True
        elif f != "none":
            open_piece = False
    return [(a, b) for a, b in pieces]


def _written(ctx: Any, pieces: list[tuple[int, int]]) -> str | None:
    if not pieces:
        return None
    return "，".join(ctx.written(a, b) for a, b in pieces)


def _numbers(text: str, c: _Compiled) -> list[int]:
    values = []
    for m in c.force_number.finditer(text):
        w = m.group()
        if w.isdigit():
            values.append(int(w))
        elif w.startswith("十"):
            values.append(10 + (_CN_DIGITS.get(w[1:], 0) if len(w) > 1 else 0))
        else:
            values.append(_CN_DIGITS[w])
    return values


def _temperature(text: str, c: _Compiled) -> tuple[str, list[Decimal]]:
    """(label kind, values) of one temperature token: kind is high, low or plain."""
    pos = 0
    kind = "plain"
    m = c.temp_label.match(text)
    if m:
        label = m.group()
        kind = "high" if ("最高" in label or "高温" in label) else "low" if ("最低" in label or "低温" in label) \
            else "plain"
        pos = m.end()
    values: list[Decimal] = []
    while pos < len(text) and len(values) < 2:
        v = c.temp_value.match(text, pos)
        if v is None:
            break
        raw = v.group().replace(" ", "")
        negative = raw.startswith(("零下", "-", "−"))
        digits = raw[2:] if raw.startswith("零下") else raw.lstrip("-−")
        value = Decimal(digits) if digits[0].isdigit() else parse_number(digits)
        if value is None:
            break
        values.append(-value if negative else value)
        pos = v.end()
        u = c.temp_unit.match(text, pos)
        if u:
            pos = u.end()
        s = c.temp_sep.match(text, pos)
        if s is None:
            break
        pos = s.end()
    return kind, values


def _directions(ctx: Any, tok: _Tok, c: _Compiled) -> list[str]:
    word = ctx.text[tok.start:tok.end]
    if c.direction_pair.fullmatch(word):
        # 「北到东北风」: the first direction borrows the 风 of the second
        cut = max(word.find("到"), word.find("转"))
        wind_char = ctx.written(tok.end - 1, tok.end)
        return [ctx.written(tok.start, tok.start + cut) + wind_char, ctx.written(tok.start + cut + 1, tok.end)]
    return [ctx.written(tok.start, tok.end)]


class _Row(NamedTuple):
    rule: str
    start: int
    end: int
    days: tuple[_Day, ...]
    fields: dict[str, Any]


def _read_row(ctx: Any, rule: str, head: tuple[int, int], bound: int, c: _Compiled) -> _Row | None:
    text = ctx.text
    # the description first: most labels open no forecast (「1月20日，我市召开…」), and its first
    # token tells that sooner than reading the label would
    runs, read_to = _tokenize(text, head[1], bound, c)
    if not runs:
        return None
    if not any(t.kind in _CONTENT for run in runs for t in run):
        return None
    days = _parse_head(text[head[0]:head[1]], c)
    if not days:
        return None
    # the row ends at its last word; a trailing run of only links says nothing
    while runs and not any(t.kind in _CONTENT for t in runs[-1]):
        runs.pop()
    # a clause of only times of day after the label qualifies the label (「今天白天：」「22日夜间，」),
    # and so do the times that open the first clause when the row speaks of no other time of day
    # (「今天白天多云」 is 多云; 「白天晴，夜间多云」 keeps both)
    while runs and all(t.kind in ("time", "link") for t in runs[0]):
        runs.pop(0)
    if runs:
        # the opening times (and the links between them: 「白天到夜间阴天有雨夹雪」)
        lead = 0
        for i, t in enumerate(runs[0]):
            if t.kind == "time":
                lead = i + 1
            elif t.kind != "link":
                break
        if lead and not any(t.kind == "time" for run in runs for t in (run[lead:] if run is runs[0] else run)):
            runs[0] = runs[0][lead:]
    tagged = _fields(runs)
    wind_toks = [t for t, f in tagged if f == "wind"]
    gust_toks = [t for t, f in tagged if f == "gust" and t.kind == "force"]
    forces = [n for t in wind_toks if t.kind == "force" for n in _numbers(text[t.start:t.end], c)]
    gusts = [n for t in gust_toks for n in _numbers(text[t.start:t.end], c)]
    lows: list[Decimal] = []
    highs: list[Decimal] = []
    for t, f in tagged:
        if f != "temp" or t.kind != "temp":
            continue
        kind, values = _temperature(text[t.start:t.end], c)
        if kind == "high":
            highs.extend(values)
        elif kind == "low":
            lows.extend(values)
        elif len(values) == 2:
            lows.extend(values)
            highs.extend(values)
    low, high = _low_high(min(lows) if lows else None, max(highs) if highs else None)
    fields = {
        "weather": _written(ctx, _pieces(tagged, "weather")),
        "wind": _written(ctx, _pieces(tagged, "wind")),
        "wind_directions": tuple(d for t in wind_toks if t.kind == "dir" for d in _directions(ctx, t, c)),
        "wind_force_min": min(forces) if forces else None,
        "wind_force_max": max(forces) if forces else None,
        "gust_force_min": min(gusts) if gusts else None,
        "gust_force_max": max(gusts) if gusts else None,
        "temp_min_c": low,
        "temp_max_c": high,
    }
    # a remark after the last field (「…，空气质量良」) still belongs to the row: the next row follows it
    return _Row(rule, head[0], max(runs[-1][-1].end, read_to), tuple(days), fields)


# ------------------------------------------------------------------------------------------------
# the whole text
# ------------------------------------------------------------------------------------------------
def _candidates(text: str, c: _Compiled) -> list[tuple[int, int, str]]:
    """Day labels, one per start (the longest), none inside another."""
    found: dict[int, tuple[int, str]] = {}
    for name, rx in c.heads:
        for m in rx.finditer(text):
            if m.end() > m.start() and (m.start() not in found or m.end() > found[m.start()][0]):
                found[m.start()] = (m.end(), name)
    out: list[tuple[int, int, str]] = []
    for start in sorted(found):
        end, name = found[start]
        if out and start < out[-1][1]:
            continue
        out.append((start, end, name))
    return out


def _rows(ctx: Any, c: _Compiled) -> list[_Row]:
    text = ctx.text
    heads = _candidates(text, c)
    rows: list[_Row] = []
    next_start = len(text)
    # from the right: a row's description stops where the next real row starts
    for i in range(len(heads) - 1, -1, -1):
        start, end, name = heads[i]
        limit = min(next_start, end + c.max_row_chars)
        # 「周一，晴，西北风3级。最低气温-3℃，…」: the temperatures after 。 are of a row that opened its
        # sentence alone, or of a half day; after 「周一：晴；周二：多云。」 they may be of both days
        alone = name == "forecast_row_half" or i == 0 or _SENTENCE_STOP.search(text, heads[i - 1][1], start) is not None
        stop = c.row_end.search(text, end, limit)
        while stop is not None and (
                (stop.group() in "；;" and c.row_goes_on.match(text, stop.end()))
                or (alone and stop.group() == "。" and c.row_goes_on_after_stop.match(text, stop.end()))):
            stop = c.row_end.search(text, stop.end(), limit)  # 「…；风向风力：…」: the row goes on
        bound = stop.start() if stop else limit
        while bound > end and text[bound - 1] in "；;，,、 ":  # 「…多云；」 before the next row: what joins them
            bound -= 1
        if c.row_not_after.search(text, max(0, start - 8), start):
            continue  # 「…提醒，5月2日有大风天气」: a warning, no row
        row = _read_row(ctx, name, (start, end), bound, c)
        if row is not None:
            rows.append(row)
            next_start = start
    rows.reverse()
    return rows


def _tables(ctx: Any, rows: list[_Row], c: _Compiled) -> list[tuple[list[_Row], bool]]:
    """The tables of rows, each with whether it goes over the days of the table before again."""
    tables: list[tuple[list[_Row], bool]] = []
    summarised: set[_Day] = set()  # the days the rows of several days in this table named
    same_article = ctx.article_index.same
    for row in rows:
        adjacent = bool(tables) and same_article(tables[-1][0][-1].end, row.start) and \
            c.table_gap.fullmatch(ctx.text, tables[-1][0][-1].end, row.start) is not None
        if not adjacent and all(d.same for d in row.days):
            continue  # a half day with no day before it: nothing to go on with
        # a summary of several days, then the days one by one (「20日至22日，我市以晴为主。20日，
        # 晴…」): a day named again after such a row starts the table again, where read in one
        # table it would move on to the next 20th
        again = adjacent and bool(summarised.intersection(row.days))
        if adjacent and not again:
            tables[-1][0].append(row)
        else:
            tables.append(([row], again))
            summarised = set()
        if len(row.days) > 1:
            summarised.update(row.days)
    return tables


def _issuer(ctx: Any, start: int, end: int, following: int, c: _Compiled) -> tuple[str, tuple[int, int]] | None:
    """The office named with a cue before the table (the nearest), else right after it and
    before the next table (「…（市气象台10日6时发布）」「以上预报由市气象台提供。」), where a cue
    that leads to a forecast (「据…预报」) would be the next table's; both in the table's article."""
    last = None
    index = ctx.article_index
    for m in c.issuer.finditer(ctx.text, max(0, start - c.issuer_window, index.start(start)), start):
        last = m
    if last is None:
        article_end = index.end(end)
        if article_end is not None:
            # a signature on the line after the table (「\n（县气象局10月13日06时发布）」) is shaped like a
            # headline, so it opens the next article; it still signs the table
            line = _BRACKET_LINE.match(ctx.text, article_end)
            if line is not None and not ctx.text[end:article_end].strip(" \t\n\u3000。；;"):
                article_end = line.end()
        stop = min(end + c.issuer_after, following, len(ctx.text) if article_end is None else article_end)
        after = c.issuer.search(ctx.text, end, stop)
        # it closes its sentence (「…发布）」「…提供。」) or is a bracket of its own (「（县气象局）」);
        # a cue that goes on (「…发布：周六，…」) leads to the next table
        if (after is not None and ctx.text[after.start()] not in "从据根经"
                and (ctx.text[after.end() - 1] in "）)" or ctx.text[after.end():after.end() + 1] in _ISSUER_CLOSE)):
            last = after
    if last is None:
        return None
    span = last.span("org")
    return ctx.written(*span), span


def _low_high(low: Decimal | None, high: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """A day's lowest and highest temperature from the values labelled 最低 and 最高: when the labels
    contradict each other (「最高气温3℃，最低气温8℃」, or a night's low above the day's high when two
    half days merge) the day still spans both values, lowest first, as a range written high to low does."""
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


def _merged(a: DayForecast, b: DayForecast) -> DayForecast:
    """Two rows of one day (「今天白天…；今天夜间…」) as one: texts joined, numbers spanned."""
    def joined(x: str | None, y: str | None) -> str | None:
        return x if not y or x == y else y if not x else f"{x}，{y}"

    def least(x: Any, y: Any) -> Any:
        return y if x is None else x if y is None else min(x, y)

    def most(x: Any, y: Any) -> Any:
        return y if x is None else x if y is None else max(x, y)

    low, high = _low_high(least(a.temp_min_c, b.temp_min_c), most(a.temp_max_c, b.temp_max_c))
    return attrs.evolve(
        a,
        weekday=a.weekday if a.weekday is not None else b.weekday,
        weather=joined(a.weather, b.weather),
        wind=joined(a.wind, b.wind),
        wind_directions=tuple(dict.fromkeys(a.wind_directions + b.wind_directions)),
        wind_force_min=least(a.wind_force_min, b.wind_force_min),
        wind_force_max=most(a.wind_force_max, b.wind_force_max),
        gust_force_min=least(a.gust_force_min, b.gust_force_min),
        gust_force_max=most(a.gust_force_max, b.gust_force_max),
        temp_min_c=low,
        temp_max_c=high,
        evidence=Evidence(a.evidence.rule, _joined_spans(a.evidence.spans, b.evidence.spans)),
    )


def _joined_spans(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """The spans of both rows, in order, each once; a later row's after the earlier's without sorting
    again (thousands of rows of one day would cost a sort each)."""
    if a and b and b[0] > a[-1] and all(x < y for x, y in itertools.pairwise(b)):
        return a + b
    return tuple(sorted({*a, *b}))


_DAY_FIELDS = ("weather", "wind", "wind_force_min", "wind_force_max", "gust_force_min", "gust_force_max",
               "temp_min_c", "temp_max_c")


def _agree(a: DayForecast, b: DayForecast) -> bool:
    """Whether two rows of one date say nothing against each other (each field unset in one or equal)."""
    return all(x is None or y is None or x == y
               for x, y in ((getattr(a, f), getattr(b, f)) for f in _DAY_FIELDS))


def _build(ctx: Any) -> tuple[list[Forecast], list[tuple[int, int]]]:
    c = _rules()
    forecasts: list[Forecast] = []
    spans: list[tuple[int, int]] = []
    dated: dict[_Day, dt.date] = {}  # the labels of the table before and their dates
    tables = _tables(ctx, _rows(ctx, c), c)
    for k, (table, again) in enumerate(tables):
        begin, finish = table[0].start, table[-1].end
        following = tables[k + 1][0][0].start if k + 1 < len(tables) else len(ctx.text)
        spans.append((begin, finish))
        days: list[DayForecast] = []
        by_date: dict[dt.date, int] = {}  # where each date's row is in days
        previous: dt.date | None = None
        # a table that goes over the days of the one before starts where that one named its first day
        first = dated.get(table[0].days[0]) if again else None
        if first is not None:
            previous = first - dt.timedelta(days=1)
        dated = {}
        last: _Day | None = None  # the label of the day before, as written
        for row in table:
            for day in row.days:
                # the same label again (「今天白天…；今天夜间…」) is the same day, not the next one
                same = last is not None and (day == last or day.same)
                if day.same and not same:
                    continue
                if day.after and previous is not None and (previous + dt.timedelta(days=1)).day != day.day:
                    continue  # past the end of a short month
                date = previous if same else _resolve(day, previous, ctx.published)
                previous = date if date is not None else previous
                if date is not None:
                    dated.setdefault(day, date)
                found = DayForecast(
                    date=date,
                    weekday=day.weekday,
                    evidence=ctx.evidence(row.rule, (row.start, row.end)),
                    **row.fields,
                )
                # one row per day: the same label again, the date of the row before, or a date the
                # table gave already with nothing said otherwise there (「今天多云，明天转阴。今天最高
                # 气温18℃…」 goes over both days a second time); a row that says otherwise about
                # a day stays a row of its own
                at = len(days) - 1 if days and (same or (date is not None and days[-1].date == date)) \
                    else by_date.get(date) if date is not None else None
                if at is not None and at != len(days) - 1 and not _agree(days[at], found):
                    at = None
                if at is not None:
                    days[at] = _merged(days[at], found)
                else:
                    if date is not None:
                        by_date[date] = len(days)
                    days.append(found)
                last = day
        issuer = _issuer(ctx, begin, finish, following, c)
        ev_spans = [(begin, finish)] + ([issuer[1]] if issuer else [])
        forecasts.append(Forecast(
            issuer=issuer[0] if issuer else None,
            days=tuple(days),
            evidence=ctx.evidence("forecast_table", *ev_spans),
        ))
    return forecasts, spans


def _cached(ctx: Any) -> tuple[list[Forecast], list[tuple[int, int]]]:
    found = getattr(ctx, _CACHE_ATTR, None)
    if found is None:
        found = _build(ctx)
        try:
            setattr(ctx, _CACHE_ATTR, found)
        except AttributeError:  # a context that takes no new attributes: compute again next time
            pass
    return found


def extract(ctx: Any) -> list[Forecast]:
    """Every forecast table of the text, one DayForecast per day named."""
    return list(_cached(ctx)[0])


def forecast_spans(ctx: Any) -> list[tuple[int, int]]:
    """Normalised spans of the forecast tables found (statistics skips the figures inside)."""
    return list(_cached(ctx)[1])


__all__ = ["extract", "forecast_spans"]
