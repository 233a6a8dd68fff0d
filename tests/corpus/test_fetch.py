import json
import socket

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.core.errors import FetchError
from assistant.corpus.fetch import USER_AGENT, Fetcher, FetchOptions, extension_for, guess_extension
from assistant.corpus.fetchlock import read_lock
from assistant.corpus.sources import load_sources
from tests.conftest import write
from tests.corpus.server import Route, serve
from tests.pdfs import make_pdf

#: Small limits keep the suite fast: a "slow" server is one slower than 0.5 s.
#: The server is on 127.0.0.1, which ipfin refuses unless told: allow exactly that address.
FAST = FetchOptions(timeout=0.5, retries=1, backoff=0.01, max_bytes=100_000, allow_networks=("127.0.0.1",))
HTML = "<html><head><title>概要</title></head><body><h2>概要</h2><p>知財金融の概要である。</p></body></html>"


@pytest.fixture(scope="module")
def pdf_bytes(tmp_path_factory) -> bytes:
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "doc.pdf", [["知財金融は知的財産を評価して融資する取組である。"]])
    return path.read_bytes()


def _manifest(path, server, ids_paths: dict[str, str]):
    lines = ["documents:"]
    for sid, route in ids_paths.items():
        lines += [
            f"  - id: {sid}",
            f"    title: {sid}の文書",
            "    publisher: テスト庁",
            f"    url: {server.url(route)}",
        ]
    lines += ["  - id: no-url-doc", "    title: URLのない文書", "    url: null"]
    return load_sources(write(path, "\n".join(lines) + "\n"))


def _no_leftovers(dest):
    return [p.name for p in dest.iterdir() if p.name.endswith(".part")]


def test_failures_are_one_clear_line_each_and_the_others_arrive(tmp_path, pdf_bytes):
    big = b"%PDF-1.4\n" + b"0" * 300_000
    routes = {
        "/good.pdf": Route(pdf_bytes),
        "/page.html": Route(HTML.encode(), "text/html; charset=utf-8"),
        "/flaky.pdf": Route(pdf_bytes, fail_first=1),
        "/missing.pdf": Route(b"", status=404),
        "/broken.pdf": Route(b"", status=500),
        "/slow.pdf": Route(pdf_bytes, delay=1.5),
        "/big.pdf": Route(big, send_length=False),  # cut off while streaming
        "/big-declared.pdf": Route(big),  # refused from its Content-Length
        "/login.pdf": Route(b"<html>please log in</html>", "text/html"),
        "/archive": Route(b"PK\x03\x04", "application/zip"),
        "/fake.pdf": Route(b"<html>not a pdf</html>", "application/pdf"),
    }
    with serve(routes) as server:
        ids = {path.strip("/").split(".")[0]: path for path in routes}
        manifest = _manifest(tmp_path / "sources.yaml", server, ids)
        dest = tmp_path / "raw"
        report = Fetcher(dest, FAST).fetch(manifest)

    status = {r.id: r.status for r in report.results}
    assert status == {
        "good": "new",
        "page": "new",
        "flaky": "new",
        "missing": "failed",
        "broken": "failed",
        "slow": "failed",
        "big": "failed",
        "big-declared": "failed",
        "login": "failed",
        "archive": "failed",
        "fake": "failed",
        "no-url-doc": "no_url",
    }
    assert sorted(p.name for p in dest.iterdir()) == ["flaky.pdf", "good.pdf", "page.html"]
    assert (dest / "good.pdf").read_bytes() == pdf_bytes and _no_leftovers(dest) == []
    errors = dict(line.split(": ", 1) for line in report.errors())
    assert all("\n" not in e and f"save it as {dest}/" in e and "ipfin ingest" in e for e in errors.values())
    assert "404 Not Found" in errors["missing"] and "may have moved" in errors["missing"]
    assert "500" in errors["broken"] and "2 attempts" in errors["broken"]
    assert "no answer from 127.0.0.1" in errors["slow"] and "within 0.5 s" in errors["slow"]
    assert "larger than the" in errors["big"] and "IPFIN_MAX_FILE_MB" in errors["big"]
    assert "larger than the" in errors["big-declared"]
    assert "should be a PDF but the server sent an HTML page" in errors["login"]
    assert "'application/zip', which is neither a PDF nor an HTML page" in errors["archive"]
    assert "the content is not a PDF" in errors["fake"]
    assert f"save it as {dest}/slow.pdf" in errors["slow"]
    # Retries: bounded, and only where a retry can help.
    assert len(server.hits("/missing.pdf")) == 1
    assert len(server.hits("/broken.pdf")) == 2
    assert [r.status for r in server.hits("/flaky.pdf")] == [503, 200]
    assert len(server.hits("/big-declared.pdf")) == 1 and len(server.hits("/big.pdf")) == 1
    # Polite: ipfin says who it is.
    assert {r.headers["User-Agent"] for r in server.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("ipfin/") and USER_AGENT.endswith("(+local research assistant)")
    lock = read_lock(tmp_path / "sources.lock.json")
    assert set(lock) == {"good", "page", "flaky"}
    assert lock["good"].size == len(pdf_bytes) and lock["good"].url == server.url("/good.pdf")
    assert len(lock["good"].sha256) == 64 and lock["good"].fetched_at and lock["good"].etag


def test_second_fetch_downloads_and_rewrites_nothing(tmp_path, pdf_bytes):
    routes = {
        "/a.pdf": Route(pdf_bytes),  # answers conditional requests with 304
        "/b.html": Route(HTML.encode(), "text/html", etag=False),  # no validators: compared by sha256
    }
    with serve(routes) as server:
        manifest = _manifest(tmp_path / "sources.yaml", server, {"a": "/a.pdf", "b": "/b.html"})
        dest = tmp_path / "raw"
        first = Fetcher(dest, FAST).fetch(manifest)
        assert [r.status for r in first.changed] == ["new", "new"]
        stamps = {p.name: p.stat().st_mtime_ns for p in dest.iterdir()}
        lock_before = read_lock(tmp_path / "sources.lock.json")

        second = Fetcher(dest, FAST).fetch(manifest)
        assert [(r.id, r.status, r.message) for r in second.results[:2]] == [
            ("a", "unchanged", "not modified"),
            ("b", "unchanged", "same content"),
        ]
        assert second.changed == [] and second.failed == []
        assert server.hits("/a.pdf")[-1].status == 304 and server.hits("/a.pdf")[-1].body_bytes == 0
        assert second.results[0].downloaded_bytes == 0
        assert {p.name: p.stat().st_mtime_ns for p in dest.iterdir()} == stamps  # nothing rewritten
        lock_after = read_lock(tmp_path / "sources.lock.json")
        assert {k: v.sha256 for k, v in lock_after.items()} == {k: v.sha256 for k, v in lock_before.items()}
        assert lock_after["a"].fetched_at == lock_before["a"].fetched_at

        routes["/a.pdf"].body = pdf_bytes + b"\n% revised\n"  # upstream changed
        third = Fetcher(dest, FAST).fetch(manifest, only=["a"])
        assert [(r.id, r.status) for r in third.results] == [("a", "updated")]
        assert (dest / "a.pdf").read_bytes().endswith(b"% revised\n")
        assert read_lock(tmp_path / "sources.lock.json")["a"].sha256 != lock_before["a"].sha256


def test_offline_host_fails_at_once_with_a_fix(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    manifest = load_sources(
        write(
            tmp_path / "sources.yaml",
            f"documents:\n  - id: gone\n    title: 文書\n    url: http://127.0.0.1:{port}/gone.pdf\n",
        )
    )
    report = Fetcher(tmp_path / "raw", FAST).fetch(manifest)
    (result,) = report.results
    assert result.status == "failed" and result.attempts == 1
    assert "cannot reach 127.0.0.1" in result.message and "offline" in result.message
    assert f"save it as {tmp_path / 'raw' / 'gone.pdf'}" in result.message


def test_unknown_only_id_is_refused_before_any_download(tmp_path):
    manifest = load_sources(write(tmp_path / "s.yaml", "documents:\n  - id: a\n    title: A\n    url: null\n"))
    with pytest.raises(Exception, match="nope: no such id"):
        Fetcher(tmp_path / "raw", FAST).fetch(manifest, only=["nope"])


def test_extension_from_content_type_and_address():
    assert guess_extension("https://www.fsa.go.jp/a/01.pdf") == "pdf"
    assert guess_extension("https://chizai-kinyu.go.jp/about/") == "html"
    assert guess_extension("https://www.mhlw.go.jp/stf/newpage_66879.html") == "html"
    assert extension_for("application/pdf", "https://x.example/download?id=3") == "pdf"
    assert extension_for("application/octet-stream", "https://x.example/a.pdf") == "pdf"
    assert extension_for("text/html; charset=Shift_JIS", "https://x.example/a.php") == "html"
    with pytest.raises(FetchError, match="should be a PDF"):
        extension_for("text/html", "https://x.example/a.pdf")
    with pytest.raises(FetchError, match="neither a PDF nor an HTML page"):
        extension_for("image/png", "https://x.example/a.pdf")


def test_cli_fetch_reports_each_failure_and_exits_non_zero(tmp_path, monkeypatch, pdf_bytes):
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(tmp_path / "corpus"))
    with serve({"/ok.pdf": Route(pdf_bytes), "/missing.pdf": Route(b"", status=404)}) as server:
        write(
            tmp_path / "corpus" / "sources.yaml",
            f"documents:\n  - id: ok\n    title: OK\n    url: {server.url('/ok.pdf')}\n"
            f"  - id: missing\n    title: 無い\n    url: {server.url('/missing.pdf')}\n",
        )
        result = CliRunner().invoke(app, ["corpus", "fetch", "--no-ingest", "--retries", "0", "--timeout", "2"])
    assert result.exit_code == 1
    assert "new       ok" in result.stdout and "Fetched 1 new, 0 updated, 0 unchanged, 1 failed" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: missing: ") and "404" in errors[0]
    assert "Traceback" not in result.output
    assert (tmp_path / "corpus" / "raw" / "ok.pdf").is_file()
    lock = json.loads((tmp_path / "corpus" / "sources.lock.json").read_text(encoding="utf-8"))
    assert list(lock["documents"]) == ["ok"]


def test_a_page_that_became_a_pdf_replaces_the_old_file(tmp_path, pdf_bytes):
    routes = {"/doc": Route(HTML.encode(), "text/html")}
    with serve(routes) as server:
        manifest = _manifest(tmp_path / "sources.yaml", server, {"doc": "/doc"})
        dest = tmp_path / "raw"
        assert Fetcher(dest, FAST).fetch(manifest, only=["doc"]).results[0].path == dest / "doc.html"
        routes["/doc"] = Route(pdf_bytes, "application/pdf")
        result = Fetcher(dest, FAST).fetch(manifest, only=["doc"]).results[0]
    assert (result.status, result.path) == ("updated", dest / "doc.pdf")
    assert sorted(p.name for p in dest.iterdir()) == ["doc.pdf"]  # never two files for one id
    assert read_lock(tmp_path / "sources.lock.json")["doc"].file == "doc.pdf"
