"""Server-sent events from a blocking call: tokens while it runs, then its result.

The call runs in a worker thread; its ``on_token`` pieces cross to the event loop
through a queue and are sent as they come. While nothing arrives a comment line
(``: keep-alive``) goes out every few seconds, so proxies do not close a connection
that waits for a slow model. When the client goes away the thread cannot be stopped:
it finishes its question and its tokens are dropped.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Literal

KEEP_ALIVE_S = 10.0
HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
MEDIA_TYPE = "text/event-stream"

Event = tuple[Literal["token", "ping", "done", "error"], Any]
_running: set[asyncio.Task] = set()  # the calls of clients that left, until they finish


async def events(
    start: Callable[[Callable[[str], None]], Awaitable[Any]], keep_alive: float = KEEP_ALIVE_S
) -> AsyncIterator[Event]:
    """Run ``start(on_token)`` and yield ``("token", piece)`` as pieces arrive, ``("ping",
    None)`` while waiting, and finally ``("done", result)`` or ``("error", exception)``."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Event] = asyncio.Queue()
    listening = True

    def on_token(piece: str) -> None:  # called in the worker thread
        if listening:
            loop.call_soon_threadsafe(queue.put_nowait, ("token", piece))

    async def run() -> None:
        try:
            queue.put_nowait(("done", await start(on_token)))
        except Exception as exc:  # noqa: BLE001 - any failure becomes the stream's error event
            queue.put_nowait(("error", exc))

    task = asyncio.ensure_future(run())
    _running.add(task)
    task.add_done_callback(_running.discard)
    try:
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), keep_alive)
            except TimeoutError:
                yield ("ping", None)
                continue
            yield event
            if event[0] in ("done", "error"):
                return
    finally:
        listening = False


def sse(data: Any, event: str | None = None) -> bytes:
    """One server-sent event; ``data`` as one line of JSON (or a literal string)."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {payload}\n\n".encode()


PING = b": keep-alive\n\n"
