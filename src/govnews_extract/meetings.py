"""Record kind: meetings, with their date, name, chairs, speakers, attendees and units.

How a text is read (the wordings themselves live in patterns/meetings.yaml):

1. The text is cut into articles.  A page carries several: an article starts at a
   headline (a short line that does not end a sentence) or at 「本报讯」 after body text.
   A meeting's people and date come from its own article only.
2. Meeting mentions are found by their rules (召开…会议, …会议在…召开, 在…会议上强调,
   a headline 「…大会强调」, 收听收看…电视电话会议).  Mentions of one article that name the
   same meeting (or a 「召开会议」 that names none) are merged into one meeting.
3. Role verbs (主持, 讲话/强调/指出…, 出席/参加/列席/在主席台就座, 「出席会议的有」) are found
   next; the list of people right before the verb (or after a lead-in) is read item by item
   with the helpers of :mod:`._people`: every item must be a name, optionally with a
   title, or the list stops.  A title heads every untitled name after it; a group title
   after 「等」 serves the names that have none.  A list of units instead of people
   (「市工信局、市应急管理局等5家单位作了交流发言」) gives organizations.
4. A role belongs to the meeting its verb introduces (「主持召开…」), the one named inside it
   (「在…会议上强调」), else the nearest meeting mentioned before it in the article.
5. A person without a title where they chair or speak takes it from an earlier mention of the
   same name in the text (a specific title before a group title such as 市领导).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import _calendar, _models
from ._articles import is_headline
from ._patterns import EndSearch, compile_fast, compiled_per_directory, first_chars, match_widths, scan_form
from ._people import (
    could_be_name,
    is_name_after_title,
    is_person_name,
    is_title,
    name_end,
    runs_over_adverb,
    title_start,
    title_tails,
    worth_asking_the_model,
)
from ._records import Meeting, Person
from ._text import to_simplified

Span = tuple[int, int]
_Titled = tuple[int, str, int]  # a name after a title word: where it starts, the name, where the word starts

_SENTENCE_END = "。！？!?；;\n"
_SENTENCE_END_RE = compile_fast("[" + _SENTENCE_END + "]")
_UP_TO_SENTENCE_END = compile_fast("(?s:.*)[" + _SENTENCE_END + "]")  # to the last sentence end
_SEPARATORS = compile_fast(r"[、，,]")
_CONNECTIVE = compile_fast(r"以及|和|及|与|同")
_AT_PLACE_OF = compile_fast(r"在\p{Han}{1,6}?的")
_LIST_JOIN = compile_fast(r"[、，,和及与]")
_CLAUSE_STOP = compile_fast(r"[，,。；;！？!?\n]")
_BY_ENDING = compile_fast(r"由[^，。；！？、]{2,40}$")
_MAX_REGION = 400  # a list of people before a verb never reaches further back than this
_DAY_REACH = 1000  # 「下午，」 takes the day named last before it, this far back at most
_MAX_PIECE = 40  # one item of a list (title and name) is never longer than this
_TITLE_BLOCK = 300  # titled_mentions reads blocks of at least this many characters, cut after a sentence end
_PRIORITY = {"meeting_convened": 0, "meeting_held": 1, "meeting_at_speech": 2, "meeting_headline": 3,
             "meeting_watched": 4}
_PLACE_PREFIX = compile_fast(r"^(?:全市|全县|全区|全省|全州|我市|我县|我区|本市|市|县|区|省)")


# -- the compiled rules ------------------------------------------------------------------------

class _Rules:
    """The meeting rules and vocabulary of one patterns directory, compiled once."""

    def __init__(self, p: Any) -> None:
        self.convened = p.rule("meeting_convened").scanner
        self.held = p.rule("meeting_held").scanner
        self.at_speech = p.rule("meeting_at_speech").scanner
        self.headline = p.rule("meeting_headline").regex
        self.watched = p.rule("meeting_watched").scanner
        self.chair = p.rule("chair_presided").regex
        # scanned over every article: written for re with a test of its first character (scan_form),
        # twice as fast as the regex engine the rule names (10 -> 5 ms per 300 000 characters)
        self.speak = scan_form(p.rule("speaker_spoke").regex)
        self.attend = p.rule("attendee_list").scanner  # (needs/stops: read only near its words)
        self.lead_in = p.rule("attendee_lead_in").scanner
        self.reported = p.rule("organization_reported").regex
        self.also_speaks = p.compile("{M_ALSO_SPEAKS}")
        self.unit_speech = tuple(p.lexicon("M_UNIT_SPEECH"))
        self.pronoun = p.compile("{M_PRONOUN_SUBJECT}")
        self.another = p.compile("(?:{M_ANOTHER})(?:主持|出席|参加)?+$")
        self.generic = frozenset(p.lexicon("M_GENERIC_NAME"))
        self.held_cut = p.compile("(?:{M_HELD_CUT})")
        self.prefix = p.compile(r"(?:{M_DATE}(?:上午|下午|晚上|晚|中午)?)?{M_SUBJECT_PREFIX}")
        self.prefix_first = first_chars(self.prefix)  # what a prefix that is not empty starts with
        self.prefix_width = match_widths(self.prefix)[1]  # and how long one can be (None: not known)
        # searched for at the end of a list (both end in $): tried only where a match can start
        self.tail = EndSearch(p.compile("{M_LIST_TAIL}"))
        self.org_tail = EndSearch(p.compile("{M_ORG_TAIL}"))
        self.org = p.compile("{M_ORG_NAME}")
        self.title = p.compile("{TITLE_FULL}")
        self.title_tails, self.tail_length = title_tails(p)
        self.unit = p.compile("(?:{TITLE_UNIT})")
        self.heads = p.compile("(?:{TITLE_HEAD}|{GROUP_TITLE})")
        # the words of ``heads`` (both are word lists): a piece is one exactly where heads fullmatches it
        self.head_words = frozenset(w for w in (*p.lexicon("TITLE_HEAD"), *p.lexicon("GROUP_TITLE")) if w)
        # the same words as a tree of their characters: matches where (and only where) one of them
        # starts, found far faster than by trying the flat list of words at every character
        self.head_at = compile_fast(_word_tree(self.head_words))
        self.group_titles = frozenset(p.lexicon("GROUP_TITLE"))
        # scanned over sentences: written for re with a test of its first character (scan_form), faster
        # than the regex engine, which is faster than re without it
        self.date = scan_form(p.compile("{M_DATE}", engine="regex"))


_rules = compiled_per_directory(_Rules)


def _word_tree(words: Iterable[str]) -> str:
    """A pattern that matches at a position exactly where one of ``words`` (plain strings) starts:
    their characters as a tree (「市长|市委书记」 as 市(?:长|委书记)), longest words first."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + branch(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word ends here: what follows is optional
            body = ("(?:" + body + ")" if len(alts) == 1 and len(body) > 1 else body) + "?"
        return body

    return branch(tree) or "(?!)"


def _words_finditer(rx: Any, at: Any, text: str, pos: int, endpos: int) -> Iterator[Any]:
    """``rx.finditer(text, pos, endpos)`` for ``rx`` a list of plain words and ``at`` their
    :func:`_word_tree`: ``at`` finds the next position where a word starts, ``rx`` matches there
    (the same match its scan would find: the scan goes on from the end of the last one)."""
    while True:
        found = at.search(text, pos, endpos)
        if found is None:
            return
        m = rx.match(text, found.start(), endpos)
        yield m
        pos = m.end()


def _no_reuse(key: Any, compute: Any) -> Any:
    """``ctx.reuse`` for a context that keeps no dry run: compute every time."""
    return compute()


# -- what one article holds ------------------------------------------------------------------

@dataclass
class _Said:
    """One person at one role verb: name span, title span (or a group title's text)."""

    name: Span
    title: Span | None
    rule: str
    group_title: Span | None = None
    inherited: Span | None = None  # a title shared from earlier in the same list


@dataclass
class _Role:
    role: str  # chair, speaker, attendee, organization
    rule: str
    region: Span
    verb: Span
    people: list[_Said] = field(default_factory=list)
    orgs: list[Span] = field(default_factory=list)


@dataclass
class _Mention:
    rule: str
    span: Span
    name: Span | None
    date: dt.date | None
    headline: bool


@dataclass
class _Draft:
    mentions: list[_Mention]
    roles: list[_Role] = field(default_factory=list)

    @property
    def watched(self) -> bool:
        return all(m.rule == "meeting_watched" for m in self.mentions)


class _Reader:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.text: str = ctx.text
        self.r = _rules()
        self.names_at = ctx.names_at  # the model's name spans near a position (none without models)
        self._head_titles: dict[int, tuple[str, bool] | None] = {}  # head_title's, by where the head starts

    # -- articles and sentences ---------------------------------------------------------------
    def articles(self) -> list[tuple[int, int, list[Span]]]:
        """(start, end, headline spans) of every article, in text order (:mod:`._articles`)."""
        return [(s, e, list(heads)) for s, e, heads in self.ctx.articles]

    def _is_headline(self, line: str) -> bool:
        return is_headline(line)

    def sentence_start(self, pos: int, lo: int) -> int:
        """After the last sentence end in ``text[lo:pos]`` (``lo`` if none), at most ``_MAX_REGION`` back."""
        if pos <= lo:
            return pos
        lo = max(lo, pos - _MAX_REGION)
        m = _UP_TO_SENTENCE_END.match(self.text, lo, pos)
        return m.end() if m else lo

    def sentence_end(self, pos: int, hi: int) -> int:
        m = _SENTENCE_END_RE.search(self.text, pos, hi)
        return m.start() if m else max(pos, hi)

    # -- names and lists ---------------------------------------------------------------------
    def _name_ok(self, s: int, e: int) -> bool:
        piece = self.text[s:e]
        if is_person_name(piece):
            return True
        compact = "".join(piece.split())
        if compact != piece and len(compact) in (2, 3) and is_person_name(compact) and not piece[0].isspace():
            return True
        # the model, where the lexicon reads no name, for a piece shaped like a name (a Han name
        # with a surname outside the lexicon, or a dotted one): elsewhere it cannot change the answer
        return (worth_asking_the_model(piece) and _models.is_person_name(piece)
                and (s, e, "PER") in self.names_at(s, "PER"))

    def _strip(self, s: int, e: int) -> Span:
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def _is_title(self, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` is a whole title (its last characters are those of a title first)."""
        return (self.text[e - self.r.tail_length:e] in self.r.title_tails
                and self.r.title.fullmatch(self.text, s, e) is not None)

    def person_item(self, s: int, e: int, depth: int = 0) -> list[tuple[Span | None, Span]] | None:
        """An item that is wholly names: 「李卫东」「市委书记李卫东」「张三和李四」, a name written with
        同志 after it too (「王建国同志、李红军同志出席」)."""
        s, e = self._strip(s, e)
        if e - s > 3 and self.text.endswith("同志", s, e):
            e -= 2
        if e - s < 2 or e - s > _MAX_PIECE:
            return None
        if self._name_ok(s, e):
            return [(None, (s, e))]
        # the shortest title in front (so the longest name) that reads as a whole title
        text, tails, n = self.text, self.r.title_tails, self.r.tail_length
        for cut in range(s + 1, e - 1):
            if (text[cut - n:cut] in tails and self.r.title.fullmatch(text, s, cut) is not None  # _is_title
                    and (self._name_ok(cut, e) or is_name_after_title(text[cut:e]))):
                return [((s, cut), (cut, e))]
        after = self._title_after(s, e)
        if after is not None:
            return after
        if depth == 0:
            for m in _CONNECTIVE.finditer(self.text, s, e):
                left = self.person_item(s, m.start(), 1)
                right = self.person_item(m.end(), e, 1) if left else None
                if left and right:
                    return left + right
        return None

    def _title_after(self, s: int, e: int) -> list[tuple[Span | None, Span]] | None:
        """A name with its title written after it: in brackets, one title or several joined by 、
        (「杨振东（市委常委、秘书长）」「罗佳(副市长)」), or right after the name (「卢志强市长」「王五局长」)."""
        text = self.text
        if text[e - 1] in "）)":
            open_at = max(text.rfind("（", s, e), text.rfind("(", s, e))
            if open_at - s < 2 or not self._name_ok(*self._strip(s, open_at)):
                return None
            parts = text[open_at + 1:e - 1].split("、")
            pos = open_at + 1
            for part in parts:
                if not part or not self._is_title(pos, pos + len(part)):
                    return None
                pos += len(part) + 1
            return [((open_at + 1, e - 1), self._strip(s, open_at))]
        # right after the name, only a title word itself (市长, 副区长, 局长): 「华兰生物工程股份有限公司总经理」
        # is a firm's title, not 华兰生物 with a title after it; a name of three characters first, then two,
        # then four (覃海燕 + 副区长: not 覃海 + 燕副区长, nor 覃海燕副 + 区长)
        for cut in (s + 3, s + 2, s + 4):
            if (cut <= e - 2 and to_simplified(text[cut:e]) in self.r.head_words
                    and self._name_ok(s, cut) and self._is_title(cut, e)):
                return [((cut, e), (s, cut))]
        return None

    def _title_piece(self, s: int, e: int, prefixed: bool) -> int | None:
        """Where the whole title that ``text[s:e]`` is (or ends in, after a subject prefix) starts."""
        if self._is_title(s, e):
            return s
        if prefixed and self.text[e - self.r.tail_length:e] in self.r.title_tails and self._may_prefix(s):
            for i in range(s + 1, e - 1):
                if (self.r.prefix.fullmatch(self.text, s, i) is not None
                        and self.r.title.fullmatch(self.text, i, e) is not None):
                    return i
        return None

    def _name_and_title(self, s: int, e: int) -> tuple[list[tuple[Span | None, Span]], int] | None:
        """「市委副书记王强和市人大常委会副主任」 before 「、市总工会主席冯丽」: people joined by 和 / 及 /
        与 to the first part of the next person's title; gives the people and where that part starts."""
        for m in _CONNECTIVE.finditer(self.text, s, e):
            ts = self._strip(m.end(), e)[0]
            if ts < e and self._is_title(ts, e):
                left = self.person_item(s, m.start(), 1)
                if left:
                    return left, ts
        return None

    def loose_item(self, s: int, e: int, sep_before: str, sep_after_ok: bool) -> list[tuple[Span | None, Span]] | None:
        """An item of a 、 list that has a name's shape but a surname outside the lexicon.

        Kept only when the same list holds a confirmed name (people_before checks): in
        「市领导禤国维、王乐新、仉建华出席会议」 王乐新 vouches for 禤国维 and 仉建华.
        """
        if not sep_after_ok:
            return None
        s, e = self._strip(s, e)
        if sep_before == "、" and could_be_name(self.text[s:e]):
            return [(None, (s, e))]
        for n in (3, 2):  # a title in front: 「副市长仉建华」
            cut = e - n
            if (cut - s >= 2 and could_be_name(self.text[cut:e])
                    and self._is_title(s, cut)):
                return [((s, cut), (cut, e))]
        return None

    def _may_prefix(self, s: int) -> bool:
        """Whether a prefix that is not empty (a date, 「会上」, 「由」) may start at ``s``."""
        first = self.r.prefix_first
        return first is None or first.match(self.text, s) is not None

    def person_item_prefixed(self, s: int, e: int,
                             bare_tried: bool = False) -> list[tuple[Span | None, Span]] | None:
        """The first item of a subject: it may follow 「会上」「会议由」 or a date.

        ``bare_tried``: the caller read ``text[s:e]`` with :meth:`person_item` already and found no
        item, so the empty prefix (which always matches) is not read again."""
        if not self._may_prefix(s):
            return None if bare_tried else self.person_item(s, e) if s < e - 1 else None
        width = self.r.prefix_width
        for i in range(s + 1 if bare_tried else s, e - 1 if width is None else min(e - 1, s + width + 1)):
            if self.r.prefix.fullmatch(self.text, s, i) is not None:
                found = self.person_item(i, e)
                if found:
                    return found
        return None

    def people_before(self, lo: int, end: int, rule: str, prefixed: bool = True,
                      group: Span | None = None) -> list[_Said]:
        """The people listed in ``text[lo:end]`` right up to ``end`` (a role verb)."""
        text = self.text
        tail = self.r.tail.search(text, lo, end)
        stop = end
        if tail is not None:
            stop = tail.start()
            g = "group" if tail.group("group") else "group2"
            if tail.group(g):
                group = self._group_span(tail.span(g))
        pieces: list[tuple[int, int, str]] = []  # start, end, separator before it
        last = lo
        for m in _SEPARATORS.finditer(text, lo, stop):
            if _in_brackets(text, lo, m.start(), stop):
                continue  # 「杨振东（市委常委、秘书长）」: the 、 of a title written after the name
            pieces.append((last, m.start(), text[last - 1] if last > lo else ""))
            last = m.end()
        pieces.append((last, stop, text[last - 1] if last > lo else ""))
        found: list[tuple[Span | None, Span]] = []
        confirmed = 0
        loose: set[Span] = set()
        for k in range(len(pieces) - 1, -1, -1):
            ps, pe, sep = pieces[k]
            item = self.person_item(ps, pe)
            if item:
                found = item + found
                confirmed += len(item)
                continue
            item = self.loose_item(ps, pe, sep, pe >= stop or text[pe] == "、")
            if item:
                found = item + found
                loose.add(item[0][1])
                continue
            s2, e2 = self._strip(ps, pe)
            nxt_sep = text[pe] if pe < stop else ""
            if found and found[0][0] is not None and nxt_sep in "、，," and nxt_sep and e2 > s2:
                # 「党组书记、主任刘勋」: a title that goes on after 、 belongs to the next name,
                # also after the words that open a subject (「会议由市委副书记、市长刘建华主持」),
                # and after a comma (「…，市委常委，市政府秘书长王保明出席」: his two titles)
                ts = self._title_piece(s2, e2, prefixed)
                if (ts is None and nxt_sep == "、" and self.r.unit.fullmatch(text, s2, e2)
                        and self.r.unit.match(text, found[0][0][0])):
                    # 「县委、县政府领导王建国」: units that share the title after them, joined by 、 only
                    # (after a comma stands another clause: 「市长汤晓东作具体部署，市人大常委会主任柳青」)
                    ts = s2
                if ts is not None:
                    found[0] = ((ts, found[0][0][1]), found[0][1])
                    if ts == s2:
                        continue
                    break
                joined = self._name_and_title(s2, e2)
                if joined is not None:  # 「王强和市人大常委会副主任、市总工会主席冯丽」
                    left, ts = joined
                    found = [*left, ((ts, found[0][0][1]), found[0][1]), *found[1:]]
                    confirmed += len(left)
                    continue
            if prefixed:
                item = self.person_item_prefixed(ps, pe, bare_tried=True)
                if item:
                    found = item + found
            break
        if loose and not confirmed:
            found = [f for f in found if f[1] not in loose]
        if found and self._over_adverb(*found[-1][1], stop):
            title, (ns, ne) = found[-1]  # 「副市长杜国平正在会上强调」: 杜国平, and 正 opens what he does
            found[-1] = (title, (ns, ne - 1))
        out: list[_Said] = []
        carried: Span | None = None
        for title, name in found:
            if title is not None:
                if title[0] < name[0]:  # a title after its name (「黄立军区长、覃海燕副区长」) serves that name only
                    carried = title
                out.append(_Said(name, title, rule))
            elif carried is not None:
                out.append(_Said(name, None, rule, inherited=carried))
            else:
                out.append(_Said(name, None, rule, group_title=group))
        return out

    def _over_adverb(self, s: int, e: int, stop: int) -> bool:
        """Whether the last name of a list, ``text[s:e]`` right before its verb (or what stands
        before the verb, ``stop``), runs on over an adverb (:func:`runs_over_adverb`): a
        four-character reading of two surnames (杜国平正), or one the model reads shorter."""
        if self._strip(e, stop)[0] != stop or stop >= len(self.text) or not runs_over_adverb(self.text, s, e):
            return False
        return e - s == 4 or (s, e - 1, "PER") in self.names_at(s, "PER")

    def _group_span(self, span: Span) -> Span | None:
        """The written part of a group title after a list: 「在郑的副市级以上领导同志」 → 副市级以上领导."""
        s, e = span
        m = _AT_PLACE_OF.match(self.text[s:e])
        if m:
            s += m.end()
        if self.text[s:e].endswith("同志"):
            e -= 2
        if e - s < 2 or self.text[s:e] in ("领导", "负责"):
            return None
        return s, e

    def people_after(self, start: int, end: int, rule: str, group: Span | None = None) -> list[_Said]:
        """A list after a lead-in (「出席会议的有A、B」) that runs to the end of the sentence.

        ``group`` is a group title of the lead-in (「出席会议的市领导还有」), every listed person's title.
        """
        found = self.people_before(start, end, rule, prefixed=False, group=group)
        if not found:
            return []
        # every piece of the region must have been read
        first = min(found[0].name[0], found[0].title[0]) if found[0].title else found[0].name[0]  # 「罗佳（副市长）」
        return found if self._strip(start, first)[1] == self._strip(start, first)[0] else []

    def orgs_before(self, lo: int, end: int) -> list[Span]:
        text = self.text
        tail = self.r.org_tail.search(text, lo, end)
        stop = tail.start() if tail is not None else end
        pieces: list[Span] = []
        last = lo
        for m in _LIST_JOIN.finditer(text, lo, stop):
            # 和 / 及 / 与 join two units only after a whole one: 「市工业和信息化局」 is one unit
            if m.group() in "和及与" and not self.r.org.fullmatch(text, *self._strip(last, m.start())):
                continue
            pieces.append((last, m.start()))
            last = m.end()
        pieces.append((last, stop))
        found: list[Span] = []
        for k in range(len(pieces) - 1, -1, -1):
            ps, pe = self._strip(*pieces[k])
            if self._is_org(ps, pe):
                found.insert(0, (ps, pe))
                continue
            # the first unit may follow a lead word: 「会中由经济发展局、…」「…，會中由交通局作專案報告」
            lead = self.r.prefix.match(text, ps, pe)
            if lead is not None and ps < lead.end() < pe and self._is_org(lead.end(), pe):
                found.insert(0, (lead.end(), pe))
            break
        return found

    def _reported_units(self, s: int, e: int) -> list[Span]:
        """The units whose report is heard, from the start of ``text[s:e]``: all of it (「县发改局、
        县财政局」), or the units before the matter reported on (「市农业农村局春耕备耕」), never the unit
        of a person's title (「市委书记张三」)."""
        for cut in range(e, s + 1, -1):
            if cut < e and (e - cut > 12 or self.r.heads.match(self.text, cut) is not None):
                continue
            orgs = self.orgs_before(s, cut)
            if orgs and orgs[0][0] == s:
                return orgs
        return []

    def _is_org(self, s: int, e: int) -> bool:
        # a title is no unit: 「市委常委出席会议」 names the members as a group (is_title), not a body
        return (2 <= e - s <= 25 and self.r.org.fullmatch(self.text, s, e) is not None
                and not is_person_name(self.text[s:e]) and not is_title(self.text[s:e]))

    # -- the scans ---------------------------------------------------------------------------
    def mentions(self, a: int, b: int, headlines: list[Span]) -> list[_Mention]:
        out: list[_Mention] = []
        text = self.text

        def in_headline(pos: int) -> bool:
            return any(s <= pos < e for s, e in headlines)

        for rule, rx in (("meeting_convened", self.r.convened), ("meeting_held", self.r.held),
                         ("meeting_at_speech", self.r.at_speech), ("meeting_watched", self.r.watched)):
            for m in rx.finditer(text, a, b):
                name: Span | None = m.span("name")
                if rule == "meeting_held":
                    name = self._trim_held_name(name)
                name = self._named(name)
                head = in_headline(m.start())
                date = None if head else self.date_before(m.start(), a)
                if date is None and not head and rule == "meeting_held":  # 「…会议于1月20日在…召开」
                    after = self.r.date.search(text, m.end("name"), m.end())
                    date = self._resolve(after) if after is not None else None
                out.append(_Mention(rule, m.span(), name, date, head))
        for s, e in headlines:
            s, e = self._strip(s, e)
            m = self.r.headline.fullmatch(text, s, e)
            if m:
                out.append(_Mention("meeting_headline", m.span(), self._named(m.span("name")), None, True))
        out.sort(key=lambda m: m.span[0])
        return out

    def _trim_held_name(self, name: Span) -> Span:
        """「1月20日全市…大会在…召开」: the name starts after a date or an opening like 本报讯."""
        s, e = name
        for m in self.r.date.finditer(self.text, s, e):
            if m.end() < e:
                s = max(s, m.end())
        for m in self.r.held_cut.finditer(self.text, s, e):  # 「…宣布大会开幕」
            s = max(s, m.end())
        return self._strip(s, e)

    def _named(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        s, e = self._strip(*span)
        if s < e and self.text[s] == "的":  # 「在1月20日召开的全市春运工作会议上」: 召开 is not part of the name
            s, e = self._strip(s + 1, e)
        if e - s < 1 or self.text[s:e] in self.r.generic:
            return None
        return s, e

    def date_before(self, pos: int, lo: int) -> dt.date | None:
        start = self.sentence_start(pos, lo)
        last = None
        for m in self.r.date.finditer(self.text, start, pos):
            last = m
        return self._resolve(last) if last is not None else None

    def _resolve(self, m: Any) -> dt.date | None:
        published = self.ctx.published
        if m.group("ad"):  # 当天, 次日: counted from the day named before, as the dates read it
            return next((d.start for d in self.ctx.dates if d.start_pos == m.start()), None)
        if m.group("tod"):  # 「下午，」 opening a sentence: the day named last before it, as 当天 reads it
            days = [d for d in self.ctx.dates
                    if d.grain == "day" and m.start() - _DAY_REACH <= d.start_pos < m.start()]
            return max(days, key=lambda d: d.start_pos).start if days else None
        if m.group("rel"):
            shift = {"昨日": -1, "昨天": -1, "今日": 0, "今天": 0, "前天": -2, "前日": -2}.get(m.group("rel"))
            return None if shift is None else _calendar.shift_days(published, shift)
        if m.group("wd"):  # 上周五, 本周二, 周二 (the latest: meetings are reported after they are held)
            weekday = _calendar.WEEKDAY_NUMBERS.get(m.group("wd"))
            if weekday is None or published is None:
                return None
            if (m.group("wk") or "").startswith("上"):  # 上周一, 上星期五: last week's
                return _calendar.weekday_date(weekday, published - dt.timedelta(days=7), "week")
            if m.group("wk"):
                return _calendar.weekday_date(weekday, published, "week")
            return _calendar.weekday_date(weekday, published, "backward")
        if m.group("brel"):  # 今（12）日
            shift = {"今": 0, "昨": -1, "明": 1, "前": -2}[m.group("brel")]
            return _calendar.bracketed_relative_day(shift, int(m.group("bd")), published)
        if m.group("m"):
            month, day = int(m.group("m")), int(m.group("d"))
            if m.group("y"):
                return _calendar.safe_date(int(m.group("y")), month, day)
            return _calendar.nearest_month_day(month, day, published)
        return _calendar.last_day_of_month(int(m.group("dd")), published)

    def _speaks_too(self, pos: int, b: int) -> bool:
        """Whether the chair or attendee whose verb ends at ``pos`` also speaks: 「主持会议并讲话」, or
        after the meeting's name, 「主持召开全市春运工作会议并讲话」「出席…大会时强调」."""
        text = self.text
        if self.r.also_speaks.match(text, pos, b):
            return True
        end = _CLAUSE_STOP.search(text, pos, b)
        for m in self.r.also_speaks.finditer(text, pos, end.start() if end else b):
            if text.startswith("会议", m.start()) or text[m.start() - 1] == "会":
                return True
        return False

    def roles(self, a: int, b: int) -> list[_Role]:
        text = self.text
        out: list[_Role] = []
        pronouns: list[tuple[int, Any]] = []  # 「他强调，…」: a speech whose subject is a pronoun
        for role, rule, rx in (("chair", "chair_presided", self.r.chair), ("speaker", "speaker_spoke", self.r.speak),
                               ("attendee", "attendee_list", self.r.attend)):
            for m in rx.finditer(text, a, b):
                lo = self.sentence_start(m.start(), a)
                used_rule = rule
                if role == "chair" and _BY_ENDING.search(text[lo:m.start()]):
                    used_rule = "chair_by"
                people = self.people_before(lo, m.start(), used_rule)
                if people:
                    out.append(_Role(role, used_rule, (lo, m.start()), m.span(), people))
                    if role != "speaker" and self._speaks_too(m.end(), b):
                        out.append(_Role("speaker", "speaker_spoke", (lo, m.start()), m.span(),
                                         [_Said(p.name, p.title, "speaker_spoke", p.group_title, p.inherited)
                                          for p in people]))
                elif role == "speaker" and lo < m.start() and self.r.pronoun.fullmatch(text, lo, m.start()):
                    pronouns.append((lo, m))
                elif role in ("speaker", "attendee") and (
                        role == "attendee" or any(w in m.group() for w in self.r.unit_speech)):
                    orgs = self.orgs_before(lo, m.start())
                    if orgs:
                        out.append(_Role("organization", "organization_spoke", (lo, m.start()), m.span(), orgs=orgs))
        for m in self.r.reported.finditer(text, a, b):  # 「听取了县农业农村局关于…的汇报」
            orgs = self._reported_units(*self._strip(*m.span("orgs")))
            if orgs:
                region = (self.sentence_start(m.start(), a), m.start())
                out.append(_Role("organization", "organization_reported", region, m.span(), orgs=orgs))
        for m in self.r.lead_in.finditer(text, a, b):
            end = self.sentence_end(m.end(), b)
            g = "lgroup" if m.group("lgroup") else "lgroup2"
            people = self.people_after(m.end(), end, "attendee_lead_in", m.span(g) if m.group(g) else None)
            if people:
                out.append(_Role("attendee", "attendee_lead_in", (m.end(), end), m.span(), people))
        out.extend(self._pronoun_speakers(pronouns, out, a))
        out.sort(key=lambda r: (r.verb[0], r.role != "chair"))
        return out

    def _pronoun_speakers(self, pronouns: list[tuple[int, Any]], found: list[_Role], a: int) -> list[_Role]:
        """「市长张三主持会议。他强调，…」: a sentence that opens with 他 / 她 and a speech verb is a
        speech of the one person the sentence before names in a role; with two or more named
        there (or none) the pronoun is left unread."""
        out = []
        for lo, m in pronouns:
            before = self.sentence_start(lo - 1, a) if lo > a else lo
            people: dict[str, _Said] = {}
            for r in found:
                if before <= r.verb[0] < lo:
                    for p in r.people:
                        people.setdefault(self.text[slice(*p.name)], p)
            if len(people) == 1:
                (p,) = people.values()
                out.append(_Role("speaker", "speaker_spoke", (lo, m.start()), m.span(),
                                 [_Said(p.name, p.title, "speaker_spoke", p.group_title, p.inherited)]))
        return out

    def titled_mentions(self) -> list[_Titled]:
        """(position, name, where the title word before it starts) of every name written right after
        a title word in the text; :meth:`head_title` reads the whole title there, only for the names
        a record asks about (most are never asked, and the name is what the model may change).

        Read in blocks of whole sentences (no title word holds a sentence end), each its own
        part for ``ctx.reuse``: after a dry run only the blocks where the model named someone the
        rules alone did not are read again."""
        reuse = getattr(self.ctx, "reuse", None) or _no_reuse
        text = self.text
        out: list[_Titled] = []
        start = 0
        while start < len(text):
            stop = _SENTENCE_END_RE.search(text, min(len(text), start + _TITLE_BLOCK))
            end = stop.end() if stop else len(text)
            out += reuse(("meeting titles", start), lambda a=start, b=end: self._titled_mentions(a, b))
            start = end
        return out

    def _titled_mentions(self, a: int, b: int) -> list[_Titled]:
        text = self.text
        out: list[_Titled] = []
        for m in _words_finditer(self.r.heads, self.r.head_at, text, a, b):
            if text.startswith("会", m.end()):  # 常委会, 委员会: a body, and the title runs on after it
                continue
            end = name_end(text, m.end(), entities=functools.partial(self.names_at, m.end(), "PER"))
            if end is None:
                continue
            out.append((m.end(), text[m.end():end], m.start()))
        return out

    def head_title(self, head: int, name: int) -> tuple[str, bool] | None:
        """The whole title (as written) that ends in the title word at ``text[head:name]`` right
        before a name, and whether it is a group title; None where no whole title ends there.
        The rules alone decide it (no model), so it is read once per text, when first asked."""
        found = self._head_titles.get(head, False)
        if found is not False:
            return found  # type: ignore[return-value]
        text = self.text
        lo = max(self.sentence_start(head, 0), text.rfind("，", 0, head) + 1, text.rfind("、", 0, head) + 1)
        ts = title_start(text, name, lo)
        if ts is not None:
            ts = self._compound_title_start(ts)
            found = (self.ctx.written(ts, name), text[ts:name] in self.r.group_titles)
        else:
            found = None
        self._head_titles[head] = found
        return found


    def _compound_title_start(self, ts: int) -> int:
        """Where a compound title starts whose last part starts at ``ts``: 「县委副书记、县长向明远」 is
        all 县委副书记、县长 (whole titles joined by 、, as the lists read them)."""
        text = self.text
        while ts > 1 and text[ts - 1] == "、":
            lo = self.sentence_start(ts - 1, 0)
            ps = max(lo, text.rfind("、", lo, ts - 1) + 1, text.rfind("，", lo, ts - 1) + 1)
            ps, pe = self._strip(ps, ts - 1)
            if pe - ps < 2 or pe - ps > _MAX_PIECE or pe != ts - 1:
                break
            first = title_start(text, pe, ps)  # the piece may open with 「会议由」 or a date
            if first is None:
                break
            ts = first
            if first > ps:
                break
        return ts


def _in_brackets(text: str, lo: int, pos: int, hi: int) -> bool:
    """Whether ``text[pos]`` stands inside a pair of round brackets opened at or after ``lo``
    and closed before ``hi``."""
    opened = max(text.rfind("（", lo, pos), text.rfind("(", lo, pos))
    if opened < 0 or max(text.rfind("）", opened, pos), text.rfind(")", opened, pos)) > opened:
        return False
    close = [i for i in (text.find("）", pos, hi), text.find(")", pos, hi)) if i >= 0]
    return bool(close)


def _short_form(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of the unit ``full``, written again later: its characters in
    order, the same first and last (「經發局」 of 「經濟發展局」, 「市工信局」 of 「市工业和信息化局」)."""
    if not 3 <= len(short) < len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _compatible(a: str, b: str) -> bool:
    a2, b2 = _PLACE_PREFIX.sub("", a), _PLACE_PREFIX.sub("", b)
    return bool(a2) and bool(b2) and (a2 in b2 or b2 in a2)


def _merge(reader: _Reader, mentions: list[_Mention]) -> list[_Draft]:
    drafts: list[_Draft] = []
    unnamed: list[_Mention] = []
    text = reader.text
    for m in mentions:
        if m.name is None:
            unnamed.append(m)
            continue
        name = text[m.name[0]:m.name[1]]
        for d in drafts:
            if any(x.name and _compatible(name, text[x.name[0]:x.name[1]]) for x in d.mentions):
                d.mentions.append(m)
                break
        else:
            drafts.append(_Draft([m]))
    for m in unnamed:
        target = next((d for d in drafts if not d.watched), None)
        if target is None:
            target = next((d for d in drafts if all(x.name is None for x in d.mentions)), None)
        if target is not None and _another_meeting(reader, target, m):
            target = None  # 「3月14日，市长宋杰又主持召开专题会议」 after the 常务会议: a meeting of its own
        if target is None:
            drafts.append(_Draft([m]))
        else:
            target.mentions.append(m)
    for d in drafts:
        d.mentions.sort(key=lambda x: x.span[0])
    drafts.sort(key=lambda d: d.mentions[0].span[0])
    return drafts


def _another_meeting(reader: _Reader, draft: _Draft, m: _Mention) -> bool:
    """Whether a nameless mention is a meeting of its own rather than the draft's again: it is
    dated another day than the draft, or written as another one (M_ANOTHER: 「又主持召开」)."""
    days = {x.date for x in draft.mentions if x.date is not None}
    if m.date is not None and days and m.date not in days:
        return True
    return reader.r.another.search(reader.text, max(0, m.span[0] - 6), m.span[0]) is not None


class _MentionIndex:
    """The mentions of an article's drafts by start, for :func:`_attach`: each role looks up the few
    mentions near it instead of going over all of them (an article of thousands of meetings, each
    with its chair, made that quadratic). Ties go to the earlier draft, then its earlier mention."""

    def __init__(self, drafts: list[_Draft]) -> None:
        self.entries = sorted((m.span[0], di, mi, d) for di, d in enumerate(drafts)
                              for mi, m in enumerate(d.mentions))
        self.starts = [e[0] for e in self.entries]

    def first_in(self, lo: int, hi: int) -> _Draft | None:
        """The draft listed first among the mentions starting in [lo, hi)."""
        found = self.entries[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]
        return min(found, key=lambda e: (e[1], e[2]))[3] if found else None


def _attach(index: _MentionIndex, role: _Role) -> _Draft | None:
    vs, ve = role.verb
    starts, entries = index.starts, index.entries
    found = index.first_in(vs, ve + 3)  # 「主持召开…」「出席全省…视频会议」
    if found is None:  # 「X在…会议上强调」
        found = index.first_in(role.region[0], vs)
    if found is not None:
        return found
    i = bisect.bisect_left(starts, role.region[0])
    if i > 0:  # the nearest mention before the role
        return entries[bisect.bisect_left(starts, starts[i - 1])][3]
    j = bisect.bisect_left(starts, ve)  # else the nearest after it
    return entries[j][3] if j < len(entries) else None


def _person_list(reader: _Reader, said: Iterable[_Said], index: list[_Titled],
                 fill_title: bool, article_end: int = 0) -> tuple[Person, ...]:
    """One Person per name (first mention first); the title written at a mention wins."""
    ctx = reader.ctx
    text = reader.text
    order: list[str] = []
    best: dict[str, tuple[str | None, _Said]] = {}
    for s in said:
        name = "".join(text[s.name[0]:s.name[1]].split())
        span = s.title or s.inherited or s.group_title
        title = ctx.written(*span) if span else None
        if name not in best:
            order.append(name)
            best[name] = (title, s)
        elif best[name][0] is None and title is not None:
            best[name] = (title, best[name][1])
    out = []
    for name in order:
        title, s = best[name]
        if title is None and fill_title:
            title = _earlier_title(reader, index, name, s.name[0])
            if title is None:  # 「柯文杰强调…。市委副书记、市长卢志强主持会议，市委书记柯文杰…」
                title = _later_title(reader, index, name, s.name[0], article_end)
        spans = [s.name] + ([s.title] if s.title else [])
        written = "".join(ctx.written(*s.name).split())
        out.append(Person(written, title, evidence=ctx.evidence(s.rule, *sorted(spans))))
    return tuple(out)


def _titles_of(reader: _Reader, index: list[_Titled], name: str, keep: Any) -> list[tuple[int, str, bool]]:
    """(position, title, is_group) of the titled mentions of ``name`` at a position ``keep`` accepts."""
    out = []
    for p, n, head in index:
        if n == name and keep(p):
            found = reader.head_title(head, p)
            if found is not None:
                out.append((p, *found))
    return out


def _earlier_title(reader: _Reader, index: list[_Titled], name: str, pos: int) -> str | None:
    earlier = _titles_of(reader, index, name, lambda p: p <= pos)
    specific = [t for t in earlier if not t[2]]
    pick = specific or earlier
    return max(pick, key=lambda t: t[0])[1] if pick else None


def _later_title(reader: _Reader, index: list[_Titled], name: str, pos: int, end: int) -> str | None:
    """Where no titled mention of the name comes before, the first one after it in the same article
    (a specific title before a group title)."""
    later = _titles_of(reader, index, name, lambda p: pos < p < end)
    specific = [t for t in later if not t[2]]
    pick = specific or later
    return min(pick, key=lambda t: t[0])[1] if pick else None


def extract(ctx: Any) -> list[Meeting]:
    """Every meeting the text reports (see the module docstring for how it is read)."""
    text = getattr(ctx, "text", "")
    if not isinstance(text, str) or not text.strip() or "会" not in text:
        return []
    reader = _Reader(ctx)
    # a dry run's roles and titles stand for the real run where the model had nothing to say on them
    reuse = getattr(ctx, "reuse", None) or _no_reuse
    index: list[_Titled] | None = None
    meetings: list[Meeting] = []
    where: list[tuple[int, bool]] = []  # each meeting's article (its start) and whether only headlines name it
    for a, b, headlines in reuse("meeting articles", reader.articles):
        # (the meetings a text names and their dates ask the model nothing: the dry run's stand)
        mentions = reuse(("meeting mentions", a, b), lambda a=a, b=b, h=headlines: reader.mentions(a, b, h))
        if not mentions:
            continue
        drafts = _merge(reader, mentions)
        by_start = _MentionIndex(drafts)
        for role in reuse(("meeting roles", a, b), lambda a=a, b=b: reader.roles(a, b)):
            target = _attach(by_start, role)
            if target is not None:
                target.roles.append(role)
        if index is None and any(d.roles for d in drafts):
            index = reader.titled_mentions()  # (its blocks are parts of their own for reuse)
        for d in drafts:
            where.append((a, all(m.headline for m in d.mentions)))
            meetings.append(_build(reader, d, drafts, index or [], a, b))
    return _without_links(meetings, where)


def _without_links(meetings: list[Meeting], where: list[tuple[int, bool]]) -> list[Meeting]:
    """A meeting named only in headlines (a list page's links: 「· 副市长刘霞收听收看全国…电视电话会议
    2016-04-19」) that another article of the page reports in its body under the same name is that
    article's meeting, not a second one."""
    reported = [(a, m.name) for m, (a, only) in zip(meetings, where, strict=True) if not only and m.name]
    return [m for m, (a, only) in zip(meetings, where, strict=True)
            if not (only and m.name and any(b != a and _compatible(m.name, n) for b, n in reported))]


def _build(reader: _Reader, d: _Draft, drafts: list[_Draft], index: list[_Titled],
           a: int, b: int) -> Meeting:
    ctx = reader.ctx
    by_priority = sorted(d.mentions, key=lambda m: (m.headline, _PRIORITY[m.rule], m.span[0]))
    named = next((m for m in by_priority if m.name is not None), None)
    date = next((m.date for m in by_priority if m.date is not None), None)
    if date is None and d is drafts[0]:
        # the article's dateline (its first body sentence) dates its first meeting
        body = next((m for m in by_priority if not m.headline), None)
        if body is None:
            date = _lead_date(reader, a, b)
    chairs = [p for r in d.roles if r.role == "chair" for p in r.people]
    speakers = [p for r in d.roles if r.role == "speaker" for p in r.people]
    attendees = [p for r in d.roles if r.role == "attendee" for p in r.people]
    orgs: list[str] = []
    for r in d.roles:
        for s, e in r.orgs:
            w = ctx.written(s, e)
            if not any(w == o or _short_form(w, o) or _short_form(o, w) for o in orgs):
                orgs.append(w)
    spans = [m.span for m in d.mentions]
    return Meeting(
        date=date,
        name=ctx.written(*named.name) if named is not None and named.name is not None else None,
        chairs=_person_list(reader, chairs, index, True, b),
        speakers=_person_list(reader, speakers, index, True, b),
        attendees=_person_list(reader, attendees, index, False),
        organizations=tuple(orgs),
        evidence=ctx.evidence(by_priority[0].rule, *sorted(set(spans))),  # a headline read by two rules once
    )


def _lead_date(reader: _Reader, a: int, b: int) -> dt.date | None:
    for line_start in _body_lines(reader, a, b):
        end = reader.sentence_end(line_start, b)
        for m in reader.r.date.finditer(reader.text, line_start, end):
            if m.group("wd"):
                continue  # a weekday on the first line is more often a forecast row than the meeting's day
            return reader._resolve(m)
        return None
    return None


def _body_lines(reader: _Reader, a: int, b: int) -> list[int]:
    text = reader.text
    out = []
    pos = a
    while pos < b:
        nl = text.find("\n", pos, b)
        end = b if nl < 0 else nl
        line = text[pos:end].strip()
        if line and not reader._is_headline(line):
            out.append(pos)
        pos = end + 1
    return out
