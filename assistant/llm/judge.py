"""The optional LLM judge of ``ipfin eval``: faithfulness and answer relevancy, each a
number in [0, 1] from the configured endpoint.

Own prompts (prompts/judge.*.md) rather than ragas or deepeval: both ask the model for
structured JSON with English-centric instructions, which small local models (the kind
users run behind Ollama or llama.cpp) often break on Japanese text; a single number per
call is robust, cheap, and easy to audit.
"""

from __future__ import annotations

import re

from langchain_core.messages import HumanMessage

from assistant.core.errors import LLMError
from assistant.llm.base import ChatClient
from assistant.llm.prompts import text_prompt

_NUMBER = re.compile(r"(?<![\d.])(0(?:\.\d+)?|1(?:\.0+)?)(?![\d.])")


class Judge:
    def __init__(self, client: ChatClient) -> None:
        self.client = client
        self.faithfulness_prompt, faith_v = text_prompt("judge.faithfulness")
        self.relevancy_prompt, rel_v = text_prompt("judge.relevancy")
        self.version = f"{faith_v}+{rel_v}"

    def _score(self, prompt: str) -> float | None:
        try:
            reply = self.client.invoke([HumanMessage(prompt)])
        except LLMError:
            return None
        m = _NUMBER.search(reply)
        return float(m.group(1)) if m else None

    def faithfulness(self, passages: str, answer: str) -> float | None:
        return self._score(self.faithfulness_prompt.format(passages=passages, answer=answer))

    def relevancy(self, question: str, answer: str) -> float | None:
        return self._score(self.relevancy_prompt.format(question=question, answer=answer))
