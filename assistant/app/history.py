"""The chat page's conversation history, kept per browser session across reloads.

A browser session is named by a random id the page puts in its address (``?s=…``); its
conversation is one JSON file ``IPFIN_HOME/conversations/<id>.json`` holding every turn
with the full answer view (so a reload shows the same answer, cards and all, without
asking again). Writes are atomic (a temporary file, then a rename). A file that cannot be
read (damaged, too large, another version) is set aside as ``<id>.json.bad`` and the
conversation starts empty rather than failing the page. "新しい会話" deletes the file.

Nothing here is sent anywhere; the folder stays on the machine running ipfin.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from assistant.app.export import ExportTurn
from assistant.app.presentation import AnswerView

log = logging.getLogger(__name__)

CONVERSATIONS_DIR = "conversations"
FORMAT_VERSION = 1
#: A session id: 32 hex characters (128 random bits), nothing else reaches the file system.
_SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
#: The newest turns kept per conversation, and the largest file read back.
MAX_TURNS = 100
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Conversations untouched for this long are deleted when another one is saved.
MAX_AGE_DAYS = 90


def new_session_id() -> str:
    return secrets.token_hex(16)


def valid_session_id(value: object) -> bool:
    return isinstance(value, str) and bool(_SESSION_ID.match(value))


def new_conversation_id() -> str:
    return secrets.token_hex(6)


@dataclass
class Conversation:
    """The turns of one browser session, and the id feedback is filed under."""

    conversation_id: str = field(default_factory=new_conversation_id)
    turns: list[ExportTurn] = field(default_factory=list)


def _turn_record(turn: ExportTurn) -> dict:
    return {
        "question": turn.question,
        "persona": turn.persona,
        "asked_at": turn.asked_at.isoformat() if turn.asked_at else None,
        "stopped": turn.stopped,
        "view": turn.view.to_record() if turn.view else None,
    }


def _turn_from(raw: dict) -> ExportTurn:
    asked = raw.get("asked_at")
    return ExportTurn(
        question=str(raw["question"]),
        view=AnswerView.from_record(raw["view"]) if raw.get("view") else None,
        persona=str(raw.get("persona") or "sme"),
        asked_at=datetime.fromisoformat(asked) if asked else None,
        stopped=bool(raw.get("stopped")),
    )


class ConversationStore:
    """``IPFIN_HOME/conversations/``: one file per browser session."""

    def __init__(self, home: Path) -> None:
        self.folder = Path(home) / CONVERSATIONS_DIR

    def path(self, session_id: str) -> Path:
        if not valid_session_id(session_id):
            raise ValueError("not a session id")
        return self.folder / f"{session_id}.json"

    def load(self, session_id: str) -> Conversation | None:
        """The saved conversation, or None when there is none (or it cannot be read)."""
        if not valid_session_id(session_id):
            return None
        path = self.path(session_id)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError(f"larger than {MAX_FILE_BYTES} bytes")
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != FORMAT_VERSION:
                raise ValueError(f"format version {data.get('version')!r}")
            return Conversation(
                conversation_id=str(data["conversation_id"]),
                turns=[_turn_from(raw) for raw in data.get("turns") or []],
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("conversation %s cannot be read (%s); starting a new one", path.name, exc)
            with contextlib.suppress(OSError):
                path.replace(path.with_suffix(".json.bad"))
            return None

    def save(self, session_id: str, conversation: Conversation) -> None:
        """Write the conversation atomically (the newest :data:`MAX_TURNS` turns)."""
        path = self.path(session_id)
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {
            "version": FORMAT_VERSION,
            "conversation_id": conversation.conversation_id,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "turns": [_turn_record(turn) for turn in conversation.turns[-MAX_TURNS:]],
        }
        fd, tmp = tempfile.mkstemp(prefix=f".{session_id}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as sink:
                json.dump(data, sink, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._prune()

    def clear(self, session_id: str) -> None:
        """Forget the session's conversation (the "新しい会話" button)."""
        if valid_session_id(session_id):
            self.path(session_id).unlink(missing_ok=True)

    def _prune(self) -> None:
        cutoff = time.time() - MAX_AGE_DAYS * 86400
        for old in self.folder.glob("*.json"):
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                continue
