"""One writer per index: the writer lock, who holds it, and the writer's journal.

A writer (``ipfin ingest``, an upload in the page, a repair) takes the lock before it reads
the committed state and keeps it until it has committed or rolled back. A second writer
waits up to ``IPFIN_INDEX_LOCK_WAIT`` seconds, then stops with :class:`IndexBusyError`,
whose message names the holder (pid, host, command, since when).

Local index (``IPFIN_HOME``): ``index.lock`` is held with ``flock``, so the kernel releases
it when the holder dies, even by ``kill -9``; the file also says who holds it. A holder
that ends normally empties the file; one that died leaves its record behind, and the next
process to take the lock knows an ingest was interrupted. ``index.journal`` lists, before
they are written, the chunk ids and vector stores the holder adds: after a crash they are
exactly what has to be deleted again (everything the committed manifest does not list).
A home on a network file system shared by several machines needs ``flock`` to work there;
a Chroma server (:mod:`assistant.index.remote`) has its own lock.

The server-mode lock in :mod:`assistant.index.remote` has the same methods
(:class:`WriterLock`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import socket
import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.core.errors import IndexStateError
from assistant.index.manifest import now_iso

LOCK_FILE = "index.lock"
JOURNAL_FILE = "index.journal"
_POLL = 0.1

log = logging.getLogger("ipfin.index")


class IndexBusyError(IndexStateError):
    """Another process is writing the index and did not finish within the wait."""


class IndexConflictError(IndexStateError):
    """Another writer committed a generation while this one was writing (server mode)."""


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) the writer lock."""

    pid: int
    host: str
    started: str
    command: str = "ingest"
    token: str = ""

    @classmethod
    def me(cls, command: str) -> Holder:
        return cls(os.getpid(), socket.gethostname(), now_iso(), command, uuid.uuid4().hex)

    @classmethod
    def from_json(cls, raw: dict) -> Holder:
        return cls(int(raw.get("pid", 0)), str(raw.get("host", "?")), str(raw.get("started", "?")),
                   str(raw.get("command", "?")), str(raw.get("token", "")))

    def to_json(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        return f"`{self.command}` (pid {self.pid} on {self.host}, since {self.started})"

    def alive(self) -> bool | None:
        """Whether the holder still runs (None: it runs on another machine, so who knows)."""
        if self.host != socket.gethostname():
            return None
        return pid_alive(self.pid)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child nobody has reaped yet is a zombie: dead for our purpose
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def busy_error(holder: Holder | None, where: str, waited: float) -> IndexBusyError:
    who = holder.describe() if holder else "another process"
    return IndexBusyError(
        f"The index {where} is being written by {who}; waited {waited:.0f} s.",
        "Wait for it to finish and try again (or raise IPFIN_INDEX_LOCK_WAIT).",
    )


class WriterLock(ABC):
    """The lock plus the journal of what its holder added (local file or Chroma server)."""

    holder: Holder | None = None

    @abstractmethod
    def acquire(self, wait: float, command: str, record: bool = True) -> Holder | None:
        """Take the lock, waiting up to ``wait`` seconds (:class:`IndexBusyError` after that).
        Returns the previous holder when it died holding the lock (an interrupted writer).
        ``record=False`` (a reader checking for one) leaves that record in place until
        :meth:`forget_previous`, and writes nothing when there is none."""

    @abstractmethod
    def forget_previous(self) -> None:
        """The interrupted holder's work is rolled back: clear its record."""

    @abstractmethod
    def intend(self, record: dict) -> None:
        """Journal what is about to be added (``{"chunks": [...]}``, ``{"vectors": id}``)."""

    @abstractmethod
    def intents(self) -> list[dict]:
        """What the journal holds: the additions of this holder and of interrupted ones."""

    @abstractmethod
    def clear_intents(self) -> None:
        """Forget the journal (after a commit or a rollback)."""

    def still_held(self) -> bool:
        """Whether this process still holds the lock (a lease can expire; a flock cannot)."""
        return self.holder is not None

    @abstractmethod
    def release(self) -> None:
        """Give the lock up cleanly (the next holder will not see an interrupted writer)."""


class LocalLock(WriterLock):
    """``flock`` on ``IPFIN_HOME/index.lock``; the journal is ``IPFIN_HOME/index.journal``."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.path = self.home / LOCK_FILE
        self.journal = self.home / JOURNAL_FILE
        self._fd: int | None = None
        self._dirty = False
        self.holder = None

    def acquire(self, wait: float, command: str, record: bool = True) -> Holder | None:
        if self._fd is not None:
            raise RuntimeError("this lock is already held")
        if not record and not self.path.exists():
            return None  # no writer ever ran here: nothing to check (and nothing is created)
        self.home.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        started = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
            waited = time.monotonic() - started
            if waited >= wait:
                holder = _read_holder(fd)
                os.close(fd)
                raise busy_error(holder, str(self.home), waited)
            if not told and wait >= 1:
                holder = _read_holder(fd)
                log.warning("Waiting up to %.0f s for %s to finish writing the index…",
                            wait, holder.describe() if holder else "another process")
                told = True
            time.sleep(_POLL)
        previous = _read_holder(fd)
        self._fd = fd
        self.holder = Holder.me(command)
        self._dirty = record
        if record:
            _write_holder(fd, self.holder)
        return previous

    def forget_previous(self) -> None:
        self._dirty = True  # release() empties the file

    def intend(self, record: dict) -> None:
        with open(self.journal, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def intents(self) -> list[dict]:
        try:
            lines = self.journal.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        out = []
        for line in lines:  # a line cut by a crash is ignored: what it named was not written yet
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                if isinstance(record, dict):
                    out.append(record)
        return out

    def clear_intents(self) -> None:
        self.journal.unlink(missing_ok=True)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if self._dirty:
                os.ftruncate(fd, 0)
                os.fsync(fd)
        finally:
            self._dirty = False
            self.holder = None
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _read_holder(fd: int) -> Holder | None:
    """The record in the lock file (None when it is empty: nobody, or a clean release)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 65536)
    except OSError:
        return None
    if not data.strip():
        return None
    try:
        raw = json.loads(data.decode("utf-8", errors="replace"))
        return Holder.from_json(raw if isinstance(raw, dict) else {})
    except (ValueError, TypeError):
        return Holder(0, "?", "?", "unknown (damaged lock record)")


def _write_holder(fd: int, holder: Holder) -> None:
    data = json.dumps(holder.to_json()).encode()
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
    os.fsync(fd)


def read_local_holder(home: Path) -> Holder | None:
    """Who holds the lock of the index in ``home`` now (None: nobody)."""
    path = Path(home) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return _read_holder(fd) or Holder(0, "?", "?", "another process")
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
