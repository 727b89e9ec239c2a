"""A tokenizer for the spaCy pipeline whose cost stays linear in the length of the text.

spaCy's own Chinese tokenizer aligns words to the text by slicing the remaining text
once per word, which takes quadratic time on long pages (a 400 000-character page takes
seconds).  This one segments short pieces (lines, cut further at clause ends) with a
word segmenter (the shipped pkuseg model, or one token per character) and builds the
``Doc`` from words and spaces directly.  The original string is kept in
``doc.user_data["govnews_text"]`` so the extractor never has to rebuild it from tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ._patterns import compile_fast

_PIECE = compile_fast(r"[^\n。！？；]{1,300}+[。！？；]?+|[\n。！？；]")
_SPACE = compile_fast(r"\s++")

TEXT_KEY = "govnews_text"


def char_segment(text: str) -> list[str]:
    return list(text)


def _pieces(text: str) -> Iterator[str]:
    for m in _PIECE.finditer(text):
        yield m.group()


class LinearTokenizer:
    """``Doc`` from text in linear time, with words from ``segment`` (default: one per character)."""

    def __init__(self, vocab: object, segment: Callable[[str], list[str]] | None = None) -> None:
        self.vocab = vocab
        self.segment = segment or char_segment

    def __call__(self, text: str) -> object:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _SPACE.finditer(text):  # runs of whitespace separate pieces and become spaces
            self._add(text[pos:m.start()], words, spaces)
            gap = m.group()
            if words and not spaces[-1] and gap == " ":
                spaces[-1] = True
            else:
                words.append(gap)
                spaces.append(False)
            pos = m.end()
        self._add(text[pos:], words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _add(self, chunk: str, words: list[str], spaces: list[bool]) -> None:
        for piece in _pieces(chunk):
            segmented = self.segment(piece)
            if "".join(segmented) != piece:  # a segmenter that dropped or changed characters
                segmented = list(piece)
            for word in segmented:
                if word:
                    words.append(word)
                    spaces.append(False)

    # the pipeline can be saved; the segmenter is rebuilt from the package on load
    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> LinearTokenizer:
        return self

    def to_disk(self, path: object, **kwargs: object) -> None:
        return None

    def from_disk(self, path: object, **kwargs: object) -> LinearTokenizer:
        return self
