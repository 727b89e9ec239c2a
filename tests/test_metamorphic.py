"""Metamorphic reliability (issue 9): the same content written differently gives the same records.

The texts are the real-looking ones we have: the ten pages of tests/pages/, the demo page and
every example sentence of patterns/*.yaml.  Each is rewritten the ways real pages differ (full-
width or ASCII digits and punctuation, traditional or simplified characters, line ends, wrapped
lines and indentation, spaces around numbers), and the records must stay the same:

- the records of ``to_dict()``, with their strings read back the way the rewrite changed them
  (full-width → ASCII, traditional → simplified, spaces the rewrite put in left out), since the
  contract quotes names, ``text`` and ``metric`` as written;
- the evidence: each span, sliced from the *rewritten* text, quotes what the span of the first
  text quotes (read back the same way), so positions still map to the original.

A rewrite that the library reads differently on purpose is restricted (a line wrapped only
inside a sentence, not after its full stop) or marked ``xfail`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import opencc
import pytest

import govnews_extract as gx
from govnews_extract._patterns import get_patterns

PAGES = Path(__file__).resolve().parent / "pages"
KINDS = ("meetings", "forecasts", "statistics", "enterprises")


# -- the texts --------------------------------------------------------------------------------------

def _pages() -> list[tuple[str, str, dt.date | None]]:
    out = [(p.stem, p.read_bytes().decode("utf-8"), dt.date.fromisoformat(p.stem[-10:]))
           for p in sorted(PAGES.glob("*.txt"))]
    sample = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt")
    out.append(("sample-xinxiang", sample.read_text(encoding="utf-8"), dt.date(2024, 1, 22)))
    return out


def _published(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _examples_by_file() -> dict[str, list[tuple[str, str, dt.date | None]]]:
    files: dict[str, list] = {}
    for rule in get_patterns().rules():
        for i, case in enumerate(rule.examples):
            files.setdefault(Path(rule.file).stem, []).append(
                (f"{rule.name}[{i}]", case["text"], _published(case.get("published"))))
    return files


PAGE_TEXTS = _pages()
EXAMPLES = _examples_by_file()
GROUPS = {item[0]: [item] for item in PAGE_TEXTS}
GROUPS |= {f"examples-{stem}": items for stem, items in sorted(EXAMPLES.items())}


# -- the rewrites --------------------------------------------------------------------------------------

_TO_FULL = {c: chr(c + 0xFEE0) for c in range(0x21, 0x7F)}  # ! … ~ → ！ … ～
_TO_ASCII = {c + 0xFEE0: chr(c) for c in range(0x21, 0x7F)}
_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")
# a wrap right after a sentence's end is a paragraph end: no layout can tell them apart
_SENTENCE_END = re.compile(r"[。！？!?；;：:…—][”’」』）)】》\]]*$")
_LINE_END = re.compile(r"[。！？!?；;…][”’」』）)】》]*$")


def full_width(text: str) -> str:
    return text.translate(_TO_FULL)


def ascii_width(text: str) -> str:
    return text.translate(_TO_ASCII)


def lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def crlf(text: str) -> str:
    return lf(text).replace("\n", "\r\n")


def other_line_ends(text: str) -> str:
    """CRLF for a page written with LF, LF for one written with CRLF."""
    return lf(text) if "\r\n" in text else crlf(text)


def indent(text: str) -> str:
    """Every paragraph opens with two ideographic spaces, as Chinese pages set them."""
    return "\n".join("\u3000\u3000" + line if line.strip() else line for line in lf(text).split("\n"))


def wrap(text: str, widths: tuple[int, int] = (30, 44)) -> str:
    """Every paragraph that ends a sentence, laid out in lines of 30 to 44 characters, each line
    break inside a sentence (moved on past a full stop).  Lines shorter than 30 characters are joined
    only in a column (a block of lines of nearly one width); see the narrow-column test below."""
    rng = random.Random(len(text))
    out = []
    for line in lf(text).split("\n"):
        if not _LINE_END.search(line):  # headlines, mastheads, lines cut by a page break
            out.append(line)
            continue
        while len(line) > widths[1] + 4:
            cut = rng.randint(*widths)
            while cut < len(line) - 2 and _SENTENCE_END.search(line[:cut]):
                cut += 1
            if cut >= len(line) - 2:
                break
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def narrow_wrap(text: str) -> str:
    return wrap(text, widths=(12, 16))


def layout(text: str) -> str:
    """Indented, wrapped and with CRLF line ends at once, as a page copied from a PDF may come."""
    return crlf(indent(wrap(text)))


def nbsp(text: str) -> str:
    return text.replace(" ", "\u00a0")


# units of counts, money and shares (not 个月 or 年: spaced dates are another matter)
_UNIT_WORDS = ("元|美元|人次|人|家|个百分点|个(?![月季小星工])|项|户|辆|吨|亩|公顷|平方米|公里|千瓦时|台|条|次|所|名"
               "|%|％")
# a whole number: not the 8 of 1万8千 (a section), whose space no page writes
_NUMBER_BEFORE_UNIT = re.compile(
    r"(?<![0-9.,０-９．，万亿])([0-9０-９]+(?:[.,．，][0-9０-９]+)*+)(?=(?:万亿|千万|万|亿)?(?:" + _UNIT_WORDS + r"))")


def number_space(text: str) -> str:
    """「3218.6 亿元」: one space between a number and its magnitude or unit."""
    return _NUMBER_BEFORE_UNIT.sub(r"\1 ", text)


def number_nbsp(text: str) -> str:
    return _NUMBER_BEFORE_UNIT.sub("\\1\u00a0", text)


def traditional(text: str) -> str:
    return _S2T.convert(text)


def simplified(text: str) -> str:
    return _T2S.convert(text)


def html_leftovers(text: str) -> str:
    paragraphs = [p for p in lf(text).split("\n") if p.strip()]
    return "<br/>".join(f"<p>{p.replace(' ', '&nbsp;')}</p>" for p in paragraphs)


def _no_space(s: str) -> str:
    return re.sub(r"[ \u00a0\u3000\t\r\n]", "", s)


# name -> (rewrite, how a string of its records reads back)
REWRITES: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "full-width": (full_width, ascii_width),
    "ascii": (ascii_width, ascii_width),
    "traditional": (traditional, simplified),
    "simplified": (simplified, simplified),
    "line-ends": (other_line_ends, lambda s: s),
    "indent": (indent, lambda s: s),
    "wrap": (wrap, lambda s: s),
    "layout": (layout, lambda s: s),
    "nbsp": (nbsp, lambda s: s.replace("\u00a0", " ")),
    "number-space": (number_space, _no_space),
    "number-nbsp": (number_nbsp, _no_space),
}


# -- comparing ------------------------------------------------------------------------------------

def _read_back(value, back: Callable[[str], str]):
    if isinstance(value, dict):
        return {k: _read_back(v, back) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_read_back(v, back) for v in value]
    if isinstance(value, str):
        return back(value)
    return str(value) if not isinstance(value, (int, type(None))) else value


def _quotes(value, text: str, back: Callable[[str], str]) -> list[list[str]]:
    """What each record's evidence spans quote, in order, read back."""
    out = []
    if isinstance(value, dict):
        ev = value.get("evidence")
        if ev:
            spans = ev["spans"]
            assert all(0 <= s < e <= len(text) for s, e in spans), (ev, len(text))
            out.append([_no_space(back(text[s:e])) for s, e in spans])
        for v in value.values():
            out += _quotes(v, text, back)
    elif isinstance(value, list):
        for v in value:
            out += _quotes(v, text, back)
    return out


@functools.cache
def _extract(text: str, published: dt.date | None) -> dict:
    return gx.extract(text, published=published).to_dict(evidence=True)


def _differences(rewrite: str, items) -> list[str]:
    change, back = REWRITES[rewrite]
    problems = []
    for name, text, published in items:
        changed = change(text)
        before, after = _extract(text, published), _extract(changed, published)
        for kind in KINDS:
            a, b = _read_back(before[kind], back), _read_back(after[kind], back)
            if a != b:
                gone = [r for r in a if r not in b]
                new = [r for r in b if r not in a]
                problems.append(f"{name} {kind}: lost {_dump(gone)}, gained {_dump(new)}")
        qa, qb = _quotes(before, text, back), _quotes(after, changed, back)
        if qa != qb and not problems:
            problems.append(f"{name} evidence quotes {_dump(qa)} became {_dump(qb)}")
    return problems


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize("group", sorted(GROUPS))
@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_rewritten_text_gives_the_same_records(rewrite, group):
    assert _differences(rewrite, GROUPS[group]) == []


# -- the rewrites do rewrite (a rewrite that changes nothing tests nothing) -------------------------

@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_each_rewrite_changes_the_pages(rewrite):
    change = REWRITES[rewrite][0]
    unchanged = {name for name, text, _ in PAGE_TEXTS if change(text) == text}
    # full-width: 05 is written so already; traditional: 08 is; simplified: all but the Taiwan pages are
    allowed = {"full-width": {"05-kaifeng-2023-10-26"}, "traditional": {"08-taichung-2023-06-12"},
               "simplified": {n for n, *_ in PAGE_TEXTS} - {"08-taichung-2023-06-12", "09-kaohsiung-2024-11-05"}}
    assert unchanged == allowed.get(rewrite, set())


def test_the_rewrites_write_what_real_pages_write():
    assert full_width("GDP增长5.2%（1,200人）") == "ＧＤＰ增长５．２％（１，２００人）"
    assert ascii_width("１０月２５日，增长４．８％（全省）") == "10月25日,增长4.8%(全省)"
    assert traditional("市长主持会议，东北风3级") == "市長主持會議，東北風3級"
    assert number_space("总值3218.6亿元，增5.2%，3亿5千万元，前11个月") == (
        "总值3218.6 亿元，增5.2 %，3亿5千万元，前11个月")
    assert indent("第一段。\n\n第二段。") == "\u3000\u3000第一段。\n\n\u3000\u3000第二段。"
    line = "全年全市生产总值3449.2亿元，比上年增长3.5%。第三产业增加值占生产总值的比重为41.2%，比上年提高1.8个百分点。"
    wrapped = wrap(line).split("\n")
    assert "".join(wrapped) == line and len(wrapped) >= 2
    assert all(30 <= len(w) for w in wrapped[:-1]) and not any(_SENTENCE_END.search(w) for w in wrapped[:-1])


# -- what is read differently, on purpose -----------------------------------------------------------

def test_narrow_columns_are_read_like_the_paragraph():
    # lines of 12 to 16 characters: a block of lines of nearly one width is a column (_text._column_lines)
    REWRITES["narrow"] = (narrow_wrap, lambda s: s)
    try:
        assert _differences("narrow", GROUPS["sample-xinxiang"]) == []
    finally:
        del REWRITES["narrow"]


_TAG = re.compile(r"<[^<>]*>")


def test_html_leftovers_are_read_like_the_text():
    # tags go (block tags as line breaks) and entities are read as their characters; a span across a
    # joined break slices the tags with it from the page, so they are read back out of the quotes
    REWRITES["html"] = (html_leftovers, lambda s: _TAG.sub("", s).replace("&nbsp;", " "))
    try:
        assert _differences("html", GROUPS["sample-xinxiang"]) == []
    finally:
        del REWRITES["html"]


@pytest.mark.parametrize("name", [n for n, *_ in PAGE_TEXTS])
def test_html_leftovers_never_crash_and_spans_stay_in_the_text(name):
    _, text, published = next(item for item in PAGE_TEXTS if item[0] == name)
    changed = html_leftovers(text)
    report = gx.extract(changed, published=published).to_dict(evidence=True)
    assert sum(len(report[k]) for k in KINDS) > 0
    _quotes(report, changed, lambda s: s)  # asserts every span lies inside the text
