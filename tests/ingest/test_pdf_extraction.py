import pytest

from assistant.ingest.furniture import heading_text, is_page_number, strip_furniture
from assistant.ingest.loaders import load_file
from assistant.ingest.pdf import read_pdf
from assistant.ingest.quality import assess
from tests.pdfs import IPA_GOTHIC, TTF_FONT, make_identity_h_pdf, make_pdf

needs_ipa_font = pytest.mark.skipif(
    not IPA_GOTHIC.is_file(), reason="needs fonts-ipafont-gothic (installed by .ci/run)"
)

HEADER = "知財金融レポート 2025年版 特許庁"
FOOTER = "- {page} -"
REPORT_PAGES = [
    ["第1章 制度の概要", "企業価値担保権は、会社の総財産を一体として担保にする制度である。"],
    [
        "知財ビジネス評価書は、調査会社が作成し、その費用は特許庁が負担する。",
        "1.1 対象となる金融機関",
        "地域金融機関が主な対象である。",
    ],
    [],  # replaced by a scanned picture
    ["第2章 今後の課題", "評価人材の育成が課題として挙げられている。"],
]


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    return make_pdf(
        tmp_path_factory.mktemp("pdf") / "report.pdf",
        REPORT_PAGES,
        header=HEADER,
        footer=FOOTER,
        image_pages=(3,),
        title="知財金融レポート",
    )


def test_garbage_is_told_from_text():
    assert assess("企業価値担保権は、会社の総財産を担保にする。").problem(expect_japanese=True) is None
    glyph_ids = "Բ\u05cbьખ\u0a7dസ١ʃƅѼࠉʂ৺ޓݝʦλਹɼɫɺ\u0a7dസɿɭʟक़"
    assert assess(glyph_ids).problem(True) == "garbled" and not assess(glyph_ids).usable()
    assert assess("\ue001\ue002\ue003 融資 \ufffd\ufffd\ufffd").problem(True) == "garbled"
    assert assess("(cid:5561)(cid:6210)(cid:18446) 融資(cid:2979)").problem(True) == "garbled"
    assert assess(" \n ").problem(True) == "empty"
    english = assess("The Financial Services Agency published the report in 2023.")
    assert english.problem(expect_japanese=True) == "not_japanese" and english.usable()
    assert english.problem(expect_japanese=False) is None


def test_running_header_footer_and_page_numbers_are_stripped():
    pages = [
        ["令和7年3月 金融庁 報告書", "本文一の一行目。", "本文一の二行目。", "- 1 -"],
        ["令和7年3月 金融庁 報告書", "本文二。", "- 2 -"],
        ["令和7年3月 金融庁 報告書", "本文三。", "3"],
    ]
    stripped, removed = strip_furniture(pages)
    assert stripped == [["本文一の一行目。", "本文一の二行目。"], ["本文二。"], ["本文三。"]]
    assert "令和#年#月金融庁報告書" in removed
    # A line at the top of one page in three is body text (a heading), not furniture.
    once = [["はじめに", "本文一。"], ["本文二。"], ["本文三。"]]
    assert strip_furniture(once)[0] == once
    assert is_page_number("- 12 -") and is_page_number("p. 4") and is_page_number("4 / 10")
    assert not is_page_number("2023年")


def test_headings_are_short_numbered_lines_without_a_sentence_end():
    assert heading_text("第2章 企業価値担保権の概要") == "第2章 企業価値担保権の概要"
    assert heading_text("1.2 対象となる融資") == "1.2 対象となる融資"
    assert heading_text("【概要】") == "【概要】"
    assert heading_text("■ 背景") == "■ 背景"
    assert heading_text("第12条(定義)") == "第12条(定義)"
    for body in (
        "2013年に金融庁が活用を促した",
        "12月末時点の残高",
        "1.5倍",
        "1. 融資は継続的なモニタリングを条件とする。",
    ):
        assert heading_text(body) is None, body


def test_report_pdf_without_furniture_with_sections_and_its_scan_listed(report_pdf):
    loaded = load_file(report_pdf)
    assert loaded.doc.title == "知財金融レポート"
    assert loaded.pages_without_text == [3]
    assert loaded.extractors == {"pypdf": [1, 2, 4]}
    texts = " ".join(b.text for b in loaded.blocks)
    assert "知財金融レポート" not in texts and "特許庁 " not in texts and "- 2 -" not in texts
    assert [(b.page, b.section, b.text) for b in loaded.blocks] == [
        (1, "第1章 制度の概要", "企業価値担保権は、会社の総財産を一体として担保にする制度である。"),
        (2, "第1章 制度の概要", "知財ビジネス評価書は、調査会社が作成し、その費用は特許庁が負担する。"),
        (2, "1.1 対象となる金融機関", "地域金融機関が主な対象である。"),
        (4, "第2章 今後の課題", "評価人材の育成が課題として挙げられている。"),
    ]
    assert all(b.extractor == "pypdf" for b in loaded.blocks)


@needs_ipa_font
def test_pdfminer_recovers_a_font_without_unicode_map(tmp_path):
    lines = ["知財ビジネス評価書は第三者の調査会社が作成する。", "費用は特許庁が負担する。"]
    path = make_identity_h_pdf(tmp_path / "identity-h.pdf", [lines, ["二頁目も同じフォントで書かれている。"]])
    from pypdf import PdfReader

    garbage = PdfReader(str(path)).pages[0].extract_text()
    assert "知財" not in garbage and assess(garbage).problem(True) == "garbled"  # what pypdf gives
    pdf = read_pdf(path, "ja")
    assert [(p.extractor, p.problem) for p in pdf.pages] == [("pdfminer", None), ("pdfminer", None)]
    loaded = load_file(path, meta={"language": "ja"})
    assert [b.text for b in loaded.blocks] == [
        "知財ビジネス評価書は第三者の調査会社が作成する。\n費用は特許庁が負担する。",
        "二頁目も同じフォントで書かれている。",
    ]
    assert loaded.extractors == {"pdfminer": [1, 2]} and loaded.pages_without_text == []


@needs_ipa_font
def test_embedded_truetype_japanese_font(tmp_path):
    path = make_pdf(
        tmp_path / "ttf.pdf",
        [["信用保証協会は全国に51ある。"], ["責任共有制度では協会が80%を保証する。"]],
        font=TTF_FONT,
        header="全国信用保証協会連合会 資料",
        footer="{page}",
    )
    loaded = load_file(path)
    assert [(b.page, b.text) for b in loaded.blocks] == [
        (1, "信用保証協会は全国に51ある。"),
        (2, "責任共有制度では協会が80%を保証する。"),
    ]
    assert loaded.extractors == {"pypdf": [1, 2]}
