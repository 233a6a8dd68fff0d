"""Request size limit: a body over ``IPFIN_SERVE_MAX_BODY_KB`` is refused with 413.

A pure ASGI middleware: a ``Content-Length`` over the limit is answered before the body
is read; a body without one (chunked) is counted as it arrives and refused as soon as
it passes the limit, so a client cannot make a worker buffer an unbounded body.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.serve.errors import ApiError, response


def too_large_message(limit: int) -> str:
    return (
        f"The request body is over the limit of {limit // 1024:,} KB. "
        "Send a shorter question or history, or raise IPFIN_SERVE_MAX_BODY_KB on the server."
    )


class BodyTooLarge(HTTPException):
    """Raised while the body is read; an HTTPException so FastAPI passes it on as is."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await response(ApiError(413, "request_too_large", too_large_message(self.max_bytes)))(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
