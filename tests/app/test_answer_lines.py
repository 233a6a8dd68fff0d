"""An answer's lines (main's answer rework) as the page, the export and the copy button show
them: a jurisdiction label once, as text; English readers get ipfin's translation with the
Japanese original, or are told that only the original exists."""

import re

from assistant.answer.compose import GROUP_MARK, Unit, compose
from assistant.answer.question import frame
from assistant.app.export import answer_markdown, answer_plaintext, group_label
from assistant.app.presentation import AnswerView
from assistant.corpus.lexicon import Lexicon

LEXICON = Lexicon.load()
JP = "日本の知財担保融資は<a href=\"https://evil.example/\">こちら</a>で始まった。"
US = "米国では特許を担保にした融資が広く行われている。"


def view(lang: str, question: str) -> AnswerView:
    units = [Unit(JP, "jp", en="IP-backed lending began in Japan."), Unit(US, "us")]
    lines, text = compose(units, frame(question, LEXICON), lang, LEXICON)
    return AnswerView(
        question=question, text=text, abstained=False, abstain_reason="", condensed_query=question, lang=lang,
        conflict=False, confidence=0.9, evidence={}, level="strong", cards=(), lines=lines,
    )


def test_a_jurisdiction_label_is_shown_once_with_its_mark():
    ja = view("ja", "知財担保融資はどう始まりましたか？")
    [group] = [line for line in ja.lines if line.group]
    assert group_label(group) == f"{GROUP_MARK} 米国では"
    md = "\n".join(answer_markdown(ja, "ja"))
    assert md.count("米国では") == 2 and md.count(f"**{GROUP_MARK} 米国では**") == 1  # label + the quote's own words
    plain = answer_plaintext(ja, "ja")
    assert plain.count(f"{GROUP_MARK} 米国では") == 1


def test_english_shows_the_translation_and_original_or_says_only_the_original_exists():
    en = view("en", "How did IP-backed lending start?")
    md = "\n".join(answer_markdown(en, "en"))
    assert "IP-backed lending began in Japan. (ipfin's translation) [1]" in md
    assert "Original (Japanese): 「" in md
    assert f"「{US}」 [2] (Japanese original only)" in md
    assert f"**{GROUP_MARK} In the US**" in md and md.count("In the US") == 1
    plain = answer_plaintext(en, "en")
    assert "(Japanese original only)" in plain and plain.count("In the US") == 1


def test_document_markup_in_a_line_stays_text_in_the_export():
    md = "\n".join(answer_markdown(view("ja", "知財担保融資はどう始まりましたか？"), "ja"))
    assert re.search(r"(?<!\\)<a ", md) is None and "](https://evil.example" not in md
    assert "`https://evil.example/" in md  # the address shown, as code, never a link
