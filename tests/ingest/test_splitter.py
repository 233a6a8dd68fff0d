import itertools

from assistant.ingest.loaders import Block, load_file
from assistant.ingest.splitter import chunk_id, split_blocks
from assistant.text.ja import split_sentences
from tests.conftest import BRIEFS


def _sentences(n: int) -> str:
    return "".join(f"これは第{i}番目の文であり、知財金融について述べている。" for i in range(n))


def test_chunks_respect_size_and_keep_sentences_whole():
    text = _sentences(40)
    chunks = split_blocks("doc", [Block(text, page=3, section="節")], chunk_chars=200, overlap=40)
    assert len(chunks) > 5
    originals = {s.text for s in split_sentences(text)}
    for c in chunks:
        assert len(c.text) <= 200
        assert c.page == 3 and c.section == "節"
        assert all(s.text in originals for s in split_sentences(c.text))


def test_consecutive_chunks_overlap_by_whole_sentences():
    chunks = split_blocks("doc", [Block(_sentences(20))], chunk_chars=200, overlap=60)
    assert len(chunks) > 2
    for a, b in itertools.pairwise(chunks):
        first_of_b = split_sentences(b.text)[0].text
        last_of_a = split_sentences(a.text)[-1].text
        assert first_of_b in a.text and first_of_b != split_sentences(a.text)[0].text
        assert last_of_a in b.text[: 60 + len(last_of_a)]


def test_chunks_never_cross_pages_or_sections():
    blocks = [Block("一頁目の文。", page=1), Block("二頁目の文。", page=2), Block("別の節の文。", page=2, section="B")]
    chunks = split_blocks("doc", blocks, chunk_chars=400, overlap=50)
    assert [(c.page, c.section, c.text) for c in chunks] == [
        (1, "", "一頁目の文。"),
        (2, "", "二頁目の文。"),
        (2, "B", "別の節の文。"),
    ]


def test_chunk_ids_are_content_hashes():
    a = split_blocks("doc", [Block("同じ文。")], 400, 50)[0]
    b = split_blocks("doc", [Block("同じ文。")], 400, 50)[0]
    c = split_blocks("doc", [Block("違う文。")], 400, 50)[0]
    assert a.id == b.id == chunk_id("doc", None, "", "同じ文。")
    assert a.id != c.id


def test_fact_urls_map_to_their_spans():
    loaded = load_file(BRIEFS / "china-ip-finance.md", kind="brief")
    chunks = split_blocks("china-ip-finance", loaded.blocks, 400, 80)
    spans = [(c, s) for c in chunks for s in c.sources]
    assert spans
    for chunk, span in spans:
        assert span.urls and all(u.startswith("http") for u in span.urls)
        assert chunk.urls_at(span.start, span.end) == span.urls
    zhongshan = [c for c in chunks if "54:26:16:4" in c.text]
    assert zhongshan
    start = zhongshan[0].text.index("中山市")
    assert "https://zscq.creditchina.gov.cn/dxal/202501/t20250123_349350.html" in zhongshan[0].urls_at(start, start + 1)
