"""The one exception tree of ipfin.

Every error a user can cause or fix is an :class:`IpfinError` whose message says what
went wrong and how to fix it. The CLI and the Streamlit page print ``str(error)`` on
one line; they never show a traceback for these.

    IpfinError
    ├── ConfigError              a setting (IPFIN_*) has a bad value
    ├── QuestionError            empty, whitespace-only or over-long question
    ├── IngestError              a file cannot be indexed
    │   ├── UnsupportedFileError     unknown extension or binary content
    │   ├── EncryptedPdfError        PDF needs a password
    │   └── CorruptFileError         unreadable PDF / undecodable text
    ├── IndexStateError          the index is missing, stale or inconsistent
    │   ├── IndexNotBuiltError       nothing ingested yet
    │   └── EmbedderMismatchError    index built by another embedder
    └── EmbedderError            an embedding backend cannot be loaded
"""

from __future__ import annotations


class IpfinError(Exception):
    """Base class: ``message`` says what happened, ``hint`` how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}" if hint else message)


class ConfigError(IpfinError):
    """A setting has a value ipfin cannot use."""


class QuestionError(IpfinError):
    """The question cannot be answered as given (empty or too long)."""


class IngestError(IpfinError):
    """A file could not be indexed; other files are unaffected."""


class UnsupportedFileError(IngestError):
    """The file type is not one ipfin reads, or the content is binary."""


class EncryptedPdfError(IngestError):
    """The PDF is encrypted and cannot be opened without a password."""


class CorruptFileError(IngestError):
    """The file is damaged or its text cannot be decoded."""


class IndexStateError(IpfinError):
    """The index is missing or cannot serve this request."""


class IndexNotBuiltError(IndexStateError):
    """Nothing has been ingested into the data directory yet."""


class EmbedderMismatchError(IndexStateError):
    """The index was built with a different embedder than the one configured."""


class EmbedderError(IpfinError):
    """An embedding backend cannot be loaded or used."""


__all__ = [
    "ConfigError",
    "CorruptFileError",
    "EmbedderError",
    "EmbedderMismatchError",
    "EncryptedPdfError",
    "IndexNotBuiltError",
    "IndexStateError",
    "IngestError",
    "IpfinError",
    "QuestionError",
    "UnsupportedFileError",
]
