"""The API on a real uvicorn server on 127.0.0.1: the JSON of `ipfin ask --json`, events,
sources, probes, errors with the CLI's messages, limits, and the local docs page."""

import json
import os

import httpx
import pytest
from typer.testing import CliRunner

from assistant.app.assistant import Assistant
from assistant.cli.main import app as cli_app
from assistant.core.settings import Settings
from assistant.serve.app import create_app
from tests.indexcopy import writable_copy
from tests.llm.fake_server import FakeLLM, echo_first_passage
from tests.serve.conftest import DEFINITION, FOLLOW_UP, GUANGDONG, json_events, without_timings
from tests.serve.live import live

TIMEOUT = 120


def _ask(url: str, payload, **kwargs) -> httpx.Response:
    return httpx.post(f"{url}/v1/ask", json=payload, timeout=TIMEOUT, **kwargs)


def _cli_error(monkeypatch, home, *args) -> str:
    """The message `ipfin` prints after "error: " for these arguments."""
    monkeypatch.setenv("IPFIN_HOME", str(home))
    result = CliRunner().invoke(cli_app, list(args))
    assert result.exit_code != 0
    line = result.stderr.strip().splitlines()[0]
    assert line.startswith("error: ")
    return line.removeprefix("error: ")


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"error"} and set(data["error"]) == {"code", "message"}
    assert data["error"]["code"] == code
    assert "Traceback" not in response.text and 'File "' not in response.text
    return data["error"]["message"]


# ---------------------------------------------------------------------- probes


def test_health_and_readiness(api, assistant):
    health = httpx.get(f"{api.url}/healthz").json()
    assert health["status"] == "ok" and health["worker"] == os.getpid()
    ready = httpx.get(f"{api.url}/readyz").json()
    assert ready["status"] == "ready" and ready["embedder"] == assistant.embedder.identity
    assert ready["documents"] == len(assistant.documents()) and ready["chunks"] == assistant.store.count() > 0
    assert ready["answerer"] == "extractive"


# ---------------------------------------------------------------------- asking


def test_ask_returns_the_json_of_ipfin_ask(api, bundled_settings, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    cli = CliRunner().invoke(cli_app, ["ask", "--json", GUANGDONG])
    assert cli.exit_code == 0, cli.output
    response = _ask(api.url, {"question": GUANGDONG})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    data = response.json()
    assert without_timings(data) == without_timings(json.loads(cli.stdout))
    assert "54:26:16:4" in data["answer"] and data["citations"][0]["quote"]
    assert {"retrieve", "total"} <= data["timings_ms"].keys()


def test_history_persona_and_mode_reach_the_assistant(api, assistant):
    payload = {"question": FOLLOW_UP, "history": [DEFINITION], "persona": "bank", "mode": "bm25"}
    data = _ask(api.url, payload).json()
    assert data["condensed_query"].startswith("企業価値担保権")
    direct = assistant.ask(FOLLOW_UP, [DEFINITION], "bm25", persona="bank")
    assert without_timings(data) == without_timings(direct.to_json())


def test_sources_are_the_indexed_documents(api, assistant):
    data = httpx.get(f"{api.url}/v1/sources").json()
    assert data == {"sources": [info.to_json() for info in assistant.documents()]}
    assert len(data["sources"]) >= 8


def test_streaming_an_extractive_answer_sends_one_answer_event(api):
    with httpx.stream("POST", f"{api.url}/v1/ask?stream=true", json={"question": GUANGDONG}, timeout=TIMEOUT) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        text = r.read().decode()
    events = json_events(text)
    assert [e for e, _ in events] == ["answer"]
    assert without_timings(events[0][1]) == without_timings(_ask(api.url, {"question": GUANGDONG}).json())


def test_streaming_an_llm_answer_sends_tokens_then_the_verified_answer(bundled_settings, embedder):
    fake = FakeLLM(responder=echo_first_passage).start()
    try:
        settings = bundled_settings.with_(
            llm_provider="openai", llm_base_url=f"{fake.base_url}/v1", llm_model="scripted", llm_timeout=10.0
        )
        with live(create_app(assistant=Assistant(settings, embedder))) as server:
            server.wait_ready()
            with httpx.stream(
                "POST", f"{server.url}/v1/ask?stream=true", json={"question": DEFINITION}, timeout=TIMEOUT
            ) as r:
                events = json_events(r.read().decode())
    finally:
        fake.stop()
    kinds = [e for e, _ in events]
    assert kinds[-1] == "answer" and kinds.count("token") >= 2 and set(kinds[:-1]) == {"token"}
    answer = events[-1][1]
    streamed = "".join(d["text"] for e, d in events if e == "token")
    assert answer["mode"] == "llm" and answer["verification"]["supported"] >= 1
    assert answer["answer"] == streamed.strip() and "[1]" in streamed
    assert answer["citations"][0]["quote"] in answer["answer"].replace("[1]", "")


# ---------------------------------------------------------------------- errors


def test_question_errors_carry_the_cli_message(api, bundled_settings, monkeypatch):
    long = "知" * (bundled_settings.max_question_chars + 1)
    message = _error(_ask(api.url, {"question": long}), 400, "invalid_question")
    assert message == _cli_error(monkeypatch, bundled_settings.home, "ask", long)
    assert "2,001 characters" in message and "IPFIN_MAX_QUESTION_CHARS" in message
    message = _error(_ask(api.url, {"question": "   "}), 400, "invalid_question")
    assert message == _cli_error(monkeypatch, bundled_settings.home, "ask", "   ")
    message = _error(_ask(api.url, {"question": FOLLOW_UP, "history": [long]}), 400, "invalid_question")
    assert "2,001 characters" in message


def test_malformed_requests_say_what_is_wrong(api, bundled_settings):
    assert "persona" in _error(_ask(api.url, {"question": DEFINITION, "persona": "ceo"}), 422, "invalid_request")
    assert "mode" in _error(_ask(api.url, {"question": DEFINITION, "mode": "fuzzy"}), 422, "invalid_request")
    assert "question: Field required" in _error(_ask(api.url, {"q": DEFINITION}), 422, "invalid_request")
    bad_json = httpx.post(f"{api.url}/v1/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert "not valid JSON" in _error(bad_json, 422, "invalid_request")
    history = ["ABLとは何ですか？"] * (bundled_settings.serve_max_history + 1)
    message = _error(_ask(api.url, {"question": FOLLOW_UP, "history": history}), 400, "too_many_turns")
    assert f"the limit is {bundled_settings.serve_max_history}" in message
    assert "/docs" in _error(httpx.get(f"{api.url}/v1/nothing"), 404, "not_found")
    _error(httpx.get(f"{api.url}/v1/ask"), 405, "method_not_allowed")


def test_no_index_is_a_503_with_the_cli_message_and_health_stays_up(tmp_path, monkeypatch):
    home = tmp_path / "empty-home"
    with live(create_app(Settings(home=home))) as server:
        cli_message = _cli_error(monkeypatch, home, "ask", DEFINITION)
        assert _error(server.wait_ready(), 503, "index_not_built") == cli_message
        assert _error(_ask(server.url, {"question": DEFINITION}), 503, "index_not_built") == cli_message
        streamed = httpx.post(f"{server.url}/v1/ask?stream=true", json={"question": DEFINITION}, timeout=TIMEOUT)
        assert _error(streamed, 503, "index_not_built") == cli_message  # refused before the stream starts
        assert httpx.get(f"{server.url}/healthz").status_code == 200


def test_an_index_of_another_embedder_is_not_ready(bundled_settings, embedder, tmp_path):
    settings = writable_copy(bundled_settings, tmp_path / "home")
    manifest = settings.home / "manifest.json"
    data = json.loads(manifest.read_text())
    data["embedder"] = "sentence-transformers:some-other-model"
    manifest.write_text(json.dumps(data))
    with live(create_app(assistant=Assistant(settings, embedder))) as server:
        message = _error(server.wait_ready(), 503, "embedder_mismatch")
        assert "some-other-model" in message and "ipfin ingest --rebuild" in message
        _error(_ask(server.url, {"question": DEFINITION}), 503, "embedder_mismatch")


def test_a_broken_index_file_is_an_error_without_a_traceback(bundled_settings, embedder, tmp_path):
    from assistant.index.generation import LocalBackend

    settings = writable_copy(bundled_settings, tmp_path / "home")
    backend = LocalBackend(settings.home)
    bm25 = backend.bm25_path(backend.read_manifest().generation)  # the committed generation's BM25 data
    bm25.write_bytes(b"PK\x03\x04" + os.urandom(512))
    with live(create_app(assistant=Assistant(settings, embedder))) as server:
        server.wait_ready()
        response = _ask(server.url, {"question": DEFINITION})
        assert response.status_code in (500, 503)
        code = "internal_error" if response.status_code == 500 else "index_unavailable"
        message = _error(response, response.status_code, code)
        assert str(bm25) not in message or response.status_code == 503
        if response.status_code == 500:
            assert message.startswith("unexpected ") and "server log" in message


# ---------------------------------------------------------------------- limits and docs


def test_a_body_over_the_limit_is_refused(assistant):
    settings = assistant.settings.with_(serve_max_body_kb=1)
    with live(create_app(settings, assistant)) as server:
        big = {"question": DEFINITION, "history": ["ABL" * 400]}
        message = _error(_ask(server.url, big), 413, "request_too_large")
        assert "1 KB" in message and "IPFIN_SERVE_MAX_BODY_KB" in message

        def chunked():  # no Content-Length: counted as it arrives
            yield b'{"question": "' + "知".encode() * 400
            yield "知".encode() * 400 + b'"}'

        response = httpx.post(
            f"{server.url}/v1/ask", content=chunked(), headers={"content-type": "application/json"}, timeout=TIMEOUT
        )
        _error(response, 413, "request_too_large")
        assert _ask(server.url, {"question": DEFINITION}).status_code == 200


def test_docs_are_served_without_a_cdn(api):
    page = httpx.get(f"{api.url}/docs")
    assert page.status_code == 200 and "/docs-static/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text.split("<body>")[1]
    assert httpx.get(f"{api.url}/docs-static/swagger-ui-bundle.js").status_code == 200
    spec = httpx.get(f"{api.url}/openapi.json").json()
    assert {"/v1/ask", "/v1/sources", "/v1/chat/completions", "/v1/models", "/healthz", "/readyz"} <= spec["paths"].keys()
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/v1/models"])
def test_probes_and_models_answer_get(api, path):
    assert httpx.get(f"{api.url}{path}").status_code == 200
