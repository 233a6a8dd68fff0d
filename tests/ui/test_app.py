"""The multipage app driven by Streamlit's AppTest, and served for real on 127.0.0.1.

Flows: ask, follow-up, persona and language switch, a conversation kept for the browser
session (and cleared), question problems worded for the reader, feedback saved and exported,
Markdown export, copy and regenerate, uploads (refused, same name, same content, replaced)
then asked about (with <script>, a Markdown link and an HTML link in the file), the
navigator's results all cited, a streaming LLM answer replaced by its verified version.
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
from streamlit.proto.ChatInput_pb2 import ChatInput
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from assistant.app.feedback import FeedbackStore
from assistant.app.history import ConversationStore
from assistant.cli.main import app as cli_app
from assistant.core.settings import PROJECT_ROOT
from tests.indexcopy import writable_copy

APP = str(PROJECT_ROOT / "ui" / "app.py")
GUANGDONG = "広東省では知財担保融資の損失をどう分担していますか？"
INJECTION_NOTE = (
    "# ミライ精工の資金調達メモ\n\n"
    "ミライ精工株式会社は、特許第7654321号を評価した地方銀行から3000万円の融資を受けた<script>alert('xss')</script>。"
    "詳細は[社内資料](http://evil.example/steal)を参照のこと。申込方法は<a href=\"https://evil.example/phish\">こちら</a>。\n"
)


def _app(home, sid: str | None = None) -> AppTest:
    os.environ["IPFIN_HOME"] = str(home)
    at = AppTest.from_file(APP, default_timeout=180)
    if sid:
        at.query_params["s"] = sid
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def writable(monkeypatch, bundled_settings, tmp_path):
    settings = writable_copy(bundled_settings, tmp_path / "home")
    monkeypatch.setenv("IPFIN_HOME", str(settings.home))
    return settings


@pytest.fixture
def page(writable):
    return _app(writable.home)


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _html(at, marker: str) -> list[str]:
    return [h.value for h in at.html if marker in h.value]


def _answers(at) -> list[str]:
    return _html(at, 'class="ipfin-answer" id=')


def _sources(at) -> list[str]:
    return _html(at, 'class="ipfin-sources"')


def _ask(at, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    return at


# ---------------------------------------------------------------------- chat


def test_question_gets_an_answer_with_linked_markers_and_one_card_per_passage(page):
    _ask(page, GUANGDONG)
    (answer,) = _answers(page)
    assert "44:36:16:4" in answer and "54:26:16:4" in answer
    assert '<a class="ipfin-cite" href="#ipfin-t0-src-1">[1]</a>' in answer  # [n] leads to its card
    (sources,) = _sources(page)
    cards = re.findall(r'<details class="ipfin-card" data-cites="([\d ]+)"', sources)
    view = page.session_state["turns"][0].view
    assert len(cards) == len({c.chunk_id for c in view.cards}) < len(view.cards)  # grouped by passage
    assert sorted(int(n) for c in cards for n in c.split()) == [c.n for c in view.cards]
    for n in (c.n for c in view.cards):
        assert f'id="ipfin-t0-src-{n}"' in sources
    assert " open>" not in sources  # compact: collapsed until opened
    assert sources.count('<mark class="ipfin-quote">') == len(view.cards)
    assert '<a href="https://zscq.creditchina.gov.cn/' in sources and 'target="_blank"' in sources
    assert "公式文書: <a" in sources and "要約ブリーフ" in sources and "ipfin編集部" in sources
    assert ":green-badge[根拠の強さ: 強い]" in _markdown(page)
    assert any("出典によって内容" in w.value for w in page.warning)  # conflict notice


def test_each_answer_has_a_copy_button_and_the_last_one_regenerate(page):
    _ask(page, "ABLとは何ですか？")
    _ask(page, "企業価値担保権とは何ですか？")
    copies = _html(page, 'class="ipfin-copy"')
    assert len(copies) == 2 and all('data-copy="' in c and "出典:" in c for c in copies)
    regenerate = [b for b in page.button if b.label == "再生成"]
    assert len(regenerate) == 1  # only on the last answer
    first_view = page.session_state["turns"][1].view
    regenerate[0].click().run()
    assert not page.exception
    turns = page.session_state["turns"]
    assert [t.question for t in turns] == ["ABLとは何ですか？", "企業価値担保権とは何ですか？"]
    assert turns[1].view.text == first_view.text and turns[1].asked_at > page.session_state["turns"][0].asked_at


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
    assert "専門家" in body and not _sources(page)  # no source card for an abstention


def test_user_text_is_rendered_literally(page):
    _ask(page, "<script>alert(1)</script> [x](http://evil.example)")
    shown = _html(page, 'class="ipfin-question"')
    assert shown and all("&lt;script&gt;" in v and "[x](http://evil.example)" in v for v in shown)
    assert not any("<script>alert" in h.value or 'href="http://evil' in h.value for h in page.html)


def test_an_empty_or_too_long_question_is_explained_and_the_text_kept(monkeypatch, writable):
    monkeypatch.setenv("IPFIN_MAX_QUESTION_CHARS", "20")
    page = _app(writable.home)
    assert page.chat_input[0].proto.max_chars == 20  # the box stops at the limit
    _ask(page, "   ")
    assert page.session_state["turns"] == [] and not page.chat_message  # no empty bubble
    assert page.warning and page.warning[0].value == "質問を入力してください(例: 企業価値担保権とは何ですか？)。"
    long = "㍻" * 11  # 11 characters typed, 22 after NFKC (平成)
    _ask(page, long)
    box = page.chat_input[0].proto
    assert page.session_state["turns"] == [] and box.set_value and box.value == long  # put back in the box
    message = page.warning[0].value
    assert "22 文字" in message and "20 文字まで" in message and "入力欄に残って" in message
    assert "IPFIN" not in message and "エラー" not in message


def test_starter_question_button_asks_it(page):
    starters = [b for b in page.button if b.key and b.key.startswith("starter-sme-ja-")]
    assert starters and starters[0].label == "企業価値担保権を設定すると経営者保証はどうなりますか？"
    starters[0].click().run()
    assert not page.exception and page.session_state["turns"][0].question == starters[0].label
    assert "経営者保証を利用することが制限" in _answers(page)[0]


def test_persona_switch_changes_starters_and_framing_and_is_stored(page):
    sme_starters = [b.label for b in page.button if b.key and b.key.startswith("starter-")]
    page.sidebar.radio[1].set_value("bank").run()
    bank_starters = [b.label for b in page.button if b.key and b.key.startswith("starter-")]
    assert bank_starters != sme_starters and bank_starters[0].startswith("企業価値担保権付き融資の評価や引当")
    _ask(page, "企業価値担保権付き融資の評価や引当について金融庁は何を示していますか？")
    assert any(c.value.startswith("金融機関の方向け") for c in page.caption)
    points = _html(page, "この回答の論点")
    assert points and "引当・債務者区分" in points[0] and 'class="ipfin-cite"' in points[0]
    assert page.session_state["turns"][0].persona == "bank"
    page.sidebar.radio[1].set_value("advisor").run()  # earlier answers keep their persona
    assert any(c.value.startswith("金融機関の方向け") for c in page.caption)


def test_language_switch_relabels_everything_and_keeps_the_persona(page):
    page.sidebar.radio[1].set_value("bank").run()
    page.sidebar.radio[0].set_value("en").run()
    assert page.title[0].value == "ipfin IP-finance assistant"
    language, persona = page.sidebar.radio[0], page.sidebar.radio[1]
    assert language.label == "Language" and language.value == "en"
    assert persona.label == "I am a…" and persona.value == "bank"  # still chosen
    assert persona.options == ["SME / startup", "Bank / lender", "Adviser / expert"]
    page.sidebar.radio[0].set_value("ja").run()
    assert page.sidebar.radio[0].label == "表示言語" and page.sidebar.radio[1].value == "bank"


def test_the_conversation_survives_a_reload_and_new_conversation_clears_it(writable):
    page = _app(writable.home)
    sid = page.query_params["s"][0] if isinstance(page.query_params["s"], list) else page.query_params["s"]
    assert re.fullmatch(r"[0-9a-f]{32}", sid)
    _ask(page, "ABLとは何ですか？")
    stored = ConversationStore(writable.home).load(sid)
    assert [t.question for t in stored.turns] == ["ABLとは何ですか？"]

    reloaded = _app(writable.home, sid)  # a new browser session with the same address
    assert [t.question for t in reloaded.session_state["turns"]] == ["ABLとは何ですか？"]
    assert _answers(reloaded) and _sources(reloaded)
    assert reloaded.session_state["turns"][0].view == stored.turns[0].view

    other = _app(writable.home)  # another browser: its own, empty conversation
    assert other.session_state["turns"] == []

    [new] = [b for b in reloaded.sidebar.button if b.label == "新しい会話"]
    new.click().run()
    assert reloaded.session_state["turns"] == [] and not reloaded.chat_message
    assert ConversationStore(writable.home).load(sid) is None
    assert _app(writable.home, sid).session_state["turns"] == []


def test_feedback_is_saved_and_exported(writable, tmp_path):
    page = _app(writable.home)
    _ask(page, "知財ビジネス評価書とは何ですか？")
    assert page.feedback, "every answer has a 👍/👎 widget"
    page.feedback[0].set_value(0).run()  # 👎
    assert any("評価を記録しました" in c.value for c in page.caption)
    page.text_input[0].input("評価書の費用の出典も見たい").run()
    [send] = [b for b in page.button if b.label == "コメントを送る"]
    send.click().run()
    (rec,) = FeedbackStore(writable.home).all()
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
    assert GUANGDONG in md and "## 質問 2" in md and "**文書に記載がありません**" in md and " JST" in md
    assert "### 出典" in md and "54:26:16:4" in md and "<https://zscq.creditchina.gov.cn/" in md
    assert "\\(" not in md and "\\[" not in md


def test_missing_index_explains_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.error and "ipfin ingest" in at.error[0].value and "IPFIN_HOME" not in at.error[0].value


# ---------------------------------------------------------------------- navigator


def test_navigator_results_are_all_cited_and_every_option_is_placed(page):
    page.switch_page("views/navigator.py").run()
    assert page.title[0].value == "資金調達の選択肢ナビ"
    page.radio(key="nav_company_form_ja").set_value("kojin")
    page.button[0].click().run()  # the form's submit button
    assert not page.exception
    assert [h.value for h in page.subheader] == ["合いそうな選択肢", "合わない選択肢"]
    sections = _html(page, 'class="ipfin-group"')
    body = "\n".join(sections)
    assert "合う理由" in body and "注意点" in body and "合わない理由" in body
    points = re.findall(r"<li>.*?</li>", body)
    assert len(points) >= 8
    cited = [re.findall(r'href="#ipfin-nav-src-(\d+)"', p) for p in points]
    assert all(cited), [p for p, c in zip(points, cited, strict=True) if not c]
    headings = [m.value for m in page.markdown if m.value.startswith("#### ")]
    assert len(headings) == 6  # every option, fitting or not
    (sources,) = _sources(page)
    numbers = {int(n) for c in cited for n in c}
    assert {int(n) for n in re.findall(r'id="ipfin-nav-src-(\d+)"', sources)} == numbers
    assert "個人事業主などは企業価値担保権の設定者になれない" in body  # the cited exclusion


def test_navigator_in_english_keeps_the_answers(page):
    page.switch_page("views/navigator.py").run()
    page.radio(key="nav_stage_ja").set_value("shokei")
    page.button[0].click().run()
    page.sidebar.radio[0].set_value("en").run()
    assert page.title[0].value == "Financing options navigator"
    assert page.radio(key="nav_stage_en").value == "shokei"
    assert page.subheader[0].value == "Options that may fit"
    assert "Loan secured by an enterprise value charge" in _markdown(page)


# ---------------------------------------------------------------------- sources and uploads


def test_sources_page_lists_every_document_with_kind_chunks_and_local_time(page):
    page.switch_page("views/sources.py").run()
    assert not page.exception
    table = page.dataframe[0].value
    assert len(table) == 8 and set(table["種類"]) == {"要約ブリーフ"}
    assert (table["チャンク数"] > 0).all() and table["最終索引日時"].str.endswith(" JST").all()
    assert page.file_uploader and "追加した文書はまだありません" in " ".join(c.value for c in page.caption)
    assert page.file_uploader[0].proto.max_upload_size_mb == 50


def _upload(at, name: str, data: bytes, mime: str = "text/markdown") -> None:
    at.file_uploader[0].upload(name, data, mime).run()
    [add] = [b for b in at.button if b.label == "索引に追加"]
    add.click().run()
    assert not at.exception


def test_wrong_type_and_oversize_uploads_get_clear_messages(monkeypatch, writable):
    monkeypatch.setenv("IPFIN_MAX_FILE_MB", "1")
    at = _app(writable.home)
    at.switch_page("views/sources.py").run()
    _upload(at, "setup.exe", b"MZ\x90\x00", "application/octet-stream")
    assert at.error and "この種類のファイル(\\.exe)は追加できません" in at.error[0].value
    _upload(at, "big.md", b"a" * (1024 * 1024 + 10))
    message = at.error[0].value
    assert "上限の 1 MB を超えています" in message and "IPFIN" not in message


def test_same_name_is_confirmed_and_same_content_is_said_so(writable):
    at = _app(writable.home)
    at.switch_page("views/sources.py").run()
    _upload(at, "メモ.md", "# メモ\n\nミライ精工は3000万円を借りた。\n".encode())
    assert at.success and "チャットですぐに質問できます" in at.success[0].value
    _upload(at, "メモ.md", "# メモ\n\nミライ精工は3000万円を借りた。\n".encode())
    assert at.info and "同じ内容の文書「メモ」がすでに追加されています" in at.info[0].value
    _upload(at, "メモ.md", "# メモ\n\nミライ精工は5000万円を借りた。\n".encode())
    assert at.warning and "同じ名前のファイルがすでに追加されています" in at.warning[0].value
    assert not at.success  # nothing replaced yet
    [cancel] = [b for b in at.button if b.label.startswith("やめる")]
    cancel.click().run()
    assert at.info and "前のファイルをそのまま残しました" in at.info[0].value
    _upload(at, "メモ.md", "# メモ\n\nミライ精工は5000万円を借りた。\n".encode())
    [replace] = [b for b in at.button if b.label == "置き換える"]
    replace.click().run()
    assert at.success and "新しいファイルで置き換えました" in at.success[0].value
    assert len([r for r in at.dataframe[0].value["種類"] if r == "利用者の文書"]) == 1


def test_upload_then_ask_about_it_renders_script_and_links_as_text(writable):
    at = _app(writable.home)
    at.switch_page("views/sources.py").run()
    _upload(at, "ミライ精工メモ.md", INJECTION_NOTE.encode())
    assert at.success and "チャットですぐに質問できます" in at.success[0].value
    assert "利用者の文書" in set(at.dataframe[0].value["種類"])

    chat = _app(writable.home)  # a new session sees the upload at once
    _ask(chat, "ミライ精工株式会社はいくらの融資を受けましたか？")
    (sources,) = _sources(chat)
    assert "利用者の文書" in sources
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in sources and "<script" not in sources
    assert "[社内資料](http://evil.example/steal)" in sources  # shown as characters, not a link
    assert "&lt;a href=&quot;https://evil.example/phish&quot;&gt;こちら&lt;/a&gt;" in sources
    for h in chat.html:
        assert 'href="http://evil.example' not in h.value and 'href="https://evil.example' not in h.value
    for m in chat.markdown:
        assert "<script" not in m.value.replace("\\<script", "") and "](http://evil.example" not in m.value

    at.switch_page("views/sources.py").run()
    [remove] = [b for b in at.button if b.label == "削除"]
    remove.click().run()
    assert at.success and "削除しました" in at.success[0].value
    assert "利用者の文書" not in set(at.dataframe[0].value["種類"])


# ---------------------------------------------------------------------- real server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ipfin_ui_serves_on_loopback_with_ipfin_s_upload_limit_and_a_quiet_log(bundled_settings, tmp_path):
    port = _free_port()
    env = os.environ | {"IPFIN_HOME": str(bundled_settings.home), "IPFIN_PORT": str(port), "IPFIN_MAX_FILE_MB": "7"}
    log = tmp_path / "server.log"
    # Its own process group: `ipfin ui` becomes `streamlit run`, and it must stop.
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "ui"], env=env, stdout=sink, stderr=subprocess.STDOUT,
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
        # `ipfin ui` became the Streamlit server, with ipfin's upload limit instead of 200 MB
        with open(f"/proc/{proc.pid}/cmdline", "rb") as raw:
            args = raw.read().split(b"\0")
        assert args[args.index(b"--server.maxUploadSize") + 1] == b"7"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
    assert "use_container_width" not in log.read_text(errors="replace")


# ---------------------------------------------------------------------- streaming answerer


def _llm_env(monkeypatch, fake, timeout="5"):
    for key, value in {"IPFIN_LLM_PROVIDER": "openai", "IPFIN_LLM_BASE_URL": fake.base_url + "/v1",
                       "IPFIN_LLM_MODEL": "scripted", "IPFIN_LLM_TIMEOUT": timeout, "IPFIN_LLM_RETRIES": "0"}.items():
        monkeypatch.setenv(key, value)


def test_a_streaming_answerer_ends_with_the_verified_cited_answer(monkeypatch, writable):
    from tests.llm.fake_server import FakeLLM, echo_first_passage

    fake = FakeLLM(responder=echo_first_passage).start()
    try:
        _llm_env(monkeypatch, fake)
        at = _app(writable.home)
        assert at.chat_input[0].proto.submit_mode == ChatInput.SUBMIT_MODE_STOP  # a stop button while it streams
        at.sidebar.radio[1].set_value("bank").run()
        _ask(at, "企業価値担保権を設定すると経営者保証はどうなりますか？")
        view = at.session_state["turns"][0].view
        assert view.mode == "llm" and view.cards
        assert fake.requests and "金融機関" in fake.requests[-1]["body"]["messages"][0]["content"]
        assert not _html(at, 'class="ipfin-draft"')  # the streamed draft was replaced
        assert len(_sources(at)) == 1
    finally:
        fake.stop()


def test_llm_answer_shows_its_verification_and_a_rejected_draft_is_replaced_visibly(monkeypatch, writable):
    from tests.llm.fake_server import FakeLLM, Step, echo_first_passage

    fake = FakeLLM(responder=echo_first_passage).start()
    try:
        _llm_env(monkeypatch, fake, timeout="2")
        at = _app(writable.home)
        _ask(at, "企業価値担保権を設定すると経営者保証はどうなりますか？")
        assert fake.requests and fake.requests[-1]["body"]["stream"] is True
        captions = " ".join(c.value for c in at.caption)
        assert "生成AIの回答を一文ずつ資料と照合しました: 1 文を確認" in captions
        # The model streams a draft that no passage supports: it is replaced, and the page says so.
        fake.add(Step(text=GUANGDONG), Step(text="火星では知財担保融資が禁止されている[1]。"))
        _ask(at, GUANGDONG)
        view = at.session_state["turns"][1].view
        assert view.rejected_draft and view.mode != "llm"
        assert any("生成AIの回答を使えなかったため" in w.value for w in at.warning)
        assert "火星" not in " ".join(_answers(at))
    finally:
        fake.stop()
