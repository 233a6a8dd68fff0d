"""``ipfin corpus fetch``: download the source list's documents into ``corpus/raw/<id>.<ext>``.

Official sites are slow, move files and sometimes answer with an HTML error page under a
``.pdf`` address, so every download is defensive:

* one polite request at a time, with ipfin's User-Agent, timeouts on connect and read;
* an overall deadline per download (``FetchOptions.deadline``, by default 10 × the timeout
  and at least 60 s) and a minimum average rate (``min_rate`` bytes/s over ``rate_window``
  seconds), so a server dripping a byte a second cannot hold a fetch for minutes; neither
  failure is retried;
* only public http(s) addresses, for the source list URL and every redirect hop, unless the
  user allows others (``IPFIN_FETCH_ALLOW_PRIVATE``, ``FetchOptions.allow_private`` /
  ``allow_networks``); the address checked is the address connected to (see
  :mod:`assistant.corpus.netguard`);
* bounded retries (tenacity) with capped exponential backoff on timeouts, dropped
  connections and 5xx/408/425/429, never on other 4xx (a 404 will not heal in two seconds)
  nor on a refused or unresolvable host (offline: say so at once instead of waiting);
* a size limit (``IPFIN_MAX_FILE_MB``) checked against Content-Length and again while
  streaming, so an oversized body is cut off, not stored;
* the content type must be a PDF or an HTML page, and the first bytes must agree;
* a body shorter than its Content-Length, or a PDF without its closing ``%%EOF``, was cut
  off: it fails (and is retried) instead of being stored;
* the body goes to a hidden ``.<id>.<ext>.part`` file, renamed over the target only when
  complete and checked; any failure deletes it, so no partial file is ever indexed;
* a conditional request (ETag / Last-Modified from the lock) lets an unchanged document
  cost a 304 and no download; a server without validators is downloaded and compared by
  sha256, and identical content is not rewritten, so ``ipfin ingest`` skips it.

A failure is one line per document, with how to place the file by hand; the others go on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from assistant.core.errors import CorpusError, FetchError
from assistant.core.files import sha256_file
from assistant.core.version import __version__
from assistant.corpus.fetchlock import LockRecord, lock_path_for, now_iso, read_lock, write_lock
from assistant.corpus.netguard import AddressPolicy, GuardedTransport, NetGuard, Resolver, TransferBudget
from assistant.corpus.sources import SourceEntry, SourceList

USER_AGENT = f"ipfin/{__version__} (+local research assistant)"
ACCEPT = "application/pdf, text/html;q=0.9, application/xhtml+xml;q=0.9, */*;q=0.1"
DEFAULT_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 10.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF_S = 1.0
MAX_BACKOFF_S = 30.0
MAX_REDIRECTS = 5
#: One download (all redirect hops) may last DEADLINE_TIMEOUTS × timeout, and at least DEADLINE_MIN_S.
DEADLINE_MIN_S = 60.0
DEADLINE_TIMEOUTS = 10
#: Fewer than MIN_RATE_BPS bytes/s averaged over RATE_WINDOW_S seconds (after the first byte) stops it.
MIN_RATE_BPS = 1024.0
RATE_WINDOW_S = 10.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STREAM_CHUNK = 64 * 1024
SNIFF_BYTES = 1024
#: A complete PDF ends with %%EOF (give or take trailing whitespace or junk): look this far back.
PDF_EOF_TAIL = 8 * 1024
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
EXTENSIONS = ("pdf", "html")
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/download"})
_HTML_SUFFIXES = ("", ".html", ".htm", ".php", ".asp", ".aspx", ".jsp", ".cgi", ".shtml", ".xhtml")

Status = Literal["new", "updated", "unchanged", "failed", "no_url"]


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = DEFAULT_TIMEOUT_S
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF_S
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str = USER_AGENT
    #: Seconds one download may take in all; None: DEADLINE_TIMEOUTS × timeout, at least DEADLINE_MIN_S.
    deadline: float | None = None
    #: Bytes/s a download must average over ``rate_window`` seconds once it has started; 0: no floor.
    min_rate: float = MIN_RATE_BPS
    rate_window: float = RATE_WINDOW_S
    #: True: any address; False: public addresses (and ``allow_networks``) only;
    #: None: as IPFIN_FETCH_ALLOW_PRIVATE says ("1", or networks like "10.0.0.0/8,127.0.0.1").
    allow_private: bool | None = None
    #: Networks allowed even when they are not public, e.g. ("192.168.10.0/24",).
    allow_networks: tuple[str, ...] = ()

    @property
    def effective_deadline(self) -> float:
        if self.deadline is not None:
            return self.deadline
        return max(DEADLINE_MIN_S, DEADLINE_TIMEOUTS * self.timeout)


@dataclass(frozen=True)
class FetchResult:
    id: str
    status: Status
    path: Path | None = None
    message: str = ""
    downloaded_bytes: int = 0
    attempts: int = 0

    @property
    def changed(self) -> bool:
        return self.status in ("new", "updated")


@dataclass
class FetchReport:
    dest: Path
    results: list[FetchResult] = field(default_factory=list)

    def by_status(self, *statuses: Status) -> list[FetchResult]:
        return [r for r in self.results if r.status in statuses]

    @property
    def failed(self) -> list[FetchResult]:
        return self.by_status("failed")

    @property
    def changed(self) -> list[FetchResult]:
        return [r for r in self.results if r.changed]

    @property
    def present(self) -> list[Path]:
        """Files this run left in place (new, updated or unchanged)."""
        return [r.path for r in self.by_status("new", "updated", "unchanged") if r.path]

    @property
    def downloaded_bytes(self) -> int:
        return sum(r.downloaded_bytes for r in self.results)

    def lines(self) -> list[str]:
        """One line per document that has a URL, then a summary (failures go to :meth:`errors`)."""
        out = []
        for r in self.results:
            if r.status in ("new", "updated"):
                out.append(f"{r.status:<9} {r.id}  → {r.path.name if r.path else ''} ({_size(r.downloaded_bytes)})")
            elif r.status == "unchanged":
                out.append(f"unchanged {r.id}  ({r.message})")
        no_url = self.by_status("no_url")
        out.append(
            f"Fetched {len(self.by_status('new'))} new, {len(self.by_status('updated'))} updated, "
            f"{len(self.by_status('unchanged'))} unchanged, {len(self.failed)} failed"
            f" ({_size(self.downloaded_bytes)} downloaded) into {self.dest}."
        )
        if no_url:
            out.append(
                f"{len(no_url)} document(s) have no URL in the source list ({', '.join(r.id for r in no_url[:5])}"
                f"{' …' if len(no_url) > 5 else ''}): save them by hand as {self.dest}/<id>.pdf or .html."
            )
        return out

    def errors(self) -> list[str]:
        return [f"{r.id}: {r.message}" for r in self.failed]


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


class _RetryableError(Exception):
    """A failure worth another attempt (timeout, dropped connection, cut-off body, 5xx)."""


def guess_extension(url: str) -> str | None:
    """What the address promises: ``pdf``, ``html``, or ``None`` when it does not say."""
    path = urlsplit(url).path.lower()
    if path.endswith(".pdf"):
        return "pdf"
    suffix = Path(path).suffix
    if path.endswith("/") or suffix in _HTML_SUFFIXES:
        return "html"
    return None


def extension_for(content_type: str, url: str) -> str:
    """``pdf`` or ``html`` from the Content-Type, checked against the address."""
    ctype = content_type.split(";")[0].strip().lower()
    promised = guess_extension(url)
    if ctype in _PDF_TYPES:
        return "pdf"
    if ctype in _HTML_TYPES:
        if promised == "pdf":
            raise FetchError(
                f"{url} should be a PDF but the server sent an HTML page ({ctype}), "
                "usually an error, a login or a 'page moved' page."
            )
        return "html"
    if ctype in _GENERIC_TYPES and promised:
        return promised  # confirmed by the first bytes below
    raise FetchError(f"{url} sent '{ctype or 'no content type'}', which is neither a PDF nor an HTML page.")


def _check_complete(url: str, ext: str, declared: str, received: int, tail: bytes) -> None:
    """A body shorter than announced, or a PDF without its end marker, was cut off in transit."""
    if declared.isdigit() and received < int(declared):
        raise _RetryableError(f"{url} was cut off after {received} of {declared} bytes")
    if ext == "pdf" and b"%%EOF" not in tail:
        raise _RetryableError(f"{url} ended before the end of the PDF (no %%EOF marker): the transfer was cut off")


def _check_first_bytes(url: str, ext: str, head: bytes) -> None:
    if ext == "pdf" and b"%PDF-" not in head[:SNIFF_BYTES]:
        raise FetchError(f"{url} was announced as a PDF but the content is not a PDF (it does not start with %PDF-).")
    if ext == "html" and (head.lstrip().startswith(b"%PDF-") or b"\x00" in head[:SNIFF_BYTES]):
        raise FetchError(f"{url} was announced as an HTML page but the content is binary.")


def hand_placement_hint(entry: SourceEntry, dest: Path) -> str:
    ext = guess_extension(entry.url or "") or "pdf"
    source = f"Open {entry.url} in a browser, save it" if entry.url else "Save the document"
    return f"{source} as {dest / f'{entry.id}.{ext}'} and run `ipfin ingest`."


class Fetcher:
    """Downloads source-list entries into ``dest`` and keeps the lock beside it.

    ``resolver(host, port) -> [ip, ...]`` replaces the system's name lookup (tests use it to
    make a name resolve to a private address without any traffic to it); ``sleep`` replaces
    :func:`time.sleep` between retries. The address policy comes from ``options`` and, when
    ``options.allow_private`` is None, from ``IPFIN_FETCH_ALLOW_PRIVATE`` (a bad value is a
    :class:`~assistant.core.errors.ConfigError` here, before any download).
    """

    def __init__(
        self,
        dest: Path,
        options: FetchOptions | None = None,
        *,
        lock_path: Path | None = None,
        resolver: Resolver | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.dest = Path(dest)
        self.options = options or FetchOptions()
        self.lock_path = lock_path or lock_path_for(self.dest)
        self.policy = AddressPolicy.from_options(self.options.allow_private, self.options.allow_networks)
        self._resolver = resolver
        self._sleep = sleep
        self._client: httpx.Client | None = None
        self._transport: GuardedTransport | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._transport = GuardedTransport(NetGuard(self.policy, self._resolver))
            self._client = httpx.Client(
                transport=self._transport,
                headers={"User-Agent": self.options.user_agent, "Accept": ACCEPT, "Accept-Language": "ja, en;q=0.5"},
                timeout=httpx.Timeout(self.options.timeout, connect=min(CONNECT_TIMEOUT_S, self.options.timeout)),
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = self._transport = None

    def fetch(self, sources: SourceList, only: Iterable[str] | None = None) -> FetchReport:
        """Fetch every entry with a URL (or the ids in ``only``); never raises per document."""
        wanted = list(dict.fromkeys(only or ()))
        unknown = [i for i in wanted if i not in sources]
        if unknown:
            raise CorpusError(
                f"{', '.join(unknown)}: no such id in {sources.path}.",
                "Run without --only to fetch everything, or check the id in the source list.",
            )
        entries = [sources.by_id[i] for i in wanted] if wanted else list(sources.documents)
        self.dest.mkdir(parents=True, exist_ok=True)
        lock = read_lock(self.lock_path)
        report = FetchReport(self.dest)
        try:
            for entry in entries:
                result, record = self._fetch_one(entry, lock.get(entry.id))
                report.results.append(result)
                if record is not None:
                    lock[entry.id] = record
                    write_lock(self.lock_path, lock)  # after each document: an interrupted run keeps its work
        finally:
            self.close()
        return report

    # ------------------------------------------------------------ one document
    def _fetch_one(self, entry: SourceEntry, record: LockRecord | None) -> tuple[FetchResult, LockRecord | None]:
        if not entry.url:
            return FetchResult(entry.id, "no_url", message=hand_placement_hint(entry, self.dest)), None
        for stale in self.dest.glob(f".{entry.id}.*.part"):
            stale.unlink(missing_ok=True)  # left by a run that was killed
        attempts = 0

        def attempt() -> tuple[FetchResult, LockRecord]:
            nonlocal attempts
            attempts += 1
            return self._try_once(entry, record)

        retrying = Retrying(
            stop=stop_after_attempt(self.options.retries + 1),
            wait=wait_exponential(multiplier=self.options.backoff, max=MAX_BACKOFF_S),
            retry=retry_if_exception_type(_RetryableError),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            result, new_record = retrying(attempt)
        except _RetryableError as exc:
            tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
            return self._failed(entry, f"{exc} ({tries}).", "Try again later.", attempts), None
        except FetchError as exc:
            return self._failed(entry, exc.message, exc.hint, attempts), None
        return replace(result, attempts=attempts), new_record

    def _failed(self, entry: SourceEntry, message: str, hint: str | None, attempts: int) -> FetchResult:
        text = " ".join(p for p in (message, hint, hand_placement_hint(entry, self.dest)) if p)
        return FetchResult(entry.id, "failed", message=text, attempts=attempts)

    def _local(self, record: LockRecord | None) -> Path | None:
        """The file the lock describes, if it is still there with the recorded content."""
        if record is None:
            return None
        path = self.dest / record.file
        return path if path.is_file() and sha256_file(path) == record.sha256 else None

    def _try_once(self, entry: SourceEntry, record: LockRecord | None) -> tuple[FetchResult, LockRecord]:
        """One attempt under a fresh :class:`TransferBudget` (deadline and minimum rate)."""
        budget = TransferBudget(self.options.effective_deadline, self.options.min_rate, self.options.rate_window)
        client = self.client
        assert self._transport is not None
        self._transport.start_download(budget)
        try:
            return self._request(client, entry, record, budget)
        finally:
            self._transport.start_download(None)

    def _request(
        self, client: httpx.Client, entry: SourceEntry, record: LockRecord | None, budget: TransferBudget
    ) -> tuple[FetchResult, LockRecord]:
        url = entry.url or ""
        host = urlsplit(url).netloc
        local = self._local(record)
        headers = {}
        if local is not None and record is not None and record.url == url:
            if record.etag:
                headers["If-None-Match"] = record.etag
            if record.last_modified:
                headers["If-Modified-Since"] = record.last_modified
        try:
            with client.stream("GET", url, headers=headers) as resp:
                if resp.status_code == 304 and local is not None and record is not None:
                    kept = replace(
                        record,
                        checked_at=now_iso(),
                        etag=resp.headers.get("etag", record.etag),
                        last_modified=resp.headers.get("last-modified", record.last_modified),
                    )
                    return FetchResult(entry.id, "unchanged", local, "not modified"), kept
                self._check_status(url, resp)
                return self._save(entry, record, resp)
        except httpx.TimeoutException as exc:
            if budget.expired():
                budget.check()  # a timeout cut short by the deadline is the deadline's failure
            raise _RetryableError(f"no answer from {host} within {self.options.timeout:g} s") from exc
        except httpx.ConnectError as exc:
            raise FetchError(
                f"cannot reach {host} ({_reason(exc)}); are you offline or behind a proxy?",
                "Check the connection (HTTPS_PROXY is honoured), then run the fetch again.",
            ) from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times.") from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise FetchError(f"{url} is not an address ipfin can download ({exc}).", "Fix the URL.") from exc
        except httpx.RemoteProtocolError as exc:
            if "complete message body" not in str(exc):  # h11: fewer bytes than Content-Length
                raise _RetryableError(f"the connection to {host} failed ({_reason(exc)})") from exc
            raise _RetryableError(f"the download from {host} was cut off ({_reason(exc)})") from exc
        except httpx.TransportError as exc:
            raise _RetryableError(f"the connection to {host} failed ({_reason(exc)})") from exc

    def _check_status(self, url: str, resp: httpx.Response) -> None:
        code = resp.status_code
        if code == 200:
            return
        said = f"{url} answered {code} {resp.reason_phrase}".rstrip()
        if code in RETRY_STATUSES or code >= 500:
            raise _RetryableError(said)
        if code in (404, 410):
            raise FetchError(f"{said}: the document may have moved.", "Look for its new address and fix the source list.")
        if code in (401, 403):
            raise FetchError(f"{said}: the site refuses automated downloads.")
        raise FetchError(f"{said}.")

    def _save(
        self, entry: SourceEntry, record: LockRecord | None, resp: httpx.Response
    ) -> tuple[FetchResult, LockRecord]:
        url = entry.url or ""
        ext = extension_for(resp.headers.get("content-type", ""), url)
        limit = self.options.max_bytes
        too_big = FetchError(
            f"{url} is larger than the {limit / 1024 / 1024:g} MB limit.",
            "Raise IPFIN_MAX_FILE_MB if the document is really that large.",
        )
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_big
        final = self.dest / f"{entry.id}.{ext}"
        part = self.dest / f".{entry.id}.{ext}.part"
        digest = hashlib.sha256()
        size = 0
        head = tail = b""
        try:
            with part.open("wb") as fh:
                for block in resp.iter_bytes(STREAM_CHUNK):
                    size += len(block)
                    if size > limit:
                        raise too_big
                    if len(head) < SNIFF_BYTES:
                        head += block[: SNIFF_BYTES - len(head)]
                    tail = (tail + block)[-PDF_EOF_TAIL:]
                    digest.update(block)
                    fh.write(block)
            _check_first_bytes(url, ext, head)
            _check_complete(url, ext, declared, resp.num_bytes_downloaded, tail)
            sha = digest.hexdigest()
            now = now_iso()
            existed = final.is_file() or record is not None
            same = final.is_file() and sha256_file(final) == sha
            if not same:
                os.replace(part, final)
                for other in EXTENSIONS:  # the document changed format (HTML page → PDF)
                    if other != ext:
                        (self.dest / f"{entry.id}.{other}").unlink(missing_ok=True)
        finally:
            part.unlink(missing_ok=True)
        fetched_at = record.fetched_at if (same and record is not None and record.sha256 == sha) else now
        new_record = LockRecord(
            url=url,
            final_url=str(resp.url),
            file=final.name,
            sha256=sha,
            size=size,
            content_type=resp.headers.get("content-type", ""),
            fetched_at=fetched_at,
            checked_at=now,
            etag=resp.headers.get("etag", ""),
            last_modified=resp.headers.get("last-modified", ""),
        )
        if same:
            return FetchResult(entry.id, "unchanged", final, "same content", downloaded_bytes=size), new_record
        status: Status = "updated" if existed else "new"
        return FetchResult(entry.id, status, final, downloaded_bytes=size), new_record


def _reason(exc: Exception) -> str:
    text = str(exc) or exc.__class__.__name__
    return text.split("] ", 1)[-1][:120]


def fetch_corpus(
    sources: SourceList,
    dest: Path,
    options: FetchOptions | None = None,
    only: Iterable[str] | None = None,
) -> FetchReport:
    """Fetch ``sources`` into ``dest`` (lock file beside it); see :class:`Fetcher`."""
    return Fetcher(dest, options).fetch(sources, only)
