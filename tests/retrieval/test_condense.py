from assistant.retrieval.condense import Conversation, condense, is_follow_up


def test_pronoun_follow_up_takes_the_earlier_topic():
    assert (
        condense("それはいつから使えますか？", ["企業価値担保権とは何ですか？"])
        == "企業価値担保権はいつから使えますか？"
    )


def test_elliptical_follow_up_carries_the_topic():
    condensed = condense("では中国は？", ["知財担保融資のリスク分担はどうなっていますか？"])
    assert "中国" in condensed and "リスク分担" in condensed


def test_english_follow_up():
    condensed = condense("When does it take effect?", ["What is the enterprise value charge?"])
    assert "enterprise value charge" in condensed and "it" not in condensed.split()


def test_english_one_standing_for_a_thing_named_before_is_a_follow_up():
    assert is_follow_up("How many banks have received one so far?")
    assert condense("Does China have one?", ["What is the enterprise value charge?"]) == (
        "Does China have the enterprise value charge?"
    )
    # the number is not a pronoun
    assert not is_follow_up("Is one of the banks a trust company?")
    assert not is_follow_up("Is one year enough to get a loan approved?")


def test_standalone_question_is_left_alone():
    question = "ABLとは何ですか？在庫や売掛金の担保について知りたい。"
    assert not is_follow_up(question)
    assert condense(question, ["企業価値担保権とは何ですか？"]) == question


def test_what_becomes_of_something_is_asked_under_the_earlier_topic():
    """「社長の保証はどうなるの？」 after 「企業価値担保権ってなに？」 asks what becomes of the
    owner's guarantee under that scheme; a longer question naming a scheme stands alone."""
    assert is_follow_up("社長の保証はどうなるの？")
    assert condense("社長の保証はどうなるの？", ["企業価値担保権ってなに？"]).startswith("企業価値担保権について")
    assert not is_follow_up("企業価値担保権を設定したら経営者保証はどうなるの？")


def test_chains_of_follow_ups_keep_the_first_topic():
    history = ["企業価値担保権とは何ですか？", "それは誰が使えますか？"]
    assert condense("それはいつから使えますか？", history).startswith("企業価値担保権")


def test_an_english_chain_of_follow_ups_carries_the_topic_not_the_earlier_ask():
    """"When does it start?" asked about the law; the next follow-up asks about the law too,
    not also about when anything started (nested "(When does it start? (…))")."""
    topic = "Is there now a law in Japan that lets a company pledge its whole business as collateral?"
    condensed = condense("And when did the Diet actually pass it?", [topic, "When does it start?"])
    assert condensed == f"And when did the Diet actually pass it? ({topic})"


def test_conversation_state():
    conv = Conversation()
    conv.add(" 質問 ")
    assert conv.turns == ["質問"]
    conv.reset()
    assert conv.turns == []


def test_follow_up_in_the_assistant_reaches_the_date(assistant):
    answer = assistant.ask("それはいつから使えますか？", ["企業価値担保権とは何ですか？"])
    assert answer.condensed_query.startswith("企業価値担保権")
    assert "5月25日" in answer.text


def test_the_scheme_the_earlier_question_named_stays_in_the_topic():
    # the asker's own case (部品メーカー) and a hedge (だいたい…) are rarer words than 評価書
    said = condense(
        "それって誰が払うの？",
        ["金型を作っている町工場です。知財ビジネス評価書ってやつを頼むと、だいたいいくら位かかるもんなんですか？"],
    )
    assert "知財ビジネス評価書" in said, said


def test_a_follow_up_naming_another_place_reads_the_earlier_question_there():
    said = condense("what about China? what's the legal basis there", ["how do US lenders perfect a security interest in patents?"])
    assert "China" in said and "US" not in said, said
    said = condense("中国の法的な根拠は？", ["アメリカだと特許の担保ってどうやって対抗要件を備えるの？"])
    assert "米国" not in said and "アメリカ" not in said, said


def test_a_year_named_by_the_one_asked_before_is_written_out():
    said = condense("その前の年は？", ["中国の知財質押融資って2023年でどれくらい？"])
    assert "2022年" in said and "2023" not in said.split("について")[0], said
    assert "2015年度" in condense("翌年度はどうでしたか。", ["2014年度の評価書作成支援の採択件数は？"])
    assert "2022" in condense("and the year before?", ["How much IP pledge financing did China do in 2023?"])
    assert "前年比" in condense("前年比はどうだった？", ["2023年の中国の融資額は？"])  # year on year, no year


def test_a_city_is_swapped_in_by_its_own_english_name():
    said = condense("and zhuhai?", ["what's the loss sharing ratio in Zhongshan for IP pledge loans?"])
    assert "Zhuhai" in said and "China" not in said, said


def test_an_english_question_naming_nothing_of_its_own_asks_about_the_earlier_topic():
    """"how many were issued …?" after a question on China's IP securitisation names no
    subject (only a time, capitalised or not): it carries the earlier question."""
    previous = ["Is IP securitisation a thing in China?"]
    for question in ("how many were issued by the end of June 2024?", "how much was lent in total last year?"):
        assert is_follow_up(question), question
        assert condense(question, previous) == f"{question} ({previous[0]})"
    # a question naming a domain word, a place or a name stands alone
    for question in ("how many patents were pledged by the end of June 2024?", "how many deals were done in Japan by June 2024?"):
        assert not is_follow_up(question), question
        assert condense(question, previous) == question


def test_an_english_follow_up_naming_only_another_year_asks_the_earlier_question_for_it():
    previous = ["How much IP-backed lending was there in China in 2024?"]
    assert condense("and the year before?", previous) == "How much IP-backed lending was there in China in 2023?"
    assert condense("what about 2022?", previous) == "How much IP-backed lending was there in China in 2022?"
    # more than a year: the earlier question is context, not rewritten
    assert condense("and in 2023, how many firms?", previous).endswith(f"({previous[0]})")


def test_by_then_names_the_time_asked_before():
    assert is_follow_up("How many IP securitisation products had been issued by then?")
    assert is_follow_up("Had any bank signed up at that time?")
    assert not is_follow_up("How many IP securitisation products had been issued in China by June 2024?")


def test_the_scheme_the_earlier_question_named_is_its_topic_not_the_words_describing_it():
    said = condense("それっていつから始まったの？", ["信用保証協会の責任共有制度ってなに？銀行も損かぶるってほんと？"])
    assert said.startswith("責任共有制度"), said  # 信用保証協会 runs it; it is not what それ stands for
    said = condense("それっていつまでの予定だったの？", ["特許庁が銀行向けにやってた知財金融促進事業ってなに？"])
    assert said.startswith("知財金融促進事業") and "銀行向け" not in said, said


def test_a_scheme_is_the_whole_topic_only_when_asked_about_by_its_own_name():
    # a generic document (報告書) keeps whose it is
    said = condense("会合は何回開かれたの？", ["金融審議会の事業性融資WGの報告書はいつ出た？"])
    assert "WG" in said, said
    # a scheme the asker only used (「企業価値担保権で借りて」) is not what それ stands for alone
    said = condense("それっていつから適用されるの？", ["会社が企業価値担保権で借りて返せなくなったら、社員の雇用とかどうなるの？"])
    assert not said.startswith("企業価値担保権っ"), said


def test_the_first_one_stands_for_a_thing_named_before():
    assert is_follow_up("who arranged the first one and which company was the borrower?")
    assert is_follow_up("Is that one still running?")
    assert not is_follow_up("Is the first one of the auctions public?")
    # bank Japanese: 当該 and 上記 for その
    assert is_follow_up("当該報告書では、新たな担保制度はどのような名称で整理されていましたか。")
    assert is_follow_up("上記の制度の対象となる企業規模を教えてください。")


def test_a_bare_follow_up_on_a_figure_carries_the_whole_earlier_question():
    # それ is the answer to the earlier question (the 80/20 split), which its top phrases do not name
    previous = "信用保証協会つきの融資ってさ、銀行側も一部リスク持つんだっけ？何割くらい？"
    condensed = condense("それっていつからそうなったの？", [previous])
    assert "銀行側も一部リスク持つ" in condensed and "いつから" in condensed
    # a scheme named in full stays the topic as before
    assert condense("それっていつから？", ["責任共有制度って銀行の負担は何割くらい？"]).startswith("責任共有制度")


def test_a_bare_follow_up_on_who_did_it_carries_the_whole_earlier_question():
    previous = "アメリカで初めて特許のライブオークションをやった会社ってどこ？"
    condensed = condense("それっていつ頃の話？", [previous])
    assert condensed.startswith(f"「{previous}」について") and "いつ頃" in condensed


def test_an_and_follow_up_naming_a_scheme_of_its_own_stands_alone():
    question = "And under the responsibility-sharing system, what share of the risk does the lending bank carry?"
    assert condense(question, ["What is the credit supplementation system?"]) == question
    # a short "and …" follow-up still carries the earlier question
    assert "credit supplementation" in condense("And the fee?", ["What is the credit supplementation system?"])
    # "the first deal" points back at the deals asked about before
    assert is_follow_up("Who led the underwriting on the first deal?")
    assert not is_follow_up("Who led the underwriting on the first deal of the year?")


def test_there_then_points_back_at_the_place_asked_about():
    # "… the pool there then?" is "there" said last, before a closing "then"
    assert is_follow_up("whats the loss split between the bank and the fund there then?")
    assert "shenzhen" in condense("and the split there then?", ["how big is shenzhen's risk compensation fund?"]).lower()
    # "is there" asks whether something exists
    assert not is_follow_up("is there a minimum amount reserved for trade creditors?")
