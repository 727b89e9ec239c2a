"""Numbers with their units in running text: ``find_quantities`` (issue 3).

How a text is read:

1. every rule of kind ``quantities`` in ``patterns/numbers.yaml`` runs over the normalised
   text; rules with ``role: block`` mark what is *not* a quantity (dates, times, ordinals,
   codes such as G4, phone numbers, quoted names such as “六新”), rules with
   ``role: quantity`` propose numbers with unit, qualifiers and range ends;
2. each proposal is read exactly (:func:`parse_number`, ``Decimal``) and checked: a lone
   Chinese digit counts only before a unit that makes it a count (两名, 三家, 五吨, not
   四个意识 or 一批); a Chinese numeral with no unit counts only at the end of a phrase
   (not 十大战略); an Arabic number glued to Latin letters (5G) is a name;
3. overlaps are settled left to right: the earliest start wins, then the longest, then
   blocks before quantities.

A magnitude word folds into the value (369.50亿元 → 36950000000 元).  A magnitude with no
unit after it keeps ``unit=None`` and says so in ``magnitude`` (2.54亿 → 254000000,
magnitude 10**8): the caller knows from context whether it is money, and
:meth:`Quantity.with_unit` gives the filled-in copy.
"""

from __future__ import annotations

import functools
import operator
from decimal import Decimal, localcontext
from typing import Any

import attrs

from ._numerals import (
    APPROX,
    BIG_UNITS,
    DIGITS,
    EXACT,
    MAGNITUDES,
    _parse_cached,
    clean,
    magnitude_of,
    parse_number,
    parse_range,
)
from ._patterns import Patterns, compile_fast, compiled_per_directory, one_setting
from ._records import Evidence, _no_evidence, _Record
from ._text import Normalized
from .errors import not_text

__all__ = ["Quantity", "find_quantities", "parse_number", "parse_range", "scan"]

Span = tuple[int, int]


@attrs.frozen
class Quantity(_Record):
    """A number as written in the text, with its exact value and base unit.

    ``text`` is the number and unit as written (without leading qualifiers such as 近/超过,
    with 余/多 that sit inside the number); ``span`` is its half-open span in the
    ORIGINAL text; ``start``/``end`` are positions in the normalised text.  ``range`` is
    ``"from"`` or ``"to"`` for the two ends of a range (3%~5%), else ``None``.
    ``dimension`` names the kind of unit (money, count, percent, temperature, mass, area,
    length, volume, energy, duration, level, multiple …) and ``magnitude`` the magnitude
    word folded into ``value`` (10**8 for 亿), ``None`` when there was none.
    """

    text: str
    value: Decimal
    unit: str | None = None
    qualifier: str | None = None
    span: Span = (0, 0)
    start: int = 0
    end: int = 0
    range: str | None = None
    dimension: str | None = None
    magnitude: int | None = None
    evidence: Evidence = attrs.field(factory=_no_evidence, eq=False, repr=False)

    _fields = ("text", "value", "unit", "qualifier", "span")

    @property
    def bare_magnitude(self) -> bool:
        """True for a number with a magnitude word and no unit (2.54亿): its unit comes from context."""
        return self.unit is None and self.magnitude is not None

    def with_unit(self, unit: str, dimension: str | None = None) -> Quantity:
        """A copy with the unit the context makes plain (「免除了2.54亿投标保证金」 → 元)."""
        return attrs.evolve(self, unit=unit, dimension=dimension or _tables().dimension.get(unit))


# -- tables from patterns/units.yaml ----------------------------------------------------------

@attrs.frozen
class _Tables:
    dimension: dict[str, str]
    base: dict[str, str]
    factor: dict[str, int]
    lone_digit_units: frozenset[str]
    rules: tuple[Any, ...]
    rank: dict[str, int]
    never_alone: frozenset[str]
    per_head: Any
    shared_unit_link: Any


def _build_tables(patterns: Patterns) -> _Tables:
    data = patterns.data("units.yaml")
    dimension: dict[str, str] = {}
    for dim, words in (data.get("unit_dimensions") or {}).items():
        for word in words:
            dimension[str(word)] = str(dim)
    base = {str(k): str(v) for k, v in (data.get("unit_base") or {}).items()}
    for written, target in base.items():  # the base unit has the dimension of its written forms
        if written in dimension:
            dimension.setdefault(target, dimension[written])
    factor = {str(k): int(v) for k, v in (data.get("unit_factor") or {}).items()}
    lone = frozenset(str(w) for w in data.get("lone_digit_units") or [])
    rules = tuple(r for r in patterns.rules("quantities") if r.data.get("role") in ("quantity", "block"))
    # blocks first, then the rules in the order of the file
    rank = {r.name: (0 if r.data.get("role") == "block" else 1 + i) for i, r in enumerate(rules)}
    never_alone = frozenset(str(w) for w in patterns.data("numbers.yaml").get("never_alone") or [])
    return _Tables(dimension, base, factor, lone, rules, rank, never_alone,
                   patterns.compile("(?:{QTY_PER_HEAD})$"), patterns.compile("{QTY_SHARED_UNIT_LINK}"))


_tables = compiled_per_directory(_build_tables)


_WEATHER_RE = compile_fast(
    r"气温|温度|最高|最低|高温|低温|降温|升温|回升|零下|体温|水温|地温|室温|摄氏|冷空气|寒潮|降至|升至|气象|天气|预报")
_SENTENCE_END = "。！？!?；;\n"
_HAN = compile_fast(r"\p{Han}")
_LATIN = compile_fast(r"[A-Za-z]")
_ARABIC_DIGIT = compile_fast(r"[0-9]")
_ARABIC_DIGITS = frozenset("0123456789")  # (the same test for a short number: a set test costs less than a search)
_TEMPERATURE_UNITS = {"℃", "℉"}
_MIXED_HEAD = compile_fast(r"-?[0-9][0-9,]*+([十百千万亿]++)(?=[0-9])")


# -- reading one match ----------------------------------------------------------------------

@attrs.define
class _Half:
    """One end of a proposal before it becomes a Quantity."""

    num: str
    num_start: int
    start: int       # where the written quantity starts (its sign included)
    end: int         # after its unit
    value: Decimal
    unit_written: str | None
    magnitude: int | None
    negative: bool


@functools.lru_cache(maxsize=4096)  # the same numbers come again and again
def _magnitude_in(num: str) -> int | None:
    """The magnitude word a number ends in (5000万, 五十六万 → 10**4). Chinese numerals count only
    with a digit before the word (千万, 百万 in 「千万不要」「百万富翁」 are words, not amounts)."""
    if not _ARABIC_DIGIT.search(num):
        core = num.rstrip(APPROX)
        if not (core.endswith(("万", "亿")) and any(ch in _CN_DIGIT_CHARS for ch in core)):
            return None
        i = len(core)
        while i > 0 and core[i - 1] in "万亿":
            i -= 1
        return magnitude_of(core[i:])
    mixed = _MIXED_HEAD.match(num)
    if mixed is not None:  # 3亿5千万, 1万8,263: the magnitude of the leading section
        return magnitude_of(mixed.group(1))
    tail = num.rstrip(APPROX)
    i = len(tail)
    while i > 0 and tail[i - 1] in MAGNITUDES:
        i -= 1
    chars = tail[i:]  # the magnitude words that end it
    return magnitude_of(chars) if chars else None


_CN_DIGIT_CHARS = frozenset("一二两三四五六七八九")


def _lone_chinese(num: str) -> bool:
    """A single Chinese digit, perhaps with 余/多 (两, 三, 五多): the weakest kind of number."""
    core = num.rstrip(APPROX)
    return len(core) == 1 and core not in _ARABIC_DIGITS and core not in MAGNITUDES and core != "十"


_END_GROUPS = {"": ("num", "sign", "unit"), "1": ("num1", "sign1", "unit1")}  # the groups of each end


def _half(m: Any, groups: Any, suffix: str) -> _Half | None:
    """One end of the match ``m`` (``groups``: its pattern's group names)."""
    g_num, g_sign, g_unit = _END_GROUPS[suffix]
    num = m.group(g_num)
    if num is None:
        return None
    sign = m.group(g_sign) if g_sign in groups else None
    unit = m.group(g_unit) if g_unit in groups else None
    value = _parse_cached(num.replace(" ", "").replace("\u00a0", "") if " " in num or "\u00a0" in num else num)
    if value is None:
        return None
    negative = bool(sign)
    if negative:
        value = -value
    num_start = m.start(g_num)
    start = m.start(g_sign) if sign else num_start
    end = m.end(g_unit) if unit else m.end(g_num)
    return _Half(num, num_start, start, end, value, unit, _magnitude_in(num), negative)


def _drop_fractional_count(half: _Half, text: str, tables: _Tables) -> None:
    """2.3本: a count is never fractional, so the character after the number is no unit here,
    except in a rate per head or per area (「每千人口拥有医师3.2人」「人均…1.5个」)."""
    if half.unit_written is None or half.value == half.value.to_integral_value():
        return
    if tables.dimension.get(half.unit_written) == "count" and not tables.per_head.search(
            text, max(0, half.start - 30), half.start):
        half.unit_written = None
        half.end = half.num_start + len(half.num)


# the dimensions a unit shared by two figures may have (QTY_SHARED_UNIT_LINK in numbers.yaml)
_SHARED_UNIT_DIMENSIONS = frozenset({"percent", "multiple"})


def _weather_context(text: str, pos: int) -> bool:
    """Does the sentence before ``pos`` speak of the weather (气温, 最低, 零下 …)?"""
    lo = max(0, pos - 24)
    window = text[lo:pos]
    for i in range(len(window) - 1, -1, -1):
        if window[i] in _SENTENCE_END:
            window = window[i + 1:]
            break
    return _WEATHER_RE.search(window) is not None


def _resolve_unit(half: _Half, text: str, partner_unit: str | None, tables: _Tables) -> tuple[str | None, str | None]:
    """The base unit and dimension of one end (度 is ℃ only where the sentence speaks of weather)."""
    written = half.unit_written
    if written is None:
        return None, None
    if written == "度" and (half.negative or partner_unit in _TEMPERATURE_UNITS
                           or _weather_context(text, half.start)):
        return "℃", "temperature"
    if written == "°" and partner_unit in _TEMPERATURE_UNITS:
        return partner_unit, "temperature"
    if written == "度":
        return "度", None
    base = tables.base.get(written, written)
    return base, tables.dimension.get(written) or tables.dimension.get(base)


def _acceptable(half: _Half, text: str, unit: str | None, dimension: str | None, tables: _Tables) -> bool:
    """Is this number a quantity at all (not a slogan digit, not a name like 5G or 十大)?"""
    if not _ARABIC_DIGITS.isdisjoint(half.num):
        nxt = text[half.end:half.end + 1]
        if unit is None and nxt and _LATIN.match(nxt):
            return False  # 5G, 4A级, 100K
        return True
    if all(ch in DIGITS for ch in half.num):
        if len(half.num) > 1:
            return False  # 二〇二四, 一二三: read digit by digit, a year or a code
    if _lone_chinese(half.num):
        if half.num.rstrip(APPROX) in tables.never_alone:
            return False  # 零件, 零部件, 零售额: a lone 零 starts a word
        if half.value == 1 and dimension in (None, "count"):
            return False  # 一名, 一家, 一批: articles, not counts
        if unit is None:
            return False
        written = half.unit_written or ""
        return (written in tables.lone_digit_units or dimension in (
            "money", "mass", "area", "length", "volume", "energy", "percent", "temperature", "multiple",
            "concentration"))
    if unit is None:
        nxt = text[half.end:half.end + 1]
        return not (nxt and _HAN.match(nxt))  # 十大战略, 十四五规划
    return True


def _qualifier(m: Any, groups: Any, half: _Half, norm: Normalized) -> str | None:
    """The qualifier words in text order, AS WRITTEN (約 stays 約, 餘 stays 餘), joined by ``,``."""
    words: list[str] = []
    if "pre" in groups and m.group("pre"):
        words.append(norm.written(*m.span("pre")))
    if not _APPROX_CHARS.isdisjoint(half.num):  # (a set test of a short string costs less than a regex search)
        seen: set[str] = set()
        for i, ch in enumerate(half.num):
            if ch in APPROX and ch not in seen:
                seen.add(ch)
                words.append(norm.written(half.num_start + i, half.num_start + i + 1))
    if "post" in groups and m.group("post"):
        words.append(norm.written(*m.span("post")))
    return ",".join(words) if words else None


_APPROX_CHARS = frozenset(APPROX)


def _quantities_of(m: Any, rule: Any, norm: Normalized, tables: _Tables) -> list[Quantity] | None:
    """The Quantities one match proposes (two for a range), or None when it is no quantity."""
    text = norm.text
    evidence: list[Evidence] = []  # made with the first Quantity (a rejected match makes none), shared by a range

    def make(half: _Half, value: Decimal, unit: str | None, dim: str | None, rng: str | None,
             start: int | None = None, end: int | None = None, magnitude: int | None = None) -> Quantity:
        s = half.start if start is None else start
        e = half.end if end is None else end
        written = half.unit_written
        if written in tables.factor:
            value = value * tables.factor[written]
        if not evidence:
            evidence.append(Evidence(rule.name, (norm.span(*m.span()),)))
        # the fields in their order (text, value, unit, qualifier, span, start, end, range, dimension,
        # magnitude, evidence): attrs' __init__ takes positions at less than half the cost of keywords
        return Quantity(norm.written(s, e), clean(value), unit, _qualifier(m, groups, half, norm), norm.span(s, e),
                        s, e, rng, dim, half.magnitude if magnitude is None else magnitude, evidence[0])

    groups = m.re.groupindex
    if "pct" in groups:  # 百分之二十, 千分之三
        out = []
        for suffix, rng in (("1", "from"), ("", "to")):
            if "num" + suffix not in groups or m.group("num" + suffix) is None:
                continue
            num = m.group("num" + suffix)
            value = Decimal(100) if num == "百" else parse_number(num)
            if value is None:
                return None
            unit = "%" if m.group("pct" + suffix) == "百分之" else "‰"
            s, e = m.start("pct" + suffix), m.end("num" + suffix)
            half = _Half(num, m.start("num" + suffix), s, e, value, None, None, False)
            out.append(make(half, value, unit, "percent", rng if m.group("num1") else None))
        return out

    if rule.name == "cn_digit_range":
        num = m.group("num")
        pair = parse_range(num)
        if pair is None or (m.group("unit") is None and num[-1] not in MAGNITUDES):
            return None
        half = _Half(num, m.start("num"), m.start("num"), m.end(), pair[0], m.group("unit"), None, False)
        unit, dim = _resolve_unit(half, text, None, tables)
        return [make(half, pair[0], unit, dim, "from"), make(half, pair[1], unit, dim, "to")]

    second = _half(m, groups, "")
    if second is None:
        return None
    _drop_fractional_count(second, text, tables)
    first = _half(m, groups, "1") if "num1" in groups else None
    if "num1" in groups and first is None:
        return None
    if first is not None:
        _drop_fractional_count(first, text, tables)
    unit2, dim2 = _resolve_unit(second, text, None, tables)
    if first is None:
        if not _acceptable(second, text, unit2, dim2, tables):
            return None
        return [make(second, second.value, unit2, dim2, None)]
    # a range: the first end takes the unit (and the magnitude) of the second when it has none
    value1 = first.value
    magnitude1 = first.magnitude
    if first.unit_written is None:
        unit1, dim1 = unit2, dim2
        if (first.magnitude is None and second.magnitude is not None and abs(first.value) < abs(
                second.value / second.magnitude)):
            value1 = first.value * second.magnitude  # 3-5万元: 3万 to 5万
            magnitude1 = second.magnitude
        elif (not _ARABIC_DIGIT.search(first.num) and not _ARABIC_DIGIT.search(second.num)
              and first.value < 10 and second.num.rstrip(APPROX)[-1:] in BIG_UNITS):
            factor = magnitude_of(second.num.rstrip(APPROX)[-1:]) or 1
            value1 = first.value * factor  # 三至五万元
    else:
        unit1, dim1 = _resolve_unit(first, text, unit2, tables)
        if unit2 is not None and dim2 is None and unit1 in _TEMPERATURE_UNITS:
            unit2, dim2 = _resolve_unit(second, text, unit1, tables)
    if not (_acceptable(second, text, unit2, dim2, tables) and (
            _acceptable(first, text, unit1, dim1, tables) or first.unit_written is None)):
        return None
    return [make(first, value1, unit1, dim1, "from", magnitude=magnitude1),
            make(second, second.value, unit2, dim2, "to")]


# -- scanning -------------------------------------------------------------------------------

def scan(norm: Normalized) -> list[Quantity]:
    """Every quantity in a normalised text, in text order (spans into the original)."""
    with localcontext(EXACT):  # scaling to the base unit never rounds
        return _scan(norm)


def _scan(norm: Normalized) -> list[Quantity]:
    text = norm.text
    if not text:
        return []
    tables = _tables()
    candidates: list[tuple[int, int, int, Any, Any]] = []
    for rule in tables.rules:
        rank = tables.rank[rule.name]
        for m in rule.finditer(text):
            start, end = m.span()
            if end > start:
                candidates.append((start, -end, rank, m, rule))
    candidates.sort(key=operator.itemgetter(0, 1, 2))  # start, longest, blocks and file order
    out: list[Quantity] = []
    last_end = 0
    # a proposal is read only when it is not covered already; one that reads as no
    # quantity covers nothing, so a shorter reading of the same place still gets its turn
    for start, neg_end, rank, m, rule in candidates:
        if start < last_end:
            continue
        if rank == 0:  # a block
            last_end = -neg_end
            continue
        found = _quantities_of(m, rule, norm, tables)
        if found:
            last_end = -neg_end
            out.extend(found)
    link = tables.shared_unit_link
    for i in range(len(out) - 1):  # 「分别高3.9和2.3个百分点」: the first takes the unit of the second
        a, b = out[i], out[i + 1]
        if (a.unit is None and b.dimension in _SHARED_UNIT_DIMENSIONS and b.unit is not None
                and link.fullmatch(text, a.end, b.start)):
            out[i] = a.with_unit(b.unit, b.dimension)
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its exact value, base unit, qualifier and span.

    >>> [(q.text, q.value, q.unit) for q in find_quantities("累计交易金额369.50亿元，服务市场主体2359家")]
    [('369.50亿元', Decimal('36950000000'), '元'), ('2359家', Decimal('2359'), '家')]

    ``text`` must be ``str`` (``TypeError`` otherwise); text with no number gives ``[]``.
    """
    if not isinstance(text, str):
        raise not_text(text, "find_quantities(): text")
    with one_setting():  # the rules are asked for once per number: read the setting once
        return scan(Normalized(text))
