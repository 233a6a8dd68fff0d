"""Optional API keys: ``IPFIN_API_KEYS=key1,key2`` and ``Authorization: Bearer key1``.

With no keys set every request is let in (the server binds to 127.0.0.1 unless told
otherwise). Keys are compared in constant time: each configured key and the one sent
are hashed to 32 bytes and compared with :func:`hmac.compare_digest`, always against
every key, so neither the time taken nor an early exit says how much of a key was
right or which key matched. A key never reaches a log or an error message.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.serve.errors import ApiError

UNAUTHORIZED = (
    "Missing or wrong API key. Send the header 'Authorization: Bearer <key>' "
    "with one of the keys set in IPFIN_API_KEYS on the server."
)

#: Declares the scheme in the OpenAPI document (the /docs page's "Authorize" button);
#: ``auto_error=False``: the check below answers with the API's own error envelope.
bearer = HTTPBearer(auto_error=False, description="One of the keys in IPFIN_API_KEYS (only when it is set).")


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


class ApiKeys:
    """The configured keys, kept as digests."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._digests = tuple(_digest(k) for k in keys if k)

    @property
    def enabled(self) -> bool:
        return bool(self._digests)

    def __repr__(self) -> str:  # never the keys
        return f"ApiKeys({len(self._digests)} key(s))"

    def allows(self, token: str | None) -> bool:
        if not self._digests:
            return True
        given = _digest(token or "")
        ok = False
        for digest in self._digests:
            ok |= hmac.compare_digest(given, digest)
        return ok and bool(token)


async def require_key(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """FastAPI dependency for the ``/v1`` routes."""
    keys: ApiKeys = request.app.state.service.keys
    if not keys.enabled:
        return
    if not keys.allows(credentials.credentials if credentials else None):
        raise ApiError(401, "unauthorized", UNAUTHORIZED, {"WWW-Authenticate": "Bearer"})
