"""👍/👎 feedback on answers, kept in SQLite in the data directory for evaluators.

One row per answer (``turn_key`` = conversation id + turn number): a second click or a
comment updates the same row instead of adding another, so an export counts each
answer once; a regenerated answer rated again replaces the row's answer and citations. Each row keeps what an evaluator needs without the index: the question,
the query actually searched, the answer text, the citations (title, quote, URLs),
the persona, the language and the time.

``ipfin feedback export --format csv|jsonl`` writes the rows out. A CSV cell that a
spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return: ``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(…)``) is written with a leading
``'`` as OWASP advises, so a question or comment typed into the chat page cannot become a
formula in the evaluator's spreadsheet. JSONL keeps every value as it is.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from assistant.app.presentation import AnswerView
from assistant.core.errors import FeedbackError
from assistant.text.terminal import json_for_terminal

FEEDBACK_FILE = "feedback.sqlite3"
FORMATS = ("csv", "jsonl")
RATINGS = {1: "up", -1: "down"}
#: Longest comment kept; the UI says so, longer text is cut rather than refused.
MAX_COMMENT_CHARS = 2000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    turn_key TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    turn INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rating INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    persona TEXT NOT NULL,
    lang TEXT NOT NULL,
    question TEXT NOT NULL,
    condensed_query TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    evidence_level TEXT NOT NULL,
    citations TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class FeedbackRecord:
    conversation_id: str
    turn: int
    rating: int  # +1 (👍) or -1 (👎)
    persona: str
    lang: str
    question: str
    condensed_query: str
    answer: str
    abstained: bool
    evidence_level: str
    citations: list[dict]
    comment: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def turn_key(self) -> str:
        return f"{self.conversation_id}:{self.turn}"

    @classmethod
    def from_view(
        cls,
        view: AnswerView,
        *,
        conversation_id: str,
        turn: int,
        rating: int,
        persona: str,
        comment: str = "",
        question: str | None = None,
    ) -> FeedbackRecord:
        """``question`` is what the user typed (the view keeps its normalised form)."""
        return cls(
            conversation_id=conversation_id,
            turn=turn,
            rating=rating,
            persona=persona,
            lang=view.lang,
            question=question or view.question,
            condensed_query=view.condensed_query,
            answer=view.text,
            abstained=view.abstained,
            evidence_level=view.level,
            citations=[c.to_json() for c in view.cards],
            comment=comment,
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    """The feedback table in ``IPFIN_HOME/feedback.sqlite3`` (created on first write)."""

    def __init__(self, home: Path) -> None:
        self.path = Path(home) / FEEDBACK_FILE

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10)
            conn.execute(_SCHEMA)
            return conn
        except (sqlite3.Error, OSError) as exc:
            raise FeedbackError(
                f"The feedback database {self.path} cannot be opened ({exc}).",
                "Check that IPFIN_HOME is writable; move a damaged feedback.sqlite3 aside to start a new one.",
            ) from exc

    def record(self, rec: FeedbackRecord) -> None:
        """Insert the rating for an answer, or update it (and the comment) if it exists."""
        if rec.rating not in RATINGS:
            raise FeedbackError(f"A rating is +1 or -1, not {rec.rating!r}.")
        now = _now()
        row = asdict(rec) | {
            "turn_key": rec.turn_key,
            "comment": rec.comment.strip()[:MAX_COMMENT_CHARS],
            "abstained": int(rec.abstained),
            "citations": json.dumps(rec.citations, ensure_ascii=False),
            "created_at": now,
            "updated_at": now,
        }
        conn = self._connect()
        try:
            with conn:
                conn.execute(
                    """INSERT INTO feedback (turn_key, conversation_id, turn, created_at, updated_at, rating,
                           comment, persona, lang, question, condensed_query, answer, abstained,
                           evidence_level, citations)
                       VALUES (:turn_key, :conversation_id, :turn, :created_at, :updated_at, :rating,
                           :comment, :persona, :lang, :question, :condensed_query, :answer, :abstained,
                           :evidence_level, :citations)
                       ON CONFLICT(turn_key) DO UPDATE SET rating = excluded.rating,
                           comment = CASE WHEN excluded.comment != '' THEN excluded.comment ELSE comment END,
                           persona = excluded.persona, updated_at = excluded.updated_at,
                           lang = excluded.lang, question = excluded.question,
                           condensed_query = excluded.condensed_query, answer = excluded.answer,
                           abstained = excluded.abstained, evidence_level = excluded.evidence_level,
                           citations = excluded.citations""",
                    row,
                )
        except sqlite3.Error as exc:
            raise FeedbackError(f"Feedback could not be saved to {self.path} ({exc}).") from exc
        finally:
            conn.close()

    def all(self) -> list[FeedbackRecord]:
        """Every record, oldest first (an empty list when nothing was recorded yet)."""
        if not self.path.exists():
            return []
        conn = self._connect()
        try:
            rows = conn.execute(
                """SELECT conversation_id, turn, rating, persona, lang, question, condensed_query, answer,
                          abstained, evidence_level, citations, comment, created_at, updated_at
                   FROM feedback ORDER BY created_at, id"""
            ).fetchall()
        except sqlite3.Error as exc:
            raise FeedbackError(f"The feedback database {self.path} cannot be read ({exc}).") from exc
        finally:
            conn.close()
        return [
            FeedbackRecord(
                conversation_id=r[0],
                turn=r[1],
                rating=r[2],
                persona=r[3],
                lang=r[4],
                question=r[5],
                condensed_query=r[6],
                answer=r[7],
                abstained=bool(r[8]),
                evidence_level=r[9],
                citations=_citations(r[10]),
                comment=r[11],
                created_at=r[12],
                updated_at=r[13],
            )
            for r in rows
        ]


def _citations(raw: str) -> list[dict]:
    """A row's citations; a cell that is not the JSON list ipfin wrote is kept as text
    (``[{"unreadable": …}]``) so one damaged row does not stop an export."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError, TypeError):
        return [{"unreadable": str(raw)}]
    return value if isinstance(value, list) and all(isinstance(c, dict) for c in value) else [{"unreadable": str(raw)}]


#: Column order of the CSV export (citations as one JSON cell).
CSV_COLUMNS = (
    "created_at",
    "updated_at",
    "conversation_id",
    "turn",
    "rating",
    "comment",
    "persona",
    "lang",
    "question",
    "condensed_query",
    "answer",
    "abstained",
    "evidence_level",
    "citations",
)


#: What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"), and the
#: full-width forms some spreadsheets treat the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_safe(value: object) -> object:
    """A text cell that cannot start a formula: a leading ``'`` where it would."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_row(rec: FeedbackRecord) -> dict:
    row = asdict(rec)
    row["rating"] = RATINGS.get(rec.rating, str(rec.rating))
    return {k: row[k] for k in CSV_COLUMNS}


def write_export(records: Iterable[FeedbackRecord], fmt: str, sink: TextIO) -> int:
    """Write ``records`` as CSV (one row each, citations as JSON) or JSONL; returns the count."""
    if fmt not in FORMATS:
        raise FeedbackError(f"Unknown export format {fmt!r}.", f"Use one of: {', '.join(FORMATS)}.")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(sink, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for rec in records:
            row = export_row(rec)
            row["citations"] = json.dumps(row["citations"], ensure_ascii=False)
            writer.writerow({k: csv_safe(v) for k, v in row.items()})
            count += 1
    else:
        for rec in records:
            sink.write(json_for_terminal(export_row(rec)) + "\n")
            count += 1
    return count


def export_text(records: Iterable[FeedbackRecord], fmt: str) -> str:
    buf = io.StringIO()
    write_export(records, fmt, buf)
    return buf.getvalue()
