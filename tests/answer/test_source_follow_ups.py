"""「出典は？」 / "source?": a follow-up asking where the last answer comes from is answered by
that answer, opened by the documents it quotes (title, page, link). Real index of the briefs."""

from __future__ import annotations

import pytest

from assistant.core.messages import t
from assistant.retrieval.condense import asks_source

QUESTION = "経営者保証のガイドラインって法的な拘束力あるの？"


@pytest.mark.parametrize(
    "typed",
    ["出典は？", "ソースある？", "その出典は?", "出典教えてください", "根拠は？", "リンク貼って", "source?",
     "Source pls", "what's the source?", "any sources for that?", "where's that from?", "where did you get that?"],
)
def test_a_request_for_the_source_is_read_as_one(typed):
    assert asks_source(typed)


@pytest.mark.parametrize(
    "typed",
    # (each names what it wants: the basis in law, the source of a claim it states, a document's own source)
    ["根拠法は？", "source for the claim that SMEs are 90% of firms?", "評価書の出典は？", "", "どこで借りられる？"],
)
def test_a_question_of_its_own_is_no_request_for_the_source(typed):
    assert not asks_source(typed)


def test_the_source_follow_up_names_the_documents_the_last_answer_quotes(assistant):
    before = assistant.ask(QUESTION)
    answer = assistant.ask("出典は？", [QUESTION])
    assert not before.abstained and not answer.abstained
    # the same facts, cited the same way …
    assert [line.text for line in answer.lines if line.kind == "fact"] == [
        line.text for line in before.lines if line.kind == "fact"
    ]
    assert [c.url for c in answer.citations] == [c.url for c in before.citations]
    # … opened by one line per document quoted, with its citation numbers and its link
    assert answer.lines[0].kind == "framing" and answer.lines[0].text == t("answer.sources_lead", "ja")
    listed = [line.text for line in answer.lines[1:] if line.kind == "framing" and line.text.startswith("[")]
    for c in before.citations:
        assert any(f"[{c.n}]" in line and c.doc.title in line and c.url in line for line in listed), listed
    assert answer.text.startswith(t("answer.sources_lead", "ja")) and before.citations[0].url in answer.text.split("\n\n")[0]
    assert answer.query == "出典は?" and answer.condensed_query == before.condensed_query  # (as NFKC writes it)


def test_an_english_source_follow_up_is_answered_in_english(assistant):
    answer = assistant.ask("source?", [QUESTION])
    assert not answer.abstained and answer.lang == "en"
    assert answer.text.startswith(t("answer.sources_lead", "en"))
    assert any(line.translation for line in answer.lines if line.kind == "fact")


def test_the_source_of_a_refusal_is_the_refusal(assistant):
    refused = assistant.ask("火星の知財担保融資の上限額は？")
    answer = assistant.ask("出典は？", ["火星の知財担保融資の上限額は？"])
    assert refused.abstained and answer.abstained and answer.text == refused.text


def test_source_alone_asks_nothing_of_an_earlier_answer(assistant):
    answer = assistant.ask("出典は？")
    assert t("answer.sources_lead", "ja") not in answer.text


def test_quotes_from_two_pages_of_a_pdf_are_two_source_lines():
    from assistant.answer.compose import with_sources
    from assistant.core.types import Answer, AnswerLine, Chunk, Citation, SourceDoc

    doc = SourceDoc("fsa-guide", "金融庁の手引", url="https://example.org/guide.pdf", kind="user")
    p3, p7 = Chunk("c3", "担保は総財産である。", "fsa-guide", page=3), Chunk("c7", "実行は裁判所が決定する。", "fsa-guide", page=7)
    cites = [Citation(1, p3, doc, "担保は総財産である。"), Citation(2, p7, doc, "実行は裁判所が決定する。"), Citation(3, p3, doc, "担保は総財産である。")]
    facts = tuple(AnswerLine(c.quote, cite=c.n) for c in cites)
    answer = with_sources(Answer("…", cites, False, "hybrid", "q", "q", lines=facts), "ja")
    listed = [line.text for line in answer.lines if line.kind == "framing"][1:]
    assert listed == [
        "[1][3] 金融庁の手引(p.3) https://example.org/guide.pdf",
        "[2] 金融庁の手引(p.7) https://example.org/guide.pdf",
    ]
    assert answer.lines[-3:] == facts and answer.text.endswith("\n\n…")
