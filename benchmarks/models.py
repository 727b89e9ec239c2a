"""Load time and speed of the two shipped models, on one core (docs/models.md keeps the results).

    python benchmarks/models.py [--corpus ../shared/corpora] [--chars 200000]

Each figure comes from a fresh process with BLAS limited to one thread.  Speed is measured on
People's Daily test sentences when the corpora are there, otherwise on the shipped sample page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from run import print_table  # noqa: E402


def _child(code: str) -> dict:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                         check=True, cwd=REPO, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(corpus: Path | None, chars: int) -> dict:
    code = f"""
        import json, time
        from importlib import resources
        from pathlib import Path
        corpus = {str(corpus) if corpus else None!r}
        texts = []
        if corpus and (Path(corpus) / "peoples-daily-ner" / "example.test").is_file():
            sent = []
            for line in (Path(corpus) / "peoples-daily-ner" / "example.test").read_text(encoding="utf-8").splitlines():
                if line.strip():
                    sent.append(line.split()[0])
                elif sent:
                    texts.append("".join(sent)); sent = []
        else:
            page = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt")
            texts = [p for p in page.read_text(encoding="utf-8").split("\\n") if p.strip()]
        pool, n = [], 0
        while n < {chars}:
            for t in texts:
                pool.append(t); n += len(t)
                if n >= {chars}:
                    break
        t0 = time.perf_counter(); import spacy; t_spacy = time.perf_counter() - t0
        from govnews_extract import _models
        t0 = time.perf_counter(); seg = _models.load_segmenter_tokenizer(spacy.blank("zh"))
        t_seg = time.perf_counter() - t0
        t0 = time.perf_counter(); names = _models.NameFinder.load(); t_ner = time.perf_counter() - t0
        cut = seg.tokenizer.pkuseg_seg.cut
        cut(pool[0]); names.find_many(pool[:20])
        t0 = time.perf_counter()
        for t in pool:
            cut(t)
        seg_speed = n / (time.perf_counter() - t0)
        t0 = time.perf_counter(); names.find_many(pool); ner_speed = n / (time.perf_counter() - t0)
        spacy_path = _models.NameFinder(names.nlp, fast=False)  # the same network through spaCy's Docs
        spacy_path.find_many(pool[:20])
        t0 = time.perf_counter(); spacy_path.find_many(pool); spacy_speed = n / (time.perf_counter() - t0)
        print(json.dumps({{"spacy_import_s": t_spacy, "segmenter_load_s": t_seg, "ner_load_s": t_ner,
                           "chars": n, "segmenter_chars_per_s": seg_speed, "ner_chars_per_s": ner_speed,
                           "ner_spacy_path_chars_per_s": spacy_speed}}))
    """
    return _child(code)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora")
    ap.add_argument("--chars", type=int, default=200_000)
    args = ap.parse_args()
    r = measure(args.corpus if args.corpus.is_dir() else None, args.chars)
    rows = [
        ("import spacy", f"{r['spacy_import_s']:.2f} s"),
        ("load the segmenter", f"{r['segmenter_load_s']:.2f} s"),
        ("load the name finder", f"{r['ner_load_s']:.2f} s"),
        (f"segmenter over {r['chars']:,} chars", f"{r['segmenter_chars_per_s']:,.0f} chars/s"),
        (f"name finder over {r['chars']:,} chars", f"{r['ner_chars_per_s']:,.0f} chars/s"),
        ("the same through spaCy's Docs", f"{r['ner_spacy_path_chars_per_s']:,.0f} chars/s"),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
