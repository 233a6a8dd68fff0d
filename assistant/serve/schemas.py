"""Request and response bodies of the API (pydantic; they are also the /docs schemas)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.app import PERSONAS, RetrievalMode

MODEL_ID = "ipfin"
EXAMPLE_QUESTION = "広東省では知財担保融資の損失をどう分担していますか？"


def _check_persona(value: str) -> str:
    if value not in PERSONAS:
        raise ValueError(f"must be one of {', '.join(PERSONAS)}")
    return value


class AskRequest(BaseModel):
    """``POST /v1/ask``: what ``ipfin ask`` takes on its command line."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"question": EXAMPLE_QUESTION}]})

    question: str = Field(description="The question, in Japanese or English (IPFIN_MAX_QUESTION_CHARS at most).")
    history: list[str] = Field(
        default_factory=list,
        description="Earlier user questions of the conversation, oldest first (for follow-ups such as 「それはいつから？」).",
    )
    persona: str = Field("sme", description="sme, bank or advisor: how an LLM answer is framed.")
    mode: RetrievalMode | None = Field(None, description="Retrieval mode for this question (default: the server's).")

    _persona = field_validator("persona")(_check_persona)


class CitationOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    n: int
    source_id: str
    title: str
    publisher: str
    url: str | None
    page: int | None
    quote: str = Field(description="The cited sentence, verbatim from the chunk.")


class AnswerOut(BaseModel):
    """The JSON of ``ipfin ask --json`` (fields beyond these are listed in the README)."""

    model_config = ConfigDict(extra="allow")

    answer: str
    abstained: bool
    abstain_reason: str
    citations: list[CitationOut]
    mode: str = Field(description="extractive or llm")
    query: str
    condensed_query: str
    lang: str
    timings_ms: dict[str, float]
    verification: dict[str, Any] | None = Field(None, description="LLM answers only.")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail


# ------------------------------------------------------------------ OpenAI-compatible


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """``POST /v1/chat/completions``, as OpenAI clients send it. Sampling options
    (temperature, max_tokens, …) are accepted and ignored: the answer is quoted."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={"examples": [{"model": MODEL_ID, "messages": [{"role": "user", "content": EXAMPLE_QUESTION}]}]},
    )

    model: str = Field(MODEL_ID, description=f"Always {MODEL_ID!r}.")
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    persona: str = Field("sme", description="ipfin extension (extra_body): sme, bank or advisor.")
    mode: RetrievalMode | None = Field(None, description="ipfin extension (extra_body): hybrid, bm25 or dense.")

    _persona = field_validator("persona")(_check_persona)


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "ipfin"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]
