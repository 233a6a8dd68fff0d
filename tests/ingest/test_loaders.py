import pytest

from assistant.core.errors import CorruptFileError, EncryptedPdfError, UnsupportedFileError
from assistant.ingest.loaders import load_file
from tests.conftest import BRIEFS, write
from tests.pdfs import make_pdf


def test_brief_front_matter_and_fact_urls(tmp_path):
    path = write(
        tmp_path / "demo.md",
        "---\nid: demo\ntitle: デモ\npublisher: ipfin編集部 (要約)\nyear: 2026\nkind: brief\n"
        "related_documents:\n  - fsa-abl-2013\n---\n# デモ\n\n## 節A\n\n"
        "- ＡＢＬは動産担保融資である。 出典: https://example.org/特許／中国\n"
        "- 注: 二つの数字がある。 出典: https://a.example/ https://b.example/\n",
    )
    loaded = load_file(path, kind="brief")
    assert loaded.doc.source_id == "demo" and loaded.doc.kind == "brief" and loaded.doc.year == 2026
    assert loaded.doc.related == ("fsa-abl-2013",)
    first, second = loaded.blocks
    assert first.text == "ABLは動産担保融資である。"  # NFKC on the text…
    assert first.urls == ("https://example.org/特許／中国",)  # …but never on the URL
    assert first.section == "節A"
    assert second.urls == ("https://a.example/", "https://b.example/")


def test_every_bundled_brief_has_a_source_url_on_every_fact():
    for path in sorted(BRIEFS.glob("*.md")):
        loaded = load_file(path, kind="brief")
        assert loaded.doc.publisher == "ipfin編集部 (要約)", path.name
        assert loaded.doc.source_id == path.stem
        facts = [b for b in loaded.blocks if b.section]
        assert facts and all(b.urls for b in facts), f"{path.name}: a fact without 出典"


def test_html_drops_scripts_and_keeps_headings_as_sections(tmp_path):
    path = write(
        tmp_path / "page.html",
        "<html><head><title>ABLの解説</title><script>var x = '秘密';</script></head><body>"
        "<nav>メニュー</nav><h2>概要</h2><p>ABLは在庫や売掛金を担保とする融資である。</p>"
        "<ul><li>動産譲渡登記が使える。</li></ul></body></html>",
    )
    loaded = load_file(path)
    assert loaded.doc.title == "ABLの解説"
    texts = [b.text for b in loaded.blocks]
    assert texts == ["ABLは在庫や売掛金を担保とする融資である。", "動産譲渡登記が使える。"]
    assert all(b.section == "概要" for b in loaded.blocks)
    assert not any("秘密" in t or "メニュー" in t for t in texts)


def test_shift_jis_text_is_decoded(tmp_path):
    path = tmp_path / "sjis.txt"
    path.write_bytes("信用保証協会は全国に51ある。".encode("cp932"))
    assert load_file(path).blocks[0].text == "信用保証協会は全国に51ある。"


def test_binary_content_is_refused(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    with pytest.raises(UnsupportedFileError, match="looks binary"):
        load_file(path)


def test_unknown_extension_is_refused(tmp_path):
    path = write(tmp_path / "sheet.xlsx", "x")
    with pytest.raises(UnsupportedFileError, match="Supported types"):
        load_file(path)


def test_japanese_pdf_keeps_page_numbers_and_joins_lines(tmp_path):
    path = make_pdf(
        tmp_path / "jp.pdf",
        [
            ["企業価値担保権は、会社の総財産を一体として担保にする制度で", "ある。貸倒リスクの分担が論点となる。"],
            ["第二頁では経営者保証の制限を説明する。"],
            [],  # a page with no text, like a scan
        ],
        title="テスト文書",
    )
    loaded = load_file(path)
    assert loaded.doc.title == "テスト文書"
    assert [(b.page, b.text) for b in loaded.blocks] == [
        (1, "企業価値担保権は、会社の総財産を一体として担保にする制度である。貸倒リスクの分担が論点となる。"),
        (2, "第二頁では経営者保証の制限を説明する。"),
    ]
    assert loaded.pages_without_text == [3]


def test_gothic_cid_font_extracts_too(tmp_path):
    path = make_pdf(tmp_path / "goth.pdf", [["知財ビジネス評価書を活用した融資。"]], font="HeiseiKakuGo-W5")
    assert load_file(path).blocks[0].text == "知財ビジネス評価書を活用した融資。"


def test_encrypted_pdf_is_refused_with_a_fix(tmp_path):
    path = make_pdf(tmp_path / "locked.pdf", [["秘密の文書。"]], encrypt="password")
    with pytest.raises(EncryptedPdfError, match="encrypted"):
        load_file(path)


def test_corrupt_pdf_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without trailer")
    with pytest.raises(CorruptFileError, match=r"cannot be read|no pages"):
        load_file(path)
