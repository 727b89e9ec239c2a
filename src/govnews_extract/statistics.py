"""Record kind: statistics — every figure stated as a fact, with its metric, subject, unit and period.

The numbers themselves come from :mod:`.quantities` (value, base unit, qualifier) and the
times from :mod:`.dates`; this module decides which numbers are statistics and reads the
words around them.  The wordings live in ``patterns/statistics.yaml``; its header explains
the order in which the rules apply.  In short:

1. The text is cut into blocks (a paragraph; consecutive headline lines form one block),
   sentences (。！？；, line ends) and clauses (，：).  Rules run on a *masked* copy of the
   normalised text in which dates and quantities are runs of private-use characters, so a
   pattern can speak of "a date" or "a figure" without knowing how they are written.
2. A quantity is dropped when it is no stated fact: a duration, an age, a weather figure, a
   level, a bare number, a rank (前10位), an anaphoric count (这两项), or a threshold that
   only says which things are counted (5000万元以上项目).
3. Each clause may name its own subject; otherwise the block's latest subject (or the source
   the reporter quotes) is carried.  「该镇」「该企业」 take the latest subject of their kind in
   the article (:mod:`._articles`).
4. The metric is the phrase before the figure, or the noun after it when the phrase before is
   only a verb (办理了2944个数字证书); a series (由…增长至…) and the second end of a range keep
   the metric of the figure they continue.
5. The period is the nearest date before the figure in its sentence, unless a timeless word
   (目前, 每年, 近3年) stands nearer; failing that, the date that opened a clause earlier in the
   block.  A base of comparison (比上年) is never a period.  Unknown stays ``None``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from ._patterns import (
    EndChars,
    EndSearch,
    StartChars,
    compile_fast,
    compiled_per_directory,
    first_chars,
    guard_word_lists,
    match_widths,
)
from ._records import Statistic
from ._text import to_simplified

DATE_MARK = "\ue000"
QTY_MARK = "\ue001"
_SENTENCE_END = frozenset("。！？!?；;\n")
_HEADLINE_MAX = 40  # a line this short that does not end a sentence is a headline
_SKIP_DIMENSIONS = frozenset({"duration", "level", "temperature"})
_SKIP_UNITS = frozenset({"岁", "周岁", "℃", "℉", "级"})
_NO_NOUN_DIMENSIONS = frozenset({"percent", "multiple"})  # 20% is never "of the noun after it"
_PLACE_ENDS = ("镇", "乡", "村", "县", "市", "区", "省", "州", "中心", "局", "委", "办", "厅", "街道", "社区")
_ENTERPRISE_HEADS = frozenset({"企业", "公司", "集团", "厂"})
_VOLTAGE_UNITS = frozenset({"伏", "千伏"})
_SHARE_STOPS = frozenset("，,。；;！？!?、\n")
_NOW_WORDS = frozenset({"今天", "今日", "现在", "如今", "今"})
_BREAKTHROUGH = ("突破", "超过")  # the qualifier of a figure right after one: 突破100亿元
_QUOTES = frozenset("“”\"'‘’")
_MAX_WINDOW = 60  # a metric is never looked for further back than this
_HAN = compile_fast(r"\p{Han}")


# -- rules ------------------------------------------------------------------------------------

class _Rules:
    """The statistics rules and vocabulary, compiled once per patterns directory."""

    def __init__(self, p: Any) -> None:
        self.lead = p.rule("stat_metric_before").regex
        self.from_frame = p.rule("stat_metric_from").regex
        self.series = p.rule("stat_series").regex
        self.range_sep = p.rule("stat_range").regex
        self.list_link = p.rule("stat_list").regex
        self.compare_base = p.rule("stat_compare_base").regex
        self.total_word = p.compile("{STAT_TOTAL_WORD}")
        self.after = p.rule("stat_metric_after").regex
        self.money = p.rule("stat_context_unit").regex
        self.context_units = [(p.compile(str(u["pattern"])), str(u["unit"]))
                              for u in p.rule("stat_context_unit").data.get("units", [])]
        # The subject rules of a clause open with its opening words, a possessive run that gives back
        # nothing to what follows it: lead_only reads them once per clause (_clause_subject), and the
        # rules go on from where they end (*_after_lead), with the same matches as from the clause's start.
        lead = "(?:{STAT_LEAD})*+"
        self.lead_only = p.compile(lead)
        # at a character none of them starts with, the run is empty: the words end where they start
        self.lead_starts = StartChars(self.lead_only, empty_read=True)
        self.subj_bare_after_lead = p.compile("(?P<head>{STAT_BARE_ENTERPRISE})")
        self.bare_starts = StartChars(self.subj_bare_after_lead)
        clause = p.rule("stat_subject_clause")
        self.subj_clause_after_lead = clause.source.startswith(lead)  # else it is tried from the clause's start
        if self.subj_clause_after_lead:
            clause_regex = p.compile(clause.source[len(lead):], verbose=bool(clause.regex.flags & re.VERBOSE))
        else:
            clause_regex = clause.regex
        # its entities end in one of a hundred words (STAT_ORG_SUFFIX), tried at each of their characters
        self.subj_clause = guard_word_lists(clause_regex)
        # the scanner of a rule with ``needs:`` runs its regex only where a needed word is
        self.subj_leader = p.rule("stat_subject_leader").scanner
        self.subj_anaphor = p.rule("stat_subject_anaphor").scanner
        self.subj_source = p.rule("stat_subject_source").scanner
        self.not_rank = p.rule("stat_not_rank").regex
        self.not_rank_ends = EndChars(self.not_rank)
        self.report_date = p.rule("stat_report_date").regex
        self.founding_date = p.rule("stat_founding_date").regex
        self.founded_in = p.compile("{STAT_FOUNDED_IN}")
        self.not_spec = p.rule("stat_not_spec").regex
        self.not_capacity = p.rule("stat_not_capacity").regex
        self.capacity_before = tuple(p.lexicon("STAT_CAPACITY_BEFORE"))
        self.series_before = tuple(p.lexicon("STAT_SERIES_BEFORE"))
        self.not_anaphor = p.rule("stat_not_anaphor").regex
        self.not_anaphor_ends = EndChars(self.not_anaphor)
        self.not_threshold = p.rule("stat_not_threshold").regex
        self.not_weather = p.rule("stat_not_weather").regex
        self.anaphor_any = p.compile("{STAT_ANAPHOR}")
        self.anaphor_first = first_chars(self.anaphor_any)  # (None: cannot be told; tried everywhere)
        self.bullet = p.compile("{STAT_BULLET}")
        self.bullet_starts = StartChars(self.bullet)
        self.byline = p.compile("{BYLINE}")
        self.byline_starts = StartChars(self.byline)
        # 「…均超过50万元」: 均 links too, where it is no 人均 / 户均 / 年均
        # (nearly any character may start a link or a pointer: the window is searched, once its end may end one)
        self.trail = EndSearch(p.compile("(?:{STAT_TRAIL_STRIP}|{QUAL_PRE}|(?<![人户年日月亩平])均|{STAT_TRAIL_RE})$"),
                               starts=False)
        self.point_right = EndSearch(p.compile("(?:{STAT_POINT_RIGHT})$"), starts=False)
        self.trail_ends, self.point_right_ends = self.trail.ends, self.point_right.ends
        self.timeless = p.compile("{STAT_TIMELESS}|{STAT_TIMELESS_RE}")
        self.timeless_least = match_widths(self.timeless)[0]  # most clauses open with a window shorter than this
        self.compare = p.compile("{STAT_COMPARE_BEFORE}")
        self.figurative = p.compile("{STAT_FIGURATIVE_NOW}")
        self.day_count = p.compile("{STAT_DAY_COUNT}")
        self.wrap_heading = p.compile("{STAT_WRAP_HEADING}")
        self.wrap_qual = p.compile("(?:{QUAL_PRE})*+$")
        self.wrap_after = p.compile("{STAT_WRAP_AFTER}")
        self.wrap_end = p.compile("{STAT_WRAP_END}")
        self.respective_sep = p.compile("{STAT_RESPECTIVE_SEP}")
        self.respective_not = p.compile("{STAT_RESPECTIVE_NOT}")
        self.respective_base = p.compile("{STAT_RESPECTIVE_BASE}")
        self.owner_head = p.compile("(?:{STAT_OWNER_HEAD})$")
        self.whole_place = p.compile("{STAT_WHOLE_PLACE}")
        self.age_after = p.compile("{STAT_AGE_AFTER}")
        self.park_name = p.compile("(?!{STAT_NOT_SUBJECT_START})\\p{Han}{2,10}?园区")
        self.owner_name = p.compile("(?!{STAT_NOT_SUBJECT_START})\\p{Han}{2,14}")
        self.subject_whole = p.compile("{STAT_ENTITY}|{STAT_PLACE_NAME}|{STAT_WHOLE_PLACE}")
        self.people_do = p.compile("{STAT_PEOPLE_DO}")
        self.cause = p.compile("(?:{STAT_CAUSATIVE})$")
        self.measure_open = p.compile("{STAT_MEASURE_OPEN}")
        self.link_to_figure = p.compile("{STAT_LINK_TO_FIGURE}")


_rules = compiled_per_directory(_Rules)


# -- what the core gives ------------------------------------------------------------------------

_UNREAD = object()


class _Date:
    """A date mention as normalised positions, its text and its ISO period (None when open or unknown)."""

    __slots__ = ("_mention", "_period", "end", "start", "text", "usable")

    def __init__(self, start: int, end: int, text: str, mention: Any) -> None:
        self.start, self.end, self.text = start, end, text
        self._mention, self._period = mention, _UNREAD
        self.usable: bool | None = None  # whether it may be a period: _Reader._usable, once asked

    @property
    def period(self) -> str | None:
        # read from the mention on first use only: the mention formats it anew on each read, and
        # most dates of a page never become a figure's period or a paragraph's topic
        if self._period is _UNREAD:
            period = getattr(self._mention, "period", None)
            self._period = str(period) if period else None
        return self._period  # type: ignore[return-value]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dates(ctx: Any) -> list[_Date]:
    """Date mentions as normalised spans with their ISO period (None when open or unknown)."""
    out = []
    for d in ctx.dates or []:
        start = getattr(d, "start_pos", None)
        end = getattr(d, "end_pos", None)
        if type(start) is not int or type(end) is not int:  # the usual shape skips _int's two checks
            start, end = _int(start), _int(end)
        if start is None or end is None:  # an older shape: start/end are the positions
            start, end = _int(getattr(d, "start", None)), _int(getattr(d, "end", None))
        if start is None or end is None or end <= start:
            continue
        out.append(_Date(start, end, str(getattr(d, "text", "")), d))
    out.sort(key=lambda d: d.start)
    return out


def _forecast_spans(ctx: Any) -> list[tuple[int, int]]:
    try:
        from .weather import forecast_spans
    except ImportError:  # weather figures are still dropped by their units
        return []
    try:
        return list(forecast_spans(ctx))
    except Exception:  # a failing neighbour must not take the statistics down
        return []


def _covered(spans: list[tuple[int, int]]) -> Any:
    """A test of whether a position lies inside one of the half-open ``spans`` (by bisection)."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end so far

    def covered(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos

    return covered


class _Needles:
    """Where the words a prefiltered rule ``needs`` stand in one text, to skip its scanner per clause.

    Every match of such a rule holds one of those words, so a clause in which none of them starts
    holds no match, and a bisection over the text's word positions says so without a call into the
    scanner (which looks for the words again on each clause).  A rule without ``needs`` is tried
    everywhere.
    """

    def __init__(self, scanner: Any, text: str) -> None:
        needs = getattr(scanner, "needs", None)
        self.everywhere = not needs
        found = []
        for word in needs or ():
            at = text.find(word)
            while at >= 0:
                found.append(at)
                at = text.find(word, at + 1)
        self.starts = sorted(found)
        self.anywhere = self.everywhere or bool(found)  # most pages hold none: callers test this first

    def within(self, start: int, end: int) -> bool:
        """Whether one of the words starts in ``[start, end)``."""
        if self.everywhere:
            return True
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end


# -- the page's structure -----------------------------------------------------------------------

def _blocks(text: str, bullet: Any = None, starts: Any = None) -> Iterator[tuple[int, int]]:
    """Paragraphs as (start, end); consecutive headline lines make one block.

    A line that opens with a bullet (``bullet`` matches it: 「· 我市新增…」「● 高新区…」) is an item of
    a list: it joins no headline before or after it, except that the bulleted lines right under a
    head (no blank line between: 「【数读】今年一季度高新区交出亮眼答卷⏎● …⏎● …」) make one block
    with it, so the head's time and subject reach its items.
    """
    block: tuple[int, int] | None = None
    block_is_headline = False
    block_has_bullet = False
    block_has_head = False  # the block opens with an unbulleted headline, and holds only it and bullets
    last_end = -2
    end = -1
    for line in text.split("\n"):
        start = end + 1
        end = start + len(line)
        body = line.strip()
        if not body:
            continue
        headline = len(body) <= _HEADLINE_MAX and _SENTENCE_END.isdisjoint(body[:-1]) \
            and body[-1] not in "。！？!?；;"
        # (``starts``: the characters a bullet can start with, _Rules.bullet_starts; most lines open otherwise)
        bulleted = bullet is not None and (starts is None or starts[body[0]]) and bullet.match(body) is not None
        if block is not None and bulleted and block_has_head and start == last_end + 1:
            block, last_end = (block[0], end), end
            continue
        if block is not None and headline and block_is_headline and not bulleted and not block_has_bullet:
            block, last_end = (block[0], end), end
            continue
        if block is not None:
            yield block
        block, block_is_headline, last_end = (start, end), headline, end
        block_has_head, block_has_bullet = headline and not bulleted, bulleted
    if block is not None:
        yield block


def _split(text: str, start: int, end: int, stops: frozenset[str]) -> list[tuple[int, int]]:
    """The non-empty runs of ``text[start:end]`` between characters of ``stops``."""
    between = _BETWEEN.get(stops)
    if between is None:
        between = _BETWEEN[stops] = compile_fast("[^" + "".join(map(regex.escape, sorted(stops))) + "]++")
    return [m.span() for m in between.finditer(text, start, end)]


_BETWEEN: dict[frozenset[str], Any] = {}
# clauses: a comma between digits (「4,035家」) is a thousands separator, no clause end
_CLAUSE_BREAK = compile_fast(r"[，；;：:]|,(?![0-9]{3})")
_CLAUSES = compile_fast(r"(?:[^，,：:]|(?<=[0-9]),(?=[0-9]{3}))++")


# -- state carried through a text -------------------------------------------------------------

@dataclass
class _Subject:
    name: str | None  # None: several candidates, no single subject
    pos: int


@dataclass
class _Block:
    subject: str | None = None
    topic: str | None = None
    outer: str | None = None  # the paragraph's topic while a sentence zooms into a part of it


def _span_of(period: str) -> tuple[str, str]:
    """The first and last day an ISO period covers, as comparable strings (「2018-10」 → 2018-10-01, 2018-10-99)."""
    first, _, last = period.partition("/")
    last = last or first
    return (first + "-01-01"[len(first) - 4:] if len(first) < 10 else first,
            last + "-99-99"[len(last) - 4:] if len(last) < 10 else last)


def _inside(part: str, whole: str) -> bool:
    """Whether the period ``part`` lies inside ``whole`` and is not all of it."""
    if part == whole:
        return False
    (ps, pe), (ws, we) = _span_of(part), _span_of(whole)
    return ws <= ps and pe <= we


@dataclass
class _Made:
    """A statistic being built, with what the next figure of its sentence needs to know."""

    q: Any
    metric: tuple[int, int]
    subject: str | None
    period: str | None
    rule: str
    right_end: int  # after the noun that follows the figure, when the metric was that noun
    unit: str | None = None
    record: Statistic | None = None
    # 「税收收入和非税收入分别为85.6亿元和23.4亿元」: the measures handed out one to each figure of a
    # list, and which of them this figure took
    parts: tuple[_Part, ...] = ()
    part: int = 0


@dataclass(frozen=True)
class _Part:
    """One of the measures (or subjects) a 分别 hands out: what it names, and the change written
    after 分别 (「…分别增长」), each as written and as spans."""

    name: str
    name_spans: tuple[tuple[int, int], ...]
    change: str = ""
    change_spans: tuple[tuple[int, int], ...] = ()
    subject: str | None = None  # 「郑州市和洛阳市分别增长」: the list names subjects, the change is the metric

    @property
    def written(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        if self.subject is not None:
            return self.change, self.change_spans
        return self.name + self.change, self.name_spans + self.change_spans


_REACH = 400  # characters a period or subject is looked for before a figure


class _Reader:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.text: str = ctx.text
        self.r = _rules()
        self.dates = _dates(ctx)
        self._date_starts = [d.start for d in self.dates]  # sorted: look-ups by bisection stay linear
        self.history: list[_Subject] = []
        quantities = sorted(ctx.quantities or [], key=lambda q: (q.start, q.end))
        if "\n" in self.text:
            self.text = self._unwrap(self.text, quantities)
        self.masked = self._mask(quantities)
        self._anaphors = _Needles(self.r.subj_anaphor, self.masked)
        self._leaders = _Needles(self.r.subj_leader, self.masked)
        self._sources = _Needles(self.r.subj_source, self.masked)
        # where any of their words starts, for one test per clause of whether to ask each (None: ask always)
        needles = (self._anaphors, self._leaders, self._sources)
        self._any_needle = None if any(n.everywhere for n in needles) else sorted(
            itertools.chain.from_iterable(n.starts for n in needles))
        forecasts = _forecast_spans(ctx)
        in_forecast = _covered(forecasts) if forecasts else None  # (most pages hold no forecast)
        self.quantities = [q for q in quantities if self._candidate(q, in_forecast)]
        self._at = {q.start: q for q in self.quantities}
        # a 该X starts with one of a few characters (most pages hold none): a window without one holds no 该X
        first = self.r.anaphor_first
        self._anaphor_anywhere = first is None or first.search(self.masked) is not None
        self._starts = [q.start for q in self.quantities]
        # how far _sentence_named has read a sentence's clauses for a park's name: (sentence start,
        # the start of the last clause read, the name found before it)
        self._parks: tuple[int, int, str | None] = (-1, -1, None)

    @functools.cached_property
    def _enterprises(self) -> Any:
        from .enterprises import names_of  # the names enterprises reads too (built once per text)

        return names_of(self.ctx)

    @functools.cached_property
    def _legal_names(self) -> tuple[str, ...]:
        """The names written in full with a legal form, each once (first written first): the
        enterprises keep one entry per time a name is written, and a sentence is searched for a name."""
        return tuple(dict.fromkeys(name for name, _, _ in self._enterprises.legal_names))

    # -- line wraps --------------------------------------------------------------------------
    def _unwrap(self, text: str, quantities: list[Any]) -> str:
        """The text with each line break the page layout put inside a sentence read as a space.

        A break is a wrap when the line before ends open and is no heading: it ends in a comma
        (「…完成3218.6亿元，\\n同比增长5.1%」), or it ends in a Han character, is no numbered heading
        or list item nor a row of fields apart by wide spaces, holds a clause or ends in a link, a change,
        a conjunction or a measure (完成, 达到, 为, 增长, 和, 资金 …: STAT_WRAP_END), and the line after opens
        with a figure that ends its clause
        (「全市地区生产总值完成\\n3218.6亿元，」).  A blank line is a paragraph
        break and stays.  Positions do not move; only this reader's copy changes.
        """
        starts = {q.start: q for q in quantities}
        pieces, last = [], 0
        pos = -1
        for line, after in itertools.pairwise(text.split("\n")):  # each break, with the lines before and after it
            pos += len(line) + 1  # where the break stands
            body = after.lstrip(" \t\u3000")
            if not body:
                continue  # a blank line: a paragraph break
            before = line.rstrip()
            line_end = pos + 1 + len(after)
            if before and self._wraps(text, before, line_end - len(body), line_end, starts):
                pieces += (text[last:pos], " ")
                last = pos + 1
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)

    def _wraps(self, text: str, before: str, start: int, line_end: int, starts: dict[int, Any]) -> bool:
        if before[-1] in "，,、":
            return True
        if not _HAN.match(before[-1]) or "  " in before or "\u3000" in before or self.r.wrap_heading.match(before):
            return False
        if "，" not in before and "," not in before and not self.r.wrap_end.search(before, max(0, len(before) - 12)):
            return False  # 「全市经济稳中有进」: a headline (no clause in it, no link or measure at its end)
        # the figure that opens the line (after a qualifier: 「近3000人」), and what follows it
        k = start
        while k < line_end and k - start <= 4 and k not in starts:
            k += 1
        q = starts.get(k)
        if q is None or not self.r.wrap_qual.match(text, start, k):
            return False
        return self.r.wrap_after.match(text, q.end, line_end) is not None

    # -- masking and filters ---------------------------------------------------------------
    def _mask(self, quantities: list[Any]) -> str:
        """The text with each quantity, then each date that overlaps none, written over by marks."""
        text = self.text
        n = len(text)
        marked = []  # (start, end, mark)
        # a duration inside a date (the 5个月 of 「前5个月」) is read as that date, never as a figure
        for q in quantities:  # sorted by start
            s, e = q.start, q.end
            if s < 0 or e > n:
                s, e = max(0, s), min(n, e)
            if q.dimension == "duration" and self._date_covers(s, e):
                continue
            if e > s:
                marked.append((s, e, QTY_MARK))
        starts = [s for s, _, _ in marked]
        reach = list(itertools.accumulate((e for _, e, _ in marked), max))  # the furthest end so far
        for d in self.dates:
            s, e = d.start, min(d.end, n)
            if e > s:
                i = bisect.bisect_left(starts, e) - 1
                if i < 0 or reach[i] <= s:
                    marked.append((s, e, DATE_MARK))
        marked.sort()  # (by start; marks of one kind with one start cover the same span in either order)
        pieces = []
        last = 0
        for s, e, mark in marked:  # marks of one kind may overlap, of two kinds never
            s = max(s, last)
            if e > s:
                pieces += (text[last:s], mark * (e - s))
                last = e
        pieces.append(text[last:])
        return "".join(pieces)

    def _date_covers(self, s: int, e: int) -> bool:
        """Whether one date mention holds all of ``[s, e)`` and starts before it."""
        i = bisect.bisect_right(self._date_starts, s) - 1
        while i >= 0 and self.dates[i].start >= s - 8:
            if self.dates[i].start < s and self.dates[i].end >= e:
                return True
            i -= 1
        return False

    def _candidate(self, q: Any, in_forecast: Any) -> bool:
        """Is this quantity a statistic at all (before its words are read)?"""
        if q.end <= q.start or q.unit in _SKIP_UNITS:
            return False
        if q.dimension in _SKIP_DIMENSIONS and not (
                q.dimension == "duration" and self.r.day_count.search(self.text, max(0, q.start - 8), q.start)):
            return False
        if in_forecast is not None and in_forecast(q.start):
            return False
        if q.unit is None and not getattr(q, "bare_magnitude", False):
            return False  # a bare number (2.3, 7大研发中心) is no statistic
        text = self.text
        if text[q.end:q.end + 1] == "岁":
            return False
        before = text[max(0, q.start - 4):q.start]
        # (both end the four characters before the figure: most figures follow a character neither ends with)
        last = before[-1:]  # (no character: no match either rule can make, where their ends are known)
        if q.range != "to" and (
                (self.r.not_rank_ends[last] and self.r.not_rank.search(before))
                or (self.r.not_anaphor_ends[last] and self.r.not_anaphor.search(before))):
            return False
        if self.r.not_weather.search(text, max(0, q.start - 12), q.start):
            return False
        after = self.masked[q.end:q.end + 4]
        if q.qualifier and self.r.not_threshold.match(after) and not self._share(q):
            return False
        spec = self.r.not_spec.match(self.masked, q.end)
        if text.endswith(self.r.capacity_before, max(0, q.start - 5), q.start) and self.r.not_capacity.match(
                self.masked[q.end:q.end + 20]):
            return False  # 年产10万吨锂电池材料项目: the project's class
        klass = spec is not None and spec.group("klass") and q.qualifier and q.dimension != "count"
        if spec is not None and (spec.group("grade") or klass or (spec.group("noun") and q.unit in _VOLTAGE_UNITS)):
            return False  # 10万吨级码头, 超百亿元企业, 110千伏变电站: a class of what follows
        return True

    def _share(self, q: Any) -> bool:
        """「贡献了70%以上的税收」: a share of what follows, no threshold, when no other figure
        follows in its clause (「增长20%以上的企业有50家」 counts the firms)."""
        if q.dimension != "percent":
            return False
        end = q.end
        n = len(self.masked)
        while end < n and self.masked[end] not in _SHARE_STOPS:
            if self.masked[end] == QTY_MARK:
                return False
            end += 1
        return True

    def _share_of(self, q: Any, ce: int) -> tuple[int, int] | None:
        """The noun a share is of (「70%以上的税收」 → 税收), or None when ``q`` is no such share."""
        if not q.qualifier:  # (most figures: no match to read)
            return None
        m = self.r.not_threshold.match(self.masked, q.end, ce)
        if m is None or not self._share(q):
            return None
        s = m.end() + (1 if self.masked[m.end():m.end() + 1] == "的" else 0)
        e = s
        while e < ce and self.masked[e] not in _SHARE_STOPS:
            e += 1
        return (s, e) if e > s else None

    def _range_partner(self, q: Any) -> int | None:
        """Where the first end of the range ``q`` closes (「20%~30%」 for the 30%), or None."""
        k = self.masked.rfind(QTY_MARK, max(0, q.start - 6), q.start)
        if k < 0 or not self.r.range_sep.match(self.masked[k + 1:q.start]):  # anchored: ^…$
            return None
        return k + 1

    def _bare_share_of(self, q: Any, ce: int) -> tuple[int, int] | None:
        """「全市80%的企业已复工」「20%~30%的企业」: a percentage with nothing before it to measure,
        right before 的 and a noun, and no other figure in its clause: a share of that noun."""
        if q.dimension != "percent":
            return None
        end = q.end
        if q.range == "from":  # the share is written after the range's second end
            sep = end
            while sep < ce and self.masked[sep] != QTY_MARK and sep - end < 4:
                sep += 1
            if self.masked[sep:sep + 1] != QTY_MARK or not self.r.range_sep.match(self.masked[end:sep]):
                return None
            end = sep
            while end < ce and self.masked[end] == QTY_MARK:
                end += 1
        if self.masked[end:end + 1] != "的":
            return None
        s = e = end + 1
        while e < ce and self.masked[e] not in _SHARE_STOPS:
            if self.masked[e] == QTY_MARK:
                return None
            e += 1
        noun = self._noun_after(end, ce)
        return noun if noun is not None and noun[0] >= s else None

    # -- subjects ----------------------------------------------------------------------------
    def _remember(self, name: str | None, pos: int) -> None:
        self.history.append(_Subject(name, pos))

    def _resolve(self, head: str) -> str | None:
        """The subject 「该<head>」 points back to: the latest of its kind, None when unclear."""
        for subj in reversed(self.history):
            if subj.name is None:
                if head in _ENTERPRISE_HEADS:
                    return None
                continue
            read = to_simplified(subj.name)  # names are as written (翟坡鎮); heads are read (该镇)
            if head in _ENTERPRISE_HEADS:
                if not read.endswith(_PLACE_ENDS):
                    return subj.name
            elif read.endswith(head):
                return subj.name
        return None

    def _sentence_named(self, head: str, ss: int, cs: int) -> str | None:
        """What a bare 公司 / 集团 / 企业 / 园区 at ``cs`` names in its sentence (``text[ss:cs]``): the
        enterprise written in full (with its legal form) latest in it, or for 园区 the name ending in
        园区 that opens a clause before (「仁武产业园区招商成果丰硕，园区已引进…」); None when none."""
        best, best_end = None, -1
        if head == "园区":
            # the clauses of a sentence are read once, however many of its clauses ask: a later
            # question about the same sentence goes on from the last clause read before
            start = ss
            parks_ss, parks_at, parks_best = self._parks
            if parks_ss == ss and ss <= parks_at <= cs:
                start, best = parks_at, parks_best
            last, before_last = start, best
            for m in _CLAUSES.finditer(self.text, start, cs):
                last, before_last = m.start(), best  # (the last clause may be cut at cs: read again)
                lead = self._lead_end(m.start(), m.end())
                park = self.r.park_name.match(self.masked, lead, m.end())
                if park is not None:
                    best = self.ctx.written(*park.span())
            self._parks = (ss, last, before_last)
            return best
        for name in self._legal_names:
            at = self.text.rfind(name, ss, cs)
            if at >= 0 and at + len(name) > best_end:
                best, best_end = self.ctx.written(at, at + len(name)), at + len(name)
        return best

    def _clause_subject(self, cs: int, ce: int, ss: int | None = None,
                        needles: bool = True) -> tuple[str | None, int, bool]:
        """The subject a clause names: (subject, where it ends, whether the clause names one).

        ``needles`` False: no word a needle rule (该X, 领导) needs starts in the clause or at its comma.
        """
        r, masked = self.r, self.masked
        ce = min(ce + 1, len(masked))  # the clause's own comma may follow a subject
        if r.byline_starts[masked[cs]]:
            byline = r.byline.match(masked, cs, ce)  # 「本报讯（记者 王梅）观山湖区…」
            if byline is not None:
                cs = byline.end()
        anaphor_words, leader_words = self._anaphors, self._leaders
        m = None
        if needles and anaphor_words.anywhere and anaphor_words.within(cs, ce):
            m = self.r.subj_anaphor.match(self.masked, cs, ce)
        if m:
            name = self._resolve(m.group("head"))
            return name, m.end(), name is not None
        # where the clause's opening words end (_lead_end; most clauses have none)
        start = self._lead_end(cs, ce) if cs < ce and r.lead_starts[masked[cs]] else cs
        m = r.subj_bare_after_lead.match(masked, start, ce) if start < ce and r.bare_starts[masked[start]] else None
        if m:
            # 「…有限公司创始人覃海峰告诉记者，公司去年开行…」: the enterprise its sentence names in full;
            # failing that, 「公司」「集团」 as written (「企业」 alone is any enterprise: no subject)
            name = self._sentence_named(m.group("head"), ss if ss is not None else cs, cs)
            if name is None and m.group("head") != "企业":
                name = self.ctx.written(*m.span("head"))
            if name is not None:
                self._remember(name, m.start("head"))
                return name, m.end(), True
        if needles and leader_words.anywhere and leader_words.within(cs, ce):
            leaders = list(self.r.subj_leader.finditer(self.masked, cs, ce))
            if len(leaders) > 1:
                self._remember(None, leaders[-1].start("subject"))
                return None, leaders[-1].end(), True
            if leaders:
                name = self.ctx.written(*leaders[0].span("subject"))
                self._remember(name, leaders[0].start("subject"))
                return name, leaders[0].end(), True
        m = r.subj_clause.match(masked, start if r.subj_clause_after_lead else cs, ce)
        if m:
            group = "subject" if m.group("subject") else "named" if m.group("named") else "place"
            name = self.ctx.written(*m.span(group))
            self._remember(name, m.start(group))
            return name, m.end(group), True
        # 「中航精工出口额…」: the short form of an enterprise written in full earlier
        end = self._enterprises.short_form_end(start, ce)
        if end is not None:
            name = self.ctx.written(start, end)
            self._remember(name, start)
            return name, end, True
        return None, cs, False

    # -- periods -----------------------------------------------------------------------------
    def _usable(self, d: _Date) -> bool:
        # each figure of a sentence and each clause's topic ask again about the same dates (more than
        # half of the asks on the real pages): the answer, which depends on the text only, is kept
        if d.usable is None:
            d.usable = self._read_usable(d)
        return d.usable

    def _read_usable(self, d: _Date) -> bool:
        if self.r.age_after.match(self.text, d.end, d.end + 8):
            return False  # 「今年58岁的赵国栋告诉记者，…」: the year of an age, not of the figures
        before = self.text[max(0, d.start - 4):d.start]
        if self.r.compare.search(before):
            return False  # 比上年, 较2022年: a base of comparison
        learned = self.r.report_date.match(self.text[d.end:d.end + 24])
        if learned is not None and (learned.group("reporter") or before.endswith("记者")):
            return False  # 「1月21日，记者从…获悉」「记者1月21日从…了解到」: the day the paper learned it
        base = self._at.get(d.end + 1) if self.text[d.end:d.end + 1] == "的" else None
        # 「是2012年的2.1倍」「相当于2012年的80%」: so is the year a ratio is of (not in a series:
        # 「从2019年的58.6%提高到2023年的65.2%」 are the rates of those years)
        if base is not None and base.dimension in _NO_NOUN_DIMENSIONS and not before.endswith(self.r.series_before):
            return False
        return not (d.text in _NOW_WORDS and self.r.figurative.search(before))

    def _founding_before(self, d: _Date, pos: int) -> bool:
        """Whether ``d`` is the time of a founding (``stat_founding_date``) in a clause before ``pos``."""
        if _CLAUSE_BREAK.search(self.text, d.end, pos) is None:
            return False
        return (self.r.founding_date.match(self.text[d.end:d.end + 12]) is not None
                or self.r.founded_in.search(self.text[max(0, d.start - 3):d.start]) is not None)

    def _period_before(self, ss: int, pos: int) -> tuple[bool, str | None]:
        """The nearest time before ``pos`` in the sentence: (found, period).

        The look-back stops after ``_REACH`` characters, so a page with no full stop
        costs linear time, not time proportional to the square of its length.
        """
        ss = max(ss, pos - _REACH)
        best_pos, best = -1, None
        dates = self.dates
        i = bisect.bisect_left(self._date_starts, pos) - 1
        while i >= 0 and dates[i].start >= ss:
            d = dates[i]
            # (a date's verdict as a period is read once: d.usable, else _usable reads it)
            if d.end <= pos and (d.usable if d.usable is not None else self._usable(d)) \
                    and not self._founding_before(d, pos):
                best_pos, best = d.start, d.period
                break
            i -= 1
        if self.r.timeless.search(self.text, max(ss, best_pos + 1), pos) is not None:
            return True, None  # a timeless word stands nearer
        return best_pos >= 0, best

    def _lead_end(self, pos: int, ce: int) -> int:
        """Where the opening words of the clause part ``masked[pos:ce]`` end (``pos``: none)."""
        if pos >= ce or not self.r.lead_starts[self.masked[pos]]:
            return pos  # no opening word starts here (most clauses)
        lead = self.r.lead_only.match(self.masked, pos, ce)
        return lead.end() if lead else pos

    def _topic(self, pos: int, ce: int, end: int) -> tuple[bool, str | None]:
        """A time that opens a clause (「2023年，」「去年完成…」) sets the block's period.

        The opening words of the clause (connectives and times) are read from ``pos``; the last
        time among them counts (they end at ``end``).  「2021年的抗洪抢险中」 frames its own sentence only.
        """
        found, topic, at = False, None, -1
        # the dates that start in [pos, end], in order (found by bisection; most clauses have none)
        dates = self.dates
        i = bisect.bisect_left(self._date_starts, pos)
        while i < len(dates) and dates[i].start <= end:
            d = dates[i]
            i += 1
            if self._usable(d) and d.start > at:
                framed = self.text[d.end:d.end + 1] == "的"
                found, topic, at = not framed, d.period, d.start
        stop = min(end + 1, ce)
        if stop - pos < self.r.timeless_least:  # a clause with no opening words: one character to look at
            return found, topic
        for m in self.r.timeless.finditer(self.text, pos, stop):
            if m.start() > at:
                found, topic, at = True, None, m.start()
        return found, topic

    def _whole_year(self, pos: int, end: int) -> bool:
        """Whether the clause opens with 全年 among its opening words (which end at ``end``; no date)."""
        return "全年" in self.masked[pos:end]

    # -- metrics -----------------------------------------------------------------------------
    def _noun_after(self, q_end: int, ce: int) -> tuple[int, int] | None:
        pos = q_end
        m = self.r.not_threshold.match(self.masked, pos, ce)  # 以上 / 以下 after the figure
        if m:
            return None
        while pos < ce and self.text[pos] in "以上下左右及" and self.text[pos:pos + 2] in ("以上", "以下", "左右"):
            pos += 2
        m = self.r.after.match(self.masked, pos, ce)
        if not m:
            return None
        s, e = m.span("noun")
        if self.masked[e:e + 1] == "的" and e - s <= 2:  # 「先进的锂离子电池生产线」: the modifier and its noun
            m2 = self.r.after.match(self.masked, e + 1, ce)
            if m2 and m2.end("noun") - m2.start("noun") >= 3:
                e = m2.end("noun")
        s, e = self._trim_quotes(s, e)
        return (s, e) if e > s else None

    def _trim_quotes(self, s: int, e: int) -> tuple[int, int]:
        """Without quotes and spaces at either end (「同比增长 5.2%」 from a PDF has one)."""
        text = self.text
        while s < e and (text[s] in _QUOTES or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in _QUOTES or text[e - 1].isspace()):
            e -= 1
        return s, e

    def _metric(self, q: Any, ws: int, ce: int) -> tuple[tuple[int, int] | None, str, int]:
        """(metric span, rule, end of the noun after the figure if that was the metric)."""
        r, masked = self.r, self.masked
        ws = max(ws, q.start - _MAX_WINDOW)
        we = q.start
        rule = "stat_metric_before"
        m = r.from_frame.search(masked, ws, we)
        if m:
            we, rule = m.start(), "stat_metric_from"
        # 「办理了」「共为」「拥有」: only a verb before the figure, the noun after it is what is counted
        e = we
        while e > ws and masked[e - 1] in "了的":
            e -= 1
        lead = r.lead.match(masked, ws, e)
        s = lead.end() if lead else ws
        lead_read = e, s  # the window's opening words, read again below only where the window ends elsewhere
        weak = s >= e or masked[we - 1:we] == "的" or (
            r.point_right_ends[masked[e - 1]] and r.point_right.search(masked, s, e) is not None)
        if rule == "stat_metric_before" and weak and q.dimension not in _NO_NOUN_DIMENSIONS:
            noun = self._noun_after(q.end, ce)
            if noun and ((q.dimension != "money" and not q.bare_magnitude)
                         or r.money.search(masked, *noun)):
                noun = self._counted(q, noun, ce)
                return noun, "stat_metric_after", noun[1]
            if noun is None and s >= e and q.dimension == "count":
                does = r.people_do.match(masked, q.end, ce)
                if does is not None:  # 「10余万人受益」: no noun, only what the people counted do
                    return does.span(), "stat_metric_after", does.end()
        if rule == "stat_metric_before" and q.dimension == "count" and r.cause.search(masked, max(ws, e - 2), e):
            # 「让2000余名学生入学」「可使10万人受益」: those made to do something are counted, not what made them
            noun = self._noun_after(q.end, ce)
            if noun is not None:
                return noun, "stat_metric_after", noun[1]
            does = r.people_do.match(masked, q.end, ce)
            if does is not None:
                return does.span(), "stat_metric_after", does.end()
        # the phrase before the figure, without the words that only link it
        e = we
        while e > ws:
            while e > ws and masked[e - 1].isspace():  # 「完成 3456.7亿元」 (a PDF space or a wrap)
                e -= 1
            if e <= ws or not r.trail_ends[masked[e - 1]]:
                break  # no link ends the window (most windows: the figure's measure ends them)
            t = r.trail.search(masked, ws, e)
            if not t or t.end() != e or t.start() == t.end():
                break
            e = t.start()
        if e == lead_read[0]:  # (most windows: neither 了 / 的 nor a link at their end)
            s = lead_read[1]
        else:
            lead = r.lead.match(masked, ws, e)
            s = lead.end() if lead else ws
        s, e = self._trim_quotes(s, e)
        if e <= s:
            # 「累计达到45.6万户」: nothing but links, and a word of totals is all there is to say
            total = r.total_word.search(masked, ws, we)
            if total is not None:
                return total.span(), rule, 0
            # 「约300家企业参加」「近千家企业」: nothing but a qualifier before a count: the noun after it
            if rule == "stat_metric_before" and q.dimension == "count":
                noun = self._noun_after(q.end, ce)
                if noun:
                    noun = self._counted(q, noun, ce)
                    return noun, "stat_metric_after", noun[1]
            return None, rule, 0
        return (s, e), rule, 0

    def _counted(self, q: Any, noun: tuple[int, int], ce: int) -> tuple[int, int]:
        """The noun a count is of, where the words after it run on into the measure of the next
        figure (「12个乡镇粮食总产量达到8.6亿斤」: 乡镇; the next figure's measure is 粮食总产量)."""
        s, e = noun
        if q.dimension != "count" or e - s < 3 or not self.r.link_to_figure.match(self.masked, e, ce):
            return noun
        m = self.r.measure_open.search(self.masked, s + 1, e)
        return (s, m.start()) if m is not None else noun

    def _context_unit(self, metric: tuple[int, int]) -> str | None:
        for pattern, unit in self.r.context_units:
            if pattern.search(self.masked, *metric):
                return unit
        return None

    # -- the walk -----------------------------------------------------------------------------
    def read(self) -> list[Statistic]:
        out: list[Statistic] = []
        qi = 0
        qs = self.quantities
        starts = [q.start for q in qs]
        nq = len(qs)
        masked, lead_starts = self.masked, self.r.lead_starts
        any_needle = self._any_needle
        date_at = frozenset(self._date_starts)
        # a clause part with no opening words and no date at its start holds no time of a clause
        # (_topic: its window is shorter than a timeless word)
        bare_no_time = self.r.timeless_least > 1
        last_anaphor = self.masked.rfind("该")  # the subjects a block names matter only to a later 该X
        article_start = self.ctx.article_index.start
        article = 0
        before: _Block | None = None  # the paragraph before, in the same article
        for bs, be in _blocks(self.text, self.r.bullet, self.r.bullet_starts):
            if article_start(bs) != article:  # 「该镇」 points back within its own article only
                article = article_start(bs)
                self.history.clear()
                before = None
            busy = bisect.bisect_left(starts, bs) < bisect.bisect_left(starts, be)
            if not busy and last_anaphor < be:
                continue  # no figure here and no 该X after it: nothing this block says is used
            block = _Block()
            opening = True  # the paragraph's first clause is still to be read
            for ss, se in _split(self.text, bs, be, _SENTENCE_END):
                if block.outer is not None and self.text[ss - 1:ss] not in "；;":
                    # 「10月份，…。」 zoomed into the paragraph's 1—10月 up to its full stop (a ； goes on)
                    block.topic, block.outer = block.outer, None
                prev: _Made | None = None
                for clause in _CLAUSES.finditer(self.text, ss, se):
                    cs, ce = clause.span()
                    if any_needle is None:
                        needles = True
                    else:  # (the subject rules read up to the clause's comma, at ce)
                        i = bisect.bisect_left(any_needle, cs)
                        needles = i < len(any_needle) and any_needle[i] <= ce
                    subject, subj_end, named = self._clause_subject(cs, ce, ss, needles)
                    if named:
                        block.subject = subject
                    if needles and self._sources.anywhere and self._sources.within(cs, ce):
                        for m in self.r.subj_source.finditer(self.masked, cs, ce):
                            block.subject = self.ctx.written(*m.span("subject"))
                            self._remember(block.subject, m.start("subject"))
                    if not busy:
                        continue  # only the subjects it names count (for a later 该X)
                    # a time after the clause's subject sets the paragraph's time where the subject opens
                    # the sentence (「市公共资源交易中心去年完成…」), not in a later clause (「…介绍，公司今年上半年…」)
                    for pos in (cs, subj_end) if named and cs == ss else (cs,):
                        if pos >= ce or not lead_starts[masked[pos]]:  # (_lead_end, without a call)
                            if bare_no_time and pos not in date_at:
                                continue  # nothing to set: no time, and no 全年 among no opening words
                            lead_end = pos
                        else:
                            lead_end = self._lead_end(pos, ce)
                        found, topic = self._topic(pos, ce, lead_end)
                        if found and topic and block.topic and block.outer is None and pos == cs == ss \
                                and _inside(topic, block.topic):
                            # 「1—10月，…。10月份，…。全市…」: a part of the paragraph's time that opens a
                            # sentence holds for that sentence; the next returns to the paragraph's time
                            block.outer, block.topic = block.topic, topic
                        elif found:
                            block.topic = topic
                        elif block.topic and self._whole_year(pos, lead_end):
                            block.topic = block.topic[:4]  # 「年末…。全年出生人口…」: the year, not December
                        elif opening and before is not None and self._whole_year(pos, lead_end):
                            # a bulletin's paragraph that opens with 全年 goes on with the year the paragraph
                            # before was of, and with its place (全市) where the paragraph names none
                            if before.topic:
                                block.topic = before.topic[:4]
                            if not named and block.subject is None and before.subject \
                                    and self.r.whole_place.fullmatch(to_simplified(before.subject)):
                                block.subject = before.subject
                    opening = False
                    clause_prev_end = subj_end if named else cs
                    while qi < nq and starts[qi] < cs:
                        qi += 1
                    while qi < nq and starts[qi] < ce:
                        q = qs[qi]
                        qi += 1
                        made = self._one(q, prev, cs, ce, clause_prev_end, subject if named else block.subject,
                                         block, ss)
                        if made is None:
                            continue
                        prev = made
                        clause_prev_end = max(q.end, made.right_end)
                        if made.record is not None:
                            out.append(made.record)
            before = block
        return out

    def _one(self, q: Any, prev: _Made | None, cs: int, ce: int, ws: int, subject: str | None,
             block: _Block, ss: int) -> _Made | None:
        r, masked = self.r, self.masked
        # the words between two figures, without the spaces at their ends (a PDF space, or a wrapped line)
        link = masked[prev.q.end:q.start].strip() if prev is not None else ""
        if prev is not None and q.range == "to" and prev.q.range == "from" and (
                q.start == prev.q.start or r.range_sep.match(link)):  # 3%~5%, or 两三万人 read twice
            return self._record(q, prev.metric, prev.subject, prev.period, "stat_range", 0,
                                q.unit or prev.unit)
        if prev is not None and r.series.match(link):
            found, period = self._period_before(ss, q.start)
            return self._record(q, prev.metric, prev.subject, period if found else block.topic, "stat_series",
                                0, q.unit or prev.unit, breakthrough=link.endswith(_BREAKTHROUGH))
        if prev is not None and prev.unit == q.unit and q.range is None:
            base = r.compare_base.search(masked, max(prev.q.end, q.start - 16), q.start)
            if base is not None:  # 「较2019年的265亿元」: the measure before, in the base's year
                d = self.dates[bisect.bisect_left(self._date_starts, base.start())]
                return self._record(q, prev.metric, prev.subject, d.period, "stat_compare_base", 0, q.unit)
        if prev is not None and r.list_link.match(link):  # 分别增长35%和42%
            if prev.parts and prev.part + 1 < len(prev.parts):  # 「税收收入和非税收入分别为…和…」
                part = prev.parts[prev.part + 1]
                made = self._record(q, prev.metric, part.subject or prev.subject, prev.period, "stat_list", 0,
                                    q.unit or prev.unit, written=part.written)
                if made is not None:
                    made.parts, made.part = prev.parts, prev.part + 1
                return made
            return self._record(q, prev.metric, prev.subject, prev.period, "stat_list", 0, q.unit or prev.unit)
        # a 该企业 inside the clause names the subject and starts the metric
        first = r.anaphor_first
        if self._anaphor_anywhere and (first is None or first.search(masked, ws, q.start) is not None):
            for m in r.anaphor_any.finditer(masked, ws, q.start):
                subject = self._resolve(m.group("head"))
                ws = m.end()
        if q.range == "to" and self._range_partner(q) is not None:
            return None  # the first end of 「20%~30%」 made nothing: its second end is no figure of its own
        share = self._share_of(q, ce) if q.qualifier else None  # (a share is a qualified figure: 70%以上)
        if share is not None:  # 「贡献了70%以上的税收」: the share is of the noun after it
            metric, rule, right_end = share, "stat_metric_after", share[1]
        else:
            metric, rule, right_end = self._metric(q, ws, ce)
            if metric is None and (share := self._bare_share_of(q, ce)) is not None:
                metric, rule, right_end = share, "stat_metric_after", share[1]  # 「全市80%的企业」
        if metric is None and prev is not None and (
                prev.unit == q.unit or (prev.rule == "stat_metric_after" and prev.right_end == prev.metric[1]
                                        and ws >= prev.metric[1])):
            # 「总产值突破800亿元，达到812.6亿元」: only a link before it, the same measure as before;
            # 「12个乡镇粮食总产量达到8.6亿斤」: the count took the words up to the link as its noun,
            # and they are this figure's measure too
            metric, rule = prev.metric, "stat_series"
        if metric is None:
            return None
        unit = q.unit
        if unit is None:
            unit = self._context_unit(metric)
            if unit is None:
                return None
            rule = "stat_context_unit"
        found, period = self._period_before(ss, q.start)
        if not found:
            period = block.topic
        breakthrough = masked.endswith(_BREAKTHROUGH, max(0, q.start - 2), q.start)
        parts: tuple[_Part, ...] = ()
        # (_respective reads a 分别 inside the metric or between it and the figure: most have none)
        if rule in ("stat_metric_before", "stat_context_unit") \
                and masked.find("分别", metric[0], max(metric[1], q.start)) >= 0:
            parts = self._respective(q, metric, ce, cs)
        if parts and parts[0].subject is not None:
            subject = parts[0].subject
        made = self._record(q, metric, subject, period, rule, right_end, unit, breakthrough=breakthrough,
                            written=parts[0].written if parts else None)
        if made is not None and parts:
            made.parts = parts
        return made

    def _owners(self, q: Any, ls: int, k: int, e: int, ce: int) -> tuple[_Part, ...]:
        """「国有控股企业、股份制企业增加值分别增长4.2%和6.8%」: owners of one kind (their names end in the
        same head: 企业, 公司, 市, 县 …) listed before a measure written once after the last of them; each
        figure is its owner's, and the measure, 分别 and the change, as written, are the metric of all.
        ``masked[ls:k]`` is the clause up to 分别, ``e`` the end of the metric."""
        r, masked = self.r, self.masked
        bounds, p = [], ls
        for c in r.respective_sep.finditer(masked, ls, k):
            if len(bounds) == 6:
                return ()  # more than six parts: no list (and a long clause is not read to its end)
            bounds.append((p, c.start()))
            p = c.end()
        bounds.append((p, k))
        if len(bounds) < 2 or len(bounds) > 6 or any(b - a < 2 for a, b in bounds):
            return ()
        head = r.owner_head.search(masked, *bounds[0])
        if head is None:
            return ()
        word = head.group()
        owners = []
        for a, b in bounds[:-1]:
            if not masked.endswith(word, a, b) or r.respective_not.search(masked, a, b) \
                    or not r.owner_name.fullmatch(masked, a, b):
                return ()
            owners.append((a, b))
        a, b = bounds[-1]
        at = masked.find(word, a + 1, b)
        if at < 0 or at + len(word) >= b or not r.owner_name.fullmatch(masked, a, at + len(word)):
            return ()
        owners.append((a, at + len(word)))
        if self._list_length(q, ce) != len(owners):
            return ()
        ms = at + len(word)
        written = self.ctx.written(ms, e)
        return tuple(_Part(written, ((ms, e),), written, ((ms, e),), self.ctx.written(*o)) for o in owners)

    def _respective(self, q: Any, metric: tuple[int, int], ce: int, cs: int | None = None) -> tuple[_Part, ...]:
        """「税收收入和非税收入分别为85.6亿元和23.4亿元」: the measures joined before 分别, one for each
        figure of the list that follows (as many figures as measures).

        A change written after 分别 goes with each (「…分别增长5.2%和3.1%」: 税收收入增长, 非税收入增长), and so
        does a base before it (「…同比分别增长」).  Where the first measures are short and the last is
        longer, they share its head (「城镇和农村居民人均可支配收入」: 城镇居民人均可支配收入).  A list of
        bases (「比全国、全省分别高」) hands out nothing; a list of places or units (「郑州市和洛阳市分别增长」)
        hands out subjects, with the change as the metric.  Empty when the figure shares no such list.
        """
        r, masked = self.r, self.masked
        s, e = metric
        k = masked.find("分别", s, e)
        if k >= 0 and cs is not None:
            owners = self._owners(q, self._lead_end(cs, k), k, e, ce)
            if owners:
                return owners
        if k >= 0:  # 「…分别增长」: the change after 分别 goes with each measure
            ns, ne, change = s, k, [self._trim_quotes(k + 2, e)]
        elif "分别" in masked[e:q.start]:  # 「…分别为」: only links after 分别
            ns, ne, change = s, e, []
        else:
            return ()
        ns, ne = self._trim_quotes(ns, ne)
        base = r.respective_base.search(masked, ns, ne)
        if base is not None:  # 「…同比分别增长」: the base goes with the change
            if not change:
                return ()
            ne, change = base.start(), [base.span(), *change]
        if ne <= ns or r.respective_not.search(masked, ns, ne) or QTY_MARK in masked[ns:ne] \
                or DATE_MARK in masked[ns:ne]:
            return ()
        bounds, p = [], ns
        for c in r.respective_sep.finditer(masked, ns, ne):
            if len(bounds) == 6:
                return ()  # more than six parts: no list (and a long clause is not read to its end)
            bounds.append((p, c.start()))
            p = c.end()
        bounds.append((p, ne))
        if len(bounds) < 2 or len(bounds) > 6 or any(b <= a for a, b in bounds):
            return ()
        if self._list_length(q, ce) != len(bounds):
            return ()
        change = tuple(c for c in change if c[1] > c[0])
        change_text = "".join(self.ctx.written(*c) for c in change)
        if all(r.subject_whole.fullmatch(masked, a, b) for a, b in bounds):
            if not change:
                return ()  # 「郑州市和洛阳市分别为…」: places, and no measure named
            # the metric all of them share, written as it stands: 分别增长
            shared = self._trim_quotes(k, e)
            written = self.ctx.written(*shared)
            return tuple(_Part(self.ctx.written(a, b), ((a, b),), written, (shared,), self.ctx.written(a, b))
                         for a, b in bounds)
        ls, le = bounds[-1]
        sibling = bounds[-2][1] - bounds[-2][0]  # the last measure's own word is as long as the one before it
        out = []
        for a, b in bounds:
            spans = [(a, b)]
            if (a, b) != (ls, le) and b - a <= 3 and sibling <= 3 and le - ls > sibling:
                spans.append((ls + sibling, le))  # 「城镇和农村居民…」「第一、二、三产业…」: the shared head
            out.append(_Part("".join(self.ctx.written(*sp) for sp in spans), tuple(spans), change_text, change))
        return tuple(out)

    def _list_length(self, q: Any, ce: int) -> int:
        """How many figures the list that ``q`` opens holds: ``q`` and those after it in its clause
        joined to the one before by a conjunction alone (「85.6亿元和23.4亿元」)."""
        i = bisect.bisect_left(self._starts, q.start)
        n, last = 1, q
        for nxt in itertools.islice(self.quantities, i + 1, None):
            if nxt.start >= ce or nxt.range is not None or not self.r.list_link.match(self.masked[last.end:nxt.start]):
                break
            n, last = n + 1, nxt
        return n if q.range is None else 0

    def _record(self, q: Any, metric: tuple[int, int], subject: str | None, period: str | None, rule: str,
                right_end: int, unit: str | None, breakthrough: bool = False,
                written: tuple[str, tuple[tuple[int, int], ...]] | None = None) -> _Made | None:
        if unit is None:
            return None
        qualifier = q.qualifier
        if qualifier is None and breakthrough:
            qualifier = "突破"
        text, spans = written if written is not None else (self.ctx.written(*metric), (metric,))
        record = Statistic(
            metric=text,
            text=self.ctx.written(q.start, q.end),
            value=q.value,
            unit=unit,
            subject=subject,
            period=period,
            qualifier=qualifier,
            evidence=self.ctx.evidence(rule, (q.start, q.end), *spans),
        )
        return _Made(q, metric, subject, period, rule, right_end, unit, record)


def extract(ctx: Any) -> list[Any]:
    """Every statistic of the text, in text order (see the module docstring)."""
    if not ctx.text or not ctx.text.strip():
        return []
    return _Reader(ctx).read()
