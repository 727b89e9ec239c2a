"""Normalising text for matching while every position still maps back to the original.

Rules match on a *normalised* copy of the input:

- full-width digits, Latin letters and ``％．－＋／`` become half-width
  (Chinese punctuation such as ``，；：（）`` stays as it is);
- ASCII punctuation typed in Chinese text becomes the Chinese form, so rules see one
  spelling: ``, : ; ( ) ! ?`` become ``，：；（）！？``, except a comma or colon between
  digits (``1,200``, ``18:30``); a full-width comma between full-width digits that
  groups thousands (``１，２００``) becomes ``,``;
- NBSP, ideographic and other odd spaces become a plain space; zero-width characters go;
- ``\\r\\n`` and lone ``\\r`` become ``\\n``;
- traditional characters become simplified ones, one character for one
  (the table is OpenCC's ``TSCharacters``, read lazily from the installed package);
- a page break inside a paragraph (``威远机\\n\\n械``) is joined, and so is a line the page
  layout wrapped inside a sentence (``全市生产总\\n值``), or inside the legal form of an enterprise
  name at any line length (``贵州云启数据科技有\\n限公司``);
- the indentation that opens a line (``\\u3000\\u3000``, spaces, tabs) goes.

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
# Legal forms of enterprise names (simplified, as the break is judged after translation): a line
# break inside one of their two-character words is the layout's at any line length (_splits_word);
# the short forms 公司 and 集团 are left out, since a headline may end in 公 or 集 before a line
# that opens with 司 or 团.
_UNBROKEN = ("有限公司", "股份有限公司", "有限责任公司", "股份公司", "集团公司", "专业合作社")
_UNBROKEN_LONGEST = max(map(len, _UNBROKEN))
_UNBROKEN_OPENING = ("有限公司", "有限责任公司")  # forms that never open a line of their own

_PAGE_BREAK = "page_break"
_INDENT = "indent"
# what ``re`` reads as \s (str.isspace; none past U+FFFF), spelled out: the pattern below runs on
# ``regex``, whose \s differs (not U+001C-U+001F), 2x faster here (its look-behind opens every try)
_SPACE = "".join(regex.escape(c) for c in map(chr, range(0x10000)) if c.isspace())
_DELETE_RE = regex.compile(
    # a line break (blank lines or not) after a character that may not end the paragraph (not 。！？；);
    # _deletions decides whether the layout made it (joined) or the writer (kept; its \r and the
    # indentation after it go)
    r"(?P<page_break>(?<=[^\n" + _SPACE + r"。！？；])[ \t]*+\r?\n(?:[ \t]*+\r?\n)*+(?P<indent_after>[ \t]*+)"
    r"(?=[^" + _SPACE + r"]))"
    r"|\n(?P<indent>[ \t]++)(?=[^" + _SPACE + r"])"  # the indentation of any other line
    r"|\r(?=\n)"  # the \r of \r\n
    r"|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"  # zero-width and soft hyphen
)
_LEADING_INDENT = compile_fast(r"[ \t]++(?=[^\s])")
# a line that ends a paragraph: closing punctuation, perhaps inside closing quotes or brackets
# (「……落实。”」); a line cut after an opening or closing quote or a comma is cut mid-sentence
_PARAGRAPH_END = compile_fast(r"[。！？!?；;：:…—][”’」』）)】》\]]*+$")
_CR_LF = compile_fast(r"\r(?=\n)")
# what opens an item of its own on a new line, so that the line before ended there even without
# closing punctuation (lists and tables are often written so): a list number or bullet
# (「2.」「（二）」「一、」「●」), 第…条, a date or day label opening a dated item or forecast row
_NEW_ITEM = compile_fast(
    r"(?:[（(](?:[一二三四五六七八九十]{1,3}|\d{1,3})[)）]|(?:[一二三四五六七八九十]{1,3}|\d{1,3})(?:[、)）]|[.．](?!\d))"
    r"|[●■◆◇○•·★☆▲△※□▶►◎❶-❿①-⑳]|第[一二三四五六七八九十百\d]{1,4}[条章节部分项]"
    r"|(?:\d{4}年)?+\d{1,2}月\d{1,2}[日号]|\d{1,2}[日号][，,：:]|(?:周|星期)[一二三四五六日天七]"
    r"|(?:今|明|后)(?:天|日|晚|夜)|本报讯|新华社)"
)


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
    # their own right stay as they are; of the ones it lists as themselves first, 瞭 is read as
    # 了: Taiwan writes 瞭解 (「記者從…瞭解到」「據瞭解」), simplified text keeps 瞭 for 瞭望 only;
    # 衞, Hong Kong's form of 衛 that OpenCC maps only to 衛, is read as 卫 (食物及衞生局, 衞生署)
    table.update(_READ_AS)
    return table


_READ_AS = {ord("瞭"): "了", ord("衞"): "卫"}


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


# ASCII punctuation typed in Chinese prose, read as the Chinese mark the rules are written with
_ASCII_PUNCTUATION = {ord(a): b for a, b in zip(",:;()!?", "，：；（）！？", strict=True)}
# where the ASCII mark stays (a comma or colon between digits: 1,200 and 18:30) and where the
# full-width comma is a thousands separator (between full-width digits, three after it: １，２００)
_DIGIT_PUNCTUATION = compile_fast(r"[,:]|[０-９]，(?=[０-９]{3}(?![０-９]))")
_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _digit_punctuation(text: str) -> list[tuple[int, str]]:
    """Where :func:`_translate_page` writes a comma or colon back as ASCII, and which."""
    fixes = []
    for m in _DIGIT_PUNCTUATION.finditer(text):
        i = m.start()
        if m.end() - i == 2:  # １，２００
            fixes.append((i + 1, ","))
        elif 0 < i < len(text) - 1 and text[i - 1] in _DIGITS and text[i + 1] in _DIGITS:
            fixes.append((i, m.group()))
    return fixes


@functools.cache
def _page_table() -> list[int | str]:
    table = list(_bmp_table())
    for code, to in _ASCII_PUNCTUATION.items():
        table[code] = to
    return table


def _translate_page(text: str) -> str:
    """A page's text as rules read it: :func:`_translate`, and ASCII punctuation as Chinese punctuation."""
    if _ASTRAL.search(text) is not None:
        translated = text.translate(_translation_table()).translate(_ASCII_PUNCTUATION)
    else:
        translated = text.translate(_page_table())
    fixes = _digit_punctuation(text)
    if not fixes:
        return translated
    pieces, last = [], 0
    for i, c in fixes:
        pieces += [translated[last:i], c]
        last = i + 1
    pieces.append(translated[last:])
    return "".join(pieces)


def to_simplified(text: str) -> str:
    """Map traditional characters to simplified ones, one for one (the length never changes)."""
    if len(text) <= _SHORT:
        return _simplified_short(text)
    return _translate(text)


_SHORT = 32  # names, titles and numerals: the rules ask about the same few again and again


@functools.lru_cache(maxsize=8192)
def _simplified_short(text: str) -> str:
    return _translate(text)


def _deletions(text: str, original: str):
    """Half-open spans of ``text`` (the translated ``original``) that the normalised copy leaves out, in order."""
    lead = _LEADING_INDENT.match(text)
    if lead is not None:
        yield lead.span()
    for m in _DELETE_RE.finditer(text):
        if m.group(_INDENT) is not None:
            yield m.span(_INDENT)
            continue
        if m.group(_PAGE_BREAK) is None:
            yield m.span()
            continue
        start = m.start()
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start:start].strip()
        blank = m.group().count("\n") > 1
        # a long line cut mid-sentence is prose; a masthead or a table row (fields apart by two
        # spaces or an ideographic space: 「许昌日报  2021年3月22日  星期一  第3版」) is no sentence.
        # A blank line after closing punctuation ends a paragraph; a single line break ends one only
        # after a sentence's end (a line that stops at 「“万人助万企”」 or 「，」 was wrapped)
        if _splits_word(text, start, m.end()):  # 「…科技有\n限公司」: the layout cut a name's legal form
            yield m.span()
            continue
        if (len(line) >= _MIN_BROKEN_LINE and "  " not in line and "\u3000" not in original[line_start:start].strip()
                and (line[-1] not in _CLOSING if blank
                     else _PARAGRAPH_END.search(line) is None and not _opens_item(line, text, m.end()))):
            yield m.span()
            continue
        if "\r" in m.group():  # a real paragraph break: keep it, but still drop the \r of each \r\n
            for cr in _CR_LF.finditer(text, start, m.end()):
                yield cr.span()
        if m.group("indent_after"):
            yield m.span("indent_after")


def _splits_word(text: str, end: int, resume: int) -> bool:
    """Whether the break between ``text[:end]`` and ``text[resume:]`` falls inside a word that no
    writer ends a line in: the legal form of an enterprise name (「有\n限公司」「股份有\n限公司」),
    so even a short line (the first of a paragraph) was cut by the layout."""
    head = text[max(0, end - _UNBROKEN_LONGEST):end]
    tail = text[resume:resume + _UNBROKEN_LONGEST]
    # (inside one of the form's two-character words: 「产能有限\n公司负责人…」 may be two lines)
    if tail.startswith(_UNBROKEN_OPENING) and head[-1:].isalnum():
        return True  # 「…数据科技\n有限公司」: no sentence or headline opens with 有限公司
    return any(head.endswith(w[:k]) and tail.startswith(w[k:]) for w in _UNBROKEN for k in range(1, len(w), 2))


def _opens_item(line: str, text: str, pos: int) -> bool:
    """Whether the line at ``pos`` opens an item of its own (not a number cut in two: 「…；1\n4日，」)."""
    return _NEW_ITEM.match(text, pos) is not None and not (line[-1].isdigit() and text[pos].isdigit())


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
        translated = _translate_page(original)
        pieces: list[str] = []
        breaks: list[int] = [0]  # positions in `text` where a new shift starts
        shifts: list[int] = [0]  # characters deleted before that position
        last = 0
        deleted = 0
        for start, end in _deletions(translated, original):
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
