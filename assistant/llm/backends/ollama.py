"""A local Ollama server (``/api/chat``) through ``langchain_ollama.ChatOllama``."""

from __future__ import annotations

from assistant.core.errors import ConfigError, LLMError, LLMTransientError
from assistant.core.settings import Settings
from assistant.llm.base import register
from assistant.llm.doctor import endpoint_checks

DEFAULT_BASE_URL = "http://127.0.0.1:11434"


def build(settings: Settings):
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:
        raise ConfigError("The ollama LLM backend is not installed.", "Run: pip install langchain-ollama") from exc
    return ChatOllama(
        model=settings.llm_model,
        base_url=settings.llm_base_url or DEFAULT_BASE_URL,
        temperature=settings.llm_temperature,
        num_predict=settings.llm_max_tokens,
        client_kwargs={"timeout": settings.llm_timeout},
    )


def translate(exc: Exception) -> LLMError:
    import httpx
    import ollama

    if isinstance(exc, httpx.TimeoutException):
        return LLMTransientError("The Ollama server timed out.", "Raise IPFIN_LLM_TIMEOUT or use a smaller model.")
    if isinstance(exc, (httpx.ConnectError, ConnectionError)):
        return LLMTransientError(
            "Cannot connect to the Ollama server.", "Start it with `ollama serve`, or set IPFIN_LLM_BASE_URL."
        )
    if isinstance(exc, ollama.ResponseError):
        status = exc.status_code
        if status == 429 or status >= 500:
            return LLMTransientError(f"The Ollama server failed (HTTP {status}): {str(exc.error)[:120]}")
        if status == 404:
            return LLMError(
                f"Ollama has no model {exc.error[:80]!r} (HTTP 404).", "Pull it first: ollama pull <model>."
            )
        return LLMError(f"The Ollama server rejected the request (HTTP {status}): {str(exc.error)[:120]}")
    if isinstance(exc, (ValueError, KeyError)):
        return LLMError(f"The Ollama server sent a reply ipfin cannot read ({exc.__class__.__name__}).")
    return LLMError(f"The Ollama call failed ({exc.__class__.__name__}: {str(exc)[:120]}).")


def models_url(base: str) -> str:
    """Where the server lists its models (``ipfin doctor`` checks the configured one is there)."""
    return f"{base.rstrip('/')}/api/tags"


register("ollama", build, translate, DEFAULT_BASE_URL, models_url, check=endpoint_checks)
