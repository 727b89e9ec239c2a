"""Train the name finder (PER / LOC / ORG) shipped in ``govnews_extract/models/ner``.

    python training/ner.py --corpus /work/shared/corpora --out src/govnews_extract/models/ner \\
        [--limit N] [--max-epochs K] [--threads 1]

Data (all character-level, People's Daily and MSRA news):

- ``peoples-daily-ner/example.dev`` (BIO);
- ``msra-ner/msra_test_bio.txt`` and ``msra-ner/msra_val_{sentences,tags}.txt`` (BIO);
- ``peoples-daily-1998-pos`` (unless ``--no-pos``): names read off the POS tags, PER = a
  surname (``nrf``) with the given name (``nrg``) after it, or an ``nr`` word, LOC = ``ns``
  or a ``[...]ns`` bracket, ORG = ``nt`` or a ``[...]nt`` bracket (names inside such a
  bracket are not marked separately); sentences listing more than 12 names are left out. Abbreviations
  (``j*`` tags) and other bracketed compounds are left unannotated, as the NER guidelines
  make many of them names (美 LOC, 政协 ORG) and the POS tags cannot tell which.

Any training sentence that shares text with ``peoples-daily-ner/example.test`` (the same
sentence, or any clause of 8+ characters) is dropped; the test split is only for scoring.
A random slice of the pool (``--dev``) is held out to pick the best checkpoint.

The DocBins live in a temporary directory. Training runs spaCy's own loop (``init_nlp`` and
``spacy.training.loop.train``) on ``training/ner.cfg``; the best checkpoint is copied to
``--out`` and scored per label on the whole People's Daily test split and on its first
``--slice`` sentences (the figure the test suite checks); the scores go into ``meta.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

Span = tuple[int, int, str]
Sentence = tuple[str, list[Span]]

CONFIG = Path(__file__).resolve().parent / "ner.cfg"
PD_DEV = Path("peoples-daily-ner") / "example.dev"
PD_TEST = Path("peoples-daily-ner") / "example.test"
MSRA_TEST = Path("msra-ner") / "msra_test_bio.txt"
MSRA_VAL = (Path("msra-ner") / "msra_val_sentences.txt", Path("msra-ner") / "msra_val_tags.txt")
LABELS = ("PER", "LOC", "ORG")
MISSING = "-"  # a span label meaning "not annotated": no loss either way in training
SLICE = 1000  # sentences at the start of example.test that the test suite re-scores


# --------------------------------------------------------------------------- reading


def bio_to_spans(tags: list[str]) -> list[Span]:
    """Spans from BIO tags; an ``I-`` that does not continue a span of its label starts one."""
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        kind, _, lab = tag.partition("-")
        if label and (kind != "I" or lab != label):
            spans.append((start, i, label))
            label = ""
        if kind in ("B", "I") and not label and lab:
            start, label = i, lab
    return spans


def read_bio(path: Path, sep: str) -> list[Sentence]:
    """A one-character-a-line BIO file (``CHAR<sep>TAG``, blank line between sentences)."""
    sentences: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if chars:
                    sentences.append(("".join(chars), bio_to_spans(tags)))
                    chars, tags = [], []
                continue
            char, found, tag = line.rpartition(sep)
            if not found or len(char) != 1:
                raise ValueError(f"{path}: cannot read line {line!r}")
            chars.append(char)
            tags.append(tag.strip())
    if chars:
        sentences.append(("".join(chars), bio_to_spans(tags)))
    return sentences


def read_msra_val(corpus: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    with open(corpus / MSRA_VAL[0], encoding="utf-8") as fs, open(corpus / MSRA_VAL[1], encoding="utf-8") as ft:
        for s_line, t_line in zip(fs, ft, strict=True):
            chars = s_line.rstrip("\r\n").split(" ")
            tags = t_line.split()
            if len(chars) != len(tags) or any(len(c) != 1 for c in chars):
                raise ValueError(f"msra val: characters and tags do not line up: {s_line[:40]!r}")
            sentences.append(("".join(chars), bio_to_spans(tags)))
    return sentences


_POS_TOKEN = re.compile(r"^(\[?)(.+?)/([A-Za-z]+)(?:\](\w+))?$")
_NOTE = re.compile(r"\{[^}]*\}")
_NAME_TAGS = {"nr", "nrf", "nrg"}
_BRACKET_LABEL = {"nt": "ORG", "ns": "LOC", "nr": "PER"}
_WORD_LABEL = {"ns": "LOC", "nt": "ORG"}
_SENT_END = "。！？"


def pos_paragraph_to_sentences(line: str) -> list[Sentence]:
    """Names in one People's Daily POS paragraph, cut into sentences."""
    words: list[tuple[str, str]] = []
    brackets: list[tuple[int, int, str]] = []  # word index range and outer tag
    open_at = -1
    for i, token in enumerate(_NOTE.sub("", line).split()):
        if i == 0 and re.match(r"^\d{8}-\d+-\d+-\d+/m$", token):
            continue
        m = _POS_TOKEN.match(token)
        if not m:
            raise ValueError(f"cannot read POS token {token!r}")
        opening, word, tag, outer = m.groups()
        if opening:
            open_at = len(words)
        words.append((word, tag))
        if outer is not None and open_at >= 0:
            brackets.append((open_at, len(words), outer))
            open_at = -1
    offsets = [0]
    for word, _ in words:
        offsets.append(offsets[-1] + len(word))
    text = "".join(w for w, _ in words)

    spans: list[Span] = []
    covered = [False] * len(words)
    for a, b, outer in brackets:
        # Other compounds ([...]nz, [...]l) may or may not be names in the NER guidelines:
        # their characters are left unannotated (MISSING) rather than marked as no name.
        spans.append((offsets[a], offsets[b], _BRACKET_LABEL.get(outer, MISSING)))
        for k in range(a, b):
            covered[k] = True
    i = 0
    while i < len(words):
        tag = words[i][1]
        if not covered[i] and tag.startswith("j"):
            # Abbreviations (美, 中, 政协, 欧盟 …) are often names, of either kind: unannotated.
            spans.append((offsets[i], offsets[i + 1], MISSING))
            i += 1
            continue
        if covered[i] or (tag not in _NAME_TAGS and tag not in _WORD_LABEL):
            i += 1
            continue
        if tag in _NAME_TAGS:
            # One name: a surname (or two, 范徐丽泰) then a given name. A list of names is
            # written without separators (陈/nrf 辉/nrg 李/nrf 清华/nrg), so a new name starts
            # at anything but a given name or second surname after a surname.
            j = i + 1
            while (j < len(words) and not covered[j] and words[j - 1][1] == "nrf"
                   and words[j][1] in ("nrf", "nrg")):
                j += 1
            spans.append((offsets[i], offsets[j], "PER"))
            i = j
            continue
        spans.append((offsets[i], offsets[i + 1], _WORD_LABEL[tag]))
        i += 1
    spans.sort()

    sentences: list[Sentence] = []
    start = 0
    cuts = [k + 1 for k, ch in enumerate(text) if ch in _SENT_END]
    if not cuts or cuts[-1] != len(text):
        cuts.append(len(text))
    for end in cuts:
        if any(s < end < e for s, e, _ in spans):
            continue
        inside = [(s - start, e - start, lab) for s, e, lab in spans if start <= s and e <= end]
        if text[start:end].strip():
            sentences.append((text[start:end], inside))
        start = end
    return sentences


def read_pos(corpus: Path, max_names: int = 12) -> list[Sentence]:
    """Sentences of the POS corpus with their names; lists of names (committee rosters with
    hundreds of names and no verb, more than ``max_names`` names) are left out."""
    from segmenter import POS_DIR, POS_FILES

    sentences: list[Sentence] = []
    for name in POS_FILES:
        with open(corpus / POS_DIR / name, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    sentences.extend(s for s in pos_paragraph_to_sentences(line)
                                     if sum(1 for *_, label in s[1] if label != MISSING) <= max_names)
    return sentences


def harmonise(pos: list[Sentence], annotated: list[Sentence], min_count: int = 3,
              min_share: float = 0.8) -> tuple[list[Sentence], dict[str, int]]:
    """Bring the names read off POS tags in line with the NER guidelines of ``annotated``.

    The POS tags and the NER guidelines disagree on some strings: 邓小平理论 and 马克思主义 are
    one common noun in the POS corpus, but 邓小平 and 马克思 are PER in the NER corpora; 两岸,
    中华 (中华民族) and 市委 are plain words there and LOC or ORG here. Any string of two or more
    characters that the annotated sentences mark with one label in at least ``min_share`` of its
    occurrences outside longer names (and at least ``min_count`` times) gets that label in the POS sentences wherever
    it touches no POS name, or where it is exactly an unannotated abbreviation (北约, 人大).
    Returns the new sentences and counts of what was added and relabelled."""
    from collections import Counter

    labelled: Counter[tuple[str, str]] = Counter()
    for text, spans in annotated:
        for s, e, label in spans:
            if label != MISSING and e - s >= 2:
                labelled[text[s:e], label] += 1
    best: dict[str, tuple[str, int]] = {}
    for (surface, label), n in labelled.items():
        if n >= min_count and n > best.get(surface, ("", 0))[1]:
            best[surface] = (label, n)
    if not best:
        return pos, {"surfaces": 0, "added": 0, "relabelled": 0}
    finder = re.compile("|".join(map(re.escape, sorted(best, key=len, reverse=True))))
    seen: Counter[str] = Counter()  # occurrences that are not part of a longer name
    for text, spans in annotated:
        for m in finder.finditer(text):
            s, e = m.span()
            if not any(a <= s and e <= b and (a, b) != (s, e) for a, b, _ in spans):
                seen[m.group()] += 1
    keep = {w: lab for w, (lab, n) in best.items() if n >= min_share * seen[w]}
    finder = re.compile("|".join(map(re.escape, sorted(keep, key=len, reverse=True))))
    added = relabelled = 0
    out: list[Sentence] = []
    for text, spans in pos:
        new = list(spans)
        for m in finder.finditer(text):
            s, e = m.span()
            touching = [x for x in new if x[0] < e and s < x[1]]
            if not touching:
                new.append((s, e, keep[m.group()]))
                added += 1
            elif touching == [(s, e, MISSING)]:
                new[new.index((s, e, MISSING))] = (s, e, keep[m.group()])
                relabelled += 1
        out.append((text, sorted(new)))
    return out, {"surfaces": len(keep), "added": added, "relabelled": relabelled}


# --------------------------------------------------------------------------- word list

# POS tags whose words stay out of the word list: names of people always (an open class: a
# list of them would teach the model to trust memory over context), numbers and punctuation
# (no word boundary to learn), and in the "common" list also places, organisations, other
# proper nouns and abbreviations.
_NEVER_LEX = ("nr", "m", "w")
_PROPER = ("ns", "nt", "nz", "nx", "j")


_TYPES = {"ns": "L", "nt": "O"}  # the word types of the "typed" list: place, organisation


_LABEL_TYPES = {"LOC": "L", "ORG": "O"}


def build_lexicon(corpus: Path, test: list[Sentence], kind: str, min_count: int = 1,
                  annotated: list[Sentence] = (), min_names: int = 2) -> list[str]:
    """Words of 2–6 characters from the People's Daily POS corpus, for the tokenizer's boundary
    feature; sentences sharing text with the test split are left out, as for training.

    ``kind``: ``common`` (no proper nouns), ``proper`` (places and organisations kept) or
    ``typed`` (as ``proper``, and a word tagged as a place or an organisation in most of its
    occurrences carries that type: the line reads ``word L`` or ``word O``). A ``typed`` list
    also takes the LOC and ORG names of the ``annotated`` training sentences (each distinct
    sentence once) that carry that label at least ``min_names`` times and in more than half of
    their labelled occurrences; names seen once stay out, so the model still learns to find
    names the list lacks."""
    from collections import Counter

    from segmenter import read_pos_corpus, split_sentences

    excluded = _NEVER_LEX + (_PROPER if kind == "common" else ())
    test_texts = {t for t, _ in test}
    test_clauses = {c for t, _ in test for c in _clauses(t)}
    counts: Counter[str] = Counter()
    typed: Counter[tuple[str, str]] = Counter()
    for paragraph in read_pos_corpus(corpus):
        tags = dict(paragraph)  # a word's tag: its last one in the paragraph
        start = 0
        for sentence in split_sentences([w for w, _ in paragraph]):
            own_tags = [t for _, t in paragraph[start:start + len(sentence)]]
            start += len(sentence)
            text = "".join(sentence)
            if text in test_texts or any(c in test_clauses for c in _clauses(text)):
                continue
            for word, tag in zip(sentence, own_tags, strict=True):
                if 2 <= len(word) <= 6 and not tags.get(word, "").startswith(excluded):
                    counts[word] += 1
                    if tag in _TYPES:
                        typed[word, _TYPES[tag]] += 1
    kept = sorted(w for w, n in counts.items() if n >= min_count)
    if kind != "typed":
        return kept
    types = {}
    for word in kept:
        kinds = [t for t in _TYPES.values() if 2 * typed[word, t] > counts[word]]
        if kinds:
            types[word] = kinds[0]
    names: Counter[tuple[str, str]] = Counter()
    for text, spans in dict(annotated).items():  # distinct sentences
        for s, e, label in spans:
            if 2 <= e - s <= 6 and label != MISSING:
                names[text[s:e], label] += 1
    per_name: Counter[str] = Counter()
    for (name, _), n in names.items():
        per_name[name] += n
    for (name, label), n in names.items():
        if label in _LABEL_TYPES and n >= min_names and 2 * n > per_name[name]:
            types[name] = _LABEL_TYPES[label]
    words = sorted(set(kept) | set(types))
    return [f"{w} {types[w]}" if w in types else w for w in words]


# --------------------------------------------------------------------------- data sets

_CLAUSE = re.compile(r"[，。！？；：、,.!?;:]")


def _clauses(text: str) -> Iterator[str]:
    return (c for c in _CLAUSE.split(text) if len(c) >= 8)


def drop_overlap(pool: list[Sentence], test: list[Sentence]) -> tuple[list[Sentence], int]:
    """``pool`` without sentences that share a sentence or a clause (8+ characters) with ``test``."""
    test_texts = {t for t, _ in test}
    test_clauses = {c for t, _ in test for c in _clauses(t)}
    kept = [s for s in pool if s[0] not in test_texts and not any(c in test_clauses for c in _clauses(s[0]))]
    return kept, len(pool) - len(kept)


def build_sets(corpus: Path, use_pos: bool, dev_size: int, limit: int | None, seed: int = 0,
               harmonised: bool = True, copies: dict[str, int] | None = None,
               dev_source: str | None = None, train_only: Iterable[str] = (),
               swaps: dict[str, int] | None = None,
               ) -> tuple[list[Sentence], list[Sentence], list[Sentence], dict[str, Any]]:
    """(train, dev, test) sentences and a summary of where they came from.

    ``copies`` repeats the training sentences of a source (by its name in the summary) that
    many times in all, to weigh it more; its dev sentences are not repeated. ``dev_source``
    draws the dev sentences from that source alone. ``train_only`` keeps only the training
    sentences of those sources (to fine-tune on them); the dev sentences stay the ones the
    same other arguments give, so a fine-tuned model is chosen on the same dev set as its base.
    ``swaps`` adds, for each training sentence of a source that names a person, that many
    copies with other names in their place (:func:`swap_names`)."""
    test = read_bio(corpus / PD_TEST, " ")
    sources: dict[str, list[Sentence]] = {
        "peoples-daily-ner/example.dev": read_bio(corpus / PD_DEV, " "),
        "msra-ner/msra_test_bio.txt": read_bio(corpus / MSRA_TEST, "\t"),
        "msra-ner/msra_val": read_msra_val(corpus),
    }
    if use_pos:
        sources["peoples-daily-1998-pos"] = read_pos(corpus)
    for option, names in (("--copies", set(copies or {})), ("--dev-source", {dev_source} - {None}),
                          ("--train-only", set(train_only)), ("--swap-names", set(swaps or {}))):
        unknown = names - set(sources)
        if unknown:
            raise ValueError(f"{option} names no source: {sorted(unknown)} (sources: {sorted(sources)})")
    info: dict[str, Any] = {"sources": {}}
    pool: list[Sentence] = []
    origin: dict[int, str] = {}  # id of a sentence -> its source
    for name, sentences in sources.items():
        kept, dropped = drop_overlap(sentences, test)
        info["sources"][name] = {"sentences": len(kept), "dropped_overlap_with_test": dropped}
        if name == "peoples-daily-1998-pos" and harmonised:
            kept, info["harmonised"] = harmonise(kept, pool)
        origin.update((id(x), name) for x in kept)
        pool.extend(kept)
    rng = random.Random(seed)
    rng.shuffle(pool)
    if limit is not None:
        pool = pool[:limit]
    n_dev = min(dev_size, max(1, len(pool) // 10))
    if dev_source is None:
        dev, train = pool[:n_dev], pool[n_dev:]
    else:
        own = [x for x in pool if origin[id(x)] == dev_source][:n_dev]
        chosen = {id(x) for x in own}
        dev, train = own, [x for x in pool if id(x) not in chosen]
        info["dev_source"] = dev_source
    # names to swap in are drawn from every training sentence (never dev or test)
    surnames, given = name_parts(train) if swaps else ([], [])
    if train_only:
        train = [x for x in train if origin[id(x)] in set(train_only)]
        info["train_only"] = sorted(train_only)
    if copies:
        train = [x for x in train for _ in range(max(1, copies.get(origin[id(x)], 1)))]
        rng.shuffle(train)
        info["copies"] = dict(copies)
    if swaps:
        swapped = [swap_names(x, surnames, given, rng) for x in train for _ in range(swaps.get(origin[id(x)], 0))
                   if any(label == "PER" for _, _, label in x[1])]
        train = train + [x for x in swapped if x is not None]
        rng.shuffle(train)
        info["swaps"] = {"spec": dict(swaps), "sentences": sum(x is not None for x in swapped)}
    info.update(train_sentences=len(train), train_chars=sum(len(t) for t, _ in train),
                dev_sentences=len(dev), test_sentences=len(test))
    return train, dev, test, info


def _han_name(name: str) -> bool:
    return 2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name)


def name_parts(sentences: Iterable[Sentence]) -> tuple[list[str], list[str]]:
    """The surnames and given names of the Han personal names (2–4 characters) of ``sentences``,
    as often as they occur: the surname is the one of our lexicon it opens with (names opening
    with none are left out: most are foreign), the given name the rest."""
    from govnews_extract._people import surname_of

    surnames: list[str] = []
    given: list[str] = []
    for text, spans in sentences:
        for s, e, label in spans:
            name = text[s:e]
            if label != "PER" or not _han_name(name):
                continue
            surname = surname_of(name)
            if surname is not None and 1 <= len(name) - len(surname) <= 2:
                surnames.append(surname)
                given.append(name[len(surname):])
    return surnames, given


def swap_names(sentence: Sentence, surnames: list[str], given: list[str], rng: random.Random) -> Sentence | None:
    """``sentence`` with each of its Han personal names replaced by a surname and a given name
    drawn from ``surnames`` and ``given`` (the same name the same way within the sentence), all
    spans moved to match; None when it holds no such name. It teaches the model the shape and
    the context of a name rather than the names of one month of news."""
    text, spans = sentence
    if not surnames:
        return None
    mapping: dict[str, str] = {}
    out_text: list[str] = []
    out_spans: list[Span] = []
    pos = shift = 0
    for s, e, label in sorted(spans):
        name = text[s:e]
        new = name
        if label == "PER" and _han_name(name) and s >= pos:
            new = mapping.setdefault(name, rng.choice(surnames) + rng.choice(given))
        if s < pos:  # overlapping spans (none in our sources): keep as they are
            out_spans.append((s + shift, e + shift, label))
            continue
        out_text.append(text[pos:s])
        out_spans.append((s + shift, s + shift + len(new), label))
        out_text.append(new)
        shift += len(new) - (e - s)
        pos = e
    if not mapping:
        return None
    out_text.append(text[pos:])
    return "".join(out_text), out_spans


def write_docbin(sentences: Iterable[Sentence], nlp: Any, path: Path) -> int:
    """Store ``sentences`` as a DocBin of our tokenizer's docs; returns the spans that did not align."""
    from spacy.tokens import Doc, DocBin

    db = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    bad = 0
    for text, spans in sentences:
        # The same character tokens as our tokenizer makes, without its bigram hashes (the
        # training loop re-tokenises the text for the model's input; these docs hold the names).
        doc = Doc(nlp.vocab, words=list(text), spaces=[False] * len(text))
        ents = []
        missing = []
        for s, e, label in spans:
            span = doc.char_span(s, e, label="" if label == MISSING else label)
            if span is None:
                bad += 1
            else:
                (missing if label == MISSING else ents).append(span)
        doc.set_ents(ents, missing=missing, default="outside")
        db.add(doc)
    db.to_disk(path)
    return bad


# --------------------------------------------------------------------------- scoring


def score(gold: list[list[Span]], predicted: list[list[Span]]) -> dict[str, dict[str, float]]:
    """Exact-span precision / recall / F1 (in %) per label and over all labels."""
    counts = {label: [0, 0, 0] for label in (*LABELS, "ALL")}  # gold, predicted, correct
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = {x for x in g if x[2] != MISSING}, set(p)
        for label in LABELS:
            gl = {x for x in gs if x[2] == label}
            pl = {x for x in ps if x[2] == label}
            for key in (label, "ALL"):
                counts[key][0] += len(gl)
                counts[key][1] += len(pl)
                counts[key][2] += len(gl & pl)
    out: dict[str, dict[str, float]] = {}
    for label, (n_gold, n_pred, ok) in counts.items():
        p = 100.0 * ok / n_pred if n_pred else 0.0
        r = 100.0 * ok / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = {"p": round(p, 2), "r": round(r, 2), "f": round(f, 2), "gold": n_gold}
    return out


def evaluate(model_dir: Path, test: list[Sentence]) -> dict[str, dict[str, float]]:
    """Score the model in ``model_dir`` through the library's ``NameFinder`` on ``test``."""
    from govnews_extract._models import NameFinder

    finder = NameFinder.load(model_dir)
    predicted = finder.find_many([t for t, _ in test])
    return score([s for _, s in test], predicted)


def speed(model_dir: Path, texts: list[str]) -> float:
    """Characters a second through ``NameFinder.find_many`` (after a warm-up)."""
    from govnews_extract._models import NameFinder

    finder = NameFinder.load(model_dir)
    finder.find_many(texts[:50])
    started = time.perf_counter()
    finder.find_many(texts)
    return sum(map(len, texts)) / (time.perf_counter() - started)


# --------------------------------------------------------------------------- training


def training_config(train_set: list[Sentence], dev_set: list[Sentence], overrides: dict[str, Any],
                    workdir: Path, lexicon: list[str] | None = None) -> tuple[Any, int]:
    """The filled ``training/ner.cfg`` (not interpolated) for these sentences and word list, with
    their DocBins written to ``workdir``; and the number of spans that did not align."""
    import spacy
    from spacy import util

    from govnews_extract._models import CHAR_TOKENIZER, register_spacy_parts

    register_spacy_parts()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": CHAR_TOKENIZER}}})
    bad = write_docbin(train_set, nlp, workdir / "train.spacy")
    bad += write_docbin(dev_set, nlp, workdir / "dev.spacy")
    paths = {"paths.train": str(workdir / "train.spacy"), "paths.dev": str(workdir / "dev.spacy")}
    if lexicon:
        (workdir / "lexicon.txt").write_text("\n".join(lexicon) + "\n", encoding="utf-8")
        paths["paths.lexicon"] = str(workdir / "lexicon.txt")
    else:  # no word list: no TAG feature to embed
        paths["components.tok2vec.model.embed.attrs"] = ["NORM", "LEMMA", "SHAPE"]
        paths["components.tok2vec.model.embed.rows"] = [6000, 16000, 100]
    return util.load_config(CONFIG, overrides={**paths, **overrides}, interpolate=False), bad


def train(train_set: list[Sentence], dev_set: list[Sentence], out: Path, overrides: dict[str, Any],
          workdir: Path, lexicon: list[str] | None = None, init_from: Path | None = None,
          init_tok2vec: Path | None = None) -> dict[str, Any]:
    """Train on ``train_set`` with ``dev_set`` for checkpoint selection; the best model goes to ``out``.

    ``init_from`` (a model directory trained by this script with the same word list) starts from
    that model's weights instead of random ones: spaCy resumes training its sourced components.
    ``init_tok2vec`` (weights written by ``training/pretrain.py`` with the same word list and
    network) starts the tok2vec layer from them; the NER layer starts from random weights."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop
    from thinc.api import use_ops

    config, bad = training_config(train_set, dev_set, overrides, workdir, lexicon)
    if init_from is not None:
        for name in config["nlp"]["pipeline"]:
            config["components"][name] = {"source": str(init_from)}
    (workdir / "output").mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with use_ops("numpy", use_blis=False):  # numpy's BLAS: much faster than blis on our CPUs
        nlp = init_nlp(config, use_gpu=-1)
        if init_tok2vec is not None:
            nlp.get_pipe("tok2vec").model.from_bytes(init_tok2vec.read_bytes())
        train_loop(nlp, workdir / "output", use_gpu=-1, stdout=sys.stderr, stderr=sys.stderr)
    seconds = time.perf_counter() - started
    best = workdir / "output" / "model-best"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    forget_paths(out)
    return {"train_seconds": round(seconds, 1), "unaligned_spans": bad}


def forget_paths(model_dir: Path) -> None:
    """Null the training paths in the saved config: they name temporary files that are gone
    (the word list itself is saved with the tokenizer)."""
    from spacy import util

    config = util.load_config(model_dir / "config.cfg", interpolate=False)
    for key in ("train", "dev", "lexicon"):
        config["paths"][key] = None
    config.to_disk(model_dir / "config.cfg")


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="the corpora directory (…/shared/corpora)")
    parser.add_argument("--out", type=Path, required=True, help="where the model goes")
    parser.add_argument("--limit", type=int, default=None, help="use only N sentences (train + dev)")
    parser.add_argument("--max-epochs", type=int, default=None, help="override training.max_epochs")
    parser.add_argument("--dev", type=int, default=800, help="sentences held out for checkpoint selection")
    parser.add_argument("--no-pos", action="store_true", help="leave out the names read off the POS corpus")
    parser.add_argument("--no-harmonise", action="store_true",
                        help="keep the POS corpus names as the tags give them (see harmonise())")
    parser.add_argument("--lexicon", choices=("common", "proper", "typed", "none"), default="proper",
                        help="word list for the boundary feature: common words, common and proper nouns but no "
                             "personal names (default), as proper with place and organisation types, or none")
    parser.add_argument("--typed-from", choices=("pos", "pos+ner"), default="pos+ner",
                        help="with --lexicon typed: types from the POS tags only, or also from the LOC/ORG names "
                             "of the NER training sentences (default)")
    parser.add_argument("--copies", action="append", default=[], metavar="SOURCE=N",
                        help="repeat a source's training sentences N times in all, e.g. "
                             "--copies peoples-daily-ner/example.dev=2")
    parser.add_argument("--dev-source", default=None, metavar="SOURCE",
                        help="draw the dev sentences from this source only, e.g. peoples-daily-ner/example.dev")
    parser.add_argument("--train-only", action="append", default=[], metavar="SOURCE",
                        help="train on this source's sentences only (repeatable); the dev set is unchanged")
    parser.add_argument("--init-from", type=Path, default=None, metavar="MODEL",
                        help="start from this model's weights (fine-tuning), e.g. with --train-only and a lower "
                             "--set training.optimizer.learn_rate=…")
    parser.add_argument("--init-tok2vec", type=Path, default=None, metavar="WEIGHTS",
                        help="start the tok2vec layer from weights written by training/pretrain.py")
    parser.add_argument("--swap-names", action="append", default=[], metavar="SOURCE=N",
                        help="add N copies of each training sentence of a source that names a person, with other "
                             "names in their place (drawn from the training names), e.g. "
                             "--swap-names peoples-daily-ner/example.dev=2")
    parser.add_argument("--min-count", type=int, default=1, help="keep words seen at least this often")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="extra config override, e.g. --set components.tok2vec.model.encode.depth=5")
    parser.add_argument("--test-limit", type=int, default=None, help="score on the first N test sentences only")
    args = parser.parse_args(argv)

    overrides: dict[str, Any] = {}
    if args.max_epochs is not None:
        overrides["training.max_epochs"] = args.max_epochs
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)

    copies = {k: int(v) for k, _, v in (c.partition("=") for c in args.copies)}
    swaps = {k: int(v) for k, _, v in (c.partition("=") for c in args.swap_names)}
    train_set, dev_set, test_set, info = build_sets(args.corpus, not args.no_pos, args.dev, args.limit,
                                                     harmonised=not args.no_harmonise, copies=copies,
                                                     dev_source=args.dev_source, train_only=args.train_only,
                                                     swaps=swaps)
    typed_names = train_set if args.typed_from == "pos+ner" else []
    lexicon = None if args.lexicon == "none" else build_lexicon(args.corpus, test_set, args.lexicon, args.min_count,
                                                                 annotated=typed_names)
    if args.test_limit is not None:
        test_set = test_set[: args.test_limit]
    info["lexicon"] = {"kind": args.lexicon, "min_count": args.min_count, "words": len(lexicon or ())}
    if args.lexicon == "typed":
        info["lexicon"]["typed_from"] = args.typed_from
    print(json.dumps(info, ensure_ascii=False), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="govnews-ner-") as tmp:
        info.update(train(train_set, dev_set, args.out, overrides, Path(tmp), lexicon, args.init_from,
                          args.init_tok2vec))

    started = time.perf_counter()
    info["test"] = evaluate(args.out, test_set)
    info["slice"] = {"sentences": min(SLICE, len(test_set)), **evaluate(args.out, test_set[:SLICE])}
    info["eval_seconds"] = round(time.perf_counter() - started, 1)
    info["chars_per_second"] = round(speed(args.out, [t for t, _ in test_set]))
    info["size_bytes"] = directory_size(args.out)
    info["overrides"] = overrides

    meta_path = args.out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["name"] = "govnews_ner"
    meta["description"] = ("PER/LOC/ORG names in Chinese news, character tokens; trained on People's Daily 1998 "
                           "and MSRA (research corpora). See docs/models.md.")
    meta["govnews"] = {k: info[k] for k in ("sources", "train_sentences", "train_chars", "dev_sentences",
                                            "train_seconds", "test", "slice", "overrides", "lexicon")}
    if args.init_from is not None:
        info["init_from"] = str(args.init_from)
    if args.init_tok2vec is not None:
        info["init_tok2vec"] = str(args.init_tok2vec)
    for key in ("harmonised", "copies", "dev_source", "train_only", "init_from", "init_tok2vec", "swaps"):
        if key in info:
            meta["govnews"][key] = info[key]
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0


def set_blas_threads(argv: list[str]) -> None:
    """Fix the BLAS threads from ``--threads N`` (default 1) before numpy loads (training scripts)."""
    threads = "1"
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            threads = argv[i + 1]
        elif arg.startswith("--threads="):
            threads = arg.split("=", 1)[1]
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, threads)


if __name__ == "__main__":
    set_blas_threads(sys.argv)
    raise SystemExit(main())
