"""The corpus lexicon (corpus/lexicon/*.yaml): loaded, validated, used for expansion."""

import pytest

from assistant.core.errors import ConfigError
from assistant.corpus.lexicon import Lexicon

LEX = Lexicon.bundled()


def test_glossary_and_intent_expansion():
    assert "企業価値担保権" in LEX.expand_english("What does the enterprise value charge mean?")
    assert {"特許", "融資"} <= set(LEX.expand_english("Can I borrow against my patents?"))
    assert "施行" in LEX.intent_terms("それはいつから使えますか？")



def test_english_glossary_words_match_by_stem():
    """Users write the verb or the plural; the glossary has the noun ("insure" ~ insurance)."""
    assert "保険" in LEX.expand_english("Can lenders insure IP-backed loans?")
    matched, rest = LEX.english_matches("Are the insurers' interest rates higher?")
    assert "insurers" not in rest.split() and "interest rates" in matched
    # a stem must begin both words: "rates" is not "rating" (格付)
    assert "格付" not in LEX.expand_english("What rates apply?")
    # nor is a word derived with -able another form of its verb: what was received is not
    # receivables (売掛金)
    got = LEX.expand_english("How many banks have received one so far?")
    assert "売掛金" not in got and "管財人" not in got, got
    assert "売掛金" in LEX.expand_english("Can receivables be pledged?")

def test_places_know_their_jurisdictions():
    assert LEX.place("アメリカ").country == "us" and LEX.place("アメリカ").same_as == "米国"
    assert LEX.place("珠海市").region_of == "中国"
    assert LEX.jurisdiction("us").lead("ja") == "米国では"
    assert LEX.jurisdiction("cn").lead("en") == "In China"
    assert LEX.default_jurisdiction == "jp"


def test_a_named_place_brings_its_own_words_for_general_terms():
    from assistant.core.settings import PROJECT_ROOT

    assert "知財質押融資" in LEX.local_terms_in("中国の知財担保融資の規模は？")
    assert "知財質押融資" in LEX.local_terms_in("How big is IP-backed lending in China?")
    assert LEX.local_terms_in("日本の知財担保融資の規模は？") == []  # Japan's word is the general one
    briefs = "".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "corpus" / "briefs").glob("*.md"))
    assert all(w in briefs for terms in LEX.local_terms.values() for ws in terms.values() for w in ws)


def test_a_corpus_may_bring_its_own_lexicon_file(tmp_path):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "glossary.yaml").write_text("version: 1\nterms:\n  taiwan: [台湾]\n", encoding="utf-8")
    own = Lexicon.load(tmp_path)
    assert own.expand_english("IP finance in Taiwan") == ["台湾"]
    assert own.places == LEX.places  # the files it lacks come from the bundled corpus


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("glossary.yaml", "version: 1\nterms:\n  patent: []\n", "needs a list of words"),
        ("glossary.yaml", "terms: {}\n", "version: 1"),
        ("intents.yaml", "version: 1\nsearch_terms:\n  - pattern: '(unclosed'\n    terms: [x]\n", "not a valid regular expression"),
        ("places.yaml", "version: 1\ndefault: jp\njurisdictions:\n  jp: {ja: 日本}\nplaces:\n  - {name: 火星, country: mars}\n", "needs a `name` and a `country`"),
        ("everyday.yaml", "version: 1\nterms: [1, 2\n", "cannot be read as YAML"),
        ("intents.yaml", "version: 1\nquantities:\n  - pattern: '税率'\n    units: ['%']\n", "needs `nouns"),
        ("intents.yaml", "version: 1\nrequests: '^please '\n", "must be a list of patterns"),
        ("intents.yaml", "version: 1\nquantities:\n  - pattern: '長官'\n    name: someone\n", "true, false or person"),
        ("intents.yaml", "version: 1\nrequests: ['(unclosed']\n", "requests 1: .* not a valid regular expression"),
        ("places.yaml", "version: 1\ndefault: jp\njurisdictions:\n  jp: {ja: 日本}\nlocal_terms:\n  mars: {x: [y]}\n", "listed jurisdiction"),
    ],
)
def test_a_bad_lexicon_file_is_a_clear_config_error(tmp_path, name, text, message):
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Lexicon.load(tmp_path)


def test_the_holder_of_a_security_and_an_all_asset_charge_are_named_in_english():
    lexicon = Lexicon.bundled()
    assert "担保権者" in lexicon.expand_english("Who is the holder of the security right?")
    assert "企業価値担保権" in lexicon.expand_english("Under Japan's all-asset security, can a fund lend?")
