"""Where a person's name starts and stops, and which title stands before it.

Official Chinese news glues titles and verbs to names with no space between them:
「党组书记江成与大家座谈」 names 江成, 「市委书记李卫东讲话」 names 李卫东 with the title
市委书记.  The rules here decide those boundaries from the lexicons of patterns/people.yaml
(``SURNAME``, ``TITLE_HEAD``, ``TITLE_FULL``, ``GROUP_TITLE``, ``NOT_NAME``, ``NAME_AFTER``):

- a name is a known surname (compound ones such as 欧阳 first) and one or two more
  characters, or a minority name joined with ·;
- where the text runs on after a name, the name ends where a separator, a connective
  or a verb of official news (``NAME_AFTER``) begins;
- a title is the longest run before the name that reads as ``TITLE_FULL``.

Every function accepts simplified or traditional characters (traditional ones are read
as their simplified twins, one for one, so positions never move) and never raises on
odd input: it answers ``False`` or ``None``.  ``entities`` arguments take the name spans
of the statistical model, ``(start, end, label)``; a ``PER`` span is trusted as a name
even when the rules would not know it, so the model can later add recall.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

import regex

from ._patterns import compile_fast, compiled_per_directory, first_chars, patterns_setting
from ._text import to_simplified

__all__ = [
    "could_be_name",
    "is_person_name",
    "is_title",
    "name_end",
    "runs_over_adverb",
    "split_name",
    "split_title",
    "surname_of",
    "title_start",
    "worth_asking_the_model",
]

# characters that never stand inside a Han name (function words, units of place and office)
_NEVER_IN_NAME = set("的了是在与及等对把被将们这那之各我你他她它不也都就并还说年号个市县区省局委厅院部办")
_NEVER_LAST_IN_NAME = set("镇乡村")  # 孟庄镇, 李村: a town or village (张镇平 is a name)
_MINORITY = compile_fast(r"\p{Han}{1,8}+(?:[·•・‧]\p{Han}{1,8}+){1,3}+")
_DOTS = "·•・‧"
_HAN = compile_fast(r"\p{Han}++")
_MAX_TITLE = 30  # a title before a name is never longer than this


class _Lexicons:
    """The people vocabulary of one patterns directory, compiled once."""

    def __init__(self, patterns: Any) -> None:
        self.surnames = frozenset(patterns.lexicon("SURNAME"))
        self.compound = frozenset(s for s in self.surnames if len(s) > 1)
        self.heads = tuple(sorted(set(patterns.lexicon("TITLE_HEAD")) | set(patterns.lexicon("GROUP_TITLE")),
                                  key=len, reverse=True))
        self.not_name = frozenset(patterns.lexicon("NOT_NAME"))
        self.name_after_title = frozenset(patterns.lexicon("NAME_AFTER_TITLE"))
        # words that introduce people (出席, 主持, 调研 …) never open a name
        self.cue = frozenset(patterns.lexicon("NAME_CUE"))
        # a name never holds a title head of two or more characters (市长, 书记 …)
        self.has_head = compile_fast("|".join(map(regex.escape, (h for h in self.heads if len(h) > 1)))
                                      or "(?!)")
        self.title = patterns.compile("{TITLE_FULL}")
        # every whole title ends with one of these (TITLE_FULL's branches): a cheap test first
        ends = set(self.heads) | {"领导"}  # as in title_tails
        self.title_end = compile_fast("(?:" + "|".join(map(regex.escape, sorted(ends, key=len, reverse=True)))
                                       + ")$")
        # the same test as plain string ends: ``title_end`` is literal words before ``$``, which also
        # holds before a last newline, so a piece ending in one still asks the regex (title_start)
        self.title_ends = tuple(sorted(ends, key=len, reverse=True))
        self.group = frozenset(patterns.lexicon("GROUP_TITLE"))
        self.after = patterns.compile("(?:{NAME_AFTER})")
        self.trail = patterns.compile("{E_NAME_TRAIL}")
        self.stop = patterns.compile("{TITLE_STOP}", engine="regex")  # finditer(overlapped=True)


_lex = compiled_per_directory(_Lexicons)


def surname_of(name: str) -> str | None:
    """The surname a name starts with (compound surnames first), or None."""
    if not isinstance(name, str) or len(name) < 2:
        return None
    s = to_simplified(name)
    lex = _lex()
    if s[:2] in lex.compound:
        return name[:2]
    if s[0] in lex.surnames:
        return name[0]
    return None


def is_person_name(s: str) -> bool:
    """Whether ``s`` reads as a person's name on its own.

    Two to four Han characters starting with a known surname (a four-character name needs
    a compound surname or two surnames, as in 范徐丽泰), or a minority name joined with ·;
    never a title (市长), a common word (全市, 安全) or a string with a function word inside,
    except the 之 of three-character given names (张之亮, 李之仪).
    """
    if not isinstance(s, str) or not s or s != s.strip():
        return False
    return _is_written_person_name(patterns_setting(), s)


@functools.lru_cache(maxsize=16384)
def _is_written_person_name(patterns_dir: str | None, s: str) -> bool:
    return _is_person_name(patterns_dir, to_simplified(s))


def is_name_after_title(s: str) -> bool:
    """Whether ``s``, right after a whole title, is a person's name: :func:`is_person_name`, or a
    word of ``NAME_AFTER_TITLE`` (「副市长黄河」: 黄河 alone is the river)."""
    return is_person_name(s) or (isinstance(s, str) and to_simplified(s) in _lex().name_after_title)


def could_be_name(s: str) -> bool:
    """Whether ``s`` has the shape of a Han name even with a surname outside the lexicon.

    Two or three Han characters, none of them a function word or a unit of office, not a
    common word of the lexicon, not opening with a word that introduces people (出席, 调研)
    or one of two characters or more that follows names (介绍, 认为), and not a title.  Far
    weaker than :func:`is_person_name`: it is used only for an item of a list whose other items
    are confirmed names
    (「市领导禤国维、王乐新、仉建华出席」).
    """
    if not isinstance(s, str) or not 2 <= len(s) <= 3:
        return False
    return _could_be_name(patterns_setting(), s)


@functools.lru_cache(maxsize=16384)
def _could_be_name(patterns_dir: str | None, s: str) -> bool:
    # cached per patterns directory like _is_person_name: the lists ask about every piece of
    # two or three characters before a verb, the same ones again for each verb of a sentence
    if not _HAN.fullmatch(s):
        return False
    t = to_simplified(s)
    lex = _lex()
    if (t in lex.not_name or t[:2] in lex.cue or t in lex.cue or any(ch in _NEVER_IN_NAME for ch in t)
            or t[-1] in _NEVER_LAST_IN_NAME):
        return False
    opening = lex.after.match(t)  # a word that follows names (介绍, 认为) opens none; one character may be a surname
    if opening is not None and opening.end() > 1:
        return False
    return lex.has_head.search(t) is None and not is_title(t)


def worth_asking_the_model(s: str) -> bool:
    """Whether a model PER span could make ``s`` a name where the lexicon reads none: it has the
    shape of a Han name (:func:`could_be_name`) or holds a middle dot. Elsewhere the model's
    answer could not make it a name, so the rules do not ask it (the model is the slow part)."""
    return could_be_name(s) or any(d in s for d in _DOTS)


@functools.lru_cache(maxsize=16384)
def _is_person_name(patterns_dir: str | None, t: str) -> bool:
    # cached per patterns directory: every kind asks about the same few strings again and again
    lex = _lex()
    if len(t) == 3 and t[1] == "之" and t[0] in lex.surnames:
        return _is_person_name(patterns_dir, t[0] + t[2])
    if any(d in t for d in _DOTS):
        # no word of news inside (「阿不都·热合曼出席会议并」 runs on past the name)
        return (_MINORITY.fullmatch(t) is not None and len(t) <= 20
                and lex.has_head.search(t) is None
                and not any(m.end() - m.start() > 1 for m in lex.after.finditer(t)))
    if not 2 <= len(t) <= 4 or not _HAN.fullmatch(t):
        return False
    if t in lex.not_name or any(ch in _NEVER_IN_NAME for ch in t[1:]) or t[-1] in _NEVER_LAST_IN_NAME:
        return False
    if lex.has_head.search(t) is not None:
        return False
    if t[:2] in lex.compound:
        return len(t) in (3, 4)
    if t[0] not in lex.surnames:
        return False
    if len(t) == 4:  # two surnames and a given name (陈冯富珍), not a name and a verb (赵文主持)
        return (t[1] in lex.surnames and t[:2] not in lex.not_name and t[2:] not in lex.cue
                and lex.after.fullmatch(t[2:]) is None)
    return True


def is_title(s: str) -> bool:
    """Whether ``s`` is, as a whole, an official title (市委书记, 市工信局局长, 市领导…)."""
    if not isinstance(s, str) or not s:
        return False
    return _is_title(patterns_setting(), s)


@functools.lru_cache(maxsize=16384)
def _is_title(patterns_dir: str | None, s: str) -> bool:
    return _lex().title.fullmatch(to_simplified(s)) is not None  # (cached: the same units are asked again)


def max_width(compiled: Any) -> int | None:
    """The most characters a match of a standard-engine pattern can span, or None (unbounded, or a
    pattern of the ``regex`` engine, which does not say): a bound the readers of names use to skip
    positions where a match cannot reach."""
    if not isinstance(compiled, re.Pattern):
        return None
    try:
        width = re._parser.parse(compiled.pattern, compiled.flags).getwidth()[1]  # type: ignore[attr-defined]
    except Exception:  # another Python's parser: no bound
        return None
    return width if width < 10_000 else None


def scan_form(rx: Any) -> Any:
    """``rx`` for a scan over a whole text or article: the same matches, found faster.

    A ``re`` pattern some of whose branches open with a lookbehind (「(?<![接继兼历曾])任」) or an
    optional word gets no quick test of its first character from ``re``, which then tries the
    whole pattern at every position; behind a lookahead for the characters a match can start with
    (:func:`first_chars`) it finds the very same matches (the lookahead holds wherever a match
    starts and takes no characters) and skips the other positions at once.  A ``regex`` pattern
    is first written for ``re`` where :func:`compile_fast` can (the matches are the same).
    """
    if isinstance(rx, regex.Pattern):
        rx = compile_fast(rx.pattern, bool(rx.flags & regex.VERBOSE))
    if not isinstance(rx, re.Pattern):
        return rx
    try:  # a pattern that may match nothing may match where no first character stands
        shortest = re._parser.parse(rx.pattern, rx.flags).getwidth()[0]  # type: ignore[attr-defined]
    except Exception:  # another Python's parser: the pattern as it is
        return rx
    first = first_chars(rx) if shortest > 0 else None
    if first is None:
        return rx
    return re.compile(f"(?={first.pattern})(?:{rx.pattern})", rx.flags)


def title_tails(patterns: Any) -> tuple[frozenset[str], int]:
    """The last characters of every whole title, and how many: a title (``TITLE_FULL``) ends
    with a head or a group title (its branches) or 领导, so a piece that ends otherwise is none."""
    ends = set(patterns.lexicon("TITLE_HEAD")) | set(patterns.lexicon("GROUP_TITLE")) | {"领导"}
    n = min(2, *map(len, ends))
    return frozenset(w[-n:] for w in ends), n


def _per_spans(entities: Iterable[Any]) -> list[tuple[int, int]]:
    return [(int(e[0]), int(e[1])) for e in entities if len(e) >= 3 and e[2] == "PER"]


def name_end(text: str, start: int, limit: int | None = None,
             entities: Iterable[Any] | Callable[[], Iterable[Any]] = ()) -> int | None:
    """Where the name that starts at ``text[start]`` ends, or None when no name starts there.

    The text may run on after the name (「江成与大家座谈」): the longest candidate of two to
    four characters that is a name *and* is followed by a separator, a connective or a verb
    wins.  ``limit`` is a hard end (the name never reaches past it; reaching it counts as a
    boundary).  A model ``PER`` span starting at ``start`` is taken when the lexicon reads
    no name there, or when it is longer and a name itself.  ``entities`` may be a function
    that gives the spans: it is called only when the lexicon reads no name or the name runs
    on into a middle dot, so the model runs only where the rules need it.
    """
    if not isinstance(text, str) or not 0 <= start < len(text):
        return None
    limit = len(text) if limit is None else min(limit, len(text))
    ruled = _rule_name_end(text, start, limit)
    if callable(entities):  # spans asked for only when needed: the model is slow
        if ruled is not None and not any(d in text[start:ruled + 1] for d in _DOTS):
            return ruled
        if ruled is None and not could_be_name(text[start:start + 2]):
            return None  # not even the shape of a name starts here
        entities = entities()
    # a model span that starts here wins where the lexicon reads no name; where both read one,
    # it wins when it is a name itself and either longer or a name with a middle dot, whose right
    # edge the rules cannot see (艾力·买买提 in 「艾力·买买提表示」).  A Han name cut short
    # (史孟 for 史孟起) never overrides a name the rules read with a clear boundary.
    for s, e in _per_spans(entities):
        if s != start or e > limit:
            continue
        if ruled is None:
            return e
        name = text[s:e]
        if e != ruled and is_person_name(name) and (e > ruled or any(d in name for d in _DOTS)):
            return e
    return ruled


def _rule_name_end(text: str, start: int, limit: int) -> int | None:
    t = to_simplified(text[start:min(limit, start + 24)])
    lex = _lex()
    m = _MINORITY.match(t)
    if m:
        # the part after the last dot runs on into the words that follow (「艾力·买买提表示」):
        # the shortest reading of two or more characters that a boundary follows ends the name,
        # but a one-character word (都, 等) ends it only after three, and where two words
        # overlap (提出 and 出席 in 「买买提出席」) the later one is the boundary
        last = max(m.group().rfind(d) for d in _DOTS) + 1
        for i in range(min(last + 2, m.end()), m.end() + 1):
            if start + i >= limit or i >= len(t):
                return start + i
            after = lex.after.match(t, i)
            if after is None or (after.end() - i == 1 and i - last < 3 and _HAN.match(t, i)):
                continue
            later = lex.after.match(t, i + 1)
            if after.end() - i > 1 and later is not None and later.end() > after.end():
                continue
            return start + i
    setting = patterns_setting()  # (is_person_name inlined: the readings of two to four characters)
    for n in (4, 3, 2):
        if (n <= len(t) and not t[0].isspace() and not t[n - 1].isspace()
                and _is_written_person_name(setting, t[:n]) and _boundary(t, n, lex, start + n >= limit)):
            # a shorter reading followed by a word of news that runs past this one reads better
            # (「王刚认为」 is 王刚 + 认为, not 王刚认 + 为), and so does one followed by a word of
            # two characters or more that ends where this one does (「梁华出席」: 梁华 + 出席, not a
            # four-character name of two surnames); a one-character word never shortens a name
            for m in range(n - 1, 1, -1):
                word = lex.after.match(t, m)
                if (word is not None and (word.end() > n or (word.end() == n and n - m >= 2))
                        and start + m < limit and is_person_name(t[:m])):
                    return start + m
            return start + n
    return None


def runs_over_adverb(text: str, start: int, end: int) -> bool:
    """Whether the name read as ``text[start:end]`` runs on over an adverb that opens what the
    person does (``E_NAME_TRAIL``: 正, 在, 还 …): its last character is one, the rest is a name of
    the lexicon, and no word of ``NAME_AFTER`` of two characters or more comes right after the
    whole, which would give it a clear edge (「王建正表示」 keeps 王建正).  Only the shape: the
    caller says whose reading it doubts (the model's in enterprises.py, a four-character reading
    of two surnames in meetings.py: 「副市长杜国平正在会上强调」)."""
    if not isinstance(text, str) or not 0 <= start < end <= len(text) or end - start < 3:
        return False
    lex = _lex()
    t = to_simplified(text[start:min(len(text), end + 8)])
    n = end - start
    if lex.trail.fullmatch(t, n - 1, n) is None or not is_person_name(t[:n - 1]):
        return False
    after = lex.after.match(t, n)
    return after is None or after.end() - after.start() < 2


def _boundary(t: str, i: int, lex: _Lexicons, at_limit: bool = False) -> bool:
    return at_limit or i >= len(t) or lex.after.match(t, i) is not None


def split_name(s: str) -> tuple[str, str] | None:
    """Split ``s`` into the name it starts with and the rest: 「江成与大家座谈」 → ("江成", "与大家座谈")."""
    end = name_end(s, 0) if isinstance(s, str) else None
    if end is None:
        return None
    return s[:end], s[end:]


def title_start(text: str, name_start: int, lo: int = 0) -> int | None:
    """Where the title that ends right before ``text[name_start]`` begins (None: no title).

    The longest run of ``text[lo:name_start]`` (at most 30 characters) that is a whole
    title wins: 「会议由市委副书记」 gives the start of 市委副书记.
    """
    if not isinstance(text, str) or not 0 < name_start <= len(text):
        return None
    lo = max(lo, name_start - _MAX_TITLE, 0)
    t = to_simplified(text[lo:name_start])
    lex = _lex()
    if not t.endswith(lex.title_ends) and (not t.endswith("\n") or lex.title_end.search(t) is None):
        return None
    # the verbs a title never starts inside are read only once a title is found past the first
    # character (none stands inside at 0): most pieces are a title from their start
    inside: set[int] | None = None
    for i in range(len(t)):
        if lex.title.fullmatch(t, i) is not None:
            if i == 0:
                return lo
            if inside is None:
                inside = _inside_stop_words(t, lex)
            if i not in inside:
                return lo + i
    return None


def _inside_stop_words(t: str, lex: _Lexicons) -> set[int]:
    """Positions inside (not at the start of) a verb like 传达: a title never starts there."""
    inside: set[int] = set()
    for m in lex.stop.finditer(t, overlapped=True):
        inside.update(range(m.start() + 1, m.end()))
    return inside


def split_title(s: str) -> tuple[str | None, str] | None:
    """Split a whole mention into (title, name): 「市委书记李卫东」 → ("市委书记", "李卫东").

    The mention must be exactly an optional title and a name; anything else gives None.
    """
    if not isinstance(s, str) or not s:
        return None
    if is_person_name(s):
        return None, s
    t = to_simplified(s)
    title = _lex().title
    for cut in range(len(t) - 2, 0, -1):
        if is_person_name(s[cut:]) and title.fullmatch(t[:cut]) is not None:
            return s[:cut], s[cut:]
    return None
