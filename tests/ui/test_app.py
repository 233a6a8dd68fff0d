"""The chat page, driven by Streamlit's AppTest and as a real server on 127.0.0.1."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit.testing.v1 import AppTest

from assistant.config import PROJECT_ROOT

APP = str(PROJECT_ROOT / "ui" / "app.py")


@pytest.fixture
def page(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def test_question_gets_an_answer_with_numbered_citations(page):
    page.chat_input[0].set_value("広東省では知財担保融資の損失をどう分担していますか？").run()
    assert not page.exception
    body = " ".join(m.value for m in page.markdown)
    assert "44\\:36\\:16\\:4" in body and "54\\:26\\:16\\:4" in body
    labels = [e.label for e in page.expander]
    assert labels and labels[0].startswith("[1] ")
    assert any(q.value.startswith("> ") for q in page.markdown)  # the quote inside the card


def test_follow_up_shows_the_condensed_query(page):
    page.chat_input[0].set_value("企業価値担保権とは何ですか？").run()
    page.chat_input[0].set_value("それはいつから使えますか？").run()
    captions = " ".join(c.value for c in page.caption)
    assert "検索に使った質問" in captions and "企業価値担保権" in captions


def test_abstention_is_a_warning_card(page):
    page.chat_input[0].set_value("今日の東京の天気は？").run()
    assert page.warning and "文書に記載がありません" in page.warning[0].value


def test_user_text_is_rendered_literally(page):
    page.chat_input[0].set_value("<script>alert(1)</script> [x](http://evil.example)").run()
    shown = [m.value for m in page.markdown if "script" in m.value]
    assert shown and all("\\<script\\>" in v and "\\[x\\]" in v for v in shown)


def test_english_switch(page):
    page.sidebar.radio[0].set_value("English").run()
    assert page.title[0].value == "ipfin IP-finance assistant"


def test_missing_index_explains_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.error and "ipfin ingest" in at.error[0].value


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ipfin_ui_serves_on_loopback(bundled_settings):
    port = _free_port()
    env = os.environ | {"IPFIN_HOME": str(bundled_settings.home), "IPFIN_PORT": str(port)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ui"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                    assert resp.read() == b"ok"
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not answer on 127.0.0.1")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
            assert resp.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
