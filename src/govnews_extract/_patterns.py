"""Rules as data: reading ``patterns/*.yaml``, expanding ``{NAME}`` references, compiling.

A pattern file is a YAML mapping with any of these keys:

``kind``
    the record kind its rules produce (``quantities``, ``dates``, ``forecasts``,
    ``meetings``, ``statistics``, ``enterprises``); the test harness uses it to
    run the examples.
``vocabulary``
    named sub-patterns shared by every file: a string is a regular expression, a
    list is a lexicon of literal words (compiled longest first).  Names are
    UPPER_CASE; a pattern refers to one as ``{NAME}``.
``rules``
    a list of mappings, each with a unique ``name``, a ``pattern`` (may use
    ``{NAME}``), optional ``verbose: true`` (whitespace in the pattern is
    ignored), ``examples`` and ``near_misses``, and any data of its own.
``lexicons`` / anything else
    data a record kind reads as it is (available as :attr:`PatternFile.data`).

References are checked when the patterns load: an unknown name, a circle of names
or a pattern that does not compile is a :class:`~govnews_extract.errors.PatternError`
naming the file, the rule and the fix.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import re
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import attrs
import regex
import srsly

from .errors import PatternError

_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*+)\}")
# what may stand right before a reference that opens an alternative: the start, an unescaped |
# or the opening of a group ((, (?:, (?P<name>, (?=, (?!, (?<=, (?<!, (?>)
_OPENS_ALTERNATIVE = regex.compile(r"(?:^|(?<!\\)(?:\||\((?:\?(?::|P<\w++>|=|!|<=|<!|>))?))$")
_VERBOSE_SENSITIVE = regex.compile(r"[\s#]")  # what verbose mode reads differently


def _whole_alternative(source: str, start: int, end: int) -> bool:
    """Whether ``source[start:end]`` (a reference) is a whole alternative of its group or of the
    pattern: then its expansion needs no group of its own (alternation is associative)."""
    return source[end:end + 1] in ("", "|", ")") and _OPENS_ALTERNATIVE.search(source, 0, start) is not None


def default_dir() -> Path:
    """Where the rules live: inside the installed package, or ``patterns/`` of a source checkout."""
    env = os.environ.get("GOVNEWS_PATTERNS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parents[1] / "patterns"):
        if candidate.is_dir():
            return candidate
    raise PatternError(
        "E001",
        f"no patterns directory found next to {here}",
        fix="reinstall the package (pip install .) or set GOVNEWS_PATTERNS to the patterns/ folder",
    )


class Prefiltered:
    """A rule's regex that runs only where a match can be: near a word every match contains.

    A rule may declare ``needs:`` (words of which every match contains one) and ``stops:``
    (characters no match contains, e.g. the ends of a clause).  :meth:`finditer` then skips
    a text without any needed word and, with ``stops``, runs the regex only over the stretches
    between stops that hold a needed word (each with the stop after it, for lookaheads).
    The matches are exactly those of the plain regex as long as the two declarations hold;
    the tests check that on every example of the rules and the sample page.
    """

    def __init__(self, compiled: Any, needs: tuple[str, ...], stops: str | None) -> None:
        self.regex = compiled
        self.needs = needs
        self.stops = stops
        self._needle = compile_fast("|".join(regex.escape(w) for w in sorted(needs, key=len, reverse=True)))
        if stops:
            stop_class = "[" + "".join(regex.escape(c) for c in stops) + "]"
            self._stop = compile_fast(stop_class)
            self._up_to_stop = compile_fast("(?s:.*)" + stop_class)  # up to the last stop

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        endpos = len(text) if endpos is None else endpos
        if not self.stops:  # (both engines read an endpos past the end as the end)
            if self._needle.search(text, pos, endpos) is None:
                return iter(())
            return self.regex.finditer(text, pos, endpos)
        return self._stretches(text, pos, min(endpos, len(text)))

    def _stretches(self, text: str, pos: int, endpos: int) -> Iterator[Any]:
        done = pos
        for needle in self._needle.finditer(text, pos, endpos):
            if needle.start() < done:
                continue  # inside a stretch already scanned
            back = self._up_to_stop.match(text, done, needle.start())
            start = back.end() if back else done
            stop = self._stop.search(text, needle.end(), endpos)
            end = stop.end() if stop else endpos
            yield from self.regex.finditer(text, start, end)
            done = end

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return next(iter(self.finditer(text, pos, endpos)), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        """``regex.match``: tried only when a needed word comes before the first stop."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        limit = endpos
        if self.stops:
            stop = self._stop.search(text, pos, endpos)
            if stop is not None:
                limit = stop.start()
        if self._needle.search(text, pos, limit) is None:
            return None
        return self.regex.match(text, pos, endpos)


# -- two engines ------------------------------------------------------------------------------
#
# The rules are written for the ``regex`` module (\p{Han}, variable look-behinds, reverse
# search, overlapped matching).  Most of them are also plain ``re`` patterns once \p{Han} is
# spelled out as code-point ranges, and the standard engine runs such short, anchored
# patterns several times faster (less work per call and per match).  So a pattern is compiled
# with ``re`` wherever it can be written for it, and with ``regex`` otherwise; the tests check
# on every example that both engines find the same matches.


@functools.cache
def _han_ranges() -> str:
    r"""The code points of ``regex``'s \p{Han}, as the inside of a character class.

    Read off the installed ``regex`` module (so its Unicode version decides), over the planes
    where Han characters are assigned (U+2E00 to U+3FFFF); about 40 ms, once."""
    base = 0x2E00
    chars = "".join(map(chr, range(base, 0x40000)))
    parts = []
    for m in regex.finditer(r"\p{Han}++", chars):
        first, last = m.start() + base, m.end() - 1 + base
        parts.append(f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}")
    return "".join(parts)


_SET_OPERATORS = ("--", "&&", "~~", "||")  # set operations a later ``re`` may read in a class


def _class_for_re(body: str, negated: bool) -> str | None:
    """A character class (``body`` is what stands between ``[`` or ``[^`` and ``]``) for ``re``."""
    items: list[str] = []
    han_minus = False
    i = 0
    while i < len(body):
        if body.startswith(r"\p{Han}", i):
            items.append(_han_ranges())
            i += 7
        elif body.startswith(r"\P{Han}", i):
            if not (negated and i == 0):
                return None
            han_minus = True  # [^\P{Han}…]: a Han character other than …
            i += 7
        elif body[i] == "\\":
            if body[i + 1:i + 2] in ("p", "P", ""):
                return None
            items.append(body[i:i + 2])
            i += 2
        elif body[i] == "[":
            items.append(r"\[")  # literal in ``regex``'s version 0; escaped so ``re`` does not warn
            i += 1
        else:
            items.append(body[i])
            i += 1
    inside = "".join(items)
    if "[:" in body or any(op in inside for op in _SET_OPERATORS):  # POSIX classes, set operations
        return None
    if han_minus:
        return f"(?:(?![{inside}])[{_han_ranges()}])" if inside else f"[{_han_ranges()}]"
    return ("[^" if negated else "[") + inside + "]"


# a group that sets flags: (?x) at the start, or scoped, (?-x:…) (?i:…) (?s-x:…)
_FLAG_GROUP = re.compile(r"\(\?([aiLmsux]*+)(?:-([imsx]*+))?([:)])")


def _for_re(pattern: str, verbose: bool = False) -> str | None:
    r"""``pattern`` written for the standard ``re`` module, or None where that cannot be done
    here (a property other than \p{Han}, an unclosed class, verbose mode set for the whole
    pattern from inside it).

    Where verbose mode holds (``verbose``, or a ``(?x:…)`` group, and not inside ``(?-x:…)``)
    a ``#`` outside a class opens a comment to the end of its line, for both engines alike: it
    is copied as it stands, and nothing in it is read as pattern."""
    out: list[str] = []
    modes = [verbose]  # whether verbose mode holds, for each group open at this point
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("(?#", i):  # a comment group, to its )
            j = pattern.find(")", i)
            if j < 0:
                return None
            out.append(pattern[i:j + 1])
            i = j + 1
        elif c == "(":
            flags = _FLAG_GROUP.match(pattern, i)
            if flags is None:
                modes.append(modes[-1])
                out.append(c)
                i += 1
                continue
            on, off, end = flags.group(1), flags.group(2) or "", flags.group(3)
            if end == ")":  # flags for the whole pattern
                if "x" in on:
                    return None
                out.append(flags.group())
            else:
                modes.append(True if "x" in on else False if "x" in off else modes[-1])
                out.append(flags.group())
            i = flags.end()
        elif c == ")":
            if len(modes) > 1:
                modes.pop()
            out.append(c)
            i += 1
        elif c == "\\":
            if pattern.startswith(r"\p{Han}", i):
                out.append(f"[{_han_ranges()}]")
                i += 7
                continue
            if pattern.startswith(r"\P{Han}", i):
                out.append(f"[^{_han_ranges()}]")
                i += 7
                continue
            if pattern[i + 1:i + 2] in ("p", "P", ""):
                return None
            out.append(pattern[i:i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            negated = pattern.startswith("^", j)
            j += negated
            start = j
            if pattern.startswith("]", j):
                j += 1  # a ] first in a class is literal
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                return None
            cls = _class_for_re(pattern[start:j], negated)
            if cls is None:
                return None
            out.append(cls)
            i = j + 1
        elif c == "#" and modes[-1]:
            j = pattern.find("\n", i)
            j = n if j < 0 else j
            out.append(pattern[i:j])  # a comment: verbatim, so a [ or \p in it stays unread
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def compile_fast(pattern: str, verbose: bool = False) -> Any:
    """``pattern`` compiled with ``re`` where it can be written for it, else with ``regex``.

    Either way the object answers ``search``/``match``/``fullmatch``/``finditer`` with the same
    matches; code that needs ``regex``-only calls (``overlapped=True``) compiles with ``regex``.
    """
    translated = _for_re(pattern, verbose)
    if translated is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a FutureWarning means ``re`` may read it differently
                compiled = re.compile(translated, re.X if verbose else 0)
        except (re.error, FutureWarning, DeprecationWarning, OverflowError, RecursionError):
            pass
        else:
            ON_RE[pattern, verbose] = None  # for the test that compares both engines
            return compiled
    return regex.compile(pattern, regex.X if verbose else 0)


# -- where a match can start ------------------------------------------------------------------
#
# A search for a pattern that must end at the end of its window (``…$``) tries the whole
# pattern at every position of the window.  Most positions hold a character no match can start
# with; the parse tree of a ``re`` pattern says which characters those are.

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _class_of(items: Any) -> str | None:
    """A parsed character class (``IN``) written again as ``[…]``, or None."""
    out = []
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            out.insert(0, "^")
        elif name == "LITERAL":
            out.append(re.escape(chr(av)))
        elif name == "RANGE":
            out.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            out.append(_CATEGORIES[str(av)])
        else:
            return None
    return "[" + "".join(out) + "]" if out else None


def _firsts(seq: Any, out: list[str]) -> bool | None:
    """Add to ``out`` the classes of the characters a non-empty match of the parsed sequence
    ``seq`` can start with; True when the sequence can match the empty string, None when the
    characters cannot be told (any character, a back-reference, an unknown node)."""
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            out.append(re.escape(chr(av)))
            return False
        if name == "NOT_LITERAL":
            out.append("[^" + re.escape(chr(av)) + "]")
            return False
        if name == "IN":
            cls = _class_of(av)
            if cls is None:
                return None
            out.append(cls)
            return False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # consumes nothing: the next item reads the first character
        if name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:
                return None
            empty = _firsts(av[3], out)
        elif name == "ATOMIC_GROUP":
            empty = _firsts(av, out)
        elif name == "BRANCH":
            empty = False
            for alt in av[1]:
                sub = _firsts(alt, out)
                if sub is None:
                    return None
                empty = empty or sub
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if av[1] == 0:
                continue
            empty = _firsts(av[2], out)
            if empty is not None and av[0] == 0:
                empty = True
        else:
            return None
        if empty is None:
            return None
        if not empty:
            return False
    return True


def _parsed(compiled: Any) -> list[Any] | None:
    """The parse tree of a ``re`` pattern, or None (a ``regex`` pattern, ignored case, another
    Python's parser)."""
    if not isinstance(compiled, re.Pattern) or compiled.flags & re.IGNORECASE:
        return None
    try:
        return list(re._parser.parse(compiled.pattern, compiled.flags))  # type: ignore[attr-defined]
    except Exception:  # another Python's parser: no shortcut
        return None


def _one_char(classes: list[str]) -> Any:
    """One ``re`` pattern of a single character out of ``classes`` (from :func:`_firsts`): one
    class of the characters and plain classes, alternatives only for negated classes."""
    inside = "".join(dict.fromkeys(c[1:-1] if c.startswith("[") else c for c in classes if not c.startswith("[^")))
    negated = [c for c in dict.fromkeys(classes) if c.startswith("[^")]
    return re.compile("|".join(([f"[{inside}]"] if inside else []) + negated))


def first_chars(compiled: Any) -> Any | None:
    """A one-character ``re`` pattern for the characters a non-empty match of ``compiled`` can
    start with, or None where that cannot be told (a ``regex`` pattern, ignored case, a pattern
    that can start with any character)."""
    parsed = _parsed(compiled)
    out: list[str] = []
    if parsed is None or _firsts(parsed, out) is None or not out:
        return None
    return _one_char(out)


def scan_form(rx: Any) -> Any:
    """``rx`` for a scan over a whole text or article: the same matches, found faster.

    A ``re`` pattern some of whose branches open with a lookbehind (「(?<![接继兼历曾])任」) or an
    optional word gets no quick test of its first character from ``re``, which then tries the
    whole pattern at every position; behind a lookahead for the characters a match can start with
    (:func:`first_chars`) it finds the very same matches (the lookahead holds wherever a match
    starts and takes no characters) and skips the other positions at once.  A pattern that may
    match nothing is returned as it is (it may match where no first character stands), and a
    ``regex`` pattern is first written for ``re`` where :func:`compile_fast` can.
    """
    if isinstance(rx, regex.Pattern):
        rx = compile_fast(rx.pattern, bool(rx.flags & regex.VERBOSE))
    if not isinstance(rx, re.Pattern) or match_widths(rx)[0] == 0:
        return rx
    first = first_chars(rx)
    if first is None:
        return rx
    # (a line break before the group closes it after a comment that ends a verbose pattern)
    body = rx.pattern + "\n" if rx.flags & re.VERBOSE else rx.pattern
    try:
        return re.compile(f"(?={first.pattern})(?:{body})", rx.flags)
    except re.error:  # flags set inside the pattern for all of it: they must stay at its start
        return rx


def _reversed(seq: Any) -> list[Any]:
    """A parsed ``re`` sequence read from its end: its items, and those of its groups, in reverse
    (what :func:`_firsts` reads then are the characters a match can end with)."""
    out = []
    for op, av in reversed(list(seq)):
        name = str(op)
        if name == "SUBPATTERN":
            av = (av[0], av[1], av[2], _reversed(av[3]))
        elif name == "BRANCH":
            av = (av[0], [_reversed(alt) for alt in av[1]])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            av = (av[0], av[1], _reversed(av[2]))
        elif name == "ATOMIC_GROUP":
            av = _reversed(av)
        out.append((op, av))
    return out


def last_chars(compiled: Any) -> Any | None:
    """A one-character ``re`` pattern for the characters every match of ``compiled`` ends with
    (a match of nothing has none), or None where that cannot be told or a match may be empty."""
    parsed = _parsed(compiled)
    out: list[str] = []
    if parsed is None or _firsts(_reversed(parsed), out) is not False or not out:
        return None
    return _one_char(out)


def match_widths(compiled: Any) -> tuple[int, int | None]:
    """The fewest and the most characters a match of ``compiled`` can span: (0, None) where that
    cannot be told (a ``regex`` pattern), the most None where it is unbounded. Readers use them to
    skip windows no match fits in, or positions a match cannot reach from."""
    if not isinstance(compiled, re.Pattern):
        return 0, None
    try:
        least, most = re._parser.parse(compiled.pattern, compiled.flags).getwidth()  # type: ignore[attr-defined]
    except Exception:  # another Python's parser: no bounds
        return 0, None
    return int(least), (int(most) if most < 10_000 else None)


_PLAIN_WORD = r"[^\s#()|\\\[\].*+?{}^$]+"  # a plain word: no space, comment, escape or operator in it
_WORD_LIST = re.compile(r"(?<!\\)\(\?:(" + _PLAIN_WORD + r"(?:\|" + _PLAIN_WORD + r")+)\)(?![*+?{])")


def guard_word_lists(compiled: Any, least: int = 20) -> Any:
    """``compiled`` with a look-ahead of their first characters before each list of ``least`` plain
    words or more (``(?:有限公司|合作社|…)``): the same matches, found faster.

    ``re`` tries the words of a list one by one wherever the list may stand; most places hold a
    character none of them starts with, and one test of a character class turns those away. The
    look-ahead only repeats what the list requires. A list under a quantifier keeps its form (the
    look-ahead would then hold for zero repeats too); a ``regex`` pattern, one that ignores case
    anywhere, or one with a class that holds ``(?:`` is returned as it is.
    """
    if (not isinstance(compiled, re.Pattern) or compiled.flags & re.IGNORECASE
            or any("i" in m.group(1) for m in _FLAG_GROUP.finditer(compiled.pattern))
            or re.search(r"\[[^\]]*\(\?:", compiled.pattern)):
        return compiled

    def guard(m: Any) -> str:
        words = m.group(1).split("|")
        if len(words) < least:
            return m.group()
        return "(?=[" + re.escape("".join(sorted({w[0] for w in words}))) + "])" + m.group()

    return re.compile(_WORD_LIST.sub(guard, compiled.pattern), compiled.flags)


def ends_at_window_end(compiled: Any) -> bool:
    """Whether every match of the ``re`` pattern ``compiled`` ends where the window does: it ends in
    ``$`` outside any group, with no multi-line mode (False where that cannot be told)."""
    parsed = _parsed(compiled) if isinstance(compiled, re.Pattern) and not compiled.flags & re.MULTILINE else None
    return bool(parsed) and str(parsed[-1][0]) == "AT" and str(parsed[-1][1]) == "AT_END"  # type: ignore[index]


_KEPT_CHARS = 1 << 14  # verdicts kept per test: the characters of a script (a page of every code point asks anew)


class CharTest(dict):  # type: ignore[type-arg]
    """A verdict per character, read from a one-character ``re`` pattern on first use and kept
    (up to ``_KEPT_CHARS``); ``one`` None: True for every character."""

    def __init__(self, one: Any) -> None:
        super().__init__()
        self._one = one

    def _read(self, char: str) -> bool:
        return self._one is None or self._one.match(char) is not None

    def __missing__(self, char: str) -> bool:
        can = self._read(char)
        if len(self) < _KEPT_CHARS:
            self[char] = can
        return can


class StartChars(CharTest):
    """``starts[c]``: whether a non-empty match of a ``re`` pattern can start with the character ``c``.

    Rules tried at one position (statistics tries some at each clause's first character: the
    opening words, a byline, a bullet) mostly meet a character none of their matches starts with;
    a look-up here says so without a call into ``re``.  The answer is read from :func:`first_chars` once per
    character and kept; True for all where the characters cannot be told.  A pattern that may match
    nothing is turned away nowhere, unless the caller reads an empty match as no match
    (``empty_read``: a run of opening words that ends where it starts).
    """

    def __init__(self, compiled: Any, empty_read: bool = False) -> None:
        may_be_empty = match_widths(compiled)[0] == 0
        super().__init__(first_chars(compiled) if empty_read or not may_be_empty else None)


class EndChars(CharTest):
    """``ends[c]``: whether a match of a ``…$`` pattern (one for :class:`EndSearch`) can end with ``c``.

    Such patterns are mostly searched for in windows that end in a character none of their matches
    ends with (statistics: the links stripped from a metric's end, the rank and pointer words before
    a figure); one look-up says so without the call into the search.  As :func:`last_chars` (read
    once per character and kept); the empty window (key ``""``) holds no match.  True for all where
    a match may be empty, the characters cannot be told or the pattern does not end in ``$``.  A
    window that ends in a line break is searched as it is (``$`` holds before it).
    """

    def __init__(self, compiled: Any) -> None:
        super().__init__(last_chars(compiled) if ends_at_window_end(compiled) else None)

    def _read(self, char: str) -> bool:
        return char == "\n" or super()._read(char)


class EndSearch:
    """``search`` for a pattern every match of which ends at the end of the window (it ends in
    ``$`` outside any group): the same match as ``compiled.search``, found faster.

    A window whose last character ends no match (:func:`last_chars`) has none, the usual answer
    (「实现生产总值」 ends in no link), and the pattern is not tried at all. Otherwise, with
    ``starts``, the pattern is tried only where a match can start, that is at a character it can
    start with, or where ``$`` holds (a match of nothing); without, ``re`` searches the window
    (faster where nearly every character may start a match).
    """

    def __init__(self, compiled: Any, starts: bool = True) -> None:
        self.regex = compiled
        self._first = first_chars(compiled) if starts and ends_at_window_end(compiled) else None
        self.ends = EndChars(compiled)  # whether a window's last character may end a match

    def search(self, text: str, pos: int, endpos: int) -> Any:
        first, rx = self._first, self.regex
        endpos = min(endpos, len(text))
        if endpos > pos and not self.ends[text[endpos - 1]]:
            return None  # every match holds a character, and the last one cannot end one
        if first is None or pos > endpos:
            return rx.search(text, pos, endpos)
        # ``$`` holds at the end and before a newline that ends the window
        dollar = endpos - 1 if endpos > pos and text[endpos - 1] == "\n" else endpos
        while True:
            f = first.search(text, pos, endpos)
            at = f.start() if f is not None else endpos
            if dollar < at:
                m = rx.match(text, dollar, endpos)
                if m is not None:
                    return m
                dollar = endpos
            if f is None:
                return rx.match(text, endpos, endpos)
            m = rx.match(text, at, endpos)
            if m is not None:
                return m
            if at == dollar:
                dollar = endpos
            pos = at + 1


# every (pattern, verbose) compiled so far that runs on ``re``, in the order first compiled
ON_RE: dict[tuple[str, bool], None] = {}


@attrs.frozen
class Rule:
    """One named rule: its expanded pattern, compiled, with its examples and near-misses.

    ``scanner`` is what to scan texts with: the regex itself, or, when the rule declares
    ``needs:`` (and ``stops:``), a :class:`Prefiltered` regex that gives the same matches
    faster.
    """

    name: str
    file: str
    kind: str | None
    source: str
    expanded: str
    regex: Any = attrs.field(repr=False)
    examples: tuple[dict[str, Any], ...] = ()
    near_misses: tuple[dict[str, Any], ...] = ()
    data: dict[str, Any] = attrs.field(factory=dict, repr=False)

    scanner: Any = attrs.field(default=None, repr=False)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        return (self.scanner or self.regex).finditer(text, pos, len(text) if endpos is None else endpos)


@attrs.frozen
class PatternFile:
    path: str
    kind: str | None
    rules: tuple[Rule, ...]
    data: dict[str, Any] = attrs.field(factory=dict, repr=False)


class Patterns:
    """Every pattern file of a directory, loaded and checked together."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()
        raw_files: list[tuple[str, dict[str, Any]]] = []
        for path in sorted(self.directory.rglob("*.yaml")) + sorted(self.directory.rglob("*.yml")):
            raw_files.append((self._relname(path), _read(path)))
        self._vocab_src: dict[str, tuple[str, Any]] = {}
        for fname, raw in raw_files:
            for name, value in (raw.get("vocabulary") or {}).items():
                if name in self._vocab_src:
                    raise PatternError(
                        "E003", f"vocabulary name {name!r} is defined twice, also in {self._vocab_src[name][0]}",
                        file=fname, fix="rename one of them or remove the copy",
                    )
                if not regex.fullmatch(r"[A-Z][A-Z0-9_]*+", str(name)):
                    raise PatternError("E002", f"vocabulary name {name!r} is not UPPER_CASE", file=fname,
                                       fix="write vocabulary names in UPPER_CASE letters, digits and _")
                if not isinstance(value, (str, list)):
                    raise PatternError("E002", f"vocabulary {name!r} must be a regex string or a list of words",
                                       file=fname, fix="give a string or a YAML list")
                self._vocab_src[name] = (fname, value)
        self._expanded: dict[str, str] = {}
        for name in self._vocab_src:
            self.vocabulary(name)
        self.files: dict[str, PatternFile] = {}
        self._rules: dict[str, Rule] = {}
        for fname, raw in raw_files:
            kind = raw.get("kind")
            rules = []
            for i, item in enumerate(raw.get("rules") or []):
                rule = self._make_rule(fname, kind, i, item)
                if rule.name in self._rules:
                    raise PatternError("E003", f"rule name {rule.name!r} is used twice, also in "
                                       f"{self._rules[rule.name].file}", file=fname, rule=rule.name,
                                       fix="give every rule a unique name")
                self._rules[rule.name] = rule
                rules.append(rule)
            data = {k: v for k, v in raw.items() if k not in ("kind", "vocabulary", "rules")}
            self.files[fname] = PatternFile(fname, kind, tuple(rules), data)

    def _relname(self, path: Path) -> str:
        return path.relative_to(self.directory).as_posix()

    # -- vocabulary -------------------------------------------------------------------------
    def vocabulary(self, name: str, _stack: tuple[str, ...] = ()) -> str:
        """The regular expression a vocabulary name stands for, with its references expanded."""
        if name in self._expanded:
            return self._expanded[name]
        if name not in self._vocab_src:
            raise PatternError("E004", f"unknown vocabulary name {{{name}}}",
                               fix="define it under 'vocabulary:' in a file of patterns/ or correct the spelling")
        if name in _stack:
            raise PatternError("E005", "vocabulary names refer to each other in a circle: "
                               + " -> ".join((*_stack, name)), file=self._vocab_src[name][0],
                               fix="break the circle")
        fname, value = self._vocab_src[name]
        if isinstance(value, list):
            words = sorted({str(w) for w in value if str(w)}, key=lambda w: (-len(w), w))
            src = "|".join(regex.escape(w) for w in words) or r"(?!)"
        else:
            src = self._expand(value, fname, None, (*_stack, name))
        self._expanded[name] = src
        return src

    def vocabulary_names(self) -> tuple[str, ...]:
        """The names defined under ``vocabulary:`` in any file, in file order."""
        return tuple(self._vocab_src)

    def lexicon(self, name: str) -> tuple[str, ...]:
        """The words of a list vocabulary, as written in the file."""
        if name not in self._vocab_src or not isinstance(self._vocab_src[name][1], list):
            raise PatternError("E004", f"no word list named {name!r}",
                               fix="define it as a YAML list under 'vocabulary:' in patterns/")
        return tuple(str(w) for w in self._vocab_src[name][1])

    def _expand(self, source: str, fname: str, rule: str | None, stack: tuple[str, ...] = ()) -> str:
        def sub(m: Any) -> str:
            name = m.group(1)
            if name not in self._vocab_src:
                raise PatternError("E004", f"unknown vocabulary name {{{name}}}", file=fname, rule=rule,
                                   fix="define it under 'vocabulary:' in a file of patterns/ or correct the spelling")
            src = self.vocabulary(name, stack)
            if _whole_alternative(source, m.start(), m.end()) and not _VERBOSE_SENSITIVE.search(src):
                return src  # (?:a|{X}|b) is (?:a|x1|x2|b): the engines try the words of a flat list faster
            return "(?-x:" + src + ")"

        return _REF.sub(sub, source)

    def compile(self, source: str, *, verbose: bool = False, fname: str = "<string>",
                rule: str | None = None, engine: str = "fast") -> Any:
        """Expand the references of ``source`` and compile it (see :func:`compile_fast`;
        ``engine="regex"`` for a pattern used with ``regex``-only calls)."""
        expanded = self._expand(source, fname, rule)
        try:
            if engine == "regex":
                return regex.compile(expanded, regex.X if verbose else 0)
            return compile_fast(expanded, verbose)
        except regex.error as exc:
            raise PatternError("E006", f"the pattern does not compile: {exc}", file=fname, rule=rule,
                               fix="correct the regular expression") from exc

    # -- rules ------------------------------------------------------------------------------
    def _make_rule(self, fname: str, kind: str | None, index: int, item: Any) -> Rule:
        if not isinstance(item, dict) or "name" not in item:
            raise PatternError("E002", f"rule #{index + 1} has no 'name'", file=fname,
                               fix="give every rule a 'name:'")
        name = str(item["name"])
        if "pattern" not in item or not isinstance(item["pattern"], str):
            raise PatternError("E002", "the rule has no 'pattern' string", file=fname, rule=name,
                               fix="add 'pattern: <regular expression>'")
        verbose = bool(item.get("verbose", False))
        expanded = self._expand(item["pattern"], fname, name)
        engine = item.get("engine", "fast")
        if engine not in ("fast", "regex"):
            raise PatternError("E009", f"unknown engine {engine!r}", file=fname, rule=name,
                               fix="write 'engine: regex' (scan with the regex module) or leave it out")
        compiled = self.compile(item["pattern"], verbose=verbose, fname=fname, rule=name, engine=engine)
        examples = tuple(_case(fname, name, e, "examples") for e in item.get("examples") or [])
        near = tuple(_case(fname, name, e, "near_misses") for e in item.get("near_misses") or [])
        data = {k: v for k, v in item.items()
                if k not in ("name", "pattern", "verbose", "examples", "near_misses", "needs", "stops", "engine")}
        needs, stops = item.get("needs"), item.get("stops")
        if needs is None:
            if stops is not None:
                raise PatternError("E008", "'stops' is given without 'needs'", file=fname, rule=name,
                                   fix="add 'needs: [words every match contains]' or remove 'stops'")
            scanner = compiled
        else:
            if (not isinstance(needs, list) or not needs
                    or not all(isinstance(w, str) and w for w in needs)):
                raise PatternError("E008", "'needs' must be a non-empty list of words", file=fname, rule=name,
                                   fix="write 'needs: [召开, 举行]': words of which every match contains one")
            if stops is not None and (not isinstance(stops, str) or not stops):
                raise PatternError("E008", "'stops' must be a string of characters", file=fname, rule=name,
                                   fix="write 'stops: \"，。；\\n\"': characters no match contains")
            scanner = Prefiltered(compiled, tuple(needs), stops)
        return Rule(name, fname, kind, item["pattern"], expanded, compiled, examples, near, data, scanner)

    def rule(self, name: str) -> Rule:
        try:
            return self._rules[name]
        except KeyError:
            raise PatternError("E004", f"no rule named {name!r}",
                               fix="check the rule names in patterns/*.yaml") from None

    def rules(self, kind: str | None = None) -> list[Rule]:
        return [r for r in self._rules.values() if kind is None or r.kind == kind]

    def data(self, fname: str) -> dict[str, Any]:
        """The extra top-level data of one file (e.g. ``meetings.yaml``)."""
        return self.files[fname].data


def _load_yaml(path: Path) -> Any:
    """PyYAML's C reader when it is there (ten times faster at load), else srsly's.

    ``tests/test_foundation.py`` checks that both read every shipped file the same.
    """
    try:
        import yaml

        loader = yaml.CSafeLoader
    except (ImportError, AttributeError):
        return srsly.read_yaml(path)
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = _load_yaml(path)
    except Exception as exc:  # the YAML reader raises several types
        raise PatternError("E001", f"cannot read the pattern file: {exc}", file=str(path),
                           fix="correct the YAML syntax") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise PatternError("E001", "a pattern file must be a mapping", file=str(path),
                           fix="use top-level keys kind:, vocabulary:, rules:")
    return raw


def _case(fname: str, rule: str, case: Any, field: str) -> dict[str, Any]:
    if isinstance(case, str):
        return {"text": case}
    if isinstance(case, dict) and isinstance(case.get("text"), str):
        return case
    raise PatternError("E007", f"an entry of '{field}' is neither a string nor a mapping with 'text'",
                       file=fname, rule=rule, fix="write '- text: ...' with 'expect:' for examples")


_lock = threading.Lock()


@functools.lru_cache(maxsize=4)
def _cached(directory: str) -> Patterns:
    return Patterns(directory)


@functools.lru_cache(maxsize=4)
def _default_dir_for(env: str | None) -> str:
    return str(default_dir())


# ``GOVNEWS_PATTERNS`` as read once for the extraction running in this thread (see one_setting)
_PINNED: contextvars.ContextVar[tuple[str | None] | None] = contextvars.ContextVar("govnews_patterns", default=None)


def patterns_setting() -> str | None:
    pinned = _PINNED.get()
    return pinned[0] if pinned is not None else os.environ.get("GOVNEWS_PATTERNS")


@contextlib.contextmanager
def one_setting() -> Iterator[None]:
    """Read ``GOVNEWS_PATTERNS`` once for everything done inside the block.

    An extraction asks for its rules tens of thousands of times; reading the environment on
    each ask cost a few per cent of the run.  Inside the block (one page) the setting read at
    its start holds; outside, each ask reads the environment as before.  The pin is a context
    variable, so threads extracting at once do not see each other's.
    """
    token = _PINNED.set((os.environ.get("GOVNEWS_PATTERNS"),))
    try:
        yield
    finally:
        _PINNED.reset(token)


def get_patterns(directory: str | os.PathLike[str] | None = None) -> Patterns:
    """The patterns of ``directory`` (default: the shipped ones), loaded once and shared."""
    if directory is None:
        directory = _default_dir_for(patterns_setting())
    with _lock:
        return _cached(str(directory))


_T = TypeVar("_T")


def compiled_per_directory(build: Callable[[Patterns], _T]) -> Callable[[], _T]:
    """A function giving ``build(get_patterns())``, built once per ``GOVNEWS_PATTERNS`` setting.

    Each record kind compiles its rules this way: the setting is read on each call (or once per
    page, inside :func:`one_setting`), the patterns are loaded and compiled only the first time
    a setting is seen.
    """

    @functools.lru_cache(maxsize=4)
    def for_setting(setting: str | None) -> _T:
        return build(get_patterns())

    def get() -> _T:  # patterns_setting(), inlined: the rules are asked for tens of thousands of times a page
        pinned = _PINNED.get()
        return for_setting(pinned[0] if pinned is not None else os.environ.get("GOVNEWS_PATTERNS"))

    return get
