from assistant.text.ja import (
    content_terms,
    detect_lang,
    join_pdf_lines,
    key_terms,
    normalize,
    noun_phrases,
    split_sentences,
    tokenize,
)


def test_nfkc_normalises_width_and_punctuation():
    assert normalize("ｷﾞｬｯﾌﾟ！　ＡＢＣ１２３？") == "ギャップ! ABC123?"


def test_circled_numbers_stay_readable():
    assert normalize("①融資ごと") == "(1)融資ごと"


def test_sudachi_normalised_form_for_bm25():
    # The headline case: 貸倒 and 貸し倒れ must meet in the index.
    assert "貸し倒れ" in content_terms("貸倒リスク")
    assert "貸し倒れ" in content_terms("貸し倒れのリスク")


def test_content_terms_drop_particles_symbols_and_auxiliaries():
    terms = content_terms("企業価値担保権は、会社の総財産を担保にできます。")
    assert "は" not in terms and "の" not in terms and "、" not in terms and "ます" not in terms
    assert {"企業", "価値", "担保", "権", "会社", "財産"} <= set(terms)


def test_a_coordinated_first_member_is_a_word_of_its_own():
    # Sudachi reads 中小 before 「・」 as the prefixes 中 and 小; it is the noun of 中小企業.
    assert content_terms("中小・零細企業が占めた")[:3] == ["中小", "零細", "企業"]
    assert "中小" in content_terms("中小・スタートアップ向け")
    assert content_terms("中小企業") == ["中小", "企業"]
    # a single prefix, or one before a noun, is left as Sudachi reads it
    assert content_terms("新・旧制度")[:2] == ["新", "旧"]
    assert [t.pos for t in tokenize("中小・零細")][:2] == ["名詞", "補助記号"]


def test_english_words_are_lower_cased_not_katakanised():
    assert content_terms("against the UCC") == ["ucc"]


def test_sentences_split_on_japanese_terminators_and_keep_offsets():
    text = "第一文です。第二文です！第三文？\n箇条書きの行\nEnglish one. Another one."
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "第一文です。",
        "第二文です！",
        "第三文？",
        "箇条書きの行",
        "English one.",
        "Another one.",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_sentence_inside_quotation_is_not_split():
    spans = split_sentences("報告書は「知財とは何か。」を論じた。次の文。")
    assert [s.text for s in spans] == ["報告書は「知財とは何か。」を論じた。", "次の文。"]


def test_case_citation_abbreviations_do_not_split():
    text = "登録著作権は扱いが異なる(In re Peregrine, 116 B.R. 194 (C.D. Cal. 1990))。"
    assert len(split_sentences(text)) == 1


def test_pdf_line_breaks_inside_japanese_sentences_are_joined():
    raw = "知財金融とは、金融機関が\n企業の知財に着目する\n取組である。\n1. 概要\nThis line\ncontinues."
    assert join_pdf_lines(raw).split("\n") == [
        "知財金融とは、金融機関が企業の知財に着目する取組である。",
        "1. 概要",
        "This line continues.",
    ]


def test_key_terms_and_noun_phrases():
    assert key_terms("今日の東京の天気は？") == ["今日", "東京", "天気"]
    assert noun_phrases("企業価値担保権とは何ですか？") == ["企業価値担保権"]


def test_who_asks_and_how_is_no_key_term():
    """A bank's word for itself and a request's verb noun say who asks and how, not what
    about; 確認 that is the topic stays, and so does 担保権者's 者."""
    assert key_terms("当行が担保権者になれるか確認したいです。") == ["担保"]
    assert "確認" in key_terms("2013年の制度との関係は確認できなかったのか")
    assert noun_phrases("担保権者になれるのはどのような者でしょうか") == ["担保権者"]


def test_language_detection():
    assert detect_lang("企業価値担保権とは") == "ja"
    assert detect_lang("What is the enterprise value charge?") == "en"


def test_long_text_is_tokenised_in_pieces():
    # Sudachi refuses single inputs of ~49 KB; ipfin feeds it in pieces.
    assert len(tokenize("知財金融。" * 6000)) > 6000
