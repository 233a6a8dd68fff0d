"""A real HTTP server on 127.0.0.1 (ephemeral port) for fetch tests.

Each path answers as its :class:`Route` says: a status, a body and content type, an ETag
(for conditional requests), a delay before the headers, no Content-Length (the body then
ends when the connection closes), or failures before it succeeds. Every request is logged
with its headers and how many body bytes were sent, so tests can show what was downloaded.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/pdf"
    status: int = 200
    etag: bool = True
    delay: float = 0.0
    send_length: bool = True
    fail_first: int = 0  # answer 503 this many times before succeeding


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    status: int
    body_bytes: int


@dataclass
class Server:
    routes: dict[str, Route]
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection; a body may end at close

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _log(self, status: int, sent: int) -> None:
            server.requests.append(Request(self.path, dict(self.headers.items()), status, sent))

        def do_GET(self) -> None:
            try:
                self._answer()
            except (BrokenPipeError, ConnectionResetError):
                self._log(-1, 0)  # the client gave up before the body (a timeout)

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
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag and route.status == 200:
                self.send_header("ETag", etag)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            sent = 0
            try:
                for start in range(0, len(route.body), 64 * 1024):
                    piece = route.body[start : start + 64 * 1024]
                    self.wfile.write(piece)
                    sent += len(piece)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (the size limit)
            self._log(route.status, sent)

    return Handler


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Server]:
    state = Server(routes)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
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
