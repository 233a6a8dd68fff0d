"""Any OpenAI-compatible chat-completions server (OpenAI, vLLM, llama.cpp server,
LM Studio, Ollama's /v1) through ``langchain_openai.ChatOpenAI``."""

from __future__ import annotations

from assistant.core.errors import ConfigError, LLMError, LLMTransientError
from assistant.core.settings import Settings
from assistant.llm.base import register
from assistant.llm.doctor import endpoint_checks

DEFAULT_BASE_URL = "https://api.openai.com/v1"
#: Local servers (vLLM, llama.cpp, LM Studio) ignore the key but the client needs one.
PLACEHOLDER_KEY = "not-needed"


def build(settings: Settings):
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise ConfigError("The openai LLM backend is not installed.", "Run: pip install langchain-openai") from exc
    base_url = settings.llm_base_url or DEFAULT_BASE_URL
    if base_url == DEFAULT_BASE_URL and not settings.api_key:
        raise ConfigError(
            "No API key for the OpenAI API.",
            "Set IPFIN_LLM_API_KEY (or OPENAI_API_KEY), or IPFIN_LLM_BASE_URL for a local server.",
        )
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=base_url,
        api_key=settings.api_key or PLACEHOLDER_KEY,
        timeout=settings.llm_timeout,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
        max_retries=0,  # ipfin's ChatClient retries, with the same policy for every backend
    )


def translate(exc: Exception) -> LLMError:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return LLMTransientError("The LLM endpoint timed out.", "Raise IPFIN_LLM_TIMEOUT or check the server's load.")
    if isinstance(exc, openai.APIConnectionError):
        return LLMTransientError(
            "Cannot connect to the LLM endpoint.", "Check that the server runs and IPFIN_LLM_BASE_URL is right."
        )
    if isinstance(exc, openai.RateLimitError):
        retry = exc.response.headers.get("retry-after") if exc.response is not None else None
        return LLMTransientError(
            "The LLM endpoint is rate-limiting requests (HTTP 429).",
            "Wait a moment, or lower the request rate.",
            retry_after=float(retry) if retry and retry.replace(".", "", 1).isdigit() else None,
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status >= 500:
            return LLMTransientError(f"The LLM endpoint failed (HTTP {status}).", "Check the server's logs.")
        if status in (401, 403):
            return LLMError(f"The LLM endpoint refused the key (HTTP {status}).", "Check IPFIN_LLM_API_KEY.")
        if status == 404:
            return LLMError(
                f"The LLM endpoint has no such model or path (HTTP 404): {exc.message[:120]}",
                "Check IPFIN_LLM_MODEL and that IPFIN_LLM_BASE_URL ends in /v1.",
            )
        return LLMError(f"The LLM endpoint rejected the request (HTTP {status}): {exc.message[:120]}")
    if isinstance(exc, openai.APIError):
        return LLMError(f"The LLM endpoint sent a reply ipfin cannot read ({exc.__class__.__name__}).")
    return LLMError(f"The LLM call failed ({exc.__class__.__name__}: {str(exc)[:120]}).")


def models_url(base: str) -> str:
    """Where the server lists its models (``ipfin doctor`` checks the configured one is there)."""
    return f"{base.rstrip('/')}/models"


register("openai", build, translate, DEFAULT_BASE_URL, models_url, check=endpoint_checks)
