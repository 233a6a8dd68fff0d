"""The app in a real Chromium, the way a new user meets it: at desktop (1400×1000) and phone
(390×844) widths, asking, reading, uploading, switching language, reloading.

Starts ``ipfin ui`` (the real entry point, with its upload limit) on 127.0.0.1 against a
writable copy of the bundled index, drives Debian's Chromium through /usr/bin/chromedriver
(selenium), and saves screenshots to ``artifacts/`` as test artifacts. ``.ci/run`` installs
chromium and chromium-driver; the tests are skipped only when they are missing.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.settings import PROJECT_ROOT
from tests.indexcopy import writable_copy

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = PROJECT_ROOT / "artifacts"
DESKTOP = (1400, 1000)
PHONE = (390, 844)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=ja",
)
SERVER_START_SECONDS = 90
ANSWER_SECONDS = 120
GUANGDONG = "広東省では知財担保融資の損失をどう分担していますか？"
HTML_LINK_NOTE = (
    "# テスト銀行の知財融資メモ\n\n"
    "テスト銀行は、特許を評価して5000万円の融資枠を設けた<script>window.__ipfinXss = 1</script>。"
    '申込方法は<a href="https://evil.example/phish">こちら</a>、詳細は[社内資料](http://evil.example/steal)、'
    "問い合わせは https://evil.example/contact まで。\n"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
        ".ci/run installs them with apt-get",
    ),
]


# ---------------------------------------------------------------------- server and browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(home: Path, log: Path) -> Iterator[str]:
    """``ipfin ui`` on a free port; yields its address, stops it (and its process group)."""
    port = _free_port()
    env = os.environ | {"IPFIN_HOME": str(home), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    cmd = [sys.executable, "-m", "assistant.cli", "ui", "--port", str(port)]
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT,
                                start_new_session=True)
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
                pytest.fail(f"ipfin ui did not start on 127.0.0.1:{port}:\n{log.read_text(errors='replace')}")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


def _browser(tmp_path: Path, size: tuple[int, int]):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={size[0]},{size[1]}")
    if size[0] < 600:  # a phone: its viewport, pixel ratio and touch
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 2, "touch": True}}
        )
    options.add_argument(f"--user-data-dir={tmp_path / f'chromium-{size[0]}'}")  # a fresh profile per test
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture
def desktop(tmp_path):
    browser = _browser(tmp_path, DESKTOP)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def phone(tmp_path):
    browser = _browser(tmp_path, PHONE)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def home(bundled_settings, tmp_path_factory):
    """A writable index: the page keeps conversations (and uploads) in IPFIN_HOME."""
    return writable_copy(bundled_settings, tmp_path_factory.mktemp("browser") / "home")


@pytest.fixture(scope="module")
def server(home, tmp_path_factory):
    yield from _serve(home.home, tmp_path_factory.mktemp("streamlit") / "server.log")


def shot(browser, name: str) -> Path:
    path = ARTIFACTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(path))
    return path


def _wait(browser, seconds: float = ANSWER_SECONDS):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, seconds)


def _open(browser, url: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    browser.get(url)
    return _wait(browser).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))


def _ask(browser, question: str, answers_before: int = 0) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = browser.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    _wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".ipfin-answer[id]")) > answers_before)
    _settled(browser)


def _settled(browser) -> None:
    """Wait until the page stops moving (ipfin.js brings the new answer to the top and keeps
    it there for 5 s while the last elements render)."""
    _wait(browser, 30).until(lambda b: not b.execute_script("return window.__ipfin && window.__ipfin.settling"))
    last = None
    for _ in range(40):
        time.sleep(0.25)
        now = browser.execute_script(
            "const a=[...document.querySelectorAll('.ipfin-answer[id]')].pop();"
            "return a ? Math.round(a.getBoundingClientRect().top) : null"
        )
        if now is not None and now == last:
            return
        last = now


def _positions(browser) -> dict:
    """Where the newest question and answer are, relative to the visible screen."""
    return browser.execute_script(
        """
        const answer = [...document.querySelectorAll('.ipfin-answer[id]')].pop();
        const msgs = [...document.querySelectorAll('[data-testid=stChatMessage]')];
        const reply = answer.closest('[data-testid=stChatMessage]');
        const question = msgs[msgs.indexOf(reply) - 1];
        const header = document.querySelector('[data-testid=stHeader]');
        return {question: question.getBoundingClientRect().top, answer: answer.getBoundingClientRect().top,
                header: header ? header.getBoundingClientRect().bottom : 0, height: window.innerHeight};
        """
    )


def _session_url(browser) -> str:
    url = browser.current_url
    assert "s=" in url, url
    return url


# ---------------------------------------------------------------------- asking


def test_an_answer_lands_at_its_start_with_compact_cards_that_its_markers_open(desktop, server):
    from selenium.webdriver.common.by import By

    _open(desktop, server)
    _ask(desktop, GUANGDONG)
    pos = _positions(desktop)
    # The question sits just below the header and the answer starts right under it: no
    # scrolling back up from the bottom of the last source card.
    assert pos["header"] <= pos["question"] < pos["header"] + 60, pos
    assert pos["answer"] < pos["height"] * 0.4, pos
    shot(desktop, "browser-chat-landing.png")

    cards = desktop.find_elements(By.CSS_SELECTOR, "details.ipfin-card")
    numbers = [n for c in cards for n in c.get_attribute("data-cites").split()]
    assert cards and len(cards) < len(numbers)  # one card per passage, listing its [n]s
    assert not any(c.get_attribute("open") for c in cards)  # compact until opened
    # The Zhongshan passage's card (its [n] depends on the answer's order, not on this test;
    # other passages mention 54:26:16:4 too, only this one quotes the Zhongshan unit)
    zhongshan = next(c for c in cards if "独立運営型をとる中山市では" in c.get_attribute("textContent"))
    n = zhongshan.get_attribute("data-cites").split()[0]
    marker = desktop.find_element(By.CSS_SELECTOR, f"a.ipfin-cite[href$='-src-{n}']")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'})", marker)
    marker.click()
    time.sleep(1.0)
    opened = [c for c in cards if c.get_attribute("open")]
    assert len(opened) == 1 and n in opened[0].get_attribute("data-cites").split()
    top = desktop.execute_script("return arguments[0].getBoundingClientRect().top", opened[0])
    assert 0 <= top < DESKTOP[1] / 2  # scrolled to the card
    mark = opened[0].find_element(By.CSS_SELECTOR, "mark.ipfin-quote")
    assert mark.is_displayed() and "54:26:16:4" in opened[0].text
    links = [a.get_attribute("href") for a in opened[0].find_elements(By.TAG_NAME, "a")]
    assert any(href and href.startswith("https://zscq.creditchina.gov.cn/") for href in links)

    desktop.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    copy = desktop.find_element(By.CSS_SELECTOR, "button.ipfin-copy")
    desktop.execute_script("arguments[0].scrollIntoView({block: 'center'})", copy)
    copy.click()
    _wait(desktop, 5).until(lambda b: copy.text == "コピーしました")
    copied = desktop.execute_async_script("navigator.clipboard.readText().then(arguments[0])")
    assert "54:26:16:4" in copied and "出典:" in copied and "[1]" in copied
    body = desktop.find_element(By.TAG_NAME, "body").text
    assert "根拠の強さ" in body and "この回答は役に立ちましたか" in body and "再生成" in body
    shot(desktop, "browser-chat-card-open.png")


def test_on_a_phone_the_answer_lands_at_its_start_and_the_sidebar_closes_after_a_page_is_chosen(phone, server):
    from selenium.webdriver.common.by import By

    _open(phone, server)
    _ask(phone, "企業価値担保権を設定すると経営者保証はどうなりますか？")
    pos = _positions(phone)
    assert pos["header"] <= pos["question"] < pos["header"] + 60, pos
    assert pos["answer"] < pos["height"] * 0.5, pos
    shot(phone, "browser-phone-landing.png")

    def sidebar_left() -> float:
        return phone.execute_script(
            "return document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().left"
        )

    url = _session_url(phone)
    phone.find_element(By.CSS_SELECTOR, "[data-testid=stExpandSidebarButton]").click()
    _wait(phone, 10).until(lambda b: sidebar_left() >= 0)
    [nav] = [a for a in phone.find_elements(By.CSS_SELECTOR, "[data-testid=stSidebarNav] a") if "選択肢ナビ" in a.text]
    nav.click()
    _wait(phone, 30).until(lambda b: "資金調達の選択肢ナビ" in b.find_element(By.TAG_NAME, "body").text)
    _wait(phone, 10).until(lambda b: sidebar_left() < 0)  # closed, the page is readable
    assert url.split("s=")[1][:32] in phone.current_url  # the session stays in the address
    shot(phone, "browser-phone-navigator.png")


def test_a_reload_keeps_the_conversation_until_it_is_cleared(desktop, server):
    from selenium.webdriver.common.by import By

    _open(desktop, server)
    _ask(desktop, "ABLとは何ですか？")
    url = _session_url(desktop)
    _open(desktop, url)
    _wait(desktop, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".ipfin-answer[id]"))
    questions = [q.text for q in desktop.find_elements(By.CSS_SELECTOR, ".ipfin-question")]
    assert questions == ["ABLとは何ですか？"]
    assert desktop.find_elements(By.CSS_SELECTOR, "details.ipfin-card")

    _click(desktop, "新しい会話")
    _wait(desktop, 30).until(lambda b: not b.find_elements(By.CSS_SELECTOR, ".ipfin-question"))
    _open(desktop, url)
    time.sleep(2)
    assert not desktop.find_elements(By.CSS_SELECTOR, ".ipfin-question")
    assert "質問の例" in desktop.find_element(By.TAG_NAME, "body").text


def test_a_language_switch_relabels_the_sidebar_and_keeps_the_persona_chosen(desktop, server):
    from selenium.webdriver.common.by import By

    _open(desktop, server)

    def sidebar_labels():
        return desktop.execute_script(
            "return [...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stRadio]')].map(r => ["
            "r.querySelector('[data-testid=stWidgetLabel]').innerText,"
            "[...r.querySelectorAll('label')].filter(l => l.querySelector('input:checked')).map(l => l.innerText)])"
        )

    [bank] = [lb for lb in desktop.find_elements(By.CSS_SELECTOR, "[data-testid=stSidebar] label") if lb.text == "金融機関"]
    bank.click()
    _wait(desktop, 30).until(lambda b: sidebar_labels()[1][1] == ["金融機関"])
    [english] = [lb for lb in desktop.find_elements(By.CSS_SELECTOR, "[data-testid=stSidebar] label") if lb.text == "English"]
    english.click()
    _wait(desktop, 30).until(lambda b: "ipfin IP-finance assistant" in b.find_element(By.TAG_NAME, "body").text)
    time.sleep(1)
    assert sidebar_labels() == [["Language", ["English"]], ["I am a…", ["Bank / lender"]]]
    shot(desktop, "browser-english.png")


# ---------------------------------------------------------------------- uploads


def _sources_page(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    browser.get(f"{server}/sources")
    _wait(browser, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=stFileUploader]")))


def _upload(browser, path: Path) -> str:
    """Choose ``path`` in the uploader, press 索引に追加, and return the message shown."""
    from selenium.webdriver.common.by import By

    _idle(browser)
    browser.find_element(By.CSS_SELECTOR, "[data-testid=stFileUploader] input[type=file]").send_keys(str(path))
    _click(browser, "索引に追加")
    alert = "[data-testid=stAlertContainer]"
    _wait(browser).until(lambda b: b.find_elements(By.CSS_SELECTOR, alert))
    return " ".join(a.text for a in browser.find_elements(By.CSS_SELECTOR, alert))


def _idle(browser, seconds: float = 60) -> None:
    """Wait until the app is not running (its status widget has been gone for a moment): a
    person does not pick the next file while the page is still redrawing."""
    from selenium.webdriver.common.by import By

    quiet = 0
    deadline = time.monotonic() + seconds
    while quiet < 4 and time.monotonic() < deadline:
        quiet = 0 if browser.find_elements(By.CSS_SELECTOR, "[data-testid=stStatusWidget]") else quiet + 1
        time.sleep(0.25)


def _click(browser, label: str, seconds: float = 30) -> None:
    """Click the button labelled ``label`` once it is there (the page redraws while we look)."""
    script = (
        "const b = [...document.querySelectorAll('button')].find(x => x.innerText.trim() === arguments[0]);"
        "if (b && !b.disabled) { b.click(); return true; } return false;"
    )
    _wait(browser, seconds).until(lambda b: b.execute_script(script, label))


def _clear_uploader(browser) -> None:
    """Remove the chosen file; the page runs again and the last message goes away."""
    from selenium.webdriver.common.by import By

    for button in browser.find_elements(By.CSS_SELECTOR, "[data-testid=stFileChipDeleteBtn] button"):
        button.click()
    _wait(browser, 30).until(lambda b: not b.find_elements(By.CSS_SELECTOR, "[data-testid=stAlertContainer]"))
    _idle(browser)


def test_a_file_with_the_name_of_an_earlier_upload_is_replaced_only_when_confirmed(desktop, server, tmp_path):
    from selenium.webdriver.common.by import By

    _sources_page(desktop, server)
    uploader = desktop.find_element(By.CSS_SELECTOR, "[data-testid=stFileUploader]").text
    assert "50MB" in uploader and "200MB" not in uploader  # ipfin's limit, not Streamlit's
    first = tmp_path / "a" / "融資メモ.md"
    first.parent.mkdir()
    first.write_text("# 融資メモ\n\nサクラ工業は特許を担保に2000万円を借りた。\n", encoding="utf-8")
    assert "チャットですぐに質問できます" in _upload(desktop, first)

    again = tmp_path / "c" / "融資メモ.md"  # the identical file, chosen again
    again.parent.mkdir()
    again.write_bytes(first.read_bytes())
    _clear_uploader(desktop)
    assert "同じ内容の文書" in _upload(desktop, again)

    second = tmp_path / "b" / "融資メモ.md"
    second.parent.mkdir()
    second.write_text("# 融資メモ\n\nサクラ工業は特許を担保に4000万円を借りた。\n", encoding="utf-8")
    _clear_uploader(desktop)
    message = _upload(desktop, second)
    assert "同じ名前のファイルがすでに追加されています" in message and "置き換えますか" in message
    shot(desktop, "browser-upload-same-name.png")
    _click(desktop, "置き換える")
    _wait(desktop).until(lambda b: "新しいファイルで置き換えました" in b.find_element(By.TAG_NAME, "body").text)

    _open(desktop, server)
    _ask(desktop, "サクラ工業はいくら借りましたか？")
    answer = desktop.find_elements(By.CSS_SELECTOR, ".ipfin-answer[id]")[-1].text
    assert "4000万円" in answer and "2000万円" not in answer


def test_a_document_with_an_html_link_shows_it_as_text_and_nothing_from_it_runs(desktop, server, tmp_path):
    from selenium.webdriver.common.by import By

    note = tmp_path / "テスト銀行メモ.md"
    note.write_text(HTML_LINK_NOTE, encoding="utf-8")
    _sources_page(desktop, server)
    assert "チャットですぐに質問できます" in _upload(desktop, note)

    _open(desktop, server)
    _ask(desktop, "テスト銀行はいくらの融資枠を設けましたか？")
    answer = desktop.find_elements(By.CSS_SELECTOR, ".ipfin-answer[id]")[-1]
    assert "5000万円" in answer.text
    marker = answer.find_element(By.CSS_SELECTOR, "a.ipfin-cite")
    marker.click()
    time.sleep(1)
    [card] = [c for c in desktop.find_elements(By.CSS_SELECTOR, "details.ipfin-card") if c.get_attribute("open")]
    chunk = card.find_element(By.CSS_SELECTOR, ".ipfin-chunk").text
    assert '<a href="https://evil.example/phish">こちら</a>' in chunk  # the markup, as characters
    assert "<script>window.__ipfinXss = 1</script>" in chunk and "[社内資料](http://evil.example/steal)" in chunk
    assert "https://evil.example/contact" in chunk  # a URL is shown ...
    assert not desktop.find_elements(By.CSS_SELECTOR, "a[href*='evil.example']")  # ... and never a link
    assert desktop.execute_script("return window.__ipfinXss === undefined")  # nothing ran
    assert "利用者の文書" in card.text
    shot(desktop, "browser-user-document.png")


# ---------------------------------------------------------------------- first load


def test_the_first_load_shows_the_product_not_file_names_and_the_log_stays_quiet(desktop, home, tmp_path):
    from selenium.webdriver.common.by import By

    log = tmp_path / "cold.log"
    for base in _serve(home.home, log):  # a server that has not loaded anything yet
        desktop.get(base)
        seen: list[str] = []
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            seen.append(desktop.find_element(By.TAG_NAME, "body").text)
            if desktop.find_elements(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']"):
                break
            time.sleep(0.1)
        lines = {line.strip() for text in seen for line in text.split("\n")}
        assert not lines & {"app", "navigator", "sources"}, "raw page (file) names were shown"
        assert any("ipfin 知財金融アシスタント" in text for text in seen)
        assert desktop.title.startswith("ipfin")
        _ask(desktop, "ABLとは何ですか？")
        desktop.get(f"{base}/navigator")
        _wait(desktop, 30).until(lambda b: "資金調達の選択肢ナビ" in b.find_element(By.TAG_NAME, "body").text)
    text = log.read_text(errors="replace")
    assert "use_container_width" not in text and "Traceback" not in text
