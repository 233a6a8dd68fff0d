"""The chat page's history: one file per browser session, read back exactly, never a path
outside its folder, a damaged file set aside instead of breaking the page."""

from datetime import UTC, datetime

import pytest

from assistant.app.export import ExportTurn
from assistant.app.history import (
    MAX_TURNS,
    Conversation,
    ConversationStore,
    new_session_id,
    valid_session_id,
)
from assistant.app.presentation import OfficialDocuments, answer_view
from assistant.core.settings import PROJECT_ROOT

OFFICIALS = OfficialDocuments.load(PROJECT_ROOT / "corpus")


@pytest.fixture(scope="module")
def answered(assistant):
    questions = ("広東省では知財担保融資の損失をどう分担していますか？", "今日の東京の天気は？")
    return [answer_view(assistant.ask(q), OFFICIALS) for q in questions]


def test_a_conversation_is_read_back_exactly(tmp_path, answered):
    store = ConversationStore(tmp_path)
    sid = new_session_id()
    asked = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    turns = [
        ExportTurn(answered[0].question, answered[0], "bank", asked_at=asked),
        ExportTurn(answered[1].question, answered[1], "sme", asked_at=asked),
        ExportTurn("止めた質問", None, "sme", asked_at=asked, stopped=True),
    ]
    store.save(sid, Conversation("conv1", turns))
    assert store.path(sid).parent == tmp_path / "conversations"
    loaded = store.load(sid)
    assert loaded.conversation_id == "conv1" and loaded.turns == turns


def test_session_ids_are_random_hex_and_nothing_else_reaches_the_disk(tmp_path):
    a, b = new_session_id(), new_session_id()
    assert a != b and valid_session_id(a) and len(a) == 32
    store = ConversationStore(tmp_path)
    for bad in ("../../etc/passwd", "A" * 32, "", None, "0" * 31, "0" * 32 + "/x"):
        assert not valid_session_id(bad)
        assert store.load(bad) is None
    with pytest.raises(ValueError):
        store.path("../x")


def test_a_damaged_file_is_set_aside_and_the_conversation_starts_empty(tmp_path):
    store = ConversationStore(tmp_path)
    sid = new_session_id()
    store.folder.mkdir(parents=True)
    store.path(sid).write_text("{not json", encoding="utf-8")
    assert store.load(sid) is None
    assert not store.path(sid).exists() and (store.folder / f"{sid}.json.bad").exists()


def test_clearing_forgets_the_conversation_and_only_the_newest_turns_are_kept(tmp_path, answered):
    store = ConversationStore(tmp_path)
    sid = new_session_id()
    many = [ExportTurn(f"質問{i}", answered[1], "sme") for i in range(MAX_TURNS + 5)]
    store.save(sid, Conversation("c", many))
    kept = store.load(sid).turns
    assert len(kept) == MAX_TURNS and kept[0].question == "質問5"
    store.clear(sid)
    assert store.load(sid) is None and not list(store.folder.glob("*.tmp"))
