"""Answers that answer: the lead sentence answers the question, in its jurisdiction and
language; what the documents do not say is refused. Real index of the bundled briefs."""

from __future__ import annotations

import re

import pytest

from assistant.answer.evidence import lists_count, requested_figure, told_kind
from assistant.answer.parts import asking_sentences
from assistant.answer.premise import checks_claim
from assistant.answer.quantity import QuantityCheck
from assistant.answer.question import frame, places_asked, unknown_institutions, unnamed_documents, without_comparison
from assistant.answer.refusal import Refusals
from assistant.core.messages import t
from assistant.corpus.lexicon import Lexicon
from assistant.retrieval.condense import condense, is_follow_up, without_opener
from assistant.text.ja import content_terms, key_terms, standard_negatives

LEX = Lexicon.bundled()


def _lead(answer) -> tuple[str, str]:
    line = next(line for line in answer.lines if line.kind == "fact")
    return line.text, line.jurisdiction


# ------------------------------------------------------------------ the question's frame


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("企業価値担保権ってなに？", "definition"),
        ("個人事業主でも使える？", "yesno"),
        ("会社がつぶれたらどうなるの？", "whatif"),
        ("いつから使えるの？", "when"),
        ("評価書の作成費用はいくら？", "howmuch"),
        ("作成費用は誰が負担していますか？", "who"),
        ("何から始めればいい？手続の流れは？", "howto"),
        ("不動産担保と何が違うの？", "comparison"),
        ("What happens to my employees if the company defaults?", "whatif"),
        ("When does the enterprise value charge take effect?", "when"),
        ("法案が国会に出されたのは何日？", "when"),
        ("改正指針の告示日は？", "when"),
        ("質押登記って何日くらいで終わるの？", "other"),  # a duration, not a date
        ("知財担保で借りたお金って何年で返すの？", "other"),  # a loan's term, not a year
        ("設立は何年ですか？", "when"),  # 何年です(か) asks a year
        ("広東省ってリスク補償どうしてる？", "other"),  # どうしてる asks how, not why
        ("どうして広まらないの？", "why"),
        ("会合は何回開かれたの？", "howmuch"),
        ("登記しなきゃいけないの？", "yesno"),  # "must I …?" is a yes/no question
        ("毎年報告しないとダメ？", "yesno"),
        ("担保権は銀行が持つの?", "yesno"),  # a verb whose stem is a kanji, then の? (as NFKC writes it)
        ("中国だとどんな観点で見るの？", "other"),  # どんな asks what, not whether
        ("審議会の頃は何という名前で呼ばれてたの？", "name"),
        ("What was the new charge called while the council discussed it?", "name"),
        ("What provisional name did the council use for it?", "name"),
    ],
)
def test_the_intent_of_everyday_questions(question, intent):
    assert frame(question, LEX).intent == intent


def test_some_is_no_how_much():
    # 「いくらか」 before a noun is "some": 「いくらかリスク持つ」 asks whether, not how much
    assert not frame("銀行もいくらかリスク持つんでしたっけ？", LEX).figure
    assert "howmuch" not in frame("銀行もいくらか負担するの？", LEX).intents
    # 「いくらか教えて」「いくらかかる」 ask how much
    assert frame("費用がいくらか教えてください", LEX).figure.money
    assert frame("評価書っていくらかかる？", LEX).intent == "howmuch"


@pytest.mark.parametrize(
    ("question", "intents"),
    [
        # a polite request wraps the real question: it asks when, not yes or no
        ("Can you tell me when the law took effect?", ["when"]),
        ("Do you know when the enterprise value charge came into force?", ["when"]),
        ("Could you explain how to apply for an IP business evaluation report?", ["howto"]),
        ("Could you tell me what happens to my guarantee if the company goes bankrupt?", ["whatif"]),
        ("Tell me the date the act was passed.", ["when"]),
        ("Can you tell me whether sole traders can use it?", ["yesno"]),
        ("評価書の費用がいくらか教えてもらえますか", ["howmuch"]),
        ("いつ施行されたのか知りたいです", ["when"]),
        # not a request: "can you" with another verb is a yes/no question about what one may do
        ("Can you borrow against patents in Japan?", ["yesno"]),
        ("Can I use my patents as collateral?", ["yesno"]),
        # a yes/no question begins with its auxiliary; "What did X do?" is not one
        ("What did Ocean Tomo do?", []),
        ("And can a sole trader use it?", ["yesno"]),
        ("The act has been in force since 2024. Is that right?", ["yesno"]),
    ],
)
def test_a_request_is_read_for_the_question_it_wraps(question, intents):
    assert LEX.intents_of(question) == intents
    assert LEX.unwrap("Can I use my patents as collateral?") is None


@pytest.mark.parametrize(
    ("question", "jurisdictions", "named"),
    [
        ("特許を担保にお金を借りられますか？", ("jp",), False),
        ("アメリカの知財担保ローンには保険がある？", ("us",), True),
        ("How does Guangdong share losses?", ("cn",), True),
        ("Can you tell us how IP finance works?", ("jp",), False),  # "us" here is not the US
        ("in the us how do lenders usually perfect a security interest in patents?", ("us",), True),  # lower case
        ("What is the U.S. rule?", ("us",), True),  # dotted, before a space
        ("日本と中国の違いは？", ("jp", "cn"), True),
        # a place that only says who asks, beside the place asked about
        ("We're a US fund looking at a Japanese SME. when does the new charge take effect", ("jp",), True),
        ("米国のファンドですが、日本の企業価値担保権はいつから使えますか", ("jp",), True),
        ("I'm a US start-up: can I insure an IP-backed loan?", ("us",), True),  # the only place named
    ],
)
def test_a_question_that_names_no_place_is_about_japan(question, jurisdictions, named):
    q = frame(question, LEX)
    assert (q.jurisdictions, q.named_places) == (jurisdictions, named)


def test_a_quantity_is_asked_for_only_by_a_how_much_question():
    assert [q.nouns[0] for q in frame("評価書の作成手数料はいくら？", LEX).quantities] == ["手数料"]
    assert frame("作成費用は誰が負担していますか？", LEX).quantities == ()
    assert frame("How do we perfect a security interest in a US patent?", LEX).quantities == ()


# ------------------------------------------------------------------ follow-ups


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        ("中国だと？", ["日本で知財担保融資の損失はどう分担されてるの？"], "中国で知財担保融資の損失はどう分担されてるの？"),
        ("じゃあアメリカは？", ["知財担保融資のリスク分担はどうなってる？"], "アメリカでは、知財担保融資のリスク分担"),
        ("珠海市は？", ["広東省の中山市では損失をどう分担してる？"], "広東省の珠海市では損失をどう分担してる？"),
        ("その評価書って中身はなに書いてあるの？", ["特許庁の評価書って銀行はタダでもらえるんだっけ？"], "評価書"),
        ("その場合、従業員はどうなる？", ["企業価値担保権の融資を返せなかったら？"], "企業価値担保権"),
        ("いつから？", ["企業価値担保権ってなに？"], "企業価値担保権"),
        ("What about China?", ["How is IP loan risk shared in the US?"], "How is IP loan risk shared in China?"),
        ("When does it take effect?", ["What is the enterprise value charge?"], "the enterprise value charge"),
        # a short English question with no subject of its own
        ("Who can be the lender?", ["What is the enterprise value charge?"], "enterprise value charge"),
    ],
)
def test_follow_ups_are_asked_about_the_conversation(question, history, expected):
    assert expected in condense(question, history, lexicon=LEX)


def test_a_short_english_question_with_its_own_subject_stands_alone():
    assert condense("What is IPAS?", ["What is the enterprise value charge?"], lexicon=LEX) == "What is IPAS?"
    assert condense(
        "How does the enterprise value charge work?", ["What is IPAS?"], lexicon=LEX
    ) == "How does the enterprise value charge work?"


# ------------------------------------------------------------------ the lead


def test_the_readme_example_leads_with_japanese_practice(assistant):
    answer = assistant.ask("特許を担保にお金を借りられますか？")
    text, jurisdiction = _lead(answer)
    assert jurisdiction in ("jp", "intl"), text
    assert answer.jurisdictions == ("jp",)
    foreign = [line for line in answer.lines if line.kind == "fact" and line.jurisdiction not in ("jp", "intl")]
    if foreign:  # a foreign fact may follow, under its label, never lead
        assert any(line.kind == "framing" and line.text.startswith("▼") for line in answer.lines)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("企業価値担保権はいつから使えますか？", "5月25日"),
        ("個人事業主でも企業価値担保権を設定できますか？", "個人事業主"),
        ("知財ビジネス評価書とは何ですか？", "第三者の調査機関"),
        ("信用保証協会の責任共有制度では、協会と金融機関はどう負担を分けていますか？", "80%"),
        # "what is the … ratio between X and Y" defines the ratio, not X (「協会は、…」)
        ("What is the usual loss-sharing ratio between the credit guarantee corporation and the lender?", "80%"),
        # 「保証協会つき」: つき is "with", not a word a passage must say
        ("保証協会つきの融資だと、銀行も損を負うの？何割くらい？", "20%"),
        # "which entities" names no thing of its own: any party that can act as the trustee
        ("EVC: which entities can act as the trust company holding the charge?", "兼営法"),
        # the occasion named by its number leads (not the WG's chair, named with 氏が)
        ("金融審議会のワーキング・グループの第2回会合では、どこが発表したのでしょうか。", "経団連"),
        # two asking sentences are judged together: the second ("Is it like …?") leans on the first
        (
            "Are banks required to use the FSA's example provisioning methods for enterprise value charge loans? Is it like the old inspection manual?",
            "義務",
        ),
        # the sentence before the question says who asks; the question is the last one
        (
            "I run a three-person design studio as a sole proprietor in Sapporo. Can I pledge my whole business under the enterprise value charge?",
            "個人事業主",
        ),
        # 「事業ごと担保に」: the whole business (まるごと), not 「ごとに」 (for each)
        ("事業ごと担保にするやつって、いつから使えるの？", "2026年"),
        # "introduced" is 導入: the event asked for, not the founding of the first association
        ("When was the responsibility-sharing system introduced in Japan?", "2007年10月"),
        # everyday words for signing (ハンコ), taking effect (効いてる) and a filing (役所)
        ("ハンコ押した時点で担保って効いてるの？役所に何か出す？", "登記"),
    ],
)
def test_the_first_sentence_answers_the_question(assistant, question, lead):
    answer = assistant.ask(question)
    assert not answer.abstained and lead in _lead(answer)[0], answer.text


def test_a_discourse_marker_is_not_the_verb_asked_about():
    """「ぶっちゃけ」 ("frankly") is 打ち明ける to Sudachi: not what the question asks."""
    from assistant.answer.evidence import term_groups

    groups = term_groups("ぶっちゃけ銀行が知財担保で貸したがらないのってなんで？", lambda t: 2.0, LEX)
    assert "打ち明ける" not in {g.term for g in groups} and "貸す" in {g.term for g in groups if g.predicate}


def test_a_verb_as_inflected_may_be_an_everyday_phrase_of_its_own():
    """「返せなくなったら」 is a default (債務不履行), not repaying (返済, 弁済: 「優先して弁済
    され」 is no answer to it); 「潰される」 is the
    company going under: the sentence on default answers "what happens if I can't repay?"."""
    from assistant.answer.evidence import group_found, term_groups
    from assistant.text.ja import content_terms

    default, insolvency = set(content_terms("債務不履行")), set(content_terms("倒産手続"))
    groups = term_groups("もし返せなくなったら会社ってどうなるの？すぐ潰される？", lambda t: 2.0, LEX)
    verbs = {g.term: g for g in groups if g.predicate}
    assert group_found(verbs["返す"], default) and not group_found(verbs["返す"], {"返済"})
    assert group_found(verbs["潰す"], insolvency)
    # the bare verb keeps its own words only
    plain = {g.term: g for g in term_groups("借りたお金はいつ返すの？", lambda t: 2.0, LEX) if g.predicate}
    assert not group_found(plain["返す"], default)


def test_a_default_question_is_led_by_what_happens_on_default(assistant):
    answer = assistant.ask("もし返せなくなったら会社ってどうなるの？すぐ潰される？")
    lead, _ = _lead(answer)
    assert not answer.abstained and "債務不履行" in lead, answer.text


def test_the_verb_a_yes_no_question_asks_about_counts():
    """「売ってもいい？」 asks whether one may 売る: the sentence that says 処分できる answers it;
    the verb ranks sentences but never shows that the documents cover a question."""
    from assistant.answer.evidence import term_groups

    groups = {g.term: g for g in term_groups("担保に入れた後で設備を売ってもいいですか", lambda t: 3.0, LEX)}
    assert ("処分",) in groups["売る"].alternatives and not groups["売る"].topical


def test_a_yes_no_question_is_led_by_what_may_be_done(assistant):
    answer = assistant.ask("企業価値担保権を設定した会社は、その後も設備を売ってもいいんですか？")
    assert not answer.abstained and "処分することができる" in _lead(answer)[0], answer.text


def test_each_part_of_a_compound_question_is_answered(assistant):
    answer = assistant.ask("企業価値担保権の施行日はいつですか。また、設定できるのはどんな会社ですか。")
    facts = [line.text for line in answer.lines if line.kind == "fact"]
    assert "5月25日" in facts[0], answer.text  # the lead answers the first part
    assert any("株式会社または持分会社" in text for text in facts[1:3]), answer.text  # and the second follows


def test_question_parts():
    from assistant.answer.parts import question_parts

    assert question_parts("施行はいつから？あわせて対象も教えて") == ["施行はいつから？", "対象も教えて"]
    assert question_parts("What is it? Also, who can use it?") == ["What is it?", "Also, who can use it?"]
    assert question_parts("I'm a sole trader. Can I use it?") == ["I'm a sole trader. Can I use it?"]
    assert question_parts("企業価値担保権とは？") == ["企業価値担保権とは？"]


def test_a_question_about_a_place_is_led_by_that_place(assistant):
    text, jurisdiction = _lead(assistant.ask("中国では知財担保融資の損失を誰がどれだけ負担しているの？"))
    assert jurisdiction == "cn", text


def test_english_readers_get_the_translation_and_the_cited_original(assistant):
    answer = assistant.ask("Can a sole proprietor use the enterprise value charge?")
    assert not answer.abstained
    facts = [line for line in answer.lines if line.kind == "fact"]
    assert facts[0].translation and facts[0].translation.isascii()  # ipfin's translation, in English
    assert facts[0].text in facts[0].translation or facts[0].text in answer.text  # the Japanese original stays
    assert facts[0].text in answer.citations[0].quote
    assert f"- {facts[0].translation} [1]" in answer.text  # a Markdown list, not literal bullets in Japanese


# ------------------------------------------------------------------ refusing


@pytest.mark.parametrize(
    "question",
    [
        "火星の知財担保融資制度の上限額は？",  # an entity none of the documents mention
        "企業価値担保権の融資の金利は普通の融資より何%低い？",  # a rate the documents do not give
        "知財担保融資の平均的な返済期間は何年？",  # a duration the documents do not give (other years exist)
        "IPASの募集の締め切りはいつ？",  # a deadline the documents do not give (other dates exist)
        "企業価値担保権で借りられる額は純資産の何倍まで？",  # a multiple no document states
        "知財担保融資を一番多く実行している銀行はどこ？",  # a ranking no document makes
        "企業価値担保権の設定登記の税率は何%？",  # a tax rate the documents do not give
        "企業価値担保権信託会社の免許を受けた会社はいくつある？",  # a count no document gives
        "企業価値担保権を使った融資の第1号案件はどこの会社？",  # a name no document gives
        "企業価値担保権の登記にかかる日数は？",  # a number of days no document gives
        "What is the default rate of IP-backed loans in Japan?",  # a rate no document gives
        # a count given only for another scheme (the DBJ's IP-backed loans)
        "How many Japanese banks have used the enterprise value security right so far?",
        "企業価値担保権を使った融資って何件くらいあるの？",
        # a fee of a party no figure is about (the report's cost is not a trust company's fee)
        "信託会社に払う手数料っていくらかかるの？",
        "企業価値担保権の登記の登録免許税は？",  # a tax asked for with no question word
        "知財金融で一番成功した会社はどこ？",  # a ranking no document makes
        "福岡の信金で企業価値担保権を扱ってくれるところある？",  # a place no document mentions
        "Are patent-backed loans common in Vietnam?",
        "What was the fee for an IP business evaluation report in 2030?",  # a fee for another year
        "評価書の申請書類は何枚？",  # a count of pages no document gives
        "What is the average loan size under the enterprise value charge?",  # an average no one states
        "知財金融促進事業の予算はいくらだった？",  # a budget (a count of cases is no amount of money)
        "2030年度に評価書を使った金融機関数は？",  # a count for a year no document covers
        "What was the total value of IP pledge loans in China in 2031?",
        # a yes/no question asked in the setting of the charge, about something no passage
        # speaks of
        "企業価値担保権を設定したら、銀行が社外取締役を送ってくるの？",
        "企業価値担保権で借りると株主総会で銀行が議決権を持つの？",
        # no context clause: the asked verb and its noun are both unsaid
        "企業価値担保権だと銀行が役員を派遣してくるの？",
        # "must we …?" is a yes/no question too
        "企業価値担保権を使うなら、毎年監査法人の監査を受けなきゃいけないの？",
        # English: the main clause, after its "if"/"once" clause, asks about what no passage
        # mentions
        "If we sign up for the enterprise value charge, will the lender appoint an auditor?",
        "Once the charge is in place, does the lender get to approve our marketing budget?",
        "Does the enterprise value charge oblige the borrower to publish quarterly accounts?",
        # "what <kind of> rate" asks for a percentage; a date answers nothing of it
        "What discount rate does the FSA paper set for loans under the enterprise value charge?",
        # a focus after 「は、」 and 「課され」 (an obligation imposed)
        "企業価値担保権の管財人の報酬は、どのように決まるのでしょうか。",
        "企業価値担保権付き融資について、金融庁への定期報告義務は課されていますか。",
        # a word the glossary knows (meeting: 会合) qualified by one no passage uses
        "Does granting an enterprise value charge need a vote at the shareholders' meeting?",
        # the name of a kind of body no sentence names (みずほ is a bank, not an evaluator)
        "評価書を作った調査機関の名前は？",
        "Which Japanese insurers cover loans made under the enterprise value charge?",
        # a year-end figure is not answered by one to the end of June (151本 by 2024年6月末)
        "How many IP securitization products had China issued by the end of 2024?",
        # whether something costs money, asked casually, when no passage names a cost of it
        "IPASに応募するのってお金かかる?",
        # an occasion named by its number that no passage speaks of (the 2nd and 5th meetings are)
        "金融審議会の事業性融資WG第3回(2022年12月13日)ではどのような議題が扱われましたか。",
        # a note naming Deloitte and JETRO forty characters before 保険会社 names no insurer
        "広東省中山市のリスク分担スキーム(54:26:16:4)において、保険部分を引き受けている保険会社の名称を教えてください。",
        # a figure of something no passage mentions (資本金), beside figures of other things
        "企業価値担保権信託会社になるのに必要な最低資本金の額は？",
        # a count of one thing (parks) is not answered by a count of another (2.6万社)
        "How many science parks had signed up to China's hundred-parks campaign by 2022?",
        # a price asked is an amount of money: the lots sold (28件) are none
        "What was the total price paid at CAS's 2010 patent auction?",
        # a final full-year total: not January to September, nor an outlook for the year
        "What was China's final full-year 2024 total for IP pledge loans?",
        # a whole year's count: a figure as of September (9月の時点) is part of the year
        "How many IP pledge deals did China register over the full year 2023?",
        # a count as of a year no passage gives it for (today's 51 協会)
        "2007年の責任共有制度スタートの時点で、信用保証協会は全国に何協会あった？",
        # a person's name asked for: 「2人の弁護士」 names no one
        "WG第4回でゲスト発表した弁護士の先生方のお名前は？",
        # what actually happened (実際に) is not answered by a plan (作成が予定されていた), and a
        # year matched is no subject matched (2019年度 says nothing of a 知財ビジネス提案書)
        "2019年度の中小企業知財経営支援金融機能活用促進事業で、知財ビジネス提案書は実際に何件作られた？",
        # a figure for a province is not answered by the national one (China's 2020 total)
        "How much IP pledge financing did Guangdong register in 2020?",
        # a year in a Japanese era (平成25年度 is 2013) is not answered by another (平成23年度)
        "ABL残高について、平成25年度の数値は把握されていますか。",
        # a premium is money or a rate, not the loan's size
        "What premium did Indigo Ag pay for the insurance on its IP-backed loan?",
        # the first to do something: only a sentence saying who was first answers it
        "Which bank was the first to make a loan under the enterprise value charge?",
        # when a scheme ended (「やめちゃったのって」): a year it still ran is no answer
        "評価書を国がタダで作ってくれるのをやめちゃったのって何年？",
        # a weight asked for: that the appendix gives examples of weights is no weight
        "What exact weight does the GB/T 42748-2023 appendix give to legal value for pledge financing?",
    ],
)
def test_what_the_documents_do_not_say_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("2015年度に評価書を活用した機関数は前年度の何倍になった？", "3倍"),
        ("米国で知財を収益化するビジネスモデルは最大何種類あるとされている？", "最大17種類"),
        ("2014年度の評価書作成支援で採択されたメガバンク系の銀行名は？", "みずほ"),  # a name
        ("Aonの案件で保険を引き受けた保険会社の名前は？", "Markel"),  # a name beside the kind (保険グループ)
        # a count written without a unit (累計で214にのぼり), about the JPO (特許庁 in the text)
        ("How many banks used the JPO's evaluation reports by 2019?", "214"),
        # the year in a standard's number (GB/T 42748-2023) names its edition, not a year asked
        ("How many second-level indicators does China's GB/T 42748-2023 standard have?", "14の二級指標"),
        # 名前 is the kind of answer asked, not a word the sentence must share; a company is
        # named without 会社 (Indigo Ag), an insurer's kind by 保険 (保険グループ)
        ("Aonの知財担保融資保険を引き受けた保険会社の名前は？", "Markel"),
        ("Which company got the first insured IP-backed loan that Aon arranged in the US?", "Indigo"),
    ],
)
def test_a_multiple_or_a_ranking_the_documents_state_is_answered(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        "企業価値担保権の最大のメリットは？",
        "その新しい担保の名前なんだっけ？",
        "手続きの効率はいい？",
        "一番大きい違いは？",
    ],
)
def test_everyday_words_that_ask_for_no_figure_rank_or_name(question):
    """最大のメリット asks for no ranking, 担保の名前 for no company's name, 効率 for no rate."""
    q = frame(question, LEX)
    assert (q.quantities, bool(q.figure)) == ((), False)


def test_a_past_loan_amount_is_a_figure_not_what_one_can_borrow():
    """「いくら借りましたか」 asks for an amount a document may state (a user's own memo);
    「いくら借りられる？」 asks what one borrower can borrow."""
    assert frame("サクラ工業はいくら借りましたか？", LEX).quantities == ()
    assert [q.asked_in("いくらまで借りれる？") for q in frame("いくらまで借りれる？", LEX).quantities] == ["いくらまで借りれる"]


def test_a_count_is_a_number_that_is_not_a_date():
    from assistant.answer.evidence import requested_figure

    wanted = requested_figure("How many banks took part?", LEX)
    assert wanted.met_by("参加した金融機関は累計で214にのぼる。") and wanted.met_by("全国51の協会が担う。")
    assert not wanted.met_by("2019年5月に令和6年法律第52号が公布された。")
    assert requested_figure("How many loans were made?", LEX).units == frozenset({"件"})  # not any count


def test_a_bare_count_is_a_figure_a_list_number_is_not():
    """A "how many" question prefers sentences with a figure: 「金融機関は200を超える」 is
    one, though no counter word follows the number; 「(1)…」 numbers a list item."""
    from assistant.answer.evidence import has_number

    assert has_number("2014年度から現在までに、評価書を提供した金融機関は200を超える。")
    assert not has_number("要件は、(1)法人と経営者の関係を区分すること、(2)財務基盤を強化することである。")
    assert not has_number("この部会は第4回を2025年9月26日に開催した。")


def test_a_follow_up_asks_what_its_own_words_ask(assistant):
    """「What is X?」 then 「How many banks have received one so far?」 is a count question
    about X (the count of banks is quoted), not a definition."""
    answer = assistant.ask(
        "How many banks have received one so far?",
        ["What is the IP Business Evaluation Report that the JPO offers to banks?"],
    )
    assert not answer.abstained and answer.intent == "howmuch", answer.text
    assert any("200を超える" in c.quote for c in answer.citations), answer.text


def test_a_name_is_one_the_question_does_not_give():
    from assistant.answer.question import names_other_than

    assert names_other_than("保険の引受けはMarkelを筆頭とする保険会社が担った。", "Which insurer?", LEX)
    assert names_other_than("日本政策投資銀行は知財担保融資を続けてきた。", "どこの銀行？", LEX)
    assert not names_other_than("銀行だけでなくベンチャーファンドも利用できる。", "どこの会社？", LEX)
    assert not names_other_than("令和6年に地方銀行が参加した。", "どこの銀行？", LEX)  # an era, a kind
    assert not names_other_than("IPASは2018年度に始まった。", "IPASの採択企業の社名は？", LEX)
    # a programme's name in 「」 and the kinds of lender (信用金庫, VC) are not organisations' names
    assert not names_other_than("特許庁は「IPAS」を開始した。", "Which companies took part?", LEX)
    assert not names_other_than("対象は信用金庫・信用組合と、地域金融機関系のVCであった。", "どの会社？", LEX)
    assert names_other_than("JPOとVCが支援した。", "Which firms?", LEX)  # JPO is an authority (特許庁), not a kind
    assert names_other_than("AonはIndigo Agの案件をまとめた。", "List the companies.", LEX)


def test_a_list_of_companies_no_passage_names_is_refused(assistant):
    """"Can you list the companies …?" asks for names; passages about how many companies
    borrowed, or which kinds of bank took part, do not give them."""
    answer = assistant.ask("Can you list the companies that got loans through the JPO's IP finance programme?")
    assert answer.abstained and "list the companies" in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("知財担保融資を一番多く実行している銀行はどこ？", "「一番多く」"),
        # what one borrower can borrow: past loans' statistics are no answer
        ("うちの会社の特許だといくらくらい借りられる？", "「いくらくらい借りられる」"),
        ("How much can we borrow against our patents?", "How much can we borrow"),
    ],
)
def test_a_refusal_names_what_was_asked_for(assistant, question, named):
    answer = assistant.ask(question)
    assert answer.abstained and named in answer.abstain_reason, answer.abstain_reason


def test_a_yes_no_question_about_a_place_the_documents_only_say_elsewhere_is_refused(assistant):
    """Venture debt is described for the US only: "Japan too?" is not answered with Japanese
    facts about something else; the same question about the US is answered."""
    refused = assistant.ask("Does Japan also have venture debt?")
    assert refused.abstained and "venture debt" in refused.abstain_reason, refused.text
    answered = assistant.ask("Does the US have venture debt?")
    assert not answered.abstained and _lead(answered)[1] == "us", answered.text


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("ドイツの知財担保融資の制度と比べて、日本の制度はどう違う？", "ドイツ"),
        ("How does Germany's approach to IP-backed lending compare with Japan's?", "germany"),
    ],
)
def test_a_place_no_passage_is_about_is_not_answered_with_other_places(assistant, question, place):
    """The bundled briefs say nothing about Germany: a comparison with it is refused and the
    refusal names the place, instead of an answer about Japan alone."""
    answer = assistant.ask(question)
    assert answer.abstained and place in answer.abstain_reason.lower(), answer.text
    both = assistant.ask("米国と中国の知財担保融資の違いは？")
    assert not both.abstained and {c.doc.jurisdiction for c in both.citations} & {"us", "cn"}, both.text


def test_the_conflict_note_is_only_for_figures_about_the_question(assistant):
    assert assistant.ask("広東省では知財担保融資の損失をどう分担していますか？").conflict
    assert not assistant.ask("中国の知財担保融資の特徴は何ですか？").conflict


def test_an_english_proper_noun_no_document_uses_is_unknown(assistant):
    bm25 = assistant.extractive.bm25

    def known(term):
        return bm25.document_frequency(term) > 0

    assert frame("What is the upper limit of the IP loan scheme on Mars?", LEX, known).unknown_entities == ("Mars",)
    assert frame("How does Guangdong share losses with Deloitte's view?", LEX, known).unknown_entities == ()
    assert frame("When did the Diet pass the Act?", LEX, known).unknown_entities == ()  # "When" opens it


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("城北信金って知財ビジネス評価書つかって融資してくれたことある？", "城北信金"),
        ("Has Suruga Bank ever made an IP-backed loan?", "Suruga Bank"),
        ("What interest rate does Kiraboshi Bank charge on patent loans?", "Kiraboshi Bank"),
        # what a company or bank the documents never name does now
        ("トヨタも企業価値担保権を使ってるの？", "トヨタ"),
        ("Does MUFG offer enterprise value charge loans?", "MUFG"),
        ("SBIは企業価値担保権の融資を始めた？", "SBI"),  # a name touching Japanese text
    ],
)
def test_what_a_bank_the_documents_never_name_did_is_refused(assistant, question, name):
    """A named bank's record, rates or people are not in the documents when they never
    name it; the refusal says which name."""
    answer = assistant.ask(question)
    assert answer.abstained and name in answer.abstain_reason, answer.text


def test_kinds_of_bank_and_named_banks_the_documents_know_are_not_unknown(assistant):
    from assistant.answer.question import unknown_institutions

    bm25 = assistant.extractive.bm25

    def known(term):
        return bm25.document_frequency(term) > 0

    for question in ("地方銀行でも企業価値担保権使える？", "ネット銀行でも借りられる？", "みずほ銀行は評価書を使ったことある？",
                     "日本政策投資銀行の知財担保融資の実績は？", "Can a regional bank be the lender?"):
        assert unknown_institutions(question, known) == (), question
    # what one may do with an unnamed bank is still answered from the general rule
    assert not assistant.ask("Can Kiraboshi Bank be the lender under the enterprise value charge?").abstained


def test_an_unknown_name_alone_is_not_a_false_premise(assistant):
    # the user's own company is unknown to the documents; the question is still answerable
    answer = assistant.ask("My company, Acmecorp, is a sole trader business. Can it use the enterprise value charge?")
    assert not answer.abstained, answer.text


def test_until_when_is_answered_by_an_end_not_by_a_start(assistant):
    """「いつまで？」 asks for an end: a sentence saying when something began is no answer,
    a sentence giving the years it ran is."""
    ran = assistant.ask("知財金融促進事業はいつまで続いたの？")
    assert not ran.abstained and "2015〜2018年度" in ran.citations[0].quote, ran.text
    opened = assistant.ask("IP BASEっていつまで使えるの？")
    assert opened.abstained and "いつまで" in opened.abstain_reason, opened.text


@pytest.mark.parametrize("question", ["What's Ocean Tomo known for?", "Ocean Tomoって何をした会社？"])
def test_a_name_spoken_of_only_abroad_sets_the_place(assistant, question):
    """A question naming no place is about Japan, unless it names something the documents
    speak of only abroad: then that place's facts answer it (not a Japanese fact about
    something else)."""
    answer = assistant.ask(question)
    lead, jurisdiction = _lead(answer)
    assert "Ocean Tomo" in lead, answer.text
    assert not answer.abstained and answer.jurisdictions == ("us",), answer.text
    assert "Ocean Tomo" in answer.citations[0].quote and jurisdiction == "us", answer.text


@pytest.mark.parametrize(
    ("question", "term", "place"),
    [("What is venture debt?", "ベンチャーデット", ("us",)), ("特許オークションって何？", "オークション", ("cn", "us"))],
)
def test_a_term_defined_only_abroad_is_answered_by_those_places(assistant, question, term, place):
    """A definition of something the documents describe only abroad is led by what they say
    there (labelled), not by a Japanese sentence that shares one word with it."""
    answer = assistant.ask(question)
    _, jurisdiction = _lead(answer)
    assert answer.jurisdictions == place and jurisdiction in place, answer.text
    assert term in answer.citations[0].quote, answer.text


def test_a_term_the_japanese_passages_define_stays_about_japan(assistant):
    answer = assistant.ask("知財ビジネス評価書って何？")
    assert answer.jurisdictions == ("jp",) and "第三者の調査機関" in answer.citations[0].quote, answer.text


def test_how_long_asks_for_a_period_not_a_date(assistant):
    answer = assistant.ask("How long does patent pledge registration take in China now?")
    assert not answer.abstained and "営業日" in answer.citations[0].quote, answer.text


def test_a_number_of_times_is_a_figure_a_session_number_is_not():
    from assistant.answer.evidence import figures

    assert figures("会合は全部で7回開かれた。").amounts == (("7", "回"),)
    assert figures("第4回会合で議論された。").amounts == ()
    assert figures("3回目の会合で議論された。").amounts == ()


def test_how_long_a_loan_runs_is_refused_when_no_sentence_gives_a_term(assistant):
    """「何年で返すの？」 asks a loan's term: statistics of past loans (with their years)
    are no answer."""
    answer = assistant.ask("知財担保で借りたお金って何年で返すの？")
    assert answer.abstained and "何年で" in answer.abstain_reason, answer.text


def test_which_companies_hold_a_licence_asks_for_names(assistant):
    """「免許を取得している会社はどこ？」 asks for the companies that have one: the rule on who may
    hold one names none, so it is refused; 「やってる銀行ってどこ？」 is answered by a
    sentence that names a bank."""
    refused = assistant.ask("企業価値担保権信託会社の免許を取得している会社はどこですか。")
    assert refused.abstained and "会社はどこ" in refused.abstain_reason, refused.text
    named = assistant.ask("知財担保融資をやってる銀行ってどこ？")
    assert not named.abstained and "日本政策投資銀行" in named.text, named.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # a share answers "how much of" a whole and 「何割」
        ("How much of a loss does the credit guarantee corporation bear under responsibility sharing?", "80%"),
        ("責任共有制度で銀行は何割負担するの？", "20%"),
        # how much a party bears is a share too
        ("What is the responsibility-sharing system? How much does the bank bear?", "20%"),
        # 「いくら戻る」 is answered by a share of a stated amount (代位弁済額の70〜90%)
        ("保証協会が代わりに払ったら国からいくら戻るの", "70〜90%"),
        # "US" names a place, not a party the sentence must name
        ("What percentage of secured business loans in the US used intangible assets as collateral?", "4%"),
    ],
)
def test_a_share_answers_a_question_for_part_of_a_whole(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in _lead(answer)[0], answer.text


def test_an_acronym_next_to_japanese_text_is_spelt_out_by_its_passage(assistant):
    """「金融審議会のWGは」: WG touches の; the passage spelling out ワーキング・グループ names it."""
    from assistant.answer.quantity import _acronym

    assert _acronym("wg", "金融審議会のWGは何回会議を開いた？") and not _acronym("wg", "WGS")
    answer = assistant.ask("金融審議会のWGは何回会議を開いた？")
    assert not answer.abstained and "7回" in _lead(answer)[0], answer.text


def test_an_ordinal_is_the_figure_a_which_round_question_asks_for(assistant):
    """「第何回？」: 「第6回会合で…」 answers; a count in another sentence (2人) is no better."""
    answer = assistant.ask("報告書の案が示されたのはWGの第何回会合ですか")
    assert not answer.abstained and _lead(answer)[0].startswith("第6回"), answer.text


def test_a_potential_verb_is_read_as_the_everyday_phrase_it_is(assistant):
    """使える is a verb of its own to Sudachi: its everyday words (利用, 設定 …) rank the
    sentences, so the one on who may set the charge answers a sole trader."""
    answer = assistant.ask("企業価値担保権って個人事業でも使える？")
    assert not answer.abstained and "個人事業主" in _lead(answer)[0], answer.text


def test_a_per_case_figure_is_no_count_of_cases():
    from assistant.answer.evidence import COUNT, RequestedFigure, figures

    per_case = "評価書の作成費用は1件あたり20万〜30万円前後であった。"
    assert ("1", "件") not in figures(per_case).amounts
    asked = RequestedFigure(frozenset({"件", COUNT}), frozenset())
    assert not asked.met_by("評価書の作成は1件につき外部に依頼した。")
    assert asked.met_by("評価書作成支援として37件を採択した。")


def test_a_share_of_an_amount_meets_a_money_request_a_bare_share_does_not():
    from assistant.answer.evidence import requested_figure

    wanted = requested_figure("国からいくら戻るの？", LEX)
    assert wanted.money and wanted.met_by("協会は代位弁済額の70〜90%を保険金として受け取る。")
    assert not wanted.met_by("協会が80%、金融機関が20%の割合で責任を分担する。")
    assert requested_figure("何割負担するの？", LEX).met_by("金融機関が2割を負担する。")


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("知財ビジネス評価書の作成費用の相場は？", "20万〜30万円"),  # its section says only 評価書
        ("信用保証協会は何割負担するの？", "80%"),
    ],
)
def test_a_figure_about_the_scheme_asked_for_is_answered(assistant, question, stated):
    """A figure asked about a scheme comes from a passage naming it in its text, its section
    heading or its document's title."""
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.text, answer.text


def test_a_figure_shares_a_word_with_the_question_in_its_own_text(assistant):
    """A sentence whose figure is about something else (an auction's takings) does not
    answer "how much venture debt could I raise" because questions it is annotated to
    answer share the question's words."""
    answer = assistant.ask(
        "My startup has about $2M in annual revenue and three US patents. How much venture debt could I realistically raise?"
    )
    assert answer.abstained, answer.text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("企業価値担保権を使ってる銀行ってどこ？", "使ってる銀行ってどこ"),  # any verb in て(い)る form
        ("評価書を受けた銀行はどこ？", "受けた銀行はどこ"),
        ("知財金融を始めた信金はどこ？", "始めた信金はどこ"),
    ],
)
def test_which_banks_do_something_asks_for_their_names(question, asked):
    assert [q.asked_in(question) for q in frame(question, LEX).quantities if q.name] == [asked]


@pytest.mark.parametrize(
    "question",
    [
        "担保権者になれる会社はどこ？",
        "どの会社が企業価値担保権を設定できる？",
        "Which companies can grant an enterprise value security right?",
        "Which firms are eligible to use it?",
    ],
)
def test_who_may_be_something_asks_for_no_name(question):
    """「担保権者になれる会社はどこ？」 asks who may be one (a rule answers it), not for names."""
    assert not [q for q in frame(question, LEX).quantities if q.name]


@pytest.mark.parametrize(
    "question",
    ["どの団体が発表したのでしょうか。", "どこの役所に聞けばいい？", "どの金融機関が参加したの？", "評価書はどこが作ってるの？"],
)
def test_which_body_does_something_is_a_who_question(question):
    """「どの団体が」「どこの役所に」 ask who, as 「誰が」 does: a unit naming a party answers."""
    assert frame(question, LEX).intent == "who"


def test_which_companies_may_grant_the_charge_is_answered_by_the_rule(assistant):
    answer = assistant.ask("Which companies can grant an enterprise value security right?")
    assert not answer.abstained and "株式会社または持分会社" in answer.text, answer.text


def test_the_number_of_a_law_is_not_a_count():
    """"the number of the act" is its law number; "the number of loans" is a count."""
    assert not frame("What is the official name and number of the act?", LEX).figure
    assert frame("What was the number of loans in 2020?", LEX).figure


def test_a_bank_named_by_no_sentence_is_refused(assistant):
    answer = assistant.ask("企業価値担保権を使ってる銀行ってどこ？")
    assert answer.abstained and "使ってる銀行ってどこ" in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("知財金融の相談窓口の電話番号は？", "電話番号"),  # contact details
        ("IPASの次の募集はいつ？", "次の募集"),  # a next round, which past rounds do not answer
        ("企業価値担保権付き融資の上限額は？", "上限"),  # an upper limit, not the minimum the law sets
        ("What is the default rate on China's IP pledge loans?", "default rate"),  # not any %
        ("Who is the current head of the JPO?", "head of"),  # a person
        ("企業価値担保権を使った第1号の融資はどこの銀行？", "第1号"),  # a first no document records
        ("次の経営者保証ガイドラインの改定はいつ？", "次の経営者保証ガイドラインの改定"),  # a next revision
    ],
)
def test_what_no_sentence_states_is_refused_naming_it(assistant, question, asked):
    answer = assistant.ask(question)
    assert answer.abstained and asked in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("Who chaired the working group behind the new lending law?", "神田秀樹"),  # a person is named
        ("不特定被担保債権留保額の最低額は？", "70万円"),  # a minimum answers a minimum
        ("評価書の作成費用っていくら？", "20万"),  # a figure named with what it is of
        ("What is IPAS and who runs it?", "IPAS"),  # who runs it: an organisation will do
        ("When did Ocean Tomo hold its first patent auction?", "2006"),  # a first the documents record
        ("IPASは最初の2年間で何社を支援した？", "25社"),  # 最初の2年間 is a period, not a first
        # the kind of answer asked (a date, a designation) is no focus a passage must name
        ("From what date did the guidelines on business owners' personal guarantees apply?", "2014年2月1日"),
        ("What is the designation of China's national patent evaluation standard?", "42748"),
        # what kind is asked (「どのような支援メニューが」), and said in the documents' words (新設)
        ("2019年度からの後継事業では、評価書のほかにどのような支援メニューが追加されましたか。", "提案書"),
        # "without" is no key term: "court" stays said, though "competitor" is not
        ("If the charge is enforced, can the bank sell the business to a rival without court approval?", "裁判所の許可"),
    ],
)
def test_what_a_sentence_states_is_still_answered(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.text, answer.text


def test_which_bank_may_be_answered_by_a_kind_of_bank():
    """As 「どの金融機関？」 may be answered by 地域金融機関, "which banks" asks for no name."""
    assert not [q for q in frame("Which banks took part in the programme?", LEX).quantities if q.name]


def test_a_post_holder_is_asked_for_only_by_a_who_question(assistant):
    """"What did the head of WIPO say?" asks what was said; "Who is the head of WIPO?" is
    answered by a sentence naming Director General Tang (a katakana name before a title)."""
    said = assistant.ask("What did the head of WIPO say about intangible assets?")
    assert not said.abstained, said.text
    who = assistant.ask("Who is the head of WIPO?")
    assert not who.abstained and "タン事務局長" in _lead(who)[0], who.text


def test_a_name_before_a_title_is_a_person():
    from assistant.answer.question import names_person

    assert names_person("WIPOのタン事務局長は、無形資産について語った。", "Who is the head of WIPO?")
    assert names_person("学習院大学の神田秀樹氏が座長を務めた。", "座長は誰？")
    assert not names_person("特許庁が評価書1件につき約30万円を負担していた。", "特許庁長官は誰？")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("特許を担保にお金を借りられますか？", "yesno"),  # …ますか with no question word
        ("担保にした特許って売っちゃダメ？", "yesno"),
        ("登記は必要ですか？", "yesno"),
        ("評価書ってどうやったらもらえる", "howto"),
    ],
)
def test_more_ways_to_ask_yes_no_and_how_to(question, intent):
    from assistant.text.ja import normalize

    assert frame(normalize(question), LEX).intent == intent


def test_a_when_question_naming_its_event_is_led_by_that_event(assistant):
    """「いつ改定された？」 asks for the revision, not for when the guidelines were published
    or when a programme about guarantees was announced (公表)."""
    answer = assistant.ask("経営者保証ガイドラインはいつ改定された？")
    assert "2022年6月の改定" in _lead(answer)[0], answer.text


def test_they_stands_for_the_whole_noun_phrase_of_the_earlier_question():
    """After "What are the personal guarantee guidelines?", "they" are the guidelines (the
    glossary knows "personal guarantee"; the noun after it belongs to the phrase)."""
    assert (
        condense("Are they binding?", ["What are the personal guarantee guidelines?"], lexicon=LEX)
        == "Are the personal guarantee guidelines binding?"
    )
    assert condense("Who can use it?", ["What is the enterprise value charge?"], lexicon=LEX) == (
        "Who can use the enterprise value charge?"
    )


def test_an_english_follow_up_about_a_rule_being_binding_is_answered(assistant):
    answer = assistant.ask("Are they binding?", ["What are the personal guarantee guidelines?"])
    assert not answer.abstained and "法的な拘束力はない" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        # a place and a counter are no subject of their own
        ("日本だとどれくらいの規模？", ["ABLってなに"], "ABLについて、日本だとどれくらいの規模？"),
        ("何社支援したの？", ["IPASって何？"], "IPASについて、何社支援したの？"),
        # 「法律自体」: the thing itself, said again, names no new subject
        ("法律自体はいつできたの？", ["企業価値担保権っていつから使えるの？"], "企業価値担保権について、法律自体はいつできたの？"),
    ],
)
def test_a_short_question_with_only_a_place_or_a_counter_is_a_follow_up(question, history, expected):
    assert condense(question, history, lexicon=LEX) == expected


def test_a_follow_ups_figure_need_not_name_the_earlier_topic(assistant):
    """「会合は何回開かれたの？」 after questions about the FSA's WG: the 7 meetings are
    stated in a section that does not write "WG"; the topic carried from the earlier turn
    is context, not a party the figure must be about."""
    answer = assistant.ask("会合は何回開かれたの？", ["金融審議会の事業性融資WGの報告書はいつ出た？"])
    assert not answer.abstained and "7回" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("特許もってるだけで融資うけれるの？", "yesno"),  # a plain verb + の？ with no question word
        ("企業価値担保権って登記いる？", "yesno"),
        ("企業価値担保権の実行って何が起きるの", "whatif"),  # って何が… is not a definition
        ("誰が決めるの？", "who"),  # a question word keeps its own intent
    ],
)
def test_plain_japanese_questions_without_a_yes_no_word(question, intent):
    from assistant.text.ja import normalize

    assert frame(normalize(question), LEX).intent == intent


def test_how_many_companies_there_are_is_a_count():
    wanted = requested_figure("知財担保融資を使ってる銀行ってどれくらいある?", LEX)
    assert wanted.met_by("参加した金融機関は204にのぼる。")
    assert not wanted.met_by("資金へのアクセスは成長の障害として2番目に多く挙げられる。")  # an ordinal
    # a standard's number counts nothing (「柱は何個？」 was led by the sentence naming GB/T 42748-2023)
    assert not wanted.met_by("「専利評価指引」(GB/T 42748-2023)は、中国で特許評価を対象とする最初の国家標準である。")
    assert wanted.met_by("評価の指標体系は、法律価値・技術価値・経済価値の3つの一級指標から構成される。")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("who pays for the evaluation report", "特許庁が評価書1件につき"),  # pay → 負担
        ("Does the bank get a say in how I run my business under the new charge?", "法20条1項"),  # say in → 同意
    ],
)
def test_everyday_english_verbs_reach_the_documents_words(assistant, question, lead):
    assert lead in _lead(assistant.ask(question))[0]


def test_a_merit_question_is_led_by_what_the_scheme_improves(assistant):
    """「メリットは？」 has no word in the documents; the everyday vocabulary reads it as what
    the law sets out to improve (円滑, 無形資産, 改める)."""
    assert "融資慣行を改める" in _lead(assistant.ask("企業価値担保権のメリットは？"))[0]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("How is the enterprise value charge perfected?", "商業登記簿に登記した時点"),  # perfected → 登記
        ("How many meetings did the FSA working group hold and when was the report dated?", "7回"),
    ],
)
def test_english_legal_words_reach_the_documents_words(assistant, question, lead):
    answer = assistant.ask(question)
    assert not answer.abstained and lead in _lead(answer)[0], answer.text


def test_a_short_form_of_a_name_the_passages_spell_out_is_known():
    from assistant.answer.question import abbreviates

    assert abbreviates("政投銀", ["日本政策投資銀行の知財担保融資は1995年から"])
    assert abbreviates("DBJ", ["Loans by the Development Bank of Japan grew."])
    assert not abbreviates("京都", ["1937年の東京都の協会"])  # a name inside another is no short form
    assert not abbreviates("城南信金", ["信用金庫は地域の金融機関である。"])


def test_whether_a_scheme_may_be_used_in_a_place_no_document_names_is_answered(assistant):
    answer = assistant.ask("静岡の会社でも企業価値担保権を使える？")
    assert not answer.abstained and "株式会社" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("企業価値担保権の被担保債権には3億円の上限があると聞いていますが、本当ですか。", "3億円"),
        ("I heard the FSA wants a 40% provision on enterprise value charge loans. How is it computed?", "40%"),
        ("I heard the enterprise value charge caps loans at 2 billion yen. Is that so?", "2 billion yen"),
        # "Given that …" and 「…んだよね？」 take a figure as given too
        ("Given that the JPO charges 80,000 yen per evaluation report, who applies for it?", "80,000 yen"),
        ("評価書って特許庁に15万円払えば作ってもらえるんだよね？どこで申し込むの？", "15万円"),
    ],
)
def test_a_figure_the_question_takes_as_given_that_no_passage_states_is_refused(assistant, question, figure):
    answer = assistant.ask(question)
    # (a check of the figure alone, 「…と聞いていますが、本当ですか。」, takes nothing as given:
    # it is refused because no passage states a cap at all)
    assert answer.abstained and (figure in answer.abstain_reason or "上限" in answer.abstain_reason), answer.text


def test_a_premise_the_documents_state_is_answered(assistant):
    # 80% is stated (the guarantee corporation's share under responsibility sharing)
    answer = assistant.ask("保証協会付きの融資は協会が80%負担すると聞きましたが、残りは誰が負担しますか。")
    assert not answer.abstained and "20%" in answer.text, answer.text
    # 700,000 yen is stated (the Cabinet Order's floor, in the unit's English rendering)
    answer = assistant.ask("Given that the reserve floor is 700,000 yen, how is the reserve worked out?")
    assert not answer.abstained and "70万円" in answer.text, answer.text


def test_a_question_naming_a_scheme_is_led_by_a_passage_about_it(assistant):
    # ABL's collateral (機械設備) shares words with the question; the law's 処分 rule answers it
    answer = assistant.ask("企業価値担保権で借りたあと、機械を売ってもいいの？")
    assert "処分することができる" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # an outlook (「通年で1兆元を超える見通し」) is no actual result
        "Did China's IP pledge financing actually pass 1 trillion yuan in the full year 2024? What was the figure?",
        # nor does a half-year figure answer for the whole year
        "What was China's actual full-year IP pledge financing figure for 2024?",
        # whether a document gives a specific figure asks for it: the passages describe how
        # provisions are made, with no rate
        "企業価値担保権付き融資の引当率について金融庁は具体的な数値を示していますか。",
        "Does the FSA set a specific provisioning rate for loans secured by an enterprise value charge?",
    ],
)
def test_a_figure_no_sentence_states_for_what_was_asked_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text


def test_counts_in_ten_thousands_and_years_inside_a_span():
    from assistant.answer.evidence import RequestedFigure, figures

    assert ("1.7万", "件") in figures("案件数は1.7万件、恩恵を受けた企業は1.5万社").amounts
    wanted = RequestedFigure(frozenset({"件"}), frozenset({"2021"}))
    assert wanted.met_by("2021年の案件数は1.7万件だった。")
    assert not wanted.met_by("2021〜2023年の合計は5215件だった。")  # a span is not that year


def test_a_size_question_about_china_is_answered_by_china_s_own_word_for_it(assistant):
    # the China brief says 知財質押融資; a loss-sharing ratio is no size
    answer = assistant.ask("How big is IP-backed lending in China?")
    assert "億元" in answer.citations[0].quote and ":" not in answer.citations[0].quote, answer.text


def test_a_follow_up_asks_for_what_its_own_words_ask(assistant):
    # "first" belongs to the earlier turn: the ninth auction's result is answered
    answer = assistant.ask("And how did its ninth auction go?", ["Who held the first public patent auction?"])
    assert not answer.abstained, answer.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("事業性融資推進法の第30条は何を定めていますか。", "第30条"),
        ("What does Article 62 of the Business-Based Lending Act provide?", "Article 62"),
        ("金融庁の「企業価値担保権活用事例集」には何が書かれていますか。", "企業価値担保権活用事例集"),
        ('What does the FSA\'s "EVC Practice Handbook" say about monitoring?', "EVC Practice Handbook"),
    ],
)
def test_an_article_or_a_document_no_passage_cites_is_refused_naming_it(assistant, question, named):
    answer = assistant.ask(question)
    assert answer.abstained and named in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("法7条1項は何を定めていますか。", "総財産"),
        ("金融庁の「企業価値担保権付き融資の評価や引当の方法等に係る基本的な考え方」とは？", "引当"),  # a section title
    ],
)
def test_an_article_or_a_document_the_passages_cite_is_answered(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.text, answer.text


@pytest.mark.parametrize(
    ("history", "question", "stated"),
    [
        # a follow-up asking when something took effect wants the day, not a month an article mentions
        (["Is there a new law in Japan that lets a company pledge its whole business as collateral?"],
         "When does it take effect?", "5月25日"),
        (["What are the personal guarantee guidelines?"], "When did they start to apply?", "2014年2月1日"),
    ],
)
def test_a_when_follow_up_is_led_by_the_day_of_the_event_it_names(assistant, history, question, stated):
    answer = assistant.ask(question, history)
    assert stated in answer.citations[0].quote, answer.text


def test_a_follow_up_still_asks_for_the_earlier_quantity(assistant):
    # 「中国だと？」 after a fee question asks for China's fee, which no passage states
    answer = assistant.ask("中国だと？", ["信託会社の手数料はいくら？"])
    assert answer.abstained and "手数料" in answer.abstain_reason, answer.text
    answer = assistant.ask("And in China?", ["What is the interest rate on enterprise value charge loans?"])
    assert answer.abstained and "interest rate" in answer.abstain_reason, answer.text  # not "What"


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        # "there" stands for the place named before; the existential "Is there …" does not
        ("What share of business loans use IP as collateral there?", ["How do US lenders take patents as collateral?"],
         "(How do US lenders take patents as collateral?)"),
        # a short question with two plain words and no name of its own asks about the topic
        ("When did the pilot start?", ["How big is IP pledge financing in China?"], "(How big is IP pledge financing in China?)"),
    ],
)
def test_more_english_follow_ups_carry_the_earlier_question(question, history, expected):
    assert condense(question, history, lexicon=LEX).endswith(expected)
    assert condense("Is there insurance for IP loans?", ["What is ABL?"], lexicon=LEX) == "Is there insurance for IP loans?"


def test_an_english_follow_up_is_led_by_what_the_user_typed(assistant):
    # the earlier question only says where: the lead is about the pilot, in China
    answer = assistant.ask("When did the pilot start?", ["How big is IP pledge financing in China?"])
    text, jurisdiction = _lead(answer)
    assert "2009年" in text and jurisdiction == "cn", answer.text
    answer = assistant.ask("What share of business loans use IP as collateral there?", ["How do US lenders take patents as collateral?"])
    text, jurisdiction = _lead(answer)
    assert "4%" in text and jurisdiction == "us", answer.text


def test_an_english_definition_is_led_by_the_unit_its_rendering_opens_with():
    from assistant.answer.evidence import TermGroup
    from assistant.answer.extractive import _defines

    group = TermGroup("blanket lien", (("ブランケット", "リーエン"), ("blanket", "lien")), 2.0)
    assert _defines("ブランケット・リーエンは…", [group], "A blanket lien (all-asset security) covers …")
    assert not _defines("…", [group], "Venture debt lenders often take a blanket lien.")


def test_an_english_definition_defines_what_follows_what_is():
    from assistant.answer.evidence import TermGroup
    from assistant.answer.extractive import _defined_groups

    cgc = TermGroup("credit guarantee corporation", (("信用", "保証", "協会"),), 2.0)
    ratio = TermGroup("ratio", (("ratio",),), 0.5)
    asked = "What is the standard risk-sharing ratio between the credit guarantee corporation and the bank?"
    assert _defined_groups(asked, [cgc, ratio]) == [ratio]
    assert _defined_groups("What is a credit guarantee corporation?", [cgc, ratio]) == [cgc]
    assert _defined_groups("信用保証協会とは？", [cgc, ratio]) == [cgc, ratio]  # not so phrased


def test_a_share_said_in_words_or_as_a_ratio_answers_a_share_question(assistant):
    answer = assistant.ask("評価書の作成費用の負担割合は？")  # a cost's share, not its amount
    assert not answer.abstained and "全額負担" in answer.citations[0].quote, answer.abstain_reason
    wanted = requested_figure("中山市の損失分担の割合は？", LEX)
    assert wanted.met_by("損失をリスク補償基金:銀行:保険:評価会社=54:26:16:4の比率で分担している。")
    assert not wanted.met_by("要件は、法人と経営者の関係を明確に区分することである。")


def test_a_citys_own_figure_answers_for_that_city(assistant):
    answer = assistant.ask("珠海では損失を銀行が何%負担するの？")
    assert not answer.abstained and "珠海市" in answer.citations[0].quote, answer.abstain_reason
    assert LEX.cities_in("Shenzhen's scheme") == {"深圳"} and LEX.cities_in("広東省では") == frozenset()


def test_whether_it_costs_money_is_answered_by_a_sentence_on_its_cost(assistant):
    answer = assistant.ask("評価書ってタダ？")
    assert not answer.abstained and "全額負担" in answer.citations[0].quote, answer.text
    assert [q.asked_in("IPASに応募するのってお金かかる?") for q in LEX.quantities_in("IPASに応募するのってお金かかる?")] == ["お金"]


def test_a_third_party_is_no_ordinal():
    from assistant.answer.evidence import ordinal_names, ordinals

    assert ordinals("third-party opposability, a third party, second-hand goods") == set()
    assert ordinals("the third meeting") == {"3"} and ordinal_names("WG第3回では") == ["第3回"]


def test_years_of_japanese_eras_and_relative_to_today():
    import datetime

    from assistant.answer.evidence import RequestedFigure, stated_years, years_in

    assert stated_years("日本のABL残高は、平成23年度で約4,400億円とされる。") == {"2011"}
    assert "2019" in stated_years("令和元年の件数")
    assert RequestedFigure(frozenset({"億円"}), frozenset({"2011"})).met_by("平成23年度で約4,400億円")
    today = datetime.date(2026, 12, 2)
    assert years_in("今年の件数は？", today) == {"2026"} and years_in("What was last year's figure?", today) == {"2025"}


@pytest.mark.parametrize(
    "question",
    [
        "Ocean Tomoの10回目のオークションの落札総額は？",  # the 9th auction's sales are stated, not the 10th's
        "What percentage of Japanese SMEs own patents?",  # WIPO's worldwide share is no figure for Japan
        "知財担保融資で一番多い業種は？",  # nothing on industries: only 知財担保融資 is in the passages
        # 珠海市's split of a loss is no figure for 深圳 (the city named, by its English name)
        "In Shenzhen's IP pledge financing scheme, what percentage of a defaulted loan's loss does the risk compensation pool cover?",
        # "the total outstanding amount" asks an amount, which no passage gives for 2023
        "What was the total outstanding amount of IP-backed loans by Japanese private banks in 2023?",
        # 「割合をご教示ください」 asks a share, which the guideline's three requirements are not
        "経営者保証に関するガイドラインに関し、直近年度の新規融資に占める経営者保証に依存しない融資の割合をご教示ください。",
    ],
)
def test_figures_for_another_occasion_place_or_topic_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("Ocean Tomoの9回目のオークションの売上は？", "275万ドル"),
        ("ABLの残高は2011年度にどれくらい？", "4,400億円"),  # stated as 平成23年度
    ],
)
def test_figures_for_the_occasion_and_year_asked_are_answered(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # a noun alone (費用, "fees") does not make the question a how-much one
        ("訴訟費用のリスクってどういうこと？", "definition"),
        ("In China, do local governments subsidise lenders' IP valuation fees?", "yesno"),
        ("How do the US and China spare lenders the cost of valuing IP?", "howto"),
        # … a word that asks for the amount does
        ("信託会社の手数料はいくら？", "howmuch"),
        ("What is the fee for the trust company?", "howmuch"),
    ],
)
def test_a_quantity_noun_alone_does_not_make_a_how_much_question(question, intent):
    assert LEX.intents_of(question)[0] == intent


def test_a_yes_no_question_about_a_quantity_needs_the_quantity_not_a_figure():
    (fee,) = LEX.quantities_in("評価書をもらうのに費用はかかりますか?")
    assert not fee.figure and not fee.units and "負担" in fee.nouns


def test_counts_ordinals_and_spans_the_question_asks_for():
    from assistant.answer.evidence import COUNT, ORDINAL, RequestedFigure, requested_figure

    count = RequestedFigure(frozenset({COUNT}), frozenset({"2023"}))
    assert count.met_by("2023年通年では融資額が8539.9億元(75.4%増)に達し、受益企業は3.7万社だった。")
    assert RequestedFigure(frozenset({COUNT}), frozenset()).met_by("次の2つの取組が有効だと提案している。")
    assert requested_figure("改正案要綱が諮問されたのは第何回の部会？", LEX).units == {ORDINAL}
    assert RequestedFigure(frozenset({ORDINAL}), frozenset()).met_by("第6回(改正案要綱を諮問)を11月7日に開催した。")
    assert not requested_figure("知財を担保にしても何回も評価し直す必要があるの？", LEX)  # 何回も: "again and again"
    assert not requested_figure("米国では知財の取引実績はある？", LEX)  # whether there is one
    span = requested_figure("2016〜2020年の特許質押融資の伸び率は？", LEX)
    assert span.span_years == {"2016", "2020"} and not span.years
    assert span.met_by("第13次5か年計画の期間(2016〜2020年)に、金額は年平均19%のペースで伸びた。")


@pytest.mark.parametrize(
    "question",
    [
        "WGの会合は全部で何回あった？",
        "事業譲渡等指針の改正案要綱が諮問されたのは第何回の部会？",
        "評価書をもらうのに費用はかかりますか？",
        "Does WIPO's report series cover Singapore?",  # WIPO's unit names Singapore
        "What did Jamaica and the UK present at the WIPO side event?",
        "訴訟費用のリスクってどういうこと？",
        "米国では知財の取引実績はある？",
        "施行日は公布からどれくらいの期限内に決めることになっていた？",  # 「2年6か月を超えない範囲」
    ],
)
def test_answerable_questions_in_these_shapes_are_answered(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.abstain_reason


@pytest.mark.parametrize(
    "question",
    [
        "韓国の知財金融ってどうなってる？",  # a Japanese study that lists Korea says nothing of Korea's IP finance
        "Is IP-backed lending popular in Korea?",
        "知財担保融資を一番たくさん出してる地銀はどこ？",
    ],
)
def test_a_place_only_listed_or_a_ranking_not_stated_is_still_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text


@pytest.mark.parametrize(
    ("history", "question", "stated"),
    [
        # what the user typed decides among the topic's units
        (["信用保証協会ってなに？"], "銀行も損するの？", "20%"),
        (["会社の事業まるごと担保にできるってほんと？"], "登記とかいるの？", "登記"),
        (["企業価値担保権って何？"], "その場合、在庫は売れなくなる？", "処分"),
    ],
)
def test_a_japanese_follow_up_is_led_by_what_it_asks(assistant, history, question, stated):
    answer = assistant.ask(question, history)
    assert stated in _lead(answer)[0], answer.text


def test_a_follow_up_naming_only_a_year_asks_the_earlier_question_again():
    from assistant.answer.evidence import term_groups
    from assistant.answer.extractive import _asks_its_own

    idf = lambda term: 2.0  # noqa: E731
    condensed = condense("翌年度は？", ["2014年度の評価書作成支援の採択実績は？"], lexicon=LEX)
    assert not _asks_its_own(term_groups(condensed, idf, LEX), "翌年度は？", LEX)
    condensed = condense("登記とかいるの？", ["企業価値担保権って何？"], lexicon=LEX)
    assert _asks_its_own(term_groups(condensed, idf, LEX), "登記とかいるの？", LEX)


def test_a_topic_leaves_out_how_the_question_was_said():
    assert "ほんと" not in condense("登記とかいるの？", ["会社の事業まるごと担保にできるってほんと？"], lexicon=LEX)


def test_a_why_question_is_led_by_a_reason_not_a_figure(assistant):
    answer = assistant.ask("銀行が特許担保の融資をしたがらない理由は？")
    assert "310件" not in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        # the figure's subject is in no passage (承諾, 不良債権)
        "責任共有制度の対象となる保証の年間保証承諾額はどれくらいですか。",
        "中国の知財質押融資の不良債権比率は何%ですか。",
        # a post's holder, a count of accredited bodies, a rate's level the documents do not give
        "事業性融資推進本部の本部長は誰が務めていますか。",
        "認定事業性融資推進支援機関として認定された機関の数を教えてください。",
        "金融庁の検討ペーパーで示された引当率の具体的な水準は？",
    ],
)
def test_bank_style_questions_the_documents_cannot_answer_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text


def test_a_roman_numeral_is_no_organisation():
    from assistant.answer.question import names_other_than

    assert not names_other_than("仮説I-(2)について、米国は知財価値評価をほとんど行わない。", "Which US banks?", LEX)
    assert names_other_than("Aonは2020年10月に最初の案件をまとめた。", "Which insurer?", LEX)


def test_a_figure_of_something_the_passages_mention_is_not_refused_for_its_word():
    from assistant.answer.evidence import TermGroup
    from assistant.answer.refusal import Refusals

    groups = [TermGroup("受益企業数", (("受益", "企業", "数"),), 3.0), TermGroup("不良債権比率", (("不良", "債権", "比率"),), 3.0)]
    assert Refusals.figures_of_nothing(groups, {"受益", "企業", "融資"}) == ["不良債権比率"]
    # a word the question asks the figure of (「資本金の額」): missing from every passage
    of = [TermGroup("信託会社", (("信託", "会社"),), 1.0), TermGroup("資本金", (("資本", "金"),), 3.0)]
    tokens = {"信託", "会社", "額"}
    assert Refusals.figures_of_nothing(of, tokens, "信託会社の資本金の額は？") == ["資本金"]
    assert Refusals.figures_of_nothing(of, tokens | {"資本", "金"}, "信託会社の資本金の額は？") == []
    assert Refusals.figures_of_nothing(of, {"額"}, "信託会社の手数料は？") == []  # asked no figure of it


def test_a_follow_ups_figure_is_asked_of_what_it_names(assistant):
    # the earlier topic (the WG) is context: 「会合は全部で7回」 answers
    answer = assistant.ask("会合は何回開かれたの？", ["金融審議会の事業性融資WGの報告書はいつ出た？", "座長は誰だった？"])
    assert not answer.abstained and "7回" in answer.text, answer.text


def test_the_aspect_or_the_verb_of_a_figure_question_is_not_its_subject():
    from assistant.answer.evidence import term_groups

    refusals = Refusals(LEX, 0.3, 0.8)
    for question, word in (("中国の知財担保融資の金額はどう推移してる？", "推移"), ("評価書の費用負担は発生しますか。", "発生")):
        groups = term_groups(question, lambda term: 2.0, LEX)
        assert word not in [g.term for g in refusals.figure_subjects(groups, lambda term: True, question)]


@pytest.mark.parametrize(
    "question",
    [
        # a count must count what was asked: 2 kinds of claims are no trust companies
        "How many trust companies have been licensed to hold enterprise value charges?",
        "知財ビジネス評価書を作る調査会社はいくつある？",
    ],
)
def test_a_count_of_something_else_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("保証なしで融資を受けるための要件はいくつある？", "3つ"),
        ("How many banks have received IP business evaluation reports from the JPO?", "200"),
    ],
)
def test_a_count_of_what_was_asked_is_answered(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.text, answer.text


def test_a_short_form_the_passages_spell_out_counts_as_covered(assistant):
    # 政投銀 is spelt out as 日本政策投資銀行: not "no passage has the question's words"
    answer = assistant.ask("昔、政投銀は知財担保融資をどのくらいやってたの？", mode="dense")
    assert not answer.abstained and "310件" in answer.text, answer.abstain_reason


def test_english_words_for_the_article_and_its_proposals_reach_the_briefs():
    matched = LEX.english_matches("What are the article's recommendations for Japan?")[0]
    assert "article" in matched and ("recommendations" in matched or "recommendation" in matched)
    assert LEX.glossary["recommend"] == ("提案",) and LEX.glossary["article"] == ("記事",)


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        # the passages treat the topic (the trust company's licence, 実行, the guarantee
        # corporations) but never name the thing asked for
        ("企業価値担保権信託会社の免許審査は金融庁のどの課が担当していますか。", "課"),
        ("企業価値担保権の実行を裁判所に申し立てるときの申立書には何を書けばいいですか。", "申立書"),
        ("信用保証協会の知財担保の担当窓口に相談するには予約が必要ですか。", "予約"),
        # what someone decides (「報酬は、誰が…決定」), and the first of two things asked together
        ("企業価値担保権の実行手続において、裁判所が選任する管財人の報酬は、誰がどのような基準に基づいて決定するのでしょうか。", "報酬"),
        ("2018年3月の「知財金融フォーラム」について、開催会場と基調講演を行った方をお教えいただけますか。", "開催会場"),
        # what is provided for, asked in honorific form (…定められておりますでしょうか)
        ("企業価値担保権の実行手続において裁判所が選任する管財人には、どのような資格要件が定められておりますでしょうか。", "資格要件"),
        ("What training must bank staff complete before they can arrange enterprise value charges?", "training"),
        # what a party does, when no passage says it of anyone
        ("Who audits the trust companies that hold enterprise value charges every year?", "audits"),
    ],
)
def test_a_question_whose_focus_no_passage_names_is_refused_naming_it(assistant, question, focus):
    answer = assistant.ask(question)
    assert answer.abstained and focus in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("知財ビジネス評価書は誰が作るのですか。", "調査"),
        ("企業価値担保権の担保権者になれるのは誰ですか。", "信託会社"),
        ("Which court starts the enforcement of an enterprise value charge?", "裁判所"),
        ("Who prepares the IP business evaluation report?", "調査"),
        # "examples" of a thing are the passages' cases of it, as 事例 are
        ("Are there examples of Japanese banks lending against patents?", "知財担保融資"),
    ],
)
def test_a_focus_the_passages_name_is_answered(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.text, answer.abstain_reason


def test_the_askers_case_told_before_the_question_is_no_focus(assistant):
    # 「リスト」 of the case told first was read as a list asked for, and the answerable
    # question refused for want of a list
    answer = assistant.ask("うちは特許はないけどノウハウとかお客さんのリストが強みなんです。そういうのも事業担保の中身に入るんですか？")
    assert not answer.abstained and "顧客基盤" in answer.citations[0].quote, answer.abstain_reason
    # a list asked for is still a focus
    assert asking_sentences("うちは町工場です。調査会社の名簿がほしいです。") == "調査会社の名簿がほしいです。"
    assert asking_sentences("I'm preparing a list for the U.S. team. What banks take part?") == "What banks take part?"


def test_a_question_for_a_kind_is_led_by_the_kinds(assistant):
    answer = assistant.ask(
        "im setting up in tokyo and wondering what kind of company you need to be to put the whole business up as collateral under this new charge"
    )
    assert not answer.abstained and "株式会社または持分会社" in answer.citations[0].quote, answer.text


def test_a_total_so_far_is_led_by_the_sentence_giving_it_to_date(assistant):
    answer = assistant.ask("How many banks have received one so far?", ["What is the IP Business Evaluation Report that the JPO offers to banks?"])
    assert not answer.abstained and "200を超える" in answer.citations[0].quote, answer.text  # not 2014's 18


def test_a_deadline_of_something_else_is_no_answer(assistant):
    # (a validation probe: the law's commencement 'not exceeding 2 years 6 months' is no
    # statutory deadline for the administrator's business transfer)
    answer = assistant.ask(
        "What is the statutory deadline for the administrator to complete the business transfer after enforcement proceedings commence?"
    )
    assert answer.abstained and "deadline" in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # 日付 asks a date (the bill's submission date is no date of its passing)
        ("事業性融資の推進等に関する法律(令和6年法律第52号)が国会で成立した日付をご教示ください。", "6月7日に成立"),
        # a financing 'volume' asks an amount, for the year named
        ("What was China's total patent and trademark pledge financing volume in 2022?", "4868.8億元"),
    ],
)
def test_a_date_or_a_volume_asked_by_its_noun_is_answered(assistant, question, lead):
    answer = assistant.ask(question)
    assert not answer.abstained and lead in answer.citations[0].quote, answer.text


def test_asking_whether_it_is_in_use_yet_is_answered_by_when_it_took_effect(assistant):
    answer = assistant.ask("Is the enterprise value charge in force yet?")
    assert not answer.abstained and "5月25日" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # an act's number is no count ("number of")
        ("Under which act number of Reiwa 6 was the Act on Promotion of Business-Based Lending enacted?", "第52号"),
    ],
)
def test_a_quantity_or_a_number_asked_in_other_words_is_answered(assistant, question, stated):
    answer = assistant.ask(question)  # (was refused: 'number of' read as a count)
    assert not answer.abstained and stated in answer.text, answer.abstain_reason


def test_a_count_of_things_for_loans_is_no_count_of_loans(assistant):
    answer = assistant.ask("how many provisioning approaches did the fsa give as examples for kigyo kachi tanpoken loans")
    assert not answer.abstained and "3つ" in answer.citations[0].quote, answer.abstain_reason
    assert requested_figure("How many IP-backed loans did DBJ make by 2008?", LEX).units == frozenset({"件"})


def test_the_focus_is_what_the_question_asks_for_not_its_topic():
    from assistant.answer.evidence import term_groups

    tokens = {"企業価値担保権", "実行", "裁判所", "管財人"}
    groups = term_groups("企業価値担保権の実行の申立書には何を書けばいい？", lambda term: 2.0, LEX)
    assert Refusals.unnamed_focus("企業価値担保権の実行の申立書には何を書けばいい？", groups, tokens, []) == ["申立書"]
    # the degree words of どの程度 ask for no thing; an English word a rendering uses is named
    assert Refusals.unnamed_focus("どの程度増えたか", [], tokens, []) == []
    assert Refusals.unnamed_focus("Which court decides?", [], set(), ["The court decides."]) == []


def test_colloquial_frame_nouns_are_no_key_terms():
    from assistant.answer.evidence import term_groups

    # 「かかるもんなの？」「評価書ってやつ」: もん/やつ frame the question; left as key terms they
    # outweighed 評価書 and the fee question was refused
    for question in ("評価書っていくらぐらいかかるもんなの？", "評価書ってやつはいくらかかる感じ？"):
        assert [g.term for g in term_groups(question, lambda term: 2.0, LEX)] == ["評価書"], question


def test_a_casual_fee_question_is_answered(assistant):
    answer = assistant.ask("評価書っていくらぐらいかかるもんなの？")
    assert not answer.abstained and "万円" in _lead(answer)[0], answer.abstain_reason


def test_a_definition_is_led_by_the_unit_defining_the_scheme_not_by_its_body(assistant):
    # 「特許庁は…公募を始め」 shares the question's JPO; 「知財ビジネス評価書は、…レポート」 says what it is
    answer = assistant.ask("What does a JPO IP business evaluation report contain?")
    assert "強みと弱み" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("history", "question", "stated"),
    [
        # the bill's submission (提出, 国会) dates another event than its passing (成立)
        (["Is there now a law in Japan that lets a company pledge its whole business as collateral?"],
         "And when did the Diet actually pass it?", "6月7日"),
        # 公開 is how the document dates the publication asked for (公表)
        ([], "When was the first version of the IP and intangible assets governance guideline published?", "2022年1月28日"),
        # the Diet's passing (成立), not the bill's submission to the Diet, however alike they read
        ([], "When did the Diet pass the act creating the enterprise value charge?", "6月7日"),
        # a point in time said in words answers when, over another event's date (施行)
        ([], "企業価値担保権の効力はいつ生じますか。", "登記した時点"),
    ],
)
def test_a_when_question_is_led_by_the_event_it_names(assistant, history, question, stated):
    answer = assistant.ask(question, history=history)
    assert stated in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "place", "stated"),
    [
        # schemes the documents describe only abroad: answered from there, labelled
        # (a lien on all assets, 全資産: by its name or as the practice; 「知財から将来…まで」 is
        # no reason to prefer the definition)
        ("Why do lenders take a blanket lien in venture debt?", "us", "全資産"),
        # 特許オークション: China's, and the US 特許ライブオークション (the same words)
        ("特許オークションはうまくいってる？", "cn", "オークション"),
    ],
)
def test_a_scheme_used_only_abroad_is_answered_from_there(assistant, question, place, stated):
    answer = assistant.ask(question)
    assert place in answer.jurisdictions and "jp" not in answer.jurisdictions, answer.jurisdictions
    assert stated in _lead(answer)[0], answer.text


def test_a_scheme_abroad_counts_where_its_words_are_written_apart(assistant):
    answer = assistant.ask("特許オークションはうまくいってる？")
    assert set(answer.jurisdictions) == {"cn", "us"}, answer.jurisdictions


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("How is the collateral normally realised in enforcement?", "事業譲渡"),
        ("Is a bank obliged to use the provisioning methods the FSA lists?", "義務はなく"),
    ],
)
def test_english_words_of_the_law_reach_its_sentences(assistant, question, stated):
    answer = assistant.ask(question)
    assert stated in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        # a follow-up naming only what it asks about asks it as the earlier question did
        ("施行は？", ["事業性融資の法律っていつ成立したの？"], "施行はいつ？"),
        # (a time alone asks the whole earlier question of that time)
        ("2023年は？", ["中国の知財担保融資って2022年どれくらいあった？"], "中国の知財担保融資って2023年どれくらいあった？"),
        # two plain nouns and は？ are a follow-up too
        ("社長の自宅は？", ["企業価値担保権を使ったら経営者保証はどうなる？"], "社長の自宅はどうなる？"),
        # words of its own (変わった) are kept as typed
        ("最近変わったところは？", ["経営者保証ガイドラインっていつからあるの？"], "最近変わったところは？"),
        # a condition alone asks the earlier question under it; a question word is no topic
        ("紙で出したら？", ["中国の特許の質権登記って何日かかる？"], "中国・特許・質権登記について、紙で出したら何日かかる？"),
    ],
)
def test_a_bare_follow_up_asks_as_the_earlier_question_did(question, history, expected):
    assert condense(question, history, lexicon=LEX).endswith(expected)


def test_a_follow_up_naming_a_scheme_of_its_own_stands_alone():
    assert condense("ABLの仕組みは？", ["企業価値担保権って何？"], lexicon=LEX) == "ABLの仕組みは？"


@pytest.mark.parametrize(
    ("question", "history", "stated"),
    [
        ("施行は？", ["事業性融資の法律っていつ成立したの？"], "5月25日"),
        ("紙で出したら？", ["中国の特許の質権登記って何日かかる？"], "紙の申請で7営業日から3営業日"),
        # the year's total, not January to September
        ("2023年は？", ["中国の知財担保融資って2022年どれくらいあった？"], "8539.9億元"),
        ("In China, how much IP pledge financing was extended in the first nine months of 2023?", [], "4950億元"),
    ],
)
def test_a_bare_follow_up_is_led_by_what_it_asks(assistant, question, history, stated):
    answer = assistant.ask(question, history=history)
    assert stated in _lead(answer)[0], answer.text


def test_an_english_follow_up_naming_its_own_year_asks_for_that_year(assistant):
    # "in 2022" of the earlier question is context, not a second year the figure must have
    answer = assistant.ask("And in 2023?", history=["How much IP pledge financing did China do in 2022?"])
    assert not answer.abstained and "8539.9億元" in _lead(answer)[0], answer.abstain_reason


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("調査機関はどのように選定されていますか。", "選定"),
        ("企業価値担保権の登記はオンラインで申請できますか。", "オンライン"),
    ],
)
def test_how_a_thing_is_done_is_a_focus_too(question, focus):
    from assistant.answer.evidence import term_groups

    tokens = {"企業", "価値", "担保", "権", "登記", "調査", "機関", "申請"}
    groups = term_groups(question, lambda term: 2.0, LEX)
    assert Refusals.unnamed_focus(question, groups, tokens, []) == [focus]
    assert Refusals.unnamed_focus(question, groups, tokens | {focus}, []) == []


def test_a_figure_frame_word_is_no_focus():
    from assistant.answer.evidence import term_groups

    # 規模 says which aspect of the figure is asked; what it is of (融資) is elsewhere
    question = "中国の知財質押融資の規模ってどのくらい？"
    groups = term_groups(question, lambda term: 2.0, LEX)
    assert Refusals.unnamed_focus(question, groups, {"中国", "知財", "質押", "融資"}, []) == []


def test_a_form_is_not_named_by_the_act_it_is_for():
    from assistant.answer.evidence import term_groups

    # everyday words put 申込書 near 申請 and 公募; a passage on the 公募 names no form
    question = "知財ビジネス評価書の申込書ってどこでダウンロードできる？"
    groups = term_groups(question, lambda term: 2.0, LEX)
    tokens = {"知財", "ビジネス", "評価", "書", "公募", "申請"}
    assert Refusals.unnamed_focus(question, groups, tokens, []) == ["申込書"]
    assert Refusals.unnamed_focus(question, groups, tokens | {"申し込み"}, []) == []


def test_nandesuka_asks_what_a_thing_is_not_why(assistant):
    # 「なんですか」 holds なんで ("why") as letters only
    answer = assistant.ask("ベンチャーデットってなんですか")
    assert answer.intent == "definition" and not answer.abstained
    assert "ベンチャーデット" in _lead(answer)[0], answer.text
    assert LEX.intent("why").pattern.search("なんで銀行は貸さないの？")


def test_a_compound_is_written_together_in_the_sentence_that_names_it():
    from assistant.answer.evidence import TermGroup, group_share

    group = TermGroup("担保権者", (("担保", "権", "者"),), 1.0)
    scattered = "個人事業主などは企業価値担保権の設定者になれない。"
    named = "企業価値担保権信託会社が受託者(担保権者)となる。"
    tokens = {"担保", "権", "者", "設定", "企業", "価値"}
    assert group_share(group, tokens, named) == 1.0
    assert group_share(group, tokens, scattered) == pytest.approx(2 / 3)
    assert group_share(group, tokens) == 1.0  # without a sentence: tokens only
    # parts that count or date are not held to it (年 of ここ数年)
    assert group_share(TermGroup("数年", (("数", "年"),), 1.0), {"数", "年"}, "案件数は前年比で増えた") == 1.0


def test_who_becomes_the_charge_holder_is_answered_by_the_sentence_naming_it(assistant):
    answer = assistant.ask("担保権者ってだれがなるの")
    assert not answer.abstained and "担保権者" in _lead(answer)[0], answer.text


def test_what_a_document_recommends_is_no_definition():
    assert "definition" not in LEX.intents_of("What does the Deloitte article recommend Japan do?")
    assert "definition" in LEX.intents_of("What does a JPO IP business evaluation report cover?")


def test_a_loanword_the_documents_use_only_abroad_sends_the_question_there(assistant):
    # オークション: only the US and Chinese passages speak of patent auctions
    answer = assistant.ask("特許をオークションで売るのってうまくいくの")
    assert not answer.abstained and "jp" not in answer.jurisdictions, answer.text
    # a loanword also used about Japan keeps the question at home
    answer = assistant.ask("スタートアップでもお金借りられる？")
    assert answer.jurisdictions == ("jp",)


def test_who_decides_is_answered_by_the_sentence_saying_who_chooses(assistant):
    # 決める ~ 選ぶ, 決定 (everyday vocabulary)
    answer = assistant.ask("管財人ってだれがきめるの")
    assert not answer.abstained and "裁判所" in _lead(answer)[0], answer.text


def test_must_i_is_how_a_question_is_said_not_its_topic():
    from assistant.answer.evidence import term_groups

    groups = term_groups("登記しないとだめなの？", lambda term: 2.0, LEX)
    assert [g.term for g in groups if not g.predicate] == ["登記"]


@pytest.mark.parametrize(
    "question",
    [
        "企業価値担保権は個人事業主も使えるようになったと聞きましたが、その改正はいつ施行されましたか。",
        "I heard sole proprietors can now grant an enterprise value charge. When did that change take effect?",
    ],
)
def test_a_question_resting_on_what_the_documents_deny_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text
    assert "個人事業主" in answer.abstain_reason or "sole proprietors" in answer.abstain_reason


@pytest.mark.parametrize(
    "question",
    [
        # asking whether the hearsay holds is answered: "no" is in the documents
        "I heard sole proprietors can now grant an enterprise value charge, is that right?",
        "個人事業主も企業価値担保権を使えるようになったって聞いたけど、ほんと？",
    ],
)
def test_asking_whether_hearsay_holds_is_answered_by_the_sentence_denying_it(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained and "個人事業主" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        (
            "Since the FSA made its three provisioning methods for enterprise value charge loans mandatory, "
            "which of them are regional banks required to use?",
            "provisioning methods",
        ),
        ("引当方法の採用が義務化されたので、地銀はどの方法を使わないといけないんですか？", "引当方法の採用"),
        # 「…が義務付けられていますが、」 states the duty as given too
        ("例示された引当方法の採用が義務付けられていますが、地銀にはどの方法が勧められていますか。", "採用"),
    ],
)
def test_a_question_resting_on_a_duty_the_documents_deny_is_refused(assistant, question, thing):
    answer = assistant.ask(question)
    assert answer.abstained and thing in answer.abstain_reason, answer.text


def test_asking_whether_there_is_a_duty_takes_none_as_given(assistant):
    answer = assistant.ask("Are banks required to use the FSA's example provisioning methods?")
    assert not answer.abstained and "義務はなく" in answer.citations[0].quote, answer.text
    from assistant.answer.premise import mandated_premise

    assert mandated_premise("例示された引当方法の採用は義務化されたのですか？", ["採用する義務はなく"], LEX) == []


@pytest.mark.parametrize(
    "question",
    [
        "Since the enterprise value charge has been in force since 2024, how many banks have used it?",
        "企業価値担保権って2023年から始まってるらしいけど、もう地元の信金で借りられる？",
    ],
)
def test_a_question_resting_on_a_wrong_start_year_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    assert "202" in answer.abstain_reason, answer.abstain_reason  # the year it takes as given


def test_a_right_start_year_or_asking_whether_it_holds_takes_nothing_wrong_as_given():
    from assistant.answer.premise import started_premise

    passages = ["企業価値担保権を定めた事業性融資の推進等に関する法律は、2026年5月25日に施行された。"]
    assert started_premise("企業価値担保権って2026年から始まってるらしいけど、借りられる？", passages, LEX) == []
    assert started_premise("企業価値担保権って2023年から始まってるってほんと？", passages, LEX) == []
    assert started_premise("企業価値担保権って2023年から始まってるらしいけど、借りられる？", passages, LEX) == ["2023"]
    assert started_premise("企業価値担保権って2023年から始まってるらしいけど、借りられる？", ["施行は2026年"], LEX) == []


def test_stopping_asks_for_an_end():
    quantities = LEX.quantities_in("特許庁が評価書の費用負担をやめたのは何年度からですか。")
    assert any("終了" in q.nouns for q in quantities)


@pytest.mark.parametrize(
    "question",
    [
        "What happens to the charge if the company goes bankrupt?",  # goes: anyone's verb
        "この担保ができて、従業員を守るルールも何か見直されたの？",  # 見直 is a verb here, not a noun
    ],
)
def test_a_verb_of_what_happens_to_anyone_is_no_focus(question):
    from assistant.answer.evidence import term_groups

    groups = term_groups(question, lambda term: 2.0, LEX)
    assert Refusals.unnamed_focus(question, groups, {"担保", "従業員"}, ["The charge."]) == []


def test_a_name_made_of_some_of_the_words_of_the_one_asked_is_another_thing():
    question = "中小企業知財経営支援金融機能活用促進事業は何年度をもって終了しましたか。"
    passages = ["2019年度には後継にあたる「中小企業知財経営支援金融機能活用促進事業」が新設された。"]
    names = QuantityCheck.long_names(question, passages)
    assert [n for n, _ in names] == ["中小企業知財経営支援金融機能活用促進事業"]
    assert QuantityCheck.names_another("知財金融促進事業は2015〜2018年度の4年間に限った事業とされた。", names)
    assert not QuantityCheck.names_another(passages[0], names)
    # a shorter form inside the name (信託会社 of 企業価値担保権信託会社) is the same thing
    names = QuantityCheck.long_names("企業価値担保権信託会社は何社ある？", ["企業価値担保権信託会社になれるのは…"])
    assert not QuantityCheck.names_another("信託会社は内閣総理大臣の免許を受ける。", names)


def test_the_end_of_a_programme_is_not_its_predecessors_nor_to_date(assistant):
    # the documents give the predecessor's years, and say when the successor began
    answer = assistant.ask("中小企業知財経営支援金融機能活用促進事業は何年度をもって終了しましたか。")
    assert answer.abstained, answer.text
    answer = assistant.ask("知財金融促進事業はいつ終わったの？")
    assert not answer.abstained and "2018年度" in _lead(answer)[0], answer.text


def test_dou_iu_is_how_anything_is_asked_not_a_focus():
    from assistant.answer.evidence import term_groups

    # 「どういう」「どのような」 frame any question (どういう扱い, どのような流れ): the noun after
    # them is often said otherwise in the documents, so it is not checked
    question = "管財人にはどのような資格が求められますか。"
    groups = term_groups(question, lambda term: 2.0, LEX)
    assert Refusals.unnamed_focus(question, groups, {"管財", "人"}, []) == []


def test_the_fed_is_the_federal_reserve_the_us_passage_names(assistant):
    answer = assistant.ask(
        "What share of US secured business loans used intangible assets as collateral according to the Fed survey?"
    )
    assert not answer.abstained and "4%" in _lead(answer)[0], answer.abstain_reason


def test_an_english_question_on_a_scheme_used_only_abroad_is_answered_from_there(assistant):
    # venture debt -> ベンチャーデット: only the US passages use it; startups (スタートアップ)
    # are spoken of about Japan too and say nothing of where
    answer = assistant.ask("Why is it hard for software startups to exclude IP from venture debt collateral?")
    assert not answer.abstained and answer.jurisdictions == ("us",), answer.text
    assert "ソフトウェア" in _lead(answer)[0]


def test_the_benefit_of_a_scheme_is_no_definition_of_it():
    assert "definition" not in LEX.intents_of(
        "For an SME owner, what is the practical benefit of the enterprise value charge regarding personal guarantees?"
    )
    assert "definition" in LEX.intents_of("What is the enterprise value charge?")
    assert "definition" in LEX.intents_of("What are the main risks of IP-backed lending according to WIPO?")


def test_dialect_and_the_askers_own_are_no_key_terms():
    from assistant.answer.evidence import term_groups

    groups = term_groups("うちの会社まるごと担保にしてかりれるってほんま？", lambda term: 2.0, LEX)
    assert not {"うち", "ほんま"} & {g.term for g in groups}


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        # the kind asked for, after どんな
        ("管財人にはどんな資格が要るの？", "資格"),
        # what a figure is of, before its aspect (相場) and the question word
        ("信託会社の報酬の相場ってどのくらい？", "報酬"),
        ("登記の手数料はいくら？", "手数料"),
        ("中国の知財証券化商品の平均利回りはどの程度ですか。", "平均利回り"),
        # how, when and whether a named thing is done, and what is provided for
        ("管財人の報酬はどのように算定されますか。", "報酬"),
        ("信託契約を解除できるのはどのような場合ですか。", "解除"),
        ("百園万企方針の目標は達成されたのですか。", "達成"),
        ("企業価値担保権の創設に伴う経過措置は設けられていますか。", "経過措置"),
        ("How is a dispute between two charge holders resolved?", "dispute"),
        ("What happens to the charge if the borrower merges with another company?", "merges"),
        ("Did the FSA publish any enforcement statistics for the charge?", "statistics"),
        # a list asked for
        ("評価書を作る調査会社の一覧はどこで見られますか。", "一覧"),
        # the means, after what is done
        ("企業価値担保権の登記はオンラインでできますか。", "オンライン"),
        # whether something has happened yet: the whole phrase (a passage on the court is no case)
        ("Has any court case been decided under the charge yet?", "court case"),
        # what rule or treatment applies
        ("What penalty applies if a trust company breaches its duties?", "penalty"),
        # what is needed, with what it is of
        ("企業価値担保権の設定時に株主総会の決議は必要ですか。", "株主総会の決議"),
        ("企業価値担保権の設定に株主総会の決議はいりますか", "株主総会の決議"),
        # what is in a thing (何が, not only 何を)
        ("企業価値担保権の登記事項には何が含まれますか。", "登記事項"),
        # a named thing's part, asked what it is (frame words such as 目的 are not foci)
        ("経営者保証改革プログラムの数値目標は何ですか。", "数値目標"),
        # a figure asked with a word between (「直近で」)
        ("信用保証協会の代位弁済率は直近でどの程度ですか。", "代位弁済率"),
        # where a thing is
        ("知財金融フォーラムの開催場所はどこでしたか。", "開催場所"),
        # the thing after a nationality ("which Japanese banks")
        ("Which Japanese banks have offered loans secured by the charge?", "banks"),
        # a two-word focus, found only whole
        ("What is the limitation period for enforcing the charge?", "limitation period"),
        # which one of them, politely (「どちらの財務局」)
        ("認定の申請は、どちらの財務局に出せばよいのでしょうか。", "財務局"),
        # needed, said casually without a particle (「決議いるの？」)
        ("企業価値担保権つけるのって取締役会の決議いるの？", "取締役会の決議"),
        # a figure's word after a comma (「信託報酬は、どの程度」)
        ("信託会社の信託報酬は、どの程度の水準でしょうか。", "信託報酬"),
    ],
)
def test_a_focus_is_found_by_where_it_stands(question, focus):
    from assistant.answer.evidence import term_groups

    # the passages' terms: the question's topic, never the thing it asks for
    tokens = {"管財", "人", "信託", "会社", "契約", "登記", "担保", "百園万企", "方針", "目標", "算定", "場合"}
    tokens |= {"企業", "価値", "権", "創設", "中国", "知財", "証券", "化", "商品", "平均"}
    groups = term_groups(question, lambda term: 2.0, LEX)
    assert Refusals.unnamed_focus(question, groups, tokens, ["The court and the charge holder."]) == [focus]
    assert Refusals.unnamed_focus(question, groups, tokens | set(content_terms(focus)), [focus]) == []


def test_a_compound_question_is_led_by_the_answer_to_its_first_part(assistant):
    """「何してるところ？」 comes first: what the association does leads, and the second part
    (does the bank lose?) is still answered by the 80/20 split."""
    answer = assistant.ask("保証協会って何してるところ？銀行は損しないの？")
    lead, _ = _lead(answer)
    assert not answer.abstained and "信用保証協会が保証人" in lead, answer.text
    assert any("80%" in c.quote for c in answer.citations[1:]), answer.text


def test_a_compound_question_keeps_a_lead_that_answers_its_first_part_as_well(assistant):
    """「法律なんですか？」 is answered by 「…法的な拘束力はない」, the best for the whole too;
    a unit that only says 法律上 does not take its place."""
    answer = assistant.ask("経営者保証のガイドラインって法律なんですか？守らないと罰則とかある？")
    lead, _ = _lead(answer)
    assert not answer.abstained and "拘束力" in lead, answer.text


def test_a_frame_word_asked_of_a_named_thing_is_no_focus():
    from assistant.answer.evidence import term_groups

    question = "知財ビジネス提案書の目的は何ですか。"
    groups = term_groups(question, lambda term: 2.0, LEX)
    assert Refusals.unnamed_focus(question, groups, {"知財", "ビジネス", "提案", "書"}, ["知財ビジネス提案書は、…"]) == []


def test_a_compound_focus_is_named_within_one_passage():
    """本部 in one passage and 長 in another name no 本部長; a passage, or a question its units
    are annotated to answer, that writes the compound does. A focus ending in a frame word
    (負担割合) needs only its parts somewhere: a passage may call the 負担 分担."""
    from assistant.answer.evidence import term_groups

    question = "事業性融資推進本部の本部長は誰ですか。"
    groups = term_groups(question, lambda term: 2.0, LEX)
    tokens = {"事業", "性", "融資", "推進", "本部", "長", "設置"}
    apart = ["事業性融資推進本部の設置を定める。", "座長は神田秀樹氏。"]
    passages = [{"事業", "性", "融資", "推進", "本部", "設置"}, {"座", "長"}]
    assert Refusals.unnamed_focus(question, groups, tokens, apart) == []  # the parts, anywhere
    assert Refusals.unnamed_focus(question, groups, tokens, apart, passages) == ["本部長"]
    together = [{"事業", "性", "融資", "推進", "本部", "長"}]
    assert Refusals.unnamed_focus(question, groups, tokens, ["本部長は内閣総理大臣。"], together) == []
    # each one-character part after its word in one text: 財務 of 財務状況 in one and 局 of
    # 事務局 in another name no 財務局
    question = "どちらの財務局に出せばよいですか。"
    groups = term_groups(question, lambda term: 2.0, LEX)
    one = [{"財務", "状況", "事務", "局"}]
    assert Refusals.unnamed_focus(question, groups, {"財務", "状況", "事務", "局"}, ["財務状況を開示する。", "事務局を務める。"], one) == ["財務局"]
    share = "責任共有制度の負担割合を教えてください。"
    groups = term_groups(share, lambda term: 2.0, LEX)
    tokens = {"責任", "共有", "制度", "負担", "割合", "分担"}
    texts = ["協会が80%、金融機関が20%の割合で責任を分担する。", "費用を負担した。"]
    passages = [{"責任", "共有", "制度", "割合", "分担"}, {"費用", "負担"}]
    assert Refusals.unnamed_focus(share, groups, tokens, texts, passages) == []


def test_a_sentence_leaning_on_the_one_before_does_not_lead_the_point_it_elaborates(assistant):
    # 「仮説②の背景として、…」 elaborates 論点Ⅱ; the statement of the problem answers "why".
    answer = assistant.ask("金融機関が知財担保融資に慎重な理由は？")
    lead, _ = _lead(answer)
    assert not lead.startswith("仮説")
    assert "融資元" in lead and ("負担" in lead or "貸倒リスク" in lead)


def test_from_a_point_of_view_gives_no_reason(assistant):
    # 「…の観点から企業を調べて」 is "from", not "because": a definition of 知財金融 does not
    # answer why banks will not lend against IP.
    answer = assistant.ask("なんで銀行は知財を担保にしたがらないの？")
    lead, _ = _lead(answer)
    assert not lead.startswith("「知財金融」は"), answer.text
    assert "負担" in lead or "リスク" in lead, answer.text


def test_a_list_is_named_only_as_a_list_of():
    question = "Does the FSA publish a list of approved IP valuation firms?"
    tokens = {"金融", "庁", "知財", "評価"}
    # "listed companies" and "the article lists …" name no list of anything
    said = ["The report covers listed companies.", "The article lists the JPO's programmes."]
    assert Refusals.unnamed_focus(question, [], tokens, said) == ["list"]
    assert Refusals.unnamed_focus(question, [], tokens, ["The FSA keeps a list of valuers."]) == []


def test_whether_a_specific_figure_is_given_is_answered_by_the_figure(assistant):
    answer = assistant.ask("責任共有制度の負担割合について具体的な数値はありますか。")
    assert not answer.abstained and "80%" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("これまでに焦げ付いた件数は公表されていますか。", ("焦げ付", "貸倒")),
        ("IPASが最初の2年間で支援した企業数は", ("支援",)),  # not 「年間で支援」
        ("評価書作成支援に採択された件数は", ("採択",)),
        ("2014年度の採択件数は？", ()),  # no verb says what happened
    ],
)
def test_a_count_of_what_happened_names_its_verb(question, event):
    found = QuantityCheck(LEX).counted_event(question)
    assert found[: len(event)] == event if event else found == ()


def test_a_count_of_loans_that_went_bad_is_not_answered_by_loans_made(assistant):
    answer = assistant.ask("知財ビジネス評価書を使った融資で、これまでに焦げ付いた件数は公表されていますか。")
    assert answer.abstained, answer.text
    answer = assistant.ask("評価書作成支援に採択された件数は？")
    assert not answer.abstained and "採択" in _lead(answer)[0], answer.text


def test_when_as_a_conjunction_asks_for_no_date(assistant):
    # "Who appoints … when the charge is enforced?" asks who; a date (or 「登記した時点」) is no answer
    answer = assistant.ask("Who appoints the administrator when an enterprise value charge is enforced?")
    assert "裁判所" in _lead(answer)[0], answer.text
    assert not LEX.wants("Who appoints the administrator when an enterprise value charge is enforced?", "when")
    assert LEX.wants("And when did it take effect?", "when")


@pytest.mark.parametrize(
    "question",
    ["Why has IP finance not taken off in Japan?", "日本で知財金融がなかなか広がらないのはどうして？"],
)
def test_a_list_announced_is_answered_by_its_items(assistant, question):
    # 「…2つの論点が挙げられており」 states neither: 論点Ⅰ and 論点Ⅱ lead, from the sections
    # after it (read through the index's file order), and the announcement follows them.
    answer = assistant.ask(question)
    facts = [line.text for line in answer.lines if line.kind == "fact"]
    originals = [c.quote for c in answer.citations]
    assert originals[0].startswith("論点I") and originals[1].startswith("論点II"), answer.text
    assert any("2つの論点" in quote for quote in originals[2:]), answer.text
    assert len(facts) == len(originals)


def test_how_many_things_is_answered_by_the_announcement(assistant):
    answer = assistant.ask("知財金融が普及しない要因として一般に指摘される論点はいくつありますか")
    assert "2つの論点" in answer.citations[0].quote, answer.text


def test_the_chunks_after_a_chunk_in_its_file(assistant):
    store = assistant.store
    entry = next(e for e in store.manifest.files.values() if len(e.chunk_ids) >= 4)
    first, *rest = entry.chunk_ids
    assert [c.id for c in store.following(first, 3)] == rest[:3]
    assert store.following(entry.chunk_ids[-1], 3) == []


def test_a_list_announced_after_the_lead_is_spelt_out_after_it(assistant):
    # The article's overview leads; 「次の2つの取組が有効だと提案している」 follows it, and
    # its items (提案Ⅰ, 提案Ⅱ) come right after, before the announcement.
    answer = assistant.ask("What does the Deloitte article propose for Japan?")
    quotes = [c.quote for c in answer.citations]
    first = next(i for i, quote in enumerate(quotes) if quote.startswith("提案I"))
    assert quotes[first + 1].startswith("提案II"), answer.text
    assert "次の2つの取組" in quotes[first + 2], answer.text


def test_a_year_later_than_any_the_passages_state_is_refused():
    from assistant.answer.premise import later_years

    said = ["事業性融資の推進等に関する法律は、令和8年(2026年)5月25日に施行された。"]
    assert later_years("2028年には利用は増えていますか？", said) == ["2028"]
    assert later_years("令和10年の見通しは？", said) == ["2028"]
    assert later_years("2026年5月から何が変わったの？", said) == []
    assert later_years("2030年の見通しは？", ["日付のない文。"]) == []  # no year to compare with
    # the asker's own plan is context, not what is asked
    assert later_years("2028年に事業承継を考えていますが、経営者保証はどうなりますか", said) == []
    assert later_years("We plan to raise money in 2028. Can we pledge our patents?", said) == []


def test_what_happens_next_year_is_refused_naming_the_year(assistant):
    answer = assistant.ask("来年から知財金融の補助金って増えるの？")
    assert answer.abstained and "年より前のことしか" in answer.abstain_reason, answer.text
    answer = assistant.ask("企業価値担保権はいつから使える？")
    assert not answer.abstained


def test_a_sentence_about_its_own_document_does_not_lead_the_fact_it_mentions(assistant):
    # The Deloitte summary's 「…に掲載されたこの記事は、2026年5月に…施行され…と述べる」 says
    # what the article covers; the date the law came into force is stated in the act's brief.
    answer = assistant.ask(
        "When does it start?",
        history=["Is there a new law in Japan that lets a company put its whole business up as collateral?"],
    )
    assert "5月25日" in answer.citations[0].quote, answer.text


def test_the_first_loan_asked_in_english_needs_a_sentence_saying_it_was_the_first(assistant):
    answer = assistant.ask("Which Japanese regional bank made the first loan secured by an enterprise value charge?")
    assert answer.abstained, answer.text
    # "the first" of a kind the documents do report as the first is answered
    answer = assistant.ask("Who held the first patent auction in the US?")
    assert not answer.abstained and "初めて" in answer.citations[0].quote, answer.text


def test_a_focus_named_with_what_it_is_of_needs_both():
    from assistant.answer.evidence import term_groups

    question = "企業価値担保権の設定時に株主総会の決議は必要ですか。"
    groups = term_groups(question, lambda term: 2.0, LEX)
    tokens = {"企業", "価値", "担保", "権", "設定", "附帯", "決議"}  # 附帯決議: a resolution, not the shareholders'
    assert Refusals.unnamed_focus(question, groups, tokens, ["法律の附帯決議を踏まえ"]) == ["株主総会の決議"]
    assert Refusals.unnamed_focus(question, groups, tokens | {"株主", "総会"}, ["株主総会の決議"]) == []


def test_a_unit_only_a_retrieval_key_found_may_lead_but_is_no_evidence(assistant):
    # Fusion keeps the 日本の知財金融の現状 chunk out of the top five for this English question,
    # though the unit's annotated English question ("Is lending against patents common in
    # Japan?") is among the best keys: the unit is scored and leads.
    answer = assistant.ask("Can I borrow against my patents?")
    assert "主流になっていない" in answer.citations[0].quote, answer.text
    retrieval = assistant.retriever.retrieve("Can I borrow against my patents?")
    assert retrieval.key_hits and not {h.chunk.id for h in retrieval.key_hits} & {h.chunk.id for h in retrieval.hits}


def test_a_comparison_scores_no_chunk_twice(assistant):
    # each place is searched too; a key hit of the whole question a side found is a hit, once
    retrieval = assistant.retriever.retrieve("米国と中国では知財金融のやり方はどう違うの？")
    hits = [h.chunk.id for h in retrieval.hits]
    assert len(set(hits)) == len(hits)
    assert not {h.chunk.id for h in retrieval.key_hits} & set(hits)


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("企業価値担保権を設定すると、銀行の担当者が常駐するの？", "銀行の担当者が常駐するの？"),
        ("返せなくなったら会社の車も取られる？", "会社の車も取られる？"),
        ("設定しても機械を売れる？", "機械を売れる？"),
        ("合同会社なんですが対象になりますか？", "対象になりますか？"),
        ("保証協会を使うと、手数料が高くなるの？", "手数料が高くなるの？"),
        # no context: the whole question
        ("特許を担保にお金を借りられますか？", "特許を担保にお金を借りられますか？"),
        # a topic set off by a comma is no clause of context
        ("新しい制度って、結局なにが担保になるの？", "新しい制度って、結局なにが担保になるの？"),
        # 「…ないといけない」 is "must", not "if"
        ("毎年報告しないといけないの？", "毎年報告しないといけないの？"),
        # several sentences: each may ask
        ("費用はかかりますか。相場も知りたいです。", "費用はかかりますか。相場も知りたいです。"),
        # a trailing guess says nothing of its own
        ("設定したら何が担保になるの？工場？", "何が担保になるの?"),
    ],
)
def test_the_asked_clause_follows_the_context(question, clause):
    from assistant.answer.parts import asked_clause
    from assistant.text.ja import normalize

    assert normalize(asked_clause(question)) == normalize(clause)


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # the clause's noun is not in the passages, but its verb is, in their words (売る ~ 処分)
        ("企業価値担保権を設定しても、工場の機械を売ったりできる？", "処分"),
        ("会社が返せなくなったら、従業員の給料は後回しにされるの？", "賃金"),
        ("企業価値担保権を使うと社長の個人保証はなくなるの？", "経営者保証"),
        # English: the words are in the units' English renderings or the glossary
        ("If the company cannot repay, does a court appoint someone to run the process?", "管財人"),
        ("Once the charge is granted, can the company keep using its assets?", "使用"),
        ("If a credit guarantee corporation pays the bank back, does it get reimbursed?", "保険金"),
    ],
)
def test_a_yes_no_question_with_context_the_passages_answer_is_answered(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "agent"),
    [
        # the agent is the one who does it (管財人は…続け), not a party named in passing
        # (担保権者の銀行に先立って)
        ("Who runs the business after the charge is enforced?", "管財人"),
        # a glossary phrase weighs its words' mean idf, as a Japanese compound does: "keeps the
        # business going" (事業 … 続ける) is not outweighed by "enforced" (実行)
        ("Who keeps the business going once the charge is enforced?", "管財人"),
        # 言い出す is an everyday phrase for 持ちかける / 提案
        ("知財金融の事業はどこが言い出したんですか", "普及支援課"),
    ],
)
def test_a_who_question_is_led_by_the_agent(assistant, question, agent):
    answer = assistant.ask(question)
    assert not answer.abstained and agent in _lead(answer)[0], answer.text


def test_doing_without_a_guarantee_is_answered_by_what_restricts_or_waives_it(assistant):
    """なくせる / 要らなくなる are everyday phrases (verb keys, as inflected) for 保証なし and
    制限: the Guidelines' scope sentence (ガイドラインが適用される保証契約は…) no longer leads."""
    text, _ = _lead(assistant.ask("経営者保証ってなくせるの？"))
    assert "制限" in text or "保証なし" in text, text
    assert not text.startswith("ガイドラインが適用される"), text


def test_a_compound_question_is_judged_part_by_part(assistant):
    # the figure is asked in the second clause: the count (会合は全部で7回) is judged against
    # that clause, and follows the first clause's answer (the chair)
    answer = assistant.ask(
        "Who chaired the Financial System Council working group on business lending, and how many sessions did it hold?"
    )
    quotes = [c.quote for c in answer.citations]
    assert not answer.abstained and "座長" in quotes[0], answer.text
    assert any("7回" in quote for quote in quotes[1:3]), answer.text
    # a list of three methods ((1)…(2)…(3)…) answers "how many", in the clause that asks it
    answer = assistant.ask(
        "When was the final FSA paper on provisioning for enterprise value charge loans published, "
        "and how many provisioning methods did it give as examples?"
    )
    quotes = [c.quote for c in answer.citations]
    assert not answer.abstained and "2025年7月2日" in quotes[0], answer.text
    assert any("(1)" in quote and "(3)" in quote for quote in quotes[1:3]), answer.text


def test_a_compound_question_keeps_its_qualifiers_in_each_part(assistant):
    # "actually" in the second part still asks for a result: an outlook for 2024 answers neither
    answer = assistant.ask(
        "What was China's full-year 2024 IP pledge financing figure? Did it actually pass 1 trillion yuan?"
    )
    assert answer.abstained, answer.text
    # a part that names nothing its figure is of is read with the part before it
    answer = assistant.ask("信用保証協会つきの融資って、銀行もリスク負うの？何割くらい？")
    assert not answer.abstained and "20%" in answer.citations[0].quote, answer.text


def test_question_clauses():
    from assistant.answer.parts import question_parts

    asked = "Who chaired the WG, and how many sessions did it hold?"
    assert question_parts(asked) == [asked]  # an answer's parts are read as a reader splits them
    assert question_parts(asked, clauses=True) == ["Who chaired the WG", "how many sessions did it hold?"]
    assert question_parts(
        "The FSA wrote a paper. When did it come out, and how many methods did it give?", clauses=True
    ) == [
        "When did it come out",
        "how many methods did it give?",
    ]
    assert question_parts("The FSA's paper: when did it come out and how many methods does it give?", clauses=True) == [
        "The FSA's paper: when did it come out",
        "how many methods does it give?",
    ]
    assert question_parts("Is the U.S. market bigger, and why?", clauses=True) == [
        "Is the U.S. market bigger, and why?"
    ]


def test_an_international_statement_naming_the_place_asked_leads(assistant):
    answer = assistant.ask("What did Singapore's minister say about intangible assets at WIPO's IP Finance Dialogue?")
    assert not answer.abstained and "シンガポール" in answer.citations[0].quote, answer.text


def test_a_relative_clause_describes_and_is_not_asked(assistant):
    # ", which looked at …," says what the study is; "looked" is no focus the passages must name
    answer = assistant.ask(
        "Did the JPO's valuation study of 2018, which looked at the US, China, Korea, Singapore and Germany, "
        "find that Japan's methods lag behind?"
    )
    assert not answer.abstained and "顕著な差はない" in answer.citations[0].quote, answer.text


def test_a_duty_asked_about_in_english_is_answered_by_what_says_it(assistant):
    # "obliged" is what a yes/no question asks: the unit saying 義務はなく leads, not the list
    answer = assistant.ask("Are banks obliged to use one of the FSA's provisioning methods for enterprise value charge loans?")
    assert not answer.abstained and "義務" in answer.citations[0].quote, answer.text


def test_a_japanese_era_year_is_a_year():
    from assistant.answer.evidence import years_in

    assert years_in("平成25年度の数値は？") == {"2013"}
    assert years_in("令和元年度の件数") == {"2019"}


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # an English count is answered by a count of what it asks (州 is no counter judged here)
        ("How many US states have adopted UCC Article 9?", "全50州"),
        ("How many startps did IPAS support in its first two years?", "25社"),  # a typo of startups
        ("How many institutions had used the JPO's evaluation reports by May 2019?", "214"),
        # 「確認させてください」 wraps the question; 下限額 is the 最低額 the passages state
        ("不特定被担保債権留保額の下限額を確認させてください。", "70万円"),
        # a trial run (試行) was the first time: 「最初に試しにやった」 is answered by it
        ("評価書の作成支援を最初に試しにやった年度は何件採ったの？", "37件"),
        # whether a thing exists is answered by the sentence saying it came to be (登場, 設けた)
        ("Is there any insurance a US lender can buy against losses on IP-backed loans?", "登場"),
        ("のれんも含めて会社の資産をまるっと担保にできる仕組みってある？", "設けた"),
        # 「どんくらい」 asks how much, for the year named
        ("中国の特許担保の融資、2023年はどんくらいだった？", "8539.9億元"),
        # China's documents call a pledge 質押: a count of patents pledged answers 「担保にした件数」
        ("中国で特許を担保にした件数って、2018年はどんくらい？", "5408件"),
        # "kick in" asks when the law takes effect (施行)
        ("So when does Japan's enterprise value charge kick in?", "2026年"),
        # a province's figure is answered by a sentence on that province
        ("What's the size of Guangdong's risk compensation fund?", "58億元"),
        # "how many are there nationwide" counts; "nationwide" is no thing asked to exist
        ("How many credit guarantee corporations are there nationwide in Japan?", "51"),
        # a floor is the 最低額 the Cabinet Order sets
        ("Under the Cabinet Order, what is the floor for the reserve kept for unspecified secured claims?", "70万円"),
        # a meeting's dates, of a WG its document's title names in words apart (事業性に着目した融資実務)
        ("事業性融資WGの会合は何回あって、それぞれの開催日はいつ？", "7回"),
        # a number of days is said in business days (営業日)
        ("中国で特許を質に入れる登録って何日くらいかかるの？日数知りたい", "営業日"),
    ],
)
def test_the_lead_states_what_was_asked(assistant, question, stated):
    answer = assistant.ask(question)
    assert not answer.abstained and stated in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "経営者保証のガイドラインって去年で廃止されたんでしょ？今は銀行に何を出せばいいの？",
        "Since the guarantee guidelines were scrapped, what do banks ask owners for now?",
        "Why did WIPO close down its IP Finance Dialogue?",
    ],
)
def test_a_question_resting_on_an_end_no_passage_states_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    assert "廃止" in answer.abstain_reason or "abolished" in answer.abstain_reason, answer.abstain_reason


def test_an_end_the_passages_state_or_asking_whether_it_ended_takes_nothing_wrong_as_given():
    from assistant.answer.premise import ended_premise

    passages = ["知財金融促進事業は2015〜2018年度の4年間に限った事業と位置づけられた。", "企業価値担保権は総財産を目的とする。"]
    assert ended_premise("知財金融促進事業はなんで終了したの？", passages, LEX) == []  # it did end
    assert ended_premise("企業価値担保権って廃止されたの？", passages, LEX) == []  # asks whether
    assert ended_premise("企業価値担保権って廃止されたって本当？", passages, LEX) == []
    assert ended_premise("ローンの返済が終わったので、企業価値担保権は消えますか", passages, LEX) == []  # no scheme ended
    assert ended_premise("企業価値担保権って廃止されたんでしょ？代わりは何？", passages, LEX) == ["企業価値担保権"]


def test_a_start_date_with_a_month_and_hearsay_ending_in_desho_are_premises():
    from assistant.answer.premise import contradicted_premise, started_premise

    passages = ["企業価値担保権を定めた法律は、2026年5月25日に施行された。", "個人事業主などは企業価値担保権の設定者になれない。"]
    assert started_premise("企業価値担保権って2024年4月にいきなり施行されたけど、なんで？", passages, LEX) == ["2024"]
    assert started_premise("Since the enterprise value charge became mandatory for startup loans in 2023, what changed?", passages, LEX) == ["2023"]
    said = contradicted_premise("企業価値担保権って個人事業主も使えるようになったんでしょ？うちも申し込める？", passages, LEX)
    assert said == ["個人事業主"]
    assert contradicted_premise("個人事業主も使えるのでしょうか？", passages, LEX) == []  # a polite question, no premise


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("What loss-sharing ratio does Shenzhen apply between its compensation pool and banks?", False),
        ("上海だと知財担保融資の損失ってどういう割合で分けてるの？", False),
        ("広東省だと知財担保融資の損失ってどういう割合で分けてるの？", True),
    ],
)
def test_a_ratio_asked_how_it_is_split_needs_the_place_asked(assistant, question, answered):
    answer = assistant.ask(question)
    assert answer.abstained is not answered, answer.text
    if answered:
        assert re.search(r"\d+:\d+", answer.citations[0].quote), answer.citations[0].quote


def test_topics_are_no_focus_of_their_own(assistant):
    answer = assistant.ask("What topics did WIPO's second IP Finance Dialogue cover, and when was it held?")
    assert not answer.abstained and "IP Finance Dialogue" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("Which US banks lend against IP to startups? Name a few.", False),  # Aon is a broker
        ("Which banks were selected in the JPO's 2014 pilot? Name a few.", True),  # みずほ・りそな
    ],
)
def test_names_of_banks_need_a_sentence_about_banks(assistant, question, answered):
    answer = assistant.ask(question)
    assert answer.abstained is not answered, answer.text


def test_a_follow_up_asking_its_own_thing_carries_no_earlier_quantity(assistant):
    answer = assistant.ask(
        "and are workers paid ahead of the bank?",
        ["what is the minimum reserve kept for unsecured creditors under the enterprise value charge?"],
    )
    assert not answer.abstained and "労働" in answer.citations[0].quote, answer.text


def test_a_remark_after_the_question_does_not_dilute_its_figure(assistant):
    answer = assistant.ask("中国の知財担保融資ってどのくらいの規模なん？ニュースで伸びてるって見たけど")
    assert not answer.abstained and "億元" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "中国の知財質押融資って今どれくらいの規模？",
        "how big is China's IP pledge lending these days?",
        "中国の知財担保融資の規模って最近どのくらいなの？ニュースで伸びてるって見たけど",
    ],
)
def test_a_figure_asked_as_it_stands_now_is_led_by_the_latest_full_year(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained and "8539.9" in answer.citations[0].quote, answer.text


def test_the_latest_is_no_preference_when_a_year_is_asked(assistant):
    answer = assistant.ask("中国の知財質押融資の2021年の規模は？最近のことも知りたい")
    assert "2021" in answer.citations[0].quote, answer.text


def test_a_year_in_a_remark_beside_the_question_is_hearsay_not_asked(assistant):
    answer = assistant.ask("企業価値担保権っていつから使えるんでしたっけ？知り合いの社長が再来年からって言ってたけど")
    assert not answer.abstained and "2026" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "is there something similar to the enterprise value charge in the US, like an all-asset lien?",
        "If a US borrower defaults and the IP is not worth enough, is there any protection for the lender?",
    ],
)
def test_any_thing_at_all_is_no_focus(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text


def test_a_quoted_term_is_what_a_definition_question_asks_to_define(assistant):
    answer = assistant.ask("企業価値担保権における「不特定被担保債権」とは何ですか。")
    assert not answer.abstained and "不特定被担保債権」の2種類" in answer.citations[0].quote, answer.text


def test_the_legal_basis_is_what_the_law_rests_on(assistant):
    answer = assistant.ask("What is the legal basis for pledging patents in China?")
    assert not answer.abstained and "民法典" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "企業価値担保権の施行日を2024年10月1日と定めた政令は何号ですか。",  # a wrong date stated in passing
        "Since Japan requires the enterprise value charge for every SME loan over 50 million yen, how do banks price it?",
        "Why did the JPO scrap the IP business evaluation reports in 2017?",  # the successor came in 2019
        "Which bank was the first to sign an enterprise value charge trust agreement?",
    ],
)
def test_what_a_question_states_in_passing_must_hold(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_the_right_date_stated_in_passing_is_answered(assistant):
    answer = assistant.ask("企業価値担保権の施行日を2026年5月25日と定めた政令は何号ですか。")
    assert not answer.abstained and "政令第242号" in answer.citations[0].quote, answer.text


def test_a_postponement_no_passage_states_is_refused(assistant):
    answer = assistant.ask("企業価値担保権の施行が先送りされた理由は何ですか。")
    assert answer.abstained and "延期" in answer.abstain_reason, answer.text
    answer = assistant.ask("企業価値担保権の施行が延期されたって本当？")  # asks whether: the date answers
    assert not answer.abstained and "2026" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("返済できなくなったら会社の設備とかってバラ売りされちゃうの？", "事業譲渡"),  # バラ売り ~ 個々の財産
        ("中国で特許に質権つけるとき、登録って何日くらいかかるの？", "営業日"),  # とき ends a clause; 質権 ~ 質押
        ("広東省だと貸し倒れたときの損は誰がどんな割合でかぶるの？", "44:36:16:4"),  # 損 ~ 損失
        ("Is there a minimum amount set aside for general creditors before the lender is paid?", "70万円"),
    ],
)
def test_everyday_words_reach_the_sentence_that_answers(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.abstained and said in answer.citations[0].quote, answer.text


def test_what_an_asker_says_of_themselves_is_no_term_asked_about(assistant):
    answer = assistant.ask("We're a US venture debt fund looking at Japan. can a fund lend under the enterprise value charge?")
    assert not answer.abstained, answer.text


def test_a_follow_up_asking_whether_it_is_mandatory_leads_with_the_duty(assistant):
    answer = assistant.ask(
        "is that mandatory?",
        ["The FSA put out guidance on provisioning for loans under the enterprise value charge. Which methods did it list?"],
    )
    assert not answer.abstained and "義務はなく" in answer.citations[0].quote, answer.text


def test_a_year_another_part_names_holds_for_the_figure(assistant):
    answer = assistant.ask("ABLの残高って最近はどのくらい？2020年度の数字はある？")  # the documents give 平成23年度 only
    assert answer.abstained, answer.text
    answer = assistant.ask("中国の知財質押融資は最近どのくらい？2022年の数字ある？")
    assert not answer.abstained and "2022" in answer.citations[0].quote, answer.text


def test_a_ratio_answers_what_share_of_a_loss(assistant):
    answer = assistant.ask("What share of losses does Zhongshan's risk compensation fund bear?")
    assert not answer.abstained and "54:26:16:4" in answer.citations[0].quote, answer.text


def test_a_template_is_the_documents_hinagata(assistant):
    answer = assistant.ask("知財の評価書のテンプレってあるの？")
    assert not answer.abstained and "ひな形" in answer.citations[0].quote, answer.text


def test_a_named_day_is_a_date_asked_for_not_a_word_to_find(assistant):
    answer = assistant.ask("施行期日を定めた政令の番号と制定日を教えてください。")
    assert not answer.abstained and "令和7年7月2日" in answer.citations[0].quote, answer.text


def test_a_follow_up_asking_two_years_is_answered_by_either(assistant):
    answer = assistant.ask("and 2021 and 2022?", ["How large was China's IP pledge financing in 2020?"])
    assert not answer.abstained and re.search("2021|2022", answer.citations[0].quote), answer.text


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("What was China's actual full-year 2024 IP pledge financing total?", False),  # a half year and an outlook only
        ("What was China's full-year 2023 IP pledge financing total?", True),
    ],
)
def test_a_long_named_total_asks_for_a_figure(assistant, question, answered):
    answer = assistant.ask(question)
    assert answer.abstained is not answered, answer.text


def test_only_years_listed_together_are_asked_one_by_one():
    from assistant.answer.evidence import requested_figure

    listed = requested_figure("2021年と2022年の融資額は？", LEX)
    assert listed.each_year and listed.met_by("2021年の融資額は3098億元となった。")
    context = requested_figure("フォーラムって2018年の後もやってる？2019年は何人来たの？", LEX)
    assert not context.each_year and not context.met_by("2018年3月のフォーラムには252人が参加した。")


@pytest.mark.parametrize(
    "question",
    [
        "What is the stamp duty on an enterprise value charge trust agreement?",
        "Which Japanese bank made the first enterprise value charge loan?",
        "what was the total IP pledge financing in China in 2016?",  # only a 2016-2020 growth rate
        "評価書を作ってくれる調査会社ってどこ？会社名を知りたい",  # the pilot's banks are no evaluators
    ],
)
def test_more_of_what_the_documents_do_not_say_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("企業価値担保権ってどのタイミングで効力が出るの？契約したらすぐ？", "登記した時点"),
        ("事業性融資の推進等に関する法律の法令番号をご教示ください。", "令和6年法律第52号"),
    ],
)
def test_timing_and_a_laws_number_are_asked_in_other_words(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.abstained and said in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # 「何月何日でしょうか」 asks a date, not how many days (何日で of 「何日でできる？」)
        ("企業価値担保権の法律が国会で成立したのは何月何日でしょうか。", "2024年6月7日"),
        # 「…日付を確認したいです」: 確認 is how it is asked, not a claim the passages must make
        ("企業価値担保権を創設した法案が閣法として国会に提出された日付を確認したいです。", "2024年3月15日"),
        # a deadline is a date: 「5月28日を期限に意見が募集された」 (パブリックコメント ~ 意見募集)
        ("評価・引当の基本的な考え方(案)に対するパブリックコメントの締切日を教えてください。", "5月28日"),
        # 案件数 is read 案 + 件数 by Sudachi: 案 is no subject the passages must name
        ("特許庁の知財金融施策の試行年度(2014年度)に、知財ビジネス評価書の作成支援で採択された案件数は何件でしたか。", "37件"),
        # EVC is the enterprise value charge
        ("In an EVC enforcement, what is the minimum amount that has to be set aside for the unsecured creditors?", "70万円"),
    ],
)
def test_answerable_bank_questions_are_not_refused_for_how_they_are_asked(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.abstain_reason
    assert said in " ".join(c.quote for c in answer.citations[:2]), answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("企業価値担保権の実行手続における管財人の報酬は、どのような基準で決定されるのでしょうか。", "報酬"),
        ("企業価値担保権の設定登記を申請する際の添付書類と申請書様式はどうなっていますか。", "添付書類"),
        ("事業性融資推進本部の本部長にはどなたが就任していますか。", ""),
        ("事業性融資の推進等に関する法律の附則では、施行後何年を目途に見直しを行うと定められていますか。", "附則"),
    ],
)
def test_what_a_bank_asks_for_and_no_passage_names_is_refused(assistant, question, missing):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    assert missing in answer.abstain_reason


@pytest.mark.parametrize(
    "question",
    [
        "Who chaired the MHLW labour policy subcommittee that revised the business transfer guideline?",
        "What commission does Ocean Tomo charge sellers at its patent auctions?",
        # a final full-year figure: the first half and an outlook for the year are no answer
        "中国の2024年通年の知財質押融資額の確定値は何億元でしたか。",
        "特許庁の知財ビジネス評価書は、申込みから納品まで標準で何営業日程度かかりますか。",
    ],
)
def test_a_person_a_commission_a_final_figure_and_a_period_no_passage_states_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_a_follow_up_asking_a_count_carries_no_earlier_who(assistant):
    # "How many times did they meet?" after "Who chaired the WG?" asks a count, not a person
    answer = assistant.ask(
        "how many times did they meet?", history=["who chaired the FSA working group on business-based lending?"]
    )
    assert not answer.abstained, answer.abstain_reason
    assert "7回" in answer.citations[0].quote, answer.text


def test_act_as_is_a_verb_not_the_act():
    # "Who can act as the security holder?" does not ask about the law (act: 法律)
    assert "法律" not in LEX.expand_english("Who can act as the security holder?")
    assert "法律" in LEX.expand_english("When did the act take effect?")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # where to file is asked as how to, not yes or no (「どこに登録すればいいの？」)
        ("アメリカで特許を担保にお金借りるとき、どこに登録すればいいの？", "UCC-1"),
        # how a risk is split asks for a share (「どう分けてるの？」)
        ("保証協会付きで借りるとき、協会と銀行ってリスクどう分けてるの？", "80%"),
    ],
)
def test_where_to_file_and_how_a_risk_is_split_lead_with_the_answer(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.abstained and said in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # names asked of a kind the passages give only as a kind (信託会社, 調査機関)
        "Which trust banks or trust companies have actually been licensed to act as enterprise value charge trustees so far? I need names.",
        "Which research firms actually wrote the IP business evaluation reports that were handed to the banks?",
        # a version no passage speaks of (Ver.1.0 and Ver.2.0 are)
        "知財・無形資産ガバナンスガイドラインのVer.3.0っていつ出る予定なんですか",
        "When did version 3.0 of the IP and intangible asset governance guidelines come out?",
        # an amount taken as given (って聞いたけど) that no passage states: the minimum is 70万円
        "不特定被担保債権留保額って最低100万円って聞いたけど、小さい会社でもそんなに残すの?",
        # an end the documents never state, of a scheme named in English
        "Given that the Guidelines for Management Guarantees were scrapped in 2022, what replaced them for SME lenders?",
    ],
)
def test_names_versions_and_premises_no_passage_states_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_a_named_version_the_passages_speak_of_is_answered(assistant):
    answer = assistant.ask("知財・無形資産ガバナンスガイドラインのVer.2.0はいつ公表された？")
    assert not answer.abstained and "2023年3月27日" in answer.citations[0].quote, answer.text


def test_how_it_went_asks_for_the_outcome_not_a_date():
    # "how did the 9th one go?" after a "when" question asks how it turned out
    assert LEX.intents_of("how did the 9th one go?")[:1] == ["outcome"]
    assert LEX.intents_of("9回目はどうだった？")[:1] == ["outcome"]


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        # a city asked after the country: its unit is about what its passage is about (知財融資)
        ("じゃあ珠海市は？", ["中国で知財融資が焦げ付いたときの損失分担の割合って？"], "60%"),
        # a year named in a follow-up: 2020's figure does not answer "and 2023?"
        ("and the full year 2023?", ["CNIPA number for patent and trademark pledge financing in 2020?"], "8539.9"),
        # a deadline in English is a date; "the FSA's paper" is named by 金融庁 too
        ("deadline for public comment on the FSA's draft paper on valuing and provisioning EVC-backed loans?", [], "5月28日"),
        ("how many provisioning approaches did the FSA list as examples for EVC-backed loans?", [], "見做し債務者区分"),
    ],
)
def test_a_city_a_follow_up_year_and_an_acronym_body_lead_with_the_answer(assistant, question, history, said):
    answer = assistant.ask(question, history=history or None)
    assert not answer.abstained, answer.abstain_reason
    assert said in answer.citations[0].quote, answer.text


def test_a_glossary_neighbour_of_a_scheme_is_not_the_scheme(assistant):
    # "secured creditors" (被担保債権者) is not named by a passage saying 担保権者: the exact
    # percentage of the reserve's first band is still refused
    answer = assistant.ask(
        "Under the cabinet order, what exact percentage is applied to the first bracket of the distributable "
        "amount when computing the reserve held back for unspecified secured creditors?"
    )
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a bill passing the Diet (国会でとおった) is its 成立, not its submission
        ("企業価値担保権の法律って国会でとおったのいつだっけ", "2024年6月7日"),
        # a name followed by a glossary word ("Indigo Ag IP-backed loan") is still Indigo Ag's
        ("Who underwrote the insurance on that Indigo Ag IP-backed loan?", "Markel"),
        # 「売却価格以外に何を」: what is asked is not the price
        ("管財人が事業の譲渡先を選ぶとき、売却価格以外に何を考慮するよう指針で求められていますか。", "雇用"),
    ],
)
def test_validation_round_leads(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.abstain_reason
    assert said in " ".join(c.quote for c in answer.citations[:2]), answer.text


@pytest.mark.parametrize(
    "question",
    [
        # Ver.2.0's chair does not answer for Ver.1.0 (どなた asks who)
        "知財・無形資産ガバナンスガイドラインVer.1.0を取りまとめた検討会の座長はどなたでしたか。",
        # a rate asked as 「具体的な率」: 「それぞれに率を掛け」 states none
        "施行令2条の不特定被担保債権留保額について、配当可能額の各区分に掛ける具体的な率(%)を教えてください。",
        # what gets cheaper (相続税, 贈与税): no passage speaks of it
        "息子に会社継がせる予定なんだけど、企業価値担保権にしておくと相続税とか贈与税が安くなったりする?",
        "Who represented Japan at the 2022 WIPO side event on IP-backed financing, and what did they present?",
    ],
)
def test_validation_round_refusals(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        # 「第5回会合では何が」: 回会合 after a number is the occasion, not a focus no passage names
        ("事業性融資WGの第5回会合では何が議論されましたか。", [], "第5回"),
        # 「最初のころ」 is the early days, not "the first" of something nor a thing counted
        (
            "それ最初のころって何社くらい面倒みてもらえたの?",
            ["特許庁がビジネスと知財のメンターつけてくれるプログラムがあるって聞いたんだけど、名前なんだったっけ"],
            "25社",
        ),
        # the topic of a casual earlier question is not its filler (かんじ)
        (
            "その人って会社の資産をバラバラに売っていくんですか?",
            ["返せなくなったら担保の実行?ってどう進むの。銀行が勝手に売りにくるかんじ?"],
            "事業譲渡",
        ),
        # 既存の枠組みを流用 ~ 従来の…土台
        ("金融庁の検討ペーパーの例示のうち、既存の枠組みを流用する型にはどんなものがありますか。", [], "従来"),
        # "Is that unusual?" of a case told first: ほぼ標準 answers it
        (
            "We're a startup negotiating venture debt in the US, and the lender wants a first-priority lien on all"
            " assets including our IP. Is that unusual?",
            [],
            "標準",
        ),
    ],
)
def test_last_round_answerable_questions_are_answered(assistant, question, history, said):
    answer = assistant.ask(question, history=history or None)
    assert not answer.abstained, answer.abstain_reason
    assert said in " ".join(c.quote for c in answer.citations[:3]), answer.text


def test_a_whole_year_said_casually_is_not_answered_by_part_of_it(assistant):
    answer = assistant.ask("広東省の知財質押の登記額って2024年まるまる1年だといくらだった?")
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # a share or a split taken as given that no passage states (the bank bears 20%)
        "Since the JPO only covers half the cost of an IP business evaluation report, how much does the bank have to pay for the other half?",
        "Since Japan's responsibility-sharing system splits credit guarantee risk 50/50 between the guarantee corporation and the bank, why did they pick an even split?",
        # what someone may do taken as given ("Given that …") that a passage denies
        "Given that sole proprietors can also grant an enterprise value charge over their business, what extra documents does a self-employed person need to submit?",
        # a sanction and a review clause no passage speaks of
        "What's the criminal penalty — fine or prison — if a trust company acting as chargeholder breaches its duties?",
        "Does the law on promoting business-based lending have a review clause? What's the timeline?",
    ],
)
def test_english_premises_sanctions_and_review_clauses_no_passage_states_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_a_split_the_passages_state_is_no_wrong_premise(assistant):
    answer = assistant.ask("Since the responsibility-sharing system splits the risk 80/20, when did it start?")
    assert not answer.abstained and "2007年10月" in answer.citations[0].quote, answer.text


def test_what_is_required_as_something_no_passage_names_is_refused(assistant):
    # 「添付書面として何が求められるか」: the attachments are what is asked
    answer = assistant.ask("企業価値担保権の設定登記の申請で、添付書面として何が求められるか確認したい。")
    assert answer.abstained and not answer.citations and "添付書面" in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Given that the enterprise value charge bill passed the Diet in 2023, what was the vote count?",
        "事業性融資の法律って2023年の国会で成立したらしいけど、施行までだいぶかかったよね?",
        "2023年に成立した事業性融資推進法の施行日は？",
    ],
)
def test_a_question_resting_on_a_wrong_passing_year_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    assert "2023" in answer.abstain_reason and ("成立" in answer.abstain_reason or "passed" in answer.abstain_reason)


def test_a_right_passing_year_or_asking_when_it_passed_takes_nothing_wrong_as_given(assistant):
    from assistant.answer.premise import passed_premise

    passages = ["事業性融資の推進等に関する法律(企業価値担保権を定めた法律)は、2024年6月7日に成立した。"]
    assert passed_premise("企業価値担保権の法律って2024年に成立したらしいけど、施行は？", passages, LEX) == []
    assert passed_premise("企業価値担保権の法律って2023年に成立したって本当？", passages, LEX) == []
    assert passed_premise("企業価値担保権の法律って2023年に成立したらしいけど、施行は？", passages, LEX) == ["2023"]
    assert passed_premise("Since the enterprise value charge law was enacted in 2023, who uses it?", passages, LEX) == ["2023"]
    assert passed_premise("企業価値担保権の法律って2023年に成立したらしいけど？", ["成立は2024年"], LEX) == []
    answer = assistant.ask("事業性融資推進法が成立したのはいつ？")
    assert not answer.abstained and "2024年6月7日" in answer.citations[0].quote, answer.text


def test_a_terse_total_is_led_by_the_year_it_names(assistant):
    answer = assistant.ask("China patent & trademark pledge loans, full-year 2023 total?")
    assert not answer.abstained and "8539.9億元" in answer.citations[0].quote, answer.text


def test_kurai_before_a_verb_in_tsu_is_no_when():
    # 「いくらぐらいつながった」: ぐらい + つながる, not いつ
    question = "特許庁の評価書の事業、結局じっさいの融資にいくらぐらいつながったの？"
    assert "when" not in LEX.intents_of(question)
    assert "when" in LEX.intents_of("評価書の事業はいつ始まったの？")


def test_what_a_programme_led_to_and_what_a_report_costs_in_everyday_words(assistant):
    answer = assistant.ask("特許庁の評価書の事業、結局じっさいの融資にいくらぐらいつながったの？")
    assert not answer.abstained and "43.8億円" in answer.citations[0].quote, answer.text
    answer = assistant.ask("特許の強みとか評価してくれるレポート、作ると本来いくらぐらいかかるもん？")
    assert not answer.abstained and "20万〜30万円" in answer.citations[0].quote, answer.text


def test_people_typed_ppl_are_counted_in_persons(assistant):
    answer = assistant.ask("how many ppl showed up at the IP finance forum JPO and FSA ran in march 2018?")
    assert not answer.abstained and "252人" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("ゆうちょ銀行って企業価値担保権の融資やってくれるんでしょうか", "ゆうちょ銀行"),
        ("Does Kiraboshi Bank offer enterprise value charge loans?", "Kiraboshi Bank"),
    ],
)
def test_what_a_bank_the_documents_never_name_offers_is_refused(assistant, question, named):
    answer = assistant.ask(question)
    assert answer.abstained and named in answer.abstain_reason, answer.text


def test_a_bank_named_in_hiragana_is_a_name_and_borrowing_there_is_still_answered(assistant):
    from assistant.answer.question import unknown_institutions

    assert unknown_institutions("じゃあきらぼし銀行さんで使える？", lambda t: False) == ("きらぼし銀行",)
    assert unknown_institutions("うちの銀行でも使える？ふつう銀行は？", lambda t: False) == ()
    answer = assistant.ask("城南信金でも企業価値担保権で借りられる？")
    assert not answer.abstained, answer.abstain_reason


def test_an_amount_said_without_yen_and_taken_as_given_must_be_stated():
    from assistant.answer.premise import unsupported_premise

    passages = ["評価書の作成費用は1件あたり20万〜30万円前後"]
    assert unsupported_premise("評価書って100万くらい自腹なんでしょ？締め切りはいつ？", passages) == ["100万"]
    assert unsupported_premise("評価書って20万くらいなんでしょ？", passages) == []
    assert unsupported_premise("評価書って100万くらいかかる？", passages) == []  # asked, not given
    assert unsupported_premise("2.6万社なんでしょ？", passages) == []  # a count, not money


@pytest.mark.parametrize(
    "question",
    [
        "For Japanese corporate tax purposes, are the fees we pay to the trustee deductible as an expense?",
        "What is the registration license tax for registering an enterprise value charge?",
        "企業価値担保権の信託報酬って損金にできる？",
    ],
)
def test_how_something_is_taxed_is_refused_when_no_passage_speaks_of_tax(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_at_the_outset_is_no_first_and_the_very_first_loan_is_a_first(assistant):
    from assistant.answer.quantity import _says

    assert not _says("初の", "施行期日についての当初の定めは…")
    assert _says("初の", "国内初の融資が実行された")
    answer = assistant.ask(
        "Which bank closed the very first enterprise value charge loan after the law took effect, and how big was the facility?"
    )
    assert answer.abstained and not answer.citations, answer.text


def test_the_final_official_number_asks_a_result(assistant):
    answer = assistant.ask(
        "Did China's IP pledge financing for full-year 2024 actually end up above 1 trillion yuan? What was the final official number?"
    )
    assert answer.abstained and not answer.citations, answer.text  # the documents give an outlook only


@pytest.mark.parametrize(
    "question",
    ["企業価値なんとかってやつ、検討してた頃は別の名前だったってきいたけど何て名前？", "What was the enterprise value charge originally called?"],
)
def test_a_former_name_is_led_by_the_provisional_one(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained and "事業成長担保権" in answer.citations[0].quote, answer.text


def test_till_when_asks_for_the_deadline(assistant):
    answer = assistant.ask("till when could the public send comments on the FSA draft on valuing + provisioning EVC-backed loans?")
    assert not answer.abstained and "5月28日を期限に" in answer.citations[0].quote, answer.text


def test_a_default_or_non_performing_rate_needs_a_rate_of_losses(assistant):
    answer = assistant.ask("What is the default / non-performing rate on IP pledge loans in China? any official stat?")
    assert answer.abstained and not answer.citations, answer.text


def test_how_many_terms_of_accounts_is_no_count_of_conditions(assistant):
    from assistant.answer.evidence import figures

    assert ("2", "期") in figures("直近2期分の決算書").amounts and figures("期間は3年").amounts == ()
    answer = assistant.ask("経営者保証外してもらいたいんだけど、決算書って何期分出せば銀行は納得してくれる？")
    assert answer.abstained and not answer.citations, answer.text  # 「要件は3つ」 counts no terms


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("中国の知財質押融資について、2020年の特許・商標質押の融資総額はいくらでしたか。", "2180億元"),
        ("中国の知財証券化商品について、2024年6月末時点の累計発行本数と発行額を教えてください。", "151本"),
    ],
)
def test_a_total_or_a_count_of_what_was_issued_is_named_by_its_stem(assistant, question, quoted):
    # 融資総額 is met by 融資 and its 金額; 累計発行本数 by 発行 and its 151本
    answer = assistant.ask(question)
    assert not answer.abstained and quoted in answer.citations[0].quote, answer.text


def test_why_the_asker_asks_does_not_need_to_be_in_the_documents(assistant):
    from assistant.answer.parts import remark_sentences

    question = "2017年頃、知財ビジネス評価書1件あたりの作成費用として特許庁はどの程度を負担していましたか。稟議資料に記載したいので確認です。"
    assert remark_sentences(question) == "稟議資料に記載したいので確認です。"
    answer = assistant.ask(question)
    assert not answer.abstained and "約30万円" in answer.citations[0].quote, answer.text


def test_a_name_asked_of_a_programme_described_by_its_figures_asks_no_figure(assistant):
    answer = assistant.ask("中国で2021年に打ち出された、産業園区を単位に知財質押の件数・金額を3年間で伸ばす取組の通称は何でしたか。")
    assert not answer.abstained and "百園万企" in answer.citations[0].quote, answer.text


def test_when_opening_a_clause_asks_no_date(assistant):
    answer = assistant.ask("when a CGC pays the bank on the borrower's behalf, how much of that does JFC's credit insurance give back?")
    assert not answer.abstained and "70〜90%" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("does india have a govt program for patent backed loans like china does?", "india"),
        ("Is IP finance common in India?", "India"),
        ("台湾の銀行でも特許担保で借りられる？", "台湾"),
        ("What was Jiangsu province's patent and trademark pledge financing amount in 2022?", "Jiangsu"),
    ],
)
def test_a_place_no_document_speaks_of_is_refused_naming_it(assistant, question, named):
    answer = assistant.ask(question)
    assert answer.abstained and named in answer.abstain_reason, answer.abstain_reason


@pytest.mark.parametrize(
    ("question", "wrong"),
    [
        ("Why did the Cabinet Order set commencement at 1 April 2026 rather than later?", "2026-04"),
        ("企業価値担保権って2026年4月から始まってるらしいけど、もう借りられる？", "2026-04"),
        ("事業性融資の法律って2024年3月に成立したらしいけど、施行はいつ？", "2024-03"),
    ],
)
def test_a_wrong_month_of_a_right_year_taken_as_given_is_refused(assistant, question, wrong):
    answer = assistant.ask(question)
    assert answer.abstained and wrong in answer.abstain_reason, answer.abstain_reason


def test_the_right_month_taken_as_given_is_answered(assistant):
    for question in ("企業価値担保権って2026年5月から始まってるらしいけど、もう借りられる？", "Why did the Cabinet Order set commencement at 25 May 2026?"):
        answer = assistant.ask(question)
        assert not answer.abstained, (question, answer.abstain_reason)


def test_the_first_of_a_named_series_is_not_answered_by_its_second(assistant):
    answer = assistant.ask("When was WIPO's first IP Finance Dialogue held and what was its theme?")
    assert answer.abstained and not answer.citations, answer.text


def test_whether_a_year_crossed_a_mark_needs_the_year_result(assistant):
    answer = assistant.ask("did china actually cross 1 trillion yuan in ip pledge financing in 2024?")
    assert answer.abstained and not answer.citations, answer.text  # an outlook and a half-year figure only
    answer = assistant.ask("中国の知財質押融資って2021年に3000億元を超えたの？")
    assert not answer.abstained and "3098億元" in answer.citations[0].quote, answer.text


def test_enforcement_is_of_a_security_and_an_exact_percentage_wants_a_percent(assistant):
    answer = assistant.ask(
        "Once a lender petitions for the enforcement procedure under the enterprise value charge, how many days does the court have to decide whether to open it?"
    )
    assert answer.abstained and not answer.citations, answer.text  # 「2年6か月」 of the 施行 date is no such period
    answer = assistant.ask("when the court enforces, what exact percentage gets held back for unsecured creditors like suppliers?")
    assert answer.abstained and not answer.citations, answer.text  # 70万円 is no percentage


def test_an_article_abbreviated_art_is_an_article_not_a_name(assistant):
    answer = assistant.ask("What is the minimum amount of the unsecured-claims reserve under Art. 2 of the Enforcement Order?")
    assert not answer.abstained and "70万円" in answer.citations[0].quote, answer.text


def test_a_year_typed_in_hiragana_is_a_year():
    assert LEX.with_kanji_terms("2022ねんは？") == "2022年は？"
    assert LEX.with_kanji_terms("2025ねんどの4がつ1にち") == "2025年度の4月1日"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("一番最初に公開でやったとこどこ？", ["アメリカって特許のオークションやってる？"]),
        ("what share were small loans?", ["How much IP pledge financing did China register in the first half of 2024?"]),
    ],
)
def test_a_short_question_naming_only_the_kind_of_answer_is_a_follow_up(question, history):
    from assistant.retrieval.condense import condense, is_follow_up

    assert is_follow_up(question, LEX)
    assert condense(question, history, lexicon=LEX) != question


def test_closing_the_company_and_giving_up_the_home_reach_what_a_guarantor_may_keep(assistant):
    answer = assistant.ask("社長保証してて会社たたむことになったら自宅って手放さなきゃダメ？")
    assert not answer.abstained and "華美でない自宅" in answer.citations[0].quote, answer.text


def test_a_casual_need_asked_with_dakke_names_its_focus(assistant):
    answer = assistant.ask("企業価値担保権を設定するのって株主総会の特別決議いるんだっけ？")
    assert answer.abstained and "特別決議" in answer.abstain_reason, answer.abstain_reason


def test_an_everyday_word_is_no_unknown_name_and_wages_come_first(assistant):
    answer = assistant.ask("銀行向けに評価書の書き方のテンプレみたいなのって国が出してる？")
    assert not answer.abstained and "ひな形" in answer.citations[0].quote, answer.text
    answer = assistant.ask(
        "社員30人の食品加工やってます。企業価値担保権で借りてて万一つぶれたら、みんなの給料より銀行の取り分が先になっちゃうんでしょうか。"
    )
    assert not answer.abstained and "先立って" in answer.citations[0].quote, answer.text


def test_the_askers_own_case_with_next_year_is_context(assistant):
    answer = assistant.ask("来年おやじの会社つぐんですが連帯保証人にはなりたくなくて…銀行に保証なしで貸してもらうには会社側でなにを整えとけばいいですか")
    assert not answer.abstained and "財務基盤" in answer.citations[0].quote, answer.text
    answer = assistant.ask("企業価値担保権って来年から始まるんですが、補助金は増える？")
    assert answer.abstained, answer.text  # a scheme starting next year is no case of the asker's


def test_an_english_pronoun_follow_up_keeps_the_earlier_place(assistant):
    from assistant.retrieval.condense import condense

    history = ["What is China's national standard for patent valuation?"]
    assert "China" in condense("when did it actually come into force?", history, lexicon=LEX)
    answer = assistant.ask("when did it actually come into force?", history=history)
    assert not answer.abstained and "2023年9月1日" in answer.citations[0].quote, answer.text


def test_which_countries_is_led_by_the_sentence_naming_them(assistant):
    answer = assistant.ask("Which countries shared their experience when WIPO kicked off its Unlocking IP-backed Financing series in 2022?")
    assert not answer.abstained and "ジャマイカ" in answer.citations[0].quote, answer.text


def test_why_copyrights_differ_is_led_by_what_they_are_treated_by(assistant):
    answer = assistant.ask(
        "In the US, why can't a lender just file a UCC-1 to perfect a lien on registered copyrights the way it does for patents?"
    )
    assert not answer.abstained and "先占" in answer.citations[0].quote, answer.text


def test_two_things_compared_must_each_be_named(assistant):
    answer = assistant.ask("責任共有制度の部分保証方式と負担金方式、当行としてどちらを選ぶべきか判断したいので、両者の違いを教えてください。")
    assert answer.abstained and "部分保証方式" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("ABLと知財担保融資の違いを教えて")
    assert not answer.abstained, answer.abstain_reason


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        # 「実際につかえる」 says when, not a claim about 実際
        (
            "うち従業員15人の金属加工やってて、土地建物はもう銀行に入ってる。会社まるごと担保にできる新しい制度があるって聞いたんだけど、これっていつから実際につかえるの?",
            "5月25日",
        ),
        # 「2023年の1年間で」 is when, not what of
        ("中国は特許担保の融資がめちゃくちゃ伸びてるって聞いた。2023年の1年間でどのくらい貸してるの?", "8539.9億元"),
        # 「期限付きだったっけ」 asks whether it was limited in time
        ("知財金融促進事業ってまだやってる?期限付きだったっけ", "4年間に限った"),
    ],
)
def test_casual_owner_questions_a_passage_answers_are_answered(assistant, question, quoted):
    answer = assistant.ask(question)
    assert not answer.abstained and quoted in answer.citations[0].quote, answer.text


def test_asking_which_company_an_example_was_is_answered(assistant):
    answer = assistant.ask("アメリカって特許とかを担保にした融資が焦げ付いたとき保険でカバーした例あるんでしょ?どこの会社の話?")
    assert not answer.abstained and any("Aon" in c.quote for c in answer.citations), answer.text


def test_the_askers_main_bank_is_a_lender_not_the_charge_holder(assistant):
    answer = assistant.ask("企業価値担保権って、うちのメインバンクがそのまま担保権者になるんだよね?")
    assert not answer.abstained and "信託会社等に限られる" in answer.citations[0].quote, answer.text


def test_is_my_understanding_right_wraps_the_claim_it_asks_about(assistant):
    question = "それらのいずれかを必ず採用しなければならない、という理解でよろしいでしょうか。"
    assert LEX.unwrap(question) == "それらのいずれかを必ず採用しなければならない"
    history = ["企業価値担保権付き融資の引当について、金融庁のペーパーではどのような算定方法が例示されていますか。"]
    answer = assistant.ask(question, history=history)
    assert not answer.abstained and "義務はなく" in answer.citations[0].quote, answer.text


def test_how_many_people_came_counts_people(assistant):
    answer = assistant.ask(
        "How many people came to the IP finance forum the JPO and FSA ran in March 2018, and how many of them were from banks?"
    )
    assert not answer.abstained and "252人" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("創業したてで使う保証もその割合なん？", ["保証協会つけたら銀行は何割リスク負うの？"]),
        ("創業の時の保証とかセーフティネット保証もその割合?", ["協会保証つきで借りてて、もし飛んだら協会が全部肩代わり?銀行は痛くないの?"]),
    ],
)
def test_whether_a_share_applies_too_is_led_by_what_it_leaves_out(assistant, question, history):
    assert LEX.intents_of(question)[0] == "applies"
    answer = assistant.ask(question, history=history)
    assert not answer.abstained and "対象外" in answer.citations[0].quote, answer.text


def test_the_chair_of_one_body_is_no_chair_of_another(assistant):
    answer = assistant.ask("Who chaired the FSA study group on lending and business restructuring practices that started in 2020?")
    assert answer.abstained and not answer.citations, answer.text  # 神田 chaired the WG, not the 研究会
    answer = assistant.ask("Who chaired the study group behind Version 2.0 of the IP governance guidelines?")
    assert not answer.abstained and "加賀谷" in answer.citations[0].quote, answer.text
    answer = assistant.ask("who chaired the WG?")
    assert not answer.abstained and "神田" in answer.citations[0].quote, answer.text


def test_the_date_a_cited_source_was_published_is_no_year_of_the_figure(assistant):
    from assistant.answer.evidence import requested_figure

    sentence = "損失を政府:銀行:保険会社:評価会社=44:36:16:4で分担する。出典はJETRO北京事務所(2025年4月)「中国の知的財産概況」。"
    assert not requested_figure("2025年はどんくらい？", LEX).met_by(sentence)
    # a date in brackets that cites no title is the figure's own date
    assert requested_figure("2025年の割合は？", LEX).met_by("広東省の分担は44:36:16:4である(2025年4月)。")
    answer = assistant.ask("じゃあ2025年は？", history=["中国の知財担保融資って2024年の1〜9月でどれくらい？"])
    assert answer.abstained and not answer.citations, answer.text


def test_a_follow_up_asks_the_quantity_it_names_whatever_the_earlier_question_asked(assistant):
    # The condensed text opens with the earlier "who"; the follow-up asks for a premium, which
    # no document gives (the loan's size is no premium).
    answer = assistant.ask("and what did the insurance cost them?", history=["Who arranged the first insurance policy for an IP-backed loan in the US?"])
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("how much was the premium on that one?", history=["Who arranged the first insurance policy for an IP-backed loan in the US?"])
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("and how much did the borrower take?", history=["Who arranged the first insurance policy for an IP-backed loan in the US?"])
    assert not answer.abstained and "1億ドル" in answer.citations[0].quote, answer.text


def test_an_english_follow_up_with_no_subject_of_its_own_keeps_the_earlier_place_and_topic(assistant):
    answer = assistant.ask("how many products had been issued by the end of June 2024?", history=["Is IP securitisation a thing in China?"])
    assert not answer.abstained and "151本" in answer.citations[0].quote, answer.text
    answer = assistant.ask("and the year before?", history=["How much IP-backed lending was there in China in 2024?"])
    assert not answer.abstained and "8539.9億元" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    ["企業価値担保権の担保権者になれるのは、どういった者でしょうか。", "企業価値担保権信託会社には、どのような主体がなれるのでしょうか。"],
)
def test_what_kind_of_party_may_be_one_is_a_who_question_led_by_that_party(assistant, question):
    """「どういった者」「どのような主体」 ask who may be the party named (the charge's holder),
    not what kind of company may grant the charge (株式会社または持分会社)."""
    assert LEX.intents_of(question)[0] == "who"
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert "担保権者" in answer.citations[0].quote or "信託会社" in answer.citations[0].quote, answer.text
    assert "持分会社" not in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question", ["企業価値担保権信託会社って、どこが免許を取ったの？", "支援機関はもうどこが認定されたんですか？"]
)
def test_which_bodies_were_licensed_is_answered_only_by_their_names(assistant, question):
    # the documents say who may be licensed or accredited, never who was
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_a_system_introduced_on_a_date_started_then(assistant):
    answer = assistant.ask("責任共有制度っていつから始まったんですか？")
    assert not answer.abstained and "2007年10月" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize("question", ["保証なしで借りるための要件って何個あるの？", "評価書の評価項目っていくつある？"])
def test_how_many_asked_with_a_counter_word_is_no_definition(question):
    # 「って何個」 asks how many, not what something is (「って何」)
    assert LEX.intents_of(question)[0] == "howmuch"


def test_how_many_requirements_is_led_by_the_count(assistant):
    answer = assistant.ask("保証なしで借りるための要件って何個あるの？")
    assert not answer.abstained and "3つ" in answer.citations[0].quote, answer.text


def test_a_venture_debt_fund_is_a_venture_fund_while_venture_debt_stays_foreign(assistant):
    answer = assistant.ask("Can a venture debt fund, rather than a bank, be the lender under Japan's EVC?")
    assert not answer.abstained and "ベンチャーファンド" in answer.citations[0].quote, answer.text
    answer = assistant.ask("Does Japan also have venture debt?")
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    "history",
    [["How much did IP pledge lending in China reach in the first half of 2024?"], ["How much IP pledge financing did China do in the first half of 2024?"]],
)
def test_a_follow_up_naming_its_own_subject_is_answered_about_it_not_the_words_it_shares(assistant, history):
    # IP is said in both; securitisation is what the follow-up asks the count of
    answer = assistant.ask("How many IP securitisation products had been issued by then?", history=history)
    assert not answer.abstained and "証券化" in answer.citations[0].quote, answer.text


def test_how_much_a_figure_reached_is_no_question_whether_it_crossed_a_mark():
    from assistant.answer.quantity import _FULL_YEAR

    assert not _FULL_YEAR.search("How much did IP pledge lending in China reach in the first half of 2024?")
    for question in ("did china actually cross 1 trillion yuan in 2024?", "Has lending topped 1 trillion yuan in 2024?", "Did lending top a trillion yuan in 2024?"):
        assert _FULL_YEAR.search(question), question


@pytest.mark.parametrize(
    "question",
    ["In the US, what's the standard way for a lender to take security over a company's patents?", "What is best practice in the US for perfecting a lien on trademarks?"],
)
def test_the_usual_way_of_doing_something_is_led_by_the_practice(assistant, question):
    # "standard way" and "best practice" are searched as 実務上 / ベストプラクティス: the UCC-1 and
    # USPTO filing, not the general statement that patents follow the UCC framework
    answer = assistant.ask(question)
    assert not answer.abstained and "UCC-1" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    ["企業価値担保権の担保権者となる企業価値担保権信託会社には、どのような主体がなれるのでしょうか。", "企業価値担保権の担保権者になる信託会社って、どういう会社がなれるんですか？"],
)
def test_who_may_become_a_party_is_led_by_the_sentence_saying_who_can(assistant, question):
    # (not by the sentence on the parties' roles, which names the trust company too)
    answer = assistant.ask(question)
    assert not answer.abstained and "になれるのは" in answer.citations[0].quote, answer.text


def test_asking_who_may_become_something_is_told_from_other_can_be_questions():
    from assistant.answer.extractive import _ASKS_BECOME, _SAYS_BECOME

    assert _ASKS_BECOME.search("Who can be the trustee of the charge?")
    assert not _ASKS_BECOME.search("Can the charge be registered online?")
    assert _SAYS_BECOME.search("個人事業主などは企業価値担保権の設定者になれない")


def test_a_country_by_its_everyday_name_is_a_place(assistant):
    # イギリス is 英国: a question on its IP-backed lending is refused naming it
    answer = assistant.ask("イギリスって知財を担保にした融資に国の保証があるの？")
    assert answer.abstained and not answer.citations, answer.text


def test_a_successor_programme_is_found_by_its_english_words(assistant):
    answer = assistant.ask("Which successor programme did the JPO launch in fiscal 2019?")
    assert not answer.abstained and "後継" in answer.citations[0].quote, answer.text


def test_a_pronoun_after_a_scheme_named_with_its_body_stands_for_the_scheme(assistant):
    answer = assistant.ask("それっていつから始まったの？", history=["信用保証協会の責任共有制度ってなに？銀行も損かぶるってほんと？"])
    assert not answer.abstained and "2007年10月" in answer.citations[0].quote, answer.text


def test_a_source_cited_with_its_date_gives_no_year_of_a_figure():
    sentence = "デロイトの解説記事はJETRO(2025年4月)を引いて、広東省の損失の分担を44:36:16:4としている。"
    assert not requested_figure("2025年はどんくらい？", LEX).met_by(sentence)


@pytest.mark.parametrize(
    "question", ["How much does the court-appointed administrator get paid in an enforcement?", "管財人の報酬って、だいたいいくら？"]
)
def test_what_a_party_is_paid_is_answered_only_by_its_pay(assistant, question):
    # a reserve's minimum (70万円) is nobody's pay
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_what_one_pays_for_something_is_no_question_of_anyones_pay():
    assert not any(q.nouns == ("報酬", "給与", "手当") for q in LEX.quantities_in("How much do we pay for the evaluation report?"))
    assert any(q.nouns == ("報酬", "給与", "手当") for q in LEX.quantities_in("How much is the administrator paid?"))


@pytest.mark.parametrize("question", ["企業価値担保権って、お金を貸す側に縛りってあるの？", "企業価値担保権では貸し手の側に何か制約はありますか。"])
def test_limits_in_other_words_are_searched_as_restrictions(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained and "制限" in answer.citations[0].quote, answer.text


def test_whether_wages_come_first_asks_no_amount_of_pay(assistant):
    answer = assistant.ask("担保が実行されたら、社員の給与って銀行への返済より後回しにされちゃうんですか？")
    assert not answer.abstained and "賃金" in answer.citations[0].quote, answer.text


def test_a_follow_up_naming_something_new_is_led_by_a_close_unit_naming_it(assistant):
    # the definition of 知財金融 (the earlier topic) scored a little higher, naming no megabank
    answer = assistant.ask("メガバンクも入ってたん？", history=["特許庁の知財金融のやつ、お試しでやった最初の年って何件採択されたの？"])
    assert not answer.abstained and "メガバンク" in answer.citations[0].quote, answer.text


def test_a_plan_named_after_a_question_word_is_how_the_date_is_asked(assistant):
    # 予定 (rarer than the programme's words) outweighed 知財金融促進事業 and the unit was refused
    answer = assistant.ask("それっていつまでの予定だったの？", history=["特許庁が銀行向けにやってた知財金融促進事業ってなに？"])
    assert not answer.abstained and "2018年度" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    ["常陽とかって、企業価値担保権の融資もうやってんの？", "地銀で企業価値担保権の融資をもう扱い始めたところってどこ？"],
)
def test_what_a_bank_already_does_with_the_charge_is_refused_without_a_passage_naming_it(assistant, question):
    # 「やってんの」 is 「やっているの」; 「始めたところってどこ」 asks for names
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_a_follow_up_naming_another_version_is_led_by_that_version(assistant):
    answer = assistant.ask("and version 2.0?", history=["When was the first version of the IP and intangible assets governance guidelines released?"])
    assert not answer.abstained and "Ver.2.0" in answer.citations[0].quote, answer.text


def test_versions_are_read_alike_however_written():
    from assistant.answer.quantity import versions

    assert versions("Ver.2.0とversion 2、バージョン1.5") == {"2", "1.5"}
    assert Refusals.unstated_references("Ver.2.0の座長は？", ["Ver.2.0は2023年3月27日に策定された。"]) == []


def test_a_follow_up_on_the_report_written_with_toogai_reads_the_earlier_topic(assistant):
    # 当該 (bank Japanese for その) marks a follow-up: the report is the WG's
    answer = assistant.ask(
        "当該報告書では、新たな担保制度はどのような名称で整理されていましたか。",
        history=["金融審議会の事業性融資WGの報告書はいつ付けで公表されましたか。"],
    )
    assert "事業性融資" in answer.condensed_query
    assert not answer.abstained and "事業成長担保権" in answer.citations[0].quote, answer.text


def test_how_many_ways_is_a_count_question(assistant):
    # 「何通り」 is no number of copies (何通): the three methods the FSA listed answer it
    assert requested_figure("引当方法は何通り例示されている？", LEX).units == frozenset({"count"})
    assert requested_figure("何通いる？", LEX).units == frozenset({"期", "通"})
    answer = assistant.ask(
        "当該ペーパーで例示されている引当方法は何通りか。",
        history=["金融庁の企業価値担保権付き融資の評価・引当に関する考え方、確定版の公表日はいつですか。"],
    )
    assert not answer.abstained and "3つ" in answer.citations[0].quote, answer.text
    assert answer.intent == "howmuch"


def test_who_may_hold_the_charge_is_not_answered_by_who_may_not_grant_it(assistant):
    # 「設定者になれない」 says who may not grant the charge; the holder (担保権者) is the trust company
    answer = assistant.ask("企業価値担保権の担保権者となり得るのはどのような者でしょうか。当行が直接担保権者となることは可能ですか。")
    assert not answer.abstained and "信託会社" in answer.citations[0].quote, answer.text
    from assistant.answer.extractive import _same_role

    assert not _same_role("担保権者", "個人事業主などは企業価値担保権の設定者になれない")
    assert _same_role("信託会社", "企業価値担保権信託会社になれるのは、…に限られる")


def test_who_brokered_a_deal_is_who_arranged_it(assistant):
    answer = assistant.ask(
        "Who brokered the first insurance-backed IP loan deal for Indigo Ag back in 2020, and which insurer led the underwriting group?"
    )
    assert not answer.abstained and "Aon" in answer.citations[0].quote, answer.text


def test_a_follow_up_naming_another_city_is_led_by_that_city(assistant):
    answer = assistant.ask(
        "and zhuhai?", history=["In Guangdong, how does Zhongshan split losses between the risk fund, bank, insurer and appraiser?"]
    )
    assert not answer.abstained and "珠海" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "What loan-to-value ratio do US venture debt lenders typically apply to patents taken as collateral?",
        "特許を担保にするときの掛目って何割くらい？",
        # the size of Shenzhen's fund is no share of the losses
        "What share of losses does the risk compensation fund bear under Shenzhen's IP pledge financing model?",
        # January to November is no figure for December alone
        "How much IP pledge financing did Guangdong register in December 2024 alone?",
        # 評価書's 60件 is no count of 提案書
        "2019年度の後継事業で作成された知財ビジネス提案書は何件でしたか。",
    ],
)
def test_a_figure_of_another_kind_period_or_thing_does_not_answer(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_months_asked_and_months_spanned_are_read():
    from assistant.answer.quantity import asked_months, month_spans

    assert asked_months("How much did Guangdong register in December 2024 alone?") == {12}
    assert asked_months("2024年12月だけでいくら？") == {12}
    assert asked_months("2024年6月末までに何本？") == set()  # a part of a year, not a month
    assert month_spans("2024年1〜11月が2761億元") == [(1, 11)]


def test_a_short_fragment_before_a_request_stays_with_it():
    from assistant.answer.parts import question_parts

    assert question_parts("事業性融資推進法の法令番号、令和6年法律第何号でしたっけ。公布日もあわせて確認したいです。") == [
        "事業性融資推進法の法令番号、令和6年法律第何号でしたっけ。",
        "公布日も確認したいです。",
    ]


def test_conditions_one_must_meet_are_requirements(assistant):
    answer = assistant.ask(
        "で、保証はずしてもらうための条件って何個あるの？", history=["社長の個人保証なしで借りれるようにするガイドラインって、いつからあるんだっけ？"]
    )
    assert not answer.abstained and "要件は3つ" in answer.citations[0].quote, answer.text
    # a compound keeps its own words: 労働条件 is not matched as 要件
    from assistant.answer.evidence import term_groups

    labour = [g for g in term_groups("社員の労働条件は変わる？", lambda t: 1.0, LEX) if g.term == "労働条件"]
    assert labour and not any("要件" in alt for g in labour for alt in g.alternatives)


def test_who_pays_is_led_by_who_does_not_by_who_does_not_pay(assistant):
    answer = assistant.ask("で、それって誰が払ってんの？うち？", history=["知財ビジネス評価書って作るのにぶっちゃけ1件いくらぐらいかかってんの？"])
    assert not answer.abstained and "特許庁" in answer.citations[0].quote, answer.text
    from assistant.answer.evidence import TermGroup
    from assistant.answer.extractive import _only_negated

    pay = [TermGroup("払う", (("払う",), ("負担",)), 1.0, predicate=True)]
    assert _only_negated(pay, "金融機関は費用を負担せずに受け取れる。")
    assert not _only_negated(pay, "特許庁が費用を全額負担した。")


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        # a span of the year (1年間) is when, not what the figure is of
        ("中国って知財担保の融資どんくらいやってんの？2023年の1年間の額知りたい", [], "8539.9億元"),
        # a standard's number is no count of anything
        ("What's the national standard number of China's patent evaluation guidelines?", [], "GB/T 42748-2023"),
        # 「何対何」 asks for a split
        ("珠海って知財融資で損したとき、銀行と基金で何対何で負担するの？", [], "60%"),
        # "the year after that" is the year after the one asked before
        ("and the year after that?", ["What was China's total IP pledge financing amount in 2021?"], "4868.8億元"),
        # "start applying" is 適用, not the day the guidelines were published
        ("when did japan's guidelines on business owner personal guarantees actually start applying?", [], "2014年2月1日"),
        # 70〜90% is a share, no count of corporations
        ("how many of those guarantee corporations are there nationwide?", ["How does risk sharing between credit guarantee corporations and banks work in Japan?"], "51"),
    ],
)
def test_figures_asked_in_other_words_are_led_by_the_sentence_stating_them(assistant, question, history, said):
    answer = assistant.ask(question, history=history)
    assert not answer.abstained and said in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "深圳って知財融資で損したとき、銀行と基金で何対何で負担するの？",  # the fund's size is no split
        "2024年に開催された知財金融フォーラムの参加者数と、そのうち金融機関職員の人数を教えてください。",  # 2018's forum
    ],
)
def test_a_split_or_a_headcount_of_another_place_or_year_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_the_first_end_of_a_range_is_no_count():
    assert not requested_figure("how many corporations are there?", LEX).met_by("代位弁済額の70〜90%を保険金として受け取る。")
    assert requested_figure("how many corporations are there?", LEX).met_by("全国51の協会が担っている。")


@pytest.mark.parametrize(
    "question",
    [
        "みずほ銀行ってもう企業価値担保権つかった融資商品だしてる？商品名とか知りたい",
        "りそな銀行は企業価値担保権の融資を扱っていますか。",
        "Does Mizuho Bank offer enterprise value charge loans yet?",
    ],
)
def test_what_a_named_bank_does_with_a_scheme_needs_a_passage_naming_both(assistant, question):
    # みずほ and りそな are named only for the 2014 evaluation-report trial
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    assert "企業価値担保権" in answer.abstain_reason, answer.abstain_reason


def test_whether_one_may_borrow_at_a_named_bank_is_answered_by_the_rules(assistant):
    answer = assistant.ask("みずほ銀行で企業価値担保権の融資を受けられる？")
    assert not answer.abstained, answer.text


def test_banks_are_named_in_kanji_hiragana_and_english():
    from assistant.answer.question import named_institutions

    assert named_institutions("取引先のみずほ銀行が") == [("みずほ銀行", "みずほ")]
    assert named_institutions("Does Mizuho Bank offer it?") == [("Mizuho Bank", "Mizuho")]
    assert named_institutions("地方銀行やうちの銀行は") == []


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        # 正式名称 is how a name is asked, not a thing the passages must call so
        ("知財金融促進事業の後継として2019年度に創設された特許庁事業の正式名称を教えてください。", [], "中小企業知財経営支援金融機能活用促進事業"),
        # "run the business normally" is 通常の事業活動; "everything" names nothing
        ("If a company grants an enterprise value charge, can it still sell its inventory and run the business normally, or does everything get frozen?", [], "処分"),
        # "the next year" in a follow-up is the year after the one asked before, not 2027
        ("and how many reports were they planning to support the next year?", ["In the JPO's FY2014 pilot of its IP finance program, how many financial institutions got selected for the valuation report support?"], "120件"),
        # a guideline started to apply (適用), not the law's 施行
        ("社長の個人保証なしで借りれるようにするガイドラインってあるじゃん、あれいつから始まったの？", [], "2014年2月1日"),
        # 今まで asks the total to date, not one year's
        ("知財の評価書って今までどれくらいの数の金融機関が使ってるん？", [], "累計"),
        # the question is close to one the unit answers: its words say what the figure is of
        ("その時、取引先とか従業員向けに残しとくお金って最低いくらって決まってるの？", ["もし返せなくなって担保実行されたら、うちの会社って機械とか特許とかバラ売りされちゃうの？"], "70万円"),
        # a filing to perfect is 提出 (UCC-1), and the standard's number is no count
        ("whats the filing you need in the US to perfect a lien on patents? ucc something?", [], "UCC-1"),
        ("What is the number of China's national standard for patent valuation (专利评估指引), and when did it take effect?", [], "GB/T 42748-2023"),
    ],
)
def test_questions_in_users_words_are_led_by_the_sentence_answering_them(assistant, question, history, said):
    answer = assistant.ask(question, history=history)
    assert not answer.abstained and said in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the loss-sharing ratio between the bank and the risk compensation fund for IP pledge loans in Shenzhen?",
        "企業価値担保権信託会社に支払う信託報酬の水準は、実務上どの程度と想定されていますか。",
    ],
)
def test_a_ratio_or_a_fee_level_no_passage_states_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        # 限定 is said 限られる
        ("企業価値担保権の担保権者となれる者の範囲は、法律上どのように限定されていますか。", [], "限られる"),
        # 「国会通った」 (without で) is the bill's passing
        ("で、その法律自体はいつ国会通ったんだっけ？", ["企業価値担保権っていつから実際に使えるようになるの？"], "成立"),
    ],
)
def test_limits_and_passing_in_other_words(assistant, question, history, said):
    answer = assistant.ask(question, history=history)
    assert not answer.abstained and said in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # a nine-month figure with an outlook for the year is no full-year result
        "What was China's total IP pledge financing amount for the full year 2024?",
        "企業価値担保権信託会社に支払う信託報酬の一般的な水準(年率)を教えてください。",
    ],
)
def test_a_full_year_result_or_a_fee_level_no_passage_states_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_when_the_answer_to_an_earlier_figure_question_began(assistant):
    answer = assistant.ask("それっていつからそうなったの？", history=["信用保証協会つきの融資ってさ、銀行側も一部リスク持つんだっけ？何割くらい？"])
    assert not answer.abstained and "2007年10月" in answer.citations[0].quote, answer.text


#: Questions written after blind probe rounds 30-34 (our own wording, not the probe items),
#: each led by the sentence that answers it: (question, history, words of that sentence).
_LED_BY_THEIR_ANSWER = [
    # ---- round 30
    # a group of insurers is led by a firm, not a person
    ("Who led the group of insurers behind Aon's first IP loan insurance deal?", [], "Markel"),
    # a name typed in lower case is still a name the passages write only abroad
    ("who was the borrower in aon's first deal insuring an IP-backed loan?", [], "Indigo Ag"),
    # a standard's number is asked as a number, whatever the sentence calls it
    ("中国の特許評価の国家標準、規格番号と施行日は？", [], "GB/T 42748-2023"),
    # banks counted in 社 are counted by the documents in 機関 (「18の金融機関」)
    ("特許庁が2014年度に評価書の支援を試したとき、銀行や信金は何社選ばれた？", [], "18の金融機関"),
    # the axes of a valuation are its 指標
    ("中国の特許評価の基準って、評価の軸はいくつあるの？", [], "3つの一級指標"),
    # the kind of figure typed is asked: a split, though the earlier question counted
    (
    "and how is the risk split between them and the bank under the responsibility-sharing system?",
    ["How many credit guarantee corporations are there in Japan?"],
    "80%",
    ),
    # 「どんな条件…ばいいの」 asks what, not whether
    ("経営者保証なしで借りるには、どんな条件を満たせばいいの？", [], "要件は3つ"),
    # a unit on trademarks does not lead for patents; the filing asked for is 提出
    ("How does a lender perfect a security interest in a startup's patents in the US?", [], "ベストプラクティス"),
    ("What is the standard filing to perfect a lien on a company's patents in the US?", [], "UCC-1"),
    # ---- round 31
    # what came besides the report is said by 「評価書に加えて…」
    ("知財ビジネス評価書のほかに、2019年度から新しく加わったものって何？", [], "知財ビジネス提案書"),
    # a year typed in a follow-up is when, not a new subject the lead must name
    ("2019年以降、評価書以外に何かできたの？", ["知財ビジネス評価書って誰がお金出すの？"], "知財ビジネス提案書"),
    # 「やった年」 is when the count is asked for, not what it counts
    ("それ、試しにやった最初の年は何件選ばれたの？", ["特許庁の知財ビジネス評価書ってなに？"], "37件"),
    # a bare follow-up after a question asking who: それ is that answer
    ("それっていつの話？", ["特許のライブオークションを世界で初めてやったのってどこ？"], "2006年"),
    ("その仕組みはいつから？", ["保証協会の保証付き融資って、焦げ付いたら銀行も何割か負担するの？"], "2007年10月"),
    # a point in time said in words answers when the charge takes effect
    ("When does an enterprise value charge take effect - when the trust agreement is signed?", [], "登記した時点"),
    # who acts under the scheme named is said of that scheme
    ("Under the enterprise value charge, who holds the security interest - the bank?", [], "信託"),
    # the article a rule stands on is given by the sentence citing it
    ("企業価値担保権の実行で財産を換価するときの原則の方法と根拠条文を教えてください。", [], "法157条"),
    # a document's date (「…付」) answers when it was dated
    ("金融審議会のワーキング・グループの報告書は何日付ですか。", [], "2023年2月10日"),
    # what is asked for (一級指標), not what it is of (the standard's number and date)
    ("中国の専利評価指引における一級指標の区分を教えてください。", [], "一級指標"),
    # what a body 出した is what it published
    ("国が評価書のひな形を出したのっていつ？", [], "2022年"),
    # ---- round 32
    # 使える asked of a scheme is eligibility, not using property (使用)
    ("個人でやってる店なんだけど、会社をまるごと担保にする新しい仕組みって使えたりする？", [], "個人事業主"),
    # the filing asked for by name leads, not the article it is made under
    ("What's the usual filing a lender makes in the borrower's state to perfect a lien on patents in the US?", [], "UCC-1"),
    ("Under UCC Article 9, what is the main filing made in the debtor's state for a lien on US patents?", [], "UCC-1"),
    # 国会 is how the passing is said: the bill's submission to it does not lead
    ("で、国会で通ったのはいつ？", ["企業価値担保権はいつから使える？"], "2024年6月7日"),
    # 第何号 asks the law's number
    ("事業性融資推進法って法律第何号？", [], "第52号"),
    # the FSA's 2020 study group is no working group
    ("And what date is the working group's report?", ["Who chaired the FSA working group on business-viability lending?"], "2023年2月10日"),
    # なんわり is 何割
    ("責任共有制度だと銀行はなんわり持つの？", [], "20%"),
    # 「ではなく」 answers "is it when …?"
    ("Does an enterprise value charge take effect once the trust agreement is signed?", [], "登記した時点"),
    # what happens once the charge is enforced
    ("担保を実行されたら、機械や特許はバラバラに売られるの？", [], "事業譲渡"),
    # an event of the earlier topic whose date is asked
    ("適用開始はいつ？", ["経営者保証ガイドラインの公表日は？"], "2014年2月1日"),
    # a place in a list answers whether the survey covered it
    ("特許庁の海外の知財評価の調査に韓国は含まれてた？", [], "韓国"),
    # ---- round 33
    # the law's own number, not the Cabinet Order's (第242号); 令和何年 there is no "when"
    ("この法律の法律番号(令和何年法律第何号)を教えてください。", [], "法律第52号"),
    # a name asked for before is no topic: 「それって何年の何号の法律？」 is about the law
    ("それって何年の何号の法律？", ["会社をまるごと担保にできる法律の正式名は？"], "第52号"),
    # 挙げてください asks for the 一級指標 as 教えてください does
    ("専利評価指引(GB/T 42748-2023)の一級指標を挙げてください。", [], "一級指標"),
    # 別の呼び方 is a former name
    ("企業価値担保権って、できる前は別の呼び方だった？", [], "事業成長担保権"),
    # the other of two alternatives asked is not the clause asked
    ("Can an ordinary lender be the holder of the charge itself, or must someone else hold it?", [], "信託会社"),
    # the date of the paper asked about is not the year of the figure
    ("How many provisioning approaches does the FSA's July 2025 paper give as examples?", [], "3つ"),
    # ツール names no thing of its own
    ("評価書に加えて2019年度に新設されたツールの名称を教えてください。", [], "知財ビジネス提案書"),
    # ---- round 34
    # who may become the holder is asked in any form, and the lead says who may
    ("企業価値担保権の担保権者になることができるのは誰か、どのように限られていますか。", [], "信託会社"),
    # それ after a yes/no question on what one heard is the fact heard
    ("それっていつからなの？", ["保証協会付きの融資でも銀行が一部リスクを負うって本当？"], "2007年10月"),
    # two counts asked together: the first counts institutions, not "institutions and how many"
    ("In the FY2014 trial, how many banks and how many cases were picked for report support?", [], "37件"),
    # ---- round 35
    # 「…を確認したい」 says how it is asked: 確認 is no claim the passages must make
    ("企業価値担保権の担保権者になれる主体を確認したい。銀行が直接なれるのか、信託を介するのか。", [], "信託会社"),
    # アクセラ is the short form of アクセラレーション (everyday vocabulary)
    ("特許庁のスタートアップ向けアクセラって、最初の2年で何社支援したの？", [], "25社"),
    # 国会(を)通った dates the passing (成立), not the bill's submission to the Diet
    ("その法律っていつ国会通ったんだっけ？", ["会社の事業ぜんぶを担保にできる法律の名前は？"], "6月7日"),
    # ---- round 36
    # 適用開始日 is said by 適用された; スタートアップ is no スタート
    ("「経営者保証に関するガイドライン」の適用開始日はいつでしたか。", [], "2014年2月1日"),
    # a lead on the province gives way to one on the city asked
    ("中国の広東の中山市って、知財の融資が焦げ付いたときの損失の分け方どうなってんの？", [], "54:26:16:4"),
    # 令和何年法律第何号 asks a number, not a date
    ("事業性融資推進法の法律番号を確認させてください。稟議資料に記載したいので、令和何年法律第何号かお願いします。", [], "第52号"),
    # "the security interest" is no interest rate asked
    ("Under Japan's enterprise value charge, can the lending bank itself hold the security interest, or must it go through someone else?", [], "信託会社"),
    # "… dated when?" asks when, whatever the earlier question asked
    ("and its report was dated when?", ["who chaired the FSA working group behind the business growth charge?"], "2023年2月10日"),
    # "same deal for …?" asks the earlier question of another thing
    ("same deal for registered copyrights?", ["In the US, how does a lender perfect a security interest in patents?"], "Peregrine"),
    # a guarantee outside the rule: its exclusion leads, not the rule's split
    ("責任共有制度のもとで、創業関連保証を利用した場合の金融機関側の負担割合は何％になりますか。", [], "対象外"),
    # ---- round 37
    # where a report comes from is not what is asked; "Is that right?" asks whether it holds
    ("A Japanese report says Guangdong splits IP loan losses 44:36:16:4. Is that right?", [], "44:36:16:4"),
    # "percentage wise" asks a share; "actually" ends what is counted
    ("in the US how many secured business loans actually used patents as collateral? percentage wise", [], "約4%"),
    # ---- round 38
    # a list of a glossary kind asked for ("the three first-level indicators") is led by the
    # sentence naming them, not by the standard's definition
    ("In China's national patent evaluation standard, what are the three first-level indicators?", [], "一級指標"),
    # ---- round 39
    # how much the bank bears (かぶる) asks a share; a remark naming the scheme is part of the question
    ("信用保証協会の保証付きで借りて返せなくなったら、銀行はどのくらいかぶるんですか？責任共有っていうやつ", [], "20%"),
    # …and who bears how much is answered by a ratio too
    ("中山市だと、知財融資が焦げ付いたら誰がどのくらい負担するの？", [], "54:26:16:4"),
    # 「それ」 points back at what was asked: the split, dated 2007, not the system's founding
    ("それはいつから始まったんですか？", ["保証協会つきの融資って、協会と銀行でどれくらいの割合で損失を持つの？"], "2007年"),
    # a when-question about all of a name (提案書): the unit naming all of it, not one on 評価書
    ("知財ビジネス提案書って、いつ頃できたものなの？", [], "2019年度"),
    # "what's the usual way …" asks how it is done: the filing (UCC-1), not a contrast of regimes
    ("In the US, what's the normal way for a bank to perfect its security interest in a company's trademarks?", [], "UCC-1"),
    # ---- round 40
    # 「それ」 after a share asked with its noun (「どんな割合で」) carries that question whole
    ("じゃあそれっていつからなの？", ["保証協会つけて借りると、協会と銀行はどんな割合でリスクを持つの？"], "2007年"),
    # what describes the thing (タダで…作ってくれるやつ) is no fee asked: the count is
    ("特許庁がタダで評価書を作ってくれるやつ、最初の年度は何件採択されたの？", [], "37件"),
    # a length of time (「2015〜2018年度の4年間」) answers 「何年度から何年度まで」
    ("知財金融促進事業って期間限定だったの？何年度から何年度まで？", [], "2015〜2018年度"),
    # ---- round 41
    # "v2.0" names a version as "Ver.2.0" does
    ("When was v2.0 of the IP and intangible assets governance guidelines released?", [], "2023年3月27日"),
    # "defaults" (債務不履行) is what happens, no scheme the ratio must be of
    ("What ratio does Zhongshan use to split losses when IP pledge loans default?", [], "54:26:16:4"),
    # a standard's number (GB/T 42748-2023) is a number asked
    ("What is the standard number of China's national patent evaluation standard?", [], "42748"),
    # ---- round 42
    # an adverb ("actually") names no subject: the short question is a follow-up
    ("how many lots were actually sold?", ["What did Ocean Tomo's ninth patent auction bring in?"], "81ロット"),
    # the wrapper a question asks in (「…という理解で合っていますか」) is no term of it
    ("米国で特許を担保に取るなら、USPTOに登録するだけで対抗要件は十分という理解で合っていますか。", [], "UCC-1"),
    # ---- round 43
    # "When exactly was …?" asks when
    ("When exactly was the enterprise value charge act passed by the Diet?", [], "6月7日"),
    # "that year" is the year the earlier question named (2023), not any year
    ("how many firms benefited from it that year?", ["what was china's IP pledge financing total for full year 2023?"], "3.7万社"),
    # ---- round 44
    # a total asked "for calendar year 2023" is an amount for that year, not 2020's
    ("total patent and trademark pledge financing in China for calendar year 2023?", [], "8539.9億元"),
    # ---- round 45
    # no place named, and only China's documents speak of 一級指標: China's standard answers
    ("一級指標って何個あるの？", [], "3つの一級指標"),
    # the claim inside "Is it true that …?"; "who says so?" asks the source, which the citation gives
    ("Is it true that US S&P 500 firms' market value is now about 90% intangibles? who says so?", [], "90%"),
    # ---- round 46
    # 「どれくらいの額」: 額 on its own asks an amount, and is no subject the unit must name
    ("2020年だとどれくらいの額だった？", ["中国の知財担保融資ってすごく増えてるって本当？"], "2180億元"),
    # "in total?" asks no amount of money: a share of a payment is no count of corporations
    ("how many credit guarantee corporations are there in Japan in total?", [], "51"),
    # 何行: banks may be counted by a bare number after them (「金融機関は200を超える」,
    # 「金融機関は累計で214」: both count the banks that used it)
    ("それって今までに何行くらいの銀行が使ってるの？", ["知財ビジネス評価書っていつから始まったの？"], "金融機関は"),
    # a when follow-up: a close dated unit leads over the undated one the earlier question found
    (
        "and when did the final version come out?",
        ["How many provisioning methods did the FSA's paper on enterprise value charge loans give as examples?"],
        "2025年7月2日",
    ),
    # the asker says how many there are: the unit listing three leads
    ("経営者保証なしで借りるには、会社は何をクリアすればいい？条件が3つあるって聞いた", [], "要件は3つ"),
    # ---- round 47
    # a when follow-up on something new (the report): its dated unit leads over the meetings'
    ("what date was its final report?", ["How many times did the FSA's working group on business-focused lending meet?"], "2023年2月10日"),
    # "the number of China's national standard" asks the standard's number, not a count
    ("What's the number of China's national standard for patent valuation?", [], "42748"),
    # ---- round 48
    # an era name (平成) is a year, not a subject the unit must name; 「2014年度から現在までに」
    # is no figure for 2014
    ("平成26年度の特許庁の試行で、評価書の作成支援に採択された金融機関は何機関？", [], "18の金融機関"),
    # ---- round 49
    # 「…負う部分は何割」: 部分 is how the share is asked, not what it is of
    ("保証協会付きの融資で、原則として銀行が負う部分は何割？", [], "20%"),
    # "what portion of the loss": a share of no things counted ("loss" is no plural)
    ("what portion of the loss does the lender carry under Japan's credit guarantee responsibility sharing?", [], "20%"),
    # an occasion named by its number alone is one of the earlier topic (the 9th auction)
    ("9回目のときってどうだった？", ["Ocean Tomoの特許オークションって最初いつ？"], "9回目"),
    # ---- round 50
    # two short questions at once, each a follow-up on its own: the earlier topic carries
    ("いつから始まったの？何社くらい支援したの？", ["特許庁のIPASってなに？"], "2018年10月"),
    # "share" as a verb asks no share: Singapore is named with the others, not given a figure
    ("did singapore share its own experience at the 2022 WIPO side event on IP-backed finance?", [], "シンガポール"),
    # ---- round 52
    # the losses shared (「貸し倒れを…分けて負担」) are what the split is of, no count of bad loans asked
    ("広東省では知財融資の貸し倒れをみんなで分けて負担してるらしいけど、中山市はどんな割合？", [], "54:26:16:4"),
    # a count of people (参加者数) is met by a count in 人
    ("2018年3月の知財金融フォーラムの参加者数を教えてください。", [], "252人"),
    # the place a scheme is of ("japan's") is no word of the case named ("under … scheme")
    ("under japan's responsibility sharing scheme, what's the split between the guarantee corporation and the bank?", [], "80%"),
    # ---- round 53
    # 「いつから使われてる」 with no event named asks when it began to apply, not its publication
    ("経営者保証のガイドライン、いつから使われてるの？", [], "2014年2月1日"),
    # 「1件当たり負担していた額」 is what was borne (負担), not 当たり
    ("評価書の作成で、特許庁が1件当たり負担していた額は2017年時点でいくら？", [], "30万円"),
    # ---- round 54
    # 一級指標 (the rarest term) is said only of China: 評価, said in Japan too, does not keep it home
    ("評価の一級指標はいくつ？", [], "3つの一級指標"),
    # 一般債権者向け is met by 一般債権 (a suffix saying for whom)
    ("一般債権者向けに確保しておく留保額の下限はいくら？", [], "70万円"),
    # a long name asked when (知財ビジネス提案書): a dated unit naming it leads over 評価書's
    ("知財ビジネス提案書っていつからある制度？", [], "知財ビジネス提案書"),
    # a place typed with two letters swapped ("chian's") is the place
    ("whats chian's IP pledge financing for the full year 2023?", [], "8539.9"),
    # 「うち…は何名？」 is a part of the earlier whole
    ("うち金融機関の職員は何名？", ["2018年3月の知財金融フォーラムの参加者数は？"], "134人"),
    # "what filing does it usually make": the thing asked by name before its verb (提出)
    ("if a US lender takes a lien on a startup's patents, what filing does it usually make with the state to perfect it?", [], "UCC-1"),
    # ---- round 55
    # "Is that figure right?": the figure stated is what holds; "figure" and "right" are no key terms
    ("I read that Guangdong splits IP loan losses government:bank:insurer:valuer = 44:36:16:4. Is that figure right?", [], "44:36:16:4"),
    # a yes/no follow-up asking a duty is led by the unit saying whether there is one
    (
        "are banks required to adopt one of them?",
        ["how many provisioning methods does the FSA paper on enterprise value charge loans give as examples?"],
        "義務はなく",
    ),
    # ---- round 56
    # a share asked whether set (「割合って決まってる？」): それ is the answer's scheme, carried whole
    ("それっていつから始まったの？", ["保証協会付きで借りたら銀行も少しリスク持つって聞いたけど、割合って決まってる？"], "2007年10月"),
    # the earlier count on another basis (「案件ベースだと」) is a follow-up
    ("案件ベースだと何件採択された？", ["2014年度の特許庁の試行で、評価書作成支援に選ばれた金融機関はいくつ？"], "37件"),
    # 「最初にできた」 is met by the unit saying where it began (「…の設立に始まり」)
    ("一番最初にできたのはいつ？", ["信用保証協会って全国に何か所あるの？"], "1937年"),
    # "market cap" is no cap; a name cited at home and abroad (IP Rich) leaves S&P 500 to say where
    ("per the IP Rich explainer, what share of S&P 500 market cap was intangible assets in 2020?", [], "90%"),
    # ---- round 57
    # the thing a when-question asks about (ガイドライン) is named by the dated unit that leads,
    # not by the law's entry into force (closer on 使える and いつから)
    ("個人保証なしで借りられるようにするガイドラインって、いつから使えるようになったの？", [], "2014年2月1日"),
    # 「新しい制度って」 names no thing (制度): the law's entry into force still answers
    ("会社まるごと担保にできる新しい制度って、いつからスタートなの？", [], "2026年5月25日"),
    # a role whose holder was asked (座長) is no topic of the next question: the WG's report is
    ("その報告書は何日付で公表されましたか。", ["金融審議会の事業性融資のワーキング・グループ、座長はどなたでしたか。"], "2023年2月10日"),
    # ---- round 58
    # a place the asker tells of themselves in a remark (Sapporo) is no unknown place asked about
    ("We run a small design firm in Sapporo. In the US, what does a lender file in the debtor's state to perfect a lien on patents?", [], "UCC-1"),
    # 「どこの銀行グループ」 is named by the banks (グループ is a frame word)
    ("2014年度の特許庁の試行で、メガバンク系が2つ採択されたそうですね。どこの銀行グループですか。", [], "みずほ"),
    # ---- round 60
    # a third turn: the thing the first asked about (ガイドライン) stays in the topic, and
    # 施行令案 (a rule's name) dates no coming into force
    (
        "で、それって結局いつから使えるようになったんだっけ",
        ["社長の個人保証を外してもらうためのガイドラインってあるよね?", "それ守らなかったら罰則とかあるの?"],
        "2014年2月1日",
    ),
    # a number asked of a standard (「番号わかる？」, "the number of it") is its designation
    ("中国って特許の値段つける国のルールがあるらしいけど、なんて規格？番号わかる？", [], "42748"),
    ("china has a national standard for patent valuation right? whats the number of it and when did it take effect", [], "42748"),
    # "the whole yr", "the 2023 number for …": a figure for the full year
    (
        "whats the full year 2023 number for china patent+trademark pledge loans? i keep finding 495bn for jan-sep but need the whole yr",
        [],
        "8539",
    ),
    # a why-question answered by the unit naming the obstacle (「法的リスクが大きい」)
    ("In US IP financing, why were patents used less than trademarks and copyrights back in 1995-2005?", [], "有効性"),
    # ---- round 61
    # a name told of in a remark (「契約書に知らない会社の名前が出てきて」) is no name asked
    (
        "地方で食品加工やってます。メインバンクの信用金庫から、会社全体（ブランドとかレシピとか取引先も含めて）を担保にした融資の"
        "提案をもらいました。これって担保を持つのは信金そのものなんですか？契約書に知らない会社の名前が出てきて不安で…",
        [],
        "信託会社",
    ),
    # the person a question proposes to check (「…加賀谷先生でしたっけ？」) is no subject the unit must name
    (
        "事業成長担保権を議論した金融審議会のWG（令和4年度）、座長は一橋大学の加賀谷先生でしたっけ？稟議資料に書くので正確なお名前を確認したいです。",
        [],
        "神田",
    ),
    # 「銀行の分」: 分 is how the share is asked, not what it is of
    ("保証協会つけて借りるとき銀行もちょっとリスク持つって聞いたんだけど、銀行の分って何割くらい？", [], "20%"),
    # a figure asked of the answer to a yes/no question carries that question whole
    (
        "それって何割ぐらい戻ってくるもんなの?",
        ["保証協会がうちの代わりに銀行に返してくれたあと、協会のほうはどっかから穴埋めしてもらえるの?"],
        "70〜90%",
    ),
    # ---- round 62
    # "us" before a noun the pronoun never precedes is the US; "what do we need to file" asks the filing
    ("us lender here - what do we need to file to perfect a lien on a borrowers patents?", [], "UCC-1"),
    # 「ついでに」 says how, not what: no unsaid claim refuses the question
    ("会社まるごと担保つけたら、銀行って社長の個人保証もついでにとれちゃうの？", [], "経営者保証"),
    # a follow-up asking a split of its own carries no earlier rate of bad loans
    ("中山市だとどういう割合で分けてるの？", ["中国だと知財担保の貸し倒れって誰がかぶってるの？"], "54:26:16:4"),
    # what a thing is made of (「一級指標はどのような項目で構成」) is led by the unit naming it
    ("中国の専利評価指引（GB/T 42748-2023）において、一級指標はどのような項目で構成されていますか。", [], "法律価値"),
    # ---- round 63
    # a court decision asked for is named by a passage citing a case (In re Peregrine …)
    (
        "and registered copyrights r different i think? which court case was that",
        ["how do US lenders perfect security on patents", "same for trademarks?"],
        "Peregrine",
    ),
]


@pytest.mark.parametrize(("question", "history", "said"), _LED_BY_THEIR_ANSWER)
def test_probed_questions_are_led_by_the_sentence_answering_them(assistant, question, history, said):
    answer = assistant.ask(question, history=history)
    assert not answer.abstained and said in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "みずほ銀行に知財を担保にできるローン商品はありますか？",
        "りそな銀行の企業価値担保権つきローンって、どういう条件で借りられる？",
    ],
)
def test_a_named_banks_own_product_needs_a_passage_naming_both(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    assert "銀行の" in answer.abstain_reason, answer.abstain_reason


def test_what_about_another_place_does_not_require_the_earlier_scheme(assistant):
    answer = assistant.ask(
        "What about China?", history=["How is a loss split between the guarantee corporation and the bank under Japan's responsibility-sharing system?"]
    )
    assert not answer.abstained and _lead(answer)[1] == "cn", answer.text


def test_what_conditions_then_ii_no_asks_what_not_whether():
    assert "yesno" not in LEX.intents_of("どんな条件を満たしていればいいの？")
    assert LEX.intents_of("特許を担保にすればいいの？") == ["yesno"]


def test_kinds_of_ip_are_read_apart_from_the_offices():
    from assistant.answer.extractive import _named_kinds, _other_kind

    assert _named_kinds("商標担保は所在州でUCC-1を提出") == {"ip": {"trademark"}}
    assert _named_kinds("USPTO(特許商標庁)や特許庁に登録") == {}
    assert _named_kinds("a lien on patents and trademarks") == {"ip": {"patent", "trademark"}}
    # the FSA's study group is no working group
    assert _other_kind(_named_kinds("when was the working group's report dated?"), "この研究会は2020年11月に議論を始め") < 1.0
    assert _other_kind(_named_kinds("when was the working group's report dated?"), "ワーキング・グループの報告書は") == 1.0


def test_a_count_of_institutions_after_no():
    from assistant.answer.evidence import figures

    assert ("18", "機関") in figures("18の金融機関から37件を採択した").amounts


def test_whether_a_sole_trader_may_use_the_charge_is_answered_with_who_may(assistant):
    # the reported exclusion and who may grant the charge are said in one item
    answer = assistant.ask("個人でお店やってるんだけど、企業価値担保権ってうちでも使える？")
    lead, _ = _lead(answer)
    assert not answer.abstained and "個人事業主" in lead and "株式会社または持分会社" in lead, answer.text


def test_the_article_asked_for_must_be_cited_about_the_topic(assistant):
    answer = assistant.ask("IPASの支援内容と根拠条文を教えてください。")
    assert answer.abstained and "根拠条文" in answer.abstain_reason, answer.text


def test_a_verb_that_only_sets_when_is_not_what_is_asked():
    from assistant.answer.evidence import TermGroup
    from assistant.answer.extractive import _asked_verbs

    borrow = TermGroup("借りる", (("融資",),), 1.0, predicate=True)
    sell = TermGroup("売る", (("処分",),), 1.0, predicate=True)
    assert _asked_verbs([borrow, sell], "借りたあと、機械を売ってもいいの？") == [sell]
    assert _asked_verbs([borrow, sell], "借りたら売れる？") == [borrow, sell]


@pytest.mark.parametrize(
    "question",
    [
        # Korea is named only in the list of places a survey covered
        "韓国だと特許担保の融資って毎年どれくらい出てるの？",
        # 119本 counts securitisation products, 3.7万社 companies: no count of transactions
        "How many IP pledge loan transactions did China register in 2023?",
        # 2年6か月 is a period, no count of charges registered
        "How many enterprise value charges have been registered since the law took effect?",
        # (round 34) the cities set aside are not the one asked about
        "珠海とか深圳じゃなくて、北京のリスク補償基金って損失の分担割合どうなってるの？",
        # (round 35) banks counted in 行: a fund's size in 元 is no count
        "深圳市のリスク補償に参加してる銀行って何行あるの？",
        # a named bank is given only a figure shared with another (みずほ・りそな)
        "2014年度の評価書支援で、みずほは何件採択されたの？",
        # the first auction: the ninth's takings do not answer
        "How much did Ocean Tomo's first patent auction bring in overall?",
        # a date of the ninth auction: the units on it give none, the first's is no answer
        "On what date was Ocean Tomo's 9th patent auction held?",
        # a venue: the unit dating the forum names none
        "2018年の知財金融フォーラムって会場どこだったの？",
        # (round 36) a full year said casually: the first half is no answer
        "中国の知財担保融資って2024年まるっと一年で結局いくらだったの？",
        "What was China's total IP pledge financing for the full year 2024?",
        # a count of institutions: a cost per report is no count of them
        "2017年度末時点で知財ビジネス評価書を活用した金融機関の累計数はいくつでしたか。",
        # which countries: the sentence on the dialogue names none
        "Which countries presented at WIPO's second IP Finance Dialogue in November 2023?",
        # a city no document names (佛山市: a place by its 市)
        "広東省の知財融資の損失分担、中山市じゃなくて佛山市だとどんな割合なの？",
        # after 2008: a total up to March 2008 is no answer
        "DBJの知財担保融資って2008年より後は何件くらいやってるの？",
        # (round 37) the third year: the first two years' total is no answer
        "IPASって3年目は何社支援したの？",
        # two kinds asked each on its own, counted together (「信金・信組5」)
        "2014年度の試行で、信金と信組はそれぞれ何機関だった？",
        # (round 38) a party no document names: what it offers is not in them
        "三菱UFJって特許担保で貸してくれる商品ある？",
        # how long one waits is a period no sentence gives; the report's cost is no answer
        "評価書って申し込んでから出来上がるまでどれくらい待つの？",
        # a final full-year number: the first half is no answer
        "what was china's final full-year ip pledge financing number for 2024?",
        # (round 39) a major bank typed bare: what it offers is not in the documents
        "みずほってもう企業価値担保権を使った融資の商品だしてるの？",
        "What is the name of SMBC's enterprise value charge loan product?",
        # a year asked of an event the unit on it does not date
        "深圳市がリスク補償の資金プールを50億元に広げたのは何年？",
        # a total of one kind of IP financing: another kind's total (insurance) is no answer,
        # nor is a figure naming no kind
        "What was the total value of IP securitisation products China had issued by the end of 2022?",
        "What was the total amount of IP pledge financing in China in 2017?",
        # (round 40) the final full-year total, asked without apostrophes: the first half is no answer
        "whats china's annual 2024 IP pledge financing total, the final number?",
        # (round 41) the years after a month of a year: a total up to March 2008 is no answer
        "How many IP-backed loans did DBJ make after March 2008?",
        "日本政策投資銀行の知財担保融資は2008年4月以降に何件ありましたか。",
        # a place typed in lower case with its possessive, which no document names
        "What loss-sharing ratio does wuxi's IP pledge risk compensation pool use?",
        # a trustee's fee level no passage speaks of
        "企業価値担保権信託会社の信託報酬について、相場や目安は示されていますか。",
        # a count of one named thing (提案書): a count of another (評価書) is no answer
        "後継事業では知財ビジネス提案書って何件つくられたの？",
        # (round 42) two banks each on their own, named in hiragana (「みずほ・りそな」)
        "2014年度の試行で、みずほ銀行とりそな銀行はそれぞれ何件採択されたの？",
        # a thing counted by 「…の件数」: another's count is no answer
        "2019年度に作る予定だった知財ビジネス提案書の件数は？",
        # a case named (「普通保険の場合」): the general share is no figure for it
        "信用保険の普通保険の場合、てん補率は何%ですか。",
        # a rate of defaults: a growth (「75.4%増」) is no answer
        "中国の知財担保融資の焦げ付き率ってどれくらい？",
        # how long until it is done: a cost is no answer
        "評価書って申し込んでからどのくらいでできあがるの？",
        # (round 45) a city in its everyday spelling (深セン: 深圳市): Zhongshan's split is no answer
        "深センだと損失の分担割合ってどうなってる？",
        # a part of a whole the question states: the total names no shinkin bank
        "Of the 4.38 billion yen lent under the JPO programme up to FY2018, how much came from shinkin banks?",
        # (round 46) a share of things counted (venture debt deals): a share of all secured loans is no answer
        "what % of US venture debt deals include patents as collateral?",
        # a part of a whole the question states, in Japanese
        "平成30年度までの融資総額43.8億円のうち、地方銀行による融資額はいくらですか。",
        # (round 47) a firm written as an acronym and katakana (IPリッチ): a report's cost is not its fee
        "IPリッチに頼むと手数料っていくらかかる？",
        # a year standing alone (「eTISC 2024の講演」) counts nothing
        "How many country reports had WIPO put out in that series by 2024?",
        # (round 48) losses on bad loans asked: a report's cost is no answer
        "特許庁の評価書を使って借りた会社って、貸し倒れはどれくらい出てる？",
        # (round 49) the count the question gives (51) is not the count it asks for
        "全国51の信用保証協会のうち、知財担保の専用保証制度がある協会はいくつ？",
        # a share of a whole the question states, asked as "what share were …"
        "Of the 61 institutions that used evaluation reports in FY2015, what share were regional banks?",
        # (round 50) "the whole calendar year": the first half's figure is no answer
        "What was China's total IP pledge financing for the whole calendar year 2024?",
        # (round 51) names of a group the unit only counts (「地銀・第二地銀11」): みずほ・りそな are another group's
        "2014年度の試行で採択された地銀・第二地銀11行の銀行名を全部教えて。",
        # (round 52) a count of people (参加者数): 61機関 in 2015 counts institutions
        "2015年度に開かれた知財金融フォーラムの参加者数は？",
        # a share of loans that could not be repaid (返せなくなった割合): counts of loans made are none
        "評価書で借りた会社のうち、返せなくなった割合どのくらい？",
        # a split asked with its verb after five words ("how are losses on … divided between")
        "in shenzhen, how are losses on ip pledge loans divided between the fund and the lenders?",
        # a case named in English ("under the startup creation guarantee") the unit does not name
        "what share of the loan does the guarantee corporation cover under the startup creation guarantee?",
        # a period asked (何か月): 「って何か月」 asks no definition
        "うちみたいな小さい会社だと、審査って何か月くらいかかる？",
        # (round 56) "all of 2024": the first half's figure is no answer
        "what was China's total IP pledge financing for all of 2024?",
        # (round 58) the rest of a whole (「金融機関の人以外」) asked what it was made of: the unit
        # gives only the part set aside (134 of 252)
        "2018年の知財金融フォーラム、金融機関の人以外ではどんな人が来てたの？",
        # a first year asked: 「最初の2年間で25社」 is a two-year total
        "IPASの初年度に支援した会社は何社？",
        # a place named only in a remark beside an asking sentence naming its own (日本)
        "日本だと、事業融資のうち知財が担保になってるのは何％くらい？アメリカは4％って聞いたけど",
        # 焦げついた (okurigana in kana) counts bad loans, not the 98 loans made
        "評価書を使った融資で焦げついたのって何件ある？",
    ],
)
def test_probed_figures_and_places_no_passage_states_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


@pytest.mark.parametrize(
    ("question", "history"),
    [
        # the year's end asked in words (「2024年の年末」) is no figure for the end of June
        ("それって2024年の年末だとどこまで増えたの？", ["中国の知財の証券化ってどのくらい出てるの？"]),
        # one exchange's part of a figure given for two
        ("そのうち深圳の取引所の分だけだとどれくらい？", ["中国の知財証券化商品って何本くらい出てるの？"]),
        # (round 36) そのとき: the occasion asked about, the first auction, not the ninth
        ("そのときの落札総額っていくらだった？", ["Ocean Tomoが最初にやった特許オークションっていつ？"]),
        # (round 37) a city typed in lower case that no document names
        ("and in foshan?", ["how does zhongshan split losses on bad IP loans?"]),
        # (round 38) one of two kinds counted together, asked alone
        ("その中で信金の人ってどのくらいいたの？", ["特許庁の2014年度の試行で評価書の支援に選ばれた金融機関って何機関？"]),
        (
            "how many of those were shinkin banks alone, not counting credit co-ops?",
            ["how many financial institutions were picked in the JPO's FY2014 IP finance pilot?"],
        ),
        # another city: the province's split is no figure for it
        ("じゃあ上海は？", ["中山市って知財融資の損失どういう割合で分けてるの？"]),
        # a bond's coupon is a rate: a count of products is no answer
        ("what was the average coupon on those products?", ["how many IP securitisation products has China issued?"]),
        # (round 39) a part of a whole the unit does not name: 134 bank staff are not shinkin staff
        ("そのうち信用金庫の人は何人だった？", ["2018年の知財金融フォーラムって何人参加したの？"]),
        # one of two kinds counted together, asked by its full name (信用金庫 of 「信金・信組5」)
        ("その内訳で、信用金庫は何機関でしたか。", ["2014年度の試行で採択された金融機関は何機関ですか。"]),
        # a city typed in lower case after "and", no document names it
        ("and dongguan?", ["how does zhuhai split losses on IP pledge loans?"]),
        # (round 40) "and what about …?" too
        ("and what about hangzhou?", ["how does zhuhai split losses on IP pledge loans?"]),
        # the follow-up's own city, not the one asked before: Zhongshan's split is no answer
        ("what about Shenzhen's split between the bank and the fund?", ["How does Zhongshan split losses on IP loans?"]),
        # a name typed in lower case given a figure jointly (「みずほ・りそな」)
        ("how many of those went to resona alone?", ["how many evaluation reports did the JPO support in FY2014?"]),
        # (round 41) a part asked in English that the unit does not name
        ("how many of those were shinkin banks?", ["how many financial institutions had used the JPO's IP evaluation reports by May 2019?"]),
        # the price of the top single lot: the auction's total is no answer
        ("and what did the most expensive lot sell for?", ["How many lots were sold at Ocean Tomo's 9th auction?"]),
        # (round 42) "how much of that … was lent by X": X not named by the unit
        (
            "how much of that 4.38 billion yen was lent by regional banks?",
            ["how much did the financial institutions in the JPO IP finance programme lend up to FY2018?"],
        ),
        # (round 43) the final number for a year: the first half is no answer
        ("and what's the final number for 2024?", ["How much IP pledge financing did China do in 2023?"]),
        # the ones that went bad (「焦げ付いたのは何件」): a count of loans made is no answer
        ("じゃあ、そのうち焦げ付いちゃったのは何件？", ["DBJの知財担保融資って全部で何件くらい？"]),
        # a part named by its place: the units name no bank's city
        ("how many of those were banks based in osaka?", ["how many financial institutions were picked in the JPO's FY2014 IP finance pilot?"]),
        # (round 44) an unknown city with a few words after it
        ("what about hangzhou, same split?", ["how does zhongshan split losses on IP pledge loans?"]),
        # a premium asked with no intent word of its own: a sentence saying premiums rose is no figure
        ("What was the premium for that cover?", ["Who insured the Indigo Ag IP-backed loan?"]),
        # (round 50) the years after 2008 asked with no figure word: a total up to March 2008 is none
        ("じゃあ2008年より後はどのくらい？", ["日本政策投資銀行の知財担保融資ってどれくらい実績あるの？"]),
        # (round 49) companies counted: three requirements (3つ) and 51 associations count none
        ("それで保証を外してもらえた会社ってどれくらいある？", ["経営者保証のガイドラインっていつから？"]),
        # (round 48) 何割 asks a share: a fund's size in 元 is no answer
        ("じゃ深圳は銀行が何割負担するの？", ["中山市って知財融資の損失どういう割合で分けてるの？"]),
        # a qualified role (vice chair): the unit naming the chair does not name it
        ("who was the vice chair?", ["How many meetings did the FSA working group on business-focused lending hold?"]),
        # (round 47) 深セン, the everyday spelling of 深圳, given a figure jointly with 上海; 何本 asks a count
        ("そのうち深センの取引所の分は何本？", ["中国の知財証券化商品って何本出てる？"]),
        # a capitalised name with a number (Nikkei 225) no document has
        ("And the Nikkei 225 — what's the intangible share there?", ["What share of S&P 500 market value was intangible in 2020?"]),
        # (round 46) another document's price (提案書): 評価書's cost is no answer
        ("提案書のほうは1件いくら？", ["知財ビジネス評価書の作成費用っていくら？"]),
        # what a fund has paid out: its size is no answer
        ("how much has it paid out so far?", ["how big is guangdong's risk compensation fund?"]),
        # (round 53) "since then" is after the earlier question's last year: a total up to 2008 is none
        ("and how much since then?", ["how much did the Development Bank of Japan lend against IP between 1995 and 2008?"]),
        ("それ以降はどのくらい？", ["政策投資銀行は1995年から2008年までにどのくらい知財担保で貸したの？"]),
        # names of a kind of bank (地銀) the unit gives only as a count (「地銀・第二地銀11」)
        ("そのうち地銀のほうの名前ぜんぶ教えて", ["特許庁の評価書の支援、最初の年はどこの銀行が選ばれたの？"]),
        # (round 52) a time alone asks the earlier question of that time: 2024年6月末's
        # securitisation products are no insurance cover at the end of 2024
        ("2024年末だとどうなってる？", ["中国の知財保険って2022年末までにどのくらいカバーしてた？"]),
        # a place with its kind ("zhejiang province") no document names
        ("and what about zhejiang province?", ["how large is guangdong's IP pledge risk compensation fund?"]),
        # one of two things a figure is given for together (特許・商標), asked alone
        ("そのうち商標だけだとどのくらい？", ["中国の特許・商標の質押融資って2020年はいくらだった？"]),
        # a share asked of a population the unit's own sentence does not name (its heading does)
        ("what about in 2020?", ["What share of US secured business loans used intangibles as collateral in 2015?"]),
        # (round 59) an average asked: a year's total is no average
        ("and the average loan size for those small firms in 2022?", ["how much IP pledge financing did china do in 2022?"]),
        # two parts compared ("shinkin banks vs regional banks") of a total given only whole
        ("how much of that came from shinkin banks vs regional banks?", ["how much did the JPO programme lend in total over the five years to FY2018?"]),
        # (round 56) a year alone after a question naming none asks it of that year:
        # 2024年6月末's securitisation products are no insurance figure for 2024
        ("2024年はどうだった？", ["中国の知財保険ってどのくらい普及してるの？"]),
        # (round 45) a count asked: 「評価書1件につき約30万円」 counts nothing
        (
            "and in fiscal 2016, how many?",
            ["how many financial institutions were selected for the JPO's evaluation report support in FY2014?"],
        ),
    ],
)
def test_probed_follow_ups_asking_a_figure_no_passage_states_are_refused(assistant, question, history):
    answer = assistant.ask(question, history=history)
    assert answer.abstained and not answer.citations, answer.text


def test_how_far_it_grew_asks_for_a_figure():
    assert LEX.wants("中国の知財証券化はどこまで増えたの？", "how_much")
    assert "howmuch" in LEX.intents_of("どこまで伸びたの？")


def _unit(text: str):
    """A unit of ``text`` alone, as the answerer scores it."""
    from assistant.answer.candidate import Candidate
    from assistant.core.types import Chunk, Hit, SourceDoc

    chunk = Chunk(id="probe-1", text=text, source_id="probe")
    return Candidate(0, Hit(chunk, SourceDoc("probe", "probe"), 1.0), text, 0, len(text))


def test_a_figure_given_to_two_names_is_not_one_names():
    text = "上海と深圳の取引所で発行された商品は119本だった。"
    assert Refusals.joint_names(_unit(text), "深圳の分だけだと何本？") == ["深圳"]
    assert Refusals.joint_names(_unit(text), "上海と深圳で何本？") == []
    # a name with a figure of its own is not joint
    assert Refusals.joint_names(_unit("上海で80本と深圳で39本だった。"), "深圳は何本？") == []


def test_second_tier_banks_name_no_second_round():
    from assistant.answer.evidence import ordinals

    assert ordinals("regional and second-tier regional banks") == set()
    assert ordinals("the second meeting") == {"2"}


def test_the_askers_own_firm_opens_no_phrase():
    from assistant.text.ja import noun_phrases

    assert "個人事業" in noun_phrases("うち個人事業主なんだけど、借りられる？")
    assert not any(p.startswith("うち") for p in noun_phrases("うち個人事業主なんだけど、借りられる？"))


def test_is_that_right_asks_whether_the_statement_holds():
    from assistant.answer.refusal import _HOLDS

    # "Is that right?" asks whether what was said holds; a "security right" is still a term
    assert _HOLDS.sub("", "A report says the split is 44:36:16:4. Is that right?") == "A report says the split is 44:36:16:4."
    assert _HOLDS.sub("", "Who holds the security right?") == "Who holds the security right?"


def test_a_count_of_kinds_named_together_is_asked_of_them_all(assistant):
    # 「銀行とか信金何社」 asks all the kinds: 「18の金融機関」 answers, though 信金 is counted with 信組
    answer = assistant.ask("特許庁の知財金融って最初に試しでやった年、銀行とか信金何社くらい選ばれたの？")
    assert not answer.abstained and "18" in answer.citations[0].quote, answer.text


def test_a_bound_year_is_no_year_the_figure_is_for():
    assert not requested_figure("how many deals did DBJ do before 2008?", LEX).years
    assert not requested_figure("DBJの知財担保融資って2008年より後は何件？", LEX).years
    assert requested_figure("how many deals did DBJ do in 2008?", LEX).years == {"2008"}


def test_each_part_of_a_compound_question_gets_its_answer(assistant):
    # 「…の法律番号と施行日」: a number and a date asked together, each its own part
    answer = assistant.ask("事業性融資推進法の法律番号と施行日を教えてください。")
    quotes = [c.quote for c in answer.citations]
    assert not answer.abstained and "第52号" in quotes[0] and any("2026年5月25日" in q for q in quotes), answer.text
    # 「座長はどなたで、会合は何回…」: the part naming nothing its count is of (会合) is
    # answered by the unit on the WG's meetings
    answer = assistant.ask("事業性融資WGの座長はどなたで、会合は何回開かれましたか。")
    quotes = [c.quote for c in answer.citations]
    assert not answer.abstained and "神田" in quotes[0] and any("7回" in q for q in quotes), answer.text


def test_parts_joined_by_a_question_word_and_pairs_of_things_asked_are_split():
    from assistant.answer.parts import asking_sentences, question_parts

    assert question_parts("一級指標はいくつで、どのような構成になっていますか。", clauses=True) == [
        "一級指標はいくつで",
        "どのような構成になっていますか。",
    ]
    # (「いくつ？」 asks how many, not whether)
    assert LEX.intents_of("一級指標はいくつ？") == ["howmuch"]

    assert question_parts("WGの座長はどなたで、会合は何回開かれましたか。", clauses=True) == [
        "WGの座長はどなたで",
        "会合は何回開かれましたか。",
    ]
    assert question_parts("この法律の法律番号と成立日を確認させてください。", clauses=True) == [
        "この法律の法律番号を確認させてください。",
        "この法律の成立日を確認させてください。",
    ]
    # (not a pair of things asked: one thing asked of two parties)
    assert question_parts("銀行と協会の負担割合を教えて", clauses=True) == ["銀行と協会の負担割合を教えて"]
    # a remark naming the scheme asked about is kept with the question
    assert "責任共有" in asking_sentences("銀行はどのくらいかぶるの？責任共有とかいうやつ")
    assert asking_sentences("どのくらいの規模なん？最近すごいって聞いたけど") == "どのくらいの規模なん？"


def test_how_much_a_party_bears_asks_a_share():
    from assistant.answer.evidence import requested_figure

    assert {"%", "share"} <= requested_figure("銀行はどのくらいかぶるの？", LEX).units
    assert {"%", "share"} <= requested_figure("協会と銀行でどれくらいの割合で持つの？", LEX).units
    # (the count of banks there are is still a count: 「銀行はどのくらいある？」)
    assert requested_figure("そういう銀行はどのくらいあるの？", LEX).units == {"count"}


def test_kinds_of_ip_financing_and_bare_bank_names():
    from assistant.answer.quantity import _finance_kinds
    from assistant.answer.question import named_institutions

    assert _finance_kinds("知財保険は1100億元のリスク保障を提供した") == {"insurance"}
    assert _finance_kinds("IP securitisation products") == {"securitisation"}
    assert _finance_kinds("事業承継の相談") == set()
    assert ("みずほ", "みずほ") in named_institutions("みずほって商品出してる？")
    assert ("MUFG", "MUFG") in named_institutions("What's MUFG's product?")
    # (named once, with its kind)
    assert named_institutions("みずほ銀行の商品") == [("みずほ銀行", "みずほ")]


def test_a_part_asked_of_a_whole_needs_a_unit_naming_it():
    unit = _unit("参加した252人のうち、金融機関の職員は134人だった。")
    refusals = Refusals(LEX, 0.0, 0.0)
    assert refusals.part_unnamed(unit, "そのうち信金の人は何人？") == "信金"
    assert refusals.part_unnamed(unit, "そのうち銀行とか金融機関の人は？") == ""
    assert refusals.part_unnamed(unit, "全部で何人？") == ""
    # in English, by the word that says the kind (shinkin), not the one every bank has (banks)
    assert refusals.part_unnamed(unit, "how many of those were shinkin banks?") == "shinkin banks"
    assert refusals.part_unnamed(unit, "how many of those were financial institutions?") == ""
    assert Refusals.joint_names(_unit("内訳は地銀11、信金・信組5である。"), "その内訳で、信用金庫は何機関？") == ["信金"]


def test_a_year_asked_of_a_past_event_and_a_period_are_told_apart():
    from assistant.answer.extractive import _ASKS_PAST_DATE

    assert _ASKS_PAST_DATE.search("50億元に拡大したのは何年ですか")
    assert _ASKS_PAST_DATE.search("When did Shenzhen expand its fund?")
    assert not _ASKS_PAST_DATE.search("評価書の作成には何年かかる？")
    assert not _ASKS_PAST_DATE.search("いつから使えるの？")


def test_common_english_words_are_no_unknown_places():
    assert LEX.common_english_word("why") and LEX.common_english_word("fees")
    # a rare name the word list happens to hold, and one it lacks
    assert not LEX.common_english_word("guangzhou") and not LEX.common_english_word("dongguan")


def test_a_description_of_the_thing_asks_no_quantity_of_its_own():
    from assistant.answer.question import frame

    described = frame("特許庁がタダで評価書を作ってくれるやつ、最初の年度は何件？", LEX)
    assert not any("手数料" in quantity.nouns for quantity in described.quantities)
    assert any("手数料" in quantity.nouns for quantity in frame("評価書ってタダで作ってくれるの？何件まで？", LEX).quantities)


def test_places_written_without_their_suffix_or_in_everyday_spelling():
    assert LEX.named_jurisdictions("深センの基金は？") == ("cn",)
    assert LEX.named_jurisdictions("深圳の基金は？") == ("cn",)
    assert LEX.named_jurisdictions("広東ではどう？") == ("cn",)
    assert LEX.named_jurisdictions("中小企業の基金は？") == ()
    assert "深圳" in LEX.cities_in("深センの基金は？")


def test_an_amount_of_money_or_a_rate_per_item_counts_nothing():
    from assistant.answer.evidence import RequestedFigure

    count = RequestedFigure(frozenset({"count"}), frozenset())
    assert not count.met_by("2017年の時点では、特許庁が評価書1件につき約30万円を負担していた。")
    assert count.met_by("18の金融機関から37件を採択した。")


def test_a_sentence_asking_the_source_is_no_clause_to_find():
    from assistant.answer.refusal import _ASKS_SOURCE, _TRUE_THAT

    assert _ASKS_SOURCE.match("where does that number come from?")
    assert _ASKS_SOURCE.match("what's the source?")
    assert _ASKS_SOURCE.match("and where is that figure from?")
    # where money comes from is a question of its own
    assert not _ASKS_SOURCE.match("where does the money come from when a loan defaults?")
    assert _TRUE_THAT.sub("", "Is it true that lenders file UCC-1?") == "lenders file UCC-1?"


def test_a_number_of_things_the_asker_was_told_of():
    from assistant.answer.evidence import lists_count, told_count

    assert told_count("何を満たせばいいの？3つあるって聞いた") == 3
    assert told_count("I heard there are three conditions. What are they?") == 3
    assert told_count("要件を教えて") == 0
    assert lists_count("要件は3つあり、(1)…、(2)…、(3)…である。", "", 3)
    assert not lists_count("全条件を満たすものである。", "It must meet all conditions.", 3)


def test_what_a_share_is_of_and_totals_asked_in_words():
    from assistant.answer.evidence import requested_figure
    from assistant.answer.quantity import QuantityCheck

    refusals = QuantityCheck(LEX)
    assert "ベンチャーデット" in refusals.percent_of("what % of US venture debt deals include patents?")
    assert refusals.percent_of("what share of the risk does the corporation carry?") == []
    assert not requested_figure("how many corporations are there in total?", LEX).money
    assert requested_figure("full-year 2023 total?", LEX).money
    assert requested_figure("2020年だとどれくらいの額だった？", LEX).money


def test_names_with_numbers_and_dates_after_words():
    from assistant.answer.evidence import has_number
    from assistant.answer.question import subjects, unknown_entities

    def known(word):
        return word in {"ip", "リッチ", "fsa"}

    assert "Nikkei" in unknown_entities("And the Nikkei 225 share?", known, LEX)
    assert "Feb" not in unknown_entities("the group that reported in Feb 2023?", known, LEX)
    assert "Art" not in unknown_entities("What does Art. 2 say?", known, LEX)
    assert "IPリッチ" in subjects("IPリッチに頼むと手数料は？", known, LEX)
    assert not has_number("WIPO eTISC 2024の講演は見つからなかった。")
    assert has_number("金融機関は200を超える。")


def test_counts_of_products_in_hon():
    from assistant.answer.evidence import requested_figure

    figure = requested_figure("深圳の取引所で出たのって何本？", LEX)
    assert figure.met_by("知財証券化商品は151本に増えた。")
    assert not figure.met_by("規模は317億元に増えた。")


def test_eras_are_years_and_a_span_to_now_is_no_years_figure():
    from assistant.answer.evidence import RequestedFigure
    from assistant.answer.question import subjects

    assert subjects("平成26年度にIPASが支援した会社", lambda w: True, LEX) == ("IPAS",)
    for_2014 = RequestedFigure(frozenset({"count"}), frozenset({"2014"}))
    assert not for_2014.met_by("2014年度から現在までに、特許庁が評価書を提供した金融機関は200を超える。")
    assert for_2014.met_by("特許庁は2014年度に18の金融機関から37件を採択した。")


def test_numbers_a_sentence_states_and_occasions_named_by_number():
    from assistant.answer.evidence import numbers_in
    from assistant.retrieval.condense import is_follow_up

    assert numbers_in("現在は全国51の協会が担っている。") == {"51"}
    assert numbers_in("2014年度に18の金融機関から37件を採択した。") == {"18", "37"}
    assert is_follow_up("9回目のときってどうだったの？けっこう売れた？", LEX)
    assert is_follow_up("第2回は？", LEX)
    assert not is_follow_up("Ocean Tomoの9回目のオークションはどうだった？けっこう売れた？", LEX)


def test_a_group_given_only_as_a_count_names_none_of_its_members():
    from assistant.answer.quantity import _counted_unnamed

    unit = "内訳はメガバンク系2(みずほ・りそな)、地銀・第二地銀11、信金・信組5である。"
    assert _counted_unnamed("地銀・第二地銀11行の具体的な銀行名は？", unit)
    assert not _counted_unnamed("メガバンク系2行の具体的な銀行名は？", unit)
    assert not _counted_unnamed("採択された銀行の名前は？", unit)


def test_a_time_alone_asks_the_earlier_question_of_that_time():
    from assistant.retrieval.condense import asks_only_time

    earlier = "中国の知財保険って2022年末までにどのくらいカバーしてた？"
    assert condense("2024年末だとどうなってる？", [earlier], lexicon=LEX) == "中国の知財保険って2024年末までにどのくらいカバーしてた？"
    assert condense("じゃあ2015年度は？", ["2014年度の評価書って何件？"], lexicon=LEX) == "2015年度の評価書って何件？"
    assert asks_only_time("2024年末だとどうなってる？") and not asks_only_time("2024年末に何が変わる？")


def test_periods_shares_and_people_asked_in_everyday_words():
    from assistant.answer.quantity import _COUNTED_PARTIES

    assert "definition" not in LEX.intents_of("審査って何か月くらいかかる？")
    assert "share" in requested_figure("返せなくなった割合どのくらい？", LEX).units
    assert "howmuch" in LEX.intents_of("フォーラムの参加者数を教えてください。")
    assert "howmuch" not in LEX.intents_of("複数の銀行から借りられますか？")
    assert _COUNTED_PARTIES.search("フォーラムの参加者数は？").group(1) == "参加者"


def test_a_reason_given_beside_the_question_asks_nothing():
    q = "事業性融資推進法の法律番号を教えてください。稟議書に書く必要があるので。"
    assert asking_sentences(q) == "事業性融資推進法の法律番号を教えてください。"
    assert "yesno" not in LEX.intents_of(asking_sentences(q))
    both = "担保権者になれる者の範囲を教えてください。当行が直接なることは可能でしょうか。"
    assert asking_sentences(both) == "担保権者になれる者の範囲を教えてください。 当行が直接なることは可能でしょうか。"
    assert "can any bank be" in asking_sentences("who holds the security? can any bank be the holder")


def test_a_name_asked_before_is_carried_whole_and_since_then_is_written_out():
    earlier = "保証協会と銀行で損失を分けあう仕組みって何て名前だっけ？"
    assert condense("それっていつから？", [earlier], lexicon=LEX) == f"「{earlier}」について、いつから？"
    since = condense("それ以降はどのくらい？", ["政策投資銀行は1995年から2008年までにどのくらい知財担保で貸したの？"], lexicon=LEX)
    assert since.endswith("について、2008年以降はどのくらい？")
    assert "since 2008" in condense("and since then?", ["how much was lent between 1995 and 2008?"], lexicon=LEX)
    # ぜんぶ is no verb: 「…の名前ぜんぶ知りたい」 asks names, not yes or no
    assert "yesno" not in LEX.intents_of("地銀のほうの名前ぜんぶ知りたい")
    assert any(x.name for x in LEX.quantities_in("地銀のほうの名前ぜんぶ知りたい"))


def test_typos_suffixes_and_parts_asked_with_uchi():
    from assistant.answer.evidence import _without_suffixes
    from assistant.retrieval.condense import is_follow_up

    assert LEX.with_english_typos_fixed("chian IP pledge financing") == "china IP pledge financing"
    assert LEX.with_english_typos_fixed("whats chian's total?") == "whats china's total?"
    # a word the list holds is corrected only as two letters swapped: "appraiser" is a word
    assert "appraiser" in LEX.with_english_typos_fixed("bank:insurer:appraiser = 44:36:16:4")
    assert _without_suffixes(("一般", "債権", "者", "向け")) == ("一般", "債権")
    assert _without_suffixes(("担保", "権", "者")) == ("担保", "権", "者")
    assert is_follow_up("うち金融機関職員は何名でしたか。", LEX)
    assert not is_follow_up("うち個人事業主なんだけど、企業価値担保権で借りられる？", LEX)
    assert "howmuch" in LEX.intents_of("フォーラムには何名参加した？")


def test_a_thing_asked_before_its_verb_and_figures_are_no_things():
    from assistant.answer.extractive import _THING_ASKED

    assert _THING_ASKED.search("what filing does it usually make?").group(2) == "filing"
    assert not _THING_ASKED.search("what share does the bank bear?")


def test_follow_ups_carry_what_the_earlier_question_asked_about():
    # the thing asked about (「…ガイドラインって」) stays in the topic, however common its word
    assert "ガイドライン" in condense("それって誰が作ったの？", ["社長の個人保証なしで借りられるガイドラインって、いつから使われてるの？"], lexicon=LEX)
    # a share asked whether set: the earlier question is carried whole
    carried = condense("それっていつから？", ["保証付きだと銀行もリスク持つって聞いたけど割合決まってる？"], lexicon=LEX)
    assert carried.startswith("「保証付きだと")
    # a count on another basis is a follow-up; a year alone after a question of no year asks it then
    assert condense("金額ベースだと？", ["2014年度に採択されたのは何件？"], lexicon=LEX) != "金額ベースだと？"
    assert condense("2023年はどうだった？", ["中国の知財保険ってどのくらい普及してるの？"], lexicon=LEX).startswith("2023年、中国の")
    # a role whose holder was asked (座長はどなた) is what was asked, not what about
    assert "座長" not in condense("その報告書はいつ？", ["ワーキング・グループの座長はどなたでしたか。"], lexicon=LEX)
    # "market cap" asks no cap (上限); "the cap" does
    assert not [x for x in frame("what share of S&P 500 market cap was intangibles?", LEX).quantities if "上限" in x.nouns]
    assert [x for x in frame("what is the cap on the fee?", LEX).quantities if "上限" in x.nouns]


def test_everyday_words_with_kana_okurigana_and_first_years():
    from assistant.answer.quantity import _FIRST_YEAR, _YEARS_TOTAL

    # 焦げついた is 焦げ付いた typed with its okurigana in kana
    assert "貸倒" in LEX.everyday_in("焦げついたのって何件？")
    assert "貸倒" in QuantityCheck(LEX).counted_event("融資で焦げついたのって何件くらい？")
    assert _FIRST_YEAR.search("開始初年度の2018年度に") and not _FIRST_YEAR.search("最初の年間目標")
    assert _YEARS_TOTAL.search("最初の2年間で25社を支援した") and not _YEARS_TOTAL.search("2年で")


def test_the_rest_of_a_whole_asked_for_its_make_up():
    from assistant.answer.refusal import _REST_ASKED

    assert _REST_ASKED.search("金融機関職員以外の参加者(企業・士業・支援機関等)の内訳は").group(1) == "金融機関職員"
    assert _REST_ASKED.search("そのうち銀行の人以外ってどんな人が多かったの？").group(1) == "銀行の人"
    assert not _REST_ASKED.search("個人事業主以外は使えるの？")  # who may use it: no make-up asked


def test_an_average_asked_needs_an_average():
    assert [x for x in frame("what was the average loan size in 2022?", LEX).quantities if "平均" in x.nouns]
    assert [x for x in frame("平均の融資額はいくら？", LEX).quantities if "平均" in x.nouns]
    # ("what does … mean?" asks a definition, no average)
    assert not [x for x in frame("What does enterprise value charge mean?", LEX).quantities if "平均" in x.nouns]
    # (an average period is asked as a period)
    assert not [x for x in frame("平均的な融資期間は？", LEX).quantities if "平均" in x.nouns]


@pytest.mark.parametrize(
    "question",
    [
        "why did Ocean Tomo's 9th patent auction do so badly compared to the earlier ones?",
        "Why did Ocean Tomo's 9th patent auction go so badly? what was the reason only a few lots sold?",
    ],
)
def test_a_why_question_answered_only_by_what_happened_is_refused(assistant, question):
    # 6 of 81 lots sold says what happened at the 9th auction; no passage says why
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    assert "reason" in answer.abstain_reason, answer.abstain_reason


def test_causes_and_aims_are_asked_as_why():
    from assistant.answer.extractive import _ASKS_CAUSE

    for question in ("経営者保証ガイドラインが2022年に改定されたのって、何がきっかけだったの？", "what drove the jump in 2023?"):
        assert LEX.intents_of(question)[0] == "why" and _ASKS_CAUSE.search(question)
    # an aim (狙い, "trying to achieve") is asked as why, but what a measure does answers it
    aim = "what was China's 百園万企 policy actually trying to achieve?"
    assert "why" in LEX.intents_of(aim) and not _ASKS_CAUSE.search(aim)


def test_a_units_figures_alone_give_no_reason():
    from assistant.answer.extractive import _says_only_what_happened

    why = LEX.intent("why").cues
    assert _says_only_what_happened(_unit("同社の9回目のオークションでは、81ロットのうち落札されたのは6ロットだけだった。"), why)
    assert not _says_only_what_happened(_unit("評価書の作成費用は1件あたり20万〜30万円前後で、このコストが定着の課題とされた。"), why)
    # (a unit with no figure or date may describe the thing in a way that says why)
    assert not _says_only_what_happened(_unit("知財ビジネス評価書は、中小企業の知財を評価したレポートである。"), why)


def test_a_chained_follow_up_keeps_the_thing_first_asked_about(assistant):
    answer = assistant.ask(
        "で、それって結局いつから使えるようになったんだっけ",
        history=["社長の個人保証を外してもらうためのガイドラインってあるよね?", "それ守らなかったら罰則とかあるの?"],
    )
    assert "ガイドライン" in answer.condensed_query and "罰則" in answer.condensed_query, answer.condensed_query


def test_an_occasion_asked_is_one_the_asking_sentence_names(assistant):
    # 「第2回・第4回の内容は把握しております」 tells what the asker knows: the 3rd is asked, and no
    # passage speaks of it
    answer = assistant.ask("事業性融資WGの第3回（2022年12月13日）では何が議論されたのでしょうか。第2回・第4回の内容は把握しております。")
    assert answer.abstained and not answer.citations, answer.text
    assert "第3回" in answer.abstain_reason and "第2回" not in answer.abstain_reason, answer.abstain_reason


def test_who_told_the_asker_is_no_topic_and_a_thing_described_is(assistant):
    answer = assistant.ask(
        "それっていつから使われてるの?", history=["社長の個人保証なしで銀行から借りられるようにするためのルールみたいなのがあるって税理士にいわれた"]
    )
    assert "ルール" in answer.condensed_query and "税理士" not in answer.condensed_query, answer.condensed_query


def test_a_lower_case_us_before_a_noun_is_the_country():
    assert frame("us lender here - what do we need to file?", LEX).jurisdictions == ("us",)
    assert frame("can you tell us about patents?", LEX).jurisdictions == ("jp",)


def test_a_court_decision_asked_is_named_by_a_cited_case():
    from assistant.answer.focus import CITES_CASE as _CITES_CASE

    assert _CITES_CASE.search("(In re Peregrine Entertainment, 116 B.R. 194 (C.D. Cal. 1990))")
    assert not _CITES_CASE.search("登録された著作権は連邦法の先占によって扱いが異なる。")


# ---- round 70 (fresh blind probes e70/j70)


@pytest.mark.parametrize(
    "question",
    [
        "we got about 30m yen of stock sitting in the warehouse, should i go for ABL on that or the enterprise value charge, which is better for us",
        "社長の個人保証外したいけど、うち2期連続赤字で債務超過ぎみなんだよね。企業価値担保権に乗り換えたほうがいい？今の借入のままがいい？",
        "社長保証はずしたくて、メインバンクに企業価値担保権にきりかえてって頼むべきか、経営者保証ガイドラインで交渉したほうがいいのか、うちの場合どっちがいい？",
    ],
)
def test_a_choice_for_the_askers_own_company_is_refused_with_its_reason(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text
    lang = "en" if question.isascii() else "ja"
    assert answer.abstain_reason == t("answer.abstain_reason.own_choice", lang), answer.abstain_reason


def test_what_one_should_do_by_the_documents_or_a_fact_beside_a_choice_is_no_choice_to_make():
    # what the documents say should be done is a fact they state
    assert not Refusals.own_choice("評価書の作成コストは誰が負担してきて、今後はどうすべきと言われてる？")
    # a fact asked beside the choice is answered
    assert not Refusals.own_choice("Which is better for us, ABL or the charge? And what does the charge cover?")
    # no asker's own case: which is better in general is asked of the documents
    assert not Refusals.own_choice("Which is better for lenders, ABL or the charge?")
    assert Refusals.own_choice("Which is better for us, ABL or the charge?")


def test_a_bank_of_x_the_passages_name_only_inside_a_longer_name_is_unknown(assistant):
    from assistant.answer.question import unnamed_bodies

    texts = ["the Development Bank of Japan's (日本政策投資銀行) IP-secured lending came to 310 loans"]
    assert unnamed_bodies("What did the Bank of Japan's 2024 guidance say?", texts, LEX) == ("Bank of Japan",)
    assert not unnamed_bodies("How many loans did the Development Bank of Japan make?", texts, LEX)
    answer = assistant.ask("What did the Bank of Japan's 2024 guidance on enterprise value charge loans say about collateral haircuts?")
    assert answer.abstained and "Bank of Japan" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("How many IP-secured loans did the Development Bank of Japan make by 2008?")
    assert not answer.abstained and "310" in answer.text, answer.text


def test_a_place_follow_up_with_a_second_short_question(assistant):
    history = ["how are losses split on ip pledge loans in zhuhai?"]
    answer = assistant.ask("and hangzhou? same kind of ratio?", history=history)
    assert answer.abstained and "hangzhou" in answer.abstain_reason.lower(), answer.text
    answer = assistant.ask("and zhongshan? same kind of split?", history=history)
    assert not answer.abstained and "54:26:16:4" in _lead(answer)[0], answer.text


def test_a_follow_up_pointing_back_to_a_meeting_asks_of_the_meeting(assistant):
    answer = assistant.ask(
        "その会議の座長って誰だったの", history=["事業成長担保権ってのを金融庁の会議で話し合ってたってきいたけど、どういう会議？"]
    )
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        "The FSA published the owner guarantee guidelines in 2016 - what did that version change for small firms?",
        "2016年に公表された経営者保証ガイドラインって何が変わったの？",
    ],
)
def test_a_publication_year_taken_as_given_is_checked(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and "2016" in answer.abstain_reason, answer.abstain_reason


def test_the_right_publication_year_or_asking_whether_is_answered(assistant):
    answer = assistant.ask("The owner guarantee guidelines were published in 2013, what do they say about small firms?")
    assert not answer.abstained and "2013" in answer.text, answer.text
    from assistant.answer.premise import published_premise

    texts = ["経営者保証に関するガイドラインは、研究会が2013年12月5日に公表した。"]
    assert published_premise("Was the 経営者保証に関するガイドライン published in 2016, is that right?", texts, LEX) == []


def test_whether_a_text_was_revised_since_needs_a_passage_on_a_revision(assistant):
    answer = assistant.ask(
        "Has the FSA revised its July 2025 basic approach on valuing and provisioning enterprise value charge loans since it was published? Any amendments this year?"
    )
    assert answer.abstained and not answer.citations, answer.text
    assert answer.abstain_reason == t("answer.abstain_reason.no_revision", "en"), answer.abstain_reason
    # the revised MHLW guideline is a revision the passages speak of
    answer = assistant.ask("Has the business transfer guideline been amended since the Act?")
    assert not answer.abstained and "revised" in answer.text.lower(), answer.text


def test_a_mark_crossed_in_hiragana_and_a_confirmed_figure_ask_an_actual_result():
    from assistant.answer.quantity import _ACTUAL

    assert _ACTUAL.search("中国の知財担保融資って2024年ほんとに1兆元こえたの？")
    assert _ACTUAL.search("確定した数字ってある？")
    assert not _ACTUAL.search("2024年の見通しは？")


# ---- round 71 (fresh blind probes e71/j71)


@pytest.mark.parametrize(
    "question",
    [
        "Under German law, is a patent typically taken as loan security by pledge or by security transfer, and how does that compare with Japan?",
        "Does German law allow a bank to take a charge over a company's whole business the way Japan's new enterprise value charge does?",
    ],
)
def test_a_demonym_names_its_country(assistant, question):
    assert "de" in LEX.named_jurisdictions(question)
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_hearsay_premises_on_passing_and_amounts(assistant):
    answer = assistant.ask("heard the enterprise value charge law got passed way back in 2022, why is it only kicking in now??")
    assert answer.abstained and "2022" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("patent office pays like 500k yen per evaluation report right? can my company just order one directly")
    assert answer.abstained and "500k yen" in answer.abstain_reason, answer.abstain_reason
    # the amount the documents give, written the same way, is no false premise
    answer = assistant.ask("patent office paid like 300k yen per evaluation report in 2017 right?")
    assert not answer.abstained and "300,000 yen" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "is mizuho or mufg already doing these enterprise value charge loans? which banks were first",
        "みずほで企業価値担保権つきの融資ってもう申し込めるの？",
        "can we apply for an enterprise value charge loan at Mizuho yet?",
    ],
)
def test_what_a_named_bank_offers_now_is_not_in_the_documents(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text
    assert "mizuho" in answer.abstain_reason.lower() or "みずほ" in answer.abstain_reason, answer.abstain_reason


@pytest.mark.parametrize(
    "question",
    [
        "企業価値担保権ってもう使えるの？",
        "is the enterprise value charge live yet or still just a plan?",
        "heard the enterprise value charge law got passed in 2024, when does it kick in?",
    ],
)
def test_whether_a_scheme_is_in_force_yet_is_led_by_its_effective_date(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.abstain_reason
    assert "2026年5月25日" in _lead(answer)[0], answer.text


def test_rates_and_splits_asked_in_everyday_english(assistant):
    answer = assistant.ask(
        "ok and what interest do venture funds usually charge on those loans",
        history=["whats the enterprise value charge in simple words", "can a VC fund be the lender or only banks?"],
    )
    assert answer.abstained and "interest" in answer.abstain_reason, answer.text
    answer = assistant.ask("and shenzhen? whats their split", history=["how do the losses get split in zhongshan china for ip loans"])
    assert answer.abstained and not answer.citations, answer.text


def test_a_figure_as_of_a_past_year_is_no_answer_for_now(assistant):
    answer = assistant.ask(
        "what about now, is it still 300k or did they change it",
        history=["how much did the patent office pay per evaluation report back in 2017?"],
    )
    assert answer.abstained and "2017" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("特許庁って今も評価書1件にいくら負担してるの？")
    assert answer.abstained and "2017" in answer.abstain_reason, answer.abstain_reason
    # asked of 2017 itself, it is answered
    answer = assistant.ask("how much did the patent office pay per evaluation report back in 2017?")
    assert not answer.abstained and "300,000 yen" in answer.text, answer.text


def test_a_bare_count_right_after_its_party_counts_it(assistant):
    answer = assistant.ask("2019年5月の時点で知財ビジネス評価書を活用した金融機関は累計でいくつになっていましたか。")
    assert not answer.abstained and "214" in _lead(answer)[0], answer.text


def test_a_person_asked_in_a_follow_up_need_not_be_named_with_the_earlier_scheme(assistant):
    answer = assistant.ask("座長って誰だったの？", history=["事業成長担保権ってもともと金融庁のどこで話し合ってたの？"])
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


def test_a_new_edition_asked_is_a_revision_asked(assistant):
    answer = assistant.ask("金融庁の企業価値担保権付き融資の評価・引当の基本的な考え方って、2026年に入ってから改訂版でましたか？")
    assert answer.abstained and answer.abstain_reason == t("answer.abstain_reason.no_revision", "ja"), answer.abstain_reason


def test_the_next_occasion_after_a_numbered_one(assistant):
    from assistant.retrieval.condense import _next_occasion

    assert "third one" in _next_occasion("when's the next one?", "When was WIPO's second IP Finance Dialogue held?")
    assert _next_occasion("when's the next one?", "When was the dialogue held?") == "when's the next one?"
    answer = assistant.ask("when's the next one?", history=["When was WIPO's second IP Finance Dialogue held?"])
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("when's the next one?", history=["When was WIPO's first IP Finance Dialogue held?"])
    assert not answer.abstained and "2023年11月21日" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("The enterprise value charge is overseen by METI, not the FSA, right? Which METI bureau licenses the trust companies?", "METI"),
        ("企業価値担保権の信託会社の免許って特許庁が出してるんだよね？うちのグループ会社で取りたいんだけど申請の流れおしえて", "特許庁"),
    ],
)
def test_a_body_taken_as_licensing_is_checked(assistant, question, body):
    answer = assistant.ask(question)
    assert answer.abstained and body in answer.abstain_reason, answer.abstain_reason


@pytest.mark.parametrize(
    "question", ["The FSA licenses the enterprise value charge trust companies, right?", "信託会社の免許って金融庁が出してるんだよね？"]
)
def test_the_fsa_licenses_what_the_act_gives_the_prime_minister(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained and "内閣総理大臣" in _lead(answer)[0], answer.text


def test_a_listed_chinese_model_is_its_place(assistant):
    answer = assistant.ask("In China's Pudong model, what percentage of the loan does the government fund guarantee?")
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("What is the Pudong model of IP pledge financing?")
    assert not answer.abstained and "浦東" in _lead(answer)[0], answer.text


def test_a_notice_number_is_asked_of_the_notice(assistant):
    assert frame("What did they call the charge back then?", LEX).intent == "name"
    answer = assistant.ask(
        "whats the official notice number for that, need it for our HR docs",
        history=["did the labour ministry change the rules on business transfers because of the new enterprise value charge?"],
    )
    assert not answer.abstained and "告示第11号" in _lead(answer)[0], answer.text


# ---- round 72 (fresh blind probes e72/m72)


@pytest.mark.parametrize(
    "question",
    [
        "How does Japan's enterprise value charge compare with an English floating charge over a company's whole undertaking?",
        "How does the Japanese enterprise value charge compare with an English floating charge in terms of priority and enforcement?",
    ],
)
def test_english_law_is_the_uks(assistant, question):
    assert "gb" in LEX.named_jurisdictions(question)
    answer = assistant.ask(question)
    assert answer.abstained and not answer.citations, answer.text


def test_english_the_language_names_no_country():
    assert "gb" not in LEX.named_jurisdictions("Is there an English version of the FSA paper?")
    assert "gb" not in LEX.named_jurisdictions("Please answer in English.")


def test_why_a_law_passed_in_a_wrong_year(assistant):
    answer = assistant.ask("Why did the House of Councillors pass the business-based lending act unanimously in 2023?")
    assert answer.abstained and "2023" in answer.abstain_reason, answer.abstain_reason


def test_a_figure_dated_to_a_past_fiscal_year_asked_for_today(assistant):
    answer = assistant.ask("and what is it today?", history=["how big is the ABL market in japan?"])
    assert answer.abstained and "2011" in answer.abstain_reason, answer.abstain_reason


@pytest.mark.parametrize(
    ("question", "history"),
    [
        (
            "ok so what rate applies to each bracket",
            ["what's the minimum reserved amount for unspecified secured claims under the enforcement order?", "how is that reserved amount calculated?"],
        ),
        (
            "What are the actual bracket rates applied to the distributable amount in that calculation?",
            ["What is the minimum reserved amount for unspecified secured claims under the enterprise value charge?"],
        ),
    ],
)
def test_rates_asked_of_a_method_that_gives_none(assistant, question, history):
    answer = assistant.ask(question, history=history)
    assert answer.abstained and not answer.citations, answer.text


def test_a_figure_word_is_no_thing_a_passage_must_name(assistant):
    answer = assistant.ask("what percentage does the credit guarantee corporation cover?")
    assert not answer.abstained and "%" in _lead(answer)[0], answer.text


def test_filing_online_is_electronic_filing(assistant):
    answer = assistant.ask(
        "ok and if we file it online how many days does it take",
        history=["we might borrow from a chinese bank against our patent, how does the patent pledge registration work over there, is it slow?"],
    )
    assert not answer.abstained and "1営業日" in _lead(answer)[0], answer.text


def test_a_result_asked_of_a_follow_up_is_an_actual_whole_year_figure(assistant):
    answer = assistant.ask(
        "did it actually end up above 1 trillion for the full year?", history=["how much ip pledge financing did china do in jan-sep 2024?"]
    )
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("was that the full year figure?", history=["how much ip pledge financing did china do in 2023?"])
    assert not answer.abstained and "8539.9億元" in _lead(answer)[0], answer.text


def test_revisions_since_a_year_and_revisions_lead(assistant):
    answer = assistant.ask(
        "has it been revised again since the 2022 change?",
        history=["since when does the owner personal guarantee guideline apply?", "and what changed in 2022?"],
    )
    assert answer.abstained and answer.abstain_reason == t("answer.abstain_reason.no_revision", "en"), answer.abstain_reason
    for question in ("has the owner personal guarantee guideline been revised since 2014?", "経営者保証ガイドラインってその後改定されたの？"):
        answer = assistant.ask(question)
        assert not answer.abstained and "2022年6月の改定" in _lead(answer)[0], answer.text


# ---- round 73 (fresh blind probes e73/j73)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("広東省中山市の知財質押融資では、貸倒れ時の損失を基金・銀行・保険・評価会社でどういう比率で分担していますか", "54:26:16:4"),
        ("広東省珠海市の知財質押融資では、貸倒損失を銀行と基金でどのような割合で分担していますか。", "60%"),
    ],
)
def test_a_split_of_losses_on_default_is_no_rate_of_bad_loans(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.abstained and said in _lead(answer)[0], answer.text


def test_a_reports_date_is_when_it_came_out(assistant):
    answer = assistant.ask(
        "Since the Working Group report came out in March 2024, why did they rename the business growth charge to enterprise value charge?"
    )
    assert answer.abstained and "2024" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("Since the Working Group report came out in February 2023, what did it say about the charge holder?")
    assert not answer.abstained, answer.abstain_reason


def test_because_takes_an_amount_as_given(assistant):
    answer = assistant.ask(
        "Because the minimum reserved amount for unspecified secured claims is 1 million yen, is that figure indexed or revised annually?"
    )
    assert answer.abstained and "1 million yen" in answer.abstain_reason, answer.abstain_reason
    # "as of", "because of" and "as well" take nothing as given
    from assistant.answer.premise import _PREMISE

    assert not _PREMISE.search("As of 2017, how much did the JPO pay per report?")
    assert not _PREMISE.search("Because of the new law, what changes for lenders?")


def test_a_body_named_in_english_that_no_passage_names_whole(assistant):
    answer = assistant.ask(
        "What did the Ministry of Justice's Legislative Council recommend about the business growth charge in its 2023 report, and how did the final Act depart from it?"
    )
    assert answer.abstained and "Legislative Council" in answer.abstain_reason, answer.abstain_reason
    for question in ("Who chaired the Financial System Council working group?", "What did the Labour Policy Council discuss?"):
        assert not assistant.ask(question).abstained, question


def test_each_occasion_compared_must_be_spoken_of(assistant):
    answer = assistant.ask("How did Ocean Tomo's tenth patent auction perform compared with the ninth?")
    assert answer.abstained and "tenth" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("How did Ocean Tomo's ninth patent auction compare with the first?")
    assert not answer.abstained, answer.abstain_reason


def test_from_what_date_asks_when_the_law_applies(assistant):
    answer = assistant.ask(
        "hey so the thing where you can put your whole company up as collateral to borrow, from what date can we actually use it??"
    )
    assert not answer.abstained and "2026年5月25日" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        "should i drop my guarantee-corp backed loan and refinance with an enterprise value charge loan? which works out cheaper for a small shop like mine",
        "うちは特許2件もってるんやけど評価書つくってもらったほうがええかな",
    ],
)
def test_more_ways_of_asking_ipfin_to_choose(question):
    assert Refusals.own_choice(question)


def test_a_note_that_something_was_not_found_is_quoted(assistant):
    # the gold set's answer to a talk the research did not find is the note saying so
    answer = assistant.ask("What did WIPO's eTISC 2024 talk on IP financing risks say?")
    assert not answer.abstained and "eTISC" in _lead(answer)[0], answer.text


# ---- round 74 (fresh blind probes e74a/j74a)


def test_a_split_asked_in_an_english_phrase_is_a_figure(assistant):
    answer = assistant.ask(
        "Under the responsibility-sharing system for credit-guaranteed loans, what is the standard split of risk between the credit guarantee corporation and the lending institution?"
    )
    assert not answer.abstained and "80%" in _lead(answer)[0], answer.text


def test_a_specific_percentage_asks_a_percentage(assistant):
    assert requested_figure("What are the specific percentage rates applied to each bracket?", LEX).units == frozenset({"%"})
    assert requested_figure("Does the FSA give a specific figure?", LEX).money  # alone, it asks either
    answer = assistant.ask(
        "Article 2 of the Enforcement Order splits the distributable amount into brackets for the reserved amount. What are the specific percentage rates applied to each bracket?"
    )
    assert answer.abstained and not answer.citations, answer.text


def test_passing_said_with_where_and_we_understand(assistant):
    answer = assistant.ask("企業価値担保権って2023年に国会で成立したんだよね？そのとき反対した政党ってどこだったの")
    assert answer.abstained and "2023" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask(
        "We understand enterprise value charge loans are capped at 50% of appraised enterprise value. Which valuation method does the FSA prescribe for that appraisal?"
    )
    assert answer.abstained and "50%" in answer.abstain_reason, answer.abstain_reason


def test_ipfin_asked_to_judge_the_askers_case():
    assert Refusals.own_choice("経営者保証はずしてほしいんだけど、うちの信金が外してくれそうか判断してくれない？決算2期連続赤字で役員貸付もある")
    # what the documents say a bank judges is a fact they state
    assert not Refusals.own_choice("経営者保証を外すかどうか、金融機関は何を見て判断するの？")


def test_an_actual_result_asked_against_a_mark_in_a_follow_up(assistant):
    answer = assistant.ask("じゃあ2024年通年の確定値はもう出てる？1兆元こえたの？", history=["中国の2023年通年の知財質押融資額はいくらでしたか"])
    assert answer.abstained and not answer.citations, answer.text


# ---- round 75 (fresh blind probes e75a/j75a)


def test_eating_a_loss_is_how_it_is_borne(assistant):
    answer = assistant.ask("in zhongshan in china, when one of these ip loans goes bad who eats the loss and whats the split")
    assert not answer.abstained and "54:26:16:4" in answer.text, answer.text


def test_a_post_asked_without_a_particle_asks_a_person():
    assert [x for x in frame("推進本部って本部長だれがやってるの", LEX).quantities if x.person]


def test_each_occasion_named_must_be_spoken_of(assistant):
    answer = assistant.ask("ocean tomo's 9th auction flopped, but how much did the 10th one bring in?")
    assert answer.abstained and "10th" in answer.abstain_reason, answer.abstain_reason


def test_a_notice_number_taken_as_given(assistant):
    history = ["企業価値担保権ができたのにあわせて、従業員を守る指針も変わったんだよね？"]
    answer = assistant.ask("それって2025年12月にでた告示第15号のやつだっけ？", history=history)
    assert answer.abstained and "告示第15号" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("それって告示第11号のやつだっけ？", history=history)
    assert not answer.abstained, answer.abstain_reason


def test_a_guideline_taken_as_a_law_is_answered_by_the_sentence_correcting_it(assistant):
    # (the gold set's q111: the correction is the answer)
    answer = assistant.ask("経営者保証ガイドラインって金融庁がつくった法律なんだから守らない銀行は違法ってことでしょ？")
    assert not answer.abstained and "法的な拘束力はない" in answer.text, answer.text


# ---- round 76 (fresh blind probes e76a/e76b/j76a: documents the index lacks, details not
# given, reasons not given)


def test_a_document_the_index_lacks_is_unknown(assistant):
    texts = ["The Financial Services Agency amended its supervisory guidelines and the Financial Inspection Manual."]
    assert unnamed_documents("What does the 2025 White Paper on Small and Medium Enterprises say about IP loans?", texts, LEX)
    assert unnamed_documents("How does Basel III treat an enterprise value charge?", texts, LEX) == ("Basel III",)
    assert unnamed_documents("全銀協の実務Q&Aでは極度額はどう説明されてる？", texts, LEX) == ("全銀協の実務Q&A",)
    # a title written a little differently from the passage's is the same document
    assert not unnamed_documents("What did the FSA change in its Supervisory Guidelines in 2014?", texts, LEX)
    assert not unnamed_documents("What do the guidelines say?", texts, LEX)  # no title
    answer = assistant.ask(
        "What does Section II-3 of the FSA's Comprehensive Guidelines for Supervision of Major Banks say about provisioning for enterprise value charge loans?"
    )
    assert answer.abstained and "Comprehensive Guidelines" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("Under the Basel III framework, can an enterprise value charge lower a loan's risk weight?")
    assert answer.abstained and "Basel" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("What did the FSA clarify in 2013 about movables and receivables as general collateral?")
    assert not answer.abstained, answer.abstain_reason


def test_asked_under_a_rulebook_the_documents_never_name(assistant):
    answer = assistant.ask("Under IFRS, how would a borrower book the goodwill covered by an enterprise value charge?")
    assert answer.abstained and "IFRS" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("J-GAAPだと、企業価値担保権の対象になるのれんはどう処理するの？")
    assert answer.abstained and "J-GAAP" in answer.abstain_reason, answer.abstain_reason


def test_the_next_occasion_is_not_a_past_one(assistant):
    answer = assistant.ask("when is wipo holding its next ip finance dialogue?")
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("When was WIPO's second IP Finance Dialogue held?")
    assert not answer.abstained and "2023" in answer.text, answer.abstain_reason


def test_a_reason_for_something_else_gives_no_reason(assistant):
    # the law's aim (「…改めるため」) is no reason why sole proprietors cannot grant the charge
    answer = assistant.ask("なんで個人事業主だと企業価値担保権が使えないの？理由を知りたい")
    assert answer.abstained and not answer.citations, answer.text
    # "Promotion" names the project; it promotes nothing in the sentence
    answer = assistant.ask("Why was the IP Finance Promotion Project only run for four years?")
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("なぜ日本で知財金融が進まないの？")
    assert not answer.abstained and "論点" in answer.lines[0].text, answer.text


def test_a_subtraction_is_no_tax(assistant):
    answer = assistant.ask("When an enterprise value charge is enforced, are unpaid taxes paid before the specified secured claims?")
    assert answer.abstained and not answer.citations, answer.text


def test_criteria_asked_need_a_sentence_naming_criteria(assistant):
    answer = assistant.ask("What criteria does an organisation have to meet to get accredited as a business-based lending promotion support organisation?")
    assert answer.abstained and "criteria" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("経営者保証なしで借りるための要件は？")
    assert not answer.abstained and "要件は3つ" in answer.text, answer.text
    # 対抗要件 is perfection, not criteria
    assert not [x for x in frame("米国で特許担保の対抗要件はどう備える？", LEX).quantities if "要件" in x.nouns]


def test_a_rate_spread_is_a_rate():
    assert [x for x in frame("what interest-rate spread do banks charge on these loans?", LEX).quantities if "金利" in x.nouns]


def test_each_place_compared_needs_its_own_figure(assistant):
    answer = assistant.ask("日本のABL残高とアメリカのABL市場って、規模はどのくらい違うの？")
    assert answer.abstained and "アメリカ" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("中国と日本の知財担保融資の規模はどのくらい違う？")
    assert not answer.abstained, answer.abstain_reason


def test_a_default_share_asked_beside_a_count(assistant):
    answer = assistant.ask("中国の知財証券化商品は何本出ていて、そのうちデフォルトしたのはどのくらい？")
    assert answer.abstained and "デフォルト" in answer.abstain_reason, answer.abstain_reason


# ---- round 77 (fresh blind probes e77a/e77b/j77a: edge cases, finer grains, follow-ups)


def test_a_case_the_index_never_speaks_of_is_refused(assistant):
    answer = assistant.ask("企業価値担保権をつけたあと、別の会社と合併したら担保はどうなるの？")
    assert answer.abstained and "合併" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("If the company files for civil rehabilitation, does the charge holder keep its priority?")
    assert answer.abstained and "rehabilitation" in answer.abstain_reason, answer.abstain_reason
    # a case in words the index uses elsewhere may be said in other words
    answer = assistant.ask("借り手が返済できなくなったら、企業価値担保権はどういう流れで実行されるの？")
    assert not answer.abstained, answer.abstain_reason
    # shorthand ("thru", "corp") names no case
    answer = assistant.ask("if i get a loan thru the credit guarantee corp does my bank still take some of the loss?")
    assert not answer.abstained, answer.abstain_reason
    # a remark that tells ("trying to figure out if …") sets no case
    answer = assistant.ask("back in 2017 how much did the patent office pay per ip evaluation report? trying to figure out if its worth anything lol")
    assert not answer.abstained, answer.abstain_reason


def test_a_place_follow_up_is_not_answered_for_another_place(assistant):
    history = ["how do they split the losses in zhongshan when an ip loan goes bad?"]
    answer = assistant.ask("what about beijing?", history=history)
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("and zhuhai?", history=history)
    assert not answer.abstained and "60%" in answer.text, answer.abstain_reason


def test_the_same_year_is_the_year_asked_before():
    assert "2023年" in condense("日本は同じ年どのくらいやったん？", ["中国で特許担保の融資が2023年にどれくらいあったか教えて"])
    assert "2020" in condense("and how many deals in the same year?", ["how much IP pledge financing was there in China in 2020?"])


# ---- round 78 (the same probes: changes over years)


def test_a_change_over_years_needs_a_figure_at_each_end(assistant):
    answer = assistant.ask("how much did ABL lending in Japan grow between 2011 and 2020?")
    assert answer.abstained and "2020" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("日本のABL残高って平成23年度から今までにどのくらい増えたの？")
    assert answer.abstained and "現在" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("How much did China's IP pledge financing grow between 2020 and 2021?")
    assert not answer.abstained and "2180" in answer.text, answer.abstain_reason
    # each year is one end: no one sentence need state both
    answer = assistant.ask("中国の知財質押融資は2020年から2021年にかけてどのくらい増えた？")
    assert not answer.abstained, answer.abstain_reason
    # a change on the year before (「前年比43.9%増」) is the change from 2019
    answer = assistant.ask("中国の知財質押融資は2019年から2020年にかけてどのくらい増えた？")
    assert not answer.abstained and "43.9%" in answer.text, answer.abstain_reason


def test_a_year_in_one_go_is_the_full_year(assistant):
    answer = assistant.ask("中国の知財担保融資って2024年は結局1年でいくらになったの？")
    assert answer.abstained and not answer.citations, answer.text


# ---- round 80 (fresh blind probes e80a/e80b/j80a: false premises, near-miss variants, named schemes)


def test_a_scheme_or_index_the_index_never_names_is_refused(assistant):
    answer = assistant.ask("does the credit guarantee association have an 'IP Bridge Guarantee' for loans backed by patents?")
    assert answer.abstained and "IP Bridge Guarantee" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("How is the JPO's Patent Value Index for collateral purposes calculated?")
    assert answer.abstained and "Patent Value Index" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("銀行が特許の値打ちみるのに「IPバリュエーション指数」っての使ってるってきいたけどそれなに？")
    assert answer.abstained and "指数" in answer.abstain_reason, answer.abstain_reason
    # a scheme the documents name, however capitalised, is answered
    for question in ("What is the IP Acceleration Programme?", "What did the Business Owner Guarantee Reform Programme set out?"):
        answer = assistant.ask(question)
        assert not answer.abstained, (question, answer.abstain_reason)


def test_a_scheme_name_needs_its_last_word_in_a_passage():
    texts = ["The Japan Patent Office values patents for IP business evaluation reports."]
    assert unnamed_documents("How is the Japan Patent Valuation Index calculated?", texts, LEX) == ("Japan Patent Valuation Index",)
    assert unnamed_documents("What is the Japan Patent Office?", texts, LEX) == ()
    # a closing quote is no part of the name
    assert unnamed_documents("is there an 'IP Bridge Guarantee'?", texts, LEX) == ("IP Bridge Guarantee",)


def test_start_ups_are_counted_in_companies(assistant):
    answer = assistant.ask("How many start-ups did the JPO's IP Acceleration Programme (IPAS) support in its first two years?")
    assert not answer.abstained and "25" in answer.text, answer.abstain_reason


def test_nanbo_asks_how_much(assistant):
    answer = assistant.ask("評価書の作成費用って1件なんぼ？")
    assert not answer.abstained and "20万" in _lead(answer)[0], answer.text
    # a year asked in Kansai words needs that year's figure
    history = ["評価書の作るお金って特許庁がだしてくれてたってほんま？2017年はいくらやったん？"]
    answer = assistant.ask("2020年やとなんぼ出してくれてたん？", history=history)
    assert answer.abstained and not answer.citations, answer.text


def test_a_chinese_city_the_documents_never_name_is_no_other_citys_answer(assistant):
    history = ["how do they split the losses on patent-backed loans in zhongshan in china?"]
    answer = assistant.ask("guangzhou?", history=history)
    assert answer.abstained and not answer.citations, answer.text
    assert LEX.regions_in("what about Chengdu and Zhejiang?") == {"成都", "浙江"}


def test_why_something_ended_that_the_documents_never_say_ended(assistant):
    answer = assistant.ask("why did china shut down the fast green channel for patent pledges in 2023, did too many loans go bad")
    assert answer.abstained and "green channel" in answer.abstain_reason, answer.abstain_reason
    from assistant.answer.premise import _ended_object

    assert _ended_object(" the fast green channel for patent pledges in 2023, did") == "fast green channel"
    assert _ended_object(" it?") == ""


def test_why_something_was_made_binding_when_the_documents_say_it_is_not(assistant):
    history = ["When were the Guidelines on business owners' personal guarantees published?"]
    answer = assistant.ask("And why was it made legally binding in the 2022 revision?", history=history)
    assert answer.abstained and "binding" in answer.abstain_reason, answer.abstain_reason
    # asking whether it is binding takes nothing as given: the sentence saying it is not answers
    answer = assistant.ask("Is the business owner guarantee guideline legally binding on banks?")
    assert not answer.abstained and "拘束力" in _lead(answer)[0], answer.text


def test_binding_premise_reasons():
    from assistant.answer.premise import binding_premise

    assert binding_premise("why was it made mandatory?", ["The fund pays 60%."]) == ("not_binding", ["made mandatory"])
    assert binding_premise(
        "why were the provisioning methods made mandatory?", ["Adopting the methods is not mandatory."]
    ) == ("binding_denied", ["made mandatory"])
    # a duty spoken of: the other checks judge what it says
    assert binding_premise("why was it made mandatory?", ["Banks are obliged to report."]) == ("", [])
    assert binding_premise("Is it mandatory?", []) == ("", [])


# ---- round 82 (false refusals of answerable work-set questions, by cause)


def test_a_question_close_to_an_annotated_one_says_what_its_figure_is_of(assistant):
    # the same question with the case told first is a little further from the annotated one
    answer = assistant.ask("企業価値担保権で借りて、もし返されへんようになったら、取引先の分として最低いくらは残してもらえるん？")
    assert not answer.abstained and "70万円" in answer.text, answer.abstain_reason


def test_frb_is_the_federal_reserve(assistant):
    answer = assistant.ask("FRBの調査だと、米国の有担保事業融資で無形資産が担保にされた割合はどれくらいでしたか。")
    assert not answer.abstained and "4%" in _lead(answer)[0], answer.abstain_reason


def test_a_title_the_annotated_questions_use_is_known(assistant):
    answer = assistant.ask("Who chaired the study group that produced version 2.0 of the IP and Intangible Assets Governance Guideline?")
    assert not answer.abstained and "加賀谷" in answer.text, answer.abstain_reason


def test_who_bore_a_cost_is_not_what_it_is_of(assistant):
    answer = assistant.ask("2017年の時点で、知財ビジネス評価書1件あたり特許庁はどの程度の費用を負担していましたか。")
    assert not answer.abstained and "30万円" in _lead(answer)[0], answer.abstain_reason


def test_how_much_of_a_loss_borne_is_answered_by_a_share(assistant):
    answer = assistant.ask("if i get a loan with the credit guarantee corp backing it does the bank still eat some of the loss if i cant pay?? how much")
    assert not answer.abstained and "20%" in answer.text, answer.abstain_reason
    figure = requested_figure("does the bank bear part of the loss? how much?", LEX)
    assert "%" in figure.units and figure.money


# ---- round 83 (fresh blind probes e83a/e83b/j83a: parties' stances, periods, shares borne)


def test_a_stance_asked_yes_or_no_needs_a_sentence_reporting_it(assistant):
    for question in (
        "did keidanren actually like this whole use-the-company-as-collateral law or did they push back",
        "At the working group's second meeting, did Mizuho Bank argue for limiting charge holders to trust-licensed institutions?",
        "金融審議会WGの第2回会合で、みずほ銀行は事業成長担保権の創設そのものに賛成の立場でしたか、それとも慎重な立場でしたか。",
        "WIPOのタン事務局長って日本の企業価値担保権のことなんか言うてた？ほめてたとか",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.text)
    # a person asked by full name is found by the surname a sentence gives
    answer = assistant.ask("What did WIPO Director General Daren Tang say about intangible assets?")
    assert not answer.abstained and "Tang" in answer.text, answer.abstain_reason


def test_how_much_a_party_eats_is_a_share(assistant):
    history = ["in china if an ip loan goes bad who pays for it, like how does guangdong split it"]
    answer = assistant.ask("ok and what about zhuhai, how much does the bank eat there", history=history)
    assert not answer.abstained and "60%" in _lead(answer)[0], answer.abstain_reason


def test_the_whole_of_a_calendar_year_is_not_eleven_months(assistant):
    answer = assistant.ask("What was the total IP pledge registration amount in Guangdong for the whole of calendar 2024?")
    assert answer.abstained and not answer.citations, answer.text
    answer = assistant.ask("ok but whats the full 2024 number incl december", history=["how much ip pledge lending has guangdong done lately"])
    assert answer.abstained and not answer.citations, answer.text


def test_a_ruling_asked_for_needs_a_passage_citing_one(assistant):
    for question in (
        "Has any Japanese court issued a ruling in an enforcement procedure under an enterprise value charge so far?",
        "企業価値担保権でもめて裁判になった例ってもうあるん？判決とかでてたら教えて",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.text)
    # the court's part in enforcement is still answered
    answer = assistant.ask("企業価値担保権の実行手続は誰が開始を決定するの？")
    assert not answer.abstained and "裁判所" in _lead(answer)[0], answer.abstain_reason


def test_whether_a_standard_was_revised_needs_a_passage_on_a_revision(assistant):
    for question in (
        "Was China's GB/T 42748-2023 patent evaluation standard revised or replaced in 2025?",
        "中国の専利評価指引(GB/T 42748-2023)は、施行後に改訂版が公表されていますか。",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.text)
    # a revision stated under the guideline's heading answers (「2022年6月の改定により…」)
    answer = assistant.ask("Was the business owner guarantee guideline revised in 2022?")
    assert not answer.abstained, answer.abstain_reason
    # the final version (確定版) of a paper is no revision of it
    answer = assistant.ask("Has the FSA revised its July 2025 basic approach on provisioning enterprise value charge loans since it was published?")
    assert answer.abstained, answer.text


def test_a_figure_per_month_is_not_answered_by_a_years_count(assistant):
    answer = assistant.ask("知財金融促進事業って、評価書を毎月なんけんくらい作ってたん？")
    assert answer.abstained and "毎月" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("how many evaluation reports did the JPO support per month?")
    assert answer.abstained and "per month" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("知財金融促進事業では評価書を何件作成した？")
    assert not answer.abstained, answer.abstain_reason


# ---- round 86 (fresh blind probes e86a/e86b/j86a: forecasts, rankings, the asker's own numbers)


def test_a_forecast_needs_a_sentence_stating_one(assistant):
    for question in (
        "Will the JPO go back to paying the full cost of evaluation reports next fiscal year?",
        "will china keep growing ip pledge lending by 40% in 2025 too?",
        "企業価値担保権って、そのうち個人事業主でも使えるようになる予定とかあるん？",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.text)
        assert answer.abstain_reason == t("answer.abstain_reason.no_outlook", answer.lang), answer.abstain_reason
    # the officials' outlook for 2024 answers a question on it
    answer = assistant.ask("China's IP pledge financing in 2024: was the full-year figure expected to exceed 1 trillion yuan?")
    assert not answer.abstained and "1兆元" in _lead(answer)[0], answer.abstain_reason


def test_a_ranking_needs_a_sentence_making_one(assistant):
    for question in (
        "企業価値担保権つき融資の引当方法として例示された3つの方法のうち、地方銀行にとって最も適切なのはどれですか",
        "which bank in japan is best to go to for an enterprise value charge loan, a megabank or a regional one?",
        "Would you advise a client whose value sits mostly in inventory to use ABL rather than the enterprise value charge?",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.text)
    # the asker's own choice, said in more ways, is theirs to make
    for question, history in (
        ("ok so which one should my startup go with", ["what's the difference between ABL and the enterprise value charge?"]),
        ("企業価値担保権とABL、うちみたいな在庫多めの卸売業やったらどっち選んだほうが得なん？", []),
    ):
        answer = assistant.ask(question, history=history)
        assert answer.abstained and answer.abstain_reason == t("answer.abstain_reason.own_choice", answer.lang), question


def test_how_much_the_asker_could_borrow_is_not_in_the_documents(assistant):
    for question, asked in (
        ("ok so say i have 3 granted patents and about 50m yen in sales, how much would a bank lend me against them?", "how much would a bank lend me"),
        ("うちは年商2億の工場なんやけど、会社まるごと担保にしたらなんぼくらいまで借りれるん？", "なんぼくらいまで借りれるん"),
    ):
        answer = assistant.ask(question)
        assert answer.abstained and asked in answer.abstain_reason, (question, answer.abstain_reason)
    # how much others lent is still answered
    answer = assistant.ask("How much IP-secured lending did the Development Bank of Japan do by March 2008?")
    assert not answer.abstained, answer.abstain_reason


def test_a_cause_of_growth_is_not_its_figures(assistant):
    for question in (
        "why did china's ip pledge lending shoot up 75% in 2023, what was driving that?",
        "中国の知財質押融資が2023年に前年比75.4%も伸びた主な要因は何ですか",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and answer.abstain_reason == t("answer.abstain_reason.no_reason", answer.lang), question


def test_a_page_count_is_not_answered_by_other_counts(assistant):
    for question in (
        "how many pages is the IP and intangible assets governance guideline ver 2.0?",
        "金融庁の検討ペーパーは全部で何ページありますか",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.text)


def test_follow_ups_and_words_users_type(assistant):
    # an "and …" follow-up naming a scheme of its own stands alone
    answer = assistant.ask(
        "And under the responsibility-sharing system, what share of the risk does the lending bank carry?",
        history=["What is the credit supplementation system?"],
    )
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.abstain_reason
    # "the first deal" points back; "who led the underwriting" asks a firm, not a person
    answer = assistant.ask(
        "Who led the underwriting on the first deal?", history=["Has anyone in the US started insuring loans secured on IP?"]
    )
    assert not answer.abstained and "Markel" in _lead(answer)[0], answer.abstain_reason
    # contractions typed without apostrophes are no key terms ("thats", "cant")
    answer = assistant.ask("if i get a loan thats guaranteed by the credit guarantee corp and i cant pay, does the bank lose anything")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.abstain_reason
    # what a party does in a condition ("if the bank files …") is no thing asked for
    answer = assistant.ask("in china if the bank files the patent pledge online, how many days till it's registered?")
    assert not answer.abstained and "1営業日" in _lead(answer)[0], answer.abstain_reason
    # a law officially published is promulgated
    answer = assistant.ask("ok and when was it officially published?", history=["when did the law for the enterprise value charge get passed?"])
    assert not answer.abstained and "2024年6月14日" in _lead(answer)[0], answer.abstain_reason
    # held back for the other creditors: the reserved amount
    answer = assistant.ask(
        "if my company defaults and the business is sold under the enterprise value charge, whats the minimum amount they have to hold back for suppliers and other creditors"
    )
    assert not answer.abstained and "70万円" in answer.text, answer.abstain_reason


def test_a_share_of_a_named_group_needs_a_sentence_naming_it(assistant):
    # 70.5% of SMEs among the beneficiaries is no share of manufacturers
    answer = assistant.ask("中国で知財担保つかって借りてる会社って、業種でいうと何が多いん？製造業が何割とか分かる？")
    assert answer.abstained and not answer.citations, answer.text
    # the group in the documents' words still answers: 銀行 is 金融機関, 中小企業 「中小・零細企業」
    answer = assistant.ask("責任共有制度だと銀行が何割負担するの？")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.abstain_reason
    answer = assistant.ask("中国で知財担保融資を受けた企業のうち中小企業が何割？")
    assert not answer.abstained and "70.5%" in answer.text, answer.abstain_reason


# ---- round 87 (fresh blind probes e87a/e87b/j87a)


def test_round_87_premises_views_revisions_and_rates(assistant):
    # a year of passing said and checked ("… passed back in 2022 right?") is a premise
    answer = assistant.ask("so the enterprise value charge law passed back in 2022 right? why did it take so long before companies could use it")
    assert answer.abstained and "2022" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("the enterprise value charge law passed in 2024, right?")
    assert not answer.abstained, answer.abstain_reason
    # a titled person asked to have rated something is asked a view
    answer = assistant.ask("WIPOのタン事務局長って、日本の企業価値担保権のことなんか評価してた？")
    assert answer.abstained and "タン事務局長" in answer.abstain_reason, answer.abstain_reason
    # 「改訂や追補がありましたか」 asks whether it was revised
    answer = assistant.ask("中国の専利評価指引 GB/T 42748-2023 は、施行後に改訂や追補がありましたか。")
    assert answer.abstained and not answer.citations, answer.text
    # rates compared are rates: growth and shares are none
    answer = assistant.ask("whats the interest rate on ip pledge loans in china vs a normal bank loan there?")
    assert answer.abstained and not answer.citations, answer.text


def test_an_ok_follow_up_carries_the_topic(assistant):
    answer = assistant.ask("ok how do i apply and do we have to pay anything", history=["what is IPAS and who helps you in it?"])
    assert "IPAS" in answer.condensed_query, answer.condensed_query
    assert answer.abstained or "IPAS" in _lead(answer)[0], answer.text


def test_whether_a_proposal_was_put_into_practice_needs_a_passage_saying_so(assistant):
    answer = assistant.ask(
        "has the government actually started doing proposal II, the bad-debt reserve top-up?",
        history=["What does the Deloitte article propose to promote IP finance in Japan?"],
    )
    assert answer.abstained and answer.abstain_reason == t("answer.abstain_reason.not_implemented", "en", terms="proposal")
    # what the proposal is stays answered
    answer = assistant.ask("What does the Deloitte article's Proposal II call for?")
    assert not answer.abstained, answer.abstain_reason


def test_a_casual_yes_no_about_a_place_the_documents_only_say_elsewhere(assistant):
    answer = assistant.ask(
        "日本でもそういう保険ってもう売り出されてるん？特許担保で借りたときに使えるやつ",
        history=["アメリカで特許担保の融資に保険つけた最初の案件ってどこの会社？"],
    )
    assert answer.abstained and "保険" in answer.abstain_reason, answer.abstain_reason


def test_the_minimum_asked_after_a_case_is_the_figure_asked(assistant):
    # "whats the minimum amount" asks a figure, though an if-clause opens the question
    answer = assistant.ask(
        "if my company defaults and the business gets sold off under this enterprise value charge, whats the minimum amount "
        "they have to hold back for the suppliers and other creditors before the bank gets paid"
    )
    assert not answer.abstained and answer.intent == "howmuch", answer.abstain_reason
    assert "70万円" in _lead(answer)[0], answer.text


# ---- round 90 (fresh blind probes e90a/e90b/j90a/j90b)


def test_an_event_the_documents_never_speak_of_is_refused_whatever_is_asked(assistant):
    # a yes/no under a case is refused when the event itself is nowhere in the documents
    answer = assistant.ask("うちは企業価値担保権で借りてるんやけど、社長が亡くなったら契約の見直しとか要るの？")
    assert answer.abstained and "亡くなる" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("企業価値担保権つけてる会社が他社と合併したあとも、担保は新しい会社の財産に及ぶの？")
    assert answer.abstained and "合併" in answer.abstain_reason, answer.abstain_reason
    # an English case says what happens at its end, after the words saying who
    answer = assistant.ask(
        "If a company that has granted an enterprise value charge is later absorbed in a merger, "
        "does the charge cover the new company's assets?"
    )
    assert answer.abstained and "merger" in answer.abstain_reason, answer.abstain_reason


def test_what_an_asker_does_to_a_thing_and_vague_nouns_are_no_event(assistant):
    # 「融資を稟議したら」 is the bank's own practice: the provisioning methods still answer
    answer = assistant.ask("企業価値担保権付き融資を稟議したら、引当方法として何が例示されていますか")
    assert not answer.abstained, answer.abstain_reason
    # "one of these charge things" names no case the documents lack
    answer = assistant.ask("if the bank enforces one of these enterprise value charge things, is there a minimum left for trade creditors?")
    assert not answer.abstained, answer.abstain_reason
    # a kana verb (バレたら) may be said in other words: no event refused for it
    answer = assistant.ask("粉飾がバレたら社長の保証はどうなるの？")
    assert "バレ" not in (answer.abstain_reason or ""), answer.abstain_reason


def test_a_part_named_by_a_compound_with_a_generic_word_inside_it_is_named(assistant):
    # "institution" inside "financial institution staff" is no generic head to drop
    answer = assistant.ask("Of the people at the 2018 IP Finance Forum, how many were financial institution staff?")
    assert not answer.abstained, answer.abstain_reason
    assert "134" in _lead(answer)[0], answer.text
    # a part the unit does not name is still refused, and named without "from"
    answer = assistant.ask("Of the 252 people at the 2018 IP finance forum, how many were from shinkin banks?")
    assert answer.abstained and '"the figure for shinkin banks"' in answer.abstain_reason, answer.abstain_reason
    # kinds listed together are each named by their own word, not by the generic "banks"
    answer = assistant.ask("How many of those were shinkin banks or credit cooperatives?", history=["How many financial institutions had used IP business evaluation reports by May 2019?"])
    assert answer.abstained, answer.text


def test_an_obligation_is_no_view_and_a_last_question_may_lack_its_mark(assistant):
    # "does he have to think about the staff" asks what the guidelines make him do
    answer = assistant.ask(
        "if the company is sold off by the administrator does he only look at the price or does he have to think about the workers too"
    )
    assert not answer.abstained, answer.abstain_reason
    # "… grab everything? is there a minimum amount": the last sentence asks too
    answer = assistant.ask(
        "when the bank enforces and the business gets sold, is money kept aside for suppliers or does the bank grab everything? "
        "is there a minimum amount"
    )
    assert not answer.abstained, answer.abstain_reason


def test_a_form_asked_for_by_name_or_told_in_detail_must_be_named(assistant):
    # 「…を具体的に教えてください」 and 「…ってなんて名前」 ask for the thing before them
    answer = assistant.ask("知財ビジネス評価書の作成支援に申し込むとき、申請書の様式を具体的に教えてください。")
    assert answer.abstained and "様式" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("評価書たのみたいんやけど、申込書の様式ってなんて名前のやつ？")
    assert answer.abstained and "様式" in answer.abstain_reason, answer.abstain_reason
    # a thing the passages name is still answered however it is asked to be told
    answer = assistant.ask("企業価値担保権の実行手続の流れを具体的に教えてください")
    assert not answer.abstained, answer.abstain_reason


def test_percentages_and_what_a_body_charges_ask_for_figures(assistant):
    # "the actual percentages applied to each bracket": the method's sentence gives none
    answer = assistant.ask(
        "and what are the actual percentages for each bracket?",
        history=["In enforcement of an enterprise value charge, what is the minimum reserved for unspecified secured claims?"],
    )
    assert answer.abstained, answer.text
    # "what does the USPTO charge to record it" asks a fee; "what does the charge cover" does not
    answer = assistant.ask(
        "and what does the USPTO charge to record it?",
        history=["What is the best practice for perfecting a security interest in patents in the US?"],
    )
    assert answer.abstained, answer.text
    answer = assistant.ask("what does the enterprise value charge cover?")
    assert not answer.abstained, answer.abstain_reason


def test_exceptions_and_falsified_accounts_are_found_in_users_words(assistant):
    # "any exceptions to that?" finds the sentence saying 「…を除いて」
    answer = assistant.ask("any exceptions to that?", history=["in 2023 did the fsa say banks could not take an owner's personal guarantee under the business growth charge?"])
    assert "粉飾" in _lead(answer)[0], answer.text
    # 「決算ごまかしてた場合」 and "the books were cooked" are 粉飾
    answer = assistant.ask("会社まるごと担保の制度って、決算ごまかしてた場合でも社長の保証は取られへんの？")
    assert "粉飾" in _lead(answer)[0], answer.text


def test_round_92_a_bare_how_much_a_party_share_and_events_in_what_happens_questions(assistant):
    # "…? how much" after the part naming what it is of asks the bank's share (80%/20%)
    answer = assistant.ask(
        "if my loan is backed by the credit guarantee corporation and i cant pay, does the bank still eat part of the loss? how much"
    )
    assert "20%" in _lead(answer)[0], answer.text
    # 「銀行もちょっとは損かぶるん？何割くらい？」 asks the bank's share, which the 70–90% does not name
    answer = assistant.ask("保証協会つきの借金、返せんかったら銀行もちょっとは損かぶるん？何割くらい？")
    assert "20%" in _lead(answer)[0], answer.text
    # (a word in a case before it is no party: 珠海's split still answers)
    answer = assistant.ask("珠海だとローンが焦げ付いたとき、銀行側は損失の何割をかぶるんですか。")
    assert "60%" in _lead(answer)[0], answer.text
    # a what-happens question under an event the documents never speak of, said by a verb or a compound
    answer = assistant.ask("社長が急に死んだりしたら、企業価値担保権つけてる融資ってどうなるの？")
    assert answer.abstained and "死ぬ" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("うちが民事再生になったら、企業価値担保権ってどうなるん？")
    assert answer.abstained and "民事再生" in answer.abstain_reason, answer.abstain_reason


def test_same_thing_for_another_kind_follows_up(assistant):
    answer = assistant.ask(
        "same split for founder loans?", history=["if a loan backed by the credit guarantee corp goes bad, does the bank lose anything?"]
    )
    assert "credit guarantee" in answer.condensed_query, answer.condensed_query


# ---- round 93


def test_round_93_figures_asked_in_everyday_words(assistant):
    # 「何万円まで」 asks an amount: a sentence with no amount in 円 does not give it
    answer = assistant.ask("経営者保証ガイドラインで保証人が手元に残せる生計費って、何万円までOKなん？")
    assert answer.abstained, answer.text
    # "the max" is an upper limit: the minimum reserved is no maximum
    answer = assistant.ask(
        "and the max?", history=["what's the minimum amount reserved for unspecified secured claims under the enterprise value charge?"]
    )
    assert answer.abstained, answer.text
    # 「最終的な数字が知りたい」 asks a year's actual figure: an outlook for it is none
    answer = assistant.ask("中国の知財質押融資、2024年通年の最終的な数字が知りたいです")
    assert answer.abstained, answer.text
    # a figure of the asked year about something else (a fund raised in 2017) is no figure for the loans
    answer = assistant.ask("中国の特許担保融資って2017年は金額いくらやった？")
    assert answer.abstained, answer.text
    # …while the words before a count (「評価書1本」) still name the report whose cost is asked
    answer = assistant.ask("評価書を1本つくってもらうのに費用ってどのくらい？")
    assert not answer.abstained and "万円" in _lead(answer)[0], answer.text


def test_round_93_users_words_for_subrogation_effect_and_online_filing(assistant):
    # "pays the bank for me" is subrogation; "behind it" is no key term
    answer = assistant.ask("if the guarantee corporation pays the bank for me, how much of it do they get back?")
    assert not answer.abstained and "70" in _lead(answer)[0], answer.text
    answer = assistant.ask("my loan has the credit guarantee corporation behind it. does the bank lose anything if i default?")
    assert not answer.abstained, answer.abstain_reason
    # "kick in" and 「その日から」 ask when the charge takes effect: on registration
    answer = assistant.ask("does the enterprise value charge kick in as soon as we sign with the trust company?")
    assert "登記" in _lead(answer)[0], answer.text
    answer = assistant.ask("信託のけいやく交わしたら、その日から担保として効くん？")
    assert "登記" in _lead(answer)[0], answer.text
    # 「ネットで申請」 is electronic filing
    answer = assistant.ask("中国で特許の質権登録をネットで申請したら何日くらい？")
    assert "1営業日" in _lead(answer)[0], answer.text


def test_round_93_who_asked_casually_and_which_banks(assistant):
    answer = assistant.ask("事業全体を担保にする制度を金融庁で検討してたワーキンググループの座長って誰やったっけ")
    assert answer.intent == "who" and "神田" in _lead(answer)[0], answer.text
    answer = assistant.ask("some banks presented to the fsa working group on the new charge, which banks were they?")
    assert "みずほ" in _lead(answer)[0], answer.text


def test_a_kansai_opener_follows_up():
    from assistant.retrieval.condense import is_follow_up

    assert is_follow_up("ほな実際どのくらいの割合なん、特許とかが担保になってる融資って")


def test_round_93_a_year_taken_as_given_in_a_tag_or_a_clause_before_so(assistant):
    # 「…から始まったんやんな？」 takes a start date as given (Kansai for んだよね)
    answer = assistant.ask("企業価値担保権って2024年10月から始まったんやんな？どこの信託会社が担保権者になれるん？")
    assert answer.abstained and "2024" in answer.abstain_reason, answer.abstain_reason
    # "X has been mandatory since 2021, so …?": the standard's effective date is 2023
    answer = assistant.ask("the chinese patent evaluation standard has been mandatory for banks since 2020, so which indicators does it use?")
    assert answer.abstained and "2020" in answer.abstain_reason, answer.abstain_reason


def test_round_93_the_askers_own_choice_without_a_pronoun(assistant):
    answer = assistant.ask("個人事業でやってて、会社にして企業価値担保権で借りるのと今のままと、どっちがいいか教えてほしい")
    assert answer.abstained and answer.abstain_reason.startswith("文書は制度の内容"), answer.abstain_reason
    answer = assistant.ask("自宅を担保に入れたくないんだけど、ABLと企業価値担保権ならどっちのほうが得ですかね？")
    assert answer.abstained and answer.abstain_reason.startswith("文書は制度の内容"), answer.abstain_reason


def test_round_93_where_to_apply_and_which_papers(assistant):
    # no passage says where one applies for an enterprise value charge loan, or with which papers
    answer = assistant.ask("where do we go to apply for an enterprise value charge loan, and what documents do we need to bring?")
    assert answer.abstained, answer.text
    answer = assistant.ask("IPASの応募書類ってなにを用意すればいいですか")
    assert answer.abstained, answer.text
    # …but the evaluation reports' applications were taken through the portal: that answers
    answer = assistant.ask("知財金融促進事業の評価書作成支援って、どこに申し込む仕組みだったんですか")
    assert not answer.abstained and "ポータル" in _lead(answer)[0], answer.text


# ---- round 94


def test_round_94_an_item_asked_by_its_number_leads_before_the_list(assistant):
    # 「提案Ⅱとして…」: 提案II leads, though 提案I opens the list the article announces
    answer = assistant.ask("デロイトの記事の提案Ⅱでは、貸し倒れに備えて国や自治体にどういう仕組みを求めていますか")
    assert _lead(answer)[0].startswith("提案II"), answer.text


def test_round_94_whether_a_rule_applies_is_answered_by_what_it_leaves_out(assistant):
    answer = assistant.ask("スタートアップ向けの創業の保証でも、銀行が2割持つ仕組みってあてはまるんですか？")
    assert "対象外" in _lead(answer)[0], answer.text


def test_round_94_the_askers_purpose_is_no_key_term(assistant):
    answer = assistant.ask("改正された事業譲渡等指針の告示日を、社内の報告書に記載したいので確認させてください。")
    assert not answer.abstained and "2026年1月20日" in _lead(answer)[0], answer.text


def test_round_94_where_to_go_and_what_to_bring(assistant):
    answer = assistant.ask("企業価値担保権で借りるなら、どこの窓口に行けばいい？用意する書類もおしえて")
    assert answer.abstained, answer.text
    answer = assistant.ask("Which trust companies have got that licence so far?", history=["Who may act as an enterprise value charge trust company?"])
    assert answer.abstained, answer.text


def test_round_94_start_years_and_events_said_as_people_say_them(assistant):
    # 「2024年の10月から使えるようになったんやろ？」: the law took effect on 2026-05-25
    answer = assistant.ask("企業価値担保権って2024年の10月から使えるようになったんやろ？評判どうなん？")
    assert answer.abstained and "2024" in answer.abstain_reason, answer.abstain_reason
    # an order's number dated 2025 is no start in 2025: a question on the law's date still answers
    answer = assistant.ask("When did the Act on the Promotion of Business-Based Lending take effect?")
    assert not answer.abstained and "2026" in _lead(answer)[0], answer.text
    # a case done with a compound the index never writes in a row, or an action noun before 後
    answer = assistant.ask("企業価値担保権で借りてるときに、会社が民事再生を申し立てたら担保ってどうなんの？")
    assert answer.abstained and "民事再生" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("うちの会社、合併後の新会社にも企業価値担保権はついてくるん？")
    assert answer.abstained and "合併" in answer.abstain_reason, answer.abstain_reason
    # (an action noun the documents use before 後 is no such case)
    answer = assistant.ask("企業価値担保権の設定後の会社は、財産を売ってもいいの？")
    assert not answer.abstained, answer.abstain_reason


def test_round_94_how_much_in_kansai_past_totals_and_parts_of_a_whole(assistant):
    # 「何ぼ」 is なんぼ
    answer = assistant.ask("評価書って1本つくるのに何ぼかかるん？")
    assert not answer.abstained and "万円" in _lead(answer)[0], answer.text
    # 「なんぼ借りれたんやろ」 asks what was borrowed (a past total), not a borrowing limit
    answer = assistant.ask("知財金融促進事業で、評価書を使った会社は合計なんぼ借りれたんやろ？")
    assert not answer.abstained and "43.8億円" in answer.text, answer.text
    # "how many of the world's companies are SMEs" asks a part of a whole (a share answers) …
    answer = assistant.ask("how many of the world's businesses are SMEs, roughly?")
    assert not answer.abstained and "90%" in _lead(answer)[0], answer.text
    # … while "how many of those … are there" still asks a count
    answer = assistant.ask("and how many of those corporations are there now?", history=["When did Japan's credit guarantee system start?"])
    assert "51" in _lead(answer)[0], answer.text


# ---- round 96


def test_round_96_a_split_of_the_risk_is_stated_as_the_responsibility_shared(assistant):
    # 「協会が80%、金融機関が20%の割合で責任を分担」 answers a split asked of the risk or the loss
    answer = assistant.ask(
        "so if we cant repay, how is the risk divided between the guarantee corporation and our bank?",
        history=["what does a credit guarantee corporation do for a small company loan?"],
    )
    assert not answer.abstained and "80%" in _lead(answer)[0], answer.text


def test_round_96_fillers_name_nothing_asked(assistant):
    answer = assistant.ask("and how many of those corporations exist in japan anyway?", history=["When did Japan's credit guarantee system start?"])
    assert not answer.abstained and "51" in _lead(answer)[0], answer.text


def test_round_96_a_successor_asked_after_how_long(assistant):
    # the follow-up asks what came next, not the length of time the earlier turn asked
    answer = assistant.ask("その事業が終わったあと、後継の事業ってできたの？", history=["知財金融促進事業って何年度までやってた？"])
    assert not answer.abstained and "後継" in _lead(answer)[0], answer.text


def test_round_96_a_verb_of_saying_is_no_event(assistant):
    # 「…っていう場合」: no case the documents never speak of
    answer = assistant.ask("経営者保証を取られないっていう話、決算の数字を盛ってたとかいう場合も同じなの？")
    assert not answer.abstained, answer.abstain_reason


def test_round_96_start_dates_said_in_kana_or_as_entering_into_force(assistant):
    answer = assistant.ask("企業価値担保権って2024年の春にはじまったやんな？もう使ってる会社多いん？")
    assert answer.abstained and "2024" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("Given that the Act entered into force in January 2025, how many charges have been registered?")
    assert answer.abstained and "2025" in answer.abstain_reason, answer.abstain_reason


def test_round_96_how_big_a_fund_is_asks_money_and_a_ratio_counts_nothing(assistant):
    # Zhongshan's split (54:26:16:4) gives no size of its fund
    answer = assistant.ask("how large is the risk compensation fund in zhongshan?")
    assert answer.abstained, answer.text
    # Guangdong's funds total about 58億元
    answer = assistant.ask("how big are the risk compensation funds in guangdong province in total?")
    assert not answer.abstained and "58億元" in answer.text, answer.text


def test_round_96_contacts_forms_and_charges_asked_in_everyday_english(assistant):
    answer = assistant.ask("who should i call at the jpo about those evaluation reports? is there a phone number?")
    assert answer.abstained, answer.text
    answer = assistant.ask("which form do i fill in to set up an enterprise value charge, and where do i go to register it?")
    assert answer.abstained and "figure" not in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("and what do they charge for each valuation?", history=["who values the patents when chinese banks lend against them?"])
    assert answer.abstained, answer.text


def test_round_96_a_person_asked_in_one_part_and_by_what_name(assistant):
    answer = assistant.ask("シンガポールの閣僚がパラドックスを指摘したそうですが、なんていう人ですか？")
    assert answer.abstained, answer.text


def test_round_96_an_actual_figure_asked_is_no_outlook(assistant):
    # 「数字ある？」 asks a figure: an outlook for the year is no actual result
    answer = assistant.ask("中国の知財担保融資って2024年は通年で1兆元いったの？確定した数字ある？")
    assert answer.abstained, answer.text


def test_round_96_how_pay_is_set_and_revisions_since_a_month(assistant):
    answer = assistant.ask("管財人の報酬の決め方はどうなっていますか")
    assert answer.abstained and "報酬" in answer.abstain_reason, answer.abstain_reason
    # a revision since June 2022 of the owner-guarantee guidelines: none is in the documents
    answer = assistant.ask("Were the owner guarantee guidelines amended again since the June 2022 revision?")
    assert answer.abstained, answer.text


def test_round_96_years_since_an_era_began(assistant):
    # 「令和になってから」 asks 2019 on: the documents give ABL's balance for 平成23年度 only
    answer = assistant.ask("ABLの残高って、令和に入ってからの数字はありますか")
    assert answer.abstained, answer.text


def test_round_96_rates_asked_are_percentages(assistant):
    answer = assistant.ask(
        "and what rate applies to each of those brackets?",
        history=["how is the amount reserved for unspecified secured claims calculated?"],
    )
    assert answer.abstained, answer.text


def test_round_96_whether_the_bank_is_protected_yet_and_whose_ok_is_needed(assistant):
    answer = assistant.ask("we signed the enterprise value charge trust agreement last week, so the bank is already protected from that day, right?")
    lead = _lead(answer)[0]
    assert not answer.abstained and ("commercial register" in lead.lower() or "登記" in lead), answer.text
    answer = assistant.ask("担保つけたあとで工場を丸ごと売りたくなったら、銀行のOKもらわなあかんの？")
    assert not answer.abstained and "同意" in answer.text, answer.text


def test_round_96_a_share_in_tenths_is_the_percentage_stated(assistant):
    # 「2割」 taken as given is the 20% the documents state: no unstated premise
    answer = assistant.ask("創業したばかりで保証協会の融資を使う予定。銀行が2割を負担する仕組みは、創業向けの保証にもあるの？")
    assert not answer.abstained and "対象外" in _lead(answer)[0], answer.text


def test_round_96_whether_a_rule_holds_in_every_case_is_led_by_its_exception(assistant):
    answer = assistant.ask("under the new charge, can a bank never ask the owner for a personal guarantee, no matter what?")
    assert not answer.abstained and "粉飾" in answer.citations[0].quote, answer.text


def test_round_96_a_hiragana_proper_noun_is_a_misread_verb(assistant):
    # 「お金かりるの」 is read as か + りるの (a proper noun): no name the documents lack
    answer = assistant.ask(
        "ネットで申請したら何日くらいで終わるん？", history=["中国で特許を担保にお金かりるのって、登記はどうするの？"]
    )
    assert not answer.abstained and "1営業日" in answer.text, answer.text


def test_round_96_what_began_after_a_programme_ended(assistant):
    # its successor's sentence names the successor, not the programme asked about
    answer = assistant.ask("知財金融促進事業が終わったあと、なにか新しい事業は始まった？")
    assert not answer.abstained and "後継" in _lead(answer)[0], answer.text


def test_round_96_an_owner_who_never_incorporated(assistant):
    answer = assistant.ask("what if we never incorporated though, and i just run it as a sole trader?", history=["can we put the entire business up as security for a bank loan now?"])
    assert not answer.abstained and ("sole proprietor" in answer.text.lower() or "個人事業主" in answer.text), answer.text


# ---- round 98


def test_round_98_a_last_part_typed_without_a_question_mark_is_a_part():
    from assistant.answer.parts import question_parts

    assert question_parts("IPASって何社支援したん？あと会費なんぼかかるん", clauses=True) == [
        "IPASって何社支援したん？",
        "あと会費なんぼかかるん",
    ]
    # a remark after the question is no part, question word or not
    assert len(question_parts("どのくらいの規模なん？何もわからなくて", clauses=True)) == 1


def test_round_98_an_unstated_fee_in_a_second_part_is_refused(assistant):
    answer = assistant.ask("IPASって最初の2年で何社の面倒をみたん？あと参加するのに会費なんぼいるん")
    assert answer.abstained, answer.text


def test_round_98_where_to_download_needs_an_address(assistant):
    answer = assistant.ask("評価書のひな形が公表されたのはいつ？あとどこでダウンロードできるん")
    assert answer.abstained and "ダウンロード" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("where can i download the template for the IP business evaluation report?")
    assert answer.abstained, answer.text


def test_round_98_running_a_business_and_fillers_are_no_key_terms(assistant):
    answer = assistant.ask("okay so i run it as a sole trader, does that work?", history=["who can grant an enterprise value charge?"])
    assert not answer.abstained and "個人事業主" in answer.text, answer.text


def test_round_98_a_count_of_what_was_selected_as_something(assistant):
    # 「…として採択された件数」 counts 採択, not the whole phrase before it
    answer = assistant.ask("2014年度の試行で、評価書作成支援として採択された件数は何件でしたか")
    assert not answer.abstained and "37件" in _lead(answer)[0], answer.text


def test_round_98_like_after_have_is_a_filler_not_a_stance(assistant):
    answer = assistant.ask("does china have like a national rulebook for valuing patents? what is it called")
    assert not answer.abstained and "GB/T 42748-2023" in answer.text, answer.text


def test_round_98_anyone_and_another_name_no_focus(assistant):
    answer = assistant.ask("we signed the charge's trust agreement, is there another step before the security counts?")
    assert not answer.abstained and "登記" in answer.text, answer.text
    answer = assistant.ask("once the whole business is pledged, do i need anybody's ok to sell one of our plants?")
    assert not answer.abstained and "同意" in answer.text, answer.text


def test_round_98_a_guarantee_association_without_credit(assistant):
    answer = assistant.ask("if the guarantee association backs our loan and we go under, is the bank out of pocket at all?")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.text


def test_round_98_a_later_part_pointing_back_counts_what_the_first_names(assistant):
    # IPAS's 25 companies are none of the enterprise value charge's users
    answer = assistant.ask("when did the enterprise value charge begin, and how many firms have used it so far?")
    assert answer.abstained, answer.text
    # the WG's seven meetings are in its own report, though the sentence does not name it
    answer = assistant.ask("Who chaired the FSA working group on business lending, and how many times did it meet?")
    assert not answer.abstained and "7回" in answer.text, answer.text


def test_round_98_us_the_pronoun_is_no_united_states():
    assert "米国" not in LEX.expand_english("can the bank help us get out of subcontracting with our patents?")
    assert "米国" in LEX.expand_english("what do banks in the US do with patents?")


def test_round_98_a_subcontractor_asks_about_breaking_free(assistant):
    answer = assistant.ask("we mostly build parts as a subcontractor for one big manufacturer, is there a bank tool using our patents to get out of that?")
    assert not answer.abstained and "提案書" in _lead(answer)[0], answer.text


def test_round_98_whether_two_schemes_go_together_needs_a_unit_naming_both(assistant):
    answer = assistant.ask("could we combine the enterprise value charge with a credit guarantee corporation guarantee for one loan?")
    assert answer.abstained and "combine" in answer.abstain_reason, answer.abstain_reason
    # the documents say how the charge and owner guarantees go together
    answer = assistant.ask("企業価値担保権と経営者保証は併用できますか")
    assert not answer.abstained and "経営者保証" in _lead(answer)[0], answer.text


def test_round_98_kansai_question_words_are_read_in_their_standard_form(assistant):
    from assistant.text.ja import standard_spoken

    assert standard_spoken("最低なんぼ残しとかなあかんの") == "最低いくら残しとかないけないの"
    kansai = assistant.ask("会社ごと売られた場合、銀行以外の取引先に回すぶんは最低なんぼ残しとかなあかんの？")
    standard = assistant.ask("会社ごと売られた場合、銀行以外の取引先に回すぶんは最低いくら残しとかないけないの？")
    assert not kansai.abstained and "70万円" in _lead(kansai)[0], kansai.text
    assert _lead(kansai) == _lead(standard)
    # 「なんぼか負担する」 is "some of it", no amount asked
    answer = assistant.ask("保証協会つきで借りても銀行もなんぼか負担するってほんま？割合を知りたい")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.text


def test_round_98_counts_bound_to_other_nouns_count_nothing_else(assistant):
    # 「3つの一級指標、14の二級指標、27の三級指標、そして拡張指標」: no count of 拡張指標
    answer = assistant.ask("中国の特許評価の国家標準では、拡張指標は具体的にいくつ置かれていますか")
    assert answer.abstained, answer.text
    answer = assistant.ask("中国の特許評価の国家標準では、二級指標は具体的にいくつありますか")
    assert not answer.abstained and "14の二級指標" in _lead(answer)[0], answer.text


def test_round_98_what_was_it_called_is_no_why(assistant):
    # 「なんでしたっけ」 asks what it was, not why
    answer = assistant.ask("2019年度の後継事業で評価書に加えて導入された書類、名前なんでしたっけ。")
    assert not answer.abstained and answer.intent != "why" and "提案書" in _lead(answer)[0], answer.text


# ---- round 99


def test_round_99_a_fee_asked_in_a_later_part_alone(assistant):
    answer = assistant.ask("IPASはいつ始まったんですか？あと参加費ってかかるの？")
    assert answer.abstained and "参加費" in answer.abstain_reason, answer.abstain_reason
    # a figure the documents give, in the later part, is still answered
    answer = assistant.ask("IPASはいつ始まったんですか？あと最初の2年で何社くらい支援したの？")
    assert not answer.abstained and "25社" in answer.text, answer.text


def test_round_99_whose_scheme_it_is_names_no_focus(assistant):
    answer = assistant.ask("is there a government programme where mentors help start-ups with their patent strategy?")
    assert not answer.abstained and "IPAS" in answer.text, answer.text


def test_round_99_an_address_asked_in_english(assistant):
    answer = assistant.ask("which credit guarantee corporation covers osaka, and what is their address?")
    assert answer.abstained, answer.text


def test_round_99_a_start_taken_as_given_with_yaro(assistant):
    answer = assistant.ask("企業価値担保権って2024年10月からスタートしたやろ？もう使えるんちゃうの")
    assert answer.abstained, answer.text


def test_round_99_a_role_in_parentheses_is_no_view(assistant):
    answer = assistant.ask("銀行が自分で企業価値担保権の担保権者（信託会社の立場）になるには、何の認可が要りますか。")
    assert not answer.abstained and "兼営法" in answer.text, answer.text


def test_round_99_a_time_after_is_a_length_of_time():
    from assistant.answer.quantity import _LENGTH_OF_TIME

    assert _LENGTH_OF_TIME.search("法案を提出し、2〜3年後に制度を始める")
    assert _LENGTH_OF_TIME.search("設立から3年後に")
    assert not _LENGTH_OF_TIME.search("2023年度中に法案を提出した")


# ---- round 100


def test_round_100_the_askers_own_site_is_no_place_asked(assistant):
    # "our shenzhen sub" says where the asker sits; the registration time is national
    answer = assistant.ask("we'd borrow via our shenzhen subsidiary against our patents. how many days does an online pledge registration take")
    assert not answer.abstained and "1営業日" in answer.text, answer.text
    # a city asked for itself is still asked: no figure for Shenzhen's registration time
    answer = assistant.ask("how many days does a patent pledge registration take in shenzhen specifically")
    assert answer.abstained, answer.text


def test_round_100_a_term_sheet_asks_no_term():
    def lasting(text: str) -> list:
        return [q for q in LEX.quantities if q.pattern.search(text) and "期間" in q.pattern.pattern]

    assert lasting("what is the loan term"), "a loan's term is a length of time"
    assert lasting("what's the duration")
    assert not lasting("the venture debt term sheet wants a first lien on everything")
    assert not lasting("is long-term lending to startups normal")


def test_round_100_a_statutory_floor_asks_a_floor(assistant):
    answer = assistant.ask(
        "before the secured lender is paid out of an enforcement, some money is kept back for other creditors. "
        "is there a statutory floor on that amount?"
    )
    assert not answer.abstained and "70万円" in answer.text, answer.text


def test_round_100_who_performs_asks_who_does_the_act(assistant):
    answer = assistant.ask("in china, who performs the valuation of patents pledged for a bank loan?")
    assert not answer.abstained and "技術取引所" in answer.text, answer.text


def test_round_100_what_someone_said_told_before_the_question_is_no_view(assistant):
    answer = assistant.ask("中国の取引先が特許を担保に借りたい言うてるんやけど、向こうの質権の登記って電子申請なら何日かかるん")
    assert not answer.abstained and "1営業日" in answer.text, answer.text
    # what a body said, asked, is still a view asked
    from assistant.answer.views import asked_view

    assert asked_view("金融庁長官は会見でなんて言ってたの？") is not None
    assert asked_view("取引先が借りたい言うてるんやけど、登記は何日？") is None


def test_round_100_overall_is_how_a_count_is_asked(assistant):
    answer = assistant.ask("評価書作成支援の試行の年、全体で採択されたのは何件でしたか")
    assert not answer.abstained and "37件" in answer.text, answer.text


def test_round_100_a_name_and_affiliation_are_said_by_naming_someone(assistant):
    answer = assistant.ask("事業性融資のワーキング・グループで座長を務めた方の氏名と所属を教えてください")
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


def test_round_100_a_kana_verb_read_as_another_is_no_event(assistant):
    # 「返済とまったら」 is read と + 待つ: no event the documents never speak of
    answer = assistant.ask("返済とまったら誰が手続きを進めるん？")
    assert not answer.abstained, answer.text


def test_round_100_everyday_words_for_a_fund_a_home_and_seizing(assistant):
    answer = assistant.ask("is it true guangdong runs a pot of money to cover ip loan losses? how big is it")
    assert not answer.abstained and "約58億元" in answer.text, answer.text
    answer = assistant.ask("会社まるごと担保にして借りたら、社長の家まで銀行に押さえられたりするん？")
    assert not answer.abstained and "自宅" in answer.text, answer.text


def test_round_100_a_lower_case_question_after_a_statement_is_its_own_sentence(assistant):
    answer = assistant.ask(
        "before the secured lender is paid out of an enforcement, some money is kept back for other creditors. "
        "is there a legal minimum for that amount?"
    )
    assert not answer.abstained and "70万円" in answer.text, answer.text


def test_round_100_a_figure_per_company_needs_a_figure_per_one(assistant):
    answer = assistant.ask("広東省のリスク補償基金って、1社あたり最高いくらまで穴埋めしてくれるの？")
    assert answer.abstained, answer.text
    answer = assistant.ask("評価書の作成費用って1件あたりどれくらいかかるの？")
    assert not answer.abstained and "1件あたり20万〜30万円" in _lead(answer)[0], answer.text


def test_round_100_also_backed_by_asks_whether_two_schemes_combine(assistant):
    answer = assistant.ask("could a loan under the enterprise value charge also be guaranteed by a credit guarantee corporation?")
    assert answer.abstained, answer.text


def test_round_100_a_kansai_how_is_the_split(assistant):
    answer = assistant.ask("中山市やとその割合どないなってんの", ["広東省って知財の融資が焦げ付いたら損を分けるしくみあるんやろ"])
    assert not answer.abstained and "54:26:16:4" in _lead(answer)[0], answer.text
    answer = assistant.ask("深センやとその割合どないなってんの", ["広東省って知財の融資が焦げ付いたら損を分けるしくみあるんやろ"])
    assert answer.abstained, answer.text


def test_round_100_a_turn_opening_with_hona_goes_on_from_the_conversation():
    from assistant.retrieval.condense import condense

    rewritten = condense(
        "ほな2021年はどうやったん？中小企業がどれだけ使ってるかも知りたい",
        ["中国って特許とか商標担保にした融資どんくらいやってんの"],
        lexicon=LEX,
    )
    assert "中国" in rewritten, rewritten
    # two questions of their own, with no marker, still stand alone
    alone = "企業価値担保権はいつ施行されましたか？登記はどこでしますか？"
    assert condense(alone, ["中国の知財融資の規模は？"], lexicon=LEX) == alone


def test_round_100_clearing_the_diet_is_enactment(assistant):
    answer = assistant.ask("on what date did the business lending act get through the diet")
    assert not answer.abstained and "2024年6月7日" in _lead(answer)[0], answer.text


# ---- round 101


def test_round_101_a_lists_items_are_its_first_and_second(assistant):
    answer = assistant.ask("how many provisioning methods did the FSA give as examples, and what is the second one based on?")
    assert not answer.abstained and "見做し債務者区分" in answer.text, answer.text


def test_round_101_the_value_of_a_year_is_that_years_amount(assistant):
    answer = assistant.ask("what was the value of IP pledge financing in china in 2022")
    assert not answer.abstained and "4868.8億元" in _lead(answer)[0], answer.text


def test_round_101_the_same_x_points_back():
    from assistant.retrieval.condense import condense
    from assistant.text.ja import noun_phrases

    assert noun_phrases("同標準の評価指標は")[0] == "標準"
    rewritten = condense("同標準の施行日はいつですか。", ["中国の特許評価の国家標準の概要を教えてください。"], lexicon=LEX)
    assert "中国" in rewritten, rewritten


def test_round_101_a_share_in_tenths_beside_growths(assistant):
    answer = assistant.ask("2024年上半期の中国の知財質押融資で、2000万元以下の案件は件数の何割くらい？")
    assert not answer.abstained and "8割" in _lead(answer)[0], answer.text


def test_round_101_the_fund_that_covers_bad_loans_asks_of_the_fund(assistant):
    answer = assistant.ask("深センの知財の焦げ付きを補てんする基金って、いくらからいくらに増えたん")
    assert not answer.abstained and "50億元" in _lead(answer)[0], answer.text


def test_round_101_a_wish_next_year_is_the_askers_plan(assistant):
    answer = assistant.ask("来年あたり設備を入れ替えたいもんで、事業まるごと担保にできる新しい仕組みっていつから使えるの")
    assert not answer.abstained and "2026年5月25日" in answer.text, answer.text


def test_round_101_where_the_asker_has_a_subsidiary_is_no_place_asked(assistant):
    answer = assistant.ask("深センに子会社あんねんけど、特許の質権の登記って電子申請したら何日で終わるん")
    assert not answer.abstained and "1営業日" in answer.text, answer.text


def test_round_101_a_licence_or_authorisation_is_what_a_kyoninka_asks(assistant):
    answer = assistant.ask("銀行が企業価値担保権の担保権者になるには、どのような許認可が必要ですか")
    assert not answer.abstained and "兼営法" in _lead(answer)[0], answer.text


def test_round_101_same_rule_there_asks_whether_it_holds(assistant):
    answer = assistant.ask(
        "and for start-up related guarantees, same rule there?",
        ["with a credit guarantee corporation guarantee, does the bank still carry part of the loss"],
    )
    assert not answer.abstained, answer.text


def test_round_101_a_start_the_asker_says_they_understand_is_checked(assistant):
    answer = assistant.ask("中国の専利評価指引は2024年1月に施行されたと承知しています。銀行の評価で従う範囲を教えてください。")
    assert answer.abstained, answer.text


def test_round_101_a_count_taken_as_given_is_checked(assistant):
    answer = assistant.ask("what are the five areas of the business owner guarantee reform programme?")
    assert answer.abstained and "five areas" in answer.abstain_reason, answer.abstain_reason
    answer = assistant.ask("what are the four areas of the business owner guarantee reform programme?")
    assert not answer.abstained and "経営者保証改革プログラム" in _lead(answer)[0], answer.text
    from assistant.answer.evidence import miscounted

    assert miscounted("経営者保証改革プログラムの5つの分野は？", "…4つの分野で施策を示した。", "") == "5つの分野"
    assert miscounted("経営者保証改革プログラムの4つの分野は？", "…4つの分野で施策を示した。", "") == ""


def test_round_101_a_first_occasion_is_not_dated_by_the_second(assistant):
    answer = assistant.ask("when did WIPO hold its first IP Finance Dialogue?")
    assert answer.abstained, answer.text
    answer = assistant.ask("when did WIPO hold its second IP Finance Dialogue?")
    assert not answer.abstained and "2023年11月21日" in _lead(answer)[0], answer.text


def test_round_101_a_guarantee_added_on_the_same_loan_asks_whether_they_combine(assistant):
    answer = assistant.ask("企業価値担保権で借りる融資に、信用保証協会の保証も付けられますか")
    assert answer.abstained, answer.text
    answer = assistant.ask("under the enterprise value charge, can we also get a cgc guarantee on the same loan")
    assert answer.abstained, answer.text
    # a unit naming both says whether they go together
    answer = assistant.ask("企業価値担保権を設定したら経営者保証も付けられる？")
    assert not answer.abstained and "経営者保証" in _lead(answer)[0], answer.text


def test_round_101_how_do_they_split_asks_a_split(assistant):
    answer = assistant.ask("what about shenzhen, same kind of split between the fund and the banks?", ["how do they split losses on ip loans in zhongshan"])
    assert answer.abstained, answer.text
    answer = assistant.ask("how do they split losses on bad ip loans in zhongshan")
    assert not answer.abstained and "54:26:16:4" in _lead(answer)[0], answer.text


# ---- round 102


def test_round_102_a_law_in_force_yet_is_answered_by_its_day(assistant):
    from assistant.answer.extractive import _ASKS_IN_FORCE

    assert _ASKS_IN_FORCE.search("is that actually live now or still coming")
    answer = assistant.ask("is the enterprise value charge actually live yet?")
    assert not answer.abstained and "2026年5月25日" in _lead(answer)[0], answer.text


def test_round_102_a_statutory_minimum_and_who_paid_the_tab(assistant):
    answer = assistant.ask("when the charge is enforced, what is the statutory minimum of the amount held back for other creditors?")
    assert not answer.abstained and "70万円" in answer.text, answer.text
    answer = assistant.ask("if the jpo wasn't picking up the tab, what would an ip business evaluation report cost to make?")
    assert not answer.abstained and "20万〜30万円" in answer.text, answer.text


def test_round_102_which_authority_asks_a_body_named(assistant):
    answer = assistant.ask("which authority approved china's patent evaluation standard GB/T 42748-2023?")
    assert not answer.abstained and "国家市場監督管理総局" in answer.text, answer.text


def test_round_102_a_bank_named_is_a_financial_institution_named(assistant):
    answer = assistant.ask("事業性融資WGの第2回会合で、地銀協の立場から説明した金融機関はどこですか")
    assert not answer.abstained and "横浜銀行" in _lead(answer)[0], answer.text
    answer = assistant.ask("評価書作成支援の試行でメガバンク系として採択された金融機関名を教えてください")
    assert not answer.abstained and "みずほ・りそな" in _lead(answer)[0], answer.text


def test_round_102_a_kind_of_party_may_be_named_by_the_documents_title(assistant):
    answer = assistant.ask("for a guaranteed SME loan, what share of the risk does the lending bank keep in principle?")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.text
    # a body is not: the JPO's programme named by a title lists no companies
    answer = assistant.ask("Can you list the companies that got loans through the JPO's IP finance programme?")
    assert answer.abstained, answer.text


def test_round_102_a_hiragana_name_is_a_misread_verb(assistant):
    answer = assistant.ask("IPASって最初の2年で何社くらい面倒みたん")
    assert not answer.abstained and "25社" in _lead(answer)[0], answer.text


def test_round_102_a_start_taken_as_given_with_yone(assistant):
    answer = assistant.ask("企業価値担保権って2025年4月から始まっとるよね？うちの信金まだ扱ってへんのやけど")
    assert answer.abstained, answer.text


def test_round_102_how_much_lending_needs_money_lent(assistant):
    answer = assistant.ask("how much lending did the JPO evaluation report programme generate in fiscal 2017 alone?")
    assert answer.abstained, answer.text
    answer = assistant.ask("how much lending did the JPO programme generate over the five years to fiscal 2018?")
    assert not answer.abstained and "43.8億円" in _lead(answer)[0], answer.text


def test_round_102_an_english_figure_per_borrower_needs_one_per_borrower(assistant):
    answer = assistant.ask("how much does guangdong's risk compensation fund cover per borrower at most?")
    assert answer.abstained, answer.text
    answer = assistant.ask("what does an ip business evaluation report cost to produce per report?")
    assert not answer.abstained and "20万〜30万円" in answer.text, answer.text


def test_no_control_characters_in_the_rules():
    # a backspace typed for \b once slipped into a pattern: the rule matched nothing
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("assistant/**/*.py"), *root.glob("corpus/lexicon/*.yaml")]
    bad = [str(p.relative_to(root)) for p in files if any(ord(ch) < 32 and ch not in "\n\t\r" for ch in p.read_text(encoding="utf-8"))]
    assert not bad, bad


# ---- round 103


def test_round_103_a_meetings_date_and_ordinal_say_which_meeting(assistant):
    # "in November 2023" dates the dialogue, not the figure; "second" is the dialogue the
    # chunk has just told of before the Director General's words
    answer = assistant.ask(
        "At the WIPO dialogue held in November 2023, how did the Director General size up intangible assets against national economies?"
    )
    assert not answer.abstained and "上位10か国" in _lead(answer)[0], answer.text
    answer = assistant.ask("At WIPO's second IP Finance Dialogue, what did the Director General say about how big intangible assets are?")
    assert not answer.abstained and "上位10か国" in _lead(answer)[0], answer.text


def test_round_103_a_passing_asked_within_a_wrong_year(assistant):
    answer = assistant.ask("what month of 2023 did the Diet enact the business lending promotion act?")
    assert answer.abstained, answer.text
    answer = assistant.ask("In which month of 2024 was the enterprise value charge law passed?")
    assert not answer.abstained and "2024年6月7日" in _lead(answer)[0], answer.text


def test_round_103_a_passing_no_unit_dates_is_refused(assistant):
    # the documents date the act's coming into force (2005), never its enactment
    answer = assistant.ask("動産債権譲渡特例法が制定されたのは何年？")
    assert answer.abstained, answer.text
    answer = assistant.ask("事業性融資推進法が成立したのはいつ？")
    assert not answer.abstained and "2024年6月7日" in _lead(answer)[0], answer.text


def test_round_103_on_a_borrowers_behalf_is_no_thing_asked(assistant):
    answer = assistant.ask("When a guarantee corporation pays a lender on the borrower's behalf, how much of it comes back from JFC insurance?")
    assert not answer.abstained and "70〜90%" in _lead(answer)[0], answer.text


def test_round_103_points_to_weigh_and_the_highest_price_ask_no_figure(assistant):
    answer = assistant.ask("管財人が事業の承継先を選ぶとき、一番高い価格を出したところを選べばよいのか。指針上の留意事項は？")
    assert not answer.abstained and "雇用" in _lead(answer)[0], answer.text


def test_round_103_a_part_pointing_at_the_statement_before_it(assistant):
    # "a us startup" names the United States; "which company was that" asks of the statement
    answer = assistant.ask(
        "i read a us startup borrowed over 100m against its ip with an insurer behind the loan. which company was that and who insured it?"
    )
    assert not answer.abstained and "Indigo Ag" in _lead(answer)[0] and "Markel" in _lead(answer)[0], answer.text
    # "the borrower" is the one the part before it spoke of
    answer = assistant.ask("who put together the first insured ip-backed loan in the us, and how much did the borrower get?")
    assert not answer.abstained and "1億ドル超" in _lead(answer)[0], answer.text


def test_round_103_how_many_days_asks_a_length_of_time(assistant):
    answer = assistant.ask("how many days does a china patent pledge registration take when filed online?")
    assert not answer.abstained and "1営業日" in _lead(answer)[0], answer.text


def test_round_103_the_share_a_bank_holds_of_a_bad_loan(assistant):
    answer = assistant.ask("中山市で知財ローンが焦げ付いたら銀行は何割持つん？")
    assert not answer.abstained and "54:26:16:4" in _lead(answer)[0], answer.text


def test_round_103_the_same_year_keeps_the_earlier_place(assistant):
    answer = assistant.ask("同年の受益企業数は？", ["中国の2022年の知財質押融資額は？"])
    assert not answer.abstained and "2.6万社" in _lead(answer)[0], answer.text


def test_round_103_a_start_taken_as_given_with_nyone(assistant):
    answer = assistant.ask("事業性融資推進法って2025年4月に施行されたんよね？")
    assert answer.abstained, answer.text


def test_round_103_a_yes_no_question_then_a_years_figure(assistant):
    answer = assistant.ask("does the JPO really pay for those evaluation reports? how much per report in 2017")
    assert not answer.abstained and "約30万円" in _lead(answer)[0], answer.text


def test_round_103_the_whole_company_in_everyday_words_is_the_charge_for_a_combination(assistant):
    # no unit speaks of a guarantee corporation's guarantee on a loan under the charge
    answer = assistant.ask("could the guarantee corporation back a loan that's already secured on our whole business, or do they not mix?")
    assert answer.abstained, answer.text
    answer = assistant.ask("会社まるごと担保にして借りたら、信用保証協会の保証も付けられるん？")
    assert answer.abstained, answer.text


def test_round_103_a_years_total_asked_as_the_final_figure(assistant):
    # only 2024's first half and first nine months are given
    answer = assistant.ask("中国の知財質押融資は2024年の年間で最終的にいくらだったの？")
    assert answer.abstained, answer.text


def test_round_103_a_case_told_then_a_floor_asked(assistant):
    # the told case ("When …, … is held back.") asks nothing; "a floor on that amount" asks money
    answer = assistant.ask(
        "When an enterprise value charge is enforced, some of the proceeds are kept for ordinary creditors. "
        "Is there a minimum on that reserved amount, and if so what is it?"
    )
    assert not answer.abstained and "70万円" in _lead(answer)[0], answer.text


# ---- round 104


def test_round_104_the_askers_own_legal_form_leads_to_the_forms_that_may_grant(assistant):
    answer = assistant.ask("うちは合同会社なんですが、企業価値担保権を使って借入できますか？")
    assert not answer.abstained and "持分会社" in _lead(answer)[0], answer.text
    answer = assistant.ask("we're an LLC - could we put the enterprise value charge on our business?")
    assert not answer.abstained and "持分会社" in _lead(answer)[0], answer.text


def test_round_104_years_in_brackets_name_the_group_not_the_figure(assistant):
    answer = assistant.ask("At which session of the FSA working group (2022-23) was the range of charge holders discussed?")
    assert not answer.abstained and "第5回" in _lead(answer)[0], answer.text


def test_round_104_a_pronoun_in_a_later_part_points_at_the_earlier(assistant):
    answer = assistant.ask("which us company got the first insured ip-backed loan, and how much did they borrow?")
    assert not answer.abstained and "1億ドル超" in _lead(answer)[0], answer.text


def test_round_104_shorthand_and_frame_words(assistant):
    # 代弁 is bank shorthand for 代位弁済; 「どの水準」「概数」 ask the figure, whatever it is called
    answer = assistant.ask("保証協会が代弁したら、公庫の保険からはどの水準で戻ってきますか。")
    assert not answer.abstained and "70〜90%" in _lead(answer)[0], answer.text
    answer = assistant.ask("広東省のリスク補償に参加している銀行の行数の概数を知りたいです。")
    assert not answer.abstained and "約220行" in _lead(answer)[0], answer.text


def test_round_104_a_revised_guideline_named_is_no_revision_asked(assistant):
    answer = assistant.ask("事業譲渡に関して改正された労働関係の指針の告示番号を教えてください。")
    assert not answer.abstained and "告示第11号" in _lead(answer)[0], answer.text


def test_round_104_a_carrier_is_an_insurer_and_a_lot_finds_a_buyer(assistant):
    answer = assistant.ask("Which carrier led the insurance on Aon's first IP-backed loan deal?")
    assert not answer.abstained and "Markel" in _lead(answer)[0], answer.text
    answer = assistant.ask("ocean tomo auction #9: how many lots found buyers?")
    assert not answer.abstained and "6ロット" in _lead(answer)[0], answer.text
    # "#10" is an occasion the documents do not give
    answer = assistant.ask("ocean tomo auction #10: how many lots found buyers?")
    assert answer.abstained, answer.text


def test_round_104_selling_asset_by_asset_is_the_exception(assistant):
    answer = assistant.ask("企業価値担保権の実行では、担保目的財産を個別資産ごとに売却するのが原則でしょうか。")
    assert not answer.abstained and "事業譲渡" in _lead(answer)[0], answer.text


def test_round_104_a_combination_with_the_guarantee_body_by_its_short_name(assistant):
    answer = assistant.ask("保証協会の保証と、事業ごと担保にする融資って一緒に使えるの？")
    assert answer.abstained, answer.text


def test_round_104_a_law_firm_asked_is_a_kind_named(assistant):
    answer = assistant.ask("which law firm advised on the indigo ag ip-backed loan?")
    assert answer.abstained, answer.text


def test_round_104_a_figure_passed_is_no_law_passed(assistant):
    # "first pass 3000億元" passes an amount: the unit stating that amount dates it
    answer = assistant.ask("when did china's ip pledge financing first pass 3000億元?")
    assert not answer.abstained and "2021年" in _lead(answer)[0], answer.text
    answer = assistant.ask("中国の知財質押融資が初めて3000億元を超えたのは何年？金額も知りたい")
    assert not answer.abstained and "3098億元" in _lead(answer)[0], answer.text


def test_round_104_a_half_year_asked_by_its_months(assistant):
    answer = assistant.ask("中国の2024年1〜6月の知財質押の登記額は？")
    assert not answer.abstained and "4199億元" in _lead(answer)[0], answer.text


def test_round_104_a_participle_opening_goes_on_from_the_topic(assistant):
    answer = assistant.ask("参加している銀行の数は？", ["広東省のリスク補償基金の規模を教えて"])
    assert not answer.abstained and "約220行" in _lead(answer)[0], answer.text


def test_round_104_the_cost_to_produce_a_report(assistant):
    answer = assistant.ask("roughly what would it cost to produce an ip business evaluation report?")
    assert not answer.abstained and "20万〜30万円" in _lead(answer)[0], answer.text


def test_round_104_officials_and_heads_are_people_asked(assistant):
    answer = assistant.ask("which japanese government official spoke at wipo's second ip finance dialogue?")
    assert answer.abstained, answer.text
    answer = assistant.ask("how much has shenzhen's compensation pool for small firms actually paid out on bad ip loans so far?")
    assert answer.abstained, answer.text


def test_round_104_a_follow_up_on_what_the_rule_leaves_out(assistant):
    answer = assistant.ask("その対象外になる保証ってどんなの？", ["責任共有制度で協会と銀行の負担割合はどうなってる？"])
    assert not answer.abstained and "対象外" in _lead(answer)[0], answer.text
    answer = assistant.ask(
        "and startup-related guarantees - does the bank still carry part of the loss on those?",
        ["how is the risk split between the guarantee corporation and the bank?"],
    )
    assert not answer.abstained and "創業関連保証" in _lead(answer)[0], answer.text


def test_round_104_when_the_charge_takes_effect_said_casually(assistant):
    answer = assistant.ask("会社まるごと担保にするやつって、信託の契約だけで効くん？登記もいるん？")
    assert not answer.abstained and "商業登記簿" in _lead(answer)[0], answer.text


# ---- round 105


def test_round_105_a_megabank_asked_by_name(assistant):
    # "megabank" is a bank asked for by name; the passage on who may hold the licence names none
    answer = assistant.ask("which megabank was the first to be licensed as an enterprise value charge trust company?")
    assert answer.abstained, answer.text


def test_round_105_any_outfit_is_who_is_asked(assistant):
    answer = assistant.ask("what outfits are allowed to act as the trustee for the charge?")
    assert not answer.abstained and "内閣総理大臣" in _lead(answer)[0], answer.text


def test_round_105_what_a_report_costs_not_what_the_jpo_bore(assistant):
    answer = assistant.ask("評価書って本当は1件あたりいくらかかるの？")
    assert not answer.abstained and "20万〜30万円" in _lead(answer)[0], answer.text
    answer = assistant.ask("how much does one of those evaluation reports cost to make?")
    assert not answer.abstained and "20万〜30万円" in _lead(answer)[0], answer.text
    # who paid is answered by what the JPO bore
    answer = assistant.ask("how much was the jpo paying per evaluation report in 2017?")
    assert not answer.abstained and "30万円" in _lead(answer)[0] and "負担" in _lead(answer)[0], answer.text


def test_round_105_the_askers_own_founding_year_is_no_year_asked(assistant):
    answer = assistant.ask("今年創業したばかりなんですが、創業向けの保証でも協会と銀行の分担ってあるんですか")
    assert not answer.abstained and "対象外" in _lead(answer)[0], answer.text


def test_round_105_a_figure_for_what_the_rule_leaves_out(assistant):
    # no split is stated for a startup-related guarantee: the rule leaves it out
    answer = assistant.ask("ほな創業向けの保証やったら、その分担ってあるん", ["保証協会の保証って銀行も損するの？"])
    assert not answer.abstained and "創業関連保証" in _lead(answer)[0], answer.text
    # (what share it is, asked as a figure, the exclusion does not give)
    answer = assistant.ask("じゃあ創業向けの保証やと、負担の割合は何%？", ["保証協会の保証って銀行も損するの？"])
    assert answer.abstained or "対象外" in _lead(answer)[0], answer.text
    answer = assistant.ask("we only started last year - does the startup-related guarantee also split the loss 80/20?")
    assert not answer.abstained and "創業関連保証" in _lead(answer)[0], answer.text


def test_round_105_taking_over_a_guarantee_is_no_successor_asked(assistant):
    answer = assistant.ask("親の保証は引き継ぎたくないです。保証なしで借りるための要件は何ですか")
    assert not answer.abstained, answer.text


def test_round_105_the_askers_own_plan_is_no_outlook_asked(assistant):
    answer = assistant.ask("来年家業を継ぐ予定なんですが、事業承継をためらう会社も企業価値担保権の利用者として想定されていますか")
    assert not answer.abstained and "事業承継" in _lead(answer)[0], answer.text


def test_round_105_risky_said_plainly(assistant):
    answer = assistant.ask("知財を担保に借りるのって、貸す側からみて何が危ないの？")
    assert not answer.abstained and "リスク" in _lead(answer)[0], answer.text


def test_round_105_a_version_opens_a_follow_up():
    condensed = condense("最終版はいつ公表されましたか", ["企業価値担保権の評価・引当の考え方の案はいつ出ましたか"])
    assert "評価" in condensed or "企業価値担保権" in condensed, condensed


def test_round_105_no_company_formed_is_a_sole_trader(assistant):
    answer = assistant.ask("法人にはしてないんですが、事業全体を担保にする新しい制度は使えますか")
    assert not answer.abstained and "個人事業主" in _lead(answer)[0], answer.text


def test_round_105_english_amounts_as_the_documents_write_them():
    from assistant.answer.evidence import english_amounts

    assert ("3000", "億元") in english_amounts("did it first go over 300bn yuan?")
    assert ("4199", "億元") in english_amounts("CNY 419.9 billion")
    assert ("1", "億ドル") in english_amounts("a $100 million loan")
    assert english_amounts("in 2021 there were 17 deals") == frozenset()


def test_round_105_a_when_question_giving_an_amount_in_english(assistant):
    answer = assistant.ask("in which year did china's ip pledge lending first get past 300 billion yuan?")
    assert not answer.abstained and "2021年" in _lead(answer)[0], answer.text


def test_round_105_the_default_way_is_the_rule_not_a_default(assistant):
    answer = assistant.ask("by default, how is the property under the charge sold off in enforcement?")
    assert not answer.abstained and "事業譲渡" in _lead(answer)[0], answer.text


def test_round_105_after_acquired_property(assistant):
    answer = assistant.ask("would after-acquired assets also be covered by the enterprise value charge?")
    assert not answer.abstained and "将来会社に属する" in _lead(answer)[0], answer.text


def test_round_105_when_something_stopped_needs_a_unit_saying_it_did(assistant):
    answer = assistant.ask("in what year did the jpo stop covering the cost of the evaluation reports?")
    assert answer.abstained, answer.text


def test_round_105_the_head_of_an_office_is_no_working_groups_chair(assistant):
    answer = assistant.ask("who heads the fsa's office for business-based lending?")
    assert answer.abstained, answer.text


def test_round_105_us_opening_a_sentence_names_the_united_states():
    lexicon = Lexicon.bundled()
    assert frame("us software startup here, the lender wants a lien on our patents", lexicon).jurisdictions == ("us",)
    assert frame("us-based founder: can i pledge my patents?", lexicon).jurisdictions == ("us",)
    # (the pronoun still names no place)
    assert frame("can you help us find a lender for our patents?", lexicon).jurisdictions == ("jp",)


def test_round_105_which_year_asks_when():
    assert frame("in which year was the act promulgated?", Lexicon.bundled()).intent == "when"


def test_round_105_the_banks_share_is_led_by_the_unit_naming_the_bank(assistant):
    # the association's insurance (70〜90% of what it paid) is no share the bank bears
    answer = assistant.ask("担当さんが「協会の保証つけても信金もリスク取ってます」言うてたけど ほんまに損かぶるん？割合どんくらい")
    assert not answer.abstained and "金融機関が20%" in _lead(answer)[0], answer.text


def test_round_105_which_meeting_is_answered_by_the_occasion_by_its_number(assistant):
    answer = assistant.ask("金融審議会のWGで、担保権者をどこまで認めるかが議論された回はどれですか")
    assert not answer.abstained and "第5回" in _lead(answer)[0], answer.text


def test_round_105_a_count_of_bodies_taken_as_given_must_be_the_documents_count(assistant):
    answer = assistant.ask("信用保証協会は全国に47協会あるんですよね？いつからある制度ですか")
    assert answer.abstained, answer.text
    # (the count the documents give is taken as given)
    answer = assistant.ask("信用保証協会は全国に51協会あるんですよね？いつからある制度ですか")
    assert not answer.abstained and "1937年" in _lead(answer)[0], answer.text


def test_round_105_heard_without_a_subject_takes_a_figure_as_given(assistant):
    answer = assistant.ask("heard the jpo paid around 500k yen for each evaluation report in 2017 - why that much?")
    assert answer.abstained, answer.text


def test_round_105_the_chair_of_a_named_kind_of_body(assistant):
    # the documents name the chair of a 検討会 and of the WG, not of a 研究会 on the guarantee guidelines
    answer = assistant.ask("経営者保証ガイドラインをまとめた研究会の座長は誰ですか")
    assert answer.abstained, answer.text
    answer = assistant.ask("事業性融資のワーキンググループの座長は誰ですか")
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


def test_round_105_before_and_now_are_when_not_what_of(assistant):
    answer = assistant.ask("深センのリスク補償のお金って、前はいくらで今はどれくらい？")
    assert not answer.abstained and "50億元" in _lead(answer)[0], answer.text


def test_round_105_people_are_counted_by_people(assistant):
    answer = assistant.ask("how many people attended wipo's second ip finance dialogue?")
    assert answer.abstained, answer.text
    answer = assistant.ask("how many people came to the ip finance forum in march 2018?")
    assert not answer.abstained and "252人" in _lead(answer)[0], answer.text


def test_round_105_the_highest_price_is_a_top_item(assistant):
    answer = assistant.ask("what is the highest price ever paid for one patent at ocean tomo's auctions?")
    assert answer.abstained, answer.text


def test_round_105_a_follow_up_asking_what_is_left_out(assistant):
    answer = assistant.ask(
        "and does the bank's 20% also apply to startup guarantees, or are they left out?",
        ["how is the loss split between the guarantee corporation and the bank?"],
    )
    assert not answer.abstained and "創業関連保証" in _lead(answer)[0], answer.text


def test_round_105_the_whole_business_as_collateral_said_as_everything(assistant):
    # a combination with the guarantee body no passage speaks of
    answer = assistant.ask("信用保証協会の保証と、事業ぜんぶを担保にする新しい制度は同じ融資で併用できますか")
    assert answer.abstained, answer.text


def test_round_105_who_served_as_chair(assistant):
    answer = assistant.ask("経営者保証ガイドラインの研究会で座長を務めたのはどなたですか")
    assert answer.abstained, answer.text
    answer = assistant.ask("事業性融資のWGで座長を務めたのは誰ですか")
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


def test_round_105_the_first_bank_to_lend_is_asked_by_name(assistant):
    answer = assistant.ask("which bank was the first to lend under the enterprise value charge?")
    assert answer.abstained, answer.text


def test_round_105_people_of_a_trade_asked_by_name(assistant):
    answer = assistant.ask("what were the names of the two lawyers who presented at the fsa working group?")
    assert answer.abstained, answer.text
    answer = assistant.ask("who chaired the fsa working group on business lending?")
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


def test_round_105_institutions_asked_by_name(assistant):
    # (the documents count the five, 「信金・信組5」, and name only the megabanks)
    answer = assistant.ask("2014年度の試行で採択された信金・信組5機関の機関名を教えてください")
    assert answer.abstained, answer.text


def test_round_105_going_under_said_as_flying_off(assistant):
    answer = assistant.ask("取引先が事業ごと担保に入れて借りとるんやけど、そこが飛んだら仕入先のうちらにも最低限なんぼか残るん？")
    assert not answer.abstained and "70万円" in answer.text, answer.text


def test_round_105_the_other_items_of_a_counted_list_are_no_rest_unnamed(assistant):
    answer = assistant.ask("金融庁が示した引当方法のうち、従来の貸倒引当金の見積りをベースにする方法以外の二つは何ですか")
    assert not answer.abstained and "見做し債務者区分" in answer.text, answer.text


def test_round_105_what_a_body_bore_asked_is_led_by_what_it_bore(assistant):
    answer = assistant.ask("評価書の作成費用って特許庁が負担してたんでしょ？1件あたりいくら負担してたの？")
    assert not answer.abstained and "約30万円を負担" in _lead(answer)[0], answer.text


# ---- round 106


def test_round_106_a_coordinated_first_member_is_a_subject_a_unit_names(assistant):
    # 「中小・零細企業」: Sudachi's 中 and 小 are the 中小 the question asks of
    answer = assistant.ask("ほな2022年の額はなんぼ、借り手は中小が多いの", ["中国の知財担保融資の規模は？"])
    assert not answer.abstained and "4868.8億元" in _lead(answer)[0], answer.text


def test_round_106_when_something_was_set_up_or_merged_needs_a_unit_saying_so(assistant):
    # the documents never date the fund's merger into the pool
    answer = assistant.ask("when did shenzhen merge its ip fund into the city's sme risk pool?")
    assert answer.abstained, answer.text
    answer = assistant.ask("IP BASEが開設されたのはいつですか")
    assert not answer.abstained and "2018年度" in _lead(answer)[0], answer.text


def test_round_106_a_part_pointing_at_the_city_its_setup_names(assistant):
    answer = assistant.ask("Our subsidiary is in Shenzhen. What's the size of the city's compensation pool for IP loans today?")
    assert not answer.abstained and "50億元" in _lead(answer)[0], answer.text


def test_round_106_a_dated_numbered_meeting_of_a_named_body(assistant):
    # 2022年11月 dates the meeting, not a figure the unit must state
    answer = assistant.ask("2022年11月のWG第2回で地銀協として説明したのはどの銀行ですか")
    assert not answer.abstained and "横浜銀行" in _lead(answer)[0], answer.text


def test_round_106_the_final_version_is_the_confirmed_text(assistant):
    answer = assistant.ask("金融庁の評価・引当の基本的な考え方、最終版はいつ出たんですか")
    assert not answer.abstained and "2025年7月2日" in _lead(answer)[0], answer.text


def test_round_106_in_force_asked_is_led_by_the_day_not_the_month(assistant):
    answer = assistant.ask("is the whole-company collateral loan usable yet? from when")
    assert not answer.abstained and "2026年5月25日" in _lead(answer)[0], answer.text


def test_round_106_the_full_year_after_the_one_asked(assistant):
    answer = assistant.ask("and the full year after that?", ["china ip pledge financing in 2022?"])
    assert not answer.abstained and "8539.9億元" in _lead(answer)[0], answer.text


def test_round_106_a_combined_size_is_a_figure(assistant):
    answer = assistant.ask("What is the combined size of Guangdong's risk compensation funds?")
    assert not answer.abstained and "約58億元" in _lead(answer)[0], answer.text


def test_round_106_us_before_business_names_the_united_states(assistant):
    answer = assistant.ask("in fed data on us business lending, what share of secured loans used intangibles as collateral")
    assert not answer.abstained and "約4%" in _lead(answer)[0], answer.text


def test_round_106_any_numbers_asks_a_figure(assistant):
    answer = assistant.ask("do chinese ip-backed loans mostly go to small firms? any numbers")
    assert not answer.abstained and "%" in _lead(answer)[0], answer.text


def test_round_106_the_head_of_an_office_is_no_wg_chair(assistant):
    answer = assistant.ask("Who is the head of the FSA's business lending promotion office?")
    assert answer.abstained, answer.text


def test_round_106_a_launch_asked_is_of_the_thing_named(assistant):
    # IP BASE, an IP portal too, opened in 2018: no date of the IP finance portal's opening
    answer = assistant.ask("知財金融ポータルサイトが開設されたのは何年ですか")
    assert answer.abstained, answer.text
    answer = assistant.ask("when did the JPO launch its IP finance portal site?")
    assert answer.abstained, answer.text
    answer = assistant.ask("When was IP BASE launched?")
    assert not answer.abstained and "IP BASE" in _lead(answer)[0], answer.text


def test_round_106_a_month_asked_is_led_by_a_unit_dated_to_the_month(assistant):
    answer = assistant.ask("what month did the ipas mentoring programme kick off")
    assert not answer.abstained and "2018年10月" in _lead(answer)[0], answer.text


def test_round_106_a_plan_told_before_the_question_asks_no_outlook(assistant):
    answer = assistant.ask("中国で特許を質入れする予定、電子申請なら登記は何日で終わる？")
    assert not answer.abstained and "1営業日" in answer.text, answer.text


def test_round_106_a_company_that_benefited_is_a_beneficiary(assistant):
    answer = assistant.ask("中国で2023年に知財融資の恩恵を受けた企業は何社？")
    assert not answer.abstained and "3.7万社" in _lead(answer)[0], answer.text


def test_round_106_a_standard_number_s_year_is_no_year_of_the_figure(assistant):
    answer = assistant.ask("how many third level indicators does GB/T 42748-2023 have?")
    assert not answer.abstained and "27の三級指標" in _lead(answer)[0], answer.text


def test_round_106_a_sole_shop_in_kansai_words_is_a_sole_trader(assistant):
    answer = assistant.ask("法人にしてへん個人商店なんやけど、企業価値担保権って使える？")
    assert not answer.abstained and "設定者になれない" in _lead(answer)[0], answer.text


def test_round_106_keeping_ones_house_asked_in_english(assistant):
    answer = assistant.ask("if my company fails, can I keep my home under the business owner guarantee guidelines?")
    assert not answer.abstained and "自宅" in _lead(answer)[0], answer.text


def test_round_106_how_long_until_it_is_ready_asks_a_length_of_time(assistant):
    # the documents give the report's cost, never how long it takes to make
    answer = assistant.ask("評価書って申し込んでから出来上がるまでどのくらいかかりますか")
    assert answer.abstained, answer.text


def test_round_106_also_carrying_a_guarantee_is_a_combination(assistant):
    answer = assistant.ask("could an enterprise value charge loan also carry a credit guarantee association guarantee?")
    assert answer.abstained, answer.text


def test_round_107_a_value_heard_is_no_subject_nor_a_sum_borne(assistant):
    answer = assistant.ask("評価書は負担なしって聞いたけど、本当は1本作るのにいくらかかってるの")
    assert not answer.abstained and "20万〜30万円" in _lead(answer)[0], answer.text


def test_round_107_a_programme_that_ended_is_followed_by_its_successor(assistant):
    answer = assistant.ask("知財金融促進事業が終了した後の後継事業では、評価書に加えて何が導入されましたか")
    assert not answer.abstained and "知財ビジネス提案書" in _lead(answer)[0], answer.text


def test_round_107_a_count_asked_in_a_noun_run_is_no_claim(assistant):
    answer = assistant.ask("評価書を活用した金融機関は2019年5月の時点で通算いくつに達していましたか")
    assert not answer.abstained and "214" in _lead(answer)[0], answer.text


def test_round_107_rather_than_is_no_case_unsaid(assistant):
    answer = assistant.ask(
        "If a bank in China registers a patent pledge online rather than on paper, how many business days does it take?"
    )
    assert not answer.abstained and "1営業日" in answer.text, answer.text


def test_round_107_possible_before_a_noun_asks_no_yes_or_no(assistant):
    answer = assistant.ask("広東省のリスク補償について、引受可能なリスクの総額を確認したいです")
    assert not answer.abstained and "580億元" in _lead(answer)[0], answer.text


def test_round_108_carrying_any_of_the_risk_asks_a_share(assistant):
    answer = assistant.ask("my loan has a credit guarantee. does my bank still carry any of the risk, and how much?")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.text


def test_round_108_a_part_pointing_back_reads_the_statement_before_the_parts(assistant):
    answer = assistant.ask(
        "my cofounder said the patent office matches startups with a business mentor and an ip mentor. "
        "when did that begin and how many startups has it supported so far"
    )
    assert not answer.abstained and "25社" in answer.text, answer.text


def test_round_108_a_requirement_said_as_required(assistant):
    answer = assistant.ask("企業価値担保権の設定後、通常の事業活動の範囲を超える処分にはどのような同意が要件になりますか")
    assert not answer.abstained and "担保権者全員の同意" in _lead(answer)[0], answer.text


def test_round_108_who_takes_charge_after_a_default(assistant):
    answer = assistant.ask("事業まるごと担保で借りて返済が止まったら、誰が会社を仕切るの？")
    assert not answer.abstained and "管財人" in _lead(answer)[0], answer.text
    answer = assistant.ask("who runs the company after a default under the enterprise value charge?")
    assert not answer.abstained and "管財人" in _lead(answer)[0], answer.text


def test_round_108_a_trade_name_alone_is_a_sole_trader(assistant):
    answer = assistant.ask("屋号だけで店やってるんやけど、企業価値担保権って株式会社じゃないとダメ？")
    assert not answer.abstained and "設定者になれない" in _lead(answer)[0], answer.text


def test_round_109_a_count_asked_as_a_number_of_things(assistant):
    # (「指標数」: the things named with a number answer, 「14の二級指標」)
    answer = assistant.ask("中国の特許評価の国家標準で、一級指標の下に置かれた指標数を教えてください")
    assert not answer.abstained and "14の二級指標" in answer.text, answer.text


def test_round_109_whether_a_rule_reaches_a_guarantee(assistant):
    answer = assistant.ask("創業関連保証を付けた融資も、責任共有制度の枠組みに入るのでしょうか")
    assert not answer.abstained and "対象外" in _lead(answer)[0], answer.text


def test_round_109_an_index_typed_in_lower_case_is_about_the_us(assistant):
    answer = assistant.ask("s&p 500 intangible assets as a share of market cap in 2020?")
    assert not answer.abstained and "90%" in _lead(answer)[0], answer.text


def test_round_109_pledging_the_whole_business_is_no_kind_of_financing(assistant):
    answer = assistant.ask(
        "if we pledge the whole business under the new japanese law and the lender enforces, "
        "is there a minimum amount kept back for unsecured creditors?"
    )
    assert not answer.abstained and "70万円" in answer.text, answer.text


def test_round_109_a_motive_told_is_no_tax_asked(assistant):
    answer = assistant.ask(
        "we may become a godo kaisha for tax reasons. could we still use the enterprise value charge?"
    )
    assert not answer.abstained and "持分会社" in _lead(answer)[0], answer.text


def test_round_109_a_business_taken_over_by_a_buyer_is_no_successor(assistant):
    answer = assistant.ask("会社まるごと担保で借りてて返済とまったら、設備をバラ売りされるん？事業ごと誰かに引き継がれるん？")
    assert not answer.abstained and "事業譲渡" in answer.text, answer.text


def test_round_109_whether_a_method_must_be_adopted(assistant):
    answer = assistant.ask("must our bank adopt the fsa's example provisioning methods for enterprise value charge loans?")
    assert not answer.abstained and "義務はなく" in _lead(answer)[0], answer.text


def test_round_109_what_kind_of_person_is_answered_by_people(assistant):
    answer = assistant.ask("IPASってどんな人が相談に乗ってくれるの")
    assert not answer.abstained and "メンター" in _lead(answer)[0], answer.text


def test_round_109_the_chair_of_a_body_told_before_what_it_did(assistant):
    # the documents name the chair of the governance guideline's 検討会, not of this 研究会
    answer = assistant.ask("経営者保証に関するガイドラインの研究会が2013年にまとめたときの座長は誰ですか")
    assert answer.abstained, answer.text


def test_round_109_how_many_of_a_group_that_do_something(assistant):
    # 51 corporations in all are not those with a product for patent loans
    answer = assistant.ask("how many of the credit guarantee corporations offer a guarantee for patent-secured loans?")
    assert answer.abstained, answer.text


def test_round_109_the_name_of_an_office_head_is_a_person(assistant):
    answer = assistant.ask("what is the name of the FSA office head who observed the labour subcommittee meetings?")
    assert answer.abstained, answer.text


def test_round_109_how_many_years_worth(assistant):
    answer = assistant.ask("企業価値担保権で借りるとき、銀行に出す事業計画は何年分いるの")
    assert answer.abstained, answer.text
    answer = assistant.ask("中国で特許の価値を算定する研究では、何年分のライセンス契約のデータを使っていますか")
    assert not answer.abstained and "5年分" in _lead(answer)[0], answer.text


def test_round_109_a_share_asked_in_casual_words(assistant):
    answer = assistant.ask("経営者保証のガイドラインで保証を外せた会社って、どのくらいの割合なん")
    assert answer.abstained, answer.text
    answer = assistant.ask("what is the proportion of ip-secured loans that went to smes in japan?")
    assert answer.abstained, answer.text


def test_round_109_what_they_charge_us(assistant):
    answer = assistant.ask("what would a trust company charge us per year to hold an enterprise value charge?")
    assert answer.abstained, answer.text


def test_round_109_when_a_mark_was_passed_is_not_an_outlook(assistant):
    answer = assistant.ask("when did china's ip pledge financing actually pass 1 trillion yuan?")
    assert answer.abstained and answer.abstain_reason == t("answer.abstain_reason.only_outlook", "en"), answer.text
    answer = assistant.ask("中国の知財質押融資が初めて3000億元を上回ったのはいつ")
    assert not answer.abstained and "2021年" in _lead(answer)[0], answer.text


def test_round_109_a_decade_asked(assistant):
    answer = assistant.ask("in the 2010s how much did banks lend through the jpo ip finance programme in total?")
    assert not answer.abstained and "43.8億円" in _lead(answer)[0], answer.text


def test_round_109_a_decade_is_no_year_of_its_own():
    from assistant.answer.evidence import RequestedFigure, decades_in, years_in

    assert decades_in("in the 2010s") == {"201"} and decades_in("2010年代の融資") == {"201"}
    assert years_in("2010年代の融資") == frozenset() and years_in("in the 2010s, and 2015?") == {"2015"}
    asked = RequestedFigure(frozenset({"億円"}), frozenset(), money=True, decades=frozenset({"201"}))
    assert asked.met_by("平成30年度までの5年間で融資の総額は43.8億円")  # 平成30年度 is 2018
    assert not asked.met_by("1995年から2008年3月までの累計で310件・210億円")


def test_round_109_where_they_file_asks_the_filing(assistant):
    answer = assistant.ask("our lender wants a lien on our us patents. what's the normal way to perfect it, where do they file?")
    assert not answer.abstained and "UCC-1" in _lead(answer)[0], answer.text


def test_round_109_who_can_hold_the_charge_is_who_may_become_its_holder(assistant):
    answer = assistant.ask("who can actually hold the charge under the new law?")
    assert not answer.abstained and "担保権者になれる" in _lead(answer)[0], answer.text


# ---- round 110 (blind probes j112a, x112a, e112a)


def test_round_110_a_situation_asked_for_is_a_frame(assistant):
    # (「…を例外的に認める場面」: 場面 names no thing the passages must name)
    answer = assistant.ask("金融庁の2023年2月の概要では、経営者保証をとってよい例外の場面は何とされていたか")
    assert not answer.abstained and "粉飾" in answer.text, answer.text


def test_round_110_a_case_come_to_is_the_noun_it_comes_to(assistant):
    answer = assistant.ask("担保権の実行に至った場合に関係する改正事業譲渡等指針は、いつから適用されますか")
    assert not answer.abstained and "2026年5月25日" in answer.text, answer.text


def test_round_110_the_askers_own_paper_is_no_document_cited(assistant):
    answer = assistant.ask("改正された事業譲渡等指針を社内の手引きに反映したいので、告示番号を教えてください")
    assert not answer.abstained and "告示第11号" in _lead(answer)[0], answer.text
    answer = assistant.ask("全銀協の実務Q&Aでは企業価値担保権の引当はどう書かれている？")
    assert answer.abstained, answer.text


def test_round_110_a_follow_up_on_an_occasion_asks_no_date_of_its_own(assistant):
    answer = assistant.ask("how did the ninth one go?", ["when did ocean tomo hold its first live patent auction?"])
    assert not answer.abstained and "275万ドル" in answer.text, answer.text


def test_round_110_a_turnaround_time_is_a_length_of_time(assistant):
    answer = assistant.ask("what's the turnaround time for an online patent pledge registration in china?")
    assert not answer.abstained and "1営業日" in answer.text, answer.text


def test_round_110_a_passing_year_checked_with_right_comma(assistant):
    answer = assistant.ask("the enterprise value charge law got through the diet in 2023 right, what month?")
    assert answer.abstained and answer.abstain_reason.startswith("Your question takes it as given that this passed"), answer.text


def test_round_110_whether_it_costs_anything_asked_casually(assistant):
    assert LEX.intents_of("IP BASEって使うのにお金かかる？")[:1] == ["yesno"]
    assert LEX.intents_of("評価書はどのくらいかかる？")[:1] == ["howmuch"]
    answer = assistant.ask("IP BASEって使うのにお金かかる？会費とかあるん")
    assert answer.abstained, answer.text


def test_round_110_a_business_run_in_ones_own_name_is_a_sole_trader(assistant):
    answer = assistant.ask("うちは個人で商売やってる八百屋なんやけど、会社まるごと担保の新しい融資って使える？")
    assert not answer.abstained and "設定者になれない" in _lead(answer)[0], answer.text


def test_round_110_an_exception_asked_is_led_by_the_exception(assistant):
    answer = assistant.ask("金融庁の2023年2月の概要で、経営者保証を例外的に認めるとされたのはどんな場合か")
    assert not answer.abstained and "粉飾" in _lead(answer)[0], answer.text


def test_round_110_words_saying_the_event_are_no_new_subject(assistant):
    # (国会 of 「国会で通った」 says 成立; the unit dating the bill's submission to the Diet is no answer)
    answer = assistant.ask("それって国会で通ったのはいつ？", ["会社の事業ごと担保にできる法律っていつから使える？"])
    assert not answer.abstained and "成立" in _lead(answer)[0], answer.text


# ---- round 111 (blind probes j113a, x113a, e113a, u113a)


def test_round_111_a_category_asked_is_a_kind(assistant):
    # ("which category of claims": category names no thing the passages must name, as kind does)
    answer = assistant.ask("under the enterprise value charge, which category of secured claims gets paid first?")
    assert not answer.abstained and "特定被担保債権" in answer.text, answer.text


def test_round_111_how_a_document_puts_it_asks_what_it_says(assistant):
    answer = assistant.ask("金融庁の考え方で示された引当方法のうち、従来の自己査定に近い方法はどう表現されていますか")
    assert not answer.abstained and "見做し債務者区分" in answer.text, answer.text


def test_round_111_a_requirement_met_is_named_by_the_requirement(assistant):
    answer = assistant.ask("米国で商標を担保にするとき、対抗要件はどのように具備しますか")
    assert not answer.abstained and "UCC-1" in _lead(answer)[0], answer.text


def test_round_111_an_english_verb_is_found_in_any_of_its_forms(assistant):
    # ("who insured …": the passages say insurance … underwritten, insurers)
    answer = assistant.ask("who insured the indigo ag ip loan back in 2020")
    assert not answer.abstained and "Markel" in answer.text, answer.text


def test_round_111_a_money_figure_asked_by_its_currency(assistant):
    assert requested_figure("what dollar figure did they give", LEX).money
    assert requested_figure("how many yen does it cost", LEX).money
    answer = assistant.ask("what dollar amount did the singapore minister put on intangibles at the wipo dialogue")
    assert answer.abstained, answer.text


def test_round_111_a_persons_name_asked_with_a_possessive(assistant):
    answer = assistant.ask("someone from singapore talked about a paradox of valuing intangibles at wipo, what's the minister's name?")
    assert answer.abstained, answer.text


def test_round_111_which_form_to_take_is_led_by_the_forms_that_may(assistant):
    answer = assistant.ask("im a 個人事業主. to borrow with my whole business as collateral, what kind of legal entity should i set up?")
    assert not answer.abstained and "株式会社" in _lead(answer)[0], answer.text


def test_round_111_whether_a_party_may_hold_the_charge_is_led_by_who_may(assistant):
    answer = assistant.ask(
        "could our main bank hold that charge itself or must it be a trust company",
        ["what is the enterprise value charge"],
    )
    assert not answer.abstained and "信託会社" in _lead(answer)[0], answer.text


def test_round_111_the_item_a_question_is_about_leads_the_list(assistant):
    answer = assistant.ask("what does the deloitte article propose to lower lenders' bad-debt risk in ip finance?")
    assert not answer.abstained and "提案II" in _lead(answer)[0], answer.text


def test_round_111_the_place_asked_after_one_taken_as_known(assistant):
    answer = assistant.ask("zhongshan shares losses 54:26:16:4 right, so what's the ratio in shenzhen")
    assert answer.abstained, answer.text
    answer = assistant.ask("中山市の損失分担の比率は？")
    assert not answer.abstained and "54:26:16:4" in _lead(answer)[0], answer.text


# ---- round 112 (blind probes j114a, x114a, e114a, u114a)


def test_round_112_the_asked_part_of_a_group_in_english_words(assistant):
    # ("how many of the lots … sold": the English rendering says "were sold"; the later part,
    # naming nothing, is read with the earlier one's auction)
    answer = assistant.ask("at ocean tomo's ninth patent auction how many of the lots actually sold, and what was the total?")
    assert not answer.abstained and "6ロット" in answer.text, answer.text


def test_round_112_years_before_a_body_name_say_which_body():
    figure = requested_figure("At which session of the FSA's 2022-23 working group did lawyers speak, and how many?", LEX)
    assert not figure.years
    assert requested_figure("how many loans were made in 2022", LEX).years == {"2022"}


def test_round_112_a_concept_acronym_is_no_subject(assistant):
    answer = assistant.ask("in zhuhai, when an IP-backed SME loan goes bad, what share of the loss does the bank take?")
    assert not answer.abstained and "60%" in _lead(answer)[0], answer.text


def test_round_112_a_share_of_a_default_loss_asks_the_split(assistant):
    answer = assistant.ask("what share of a default loss is borne by the bank in zhuhai's ip pledge scheme?")
    assert not answer.abstained and "60%" in answer.text, answer.text


def test_round_112_a_growth_rate_asked_is_a_percentage(assistant):
    assert "%" in requested_figure("百園万企の毎年の伸び率の目標は？", LEX).units
    answer = assistant.ask("「百園万企」で産業園区の質押について決めた毎年の伸び率の目標を教えてください")
    assert not answer.abstained and "20%以上" in answer.text, answer.text


def test_round_112_the_form_of_a_document_asked_is_no_topic(assistant):
    # (「どんな体裁の文書」: 体裁 asks the kind, the follow-up is about the provisioning paper)
    answer = assistant.ask(
        "そこに書かれた引当の方法は、金融機関が必ず使わないといけないのですか",
        ["金融庁が企業価値担保権付き融資の評価・引当の考え方を出したのはいつで、どんな体裁の文書でしたか"],
    )
    assert not answer.abstained and "義務はなく" in answer.text, answer.text


def test_round_112_a_plan_wanted_is_no_event_of_the_case(assistant):
    answer = assistant.ask("会社まるごと担保で借りてる間に、工場の土地を売って移転したいってなったら、誰かの同意いるの？")
    assert not answer.abstained, answer.text


def test_round_112_a_wrong_year_of_introduction_taken_as_given(assistant):
    answer = assistant.ask("責任共有制度が導入された2009年より前は、協会が全部リスクを負ってたってことでいい？")
    assert answer.abstained and "2009" in answer.abstain_reason, answer.text
    answer = assistant.ask("2007年に導入された責任共有制度では、協会と金融機関の分担はどうなっていますか")
    assert not answer.abstained and "80%" in answer.text, answer.text


def test_round_112_a_duty_taken_as_given_in_passing(assistant):
    answer = assistant.ask("経営者保証ガイドラインって法律になったんやろ？破ったら罰金とかあるん")
    assert answer.abstained and "拘束力はない" in answer.abstain_reason, answer.text


def test_round_112_the_value_of_a_rate_asked_is_a_percentage():
    assert requested_figure("各区分に掛ける率の具体的な数値を教えてください", LEX).units == {"%"}
    assert "%" in requested_figure("負担割合の数値は？", LEX).units


def test_round_112_an_early_period_is_no_total_to_date(assistant):
    answer = assistant.ask("how many startups has IPAS supported in total since launch?")
    assert answer.abstained, answer.text
    answer = assistant.ask("IPASって最初の2年間で何社を支援したの？")
    assert not answer.abstained and "25社" in answer.text, answer.text


def test_round_112_a_charge_asked_of_a_party_of_three_words(assistant):
    assert "howmuch" in LEX.intents_of("what does a chinese tech exchange charge a bank to value a patent")
    assert "howmuch" not in LEX.intents_of("what does the enterprise value charge cover")


# ---- round 113 (blind probes j115a, x115a, e115a, u115a)


def test_round_113_a_whole_year_asked_is_no_part_of_one(assistant):
    answer = assistant.ask("中国の知財担保融資、2024年は通年でいくらになったの？")
    assert answer.abstained, answer.text
    answer = assistant.ask("中国の知財質押融資って2024年上半期はどのくらい？")
    assert not answer.abstained and "4199億元" in _lead(answer)[0], answer.text


def test_round_113_a_wrong_year_of_revision_named(assistant):
    answer = assistant.ask("経営者保証ガイドラインの2016年の改定で、残存資産の扱いはどう変わりましたか")
    assert answer.abstained and "2016" in answer.abstain_reason, answer.text
    answer = assistant.ask("経営者保証ガイドラインの2022年の改定では何が変わった？")
    assert not answer.abstained and "準則型私的整理" in answer.text, answer.text


def test_round_113_a_wrong_chair_stated_in_passing(assistant):
    answer = assistant.ask("Professor Taro Yamada chaired the FSA working group on business-based lending; what date is its report?")
    assert answer.abstained and "Taro Yamada" in answer.abstain_reason, answer.text
    answer = assistant.ask("Hideki Kanda chaired the FSA working group on business-based lending; what date is its report?")
    assert not answer.abstained and "2023年2月10日" in answer.text, answer.text


def test_round_113_who_presented_a_countrys_experience_asks_a_person(assistant):
    answer = assistant.ask("who presented japan's experience at the 2022 wipo side event on ip-backed financing?")
    assert answer.abstained, answer.text


def test_round_113_a_godo_kaisha_told_without_apostrophe():
    from assistant.answer.extractive import _OWN_FORM

    assert _OWN_FORM.search("were a small godo kaisha, no land. can we use the new charge?")
    assert not _OWN_FORM.search("the loans were a small share of lending")


# ---- round 114 (blind probes j116a, x116a, e116a, u116a)


def test_round_114_where_the_asker_sits_beside_a_country_asked_is_context():
    from assistant.answer.question import places_asked

    told = places_asked("our bank is in shenzhen. how much was pledged for ip in china in 2020", LEX)
    assert not LEX.cities_in(told) and LEX.named_jurisdictions(told) == ("cn",), told
    told = places_asked("蘇州の取引先が言うには中国の知財質押融資が伸びてるらしい。2020年はいくら？", LEX)
    assert not LEX.cities_in(told), told
    # (with no country named, the city may be what is asked of)
    assert LEX.cities_in(places_asked("my company in shenzhen wants a loan, how much did shenzhen lend against ip", LEX))


def test_round_114_a_city_told_as_context_does_not_refuse_a_national_figure(assistant):
    answer = assistant.ask("杭州に住んでるんやけど、中国全体で2020年の知財担保の融資ってなんぼやったん")
    assert not answer.abstained and "2180億元" in answer.text, answer.text


def test_round_114_a_focus_said_in_a_word_of_the_same_meaning(assistant):
    from assistant.text.ja import synonym_groups

    assert synonym_groups("手法") & synonym_groups("方法")
    assert not synonym_groups("企業価値担保権")  # (a compound of several words has none)
    answer = assistant.ask("金融庁のペーパーでは、企業価値担保権付き融資の引当手法としてどのようなものが示されていますか")
    assert not answer.abstained and "見做し債務者区分" in answer.text, answer.text


def test_round_114_a_rough_sense_of_a_thing_asks_the_thing(assistant):
    answer = assistant.ask("広東省のリスク補償基金って規模感どんなもん？")
    assert not answer.abstained and "58億元" in answer.text, answer.text


def test_round_114_how_many_there_are_asked_with_nanbo():
    assert "count" in requested_figure("協会って全国でなんぼあるの", LEX).units
    assert "円" in requested_figure("その補助金、上限なんぼ？", LEX).units


def test_round_114_what_a_party_itself_bears_is_a_share():
    assert "%" in requested_figure("and in zhuhai, how much does the bank itself eat on a bad loan", LEX).units


def test_round_114_donkurai_is_no_part_of_the_noun_before_it():
    from assistant.text.ja import noun_phrases

    assert "借入" in noun_phrases("中国の2021年の借入どんくらいあった")
    assert all("どん" not in t for t in content_terms("借入どんくらい"))


def test_round_114_a_year_compared_with_is_not_the_year_asked():
    history = ["中国って2020年に特許とか担保にした融資どれくらいあったん"]
    assert "2019" not in condense("件数は？前の年より増えとった？", history, lexicon=LEX)
    assert "2019" in condense("その前の年は？", history, lexicon=LEX)


def test_round_114_a_year_told_in_a_clause_before_a_step_from_it():
    assert requested_figure("うちは2015年度から参加しましたが、前年度は何件採択されていましたか", LEX).years == {"2014"}
    # (both years asked in one breath stay as they are)
    assert requested_figure("2020年と前年の件数は？", LEX).years == {"2020"}


def test_round_114_a_long_description_before_kick_in_asks_whether_in_force(assistant):
    answer = assistant.ask("when did that new law where a bank can take the entire business of a company as security actually start applying")
    assert not answer.abstained and "2026年5月25日" in _lead(answer)[0], answer.text


def test_round_114_whether_a_party_bears_none_of_a_loss_is_led_by_its_share(assistant):
    answer = assistant.ask("保証協会の保証がついてたら、銀行は損を全然かぶらへんの？")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.text


def test_round_114_an_acronym_only_one_countrys_passages_write_names_it(assistant):
    answer = assistant.ask("do we need to record a trademark security interest at the uspto or is a ucc-1 filing enough")
    assert not answer.abstained and "UCC-1" in _lead(answer)[0], answer.text


def test_round_114_no_company_made_is_a_sole_trader(assistant):
    answer = assistant.ask("法人にはしてへんけど、会社の事業全体を担保にするやつってうちでも使えるん")
    assert not answer.abstained and "個人事業主" in _lead(answer)[0], answer.text


def test_round_114_a_passing_stated_as_a_sentence_before_the_question(assistant):
    answer = assistant.ask("The Act on the Promotion of Business-Based Lending passed the Diet in March 2024. When was it promulgated?")
    assert answer.abstained and "2024-03" in answer.abstain_reason, answer.text
    answer = assistant.ask("The Act on the Promotion of Business-Based Lending passed the Diet in June 2024. When was it promulgated?")
    assert not answer.abstained and "2024年6月14日" in answer.text, answer.text


def test_round_114_an_event_no_document_speaks_of(assistant):
    answer = assistant.ask("企業価値担保権の法案が閣議決定された日はいつですか")
    assert answer.abstained and "閣議" in answer.abstain_reason, answer.text


def test_round_114_the_first_one_of_a_series_asked_in_a_follow_up(assistant):
    answer = assistant.ask("and the first one, when was it?", ["when was WIPO's second IP finance dialogue held?"])
    assert answer.abstained, answer.text


def test_round_114_a_possessive_typed_without_its_apostrophe_names_the_place():
    assert LEX.named_jurisdictions("can a fund use japans new charge") == ("jp",)
    assert LEX.named_jurisdictions("how big are chinas pledge loans") == ("cn",)
    assert LEX.named_jurisdictions("tell us more") == ()


def test_round_114_a_counted_thing_said_in_a_word_of_the_same_meaning(assistant):
    answer = assistant.ask("企業価値担保権付き融資の引当の手法って、いくつ例示されたの")
    assert not answer.abstained and "3つ" in answer.text, answer.text


# ---- round 115 (blind probes j117a, x117a, e117a, u117a)


def test_round_115_a_number_of_things_is_no_count_asked():
    assert not requested_figure("The standard rates patents along a small number of dimensions. Which are they?", LEX).units
    assert "件" in requested_figure("what is the number of pledge registrations in 2020?", LEX).units


def test_round_115_a_comparison_asked_is_said_without_the_word():
    from assistant.answer.focus import NOT_FOCUS

    assert {"comparison", "analogy"} <= NOT_FOCUS


def test_round_115_a_plan_that_was_is_no_outlook_asked():
    from assistant.answer.judgements import asked_judgement

    assert asked_judgement("金融庁は法案をいつ出す予定やった？") is None
    assert asked_judgement("今後は個人でも使えるようになる予定なん？") is not None


def test_round_115_a_total_of_a_figure_word_names_no_thing(assistant):
    answer = assistant.ask("中国の知財証券化って、これまでの累計本数と金額はどれくらい？")
    assert not answer.abstained and "151本" in answer.text, answer.text


def test_round_115_a_case_the_question_has_just_asked_about_is_no_new_event(assistant):
    answer = assistant.ask("Do Chinese lenders value IP themselves or is it outsourced? If outsourced, who does it?")
    assert not answer.abstained and "技術取引所" in answer.text, answer.text


def test_round_115_how_many_r_there_asks_a_count():
    assert "count" in requested_figure("how many of those guarantee corps r there in japan", LEX).units
    assert "%" in requested_figure("how many of the world's firms are smes", LEX).units


def test_round_115_whether_the_bank_loses_anything_is_led_by_the_banks_share(assistant):
    answer = assistant.ask("with a credit guarantee, does my bank lose anything if i default, or is it all on the corporation?")
    assert not answer.abstained and "20%" in _lead(answer)[0], answer.text


def test_round_115_which_case_is_cited_is_led_by_a_unit_citing_one(assistant):
    answer = assistant.ask("We file a UCC-1 and record at the USPTO for patents. Is that enough for registered copyrights too, and which case is cited?")
    assert not answer.abstained and "Peregrine" in _lead(answer)[0], answer.text


def test_round_115_conditions_asked_are_led_by_the_unit_setting_them_out(assistant):
    answer = assistant.ask("個人保証なしで借りるための条件ってあるん？")
    assert not answer.abstained and "区分・分離" in _lead(answer)[0], answer.text


def test_round_115_a_start_taken_as_moved_from_a_wrong_year(assistant):
    answer = assistant.ask("why was the start of the enterprise value charge pushed back from april 2025?")
    assert answer.abstained and "2025" in answer.abstain_reason, answer.text


def test_round_115_a_fee_asked_as_yes_no_after_a_case(assistant):
    answer = assistant.ask("IPASに申し込んだらお金かかるん？")
    assert answer.abstained, answer.text


def test_round_115_a_count_of_what_came_to_default(assistant):
    answer = assistant.ask("評価書を使った融資で、その後デフォルトに至った件数は公表されていますか")
    assert answer.abstained, answer.text


def test_round_115_whats_their_name_asks_a_person():
    assert any(x.person for x in LEX.quantities_in("the official who attended as an observer, whats their name"))


# ---- round 116 (blind probes j118a, x118a, e118a, u118a)
def test_round_116_falling_into_default_is_no_topic_of_its_own(assistant):
    answer = assistant.ask("企業価値担保権付き融資で債務者が債務不履行に陥った場合、実行手続はどのように開始・進行するのでしょうか。")
    assert not answer.abstained and "管財人" in _lead(answer)[0], answer.text


def test_round_116_a_place_said_to_have_no_standard_at_all_answers_a_national_one(assistant):
    answer = assistant.ask(
        "what about the US?", ["does china have a national standard for valuing patents used as loan collateral?"]
    )
    assert not answer.abstained and "評価基準も存在しない" in _lead(answer)[0], answer.text


def test_round_116_a_total_asks_an_amount_not_a_count(assistant):
    question = "2015年度に知財ビジネス評価書を活用して実行された融資の総額はいくらだったのでしょうか。"
    assert "件" not in requested_figure(question, LEX).units
    assert "件" in requested_figure("融資額の実績は？", LEX).units
    assert assistant.ask(question).abstained


def test_round_116_a_day_asked_is_not_answered_by_a_month(assistant):
    answer = assistant.ask("経営者保証ガイドラインって2022年に改定されたやん、あれ何月何日から適用なん？")
    assert answer.abstained, answer.text
    dated = assistant.ask("when does the EVC act actually come into force? need the exact date for our board memo")
    assert not dated.abstained and "5月25日" in _lead(dated)[0], dated.text


def test_round_116_a_role_asked_who_asks_a_name(assistant):
    question = "そのワーキンググループの4回目に来てた弁護士2人って誰と誰？名前わかる？"
    assert any(x.person for x in LEX.quantities_in(question))
    assert assistant.ask(question).abstained


def test_round_116_a_glossary_word_opening_a_name_places_nothing(assistant):
    answer = assistant.ask("Which fiscal years did the JPO's IP Finance Promotion Project run?")
    assert answer.jurisdictions == ("jp",) and answer.intent == "when", (answer.jurisdictions, answer.intent)
    assert "2015〜2018年度" in _lead(answer)[0], answer.text


def test_round_116_us_after_a_verb_of_giving_is_the_pronoun():
    assert LEX.named_jurisdictions("Could they lend to us secured by an enterprise value charge?") == ()
    assert "us" in LEX.named_jurisdictions("can japanese banks sell loans to us investors")
    assert "us" in LEX.named_jurisdictions("would a us bank lend to us")


def test_round_116_does_that_mean_asks_yes_or_no():
    assert LEX.intents_of("If we borrow with an EVC, does that mean I no longer have to sign a personal guarantee?")[0] == "yesno"
    assert LEX.intents_of("what does enterprise value mean?")[0] == "definition"
    assert LEX.intents_of("what do they mean by liquidation value")[0] == "definition"


def test_round_116_a_dialect_year_follow_up_asks_the_question_again():
    asked = condense("ほな2022年は？", ["中国って2023年、特許とか担保にした融資なんぼあったん？"])
    assert "2022年" in asked and "融資" in asked and "2023" not in asked, asked


def test_round_116_the_unit_naming_what_kind_a_term_is_defines_it(assistant):
    answer = assistant.ask("企業価値担保権って何？")
    assert not answer.abstained and "事業全体の価値を担保にできる" in _lead(answer)[0], answer.text
    assert LEX.intents_of("企業価値担保権てなんなん？")[0] == "definition"


def test_round_116_a_unit_listing_several_of_the_kind_asked_leads(assistant):
    answer = assistant.ask("特許を担保にお金借りるんて、なにが危ないん？リスクってどんなんがあるん")
    assert not answer.abstained and "評価リスク" in _lead(answer)[0], answer.text


def test_round_116_a_follow_up_count_of_the_topic_is_met_in_its_passage(assistant):
    answer = assistant.ask("何回くらい集まって話したん？", ["金融庁のワーキンググループの報告書っていつ出たん？"])
    assert not answer.abstained and "7回" in _lead(answer)[0], answer.text


def test_round_116_where_the_asker_says_it_is_is_no_place_asked(assistant):
    answer = assistant.ask(
        "ok so what do we need to do to borrow w/o the CEO guarantee? we're a 20-person machining SME in Nagoya",
        ["what is the 経営者保証ガイドライン and since when does it apply?"],
    )
    assert not answer.abstained and answer.intent == "howto", answer.text


def test_round_116_what_one_must_do_to_get_it_asks_the_requirements(assistant):
    answer = assistant.ask("社長の保証なしで借りるには何をすればいいの？")
    assert not answer.abstained and "区分・分離" in _lead(answer)[0], answer.text


def test_round_116_koto_wa_asks_no_definition():
    assert LEX.intents_of("持分会社でも企業価値担保権の設定者となることはできるのでしょうか。")[0] == "yesno"
    assert LEX.intents_of("企業価値担保権とは")[0] == "definition"


def test_round_116_the_first_one_after_a_numbered_occasion_is_the_one_said_first(assistant):
    answer = assistant.ask("and when was the first one held?", ["When did Ocean Tomo hold its ninth patent auction?"])
    assert not answer.abstained and "2006年4月" in _lead(answer)[0], answer.text
    refused = assistant.ask("And when was the first one held?", ["When did WIPO hold its second IP Finance Dialogue?"])
    assert refused.abstained, refused.text


def test_round_116_to_wa_betsu_compares_and_defines_nothing():
    assert "definition" not in LEX.intents_of("前にニュースで事業成長担保権ってきいたんやけど、企業価値担保権とは別モンなん？")


# ---- round 117 (blind probes j120a, x120a, e120a, u120a)
def test_round_117_a_later_figure_of_the_cities_asked_before_is_met_in_their_passage(assistant):
    answer = assistant.ask(
        "And by the end of June 2024?",
        ["How many IP securitisation products had been issued on the Shanghai and Shenzhen exchanges by September 2023?"],
    )
    assert not answer.abstained and "151本" in _lead(answer)[0], answer.text


def test_round_117_a_time_with_its_month_asks_the_earlier_figure_again():
    asked = condense("2024年の6月末時点やと、どんくらいに増えてる？", ["中国の知財の証券化商品、2023年9月までに何本出てたん？"])
    assert "2024年の6月末時点" in asked and "証券化" in asked and "2023" not in asked, asked


def test_round_117_checking_what_a_friend_says_asks_no_words_of_its_own(assistant):
    answer = assistant.ask("A friend says IP-backed loans are a big part of secured business lending in the US. Is that right? Any numbers?")
    assert not answer.abstained and "約4%" in answer.text, answer.text


def test_round_117_a_trade_the_asker_remembers_is_not_asked(assistant):
    answer = assistant.ask(
        "who chaired the FSA working group (the one under the Financial System Council in FY2022) that designed the "
        "business growth charge? i remember it was a law professor but not the name"
    )
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


def test_round_117_how_long_it_went_on_is_a_length_of_time(assistant):
    answer = assistant.ask(
        "WIPOはUNCITRALの担保取引立法ガイドの作業に関与していたそうですが、その関与期間はどの程度で、"
        "知財金融に関する情報会合を開いたのはいつでしょうか。"
    )
    assert not answer.abstained and "約5年にわたって" in _lead(answer)[0], answer.text


def test_round_117_a_division_asked_is_named_by_the_division(assistant):
    answer = assistant.ask(
        "事業譲渡等指針の見直しを議論した労働政策審議会の部会には、金融庁からもオブザーバーが出席していたそうですが、"
        "どの部署のどなたが出席していたのでしょうか。"
    )
    assert not answer.abstained and "総務課" in answer.text, answer.text


def test_round_117_an_official_asked_by_post_is_named_by_the_post(assistant):
    answer = assistant.ask(
        "which FSA official sat in as observer at the MHLW labour council subcommittee that reviewed the business transfer guideline?"
    )
    assert not answer.abstained and "事業性融資推進室長" in answer.text, answer.text
    named = assistant.ask(
        "what is the name of the head of the FSA's Business-Based Lending Promotion Office who attended the labour council subcommittee as an observer?"
    )
    assert named.abstained, named.text


def test_round_117_each_of_them_names_no_thing():
    assert "それぞれ" not in content_terms("それぞれの金額もあわせて教えてください")


def test_round_117_a_count_of_countries_is_no_count_of_the_person_who_said_it(assistant):
    answer = assistant.ask("WIPOのえらい人が、目に見えん資産は世界の上位何か国ぶんの経済よりでかいって言うとったらしいけど、何か国って言うてたん？")
    assert not answer.abstained and "10か国" in _lead(answer)[0], answer.text


def test_round_117_what_a_described_thing_is_called_is_led_by_the_unit_naming_it(assistant):
    answer = assistant.ask("社長が住んでる家とかにかける担保のこと、国のルールでなんか特別な名前がついとるって聞いたんやけど、何て言うん？")
    assert answer.intent == "name" and "生活資産担保権" in _lead(answer)[0], answer.text


def test_round_117_a_follow_up_asking_its_own_thing_of_another_place_stands_alone(assistant):
    asked = condense(
        "じゃあ日本の保証協会つきの融資やったら、焦げ付いたとき銀行はどんだけかぶるん？",
        ["中国の広東省って、知財担保の貸し倒れの損を誰がどんだけかぶっとるん？"],
    )
    assert asked.startswith("日本の保証協会") and "貸し倒れ" not in asked, asked
    kept = condense("じゃあアメリカで特許担保で借りるときは？", ["日本で特許担保の融資ってどこに登録するん？"])
    assert "について" in kept, kept


def test_round_117_a_role_asked_who_after_a_comma_asks_a_name():
    assert any(x.person for x in LEX.quantities_in("第4回会合で発表した2人の弁護士は、どなたでしょうか。"))
    assert any(x.person for x in LEX.quantities_in("Who was the CEO running it back then?"))


def test_round_117_a_possessive_first_occasion_and_when_and_where(assistant):
    assert LEX.intents_of("When and where was WIPO's first IP Finance Dialogue held?")[0] == "when"
    assert assistant.ask("When and where was WIPO's first IP Finance Dialogue held?").abstained


def test_round_117_a_place_named_to_compare_with_is_not_asked():
    from assistant.answer.question import places_asked

    rest = places_asked("中国の上海って特許担保のリスク補償基金どれくらいの規模なん？広東みたいに何割か肩代わりしてくれるん？", LEX)
    assert "上海" in rest and "広東" not in rest, rest


def test_round_117_a_percentage_asked_is_no_amount_named_before_it():
    question = "施行令2条では、不特定被担保債権留保額を配当可能額の区分ごとに率を掛けて算出するとのことですが、各区分に適用される率は具体的に何%と定められているのでしょうか。"
    assert requested_figure(question, LEX).units <= {"%", "割", "share"}


def test_round_117_a_part_of_a_whole_told_in_an_earlier_clause(assistant):
    answer = assistant.ask(
        "2018年3月の知財金融フォーラムには金融機関の職員も多数参加したと聞いていますが、そのうち信用金庫の職員は何人だったのでしょうか。"
    )
    assert answer.abstained, answer.text


def test_round_117_a_quoted_body_asked_who_chaired_is_that_body(assistant):
    answer = assistant.ask(
        "Who chaired the FSA's 'Study Group on Lending and Restructuring Practices that Support Businesses' that was set up in 2020?"
    )
    assert answer.abstained, answer.text


def test_round_117_a_start_told_for_some_users_first_is_a_start(assistant):
    answer = assistant.ask("企業価値担保権って2025年に個人事業主向けだけ先にスタートしたって聞いたけど、なんで個人から先やったん？")
    assert answer.abstained and "2025" in answer.abstain_reason, answer.text


def test_round_118_a_follow_up_asking_a_topic_carries_no_count(assistant):
    answer = assistant.ask(
        "and what was the topic of the 5th meeting?",
        ["How many times did the FSA working group on business-focused lending meet in 2022-23?"],
    )
    assert not answer.abstained and "第5回会合" in _lead(answer)[0], answer.text


# ---- round 119 (blind probes j121a, x121a, e121a, u121a)
def test_round_119_a_date_checked_with_a_tag_is_answered_with_the_date(assistant):
    answer = assistant.ask("EVC act was passed in 2023 right?")
    assert not answer.abstained and "2024年6月7日" in _lead(answer)[0], answer.text
    # (a wrong date taken as given, not asked to be checked, is still refused)
    refused = assistant.ask("事業性融資の法律って2023年の国会で成立したらしいけど、いつ施行されたの？")
    assert refused.abstained and "2023" in refused.abstain_reason, refused.text


# ---- round 120 (blind probes j122a, x122a, e122a, u122a)
def test_round_120_names_asked_of_each_of_a_group_the_documents_only_count(assistant):
    question = "事業性融資ワーキング・グループの第4回会合にゲストとして招かれた2人の弁護士は、それぞれどなたでしょうか。"
    assert any(x.person for x in LEX.quantities_in(question))
    assert assistant.ask(question).abstained


def test_round_120_why_something_was_allowed_that_the_documents_deny(assistant):
    answer = assistant.ask("金融庁が2023年2月2日に示した概要で、商取引債権者にも担保権者となることを認めた理由はどのように説明されていたのでしょうか。")
    assert answer.abstained and "商取引債権者" in answer.abstain_reason, answer.text
    # (asking why they may not is answered)
    assert not assistant.ask("商取引債権者が担保権者になれない理由は？").abstained


def test_round_120_binding_force_taken_as_given_is_named_without_the_hearsay(assistant):
    answer = assistant.ask(
        "経営者保証に関するガイドラインは2022年6月の改定で法的拘束力を持つようになったと聞きましたが、その根拠となる法律は何でしょうか。"
    )
    assert answer.abstained and "「拘束力を持つようになった」" in answer.abstain_reason, answer.abstain_reason


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("企業価値担保権で借りてて、もし返せんくなったら会社はどないなるん？", "whatif"),
        ("中国やと、返されへんかったら担保の特許ってどうなるん？", "whatif"),
        ("それやったらワシ個人は保証人にならんでええの？", "yesno"),
        ("在庫売ってもええの？", "yesno"),
        ("How does the Deloitte article define IP finance?", "definition"),
        ("How do I apply?", "howto"),
    ],
)
def test_round_120_kansai_and_define_questions_are_read_for_what_they_ask(question, intent):
    assert LEX.intents_of(question)[0] == intent


def test_round_120_a_count_of_a_bodys_meetings_is_stated_in_its_passage(assistant):
    answer = assistant.ask("金融庁のワーキンググループって、ぜんぶで何回くらい集まって話し合ったん？")
    assert not answer.abstained and "全部で7回" in _lead(answer)[0], answer.text
    # (a figure of the body its passage never gives is still refused)
    assert assistant.ask("金融庁のワーキング・グループの委員は何人？").abstained


def test_round_120_the_last_meeting_asked_beside_a_count_is_no_subject(assistant):
    answer = assistant.ask(
        "その会合は全部で何回開かれたのでしょうか。最終回の開催日もあわせて教えてください。",
        ["事業性に着目した融資実務を支える制度のあり方等に関するワーキング・グループの座長はどなたでしたか。"],
    )
    assert not answer.abstained and "全部で7回" in _lead(answer)[0], answer.text
    # (the topic carried keeps the dotted name whole)
    assert "ワーキング・グループについて" in answer.condensed_query, answer.condensed_query


def test_round_120_a_follow_up_naming_a_thing_is_what_it_stands_for_next():
    kept = condense("who underwrote it?", ["Is there insurance in the US that covers loans backed by IP?", "Which was the first deal?"])
    assert "first deal" in kept, kept
    # (a follow-up asking only of "it" still leaves its own question behind)
    plain = condense("And when did the Diet pass it?", ["Is there a law for the enterprise value charge?", "When does it start?"])
    assert "start" not in plain, plain


def test_round_120_a_scheme_kept_beside_its_successor_did_not_end(assistant):
    # 「2019年度には後継…が新設され、評価書に加えて…提案書が新たに導入された」: the reports went on
    for question in (
        "Why did the JPO scrap the IP business evaluation reports in fiscal 2019?",
        "特許庁が2019年に知財ビジネス評価書を廃止したのはなぜ？",
    ):
        answer = assistant.ask(question)
        assert answer.abstained and "知財ビジネス評価書" in answer.abstain_reason, (question, answer.text)


def test_round_120_a_cost_named_beside_a_definition_asks_no_amount(assistant):
    question = "特許庁の知財ビジネス評価書とはどのようなもので、金融機関側に費用負担は生じるのでしょうか。"
    assert LEX.intents_of(question)[0] == "definition"
    assert not LEX.asks(question, "howmuch") and LEX.asks("評価書の費用って、どのくらい？", "howmuch")
    answer = assistant.ask(question)
    assert not answer.abstained and "費用を負担せずに受け取れる" in _lead(answer)[0], answer.text


# ---- round 121 (blind probes j123a, j123b, e123a, u123a)
def test_round_121_the_askers_own_place_and_doings_are_no_party_asked_about(assistant):
    # 京都 is where the asker's bakery is; 「してるんやけど」 is what they do, not Kyoto's practice
    answer = assistant.ask(
        "京都で小さいパン屋やってて、いちおう合同会社にしてるんやけど、会社まるごと担保にして借りれるっていうあの企業価値担保権ってうちみたいなとこでも使えるん？"
    )
    assert not answer.abstained and "持分会社" in _lead(answer)[0], answer.text
    # (what a place never named does is still refused)
    assert assistant.ask("名古屋の地銀でやってるとこある？").abstained


def test_round_121_an_adverbial_noun_before_a_bank_names_no_bank():
    assert unknown_institutions("古い機械売ったり在庫さばいたりするのいちいち銀行の許可いるん？", lambda w: False) == ()
    assert unknown_institutions("ゆうちょ銀行って融資やってくれる？", lambda w: False) == ("ゆうちょ銀行",)


def test_round_121_what_someone_said_naming_a_thing_asks_no_view(assistant):
    answer = assistant.ask("酒蔵の4代目です。蔵の土地はもう担保に入ってて、銀行さんが言うてた事業まるごと担保の新しい融資？あれっていつから使えるようになるん")
    assert not answer.abstained and "2026年5月25日" in _lead(answer)[0], answer.text


def test_round_121_some_of_a_thing_is_no_count_asked():
    assert requested_figure("意匠権とか商標いくつか持ってるんやけど、どんなリスクがあるん？", LEX).units == frozenset()


def test_round_121_dialect_grammar_is_no_noun_of_the_topic():
    assert "やけど" not in key_terms("土地もなんも持ってへんのやけど")
    kept = condense("いつから？", ["会社の全部を担保にしてお金借りれる制度できたってほんま？土地もなんも持ってへんのやけど"])
    assert "制度" in kept and "土地" not in kept, kept
    # (a fragment saying what was meant stays with the topic)
    assert "スタートアップ" in condense("誰がやっとるん？", ["IPASってなに？スタートアップ向けのやつ"])


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("話し合ってた会議の座長だれ？", "who"),
        ("この企業価値担保権つけて借りるのってありなんですか？", "yesno"),
    ],
)
def test_round_121_short_who_and_is_it_ok_questions(question, intent):
    assert LEX.intents_of(question)[0] == intent


def test_round_121_the_largest_single_deal_is_asked_of_the_top_one(assistant):
    answer = assistant.ask("中国で特許担保の融資で今までいちばんでかかった案件っていくらなん？")
    assert answer.abstained and "いちばんでかかった案件" in answer.abstain_reason, answer.text


def test_round_121_a_count_in_a_work_named_by_its_author(assistant):
    answer = assistant.ask("デロイトの記事やと日本で知財金融広まらん理由っていくつあるん")
    assert not answer.abstained and "2つの論点" in _lead(answer)[0], answer.text
    # (a count asked by another counter is none of it)
    assert assistant.ask("デロイトの記事で行われた金融機関へのヒアリングは、何行の金融機関を対象に実施されたのでしょうか。").abstained


def test_round_121_the_author_of_a_work_is_a_person_asked(assistant):
    answer = assistant.ask("デロイトのあの知財金融の記事書いたん誰なん？名前知りたいんやけど")
    assert answer.abstained, answer.text


def test_round_121_why_postponed_names_the_scheme_before_the_why(assistant):
    answer = assistant.ask("企業価値担保権って2025年4月スタートの予定やったのに、なんで延期になったん？")
    assert answer.abstained and "企業価値担保権" in answer.abstain_reason, answer.text
    # (whether it was postponed is asked, not taken as given)
    assert not assistant.ask("企業価値担保権って延期になったん？").abstained


def test_round_121_the_places_a_work_compares_are_not_asked_about(assistant):
    answer = assistant.ask(
        "In the Deloitte piece comparing Japan w/ US & China, what's the Guangdong loss-sharing ratio for defaulted IP loans (gov : bank : insurer : valuer)?"
    )
    assert not answer.abstained and "44:36:16:4" in answer.text, answer.text


def test_round_121_a_currency_code_is_no_unknown_name():
    q = frame("What was China's IP pledge financing total for full-year 2023 (RMB) and the YoY growth?", LEX, lambda w: False)
    assert "RMB" not in q.unknown_entities, q.unknown_entities


def test_round_121_what_an_english_question_compares_with_is_no_subject(assistant):
    assert without_comparison("How much did DBJ lend? want to benchmark vs China's pledge numbers").strip() == "How much did DBJ lend?"
    answer = assistant.ask(
        "For comparison with SBA 7(a) guaranty shares: under Japan's responsibility-sharing system, what % of the risk does the lending bank keep vs the credit guarantee corp?"
    )
    assert not answer.abstained and "80%" in _lead(answer)[0], answer.text
    answer = assistant.ask("Historically, how much IP-secured lending did the Development Bank of Japan (DBJ) do? want to benchmark vs China's pledge numbers")
    assert not answer.abstained and "310件" in _lead(answer)[0], answer.text


def test_round_121_a_japanese_follow_up_to_an_english_question_carries_its_japanese_topic():
    kept = condense("なんで国はわざわざこんな制度つくったん？", ["What is the enterprise value charge, in plain terms?"])
    assert kept.startswith("企業価値担保権について"), kept


# ---- round 122 (blind probes j124a, j124b, e124a, u124a)
@pytest.mark.parametrize(
    "question",
    [
        "福岡で飲食店3店舗やっとって従業員も20人おるっちゃけど、会社の全部ば担保にして借りたとして、もし潰れたら銀行が先に全部持っていって従業員の給料は後回しにされるっちゃないと？",
        "宮城で水産加工の会社やってんだけっども、社長の保証なしで会社の事業ば担保にするっつう制度、もう始まってんのすか？",
        "岩手でちっちゃな合同会社やってんだけんど、会社まるごと担保にしてお金借りる新しい制度、うちみてぇな合同会社でも使えんのすか？",
    ],
)
def test_round_122_where_the_asker_runs_their_business_is_no_place_asked_about(assistant, question):
    assert not assistant.ask(question).abstained


def test_round_122_a_place_where_someone_else_does_something_is_still_asked_about():
    assert "名古屋" in places_asked("名古屋で知財融資やってる銀行ある？", LEX)
    assert "福岡" not in places_asked("福岡で飲食店3店舗やっとって従業員も20人おるっちゃけど、", LEX)


def test_round_122_the_askers_worry_after_the_question_sets_no_case(assistant):
    answer = assistant.ask(
        "中国の取引先と組んで向こうで特許担保にして借りる話あるんやけど、担保の登録って何日くらいかかるん？紙やなくて電子で出したら早いん？資金が間に合わんかったら給料払えへんねん"
    )
    assert not answer.abstained and "1営業日" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("とっきょちょうの ちざいびじねすひょうかしょ？あれ作るのにほんまは1件100万くらいかかるって聞いたんやけど、実際なんぼくらいなん", "20万〜30万円前後"),
        ("アメリカだと特許担保の融資なんて普通で、担保つき融資の3割くらいは特許だって聞いたがや、ほんと？", "約4%"),
    ],
)
def test_round_122_a_heard_figure_only_checked_is_corrected(assistant, question, figure):
    answer = assistant.ask(question)
    assert not answer.abstained and figure in _lead(answer)[0], answer.text


def test_round_122_a_heard_figure_asked_on_is_still_refused(assistant):
    answer = assistant.ask("企業価値担保権の極度額は上限10億円と法定されていると聞いていますが、これを超える与信はどう扱えばよいですか。")
    assert answer.abstained and "10億円" in answer.abstain_reason, answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "Our Singapore parent owns a Japanese KK subsidiary. Can the KK grant an enterprise value charge over its whole business, or is the EVC limited to certain company types?",
            "株式会社または持分会社",
        ),
        ("if our japanese subsidiary (an SME) gets a loan backed by a credit guarantee corp, does the bank carry any of the risk?", "80%"),
        ("US VC perspective: does the US government subsidise or set up schemes for all-asset (blanket lien) lending, per the Deloitte article?", "介入することは基本的にない"),
    ],
)
def test_round_122_english_askers_own_parties_and_sources_are_not_asked_about(assistant, question, lead):
    answer = assistant.ask(question)
    assert not answer.abstained and lead in _lead(answer)[0], answer.text


def test_round_122_an_english_follow_up_with_talk_around_it(assistant):
    answer = assistant.ask(
        "wait really, the whole business gets transferred? is there any exception to that?",
        ["How is the collateral sold off if a borrower defaults under an enterprise value charge?"],
    )
    assert not answer.abstained and "例外" in _lead(answer)[0], answer.text


def test_round_122_what_someone_said_there_carries_no_date_asked_before(assistant):
    answer = assistant.ask(
        "and what did wipo's director general say there about how big intangibles are?", ["when was WIPO's 2nd IP Finance Dialogue held?"]
    )
    assert not answer.abstained and "上位10か国" in _lead(answer)[0], answer.text


def test_round_122_an_earlier_turn_typed_in_kana_carries_its_term(assistant):
    condensed = assistant.condense("そのあとはなんて名前の事業になったん？", ["ちざいきんゆうそくしんじぎょうって、いつまでやってたん？"])
    assert condensed.startswith("知財金融促進事業について"), condensed


# ---- round 123 (blind probes j125a, x125a, e125a, u125a)


def test_round_123_a_full_year_asked_with_no_figure_word_is_that_years_figure(assistant):
    answer = assistant.ask("china ip pledge 2023 full yr?")
    assert not answer.abstained and "8539.9億元" in _lead(answer)[0], answer.text
    later = assistant.ask("and 2025?", ["china ip pledge 2023 full yr?"])
    assert later.abstained, later.text


@pytest.mark.parametrize(
    ("follow_up", "figure"),
    [("2024年通年は？", None), ("2022年は？", "4868.8億元")],
)
def test_round_123_a_japanese_year_follow_up_asks_the_figure_asked_before(assistant, follow_up, figure):
    answer = assistant.ask(follow_up, ["中国の知財担保融資って2023年はなんぼやったん？"])
    if figure is None:  # (only the first nine months and an outlook are stated for 2024)
        assert answer.abstained, answer.text
    else:
        assert not answer.abstained and figure in _lead(answer)[0], answer.text


def test_round_123_the_condenser_keeps_a_full_year_with_its_year():
    from assistant.retrieval.condense import condense

    assert condense("2024年通年は？", ["中国の知財担保融資って2023年はなんぼやったん？"]) == "中国の知財担保融資って2024年通年はなんぼやったん？"


def test_round_123_a_bodys_meetings_are_counted_whatever_scheme_says_which_body(assistant):
    answer = assistant.ask("事業成長担保権を検討した金融庁のWGって何回開かれたん？")
    assert not answer.abstained and "7回" in _lead(answer)[0], answer.text


def test_round_123_a_count_asked_with_ko_is_met_by_tsu(assistant):
    answer = assistant.ask("デロイトの記事だと、日本で知財金融が進まない理由は何個あるの？")
    assert not answer.abstained and "2つの論点" in _lead(answer)[0], answer.text


def test_round_123_where_the_asker_comes_from_told_after_the_question_is_not_asked_about(assistant):
    answer = assistant.ask(
        "Is the keieisha hosho guideline a law? If bank not follow it, is it illegal? i come from Germany, here such guidelines are often binding"
    )
    assert not answer.abstained and "法的な拘束力はない" in _lead(answer)[0], answer.text


def test_round_123_how_it_is_at_home_told_before_asking_of_japan_is_a_comparison(assistant):
    answer = assistant.ask(
        "what happen if the borrower default with kigyo kachi tanpoken? in Vietnam bank just sell each asset one by one, in japan is same way?"
    )
    assert not answer.abstained and "事業譲渡の方法で換価" in answer.text, answer.text


def test_round_123_a_remark_read_as_a_comparison_does_not_hide_the_figure_asked(assistant):
    # (the intent of the asking sentence says which quantity is asked: a guarantee fee rate,
    # which the documents never state)
    answer = assistant.ask(
        "what is guarantee fee % (hoshoryo) that shinyo hosho kyokai charge to SME per year? KODIT in Korea is around 1%, want compare"
    )
    assert answer.abstained, answer.text


@pytest.mark.parametrize("question", ["中国の銀行って自分で特許の評価しとるん？", "中国の銀行って、特許の価値を自分で評価しよるん？", "アメリカの銀行って特許の値段いちいち調べへんの？"])
def test_round_123_western_yes_no_forms(question):
    assert LEX.intents_of(question)[:1] == ["yesno"]


def test_round_123_a_kansai_negative_yes_no_is_answered_by_the_practice(assistant):
    answer = assistant.ask("アメリカの全部担保の融資って特許の値段いちいち調べへんの？")
    assert not answer.abstained and "知財の価値評価を行わないのが一般的" in _lead(answer)[0], answer.text


def test_round_123_days_under_a_condition_ask_how_long(assistant):
    answer = assistant.ask("中国で特許を担保登録するの電子やと何日？")
    assert not answer.abstained and "1営業日" in _lead(answer)[0], answer.text


def test_round_123_a_make_up_asked_by_kinds_given_as_examples(assistant):
    answer = assistant.ask(
        "2014年度の特許庁の知財金融施策の試行について、評価書作成支援の採択件数と、メガバンク系・地銀・信金などの業態別内訳を確認させてください。"
    )
    assert not answer.abstained and "18の金融機関から37件" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        "2015年度8月末時点で知財ビジネス評価書の活用に採択された61機関について、地銀・第二地銀・信用金庫・信用組合といった業態別の内訳を教えてください。",
        "2018年3月の知財金融フォーラムに参加した金融機関職員134人について、都市銀行・地方銀行・信用金庫など業態別に何人ずつ参加していたのでしょうか。",
    ],
)
def test_round_123_the_make_up_of_a_stated_whole_the_documents_do_not_break_down_is_refused(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and "内訳" in answer.abstain_reason, answer.text


def test_round_123_a_name_read_across_a_word_boundary_is_no_unknown_name():
    from assistant.answer.question import unknown_entities

    assert unknown_entities("メガバンク系・地銀・信金などの業態別内訳を確認させてください。", lambda term: term == "内訳", LEX) == ()


def test_round_123_a_tool_asked_for_is_named_by_its_own_name(assistant):
    answer = assistant.ask(
        "その後継事業の名称と、新たに導入されたツールについて教えてください。", ["知財金融促進事業は何年度から何年度までの事業だったのでしょうか。"]
    )
    assert not answer.abstained and "知財ビジネス提案書" in _lead(answer)[0], answer.text


def test_round_123_an_everyday_verb_telling_the_case_is_no_unsaid_event(assistant):
    answer = assistant.ask("If a US venture lender accepts a negative pledge instead of a lien on the IP, where does that leave the lender?")
    assert not answer.abstained and "ネガティブ・プレッジ" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("typed", "spelt"),
    [("今なん社あるん？", "今何社あるん？"), ("実際なんけんつくられたん？", "実際何件つくられたん？"), ("なんかいい方法ある？", "なんかいい方法ある？")],
)
def test_round_123_a_count_typed_in_kana_is_read_as_one(typed, spelt):
    assert LEX.with_japanese_terms(typed) == spelt


def test_round_123_a_count_typed_in_kana_is_refused_when_unstated(assistant):
    answer = assistant.ask("今なん社あるん？", ["企業価値担保権信託会社って、どんな会社がなれるん？"])
    assert answer.abstained, answer.text


def test_round_123_a_postponement_typed_without_ni_is_taken_as_given(assistant):
    answer = assistant.ask("企業価値担保権ってなんで施行延期なったん？")
    assert answer.abstained and "延期" in answer.abstain_reason, answer.text


def test_round_123_banks_are_counted_among_financial_institutions(assistant):
    answer = assistant.ask("評価書使ったことある銀行って全部でいくつ？2019年時点")
    assert not answer.abstained and "累計で214" in _lead(answer)[0], answer.text


def test_round_123_what_are_their_names_asks_for_people(assistant):
    question = "the two bengoshi who presented about worker protection at 4th meeting of FSA WG — what are their names and law firms?"
    assert any(x.person for x in LEX.quantities_in(question))
    answer = assistant.ask(question)
    assert answer.abstained, answer.text  # (the documents count the two lawyers, but name neither)


def test_round_123_when_with_the_subject_before_will_asks_when():
    assert LEX.intents_of("When WIPO will publish the country report for Japan?")[:1] == ["when"]
    assert LEX.intents_of("When we borrow with an EVC, do I still need a personal guarantee?")[:1] != ["when"]


def test_round_123_a_report_for_a_country_the_documents_never_name_is_refused(assistant):
    answer = assistant.ask("When WIPO will publish the Unlocking IP-backed Financing country report for Vietnam? our ministry want to join")
    assert answer.abstained and "Vietnam" in answer.abstain_reason, answer.text


@pytest.mark.parametrize("question", ["who wrote the Deloitte IP finance article?", "デロイトの記事を書いたのは誰？"])
def test_round_123_a_firm_typed_in_english_is_no_person_named(assistant, question):
    # (Sudachi reads デロイト as a person's name; the question names Deloitte itself, and the
    # documents name no author)
    answer = assistant.ask(question)
    assert answer.abstained, answer.text


def test_round_123_when_it_is_at_the_end_asks_when():
    assert LEX.intents_of("The new japan law for 企業価値担保権, when it is enforce exactly? We plan a loan.")[:1] == ["when"]
    assert LEX.intents_of("When it is enforced, what happens to my house?")[:1] != ["when"]


def test_round_123_whether_the_same_share_applies_to_a_scheme_left_out(assistant):
    answer = assistant.ask(
        "スタートアップ創出促進保証を利用する場合も、同じ割合で当行が責任を負担することになりますか。",
        ["信用保証付融資について、責任共有制度はいつ導入され、協会と金融機関の負担割合は原則どうなっているのでしょうか。"],
    )
    assert not answer.abstained and "責任共有制度の対象外" in _lead(answer)[0], answer.text


def test_round_123_how_many_meeting_in_the_singular_counts_times(assistant):
    answer = assistant.ask("how many meeting the FSA WG hold before the report came out? my team in Seoul need the timeline")
    assert not answer.abstained and "7回" in _lead(answer)[0], answer.text


def test_round_123_how_many_percent_asks_a_percentage(assistant):
    assert requested_figure("WIPO says SMEs are how many percent of all companies in world?", LEX).units == frozenset({"%"})
    answer = assistant.ask("WIPO says SMEs are how many percent of all companies in world? and employment?")
    assert not answer.abstained and "約90%" in _lead(answer)[0], answer.text


# ---- round 124 (blind probes j126a, x126a, e126a, u126a)


@pytest.mark.parametrize("question", ["特許担保の融資ってどんな危ないことがあるの？", "評価書ってどこにあるの？", "いつまでに申し込む必要があるの？"])
def test_round_124_a_question_word_before_aru_no_asks_no_yes_or_no(question):
    # (「あるの？」 asks yes or no only when no question word asks what, where or when)
    assert "yesno" not in LEX.intents_of(question)[:1]


@pytest.mark.parametrize("question", ["評価書って何か補助あるの？", "企業価値担保権って何かデメリットある？"])
def test_round_124_nanika_is_any_not_what(question):
    # (「って何か補助」: 何か is "any", not 「って何？」)
    assert "definition" not in LEX.intents_of(question)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Confirm: the enterprise value charge regime came into force in April 2026?", "2026年5月25日に施行"),
        ("企業価値担保権って2026年4月に施行されたんですよね？", "2026年5月25日に施行"),
    ],
)
def test_round_124_a_check_of_a_wrong_date_is_answered_with_the_documents_date(assistant, question, fact):
    # (a fact check asks whether what it states holds: a no answers it; a question resting on
    # the wrong date, 「2023年から始まってるらしいけど、どう使うの？」, is still refused)
    answer = assistant.ask(question)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text
    assert assistant.ask("企業価値担保権は2023年から始まってるらしいけど、どう使うの？").abstained


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("is it true the FSA working group only met 5 times before issuing its report?", "7回"),
        ("評価書って1件30万円って本当？", "約30万円"),
        ("is it true china's IP pledge financing topped 300bn yuan for the first time in 2021? exact figure pls", "3098億元"),
    ],
)
def test_round_124_a_check_of_a_figure_is_led_by_the_figure_of_its_kind(assistant, question, fact):
    # (a check stating a figure asks a figure of its kind; a growth beside an amount is no
    # reason to refuse "exact figure pls")
    answer = assistant.ask(question)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text


def test_round_124_an_heir_is_no_successor_programme(assistant):
    # (後継ぎ, and having one's son take over a guarantee, 「保証人まで引き継がせたない」, ask for no
    # programme that came after another)
    assert not any("後継" in x.nouns for x in LEX.quantities_in("うちみたいに後継ぎの保証で困っとる会社が使えるんですか？"))
    answer = assistant.ask("会社の全部を担保に入れる新しいやり方で借り換えたら、わしの個人保証は外してもらえるんですか？息子に継がせる時に保証人まで引き継がせたないんです")
    assert not answer.abstained and "経営者保証を利用することが制限される" in _lead(answer)[0], answer.text


def test_round_124_next_year_in_a_spoken_plan_is_not_asked(assistant):
    # (「来年あたり…しよう思てるんで」 tells the asker's plan; the later-year refusal stays for
    # 「来年から補助金って増えるの？」)
    answer = assistant.ask("その会社まるごと担保っての、もう始まっとるんですか？来年あたり事業承継の段取りしよう思てるんで、いつから使えるんか教えてください")
    assert not answer.abstained and "2026年5月25日" in _lead(answer)[0], answer.text
    assert assistant.ask("来年から補助金って増えるの？").abstained


def test_round_124_the_talk_a_proposal_is_told_as_is_no_thing_asked(assistant):
    # (「…したらええ、いう話は」: the proposal is what the clause asks about, 話 holds it)
    answer = assistant.ask("焦げ付いた時の銀行の損を国や自治体が埋めたる仕組みを作ったらええ、いう話はどっかで提案されとるんですか")
    assert not answer.abstained and "貸倒引当金を補填" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    ["金融庁のワーキンググループ、事業成長担保権を話し合うてたやつの座長って誰やったっけ", "who chaired the FSA working group that discussed the business growth charge?"],
)
def test_round_124_the_chair_of_a_body_named_by_its_scheme(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained and "神田秀樹" in _lead(answer)[0], answer.text


def test_round_124_a_correction_asks_which_meeting_of_the_earlier_turn(assistant):
    # ("No wait, I meant …": a follow-up; the meetings the earlier turn named, and its years,
    # are no answer the ordinal must match)
    answer = assistant.ask(
        "No wait, I meant the one where they argued about who gets to hold the charge — which meeting was that?",
        [
            "The FSA working group met seven times between November 2022 and February 2023. At the second meeting Keidanren "
            "and two banks presented. Which meeting dealt with protecting employees, and who presented there?"
        ],
    )
    assert not answer.abstained and "第5回会合" in _lead(answer)[0], answer.text


def test_round_124_a_japanese_correction_is_a_follow_up(assistant):
    answer = assistant.ask(
        "いや、2022年の方やねん。中小企業の割合だけでええ",
        ["中国の知財質押融資って2023年は受益企業数とか前年比の伸び率とかどうやったん？"],
    )
    assert not answer.abstained and "70.5%" in _lead(answer)[0], answer.text


def test_round_124_a_count_asked_after_a_turn_on_a_successor_asks_no_successor(assistant):
    answer = assistant.ask(
        "And how many financial institutions had used the evaluation reports by May 2019? Just the number.",
        ["The JPO's IP Finance Promotion Project ran from fiscal 2015 to 2018; what was the successor scheme from fiscal 2019?"],
    )
    assert not answer.abstained and "214" in _lead(answer)[0], answer.text


def test_round_124_the_earlier_rule_asked_of_another_case_by_so(assistant):
    # (「創業の時の保証でもそうなるん？」: a follow-up, though a reason follows it)
    answer = assistant.ask(
        "創業の時の保証でもそうなるん？息子が別会社たちあげる時に使うかもしれへんので",
        ["保証協会つけて借りとる分って、うちが返せんようになったら銀行さんも何割か損かぶるんですか？"],
    )
    assert not answer.abstained and "責任共有制度の対象外" in _lead(answer)[0], answer.text


def test_round_124_until_which_year_asks_the_end(assistant):
    answer = assistant.ask("知財金融促進事業って何年度までやってたの？")
    assert not answer.abstained and "2015〜2018年度の4年間" in _lead(answer)[0], answer.text


def test_round_124_what_to_do_is_answered_by_the_requirements(assistant):
    # (「…外してもらうにはどうすればいい？」: 「保証なしで融資を受けるための要件は3つあり…」)
    answer = assistant.ask("経営者保証を外してもらうにはどうすればいい？")
    assert not answer.abstained and "明確に区分・分離" in _lead(answer)[0], answer.text


def test_round_124_a_duty_heard_of_by_wo_is_a_premise(assistant):
    # (「…の採用を義務付けられたと聞きました」 when a passage says there is no such duty)
    answer = assistant.ask(
        "金融庁の基本的な考え方により、地域銀行は例示された3つの引当方法のうち①の方法の採用を義務付けられたと聞きました。その義務化はいつの決算から適用されるのでしょうか。"
    )
    assert answer.abstained and "義務" in answer.abstain_reason, answer.text


def test_round_124_what_kinds_are_listed_by_an_international_statement(assistant):
    # (WIPO's list of risks answers 「どんなリスク」 over the article's one risk about Japan;
    # a question about Japan with no kinds asked is still led by a unit about Japan)
    answer = assistant.ask("特許を担保にしてお金借りるのって、どんなリスクがあるん？ざっくりでええから")
    assert not answer.abstained and "法的リスク" in _lead(answer)[0], answer.text


def test_round_124_an_english_span_of_months_asks_that_span(assistant):
    # ("and jan-sep 2024?" after a question on the first half: the follow-up's own span)
    answer = assistant.ask("and jan-sep 2024?", ["how much IP pledge financing was registered in China in the first half of 2024?"])
    assert not answer.abstained and "約7900億元" in _lead(answer)[0], answer.text
    answer = assistant.ask("china IP pledge financing H1 2024?")
    assert not answer.abstained and "4199億元" in _lead(answer)[0], answer.text


def test_round_124_the_verb_a_long_yes_no_question_ends_on_is_asked(assistant):
    # (「…後継ぎの保証で困っとる会社が使うことも想定されとるんですか？」 asks whom the scheme has
    # in mind: 「利用者としては…事業承継をためらっている事業者…が想定されている」, not the
    # guarantee rule the asker's own 「個人保証しとる」 names)
    answer = assistant.ask(
        "わし今年で68になるんやけど、息子に工場つがせたい思てます。ただ銀行の借入にわしが個人保証しとるもんで、"
        "息子が保証人になるのをえらい嫌がっとるんですわ。今度できた企業価値担保権ちゅうのは、うちみたいに後継ぎの保証で困っとる会社が使うことも想定されとるんですか？"
    )
    assert not answer.abstained and "事業承継をためらっている事業者" in _lead(answer)[0], answer.text


def test_round_124_the_first_meeting_is_the_first_of_the_days_listed(assistant):
    # (「開催日は2022年11月2日、11月11日…」 lists the meetings in order)
    answer = assistant.ask("金融庁の事業性融資のワーキンググループの最初の会合はいつ？")
    assert not answer.abstained and "2022年11月2日" in _lead(answer)[0], answer.text


def test_round_124_the_first_one_is_of_the_occasions_counted_before():
    assert "最初の会合" in condense("最初のやつはいつやったん？", ["金融庁の事業性融資のワーキンググループって何回会合ひらいたん？"])


def test_round_124_a_meeting_by_its_number_is_of_the_body_asked(assistant):
    # (the working group's 4th meeting, not the labour council's 「この部会は第4回を…」)
    answer = assistant.ask("ok and at the 4th meeting?", ["which banks and business groups presented at the FSA working group's 2nd meeting?"])
    assert not answer.abstained and "2人の弁護士" in _lead(answer)[0], answer.text
    answer = assistant.ask("労働政策審議会の部会は第4回をいつ開いた？")
    assert not answer.abstained and "2025年9月26日" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("平成23年度の日本のABL(動産・債権担保融資)の残高は1兆円を超えていた、というのは本当でしょうか。", "約4,400億円"),
        ("2022年のWIPO加盟国総会のサイドイベントでは、日本に加えて韓国も知財金融の経験を紹介したと聞きましたが、これは正しいでしょうか。", "ジャマイカ"),
        ("At the 2022 WIPO Assemblies side event on IP-backed financing, which countries shared their experience? Was South Korea one of them?", "ジャマイカ"),
    ],
)
def test_round_124_a_claim_checked_is_answered_by_what_the_documents_state(assistant, question, fact):
    # (a check takes nothing as given: the figure or the list of places the documents state
    # answers it, a no included; asking about Korea itself is still refused)
    answer = assistant.ask(question)
    assert not answer.abstained and any(fact in line.text for line in answer.lines if line.kind == "fact"), answer.text
    assert assistant.ask("韓国の知財金融の件数は？").abstained


def test_round_124_a_meeting_checked_by_a_number_the_documents_lack_is_not_refused(assistant):
    # ("mizuho presented at the 3rd WG mtg, correct?": the passages name the meeting it did
    # present at; asking what the 3rd meeting discussed is still refused)
    assert not assistant.ask("mizuho presented at the 3rd WG mtg, correct?").abstained
    assert assistant.ask("WG第3回ではどのような議題が議論された？").abstained


@pytest.mark.parametrize(
    "question",
    ["Wasn't the first public live patent auction held by Ocean Tomo in London around 2010?", "アメリカで特許のオークション最初にやったのって、2010年のなんとかトモって会社やったっけ？"],
)
def test_round_124_a_check_naming_an_unknown_place_is_answered_by_what_happened(assistant, question):
    # (London, or a half-remembered name, is part of the claim checked; asking how things
    # stand in a place the documents never mention is still refused)
    answer = assistant.ask(question)
    assert not answer.abstained and "2006年4月" in _lead(answer)[0], answer.text
    assert assistant.ask("Is IP finance common in India?").abstained


def test_round_124_so_many_kinds_told_are_met_by_a_unit_listing_that_many():
    assert told_kind("知財担保の融資にはリスクが3つある言うてたんやけど、なんやったっけ") == "リスク"
    assert lists_count("主なリスクとして、法的リスク、評価リスク、経営リスクが挙げられている。", "", 3, "リスク")
    assert not lists_count("論点IIは、融資元の貸倒リスクが大きいという問題である。", "", 3, "リスク")


def test_round_124_three_risks_told_are_answered_by_the_list_of_three(assistant):
    answer = assistant.ask("セミナーで、ちざいたんぽの融資にはリスクが3つある言うてたんやけど、メモなくしてもうた。なんやったっけ")
    assert not answer.abstained and "法的リスク" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("spoken", "standard"),
    [("返せんくなったら", "返せなくなったら"), ("返せへんかったら", "返せなかったら"), ("払えへん", "払えない"), ("できへん", "できない"), ("なんでやねん", "なんでやねん")],
)
def test_round_124_spoken_negatives_in_their_standard_form(spoken, standard):
    assert standard_negatives(spoken) == standard


def test_round_124_a_kansai_default_reads_as_a_default(assistant):
    # (「返せんくなったら」 is 「返せなくなったら」: 債務不履行 in the everyday vocabulary)
    answer = assistant.ask("企業価値担保権で借りてて、もし返せんくなったら会社はどないなるん？")
    assert not answer.abstained and "実行手続の開始を決定" in _lead(answer)[0], answer.text


def test_round_124_why_an_amendment_added_whom_the_documents_exclude_is_refused(assistant):
    # (「個人事業主も…設定者に加える改正が行われたのは、どのような経緯」 takes the amendment as
    # made; a passage says sole traders cannot grant the charge)
    answer = assistant.ask("2025年に個人事業主も企業価値担保権の設定者に加える改正が行われたのは、どのような経緯によるものでしょうか。")
    assert answer.abstained and "個人事業主" in answer.abstain_reason, answer.text


def test_round_124_the_first_of_the_things_listed_before(assistant):
    # (「最初のやつってどういう意味なん？」: one of the methods the earlier question asked for,
    # which its whole words say)
    answer = assistant.ask("最初のやつってどういう意味なん？", ["企業価値担保権つきの融資で、金融庁が例示した引当の方法ってどんなんがあるん？"])
    assert not answer.abstained and "事業収益による返済の可能性" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        (
            "与信規程改定案に「企業価値担保権の実行においては、担保目的財産を個別に売却して換価するのが原則である」との一文があります。法157条の規定に照らして正確でしょうか。",
            "事業譲渡の方法で換価するのが原則",
        ),
        ("社内資料に「WGでは第4回会合で担保権者の範囲が議論された」とあります。担保権者の範囲が議論されたのは第何回会合でしょうか。", "第5回会合"),
        ("「知財金融促進事業は2015〜2019年度の5年間の期間限定事業とされた」という記載をチェックしています。実施期間は正しいでしょうか。", "2015〜2018年度の4年間"),
        (
            "「2022年のWIPO加盟国総会のサイドイベントでは、ジャマイカ・日本・シンガポール・韓国・英国が知財金融の経験を紹介した」という記載を確認しています。国名に誤りはないでしょうか。",
            "スイス",
        ),
    ],
)
def test_round_124_a_quoted_statement_checked_is_answered_by_what_the_documents_state(assistant, question, fact):
    # (the claim's years, meeting number, places and the law it is judged by are what is
    # checked, not what the answer must also state)
    answer = assistant.ask(question)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("How much was the JPO paying per IP business evaluation report as of 2017? comparing with china where local gov subsidises the valuation fee", "約30万円"),
        (
            "In Japan's credit guarantee system, how is risk split between the guarantee corporation and the bank under the responsibility-sharing system, and since when? (contrast w/ Guangdong loss sharing)",
            "協会が80%",
        ),
    ],
)
def test_round_124_a_comparison_told_after_the_question_asks_nothing_of_its_place(assistant, question, fact):
    # ("…? comparing with china where …": the question is about Japan, whatever else it names)
    answer = assistant.ask(question)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text


def test_round_124_the_years_of_a_claim_checked_bind_no_answer():
    assert checks_claim("「知財金融促進事業は2015〜2019年度の5年間の期間限定事業とされた」という記載をチェックしています。実施期間は正しいでしょうか。")
    assert checks_claim("国名に誤りはないでしょうか。")
    assert not checks_claim("WIPOのIP Finance Dialogue、1回目はいつやったっけ")
    assert checks_claim("2010年のなんとかトモって会社やったっけ？")


def test_round_124_what_a_question_sets_aside_is_not_asked_about(assistant):
    # (「評価書とは別に「知財ビジネス提案書」ってのもあるっちゃろ？」 asks about the 提案書)
    answer = assistant.ask("評価書とは別に「知財ビジネス提案書」ってのもあるっちゃろ？あれは何に使うと？")
    assert not answer.abstained and "知財ビジネス提案書は" in _lead(answer)[0], answer.text


def test_round_124_an_item_of_the_kinds_listed_before_is_led_by_the_list(assistant):
    answer = assistant.ask("3つ目のやつって、なんでリスクなん？", ["特許を担保にお金借りるのって、どんなリスクがあるん？"])
    assert not answer.abstained and "知財はそれだけでは収益を生まない" in _lead(answer)[0], answer.text


def test_round_124_a_follow_up_s_weightiest_new_word_is_named_by_its_lead(assistant):
    answer = assistant.ask(
        "so who pays for that valuation, is there any subsidy for the lender?",
        ["In China, do banks value the pledged IP themselves or outsource it?"],
    )
    assert not answer.abstained and "地方政府の補助金" in _lead(answer)[0], answer.text


def test_round_124_the_earlier_question_asked_of_another_case():
    # (「電子申請の場合はどうでしょうか。」 after a question on paper filings)
    assert is_follow_up("電子申請の場合はどうでしょうか。")
    assert not is_follow_up("企業価値担保権を設定した会社の従業員の場合はどうでしょうか。")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("知財ビジネス評価書って、作るのに1件100万くらいかかるって聞いたんやけど、そんなするもんなん？", "20万〜30万円前後"),
        ("昔、政投銀が特許担保で1000億円くらい貸してたって聞いたんやけど、ほんまにそんなあったん？", "310件・210億円"),
    ],
)
def test_round_124_a_heard_figure_checked_by_sonna_is_answered_by_the_documents_figure(assistant, question, fact):
    # (「そんなするもんなん？」「ほんまにそんなあったん？」 check the figure heard, and ask nothing on top)
    answer = assistant.ask(question)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("ちょっと話変わるけど、知財金融促進事業っていつからいつまでやっとったん？", "知財金融促進事業っていつからいつまでやっとったん？"),
        ("ok different question — who chairs the FSA working group?", "who chairs the FSA working group?"),
        ("話変わるけど、", "話変わるけど、"),
    ],
)
def test_round_124_a_topic_switch_opener_asks_nothing(typed, asked):
    assert without_opener(typed) == asked


def test_round_124_a_question_after_a_topic_switch_is_answered_as_asked(assistant):
    answer = assistant.ask("ちょっと話変わるけど、知財金融促進事業っていつからいつまでやっとったん？", ["特許庁のIPASってどういう支援してくれるん？"])
    assert not answer.abstained and "2015〜2018年度の4年間" in _lead(answer)[0], answer.text


def test_round_124_an_end_heard_politely_of_the_topic_is_a_premise(assistant):
    # (「…ガイドラインは、企業価値担保権の施行に合わせて廃止されたと伺いました」: the guideline is
    # taken as ended, which no passage says; the charge only dates it)
    answer = assistant.ask("経営者保証に関するガイドラインは、企業価値担保権の施行に合わせて廃止されたと伺いました。廃止日と、代わって適用される規則の名称について教えてください。")
    assert answer.abstained and "経営者保証" in answer.abstain_reason and "企業価値担保権" not in answer.abstain_reason, answer.text


def test_round_124_the_first_time_asked_is_met_by_the_unit_saying_first(assistant):
    answer = assistant.ask("中国の知財質押融資について、初めて3000億元を超えた年の融資額はいくらだったのでしょうか。")
    assert not answer.abstained and "3098億元" in _lead(answer)[0], answer.text


# ------------------------------------------------------------------ round 125


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # a summary asked for (要点, 骨子) is how it is asked, not a thing a passage must name
        ("企業価値担保権の信託契約で、委託者・受託者・受益者がそれぞれ誰になるのか要点を教えてください。", "被担保債権者が受益者"),
        ("金融庁の基本的な考え方で例示された引当方法の骨子を教えてください。", "見做し債務者区分"),
        # a focus whose reading no text spells (浦東 is read ホトウ) is named as written
        ("中国の浦東型モデルと武漢型モデルの違いを教えてください。", "浦東型"),
        # an extent said in words asks no figure
        ("中国の知財オークションって、貸倒リスクを減らすのにどの程度効果があるの？", "効果は小さい"),
        # a noun said as an adverb (本来) is no thing asked the figure of
        ("信金さんが評価書つくろうって言うてくれたけど、あれって本来はいくらぐらいかかるもんなん？", "20万〜30万円前後"),
        # the thing split is asked by its shares ("how is liability split")
        ("How is liability split between the guarantee corporation and the bank under the responsibility-sharing system?", "協会が80%"),
        # a role's "position" is where it stands in law, not a view
        ("What is a negative pledge in US venture lending, and what is the lender's position on the IP then?", "ネガティブ・プレッジ"),
    ],
)
def test_round_125_summaries_extents_and_roles_are_answered(assistant, question, fact):
    answer = assistant.ask(question)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        # a kind of person asked by name: 「2人の弁護士が発表した」 names no one
        "Do the documents name the lawyers who presented at the fourth meeting of the FSA working group?",
        # the holder of a post: no sentence names who heads it
        "Who heads the Business-Based Lending Promotion Headquarters set up under the Act?",
        # a specific ratio a document is asked to set: no sentence states one
        "Does the FSA's paper on EVC loans set a specific reserve ratio for borrowers that need attention?",
        # a duty the documents deny, taken as made by "make it mandatory"
        "Why did the FSA make it mandatory for banks to adopt one of its illustrated provisioning methods?",
    ],
)
def test_round_125_english_questions_the_documents_do_not_answer_are_refused(assistant, question):
    assert assistant.ask(question).abstained


def test_round_125_a_duty_taken_as_made_is_named_as_made():
    from assistant.answer.premise import binding_premise

    reason, asked = binding_premise(
        "Why did the FSA make it mandatory for banks to adopt one of the methods?", ["例示された方法を採用する義務はなく、…とされている。"],
        "FSA banks adopt methods 方法 採用",
    )
    assert reason == "binding_denied" and asked == ["made mandatory"]


def test_round_125_a_deputy_asked_after_the_chair_is_refused(assistant):
    answer = assistant.ask("and the deputy chair?", ["Who chaired the FSA working group on business-based lending?"])
    assert answer.abstained and "deputy chair" in answer.abstain_reason, answer.text


def test_round_125_the_names_of_people_asked_in_a_follow_up_are_refused(assistant):
    answer = assistant.ask("その弁護士2人って、名前なんていうん？", ["Who presented on worker protection at the fourth meeting of the FSA working group?"])
    assert answer.abstained, answer.text


@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        # a thing of the earlier question pointed at by its noun: written with its words, alone
        ("How much did the JPO pay per IP business evaluation report in 2017?",
         "how many banks had used those reports by may 2019?",
         "how many banks had used the IP business evaluation reports by may 2019?"),
        ("Who chaired the FSA working group?", "when did that group publish its report?", "when did the FSA working group publish its report?"),
        # (one word names too little: the earlier question is kept)
        ("WIPO launched a report series in 2022, right?", "when was the first report in that series out?",
         "when was the first report in that series out? (WIPO launched a report series in 2022, right?)"),
        ("What did the JPO pay in 2017?", "what about that year?", "what about that year? (What did the JPO pay in 2017?)"),
    ],
)
def test_round_125_a_thing_pointed_at_by_its_noun_is_named_with_the_earlier_words(history, question, expected):
    assert condense(question, [history], lexicon=LEX) == expected


def test_round_125_a_count_asked_of_the_reports_before_is_answered(assistant):
    answer = assistant.ask(
        "how many financial institutions had used those reports cumulatively by may 2019?",
        ["How much did the JPO pay per IP business evaluation report in 2017?"],
    )
    assert not answer.abstained and "累計で214" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # "which provision / statute": a passage citing an article or naming a law names one
        ("On enforcement of an enterprise value charge, is the business sold as a going concern? Which provision governs it?", "事業譲渡の方法で換価"),
        ("Which statute allows registration of assignments of movables in Japan, and since when has it been in force?", "動産債権譲渡特例法"),
        # a rationale is a reason in other words
        ("In the FSA's outline of 2 Feb 2023, who could be chargeholders, and what rationale did the FSA give?", "濫用を防ぐ観点から"),
        # 経緯 is how a thing came about, asked of what is named
        ("知財金融促進事業が始まった経緯を教えて", "金融庁に持ちかけて実現した"),
    ],
)
def test_round_125b_laws_rationales_and_histories_are_answered(assistant, question, fact):
    answer = assistant.ask(question)
    assert not answer.abstained and fact in answer.text, answer.text


@pytest.mark.parametrize(
    ("history", "question"),
    [
        # an event the documents never speak of, taken as what the history is of
        ([], "知財金融促進事業が2020年度まで延長された経緯について教えてください。"),
        # the meeting asked by its number, which no passage describes (話し合って is no check: 合って)
        ([], "金融庁のワーキンググループの3回目の会合って何を話し合ってたん？"),
        # a city asked, not those told of in a remark
        ([], "What is Shenzhen's loss-sharing split between the fund and the banks? I have Zhongshan and Zhuhai ratios already"),
        # one year asked alone, after a five-year total
        (["How much lending came out of the JPO's IP finance programme in the five years up to FY2018?"], "what about FY2018 on its own?"),
        # a court case no passage cites
        ([], "What did the Ninth Circuit hold in In re World Auxiliary Power about unregistered copyrights?"),
        # "the 3rd one" after a count of meetings: the meeting no passage describes
        (["how many times did the FSA working group meet?"], "what was discussed at the 3rd one?"),
    ],
)
def test_round_125b_what_the_documents_do_not_say_is_refused(assistant, history, question):
    assert assistant.ask(question, history).abstained


def test_round_125b_what_was_discussed_at_a_numbered_meeting_asks_its_topic(assistant):
    answer = assistant.ask("what was discussed at the 5th one?", ["how many times did the FSA working group meet?"])
    assert not answer.abstained and "第5回会合" in _lead(answer)[0], answer.text


def test_round_125b_a_verb_with_au_is_no_check():
    assert not checks_claim("第3回会合って何を話し合ったの？")
    assert checks_claim("2024年施行で合ってますか？") and checks_claim("それで合ってる？")


def test_round_125b_a_case_cited_by_the_passages_is_known(assistant):
    answer = assistant.ask("What did the court decide in In re Peregrine Entertainment?")
    assert not answer.abstained and "Peregrine" in _lead(answer)[0], answer.text


def test_round_125b_a_duty_asked_in_kansai_is_led_by_the_duty(assistant):
    answer = assistant.ask("金融庁が出した企業価値担保権つき融資の引当のやり方の例って、銀行は絶対そのとおりにせなあかんの？")
    assert not answer.abstained and "採用する義務はなく" in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    ("history", "question"),
    [
        # 「最後の回」 after a count by 集まった: the last meeting, given by the days listed in order
        (["金融庁の事業性融資のワーキンググループって、ぜんぶで何回集まったん？"], "最後の回っていつやった？"),
        (["how many times did the FSA working group meet?"], "when was the last meeting?"),
    ],
)
def test_round_125b_the_last_meeting_is_dated_by_the_days_listed(assistant, history, question):
    answer = assistant.ask(question, history)
    assert not answer.abstained and "2月2日であった" in _lead(answer)[0], answer.text


def test_round_125b_the_last_of_the_meetings_counted_is_written_out():
    assert "最後の会合" in condense("最後の回っていつやった？", ["金融庁の事業性融資のワーキンググループって、ぜんぶで何回集まったん？"], lexicon=LEX)


def test_round_125b_a_question_citing_an_article_is_led_by_the_unit_citing_it(assistant):
    answer = assistant.ask("A client asks whether the charge catches after-acquired assets. What is the collateral under Art. 7(1) of the Act?")
    assert not answer.abstained and "法7条1項" in _lead(answer)[0], answer.text


def test_round_125c_typical_in_a_kind_of_loan_asks_no_amount(assistant):
    # ("what is the typical loan size?" asks one; "are … typical in SBA loans?" asks whether)
    assert not frame("are blanket liens incl. IP typical in SBA loans?", LEX).figure
    assert frame("what is the typical loan size?", LEX).figure.money
    answer = assistant.ask("are blanket liens incl. IP typical in SBA loans?")
    assert not answer.abstained and "SBAローン" in answer.text, answer.text


@pytest.mark.parametrize(
    ("history", "question"),
    [
        # a speaker asked when no sentence names one
        ([], "WIPO eTISC 2024 'Risks Associated with IP Financing' talk - who was the speaker?"),
        # the names of people just spoken of
        (["What happened at the 4th meeting of that FSA working group on lending?"], "their names?"),
        # where a meeting was held, asked alone after when
        (["WIPOがUNCITRALと知財金融の情報会合ひらいたんっていつなん？"], "どこで？"),
        # a fund's size asked of a city whose fund no sentence sizes (Shenzhen's is another city's)
        (["How does Zhuhai split the losses on IP-backed loans?"], "fund size?"),
        # the year of the auction pointed at, which no sentence dates
        (["Ocean Tomo's 9th patent auction - how many lots sold?"], "what year was that one held?"),
    ],
)
def test_round_125c_short_follow_ups_the_documents_do_not_answer_are_refused(assistant, history, question):
    assert assistant.ask(question, history).abstained


@pytest.mark.parametrize(
    ("history", "question", "fact"),
    [
        # "the first one?" after a count of meetings asks about the first, not the count again
        (["How many times did the FSA working group meet?"], "the first one?", "2022年11月2日"),
        (["How many times did the FSA working group meet?"], "and the 5th one?", "第5回会合"),
        # a city's fund asked after a question on that city
        (["How does Shenzhen handle IP loan risk?"], "fund size?", "50億元"),
    ],
)
def test_round_125c_short_follow_ups_are_answered(assistant, history, question, fact):
    answer = assistant.ask(question, history)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        # a count of what a party did (interviewed), which no unit says it did
        "how many japanese banks did deloitte actually interview for that IP finance article?",
        # a why-question taking as allowed what the documents deny
        "why did the FSA working group decide to let trade creditors hold the business growth charge directly?",
        "why did they allow sole proprietors to grant the enterprise value charge?",
        # people asked after a kind of them is named
        "the FSA working group had two lawyers present at the 4th meeting - who were they?",
    ],
)
def test_round_125d_english_questions_the_documents_do_not_answer_are_refused(assistant, question):
    assert assistant.ask(question).abstained


@pytest.mark.parametrize(
    ("history", "question", "fact"),
    [
        # the article of what was just answered: the earlier question, whole
        (["企業価値担保権の実行手続では、担保目的財産は原則としてどのような方法で換価されるのでしょうか。"], "それは何条に定められていますか。", "法157条1項"),
        # an article asked for: a close unit citing one leads
        (["企業価値担保権って会社の何を担保にするの？"], "その根拠条文は？", "法7条1項"),
    ],
)
def test_round_125d_an_article_asked_for_is_led_by_the_unit_citing_it(assistant, history, question, fact):
    answer = assistant.ask(question, history)
    assert not answer.abstained and fact in _lead(answer)[0], answer.text


def test_round_125d_pronouns_of_the_askers_people_are_no_key_terms(assistant):
    assert not {"she", "he", "too"} & set(key_terms("could she use it too? he runs a cafe"))
    answer = assistant.ask(
        "and my wife runs her cafe as a sole proprietor, no company. could she use it too?",
        ["my company is a godo kaisha (LLC). are we allowed to use the enterprise value charge or is it only for KK?"],
    )
    assert not answer.abstained and "設定者になれない" in _lead(answer)[0], answer.text
