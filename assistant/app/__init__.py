"""The application layer: what the CLI, the chat page, the HTTP API and the evaluator use.

Front ends import from here only (and the page its own strings): :class:`Assistant` is the
one door for asking, documents, uploads, the options navigator, feedback and export; the
types it hands out and the errors it raises are re-exported so a front end needs nothing
from the layers below. Names are imported on first use (``ipfin sources`` loads no model).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY: dict[str, tuple[str, str]] = {
    "Answer": ("assistant.core.types", "Answer"),
    "AnswerLine": ("assistant.core.types", "AnswerLine"),
    "AnswerView": ("assistant.app.presentation", "AnswerView"),
    "Assistant": ("assistant.app.assistant", "Assistant"),
    "COMPANY_FORMS": ("assistant.app.navigator", "COMPANY_FORMS"),
    "Check": ("assistant.core.health", "Check"),
    "Citation": ("assistant.core.types", "Citation"),
    "CitationCard": ("assistant.app.presentation", "CitationCard"),
    "CitedPoint": ("assistant.app.navigator", "CitedPoint"),
    "ConfigError": ("assistant.core.errors", "ConfigError"),
    "Conversation": ("assistant.app.history", "Conversation"),
    "ConversationStore": ("assistant.app.history", "ConversationStore"),
    "DEFAULT_PERSONA": ("assistant.app.personas", "DEFAULT_PERSONA"),
    "DocumentInfo": ("assistant.index.manifest", "DocumentInfo"),
    "Exclusion": ("assistant.app.navigator", "Exclusion"),
    "ExportTurn": ("assistant.app.export", "ExportTurn"),
    "FEEDBACK_FORMATS": ("assistant.app.feedback", "FORMATS"),
    "FeedbackRecord": ("assistant.app.feedback", "FeedbackRecord"),
    "Framing": ("assistant.app.personas", "Framing"),
    "IndexNotBuiltError": ("assistant.core.errors", "IndexNotBuiltError"),
    "IndexStateError": ("assistant.core.errors", "IndexStateError"),
    "IngestReport": ("assistant.core.types", "IngestReport"),
    "IpfinError": ("assistant.core.errors", "IpfinError"),
    "MAX_COMMENT_CHARS": ("assistant.app.feedback", "MAX_COMMENT_CHARS"),
    "NavigatorResult": ("assistant.app.navigator", "NavigatorResult"),
    "OfficialDocuments": ("assistant.app.presentation", "OfficialDocuments"),
    "PERSONAS": ("assistant.app.personas", "PERSONAS"),
    "PROFILE_FIELDS": ("assistant.app.navigator", "PROFILE_FIELDS"),
    "PassageCard": ("assistant.app.presentation", "PassageCard"),
    "Profile": ("assistant.app.navigator", "Profile"),
    "QuestionError": ("assistant.core.errors", "QuestionError"),
    "QuestionProblem": ("assistant.app.assistant", "QuestionProblem"),
    "RetrievalMode": ("assistant.core.types", "RetrievalMode"),
    "STAGES": ("assistant.app.navigator", "STAGES"),
    "Settings": ("assistant.core.settings", "Settings"),
    "UPLOAD_SUFFIXES": ("assistant.app.uploads", "UPLOAD_SUFFIXES"),
    "UploadRejectedError": ("assistant.core.errors", "UploadRejectedError"),
    "UploadResult": ("assistant.app.uploads", "UploadResult"),
    "answer_plaintext": ("assistant.app.export", "answer_plaintext"),
    "answer_view": ("assistant.app.presentation", "answer_view"),
    "citation_card": ("assistant.app.presentation", "citation_card"),
    "draft_status": ("assistant.app.presentation", "draft_status"),
    "frame": ("assistant.app.personas", "frame"),
    "get_persona": ("assistant.app.personas", "get_persona"),
    "group_label": ("assistant.app.export", "group_label"),
    "group_passages": ("assistant.app.presentation", "group_passages"),
    "local_time": ("assistant.app.export", "local_time"),
    "messages": ("assistant.core", "messages"),
    "new_conversation_id": ("assistant.app.history", "new_conversation_id"),
    "new_session_id": ("assistant.app.history", "new_session_id"),
    "question_problem": ("assistant.app.assistant", "question_problem"),
    "resolve_timezone": ("assistant.app.export", "resolve_timezone"),
    "starters": ("assistant.app.personas", "starters"),
    "user_message": ("assistant.app.explain", "user_message"),
    "valid_session_id": ("assistant.app.history", "valid_session_id"),
    "validate_question": ("assistant.app.assistant", "validate_question"),
}

__all__ = [
    "COMPANY_FORMS",
    "DEFAULT_PERSONA",
    "FEEDBACK_FORMATS",
    "MAX_COMMENT_CHARS",
    "PERSONAS",
    "PROFILE_FIELDS",
    "STAGES",
    "UPLOAD_SUFFIXES",
    "Answer",
    "AnswerLine",
    "AnswerView",
    "Assistant",
    "Check",
    "Citation",
    "CitationCard",
    "CitedPoint",
    "ConfigError",
    "Conversation",
    "ConversationStore",
    "DocumentInfo",
    "Exclusion",
    "ExportTurn",
    "FeedbackRecord",
    "Framing",
    "IndexNotBuiltError",
    "IndexStateError",
    "IngestReport",
    "IpfinError",
    "NavigatorResult",
    "OfficialDocuments",
    "PassageCard",
    "Profile",
    "QuestionError",
    "QuestionProblem",
    "RetrievalMode",
    "Settings",
    "UploadRejectedError",
    "UploadResult",
    "answer_plaintext",
    "answer_view",
    "citation_card",
    "draft_status",
    "frame",
    "get_persona",
    "group_label",
    "group_passages",
    "local_time",
    "messages",
    "new_conversation_id",
    "new_session_id",
    "question_problem",
    "resolve_timezone",
    "starters",
    "user_message",
    "valid_session_id",
    "validate_question",
]


def __getattr__(name: str) -> Any:
    """Names load on first use, so the CLI can list documents without loading LangChain."""
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'assistant.app' has no attribute {name!r}")
