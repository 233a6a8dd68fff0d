"""``ipfin doctor``'s check of an LLM endpoint: it answers, lists the model, and replies.

Each backend registers this (or its own) check; the doctor runs whichever the configured
backend registered, so a new backend brings its health check with it.
"""

from __future__ import annotations

from assistant.core.errors import IpfinError
from assistant.core.health import Check
from assistant.core.settings import Settings


def endpoint_checks(settings: Settings) -> list[Check]:
    import httpx
    from langchain_core.messages import HumanMessage

    from assistant.llm.base import ChatClient

    try:
        client = ChatClient(settings.with_(llm_retries=0, llm_max_tokens=16))
    except IpfinError as exc:
        return [Check("llm", False, str(exc))]
    listing = client.backend.models_url(client.base_url)
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
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
