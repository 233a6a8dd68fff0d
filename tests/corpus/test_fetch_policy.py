"""Only public http(s) addresses, for the manifest URL and every redirect hop.

Hostile addresses are never contacted here: an injected resolver makes a test name resolve
to them, and the tests show the fetch is refused before any socket connects (the only
server is the real one on 127.0.0.1, and it sees no request).
"""

import socket
from ipaddress import ip_address

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.core.errors import ConfigError
from assistant.corpus.fetch import Fetcher, FetchOptions
from assistant.corpus.netguard import AddressPolicy, non_public_reason
from assistant.corpus.sources import load_sources
from tests.conftest import write
from tests.corpus.server import Route, serve

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PUBLIC_ONLY = FetchOptions(timeout=0.5, retries=2, backoff=0.01, allow_private=False)
LOOPBACK_ONLY = FetchOptions(timeout=0.5, retries=2, backoff=0.01, allow_private=False, allow_networks=("127.0.0.1",))


class Stub:
    """A resolver that answers from a table and remembers what it was asked."""

    def __init__(self, table: dict[str, list[str] | Exception]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        answer = self.table[host]
        if isinstance(answer, Exception):
            raise answer
        return list(answer)


@pytest.fixture
def connects(monkeypatch):
    """Every socket connect (after the suite's loopback guard) and every system name lookup."""
    seen: list[tuple] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        seen.append(address)
        return real_connect(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".test"):
            raise AssertionError(f"the system resolver was asked for {host}: the vetted answer must be reused")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return seen


def _manifest(tmp_path, *urls: str):
    entries = "".join(f"  - id: doc{i}\n    title: 文書{i}\n    url: {url}\n" for i, url in enumerate(urls, 1))
    return load_sources(write(tmp_path / "sources.yaml", "documents:\n" + entries))


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.0.0.5", "private"),
        ("192.168.1.20", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", ""),
        ("100.64.0.1", ""),  # carrier-grade NAT
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::5", "private"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("::ffff:192.168.0.1", "private (IPv4 192.168.0.1 inside IPv6)"),
        ("::ffff:169.254.169.254", "link-local (IPv4 169.254.169.254 inside IPv6)"),
        ("64:ff9b::a9fe:a9fe", "link-local (IPv4 169.254.169.254 inside IPv6)"),  # NAT64
        ("2002:a9fe:a9fe::1", "link-local (IPv4 169.254.169.254 inside IPv6)"),  # 6to4
        ("::a9fe:a9fe", ""),  # deprecated IPv4-compatible
    ],
)
def test_a_name_resolving_to_a_non_public_address_is_refused_before_any_connection(tmp_path, connects, address, reason):
    with serve({"/a.pdf": Route(PDF)}) as server:
        resolver = Stub({"docs.example.test": [address]})
        manifest = _manifest(tmp_path, f"http://docs.example.test:{server.port}/a.pdf")
        (result,) = Fetcher(tmp_path / "raw", PUBLIC_ONLY, resolver=resolver).fetch(manifest).results[:1]
    assert result.status == "failed" and result.attempts == 1  # a refusal is not retried
    assert f"docs.example.test resolves to {address}, a {reason}" in result.message
    assert "ipfin downloads only from public addresses" in result.message
    assert "IPFIN_FETCH_ALLOW_PRIVATE=1" in result.message and "allow_private" in result.message
    assert "\n" not in result.message
    assert resolver.asked == ["docs.example.test"]
    assert connects == [] and server.requests == []


def test_one_bad_address_among_good_ones_refuses_the_host(tmp_path, connects):
    resolver = Stub({"docs.example.test": ["93.184.215.14", "10.0.0.5"]})
    manifest = _manifest(tmp_path, "https://docs.example.test/a.pdf")
    (result,) = Fetcher(tmp_path / "raw", PUBLIC_ONLY, resolver=resolver).fetch(manifest).results[:1]
    assert result.status == "failed" and "resolves to 10.0.0.5, a private address" in result.message
    assert connects == []


@pytest.mark.parametrize("url", ["http://10.0.0.5/a.pdf", "http://[::ffff:a9fe:a9fe]/a.pdf", "http://[fe80::1]:8080/"])
def test_an_address_in_the_url_itself_is_refused(tmp_path, connects, url):
    resolver = Stub({})
    (result,) = Fetcher(tmp_path / "raw", PUBLIC_ONLY, resolver=resolver).fetch(_manifest(tmp_path, url)).results[:1]
    assert result.status == "failed" and " is, a " not in result.message
    assert "address, and ipfin downloads only from public addresses" in result.message
    assert resolver.asked == [] and connects == []


def test_odd_spellings_of_loopback_are_judged_by_the_address_they_resolve_to(tmp_path, connects):
    # 2130706433 is 127.0.0.1 written as one number; the system resolver says so without DNS.
    with serve({"/a.pdf": Route(PDF)}) as server:
        manifest = _manifest(tmp_path, f"http://2130706433:{server.port}/a.pdf")
        (result,) = Fetcher(tmp_path / "raw", PUBLIC_ONLY).fetch(manifest).results[:1]
    assert result.status == "failed" and "2130706433 resolves to 127.0.0.1, a loopback address" in result.message
    assert connects == [] and server.requests == []


def test_a_redirect_to_the_metadata_service_is_refused_before_it_is_followed(tmp_path, connects):
    target = "http://metadata.example.test/latest/meta-data/iam"
    routes = {"/report.pdf": Route(b"", status=302, location=target, content_type="text/html")}
    with serve(routes) as server:
        resolver = Stub({"metadata.example.test": ["169.254.169.254"]})
        manifest = _manifest(tmp_path, server.url("/report.pdf"))
        (result,) = Fetcher(tmp_path / "raw", LOOPBACK_ONLY, resolver=resolver).fetch(manifest).results[:1]
    assert result.status == "failed" and result.attempts == 1
    assert f"{server.url('/report.pdf')} redirects to {target}: " in result.message
    assert "metadata.example.test resolves to 169.254.169.254, a link-local address" in result.message
    assert [r.path for r in server.requests] == ["/report.pdf"]
    assert {address[0] for address in connects} == {"127.0.0.1"}


@pytest.mark.parametrize("location", ["ftp://files.example.test/a.pdf", "file:///etc/passwd", "gopher://x.test/"])
def test_a_redirect_to_another_scheme_is_refused(tmp_path, connects, location):
    with serve({"/a.pdf": Route(b"", status=301, location=location, content_type="text/html")}) as server:
        resolver = Stub({})
        manifest = _manifest(tmp_path, server.url("/a.pdf"))
        (result,) = Fetcher(tmp_path / "raw", LOOPBACK_ONLY, resolver=resolver).fetch(manifest).results[:1]
    assert result.status == "failed" and "ipfin downloads only http and https addresses" in result.message
    assert resolver.asked == [] and [r.path for r in server.requests] == ["/a.pdf"]


def test_the_vetted_address_is_the_one_connected_to_dns_rebinding(tmp_path, connects):
    """A rebinding name answers an allowed address first, a private one afterwards. The
    first download connects to exactly the address that was checked (nobody resolves the
    name again); the next connection resolves afresh, is vetted afresh, and is refused."""
    answers = iter([["127.0.0.1"], ["10.0.0.5"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    with serve({"/a.pdf": Route(PDF), "/b.pdf": Route(PDF)}) as server:
        base = f"http://docs.example.test:{server.port}"
        manifest = _manifest(tmp_path, f"{base}/a.pdf", f"{base}/b.pdf")
        first, second = Fetcher(tmp_path / "raw", LOOPBACK_ONLY, resolver=rebinding).fetch(manifest).results[:2]
    assert first.status == "new" and (tmp_path / "raw" / "doc1.pdf").read_bytes() == PDF
    assert second.status == "failed" and "docs.example.test resolves to 10.0.0.5" in second.message
    assert asked == ["docs.example.test", "docs.example.test"]  # once per connection, by the guard only
    assert connects == [("127.0.0.1", server.port)]
    (request,) = server.requests
    assert request.path == "/a.pdf" and request.headers["Host"] == f"docs.example.test:{server.port}"


def test_loopback_is_refused_by_default_and_the_message_says_how_to_allow_it(tmp_path, monkeypatch, connects):
    monkeypatch.delenv("IPFIN_FETCH_ALLOW_PRIVATE")
    with serve({"/a.pdf": Route(PDF)}) as server:
        manifest = _manifest(tmp_path, server.url("/a.pdf"))
        (result,) = Fetcher(tmp_path / "raw", FetchOptions(timeout=0.5)).fetch(manifest).results[:1]
        assert result.status == "failed" and "127.0.0.1 is, a" not in result.message
        assert "127.0.0.1 is a loopback address" in result.message and "IPFIN_FETCH_ALLOW_PRIVATE" in result.message
        assert server.requests == [] and connects == []

        for value, allowed in [("1", True), ("yes", True), ("127.0.0.0/8", True), ("10.0.0.0/8, 127.0.0.1", True)]:
            monkeypatch.setenv("IPFIN_FETCH_ALLOW_PRIVATE", value)
            (result,) = Fetcher(tmp_path / "raw", FetchOptions(timeout=0.5)).fetch(manifest).results[:1]
            assert (result.status != "failed") is allowed, value
        for value in ["0", "", "10.0.0.0/8"]:
            monkeypatch.setenv("IPFIN_FETCH_ALLOW_PRIVATE", value)
            (result,) = Fetcher(tmp_path / "raw", FetchOptions(timeout=0.5)).fetch(manifest).results[:1]
            assert result.status == "failed" and "loopback" in result.message, value
        # An explicit option wins over the environment.
        (result,) = Fetcher(tmp_path / "raw", FetchOptions(timeout=0.5, allow_private=True)).fetch(manifest).results[:1]
        assert result.status == "unchanged"


def test_a_bad_allow_value_is_a_config_error_before_any_download(monkeypatch, tmp_path):
    monkeypatch.setenv("IPFIN_FETCH_ALLOW_PRIVATE", "intranet")
    with pytest.raises(ConfigError, match=r"IPFIN_FETCH_ALLOW_PRIVATE: 'intranet' is not a network.*10\.0\.0\.0/8"):
        Fetcher(tmp_path / "raw")
    with pytest.raises(ConfigError, match="allow_networks"):
        Fetcher(tmp_path / "raw", FetchOptions(allow_private=False, allow_networks=("10.0.0.300",)))


def test_cli_refuses_a_private_address_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.delenv("IPFIN_FETCH_ALLOW_PRIVATE")
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(tmp_path / "corpus"))
    with serve({"/a.pdf": Route(PDF)}) as server:
        write(
            tmp_path / "corpus" / "sources.yaml",
            f"documents:\n  - id: a\n    title: A\n    url: {server.url('/a.pdf')}\n",
        )
        result = CliRunner().invoke(app, ["corpus", "fetch", "--no-ingest", "--timeout", "1"])
        assert server.requests == []
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("error: a: 127.0.0.1 is a loopback address") and "IPFIN_FETCH_ALLOW_PRIVATE=1" in line


def test_through_a_proxy_the_target_is_still_checked(tmp_path, monkeypatch, connects):
    """The proxy (the user's choice, here on loopback) is connected to; the target is vetted as
    this machine resolves it, and a name only the proxy can resolve is left to the proxy."""
    routes = {"http://docs.example.test/a.pdf": Route(PDF), "http://inside.example.test/a.pdf": Route(PDF)}
    with serve(routes) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        resolver = Stub(
            {
                "docs.example.test": ["93.184.215.14"],
                "inside.example.test": ["10.0.0.5"],
                "unknown.example.test": socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            }
        )
        manifest = _manifest(
            tmp_path,
            "http://docs.example.test/a.pdf",
            "http://inside.example.test/a.pdf",
            "http://unknown.example.test/a.pdf",
        )
        fetched, inside, unknown = Fetcher(tmp_path / "raw", PUBLIC_ONLY, resolver=resolver).fetch(manifest).results[:3]
    assert fetched.status == "new" and (tmp_path / "raw" / "doc1.pdf").read_bytes() == PDF
    assert inside.status == "failed" and "inside.example.test resolves to 10.0.0.5" in inside.message
    assert unknown.status == "failed" and "404" in unknown.message  # reached the proxy, which had no such page
    assert [r.path for r in proxy.requests] == ["http://docs.example.test/a.pdf", "http://unknown.example.test/a.pdf"]
    assert {address for address in connects} == {("127.0.0.1", proxy.port)}


def test_public_addresses_pass_and_allowed_networks_are_exact():
    policy = AddressPolicy()
    for public in ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]:
        assert policy.refusal(public) is None, public
        assert non_public_reason(ip_address(public)) is None, public
    allowed = AddressPolicy.from_options(False, ["192.168.10.0/24"])
    assert allowed.refusal("192.168.10.7") is None and allowed.refusal("::ffff:192.168.10.7") is None
    assert allowed.refusal("192.168.11.7") == "private" and allowed.refusal("169.254.169.254") == "link-local"
    assert AddressPolicy(allow_private=True).refusal("169.254.169.254") is None
    env = {"IPFIN_FETCH_ALLOW_PRIVATE": "10.0.0.0/8"}
    assert AddressPolicy.from_options(None, (), env).refusal("10.1.2.3") is None
    assert AddressPolicy.from_options(False, (), env).refusal("10.1.2.3") == "private"  # explicit option wins


def test_https_checks_the_certificate_for_the_name_while_connecting_to_the_vetted_address(
    tmp_path, monkeypatch, connects
):
    """Pinning the address does not weaken TLS: the certificate must still be valid for the
    host name in the URL (here docs.example.test), not for the address connected to."""
    pytest.importorskip("cryptography")
    from tests.corpus.tlscerts import make_tls_files

    ca, cert, key = make_tls_files(tmp_path, "docs.example.test")
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))  # trust the test CA (httpx honours SSL_CERT_FILE)
    with serve({"/a.pdf": Route(PDF)}, tls=(cert, key)) as server:
        resolver = Stub({"docs.example.test": ["127.0.0.1"], "other.example.test": ["127.0.0.1"]})
        manifest = _manifest(
            tmp_path,
            f"https://docs.example.test:{server.port}/a.pdf",
            f"https://other.example.test:{server.port}/a.pdf",
        )
        ok, wrong = Fetcher(tmp_path / "raw", LOOPBACK_ONLY, resolver=resolver).fetch(manifest).results[:2]
        assert [r.path for r in server.hits("/a.pdf")] == ["/a.pdf"]
    assert ok.status == "new" and (tmp_path / "raw" / "doc1.pdf").read_bytes() == PDF
    assert wrong.status == "failed" and "Hostname mismatch" in wrong.message and "other.example.test" in wrong.message
    assert connects == [("127.0.0.1", server.port)] * 2
