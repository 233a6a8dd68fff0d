"""API keys: `Authorization: Bearer` with one of IPFIN_API_KEYS, compared in constant time;
probes stay open; the keys never show in a response or the settings' repr."""

import httpx
import openai
import pytest

from assistant.core.settings import Settings
from assistant.serve.app import create_app
from assistant.serve.auth import ApiKeys
from tests.serve.conftest import DEFINITION
from tests.serve.live import live

KEYS = ("alpha-7f3c9e2b1d", "beta-0a4d8c6e5f")


@pytest.fixture(scope="module")
def keyed(assistant):
    settings = assistant.settings.with_(api_keys=",".join(KEYS))
    with live(create_app(settings, assistant)) as server:
        server.wait_ready()
        yield server


def _ask(url: str, headers: dict | None = None) -> httpx.Response:
    return httpx.post(f"{url}/v1/ask", json={"question": DEFINITION}, headers=headers or {}, timeout=120)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {KEYS[0][:-1]}"},
     {"Authorization": f"Basic {KEYS[0]}"}, {"Authorization": "Bearer"}, {"X-API-Key": KEYS[0]}],
)
def test_requests_without_a_right_key_are_refused(keyed, headers):
    for response in (_ask(keyed.url, headers), httpx.get(f"{keyed.url}/v1/models", headers=headers),
                     httpx.get(f"{keyed.url}/v1/sources", headers=headers)):
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        error = response.json()["error"]
        assert error["code"] == "unauthorized" and "Authorization: Bearer" in error["message"]
        assert not any(k in response.text for k in KEYS)


def test_each_key_lets_requests_in_and_probes_need_none(keyed):
    for key in KEYS:
        response = _ask(keyed.url, {"Authorization": f"Bearer {key}"})
        assert response.status_code == 200 and response.json()["citations"]
    assert httpx.get(f"{keyed.url}/healthz").status_code == 200
    assert httpx.get(f"{keyed.url}/readyz").status_code == 200


def test_the_openai_client_sends_its_key(keyed):
    good = openai.OpenAI(base_url=f"{keyed.url}/v1", api_key=KEYS[1], max_retries=0, timeout=120)
    assert [m.id for m in good.models.list()] == ["ipfin"]
    bad = openai.OpenAI(base_url=f"{keyed.url}/v1", api_key="sk-wrong", max_retries=0, timeout=120)
    with pytest.raises(openai.AuthenticationError):
        bad.chat.completions.create(model="ipfin", messages=[{"role": "user", "content": DEFINITION}])


def test_key_check():
    keys = ApiKeys(["k1-secret", "k2-secret"])
    assert keys.enabled and keys.allows("k1-secret") and keys.allows("k2-secret")
    assert not any(keys.allows(t) for t in ("", None, "k1-secre", "k1-secret ", "K1-SECRET", "k1-secretx"))
    assert "secret" not in repr(keys)
    assert ApiKeys([]).allows(None) and not ApiKeys([]).enabled


def test_settings_read_the_keys_and_hide_them(monkeypatch):
    monkeypatch.setenv("IPFIN_API_KEYS", f" {KEYS[0]} ,, {KEYS[1]} ")
    settings = Settings.from_env()
    assert settings.api_key_list == KEYS
    assert not any(k in repr(settings) or k in str(settings) for k in KEYS)
