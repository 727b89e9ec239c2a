"""Where the articles of a page start and end: the one boundary every record kind respects.

A page carries several articles one after another (a newspaper page, a site's list page).
What one article says must not fill a record of another, so whatever a kind carries from
one place of the text to a later one (a meeting's people, the issuer of a forecast table, the
day 「当天」 counts from, the week a bare weekday is in, what 「该镇」 points to) stops here.

An article starts

- at a headline (a short line that ends no sentence, ``M_HEADLINE_END``) after body text:
  consecutive headline lines (a kicker, the headline, a sub-headline) open one article;
- at 「本报讯」 (a line opening with 本报) right after body text;
- at the first line after a line of page chrome (``PAGE_CHROME_LINE``: 「下一篇：…」), which
  belongs to no article;

but never at a line right after one that ends in a colon: 「具体预报如下：」 leads to the lines after
it, even where they are shaped like headlines (forecast rows written without punctuation).

A blank line alone is no boundary: pages break paragraphs, even sentences, with blank lines.
"""

from __future__ import annotations

import bisect
from typing import Any

from ._patterns import compiled_per_directory

Span = tuple[int, int]

HEADLINE_MAX = 45  # a headline line is never longer than this


class _Rules:
    def __init__(self, p: Any) -> None:
        self.chrome = p.compile("{PAGE_CHROME_LINE}")
        self.headline_end = p.compile("{M_HEADLINE_END}")


_rules = compiled_per_directory(_Rules)


def is_headline(line: str) -> bool:
    """Whether a stripped line is a headline: short, ending no sentence, no 「本报讯」."""
    return (len(line) <= HEADLINE_MAX and _rules().headline_end.search(line) is None
            and not line.startswith("本报"))


def articles(text: str) -> tuple[tuple[int, int, tuple[Span, ...]], ...]:
    """(start, end, headline lines) of every article of the normalised ``text``, in text order;
    together they cover the text from the first line that is not blank or chrome."""
    chrome = _rules().chrome
    out: list[tuple[int, int, tuple[Span, ...]]] = []
    start: int | None = None
    heads: list[Span] = []
    last_kind = "start"  # the kind of the line before: start, head, body or chrome
    led_in = False  # whether the line before ends in a colon
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        stripped = line.strip()
        if not stripped:
            continue
        if chrome.match(line):
            last_kind = "chrome"
            continue
        head = is_headline(stripped)
        # (a line after a lead-in 「具体预报如下：」 is what it leads to, even shaped like a headline)
        opens = last_kind == "chrome" or (not led_in and (
            (head and last_kind != "head") or (not head and last_kind == "body" and stripped.startswith("本报"))))
        led_in = stripped.endswith(("：", ":"))
        if start is None or opens:
            if start is not None:
                out.append((start, s, tuple(heads)))
            start, heads = s, []
        if head:
            heads.append((s, e))
        last_kind = "head" if head else "body"
    if start is not None:
        out.append((start, len(text), tuple(heads)))
    return tuple(out)


class ArticleIndex:
    """Which article a position is in, by bisection over the articles' starts."""

    def __init__(self, found: tuple[tuple[int, int, tuple[Span, ...]], ...]) -> None:
        self.spans = [(s, e) for s, e, _ in found]
        self._starts = [s for s, _ in self.spans]

    def start(self, pos: int) -> int:
        """Where the article that holds ``pos`` starts (0 before the first)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._starts[i] if i >= 0 else 0

    def end(self, pos: int) -> int | None:
        """Where the article that holds ``pos`` ends (None: it runs to the end of the text)."""
        i = bisect.bisect_right(self._starts, pos)
        return self._starts[i] if i < len(self._starts) else None

    def same(self, a: int, b: int) -> bool:
        """Whether positions ``a`` and ``b`` are in the same article."""
        return bisect.bisect_right(self._starts, a) == bisect.bisect_right(self._starts, b)
