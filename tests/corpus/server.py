"""A real HTTP server on 127.0.0.1 (ephemeral port) for fetch tests.

Each path answers as its :class:`Route` says: a status, a body and content type, an ETag
(for conditional requests), a delay before the headers, no Content-Length (the body then
ends when the connection closes), failures before it succeeds, a redirect, a body that
drips out a few bytes at a time (optionally the headers too), or a body cut off before its
Content-Length. Every request is logged when it arrives, with its headers, then its status
and how many body bytes were sent once answered, so tests can show what was downloaded
(:meth:`Server.hits` waits for those answers to finish). A request for an absolute URL (a client using
this server as its HTTP proxy) is routed by that URL.
"""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/pdf"
    status: int = 200
    etag: bool = True
    delay: float = 0.0
    send_length: bool = True
    fail_first: int = 0  # answer 503 this many times before succeeding
    location: str = ""  # a Location header (give a 3xx status with it)
    drip: float = 0.0  # seconds between pieces of drip_size bytes (0: send at once)
    drip_size: int = 1
    drip_headers: bool = False  # drip the status line and headers too, not only the body
    truncate_at: int | None = None  # close after this many body bytes; Content-Length stays the full size


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int = 0  # 0 while the answer is being sent; -1 when the client gave up first
    body_bytes: int = 0
    done: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)


@dataclass
class Server:
    routes: dict[str, Route]
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    scheme: str = "http"

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def hits(self, path: str, wait: float = 2.0) -> list[Request]:
        """The requests for ``path``, each answered (the client may be done before the server logs)."""
        found = [r for r in self.requests if r.path == path]
        for request in found:
            request.done.wait(wait)
        return found


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection; a body may end at close

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _log(self, status: int, sent: int) -> None:
            self._request.status, self._request.body_bytes = status, sent

        def do_GET(self) -> None:
            self._request = Request(self.path, dict(self.headers.items()))
            server.requests.append(self._request)
            try:
                self._answer()
            except (BrokenPipeError, ConnectionResetError):
                self._log(-1, 0)  # the client gave up before the body (a timeout)
            finally:
                self._request.done.set()

        def _answer(self) -> None:
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                self._log(404, 0)
                return
            if route.delay:
                time.sleep(route.delay)
            if route.fail_first > 0:
                route.fail_first -= 1
                self.send_response(503, "Service Unavailable")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self._log(503, 0)
                return
            etag = f'"{hashlib.sha256(route.body).hexdigest()[:16]}"'
            if route.etag and route.status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                self._log(304, 0)
                return
            headers = [("Content-Type", route.content_type)]
            if route.etag and route.status == 200:
                headers.append(("ETag", etag))
            if route.location:
                headers.append(("Location", route.location))
            if route.send_length:
                headers.append(("Content-Length", str(len(route.body))))
            body = route.body if route.truncate_at is None else route.body[: route.truncate_at]
            self._sent = 0
            try:
                if route.drip_headers:
                    head = f"HTTP/1.0 {route.status} {self.responses.get(route.status, ('',))[0]}\r\n"
                    head += "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
                    self._drip(head.encode("latin-1"), route)
                else:
                    self.send_response(route.status)
                    for key, value in headers:
                        self.send_header(key, value)
                    self.end_headers()
                if route.drip:
                    self._drip(body, route, count=True)
                else:
                    for start in range(0, len(body), 64 * 1024):
                        piece = body[start : start + 64 * 1024]
                        self.wfile.write(piece)
                        self._sent += len(piece)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (the size limit, a deadline, too slow)
            self._log(route.status, self._sent)

        def _drip(self, data: bytes, route: Route, count: bool = False) -> None:
            for start in range(0, len(data), route.drip_size):
                piece = data[start : start + route.drip_size]
                self.wfile.write(piece)
                self.wfile.flush()
                if count:
                    self._sent += len(piece)
                time.sleep(route.drip)

    return Handler


@contextmanager
def serve(routes: dict[str, Route], tls: tuple[Path, Path] | None = None) -> Iterator[Server]:
    """Serve ``routes``; with ``tls=(certificate, key)`` (PEM files) over HTTPS."""
    state = Server(routes)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        state.scheme = "https"
    httpd.daemon_threads = True
    httpd.block_on_close = False  # a slow handler must not hold up the test's end
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
