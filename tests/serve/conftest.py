"""Fixtures of the API tests: the app served on 127.0.0.1 over the session's bundled index."""

from __future__ import annotations

import json

import pytest

from assistant.serve.app import create_app
from tests.serve.live import live

GUANGDONG = "広東省では知財担保融資の損失をどう分担していますか？"
DEFINITION = "企業価値担保権とは何ですか？"
FOLLOW_UP = "それはいつから使えますか？"


@pytest.fixture(scope="module")
def api(assistant):
    """The API over the bundled index, sharing the session's assistant (model and index)."""
    with live(create_app(assistant=assistant)) as server:
        assert server.wait_ready().status_code == 200
        yield server


def without_timings(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "timings_ms"}


def sse_events(text: str) -> list[tuple[str | None, str]]:
    """(event, data) of a server-sent event stream; comments (keep-alives) are skipped."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        event, data = None, []
        for line in block.split("\n"):
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        if data:
            out.append((event, "\n".join(data)))
    return out


def json_events(text: str) -> list[tuple[str | None, dict]]:
    return [(e, json.loads(d)) for e, d in sse_events(text) if d != "[DONE]"]
