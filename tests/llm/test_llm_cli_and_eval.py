"""ipfin ask / doctor / eval with an LLM endpoint (the scripted server on 127.0.0.1)."""

import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from tests.conftest import write
from tests.llm.fake_server import FakeLLM, Step, echo_first_passage


@pytest.fixture
def fake():
    server = FakeLLM(responder=echo_first_passage).start()
    yield server
    server.stop()


@pytest.fixture
def llm_env(monkeypatch, fake, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    monkeypatch.setenv("IPFIN_LLM_PROVIDER", "openai")
    monkeypatch.setenv("IPFIN_LLM_BASE_URL", fake.base_url + "/v1")
    monkeypatch.setenv("IPFIN_LLM_MODEL", "scripted")
    monkeypatch.setenv("IPFIN_LLM_API_KEY", "sk-test-secret")
    monkeypatch.setenv("IPFIN_LLM_TIMEOUT", "2")
    return fake


def test_ask_json_has_verification_and_prompt_version(llm_env):
    result = CliRunner().invoke(app, ["ask", "--json", "企業価値担保権を設定すると経営者保証はどうなりますか？"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "llm"
    assert set(data["verification"]) == {"supported", "unsupported", "removed"}
    assert data["verification"]["supported"] >= 1 and data["prompt_version"].startswith("answer.system/")
    assert "sk-test-secret" not in result.output + result.stderr


def test_ask_streams_to_the_terminal_then_prints_sources(llm_env):
    result = CliRunner().invoke(app, ["ask", "企業価値担保権を設定すると経営者保証はどうなりますか？"])
    assert result.exit_code == 0, result.output
    assert "検証: 1 文を資料で確認" in result.stdout and "出典:" in result.stdout


def test_ask_falls_back_with_a_notice_when_the_server_fails(llm_env):
    llm_env.add(Step(status=500), Step(status=500), Step(status=500))
    result = CliRunner().invoke(app, ["ask", "広東省では知財担保融資の損失をどう分担していますか？"])
    assert result.exit_code == 0
    assert "生成AIの回答を使えなかったため" in result.stdout and "54:26:16:4" in result.stdout
    assert "Traceback" not in result.output


def test_doctor_checks_the_endpoint(llm_env):
    ok = CliRunner().invoke(app, ["doctor"])
    assert ok.exit_code == 0, ok.output
    assert "ok  llm endpoint" in ok.stdout and "ok  llm chat" in ok.stdout


def test_doctor_says_what_is_wrong(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    monkeypatch.setenv("IPFIN_LLM_PROVIDER", "openai")
    monkeypatch.setenv("IPFIN_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("IPFIN_LLM_MODEL", "m")
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1 and "cannot be reached" in result.stdout and "IPFIN_LLM_BASE_URL" in result.stdout
    monkeypatch.setenv("IPFIN_LLM_PROVIDER", "gemini")
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1 and "IPFIN_LLM_PROVIDER must be ollama or openai" in result.stderr


def test_eval_runs_llm_mode_beside_extractive_with_the_judge(llm_env, tmp_path):
    items = [
        {"id": "a1", "question": "企業価値担保権を設定すると経営者保証はどうなりますか？", "lang": "ja", "persona": "sme",
         "answerable": True, "expected_sources": ["evc-act"], "key_facts": ["経営者保証"], "category": "definition"},
        {"id": "a2", "question": "今日の東京の天気は？", "lang": "ja", "persona": "sme", "answerable": False,
         "expected_sources": [], "key_facts": [], "category": "out-of-scope"},
    ]
    data = write(tmp_path / "gold.jsonl", "\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n")
    gate = write(tmp_path / "gate.yaml", "mode: llm\nmin:\n  citation_validity: 1.0\n")
    out = tmp_path / "r"
    result = CliRunner().invoke(app, ["eval", "--dataset", str(data), "--out", str(out), "--reuse-index",
                                      "--thresholds", str(gate), "--mode", "hybrid+condense", "--mode", "llm"])
    assert result.exit_code == 0, result.output + result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(report["modes"]) == {"hybrid+condense", "llm"}
    assert report["modes"]["llm"]["judge"] == {"faithfulness": 0.9, "answer_relevancy": 0.9}
    assert report["judge"].startswith("openai:scripted")
    assert "## LLM judge" in (out / "report.md").read_text(encoding="utf-8")


def test_llm_mode_without_an_endpoint_is_refused(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    result = CliRunner().invoke(app, ["eval", "--mode", "llm", "--reuse-index"])
    assert result.exit_code == 1 and "needs an LLM endpoint" in result.stderr
