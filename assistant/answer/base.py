"""The answerer interface: every backend (extractive, LLM) returns an :class:`Answer`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from assistant.core.types import Answer
from assistant.retrieval.hybrid import Retrieval


class Answerer(ABC):
    #: The ``mode`` recorded in every answer.
    name: str

    #: True when :meth:`answer` calls ``on_token`` with pieces of text as they arrive.
    can_stream: bool = False

    @abstractmethod
    def answer(
        self,
        question: str,
        condensed: str,
        retrieval: Retrieval,
        lang: str,
        *,
        persona: str = "sme",
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer ``condensed`` from ``retrieval``; ``question`` is what the user typed."""
