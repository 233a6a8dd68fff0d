"""The chat page in a real Chromium: ask, see a source card with its highlighted quote.

Starts ``streamlit run ui/app.py`` on 127.0.0.1 (a free port) against an index of the
bundled briefs, drives Debian's Chromium through /usr/bin/chromedriver (selenium), and
saves full-page screenshots to ``artifacts/`` as test artifacts. ``.ci/run`` installs
chromium and chromium-driver; the test is skipped only when they are missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.settings import PROJECT_ROOT, Settings
from tests.indexcopy import writable_copy

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = PROJECT_ROOT / "artifacts"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
    "--lang=ja",
)
SERVER_START_SECONDS = 90
ANSWER_SECONDS = 120

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
        ".ci/run installs them with apt-get",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(home: Path, log: Path) -> Iterator[str]:
    port = _free_port()
    env = os.environ | {"IPFIN_HOME": str(home), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "ui" / "app.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                        if resp.read() == b"ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start on 127.0.0.1:{port}:\n{log.read_text(errors='replace')}")
                time.sleep(0.5)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def driver(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")  # a fresh profile per test
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def full_page_screenshot(browser, path: Path) -> Path:
    """Streamlit scrolls inside its main pane: grow the window to that pane's height first."""
    height = browser.execute_script(
        "const panes=[...document.querySelectorAll('*')].filter(e=>{const s=getComputedStyle(e);"
        "return (s.overflowY=='auto'||s.overflowY=='scroll') && e.scrollHeight>e.clientHeight"
        " && !e.closest('[data-testid=stSidebar]')}).sort((a,b)=>b.scrollHeight-a.scrollHeight);"
        "const e=panes[0]; return e ? e.scrollHeight + window.outerHeight - e.clientHeight : 0"
    )
    browser.set_window_size(1280, max(1000, min(int(height), 12000)))
    time.sleep(1.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(path))
    return path


def _ask(browser, base: str, question: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(base)
    wait = WebDriverWait(browser, ANSWER_SECONDS)
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    return wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "mark.ipfin-quote")))


@pytest.fixture(scope="module")
def bundled_server(bundled_settings, tmp_path_factory):
    yield from _serve(bundled_settings.home, tmp_path_factory.mktemp("streamlit") / "server.log")


def test_a_question_shows_a_source_card_with_the_highlighted_quote(driver, bundled_server):
    from selenium.webdriver.common.by import By

    mark = _ask(driver, bundled_server, "企業価値担保権を設定すると経営者保証はどうなりますか？")
    assert "経営者保証" in mark.text
    card = mark.find_element(By.XPATH, "ancestor::div[@data-testid='stVerticalBlock'][1]")
    assert "[1]" in card.text and "要約ブリーフ" in card.text and "ipfin編集部" in card.text
    links = [a.get_attribute("href") for a in card.find_elements(By.TAG_NAME, "a")]
    assert any(href and href.startswith("https://") for href in links)  # the fact's own source
    page = driver.find_element(By.TAG_NAME, "body").text
    assert "根拠の強さ" in page and "この回答は役に立ちましたか" in page
    shot = full_page_screenshot(driver, ARTIFACTS / "browser-chat.png")
    assert shot.stat().st_size > 20_000


def test_a_document_with_script_and_markdown_link_renders_as_text(driver, bundled_settings, embedder, tmp_path):
    from selenium.webdriver.common.by import By

    from assistant.app.uploads import add_upload

    home: Settings = writable_copy(bundled_settings, tmp_path / "home")
    note = (
        "# ミライ精工の資金調達メモ\n\n"
        "ミライ精工株式会社は、特許第7654321号を評価した地方銀行から3000万円の融資を受けた"
        "<script>window.__ipfinXss = 1</script>。詳細は[社内資料](http://evil.example/steal)を参照のこと。\n"
    )
    add_upload(home, embedder, "ミライ精工メモ.md", note.encode())
    for base in _serve(home.home, tmp_path / "server.log"):
        mark = _ask(driver, base, "ミライ精工株式会社はいくらの融資を受けましたか？")
        chunk = mark.find_element(By.XPATH, "ancestor::div[contains(@class,'ipfin-chunk')][1]")
        assert "<script>window.__ipfinXss = 1</script>" in chunk.text  # visible as characters
        assert "[社内資料](http://evil.example/steal)" in chunk.text
        assert driver.execute_script("return window.__ipfinXss === undefined")  # never executed
        assert not driver.find_elements(By.CSS_SELECTOR, "a[href^='http://evil.example']")
        assert "利用者の文書" in driver.find_element(By.TAG_NAME, "body").text
        full_page_screenshot(driver, ARTIFACTS / "browser-user-document.png")
