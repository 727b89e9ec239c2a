"""One extraction: the shared context every record kind reads, and the report it makes."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from typing import Any

from ._patterns import compile_fast, one_setting, patterns_setting
from ._records import Evidence, Report
from ._text import Normalized
from .errors import not_text


class Context:
    """What the record kinds share for one text.

    ``text`` is the normalised text rules match on; ``norm`` maps its positions back
    to the original (``norm.span``, ``norm.written``).  Quantities, dates and the
    model's names are found once, on first use, and shared by every kind.
    """

    def __init__(self, text: str, published: dt.date | None = None, names: Any = None) -> None:
        self.norm = Normalized(text)
        self.text = _without_chrome(self.norm.text)
        self.published = published
        self._names = names
        self._asked: set[int] | None = None  # pieces asked about during a dry run
        self._asked_at: list[tuple[int, str]] = []  # and the questions: (position, label)

    def written(self, start: int, end: int) -> str:
        """The original text behind the normalised span, as written (breaks joined)."""
        return self.norm.written(start, end)

    def evidence(self, rule: str, *spans: tuple[int, int]) -> Evidence:
        """Evidence for a record: the rule's name and the normalised spans mapped to the original."""
        span = self.norm.span
        return Evidence(rule, tuple([span(s, e) for s, e in spans]))

    @functools.cached_property
    def articles(self) -> tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]:
        """(start, end, headline lines) of the text's articles (:mod:`._articles`): what a kind
        carries from one place of the text to a later one stops at their boundaries."""
        from ._articles import articles

        return articles(self.norm.text)

    @functools.cached_property
    def article_index(self) -> Any:
        from ._articles import ArticleIndex

        return ArticleIndex(self.articles)

    @functools.cached_property
    def quantities(self) -> list[Any]:
        from .quantities import scan

        return scan(self.norm)

    @functools.cached_property
    def dates(self) -> list[Any]:
        from .dates import scan

        return scan(self.norm, self.published, self.article_index)

    @functools.cached_property
    def _windows(self) -> list[tuple[int, int]]:
        return name_windows(self.text) if self._names is not None else []

    @functools.cached_property
    def _window_starts(self) -> list[int]:
        return [s for s, _ in self._windows]

    def _run_model(self, indexes: list[int]) -> None:
        todo = [i for i in indexes if i not in self._found]
        if not todo:
            return
        pieces = [self.text[slice(*self._windows[i])] for i in todo]
        find_many = getattr(self._names, "find_many", None)  # a finder may offer only find()
        found = find_many(pieces) if find_many else [self._names.find(p) for p in pieces]
        for i, spans in zip(todo, found, strict=True):
            s = self._windows[i][0]
            self._found[i] = [(s + a, s + b, label) for a, b, label in spans]

    @functools.cached_property
    def _found(self) -> dict[int, list[tuple[int, int, str]]]:
        return {}

    def names_at(self, pos: int, label: str) -> list[tuple[int, int, str]]:
        """The model's ``label`` spans (start, end, label) that start at ``pos`` or end right
        after it (``end == pos + 1``), from the piece of text (see :func:`name_windows`) that
        holds ``pos``: a rule asks whether a person (``"PER"``) or an organisation (``"ORG"``)
        starts where it looks, or ends where it looks.

        Empty when the pipeline runs without models or the sentence has no cue word for
        people (``NAME_CUE`` in patterns/common.yaml).  The model runs on a piece the first
        time a rule asks about a position in it, and only then: it is the slow part, and most
        pieces, even in a sentence with a cue word, never need it.
        """
        i = bisect.bisect_right(self._window_starts, pos) - 1
        if i < 0 or pos >= self._windows[i][1]:
            return []
        if self._asked is not None:  # a dry run: note the question, answer as the rules alone would
            self._asked.add(i)
            self._asked_at.append((pos, label))
            return []
        self._run_model([i])
        return [span for span in self._found[i] if span[2] == label and (span[0] == pos or span[1] == pos + 1)]

    def prefetch_names(self, *reads: Any) -> list[Any]:
        """Run each of ``reads`` (``read(self)``) without the model, noting every question it
        asks (:meth:`names_at`), then run the model over the pieces asked about in one batch
        (batches run about 2.5 times faster than pieces one at a time).

        Gives, for each read, what it returned when the model's answer to every question *it*
        asked is empty too: the rules then took every turn they will take with the model, so
        that result stands and need not be read again. Otherwise None there (the read is done
        again with the model's answers; pieces that only the real run asks about are read then).
        """
        if self._names is None or not self._windows:
            return [None] * len(reads)
        results, questions = [], []
        self._asked = set()
        try:
            for read in reads:
                self._asked_at = []
                results.append(read(self))
                questions.append(self._asked_at)
        finally:
            asked, self._asked = self._asked, None
        self._run_model(sorted(asked))
        return [None if any(self.names_at(pos, label) for pos, label in asked_at) else result
                for result, asked_at in zip(results, questions, strict=True)]

    def reuse(self, key: Any, compute: Any) -> Any:
        """``compute()``, once for a dry run and the real run after it: the real run takes the
        dry run's result where the model answered none of the questions ``compute`` asked then
        (so it would take the very same turns again). ``key`` names the computation and its
        arguments; the result must not be changed by whoever receives it."""
        if self._names is None:
            return compute()
        if self._asked is not None:  # a dry run: keep the result with its questions
            before = len(self._asked_at)
            result = compute()
            self._kept[key] = (result, self._asked_at[before:])
            return result
        kept = self._kept.get(key)
        if kept is not None and not any(self.names_at(pos, label) for pos, label in kept[1]):
            return kept[0]
        return compute()

    @functools.cached_property
    def _kept(self) -> dict[Any, tuple[Any, list[tuple[int, str]]]]:
        return {}

    @property
    def entities(self) -> list[tuple[int, int, str]]:
        """Every name span of the model, in normalised positions (runs it on every piece of every cue sentence)."""
        self._run_model(list(range(len(self._windows))))
        return [span for i in range(len(self._windows)) for span in self._found[i]]


@functools.lru_cache(maxsize=4)
def _chrome(patterns_dir: str | None) -> Any:
    from ._patterns import get_patterns

    return get_patterns().compile("{PAGE_CHROME_LINE}")


def _without_chrome(text: str) -> str:
    """``text`` with the lines around the article (``PAGE_CHROME_LINE``: 「下一篇：…」) blanked,
    each character a space, so positions stay those of the normalised text."""
    parts, last = [], 0
    for m in _chrome(patterns_setting()).finditer(text):
        parts += [text[last:m.start()], " " * (m.end() - m.start())]
        last = m.end()
    return "".join(parts) + text[last:] if parts else text


_SENTENCE = compile_fast(r"[^。！？!?\n]++[。！？!?]?+")


@functools.lru_cache(maxsize=4)
def _name_cue(patterns_dir: str | None) -> Any:
    from ._patterns import get_patterns

    return get_patterns().compile("{NAME_CUE}")


_CLAUSE_END = compile_fast(r"[，,；;：:]")
_PIECE = 32  # clauses are joined into pieces of up to this many characters


def name_windows(text: str) -> list[tuple[int, int]]:
    """The pieces of text the name model may be asked about: the sentences of ``text`` that
    contain a cue word for people, cut at clause punctuation into pieces of up to ``_PIECE``
    characters (a longer clause stays whole).

    The model sees four characters either side of a character (a 4-layer window CNN), and no
    name runs across a comma, so a piece gives the same names as its sentence would; the model
    then reads the few clauses a rule asks about instead of whole long sentences.
    """
    cue = _name_cue(patterns_setting())
    pieces: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        if not cue.search(m.group()):
            continue
        start, end = m.span()
        piece = previous = start
        for cut in [*(c.end() for c in _CLAUSE_END.finditer(text, start, end)), end]:
            if cut - piece > _PIECE and previous > piece:
                pieces.append((piece, previous))
                piece = previous
            previous = cut
        if end > piece:
            pieces.append((piece, end))
    return pieces


# Dates are resolved by counting years, months and weeks from ``published`` (去年同期, 后年底,
# 下周一), which ``datetime`` cannot do near the ends of its calendar (years 1 and 9999): a
# reference date is taken only a century inside them, so that no resolution can overflow.
PUBLISHED_MIN = dt.date(101, 1, 1)
PUBLISHED_MAX = dt.date(9899, 12, 31)


def check_published(published: Any) -> dt.date | None:
    """Accept a date, a datetime or an ISO ``YYYY-MM-DD`` string; anything else is a clear error."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        day = published.date()
    elif isinstance(published, dt.date):
        day = published
    elif isinstance(published, str):
        try:
            day = dt.date.fromisoformat(published.strip())
        except ValueError:
            raise ValueError(f"published must be a date in the form YYYY-MM-DD, got {published!r}") from None
    else:
        raise TypeError(f"published must be a datetime.date, a datetime or a YYYY-MM-DD string, "
                        f"got {type(published).__name__}")
    if not PUBLISHED_MIN <= day <= PUBLISHED_MAX:
        raise ValueError(f"published must lie between {PUBLISHED_MIN.isoformat()} and {PUBLISHED_MAX.isoformat()}, "
                         f"got {day.isoformat()}")
    return day


def check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise not_text(text)
    return text


def build_report(text: str, published: dt.date | None = None, names: Any = None) -> Report:
    """Run every record kind over ``text`` and gather what they find."""
    from . import enterprises, meetings, statistics, weather

    with one_setting():
        ctx = Context(check_text(text), check_published(published), names)
        found_meetings = found_enterprises = None
        if names is not None:  # the kinds that ask for names: a dry run each, then one batch for the model
            found_meetings, found_enterprises = ctx.prefetch_names(
                lambda c: tuple(meetings.extract(c)), lambda c: tuple(enterprises.extract(c)))
        if found_meetings is None:  # no model, or its answers change what the rules read
            found_meetings = tuple(meetings.extract(ctx))
        forecasts, stats = tuple(weather.extract(ctx)), tuple(statistics.extract(ctx))
        if found_enterprises is None:
            found_enterprises = tuple(enterprises.extract(ctx))
        return Report(
            published=ctx.published,
            source=text,
            meetings=found_meetings,
            forecasts=forecasts,
            statistics=stats,
            enterprises=found_enterprises,
        )


_WARM_PAGE = "sample-xinxiang-daily-2024-01-22.txt"  # shipped in data/, a page with every record kind


@functools.lru_cache(maxsize=4)
def _warmed(setting: str | None) -> None:
    from importlib import resources

    try:
        page = resources.files("govnews_extract").joinpath("data", _WARM_PAGE).read_text(encoding="utf-8")
    except FileNotFoundError:  # a trimmed install: the rules then compile on the first text instead
        return
    build_report(page, dt.date(2024, 1, 22))


def warm_rules() -> None:
    """Load and compile every rule now, once per process and ``GOVNEWS_PATTERNS`` setting, by
    reading the shipped sample page: ``gx.load()`` calls it, so the first text a user extracts
    costs what every later one does, and a malformed pattern file fails at load."""
    _warmed(patterns_setting())
