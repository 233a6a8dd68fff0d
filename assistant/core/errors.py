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
    │   ├── CorruptFileError         unreadable PDF / undecodable text
    │   └── UploadRejectedError      an upload in the sources page is refused (type, size, name)
    ├── IndexStateError          the index is missing, stale or inconsistent
    │   ├── IndexNotBuiltError       nothing ingested yet
    │   └── EmbedderMismatchError    index built by another embedder
    ├── EmbedderError            an embedding backend cannot be loaded
    ├── CorpusError              the corpus manifest or a corpus command cannot be used
    │   ├── ManifestError            corpus/sources.yaml or a .meta.yaml sidecar is invalid
    │   └── FetchError               a document cannot be downloaded
    ├── FeedbackError            the feedback database cannot be read or written
    └── LLMError                 the LLM endpoint failed (down, timeout, HTTP error, bad output)
        └── LLMTransientError        worth retrying: timeout, connection, 429, 5xx
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


class UploadRejectedError(IngestError):
    """An uploaded file is refused before indexing; ``code`` and ``params`` let the UI
    say why in the user's language (e.g. ``code="too_large"``, ``params={"limit": 50}``)."""

    def __init__(self, message: str, hint: str | None = None, *, code: str = "", params: dict | None = None) -> None:
        super().__init__(message, hint)
        self.code = code
        self.params = params or {}


class IndexStateError(IpfinError):
    """The index is missing or cannot serve this request."""


def damaged_part(part: str, where: str, exc: Exception | None = None, *, them: bool = False) -> IndexStateError:
    """``part`` of the index ("The keyword index (BM25)") at ``where`` is damaged (``exc``
    says how) or missing; ``ipfin ingest`` repairs it (``them``: the part is plural)."""
    what = f"is damaged ({exc.__class__.__name__}: {exc})" if exc else "is missing"
    return IndexStateError(
        f"{part} {where} {what}.",
        f"Run `ipfin ingest` to repair {'them' if them else 'it'} (or `ipfin ingest --rebuild` to build the index again).",
    )


class IndexNotBuiltError(IndexStateError):
    """Nothing has been ingested into the data directory yet."""


class EmbedderMismatchError(IndexStateError):
    """The index was built with a different embedder than the one configured."""


class EmbedderError(IpfinError):
    """An embedding backend cannot be loaded or used."""


class CorpusError(IpfinError):
    """A corpus command (``ipfin corpus fetch`` / ``add``) cannot do what was asked."""


class ManifestError(CorpusError):
    """``corpus/sources.yaml`` or a ``<id>.meta.yaml`` sidecar has an invalid entry."""


class FetchError(CorpusError):
    """One document could not be downloaded; the message says how to place it by hand."""


class FeedbackError(IpfinError):
    """The feedback database in the data directory cannot be read or written."""


class LLMError(IpfinError):
    """The LLM endpoint could not produce a usable answer; the extractive answer is used."""


class LLMTransientError(LLMError):
    """A failure that may pass: timeout, refused connection, HTTP 429 or 5xx."""

    def __init__(self, message: str, hint: str | None = None, retry_after: float | None = None) -> None:
        super().__init__(message, hint)
        self.retry_after = retry_after


__all__ = [
    "ConfigError",
    "CorpusError",
    "CorruptFileError",
    "EmbedderError",
    "EmbedderMismatchError",
    "EncryptedPdfError",
    "FeedbackError",
    "FetchError",
    "IndexNotBuiltError",
    "IndexStateError",
    "IngestError",
    "IpfinError",
    "LLMError",
    "LLMTransientError",
    "ManifestError",
    "QuestionError",
    "UnsupportedFileError",
    "UploadRejectedError",
]
