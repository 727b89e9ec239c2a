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
  layout wrapped inside a sentence (``全市生产总\\n值``), a line of a narrow column (a run of three or
  more short lines of nearly one width, :func:`_column_lines`), or a wrap at any line length inside
  the legal form of an enterprise name (``贵州云启数据科技有\\n限公司``, ``数据科\\n技有限公司``) or
  inside a decimal number (``下降3.\\n2%``, ``增长12\\n.1%``); a page number or masthead between the
  halves of a cut sentence goes with the break (``市长\\n\\n— 3 —\\n\\n贵阳日报…\\n\\n杨振宇``);
- HTML left in a scraped page goes first: tags (block tags as line breaks, table cells as a space),
  comments, and entities read as their character (``&nbsp;`` ``&amp;`` ``&#33274;``), while
  ``<10%`` and ``a<b`` stay text;
- the indentation that opens a line (``\\u3000\\u3000``, spaces, tabs) goes.

Substitutions keep the length, deletions are recorded (markup first, in :func:`_strip_markup`, then the
breaks of what it leaves, composed in :func:`_compose`), so :meth:`Normalized.span`
maps any normalised span back to a half-open span of the original string, and
:meth:`Normalized.written` gives the characters as they were written (traditional
stays traditional, full-width stays full-width, an entity its character), minus the joined breaks and tags.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

import regex

from ._patterns import compile_fast

# A paragraph line at least this long that stops without closing punctuation and is
# followed by blank lines and more text was cut by the page layout, not by the writer.
# Headlines are short, so they never join their sub-headline.
_MIN_BROKEN_LINE = 30
# Narrow newspaper columns (12 to 20 characters) are told from headlines by their shape: a block of
# lines of nearly the same width (see _column_lines).
_COLUMN_LINES = 3
_COLUMN_CUTS = 3
_MIN_COLUMN = 10
_FULL_LINE = 0.75
_LAST_LINE = 1.5
_PROSE = compile_fast(r"[，、。；,]")
# What a page prints between the halves of an article's sentence when the sentence runs on to the next
# page: a page number (「— 3 —」「- 12 -」「第3版」「3」), a masthead with the date, weekday or edition
# (「贵阳日报　2022年6月27日　星期一　第3版　要闻」) or the paper's name (「贵阳日报」) alone.  No clause
# punctuation: a line of prose is none of them.
_FURNITURE = compile_fast(
    r"[-—–·－ ]*+(?:第 ?)?[0-9]{1,3} ?(?:版|页)?[-—–·－ ]*+"
    r"|[^，。；！？、：\n]{0,30}?(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|第[0-9]{1,3}版|星期[一二三四五六日天])"
    r"[^，。；！？、：\n]{0,30}+"
    r"|[^\s，。；！？、：]{1,8}?(?:日报|晚报|时报|商报|导报)"
)
_FURNITURE_LINES = 4
_FURNITURE_LONGEST = 64
_SPACES = compile_fast(r"\s*+")
_CLOSING = "。！？!?；;：:”’」』）)】》…—"
# Legal forms of enterprise names (simplified, as the break is judged after translation): a line
# break inside one of their two-character words is the layout's at any line length (_splits_word);
# the short forms 公司 and 集团 are left out, since a headline may end in 公 or 集 before a line
# that opens with 司 or 团.
_UNBROKEN = ("有限公司", "股份有限公司", "有限责任公司", "股份公司", "集团公司", "专业合作社")
_UNBROKEN_LONGEST = max(map(len, _UNBROKEN))
_UNBROKEN_OPENING = ("有限公司", "有限责任公司")  # forms that never open a line of their own


def _cuts_by_last(forms: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """Each form cut after an odd number of its characters (inside one of the form's own words), as
    (the part before the break, the part after), by the last character before the break."""
    cuts: dict[str, list[tuple[str, str]]] = {}
    for form in forms:
        for k in range(1, len(form), 2):
            cuts.setdefault(form[k - 1], []).append((form[:k], form[k:]))
    return cuts


_UNBROKEN_CUTS = _cuts_by_last(_UNBROKEN)
# forms that follow a name's last character, cut off from the rest of the name: 「…数据科\n技有限公司」
# 「…控股集\n团有限公司」 (no name is one character, and 「该公司」 opens a line, so not the bare 公司)
_AFTER_ONE = ("有限公司", "有限责任公司", "股份有限公司", "股份公司", "集团有限公司", "集团股份有限公司", "集团公司")
_AFTER_ONE_LONGEST = 1 + max(max(map(len, _AFTER_ONE)), _UNBROKEN_LONGEST)
_LIST_NUMBER = compile_fast(r"[0-9]{1,3}[.]")
# what the line after a break cut inside a form opens with (_splits_word): the first character of the
# form's rest, or of a form after the name's last character
_TAIL_FIRSTS = frozenset([form[0] for form in _UNBROKEN_OPENING]
                         + [rest[0] for cuts in _UNBROKEN_CUTS.values() for _, rest in cuts])
_AFTER_ONE_FIRSTS = frozenset(form[0] for form in _AFTER_ONE)

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
# (written to open with the class of its first characters: re then skips to them at once, where
# 「[,:]|[０-９]，…」 is tried at every character of the page)
_DIGIT_PUNCTUATION = compile_fast(r"[,:０-９](?:(?<=[,:])|(?<=[０-９])，(?=[０-９]{3}(?![０-９])))")
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


@functools.cache
def _page_changes() -> tuple[Any, dict[str, str]]:
    """A pattern of the characters :func:`_page_table` changes and of those past U+FFFF (which it
    does not cover), and what each of the first becomes."""
    table = _page_table()
    changes = {chr(code): to for code, to in enumerate(table) if isinstance(to, str) and to != chr(code)}
    return re.compile("[" + "".join(map(re.escape, changes)) + "\U00010000-\U0010ffff]"), changes


# a page changing more kinds of character than this is translated in one pass (a page in traditional
# characters changes hundreds)
_FEW_CHANGES = 48


def _translate_bmp_page(text: str) -> str | None:
    """``text.translate(_page_table())``, faster for a page where few kinds of character change;
    ``None`` for a text with a character past U+FFFF (found in the same pass).

    ``str.translate`` looks every character up; a page in simplified characters changes a handful
    of kinds (the ideographic space, ASCII commas, a few full-width digits), each replaced at once
    by ``str.replace``. Replacing one after another is the same as translating only while no
    character is both what one replacement writes and what another replaces."""
    pattern, changes = _page_changes()
    kinds = set(pattern.findall(text))
    if kinds and max(kinds) > "\uffff":
        return None
    if len(kinds) > _FEW_CHANGES or any(changes[k] in kinds for k in kinds):
        return text.translate(_page_table())
    for kind in kinds:
        text = text.replace(kind, changes[kind])
    return text


def _translate_page(text: str) -> str:
    """A page's text as rules read it: :func:`_translate`, and ASCII punctuation as Chinese punctuation."""
    translated = _translate_bmp_page(text)
    if translated is None:  # a character past U+FFFF: the whole table
        translated = text.translate(_translation_table()).translate(_ASCII_PUNCTUATION)
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
    columns = functools.cache(lambda: _column_lines(text))
    skip = 0  # the end of the last page number or masthead that went with a break
    for m in _DELETE_RE.finditer(text):
        if m.start() < skip:
            continue
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
        if _splits_number(line, text, m.end()):  # 「下降3.\n2%」「增长12\n.1%」: no number ends or opens so
            yield m.span()
            continue
        cut = ((len(line) >= _MIN_BROKEN_LINE or (not blank and line_start in columns()))
               and "  " not in line and "\u3000" not in original[line_start:start].strip())
        if cut and line[-1] not in _CLOSING and (blank or _PARAGRAPH_END.search(line) is None):
            # a page number or masthead between the halves of the sentence goes with the break
            resume = _past_furniture(text, m.end())
            if resume is not None and not _opens_item(line, text, resume):
                yield start, resume
                skip = resume
                continue
        if cut and (line[-1] not in _CLOSING if blank
                    else _PARAGRAPH_END.search(line) is None and not _opens_item(line, text, m.end())):
            yield m.span()
            continue
        if "\r" in m.group():  # a real paragraph break: keep it, but still drop the \r of each \r\n
            for cr in _CR_LF.finditer(text, start, m.end()):
                yield cr.span()
        if m.group("indent_after"):
            yield m.span("indent_after")


def _past_furniture(text: str, pos: int) -> int | None:
    """Where the text goes on after the page numbers and mastheads whose lines open at ``pos``
    (「— 3 —」「第3版」「贵阳日报　2022年6月27日　星期一」), or ``None`` when there are none."""
    resume = None
    for _ in range(_FURNITURE_LINES):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if end - pos > _FURNITURE_LONGEST or _FURNITURE.fullmatch(text[pos:end].strip()) is None:
            break
        nxt = _SPACES.match(text, end).end()
        if nxt >= len(text):
            return None
        resume = pos = nxt
    return resume if resume is not None and _FURNITURE.fullmatch(_line_at(text, resume)) is None else None


def _line_at(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos:end if end >= 0 else len(text)].strip()


def _column_lines(text: str) -> frozenset[int]:
    """Where the lines of narrow columns start.  In a run of at least :data:`_COLUMN_LINES` lines shorter
    than :data:`_MIN_BROKEN_LINE` (no blank line between them), a line of :data:`_MIN_COLUMN` characters or
    more that is nearly as wide as the run's widest line (in characters, or in width with half-width
    characters as half) was filled to the column's width by the layout, and so was cut where the column
    ends.  The run's last line ends it; a headline over a sub-headline and a longer body line is no run of
    three, and a run whose last line runs far past the others, whose lines carry no comma or full stop
    (a list of names or figures), or that has fewer than :data:`_COLUMN_CUTS` such lines cut mid-sentence
    (a closing line, a 「下一篇：…」 line and the next headline), is no column."""
    out: list[int] = []
    run: list[tuple[int, str]] = []  # (start, stripped line) of each line of the run

    def close() -> None:
        # a line's width and ending are read only for a run that may be a column (most runs are one
        # or two lines: a headline, a date line), not for every short line of the text
        if len(run) >= _COLUMN_LINES and any(_PROSE.search(line) is not None for _, line in run):
            lines = [(start, len(line), len(line) - _half_width(line) / 2, _PARAGRAPH_END.search(line) is not None)
                     for start, line in run[:-1]]
            longest = max(n for _, n, _, _ in lines)
            widest = max(w for _, _, w, _ in lines)
            if len(run[-1][1]) <= _LAST_LINE * longest:  # the last line may run short, not much past the others
                full = [start for start, n, w, ends in lines
                        if n >= _MIN_COLUMN and (n >= _FULL_LINE * longest or w >= _FULL_LINE * widest) and not ends]
                if len(full) >= _COLUMN_CUTS:  # a column cuts its lines again and again, not once
                    out.extend(full)
        run.clear()

    pos = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if line and len(line) < _MIN_BROKEN_LINE:
            run.append((pos, line))
        elif run:
            close()
        pos += len(raw) + 1
    close()
    return frozenset(out)


def _half_width(line: str) -> int:
    """How many characters of ``line`` are half as wide as a Chinese one (Latin letters, digits, ASCII signs)."""
    return sum(1 for c in line if c < "\u1100")


def _splits_word(text: str, end: int, resume: int) -> bool:
    """Whether the break between ``text[:end]`` and ``text[resume:]`` falls inside a word that no
    writer ends a line in: the legal form of an enterprise name (「有\n限公司」「股份有\n限公司」),
    so even a short line (the first of a paragraph) was cut by the layout."""
    if text[resume:resume + 1] not in _TAIL_FIRSTS and text[resume + 1:resume + 2] not in _AFTER_ONE_FIRSTS:
        return False  # the line opens with no part of a form (nearly every break): none of the tests below holds
    head = text[max(0, end - _UNBROKEN_LONGEST):end]
    tail = text[resume:resume + _AFTER_ONE_LONGEST]
    # (inside one of the form's two-character words: 「产能有限\n公司负责人…」 may be two lines)
    if tail.startswith(_UNBROKEN_OPENING) and head[-1:].isalnum():
        return True  # 「…数据科技\n有限公司」: no sentence or headline opens with 有限公司
    if head[-1:].isalnum() and tail[:1].isalnum() and tail[1:].startswith(_AFTER_ONE):
        return True  # 「…数据科\n技有限公司」: the line opens with a name's last character and its form
    return any(head.endswith(a) and tail.startswith(b) for a, b in _UNBROKEN_CUTS.get(head[-1:], ()))


def _splits_number(line: str, text: str, resume: int) -> bool:
    """Whether the break between ``line`` (a line that holds more than the number) and ``text[resume:]``
    falls inside a decimal number or before its percent sign: 「同比下降3.\n2%」「增长12\n.1%」「增长5\n%」.
    (A line of a list number alone, 「3.」, may stand before a line that opens with a year.)"""
    tail = text[resume:resume + 2]
    if not tail or len(line) < 3:
        return False
    if line[-1] == ".":  # 「3.\n2%」
        return line[-2].isdigit() and tail[0].isdigit() and _LIST_NUMBER.fullmatch(line) is None
    # 「12\n.1%」「5\n%」
    return line[-1].isdigit() and (tail[0] == "%" or (tail[0] == "." and tail[1:2].isdigit()))


def _opens_item(line: str, text: str, pos: int) -> bool:
    """Whether the line at ``pos`` opens an item of its own (not a number cut in two: 「…；1\n4日，」)."""
    return _NEW_ITEM.match(text, pos) is not None and not (line[-1].isdigit() and text[pos].isdigit())


# -- markup left in a scraped page -----------------------------------------------------------------
# Tags of HTML (by name, so 「<10%」 and 「a<b」 stay text) and character entities.  A block tag stands
# for a line break, a table cell for a space, any other tag for nothing; an entity for its character.
_BLOCK_TAGS = ("p", "br", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "tfoot", "caption", "h1", "h2",
               "h3", "h4", "h5", "h6", "section", "article", "blockquote", "hr", "dl", "dt", "dd", "header", "footer",
               "figure", "figcaption", "center", "pre", "form", "nav", "aside", "main")
_CELL_TAGS = ("td", "th")
_INLINE_TAGS = ("span", "a", "b", "i", "u", "em", "strong", "font", "img", "sup", "sub", "small", "big", "s",
                "strike", "label", "abbr", "cite", "code", "ins", "del", "mark", "q", "o:p", "wbr", "time", "input",
                "button", "iframe", "video", "audio", "source", "meta", "link", "html", "body", "head", "title",
                "tt", "var", "style", "script", "colgroup", "col", "noscript", "picture", "svg")
_TAG_KIND = {**dict.fromkeys(_BLOCK_TAGS, "\n"), **dict.fromkeys(_CELL_TAGS, " "), **dict.fromkeys(_INLINE_TAGS, "")}
_ENTITIES = {"nbsp": "\u00a0", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "ldquo": "\u201c",
             "rdquo": "\u201d", "lsquo": "\u2018", "rsquo": "\u2019", "mdash": "\u2014", "ndash": "\u2013",
             "hellip": "\u2026", "middot": "\u00b7", "emsp": "\u2003", "ensp": "\u2002", "thinsp": "\u2009",
             "times": "\u00d7", "deg": "\u00b0", "yen": "\u00a5", "bull": "\u2022", "shy": "\u00ad"}
# bounded and stopping at the next < or >: each character is looked at by one try only (linear)
_MARKUP = regex.compile(
    r"<(?P<tag>/?(?i:" + "|".join(sorted(map(regex.escape, _TAG_KIND), key=len, reverse=True)) + r"))"
    r"(?=[\s/>])[^<>]{0,2000}>"
    r"|<!--[^<>]{0,2000}-->"
    r"|&(?:(?P<named>" + "|".join(_ENTITIES) + r")|#(?P<dec>[0-9]{1,7})|#[xX](?P<hex>[0-9a-fA-F]{1,6}));"
)


def _markup_char(m) -> str | None:
    """What a match of :data:`_MARKUP` stands for: a character, ``""`` (nothing), or ``None`` (not markup)."""
    tag = m.group("tag")
    if tag is not None:
        return _TAG_KIND[tag.lstrip("/").lower()]
    if m.group("named") is not None:
        return _ENTITIES[m.group("named")]
    digits = m.group("dec")
    code = int(digits) if digits is not None else int(m.group("hex") or "0", 16)  # <!-- --> gives 0
    if m.group().startswith("<!--"):
        return ""
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def _strip_markup(original: str) -> tuple[str, str, list[tuple[int, int]]] | None:
    """The text a page's tags and entities leave, as written (entities decoded, the length of ``original``)
    and the half-open spans of ``original`` left out; ``None`` when there is no markup."""
    if "<" not in original and "&" not in original:
        return None
    text: list[str] = []
    written: list[str] = []
    deletions: list[tuple[int, int]] = []
    last = 0
    for m in _MARKUP.finditer(original):
        char = _markup_char(m)
        if char is None:
            continue
        start, end = m.span()
        text.append(original[last:start])
        written.append(original[last:start])
        if char:  # the first character stands for the whole tag or entity, the rest goes
            text.append(char)
            written.append(char + original[start + 1:end])
            start += 1
        else:
            written.append(original[start:end])
        if end > start:
            deletions.append((start, end))
        last = end
    if last == 0:
        return None
    text.append(original[last:])
    written.append(original[last:])
    return "".join(text), "".join(written), deletions


def _compose(outer: list[tuple[int, int]], inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Deletions of ``original`` (sorted, apart) and deletions of the text ``outer`` left (sorted), as one
    sorted list of merged spans of ``original``."""
    if not inner:
        return outer
    breaks, shifts, deleted = [0], [0], 0
    for start, end in outer:
        breaks.append(start - deleted)
        deleted += end - start
        shifts.append(deleted)
    mapped = []
    for start, end in inner:
        mapped.append((start + shifts[bisect_right(breaks, start) - 1],
                       end - 1 + shifts[bisect_right(breaks, end - 1) - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(outer + mapped):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class Normalized:
    """A normalised copy of ``original`` with a map back to it.

    ``text`` is what rules match on.  Positions in ``text`` map to positions in
    ``original`` through the recorded deletions (a sorted list of breakpoints).
    """

    __slots__ = ("_breaks", "_same", "_shifts", "_written", "original", "text")

    def __init__(self, original: str) -> None:
        if not isinstance(original, str):
            raise TypeError(f"expected text as str, got {type(original).__name__}")
        self.original = original
        self._written = original
        source, outer = original, None
        markup = _strip_markup(original)
        if markup is not None:  # a page scraped with its tags: read the text they leave
            source, self._written, outer = markup
        translated = _translate_page(source)
        pieces: list[str] = []
        inner: list[tuple[int, int]] = []
        last = 0
        for start, end in _deletions(translated, source):
            pieces.append(translated[last:start])
            inner.append((start, end))
            last = end
        pieces.append(translated[last:])
        self.text = "".join(pieces).replace("\r", "\n")
        deletions = inner if outer is None else _compose(outer, inner)
        breaks: list[int] = [0]  # positions in `text` where a new shift starts
        shifts: list[int] = [0]  # characters deleted before that position
        deleted = 0
        for start, end in deletions:
            breaks.append(start - deleted)
            deleted += end - start
            shifts.append(deleted)
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
            return self._written[start:end]
        lo = bisect_right(self._breaks, start) - 1
        hi = bisect_right(self._breaks, end - 1) - 1
        if lo == hi:
            shift = self._shifts[lo]
            return self._written[start + shift : end + shift]
        out = []
        for k in range(lo, hi + 1):
            seg_start = max(start, self._breaks[k])
            seg_end = min(end, self._breaks[k + 1]) if k + 1 < len(self._breaks) else end
            shift = self._shifts[k]
            out.append(self._written[seg_start + shift : seg_end + shift])
        return "".join(out)
