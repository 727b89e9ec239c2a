"""Train the word segmenter shipped in ``govnews_extract/models/segmenter``.

The model is a spacy-pkuseg CRF trained on the People's Daily January 1998 sample
(``peoples-daily-1998-pos``, PKU standard) and scored on the SIGHAN 2005 PKU gold test
(``sighan2005-pku/pku_test_gold.utf8``, evaluation only: never used for training).

    python training/segmenter.py --corpus /work/shared/corpora \\
        --out src/govnews_extract/models/segmenter [--iterations 12] [--limit N]

Steps: convert the POS file to one sentence of space-separated words a line (drop the
paragraph id, the ``{pinyin}`` notes and the tags; inner words of ``[...]nt`` compounds stay
separate), train with ``spacy_pkuseg.train``, compact the result (drop features whose weights
are all close to zero, store weights as float32 in a compressed ``.npz``), load it back the way
the library does and print word precision / recall / F1 on the gold file.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import srsly

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from govnews_extract import _models  # noqa: E402

POS_DIR = "peoples-daily-1998-pos"
POS_FILES = ("pd1998-01-part-a.txt", "pd1998-01-part-b.txt")
GOLD = Path("sighan2005-pku") / "pku_test_gold.utf8"
SLICE = 300  # gold lines at the start of the file that the test suite re-scores

_NOTE = re.compile(r"\{[^}]*\}")
# Sentence ends at which long paragraphs are cut into training lines (the CRF sees one line
# at a time; shorter lines train faster and lose nothing, as no feature crosses a full stop).
_SENT_END = {"。", "！", "？", "；"}


def parse_pos_line(line: str) -> list[tuple[str, str]]:
    """``word/TAG`` tokens of one People's Daily line as (word, tag), without the id token.

    ``[北京/ns  晚报社/n]nt`` gives ("北京", "ns"), ("晚报社", "n"): the words inside a bracket
    stay separate, as the PKU standard has them. ``看{kan4}/v`` gives ("看", "v").
    """
    tokens = _NOTE.sub("", line).split()  # a note may hold spaces: "为{ wei4 }/p"
    out: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if i == 0 and re.match(r"^\d{8}-\d+-\d+-\d+/m$", token):
            continue
        if token.startswith("[") and len(token) > 1:
            token = token[1:]
        close = token.rfind("]")
        if close > 0 and "/" in token[:close]:
            token = token[:close]
        word, sep, tag = token.rpartition("/")
        if not sep or not word:
            word, tag = token, ""
        if word:
            out.append((word, tag))
    return out


def read_pos_corpus(corpus: Path) -> Iterator[list[tuple[str, str]]]:
    """Every non-empty paragraph of the two People's Daily POS files, in file order."""
    for name in POS_FILES:
        with open(corpus / POS_DIR / name, encoding="utf-8") as fh:
            for line in fh:
                tokens = parse_pos_line(line)
                if tokens:
                    yield tokens


def split_sentences(words: list[str]) -> Iterator[list[str]]:
    """Cut a paragraph's words after each sentence-ending punctuation mark."""
    current: list[str] = []
    for word in words:
        current.append(word)
        if word in _SENT_END:
            yield current
            current = []
    if current:
        yield current


def training_lines(corpus: Path, limit: int | None = None) -> list[str]:
    """The segmentation training data: one sentence a line, words separated by a space."""
    lines: list[str] = []
    for paragraph in read_pos_corpus(corpus):
        for sentence in split_sentences([w for w, _ in paragraph]):
            lines.append(" ".join(sentence))
            if limit is not None and len(lines) >= limit:
                return lines
    return lines


def read_gold(path: Path, limit: int | None = None) -> list[list[str]]:
    """Gold segmentations (one list of words a line; empty lines skipped)."""
    gold: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            words = line.split()
            if words:
                gold.append(words)
                if limit is not None and len(gold) >= limit:
                    break
    return gold


def _spans(words: Iterable[str]) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    start = 0
    for word in words:
        spans.add((start, start + len(word)))
        start += len(word)
    return spans


def score_words(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, float]:
    """Word precision / recall / F1 (in %) by matching character spans, as the SIGHAN scorer does."""
    n_gold = n_pred = n_ok = 0
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = _spans(g), _spans(p)
        n_gold += len(gs)
        n_pred += len(ps)
        n_ok += len(gs & ps)
    precision = 100.0 * n_ok / n_pred if n_pred else 0.0
    recall = 100.0 * n_ok / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 2), "recall": round(recall, 2), "f1": round(f1, 2),
            "gold_words": n_gold, "sentences": len(gold)}


def evaluate(model_dir: Path, gold_path: Path, limit: int | None = None) -> dict[str, float]:
    """Segment the gold sentences with the spaCy tokenizer built on ``model_dir`` and score it."""
    import spacy

    gold = read_gold(gold_path, limit)
    nlp = _models.load_segmenter_tokenizer(spacy.blank("zh"), model_dir)
    predicted = [[t.text for t in doc if not t.is_space] for doc in nlp.tokenizer.pipe("".join(g) for g in gold)]
    return score_words(gold, predicted)


def compact(trained: Path, out: Path, threshold: float) -> dict[str, int]:
    """Copy a trained pkuseg model into ``out``, smaller.

    Features whose weights (one per tag) all have magnitude below ``threshold`` are dropped
    (feature 0, the bias every character fires, always stays) and the indices renumbered;
    weights go to disk as float32 in a deflated ``weights.npz`` (the loader upcasts them).
    """
    npz = np.load(trained / "weights.npz")
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = np.asarray(npz["w"], dtype=np.float64)
    node = w[: n_tag * n_feature].reshape(n_feature, n_tag)
    edge = w[n_tag * n_feature:]
    keep = np.abs(node).max(axis=1) >= threshold
    keep[0] = True
    new_index = np.cumsum(keep) - 1

    data = srsly.read_msgpack(trained / "features.msgpack")
    feature_to_idx = {f: int(new_index[i]) for f, i in data["feature_to_idx"].items() if keep[i]}
    kept = int(keep.sum())
    new_w = np.concatenate([node[keep].reshape(-1), edge]).astype(np.float32)

    out.mkdir(parents=True, exist_ok=True)
    for stale in out.iterdir():
        if stale.is_file():
            stale.unlink()
    # At inference pkuseg looks up only words of 2..6 characters in ``unigram`` and never reads
    # ``bigram`` (a training-time list), so the rest is left out.
    unigram = [w for w in data["unigram"] if 2 <= len(w) <= 6]
    srsly.write_msgpack(out / "features.msgpack", {
        "unigram": unigram, "bigram": [], "feature_to_idx": feature_to_idx,
        "tag_to_idx": data["tag_to_idx"],
    })
    np.savez_compressed(out / "weights.npz", sizes=np.array([n_tag, kept]), w=new_w)
    return {"features_trained": n_feature, "features_kept": kept}


def train(lines: list[str], out: Path, iterations: int, threshold: float, monitor: int,
          raw_out: Path | None = None) -> dict[str, object]:
    """Train on ``lines`` (the last ``monitor`` of them are held out for pkuseg's progress log)."""
    import spacy_pkuseg

    with tempfile.TemporaryDirectory(prefix="govnews-seg-") as tmp:
        tmpdir = Path(tmp)
        held = lines[-monitor:] if 0 < monitor < len(lines) else lines[:1]
        train_part = lines[:-monitor] if 0 < monitor < len(lines) else lines
        (tmpdir / "train.txt").write_text("\n".join(train_part) + "\n", encoding="utf-8")
        (tmpdir / "monitor.txt").write_text("\n".join(held) + "\n", encoding="utf-8")
        model = tmpdir / "model"
        started = time.perf_counter()
        # pkuseg logs every iteration on stdout; keep it on stderr so our summary stays readable.
        with contextlib.redirect_stdout(sys.stderr):
            spacy_pkuseg.train(str(tmpdir / "train.txt"), str(tmpdir / "monitor.txt"), str(model),
                               train_iter=iterations)
        seconds = time.perf_counter() - started
        if raw_out is not None:
            shutil.copytree(model, raw_out, dirs_exist_ok=True)
        sizes = compact(model, out, threshold)
    return {"train_lines": len(train_part), "train_seconds": round(seconds, 1), **sizes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="the corpora directory (…/shared/corpora)")
    parser.add_argument("--out", type=Path, required=True, help="where the model goes")
    parser.add_argument("--iterations", type=int, default=12)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N sentences only")
    parser.add_argument("--monitor", type=int, default=200,
                        help="sentences held out to log progress during training (default 200)")
    parser.add_argument("--threshold", type=float, default=0.05,
                        help="drop features whose weights are all below this in magnitude")
    parser.add_argument("--raw-out", type=Path, default=None,
                        help="also keep the model as trained (before compaction) here, for experiments")
    parser.add_argument("--eval-limit", type=int, default=None, help="score on the first N gold lines only")
    parser.add_argument("--no-eval", action="store_true", help="skip scoring on the PKU gold test")
    args = parser.parse_args(argv)

    lines = training_lines(args.corpus, args.limit)
    monitor = min(args.monitor, len(lines) // 10)
    summary: dict[str, object] = train(lines, args.out, args.iterations, args.threshold, monitor, args.raw_out)
    summary["iterations"] = args.iterations
    summary["size_bytes"] = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    if not args.no_eval:
        started = time.perf_counter()
        summary["pku_gold"] = evaluate(args.out, args.corpus / GOLD, args.eval_limit)
        summary["eval_seconds"] = round(time.perf_counter() - started, 1)
        summary["slice"] = evaluate(args.out, args.corpus / GOLD, min(SLICE, args.eval_limit or SLICE))
    # pkuseg reads only features.msgpack and weights.npz; meta.json records how the model was made.
    meta = {"name": "govnews_segmenter", "kind": "spacy-pkuseg CRF word segmenter (PKU standard)",
            "trained_on": f"{POS_DIR} ({', '.join(POS_FILES)})", "see": "docs/models.md", **summary}
    (args.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
