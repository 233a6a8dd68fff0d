"""Streaming honesty: unverified model text never reaches the terminal as if it were the answer.

``ipfin ask`` runs in a child process with stdout on a pseudo-terminal (and on a pipe),
against the scripted model server (real OpenAI protocol on 127.0.0.1). On a terminal only
sentences verification has accepted are shown while the reply streams; when the final
answer differs, a rule says the text above is replaced. Off a terminal nothing streams.
"""

from __future__ import annotations

import pytest

from assistant.answer.context import pack
from assistant.answer.grounding import GroundednessScorer
from assistant.answer.verify import VerifiedStream
from assistant.app.assistant import Assistant
from assistant.app.presentation import draft_status
from assistant.core.messages import t
from tests.llm.fake_server import FakeLLM, Step
from tests.reliability.conftest import ipfin, ipfin_on_a_terminal, llm_env

QUESTION = "広東省では知財担保融資の損失をどう分担していますか？"
ZHONGSHAN = "中山市では、損失をリスク補償基金:銀行:保険:評価会社=54:26:16:4の比率で分担している"
INVENTED = "広東省ではこの制度により貸倒率が3%まで下がり、全国の銀行が同じ方式を採用した"
VERIFYING = t("answer.verifying", "ja")
REPLACED = t("answer.draft_replaced", "ja")


@pytest.fixture
def fake():
    server = FakeLLM().start()
    yield server
    server.stop()


def _n(bundled_settings, embedder) -> int:
    """The number the Zhongshan passage gets in the prompt."""
    assistant = Assistant(bundled_settings, embedder)
    passages = pack(assistant.retriever.retrieve(QUESTION).hits, assistant.settings.llm_context_tokens)
    return next(p.n for p in passages if "54:26:16:4" in p.text)


def _before(out: str, marker: str) -> str:
    return out.split(marker, 1)[0]


def test_verified_stream_releases_only_supported_sentences(bundled_settings, embedder):
    assistant = Assistant(bundled_settings, embedder)
    passages = pack(assistant.retriever.retrieve(QUESTION).hits, 3000)
    n = next(p.n for p in passages if "54:26:16:4" in p.text)
    shown: list[str] = []
    gate = VerifiedStream(GroundednessScorer(embedder), {p.n: p.text for p in passages}, shown.append)
    reply = f"{ZHONGSHAN}[{n}]。{INVENTED}[{n}]。"
    for i in range(0, len(reply), 7):
        gate.feed(reply[i : i + 7])
        assert INVENTED[:10] not in "".join(shown)  # never, not even for a moment
    gate.close()
    assert "".join(shown) == f"{ZHONGSHAN}[{n}]。"


def test_on_a_terminal_only_verified_sentences_appear(bundled_settings, embedder, fake):
    n = _n(bundled_settings, embedder)
    fake.add(Step(text=f"広東省の{ZHONGSHAN}[{n}]。", pieces=9))
    run = ipfin_on_a_terminal("ask", QUESTION, env=llm_env(fake, bundled_settings.home))
    assert run.code == 0, run
    assert VERIFYING in run.out and f"広東省の{ZHONGSHAN}" in run.out and REPLACED not in run.out
    assert run.out.count(ZHONGSHAN) == 1  # shown once, not streamed and then printed again
    assert "検証: 1 文を資料で確認" in run.out and "出典:" in run.out


def test_an_invented_sentence_is_never_shown_as_the_answer(bundled_settings, embedder, fake):
    n = _n(bundled_settings, embedder)
    fake.add(Step(text=f"{ZHONGSHAN}[{n}]。{INVENTED}[{n}]。", pieces=11))
    run = ipfin_on_a_terminal("ask", QUESTION, env=llm_env(fake, bundled_settings.home))
    assert run.code == 0, run
    streamed = _before(run.out, REPLACED)
    assert ZHONGSHAN in streamed and INVENTED not in streamed  # held back while streaming…
    after = run.out.split(REPLACED, 1)[1]
    assert INVENTED in after and "確認できませんでした" in after  # …and shown flagged, after the rule


def test_a_reply_rejected_after_it_began_is_replaced_visibly(bundled_settings, embedder, fake):
    n = _n(bundled_settings, embedder)
    english = " ".join(["The loss sharing in Guangdong follows a fixed ratio among the fund and the lenders."] * 6)
    fake.add(Step(text=f"{ZHONGSHAN}[{n}]。\n{english}", pieces=12))
    run = ipfin_on_a_terminal("ask", QUESTION, env=llm_env(fake, bundled_settings.home))
    assert run.code == 0, run
    assert "English" not in _before(run.out, REPLACED) and "Guangdong" not in run.out
    after = run.out.split(REPLACED, 1)[1]
    assert "生成AIの回答を使えなかったため" in after and "54:26:16:4" in after


def test_a_wrong_language_reply_never_appears(bundled_settings, fake):
    fake.add(Step(text="The loss split in Guangdong is 54:26:16:4 [1]. Banks like it.", pieces=6))
    run = ipfin_on_a_terminal("ask", QUESTION, env=llm_env(fake, bundled_settings.home))
    assert run.code == 0 and "Guangdong" not in run.out and "Banks like it" not in run.out
    assert "生成AIの回答を使えなかったため" in run.out and REPLACED not in run.out  # nothing to replace


def test_off_a_terminal_nothing_streams(bundled_settings, embedder, fake):
    n = _n(bundled_settings, embedder)
    fake.add(Step(text=f"{ZHONGSHAN}[{n}]。{INVENTED}[{n}]。", pieces=11))
    run = ipfin("ask", QUESTION, env=llm_env(fake, bundled_settings.home, IPFIN_LLM_UNSUPPORTED="remove"))
    assert run.code == 0, run
    assert VERIFYING not in run.out and INVENTED not in run.out and run.out.count(ZHONGSHAN) == 1


def test_draft_status_for_front_ends(assistant):
    answer = assistant.ask(QUESTION)
    assert draft_status(answer, "") == "none"
    assert draft_status(answer, answer.text) == "kept"
    assert draft_status(answer, answer.text[:20]) == "extended"
    assert draft_status(answer, "something else entirely") == "replaced"


# ------------------------------------------------------------------ the chat page


def _page_answer(monkeypatch, fake, home, reply: str) -> list[str]:
    """Ask the chat page (Streamlit's AppTest, the real app) while the model writes ``reply``;
    the captions shown above the final answer."""
    from streamlit.testing.v1 import AppTest

    from assistant.core.settings import PROJECT_ROOT

    for key, value in llm_env(fake, home).items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(PROJECT_ROOT / "ui" / "app.py"), default_timeout=180)
    at.run()
    fake.add(Step(text=reply, pieces=9))
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception, at.exception
    return [c.value for c in at.caption]


def test_the_page_says_when_what_it_showed_is_replaced(monkeypatch, bundled_settings, embedder, fake):
    n = _n(bundled_settings, embedder)
    captions = _page_answer(monkeypatch, fake, bundled_settings.home, f"{ZHONGSHAN}[{n}]。{INVENTED}[{n}]。")
    assert any(REPLACED in c for c in captions), captions  # the verified sentence was shown, then more came


def test_the_page_shows_no_draft_of_a_reply_it_rejects(monkeypatch, bundled_settings, fake):
    # A page that showed the raw reply as it streamed would have to say it replaced it; the page
    # shows only verified sentences, and none of this English reply is, so there is nothing to replace.
    captions = _page_answer(monkeypatch, fake, bundled_settings.home, "The loss split in Guangdong is 54:26:16:4 [1]. Banks like it.")
    assert not any(REPLACED in c for c in captions), captions
