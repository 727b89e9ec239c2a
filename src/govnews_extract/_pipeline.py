"""The spaCy side: a pipeline component that leaves the report on ``doc._.report``."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from ._extract import build_report, check_published
from ._tokenizer import TEXT_KEY, LinearTokenizer

COMPONENT = "govnews_extractor"
_lock = threading.Lock()
_registered = False


def _register() -> None:
    """Register the Doc extensions and the factory once (on first use, never at import)."""
    global _registered
    with _lock:
        if _registered:
            return
        from spacy.language import Language
        from spacy.tokens import Doc

        if not Doc.has_extension("report"):
            Doc.set_extension("report", default=None)
        if not Doc.has_extension("published"):
            Doc.set_extension("published", default=None)

        @Language.factory(COMPONENT, default_config={"models": True})
        def make_extractor(nlp: Any, name: str, models: bool) -> Extractor:
            return Extractor(name=name, models=models)

        _registered = True


class Extractor:
    """The rules (and, where they need names, the NER model) as one spaCy component.

    Set ``doc._.published`` before the component runs to resolve relative dates.
    """

    def __init__(self, name: str = COMPONENT, models: bool = True) -> None:
        self.name = name
        self.models = models
        self._names: Any = None
        if models:
            from . import _models

            if _models.models_available():
                self._names = _models.NameFinder.load()
        from ._extract import warm_rules

        warm_rules()  # the rules compile here, not on the first text

    def __call__(self, doc: Any) -> Any:
        text = doc.user_data.get(TEXT_KEY)
        if text is None:  # a Doc made by another tokenizer
            text = doc.text
        doc._.report = self.extract(text, doc._.published)
        return doc

    def extract(self, text: str, published: dt.date | str | None = None) -> Any:
        """The report for ``text`` without building a Doc (what ``gx.extract`` calls)."""
        return build_report(text, published, self._names)

    def to_disk(self, path: str | Path, exclude: Any = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "cfg.txt").write_text(f"models={self.models}\n", encoding="utf-8")

    def from_disk(self, path: str | Path, exclude: Any = ()) -> Extractor:
        return self


class LazySegmenter:
    """The shipped word segmenter, loaded the first time the pipeline tokenises a text.

    Reports never need tokens (``gx.extract``, ``extract_many`` and the command line read the
    string), so they never pay for it: 0.36 s and about 80 MB where we measured. ``nlp(text)``
    loads it once, under a lock, into this object, which the pipeline owns.
    """

    def __init__(self) -> None:
        self._cut: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._cut is not None

    def __call__(self, piece: str) -> list[str]:
        if self._cut is None:
            with self._lock:
                if self._cut is None:
                    import spacy

                    from . import _models

                    self._cut = _models.load_segmenter_tokenizer(spacy.blank("zh")).tokenizer.pkuseg_seg.cut
        return self._cut(piece)


def load(models: bool = True) -> Any:
    """A spaCy ``Language`` that extracts reports: ``nlp(text)._.report``.

    ``models=False`` gives the rules-only pipeline: character tokens and no NER.
    Heavy resources load here, once; the returned object is yours to keep.
    """
    _register()
    import spacy

    nlp = spacy.blank("zh")  # character segmentation by default: nothing to download
    segment = None
    if models:
        from . import _models

        if _models.models_available():
            # the shipped pkuseg model, driven piece by piece by our linear tokenizer
            segment = LazySegmenter()
    nlp.tokenizer = LinearTokenizer(nlp.vocab, segment)
    nlp.add_pipe(COMPONENT, config={"models": models})
    return nlp


def extract_with(nlp: Any, text: str, published: dt.date | str | None = None) -> Any:
    """The report of ``text`` by the extractor of ``nlp``, without tokenizing the whole text.

    Rules read the string itself; the statistical model runs only on the pieces a rule asks about.
    """
    from ._extract import check_text

    return nlp.get_pipe(COMPONENT).extract(check_text(text), check_published(published))


def run(nlp: Any, text: str, published: dt.date | str | None = None) -> Any:
    """Run ``nlp`` over ``text`` with a reference date, returning the Doc."""
    from ._extract import check_text

    doc = nlp.make_doc(check_text(text))
    doc._.published = check_published(published)
    return nlp(doc)


_default: Any = None
_default_lock = threading.Lock()


def default_pipeline() -> Any:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load()
    return _default
