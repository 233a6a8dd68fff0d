from assistant.ingest.loaders import load_file
from tests.conftest import write

#: The shape of an official page: skip link and global navigation, breadcrumbs, the main
#: text, a "related links" sidebar and a footer repeated on every page of the site.
GOV_PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">
<title>知財金融の概要｜特許庁</title><script>var secret = '秘密';</script></head><body>
<div id="header"><a href="#main">本文へスキップ</a>
<ul class="gnav"><li>ホーム</li><li>制度</li><li>お問い合わせ</li></ul></div>
<div class="pankuzu">ホーム &gt; 支援 &gt; 知財金融</div>
<div id="contents"><div id="main">
<h1>知財金融の概要</h1>
<p>知財金融とは、中小企業が持つ知的財産を評価し、融資につなげる取組である。</p>
<h2>知財ビジネス評価書</h2>
<p>特許庁は、金融機関の申込みに応じて、調査会社が作成する知財ビジネス評価書の費用を負担している。</p>
<ul><li>評価書は事業の強みを説明する。</li><li>金融機関は評価書を融資判断に使える。</li></ul>
<h2>実績</h2>
<table><tr><th>年度</th><th>件数</th></tr><tr><td>2023年度</td><td>120件</td></tr></table>
<p>支援の対象は地域金融機関である。</p>
</div>
<div id="side"><h3>関連リンク</h3><ul><li>中小企業支援</li><li>IP BASE</li></ul></div></div>
<div id="footer"><p>ページの先頭へ戻る</p><p>Copyright © Japan Patent Office. All Rights Reserved.</p></div>
</body></html>"""


def test_official_page_keeps_main_text_headings_and_table_rows(tmp_path):
    loaded = load_file(write(tmp_path / "jpo.html", GOV_PAGE))
    assert loaded.doc.title == "知財金融の概要|特許庁"
    assert [(b.section, b.text) for b in loaded.blocks] == [
        ("知財金融の概要", "知財金融とは、中小企業が持つ知的財産を評価し、融資につなげる取組である。"),
        (
            "知財ビジネス評価書",
            "特許庁は、金融機関の申込みに応じて、調査会社が作成する知財ビジネス評価書の費用を負担している。",
        ),
        ("知財ビジネス評価書", "評価書は事業の強みを説明する。"),
        ("知財ビジネス評価書", "金融機関は評価書を融資判断に使える。"),
        ("実績", "年度: 2023年度 / 件数: 120件"),
        ("実績", "支援の対象は地域金融機関である。"),
    ]
    texts = " ".join(b.text for b in loaded.blocks)
    for chrome in ("本文へスキップ", "お問い合わせ", "ホーム", "関連リンク", "ページの先頭へ", "Copyright", "秘密"):
        assert chrome not in texts, chrome
    assert loaded.extractors == {"trafilatura": []} and {b.extractor for b in loaded.blocks} == {"trafilatura"}


def test_shift_jis_page_is_read(tmp_path):
    path = tmp_path / "sjis.html"
    path.write_bytes(GOV_PAGE.replace("utf-8", "shift_jis").replace("©", "(c)").encode("cp932"))
    loaded = load_file(path)
    assert loaded.blocks[0].text.startswith("知財金融とは")
