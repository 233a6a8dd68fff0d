"""The API's errors: one JSON envelope, the CLI's messages, never a traceback.

Every error response is ``{"error": {"code": "…", "message": "…"}}``. An
:class:`~assistant.core.errors.IpfinError` keeps the message the CLI prints after
``error:`` (what happened and how to fix it); its status says whose move it is:

* 400 the question or the request is wrong (``invalid_question``, ``invalid_request``),
  401 no or a wrong API key, 404 unknown path or model, 413 the body is too large,
  422 the body does not match the schema;
* 503 the server cannot answer yet: no index, an index built by another embedder, an
  embedder that does not load (``index_not_built``, ``embedder_mismatch``, …);
* 500 anything unexpected: the message names the exception class only, the details go
  to the server's log.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.core.errors import (
    ConfigError,
    EmbedderError,
    EmbedderMismatchError,
    IndexNotBuiltError,
    IndexStateError,
    IpfinError,
    LLMError,
    QuestionError,
)

log = logging.getLogger("ipfin.serve")


class ApiError(Exception):
    """An error the API answers with ``status`` and ``{"error": {"code", "message"}}``."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


#: IpfinError subclasses, most specific first: (class, status, code).
_IPFIN_STATUS: tuple[tuple[type[IpfinError], int, str], ...] = (
    (QuestionError, 400, "invalid_question"),
    (IndexNotBuiltError, 503, "index_not_built"),
    (EmbedderMismatchError, 503, "embedder_mismatch"),
    (IndexStateError, 503, "index_unavailable"),
    (EmbedderError, 503, "embedder_unavailable"),
    (ConfigError, 503, "config_error"),
    (LLMError, 502, "llm_error"),
)


def from_ipfin(exc: IpfinError) -> ApiError:
    """The API error for an ipfin error: the CLI's one-line message, a status by kind."""
    for cls, status, code in _IPFIN_STATUS:
        if isinstance(exc, cls):
            return ApiError(status, code, str(exc))
    return ApiError(400, "invalid_request", str(exc))


def from_exception(exc: BaseException) -> ApiError:
    """Any exception as an API error; an unexpected one says only its class."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, IpfinError):
        return from_ipfin(exc)
    return ApiError(500, "internal_error", f"unexpected {exc.__class__.__name__} (the server log has the details).")


def body(error: ApiError) -> dict:
    return {"error": {"code": error.code, "message": error.message}}


def response(error: ApiError) -> JSONResponse:
    return JSONResponse(body(error), status_code=error.status, headers=error.headers)


def validation_message(exc: RequestValidationError) -> str:
    """One line from pydantic's errors: where, and what is wrong (never the value sent)."""
    parts = []
    for err in exc.errors()[:3]:
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        where = ".".join(loc) or "body"
        if err.get("type") == "json_invalid":
            parts.append("the body is not valid JSON")
        else:
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "") + "."


_HTTP_CODES = {
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
}


def install(app: FastAPI) -> None:
    """Route every error through the envelope."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return response(exc)

    @app.exception_handler(IpfinError)
    async def _ipfin(_: Request, exc: IpfinError) -> JSONResponse:
        error = from_ipfin(exc)
        if error.status >= 500:  # the server's state, worth an operator's eye (never a request's text)
            log.warning("%s: %s", error.code, error.message)
        return response(error)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return response(ApiError(422, "invalid_request", validation_message(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code) or HTTPStatus(exc.status_code).phrase.lower().replace(" ", "_")
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = "No such endpoint. The API is described at /docs."
        return response(ApiError(exc.status_code, code, detail, dict(exc.headers or {})))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return response(from_exception(exc))
