"""Citation cards: the quote inside its chunk, the fact URL, the official document behind it."""

from assistant.app.presentation import OfficialDocuments, answer_view, evidence_level
from assistant.core.settings import PROJECT_ROOT
from assistant.core.types import Answer, Chunk, Citation, SourceDoc

OFFICIALS = OfficialDocuments.load(PROJECT_ROOT / "corpus")


def test_cards_carry_the_chunk_and_the_quote_span(assistant):
    view = answer_view(assistant.ask("広東省では知財担保融資の損失をどう分担していますか？"), OFFICIALS)
    assert view.cards and view.conflict and view.level == "strong"
    for card in view.cards:
        start, end = card.quote_span
        assert card.chunk_text[start:end] == card.quote
        assert card.kind == "brief" and card.fact_urls


def test_a_fact_url_listed_in_sources_yaml_links_its_official_document(assistant):
    view = answer_view(assistant.ask("広東省では知財担保融資の損失をどう分担していますか？"), OFFICIALS)
    zhongshan = [c for c in view.cards if c.quote.startswith("広東省のうち独立運営型") and c.source_id == "china-ip-finance"]
    assert zhongshan
    official = zhongshan[0].official[0]
    assert official.matched and official.source_id == "creditchina-guangdong-risk-compensation"
    assert official.url == "https://zscq.creditchina.gov.cn/dxal/202501/t20250123_349350.html"


def test_a_brief_without_a_matching_fact_url_lists_related_official_documents():
    doc = SourceDoc("evc-act", "t", kind="brief", related=("fsa-jigyoyushi-wg-report", "evc-act-enforcement-order"))
    links = OFFICIALS.for_citation(doc, ("https://example.org/not-listed",))
    # evc-act-enforcement-order has no official URL, so only the WG report is linked
    assert [link.source_id for link in links] == ["fsa-jigyoyushi-wg-report"] and not links[0].matched


def _answer(confidence: float, coverage: float, abstained: bool = False) -> Answer:
    doc = SourceDoc("d", "Doc")
    chunk = Chunk("c", "本文です。", "d")
    cites = [] if abstained else [Citation(1, chunk, doc, "本文です。")]
    return Answer("x", cites, abstained, "extractive", "q", "q", confidence=confidence, evidence={"coverage": coverage})


def test_evidence_levels():
    assert evidence_level(_answer(0.95, 1.0)) == "strong"
    assert evidence_level(_answer(0.95, 0.6)) == "moderate"
    assert evidence_level(_answer(0.7, 1.0)) == "moderate"
    assert evidence_level(_answer(0.5, 0.5)) == "weak"
    assert evidence_level(_answer(0.0, 0.0, abstained=True)) == "none"
