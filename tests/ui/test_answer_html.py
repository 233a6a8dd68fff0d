"""The page's answer HTML from an answer's lines (main's answer rework): a jurisdiction label
once, as text; English readers see ipfin's translation with its Japanese original, or are told
only the original exists; document markup stays text."""

from assistant.answer.compose import GROUP_MARK, Unit, compose
from assistant.answer.question import frame
from assistant.app.presentation import AnswerView
from assistant.corpus.lexicon import Lexicon
from ui.components import answer_html

LEXICON = Lexicon.load()
JP = "日本の知財担保融資は<a href=\"https://evil.example/\">こちら</a>で始まった。"
US = "米国では特許を担保にした融資が広く行われている。"


def html(lang: str, question: str) -> str:
    units = [Unit(JP, "jp", en="IP-backed lending began in <b>Japan</b>."), Unit(US, "us")]
    lines, text = compose(units, frame(question, LEXICON), lang, LEXICON)
    view = AnswerView(
        question=question, text=text, abstained=False, abstain_reason="", condensed_query=question, lang=lang,
        conflict=False, confidence=0.9, evidence={}, level="strong", cards=(), lines=lines,
    )
    return answer_html(view, "t1", lang)


def test_the_jurisdiction_label_is_one_line_of_text():
    out = html("ja", "知財担保融資はどう始まりましたか？")
    assert out.count(f'<p class="ipfin-group">{GROUP_MARK} 米国では</p>') == 1
    assert out.count(GROUP_MARK) == 1 and "ipfin-framing" not in out


def test_english_translation_original_and_japanese_only():
    out = html("en", "How did IP-backed lending start?")
    assert "IP-backed lending began in &lt;b&gt;Japan&lt;/b&gt;." in out and "<b>" not in out
    assert "Original (Japanese): 「日本の知財担保融資は&lt;a href=" in out
    assert f"{US}</span> <span class=\"ipfin-translation-mark\">(Japanese original only)" in out
    assert out.count("In the US") == 1 and "<a " not in out  # no cards: no links at all
