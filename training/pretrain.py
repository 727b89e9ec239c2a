"""Pretrain the name finder's tok2vec layer on raw text by masked character prediction.

    python training/pretrain.py --corpus /work/shared/corpora --out pretrained.bin [--epochs 8]
    python training/ner.py --corpus /work/shared/corpora --out run16 --init-tok2vec pretrained.bin …

The text is every sentence of the training sources of ``training/ner.py`` (People's Daily dev,
MSRA test and validation, the whole POS-tagged People's Daily sample, rosters included), minus
the sentences that share text with the People's Daily test split and minus the sentences
``training/ner.py`` holds out to pick its checkpoint (with the same ``--dev`` and seed), so
neither the test split nor the dev set is read here.

Masking works on the text, so the network sees exactly the features our tokenizer makes
(character, bigram hashes, word-list boundaries): of the characters chosen (``--mask``, 15 %
of the non-space characters), 80 % become a private-use character that no text contains,
10 % a random character of the vocabulary and 10 % stay; the bigrams and word-list matches
around a masked character change with it, so none of them gives it away. The network is the
tok2vec of ``training/ner.cfg`` (the same word list, built the same way) with a softmax over the
``--chars`` most frequent characters (and one for all others) on top; only the tok2vec weights
are written, for ``training/ner.py --init-tok2vec``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

MASK = "\ue000"  # private use: never in a text


def raw_texts(corpus: Path, dev: Iterable[str], test: Iterable[str]) -> tuple[list[str], dict[str, int]]:
    """The training sources' sentence texts without those of ``dev`` or sharing text with ``test``."""
    from ner import MSRA_TEST, PD_DEV, drop_overlap, read_bio, read_msra_val, read_pos

    pool = [t for t, _ in read_bio(corpus / PD_DEV, " ")] + [t for t, _ in read_bio(corpus / MSRA_TEST, "\t")]
    pool += [t for t, _ in read_msra_val(corpus)] + [t for t, _ in read_pos(corpus, max_names=10**9)]
    kept, dropped = drop_overlap([(t, []) for t in pool], [(t, []) for t in test])
    held = set(dev)
    seen: set[str] = set()
    texts = []
    for text, _ in kept:
        if text not in held and text not in seen:
            seen.add(text)
            texts.append(text)
    return texts, {"sentences": len(pool), "dropped_overlap_with_test": dropped, "kept": len(texts),
                   "chars": sum(map(len, texts))}


def mask_text(text: str, index: dict[str, int], chars: list[str], rate: float,
              rng: random.Random) -> tuple[str, list[int], list[int]]:
    """(masked text, positions chosen, the index of each chosen character: ``len(chars)`` if rare)."""
    out = list(text)
    positions, targets = [], []
    for i, ch in enumerate(text):
        if ch.isspace() or rng.random() >= rate:
            continue
        positions.append(i)
        targets.append(index.get(ch, len(chars)))
        roll = rng.random()
        if roll < 0.8:
            out[i] = MASK
        elif roll < 0.9:
            out[i] = rng.choice(chars)
    return "".join(out), positions, targets


def batches(texts: list[str], size: int) -> Iterable[list[str]]:
    batch: list[str] = []
    n = 0
    for text in texts:
        batch.append(text)
        n += len(text)
        if n >= size:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def pretrain(nlp: Any, texts: list[str], epochs: int, n_chars: int, rate: float, batch_chars: int,
             learn_rate: float, dropout: float, seed: int, log: Any = sys.stderr) -> dict[str, Any]:
    """Train ``nlp``'s tok2vec on ``texts`` in place; returns the loss and accuracy per epoch."""
    import numpy as np
    from thinc.api import Adam, Softmax, set_dropout_rate

    rng = random.Random(seed)
    counts = Counter(ch for t in texts for ch in t if not ch.isspace())
    chars = [ch for ch, _ in counts.most_common(n_chars)]
    index = {ch: i for i, ch in enumerate(chars)}
    tok2vec = nlp.get_pipe("tok2vec").model
    width = tok2vec.get_dim("nO")
    head = Softmax(nO=len(chars) + 1, nI=width)
    head.initialize()
    optimizer = Adam(learn_rate)
    history = []
    order = list(texts)
    for epoch in range(epochs):
        rng.shuffle(order)
        started = time.perf_counter()
        loss = right = total = 0.0
        for batch in batches(order, batch_chars):
            masked = [mask_text(t, index, chars, rate, rng) for t in batch]
            docs = [nlp.make_doc(m) for m, _, _ in masked]
            set_dropout_rate(tok2vec, dropout)
            outputs, backprop = tok2vec.begin_update(docs)
            rows = [(d, p) for d, (_, positions, _) in enumerate(masked) for p in positions]
            if not rows:
                continue
            targets = np.array([t for _, _, ts in masked for t in ts], dtype="int64")
            picked = np.vstack([outputs[d][p] for d, p in rows])
            probs, backprop_head = head.begin_update(picked)
            n = len(rows)
            loss -= float(np.log(probs[np.arange(n), targets] + 1e-9).sum())
            right += float((probs.argmax(axis=1) == targets).sum())
            total += n
            d_probs = probs.copy()
            d_probs[np.arange(n), targets] -= 1.0
            d_picked = backprop_head(d_probs / n)
            d_outputs = [np.zeros_like(o) for o in outputs]
            for (d, p), row in zip(rows, d_picked, strict=True):
                d_outputs[d][p] += row
            backprop(d_outputs)
            tok2vec.finish_update(optimizer)
            head.finish_update(optimizer)
        entry = {"epoch": epoch + 1, "loss": round(loss / max(total, 1), 4),
                 "accuracy": round(100 * right / max(total, 1), 2),
                 "seconds": round(time.perf_counter() - started, 1)}
        history.append(entry)
        print(json.dumps(entry), file=log, flush=True)
    return {"chars_predicted": len(chars), "epochs": history}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="the corpora directory (…/shared/corpora)")
    parser.add_argument("--out", type=Path, required=True, help="the tok2vec weights file to write")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--chars", type=int, default=5000, help="characters the softmax predicts (others: one class)")
    parser.add_argument("--mask", type=float, default=0.15, help="share of characters to predict")
    parser.add_argument("--batch-chars", type=int, default=3000)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--dropout", type=float, default=0.15)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N sentences")
    parser.add_argument("--dev", type=int, default=800, help="as training/ner.py --dev: these sentences are not read")
    parser.add_argument("--lexicon", choices=("common", "proper", "none"), default="proper",
                        help="as training/ner.py --lexicon")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="config override, as for training/ner.py (the same ones, so the weights fit)")
    args = parser.parse_args(argv)
    overrides: dict[str, Any] = {}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)

    from ner import build_lexicon, build_sets, training_config
    from spacy.training.initialize import init_nlp
    from thinc.api import fix_random_seed, use_ops

    fix_random_seed(args.seed)
    train_set, dev_set, test_set, _ = build_sets(args.corpus, True, args.dev, None)
    texts, info = raw_texts(args.corpus, [t for t, _ in dev_set], [t for t, _ in test_set])
    if args.limit is not None:
        texts = texts[: args.limit]
    lexicon = None if args.lexicon == "none" else build_lexicon(args.corpus, test_set, args.lexicon)
    print(json.dumps(info), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="govnews-pretrain-") as tmp, use_ops("numpy", use_blis=False):
        # the NER layer is built only so the pipeline initialises; its weights are not kept
        config, _ = training_config(train_set[:200], dev_set[:50], overrides, Path(tmp), lexicon)
        nlp = init_nlp(config, use_gpu=-1)
        info.update(pretrain(nlp, texts, args.epochs, args.chars, args.mask, args.batch_chars,
                             args.learn_rate, args.dropout, args.seed))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(nlp.get_pipe("tok2vec").model.to_bytes())
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    from ner import set_blas_threads  # no numpy at import: the threads are fixed before it loads

    set_blas_threads(sys.argv)
    raise SystemExit(main())
