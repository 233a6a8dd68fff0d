"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol
(plain JSON and SSE streaming) and Ollama's /api/chat (JSON and NDJSON streaming),
replying from a script. The only fake in the suite: no LLM can run here."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Step:
    """One scripted reply: text (split into ``pieces`` when streamed), or a failure."""

    text: str = ""
    status: int = 200
    delay: float = 0.0
    garbage: bool = False
    retry_after: str | None = None
    pieces: int = 4


@dataclass
class FakeLLM:
    script: deque = field(default_factory=deque)
    requests: list[dict] = field(default_factory=list)
    default: Step = field(default_factory=lambda: Step(text=""))
    #: Decides the reply from the request body when the script is empty.
    responder: Callable[[dict], Step] | None = None
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, *steps: Step) -> None:
        self.script.extend(steps)

    def next_step(self, body: dict) -> Step:
        if self.script:
            return self.script.popleft()
        return self.responder(body) if self.responder else self.default

    def start(self) -> FakeLLM:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "scripted", "object": "model"}]})
                elif self.path == "/api/tags":
                    self._json(200, {"models": [{"name": "scripted", "model": "scripted"}]})
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "body": body})
                step = fake.next_step(body)
                if step.delay:
                    time.sleep(step.delay)
                if step.status != 200:
                    headers = {"Retry-After": step.retry_after} if step.retry_after is not None else {}
                    self._json(step.status, {"error": {"message": f"scripted {step.status}", "type": "server_error"}}, headers)
                    return
                if step.garbage:
                    self._raw(200, "application/json", b"{this is not json")
                    return
                if self.path.endswith("/chat/completions"):
                    self._openai(body, step)
                elif self.path == "/api/chat":
                    self._ollama(body, step)
                else:
                    self._json(404, {"error": "not found"})

            # -- OpenAI ------------------------------------------------------------
            def _openai(self, body, step):
                base = {"id": "chatcmpl-1", "created": int(time.time()), "model": body.get("model", "scripted")}
                if not body.get("stream"):
                    self._json(200, base | {
                        "object": "chat.completion",
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": step.text}, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    })
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                for piece in _split(step.text, step.pieces):
                    chunk = base | {"object": "chat.completion.chunk",
                                    "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                end = base | {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                self.wfile.flush()
                self.close_connection = True

            # -- Ollama ------------------------------------------------------------
            def _ollama(self, body, step):
                now = "2026-11-27T00:00:00Z"
                model = body.get("model", "scripted")
                done = {"model": model, "created_at": now, "message": {"role": "assistant", "content": ""},
                        "done": True, "done_reason": "stop", "total_duration": 1, "eval_count": 1, "prompt_eval_count": 1}
                if body.get("stream") is False:
                    self._json(200, done | {"message": {"role": "assistant", "content": step.text}})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Connection", "close")
                self.end_headers()
                for piece in _split(step.text, step.pieces):
                    line = {"model": model, "created_at": now, "message": {"role": "assistant", "content": piece}, "done": False}
                    self.wfile.write((json.dumps(line, ensure_ascii=False) + "\n").encode())
                    self.wfile.flush()
                self.wfile.write((json.dumps(done) + "\n").encode())
                self.wfile.flush()
                self.close_connection = True

            def _json(self, status, payload, headers=None):
                self._raw(status, "application/json", json.dumps(payload, ensure_ascii=False).encode(), headers)

            def _raw(self, status, ctype, data, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


def _split(text: str, n: int) -> list[str]:
    if not text:
        return []
    size = max(1, -(-len(text) // n))
    return [text[i : i + size] for i in range(0, len(text), size)]


def echo_first_passage(body: dict) -> Step:
    """A well-behaved model: quotes the first sentence of passage [1] with its citation,
    and scores judge prompts 0.9."""
    text = body["messages"][-1]["content"] if "messages" in body else body.get("prompt", "")
    if "評価者" in text:
        return Step(text="0.9")
    if "<<<資料ここから>>>" not in text:
        return Step(text=text.rsplit("新しい質問:", 1)[-1].strip() or "質問")
    data = text.split("<<<資料ここから>>>", 1)[1].split("<<<資料ここまで>>>", 1)[0]
    first = data.strip().split("\n", 2)
    body_text = first[1] if len(first) > 1 else first[0]
    sentence = body_text.split("。")[0] + "。"
    english = "### 質問\n" in text and text.split("### 質問\n", 1)[1].split("\n", 1)[0].isascii()
    if english:
        return Step(text=f"According to the documents: 「{sentence}」 [1]")
    return Step(text=f"{sentence[:-1]}[1]。")
