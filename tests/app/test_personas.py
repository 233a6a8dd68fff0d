"""Personas: starter questions that the corpus answers, framing that never adds an uncited fact."""

import pytest

from assistant.app.personas import PERSONAS, frame, get_persona, starters
from assistant.app.presentation import answer_view


@pytest.mark.parametrize("persona_id", sorted(PERSONAS))
def test_every_japanese_starter_question_is_answered_with_citations(assistant, persona_id):
    questions = starters(persona_id, "ja")
    assert len(questions) >= 3
    for question in questions:
        answer = assistant.ask(question)
        assert not answer.abstained, (question, answer.abstain_reason)
        assert answer.citations and all(c.quote in c.chunk.text for c in answer.citations)


@pytest.mark.parametrize("persona_id", sorted(PERSONAS))
def test_english_starters_exist_and_are_answered(assistant, persona_id):
    for question in starters(persona_id, "en"):
        assert question.isascii()
        assert not assistant.ask(question).abstained, question


def test_personas_have_the_three_japanese_labels():
    assert {p.label("ja") for p in PERSONAS.values()} == {"中小企業・スタートアップ", "金融機関", "支援機関・専門家"}
    assert get_persona("unknown").id == "sme" and get_persona(None).id == "sme"


def test_bank_framing_links_valuation_and_provisioning_points_to_citations(assistant):
    view = answer_view(assistant.ask("企業価値担保権付き融資の評価や引当について金融庁は何を示していますか？"))
    framing = frame(view, "bank", "ja")
    assert framing is not None and framing.lead.startswith("金融機関の方向け")
    by_label = {p.label: p.citations for p in framing.points}
    assert "引当・債務者区分" in by_label
    quotes = {c.n: c.quote for c in view.cards}
    for point in framing.points:  # every point names citations that exist and mention the topic
        bank = get_persona("bank")
        focus = next(f for i, f in enumerate(bank.focus) if bank.focus_label(i, "ja") == point.label)
        assert point.citations and all(any(term in quotes[n] for term in focus.terms) for n in point.citations)
    assert framing.next_steps  # guidance, shown with a "not a sourced fact" note by the UI


def test_persona_changes_the_framing_not_the_evidence(assistant):
    view = answer_view(assistant.ask("企業価値担保権を設定すると経営者保証はどうなりますか？"))
    sme, bank = frame(view, "sme", "ja"), frame(view, "bank", "ja")
    assert sme.lead != bank.lead and sme.next_steps != bank.next_steps
    assert any(p.label == "経営者保証" for p in sme.points)


def test_an_abstention_gets_no_framing(assistant):
    view = answer_view(assistant.ask("今日の東京の天気は？"))
    assert view.abstained and frame(view, "sme", "ja") is None
