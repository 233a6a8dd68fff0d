"""Where ``ipfin corpus fetch`` may connect, and how long one download may take.

**Address policy.** A source-list URL, or any redirect it leads to, may point at this machine,
the office network or a cloud metadata service (``169.254.169.254``). ipfin connects only
to public unicast addresses unless the user allows more (:class:`AddressPolicy`):
loopback, private, link-local, site-local, multicast, reserved, unspecified and other
non-global addresses are refused, in IPv4 and IPv6 alike; an IPv4 address carried inside
IPv6 (``::ffff:10.0.0.1``, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``) is judged as the
IPv4 address it reaches. Only ``http`` and ``https`` are followed.

The check cannot be fooled by DNS rebinding (a name that resolves to a public address for
the check and to a private one for the connection), because the check and the connection
use the same answer: :class:`GuardedBackend` is the httpcore network backend of the
fetcher's connection pool. It resolves the host name itself, once, refuses the host if
*any* of its addresses is not allowed, then opens the socket to the vetted IP literal (so
nothing resolves the name a second time) and checks the peer address of the connected
socket again before a byte is sent. TLS still verifies the certificate against the host
name. Every request, including each redirect hop httpx follows, goes through
:class:`GuardedTransport`, which refuses other schemes before any connection.

Through a proxy (``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY``, ``NO_PROXY`` honoured) ipfin
connects to the proxy, an address the user chose, and the proxy connects to the site: the
target is then checked as this machine resolves it (names it cannot resolve are left to
the proxy), which cannot exclude rebinding between ipfin's lookup and the proxy's.

**Transfer limits.** A read timeout alone does not bound a download: a server that drips
one byte a second never lets a read time out. :class:`TransferBudget` gives each download
(all its redirect hops) an overall deadline and a minimum average rate, measured over a
sliding window once the response has started to arrive. The network streams read in short
ticks and check the budget between them, so both limits hold even while the status line
and headers drip in, and end the download within a fraction of a second of being crossed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network
from typing import Any

import httpcore
import httpx

from assistant.core.errors import ConfigError, CorpusError, FetchError

#: ``1`` allows any address; a comma-separated list of networks allows those only.
ALLOW_ENV = "IPFIN_FETCH_ALLOW_PRIVATE"
SCHEMES = ("http", "https")
#: How often a waiting read wakes up to check the deadline and the rate.
TICK_S = 0.25

Resolver = Callable[[str, int], Sequence[str]]
Network = IPv4Network | IPv6Network
Address = IPv4Address | IPv6Address

_NAT64 = ip_network("64:ff9b::/96")
_TRUE = frozenset({"1", "true", "yes", "on", "all"})
_FALSE = frozenset({"", "0", "false", "no", "off"})
_ALLOW_HINT = (
    f"If the server really is on your own network, allow it with {ALLOW_ENV}=1 (any address) or a list "
    f"of networks, e.g. {ALLOW_ENV}=10.0.0.0/8 (in code: FetchOptions(allow_private=True) or allow_networks)."
)


class AddressNotAllowedError(FetchError):
    """A URL or a redirect leads to an address or a scheme the policy refuses."""


class TransferLimitError(FetchError):
    """A download ran past its deadline or fell below the minimum rate."""

    def __init__(self, message: str, hint: str | None = None, *, kind: str) -> None:
        super().__init__(message, hint)
        self.kind = kind  # "deadline" or "rate"


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses as the operating system resolves them, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _parse(address: str) -> Address:
    return ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")


def embedded_ipv4(address: Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 address reaches: IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4."""
    if not isinstance(address, IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def non_public_reason(address: Address) -> str | None:
    """``None`` for a public unicast address, else what it is ("private", "link-local", ...)."""
    inner = embedded_ipv4(address)
    if inner is not None:
        reason = non_public_reason(inner)
        return f"{reason} (IPv4 {inner} inside IPv6)" if reason else None
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("site-local", isinstance(address, IPv6Address) and address.is_site_local),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses the fetcher may connect to: public ones, plus what the user allows."""

    allow_private: bool = False
    allow_networks: tuple[Network, ...] = ()

    @classmethod
    def from_options(
        cls,
        allow_private: bool | None,
        allow_networks: Iterable[str] = (),
        environ: Mapping[str, str] | None = None,
    ) -> AddressPolicy:
        """The policy from FetchOptions; ``allow_private=None`` also reads ``IPFIN_FETCH_ALLOW_PRIVATE``."""
        networks = [_network(item, "FetchOptions.allow_networks") for item in allow_networks]
        if allow_private is None:
            raw = (os.environ if environ is None else environ).get(ALLOW_ENV, "")
            value = raw.strip().lower()
            allow_private = value in _TRUE
            if not allow_private and value not in _FALSE:
                networks += [_network(item, ALLOW_ENV) for item in value.replace(",", " ").split()]
        return cls(bool(allow_private), tuple(networks))

    def refusal(self, address: str) -> str | None:
        """Why ``address`` may not be connected to, or ``None`` when it may."""
        parsed = _parse(address)
        reason = non_public_reason(parsed)
        if reason is None or self.allow_private:
            return None
        candidates = [parsed, *filter(None, [embedded_ipv4(parsed)])]
        if any(ip.version == net.version and ip in net for ip in candidates for net in self.allow_networks):
            return None
        return reason


def _network(text: str, where: str) -> Network:
    try:
        return ip_network(text.strip(), strict=False)
    except ValueError:
        raise ConfigError(
            f"{where}: {text!r} is not a network.",
            f"Use 1 to allow any address, or networks such as 10.0.0.0/8,192.168.1.20 ({ALLOW_ENV}).",
        ) from None


def _refused(host: str, address: str, reason: str) -> AddressNotAllowedError:
    what = f"{host} resolves to {address}, a" if host != address else f"{address} is a"
    return AddressNotAllowedError(
        f"{what} {reason} address, and ipfin downloads only from public addresses.", _ALLOW_HINT
    )


class TransferBudget:
    """The limits of one download over all its redirect hops: a deadline and a minimum rate.

    The deadline counts from the start of the download. The rate counts from the first byte
    of each response (time to first byte is the read timeout's business): once ``window``
    seconds have passed, fewer than ``min_rate × window`` bytes in the last ``window``
    seconds stop the download. ``min_rate=0`` turns the rate check off.
    """

    def __init__(
        self,
        deadline: float,
        min_rate: float = 0.0,
        window: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        self.limit = deadline
        self.min_rate = min_rate
        self.window = window
        self.started = clock()
        self.ends = self.started + deadline
        self.received = 0
        self.host = ""
        self._first_byte: float | None = None
        self._recent: deque[tuple[float, int]] = deque()
        self._in_window = 0

    def begin_request(self, host: str) -> None:
        """A new request (the first or a redirect hop): the rate is measured afresh."""
        self.host = host
        self._first_byte = None
        self._recent.clear()
        self._in_window = 0

    def expired(self) -> bool:
        return self.clock() >= self.ends

    def record(self, count: int) -> None:
        now = self.clock()
        if self._first_byte is None:
            self._first_byte = now
        self.received += count
        self._recent.append((now, count))
        self._in_window += count

    def check(self) -> None:
        """Raise :class:`TransferLimitError` when the deadline has passed or the rate is too low."""
        now = self.clock()
        if now >= self.ends:
            raise TransferLimitError(
                f"the download from {self.host} took longer than the {self.limit:g} s limit and was stopped "
                f"({self.received} bytes received).",
                "The limit is 10 × --timeout and at least 60 s (FetchOptions.deadline); "
                "raise --timeout for a very large document on a slow server.",
                kind="deadline",
            )
        if not self.min_rate or self._first_byte is None or now - self._first_byte < self.window:
            return
        while self._recent and self._recent[0][0] <= now - self.window:
            self._in_window -= self._recent.popleft()[1]
        if self._in_window < self.min_rate * self.window:
            raise TransferLimitError(
                f"{self.host} sent only {self._in_window} bytes in the last {self.window:g} s "
                f"(under the minimum of {self.min_rate:g} bytes/s) and the download was stopped.",
                "The server is stalling or far too slow; try again later.",
                kind="rate",
            )

    def wait(self, timeout: float | None, since: float) -> float:
        """How long the next socket operation may block: a tick, never past the timeout or deadline."""
        now = self.clock()
        limit = min(TICK_S, max(0.0, self.ends - now))
        if timeout is not None:
            limit = min(limit, max(0.0, since + timeout - now))
        return max(limit, 0.001)


class NetGuard:
    """What the transport, the backend and the streams share: the policy, the resolver and the
    budget of the download in progress (``None`` between downloads: no limits)."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None) -> None:
        self.policy = policy
        self.resolver = resolver or system_resolver
        self.budget: TransferBudget | None = None

    def vet(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for ``host``; all must be allowed, or none is used."""
        addresses = self._resolve(host, port)
        for address in addresses:
            reason = self.policy.refusal(address)
            if reason:
                raise _refused(host, address, reason)
        return addresses

    def _resolve(self, host: str, port: int) -> list[str]:
        with contextlib.suppress(ValueError):
            _parse(host)
            return [host]  # an IP literal: nothing to resolve
        try:
            addresses = [str(a) for a in self.resolver(host, port)]
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        return addresses

    def vet_for_proxy(self, host: str, port: int) -> None:
        """Best effort when a proxy connects: check the target as this machine resolves it."""
        with contextlib.suppress(httpcore.ConnectError):  # a name only the proxy can resolve
            self.vet(host, port)

    def check_peer(self, host: str, stream: httpcore.NetworkStream) -> None:
        peer = stream.get_extra_info("server_addr")
        address = str(peer[0]) if peer else ""
        reason = self.policy.refusal(address) if address else "unknown"
        if reason:
            stream.close()
            raise _refused(host, address or "an unknown address", reason)

    def cap(self, timeout: float | None) -> float | None:
        """``timeout`` shortened to what is left of the budget (checked first)."""
        if self.budget is None:
            return timeout
        self.budget.check()
        left = max(0.001, self.budget.ends - self.budget.clock())
        return left if timeout is None else min(timeout, left)


class GuardedStream(httpcore.NetworkStream):
    """A network stream whose reads and writes respect the guard's budget."""

    def __init__(self, inner: httpcore.NetworkStream, guard: NetGuard) -> None:
        self._inner = inner
        self._guard = guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        budget = self._guard.budget
        if budget is None:
            return self._inner.read(max_bytes, timeout)
        since = budget.clock()
        while True:
            budget.check()
            try:
                data = self._inner.read(max_bytes, budget.wait(timeout, since))
            except httpcore.ReadTimeout:
                if timeout is not None and budget.clock() - since >= timeout:
                    raise
                continue  # only a tick: check the budget and wait on
            budget.record(len(data))
            return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._guard.cap(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._guard.cap(timeout))
        return GuardedStream(inner, self._guard)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves, vets and connects to the vetted address itself (``check=False``: to a proxy)."""

    def __init__(self, guard: NetGuard, *, check: bool = True) -> None:
        self._guard = guard
        self._check = check
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._guard.vet(host, port) if self._check else [host]
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(
                    address, port, self._guard.cap(timeout), local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            if self._check:
                self._guard.check_peer(host, stream)
            return GuardedStream(stream, self._guard)
        assert failure is not None
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise httpcore.ConnectError("ipfin does not fetch over Unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _PoolTransport(httpx.HTTPTransport):
    """httpx's own transport (request and response conversion, exception mapping) over a pool
    built here with :class:`GuardedBackend`; httpx offers no argument for a network backend."""

    def __init__(self, pool: httpcore.ConnectionPool, ssl_context: Any) -> None:
        super().__init__(verify=ssl_context)
        self._pool.close()
        self._pool = pool


def environment_proxies() -> dict[str, str]:
    """``{"http": url, "https": url, "all": url, "no": hosts}`` from the usual variables, as httpx reads them."""
    found = urllib.request.getproxies_environment()
    return {k: (v if "://" in v or k == "no" else f"http://{v}") for k, v in found.items() if v}


class GuardedTransport(httpx.BaseTransport):
    """The fetcher's transport: every request and redirect hop is checked here.

    Direct connections go through :class:`GuardedBackend` (resolve once, vet, connect to the
    vetted address). A request for which an environment proxy applies goes to that proxy,
    after a best-effort check of the target.
    """

    def __init__(
        self,
        guard: NetGuard,
        *,
        proxies: Mapping[str, str] | None = None,
        verify: bool = True,
    ) -> None:
        self.guard = guard
        self.ssl_context = httpx.create_ssl_context(verify=verify)
        pool = httpcore.ConnectionPool(ssl_context=self.ssl_context, network_backend=GuardedBackend(guard))
        self._direct = _PoolTransport(pool, self.ssl_context)
        self._proxy_env = dict(environment_proxies() if proxies is None else proxies)
        self._proxies: dict[str, _PoolTransport] = {}
        self.first_url: httpx.URL | None = None

    def _proxy_for(self, url: httpx.URL) -> _PoolTransport | None:
        proxy_url = self._proxy_env.get(url.scheme) or self._proxy_env.get("all")
        if not proxy_url:
            return None
        netloc = f"{url.host}:{url.port}" if url.port else url.host
        if urllib.request.proxy_bypass_environment(netloc, self._proxy_env):
            return None
        if proxy_url not in self._proxies:
            proxy = httpx.Proxy(proxy_url)
            if proxy.url.scheme not in SCHEMES:
                raise CorpusError(
                    f"the proxy {proxy.url.scheme}://{proxy.url.host} is not an http(s) proxy.",
                    "ipfin's fetcher works through HTTP proxies only; set HTTPS_PROXY=http://host:port.",
                )
            pool = httpcore.HTTPProxy(
                proxy_url=httpcore.URL(
                    scheme=proxy.url.raw_scheme,
                    host=proxy.url.raw_host,
                    port=proxy.url.port,
                    target=proxy.url.raw_path,
                ),
                proxy_auth=proxy.raw_auth,
                proxy_headers=proxy.headers.raw,
                ssl_context=self.ssl_context,
                network_backend=GuardedBackend(self.guard, check=False),
            )
            self._proxies[proxy_url] = _PoolTransport(pool, self.ssl_context)
        return self._proxies[proxy_url]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        redirected = self.first_url is not None and url != self.first_url
        if self.first_url is None:
            self.first_url = url
        try:
            if url.scheme not in SCHEMES:
                raise AddressNotAllowedError(
                    f"{url} uses {url.scheme or 'no'}:, and ipfin downloads only http and https addresses."
                )
            if self.guard.budget is not None:
                self.guard.budget.begin_request(url.host)
            proxy = self._proxy_for(url)
            if proxy is None:
                return self._direct.handle_request(request)
            self.guard.vet_for_proxy(url.host, url.port or (443 if url.scheme == "https" else 80))
            return proxy.handle_request(request)
        except AddressNotAllowedError as exc:
            if not redirected:
                raise
            raise AddressNotAllowedError(f"{self.first_url} redirects to {url}: {exc.message}", exc.hint) from None

    def start_download(self, budget: TransferBudget | None) -> None:
        """Called by the fetcher before each attempt: its limits and its first URL."""
        self.guard.budget = budget
        self.first_url = None

    def close(self) -> None:
        self._direct.close()
        for transport in self._proxies.values():
            transport.close()
