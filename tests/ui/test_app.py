"""The multipage app driven by Streamlit's AppTest, and served for real on 127.0.0.1.

Flows: ask, follow-up, persona switch, feedback saved and exported, Markdown export,
upload then ask about the uploaded file (with <script> and a Markdown link in it),
navigator results all cited.
"""

import csv
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from assistant.app.feedback import FeedbackStore
from assistant.cli.main import app as cli_app
from assistant.core.settings import PROJECT_ROOT
from tests.indexcopy import writable_copy

APP = str(PROJECT_ROOT / "ui" / "app.py")
GUANGDONG = "広東省では知財担保融資の損失をどう分担していますか？"
INJECTION_NOTE = (
    "# ミライ精工の資金調達メモ\n\n"
    "ミライ精工株式会社は、特許第7654321号を評価した地方銀行から3000万円の融資を受けた<script>alert('xss')</script>。"
    "詳細は[社内資料](http://evil.example/steal)を参照のこと。\n"
)


def _app(home) -> AppTest:
    os.environ["IPFIN_HOME"] = str(home)
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def page(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    return _app(bundled_settings.home)


@pytest.fixture
def writable(monkeypatch, bundled_settings, tmp_path):
    settings = writable_copy(bundled_settings, tmp_path / "home")
    monkeypatch.setenv("IPFIN_HOME", str(settings.home))
    return settings


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _ask(at, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    return at


# ---------------------------------------------------------------------- chat


def test_question_gets_an_answer_with_inline_markers_and_source_cards(page):
    _ask(page, GUANGDONG)
    body = _markdown(page)
    assert "44\\:36\\:16\\:4" in body and "54\\:26\\:16\\:4" in body
    assert "**\\[1\\]**" in body  # inline [n] markers
    cards = [m.value for m in page.markdown if m.value.startswith("**\\[")]
    assert cards and cards[0].startswith("**\\[1\\]**") and ":blue-badge[要約ブリーフ]" in cards[0]
    chunks = [h.value for h in page.html]
    assert len(chunks) == len(cards) and all('<mark class="ipfin-quote">' in h for h in chunks)
    assert "[この事実の出典 \\(zscq\\.creditchina\\.gov\\.cn\\)](https://zscq.creditchina.gov.cn/" in body
    assert "公式文書: [広東省 知財質押融資リスク補償基金の運用モデル]" in body
    assert any("ipfin編集部" in c.value and "2025" in c.value for c in page.caption)  # publisher · year
    assert ":green-badge[根拠の強さ: 強い]" in body  # evidence indicator
    assert any("出典によって内容" in w.value for w in page.warning)  # conflict notice


def test_follow_up_shows_the_condensed_query(page):
    _ask(page, "企業価値担保権とは何ですか？")
    _ask(page, "それはいつから使えますか？")
    captions = " ".join(c.value for c in page.caption)
    assert "検索に使った質問" in captions and "企業価値担保権" in captions
    assert len(page.session_state["turns"]) == 2


def test_abstention_is_a_card_saying_what_is_missing_and_where_to_ask(page):
    _ask(page, "今日の東京の天気は？")
    assert page.warning and "文書に記載がありません" in page.warning[0].value
    body = _markdown(page)
    assert "索引の文書で確認できなかった点" in body and "相談先の例" in body
    assert "[知財金融ポータルサイト\\(特許庁\\)](https://chizai-kinyu.go.jp/about/)" in body
    assert "専門家" in body and not page.html  # no source card for an abstention


def test_user_text_is_rendered_literally(page):
    _ask(page, "<script>alert(1)</script> [x](http://evil.example)")
    shown = [m.value for m in page.markdown if "<script" in m.value]
    assert shown and all("\\<script\\>" in v and "\\[x\\]" in v for v in shown)
    assert all("<script>" not in m.value.replace("\\<script\\>", "") for m in page.markdown)


def test_starter_question_button_asks_it(page):
    starters = [b for b in page.button if b.key and b.key.startswith("starter-sme-ja-")]
    assert starters and starters[0].label == "企業価値担保権を設定すると経営者保証はどうなりますか？"
    starters[0].click().run()
    assert not page.exception and page.session_state["turns"][0].question == starters[0].label
    assert "経営者保証を利用することが制限" in _markdown(page)


def test_persona_switch_changes_starters_and_framing_and_is_stored(page):
    sme_starters = [b.label for b in page.button if b.key and b.key.startswith("starter-")]
    page.sidebar.radio[1].set_value("bank").run()
    bank_starters = [b.label for b in page.button if b.key and b.key.startswith("starter-")]
    assert bank_starters != sme_starters and bank_starters[0].startswith("企業価値担保権付き融資の評価や引当")
    _ask(page, "企業価値担保権付き融資の評価や引当について金融庁は何を示していますか？")
    assert any(c.value.startswith("金融機関の方向け") for c in page.caption)
    assert "**この回答の論点**: " in _markdown(page) and "引当・債務者区分" in _markdown(page)
    assert page.session_state["turns"][0].persona == "bank"
    page.sidebar.radio[1].set_value("advisor").run()  # earlier answers keep their persona
    assert any(c.value.startswith("金融機関の方向け") for c in page.caption)


def test_feedback_is_saved_and_exported(writable, tmp_path):
    page = _app(writable.home)
    feedback_home = writable.home
    _ask(page, "知財ビジネス評価書とは何ですか？")
    assert page.feedback, "every answer has a 👍/👎 widget"
    page.feedback[0].set_value(0).run()  # 👎
    assert any("評価を記録しました" in c.value for c in page.caption)
    page.text_input[0].input("評価書の費用の出典も見たい").run()
    [send] = [b for b in page.button if b.label == "コメントを送る"]
    send.click().run()
    (rec,) = FeedbackStore(feedback_home).all()
    assert rec.rating == -1 and rec.comment == "評価書の費用の出典も見たい" and rec.persona == "sme"
    assert rec.question == "知財ビジネス評価書とは何ですか？" and rec.citations and rec.answer
    out = tmp_path / "feedback.csv"
    result = CliRunner().invoke(cli_app, ["feedback", "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert row["rating"] == "down" and row["comment"] == "評価書の費用の出典も見たい" and row["persona"] == "sme"


def test_markdown_export_holds_the_conversation_with_citations(page):
    assert page.sidebar.get("download_button")[0].proto.disabled  # nothing to export yet
    _ask(page, GUANGDONG)
    _ask(page, "今日の東京の天気は？")
    button = page.sidebar.get("download_button")[0]
    assert button.label == "会話を Markdown で保存" and not button.proto.disabled
    md = page.session_state["export_markdown"]
    assert md.startswith("# ipfin 会話の記録") and "利用者の立場: 中小企業・スタートアップ" in md
    assert GUANGDONG in md and "## 質問 2" in md and "**文書に記載がありません**" in md
    assert "### 出典" in md and "54:26:16:4" in md and "<https://zscq.creditchina.gov.cn/" in md


def test_new_conversation_clears_the_history(page):
    _ask(page, "ABLとは何ですか？")
    [new] = [b for b in page.sidebar.button if b.label == "新しい会話"]
    new.click().run()
    assert page.session_state["turns"] == [] and not page.chat_message


def test_english_switch(page):
    page.sidebar.radio[0].set_value("English").run()
    assert page.title[0].value == "ipfin IP-finance assistant"
    assert page.sidebar.radio[1].label == "I am a…"


def test_missing_index_explains_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.error and "ipfin ingest" in at.error[0].value


# ---------------------------------------------------------------------- navigator


def test_navigator_results_are_all_cited(page):
    page.switch_page("pages/navigator.py").run()
    assert page.title[0].value == "資金調達の選択肢ナビ"
    page.radio(key="nav_company_form").set_value("kojin")
    page.button[0].click().run()  # the form's submit button
    assert not page.exception
    body = _markdown(page)
    assert "合う理由" in body and "注意点" in body
    assert [h.value for h in page.subheader] == ["合いそうな選択肢", "合わない選択肢"]
    point_lines = [ln for m in page.markdown for ln in m.value.split("\n") if ln.startswith("- ") and "「" in ln]
    assert len(point_lines) >= 8
    cited = [re.search(r"\\\[(\d+)\\\]", ln) for ln in point_lines]
    assert all(cited), [ln for ln, c in zip(point_lines, cited, strict=True) if not c]
    numbers = {int(c.group(1)) for c in cited}
    cards = [m.value for m in page.markdown if m.value.startswith("**\\[")]
    assert numbers == set(range(1, len(cards) + 1))  # every number has its source card
    assert len(page.html) == len(cards)
    assert "個人事業主などは企業価値担保権の設定者になれない" in body  # the cited exclusion


def test_navigator_in_english(page):
    page.sidebar.radio[0].set_value("English").run()
    page.switch_page("pages/navigator.py").run()
    assert page.title[0].value == "Financing options navigator"
    page.button[0].click().run()
    assert page.subheader[0].value == "Options that may fit"
    assert "Loan secured by an enterprise value charge" in _markdown(page)


# ---------------------------------------------------------------------- sources and uploads


def test_sources_page_lists_every_document_with_kind_and_chunks(page):
    page.switch_page("pages/sources.py").run()
    assert not page.exception
    table = page.dataframe[0].value
    assert len(table) == 8 and set(table["種類"]) == {"要約ブリーフ"}
    assert (table["チャンク数"] > 0).all() and table["最終索引日時"].str.contains("UTC").all()
    assert page.file_uploader and "追加した文書はまだありません" in " ".join(c.value for c in page.caption)


def test_wrong_type_upload_gets_a_clear_message(writable):
    at = _app(writable.home)
    at.switch_page("pages/sources.py").run()
    at.file_uploader[0].upload("setup.exe", b"MZ\x90\x00", "application/octet-stream").run()
    [add] = [b for b in at.button if b.label == "索引に追加"]
    add.click().run()
    assert at.error and "この種類のファイル(\\.exe)は追加できません" in at.error[0].value


def test_upload_then_ask_about_it_renders_script_and_links_as_text(writable):
    at = _app(writable.home)
    at.switch_page("pages/sources.py").run()
    at.file_uploader[0].upload("ミライ精工メモ.md", INJECTION_NOTE.encode(), "text/markdown").run()
    [add] = [b for b in at.button if b.label == "索引に追加"]
    add.click().run()
    assert not at.exception and at.success and "チャットですぐに質問できます" in at.success[0].value
    table = at.dataframe[0].value
    assert "利用者の文書" in set(table["種類"])

    chat = _app(writable.home)  # a new session sees the upload at once
    _ask(chat, "ミライ精工株式会社はいくらの融資を受けましたか？")
    cards = [m.value for m in chat.markdown if m.value.startswith("**\\[")]
    assert cards and ":violet-badge[利用者の文書]" in cards[0]
    chunk_html = chat.html[0].value
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in chunk_html and "<script" not in chunk_html
    assert "[社内資料](http://evil.example/steal)" in chunk_html  # shown as characters, not a link
    assert "<a " not in chunk_html and "<mark" in chunk_html
    for m in chat.markdown:
        assert "<script" not in m.value.replace("\\<script", "")
        assert "](http://evil.example" not in m.value

    at.switch_page("pages/sources.py").run()
    [remove] = [b for b in at.button if b.label == "削除"]
    remove.click().run()
    assert at.success and "削除しました" in at.success[0].value
    assert "利用者の文書" not in set(at.dataframe[0].value["種類"])


# ---------------------------------------------------------------------- real server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ipfin_ui_serves_on_loopback(bundled_settings):
    port = _free_port()
    env = os.environ | {"IPFIN_HOME": str(bundled_settings.home), "IPFIN_PORT": str(port)}
    # Its own process group: `ipfin ui` starts `streamlit run` as a child, and both must stop.
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ui"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
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
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


# ---------------------------------------------------------------------- streaming answerer


def test_a_streaming_answerer_ends_with_the_verified_cited_answer(monkeypatch, bundled_settings):
    from tests.llm.fake_server import FakeLLM, echo_first_passage

    fake = FakeLLM(responder=echo_first_passage).start()
    try:
        monkeypatch.setenv("IPFIN_LLM_PROVIDER", "openai")
        monkeypatch.setenv("IPFIN_LLM_BASE_URL", fake.base_url + "/v1")
        monkeypatch.setenv("IPFIN_LLM_MODEL", "scripted")
        monkeypatch.setenv("IPFIN_LLM_TIMEOUT", "5")
        at = _app(bundled_settings.home)
        at.sidebar.radio[1].set_value("bank").run()
        _ask(at, "企業価値担保権を設定すると経営者保証はどうなりますか？")
        view = at.session_state["turns"][0].view
        assert view.mode == "llm" and view.cards
        assert fake.requests and "金融機関" in fake.requests[-1]["body"]["messages"][0]["content"]
        assert not any(m.value.endswith("▌") for m in at.markdown)  # the streamed draft was replaced
        assert len(at.html) == len(view.cards)
    finally:
        fake.stop()


# ---------------------------------------------------------------------- LLM answers


def test_llm_answer_shows_its_verification_and_falls_back_with_a_notice(monkeypatch, bundled_settings):
    from tests.llm.fake_server import FakeLLM, Step, echo_first_passage

    fake = FakeLLM(responder=echo_first_passage).start()
    try:
        for key, value in {"IPFIN_LLM_PROVIDER": "openai", "IPFIN_LLM_BASE_URL": fake.base_url + "/v1",
                           "IPFIN_LLM_MODEL": "scripted", "IPFIN_LLM_TIMEOUT": "2", "IPFIN_LLM_RETRIES": "0"}.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
        at = _app(bundled_settings.home)
        _ask(at, "企業価値担保権を設定すると経営者保証はどうなりますか？")
        assert fake.requests and fake.requests[-1]["body"]["stream"] is True
        captions = " ".join(c.value for c in at.caption)
        assert "生成AIの回答を一文ずつ資料と照合しました: 1 文を確認" in captions
        fake.add(Step(status=500), Step(status=500))  # the condensation, then the answer
        _ask(at, "広東省では知財担保融資の損失をどう分担していますか？")
        assert any("生成AIの回答を使えなかったため" in i.value for i in at.info)
    finally:
        fake.stop()
