"""The FastAPI application: routes, the error envelope, limits and start-up.

``create_app()`` builds one application with one :class:`~assistant.serve.service.Service`
(one assistant) for the process; uvicorn calls it once in each worker process
(``ipfin serve --workers N``), so every worker loads its own model and index and shares
them across its requests.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi_offline import FastAPIOffline

from assistant.app import Answer, Assistant, Settings, validate_question
from assistant.core.version import __version__
from assistant.serve import chat, streaming
from assistant.serve.auth import require_key
from assistant.serve.errors import ApiError, body, from_exception, install
from assistant.serve.limits import BodyLimit
from assistant.serve.markdown import answer_markdown
from assistant.serve.schemas import (
    AnswerOut,
    AskRequest,
    ChatRequest,
    ErrorOut,
    ModelCard,
    ModelList,
)
from assistant.serve.service import Service

DESCRIPTION = """\
Answers about Japanese IP finance (知財金融) and 企業価値担保権 from the indexed documents,
every sentence with its source. `POST /v1/ask` returns what `ipfin ask --json` prints;
`POST /v1/chat/completions` speaks the OpenAI protocol (model `ipfin`), so OpenAI
clients and chat front ends can use ipfin as a model. Errors are
`{"error": {"code", "message"}}`. When the server sets `IPFIN_API_KEYS`, the `/v1`
routes need `Authorization: Bearer <key>`.
"""

ERRORS = {
    400: {"model": ErrorOut, "description": "The question or the request is wrong."},
    401: {"model": ErrorOut, "description": "No or a wrong API key (only when IPFIN_API_KEYS is set)."},
    413: {"model": ErrorOut, "description": "The body is over IPFIN_SERVE_MAX_BODY_KB."},
    422: {"model": ErrorOut, "description": "The body does not match the schema."},
    503: {"model": ErrorOut, "description": "No index, an index of another embedder, or still loading."},
}


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """The application; ``settings`` default to the ``IPFIN_*`` environment."""
    settings = settings or (assistant.settings if assistant else Settings.from_env())
    service = Service(settings, assistant)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # load in the background: /healthz answers at once, /readyz once loaded
        threading.Thread(target=service.warm_up, name="ipfin-warm-up", daemon=True).start()
        yield

    app = FastAPIOffline(
        title="ipfin API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
        static_url="/docs-static",
    )
    app.state.service = service
    app.add_middleware(BodyLimit, max_bytes=settings.serve_max_body_kb * 1024)
    install(app)
    app.include_router(_probes())
    app.include_router(_v1(), prefix="/v1", dependencies=[Depends(require_key)], responses=ERRORS)
    return app


def _service(request: Request) -> Service:
    return request.app.state.service


# ---------------------------------------------------------------------- probes


def _probes() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="The process is up")
    async def healthz(request: Request) -> dict:
        service = _service(request)
        return {
            "status": "ok",
            "version": __version__,
            "worker": os.getpid(),  # which worker process answered (``--workers N``)
            "uptime_s": round(time.time() - service.started, 1),
        }

    @router.get(
        "/readyz",
        summary="The index is open and built by the configured embedder",
        responses={503: {"model": ErrorOut, "description": "Loading, no index, or another embedder's index."}},
    )
    async def readyz(request: Request) -> JSONResponse:
        service = _service(request)
        if not service.warm:
            raise ApiError(503, "loading", "The model and the index are still loading; try again in a moment.")
        return JSONResponse(await service.light_call(service.readiness))

    return router


# ---------------------------------------------------------------------- /v1


def _checked(service: Service, question: str, history: list[str]) -> None:
    """Refuse a bad question or history before any work starts (and before a stream)."""
    s = service.settings
    validate_question(question, s.max_question_chars)
    if len(history) > s.serve_max_history:
        raise ApiError(
            400,
            "too_many_turns",
            f"The history has {len(history)} turns; the limit is {s.serve_max_history}. "
            "Send the most recent turns only, or raise IPFIN_SERVE_MAX_HISTORY on the server.",
        )
    for turn in history:
        validate_question(turn, s.max_question_chars)


def _v1() -> APIRouter:
    router = APIRouter()

    @router.post(
        "/ask",
        tags=["ask"],
        summary="Answer a question with citations (the JSON of `ipfin ask --json`)",
        response_model=AnswerOut,
        responses={200: {"content": {"text/event-stream": {}}, "description": "JSON, or events with ?stream=true"}},
    )
    async def ask(
        request: Request,
        req: AskRequest,
        stream: Annotated[
            bool,
            Query(description="Server-sent events: `token` (LLM text as it comes), then `answer` (the final JSON)."),
        ] = False,
    ):
        service = _service(request)
        _checked(service, req.question, req.history)
        mode = req.mode.value if req.mode else None
        if not stream:
            answer = await service.ask_call(
                service.assistant.ask, req.question, req.history, mode, persona=req.persona
            )
            return JSONResponse(answer.to_json())
        await service.light_call(service.assistant.open)  # no index: a 503 now, not an event later

        def start(on_token):
            return service.ask_call(
                service.assistant.ask, req.question, req.history, mode, persona=req.persona, on_token=on_token
            )

        async def events():
            async for kind, value in streaming.events(start):
                if kind == "token":
                    yield streaming.sse({"text": value}, "token")
                elif kind == "ping":
                    yield streaming.PING
                elif kind == "done":
                    yield streaming.sse(value.to_json(), "answer")
                else:
                    yield streaming.sse(body(from_exception(value)), "error")

        return StreamingResponse(events(), media_type=streaming.MEDIA_TYPE, headers=streaming.HEADERS)

    @router.get("/sources", tags=["ask"], summary="The indexed documents (`ipfin sources --json`)")
    async def sources(request: Request) -> dict:
        service = _service(request)
        infos = await service.light_call(service.assistant.documents)
        return {"sources": [info.to_json() for info in infos]}

    @router.get("/models", tags=["openai"], summary="The one model, `ipfin`", response_model=ModelList)
    async def models() -> dict:
        return {"object": "list", "data": [chat.model_card()]}

    @router.get("/models/{model}", tags=["openai"], summary="The model `ipfin`", response_model=ModelCard)
    async def model(model: str) -> dict:
        if model != chat.model_card()["id"]:
            raise chat.unknown_model(model)
        return chat.model_card()

    @router.post(
        "/chat/completions",
        tags=["openai"],
        summary="OpenAI-compatible chat: the cited answer as Markdown with its sources",
    )
    async def chat_completions(request: Request, req: ChatRequest):
        service = _service(request)
        if req.model != chat.model_card()["id"]:
            raise chat.unknown_model(req.model)
        question, history = chat.question_and_history(req.messages, service.settings.serve_max_history)
        _checked(service, question, history)
        mode = req.mode.value if req.mode else None
        cid, created = chat.new_id(), int(time.time())

        def answer_now() -> Answer:
            return service.assistant.ask(question, history, mode, persona=req.persona)

        if not req.stream:
            answer = await service.ask_call(answer_now)
            return JSONResponse(chat.completion(cid, created, answer_markdown(answer), answer.to_json()))
        await service.light_call(service.assistant.open)

        async def events():
            yield streaming.sse(chat.chunk(cid, created, {"role": "assistant", "content": ""}))
            async for kind, value in streaming.events(lambda _on_token: service.ask_call(answer_now)):
                if kind == "ping":
                    yield streaming.PING
                elif kind == "done":
                    for piece in chat.pieces(answer_markdown(value)):
                        yield streaming.sse(chat.chunk(cid, created, {"content": piece}))
                    yield streaming.sse(chat.chunk(cid, created, {}, "stop"))
                    yield streaming.sse("[DONE]")
                elif kind == "error":
                    yield streaming.sse(body(from_exception(value)))

        return StreamingResponse(events(), media_type=streaming.MEDIA_TYPE, headers=streaming.HEADERS)

    return router
