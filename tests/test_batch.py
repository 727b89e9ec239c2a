"""Batches, tables and the archive runner: same results as one-by-one extraction, in input order."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import govnews_extract as gx
from govnews_extract import cli

PUB = dt.date(2024, 1, 22)


@pytest.fixture(scope="module")
def docs(sample_text):
    paragraphs = [p for p in sample_text.split("\n\n") if p.strip()]
    return [sample_text, paragraphs[2], "", paragraphs[-1], "English only."]


def _json(reports):
    return [r.to_json(evidence=True) for r in reports]


def test_extract_many_matches_extract_in_input_order(docs):
    expected = _json(gx.extract(d, published=PUB) for d in docs)
    got = _json(gx.extract_many([(d, PUB) for d in docs]))
    assert got == expected
    as_dicts = _json(gx.extract_many([{"id": f"d{i}", "text": d, "published": "2024-01-22"}
                                      for i, d in enumerate(docs)]))
    assert as_dicts == expected


def test_batches_and_the_command_line_never_tokenise(docs, monkeypatch, tmp_path, capsys):
    """Only reports are wanted: the word segmenter (the tokenizer of the pipeline) is not run."""
    from govnews_extract import _tokenizer, scaleout

    expected = _json(gx.extract(d, published=PUB) for d in docs)

    def refuse(self, text):  # type: ignore[no-untyped-def]
        raise AssertionError("the text was tokenised")

    monkeypatch.setattr(_tokenizer.LinearTokenizer, "__call__", refuse)
    assert _json(gx.extract_many([(d, PUB) for d in docs])) == expected
    assert _json(scaleout.extract_partition([(d, PUB) for d in docs])) == expected
    page = tmp_path / "page.txt"
    page.write_text(docs[0], encoding="utf-8")
    assert cli.main([str(page), "--published", "2024-01-22"]) == 0
    assert json.loads(capsys.readouterr().out) == gx.extract(docs[0], published=PUB).to_dict()


def test_extract_many_over_two_processes_gives_the_same(docs):
    expected = _json(gx.extract(d, published=PUB) for d in docs)
    got = _json(gx.extract_many(((d, PUB) for d in docs), n_process=2, batch_size=1))
    assert got == expected


def test_extract_many_rejects_bad_items_and_arguments():
    with pytest.raises(TypeError, match="int"):
        list(gx.extract_many([42]))
    with pytest.raises(ValueError, match="text"):
        list(gx.extract_many([{"body": "x"}]))
    with pytest.raises(ValueError, match="n_process"):
        list(gx.extract_many(["x"], n_process=0))


def test_progress_bar_goes_to_stderr(capsys):
    reports = list(gx.extract_many(["市长讲话。", "气温回升。"], progress=True))
    assert len(reports) == 2
    assert "2/2" in capsys.readouterr().err


def test_frames_have_one_row_per_record_and_evidence(sample_text):
    report = gx.extract(sample_text, published=PUB)
    frames = report.to_frames()
    assert set(frames) == {"meetings", "forecasts", "statistics", "enterprises"}
    assert len(frames["meetings"]) == len(report.meetings)
    assert len(frames["forecasts"]) == sum(len(f.days) for f in report.forecasts)
    assert len(frames["statistics"]) == len(report.statistics)
    assert len(frames["enterprises"]) == len(report.enterprises)
    for frame in frames.values():
        assert {"rule", "start", "end", "evidence"} <= set(frame.columns)
    for row, stat in zip(frames["statistics"].itertuples(), report.statistics, strict=True):
        assert sample_text[row.start:row.end] in row.evidence or stat.text in row.evidence


def test_to_frame_stacks_reports_with_document_ids(sample_text):
    reports = [gx.extract(sample_text, published=PUB), gx.extract("", published=PUB)]
    frame = gx.to_frame(reports, "statistics", ids=["page1", "empty"])
    assert list(frame.columns[:2]) == ["doc_id", "subject"]
    assert set(frame["doc_id"]) <= {"page1"}
    assert len(frame) == len(reports[0].statistics)
    empty = gx.to_frame([reports[1]], "meetings")
    assert len(empty) == 0 and "doc_id" in empty.columns
    with pytest.raises(ValueError, match="kind"):
        gx.to_frame(reports, "people")


def test_report_renders_as_html(sample_text):
    report = gx.extract("<b>市长</b>讲话。" + sample_text, published=PUB)
    html = report._repr_html_()
    assert html.startswith("<div") and "<b>市长</b>" not in html
    assert "&lt;b&gt;" not in html or "evidence" in html


def test_cli_run_writes_jsonl_resumes_and_skips_bad_input(tmp_path, sample_text, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text(sample_text, encoding="utf-8")
    (src / "more.jsonl").write_text(
        json.dumps({"id": "n1", "text": "今天开会。", "published": "2024-01-02"}, ensure_ascii=False)
        + "\nnot json\n", encoding="utf-8")
    (src / "bad.txt").write_bytes("市长".encode("gbk"))
    out = tmp_path / "results.jsonl"
    assert cli.main(["run", str(src), "--out", str(out), "--no-models"]) == 1
    err = capsys.readouterr().err
    assert "bad.txt" in err and "more.jsonl:2" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(["n1", str(src / "page.txt")])
    page = next(r for r in rows if r["id"] != "n1")
    assert {k: page[k] for k in page if k != "id"} == gx.extract(sample_text).to_dict()
    assert cli.main(["run", str(src), "--out", str(out), "--no-models"]) == 1
    assert "0 written, 2 already done" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_cli_run_rejects_bad_options(tmp_path, capsys):
    assert cli.main(["run", str(tmp_path), "--out", str(tmp_path / "x.csv")]) == 2
    assert cli.main(["run", str(tmp_path), "--out", str(tmp_path / "x.jsonl"), "--published", "yesterday"]) == 2


def test_cli_run_writes_parquet_and_resumes(tmp_path, sample_text):
    pq = pytest.importorskip("pyarrow.parquet", reason="parquet output needs pyarrow (the [test] extra has it)")
    (tmp_path / "a.txt").write_text(sample_text, encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert cli.main(["run", str(tmp_path / "a.txt"), "--out", str(out), "--no-models"]) == 0
    table = pq.read_table(out).to_pylist()
    assert [r["id"] for r in table] == [str(tmp_path / "a.txt")]
    assert json.loads(table[0]["statistics"]) == gx.extract(sample_text).to_dict()["statistics"]
    assert cli.main(["run", str(tmp_path / "a.txt"), "--out", str(out), "--no-models"]) == 0
    assert len(pq.read_table(out)) == 1
