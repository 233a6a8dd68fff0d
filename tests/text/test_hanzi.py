from assistant.corpus.lexicon import Lexicon
from assistant.text.hanzi import japanese_forms


def test_simplified_chinese_names_are_read_in_the_documents_japanese_forms():
    assert japanese_forms("专利评估指引") == "専利評価指引"
    assert japanese_forms("国家知识产权局") == "国家知識産権局"
    assert japanese_forms("专利权质押登记办法") == "専利権質押登記弁法"


def test_japanese_text_is_left_as_it_is():
    text = "机上の計算では、据え置き期間の金利は国が負担する。"
    assert japanese_forms(text) == text


def test_the_rewritten_question_shows_the_japanese_forms():
    assert "専利評価指引" in Lexicon.bundled().with_japanese_terms("What is 专利评估指引?")
