"""Reading numerals exactly: Arabic, Chinese, financial and mixed, into ``Decimal``.

The functions here are pure and never raise on odd input: anything that is not one
number gives ``None``.  They expect *normalised* text (simplified characters, ASCII
digits); :func:`parse_number` normalises full-width digits and traditional characters
itself so it can be called on text as written.
"""

from __future__ import annotations

import functools
from decimal import Context, Decimal, InvalidOperation, localcontext

from ._patterns import compile_fast
from ._text import to_simplified

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "参": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# shorthand tens: 廿 20, 卅 30, 卌 40
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
MAGNITUDES: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# words that make a number approximate without changing its value (两千余, 二十多, 十几)
APPROX = "余多几"

_ZEROES = "零〇"
_MAX_DIGITS = 40  # longer digit runs are codes or noise, not amounts
# the arithmetic of reading a number and scaling it to its base unit: Decimal's default 28 digits
# would round a 30-digit amount times 亿 without a word; 120 holds any number read (at most
# _MAX_DIGITS digits) times any magnitude and unit factor, so every value is exact
EXACT = Context(prec=120)
# a fraction that does not end (三分之一) is cut at Decimal's usual 28 digits
_FRACTION = Context(prec=28)

_ARABIC_RE = compile_fast(
    r"(?P<sign>[-负])?(?P<a>(?:[0-9]{1,3}(?:,[0-9]{3})++|[0-9]++)(?:\.[0-9]++)?|\.[0-9]++)"
    r"(?P<x1>[余多])?(?P<mag>[十百千万亿]*+)(?P<x2>[余多几])?"
)

# a number in sections of falling magnitude: 1万8千, 3亿5千万, 1萬8,263 (the last section may have none)
_SECTION_RE = compile_fast(r"([0-9]{1,3}(?:,[0-9]{3})++|[0-9]++)([十百千万亿]*+)")


def clean(value: Decimal) -> Decimal:
    """An integral value as an integer Decimal; otherwise without trailing zeros (never exponent form)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    out = value.normalize()
    if out.as_tuple().exponent > 0:  # pragma: no cover - integral values returned above
        return Decimal(int(out))
    return out


def magnitude_of(chars: str) -> int | None:
    """The product of magnitude words: 千万 → 10**7, 万亿 → 10**12; ``None`` for other characters."""
    factor = 1
    for ch in chars:
        if ch not in MAGNITUDES:
            return None
        factor *= MAGNITUDES[ch]
    return factor


def _cn_integer(s: str) -> int | None:
    """A Chinese integer without decimal point or approximation words, or ``None``."""
    if not s:
        return None
    if all(ch in DIGITS for ch in s):
        if len(s) == 1:
            return DIGITS[s]
        # digit by digit (二〇二四) only where it cannot be a range like 两三 or 三四
        if "两" in s or (len(s) == 2 and not any(ch in _ZEROES for ch in s)):
            return None
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = 0      # everything at the 亿 level and above
    wan = 0        # the 万 section
    section = 0    # below 万
    cur: int | None = None
    last_unit = 0
    prev = ""      # kind of the previous character: digit / zero / unit
    for ch in s:
        if ch in DIGITS:
            if ch in _ZEROES:
                prev = "zero"
                cur = None
                continue
            if prev in ("digit", "digit_after_zero"):
                return None  # 三五: two digits in a row are a range or a slip, not one number
            cur = DIGITS[ch]
            prev = "digit_after_zero" if prev == "zero" else "digit"
        elif ch in TENS:
            if cur is not None:
                return None
            section += TENS[ch]
            last_unit = 10
            prev = "unit"
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if last_unit and unit >= last_unit and prev == "unit":
                return None  # 百千: not a numeral
            section += (cur if cur is not None else 1) * unit
            cur = None
            last_unit = unit
            prev = "unit"
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            part = section + _tail(cur, prev, last_unit)
            if unit == 10**4:
                if wan:
                    return None  # 万…万
                wan = (part or 1) * unit
            else:
                total = (total + wan + part or 1) * unit
                wan = 0
            section = 0
            cur = None
            last_unit = unit
            prev = "unit"
        else:
            return None
    return total + wan + section + _tail(cur, prev, last_unit)


def _tail(cur: int | None, prev: str, last_unit: int) -> int:
    """A digit after a unit with no 零 between is shorthand for the next lower unit (一千一 = 1100)."""
    if cur is None:
        return 0
    if prev == "digit" and last_unit >= 100:
        return cur * last_unit // 10
    return cur


def _cn_decimal(s: str) -> Decimal | None:
    """Chinese numerals with 点 (三点五, 一点二亿) or without."""
    if "点" not in s:
        whole = _cn_integer(s)
        return None if whole is None else Decimal(whole)
    head, _, rest = s.partition("点")
    whole = 0 if head == "" else _cn_integer(head)
    i = 0
    while i < len(rest) and (rest[i] in DIGITS or "0" <= rest[i] <= "9"):
        i += 1
    frac, mags = rest[:i], rest[i:]
    if whole is None or not frac:
        return None
    factor = magnitude_of(mags)
    if factor is None:
        return None
    digits = "".join(str(DIGITS[ch]) if ch in DIGITS else ch for ch in frac)
    return Decimal(f"{whole}.{digits}") * factor


def _parse(s: str) -> Decimal | None:
    s = s.strip()
    if not s or len(s) > 200:
        return None
    if "分之" in s:
        den_s, _, num_s = s.partition("分之")
        den = _parse(den_s) if den_s not in ("百", "千", "万") else Decimal(MAGNITUDES[den_s])
        num = _parse(num_s) if num_s != "百" else Decimal(100)
        if den is None or num is None or den == 0:
            return None
        return _FRACTION.divide(num, den)
    m = _ARABIC_RE.fullmatch(s)
    if m is not None:
        digits = m.group("a").replace(",", "")
        if len(digits) > _MAX_DIGITS:
            return None
        factor = magnitude_of(m.group("mag"))
        if factor is None:
            return None
        try:
            value = Decimal(digits) * factor
        except InvalidOperation:  # pragma: no cover - the regex admits only digits
            return None
        return -value if m.group("sign") else value
    mixed = _mixed(s)
    if mixed is not None:
        return mixed
    sign = 1
    if s[0] in "-负":
        sign, s = -1, s[1:]
    core = s.rstrip(APPROX)
    core = "".join(ch for ch in core if ch not in "余多")  # 三十余万 → 三十万
    if not core:
        return None
    value = _cn_decimal(core)
    return None if value is None else sign * value


def _mixed(s: str) -> Decimal | None:
    """Arabic sections of falling magnitude: 1万8千 = 18000, 3亿5千万 = 350000000, 1万8,263 = 18263.

    Every section after the first is an integer smaller than the magnitude before it, and a
    section without a magnitude (the units place) only follows 万 and has four digits.
    """
    sign = 1
    if s[0] in "-负":
        sign, s = -1, s[1:]
    core = s.rstrip(APPROX)
    pos, total, sections = 0, 0, 0
    last_factor: int | None = None
    while pos < len(core):
        m = _SECTION_RE.match(core, pos)
        if m is None:
            return None
        digits, mags = m.group(1).replace(",", ""), m.group(2)
        factor = magnitude_of(mags) if mags else 1
        if factor is None or len(digits) > _MAX_DIGITS:
            return None
        value = int(digits) * factor
        if last_factor is not None:
            if value >= last_factor or factor >= last_factor:
                return None
            if factor == 1 and (last_factor != 10**4 or len(digits) != 4):
                return None
        total += value
        last_factor = factor
        sections += 1
        pos = m.end()
        if factor == 1:
            break
    if sections < 2 or pos != len(core):
        return None
    return Decimal(sign * total)


@functools.lru_cache(maxsize=4096)
def _parse_cached(s: str) -> Decimal | None:
    with localcontext(EXACT):
        value = _parse(s)
        return None if value is None else clean(value)


def parse_number(s: str) -> Decimal | None:
    """The exact value of one numeral, or ``None``.

    >>> parse_number("369.50亿"), parse_number("两千余"), parse_number("一万三千五百")
    (Decimal('36950000000'), Decimal('2000'), Decimal('13500'))
    >>> parse_number("两三万") is None   # a range, see parse_range
    True

    Accepts Arabic (``1,200,000``, ``.77``, ``369.50亿``), Chinese (``二百零三``, ``十几``,
    ``三点五``, ``二〇二四``), financial (``贰佰零叁``), shorthand (``一千一`` = 1100,
    ``廿三``), fractions (``二分之一``) and a leading minus or 负.  余/多/几 mark an
    approximate number and leave the value as written.  Full-width digits and
    traditional characters are read too.
    """
    if not isinstance(s, str):
        return None
    return _parse_cached(to_simplified(s))


_RANGE_PAIRS = {("一", "二"), ("两", "三"), ("二", "三"), ("三", "四"), ("四", "五"), ("五", "六"),
                ("六", "七"), ("七", "八"), ("八", "九")}


def parse_range(s: str) -> tuple[Decimal, Decimal] | None:
    """Two adjacent digits make a range: 两三万 → (20000, 30000), 三四十 → (30, 40), 十五六 → (15, 16)."""
    if not isinstance(s, str):
        return None
    s = to_simplified(s)
    for i in range(len(s) - 1):
        if (s[i], s[i + 1]) in _RANGE_PAIRS:
            low = parse_number(s[:i + 1] + s[i + 2:])
            high = parse_number(s[:i] + s[i + 1:])
            if low is None or high is None or low >= high:
                return None
            return low, high
    return None
