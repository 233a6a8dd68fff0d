"""Markdown export of a conversation: questions, answers, numbered citations, escaped text."""

from datetime import datetime

from assistant.app.export import ExportTurn, conversation_markdown, escape_markdown
from assistant.app.presentation import OfficialDocuments, answer_view
from assistant.core.settings import PROJECT_ROOT

OFFICIALS = OfficialDocuments.load(PROJECT_ROOT / "corpus")


def test_the_export_holds_every_turn_with_its_citations(assistant):
    q1, q2 = "広東省では知財担保融資の損失をどう分担していますか？", "今日の東京の天気は？"
    turns = [
        ExportTurn(q1, answer_view(assistant.ask(q1), OFFICIALS), "bank"),
        ExportTurn(q2, answer_view(assistant.ask(q2), OFFICIALS), "bank"),
    ]
    md = conversation_markdown(turns, "ja", now=datetime(2026, 6, 1, 9, 30))
    assert md.startswith("# ipfin 会話の記録\n") and "2026-06-01T09:30" in md and "利用者の立場: 金融機関" in md
    assert "## 質問 1" in md and "## 質問 2" in md and "### 出典" in md
    assert "54:26:16:4" in md and "44:36:16:4" in md and "\\[1\\]" in md
    assert "<https://zscq.creditchina.gov.cn/dxal/202501/t20250123_349350.html>" in md
    assert "公式文書: 広東省 知財質押融資リスク補償基金の運用モデル" in md
    assert "注意: 出典によって内容が異なります" in md
    assert "**文書に記載がありません**" in md and "理由:" in md


def test_user_and_document_text_is_escaped():
    assert escape_markdown("<script>alert(1)</script> [x](http://evil.example)") == (
        "\\<script\\>alert\\(1\\)\\</script\\> \\[x\\]\\(http://evil.example\\)"
    )
