import re

import pytest

from assistant.answer.evidence import figures
from assistant.core.messages import t

QUESTIONS = [
    "広東省では知財担保融資の損失をどう分担していますか？",
    "企業価値担保権とは何ですか？",
    "企業価値担保権を設定すると経営者保証はどうなりますか？",
    "金融庁は企業価値担保権付き融資の引当をどう考えていますか？",
    "中国の知財質押融資は2023年にどのくらいの規模でしたか？",
    "知財ビジネス評価書の作成費用はいくらですか？",
    "ABLとは何ですか？",
    "米国のベンチャーデットでは知財はどう扱われますか？",
    "How did China share default risk?",
    "What does the FSA expect on valuation and provisioning?",
]


def test_guangdong_answer_shows_both_figures_with_citations(assistant):
    answer = assistant.ask("広東省では知財担保融資の損失をどう分担していますか？")
    assert not answer.abstained
    assert "44:36:16:4" in answer.text and "54:26:16:4" in answer.text
    assert answer.conflict and "出典によって数値が異なる" in answer.text
    quotes = " ".join(c.quote for c in answer.citations)
    assert "44:36:16:4" in quotes and "54:26:16:4" in quotes
    urls = {u for c in answer.citations for u in c.urls}
    assert "https://zscq.creditchina.gov.cn/dxal/202501/t20250123_349350.html" in urls
    assert any("deloitte.com" in u for u in urls)


@pytest.mark.parametrize(
    "question", ["今日の東京の天気は？", "ラーメンのおいしい作り方を教えて", "What is the capital of France?"]
)
def test_out_of_scope_questions_abstain(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations
    assert answer.abstain_reason
    assert ("知財金融ポータルサイト" in answer.text) or ("IP finance portal" in answer.text)


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_citation_quote_is_verbatim_in_its_chunk(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.abstain_reason
    assert answer.citations
    for c in answer.citations:
        assert c.quote and c.quote in c.chunk.text
        assert c.url and c.url.startswith("http")
    # Every answer sentence carries its [n], and every [n] resolves.
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert numbers == {c.n for c in answer.citations}
    for c in answer.citations:
        assert c.quote in answer.text  # quoted as is: figures cannot change


def test_numbers_dates_and_ratios_are_never_altered(assistant):
    answer = assistant.ask("中国の知財質押融資は2023年にどのくらいの規模でしたか？")
    for c in answer.citations:
        for value, _unit in figures(c.quote).amounts:
            assert value in c.chunk.text.replace(",", "")


def test_english_questions_get_english_framing(assistant):
    answer = assistant.ask("How did China share default risk?")
    assert answer.lang == "en" and answer.text.startswith(t("answer.english_lead", "en"))
    assert "リスク補償基金" in answer.text  # the cited Japanese original follows each translation


def test_when_question_prefers_the_date(assistant):
    answer = assistant.ask("企業価値担保権はいつから使えますか？")
    assert "2026年5月25日" in answer.text


def test_empty_and_overlong_questions_are_refused(assistant):
    from assistant.core.errors import QuestionError

    for bad in ("", "   \n\t"):
        with pytest.raises(QuestionError, match="empty"):
            assistant.ask(bad)
    with pytest.raises(QuestionError, match=r"20,000 characters.*limit is 2,000"):
        assistant.ask("あ" * 20_000)


def test_figures_and_conflicts_unit():
    a = figures("中山市は54:26:16:4で分担する。")
    b = figures("広東省は44:36:16:4で分担する。")
    assert a.conflicts_with(b, same_topic=False)
    # Different years or periods are not a disagreement.
    assert not figures("2022年は4868.8億元。").conflicts_with(figures("2023年は8539.9億元。"), same_topic=True)
    assert not figures("2023年1〜9月は4950億元。").conflicts_with(figures("2023年通年は8539.9億元。"), same_topic=True)
    assert figures("報道で異なる。120件程度とも150件前後とも。").self_conflicting(
        "報道で異なる。120件程度とも150件前後とも。"
    )


def test_everyday_wording_reaches_the_documents(assistant):
    # 「お金」 never occurs in the briefs; the SME owner's question must not be refused.
    answer = assistant.ask("特許を担保にお金を借りられますか？")
    assert not answer.abstained and answer.citations


def test_english_sentence_naming_a_japanese_term_is_english(assistant):
    answer = assistant.ask("What does 企業価値担保権 mean for my personal guarantee?")
    assert answer.lang == "en" and "経営者保証" in answer.text


def test_requested_figure_kinds():
    from assistant.answer.evidence import requested_figure
    from assistant.corpus.lexicon import Lexicon

    lex = Lexicon.bundled()

    assert requested_figure("企業価値担保権の融資は何件実行された？", lex).units == {"件"}
    assert "%" in requested_figure("三菱UFJ銀行の金利は何%？", lex).units
    assert "億元" in requested_figure("How much did Shenzhen add to its pool?", lex).units
    assert requested_figure("中国の2025年の知財質押融資額の実績は？", lex).years == {"2025"}
    assert not requested_figure("企業価値担保権とは何ですか？", lex)
    wanted = requested_figure("2023年の中国の知財質押融資はいくら？", lex)
    assert wanted.met_by("2023年通年では融資額が8539.9億元に達した。")
    assert not wanted.met_by("2022年の融資額は4868.8億元だった。")


@pytest.mark.parametrize(
    "question",
    ["三菱UFJ銀行で知財担保融資を受けたら金利は何%ですか？", "企業価値担保権の登記にかかる登録免許税はいくら？"],
)
def test_a_figure_the_documents_do_not_give_is_not_answered_with_other_figures(assistant, question):
    answer = assistant.ask(question)
    # Refused: the figure is not in the documents (naming what was asked for: 登録免許税), or
    # (三菱UFJ) the party itself is not.
    reason = answer.abstain_reason
    assert answer.abstained and ("「登録免許税」にあたる記述" in reason or "記述がありません" in reason), reason
    assert not answer.citations


def test_a_figure_the_documents_give_is_answered(assistant):
    answer = assistant.ask("2015年度の知財金融促進事業では評価書作成支援を何件採択する予定でしたか？")
    assert not answer.abstained and "120件程度" in answer.text


def test_the_lead_sources_other_statements_on_the_question_follow_it():
    """Below the usual share of the lead's score, a unit still follows when it comes from the
    lead's own document (it costs the answer no precision of its sources); another
    document's unit at that score does not."""
    from assistant.answer.candidate import Candidate
    from assistant.answer.extractive import RELATIVE_CUTOFF, SAME_SOURCE_CUTOFF, ExtractiveAnswerer
    from assistant.core.types import Chunk, Hit, SourceDoc

    def cand(source: str, score: float) -> Candidate:
        chunk = Chunk(id=f"{source}-1", text="企業価値担保権は総財産を目的とする。", source_id=source)
        return Candidate(0, Hit(chunk, SourceDoc(source, source), 1.0), chunk.text, 0, len(chunk.text), score=score)

    lead = cand("evc-act", 1.0)
    between = (RELATIVE_CUTOFF + SAME_SOURCE_CUTOFF) / 2
    assert ExtractiveAnswerer._supports(cand("evc-act", between), lead)
    assert not ExtractiveAnswerer._supports(cand("other-brief", between), lead)
    assert ExtractiveAnswerer._supports(cand("other-brief", RELATIVE_CUTOFF), lead)
    assert not ExtractiveAnswerer._supports(cand("evc-act", SAME_SOURCE_CUTOFF * 0.9), lead)
