"""The LLM client: a LangChain chat model from the registered backend, one place that turns
every provider's exceptions into :class:`LLMError`, and bounded, backed-off retries (tenacity)
for transient failures.

A backend module (``assistant/llm/backends/openai.py``, ``ollama.py``) registers a
:class:`~assistant.core.registry.BackendSpec` whose factory builds a LangChain
``BaseChatModel`` from :class:`~assistant.core.settings.Settings`, with ``extras``:
``translate(exc) -> LLMError``, ``default_base_url`` and ``models_url(base)`` (what
``ipfin doctor`` lists). The bundled backends are written like third-party ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from assistant.core.errors import LLMError, LLMTransientError
from assistant.core.registry import LLM_BACKENDS, BackendSpec
from assistant.core.settings import Settings

BACKOFF_BASE = 0.5  # seconds; doubled on every retry
BACKOFF_MAX = 8.0


@dataclass(frozen=True)
class Backend:
    """What the client needs of a registered LLM backend."""

    name: str
    build: Callable[[Settings], BaseChatModel]
    translate: Callable[[Exception], LLMError]
    default_base_url: str
    models_url: Callable[[str], str]

    @classmethod
    def from_spec(cls, spec: BackendSpec) -> Backend:
        return cls(
            spec.name,
            spec.build,
            spec.extras["translate"],
            spec.extras["default_base_url"],
            spec.extras["models_url"],
        )


def register(
    name: str,
    build: Callable[[Settings], BaseChatModel],
    translate: Callable[[Exception], LLMError],
    default_base_url: str,
    models_url: Callable[[str], str],
    check: Callable[[Settings], list] | None = None,
) -> BackendSpec:
    """Register an LLM backend (called once by each backend module)."""
    return LLM_BACKENDS.register(
        BackendSpec(
            name,
            build,
            needs=("llm_model",),
            hint="Set IPFIN_LLM_MODEL to the name the server has loaded.",
            check=check,
            extras={"translate": translate, "default_base_url": default_base_url, "models_url": models_url},
        )
    )


def get_backend(name: str) -> Backend:
    return Backend.from_spec(LLM_BACKENDS.get(name))


def _wait(state: RetryCallState) -> float:
    """Exponential backoff, or the server's Retry-After when it gave one; capped."""
    error = state.outcome.exception() if state.outcome else None
    after = getattr(error, "retry_after", None)
    delay = after if after is not None else BACKOFF_BASE * 2 ** (state.attempt_number - 1)
    return min(delay, BACKOFF_MAX)


class ChatClient:
    """A chat model plus the retry policy; ``invoke``/``stream`` raise only LLMError."""

    def __init__(self, settings: Settings, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.backend = get_backend(settings.llm_provider)
        self.model = self.backend.build(settings)
        self._sleep = sleep

    @property
    def description(self) -> str:
        return f"{self.backend.name}:{self.settings.llm_model} at {self.base_url}"

    @property
    def base_url(self) -> str:
        return self.settings.llm_base_url or self.backend.default_base_url

    def _retrying(self, attempt: Callable[[], object]) -> object:
        def once() -> object:
            try:
                return attempt()
            except LLMError:
                raise
            except Exception as exc:
                raise self.backend.translate(exc) from exc

        retrying = Retrying(
            stop=stop_after_attempt(self.settings.llm_retries + 1),
            retry=retry_if_exception_type(LLMTransientError),
            wait=_wait,
            sleep=self._sleep,
            reraise=True,
        )
        return retrying(once)

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
