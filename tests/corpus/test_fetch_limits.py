"""Downloads are bounded: an overall deadline, a minimum rate, no truncated body ever saved,
and retries (tenacity) only where another attempt can help. A real server on 127.0.0.1."""

import time

import pytest

from assistant.corpus.fetch import MAX_BACKOFF_S, Fetcher, FetchOptions
from assistant.corpus.sources import load_sources
from tests.conftest import write
from tests.corpus.server import Route, serve
from tests.pdfs import make_pdf

LOOPBACK = ("127.0.0.1",)


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory) -> bytes:
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "doc.pdf", [["知財金融は知的財産を評価して融資する取組である。"]])
    return path.read_bytes()


def _fetch_one(tmp_path, route: Route, options: FetchOptions, **fetcher_args):
    """Fetch one document served by ``route``: (result, server, seconds, files left in raw/)."""
    with serve({"/doc.pdf": route}) as server:
        manifest = load_sources(
            write(
                tmp_path / "sources.yaml",
                f"documents:\n  - id: doc\n    title: 文書\n    url: {server.url('/doc.pdf')}\n",
            )
        )
        dest = tmp_path / "raw"
        started = time.monotonic()
        (result,) = [r for r in Fetcher(dest, options, **fetcher_args).fetch(manifest).results]
        elapsed = time.monotonic() - started
    return result, server, elapsed, sorted(p.name for p in dest.iterdir())


def test_a_dripping_body_is_stopped_by_the_minimum_rate(tmp_path, pdf_bytes):
    # 20 bytes/s: every read succeeds well within the timeout, so only the rate can stop it.
    route = Route(pdf_bytes, drip=0.05)
    options = FetchOptions(timeout=0.5, retries=2, backoff=0.01, min_rate=200, rate_window=0.3, allow_networks=LOOPBACK)
    result, server, elapsed, files = _fetch_one(tmp_path, route, options)
    assert result.status == "failed" and result.attempts == 1  # too slow is not retried
    assert "127.0.0.1 sent only" in result.message and "in the last 0.3 s" in result.message
    assert "under the minimum of 200 bytes/s" in result.message and "\n" not in result.message
    assert elapsed < 1.5 and files == []  # nothing saved, no .part left
    assert len(server.hits("/doc.pdf")) <= 1


def test_a_steady_but_endless_download_is_stopped_by_the_deadline(tmp_path, pdf_bytes):
    # 2.5 kB/s with no rate floor: only the overall deadline ends it.
    route = Route(pdf_bytes * 20, drip=0.02, drip_size=50)
    options = FetchOptions(timeout=0.5, retries=2, deadline=0.5, min_rate=0, max_bytes=10**7, allow_networks=LOOPBACK)
    result, _, elapsed, files = _fetch_one(tmp_path, route, options)
    assert result.status == "failed" and result.attempts == 1
    assert "took longer than the 0.5 s limit" in result.message and "bytes received" in result.message
    assert "--timeout" in result.message and "save it as" in result.message
    assert 0.5 <= elapsed < 1.5 and files == []


def test_the_deadline_also_covers_headers_that_drip_in(tmp_path, pdf_bytes):
    # The status line and headers arrive a byte at a time: no read ever times out.
    route = Route(pdf_bytes, drip=0.03, drip_headers=True)
    options = FetchOptions(timeout=0.5, retries=1, deadline=0.6, min_rate=0, allow_networks=LOOPBACK)
    result, _, elapsed, files = _fetch_one(tmp_path, route, options)
    assert result.status == "failed" and "took longer than the 0.6 s limit" in result.message
    assert elapsed < 1.5 and files == []


def test_a_server_slow_to_start_but_then_fast_is_not_too_slow(tmp_path, pdf_bytes):
    # Time to the first byte is the read timeout's business, not the rate's.
    route = Route(pdf_bytes, delay=0.4)
    options = FetchOptions(timeout=1.0, min_rate=1000, rate_window=0.2, allow_networks=LOOPBACK)
    result, _, _, files = _fetch_one(tmp_path, route, options)
    assert result.status == "new" and files == ["doc.pdf"]


def test_a_body_shorter_than_its_content_length_is_never_saved(tmp_path, pdf_bytes):
    route = Route(pdf_bytes, truncate_at=54)  # announces the full length, sends 54 bytes, closes
    options = FetchOptions(timeout=0.5, retries=1, backoff=0.01, allow_networks=LOOPBACK)
    result, server, _, files = _fetch_one(tmp_path, route, options)
    assert result.status == "failed" and files == []
    assert "cut off" in result.message and f"expected {len(pdf_bytes)}" in result.message
    assert "(2 attempts)" in result.message  # a dropped connection is worth another try
    assert [r.body_bytes for r in server.hits("/doc.pdf")] == [54, 54]


def test_a_pdf_cut_off_without_a_content_length_is_never_saved(tmp_path, pdf_bytes):
    # No Content-Length: the body ends when the connection closes, 54 bytes of "%PDF-…".
    route = Route(pdf_bytes[:54], send_length=False)
    options = FetchOptions(timeout=0.5, retries=0, allow_networks=LOOPBACK)
    result, _, _, files = _fetch_one(tmp_path, route, options)
    assert result.status == "failed" and files == []
    assert "no %%EOF marker" in result.message and "cut off" in result.message


@pytest.mark.parametrize(
    ("status", "retried"),
    [(500, True), (503, True), (429, True), (408, True), (425, True), (400, False), (403, False), (404, False)],
)
def test_retries_only_where_they_can_help_with_capped_backoff(tmp_path, status, retried):
    slept: list[float] = []
    options = FetchOptions(timeout=0.5, retries=3, backoff=1.0, allow_networks=LOOPBACK)
    result, server, elapsed, _ = _fetch_one(tmp_path, Route(b"", status=status), options, sleep=slept.append)
    assert result.status == "failed" and str(status) in result.message
    if retried:
        assert slept == [1.0, 2.0, 4.0] and result.attempts == 4 and "(4 attempts)" in result.message
        assert len(server.hits("/doc.pdf")) == 4
    else:
        assert slept == [] and result.attempts == 1 and len(server.hits("/doc.pdf")) == 1
    assert elapsed < 2  # the injected sleep really replaced the waiting


def test_backoff_is_capped(tmp_path):
    slept: list[float] = []
    options = FetchOptions(timeout=0.5, retries=4, backoff=20.0, allow_networks=LOOPBACK)
    _fetch_one(tmp_path, Route(b"", status=502), options, sleep=slept.append)
    assert slept == [20.0, MAX_BACKOFF_S, MAX_BACKOFF_S, MAX_BACKOFF_S]


def test_defaults_scale_the_deadline_with_the_timeout():
    assert FetchOptions(timeout=3).effective_deadline == 60  # the floor
    assert FetchOptions(timeout=30).effective_deadline == 300
    assert FetchOptions(timeout=30, deadline=5).effective_deadline == 5


def test_completeness_checks():
    from assistant.corpus.fetch import _check_complete, _RetryableError

    _check_complete("u", "pdf", "120", 120, b"...\n%%EOF\n")
    _check_complete("u", "html", "", 5, b"<p>x")
    with pytest.raises(_RetryableError, match="cut off after 54 of 120 bytes"):
        _check_complete("u", "pdf", "120", 54, b"%PDF-1.4")
    with pytest.raises(_RetryableError, match="no %%EOF marker"):
        _check_complete("u", "pdf", "", 54, b"%PDF-1.4")
