"""``ipfin doctor``: check the settings, the index, the embedder and the LLM endpoint,
and say what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.errors import IpfinError
from assistant.core.settings import Settings


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def run_checks(settings: Settings) -> list[Check]:
    checks: list[Check] = []
    try:
        from assistant.embed.base import get_embedder

        embedder = get_embedder(settings.embedder, settings.embed_model)
        checks.append(Check("embedder", True, embedder.identity))
    except IpfinError as exc:
        return [Check("embedder", False, str(exc))]
    try:
        from assistant.index.store import IndexStore

        store = IndexStore.open_for_query(settings.home, embedder.identity)
        checks.append(
            Check(
                "index",
                True,
                f"{len(store.manifest['documents'])} documents, {store.count()} chunks in {settings.home}",
            )
        )
    except IpfinError as exc:
        checks.append(Check("index", False, str(exc)))
    if not settings.llm_enabled:
        checks.append(
            Check("llm", True, "not configured: answers are extractive (set IPFIN_LLM_PROVIDER to use a model)")
        )
        return checks
    checks.extend(_llm_checks(settings))
    return checks


def _llm_checks(settings: Settings) -> list[Check]:
    import httpx
    from langchain_core.messages import HumanMessage

    from assistant.llm.base import ChatClient

    try:
        client = ChatClient(settings.with_(llm_retries=0, llm_max_tokens=16))
    except IpfinError as exc:
        return [Check("llm", False, str(exc))]
    base = (settings.llm_base_url or client.backend.default_base_url).rstrip("/")
    listing = f"{base}/models" if client.backend.name == "openai" else f"{base}/api/tags"
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    out: list[Check] = []
    try:
        resp = httpx.get(listing, headers=headers, timeout=min(10.0, settings.llm_timeout))
        if resp.status_code >= 400:
            out.append(
                Check(
                    "llm endpoint",
                    False,
                    f"{listing} answered HTTP {resp.status_code}. Check IPFIN_LLM_BASE_URL and IPFIN_LLM_API_KEY.",
                )
            )
        else:
            data = resp.json()
            names = [m.get("id") or m.get("name") for m in data.get("data", data.get("models", []))]
            found = settings.llm_model in names or any(str(n).startswith(settings.llm_model) for n in names)
            hint = (
                ""
                if found or not names
                else f" (not in its list: {', '.join(map(str, names[:5]))}; check IPFIN_LLM_MODEL)"
            )
            out.append(Check("llm endpoint", True, f"{client.description} answers{hint}"))
    except (httpx.HTTPError, ValueError) as exc:
        out.append(
            Check(
                "llm endpoint",
                False,
                f"{listing} cannot be reached ({exc.__class__.__name__}). Start the server or fix IPFIN_LLM_BASE_URL.",
            )
        )
        return out
    try:
        reply = client.invoke([HumanMessage("「はい」とだけ答えてください。")])
        out.append(
            Check(
                "llm chat",
                bool(reply.strip()),
                f"replied {reply.strip()[:40]!r}" if reply.strip() else "the model replied with nothing",
            )
        )
    except IpfinError as exc:
        out.append(Check("llm chat", False, str(exc)))
    return out
