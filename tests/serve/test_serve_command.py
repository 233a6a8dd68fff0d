"""`ipfin serve` as a real process: binds 127.0.0.1, answers, stops on SIGTERM, never logs
an API key, and refuses bad settings with one line."""

import httpx
import openai
from typer.testing import CliRunner

from assistant.cli.main import app as cli_app
from tests.serve.conftest import DEFINITION
from tests.serve.live import ServeProcess, wait_ready

KEY = "sk-ipfin-3b9f0c1e7d2a"
WRONG = "sk-wrong-84d1c7a0e5"


def test_ipfin_serve_answers_on_loopback_and_stops_on_sigterm(bundled_settings):
    server = ServeProcess(bundled_settings.home, env={"IPFIN_API_KEYS": KEY})
    try:
        server.wait_up(timeout=120)
        assert wait_ready(server.url, timeout=180).status_code == 200
        client = openai.OpenAI(base_url=f"{server.url}/v1", api_key=KEY, max_retries=0, timeout=120)
        reply = client.chat.completions.create(model="ipfin", messages=[{"role": "user", "content": DEFINITION}])
        assert "**出典**" in reply.choices[0].message.content
        refused = httpx.post(
            f"{server.url}/v1/ask", json={"question": DEFINITION}, headers={"Authorization": f"Bearer {WRONG}"}
        )
        assert refused.status_code == 401
    finally:
        clean = server.stopped_cleanly()
    log = server.output()
    assert clean, log
    assert f"Uvicorn running on http://127.0.0.1:{server.port}" in log
    assert "without API keys" not in log
    assert KEY not in log and WRONG not in log and "Traceback" not in log
    assert '"POST /v1/chat/completions HTTP/1.1" 200' in log and '"POST /v1/ask HTTP/1.1" 401' in log


def test_bad_serve_settings_are_one_line(monkeypatch):
    monkeypatch.setenv("IPFIN_SERVE_PORT", "eighty")
    result = CliRunner().invoke(cli_app, ["serve"])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "IPFIN_SERVE_PORT" in lines[0]
    assert "Traceback" not in result.output
