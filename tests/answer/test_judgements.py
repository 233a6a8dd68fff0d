"""Forecasts and rankings: which questions ask the documents to judge, and which sentences do."""

from __future__ import annotations

import pytest

from assistant.answer.judgements import asked_judgement, judgement_word


@pytest.mark.parametrize(
    "question",
    [
        "Is the 700,000 yen minimum reserved amount expected to be revised after a year?",
        "Will the JPO go back to paying the full cost of evaluation reports next fiscal year?",
        "will china keep growing ip pledge lending by 40%+ in 2025 too?",
        "will japan set up a govt fund like china's? any timeline on that",
        "Are there any plans to let sole proprietors grant the charge?",
        "企業価値担保権って、そのうち個人でも使えるようになる予定とかあるん？",
        "企業価値担保権って今後もっと使われるようになる見込みなの？",
    ],
)
def test_a_forecast_is_asked(question):
    judged = asked_judgement(question)
    assert judged is not None and judged.kind == "outlook" and judged.reason == "no_outlook", judged


@pytest.mark.parametrize(
    "question",
    [
        "which bank in japan is best to go to for an enterprise value charge loan, a megabank or a regional one?",
        "who gives the best terms on IP-backed loans?",
        "Would you advise a client whose value sits mostly in inventory to use ABL?",
        "引当方法の3つのうち、地方銀行にとって最も適切なのはどれですか",
        "知財金融で一番おすすめの制度は？",
    ],
)
def test_a_ranking_is_asked(question):
    judged = asked_judgement(question)
    assert judged is not None and judged.kind == "advice" and judged.reason == "no_advice", judged


@pytest.mark.parametrize(
    "question",
    [
        "When will the enterprise value charge come into force?",  # a date
        "If my company grants the charge, will my employees' contracts change?",  # what a rule does
        "2015年度の知財金融促進事業では、評価書を何件採択する予定だった？",  # a plan that was
        "How many evaluation reports did the JPO fund?",
        "今後の課題は何ですか",
        "中国の知財証券化商品は何本出ていて、そのうちデフォルトしたのはどのくらい？",  # of those
    ],
)
def test_no_judgement_is_asked(question):
    assert asked_judgement(question) is None


def test_a_forecast_is_stated_by_a_sentence_on_a_plan_for_the_year_asked():
    judged = asked_judgement("Will China's IP pledge financing exceed 1 trillion yuan in 2024?")
    assert judged is not None and judged.years == frozenset({"2024"})
    assert judged.said_in("2024年1〜9月の融資額は約7900億元で、通年では1兆元を超えるとの見通しを示した。")
    # a figure forecasts nothing; a forecast for another year is none for 2024
    assert not judged.said_in("2024年上半期の登記額は4199億元(57%増)だった。")
    assert not judged.said_in("2023年は通年で8000億元を超える見通しとされた。")
    # the future property a rule covers is no outlook
    plain = asked_judgement("企業価値担保権は今後広がる見込み？")
    assert plain is not None and not plain.said_in("将来会社に属することになる財産も含めて担保にすることができる。")


def test_a_ranking_is_stated_by_a_sentence_saying_what_suits():
    judged = asked_judgement("which is best for a wholesaler with a lot of inventory?")
    assert judged is not None
    assert judged.said_in("ABLは在庫の多い事業者に適している。")
    assert not judged.said_in("ABLは在庫・売掛金などを担保とする融資である。")


def test_words_that_only_ask_a_judgement_are_no_topic():
    assert judgement_word("見込み") and judgement_word("予定") and judgement_word("best")
    assert not judgement_word("企業価値担保権") and not judgement_word("評価書")
