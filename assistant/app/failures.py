"""Failures from below ipfin (the file system, SQLite, Chroma, decoding), in words a user
can act on.

Most errors a user can cause are raised as :class:`~assistant.core.errors.IpfinError` where
they happen. What is left reaches a front end as an ``OSError`` from a folder that is
read-only or full, a ``chromadb`` or ``sqlite3`` error from a damaged or read-only index,
an encoding error from bytes that are not text. :func:`explain` turns each such class into
an ``IpfinError`` that says what happened and what to do; the CLI prints it as one line
instead of "unexpected …", and the chat page can show it the same way. ``None`` means
the failure is not one ipfin knows how to explain (a bug: the CLI says so).

No message names an environment variable (the chat page shows them too); they name
the file or folder.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from assistant.core.errors import (
    ConfigError,
    FeedbackError,
    IndexStateError,
    IngestError,
    IpfinError,
    QuestionError,
)

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_READ_ONLY = (errno.EROFS,)
_DENIED = (errno.EACCES, errno.EPERM)
_IN_THE_WAY = (errno.ENOTDIR, errno.EEXIST)


def explain(exc: BaseException, home: Path | None = None) -> IpfinError | None:
    """An :class:`IpfinError` for ``exc`` (itself when it is one), or ``None``.
    ``home``: the data folder, named when a failure came from the index in it."""
    if isinstance(exc, IpfinError):
        return _refined(exc, home)
    if isinstance(exc, UnicodeError):
        return _encoding(exc)
    if isinstance(exc, OSError):
        return os_failure(exc)
    if isinstance(exc, sqlite3.Error) or _is_chroma(exc):
        return index_failure(exc, home)
    if isinstance(exc, RecursionError):
        return IngestError(
            "An input is nested too deeply to read (thousands of brackets or indents).",
            "Check that the file is what it should be; ipfin refuses it rather than risk a crash.",
        )
    if isinstance(exc, MemoryError):
        return IpfinError(
            "ipfin ran out of memory.", "Index or ask with smaller files, or close other programs and try again."
        )
    return None


def _refined(exc: IpfinError, home: Path | None) -> IpfinError:
    """An index error whose cause says more than its message: the cause's own explanation.

    The index's reader and writer report any storage failure in general words ("cannot be
    read (InternalError: … readonly database). … `ipfin ingest` repairs a damaged index";
    "cannot be written (File exists). Check the folder's permissions and free space"). When
    the cause is a read-only, full or busy index, or a file where the data folder should
    be, those words send the user to the wrong fix; the cause names the right one."""
    cause = exc.__cause__
    if not isinstance(exc, IndexStateError) or cause is None:
        return exc
    if isinstance(cause, OSError):
        return os_failure(cause) if cause.errno in (*_IN_THE_WAY, *_READ_ONLY, *_DISK_FULL) else exc
    if isinstance(cause, sqlite3.Error) or _is_chroma(cause):
        return _known_index_failure(cause, _index_where(home)) or exc
    return exc


def os_failure(exc: OSError) -> IpfinError:
    """A file-system failure, named by its file and its cause."""
    where = _where(exc)
    code = exc.errno
    if code in _DISK_FULL:
        return IpfinError(
            f"No space left while writing {where} ({exc.strerror}).",
            "Free some disk space (or use a folder on another disk) and run the command again; "
            "what was saved before is kept.",
        )
    if code in _READ_ONLY:
        return IpfinError(f"{where} is on a read-only file system.", "Use a folder you can write to.")
    if code in _DENIED:
        return IpfinError(
            f"Permission denied: {where}.",
            "Check its permissions (ipfin writes to its data folder, to corpus/raw and to output files), "
            "or use another folder.",
        )
    if code == errno.EISDIR:
        return IpfinError(f"{where} is a folder, not a file.", "Give the name of a file (inside that folder).")
    if code in _IN_THE_WAY:
        return IpfinError(
            f"{where} is in the way: ipfin needs a folder there, and a file has that name.",
            "Move the file, or point ipfin at another folder.",
        )
    if code == errno.ENOENT:
        return IpfinError(f"{where} does not exist.", "Check the path; create the folder first for an output file.")
    if code in (errno.EMFILE, errno.ENFILE):
        return IpfinError("Too many files are open.", "Close other programs, or raise the limit (ulimit -n).")
    if code == errno.EIO:
        return IpfinError(f"The disk failed while reading or writing {where}.", "Check the disk and try again.")
    return IpfinError(f"{where}: {exc.strerror or exc}.", "Check the file or folder and try again.")


def index_failure(exc: BaseException, home: Path | None) -> IndexStateError:
    """A damaged, read-only, full or locked index (Chroma's SQLite, the BM25 file)."""
    where = _index_where(home)
    if isinstance(exc, OSError):
        return IndexStateError(f"{where} cannot be used: {os_failure(exc)}")
    return _known_index_failure(exc, where) or IndexStateError(
        f"{where} is damaged ({type(exc).__name__}: {str(exc)[:120]}).",
        "Rebuild it with `ipfin ingest --rebuild` (the documents are read again; nothing else is lost).",
    )


def _index_where(home: Path | None) -> str:
    return f"The index in {home}" if home else "The index"


def _known_index_failure(exc: BaseException, where: str) -> IndexStateError | None:
    """A read-only, full or busy index, told by the words of SQLite's (Chroma's) error."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return IndexStateError(
            f"{where} is read-only: indexing writes to it, and its vector store (Chroma) writes even to answer.",
            "Make that folder writable, or copy it to a writable folder and use that one.",
        )
    if "disk i/o" in text or "disk is full" in text or "no space" in text:
        return IndexStateError(
            f"{where} could not be written: the disk is full or failed.",
            "Free some disk space and run the command again (an interrupted ingest is finished by running it again).",
        )
    if "locked" in text or "busy" in text:
        return IndexStateError(
            f"{where} is busy: another ipfin process is writing it.", "Wait for it to finish, then try again."
        )
    return None


def feedback_failure(exc: BaseException, path: Path) -> FeedbackError:
    return FeedbackError(
        f"The feedback database {path} cannot be used ({type(exc).__name__}: {str(exc)[:120]}).",
        "Move the damaged file aside; a new one is started on the next rating.",
    )


def _encoding(exc: UnicodeError) -> IpfinError:
    if "surrogates" in str(exc):
        return QuestionError(
            "The text contains bytes that are not valid UTF-8 (a terminal or file in another encoding).",
            "Type or save it as UTF-8 and try again.",
        )
    return ConfigError(
        f"Text could not be encoded or decoded ({exc.reason if hasattr(exc, 'reason') else exc}).",
        "Use a UTF-8 terminal (e.g. LANG=C.UTF-8) and UTF-8 files.",
    )


def _where(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else None
    return str(name) if name is not None else "a file"


def from_storage(exc: BaseException) -> bool:
    """The failure came from the file system, SQLite or Chroma."""
    return isinstance(exc, OSError | sqlite3.Error) or _is_chroma(exc)


def _is_chroma(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] == "chromadb"
