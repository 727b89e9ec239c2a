"""Normalising text for matching while every position still maps back to the original.

Rules match on a *normalised* copy of the input:

- full-width digits, Latin letters and ``％．－＋／`` become half-width
  (Chinese punctuation such as ``，；：（）`` stays as it is);
- NBSP, ideographic and other odd spaces become a plain space; zero-width characters go;
- ``\\r\\n`` and lone ``\\r`` become ``\\n``;
- traditional characters become simplified ones, one character for one
  (the table is OpenCC's ``TSCharacters``, read lazily from the installed package);
- a page break inside a paragraph (``威远机\\n\\n械``) is joined.

Substitutions keep the length, deletions are recorded, so :meth:`Normalized.span`
maps any normalised span back to a half-open span of the original string, and
:meth:`Normalized.written` gives the characters as they were written (traditional
stays traditional, full-width stays full-width), minus the joined breaks.
"""

from __future__ import annotations

import functools
import importlib.util
from bisect import bisect_right
from pathlib import Path

import regex

from ._patterns import compile_fast

# A paragraph line at least this long that stops without closing punctuation and is
# followed by blank lines and more text was cut by the page layout, not by the writer.
# Headlines are short, so they never join their sub-headline.
_MIN_BROKEN_LINE = 30
_CLOSING = "。！？!?；;：:”’」』）)】》…—"

_PAGE_BREAK = "page_break"
# what ``re`` reads as \s (str.isspace; none past U+FFFF), spelled out: the pattern below runs on
# ``regex``, whose \s differs (not U+001C-U+001F), 2x faster here (its look-behind opens every try)
_SPACE = "".join(regex.escape(c) for c in map(chr, range(0x10000)) if c.isspace())
_DELETE_RE = regex.compile(
    # a blank-line break after a character that does not close a sentence
    r"(?P<page_break>(?<=[^\n" + _SPACE + regex.escape(_CLOSING) + r"])[ \t]*+\r?\n(?:[ \t]*+\r?\n)++[ \t]*+"
    r"(?=[^" + _SPACE + r"]))"
    r"|\r(?=\n)"  # the \r of \r\n
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"  # zero-width and soft hyphen
)
_CR_LF = compile_fast(r"\r(?=\n)")


@functools.cache
def _translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # full-width digits, letters and the signs that belong to numbers become half-width;
    # Chinese punctuation (，；：（）！？～) stays, so patterns write it as readers see it
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for code in range(lo, hi + 1):
            table[code] = chr(code - 0xFEE0)
    for char in "％．－＋／":
        table[ord(char)] = chr(ord(char) - 0xFEE0)
    for code in (0x00A0, 0x3000, 0x2002, 0x2003, 0x2009, 0x202F, 0x205F, 0x1680):
        table[code] = " "
    table[ord("\t")] = " "
    for src, dst in _traditional_pairs():
        table.setdefault(ord(src), dst)
    # characters that OpenCC maps but that are also everyday simplified characters in
    # their own right stay as they are
    return table


def _traditional_pairs() -> list[tuple[str, str]]:
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:  # pragma: no cover - dependency is declared
        return []
    path = Path(spec.origin).parent / "dictionary" / "TSCharacters.txt"
    pairs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            src, targets = parts
            dst = targets.split(" ")[0]
            if len(src) == 1 and len(dst) == 1 and src != dst:
                pairs.append((src, dst))
    return pairs


@functools.cache
def _bmp_table() -> list[int | str]:
    """The translation table as a list by code point up to U+FFFF: ``str.translate`` looks a
    list up several times faster than a dict (which misses on nearly every character)."""
    table: list[int | str] = list(range(0x10000))
    for code, to in _translation_table().items():
        if code < 0x10000:
            table[code] = to
    return table


_ASTRAL = compile_fast("[\U00010000-\U0010ffff]")


def _translate(text: str) -> str:
    """``text.translate(_translation_table())``, faster for text within U+FFFF (nearly all)."""
    if _ASTRAL.search(text) is not None:
        return text.translate(_translation_table())
    return text.translate(_bmp_table())


def to_simplified(text: str) -> str:
    """Map traditional characters to simplified ones, one for one (the length never changes)."""
    if len(text) <= _SHORT:
        return _simplified_short(text)
    return _translate(text)


_SHORT = 32  # names, titles and numerals: the rules ask about the same few again and again


@functools.lru_cache(maxsize=8192)
def _simplified_short(text: str) -> str:
    return _translate(text)


def _deletions(text: str):
    """Half-open spans of ``text`` that the normalised copy leaves out, in order."""
    for m in _DELETE_RE.finditer(text):
        if m.group(_PAGE_BREAK) is None:
            yield m.span()
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:m.start()].strip()
        # a long line cut mid-sentence is prose; a masthead or a table row (fields apart by two
        # spaces or an ideographic space: 「许昌日报  2021年3月22日  星期一  第3版」) is no sentence
        if len(line) >= _MIN_BROKEN_LINE and "  " not in line and "\u3000" not in line:
            yield m.span()
        elif "\r" in m.group():  # a real paragraph break: keep it, but still drop the \r of each \r\n
            for cr in _CR_LF.finditer(text, m.start(), m.end()):
                yield cr.span()


class Normalized:
    """A normalised copy of ``original`` with a map back to it.

    ``text`` is what rules match on.  Positions in ``text`` map to positions in
    ``original`` through the recorded deletions (a sorted list of breakpoints).
    """

    __slots__ = ("_breaks", "_same", "_shifts", "original", "text")

    def __init__(self, original: str) -> None:
        if not isinstance(original, str):
            raise TypeError(f"expected text as str, got {type(original).__name__}")
        self.original = original
        translated = _translate(original)
        pieces: list[str] = []
        breaks: list[int] = [0]  # positions in `text` where a new shift starts
        shifts: list[int] = [0]  # characters deleted before that position
        last = 0
        deleted = 0
        for start, end in _deletions(translated):
            pieces.append(translated[last:start])
            breaks.append(start - deleted)
            deleted += end - start
            shifts.append(deleted)
            last = end
        pieces.append(translated[last:])
        self.text = "".join(pieces).replace("\r", "\n")
        self._breaks = breaks
        self._shifts = shifts
        self._same = len(breaks) == 1  # nothing deleted: every position is its own original

    def __len__(self) -> int:
        return len(self.text)

    def position(self, i: int) -> int:
        """The original position of normalised position ``i`` (``len(text)`` maps to ``len(original)``)."""
        if self._same:
            return i
        n = len(self.text)
        if i >= n:
            return len(self.original) - (n - i) if i > n else len(self.original)
        return i + self._shifts[bisect_right(self._breaks, i) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The half-open original span of the normalised span ``[start, end)``."""
        if self._same:
            return (start, end) if end > start else (start, start)
        if end <= start:
            pos = self.position(start)
            return (pos, pos)
        if end > len(self.text):
            return (self.position(start), self.position(end - 1) + 1)
        # both ends inside the text: position() of each, inlined (spans are asked for by the thousand)
        breaks, shifts = self._breaks, self._shifts
        return (start + shifts[bisect_right(breaks, start) - 1], end + shifts[bisect_right(breaks, end - 1) - 1])

    def written(self, start: int, end: int) -> str:
        """The original characters behind ``text[start:end]``, without the deletions inside it."""
        if end <= start:
            return ""
        if self._same:
            return self.original[start:end]
        lo = bisect_right(self._breaks, start) - 1
        hi = bisect_right(self._breaks, end - 1) - 1
        if lo == hi:
            shift = self._shifts[lo]
            return self.original[start + shift : end + shift]
        out = []
        for k in range(lo, hi + 1):
            seg_start = max(start, self._breaks[k])
            seg_end = min(end, self._breaks[k + 1]) if k + 1 < len(self._breaks) else end
            shift = self._shifts[k]
            out.append(self.original[seg_start + shift : seg_end + shift])
        return "".join(out)
