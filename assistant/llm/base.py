"""The LLM backend interface: a registry of LangChain chat-model factories, and one
place that turns every provider's exceptions into :class:`LLMError`, with bounded,
backed-off retries for transient failures.

A backend module (``openai.py``, ``ollama.py``) registers a factory that builds a
LangChain ``BaseChatModel`` from :class:`~assistant.config.Settings` and a
``translate(exc)`` that maps the provider's exceptions; the default backend is written
like any third-party one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from assistant.core.errors import ConfigError, LLMError, LLMTransientError
from assistant.core.settings import Settings

BACKOFF_BASE = 0.5  # seconds; doubled on every retry
BACKOFF_MAX = 8.0


@dataclass(frozen=True)
class Backend:
    name: str
    build: Callable[[Settings], BaseChatModel]
    translate: Callable[[Exception], LLMError]
    default_base_url: str


_REGISTRY: dict[str, Backend] = {}


def register(backend: Backend) -> Backend:
    _REGISTRY[backend.name] = backend
    return backend


def get_backend(name: str) -> Backend:
    from assistant.llm import ollama, openai  # noqa: F401 - registers the bundled backends

    if name not in _REGISTRY:
        raise ConfigError(f"Unknown LLM provider {name!r}.", f"Choose one of: {', '.join(sorted(_REGISTRY))}.")
    return _REGISTRY[name]


class ChatClient:
    """A chat model plus the retry policy; ``invoke``/``stream`` raise only LLMError."""

    def __init__(self, settings: Settings, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.backend = get_backend(settings.llm_provider)
        self.model = self.backend.build(settings)
        self._sleep = sleep

    @property
    def description(self) -> str:
        url = self.settings.llm_base_url or self.backend.default_base_url
        return f"{self.backend.name}:{self.settings.llm_model} at {url}"

    def _retrying(self, attempt: Callable[[], object]) -> object:
        for tries in range(self.settings.llm_retries + 1):
            try:
                return attempt()
            except LLMError:
                raise
            except Exception as exc:
                error = self.backend.translate(exc)
                if not isinstance(error, LLMTransientError) or tries == self.settings.llm_retries:
                    raise error from exc
                delay = error.retry_after if error.retry_after is not None else BACKOFF_BASE * 2**tries
                self._sleep(min(delay, BACKOFF_MAX))
        raise AssertionError("unreachable")  # pragma: no cover

    def invoke(self, messages: list[BaseMessage]) -> str:
        reply = self._retrying(lambda: self.model.invoke(messages))
        return _text(reply)

    def stream(self, messages: list[BaseMessage]) -> Iterator[str]:
        """Yield text pieces. A failure before the first piece is retried; a failure
        after it is raised (the caller falls back), since replaying would duplicate text."""
        started = False

        def first() -> tuple[Iterator, str]:
            it = iter(self.model.stream(messages))
            try:
                piece = next(it)
            except StopIteration:
                return iter(()), ""
            return it, _text(piece)

        it, head = self._retrying(first)  # type: ignore[misc]
        if head:
            started = True
            yield head
        try:
            for piece in it:
                text = _text(piece)
                if text:
                    started = True
                    yield text
        except Exception as exc:
            error = self.backend.translate(exc)
            raise LLMError(
                f"The reply stopped part-way ({error.message})" if started else error.message, error.hint
            ) from exc


def _text(message: object) -> str:
    content = getattr(message, "content", message)
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")
