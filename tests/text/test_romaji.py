"""Japanese terms typed in romaji: Hepburn spelling of readings, and the key that folds
the ways one reading is spelled."""

from __future__ import annotations

import pytest

from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import reading
from assistant.text.romaji import romaji, romaji_key


@pytest.mark.parametrize(
    ("kana", "spelled"),
    [
        ("チザイキンユウ", "chizaikinyuu"),
        ("キギョウカチタンポケン", "kigyoukachitanpoken"),
        ("シンヨウホショウキョウカイ", "shinyouhoshoukyoukai"),
        ("ベンチャーデット", "benchadetto"),  # ー left out, ッ doubles the next consonant
        ("ちざい", "chizai"),  # hiragana too
    ],
)
def test_romaji_spells_a_reading_in_hepburn(kana, spelled):
    assert romaji(kana) == spelled


@pytest.mark.parametrize(
    "typed",
    ["chizai kinyu", "chizai kinyuu", "Chizai-Kin'yū", "chizaikinnyu", "CHIZAI KINYŪ"],
)
def test_the_spellings_of_one_reading_share_a_key(typed):
    assert romaji_key(typed) == romaji_key(romaji(reading("知財金融"))) == "chizaikinyu"


def test_m_before_a_labial_is_n():
    assert romaji_key("tampoken") == romaji_key("tanpoken")


LEX = Lexicon.bundled()


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ('What exactly does "chizai kinyu" mean?', 'What exactly does "知財金融" mean?'),
        ("Is kigyo kachi tanpoken the same as a floating charge?", "Is 企業価値担保権 the same as a floating charge?"),
        ("Who runs the shin'yō hoshō kyōkai?", "Who runs the 信用保証協会?"),
        # in hiragana, where a word can stand
        ("きぎょうかちたんぽけんってなに", "企業価値担保権ってなに"),
        ("担保にしたら従業員のけいやくってかわっちゃう？", "担保にしたら従業員の契約ってかわっちゃう？"),
        ("しんようほしょうきょうかいのほしょうつけたら", "信用保証協会の保証つけたら"),
        ("社員のきゅうりょうってどうなる", "社員の給料ってどうなる"),  # an everyday word
        ("とうきしないとだめなの", "登記しないとだめなの"),
    ],
)
def test_a_term_typed_in_romaji_or_hiragana_is_put_back_in_japanese(question, rewritten):
    assert LEX.with_japanese_terms(question) == rewritten


@pytest.mark.parametrize(
    "question",
    [
        "Can I borrow against patents?",
        "Tell me about Ocean Tomo and Aon.",
        "What did the FSA say about provisioning for loans secured by the charge?",
        "知財金融とは？",
        # hiragana that spells no term where a word stands
        "銀行かしてくれるかな",  # かして of 貸して is no 貸し手: a verb follows
        "たかはしさんのところ",  # after は a word needs four kana: no 資産 in a name
        "こんにちは、よろしくおねがいします",
        "わたしはゆうしをうけたい",
    ],
)
def test_english_words_and_japanese_text_are_left_alone(question):
    assert LEX.with_japanese_terms(question) == question


def test_a_question_in_romaji_is_answered_from_the_japanese_term(assistant):
    answer = assistant.ask('What exactly does "chizai kinyu" mean?')
    assert "知財金融" in answer.condensed_query
    assert not answer.abstained and answer.lang == "en", answer.text
    assert any("知財金融" in c.quote for c in answer.citations), answer.text


def test_a_question_in_hiragana_is_answered_from_the_written_term(assistant):
    answer = assistant.ask("きぎょうかちたんぽけんってなに")
    assert answer.condensed_query == "企業価値担保権ってなに"
    assert not answer.abstained and "企業価値担保権" in answer.citations[0].quote, answer.text


def test_an_answer_keeps_what_was_typed_beside_its_rewrite(assistant):
    # the page shows both: 「けいやく」 as typed, and the question searched
    answer = assistant.ask("担保にしたら従業員のけいやくってかわっちゃう?")
    assert answer.query == "担保にしたら従業員のけいやくってかわっちゃう?"
    assert answer.condensed_query == "担保にしたら従業員の契約ってかわっちゃう?"
    assert not answer.abstained and "労働契約" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        # one wrong kanji of a long term (a mistyped conversion) is put right
        ("企業価値担保件っていつから？", "企業価値担保権っていつから？"),
        ("知財ビジネス評価署ってだれがつくるの？", "知財ビジネス評価書ってだれがつくるの？"),
        ("信用保障協会が代わりに払ったら", "信用保証協会が代わりに払ったら"),
        ("責任共有精度って銀行は何割？", "責任共有制度って銀行は何割？"),
        # a homophone of a term (保証 and 補償 sound alike: ほしょう)
        ("経営者補償ってなくせるの？", "経営者保証ってなくせるの？"),
        ("保障協会って何してくれるの？", "保証協会って何してくれるの？"),
        # a loanword one kana off: one left out, one wrong, one too many
        ("知財金融のガイドランってどこが出してる？", "知財金融のガイドラインってどこが出してる？"),
        ("モニタリンクって何するの", "モニタリングって何するの"),
        ("スタートアプでも使える？", "スタートアップでも使える？"),
        ("ライセンンス料は", "ライセンス料は"),
    ],
)
def test_a_long_term_typed_with_one_wrong_kanji_is_put_right(question, rewritten):
    assert LEX.with_japanese_terms(question) == rewritten


@pytest.mark.parametrize(
    "text",
    [
        "生活資産担保権とは何か",  # holds 活資産担保, one kanji from 全資産担保: inside a compound
        "不特定被担保債権留保額の最低額",  # a term already written, then 留 of the next word
        "期間はどれくらい？",  # sounds like 機関, but too short a reading to be taken for it
        "事業性融資WGの座長は誰か",  # Sudachi reads no WG: no homophone of 事業性融資
        # 全財産 (an everyday word) written as meant: no mistyped 全資産担保, the US blanket lien
        "全財産担保に入れたら、在庫売ったりもいちいち許可いる？",
        # a dictionary word one kana from a glossary loanword (メンター) is meant as typed
        "メンバーは誰？",
        # a list of loanwords: each is a word of its own (証券化・オークション)
        "ライセンス・ガイドライン・スタートアップ",
    ],
)
def test_a_word_that_only_resembles_a_term_is_left_alone(text):
    assert LEX.with_typos_fixed(text) == text


def test_no_sentence_of_the_briefs_reads_as_a_typo():
    """The documents' own wording is never 'put right' (the rule would change a question
    quoting them)."""
    from pathlib import Path

    briefs = Path(__file__).resolve().parents[2] / "corpus" / "briefs"
    lines = [line for path in sorted(briefs.glob("*.md")) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 100
    assert [line for line in lines if LEX.with_typos_fixed(line) != line] == []


def test_a_question_with_a_mistyped_loanword_is_answered(assistant):
    # ガイドラン, read as it stands, is in no passage: the question would be refused
    answer = assistant.ask("知財金融のガイドランってどこが出してる？")
    assert answer.condensed_query == "知財金融のガイドラインってどこが出してる?"
    assert not answer.abstained and "ガイドライン" in answer.citations[0].quote, answer.text


def test_a_question_with_a_mistyped_term_is_answered(assistant):
    answer = assistant.ask("企業価値担保件っていつから使えるの？")
    assert answer.condensed_query == "企業価値担保権っていつから使えるの?"  # (NFKC)
    assert not answer.abstained and "2026年" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        # a glossary word typed one letter wrong
        ("Can the bank still ask for a personal guarentee?", "Can the bank still ask for a personal guarantee?"),
        ("How many startps did IPAS support?", "How many startups did IPAS support?"),
        ("What counts as colateral?", "What counts as collateral?"),
    ],
)
def test_an_english_term_typed_one_letter_wrong_is_put_right(question, rewritten):
    assert LEX.with_japanese_terms(question) == rewritten


@pytest.mark.parametrize(
    "text",
    [
        "What changes for our lenders?",  # a word of English, one letter from "charges"
        "Is Ocean Tomo a lender?",  # names are left as typed
        "What does the JPOs portal offer?",  # so are acronyms and their forms
    ],
)
def test_an_english_word_that_is_no_typo_is_left_alone(text):
    assert LEX.with_english_typos_fixed(text) == text


def test_no_english_rendering_of_the_briefs_reads_as_a_typo():
    from pathlib import Path

    briefs = Path(__file__).resolve().parents[2] / "corpus" / "briefs"
    lines = [
        line.split("en:", 1)[1]
        for path in sorted(briefs.glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("en:", "- en:"))
    ]
    assert len(lines) > 100
    assert [line for line in lines if LEX.with_english_typos_fixed(line) != line] == []


def test_an_english_question_with_a_mistyped_term_is_answered(assistant):
    answer = assistant.ask("Does the enterprise value charge stop the bank asking our CEO for a personal guarentee?")
    assert not answer.abstained and "経営者保証" in answer.citations[0].quote, answer.text
