"""Errors as the chat page says them: one line in the reader's language, saying what to do.

``str(error)`` is written for the person running ipfin (it may name a setting such as
``IPFIN_MAX_FILE_MB`` or a file path); the page's reader may be someone else, so the page
shows :func:`user_message` instead: a catalogue message chosen by the error's class (and,
for a refused upload, its ``code``), with no setting names and no paths. The technical line
goes to the server's log.
"""

from __future__ import annotations

import logging

from assistant.core import errors
from assistant.core.messages import has, t

log = logging.getLogger("ipfin.ui")

#: Most specific first: the first class the error is an instance of picks the message.
_BY_CLASS: tuple[tuple[type[errors.IpfinError], str], ...] = (
    (errors.IndexNotBuiltError, "ui.no_index"),
    (errors.EmbedderMismatchError, "ui.err.embedder_mismatch"),
    (errors.IndexStateError, "ui.err.index"),
    (errors.EmbedderError, "ui.err.embedder"),
    (errors.QuestionError, "ui.err.question"),
    (errors.EncryptedPdfError, "ui.err.encrypted"),
    (errors.CorruptFileError, "ui.err.corrupt"),
    (errors.UnsupportedFileError, "ui.err.unsupported"),
    (errors.IngestError, "ui.err.ingest"),
    (errors.FeedbackError, "ui.err.feedback"),
    (errors.LLMError, "ui.err.llm"),
    (errors.ConfigError, "ui.err.config"),
    (errors.CorpusError, "ui.err.config"),
)


def message_key(exc: BaseException) -> tuple[str, dict]:
    """The catalogue key (and its parameters) that explains ``exc`` to a reader."""
    if isinstance(exc, errors.UploadRejectedError) and exc.code and has(f"ui.upload_{exc.code}"):
        return f"ui.upload_{exc.code}", dict(exc.params)
    for cls, key in _BY_CLASS:
        if isinstance(exc, cls):
            return key, {}
    return "ui.err.generic", {}


def user_message(exc: BaseException, lang: str, escape=str) -> str:
    """One line for the page. ``escape`` makes parameters that came from a user (a file
    name) safe for where the line is shown; the technical message goes to the log."""
    key, params = message_key(exc)
    log.warning("%s: %s", type(exc).__name__, exc)
    try:
        return t(key, lang, **{k: escape(str(v)) for k, v in params.items()})
    except (KeyError, IndexError):
        return t("ui.err.generic", lang)
