"""The OpenAI chat-completions protocol on top of :meth:`Assistant.ask`.

The last message must be the user's question; the earlier user messages are the
history (the most recent ``IPFIN_SERVE_MAX_HISTORY``), so a follow-up such as
「それはいつから？」 is understood; system, assistant and tool messages are not
questions and are skipped. The reply's content is the cited answer as Markdown
(:mod:`assistant.serve.markdown`); the full answer JSON rides along as ``ipfin``.

Streaming sends the role first, keep-alive comments while the answer is composed, then
the Markdown in pieces, ``finish_reason: "stop"`` and ``[DONE]``. An LLM's draft is not
streamed here (``/v1/ask?stream=true`` does that): an OpenAI client keeps every piece it
receives, and only the verified answer may be kept.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from assistant.serve.errors import ApiError
from assistant.serve.schemas import MODEL_ID, ChatMessage

#: Pieces of about this many characters when the Markdown is streamed.
STREAM_PIECE = 200


def unknown_model(model: str) -> ApiError:
    return ApiError(
        404, "model_not_found", f"The model {model[:100]!r} does not exist; this server has one model, {MODEL_ID!r}."
    )


def message_text(message: ChatMessage) -> str:
    """The text of a message: a string, or the text parts of a list of parts."""
    content = message.content
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    texts = []
    for part in content:
        if part.get("type") == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
        elif part.get("type") not in (None, "text"):
            raise ApiError(400, "invalid_request", f"ipfin reads text only; a {str(part.get('type'))[:40]!r} part was sent.")
    return "\n".join(texts)


def question_and_history(messages: list[ChatMessage], max_history: int) -> tuple[str, list[str]]:
    """The question (the last message, a user's) and the earlier user messages."""
    last = messages[-1]
    if last.role != "user":
        raise ApiError(
            400, "invalid_request", f"The last message must be the user's question; it is a {last.role[:20]!r} message."
        )
    earlier = [message_text(m) for m in messages[:-1] if m.role == "user"]
    earlier = [h for h in earlier if h.strip()]
    return message_text(last), earlier[-max_history:] if max_history else []


def new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def completion(cid: str, created: int, content: str, answer_json: dict) -> dict[str, Any]:
    return {
        "id": cid,
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "ipfin": answer_json,
    }


def chunk(cid: str, created: int, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
    return {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def pieces(text: str, size: int = STREAM_PIECE) -> list[str]:
    """The Markdown cut at line ends near ``size`` characters (whole lines where possible)."""
    out: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        if current and len(current) + len(line) > size:
            out.append(current)
            current = ""
        current += line
    if current:
        out.append(current)
    return out


def model_card() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": _CREATED, "owned_by": "ipfin"}


_CREATED = int(time.time())
