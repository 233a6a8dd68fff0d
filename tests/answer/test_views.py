"""A named party's view or words: which questions ask one, and which sentences report it."""

from __future__ import annotations

import pytest

from assistant.answer.views import asked_view, view_word


@pytest.mark.parametrize(
    ("question", "party", "words"),
    [
        # (a person by the surname)
        ("What was Hideki Kanda's own view on whether trade creditors should hold the charge?", "Hideki Kanda", ("kanda",)),
        ("did Keidanren support or oppose restricting owner guarantees?", "Keidanren", ("keidanren",)),
        ("What position did the Japanese Bankers Association take?", "Japanese Bankers Association", ("japanese", "bankers", "association")),
        ("what does the head of the jpo actually think about the charge?", "head of the jpo", ("jpo",)),
        ("did WIPO's director general Tang announce a new fund?", "WIPO's director general Tang", ("tang",)),
        ("What did WIPO Director General Daren Tang propose on valuation?", "WIPO Director General Daren Tang", ("tang",)),
        ("did keidanren actually like this law or did they push back", "keidanren", ("keidanren",)),
        ("At the second meeting, did Mizuho argue for a wider range of holders?", "Mizuho", ("mizuho",)),
        ("WIPOのタン事務局長は、日本の企業価値担保権についてどう評価していますか。", "タン事務局長", ("タン",)),
        ("WIPOのタン事務局長って日本の企業価値担保権のことなんか言うてた？", "タン事務局長", ("タン",)),
        ("その報告書に対して経団連はどういう反応だったんですか", "経団連", ("経団連",)),
        ("金融庁長官は会見でなんて言ってたの？", "金融庁長官", ("金融庁",)),
        ("第2回会合で、みずほ銀行は創設に賛成の立場でしたか", "みずほ銀行", ("みずほ銀行",)),
    ],
)
def test_a_party_whose_view_is_asked(question, party, words):
    view = asked_view(question)
    assert view is not None and view.party == party and tuple(w[0] for w in view.words) == words, view


@pytest.mark.parametrize(
    "question",
    [
        "What does the FSA's paper say about provisioning?",  # a document's content
        "How many startups did the JPO's IPAS programme support?",  # support is no stance
        "when was the first live patent auction held? it was ocean tomo i think",  # the asker's guess
        "中国には国の評価基準があるのに、銀行は自分で知財を評価してるの？",  # what banks do
        "経済産業省が公表した評価・引当の考え方には何が書いてある？",  # a document's approach
        "did the Deloitte article propose a risk fund?",  # a document's content
        "うちの銀行はどう思う？",  # the asker's own bank
    ],
)
def test_no_view_is_asked(question):
    assert asked_view(question) is None


def test_a_view_is_reported_by_a_sentence_naming_the_party_and_its_words():
    kanda = asked_view("What was Hideki Kanda's view on trade creditors?")
    assert kanda is not None
    assert not kanda.reported_in("Hideki Kanda of Gakushuin University served as its chair.")
    assert kanda.reported_in("Hideki Kanda said trade creditors should not hold the charge.")
    # an office asked must be named: the FSA is not its commissioner
    commissioner = asked_view("金融庁長官は会見でなんて言ってたの？")
    assert commissioner is not None and commissioner.titles[0] == "長官"
    assert not commissioner.reported_in("金融庁は概要で、経営者保証を制限する方針を示したと説明した。")
    assert commissioner.reported_in("金融庁長官は会見で、新しい担保権の活用に期待すると述べた。")


def test_a_party_is_found_by_the_glossarys_spelling():
    from assistant.corpus.lexicon import Lexicon

    view = asked_view("Did the WG propose restricting owner guarantees?", Lexicon.bundled().expand_english)
    assert view is not None and "ワーキング・グループ" in view.words[0]
    assert view.reported_in("", "金融審議会「…ワーキング・グループ」報告")


def test_words_of_how_a_view_is_asked_are_no_topic():
    assert view_word("会見") and view_word("position") and not view_word("trade creditors")


def test_a_view_no_passage_reports_is_refused(assistant):
    answer = assistant.ask("What was Hideki Kanda's own view on whether trade creditors should be allowed to hold the new charge?")
    assert answer.abstained and "Hideki Kanda" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("WIPOのタン事務局長は、日本の企業価値担保権についてどう評価していますか。")
    assert answer.abstained and "タン事務局長" in answer.abstain_reason, answer.abstain_reason
    # the occasion (the second meeting) is where Keidanren spoke, not what it said
    answer = assistant.ask("At the working group's second meeting, did Keidanren support or oppose restricting owner guarantees?")
    assert answer.abstained, answer.text


def test_a_view_a_passage_reports_is_answered(assistant):
    answer = assistant.ask("What did WIPO's Director General Tang say about intangible assets?")
    assert not answer.abstained and "Tang" in answer.text, answer.abstain_reason
    answer = assistant.ask("WIPOのタン事務局長は無形資産についてどう言ってた？")
    assert not answer.abstained and "謎に包まれ" in answer.text, answer.abstain_reason


def test_a_bodys_own_document_speaks_for_it():
    fsa = asked_view("金融庁は企業価値担保権付き融資の引当をどう考えていますか？")
    assert fsa is not None and not fsa.person
    assert fsa.reported_in("3つの引当方法が例示された。", "評価・引当の考え方 金融庁の検討ペーパー")
    kanda = asked_view("What was Hideki Kanda's view on trade creditors?")
    assert kanda is not None and kanda.person
    assert not kanda.reported_in("Trade creditors may not hold it.", "Hideki Kanda's working group")


def test_the_occasion_of_a_view_is_not_its_topic():
    view = asked_view("What did Singapore's minister say about intangible assets at WIPO's IP Finance Dialogue?")
    assert view is not None and view.person and view.about == "about intangible assets"
