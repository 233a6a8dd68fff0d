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
    "AnswerView": ("assistant.app.presentation", "AnswerView"),
    "Assistant": ("assistant.app.assistant", "Assistant"),
    "COMPANY_FORMS": ("assistant.app.navigator", "COMPANY_FORMS"),
    "Check": ("assistant.core.health", "Check"),
    "Citation": ("assistant.core.types", "Citation"),
    "CitationCard": ("assistant.app.presentation", "CitationCard"),
    "CitedPoint": ("assistant.app.navigator", "CitedPoint"),
    "ConfigError": ("assistant.core.errors", "ConfigError"),
    "DEFAULT_PERSONA": ("assistant.app.personas", "DEFAULT_PERSONA"),
    "DocumentInfo": ("assistant.index.manifest", "DocumentInfo"),
    "ExportTurn": ("assistant.app.export", "ExportTurn"),
    "FEEDBACK_FORMATS": ("assistant.app.feedback", "FORMATS"),
    "FeedbackRecord": ("assistant.app.feedback", "FeedbackRecord"),
    "IndexNotBuiltError": ("assistant.core.errors", "IndexNotBuiltError"),
    "IndexStateError": ("assistant.core.errors", "IndexStateError"),
    "IngestReport": ("assistant.core.types", "IngestReport"),
    "IpfinError": ("assistant.core.errors", "IpfinError"),
    "MAX_COMMENT_CHARS": ("assistant.app.feedback", "MAX_COMMENT_CHARS"),
    "NavigatorResult": ("assistant.app.navigator", "NavigatorResult"),
    "OfficialDocuments": ("assistant.app.presentation", "OfficialDocuments"),
    "PERSONAS": ("assistant.app.personas", "PERSONAS"),
    "Profile": ("assistant.app.navigator", "Profile"),
    "QuestionError": ("assistant.core.errors", "QuestionError"),
    "RetrievalMode": ("assistant.core.types", "RetrievalMode"),
    "STAGES": ("assistant.app.navigator", "STAGES"),
    "Settings": ("assistant.core.settings", "Settings"),
    "UPLOAD_SUFFIXES": ("assistant.app.uploads", "UPLOAD_SUFFIXES"),
    "UploadRejectedError": ("assistant.core.errors", "UploadRejectedError"),
    "UploadResult": ("assistant.app.uploads", "UploadResult"),
    "answer_view": ("assistant.app.presentation", "answer_view"),
    "citation_card": ("assistant.app.presentation", "citation_card"),
    "draft_status": ("assistant.app.presentation", "draft_status"),
    "frame": ("assistant.app.personas", "frame"),
    "get_persona": ("assistant.app.personas", "get_persona"),
    "messages": ("assistant.core", "messages"),
    "starters": ("assistant.app.personas", "starters"),
    "validate_question": ("assistant.app.assistant", "validate_question"),
}

__all__ = [
    "COMPANY_FORMS",
    "DEFAULT_PERSONA",
    "FEEDBACK_FORMATS",
    "MAX_COMMENT_CHARS",
    "PERSONAS",
    "STAGES",
    "UPLOAD_SUFFIXES",
    "Answer",
    "AnswerView",
    "Assistant",
    "Check",
    "Citation",
    "CitationCard",
    "CitedPoint",
    "ConfigError",
    "DocumentInfo",
    "ExportTurn",
    "FeedbackRecord",
    "IndexNotBuiltError",
    "IndexStateError",
    "IngestReport",
    "IpfinError",
    "NavigatorResult",
    "OfficialDocuments",
    "Profile",
    "QuestionError",
    "RetrievalMode",
    "Settings",
    "UploadRejectedError",
    "UploadResult",
    "answer_view",
    "citation_card",
    "draft_status",
    "frame",
    "get_persona",
    "messages",
    "starters",
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
