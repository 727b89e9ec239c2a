"""The shipped name finder's network run in plain numpy, without building spaCy Docs.

The rules ask the model about a few short pieces of a page at a time, and for such pieces
spaCy's generic path costs about three times the arithmetic: a Doc and its Token objects per
piece, some twenty thinc layer calls per batch, the parser's state objects. This module reads
the weights out of the loaded pipeline once and computes the same function directly:

- the features of each character, exactly as :class:`~govnews_extract._models.CharBigramTokenizer`
  sets them (NORM, the bigram in LEMMA, SHAPE, the word-list feature in TAG);
- ``spacy.Tok2Vec.v2``: ``MultiHashEmbed.v2`` then ``MaxoutWindowEncoder.v2``, with thinc's own
  hash and gather and the same numpy products, layer norms and padding as thinc's numpy ops;
- ``spacy.TransitionBasedParser.v2`` for NER, greedy: the lower layer is precomputed per
  token, and since a state's features are the current token, the first token of an open entity
  and the token before, every token's "no entity open" scores come from one product; only the
  tokens inside an entity need the entity's start, and they are scored in short runs.

:func:`build` returns ``None`` for a pipeline of any other shape, and the caller keeps spaCy's
path. ``tests/test_models.py`` checks that both paths find the same names.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

_LAYER_NORM_EPS = 1e-08  # thinc's LayerNorm
_SPACE = re.compile(r"\s")  # str.isspace(), spaCy's IS_SPACE


def _maxout(ops: Any, X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    nO, nP, nI = W.shape
    Y = np.dot(X, W.reshape(nO * nP, nI).T)
    Y += b.reshape(nO * nP)
    return ops.maxout(Y.reshape(Y.shape[0], nO, nP))[0]  # numpy's max over a short last axis is slow


def _layer_norm(X: np.ndarray, G: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = X.mean(axis=1, keepdims=True)
    var = X.var(axis=1, keepdims=True) + _LAYER_NORM_EPS
    Y = (X - mu) * var ** (-1.0 / 2.0)
    Y = Y * G
    Y += b
    return Y


def _window(X: np.ndarray) -> np.ndarray:
    """Each row with the row before and after it (zeros past the ends): thinc's seq2col, nW=1."""
    n, width = X.shape
    cols = np.zeros((n, 3, width), dtype=X.dtype)
    cols[1:, 0] = X[:-1]
    cols[:, 1] = X
    cols[:-1, 2] = X[1:]
    return cols.reshape(n, 3 * width)


def _mixed_tables(embeds: list[tuple[int, int, np.ndarray]], W: np.ndarray) -> list[tuple[int, int, np.ndarray]]:
    """Each embedding table multiplied by its block of the mixing layer's weights, (rows, nO * nP):
    a character's mixed vector is then the bias plus a sum of table rows, with no product left."""
    nO, nP, _ = W.shape
    W2 = W.reshape(nO * nP, -1).astype(np.float64)
    out, at = [], 0
    for column, seed, E in embeds:
        width = E.shape[1]
        block = W2[:, at : at + width].T
        T = np.empty((E.shape[0], nO * nP), dtype=E.dtype)
        for r in range(0, len(E), 1024):  # in float64, a slice at a time (a whole table would be 37 MB)
            T[r : r + 1024] = E[r : r + 1024].astype(np.float64) @ block
        out.append((column, seed, T))
        at += width
    return out


def _nodes(model: Any, name: str) -> list[Any]:
    return [node for node in model.walk() if node.name == name]


def _residuals(model: Any) -> list[Any]:
    """The residual blocks (not the chain of them, whose name also starts with ``residual(``)."""
    return [node for node in model.walk() if node.name.startswith("residual(") and ">>residual(" not in node.name]


class NumpyNER:
    """``find(texts)``: the (start, end, label) entities of each text, as the spaCy pipeline finds them."""

    def __init__(self, nlp: Any) -> None:
        from thinc.api import NumpyOps

        self._ops = NumpyOps(use_blis=False)
        self._vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        tok2vec = nlp.get_pipe("tok2vec").model
        self._embeds = [(node.attrs["column"], node.attrs["seed"], node.get_param("E"))
                        for node in _nodes(tok2vec, "hashembed")]
        maxouts = [(m.get_param("W"), m.get_param("b")) for m in _nodes(tok2vec, "maxout")]
        norms = [(m.get_param("G"), m.get_param("b")) for m in _nodes(tok2vec, "layernorm")]
        self._embed_mix = (maxouts[0], norms[0])
        self._mixed = _mixed_tables(self._embeds, maxouts[0][0])
        self._encode = list(zip(maxouts[1:], norms[1:], strict=True))
        self._pad = next(node.attrs["pad"] for node in tok2vec.walk() if node.name.startswith("with_array(residual"))
        parser = nlp.get_pipe("ner").model
        listener_linear = parser.get_ref("tok2vec").layers[-1]
        self._proj = (listener_linear.get_param("W"), listener_linear.get_param("b"))
        lower = parser.get_ref("lower")
        self._lower_W = lower.get_param("W")  # (nF, nO, nP, nI)
        self._lower_b = lower.get_param("b")  # (nO, nP)
        self._lower_pad = lower.get_param("pad")[0]  # (nF, nO, nP)
        upper = parser.get_ref("upper")
        self._upper = (upper.get_param("W"), upper.get_param("b"))
        moves = nlp.get_pipe("ner").moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        self._labels = [name.partition("-")[2] for name in names]
        n = len(names)
        self._begin = np.array([name.startswith("B-") for name in names])
        self._unit = np.array([name.startswith("U-") and name != "U-" for name in names])
        self._out = np.array([name == "O" for name in names])
        self._out_class = names.index("O")
        self._in = {self._labels[i]: i for i in range(n) if names[i].startswith("I-")}
        self._last = {self._labels[i]: i for i in range(n) if names[i].startswith("L-")}
        self._char_cache: dict[str, tuple[int, int]] = {}

    # ------------------------------------------------------------------ features

    def _char(self, c: str) -> tuple[int, int]:
        got = self._char_cache.get(c)
        if got is None:
            lex = self._vocab[c]
            got = self._char_cache[c] = (lex.norm, lex.shape)
        return got

    def features(self, text: str) -> np.ndarray:
        """(len(text), 4) uint64: NORM, LEMMA, SHAPE, TAG of each character, as the tokenizer sets them
        (the lexeme's NORM and SHAPE; LEMMA and TAG from ``CharBigramTokenizer.feature_ids``)."""
        n = len(text)
        out = np.zeros((n, 4), dtype=np.uint64)
        if not n:
            return out
        chars = [self._char(c) for c in text]
        out[:, 0] = [c[0] for c in chars]
        out[:, 2] = [c[1] for c in chars]
        lemmas, tags = self._tokenizer.feature_ids(text)
        out[:, 1] = lemmas
        if tags is not None:
            out[:, 3] = tags
        return out

    # ------------------------------------------------------------------ network

    def _tok2vec(self, feats: list[np.ndarray]) -> list[np.ndarray]:
        ops = self._ops
        X = np.concatenate(feats)
        (W, b), (G, g) = self._embed_mix
        # the mixing layer's product is linear in each embedding: sum the rows of the premixed tables
        nO, nP, _ = W.shape
        Y = np.broadcast_to(b.reshape(nO * nP), (len(X), nO * nP)).copy()
        for column, seed, T in self._mixed:
            keys = ops.hash(np.ascontiguousarray(X[:, column]), seed) % T.shape[0]
            Y += ops.gather_add(T, keys)
        H = _layer_norm(ops.maxout(Y.reshape(len(X), nO, nP))[0], G, g)
        # the encoder runs over the docs laid end to end with `pad` zero rows around each
        pad = self._pad
        width = H.shape[1]
        zeros = np.zeros((pad, width), dtype=H.dtype)
        laid, starts, pos, at = [], [], 0, pad
        for f in feats:
            laid.append(zeros)
            laid.append(H[pos : pos + len(f)])
            starts.append(at)
            at += len(f) + pad
            pos += len(f)
        laid.append(zeros)
        Y = np.concatenate(laid)
        for (W, b), (G, g) in self._encode:
            Y = Y + _layer_norm(_maxout(ops, _window(Y), W, b), G, g)
        return [Y[s : s + len(f)] for s, f in zip(starts, feats, strict=True)]

    def _lower(self, vectors: list[np.ndarray]) -> np.ndarray:
        """Every token's contribution to the state vector, per feature slot: (N, nF, nO, nP)."""
        W, b = self._proj
        X = np.dot(np.concatenate(vectors), W.T)
        X += b
        nF, nO, nP, nI = self._lower_W.shape
        Y = np.dot(X, self._lower_W.reshape(nF * nO * nP, nI).T)
        return Y.reshape(Y.shape[0], nF, nO, nP)

    def _scores(self, U: np.ndarray) -> np.ndarray:
        """Class scores of states whose summed lower features are ``U`` (n, nO, nP)."""
        W, b = self._upper
        S = np.dot(self._ops.maxout(np.ascontiguousarray(U))[0], W.T)
        S += b
        return S

    def _decode(self, P: np.ndarray, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """The greedy BILUO parse of each text, from the batch's precomputed lower features ``P``."""
        pad, bias = self._lower_pad, self._lower_b
        # with no entity open a state's features are (this token, none, none): one product for all
        closed = self._scores(((P[:, 0] + pad[1]) + pad[2]) + bias)
        closed[:, ~(self._begin | self._unit | self._out)] = -np.inf  # I and L need an open entity
        joined = "".join(texts)
        ends = np.cumsum([len(t) for t in texts])
        closed[np.ix_(ends - 1, self._begin)] = -np.inf  # the last token cannot begin an entity
        space = [m.start() for m in _SPACE.finditer(joined)]
        closed[np.ix_(space, self._begin | self._unit)] = -np.inf  # nor can whitespace
        choice = closed.argmax(axis=1)  # the first of equal scores, as spaCy's arg-max
        labels = self._labels
        out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        doc, doc_start, doc_end = 0, 0, int(ends[0]) if len(texts) else 0
        i = 0
        for start in np.flatnonzero(choice != self._out_class).tolist():
            if start < i:
                continue
            while start >= doc_end:
                doc += 1
                doc_start, doc_end = doc_end, int(ends[doc])
            c = int(choice[start])
            label = labels[c]
            end = start + 1 if self._unit[c] else self._entity_end(P, start, label, doc_end)
            out[doc].append((start - doc_start, end - doc_start, label))
            i = end
        return out

    def _entity_end(self, P: np.ndarray, start: int, label: str, n: int) -> int:
        """Where the entity begun at ``start`` ends: the first token whose L beats its I
        (the I wins a tie, as in spaCy's arg-max), or the last token of the text."""
        inside, last = self._in[label], self._last[label]
        j, run = start + 1, 8
        while True:
            stop = min(n, j + run)
            js = np.arange(j, stop)
            U = ((P[js, 0] + P[start, 1]) + P[js - 1, 2]) + self._lower_b
            S = self._scores(U)
            ends = np.flatnonzero(S[:, last] > S[:, inside])
            if len(ends):
                return j + int(ends[0]) + 1
            if stop == n:
                return n
            j, run = stop, run * 2

    # ------------------------------------------------------------------ API

    def find(self, texts: list[str], batch_size: int = 64) -> list[list[tuple[int, int, str]]]:
        out: list[list[tuple[int, int, str]]] = []
        for b in range(0, len(texts), batch_size):
            batch = texts[b : b + batch_size]
            feats = [self.features(t) for t in batch]
            vectors = self._tok2vec(feats)
            out.extend(self._decode(self._lower(vectors), batch))
        return out


def build(nlp: Any) -> NumpyNER | None:
    """The numpy network for ``nlp``, or ``None`` when ``nlp`` is not of the shape it computes."""
    try:
        tok2vec = nlp.get_pipe("tok2vec").model
        ner = nlp.get_pipe("ner")
        parser = ner.model
        shape_ok = (
            [n.name for n in tok2vec.walk() if n.name == "extract_features"] == ["extract_features"]
            and list(next(n for n in tok2vec.walk() if n.name == "extract_features").attrs["columns"])
            == ["NORM", "LEMMA", "SHAPE", "TAG"]
            and all(n.attrs["window_size"] == 1 for n in _nodes(tok2vec, "expand_window"))
            and len(_nodes(tok2vec, "maxout")) == len(_nodes(tok2vec, "layernorm")) == len(_residuals(tok2vec)) + 1
            and parser.attrs.get("has_upper") and not parser.attrs.get("unseen_classes")
            and parser.get_ref("lower").get_dim("nF") == 3
            and type(nlp.tokenizer).__name__ == "CharBigramTokenizer"
            and ner.moves.__class__.__name__ == "BiluoPushDown"
        )
    except (KeyError, AttributeError, ValueError, StopIteration):
        return None
    return NumpyNER(nlp) if shape_ok else None
