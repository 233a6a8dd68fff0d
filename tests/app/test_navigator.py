"""The options navigator: every rule cites a real chunk; every shown point carries a citation
that is about what it is shown for; every option is placed, as fitting or not, with reasons."""

import pytest

from assistant.app.navigator import (
    PROFILE_FIELDS,
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
    assert excluded.ruled_out and "個人事業主" in excluded.reasons[0].citation.quote
    assert "venture-debt" not in {r.option_id for r in result.recommended}


def test_options_are_ranked_by_how_many_reasons_fit(navigator):
    result = navigator.recommend(Profile("kabushiki", True, False, True, "shokei"))
    assert result.recommended[0].option_id == "evc-loan"
    assert len(result.recommended[0].why) >= len(result.recommended[-1].why)
    with_estate = navigator.recommend(Profile("kabushiki", False, True, False, "seicho"))
    assert "ip-evaluation-loan" not in {r.option_id for r in with_estate.recommended}  # needs registered IP
    (no_ip,) = [e for e in with_estate.excluded if e.option_id == "ip-evaluation-loan"]
    assert no_ip.ruled_out and "特許" in no_ip.reasons[0].citation.quote


# What each answer is called in the documents, written here independently of options.yaml:
# a reason shown for an answer must mention it; a caveat or next step must name its option.
ANSWER_WORDS = {
    ("company_form", "kabushiki"): ("株式会社",),
    ("company_form", "mochibun"): ("持分会社",),
    ("company_form", "kojin"): ("個人事業主",),
    ("registered_ip", True): ("知的財産", "知財", "特許", "無形資産"),
    ("registered_ip", False): ("知的財産", "知財", "特許"),
    ("real_estate", True): ("不動産",),
    ("real_estate", False): ("不動産", "有形資産", "土地"),
    ("movable_assets", True): ("在庫", "売掛金", "機械設備", "動産"),
    ("movable_assets", False): ("在庫", "売掛金", "機械設備", "動産"),
    ("avoid_guarantee", True): ("経営者保証", "個人保証", "保証なし"),
    ("avoid_guarantee", False): ("経営者保証", "個人保証", "保証なし"),
    ("stage", "sogyo"): ("創業", "スタートアップ"),
    ("stage", "seicho"): ("成長",),
    ("stage", "shokei"): ("事業承継",),
    ("stage", "saisei"): ("再生", "私的整理"),
}
OPTION_WORDS = {
    "evc-loan": ("企業価値担保権", "事業性融資"),
    "ip-evaluation-loan": ("評価書", "提案書", "知財金融"),
    "abl": ("ABL", "動産", "売掛金"),
    "credit-guarantee": ("信用保証", "保証協会", "信用補完", "責任共有制度"),
    "venture-debt": ("ベンチャーデット",),
    "no-guarantee-loan": ("経営者保証", "ガイドライン", "保証なし"),
}


def _mentions_the_answer(quote: str, profile: Profile) -> bool:
    return any(any(w in quote for w in ANSWER_WORDS[(f, getattr(profile, f))]) for f in PROFILE_FIELDS)


def test_every_option_is_placed_for_every_profile_with_relevant_cited_reasons(navigator):
    ids = {o.id for o in navigator.options}
    assert ids == set(OPTION_WORDS)
    for profile in all_profiles():
        result = navigator.recommend(profile)
        fit = [r.option_id for r in result.recommended]
        unfit = [e.option_id for e in result.excluded]
        assert sorted(fit + unfit) == sorted(ids), profile  # each option once: fits or not
        for rec in result.recommended:
            for point in rec.why:
                assert _mentions_the_answer(point.citation.quote, profile), (rec.option_id, point.citation.quote)
            for point in rec.caveats + rec.next_steps:
                quote = point.citation.quote
                assert any(w in quote for w in OPTION_WORDS[rec.option_id]) or _mentions_the_answer(quote, profile)
        for ex in result.excluded:
            assert ex.reasons
            for point in ex.reasons:
                quote = point.citation.quote
                if ex.ruled_out:
                    assert _mentions_the_answer(quote, profile), (ex.option_id, quote)
                else:  # no reason fits: the quote says what the option is
                    assert any(w in quote for w in OPTION_WORDS[ex.option_id]), (ex.option_id, quote)


def test_a_growing_company_with_a_patent_sees_what_does_not_fit_and_no_loose_reasons(navigator):
    profile = Profile("kabushiki", registered_ip=True, real_estate=False, avoid_guarantee=True, stage="seicho")
    result = navigator.recommend(profile)
    assert result.excluded and all(e.reasons for e in result.excluded)
    (abl,) = [e for e in result.excluded if e.option_id == "abl"]
    assert abl.ruled_out and "在庫" in abl.reasons[0].citation.quote
    shown = [p.citation.quote for r in result.recommended for p in r.points] + [
        p.citation.quote for e in result.excluded for p in e.reasons
    ]
    assert not any("2014年度の中小企業は" in q for q in shown)  # an asset statistic is no reason
    assert not any("1937年" in q for q in shown)  # history is no next step
    stage_reasons = [p for r in result.recommended for p in r.why if p.label == "事業の段階"]
    assert stage_reasons and all("成長" in p.citation.quote for p in stage_reasons)


def test_a_reason_that_does_not_mention_its_answer_is_refused(tmp_path):
    rules = RULES.read_text(encoding="utf-8").replace(
        "cite: {source_id: evc-act, quote: 企業価値担保権を設定すると、経営者保証を利用することが制限される。}",
        "cite: {source_id: evc-act, quote: この法律は2024年6月7日に成立した。}",
        1,
    )
    bad = write(tmp_path / "options.yaml", rules)
    with pytest.raises(ConfigError, match="does not mention the answer"):
        load_rules(bad)


def test_english_names_and_labels(navigator):
    result = navigator.recommend(Profile(), "en")
    assert all(r.name.isascii() for r in result.recommended)


ATTRIBUTES = RULES.read_text(encoding="utf-8").split("options:", 1)[0]


def test_a_point_without_a_citation_is_refused(tmp_path):
    bad = write(
        tmp_path / "options.yaml",
        ATTRIBUTES + "options:\n  - id: x\n    name: {ja: X}\n    why:\n      - label: {ja: 理由}\n",
    )
    with pytest.raises(ConfigError, match="cite"):
        load_rules(bad)


def test_unknown_profile_field_is_refused(tmp_path):
    bad = write(
        tmp_path / "options.yaml",
        ATTRIBUTES + "options:\n  - id: x\n    name: {ja: X}\n    why:\n      - when: {size: [big]}\n"
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
