"""Record kind: enterprises, each paired with the person who founded or leads it.

How a text is read (the wordings and word lists live in patterns/enterprises.yaml):

1. Each rule's pattern finds the anchor of one wording: a 「与」 list item, 「领导的」,
   「创办的」/「创立了」, 「由…创办」, a role word (董事长, 创始人, 「董事长、党委书记」), or the
   link of 「X是Y的创始人」「X，Y董事长」.
2. The person is read next to the anchor with the helpers of :mod:`._people` (a name that
   stands between clear boundaries), the enterprise by :class:`_Names`: a run of name
   characters that ends in an industry word (纸业, 电源…) or a legal form (有限公司, 集团…),
   whose brand is at least two characters and does not merely point (该公司, 我市两家企业).
   A short name the text itself introduces (「以下简称“腾讯”」) or uses with 公司/集团 counts
   too, and so do the model's ORG spans when a model is loaded.
3. Mentions of the same person and the same enterprise (one name containing the other, or
   both with the same brand) make one record, in text order of the first mention.  Its role
   is 领导 where any mention says so, else the first role written, else null.

Nothing is guessed: where the person or the enterprise is unclear, the mention is dropped.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._patterns import compile_fast, compiled_per_directory, match_widths, scan_form
from ._people import is_person_name, name_end, runs_over_adverb, title_start, worth_asking_the_model
from ._records import EnterprisePerson

Span = tuple[int, int]

_MAX_NAME = 40  # an enterprise name is never longer than this
_REACH_BACK = 200  # how far back a clause looks for the sentence that holds what it points to
_MAX_SHORT_BRAND = 4  # the brand of a short name (after its place) is two to four characters
_MAX_SHORT_NAME = 14  # a short name with its place is never longer than this
_REGION_END = compile_fast(r"[。；;！？!?\n：:]")
_UP_TO_REGION_END = compile_fast(r"(?s:.*)[。；;！？!?\n：:]")  # to the last region end in a window
_ITEM_SEP = compile_fast(r"[、，,]")
_PAIR_JOIN = compile_fast(r"[与和]")  # a pair list joins its person and enterprise with one of these
_CLAUSE_END = compile_fast(r"[，,。；;！？!?\n：:]")
_LEAD = "领导"
_WORD_CHAR = compile_fast(r"[\p{Han}A-Za-z0-9]")


@dataclass(frozen=True)
class _Mention:
    rule: str
    person: Span
    enterprise: Span
    role: Span | None


class _Rules:
    """The enterprise rules and vocabulary of one patterns directory, compiled once."""

    def __init__(self, p: Any) -> None:
        self.pair_item = p.rule("enterprise_pair_list").regex
        self.pair_story = p.rule("enterprise_pair_story").regex
        self.led_by = p.rule("enterprise_led_by").regex
        self.under_lead = p.rule("enterprise_under_lead").regex
        self.founded_by = p.rule("enterprise_founded_by").regex
        self.founded_passive = p.rule("enterprise_founded_passive").regex
        self.role_name = p.rule("enterprise_role_name").regex
        self.name_role = p.rule("enterprise_name_role").regex
        self.name_role_scan = scan_form(self.name_role)  # (for its scan over the whole text)
        self.industry = frozenset(p.lexicon("E_INDUSTRY"))
        self.legal = frozenset(p.lexicon("E_LEGAL_FORM"))
        self.plain_form_words = tuple(p.lexicon("E_PLAIN_FORM_WORD"))
        self.form_word_start = p.compile("(?:{E_FORM_WORD_START})")
        self.middle = frozenset(p.lexicon("E_MIDDLE"))
        self.suffixes = self.industry | self.legal
        self.strippable = self.suffixes | self.middle
        self.suffix_lengths = sorted({len(w) for w in self.suffixes}, reverse=True)
        self.suffix_last = frozenset(w[-1] for w in self.suffixes)  # the characters a suffix ends with
        self.middle_lengths = sorted({len(w) for w in self.middle}, reverse=True)
        # the lengths _strip_suffixes tries (eight characters at most), the longest first
        self.strip_lengths = sorted({len(w) for w in self.strippable if len(w) <= 8}, reverse=True)
        self.not_in_brand = tuple(p.lexicon("E_NOT_IN_BRAND"))
        self.roles = tuple(sorted(p.lexicon("E_ROLE"), key=len, reverse=True))
        self.lead_roles = frozenset(self.roles)
        self.role_join = p.compile("{E_ROLE_JOIN}")
        self.pair_joiner = p.compile("{E_PAIR_JOINER}")
        self.role_goes_on = p.compile("{E_ROLE_GOES_ON}")
        self.name_run = p.compile("((?:{E_NAME_CHAR})++)")  # one group: split() gives runs and gaps
        self.left_stop_re = p.compile("(?:{E_LEFT_STOP})")  # read overlapped (_overlapped_ends)
        self.left_stop_width = match_widths(self.left_stop_re)[1]  # (None: unknown; _Names then reads every end)
        self.stop_char = p.compile("{E_STOP_CHAR}")
        self.stop_char_word = p.compile("(?:{E_STOP_CHAR_WORD})")
        self.forward_stop = p.compile("{E_FORWARD_STOP}")
        self.person_link = p.compile("{E_PERSON_LINK}")
        self.paren = p.compile("{E_PAREN_PLACE}")
        self.quoted_brand = p.compile("{E_QUOTED_BRAND}")
        self.paren_end = p.compile("(?r){E_PAREN_PLACE}")
        self.not_brand = p.compile("{E_NOT_BRAND}")
        self.not_after = p.compile("(?:{E_NOT_AFTER})")
        self.place = p.compile("{E_PLACE_PREFIX}")
        self.role_run = p.compile("{E_ROLE_RUN}")
        self.name_follow = p.compile("(?:{E_NAME_FOLLOW})")
        self.name_after = p.compile("(?:{NAME_AFTER})")
        self.name_conj = p.compile("{E_NAME_CONJ}")
        self.also = p.compile("(?:{E_ALSO})$")
        self.also_at = p.compile("(?:{E_ALSO})")
        self.subject_adverb = p.compile("(?:{E_SUBJECT_ADVERB})$")
        self.lead_in_in_name = tuple(p.lexicon("E_LEAD_IN_IN_NAME"))
        self.time_before = p.compile("{E_TIME_BEFORE}")
        self.gov_end = p.compile("{E_GOV_END}")
        self.short_def = p.compile("{E_SHORT_NAME_DEF}")
        self.identity = tuple(p.lexicon("E_IDENTITY"))
        self.legal_any = p.compile("(?:{E_LEGAL_FORM})")
        self.short_def_end = p.compile("(?r){E_SHORT_NAME_DEF}")
        self.person_left = p.compile("(?:{E_PERSON_LEFT})$")
        self.anaphor = tuple(sorted(p.lexicon("E_ANAPHOR"), key=len, reverse=True))
        self.bio_clause = p.compile("{E_BIO_CLAUSE}")
        self.visit = tuple(sorted(p.lexicon("E_VISIT"), key=len, reverse=True))
        self.role_now = p.compile("{E_ROLE_NOW}")
        self.founder_group = p.compile("{E_FOUNDER_GROUP}")
        self.founder_join = p.compile("{E_FOUNDER_JOIN}")
        self.definite = p.compile("{E_DEFINITE_ANAPHOR}")
        self.legal_longest = tuple(sorted(self.legal, key=len, reverse=True))
        self.role_is = p.compile("(?:{E_ROLE_IS})")
        # how far past a comma link _name_role may move the start of the enterprise name (他/她, a word
        # like 也, a word link): None where a pattern's width is unknown
        widths = (match_widths(self.also_at)[1], match_widths(self.name_role)[1])
        self.link_slack = None if None in widths else 1 + sum(widths)  # type: ignore[operator]


_rules = compiled_per_directory(_Rules)


# -- enterprise names ----------------------------------------------------------------------------

def _overlapped_ends(rx: Any, text: str) -> set[int]:
    """Where the matches of ``rx`` at every position of ``text`` end (``regex``'s
    ``finditer(overlapped=True)``), for a pattern that matches no empty string: a plain scan
    finds them but those that start inside one it found, which are tried there one by one."""
    ends: set[int] = set()
    for m in rx.finditer(text):
        ends.add(m.end())
        for pos in range(m.start() + 1, m.end()):
            inner = rx.match(text, pos)
            if inner is not None:
                ends.add(inner.end())
    return ends


def _match_starts(rx: Any, text: str) -> list[int]:
    """Every position of ``text`` where ``rx`` (a pattern that matches no empty string) matches, in
    order: a plain scan, and inside each match it found the positions it stepped over, one by one
    (as _overlapped_ends; a lookahead scan would try the pattern at every position, far slower)."""
    starts: list[int] = []
    for m in rx.finditer(text):
        starts.append(m.start())
        starts.extend(pos for pos in range(m.start() + 1, m.end()) if rx.match(text, pos) is not None)
    return starts


class _Names:
    """Where enterprise names start and end in one normalised text."""

    def __init__(self, text: str, rules: _Rules, names_at: Callable[[int, str], list[tuple[int, int, str]]]) -> None:
        self.text = text
        self.r = rules
        self.names_at = names_at  # the model's name spans in the sentence at a position
        # which characters may stand inside a name read forwards (_ahead) or backwards (_back:
        # without function characters), and where a word that stops a name ends; computed once
        # so that reading a name is a walk over flags
        n = len(text)
        # the gaps and runs of name characters alternate in split(): 0 under a gap, 1 under a run
        self._ahead = bytearray(b"".join(map(operator.mul, itertools.cycle((b"\x00", b"\x01")),
                                             map(len, rules.name_run.split(text)))))
        for m in rules.paren.finditer(text):
            self._ahead[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for m in rules.quoted_brand.finditer(text):  # 「“同福居”饭庄总店」
            self._ahead[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        self._back = bytearray(self._ahead)
        for m in rules.stop_char.finditer(text):
            self._back[m.start()] = 0
        for m in rules.stop_char_word.finditer(text):  # 数据, 将军, 向阳: words of names
            self._back[m.start() : m.end()] = self._ahead[m.start() : m.end()]
        self._forward_stop = bytearray(n)
        for m in rules.forward_stop.finditer(text):
            self._forward_stop[m.start()] = 1
        # where the stop words (E_LEFT_STOP) end is asked only over the few characters before a
        # suffix that backward reads (about 1 200 names of three or four such characters per 300 000
        # characters of real pages) and right before a legal form (after_lead_in): read there
        # (_stop_ends_in) rather than over the whole text, unless the pattern's width is unknown
        self._stop_width = rules.left_stop_width
        self._stop_ends = None if self._stop_width is not None else _overlapped_ends(rules.left_stop_re, text)
        # a link word (和, 为 …) stops a name read backwards only after an official (「市长王刚和…」):
        # that is asked only where such a name reaches one (_stops_at), not at every 和 of the text
        self._links = {m.end(): m.start() for m in rules.person_link.finditer(text)}
        self._after_link: dict[int, bool] = {}
        self.known: tuple[str, ...] = ()
        # names written in full with a legal form: (name, where its place prefix ends, where its
        # trade and legal suffixes begin), for the short forms a later sentence uses
        self.legal_names: list[tuple[str, int, int]] = []
        self.known = tuple(sorted(self._known_short_names(), key=len, reverse=True))
        # every run of a legal name that starts inside its brand: a clause opening with one (three
        # characters at least) names that enterprise; a set keeps the look-up linear in the text
        self._short_forms = frozenset(name[off:end] for name, lo, hi in self.legal_names for off in range(lo, hi)
                                      for end in range(off + 3, len(name) + 1))
        self._short_longest = max(map(len, self._short_forms), default=0)
        self._short_heads = frozenset(form[:3] for form in self._short_forms)  # each starts so

    def _stop_ends_in(self, a: int, b: int) -> set[int] | frozenset[int]:
        """The positions in ``(a, b]`` where a stop word (E_LEFT_STOP) ends: where the match of
        its pattern at some position ends (as _overlapped_ends reads them), found by trying the
        pattern at each position from which a match of its width can end there."""
        if self._stop_ends is not None:
            return self._stop_ends
        rx, text = self.r.left_stop_re, self.text
        ends: set[int] = set()
        for s in range(max(0, a + 1 - self._stop_width), min(b, len(text))):
            m = rx.match(text, s)
            if m is not None and a < m.end() <= b:
                ends.add(m.end())
        return ends

    def _stops_at(self, pos: int, stop_ends: set[int] | frozenset[int]) -> bool:
        """Whether a word that stops a name read backwards ends at ``pos`` (``stop_ends``: where the
        stop words end, from _stop_ends_in over a stretch that holds ``pos``)."""
        if pos in stop_ends:
            return True
        link = self._links.get(pos)
        if link is None:
            return False
        found = self._after_link.get(pos)
        if found is None:
            found = self._after_link[pos] = self._after_official(link)
        return found

    def after_lead_in(self, pos: int) -> bool:
        """Whether a word that leads to a name (E_LEFT_STOP: 听取, 陪同, 来到 …, perhaps with 了) ends
        at ``pos``, and not one that names also hold before their legal form (E_LEAD_IN_IN_NAME:
        「统一企业集团」)."""
        if pos > 0 and self.text[pos - 1] == "了":
            pos -= 1  # 「听取了公司总经理…」「见到了公司董事长…」
        return pos in self._stop_ends_in(pos - 1, pos) and not self.text.endswith(self.r.lead_in_in_name, 0, pos)

    def _after_official(self, pos: int) -> bool:
        """Whether a title and a name (「市长王刚和…」) or a government unit (「市政府和…」) stand
        right before ``pos``."""
        unit = self.r.gov_end.search(self.text, max(0, pos - 8), pos)
        if unit is not None and unit.end() - unit.start() >= 2:  # 政府, 委员会: not 县 in 「全县同行业」
            return True
        for n in (3, 2):
            s = pos - n
            if s > 0 and is_person_name(self.text[s:pos]) and title_start(self.text, s, max(0, s - 30)) is not None:
                return True
        return False

    # a suffix (industry word or legal form) that ends at ``end``, the longest first
    def _suffix_ending(self, end: int, lo: int) -> str | None:
        text = self.text
        if text[end - 1:end] not in self.r.suffix_last and 0 < end <= len(text):
            return None  # no suffix ends with this character
        for n in self.r.suffix_lengths:
            if end - n >= lo and text[end - n : end] in self.r.suffixes:
                if self._everyday_form(end, lo):
                    return None
                return text[end - n : end]
        return None

    def _everyday_form(self, end: int, lo: int) -> bool:
        """「今年新增工厂326家」「新建厂房」: an everyday word ends at ``end`` in a legal form, or begins
        with the form's last character there."""
        text = self.text
        if end > 0 and self.r.form_word_start.match(text, end - 1) is not None:
            return True
        if not text.endswith(self.r.plain_form_words, lo, end):
            return False  # the common case, asked once
        for word in self.r.plain_form_words:
            if not text.endswith(word, lo, end):
                continue
            # 「华亚电子公司」「开封化工厂」: an industry word ending inside the everyday word (电子 over
            # 子公司) makes it a name's suffix and its legal form
            form = next((f for f in self.r.legal_longest if word.endswith(f)), "")
            at = end - len(form)
            if not any(n > len(word) - len(form) and text[at - n : at] in self.r.industry
                       for n in range(2, 5) if at - n >= lo):
                return True
        return False

    def _token_at(self, pos: int, words: frozenset[str], lengths: list[int]) -> int:
        """The length of the word of ``words`` at ``pos`` (the longest first), or 0.  A slice cut
        short by the text's end is no word of that length (「…有限公司」 at the very end: n stays 2)."""
        room = len(self.text) - pos
        for n in lengths:
            if n <= room and self.text[pos : pos + n] in words:
                return n
        return 0

    def _chain_end(self, end: int, limit: int) -> int:
        """Extend a name over the suffixes that follow it: 「鹏翔新材料」+「科技」+「股份有限公司」."""
        best = end
        pos = end
        suffixes = self.r.suffixes
        while pos < limit:
            if self.r.role_run.match(self.text, pos, limit):  # 「总厂」+「厂长」: the role begins
                break
            m = self.r.paren.match(self.text, pos, limit)
            if m:
                pos = m.end()
                continue
            n = self._token_at(pos, suffixes, self.r.suffix_lengths)
            if n:
                pos += n
                best = pos
                continue
            n = self._token_at(pos, self.r.middle, self.r.middle_lengths)
            if n:
                pos += n
                continue
            break
        return best

    def _strip_suffixes(self, name: str) -> tuple[str, bool]:
        """The name without its trailing suffixes, and whether a legal form was among them."""
        legal = False
        suffixes = self.r.strippable
        changed = True
        while changed and name:
            changed = False
            m = self.r.paren_end.match(name)  # reversed: a match that ends where the name does
            if m:
                name = name[: m.start()]
                changed = True
                continue
            for n in self.r.strip_lengths:  # (a length no suffix has cannot match)
                if n > len(name):
                    continue
                tail = name[-n:]
                if tail in suffixes:
                    legal = legal or tail in self.r.legal
                    name = name[:-n]
                    changed = True
                    break
        return name, legal

    def brand(self, start: int, end: int) -> str | None:
        """The brand of the name ``text[start:end]`` when it reads as an enterprise, else None."""
        name = self.text[start:end]
        if len(name) < 3 or len(name) > _MAX_NAME:
            return None
        if self._suffix_ending(end, start) is None:
            return None
        core, legal = self._strip_suffixes(name)
        if len(core) < 2 and legal:
            # nothing but general words before the legal form (「河南投资集团」「中国建设集团」): they
            # are the brand, when there are three characters of them or more (not 「投资集团」)
            core = next((name[:-n] for n in range(min(len(name) - 1, 8), 0, -1) if name[-n:] in self.r.legal), "")
            if len(core) < 3:
                return None
        if len(core) < 2 or self.r.not_brand.search(core):
            return None
        place = self.r.place.match(core)
        brand = core[place.end():] if place and len(core) - place.end() >= 2 else core
        if self.r.not_brand.search(brand):
            return None
        if not legal:
            if len(brand) > _MAX_SHORT_BRAND or len(name) > _MAX_SHORT_NAME:
                return None
            if self.r.stop_char.search(brand) or any(w in brand for w in self.r.not_in_brand):
                return None
        return brand

    def _known_short_names(self) -> frozenset[str]:
        """Short names the text introduces or uses with a legal form (「腾讯公司」 makes 腾讯 known)."""
        known: set[str] = set()
        for m in self.r.short_def.finditer(self.text):
            if self.backward(m.start(), use_known=False) is not None:
                known.add(m.group("short"))
        for m in self.r.legal_any.finditer(self.text):
            start = self.backward(m.end(), use_known=False)
            if start is None:
                continue
            core, _ = self._strip_suffixes(self.text[start : m.end()])
            place = self.r.place.match(core)
            brand = core[place.end():] if place and len(core) - place.end() >= 2 else core
            if 2 <= len(brand) <= 8 and not self.r.not_brand.search(brand):
                known.add(brand)
                self.legal_names.append((self.text[start : m.end()], len(core) - len(brand), len(core)))
        return frozenset(known)

    def short_form_end(self, pos: int, limit: int) -> int | None:
        """Where a short form of a name written in full elsewhere, starting at ``pos``, ends.

        「洛阳中航精工轴承有限公司」 written once, a later 「中航精工出口额…」 starts with 中航精工: the
        longest run of ``text[pos:limit]`` (three characters at least) found in such a name,
        starting inside its brand (not in its place prefix, not in its trade or legal suffixes).
        """
        if self.text[pos:pos + 3] not in self._short_heads:
            return None
        for end in range(min(limit, pos + self._short_longest), pos + 2, -1):
            if self.text[pos:end] in self._short_forms:
                return end
        return None

    def _org_ok(self, s: int, e: int) -> bool:
        name = self.text[s:e]
        return 2 <= len(name) <= _MAX_NAME and not self.r.gov_end.search(name)

    def forward(self, start: int, limit: int | None = None) -> int | None:
        """Where the enterprise name that starts at ``start`` ends, or None."""
        text = self.text
        limit = len(text) if limit is None else min(limit, len(text))
        pos = start
        stop = min(limit, start + _MAX_NAME)
        # a character that never stands inside a brand (E_FORWARD_STOP: 了, 与, 把 …) ends the run:
        # 「村民们纷纷加入了兴旺种植专业合作社」 is a clause, not a name (万向, 美的 keep 向 and 的)
        while pos < stop and self._ahead[pos] and not self._forward_stop[pos]:
            pos += 1
        run_end = pos
        for end in range(start + 3, run_end + 1):
            if self._suffix_ending(end, start + 2) is None:
                continue
            full = self._chain_end(end, run_end)
            if self.r.not_after.match(text, full, limit):
                break
            if self.brand(start, full) is not None:
                return full
            break
        for name in self.known:
            end = start + len(name)
            if end <= limit and text.startswith(name, start) and not self.r.not_after.match(text, end, limit):
                return end
        # where the rules read no name, a model ORG span that starts here
        for s, e, _ in self.names_at(start, "ORG"):
            if s == start and e <= limit and self._org_ok(s, e):
                return e
        return None

    def backward(self, end: int, lo: int = 0, use_known: bool = True) -> int | None:
        """Where the enterprise name that ends at ``end`` starts, or None."""
        text = self.text
        suffix = self._suffix_ending(end, lo)
        if suffix is not None and self.after_lead_in(end - len(suffix)):
            # 「听取公司总经理…」「陪同集团董事长…」: the form stands alone after a word that leads to a
            # name (E_LEFT_STOP), so it points back (_pointed_back) and names nothing itself
            return None
        if suffix is not None:
            floor = max(lo, end - _MAX_NAME)
            brand_from = end - len(suffix) - 2  # a stop word counts only once a brand is read
            # read back over the characters that may stand in a name (down to ``floor``), and stop
            # earlier where a stop word ends once a brand is read: the first character that may not
            # is found at once, and only the positions where a stop word may end are asked
            if floor >= end:
                pos = end
            else:
                pos = max(floor, self._back.rfind(0, floor, end) + 1)
                top = min(end, brand_from)
                if top > pos:  # (a few characters most often)
                    stop_ends = self._stop_ends_in(pos, top)
                    for at in range(top, pos, -1):
                        if (at in stop_ends or at in self._links) and self._stops_at(at, stop_ends):
                            pos = at
                            break
            while pos < end and text[pos] in "”\"":  # a stop inside a quoted brand: no name opens on its close
                pos += 1
            if pos < end and self.brand(pos, end) is not None:
                return pos
        if use_known:
            for name in self.known:
                if end - len(name) >= lo and text.endswith(name, 0, end):
                    return end - len(name)
        # where the rules read no name, a model ORG span that ends here; a name is more than its
        # legal form, so with nothing word-like before the form (「。公司」) the model is not asked
        # (nor at an everyday word that ends or begins with a form: 「把工厂建在…」「厂房」, which
        # _suffix_ending refuses)
        if self._everyday_form(end, lo) or (suffix is not None and (
                end - len(suffix) <= lo or not _WORD_CHAR.match(text, end - len(suffix) - 1))):
            return None
        for s, e, _ in self.names_at(end - 1, "ORG") if end > 0 else ():
            if e == end and s >= lo and self._org_ok(s, e):
                return s
        return None

    def exact(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is, as a whole, an enterprise name."""
        return self.forward(start, end) == end or self.text[start:end] in self.known


# -- people ------------------------------------------------------------------------------------

def _is_name(s: str) -> bool:
    """A person's name (:func:`._people.is_person_name`, cached there)."""
    return is_person_name(s)


class _People:
    """Where person names stand next to an anchor, in one normalised text."""

    def __init__(self, text: str, rules: _Rules, names: _Names) -> None:
        self.text = text
        self.r = rules
        self.names_at = names.names_at

    def _bounded(self, s: int, lo: int) -> bool:
        """Whether a name starting at ``s`` has a clear left edge."""
        text = self.text
        if s <= lo:
            return True
        ch = text[s - 1]
        if not _WORD_CHAR.match(ch):
            return True
        if self.r.person_left.search(text, max(lo, s - 4), s):
            return True
        if any(text.endswith(w, 0, s) for w in self.r.roles):
            return True
        return title_start(text, s, max(lo, s - 30)) is not None

    def before(self, end: int, lo: int = 0, strict: bool = False) -> int | None:
        """Where the name that ends right before ``end`` starts, or None when unclear."""
        found: list[tuple[int, bool]] = []
        for n in (4, 3, 2):
            s = end - n
            if s >= lo and _is_name(self.text[s:end]):
                found.append((s, self._bounded(s, lo)))
        bounded = [s for s, ok in found if ok]
        if bounded:
            return min(bounded)
        if len(found) == 1 and not strict:
            return found[0][0]
        # where the rules read no clear name, a model PER span that ends here
        for s, e, _ in self.names_at(end - 1, "PER") if end > 0 else ():
            if e == end and s >= lo:
                return s
        return None

    def _stretched(self, start: int, end: int) -> bool:
        """Whether the model's name ``text[start:end]`` runs on over an adverb (E_NAME_TRAIL: 正, 在,
        还 …) that opens what the person does: the rest is a name of the lexicon, and no word that
        follows names (表示, 介绍; one character such as 在 is no proof) comes right after the whole,
        which would make it a name with a clear edge (「王建正表示」)."""
        text = self.text
        if not runs_over_adverb(text, start, end):  # the shape, shared with meetings.py
            return False
        if not any(s == start and e == end for s, e, _ in self.names_at(start, "PER")):
            return False  # the rules' own reading
        if self.r.name_after.match(text, end) is not None:
            return True  # a word of one character (runs_over_adverb turned longer ones away)
        after = self.r.name_follow.match(text, end)
        return after is None or after.end() - after.start() < 2

    def after(self, start: int) -> int | None:
        """Where the name that starts at ``start`` ends, or None."""
        end = name_end(self.text, start, entities=functools.partial(self.names_at, start, "PER"))
        if end is not None and end - start == 4 and not any(
                s == start and e == end for s, e, _ in self.names_at(start, "PER")):
            # name_end takes 「李宁表示」 for a four-character name when the text ends there;
            # a shorter name followed by a verb of news is the better reading, unless the model
            # reads the four characters as the name (「李明始终」 is 李明 to the model too)
            for n in (3, 2):
                if _is_name(self.text[start : start + n]) and (
                        self.r.name_after.match(self.text, start + n)
                        or self.r.name_follow.match(self.text, start + n)):
                    return start + n
        if end is not None and end - start == 3 and _is_name(self.text[start : start + 2]):
            follow = self.r.name_follow.match(self.text, start + 2)
            if follow is not None and follow.end() - follow.start() >= 2 and follow.end() > end:
                return start + 2  # 「总经理刘敏一同接待」: 一同 follows 刘敏, not 刘敏一
        if end is not None and end - start >= 3 and self._stretched(start, end):
            return end - 1  # 「负责人杜国平正指挥工人」: the model reads 杜国平正
        if end is not None and end - start == 3 and self.r.name_conj.match(self.text, start + 2) \
                and _is_name(self.text[start : start + 2]):
            return start + 2  # 「周敏则把目光投向…」
        if end is not None:
            return end
        for n in (3, 2, 4):  # a name before a word that follows names, or a conjunction (「郑志明亦在会上」)
            if _is_name(self.text[start : start + n]) and (self.r.name_follow.match(self.text, start + n)
                                                           or self.r.name_conj.match(self.text, start + n)):
                return start + n
        return None


# -- the wordings ------------------------------------------------------------------------------

_NAMES_ATTR = "_enterprise_names"
_DRY_ATTR = "_enterprise_names_dry"


def names_of(ctx: Any) -> _Names:
    """Where the enterprise names of a context stand, read once and shared (statistics reads
    short names with it).  A dry run (the model not asked yet) reads its own copy, so that the
    real run sees the model's answers; the copy is kept with the questions its reading asked,
    and the real run takes it when the model answers every one of them with nothing (it then
    read what the real run would read: the names it looks up later ask the model then)."""
    if getattr(ctx, "_asked", None) is not None:
        before = len(ctx._asked_at)
        dry = _Names(ctx.text, _rules(), ctx.names_at)
        _remember(ctx, _DRY_ATTR, (dry, ctx._asked_at[before:]))
        return dry
    found = getattr(ctx, _NAMES_ATTR, None)
    if found is None:
        dry = getattr(ctx, _DRY_ATTR, None)
        if dry is not None and not any(ctx.names_at(pos, label) for pos, label in dry[1]):
            found = dry[0]
        else:
            found = _Names(ctx.text, _rules(), ctx.names_at)
        _remember(ctx, _NAMES_ATTR, found)
    return found


def _names_kept(ctx: Any, names: _Names) -> bool:
    """Whether ``names`` is the dry run's reading, kept for the real run (or this is the dry run)."""
    if getattr(ctx, "_asked", None) is not None:
        return True
    dry = getattr(ctx, _DRY_ATTR, None)
    return dry is not None and dry[0] is names


def _remember(ctx: Any, attr: str, value: Any) -> None:
    try:
        setattr(ctx, attr, value)
    except AttributeError:  # a context that takes no new attributes: read again next time
        pass


def _compute(key: Any, compute: Callable[[], Any]) -> Any:
    return compute()


_SENTENCE_ENDS = "。！？!?\n"


class _Reader:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.text: str = ctx.text
        self.r = _rules()
        self.names = names_of(ctx)
        self.people = _People(self.text, self.r, self.names)

    def mentions(self) -> list[_Mention]:
        # Each wording reads the text on its own: where the dry run's reading of the names stands,
        # a wording the model answered nothing for takes its dry-run mentions (ctx.reuse), and only
        # the others are read again with the model's answers.
        reuse = getattr(self.ctx, "reuse", None)
        if reuse is None or not _names_kept(self.ctx, self.names):
            reuse = _compute
        found: list[_Mention] = []
        found += reuse("enterprise pair lists", self._pair_lists)
        found += reuse("enterprise pair story", self._pair_story)
        found += reuse("enterprise led by", lambda: self._verb_before("enterprise_led_by", self.r.led_by))
        found += reuse("enterprise founded by",
                       lambda: self._verb_before("enterprise_founded_by", self.r.founded_by))
        found += reuse("enterprise under lead", self._under_lead)
        found += reuse("enterprise founded passive", self._founded_passive)
        found += reuse("enterprise role name", self._role_name)
        found += reuse("enterprise name role", self._name_role)
        return found

    def _pair_lists(self) -> list[_Mention]:
        text = self.text
        out: list[_Mention] = []
        # only the regions that hold a 与 or 和 can hold a pair (_pair_region): each is read once,
        # in text order, found from the next joining word after the last region read (its region
        # runs from after the last region end before the word to the first one after it), so
        # neither every region end of the text nor every 与 / 和 of a region is visited
        hi = -1  # where the last region read ends (a region end, or the end of the text)
        while hi < len(text):
            join = _PAIR_JOIN.search(text, hi + 1)
            if join is None:
                break
            back = _UP_TO_REGION_END.match(text, hi + 1, join.start())
            lo = back.end() if back is not None else hi + 1
            end = _REGION_END.search(text, join.end())
            hi = end.start() if end is not None else len(text)
            out += self._pair_region(lo, hi)
        return out

    def _pair_region(self, lo: int, hi: int) -> list[_Mention]:
        text = self.text
        if hi - lo < 5 or (text.find("与", lo, hi) < 0 and text.find("和", lo, hi) < 0):
            return []
        segments: list[Span] = []
        pos = lo
        for m in _ITEM_SEP.finditer(text, lo, hi):
            segments.append((pos, m.start()))
            pos = m.end()
        segments.append((pos, hi))
        items = [self._pair_item(s, e) for s, e in segments]
        out: list[_Mention] = []
        i = 0
        while i < len(items):
            if items[i] is None:
                i += 1
                continue
            j = i
            while j + 1 < len(items) and items[j + 1] is not None:
                j += 1
            alone = len(segments) == 1
            if j > i or alone:
                out += [m for m in items[i : j + 1] if m is not None]
            i = j + 1
        return out

    def _pair_item(self, s: int, e: int) -> _Mention | None:
        if self.text.find("与", s, e) < 0 and self.text.find("和", s, e) < 0:
            return None  # an item joins its person and enterprise with one of them (as _pair_region asks)
        piece = self.text[s:e]
        m = self.r.pair_item.match(piece)
        if m is None:
            return None
        ps, pe = s + m.start("person"), s + m.end("person")
        es, ee = s + m.start("enterprise"), s + m.end("enterprise")
        person = self.text[ps:pe]
        if not (_is_name(person)
                or (worth_asking_the_model(person) and (ps, pe, "PER") in self.names.names_at(ps, "PER"))):
            return None
        if not self.names.exact(es, ee):
            return None
        return _Mention("enterprise_pair_list", (ps, pe), (es, ee), None)

    def _pair_story(self) -> list[_Mention]:
        """「返乡青年宋佳与安阳绿源生态农业有限公司的故事」."""
        out: list[_Mention] = []
        for m in self.r.pair_story.finditer(self.text):
            ee = self.names.forward(m.end())
            if ee is None or self.text[ee : ee + 1] != "的":
                continue
            ps = self.people.before(m.start(), strict=True)
            if ps is None:
                continue
            out.append(_Mention("enterprise_pair_story", (ps, m.start()), (m.end(), ee), None))
        return out

    def _verb_before(self, rule: str, pattern: Any) -> list[_Mention]:
        """「X领导的Y」「X创办的Y」「X于1998年创立了Y」: person, verb, enterprise."""
        out: list[_Mention] = []
        for m in pattern.finditer(self.text):
            end = m.start()
            t = self.r.time_before.search(self.text, max(0, end - 16), end)
            if t is not None and t.start() < end:
                end = t.start()
            ee = self.names.forward(m.end())
            if ee is None:
                continue
            ps = self.people.before(end)
            if ps is None:
                continue
            out.append(_Mention(rule, (ps, end), (m.end(), ee), m.span("verb")))
        return out

    def _under_lead(self) -> list[_Mention]:
        """「在董事长陈来路的带领下，超力碳素…」."""
        out: list[_Mention] = []
        for m in self.r.under_lead.finditer(self.text):
            lo, pe = m.span("tail")
            ps = self.people.before(pe, lo=lo, strict=True)
            if ps is None:
                continue
            ee = self.names.forward(m.end())
            if ee is None:
                continue
            out.append(_Mention("enterprise_under_lead", (ps, pe), (m.end(), ee), m.span("verb")))
        return out

    def _founded_passive(self) -> list[_Mention]:
        """「弘力电源由张新攀于1998年创办」."""
        out: list[_Mention] = []
        for m in self.r.founded_passive.finditer(self.text):
            es = self.names.backward(m.start())
            if es is None:
                continue
            ps, pe = m.span("tail")
            t = self.r.time_before.search(self.text, ps, pe)
            if t is not None and t.start() < pe:
                pe = t.start()
            for person in self._founders(ps, pe):
                out.append(_Mention("enterprise_founded_passive", person, (es, m.start()), m.span("verb")))
        return out

    def _founders(self, ps: int, pe: int) -> list[Span]:
        """The founders named in ``text[ps:pe]``: one name, or a list of names joined by 、/和/与/及 and
        perhaps closed by 夫妇 / 等人 (E_FOUNDER_GROUP: 「韦建华、覃丽夫妇」); nothing unless every item is a name."""
        text = self.text
        if _is_name(text[ps:pe]):
            return [(ps, pe)]
        for n in (4, 3, 2):  # 「由村民王桂英牵头成立」: a descriptor (E_PERSON_LEFT) before one name
            cut = pe - n
            lead = self.r.person_left.search(text, ps, cut) if cut > ps and _is_name(text[cut:pe]) else None
            # a word, not a link (「由县供销社和李明」), perhaps after what it says of the person (「退伍军人」)
            if lead is not None and lead.end() - lead.start() >= 2 and not self.r.founder_join.search(text, ps, cut):
                return [(cut, pe)]
        group = self.r.founder_group.search(text, ps, pe)
        if group is not None:
            pe = group.start()
        out: list[Span] = []
        start = ps
        for m in self.r.founder_join.finditer(text, ps, pe):
            out.append((start, m.start()))
            start = m.end()
        out.append((start, pe))
        if (len(out) < 2 and group is None) or not all(_is_name(text[s:e]) for s, e in out):
            return []
        return out

    def _deputy(self, role: str, before: str) -> bool:
        """Whether a run of roles leaves its holder only a deputy or a member (「副总经理」「副董事长、
        副总裁」「董事」); one lead role (E_ROLE) in it is enough for a pair (「总经理、党委副书记」)."""
        return before == "副" or not any(part in self.r.lead_roles for part in self.r.role_join.split(role))

    def _role_name(self) -> list[_Mention]:
        """「弘力电源董事长张新攀」「鸿泰纸业的创始人史耀强」, and 「、总经理李四」「和总经理李四」 after one."""
        text = self.text
        out: list[_Mention] = []
        last: _Mention | None = None
        for m in self.r.role_name.finditer(text):
            rs, re_ = m.span()
            if self._deputy(m.group(), text[rs - 1 : rs]):
                continue
            pe_start = re_
            pe = self.people.after(pe_start)
            if pe is None:  # 「…有限公司，董事长为孙耀志。」: 为 / 是 before a name that closes the clause
                link = self.r.role_is.match(text, re_)
                if link is not None:
                    pe = self.people.after(link.end())
                    if pe is not None and (pe == len(text) or _CLAUSE_END.match(text, pe)):
                        pe_start = link.end()
                    else:
                        pe = None
            identity = pe is None and text[re_ : re_ + 1] in ("，", ",")
            if identity:  # 「作为新乡化纤股份有限公司总经理，王强表示」: the person opens the next clause
                pe_start = re_ + 1
                pe = self.people.after(pe_start)
            if pe is None and not identity:
                continue
            now = self.r.role_now.search(text, max(0, rs - 2), rs)  # 「…有限公司现任负责人」
            ent_end = now.start() if now is not None else rs
            ent_end = ent_end - 1 if ent_end > 0 and text[ent_end - 1] == "的" else ent_end
            enterprise = self._enterprise_before_role(ent_end)
            if identity:
                word = None if enterprise is None else next(
                    (w for w in self.r.identity if text.endswith(w, 0, enterprise[0])), None)
                if word is None:
                    continue
                # 「王强作为…公司的负责人，全程参与…」: a name right before 作为 is the one it speaks of
                before = enterprise[0] - len(word)
                ps = self.people.before(before, strict=True)
                if ps is not None:
                    pe_start, pe = ps, before
                elif pe is None:
                    continue
            joiner = self.r.pair_joiner.search(text, max(0, rs - 2), rs)
            if enterprise is None and last is not None and joiner is not None and last.person[1] == joiner.start():
                enterprise = last.enterprise  # 「…董事长邵长金、总经理季玉栋」「…崔培军和总经理李华」
            if enterprise is None:
                continue
            last = _Mention("enterprise_role_name", (pe_start, pe), enterprise, (rs, re_))
            out.append(last)
        return out

    def _enterprise_before_role(self, end: int) -> Span | None:
        """The enterprise a role word belongs to, written right before it (``end``)."""
        text = self.text
        es = self.names.backward(end)
        if es is not None:
            return (es, end)
        # 「腾讯科技（深圳）有限公司（以下简称“腾讯”）董事会主席」
        d = self.r.short_def_end.match(text, max(0, end - 16), end)  # reversed: one that ends at ``end``
        if d is not None:
            es = self.names.backward(d.start())
            if es is not None:
                return (es, d.start())
        # 「记者走进弘力电源，（公司）董事长张新攀介绍」: only where the clause before names the place visited
        for word in self.r.anaphor:
            if not text.endswith(word, 0, end):
                continue
            ws = end - len(word)
            if ws > 0 and text[ws - 1] in "，,":
                found = None
                if self.r.definite.match(word):
                    ss = self._sentence_start(ws, _REACH_BACK)
                    if ss is not None:
                        found = self._only_firm_before(ws - 1, ss) or (
                            self._pointed_back(ws, ss - 1) if ss > 0 else None)
                if found is not None:
                    return found
                end = ws
                break
            if text[ws - 1 : ws] in _SENTENCE_ENDS:
                return self._pointed_back(ws, ws - 1)  # 「…有限公司生产车间…。公司负责人…」
            if self.names.after_lead_in(ws):
                # 「来到邯郸新兴管业有限公司调研，听取公司总经理韩卫东介绍」: after a word that leads to
                # a name, the firm named before it in the sentence, else in the sentence before
                ss = self._sentence_start(ws, _REACH_BACK)
                if ss is None:
                    return None
                return self._only_firm_before(ws, ss) or (self._pointed_back(ws, ss - 1) if ss > 0 else None)
        if end > 1 and text[end - 1] == "在" and text[end - 2] in "，,":
            end -= 1  # 「…糖业集团，在董事长苏志强带领下」「…有限公司，在总经理李明的陪同下」
        if end > 0 and text[end - 1] in "，,":
            es = self.names.backward(end - 1)
            if es is not None and any(text.endswith(v, 0, es) for v in self.r.visit):
                return (es, end - 1)
            if es is not None and es > 0 and text[es - 1] == "的":
                # 「创办于2012年的南宁丰泽糖业集团，在董事长苏志强带领下」「位于高新区的…有限公司，总经理…」:
                # the clause is the firm with what is said of it before 的, no other firm in it
                cs = max(text.rfind(c, 0, es) for c in "，,。；;！？!?\n：:") + 1
                if self.r.legal_any.search(text, cs, es - 1) is None:
                    return (es, end - 1)
            # 「华隆纺织有限公司成立于2005年，董事长王建国…」: the enterprise that opens the sentence,
            # where no other legal form stands between it and the role
            ss = max(text.rfind(c, 0, end - 1) for c in _SENTENCE_ENDS) + 1
            while ss < end and text[ss].isspace():
                ss += 1
            if es is not None and es == ss:
                # the whole first clause is the name, read back from its end (「南阳飞龙汽车零部件有限公司，
                # 董事长为…」, where reading forwards stops at the industry word 汽车)
                return (es, end - 1)
            # (read back from its end, it starts the sentence, or a visit leads to it: 「副市长孙栋到…
            # 公司调研，董事长…」 is the firm, not 「副市长孙栋到…」)
            ee = self.names.forward(ss, end - 1)
            if ee is not None and self.r.legal_any.search(text, ee, end - 1) is None:
                es = self.names.backward(ee)
                if es == ss or (es is not None and es > ss and any(v in text[ss:es] for v in self.r.visit)):
                    return (es, ee)
        return None

    def _sentence_start(self, pos: int, reach: int | None = None) -> int | None:
        """Where the sentence holding ``pos`` starts; with ``reach``, None when that is further back
        (a name pointed back to is looked for only so far, which keeps long input linear)."""
        text = self.text
        lo = 0 if reach is None else max(0, pos - reach)
        found = max(text.rfind(c, lo, pos) for c in _SENTENCE_ENDS)
        if found < 0 and lo > 0:
            return None
        return found + 1

    def _pointed_back(self, anaphor: int, end: int) -> Span | None:
        """The firm that 公司 / 该企业 at ``anaphor`` points back to in the sentence ending at ``end``
        (the one it names in full), and only in the anaphor's own article: a headline between them
        starts another story, whose 公司 is not this one."""
        if end < 0:
            return None
        found = self._only_firm_before(end)
        if found is None or not self.ctx.article_index.same(found[0], anaphor):
            return None
        return found

    def _only_firm_before(self, end: int, start: int | None = None) -> Span | None:
        """The one enterprise written in full (with its legal form) in the sentence that ends at
        ``end`` (or in ``text[start:end]``), for 公司 / 该企业 opening the next sentence or pointing
        back within its own; None where it names none or several."""
        text = self.text
        if start is None:
            start = max(text.rfind(c, 0, end) for c in _SENTENCE_ENDS) + 1
        found = set()
        for m in self.r.legal_any.finditer(text, start, end):
            es = self.names.backward(m.end(), start, use_known=False)
            if es is not None:
                found.add((es, m.end()))
        names = {text[s:e] for s, e in found}
        return min(found) if len(names) == 1 else None

    def _name_role(self) -> list[_Mention]:
        """「史耀强是鸿泰纸业的创始人」「张新攀（弘力电源董事长）」「董良骝担任…董事长」."""
        text = self.text
        out: list[_Mention] = []
        # where a run of roles starts anywhere in the text, in order: a link (every comma is one)
        # with none in its reach after it is passed over without trying the roles there (a run that
        # matches within a window matches there in the whole text too, so the test is exact)
        role_starts = _match_starts(self.r.role_run, text)
        if not role_starts:
            return out
        slack = self.r.link_slack
        for m in self.r.name_role_scan.finditer(text):
            # the enterprise and role after the link first: they rule out most matches cheaply
            es = m.end()
            if es + 2 > role_starts[-1]:
                break  # no run of roles after this link, nor after any later one
            if slack is not None:  # none in reach even where the comma's word link moves the name on
                first = bisect.bisect_left(role_starts, es + 2)
                if role_starts[first] >= es + slack + _MAX_NAME + 12:
                    continue
            if m.group("link") in "，,":  # 「李明，是…的董事长」: the word link after the comma
                # (perhaps after 他/她 and 也/同时 …: 「记者采访了李春生，他也是…创始人」)
                k = es + 1 if text[es : es + 1] in ("他", "她") else es
                also = self.r.also_at.match(text, k)
                k = also.end() if also is not None else k
                word = self.r.name_role.match(text, k)
                if word is not None and word.group("link") not in "，,（(":
                    es = word.end()
                elif k != es:
                    continue  # 「，他也…」 with no link: no enterprise name starts with the pronoun
            # the role word follows the enterprise name, which holds no clause punctuation
            first = bisect.bisect_left(role_starts, es + 2)
            if first == len(role_starts) or role_starts[first] >= es + _MAX_NAME + 12:
                continue  # no run of roles starts in reach (the window below ends there at the latest)
            stop = _CLAUSE_END.search(text, es, es + _MAX_NAME + 12)
            reach = stop.start() if stop else es + _MAX_NAME + 12
            if role_starts[first] >= reach or not any(
                    not self._deputy(r.group(), text[r.start() - 1 : r.start()])
                    for r in self.r.role_run.finditer(text, es + 2, reach)):
                continue  # no lead role close enough after the link for an enterprise name to stand between
            ee = self.names.forward(es)
            if ee is None:
                continue
            pos = ee + 1 if text[ee : ee + 1] == "的" else ee
            r = self.r.role_run.match(text, pos)
            if r is None or self._deputy(r.group(), text[pos - 1 : pos]):
                continue
            after = text[r.end() : r.end() + 2]
            if m.group("link") in "（(":
                if not after[:1] or after[0] not in "）)":
                    continue
            elif not (after == "" or after[0] in "，,。；;、！？!?\n）)" or after == "之一"
                      or self.r.role_goes_on.match(text, r.end())):
                continue
            ps = self.people.before(m.start(), strict=True)
            pe = m.start()
            if ps is None:
                # 「李春生是武安市的一位农民企业家，也是裕华钢铁有限公司创始人」: a later clause of the
                # sentence whose first clause says who its subject is
                found = self._sentence_subject(m.start())
                if found is None and m.group("link") in ("现任", "担任", "接任", "任", "，", ","):
                    # (「李宏伟，男，汉族，1970年出生，…有限公司董事长。」: the last clause names the firm)
                    found = self._biography_name(m.end() if m.group("link") in "，," else m.start())
                if found is None:
                    continue
                ps, pe = found
            out.append(_Mention("enterprise_name_role", (ps, pe), (es, ee), r.span()))
        return out

    def _sentence_subject(self, link: int) -> Span | None:
        """The person a clause opening with ``link`` (after a comma and perhaps 也/还/同时: E_ALSO)
        speaks of: the name that opens the sentence's first clause before a link of its own (「李春生是
        …，也是…」「王强现任…，同时担任…」), with a clear left edge."""
        text = self.text
        also = self.r.also.search(text, max(0, link - 4), link)
        clause = also.start() if also is not None else link
        if clause == 0 or text[clause - 1] not in "，,":
            return None
        ss = self._sentence_start(clause, _REACH_BACK)
        if ss is None:
            return None
        first = _CLAUSE_END.search(text, ss, clause)  # found: the comma before the clause at least
        for m in self.r.name_role.finditer(text, ss, first.start() if first is not None else clause):
            if m.group("link") in "，,（(":
                continue
            adverb = self.r.subject_adverb.search(text, max(ss, m.start() - 3), m.start())
            pe = adverb.start() if adverb is not None else m.start()  # 「王海涛既是…」「李明不仅是…」
            ps = self.people.before(pe, lo=ss, strict=True)
            if ps is not None:
                return (ps, pe)
        return None

    def _biography_name(self, link: int) -> Span | None:
        """The name that opens a short biography ending at ``link``: 「杨娜，女，1975年生，现任」."""
        text = self.text
        if link == 0 or text[link - 1] not in "，,":
            return None
        end = link - 1
        for _ in range(10):
            start = max(text.rfind(c, 0, end) for c in "，,。；;！？!?\n") + 1
            if start == 0 or text[start - 1] not in "，,":  # the clause that opens the sentence
                return (start, end) if _is_name(text[start:end]) else None
            if not self.r.bio_clause.fullmatch(text, start, end):
                return None
            end = start - 1
        return None


# -- records -----------------------------------------------------------------------------------

def _same_enterprise(a: str, b: str, names: _Names) -> bool:
    if a == b or a in b or b in a:
        return True
    core_a, _ = names._strip_suffixes(a)
    core_b, _ = names._strip_suffixes(b)
    return len(core_a) >= 2 and core_a == core_b


def extract(ctx: Any) -> list[EnterprisePerson]:
    """Every (enterprise, person) pair of the text, in text order of the first mention."""
    if not ctx.text:
        return []
    reader = _Reader(ctx)
    mentions = sorted(reader.mentions(), key=lambda m: (min(m.person[0], m.enterprise[0]), m.person))
    text = reader.text
    groups: list[list[_Mention]] = []
    for mention in mentions:
        person = text[slice(*mention.person)]
        enterprise = text[slice(*mention.enterprise)]
        for group in groups:
            first = group[0]
            if (text[slice(*first.person)] == person
                    and _same_enterprise(text[slice(*first.enterprise)], enterprise, reader.names)):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return [_record(ctx, group) for group in groups]


def _record(ctx: Any, group: list[_Mention]) -> EnterprisePerson:
    first = group[0]
    with_role = [m for m in group if m.role is not None]
    lead = [m for m in with_role if ctx.text[slice(*m.role)] == _LEAD]  # type: ignore[misc]
    chosen = lead[0] if lead else (with_role[0] if with_role else first)
    spans = sorted({s for m in group for s in (m.person, m.enterprise)})
    return EnterprisePerson(
        enterprise=ctx.written(*first.enterprise),
        person=ctx.written(*first.person),
        role=ctx.written(*chosen.role) if chosen.role is not None else None,
        evidence=ctx.evidence(chosen.rule, *spans),
    )
