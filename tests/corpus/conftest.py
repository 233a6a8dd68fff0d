"""Fetch tests talk to a real server on 127.0.0.1, which the fetcher refuses by default."""

import pytest

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def _fetch_from_loopback_only(_isolated_settings, monkeypatch):
    """Allow exactly the loopback address (not private networks, not link-local), and no proxy
    from the developer's environment, so the tests see what a user's fetch would do."""
    monkeypatch.setenv("IPFIN_FETCH_ALLOW_PRIVATE", "127.0.0.1")
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
