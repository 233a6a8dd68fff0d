"""The answerer interface: every backend (extractive, LLM) returns an :class:`Answer`."""

from __future__ import annotations

from abc import ABC, abstractmethod

from ..retrieve import Retrieval
from ..types import Answer


class Answerer(ABC):
    #: The ``mode`` recorded in every answer.
    name: str

    @abstractmethod
    def answer(self, question: str, condensed: str, retrieval: Retrieval, lang: str) -> Answer:
        """Answer ``condensed`` from ``retrieval``; ``question`` is what the user typed."""
