"""One parametrised test over every example and near-miss in patterns/ (the test id names the rule)."""

from __future__ import annotations

import pytest

from _harness import RUNNERS, mismatch, published_of, rules_fired
from govnews_extract._patterns import get_patterns

PATTERNS = get_patterns()


def _cases():
    for rule in PATTERNS.rules():
        for i, case in enumerate(rule.examples):
            yield pytest.param(rule, case, id=f"{rule.name}[{i}]")


def _near_misses():
    for rule in PATTERNS.rules():
        for i, case in enumerate(rule.near_misses):
            yield pytest.param(rule, case, id=f"{rule.name}~near[{i}]")


def _runner(rule):
    if rule.kind not in RUNNERS:
        pytest.fail(f"{rule.file}: kind {rule.kind!r} has no runner; use one of {sorted(RUNNERS)}")
    return RUNNERS[rule.kind]


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_example(rule, case):
    if "expect" not in case:
        pytest.fail(f"{rule.name}: an example needs 'expect:' (a list of records; [] for none)")
    records = _runner(rule)(case["text"], published_of(case))
    problem = mismatch(case["expect"], records)
    assert problem is None, f"{case['text']!r}: {problem}"
    if case.get("fired", True):
        assert rule.name in rules_fired(records), f"{rule.name} did not fire; fired: {sorted(rules_fired(records))}"


@pytest.mark.parametrize(("rule", "case"), list(_near_misses()))
def test_near_miss(rule, case):
    records = _runner(rule)(case["text"], published_of(case))
    assert rule.name not in rules_fired(records), f"{rule.name} fired on a near-miss: {case['text']!r}"
    problem = mismatch(case.get("expect", []), records)
    assert problem is None, f"{case['text']!r}: {problem}"


# -- prefilters: a rule's needs/stops must not change what it matches ---------------------------

def _prefiltered():
    from govnews_extract._patterns import Prefiltered

    return [pytest.param(r, id=r.name) for r in PATTERNS.rules() if isinstance(r.scanner, Prefiltered)]


def _all_texts() -> list[str]:
    from importlib import resources

    texts = [case["text"] for rule in PATTERNS.rules() for case in (*rule.examples, *rule.near_misses)]
    sample = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt")
    texts.append(sample.read_text(encoding="utf-8"))
    texts.append("\n".join(texts))  # every text after every other: matches near the joins too
    return texts


def test_some_rules_are_prefiltered():
    assert {p.values[0].name for p in _prefiltered()} >= {"meeting_held", "meeting_convened", "forecast_issuer"}


@pytest.mark.parametrize("rule", _prefiltered())
def test_a_prefilter_keeps_every_match_of_the_plain_regex(rule):
    from govnews_extract._text import Normalized

    scanner = rule.scanner
    checked = 0
    for raw in _all_texts():
        text = Normalized(raw).text
        plain = [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in scanner.finditer(text)] == plain, rule.name
        for (s, e), _ in plain:
            assert any(w in text[s:e] for w in scanner.needs), f"{rule.name}: {text[s:e]!r} holds no needed word"
            assert not any(c in text[s:e] for c in scanner.stops or ""), f"{rule.name}: {text[s:e]!r} holds a stop"
        checked += len(plain)
    assert checked > 0, f"{rule.name}: no match on any example, the prefilter is not tested"


@pytest.mark.parametrize("rule", _prefiltered())
def test_a_prefilter_keeps_every_anchored_match(rule):
    """``scanner.match`` (a rule tried at the start of each clause) gives what the plain regex does."""
    import regex

    from govnews_extract._text import Normalized

    clause_end = regex.compile(r"[，。；！？,;!?\n]")
    fired = 0
    for raw in _all_texts()[:-1]:
        text = Normalized(raw).text
        for start in [0] + [m.end() for m in clause_end.finditer(text)]:
            stop = clause_end.search(text, start)
            for end in (len(text), stop.end() if stop else len(text)):
                plain = rule.regex.match(text, start, end)
                got = rule.scanner.match(text, start, end)
                assert (got and (got.span(), got.groupdict())) == (plain and (plain.span(), plain.groupdict())), \
                    f"{rule.name} at {text[start:end]!r}"
                fired += plain is not None
    if rule.name == "stat_subject_anaphor":  # the rule the statistics try at clause starts
        assert fired > 0, f"{rule.name}: never matched at a clause start, the anchored prefilter is not tested"


# -- a search at the end of a window: tried only where a match can start ----------------------------

def test_first_chars_are_the_characters_a_match_starts_with():
    import re

    from govnews_extract._patterns import first_chars

    assert first_chars(re.compile(r"(?:ab|c)?d*$")).pattern == "[acd]"
    assert first_chars(re.compile(r"(?<=a)(?:\d|x)")).pattern == r"[\dx]"
    assert first_chars(re.compile(r"(?:[^a]b)?$")).pattern == "[^a]"
    assert first_chars(re.compile(r"a|.")) is None  # any character may start it
    assert first_chars(re.compile(r"a", re.I)) is None
    assert first_chars(re.compile(r"(a)\1")) is not None and first_chars(re.compile(r"(a)?\1")) is None


def test_last_chars_are_the_characters_every_match_ends_with():
    import re

    from govnews_extract._patterns import last_chars

    assert last_chars(re.compile(r"(?:ab|c)d?$")).pattern == "[dbc]"
    assert last_chars(re.compile(r"(?<![人户])均(?=\d)$")).pattern == "[均]"
    assert last_chars(re.compile(r"x(?:[^a]|yz)+$")).pattern == "[z]|[^a]"
    assert last_chars(re.compile(r"(?:ab)?$")) is None  # a match may be empty: it ends in no character
    assert last_chars(re.compile(r"a.$")) is None  # any character may end it
    assert last_chars(re.compile(r"ab$", re.I)) is None


def test_match_widths_bound_a_match():
    import re

    import regex

    from govnews_extract._patterns import match_widths

    assert match_widths(re.compile(r"ab(?:c|de)?")) == (2, 4)
    assert match_widths(re.compile(r"a+")) == (1, None)
    assert match_widths(regex.compile(r"ab")) == (0, None)  # regex's patterns do not say


def test_word_lists_guarded_by_their_first_characters_match_the_same():
    import random
    import re

    from govnews_extract._patterns import guard_word_lists

    words = "|".join(f"{a}{b}" for a in "甲乙丙丁" for b in "子丑寅卯辰巳")  # 24 words
    plain = re.compile(rf"(?P<x>[甲乙]?)(?:{words})(?:公司)?(?:{words})*")
    guarded = guard_word_lists(plain)
    assert guarded.pattern.count("(?=[") == 1  # the repeated list keeps its form
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("甲乙丙丁子丑寅卯辰巳公司午") for _ in range(rng.randint(0, 12)))
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), guarded.match(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (text, pos)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in guarded.finditer(text)]
    # where case may be ignored, or a class holds what looks like a list, the pattern stays as it is
    for kept in (re.compile(rf"(?i:x)(?:{words})"), re.compile(rf"[(?:{words})]")):
        assert guard_word_lists(kept) is kept


def test_the_scan_form_of_a_pattern_finds_its_matches():
    import random
    import re

    import regex

    from govnews_extract._patterns import scan_form

    rng = random.Random(5)
    for pattern, verbose in ((r"(?<![接继兼])任|(?:副)?主持", False), (r"(?P<a>x)?y|z+", False),
                             ("(?<!a) b | c  # a comment that ends the pattern", True)):
        plain = re.compile(pattern, re.X if verbose else 0)
        fast = scan_form(plain)
        assert fast.pattern.startswith("(?=")  # the test of the first character is taken
        for _ in range(1000):
            text = "".join(rng.choice("接任副主持xyzabc ") for _ in range(rng.randint(0, 12)))
            assert [(m.span(), m.groupdict()) for m in plain.finditer(text)] == \
                [(m.span(), m.groupdict()) for m in fast.finditer(text)], (pattern, text)
    # a regex pattern is written for re; one that may match nothing, or sets its flags inside, stays
    assert isinstance(scan_form(regex.compile(r"[\p{Han}]任")), re.Pattern)
    for kept in (re.compile(r"a?"), re.compile(r"(?s)a.")):
        assert scan_form(kept).pattern == kept.pattern


def test_an_end_search_finds_what_the_plain_search_finds():
    import random
    import re

    from govnews_extract._patterns import EndSearch

    rng = random.Random(7)
    for pattern in (r"(?:ab|c)?d*$", r"(?:x|y)+$", r"(?<=a)b?$", r"(?:等|和)?(?:\d{1,2}日)?$",
                    r"(?:[^a]b)?$", r"(?:a\n)?$", r"a(?=b)|c$", r"(?:a|$)b?", r"(?:ab|c)d?$", r"x\n?$"):
        plain = re.compile(pattern)
        for fast in (EndSearch(plain), EndSearch(plain, starts=False)):
            for _ in range(3000):
                text = "".join(rng.choice("abcdxy\n等和1日") for _ in range(rng.randint(0, 10)))
                lo = rng.randint(0, len(text))
                end = rng.randint(lo, len(text) + 1)
                a, b = plain.search(text, lo, end), fast.search(text, lo, end)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (pattern, text, lo, end)


def test_the_list_tails_are_searched_as_plainly():
    import re

    from govnews_extract import meetings
    from govnews_extract._text import Normalized

    rules = meetings._rules()
    clause = re.compile(r"[，。；！？、,;!?\n]")
    for searcher in (rules.tail, rules.org_tail):
        assert searcher._first is not None  # the shortcut is taken
        for raw in _all_texts()[:-1]:
            text = Normalized(raw).text
            cuts = [0, *(m.start() for m in clause.finditer(text)), len(text)]
            for i, lo in enumerate(cuts):
                for end in cuts[i:i + 8]:  # a list runs over a few clauses at most
                    a, b = searcher.regex.search(text, lo, end), searcher.search(text, lo, end)
                    assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text[lo:end]


# -- a user's own copy of the rules --------------------------------------------------------------

_RARE_SURNAME_PAGE = "1月20日，全市经济工作会议召开。市委书记佴文强主持会议并讲话。"


def _chairs(nlp):
    from govnews_extract._pipeline import extract_with

    (meeting,) = extract_with(nlp, _RARE_SURNAME_PAGE, "2024-01-22").to_dict()["meetings"]
    return meeting["chairs"]


def test_patterns_folder_from_the_environment(tmp_path, monkeypatch):
    """GOVNEWS_PATTERNS points the library at an edited copy of patterns/ (docs/patterns.md):
    a surname added there makes a name the shipped rules drop; unsetting it brings them back."""
    import shutil

    import govnews_extract as gx

    copy = tmp_path / "patterns"
    shutil.copytree(PATTERNS.directory, copy)
    people = copy / "people.yaml"
    text = people.read_text(encoding="utf-8")
    assert "  SURNAME: [\n" in text
    people.write_text(text.replace("  SURNAME: [\n", "  SURNAME: [\n    佴,\n", 1), encoding="utf-8")

    from govnews_extract import dates, quantities

    nlp = gx.load(models=False)
    assert _chairs(nlp) == []  # 佴 is not among the shipped surnames
    shipped = quantities._tables(), dates._rules()
    monkeypatch.setenv("GOVNEWS_PATTERNS", str(copy))
    assert _chairs(nlp) == [{"name": "佴文强", "title": "市委书记"}]
    # numbers and dates follow the setting too (their tables are built per folder)
    assert quantities._tables() is not shipped[0] and dates._rules() is not shipped[1]
    monkeypatch.delenv("GOVNEWS_PATTERNS")
    assert _chairs(nlp) == []


def test_one_extraction_reads_the_setting_once(tmp_path, monkeypatch):
    """Inside one_setting (one page) the setting read at its start holds, so a page is never
    read half with one folder and half with another."""
    from govnews_extract._patterns import one_setting, patterns_setting

    monkeypatch.setenv("GOVNEWS_PATTERNS", str(tmp_path / "a"))
    with one_setting():
        monkeypatch.setenv("GOVNEWS_PATTERNS", str(tmp_path / "b"))
        assert patterns_setting() == str(tmp_path / "a")
    assert patterns_setting() == str(tmp_path / "b")


# -- two engines: a rule compiled with ``re`` finds what ``regex`` finds -------------------------

def test_han_ranges_are_the_han_of_regex():
    import re

    import regex

    from govnews_extract._patterns import _han_ranges

    every = "".join(map(chr, range(0x110000)))
    ours = re.compile(f"[{_han_ranges()}]++")
    theirs = regex.compile(r"\p{Han}++")
    assert [m.span() for m in ours.finditer(every)] == [m.span() for m in theirs.finditer(every)]


@pytest.mark.parametrize(("pattern", "verbose", "on_re", "texts"), [
    # a comment of a verbose pattern is no pattern: a [ or \p in it is not read, on either engine
    ("a # [x \\p{Lu\n b", True, True, {"ab": [(0, 2)], "a # [x": []}),
    # inside (?-x:…) verbose mode is off: # and the spaces are characters to match
    ("a(?-x: # )b", True, True, {"a # b": [(0, 5)], "ab": []}),
    ("(?x: a # c\n b)#", False, True, {"ab#": [(0, 3)], "ab": []}),
    ("a (?#x[y) b # z\n c", True, True, {"abc": [(0, 3)]}),
    ("[#]a # c\n", True, True, {"#a": [(0, 2)], "a": []}),
    ("a#b", False, True, {"a#b": [(0, 3)], "ab": []}),  # no verbose mode: a plain character
    ("(?x)a # c\n b", False, False, {"ab": [(0, 2)]}),  # verbose from inside: left to regex
])
def test_comments_of_verbose_patterns_are_read_as_both_engines_read_them(pattern, verbose, on_re, texts):
    import re

    from govnews_extract._patterns import compile_fast

    compiled = compile_fast(pattern, verbose)
    assert isinstance(compiled, re.Pattern) is on_re
    for text, spans in texts.items():
        assert [m.span() for m in compiled.finditer(text)] == spans, text
    _engines_agree(pattern, verbose)


def _engine_cases():
    for rule in PATTERNS.rules():
        yield pytest.param(rule.expanded, bool(rule.regex.flags & 64), id=rule.name)  # 64: re.X == regex.X
    for name in PATTERNS.vocabulary_names():
        yield pytest.param(PATTERNS.vocabulary(name), False, id="{" + name + "}")


@pytest.mark.parametrize(("pattern", "verbose"), list(_engine_cases()))
def test_both_engines_find_the_same_matches(pattern, verbose):
    import re

    from govnews_extract._patterns import compile_fast

    if not isinstance(compile_fast(pattern, verbose), re.Pattern):
        pytest.skip("written for regex only (kept on regex)")
    _engines_agree(pattern, verbose)


def test_the_code_s_own_patterns_agree_on_both_engines():
    """The patterns the modules compile themselves (not rules or vocabulary) that run on re."""
    import govnews_extract as gx
    from govnews_extract._patterns import ON_RE
    from govnews_extract._pipeline import extract_with

    nlp = gx.load(models=False)
    for text in _ENGINE_TEXTS[-3:]:
        extract_with(nlp, text, "2024-01-22")  # compiles what is compiled on first use
    covered = {(p.values[0], p.values[1]) for p in _engine_cases()}
    own = [key for key in list(ON_RE) if key not in covered]
    assert len(own) >= 20  # module constants (sentences, digits, separators …) and built lexicons
    for pattern, verbose in own:
        _engines_agree(pattern, verbose)


def _engines_agree(pattern, verbose):
    import re

    import regex

    from govnews_extract._patterns import compile_fast
    from govnews_extract._text import Normalized

    fast = compile_fast(pattern, verbose)
    slow = regex.compile(pattern, regex.X if verbose else 0)
    clause_end = re.compile(r"[，。；！？,;!?\n]")
    texts = [Normalized(raw).text for raw in _ENGINE_TEXTS]
    texts += [raw for raw, text in zip(_ENGINE_TEXTS, texts, strict=True) if raw != text]  # raw too
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in slow.finditer(text)], (pattern[:80], text)
        for start in [0] + [m.end() for m in clause_end.finditer(text)]:
            a, b = fast.match(text, start), slow.match(text, start)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (pattern[:80], text[start:])


_ENGINE_TEXTS = [
    *_all_texts()[:-1],
    "𠀀𪚥〇々⺀市长张三、副市长李四出席。ABC公司2023年营收1.5亿元，同比增长12.5%。",  # Han outside the BMP, 〇 々
    "全市经济工作会议\r\n召开，市长\u200b王五\r\n\r\n  主持。国内生产总值增长5.2%\n\n\n下降",  # layout leftovers
]
