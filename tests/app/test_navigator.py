"""The options navigator: every rule cites a real chunk; every shown point carries a citation."""

import pytest

from assistant.app.navigator import (
    CitationResolver,
    Navigator,
    Profile,
    RuleCite,
    all_profiles,
    load_rules,
)
from assistant.core.errors import ConfigError, IndexStateError
from assistant.core.settings import PROJECT_ROOT
from assistant.index.store import IndexStore
from tests.conftest import write

RULES = PROJECT_ROOT / "corpus" / "options.yaml"


@pytest.fixture(scope="module")
def navigator(bundled_settings):
    return Navigator.open(bundled_settings.corpus_dir, IndexStore(bundled_settings.home))


def test_every_rule_citation_resolves_to_a_real_chunk_of_the_bundled_index(navigator):
    assert navigator.check() == []
    points = [p for option in navigator.options for p in option.points()]
    assert len(points) >= 30
    for point in points:
        chunk, doc, urls = navigator.resolver.resolve(point.cite)
        assert point.cite.quote in chunk.text and doc.source_id == point.cite.source_id
        assert doc.kind == "brief" and urls  # a brief's fact keeps its own source URL


def test_the_issue_s_options_are_all_there(navigator):
    names = {o.name["ja"] for o in navigator.options}
    for expected in (
        "企業価値担保権付き融資",
        "知財ビジネス評価書を活用した融資",
        "ABL",
        "信用保証協会の保証付き融資",
        "ベンチャーデット",
    ):
        assert any(expected in n for n in names), expected


def test_every_profile_gets_only_cited_points_numbered_once(navigator):
    for profile in all_profiles():
        result = navigator.recommend(profile)
        numbers = [c.n for c in result.citations]
        assert numbers == list(range(1, len(numbers) + 1))
        shown = [p for rec in result.recommended for p in rec.points] + [
            p for ex in result.excluded for p in ex.reasons
        ]
        for point in shown:
            citation = result.citations[point.citation.n - 1]
            assert citation is point.citation and citation.quote in citation.chunk.text
        for rec in result.recommended:
            assert rec.why, rec.option_id


def test_a_sole_proprietor_is_told_with_a_source_why_the_enterprise_value_charge_does_not_fit(navigator):
    result = navigator.recommend(Profile("kojin", True, False, True, "sogyo"))
    assert "evc-loan" not in {r.option_id for r in result.recommended}
    (excluded,) = [e for e in result.excluded if e.option_id == "evc-loan"]
    assert "個人事業主" in excluded.reasons[0].citation.quote
    assert "venture-debt" not in {r.option_id for r in result.recommended}


def test_options_are_ranked_by_how_many_reasons_fit(navigator):
    result = navigator.recommend(Profile("kabushiki", True, False, True, "shokei"))
    assert result.recommended[0].option_id == "evc-loan"
    assert len(result.recommended[0].why) >= len(result.recommended[-1].why)
    with_estate = navigator.recommend(Profile("kabushiki", False, True, False, "seicho"))
    assert "ip-evaluation-loan" not in {r.option_id for r in with_estate.recommended}  # requires registered IP


def test_english_names_and_labels(navigator):
    result = navigator.recommend(Profile(), "en")
    assert all(r.name.isascii() for r in result.recommended)


def test_a_point_without_a_citation_is_refused(tmp_path):
    bad = write(
        tmp_path / "options.yaml", "options:\n  - id: x\n    name: {ja: X}\n    why:\n      - label: {ja: 理由}\n"
    )
    with pytest.raises(ConfigError, match="cite"):
        load_rules(bad)


def test_unknown_profile_field_is_refused(tmp_path):
    bad = write(
        tmp_path / "options.yaml",
        "options:\n  - id: x\n    name: {ja: X}\n    why:\n      - when: {size: [big]}\n"
        "        cite: {source_id: evc-act, quote: 企業価値担保権}\n",
    )
    with pytest.raises(ConfigError, match="size"):
        load_rules(bad)


def test_a_quote_that_is_not_in_the_index_is_an_error_not_advice(bundled_settings):
    resolver = CitationResolver(IndexStore(bundled_settings.home))
    with pytest.raises(IndexStateError, match="no indexed chunk"):
        resolver.resolve(RuleCite("evc-act", "この文はどのブリーフにもありません。"))


def test_the_bundled_rules_file_parses():
    assert len(load_rules(RULES)) >= 5
