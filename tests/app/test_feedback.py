"""Feedback: one row per answer in SQLite, exported as CSV or JSONL by ``ipfin feedback export``."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from assistant.app.feedback import FEEDBACK_FILE, FeedbackRecord, FeedbackStore, export_text
from assistant.app.presentation import answer_view
from assistant.cli.main import app
from assistant.core.errors import FeedbackError


@pytest.fixture
def view(assistant):
    return answer_view(assistant.ask("企業価値担保権を設定すると経営者保証はどうなりますか？"))


def test_a_rating_is_stored_with_question_answer_citations_persona_and_time(tmp_path, view):
    store = FeedbackStore(tmp_path)
    store.record(FeedbackRecord.from_view(view, conversation_id="c1", turn=0, rating=1, persona="bank"))
    (rec,) = store.all()
    assert (tmp_path / FEEDBACK_FILE).exists()
    assert rec.rating == 1 and rec.persona == "bank" and rec.question == view.question
    assert rec.answer == view.text and "[1]" in rec.answer
    assert rec.citations[0]["quote"] == view.cards[0].quote and rec.citations[0]["source_id"] == "evc-act"
    assert rec.created_at.startswith("20") and rec.evidence_level == view.level


def test_a_second_click_and_a_comment_update_the_same_row(tmp_path, view):
    store = FeedbackStore(tmp_path)
    store.record(FeedbackRecord.from_view(view, conversation_id="c1", turn=0, rating=1, persona="sme"))
    store.record(FeedbackRecord.from_view(view, conversation_id="c1", turn=0, rating=-1, persona="sme"))
    store.record(
        FeedbackRecord.from_view(view, conversation_id="c1", turn=0, rating=-1, persona="sme", comment="出典が古い")
    )
    store.record(FeedbackRecord.from_view(view, conversation_id="c1", turn=1, rating=1, persona="sme"))
    rows = store.all()
    assert [(r.turn, r.rating, r.comment) for r in rows] == [(0, -1, "出典が古い"), (1, 1, "")]


def test_a_rating_must_be_up_or_down(tmp_path, view):
    with pytest.raises(FeedbackError):
        FeedbackStore(tmp_path).record(
            FeedbackRecord.from_view(view, conversation_id="c", turn=0, rating=0, persona="sme")
        )


def test_export_formats(tmp_path, view):
    store = FeedbackStore(tmp_path)
    store.record(
        FeedbackRecord.from_view(view, conversation_id="c1", turn=0, rating=-1, persona="sme", comment='a,"b"\nc')
    )
    rows = list(csv.DictReader(io.StringIO(export_text(store.all(), "csv"))))
    assert rows[0]["rating"] == "down" and rows[0]["comment"] == 'a,"b"\nc' and rows[0]["persona"] == "sme"
    assert json.loads(rows[0]["citations"])[0]["quote"] == view.cards[0].quote
    line = json.loads(export_text(store.all(), "jsonl"))
    assert line["question"] == view.question and line["citations"][0]["source_id"] == "evc-act"


def test_cli_export_csv_and_jsonl(monkeypatch, tmp_path, view):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path))
    FeedbackStore(tmp_path).record(
        FeedbackRecord.from_view(view, conversation_id="c", turn=0, rating=1, persona="advisor")
    )
    runner = CliRunner()
    out = tmp_path / "fb.csv"
    result = runner.invoke(app, ["feedback", "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Exported 1 feedback record(s)" in result.stderr
    (row,) = csv.DictReader(out.open(encoding="utf-8"))
    assert row["persona"] == "advisor"
    result = runner.invoke(app, ["feedback", "export", "--format", "jsonl"])
    assert result.exit_code == 0 and json.loads(result.stdout)["rating"] == "up"


def test_cli_export_with_no_feedback_and_a_bad_format(monkeypatch, tmp_path):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(app, ["feedback", "export", "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("created_at,")
    result = runner.invoke(app, ["feedback", "export", "--format", "xml"])
    assert result.exit_code != 0 and "csv, jsonl" in result.output and "Traceback" not in result.output


def test_a_damaged_database_is_one_clear_error(monkeypatch, tmp_path):
    (tmp_path / FEEDBACK_FILE).write_bytes(b"this is not sqlite" * 100)
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["feedback", "export"])
    assert result.exit_code == 1 and result.stderr.startswith("error: ") and "feedback.sqlite3" in result.stderr
