"""Markdown export of a conversation: questions, answers, numbered citations, text that stays
text (without stray backslashes), local times; and the plain text the copy button copies."""

from datetime import UTC, datetime

import pytest
from markdown_it import MarkdownIt

from assistant.app.export import (
    ExportTurn,
    answer_plaintext,
    conversation_markdown,
    local_time,
    md_text,
    resolve_timezone,
)
from assistant.app.presentation import AnswerView, CitationCard, OfficialDocuments, OfficialLink, answer_view
from assistant.core.settings import PROJECT_ROOT
from assistant.core.types import AnswerLine

OFFICIALS = OfficialDocuments.load(PROJECT_ROOT / "corpus")
GUANGDONG = "広東省では知財担保融資の損失をどう分担していますか？"
AT_0030_UTC = datetime(2026, 6, 1, 0, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def turns(assistant):
    q2 = "今日の東京の天気は？"
    return [
        ExportTurn(GUANGDONG, answer_view(assistant.ask(GUANGDONG), OFFICIALS), "bank", asked_at=AT_0030_UTC),
        ExportTurn(q2, answer_view(assistant.ask(q2), OFFICIALS), "bank"),
    ]


def test_the_export_holds_every_turn_with_its_citations(turns):
    md = conversation_markdown(turns, "ja", now=AT_0030_UTC)
    assert md.startswith("# ipfin 会話の記録\n") and "利用者の立場: 金融機関" in md
    assert "## 質問 1 (2026-06-01 09:30 JST)" in md and "## 質問 2" in md and "### 出典" in md
    assert "54:26:16:4" in md and "44:36:16:4" in md
    assert "<https://zscq.creditchina.gov.cn/dxal/202501/t20250123_349350.html>" in md
    assert "公式文書: 広東省 知財質押融資リスク補償基金の運用モデル" in md
    assert "注意: 出典によって内容が異なります" in md
    assert "**文書に記載がありません**" in md and "理由:" in md


def test_times_are_local_japan_time_by_default_and_the_reader_s_zone_when_known(turns):
    assert "- 日時: 2026-06-01 09:30 JST" in conversation_markdown(turns, "ja", now=AT_0030_UTC)
    berlin = conversation_markdown(turns, "en", now=AT_0030_UTC, tz=resolve_timezone("Europe/Berlin"))
    assert "- Date: 2026-06-01 02:30 CEST" in berlin and "UTC" not in berlin
    assert local_time(AT_0030_UTC, resolve_timezone("Not/AZone")) == "2026-06-01 09:30 JST"


def test_plain_text_has_no_stray_backslashes_and_sentences_stay_apart(turns):
    md = conversation_markdown(turns, "ja", now=AT_0030_UTC)
    assert "\\(" not in md and "\\[" not in md and "\\]" not in md and "\\:" not in md
    assert "[1]" in md  # the citation marker as typed
    answer = md.split("### 回答\n\n", 1)[1].split("\n\n根拠の強さ", 1)[0]
    facts = [line for line in answer.split("\n") if line.startswith("- ")]
    # Answer.lines: one list item per quoted sentence, never merged into one paragraph
    assert len(facts) >= 2 and all(line.startswith("- 「") and line.endswith("]") for line in facts)
    assert all(line.count("[") == 1 for line in facts), facts
    assert "\n\n> 注意: 出典によって数値が異なる" in answer  # the note is its own paragraph


def test_related_and_commentary_documents_are_labelled_as_such():
    card = CitationCard(
        n=1, source_id="evc-act", title="t", publisher="p", kind="brief", year=2026, page=None, section="",
        quote="q", chunk_id="c", chunk_text="q", fact_urls=(), document_url=None,
        official=(
            OfficialLink("a", "関連文書", "金融庁", "https://www.fsa.go.jp/a", matched=False),
            OfficialLink("b", "解説", "デロイト", "https://www.deloitte.com/b", matched=True, kind="secondary"),
        ),
    )
    view = AnswerView("q", "q [1]", False, "", "q", "ja", False, 1.0, {}, "strong", (card,))
    md = conversation_markdown([ExportTurn("q", view, "sme")], "ja", now=AT_0030_UTC)
    assert "関連する公式文書: 関連文書 <https://www.fsa.go.jp/a>" in md
    assert "解説記事(二次情報): 解説 <https://www.deloitte.com/b>" in md


HOSTILE = (
    "詳細は<a href=\"https://evil.example/phish\">こちら</a>、[社内資料](http://evil.example/steal) "
    "または https://evil.example/raw を参照。<script>alert(1)</script> *強調* # 見出しではない"
)


def test_document_text_stays_text_in_a_markdown_viewer():
    html = MarkdownIt("commonmark").render(md_text(HOSTILE))
    assert "<a " not in html and "<script" not in html and "<em>" not in html
    assert "<code>https://evil.example/raw</code>" in html  # a URL is shown, never linked
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    line_start = MarkdownIt("commonmark").render(md_text("# 見出し\n1. 項目\n> 引用"))
    assert "<h1>" not in line_start and "<ol>" not in line_start and "<blockquote>" not in line_start


def test_an_answer_with_lines_is_a_list_with_groups_and_translations():
    card = CitationCard(
        n=1, source_id="us", title="US", publisher="", kind="brief", year=None, page=None, section="",
        quote="米国では保険がある。", chunk_id="c", chunk_text="米国では保険がある。", fact_urls=(), document_url=None,
    )
    lines = (
        AnswerLine("Here is what the documents say:", kind="framing"),
        AnswerLine("米国では保険がある。", cite=1, translation="In the US, insurance exists.", group="In the US"),
        AnswerLine("Note: check the sources.", kind="note"),
    )
    view = AnswerView("q", "x", False, "", "q", "en", False, 1.0, {}, "strong", (card,), lines=lines)
    md = conversation_markdown([ExportTurn("q", view, "sme")], "en", now=AT_0030_UTC)
    # a fact line that carries its group gets the label with the group mark, once
    assert "**▼ In the US**\n\n- In the US, insurance exists. (ipfin's translation) [1]" in md
    assert md.count("▼") == 1
    assert "    - Original (Japanese): 「米国では保険がある。」" in md and "> Note: check the sources." in md
    text = answer_plaintext(view, "en")
    assert "In the US, insurance exists. (ipfin's translation) [1]" in text and "Sources:" in text


def test_the_copied_text_is_the_answer_and_its_sources(turns):
    text = answer_plaintext(turns[0].view, "ja")
    assert "54:26:16:4" in text and "[1]" in text and "出典:" in text
    assert "https://zscq.creditchina.gov.cn/" in text and "\\" not in text


def test_a_stopped_turn_is_exported_as_stopped(turns):
    md = conversation_markdown([ExportTurn("途中で止めた質問", None, "sme", stopped=True)], "ja", now=AT_0030_UTC)
    assert "途中で止めた質問" in md and "停止されました" in md
