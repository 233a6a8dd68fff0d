"""`/v1/chat/completions` and `/v1/models` driven by the official `openai` client against
the server on 127.0.0.1: the cited answer as Markdown with its sources, streaming and not."""

import re

import httpx
import openai
import pytest

from assistant.app.assistant import Assistant
from assistant.serve.app import create_app
from assistant.serve.markdown import escape
from tests.conftest import write
from tests.indexcopy import writable_copy
from tests.llm.fake_server import FakeLLM, echo_first_passage
from tests.serve.conftest import DEFINITION, FOLLOW_UP, GUANGDONG, without_timings
from tests.serve.live import live


def _client(url: str, key: str = "not-needed") -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key=key, max_retries=0, timeout=120)


def _ask(client, messages, **kwargs):
    return client.chat.completions.create(model="ipfin", messages=messages, **kwargs)


def _streamed(client, messages, **kwargs) -> tuple[str, list]:
    chunks = list(_ask(client, messages, stream=True, **kwargs))
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices), chunks


def test_the_model_is_listed(api):
    client = _client(api.url)
    assert [m.id for m in client.models.list()] == ["ipfin"]
    assert client.models.retrieve("ipfin").id == "ipfin"
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-4o")


def test_content_is_the_cited_answer_with_numbered_sources(api, assistant):
    reply = _ask(_client(api.url), [{"role": "user", "content": GUANGDONG}])
    assert reply.model == "ipfin" and reply.object == "chat.completion"
    choice = reply.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    content = choice.message.content
    answer = assistant.ask(GUANGDONG)
    assert without_timings(reply.model_extra["ipfin"]) == without_timings(answer.to_json())
    assert "54:26:16:4" in content and "\\[1\\]" in content and "**出典**" in content
    for c in answer.citations:  # numbered list: title, page (when there is one), URL and the quote
        assert f"\n{c.n}. **{escape(c.doc.title)}**" in content
        assert f"    - URL: <{c.url}>" in content
        assert f"    - 引用: 「{escape(c.quote)}」" in content


def test_earlier_user_messages_are_the_history(api, assistant):
    messages = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": DEFINITION},
        {"role": "assistant", "content": "(the previous answer)"},
        {"role": "user", "content": [{"type": "text", "text": FOLLOW_UP}]},
    ]
    reply = _ask(_client(api.url), messages)
    extra = reply.model_extra["ipfin"]
    assert extra["query"].startswith("それはいつから") and extra["condensed_query"].startswith("企業価値担保権")
    assert without_timings(extra) == without_timings(assistant.ask(FOLLOW_UP, [DEFINITION]).to_json())
    assert "_検索に使った質問: 企業価値担保権" in reply.choices[0].message.content


def test_streaming_gives_the_same_content(api):
    client = _client(api.url)
    messages = [{"role": "user", "content": "What is the enterprise value charge?"}]
    whole = _ask(client, messages).choices[0].message.content
    streamed, chunks = _streamed(client, messages)
    assert streamed == whole and "**Sources**" in whole and "Quote: 「" in whole
    assert chunks[0].choices[0].delta.role == "assistant" and chunks[-1].choices[0].finish_reason == "stop"
    assert len(chunks) >= 4 and all(c.object == "chat.completion.chunk" and c.model == "ipfin" for c in chunks)


def test_an_abstention_says_so_and_has_no_sources(api):
    content = _ask(_client(api.url), [{"role": "user", "content": "今日の東京の天気は？"}]).choices[0].message.content
    assert "見つかりませんでした" in content and "理由: " in content and "**出典**" not in content


def test_refusals_are_openai_errors_with_clear_messages(api, bundled_settings):
    client = _client(api.url)
    with pytest.raises(openai.NotFoundError) as exc:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": DEFINITION}])
    assert "one model, 'ipfin'" in str(exc.value)
    with pytest.raises(openai.BadRequestError) as exc:
        _ask(client, [{"role": "user", "content": DEFINITION}, {"role": "assistant", "content": "…"}])
    assert "last message must be the user's question" in str(exc.value)
    with pytest.raises(openai.BadRequestError) as exc:
        _ask(client, [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:,"}}]}])
    assert "text only" in str(exc.value)
    with pytest.raises(openai.BadRequestError) as exc:
        _ask(client, [{"role": "user", "content": "知" * (bundled_settings.max_question_chars + 1)}])
    assert "the limit is 2,000" in str(exc.value)
    with pytest.raises(openai.BadRequestError):  # an error before the stream starts is an HTTP error too
        _streamed(client, [{"role": "user", "content": "  "}])


def test_persona_and_mode_go_in_extra_body(api, assistant):
    reply = _ask(_client(api.url), [{"role": "user", "content": DEFINITION}], extra_body={"persona": "bank", "mode": "dense"})
    assert without_timings(reply.model_extra["ipfin"]) == without_timings(
        assistant.ask(DEFINITION, mode="dense", persona="bank").to_json()
    )
    with pytest.raises(openai.UnprocessableEntityError):
        _ask(_client(api.url), [{"role": "user", "content": DEFINITION}], extra_body={"persona": "ceo"})


def test_document_text_stays_text_in_the_markdown(bundled_settings, embedder, tmp_path):
    settings = writable_copy(bundled_settings, tmp_path / "home")
    note = write(
        tmp_path / "docs" / "mirai-seiko.md",
        "# ミライ精工の資金調達メモ\n\n"
        "ミライ精工株式会社は、特許第7654321号を評価した地方銀行から3000万円の融資を受けた"
        "<script>alert('xss')</script>。詳細は[社内資料](http://evil.example/steal)を参照のこと。\n",
    )
    assistant = Assistant(settings, embedder)
    assert assistant.ingest([note]).errors == []
    with live(create_app(assistant=assistant)) as server:
        server.wait_ready()
        reply = _ask(_client(server.url), [{"role": "user", "content": "ミライ精工はどこから融資を受けましたか？"}])
    content = reply.choices[0].message.content
    quotes = [c["quote"] for c in reply.model_extra["ipfin"]["citations"]]
    assert any("<script>" in q or "[社内資料]" in q for q in quotes), quotes
    assert "<script>" not in content and "](http://evil.example" not in content
    assert "\\<script\\>" in content or "\\[社内資料\\]" in content
    assert not re.search(r"(?<!\\)\[社内資料(?<!\\)\]\(", content)


def test_llm_answers_are_streamed_verified_never_as_a_draft(bundled_settings, embedder):
    fake = FakeLLM(responder=echo_first_passage).start()
    try:
        settings = bundled_settings.with_(
            llm_provider="openai", llm_base_url=f"{fake.base_url}/v1", llm_model="scripted", llm_timeout=10.0
        )
        with live(create_app(assistant=Assistant(settings, embedder))) as server:
            server.wait_ready()
            client = _client(server.url)
            messages = [{"role": "user", "content": DEFINITION}]
            whole = _ask(client, messages)
            streamed, _ = _streamed(client, messages)
    finally:
        fake.stop()
    extra = whole.model_extra["ipfin"]
    assert extra["mode"] == "llm" and extra["verification"]["supported"] >= 1
    content = whole.choices[0].message.content
    assert streamed == content  # the verified answer once, not a draft and then the answer
    assert content.startswith(escape(extra["answer"]) + "\n\n_検証: ")
    assert "_検証: " in content and "**出典**" in content


def test_the_raw_stream_ends_with_done(api):
    body = {"model": "ipfin", "stream": True, "messages": [{"role": "user", "content": DEFINITION}]}
    with httpx.stream("POST", f"{api.url}/v1/chat/completions", json=body, timeout=120) as r:
        text = r.read().decode()
    assert r.headers["content-type"].startswith("text/event-stream")
    assert text.rstrip().endswith("data: [DONE]") and '"finish_reason":"stop"' in text.replace(" ", "")
