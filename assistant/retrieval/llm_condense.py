"""Follow-up condensation by the LLM, falling back to the heuristic on any failure."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.messages import HumanMessage

from assistant.core.errors import LLMError
from assistant.llm.base import ChatClient
from assistant.llm.prompts import text_prompt
from assistant.retrieval.condense import condense as heuristic_condense
from assistant.text.ja import detect_lang

MAX_CONDENSED_CHARS = 400


def llm_condense(
    client: ChatClient, question: str, history: list[str], idf: Callable[[str], float] | None = None
) -> str:
    if not history:
        return question
    template, _ = text_prompt("condense")
    prompt = template.format(history="\n".join(f"- {h}" for h in history[-4:]), question=question)
    try:
        reply = client.invoke([HumanMessage(prompt)]).strip().splitlines()
    except LLMError:
        return heuristic_condense(question, history, idf)
    rewritten = reply[0].strip() if reply else ""
    if not rewritten or len(rewritten) > MAX_CONDENSED_CHARS or detect_lang(rewritten) != detect_lang(question):
        return heuristic_condense(question, history, idf)
    return rewritten
