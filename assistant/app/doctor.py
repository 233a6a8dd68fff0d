"""``ipfin doctor``: check the settings, the index, the embedder and the LLM endpoint,
and say what is wrong and how to fix it. Each backend brings its own check (registry);
the index checks (:mod:`assistant.index.health`) compare its manifest, BM25 data and
vector store, locally or on a Chroma server."""

from __future__ import annotations

from assistant.core.errors import IpfinError
from assistant.core.health import Check
from assistant.core.registry import EMBEDDERS, LLM_BACKENDS
from assistant.core.settings import Settings


def run_checks(settings: Settings) -> list[Check]:
    checks: list[Check] = []
    try:
        from assistant.embed.base import get_embedder

        embedder = get_embedder(settings.embedder, settings.embed_model)
        checks.append(Check("embedder", True, embedder.identity))
    except IpfinError as exc:
        return [Check("embedder", False, str(exc))]
    spec = EMBEDDERS.get(settings.embedder)
    if spec.check is not None:
        checks.extend(spec.check(settings))
    try:
        from assistant.index.generation import backend_for
        from assistant.index.health import check_index

        # the manifest, the BM25 data and the vector store agree; each failure says how to fix it
        checks.extend(check_index(backend_for(settings), embedder.identity, embedder.dim))
    except IpfinError as exc:
        checks.append(Check("index", False, str(exc)))
    if not settings.llm_enabled:
        checks.append(
            Check("llm", True, "not configured: answers are extractive (set IPFIN_LLM_PROVIDER to use a model)")
        )
        return checks
    llm = LLM_BACKENDS.get(settings.llm_provider)
    if llm.check is not None:
        checks.extend(llm.check(settings))
    return checks
