"""The shipped statistical models: a word segmenter and a name finder (PER / LOC / ORG).

Nothing loads at import; every loader reads files from the package directory
``govnews_extract/models`` (``segmenter/`` and ``ner/``) and never reaches the network.

What the rest of the library calls:

- :func:`models_available` — are both model directories in place?
- :func:`load_segmenter_tokenizer` — give an existing Chinese ``Language`` (``spacy.blank("zh")``)
  our pkuseg word segmenter as its tokenizer; :func:`blank_with_segmenter` makes a new one.
- :class:`NameFinder` — ``NameFinder.load()`` once per process, then ``find(text)`` gives
  ``(start, end, label)`` character offsets (half open) with labels PER, LOC, ORG;
  ``persons(text)`` / ``orgs(text)`` / ``places(text)`` give the spans of one label,
  persons filtered to plausible personal names (:func:`is_person_name`).

Both models were trained on research corpora (People's Daily 1998, MSRA); see docs/models.md.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import not_text

MODELS_DIR = Path(__file__).resolve().parent / "models"
SEGMENTER_DIR = MODELS_DIR / "segmenter"
NER_DIR = MODELS_DIR / "ner"

SEGMENTER_FILES = ("features.msgpack", "weights.npz")
NER_FILES = ("config.cfg", "meta.json", "ner", "tok2vec", "vocab", "tokenizer/lexicon.txt")
LABELS = ("PER", "LOC", "ORG")

_SEGMENTER_FIX = ("train it with: python training/segmenter.py --corpus ../shared/corpora "
                  "--out src/govnews_extract/models/segmenter")
_NER_FIX = "train it with: python training/ner.py --corpus ../shared/corpora --out src/govnews_extract/models/ner"


class ModelsMissingError(OSError):
    """A model directory is absent or incomplete; the message says how to make it."""


def _missing(path: Path, required: Iterable[str]) -> list[str]:
    return [name for name in required if not (path / name).exists()]


def _check_dir(path: Path, required: Iterable[str], what: str, fix: str) -> Path:
    if not path.is_dir():
        raise ModelsMissingError(f"the {what} model is missing: no directory {path}; {fix}")
    missing = _missing(path, required)
    if missing:
        raise ModelsMissingError(f"the {what} model at {path} is incomplete (missing {', '.join(missing)}); {fix}")
    return path


def models_available() -> bool:
    """True when both shipped models (segmenter and name finder) are in the package."""
    return (SEGMENTER_DIR.is_dir() and not _missing(SEGMENTER_DIR, SEGMENTER_FILES)
            and NER_DIR.is_dir() and not _missing(NER_DIR, NER_FILES))


# --------------------------------------------------------------------------- segmenter

# spacy_pkuseg keeps its model directory in a module-level config while it loads.
_pkuseg_lock = threading.Lock()


def _pkuseg_tokenizer(vocab: Any, model_dir: Path) -> Any:
    import numpy as np
    from spacy.lang.zh import ChineseTokenizer, Segmenter

    tokenizer = ChineseTokenizer(vocab, segmenter=Segmenter.pkuseg)
    with _pkuseg_lock:
        # "default" keeps pkuseg from treating the directory as a user dictionary
        # (None would); the bundled dictionary it then attaches is switched off below.
        tokenizer.initialize(pkuseg_model=str(model_dir), pkuseg_user_dict="default")
    seg = tokenizer.pkuseg_seg
    seg.postprocesser.do_process = False
    # Weights are stored as float32; pkuseg's decoder wants float64.
    seg.model.w = np.ascontiguousarray(seg.model.w, dtype=np.float64)
    return tokenizer


def load_segmenter_tokenizer(nlp: Any, path: str | Path | None = None) -> Any:
    """Make ``nlp`` (a Chinese ``Language``, e.g. ``spacy.blank("zh")``) segment words with our model.

    The tokenizer is replaced by spaCy's ``ChineseTokenizer`` in pkuseg mode, initialised from
    ``path`` (default: the shipped ``models/segmenter``). Returns ``nlp`` itself.
    Raises :class:`ModelsMissingError` (an ``OSError``) when the model files are absent.
    """
    model_dir = _check_dir(Path(path) if path is not None else SEGMENTER_DIR, SEGMENTER_FILES,
                           "word segmenter", _SEGMENTER_FIX)
    if getattr(nlp, "lang", None) != "zh":
        raise ValueError(f"the segmenter needs a Chinese pipeline (lang 'zh'), got {getattr(nlp, 'lang', None)!r}")
    nlp.tokenizer = _pkuseg_tokenizer(nlp.vocab, model_dir)
    return nlp


def blank_with_segmenter(path: str | Path | None = None) -> Any:
    """A new blank Chinese pipeline whose tokens are our segmenter's words."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    return load_segmenter_tokenizer(nlp, path)


# --------------------------------------------------------------------------- names

CHAR_TOKENIZER = "govnews_extract.CharBigramTokenizer.v1"
_registered = False
_register_lock = threading.Lock()


LEXICON_FILE = "lexicon.txt"
_LEX_MAX = 6  # longest lexicon word looked up
_LEX_CAP = 4  # word lengths above this share one feature value


def lexicon_features(text: str, lexicon: frozenset[str] | set[str], longest: int = _LEX_MAX,
                     types: dict[str, str] | None = None) -> list[str]:
    """One feature string a character: where it sits in the words of ``lexicon`` found in ``text``.

    ``B``: the length of the longest lexicon word starting at the character, ``E``: of the longest
    ending at it (both capped at 4), ``M``: 1 if a lexicon word covers it in its middle. Every
    occurrence counts, not only one segmentation, so the model sees the competing readings
    (「市委书记」 gives 市委 and 书记 and 委书 if it were a word). ``B0E0M0`` outside any word.

    With ``types`` (word -> one letter, e.g. ``L`` for a place, ``O`` for an organisation), the
    letter of the longest word starting and of the longest ending at the character follows its
    length (``B3LE0M0`` at the 夏 of 夏威夷); untyped words add nothing, so without ``types`` the
    strings are exactly the untyped ones.
    """
    n = len(text)
    b = [0] * n
    e = [0] * n
    m = [0] * n
    tb = [""] * n
    te = [""] * n
    for i in range(n - 1):
        for length in range(2, min(longest, n - i) + 1):
            word = text[i:i + length]
            if word in lexicon:
                kind = types.get(word, "") if types else ""
                if length > b[i]:
                    b[i] = length
                    tb[i] = kind
                end = i + length - 1
                if length > e[end]:
                    e[end] = length
                    te[end] = kind
                for k in range(i + 1, end):
                    m[k] = 1
    cap = _LEX_CAP
    return [f"B{min(x, cap)}{u}E{min(y, cap)}{v}M{z}" for x, u, y, v, z in zip(b, tb, e, te, m, strict=True)]


def parse_lexicon(lines: Iterable[str]) -> tuple[frozenset[str], dict[str, str]]:
    """Words and their types from lexicon lines: ``word`` or ``word<space>TYPE``."""
    words: set[str] = set()
    types: dict[str, str] = {}
    for line in lines:
        parts = line.split()
        if not parts or not 2 <= len(parts[0]) <= _LEX_MAX:
            continue
        words.add(parts[0])
        if len(parts) > 1:
            types[parts[0]] = parts[1]
    return frozenset(words), types


class CharBigramTokenizer:
    """One token per character (spaces and line breaks included), offsets = string positions.

    Each token's ``LEMMA`` holds the hash of the character bigram ending at it (the previous
    character and this one), which the NER model embeds beside the character itself. Only the
    hash is stored (the strings never enter the vocabulary), so the vocabulary does not grow
    with the texts seen.

    With a word list (``lexicon``, saved beside the model as ``tokenizer/lexicon.txt``), each
    token's ``TAG`` also holds :func:`lexicon_features` for its character: the word boundaries
    the list suggests, a strong hint where a name begins or ends.
    """

    def __init__(self, vocab: Any, lexicon: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self._tag_ids: dict[str, int] = {}  # word-list feature string -> its hash (few distinct ones)
        self._set_lexicon(lexicon)

    def _set_lexicon(self, lines: Iterable[str]) -> None:
        self.lexicon, self.types = parse_lexicon(lines)
        self.longest = max(map(len, self.lexicon), default=0)

    def _lexicon_lines(self) -> list[str]:
        return [f"{w} {self.types[w]}" if w in self.types else w for w in sorted(self.lexicon)]

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, lexicon_path: str | None = None,
                   pkuseg_model: Any = None, pkuseg_user_dict: Any = None) -> None:
        """Read the word list (one word a line) when training starts (``[initialize.tokenizer]``).

        The two ``pkuseg_*`` settings come with spaCy's Chinese defaults and mean nothing here.
        """
        if lexicon_path:
            self._set_lexicon(Path(lexicon_path).read_text(encoding="utf-8").splitlines())

    def feature_ids(self, text: str) -> tuple[list[int], list[int] | None]:
        """The LEMMA (bigram) and TAG (word-list feature; None without a word list) hash of each
        character of ``text``, as a Doc of it holds them (the numpy network reads them too)."""
        from spacy.strings import get_string_id

        prev = "\x02" + text[:-1]  # \x02 marks the start of the text
        lemmas = [get_string_id(a + b) for a, b in zip(prev, text, strict=True)]
        if not self.lexicon:
            return lemmas, None
        ids, strings = self._tag_ids, self.vocab.strings
        tags = []
        for f in lexicon_features(text, self.lexicon, self.longest, self.types):
            h = ids.get(f)
            if h is None:
                h = ids[f] = strings.add(f)
            tags.append(h)
        return lemmas, tags

    def __call__(self, text: str) -> Any:
        import numpy as np
        from spacy.attrs import LEMMA, TAG
        from spacy.tokens import Doc

        chars = list(text)
        doc = Doc(self.vocab, words=chars, spaces=[False] * len(chars))
        if chars:
            lemmas, tags = self.feature_ids(text)
            if tags is not None:
                doc.from_array([LEMMA, TAG], np.array([lemmas, tags], dtype=np.uint64).T.copy())
            else:
                doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Any]:
        for text in texts:
            yield self(text)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The word list (empty without one): the tokenizer has no other settings or data."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON_FILE).write_text("".join(line + "\n" for line in self._lexicon_lines()), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CharBigramTokenizer:
        file = Path(path) / LEXICON_FILE
        if file.is_file():
            self._set_lexicon(file.read_text(encoding="utf-8").splitlines())
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return "\n".join(self._lexicon_lines()).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> CharBigramTokenizer:
        self._set_lexicon(data.decode("utf-8").splitlines())
        return self


def register_spacy_parts() -> None:
    """Register our tokenizer with spaCy (needed before loading or training the NER model)."""
    global _registered
    with _register_lock:
        if _registered:
            return
        import spacy

        if CHAR_TOKENIZER not in spacy.registry.tokenizers:
            spacy.registry.tokenizers.register(CHAR_TOKENIZER, func=lambda: lambda nlp: CharBigramTokenizer(nlp.vocab))
        _registered = True


_WEEKDAY = re.compile(r"^(?:周|星期|礼拜)[一二三四五六日天末]$")
_PLACE_END = ("镇", "村", "庄")
_DOTS = "·•・‧"


def is_person_name(name: str) -> bool:
    """Is a PER span plausible as a personal name?

    Two to four characters (longer only for transliterated or minority names written with a
    middle dot, e.g. 阿依古丽·买买提), not a weekday (周一…周日, 星期X), not ending like a
    place (镇, 村, 庄).
    """
    name = name.strip()
    if not name or _WEEKDAY.match(name) or name.endswith(_PLACE_END):
        return False
    if any(dot in name for dot in _DOTS):
        parts = [p for p in re.split(f"[{_DOTS}]", name) if p]
        return len(parts) >= 2 and len(name) <= 20
    return 2 <= len(name) <= 4


_CLAN = "氏"


def entity_spans(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, label) of a Doc's entities, in the convention of the NER corpora
    (:func:`corpus_convention`)."""
    return corpus_convention(doc.text, [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents])


def corpus_convention(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's spans in the convention of the NER corpora: in 「杜氏」 the person is the
    surname alone, 氏 (clan, family) is no part of the name. Every annotated NER source the
    model learns from marks it so, while the names read off the POS corpus keep 氏 (4 times),
    and the model had learned 杜氏 as a name."""
    out = []
    for s, e, label in spans:
        if label == "PER" and e - s >= 2 and text[e - 1] == _CLAN:
            e -= 1
        out.append((s, e, label))
    return out


# Texts are cut into pieces of at most this many characters (at line or sentence ends where
# possible) before they go through the network: short docs batch well and keep memory flat.
_PIECE = 1000
_CUT = re.compile(r"(?<=[\n。！？；!?])")


def _pieces(text: str, limit: int = _PIECE) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering ``text`` in order, each piece at most ``limit`` characters."""
    start = 0
    buf_start = 0
    buf = ""
    for part in _CUT.split(text):
        if not part:
            continue
        if buf and len(buf) + len(part) > limit:
            yield buf_start, buf
            buf_start, buf = start, ""
        while len(part) > limit:  # no sentence end for a long stretch: cut it hard
            if buf:
                yield buf_start, buf
                buf = ""
            yield start, part[:limit]
            start += limit
            part = part[limit:]
            buf_start = start
        if not buf:
            buf_start = start
        buf += part
        start += len(part)
    if buf:
        yield buf_start, buf


def _load_ner(model_dir: Path) -> Any:
    import spacy
    from thinc.api import use_ops

    register_spacy_parts()
    # Build the network on ops whose matrix products go through numpy's BLAS: on one core
    # that ran about 2.5 times faster than thinc's default (blis) where we measured it.
    # A model keeps the ops it was built with, so this holds for every later call.
    with use_ops("numpy", use_blis=False):
        return spacy.load(model_dir)


class NameFinder:
    """Person, place and organisation names in Chinese text, from the shipped NER model.

    Load once (``NameFinder.load()`` caches one instance per model directory and process),
    then call from any thread. Offsets are character positions in the text given.
    """

    _cache: dict[Path, NameFinder] = {}  # noqa: RUF012
    _cache_lock = threading.Lock()

    def __init__(self, nlp: Any, fast: bool = True) -> None:
        from threadpoolctl import ThreadpoolController

        from . import _forward

        self._nlp = nlp
        # the same network in plain numpy (None for a pipeline of another shape): spaCy's path
        # builds a Doc per piece and costs about twice as much on the short pieces rules ask about
        self._fast = _forward.build(nlp) if fast else None
        self._lock = threading.Lock()
        # The network's matrices are small: a second BLAS thread only spins (same wall time,
        # twice the CPU time where we measured), and under extract_many's worker processes
        # it would oversubscribe the cores. The limit holds only while find_many runs.
        self._blas = ThreadpoolController()

    @classmethod
    def load(cls, path: str | Path | None = None) -> NameFinder:
        """The name finder for ``path`` (default: the shipped ``models/ner``), loaded once.

        Raises :class:`ModelsMissingError` (an ``OSError``) when the model files are absent.
        """
        model_dir = _check_dir(Path(path) if path is not None else NER_DIR, NER_FILES, "name finder", _NER_FIX)
        key = model_dir.resolve()
        with cls._cache_lock:
            finder = cls._cache.get(key)
            if finder is None:
                nlp = _load_ner(model_dir)
                finder = cls(nlp)
                cls._cache[key] = finder
            return finder

    @property
    def nlp(self) -> Any:
        """The underlying spaCy pipeline (character tokens, ``tok2vec`` and ``ner``)."""
        return self._nlp

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """All names as (start, end, label), half-open character offsets into ``text``, in order."""
        if not isinstance(text, str):
            raise not_text(text)
        return self.find_many([text])[0]

    def find_many(self, texts: Iterable[str], batch_size: int = 64) -> list[list[tuple[int, int, str]]]:
        """:meth:`find` for several texts at once (faster: the pieces go through in batches)."""
        texts = list(texts)
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
        for i, text in enumerate(texts):
            pieces.extend((i, offset, piece) for offset, piece in _pieces(text) if piece.strip())
        found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        nlp = self._nlp
        with self._lock, self._blas.limit(limits=1, user_api="blas"):
            if self._fast is not None:
                spans = self._fast.find([p for _, _, p in pieces], batch_size)
                for (i, offset, piece), piece_spans in zip(pieces, spans, strict=True):
                    found[i].extend((offset + s, offset + e, label)
                                    for s, e, label in corpus_convention(piece, piece_spans))
                return found
            docs = [nlp.make_doc(p) for _, _, p in pieces]
            # each component's predict and set_annotations, batch by batch: what nlp.pipe does,
            # without its generator machinery, which cost more than the network on a short piece
            for b in range(0, len(docs), batch_size):
                batch = docs[b : b + batch_size]
                for _, proc in nlp.pipeline:
                    proc.set_annotations(batch, proc.predict(batch))
        for (i, offset, _), doc in zip(pieces, docs, strict=True):
            found[i].extend((offset + s, offset + e, label) for s, e, label in entity_spans(doc))
        return found

    def persons(self, text: str) -> list[tuple[int, int, str]]:
        """PER spans that pass :func:`is_person_name`."""
        return self.filter_persons(text, self.find(text))

    def orgs(self, text: str) -> list[tuple[int, int, str]]:
        """ORG spans."""
        return [span for span in self.find(text) if span[2] == "ORG"]

    def places(self, text: str) -> list[tuple[int, int, str]]:
        """LOC spans."""
        return [span for span in self.find(text) if span[2] == "LOC"]

    @staticmethod
    def filter_persons(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The PER spans among ``spans`` (from :meth:`find` on ``text``) that look like personal names."""
        return [(s, e, label) for s, e, label in spans if label == "PER" and is_person_name(text[s:e])]
