"""Does a user dictionary built from patterns/ help the shipped segmenter?  (It did not.)

    python training/user_dict_check.py --corpus ../shared/corpora

Scores the shipped segmenter on the SIGHAN 2005 PKU gold test twice: as shipped, and with the
multi-character words of our lexicons (titles, group titles, organisation suffixes, compound
surnames, units, enterprise vocabulary) merged by pkuseg's post-processor, as a user dictionary
would be.  docs/models.md records the result.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import segmenter

from govnews_extract import _models
from govnews_extract._patterns import default_dir, get_patterns


def lexicon_words() -> set[str]:
    patterns = get_patterns()
    words = {w for name in ("TITLE_HEAD", "GROUP_TITLE", "ORG_SUFFIX", "SURNAME")
             for w in patterns.lexicon(name) if len(w) > 1}
    for name in ("units.yaml", "enterprises.yaml"):
        data = yaml.safe_load((default_dir() / name).read_text(encoding="utf-8")) or {}
        for value in (data.get("vocabulary") or {}).values():
            if isinstance(value, list):
                words.update(w for w in value if isinstance(w, str) and 1 < len(w) <= 7
                             and all("\u4e00" <= c <= "\u9fff" for c in w))
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the corpora directory (…/shared/corpora)")
    args = parser.parse_args(argv)
    gold = segmenter.read_gold(args.corpus / "sighan2005-pku" / "pku_test_gold.utf8")
    seg = _models.blank_with_segmenter().tokenizer.pkuseg_seg
    shipped = segmenter.score_words(gold, [seg.cut("".join(g)) for g in gold])
    words = lexicon_words()
    seg.postprocesser.do_process = True
    seg.postprocesser.common_words = set()
    seg.postprocesser.other_words = words
    with_lexicon = segmenter.score_words(gold, [seg.cut("".join(g)) for g in gold])
    print(json.dumps({"lexicon_words": len(words), "shipped": shipped, "with_lexicon": with_lexicon}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
