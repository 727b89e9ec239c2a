"""The shipped models (issue 8): they load offline, keep their documented scores, and the
training code still runs end to end (on a couple of hundred sentences, one pass).

Tests that need the corpora skip with a reason when ../shared is not beside the checkout.
"""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from govnews_extract import _models
from govnews_extract._models import ModelsMissingError, NameFinder, is_person_name

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
TRAINING = REPO / "training"

needs_models = pytest.mark.skipif(not _models.models_available(),
                                  reason="shipped models are absent (train them: see docs/models.md)")


@pytest.fixture(scope="module")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip(f"needs the research corpora at {CORPORA} (../shared/corpora beside the checkout)")
    return CORPORA


def _training_module(name: str) -> ModuleType:
    """training/<name>.py, imported under a name that cannot clash with anything installed."""
    key = f"_govnews_training_{name}"
    if key in sys.modules:
        return sys.modules[key]
    if str(TRAINING) not in sys.path:
        sys.path.insert(0, str(TRAINING))
    spec = importlib.util.spec_from_file_location(key, TRAINING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _meta(name: str) -> dict:
    return json.loads((_models.MODELS_DIR / name / "meta.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- no model needed


def test_person_name_filter() -> None:
    assert is_person_name("李鹏")
    assert is_person_name("欧阳修")
    assert is_person_name("司马相如")
    assert is_person_name("阿依古丽·买买提")
    assert not is_person_name("李")
    assert not is_person_name("诸葛孔明先生")
    assert not is_person_name("周一")
    assert not is_person_name("星期天")
    assert not is_person_name("王家庄")
    assert not is_person_name("李家村")
    assert not is_person_name("柳镇")


def test_pieces_cover_the_text_in_order() -> None:
    text = "第一句。第二句！" * 300 + "没有句号" * 400 + "\n最后"
    pieces = list(_models._pieces(text, limit=100))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 100 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_name_windows_are_clauses_of_cue_sentences() -> None:
    from govnews_extract._extract import name_windows

    text = ("市委书记张三主持会议，市长李四讲话，副市长王五、赵六，市政协主席孙七出席会议并参加了全部活动的讨论。"
            "今天全市天气晴好，气温回升。"
            "会议由市人大常委会党组书记、常务副主任周八同志代表市委宣读了关于全市重点工作的通知要求。")
    pieces = [text[s:e] for s, e in name_windows(text)]
    assert pieces == [
        "市委书记张三主持会议，市长李四讲话，副市长王五、赵六，",  # three clauses fit in 32 characters
        "市政协主席孙七出席会议并参加了全部活动的讨论。",
        # a sentence without a cue word for people gives no piece; a long clause stays whole
        "会议由市人大常委会党组书记、常务副主任周八同志代表市委宣读了关于全市重点工作的通知要求。",
    ]
    assert name_windows("") == []
    assert name_windows("今天晴，最高气温十度。") == []


def test_missing_models_say_how_to_make_them(tmp_path: Path) -> None:
    import spacy

    with pytest.raises(ModelsMissingError, match=r"training/ner\.py"):
        NameFinder.load(tmp_path / "absent")
    with pytest.raises(OSError, match=r"training/segmenter\.py"):
        _models.load_segmenter_tokenizer(spacy.blank("zh"), tmp_path)


# --------------------------------------------------------------------------- shipped models


@needs_models
def test_shipped_models_load_offline_and_work(offline: None) -> None:
    NameFinder._cache.clear()
    started = time.perf_counter()
    nlp = _models.blank_with_segmenter()
    finder = NameFinder.load()
    seconds = time.perf_counter() - started
    assert seconds < 6, f"loading both models took {seconds:.1f} s (budget 1.5 s on an idle machine)"
    assert NameFinder.load() is finder  # loaded once

    words = [t.text for t in nlp("国务院总理李鹏今天在北京会见了美国客人。")]
    assert "国务院" in words and "北京" in words and "会见" in words

    text = "国务院总理李鹏今天在北京会见了美国客人。\n  新华社记者王小明报道。"
    spans = finder.find(text)
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) and label in _models.LABELS for s, e, label in spans)
    assert ("李鹏", "PER") in {(text[s:e], label) for s, e, label in spans}
    assert "北京" in {text[s:e] for s, e, _ in finder.places(text)}
    assert "新华社" in {text[s:e] for s, e, _ in finder.orgs(text)}
    assert all(is_person_name(text[s:e]) for s, e, _ in finder.persons(text))

    # Offsets stay right when a long text is cut into pieces.
    long_text = ("今天上午，市长张建国在市政府会见了来访的客人。" * 80) + text
    found = finder.find(long_text)
    tail = [(s - (len(long_text) - len(text)), e - (len(long_text) - len(text)), lab)
            for s, e, lab in found if s >= len(long_text) - len(text)]
    assert tail == spans
    assert finder.find("") == []


@needs_models
def test_segmenter_keeps_its_documented_f1(corpora: Path, offline: None) -> None:
    segmenter = _training_module("segmenter")
    documented = _meta("segmenter")["slice"]
    measured = segmenter.evaluate(_models.SEGMENTER_DIR, corpora / segmenter.GOLD, documented["sentences"])
    assert abs(measured["f1"] - documented["f1"]) <= 1.0, (measured, documented)


@needs_models
def test_ner_keeps_its_documented_f1(corpora: Path, offline: None) -> None:
    ner = _training_module("ner")
    documented = _meta("ner")["govnews"]["slice"]
    test = ner.read_bio(corpora / ner.PD_TEST, " ")[: documented["sentences"]]
    measured = ner.evaluate(_models.NER_DIR, test)
    for label in (*_models.LABELS, "ALL"):
        assert abs(measured[label]["f"] - documented[label]["f"]) <= 1.0, (label, measured, documented)


# --------------------------------------------------------------------------- training code path


def test_segmenter_training_runs(corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    segmenter = _training_module("segmenter")
    out = tmp_path / "segmenter"
    assert segmenter.main(["--corpus", str(corpora), "--out", str(out), "--iterations", "1",
                           "--limit", "200", "--eval-limit", "40"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["pku_gold"]["f1"] > 60
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["slice"]["sentences"] == 40
    assert (out / "weights.npz").stat().st_size < 2_000_000


def test_ner_training_runs(corpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ner = _training_module("ner")
    out = tmp_path / "ner"
    assert ner.main(["--corpus", str(corpora), "--out", str(out), "--limit", "200", "--max-epochs", "1",
                     "--test-limit", "60", "--set", "components.tok2vec.model.embed.rows=[500,500,50,50]"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["train_sentences"] + summary["dev_sentences"] == 200
    assert set(summary["test"]) == {*_models.LABELS, "ALL"}
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["govnews"]["slice"]["sentences"] == 60
    assert meta["govnews"]["lexicon"]["words"] > 1000
    finder = NameFinder.load(out)
    assert isinstance(finder.find("新华社北京一月一日电"), list)
    # the word list travels with the model and marks word boundaries on every character
    assert len(finder.nlp.tokenizer.lexicon) == meta["govnews"]["lexicon"]["words"]
    assert "B0E0M0" not in [t.tag_ for t in finder.nlp.make_doc("国务院")]


def test_pretraining_runs_and_its_weights_start_the_ner_training(corpora: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    pretrain, ner = _training_module("pretrain"), _training_module("ner")
    weights = tmp_path / "tok2vec.bin"
    rows = "components.tok2vec.model.embed.rows=[500,500,50,50]"
    assert pretrain.main(["--corpus", str(corpora), "--out", str(weights), "--limit", "150",
                          "--epochs", "2", "--chars", "300"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["chars_predicted"] == 300 and len(summary["epochs"]) == 2
    assert summary["epochs"][1]["loss"] < summary["epochs"][0]["loss"]
    # the test split and the checkpoint-selection sentences are never read
    assert summary["dropped_overlap_with_test"] > 0
    # (the pretraining network is the full-size one; the NER test below uses smaller tables, so
    # it starts from weights pretrained with the same override)
    assert pretrain.main(["--corpus", str(corpora), "--out", str(weights), "--limit", "100", "--epochs", "1",
                          "--chars", "300", "--set", rows]) == 0
    capsys.readouterr()
    out = tmp_path / "ner"
    assert ner.main(["--corpus", str(corpora), "--out", str(out), "--limit", "200", "--max-epochs", "1",
                     "--test-limit", "30", "--set", rows, "--init-tok2vec", str(weights)]) == 0
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["govnews"]["init_tok2vec"] == str(weights)


def test_masking_hides_a_character_and_keeps_its_target() -> None:
    import random

    pretrain = _training_module("pretrain")
    chars = ["市", "长", "王"]
    index = {c: i for i, c in enumerate(chars)}
    text = "市长 王五"
    masked, positions, targets = pretrain.mask_text(text, index, chars, 1.0, random.Random(0))
    # every non-space character is chosen; 五 is not among the predicted characters (class 3)
    assert positions == [0, 1, 3, 4]
    assert targets == [0, 1, 2, 3]
    assert len(masked) == len(text) and masked[2] == " "
    assert all(masked[i] == pretrain.MASK or masked[i] in chars or masked[i] == text[i] for i in positions)
    assert pretrain.mask_text(text, index, chars, 0.0, random.Random(0)) == (text, [], [])
    # 80 / 10 / 10: over many draws most chosen characters become the mask character
    long = "市长王" * 2000
    masked, positions, _ = pretrain.mask_text(long, index, chars, 0.15, random.Random(1))
    share = sum(masked[i] == pretrain.MASK for i in positions) / len(positions)
    assert 0.13 < len(positions) / len(long) < 0.17 and 0.75 < share < 0.85


def test_lexicon_features_mark_every_word_of_the_list() -> None:
    from govnews_extract._models import lexicon_features

    words = {"市长", "市长助理", "助理", "会议"}
    # 市 begins 市长 and 市长助理 (longest 4); 长 ends 市长 and sits inside 市长助理; 理 ends
    # two words, the longest of four; 王 and 五 are in no word
    assert lexicon_features("市长助理王五", words) == [
        "B4E0M0", "B0E2M1", "B2E0M1", "B0E4M0", "B0E0M0", "B0E0M0"]
    assert lexicon_features("", words) == []
    assert lexicon_features("会", words) == ["B0E0M0"]
    # lengths above four share one value; words over six characters are not looked up
    assert lexicon_features("人民代表大会", {"人民代表大会"}) == ["B4E0M0", *["B0E0M1"] * 4, "B0E4M0"]
    assert lexicon_features("中华人民共和国", {"中华人民共和国"}) == ["B0E0M0"] * 7


def test_typed_lexicon_features_carry_the_word_type() -> None:
    from govnews_extract._models import lexicon_features

    words = {"夏威夷", "美国", "国会", "美国国会"}
    types = {"夏威夷": "L", "美国": "L", "美国国会": "O"}
    # the type of the longest word starting (B) and ending (E) at the character follows its
    # length; 国会 is untyped, so the 会 it ends carries the type of 美国国会 (longer)
    assert lexicon_features("美国国会", words, types=types) == ["B4OE0M0", "B0E2LM1", "B2E0M1", "B0E4OM0"]
    assert lexicon_features("去夏威夷", words, types=types) == ["B0E0M0", "B3LE0M0", "B0E0M1", "B0E3LM0"]
    # without types (or with an empty mapping) the strings are the untyped ones
    assert lexicon_features("美国国会", words) == lexicon_features("美国国会", words, types={}) == [
        "B4E0M0", "B0E2M1", "B2E0M1", "B0E4M0"]


def test_lexicon_file_keeps_types_and_reads_untyped_lists(tmp_path: Path) -> None:
    from spacy.vocab import Vocab

    from govnews_extract._models import CharBigramTokenizer, parse_lexicon

    words, types = parse_lexicon(["上海 L", "书记", "", "x", "联合国 O", "七个字的长名字啊"])
    assert words == frozenset({"上海", "书记", "联合国"})  # one character and over six are dropped
    assert types == {"上海": "L", "联合国": "O"}
    tokenizer = CharBigramTokenizer(Vocab(), ["书记", "上海 L"])
    tokenizer.to_disk(tmp_path)
    assert (tmp_path / "lexicon.txt").read_text(encoding="utf-8") == "上海 L\n书记\n"
    again = CharBigramTokenizer(Vocab()).from_disk(tmp_path)
    assert (again.lexicon, again.types) == (tokenizer.lexicon, tokenizer.types)
    assert [t.tag_ for t in again("上海市委书记")] == ["B2LE0M0", "B0E2LM0", "B0E0M0", "B0E0M0", "B2E0M0", "B0E2M0"]
    assert CharBigramTokenizer(Vocab()).from_bytes(tokenizer.to_bytes()).types == {"上海": "L"}


def test_typed_word_list_types_places_and_organisations(corpora: Path) -> None:
    ner = _training_module("ner")
    test = ner.read_bio(corpora / ner.PD_TEST, " ")[:50]
    proper = ner.build_lexicon(corpora, test, "proper")
    annotated = [("我在卢萨卡", [(2, 5, "LOC")]), ("卢萨卡很热", [(0, 3, "LOC")]), ("卢萨卡很热", [(0, 3, "LOC")]),
                 ("到过马普托", [(2, 5, "LOC")]),  # one distinct sentence: too rare for the list
                 ("张三说", [(0, 2, "PER")]), ("张三来", [(0, 2, "PER")])]  # no type for people
    typed = dict([*line.split(), ""][:2] for line in ner.build_lexicon(corpora, test, "typed", annotated=annotated))
    assert set(proper) <= set(typed)  # the same words, and more
    assert set(typed) - set(proper) == {"卢萨卡"}
    assert typed["上海"] == "L" and typed["书记"] == "" and typed["卢萨卡"] == "L"
    assert "张三" not in typed and "马普托" not in typed
    assert set(typed.values()) == {"", "L", "O"}


def test_harmonise_follows_the_annotated_corpora() -> None:
    ner = _training_module("ner")
    annotated = [
        ("学习邓小平理论", [(2, 5, "PER")]),
        ("邓小平同志", [(0, 3, "PER")]),
        ("邓小平说", [(0, 3, "PER")]),
        ("北约东扩", [(0, 2, "ORG")]), ("北约峰会", [(0, 2, "ORG")]), ("北约总部", [(0, 2, "ORG")]),
        ("北京市委", [(0, 4, "ORG")]),
        ("市委决定", [(0, 2, "ORG")]), ("市委要求", [(0, 2, "ORG")]), ("市委指出", [(0, 2, "ORG")]),
        # 长江 is a place twice and no name three times: too mixed to copy
        ("长江", [(0, 2, "LOC")]), ("长江边", [(0, 2, "LOC")]), ("长江牌", []), ("长江号", []), ("长江杯", []),
    ]
    pos = [
        ("邓小平理论是马克思主义", []),           # a common noun in the POS corpus: 邓小平 becomes PER
        ("北约扩大", [(0, 2, "-")]),              # an unannotated abbreviation: relabelled ORG
        ("上海市委和长江", [(0, 4, "ORG")]),      # 市委 inside a POS name stays as it is
        ("邓小平", [(0, 3, "PER")]),              # already a name
        ("北约的北", [(0, 4, "-")]),              # unannotated span wider than 北约: left alone
    ]
    out, counts = ner.harmonise(pos, annotated)
    assert out == [
        ("邓小平理论是马克思主义", [(0, 3, "PER")]),
        ("北约扩大", [(0, 2, "ORG")]),
        ("上海市委和长江", [(0, 4, "ORG")]),
        ("邓小平", [(0, 3, "PER")]),
        ("北约的北", [(0, 4, "-")]),
    ]
    assert counts == {"surfaces": 3, "added": 1, "relabelled": 1}
    # nothing qualifies: the POS sentences come back unchanged
    assert ner.harmonise(pos, annotated[:2]) == (pos, {"surfaces": 0, "added": 0, "relabelled": 0})


def test_swap_names_puts_other_names_in_place() -> None:
    import random

    ner = _training_module("ner")
    sentences = [("市长王刚会见了欧阳小明。", [(2, 4, "PER"), (7, 11, "PER")]),
                 ("新乡市委书记李卫东说，李卫东", [(0, 4, "ORG"), (6, 9, "PER"), (11, 14, "PER")]),
                 ("克林顿访华", [(0, 3, "PER")])]
    surnames, given = ner.name_parts(sentences)
    # the surname is the lexicon's (a compound one whole); a name opening with none is left out
    assert (surnames, given) == (["王", "欧阳", "李", "李"], ["刚", "小明", "卫东", "卫东"])
    text, spans = ner.swap_names(sentences[1], ["张"], ["华"], random.Random(0))
    # the same name is swapped the same way, and every span moves with the text
    assert text == "新乡市委书记张华说，张华" and spans == [(0, 4, "ORG"), (6, 8, "PER"), (10, 12, "PER")]
    assert [text[s:e] for s, e, _ in spans] == ["新乡市委", "张华", "张华"]
    assert ner.swap_names(("新乡市委", [(0, 4, "ORG")]), ["张"], ["华"], random.Random(0)) is None


def test_swap_names_adds_copies_of_a_sources_sentences(corpora: Path) -> None:
    ner = _training_module("ner")
    train, dev, _, _ = ner.build_sets(corpora, False, 50, 600)
    train2, dev2, _, info = ner.build_sets(corpora, False, 50, 600, swaps={"peoples-daily-ner/example.dev": 2})
    assert dev2 == dev
    with_person = info["swaps"]["sentences"]
    assert with_person > 0 and len(train2) == len(train) + with_person
    texts = {t for t, _ in train}
    added = [x for x in train2 if x[0] not in texts]
    assert 0 < len(added) <= with_person and all(any(lab == "PER" for _, _, lab in s) for _, s in added)


def test_copies_weigh_a_source_in_training_only(corpora: Path) -> None:
    ner = _training_module("ner")
    train, dev, _, info = ner.build_sets(corpora, False, 50, 600)
    train2, dev2, _, info2 = ner.build_sets(corpora, False, 50, 600, copies={"peoples-daily-ner/example.dev": 3})
    assert dev2 == dev  # the checkpoint-picking sentences do not change
    from collections import Counter

    pd_dev = {t for t, _ in ner.read_bio(corpora / ner.PD_DEV, " ")}
    extra = Counter((t, tuple(s)) for t, s in train2) - Counter((t, tuple(s)) for t, s in train)
    # each People's Daily dev sentence of the training set comes twice more, nothing else does
    assert extra and set(extra.values()) == {2} and {t for t, _ in extra} <= pd_dev
    assert 0 < len(extra) < len(train) and len(train2) == len(train) + 2 * len(extra)
    assert info2["copies"] == {"peoples-daily-ner/example.dev": 3} and "copies" not in info
    with pytest.raises(ValueError, match="names no source"):
        ner.build_sets(corpora, False, 50, 600, copies={"example.dev": 2})


def test_dev_source_and_train_only_pick_the_sentences(corpora: Path) -> None:
    ner = _training_module("ner")
    pd_dev = {t for t, _ in ner.read_bio(corpora / ner.PD_DEV, " ")}
    train, dev, _, info = ner.build_sets(corpora, False, 40, 800, dev_source="peoples-daily-ner/example.dev")
    assert len(dev) == 40 and {t for t, _ in dev} <= pd_dev
    assert not {id(x) for x in dev} & {id(x) for x in train}  # (a text that two sources hold may be in both)
    assert {t for t, _ in train} - pd_dev  # the other sources still train
    only, dev2, _, info2 = ner.build_sets(corpora, False, 40, 800, dev_source="peoples-daily-ner/example.dev",
                                          train_only=["peoples-daily-ner/example.dev"])
    assert dev2 == dev  # fine-tuning picks its checkpoint on the same sentences as its base
    assert only and {t for t, _ in only} <= pd_dev and len(only) < len(train)
    assert info2["train_only"] == ["peoples-daily-ner/example.dev"] and "train_only" not in info
    with pytest.raises(ValueError, match="--dev-source names no source"):
        ner.build_sets(corpora, False, 40, 800, dev_source="example.dev")


def test_ner_fine_tuning_starts_from_a_model(corpora: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    ner = _training_module("ner")
    base, tuned = tmp_path / "base", tmp_path / "tuned"
    common = ["--corpus", str(corpora), "--limit", "300", "--max-epochs", "1", "--test-limit", "30",
              "--dev", "20", "--dev-source", "peoples-daily-ner/example.dev",
              "--set", "components.tok2vec.model.embed.rows=[500,500,50,50]"]
    assert ner.main([*common, "--out", str(base)]) == 0
    capsys.readouterr()
    assert ner.main([*common, "--out", str(tuned), "--init-from", str(base),
                     "--train-only", "peoples-daily-ner/example.dev"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["init_from"] == str(base)
    meta = json.loads((tuned / "meta.json").read_text(encoding="utf-8"))
    assert meta["govnews"]["init_from"] == str(base)
    assert meta["govnews"]["train_only"] == ["peoples-daily-ner/example.dev"]
    assert isinstance(NameFinder.load(tuned).find("新华社北京一月一日电"), list)


@needs_models
def test_the_name_model_runs_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    seen: list[set[int]] = []

    def spying(owner: object, name: str) -> None:
        original = getattr(owner, name)

        def spy(*args):  # type: ignore[no-untyped-def]
            seen.append(blas_threads())
            return original(*args)

        monkeypatch.setattr(owner, name, spy)

    before = blas_threads()
    for finder in (NameFinder.load(), NameFinder(NameFinder.load().nlp, fast=False)):
        seen.clear()
        if finder._fast is not None:
            spying(finder._fast, "_tok2vec")  # the numpy network
        else:
            spying(finder.nlp.get_pipe("tok2vec"), "predict")  # spaCy's
        assert finder.find_many(["市长王刚主持会议。", "副市长仉建华出席。"]) is not None
        assert seen and all(s <= {1} for s in seen)
        assert blas_threads() == before  # the caller's own numpy keeps its threads


def _name_test_texts() -> list[str]:
    """Texts of every kind the rules send: the pattern examples, whole pages, and odd cases."""
    from govnews_extract._patterns import get_patterns

    rules = get_patterns().rules()
    texts = [case["text"] for rule in rules for case in (*rule.examples, *rule.near_misses)]
    pages = [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "pages").glob("*.txt"))]
    pages.append((REPO / "src" / "govnews_extract" / "data" / "sample-xinxiang-daily-2024-01-22.txt")
                 .read_text(encoding="utf-8"))
    texts += pages
    texts += [s for page in pages for s in re.split(r"(?<=[。！？\n])", page) if s]
    texts += [
        "", " ", "\n\n", "王", "王刚", " 王刚", "王 刚主持", "市长 王刚、\u3000李军出席",
        "ABC公司CEO John Smith", "2024年1月22日", "张" * 1500, "据杜氏族谱记载，王氏兄弟与杜氏集团",
        "习近平" + "。" * 999 + "李克强",  # a hard cut at 1 000 characters right after a name
    ]
    return texts


@needs_models
def test_the_numpy_network_finds_what_spacy_finds() -> None:
    """The numpy forward (``_forward``) computes the shipped network exactly: on every example
    sentence of patterns/, the ten pages and odd inputs, the names equal spaCy's own."""
    from govnews_extract import _forward

    fast = NameFinder.load()
    assert isinstance(fast._fast, _forward.NumpyNER)
    slow = NameFinder(fast.nlp, fast=False)
    texts = _name_test_texts()
    assert len(texts) > 1000
    expected = slow.find_many(texts)
    assert sum(map(len, expected)) > 900  # names enough to compare on
    assert fast.find_many(texts) == expected
    # in other batch sizes and one at a time
    assert fast.find_many(texts[:300], batch_size=7) == expected[:300]
    assert [fast.find(t) for t in texts[-14:]] == expected[-14:]


@needs_models
def test_the_numpy_network_finds_what_spacy_finds_on_the_test_slice(corpora: Path) -> None:
    ner = _training_module("ner")
    documented = _meta("ner")["govnews"]["slice"]
    texts = [text for text, _ in ner.read_bio(corpora / ner.PD_TEST, " ")[: documented["sentences"]]]
    fast = NameFinder.load()
    assert fast.find_many(texts) == NameFinder(fast.nlp, fast=False).find_many(texts)


@needs_models
def test_the_numpy_network_reads_the_features_the_tokenizer_sets() -> None:
    from spacy.attrs import LEMMA, NORM, SHAPE, TAG

    finder = NameFinder.load()
    for text in ("市长王刚主持会议。", "ABC公司 CEO\n2024年", "夏威夷群岛"):
        doc = finder.nlp.make_doc(text)
        assert (finder._fast.features(text) == doc.to_array([NORM, LEMMA, SHAPE, TAG])).all()


def test_a_pipeline_of_another_shape_keeps_spacys_path() -> None:
    import spacy

    from govnews_extract import _forward

    assert _forward.build(spacy.blank("zh")) is None


def test_clan_character_is_no_part_of_a_persons_name() -> None:
    import spacy

    nlp = spacy.blank("zh")
    doc = nlp.make_doc("据杜氏族谱记载，王氏兄弟与杜氏集团")
    words = [t.text for t in doc]
    assert words[:3] == ["据", "杜", "氏"]  # character tokens
    doc.ents = [doc.char_span(1, 3, "PER"), doc.char_span(8, 10, "PER"), doc.char_span(13, 17, "ORG")]
    assert _models.entity_spans(doc) == [(1, 2, "PER"), (8, 9, "PER"), (13, 17, "ORG")]
    doc.ents = [doc.char_span(2, 3, "PER")]  # 氏 alone stays what the model said
    assert _models.entity_spans(doc) == [(2, 3, "PER")]


@needs_models
def test_a_dry_run_that_stands_gives_what_reading_again_gives(monkeypatch: pytest.MonkeyPatch,
                                                               sample_text: str) -> None:
    """Where the model answers every question of a kind's dry run with nothing, the dry run is
    kept as the result (and where it answers none of a part's questions, that part: Context.reuse);
    reading again with the model's answers must give the very same records."""
    import datetime as dt

    from govnews_extract import enterprises
    from govnews_extract._extract import Context, build_report
    from govnews_extract._patterns import get_patterns

    texts = [p for p in sample_text.split("\n\n") if p.strip()]
    texts += [case["text"] for rule in get_patterns().rules() for case in rule.examples]
    texts.append(sample_text)
    # names only the model reads: surnames outside the lexicon, a list no lexicon name vouches for
    texts += ["1月20日，全市安全生产工作会议召开。会议由副市长仉建华主持。",
              "1月20日，我市召开全市经济工作会议。市领导禤国维、仉建华出席会议。",
              "1月8日，市政府召开常务会议，会议由副市长佴文强主持，市长王刚讲话。"]
    published = dt.date(2024, 1, 22)
    finder = NameFinder.load()
    rules_only = [build_report(t, published, None).to_json(evidence=True) for t in texts]
    stood = []
    original = Context.prefetch_names

    def counting(self, *reads):  # type: ignore[no-untyped-def]
        results = original(self, *reads)
        stood.extend(r is not None for r in results)
        return results

    # the enterprise names a dry run read are kept too (statistics reads them) when the model
    # answers its questions with nothing: count how often they are read afresh
    built = []
    names_init = enterprises._Names.__init__

    def building(self, *args):  # type: ignore[no-untyped-def]
        built.append(1)
        names_init(self, *args)

    # a real run after a dry run takes the dry run's parts (Context.reuse) the model had nothing on
    reused = []
    reuse = Context.reuse

    def reusing(self, key, compute):  # type: ignore[no-untyped-def]
        result = reuse(self, key, compute)
        reused.append(self._asked is None and key in self._kept and result is self._kept[key][0])
        return result

    monkeypatch.setattr(enterprises._Names, "__init__", building)
    monkeypatch.setattr(Context, "prefetch_names", counting)
    monkeypatch.setattr(Context, "reuse", reusing)
    kept = [build_report(t, published, finder).to_json(evidence=True) for t in texts]
    kept_built = len(built)
    assert any(stood) and not all(stood)  # both branches are taken on these texts
    assert any(reused)
    assert kept[-3:] != rules_only[-3:]  # and the model's names count in some
    monkeypatch.setattr(Context, "prefetch_names", lambda self, *reads: [None] * len(original(self, *reads)))
    remember = enterprises._remember
    monkeypatch.setattr(enterprises, "_remember",
                        lambda ctx, attr, value: None if attr == enterprises._DRY_ATTR else remember(ctx, attr, value))
    monkeypatch.setattr(Context, "reuse", lambda self, key, compute: compute())
    built.clear()
    again = [build_report(t, published, finder).to_json(evidence=True) for t in texts]
    assert kept == again
    assert kept_built < len(built)  # the kept names were taken somewhere
