"""Take the README's screenshots of the page (``make screenshots``): docs/screenshots/*.png.

Indexes the bundled briefs into a temporary data folder (so the pictures do not depend on,
or touch, your own documents and conversations), starts ``ipfin ui`` on a free port on
127.0.0.1, and drives Chromium (Debian's /usr/bin/chromium and /usr/bin/chromedriver,
through selenium from the dev extras) the way a reader would: ask, open a source, switch
to a phone, use the options navigator, look at the sources page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DESKTOP = (1400, 1000)
PHONE = (390, 844)
QUESTION = "広東省では知財担保融資の損失をどう分担していますか？"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd: list[str], env: dict) -> None:
    print("$", " ".join(cmd[2:]), flush=True)
    subprocess.run(cmd, env=env, cwd=ROOT, check=True)


def start_ui(env: dict, port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "ui", "--port", str(port)],
            env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
        )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise SystemExit(f"ipfin ui did not start:\n{log.read_text(errors='replace')}")


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def browser(size: tuple[int, int], profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update", "--lang=ja",
                 "--hide-scrollbars", f"--window-size={size[0]},{size[1]}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if size[0] < 600:
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 2, "touch": True}}
        )
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def wait_for(driver, check, seconds: float = 120):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(check)


def ask(driver, base: str, question: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(base)
    box = wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']"))
    time.sleep(1)
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".ipfin-answer[id]"))
    time.sleep(3)  # the answer is brought to the top over ~2 s


def main_pane_height(driver) -> int:
    return driver.execute_script(
        "const m=document.querySelector('[data-testid=stMain]')||document.scrollingElement;"
        "return Math.max(m.scrollHeight, document.body.scrollHeight)"
    )


def save(driver, name: str) -> None:
    path = OUT / name
    driver.save_screenshot(str(path))
    print("wrote", path.relative_to(ROOT), flush=True)


def take(base: str, tmp: Path) -> None:
    from selenium.webdriver.common.by import By

    desktop = browser(DESKTOP, tmp / "desktop")
    try:
        ask(desktop, base, QUESTION)
        save(desktop, "chat.png")  # where a reader lands: the question and the answer's start
        marker = desktop.find_element(By.CSS_SELECTOR, "a.ipfin-cite[href$='-src-2']")
        desktop.execute_script("arguments[0].scrollIntoView({block: 'center'})", marker)
        marker.click()
        time.sleep(1.5)
        save(desktop, "chat-source.png")  # [2] opened its card

        desktop.get(f"{base}/navigator")
        wait_for(desktop, lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, "button") if b.text == "選択肢を表示"])
        [submit] = [b for b in desktop.find_elements(By.CSS_SELECTOR, "button") if b.text == "選択肢を表示"]
        submit.click()
        wait_for(desktop, lambda d: "合わない選択肢" in d.find_element(By.TAG_NAME, "body").text)
        time.sleep(1)
        results = desktop.find_elements(By.CSS_SELECTOR, "[data-testid=stHeading]")
        target = [h for h in results if "合いそうな選択肢" in h.text]
        if target:
            desktop.execute_script("arguments[0].scrollIntoView({block: 'start'})", target[0])
            time.sleep(0.5)
        save(desktop, "navigator.png")

        desktop.get(f"{base}/sources")
        wait_for(desktop, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=stFileUploader]"))
        time.sleep(2)
        save(desktop, "sources.png")
    finally:
        desktop.quit()

    phone = browser(PHONE, tmp / "phone")
    try:
        ask(phone, base, "企業価値担保権を設定すると経営者保証はどうなりますか？")
        save(phone, "chat-phone.png")
    finally:
        phone.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        raise SystemExit("needs Chromium and its driver: sudo apt-get install chromium chromium-driver fonts-noto-cjk")
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="ipfin-screenshots-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPFIN_")}
    env |= {"IPFIN_HOME": str(tmp / "home"), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    try:
        run([sys.executable, "-m", "assistant.cli", "ingest", str(ROOT / "corpus" / "briefs")], env)
        proc = start_ui(env, free_port(), tmp / "ui.log")
        try:
            base = f"http://127.0.0.1:{proc.args[-1]}"
            take(base, tmp)
        finally:
            stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
