"""What a question asks, about where: the frame the answerer chooses its leading sentence by.

* ``intents``: definition, yes/no and eligibility, what-if, when, how much, who, how to,
  comparison (patterns in ``corpus/lexicon/intents.yaml``; the first is the main one).
* ``jurisdictions``: the places the question names (``places.yaml``), or the default (Japan)
  when it names none: an SME owner asking 「特許でお金借りれる？」 means in Japan.
* ``quantities``: a specific quantity asked for (手数料, 金利, 件数 …), and the figure kind.
* ``unknown_entities``: proper nouns the documents never mention (火星, a bank not in them):
  a question about them has a false premise or is out of the documents' reach.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.evidence import (
    LAW_NUMBERED,
    NUMBERED,
    RequestedFigure,
    TermGroup,
    group_found,
    requested_figure,
    span_years_in,
    years_in,
)
from assistant.answer.parts import asking_sentences, remark_sentences, without_trailing_remarks
from assistant.corpus.lexicon import Lexicon, Quantity
from assistant.text.ja import Token, content_terms, detect_lang, misread, normalize, tokenize


@dataclass(frozen=True)
class QuestionFrame:
    text: str
    lang: str
    intents: tuple[str, ...]
    jurisdictions: tuple[str, ...]
    #: True when the question names its places; False when Japan is assumed.
    named_places: bool
    figure: RequestedFigure
    quantities: tuple[Quantity, ...]
    unknown_entities: tuple[str, ...] = ()
    #: Of those, the place names (台湾, 静岡): a question about a place the documents never
    #: mention is out of their reach for "who / when / how much" as well.
    unknown_places: tuple[str, ...] = ()
    #: Of those, financial institutions (城南信金, "Suruga Bank"): the documents can say
    #: nothing about their record, rates or people.
    unknown_institutions: tuple[str, ...] = ()
    #: Names the question is about that the documents know (IPAS, 広東省, 日本政策投資銀行):
    #: a figure answering it must come from a passage that names them.
    subjects: tuple[str, ...] = ()
    #: Schemes, instruments and bodies it names (企業価値担保権, 信用保証協会): a figure
    #: answering it must come from a passage that names one of them (:func:`instruments`).
    instruments: tuple[str, ...] = ()
    #: What the user typed, for a follow-up read with its conversation ("what about
    #: Shenzhen's …?"); "" for a question read alone. The cities it names are those asked.
    typed: str = ""

    @property
    def intent(self) -> str:
        return self.intents[0] if self.intents else "other"

    def wants(self, intent: str) -> bool:
        return intent in self.intents


def unknown_entities(
    text: str, known: Callable[[str], bool], lexicon: Lexicon, places_only: bool = False
) -> tuple[str, ...]:
    """Proper nouns of ``text`` that the index has never seen (and the lexicon does not map
    to a word it has): 火星, 静岡銀行's 静岡; in English, capitalised words inside a
    sentence (Mars) that no document or English rendering uses."""
    out: list[str] = list(_unknown_latin(text, known, lexicon, places_only))
    tokens = tokenize(text)
    for i, token in enumerate(tokens):
        if token.pos != "名詞" or token.pos2 != "固有名詞" or token.surface.isascii():
            continue
        if misread(token):
            continue  # (a "name" of hiragana alone is a casual verb misread: 「面倒みたん」's みたん)
        # (a name before 市 or 省 is a place whatever the dictionary says: 佛山市)
        placed = i + 1 < len(tokens) and tokens[i + 1].surface in _PLACE_SUFFIXES
        if places_only and token.pos3 != "地名" and not placed:
            continue
        norm = token.norm
        if known(norm) or known(token.surface):
            continue
        if _read_across(tokens, i, known):
            continue
        place = lexicon.place(token.surface)
        if place is not None and place.same_as and known(place.same_as):
            continue
        synonyms = (*lexicon.japanese_synonyms(norm), *lexicon.japanese_synonyms(token.surface))
        if any(_indexed(alt, known) for alt in synonyms):
            continue  # an everyday word for one the documents use (テンプレ: ひな形)
        out.append(token.surface)
    return tuple(dict.fromkeys(out))


def _read_across(tokens: list[Token], i: int, known: Callable[[str], bool]) -> bool:
    """The name ``tokens[i]`` is read across a word boundary inside a run of kanji: 業態別内訳
    is read 業態/別内/訳, and 内訳 (the name's last character and the word after it) is a
    word the index uses. No name, then: a word split in the wrong place."""
    name = tokens[i].surface
    after = tokens[i + 1].surface if i + 1 < len(tokens) else ""
    return len(name) >= 2 and bool(after) and bool(_KANJI_RUN.fullmatch(name + after)) and known(name[-1] + after)


#: Kanji only (a compound read as one run).
_KANJI_RUN = re.compile(r"[一-龥]+")
#: What follows a place's name (佛山市, 江蘇省): the name before it is a place.
_PLACE_SUFFIXES = frozenset({"市", "省", "県", "州", "区", "自治区"})


def _indexed(term: str, known: Callable[[str], bool]) -> bool:
    """The index has ``term``, as a whole or in all of its words (連邦準備制度: 連邦, 準備, 制度)."""
    return known(term) or all(map(known, content_terms(term) or [term]))


# ASCII boundaries: a Latin name may touch Japanese (「SMBCは…」).
# (an acronym with a prefix is one name: J-GAAP, US-GAAP)
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9_-])([A-Z][a-z]{2,}|[A-Z]{3,6}|[A-Z]{1,3}-[A-Z]{3,6})(?![A-Za-z0-9_-])")
#: "in India", "from Brazil", "a report for Vietnam": an unknown capitalised word there names a place.
_PLACE_BEFORE = re.compile(r"\b(?:in|from|across|within|throughout|to|for)\s+(?:the\s+)?$", re.I)
_NUMBERED = re.compile(r"\.?\s*\d")
#: A year after a word ("Feb 2023"): a date, not a name's number.
_A_YEAR = re.compile(r"\.?\s*(?:19|20)\d\d(?!\d)")
#: Words that number a part of a text ("Art. 2", "No. 242", "Vol 3"), not a name.
_PART_WORDS = frozenset(
    ["art", "article", "arts", "no", "nos", "vol", "vols", "volume", "section", "sec", "chapter", "ch", "part", "table", "figure", "fig", "phase", "round", "tier", "level", "stage", "step", "item", "page", "para", "paragraph", "annex", "appendix", "schedule", "form", "rule", "fy", "q", "h"]
)
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|[\"'(]\s*)$")  # "In China: What is …"


#: ISO currency codes and their common forms: units a figure is asked in.
_CURRENCY_CODES = frozenset({"RMB", "CNY", "JPY", "USD", "EUR", "GBP", "KRW", "SGD", "CHF", "HKD", "YEN", "YUAN", "RENMINBI"})


def _unknown_latin(text: str, known: Callable[[str], bool], lexicon: Lexicon, places_only: bool) -> list[str]:
    """Capitalised words that are not the first of a sentence, and acronyms (MUFG), unknown
    to the index in any case, and no glossary term the lexicon maps to Japanese. With
    ``places_only``: listed places, and words after "in" / "from" ("in India"); else: all
    but listed places."""
    out = []
    for m in _LATIN_WORD.finditer(text):
        word = m.group(1)
        if not word.isupper() and _SENTENCE_START.search(text[: m.start()]):
            continue  # "What", "Can", "Is" open a sentence; an acronym (MUFG) may too
        if _NUMBERED.match(text, m.end()) and (word.lower() in _PART_WORDS or known(word.lower()) or _A_YEAR.match(text, m.end())):
            continue  # "Art. 2", "No. 242", "Vol 3": a numbered part, not a name ("Nikkei 225" is one)
        lower = word.lower()
        if known(lower) or known(word) or word.upper() in _CURRENCY_CODES:
            continue  # (a currency code, "total for 2023 (RMB)", says in what unit, not of whom)
        listed = lower in lexicon.place_words
        if places_only != listed and not (places_only and _PLACE_BEFORE.search(text[: m.start()])):
            continue  # a listed place decides the jurisdiction (and is refused as a place)
        if not listed and any(_indexed(t, known) for t in lexicon.expand_english(word)):
            continue  # "Fed": 連邦準備制度 is 連邦+準備+制度 in the index
        out.append(word)
    if places_only:
        # a listed place typed in lower case ("does india have …") that no document names
        for _, word in lexicon.place_words_in(text):
            if known(word) or any(w.lower() == word for w in out):
                continue
            codes = lexicon.place_words[word]
            names = [p.name for p in lexicon.places if p.country in codes and not p.region_of]
            if names and not any(known(n) for n in names) and not any(known(t) for t in lexicon.expand_english(word)):
                out.append(word)
        # a short follow-up naming a place in lower case ("and in foshan?", "what about in
        # wuhan?"): the word after "in" that neither the index nor the glossary knows
        # a name typed in lower case with its possessive ("guangzhou's pool") that neither
        # the index, the glossary nor everyday English knows
        for m in _LOWER_POSSESSIVE.finditer(text):
            word = m.group(1)
            if not known(word) and not lexicon.expand_english(word) and not lexicon.common_english_word(word) and word not in out:
                out.append(word)
        # (or with no "in", "and dongguan?", when the word is no common English one: "and why?")
        short = _SHORT_PLACE_FOLLOW_UP.match(text.strip())
        word = short and (short.group(1) or short.group(2))
        if (
            word
            and not known(word)
            and not lexicon.expand_english(word)
            and word not in out
            and (short.group(1) or not lexicon.common_english_word(word))
        ):
            out.append(word)
    return out


_LOWER_POSSESSIVE = re.compile(r"(?<![A-Za-z])([a-z]{4,})['’]s\b")
# (as condensed too: "and in foshan? (how does zhongshan split …?)")
_SHORT_PLACE_FOLLOW_UP = re.compile(
    r"^(?:(?:and|what about|how about|so|ok|okay)?,?\s*(?:in|for)\s+([a-z]{3,})|(?:and\s+)?(?:and|what about|how about)\s+([a-z]{4,}))"
    # (with its kind, "and what about jiangsu province?"; a few words after a comma: "what
    # about guangzhou, same ratio?", or after its question mark: "and hangzhou? same kind of
    # ratio?")
    r"(?:\s+(?:province|city|prefecture|county|district|region|state))?"
    r"\s*(?:[,?]\s*[a-z ]{0,30})?\??\s*(?:\(.*\))?$",
    re.I | re.S,
)


_KANJI_NAME = re.compile(r"^[一-龥]{2,6}$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_GAP = r"[一-龥ァ-ヶー]{0,3}"


def abbreviates(name: str, texts: list[str]) -> bool:
    """Whether ``name`` shortens a name spelled out in ``texts``: kanji kept in order with
    some dropped (政投銀 → 日本政策投資銀行), or initials ("DBJ" → "Development Bank of
    Japan"). A place or a bank the documents never name is then not "unknown" to them."""
    if _KANJI_NAME.match(name):
        pattern = re.compile(_GAP.join(map(re.escape, name)))
        return any(len(m.group(0)) > len(name) for text in texts for m in pattern.finditer(text))
    if _ACRONYM.match(name):
        small = r"(?:\s+(?:of|the|and|for|&))*\s+"
        pattern = re.compile(r"\b" + small.join(f"{c}[a-z]+" for c in name) + r"\b")
        return any(pattern.search(text) for text in texts)
    return False


#: A body named "Bank of X" or "Ministry of X" in English (the Bank of Japan), with the
#: capitalised words of a longer name before it ("Development Bank of Japan").
_BODY_NAME = re.compile(
    r"(?<![A-Za-z])((?:[A-Z][a-z'’]+\s+){0,3})(?:Bank|Ministry) of (?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
    # (and a council or commission by its name: "the Legislative Council")
    r"|(?<![A-Za-z])(?:[A-Z][a-z'’]+\s+){1,3}(?:Council|Commission)\b"
)
#: Words that open a sentence or a noun phrase, not a name.
_NOT_NAME_WORD = frozenset({"the", "a", "an", "what", "did", "does", "do", "is", "was", "how", "when", "why", "who", "has", "have", "can", "will", "should", "and", "or", "but", "so"})


def unnamed_bodies(text: str, texts: list[str], lexicon: Lexicon) -> tuple[str, ...]:
    """The bodies named "Bank of X", "Ministry of X" or "X Council" in English that ``text``
    asks about and neither a passage of ``texts`` names whole nor the glossary knows: "the
    Bank of Japan" is not the "Development Bank of Japan" the documents name, though every
    word of it is in them, nor is "the Legislative Council" the Financial System Council."""
    out: list[str] = []
    for m in _BODY_NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in _NOT_NAME_WORD:
            words = words[1:]
        name = re.sub(r"['’]s$", "", " ".join(words))
        if any(_names_whole(name, passage) for passage in texts):
            continue
        if name.lower() in lexicon.glossary:
            continue  # a body the glossary knows (financial system council: 金融審議会) is named
        out.append(name)
    return tuple(dict.fromkeys(out))


#: Words a document's English title ends in ("the FSA's Comprehensive Guidelines for …", "the
#: 2025 White Paper on …") and the words that join a title's capitalised words.
_DOC_NOUN = re.compile(r"(?:Guidelines?|Paper|Report|Manual|Handbook|Q&A|FAQs?|Circular|Framework|Accord|Standards?|Guidance|Rulebook)$")
#: The last word of the name of a scheme, a fund or an index ("the IP Bridge Guarantee", "the
#: JPO's Patent Value Index"): a passage speaks of it only when it holds that word too (a
#: passage on patent value is no passage on an index of it).
_SCHEME_NOUN = re.compile(r"(?:Index|Indices|Indexes|Guarantee|Scheme|Fund|Facility|Programme|Program|Initiative|Platform)$")
_TITLE_JOIN = frozenset({"of", "for", "on", "and", "the", "to", "in", "&"})
_BASEL = re.compile(r"\bBasel\s*(?:I{1,3}|IV|[1-4])?\b|バーゼル(?:I{1,3}|IV|[1-4]|規制)?")
#: The Japanese names of a kind of document the question may cite (「中小企業白書」,
#: 「全銀協の実務Q&A」, 「主要行向けの監督指針」).
_DOC_NOUN_JA = re.compile(r"白書|Q&A|Ｑ＆Ａ|FAQ|通達|手引き|監督指針|事務連絡|指数")
#: A document of the asker's own (行内通達, 社内の手引き) or one they write into (「…に記載するため」).
_OWN_DOC_BEFORE = re.compile(r"(?:行内|社内|庫内|組合内|部内|当行の?|弊行の?|弊社の?|当社の?|うちの)$")
_WRITTEN_INTO = re.compile(r"(?:に|へ)(?:記載|書|載せ|反映|盛り込|まとめ|追記)")


#: A court case by its name: "In re Peregrine Entertainment", "Smith v. Jones".
_CASE_NAME = re.compile(
    r"\bIn re (?:[A-Z][\w.&'’-]*)(?: [A-Z][\w.&'’-]*){0,4}"
    r"|\b[A-Z][\w.&'’-]+(?: [A-Z][\w.&'’-]+){0,3} v\. [A-Z][\w.&'’-]+(?: [A-Z][\w.&'’-]+){0,3}"
)


def unnamed_documents(text: str, texts: list[str], lexicon: Lexicon) -> tuple[str, ...]:
    """The documents ``text`` cites by title, and the schemes and indices it names, that no
    passage of ``texts`` speaks of nor the glossary knows: "Section III-4 of the FSA's
    Comprehensive Guidelines for Supervision of Major Banks", "the 2025 White Paper on Small
    and Medium Enterprises", Basel III, 「全銀協の実務Q&A」, "the IP Bridge Guarantee", a court
    case ("In re World Auxiliary Power"),
    「IPバリュエーション指数」. What such a document or scheme is or says is not in the index,
    whatever the passages say on the same topic. An English title counts as spoken of when a
    passage or the glossary holds nearly all its words (a title written a little differently
    is the same document), and the name of a scheme only when that passage holds its last
    word (Index, Fund) too."""
    lowered = [t.lower() for t in texts]
    out: list[str] = []
    for m in _CASE_NAME.finditer(text):
        # a court case cited by name ("In re World Auxiliary Power") that no passage cites
        parties = re.sub(r"^In re\s+", "", m.group(0)).lower()
        if not any(parties.split(" v. ")[0] in t for t in lowered):
            out.append(m.group(0))
    for m in _BASEL.finditer(text):
        if not any(m.group(0).split()[0].lower() in t for t in lowered):
            out.append(m.group(0))
    # (a closing quote is no part of a word: "an 'IP Bridge Guarantee'")
    words = [w.rstrip("'’") for w in re.findall(r"[A-Za-z][A-Za-z'’&-]*|\d{4}", text)]
    for i, w in enumerate(words):
        scheme = bool(_SCHEME_NOUN.match(w))
        if not (scheme or _DOC_NOUN.match(w)):
            continue
        start = i
        while start and (words[start - 1][:1].isupper() or words[start - 1].isdigit() or (words[start - 1] in _TITLE_JOIN and start > 1 and words[start - 2][:1].isupper())):
            start -= 1
        end = i + 1
        while end + 1 < len(words) and words[end] in _TITLE_JOIN and words[end + 1][:1].isupper():
            end += 2
            while end < len(words) and (words[end][:1].isupper() or (words[end] in _TITLE_JOIN and end + 1 < len(words) and words[end + 1][:1].isupper())):
                end += 1
        title = [x for x in words[start:end] if x.lower() not in _NOT_NAME_WORD or x[:1].isupper()]
        while title and (title[0].lower() in _NOT_NAME_WORD or title[0] in _TITLE_JOIN):
            title = title[1:]
        capitals = [x for x in title if x[:1].isupper()]
        if len(capitals) < 2:
            continue  # "the guidelines", "Report" opening a sentence: no title
        name = " ".join(title)
        if re.sub(r"^\d{4}\s+", "", re.sub(r"['’]s\b", "", name)).lower() in lexicon.glossary:
            continue
        content = [re.sub(r"['’]s$", "", x).lower()[:5] for x in title if x not in _TITLE_JOIN and not x.isdigit()]
        allowed = (len(content) - 1) // 3
        head = w.lower()[:5]
        if any(sum(c not in t for c in content) <= allowed and (not scheme or head in t) for t in lowered):
            continue
        out.append(name)
    for m in _DOC_NOUN_JA.finditer(text):
        noun = m.group(0)
        if any(noun.lower() in t for t in lowered) or noun in lexicon.glossary_terms:
            continue
        if _OWN_DOC_BEFORE.search(text[: m.start()]) or _WRITTEN_INTO.match(text[m.end() :]):
            continue  # 「行内通達に記載するため」: the asker's own paper, written to, not cited
        # (with the words naming it: 「全銀協の実務Q&A」)
        before = re.search(r"(?:[一-龥ァ-ヶーA-Za-z0-9・]+の)?[一-龥ァ-ヶーA-Za-z0-9・]{0,12}$", text[: m.start()])
        out.append(f"{before.group(0) if before else ''}{noun}")
    return tuple(dict.fromkeys(out))


def _names_whole(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` with no capitalised word of a longer name before it."""
    for m in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}(?![a-z])", text, re.IGNORECASE):
        before = text[: m.start()].split()
        if not before or not before[-1][:1].isupper() or before[-1].lower() in _NOT_NAME_WORD:
            return True
    return False


def subjects(text: str, known: Callable[[str], bool], lexicon: Lexicon) -> tuple[str, ...]:
    """Proper nouns and Latin acronyms of ``text`` that the index knows (places excepted:
    they decide the jurisdiction, not the subject)."""
    out: list[str] = []
    # A Latin acronym written together with a katakana word is a name (IPリッチ, a firm): the
    # dictionary splits it, and IP alone is the glossary's 知財
    for m in _ACRONYM_KATAKANA.finditer(text):
        if known(m.group(1).lower()) and known(m.group(2)):
            out.append(m.group(0))
    for token in tokenize(text):
        acronym = token.surface.isascii() and token.surface.isupper() and len(token.surface) >= 2
        proper = token.pos == "名詞" and token.pos2 == "固有名詞" and not token.surface.isascii()
        if not (proper or acronym) or lexicon.place(token.surface) or lexicon.place(token.norm):
            continue
        if token.surface in _ERAS:
            continue  # 平成26年度 is a year, not a subject
        if acronym and token.surface.lower() in lexicon.place_words:
            continue  # "US", "UK" say where, like 米国
        if acronym and token.surface.upper() in _CONCEPT_ACRONYMS:
            continue  # "IP", "SME" name a kind of thing, not one the figure must be said of
        if known(token.norm) or known(token.surface.lower()) or known(token.surface):
            out.append(token.surface)
    return tuple(dict.fromkeys(out))


#: Latin acronyms of a kind of thing, not of a body or a scheme ("an IP-pledged SME loan").
_CONCEPT_ACRONYMS = frozenset({"IP", "IPR", "SME", "SMES", "ABL", "VC", "VCS", "ESG", "KPI", "DX", "CEO", "CFO"})
#: Japanese era names: the dictionary calls them proper nouns, but they date (平成26年度).
_ERAS = frozenset({"明治", "大正", "昭和", "平成", "令和"})
#: A Latin acronym and a katakana word written as one (IPリッチ).
_ACRONYM_KATAKANA = re.compile(r"(?<![A-Za-z])([A-Z]{2,5})([ァ-ヶー]{2,})")
#: A financial institution's name: a word before 銀行, 信金 … ("Suruga Bank" in English).
_INSTITUTION = re.compile(
    r"([一-龥ァ-ヶーA-Za-z0-9]{2,}?)(銀行|信用金庫|信金|信用組合|信組|労働金庫|証券|生命|損保|キャピタル)"
    r"|((?:[A-Z][a-z]+\s+)+)(Bank|Shinkin|Securities|Capital)\b"
)
#: Kinds of institution and the user's own: not a name (地方銀行, ネット銀行, うちの銀行).
_KIND_PREFIX = re.compile(
    r"^(?:地方|第二地方|地元|都市|民間|大手|中小|海外|外資系?|政府系|一般|メイン|信託|ネット|メガ|普通|"
    r"取引|近く|近所|うち|自分|どこ|どの|他の|別の|各|全国|国内|日本|米国|中国|The|A|An|Our|My|Which|Each|Any|Local|Regional|Online|Big|Major)"
)


#: Japan's major banking groups, often typed without their kind (みずほ, 三菱UFJ, "MUFG").
_BARE_BANK = re.compile(
    r"みずほ|三菱UFJ|三井住友|りそな|ゆうちょ|(?<![A-Za-z])(?:MUFG|SMBC|SMFG|Mizuho|Resona)(?![A-Za-z])",
    re.IGNORECASE,  # ("is mizuho or mufg already doing …?")
)
_INSTITUTION_HEADS = ("銀行", "信用金庫", "信金", "信用組合", "信組", "労働金庫", "証券", "生命", "損保", "キャピタル")
#: A name written in hiragana, three characters or more (not うち, よそ).
_HIRAGANA_NAME = re.compile(r"[ぁ-ゖー]{3,}")
_LEADING_VERB = re.compile(r"^(?:(?:Has|Have|Had|Did|Does|Do|Is|Are|Was|Were|Can|Could|Will|Would|Should|May|What|How|Why|When|Where|Who|Which)\s+)+")


def named_institutions(text: str) -> list[tuple[str, str]]:
    """The financial institutions ``text`` names (name, and the name without its kind: みずほ
    of みずほ銀行, "Mizuho" of "Mizuho Bank"); kinds (地方銀行, うちの銀行) are no names."""
    out = []
    for m in _INSTITUTION.finditer(text):
        prefix = (m.group(1) or _LEADING_VERB.sub("", m.group(3) or "")).strip()
        if prefix and not _KIND_PREFIX.match(prefix):
            out.append((f"{prefix}{'' if m.group(2) else ' '}{m.group(2) or m.group(4)}", prefix))
    out += [(token.surface + head, token.surface) for token, head in _hiragana_names(text)]
    # (a major bank typed bare: 「みずほって…出してる？」, "MUFG's … loan")
    out += [
        (m.group(0), m.group(0))
        for m in _BARE_BANK.finditer(text)
        if not any(m.group(0).lower() in name.lower() for name, _ in out)
    ]
    return list(dict.fromkeys(out))


def _hiragana_names(text: str) -> list[tuple[Token, str]]:
    """Institutions named in hiragana (ゆうちょ銀行, みずほ銀行): Sudachi's noun right before
    the kind, with the kind; not a kind of the asker's own (うちの銀行)."""
    tokens = tokenize(text)
    out = []
    for at, token in enumerate(tokens[:-1]):
        after = "".join(t.surface for t in tokens[at + 1 : at + 3])
        head = next((h for h in _INSTITUTION_HEADS if after.startswith(h)), "")
        # (not an adverbial noun: 「いちいち銀行の許可いるん」 names no いちいち銀行)
        if (
            head
            and token.pos == "名詞"
            and token.pos3 != "副詞可能"
            and _HIRAGANA_NAME.fullmatch(token.surface)
            and not _KIND_PREFIX.match(token.norm)
        ):
            out.append((token, head))
    return out


def unknown_institutions(text: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """Financial institutions ``text`` names that no document mentions: none of the words of
    the name before 銀行/信金/… is in the index (城南信金; not みずほ銀行, which the
    documents name, nor 地方銀行, a kind)."""
    out: list[str] = []
    for m in _INSTITUTION.finditer(text):
        prefix = (m.group(1) or _LEADING_VERB.sub("", m.group(3) or "")).strip()
        name = f"{prefix}{'' if m.group(2) else ' '}{m.group(2) or m.group(4)}"
        if not prefix or _KIND_PREFIX.match(prefix) or known(name):
            continue
        words = [t.norm for t in tokenize(prefix) if t.pos in ("名詞", "接頭辞") or t.surface.isascii()]
        if words and not any(known(w) or known(w.lower()) for w in words):
            out.append(name)
    # A name in hiragana (ゆうちょ銀行, きらぼし銀行)
    for token, head in _hiragana_names(text):
        name = token.surface + head
        if not known(name) and not known(token.surface):
            out.append(name)
    return tuple(dict.fromkeys(out))


#: Who the asker is ("We're a US fund", "As a Chinese lender", 「米国のファンドですが」): a place
#: that only describes the asker is not one the question asks about.
_SOURCE_PLACE = re.compile(
    r"\b(?:a|an|the|one|some|this|that)\s+(?:japanese|chinese|american|us|u\.s\.|korean|british|uk)\s+"
    r"(?:report|article|paper|source|study|survey|blog|website|site|newspaper|news outlet|commentator|outlet)s?\b",
    re.IGNORECASE,
)
_ASKER = re.compile(
    r"\b(?:we(?:'re|’re| are)|i(?:'m|’m| am)|as)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:fund|investor|lender|bank|company|firm|start-?up|analyst|investment manager|insurer)s?\b"
    r"|(?:[一-龥ァ-ヶー]{1,8})の?(?:ファンド|投資家|投資会社|機関投資家|会社|企業|銀行|金融機関)(?:の者|に勤めている者|勤務)?"
    r"(?:です|なんです|だ)(?:が|けど|けれど)",
    re.IGNORECASE,
)


#: What a question sets aside before what it asks (「珠海とか深圳じゃなくて、」, "not Zhuhai but").
_SET_ASIDE = re.compile(
    r"[^、。？?]*?(?:じゃなくて|じゃなく|ではなくて|ではなく|でなく|以外で)[、,]?|\bnot [A-Z][\w ]*?,? but\b"
    # (a place named to compare with: 「上海って…広東みたいに何割か肩代わりしてくれるん？」)
    r"|[一-龥ァ-ヶー]{1,6}(?:みたいに|のように)"
)
#: The kinds of work a question may name as its source ("the Deloitte piece", 「デロイトの記事」).
WORK_NOUNS_EN = r"article|piece|report|paper|study|brief|post|blog|survey|summary|proposal"
WORK_NOUNS_JA = r"記事|レポート|報告書|解説|論文|資料|調査"
#: The places a work compares, named to say which work ("In the Deloitte piece comparing Japan
#: w/ US & China, what's the Guangdong …?", 「米国と中国を比較した記事で」): none is asked about.
_WORK_COMPARES = re.compile(
    rf"\b(?:{WORK_NOUNS_EN})\s+(?:that\s+)?(?:compar|contrast)(?:ing|es|ed)\b[^,;:?]*"
    rf"|[^、。？?]*(?:と|を)(?:比較|比べ)(?:した|している|してる|て)(?:{WORK_NOUNS_JA})",
    re.I,
)
#: Those an asker may speak for or of when saying where they sit ("our bank", 「取引先」).
_PARTIES_EN = (
    r"bank|company|firm|startup|business|partners?|clients?|customers?|suppliers?|parent|team|family|friends?|cousin|boss"
    r"|hq|headquarters|office|factory|plant|branch|subs?|subsidiar(?:y|ies)|affiliate|jv"
)
_PARTIES_JA = r"子会社|工場|拠点|支店|支社|現地法人|事務所|取引先|パートナー|提携先|知り合い|友達|友人|親戚|会社|親会社"
#: Where the asker's own company sits ("thru our shenzhen sub", 「うちの深圳の子会社で」): a
#: place that says who asks, not what the figure is of.
_OWN_SITE = re.compile(
    r"\b(?:our|my)\s+(?:[a-z]+\s+){1,2}?(?:subs?|subsidiar(?:y|ies)|office|factory|plant|branch|entity|affiliate|arm|jv|parent|hq|headquarters|holding company)\b"
    r"|(?:うち|ウチ|弊社|当社|わが社|我が社)の[^、。？?\s]{1,8}?(?:子会社|工場|拠点|支店|支社|現地法人|事務所)"
    # (「深センに子会社あんねんけど」: where the asker has one)
    r"|[^、。？?\s]{1,8}?に(?:子会社|工場|拠点|支店|支社|現地法人|事務所)(?:が|も)?(?:ある|あり|あん|持っ|もっ)"
    # (what the asker says it is: "we're a 20-person machining SME in Nagoya", 「うちは名古屋の
    # 町工場で」)
    r"|\b(?:i|we)(?:'m|'re|’m|’re|\s+am|\s+are)\s+(?:an?|the)\s+[^.?!,;]{0,60}?\b(?:in|from|out of)\s+[a-z]+"
    r"|(?:うち|ウチ|弊社|当社)(?:は|って)[一-龥ァ-ヶー]{1,6}の(?:町工場|工場|会社|中小企業|メーカー|企業|店|スタートアップ)"
    # (where the asker runs their business, in any dialect: 「福岡で飲食店3店舗やっとって」「博多で
    # 小さか工務店しよるっちゃけど」「うち大阪で町工場やってて」; not who does something there,
    # 「名古屋で知財融資やってる銀行ある？」)
    r"|(?:^|(?<=[、。？?！!\s]))(?:うち|ウチ|わし|ワシ|俺|おれ|私|わたし)?(?:は|も)?[一-龥ァ-ヶー]{1,6}?で[^、。？?]{0,16}?"
    r"(?:やって|やっと|やりよ|やっちょ|しよる|しよっ|しとる|しちょ|経営して|営んで|営んど|商売して)"
    r"(?![^、。？?]{0,3}?(?:銀行|とこ|ところ|会社|企業|機関|信金|信組|人|方|の[?？]|ん[?？]))",
    re.I,
)
#: Where the asker, or someone they speak for, is said to sit, beside a country asked of ("our
#: bank is in shenzhen. how much was pledged in china"): context, when the question names the
#: country (without one, "my company in shenzhen" may ask of Shenzhen).
_TOLD_SITE = re.compile(
    # ("our bank is in shenzhen", "my partner in hangzhou says …", "we're based in suzhou")
    rf"\b(?:our|my)\s+(?:[a-z]+\s+){{0,2}}?(?:{_PARTIES_EN})\s+(?:(?:is|are|was|were)\s+)?(?:(?:based|located)\s+)?in\s+[a-z]+"
    r"|\b(?:i|we)(?:'m|'re|’m|’re|\s+am|\s+are)?\s+(?:(?:based|located|living|live|operate|operating)\s+)(?:in|out of)\s+[a-z]+"
    r"|\b(?:i|we)(?:'m|'re|’m|’re|\s+am|\s+are)\s+(?:in|from)\s+[a-z]+"
    # (「蘇州の子会社があるんだけど」「杭州の取引先が言うには」「深圳に住んでて」)
    rf"|[^、。？?\s]{{1,8}}?の(?:{_PARTIES_JA})(?:が|も|は)?(?:ある|あり|あん|いる|おる|言う|言っ|によると|いわく)"
    r"|[^、。？?\s]{1,8}?(?:に住んで|に住んど|で働いて|で働いと|で商売して|で商売しと|で事業して|で事業しと)",
    re.I,
)


def places_asked(text: str, lexicon: Lexicon) -> str:
    """``text`` without the places it sets aside (:data:`_SET_ASIDE`) or where the asker sits
    (:data:`_OWN_SITE`, and :data:`_TOLD_SITE` when a country is still named): what is left
    names the places a figure is asked of."""
    rest = _OWN_SITE.sub(" ", _SET_ASIDE.sub(" ", without_comparison(text)))
    # (a place named only in a remark beside the asking sentence that names its own: "What is
    # Shenzhen's split …? I have Zhongshan and Zhuhai ratios but …" asks about Shenzhen)
    asking = asking_sentences(rest)
    if asking != rest and (cities := lexicon.cities_in(asking)) and lexicon.cities_in(rest) - cities:
        rest = asking
    told = _TOLD_SITE.sub(" ", rest)
    return told if told != rest and lexicon.named_jurisdictions(told) else rest


def asked_jurisdictions(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The jurisdictions of the places ``text`` asks about: those it names, less a place that
    only says who is asking when it names others ("We're a US fund looking at a Japanese SME.
    When does …" asks about Japan; "I'm a US start-up: can I insure my IP loan?" about the US)."""
    # (where a source comes from says who wrote it, not what is asked: "A Japanese report
    # says Guangdong splits losses 44:36:16:4. Is that right?" asks about Guangdong)
    text = _SOURCE_PLACE.sub(" ", text)
    # (nor where the asker comes from, told after the question: "Is the … guideline a law? …
    # i come from Germany, here such guidelines are often binding" asks about Japan's)
    if not lexicon.named_jurisdictions(asked := without_trailing_remarks(text)):
        text = asked
    rest = without_comparison(_WORK_COMPARES.sub(" ", text))
    # (a comparison told after the question, "…? comparing with china where …", is dropped
    # even when nothing else names a place: the question is then about Japan)
    if lexicon.named_jurisdictions(rest) or (rest != text and _TRAILING_COMPARISON.search(text)):
        text = rest
    # (a place named only in a remark beside asking sentences that name their own is a
    # comparison: 「日本だと…何％くらい？アメリカは4％くらいって聞いたけど」 asks about Japan)
    asking = asking_sentences(text)
    if asking != text and lexicon.named_jurisdictions(asking):
        text = asking
    named = lexicon.named_jurisdictions(text)
    # (where the asker's parent or office sits, "Our Singapore parent owns a Japanese KK", says
    # who asks, when another place is named)
    if len(named) > 1 and (own := lexicon.named_jurisdictions(_OWN_SITE.sub(" ", text))) and set(own) < set(named):
        named = own
    if not named or not _ASKER.search(text):
        return named
    rest = lexicon.named_jurisdictions(_ASKER.sub(" ", text))
    return rest or named


#: A clause describing the thing a question asks about before it asks (「特許庁がタダで特許の
#: 評価レポート作ってくれるやつ、」「…してくれる制度って」).
_DESCRIBED = re.compile(
    r"^[^。？?]{4,}?(?:てくれる|でくれる|てもらえる|できる|している|してる|する|した)(?:やつ|奴|制度|仕組み|サービス|もの)(?:って|は|、|,)"
)


def frame(text: str, lexicon: Lexicon, known: Callable[[str], bool] = lambda term: True) -> QuestionFrame:
    """The frame of ``text`` (a question, already condensed with its conversation)."""
    named = asked_jurisdictions(text, lexicon)
    # (a name the asker gives of themselves in a remark, "We're a small robotics startup in
    # Osaka …. when can we start using that?", is no unknown thing asked about)
    asked, remark = asking_sentences(text), remark_sentences(text)

    def asked_about(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in names if n in asked or n not in remark)

    institutions = asked_about(unknown_institutions(text, known))
    # (an English request, "Name a few.", may be read as a remark: only Japanese remarks count)
    japanese = detect_lang(text) == "ja"
    # (a name told of only in a remark is no name asked: 「…担保を持つのは信金そのものなんですか？
    # 契約書に知らない会社の名前が出てきて不安で…」 asks who; a figure word in a remark, 「…お金
    # どれくらいかかるの？登録免許税とか」, still says which figure)
    # (asked by the intent of an English question before a remark after it: "…? KODIT in Korea
    # is around 1%, want compare" asks a rate, not a comparison; a Japanese one's remark,
    # 「…？登録免許税とか」, may say which figure)
    asked_first = text if japanese else without_trailing_remarks(text)
    before_remarks = lexicon.intents_of(asked_first) if asked_first != text else None
    quantities = tuple(
        x
        for x in lexicon.quantities_in(text, before_remarks)
        if not (x.name or x.person) or x.pattern.search(asked) or not x.pattern.search(remark) or not japanese
    )
    # (what the asking sentences ask: 「…法律番号を教えてください。稟議書に書く必要があるので。」
    # asks a number, not whether anything is needed)
    intents = tuple(lexicon.intents_of(asked))
    figure = requested_figure(text, lexicon)
    if figure.units and (described := _DESCRIBED.match(text)):
        # 「特許庁がタダで評価レポート作ってくれるやつ、最初の年って何件？」: what the
        # description says (タダ) tells which thing; the count is what is asked of it
        rest = text[described.end() :]
        quantities = tuple(quantity for quantity in quantities if quantity.pattern.search(rest))
    if intents[:1] in (("name",), ("former_name",), ("applies",)):
        # 「…件数・金額を伸ばす取組の通称は何でしたか」 asks a name: the figures describe it;
        # 「創業の保証もその割合？」 asks whether the share applies, not for it again
        # (a number asked with the name, 「なんて規格？番号わかる？」, is still asked)
        numbered = figure.units & {NUMBERED, LAW_NUMBERED} if intents[0] == "name" else frozenset()
        figure = RequestedFigure(frozenset(numbered), frozenset())
    if not figure and any(quantity.figure for quantity in quantities):
        # A year named with a quantity ("the typical fee … in 2024") is the year it is asked for.
        figure = RequestedFigure(frozenset(), years_in(text), span_years=span_years_in(text))
    # (not where the asker or a partner sits: "our bank is in suzhou. how much … in china")
    sites = places_asked(text, lexicon)
    return QuestionFrame(
        text=text,
        lang=detect_lang(text),
        intents=intents,
        jurisdictions=named or (lexicon.default_jurisdiction,),
        named_places=bool(named),
        figure=figure,
        quantities=quantities,
        unknown_entities=(
            *institutions,
            *(e for e in asked_about(unknown_entities(sites, known, lexicon)) if not any(e in name for name in institutions)),
        ),
        unknown_places=asked_about(unknown_entities(sites, known, lexicon, places_only=True)),
        unknown_institutions=institutions,
        # (not what the asker compares with: "For comparison with SBA 7(a) guaranty shares: …")
        subjects=subjects(without_comparison(text), known, lexicon),
        instruments=instruments(text, lexicon),
    )


#: What an English question compares its answer with, beside what it asks ("For comparison
#: with SBA 7(a) guaranty shares:", "want to benchmark vs China's pledge numbers", "? vs SBA
#: fees"): no party or kind of figure asked about.
#: A comparison told after what is asked ("…? comparing with china …", "…? (contrast w/ …)").
_TRAILING_COMPARISON = re.compile(r"[?？]\s*\(?\s*(?:comparing|contrasting|contrast|compare)\b[^?？]*$", re.I)
_COMPARED_WITH = re.compile(
    r"\b(?:for (?:a )?comparison with|to compare (?:it |them |this )?(?:with|to|against))\s+[^.?;:!]*[.?;:!,]?"
    # (a remark on why the asker asks, not "How does X compare with Y?", which asks both)
    r"|\b(?:i |we )?(?:want|wanting|trying|need|plan|hoping)(?: to)? (?:benchmark|compare)(?: it| them| this)? (?:vs\.?|against|with|to)\s+[^.?;:!]*"
    # ("…, want compare": the asker's reason, at the end)
    r"|,?\s*\b(?:i |we )?(?:want|need)(?: to)? (?:benchmark|compare)(?: it| them| this)?\s*[.!]*\s*$"
    r"|(?<=[?？])\s*(?:vs\.?|versus|compared (?:with|to))\s+[^.?;:!]*$"
    # ("…? comparing with china where …", "…? (contrast w/ Guangdong loss sharing)", "want to
    # set it against China's numbers": the asker's reason, after the question)
    r"|(?<=[?？])\s*\(?\s*(?:comparing|contrasting|contrast|compare)\s+(?:it |them |this )?(?:with|to|against|w/)\s+[^?;:!]*$"
    r"|\b(?:i |we )?(?:want|need|plan|trying)(?: to)? set (?:it|them|this) (?:against|beside|next to)\s+[^.?;:!]*"
    # ("we compare with european approach", "i'm comparing it to korea's")
    r"|\b(?:we|i)(?:'re|’re|'m|’m| are| am)? (?:compar(?:e|ing)|benchmark(?:ing)?) (?:it |them |this |that )?(?:with|to|against|vs\.?)\s+[^.?;:!]*"
    # (how it is at home, told before asking of Japan: "in Vietnam bank just sell each asset
    # one by one, in japan is same way?")
    r"|\bin\s+[a-z]+\b[^.?;:!,]{0,80},\s*(?=(?:but\s+|and\s+|so\s+)?(?:in|for)\s+japan\b[^.?]{0,30}\bsame\b)",
    re.I,
)


def without_comparison(text: str) -> str:
    """``text`` without what it compares with (:data:`_COMPARED_WITH`), when something is left."""
    rest = _COMPARED_WITH.sub(" ", text).strip()
    return rest or text


#: A glossary term this long names a scheme or instrument (企業価値担保権, 信用保証協会), not a
#: general word (知財, 融資, 担保).
INSTRUMENT_CHARS = 5
_KANJI = re.compile(r"[一-龥]")  # katakana loanwords (スタートアップ, ライセンス) are everyday words


def instruments(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The schemes, instruments and bodies of the documents' vocabulary that ``text`` names
    (企業価値担保権, 知財ビジネス評価書, 信用保証協会; in English through the glossary):
    glossary terms of at least INSTRUMENT_CHARS characters with a kanji, places aside."""
    found = [t for t in lexicon.glossary_terms if t in text] + lexicon.expand_english(text)
    return tuple(
        t
        for t in dict.fromkeys(found)
        if len(t) >= INSTRUMENT_CHARS and _KANJI.search(t) and not lexicon.place(t) and not _EVENT_TERM.search(t)
    )


#: Glossary terms naming what happens (債務不履行, "defaults"), not a scheme a figure is of.
_EVENT_TERM = re.compile(r"(?:不履行|倒産|破綻|貸し?倒れ?)$")


#: An organisation's name as documents write it: a Latin name (Aon, Markel), or kanji and
#: katakana ending in an institution word (日本政策投資銀行, 商工組合中央金庫); not ファンド
#: or 保険, which name kinds (ベンチャーファンド) more often than firms.
#: An organisation's name: Latin capitals (Aon, JPO; not a roman numeral as in 論点II) or a
#: Japanese name ending in 銀行, 金庫 ….
_ORG = re.compile(
    r"(?<![A-Za-z])(?![IVX]+(?![A-Za-z]))[A-Z][A-Za-z&.\-]*[A-Za-z&.](?:\s+[A-Z][A-Za-z&.\-]+)*"
    r"|[一-龥ァ-ヶー]{2,}(?:銀行|金庫|公庫|信用組合|株式会社|法律事務所)"
)
_ERAS = {"令和", "平成", "昭和", "大正", "明治"}
_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』")
#: Kinds of institution, not names (地方銀行 is not a bank's name).
_GENERIC_ORG = re.compile(r"^(?:地方|第二地方|都市|民間|取引|大手|海外|外資系|政府系|一般|メイン|信託|信用)")


def _kind_word(name: str, lexicon: Lexicon) -> bool:
    """A Latin word the glossary knows as a term, not as an organisation ("VC", "SME"; not
    "JPO", whose Japanese is 特許庁)."""
    if name.lower() not in lexicon.glossary:
        return False
    japanese = [ja for ja in lexicon.glossary[name.lower()] if not ja.isascii()]
    return not any(_ORG.fullmatch(ja) or ja.endswith(_AUTHORITY) for ja in japanese)


_AUTHORITY = ("庁", "省", "機構", "協会", "局", "府")


def names_other_than(sentence: str, question: str, lexicon: Lexicon) -> bool:
    """Whether ``sentence`` names an organisation or a person that ``question`` does not:
    a proper noun other than a place, or an institution's name (「どこの銀行？」 is not
    answered by 「銀行だけでなくファンドも利用できる」). A name in 「」 or 『』 is a title or a
    programme's name (「IPAS」), not an organisation's."""
    return bool(named_spans(sentence, question, lexicon))


def named_spans(sentence: str, question: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where ``sentence`` (NFKC) names an organisation or a person ``question`` does not
    (:func:`names_other_than`), as (start, end) offsets."""
    asked = question.lower()
    sentence = normalize(sentence)
    # a title in 「」 names no organisation: blanked, so offsets stay those of ``sentence``
    text = _QUOTED.sub(lambda m: "「" + "　" * (len(m.group(0)) - 2) + "」", sentence)
    lowered, spans, at = text.lower(), [], 0
    for token in tokenize(text):
        start = lowered.find(token.surface.lower(), at)
        if start < 0:
            continue
        at = start + len(token.surface)
        if token.pos2 != "固有名詞" or token.pos3 == "地名" or token.surface in _ERAS or lexicon.place(token.surface):
            continue
        if token.surface.lower() not in asked:
            spans.append((start, at))
    for m in _ORG.finditer(text):
        name = m.group(0)
        if name.lower() in asked or _GENERIC_ORG.match(name) or lexicon.place(name) or _kind_word(name, lexicon):
            continue
        spans.append(m.span())
    return spans


#: A name before a title or an honorific (タン事務局長, Smith氏): foreign names in katakana or
#: Latin letters are no 人名 to Sudachi.
_TITLED = re.compile(
    r"([ァ-ヶー・]{2,}|[A-Z][A-Za-z.\-]+(?:\s+[A-Z][A-Za-z.\-]+)*)\s*"
    r"(?:氏|さん|事務局長|長官|大臣|総裁|会長|社長|理事長|委員長|座長|教授|局長|CEO)"
)


def names_person(sentence: str, question: str) -> bool:
    """Whether ``sentence`` names a person ``question`` does not: Sudachi's 人名 (神田秀樹氏),
    or a name before a title (WIPOのタン事務局長)."""
    asked = question.lower()
    text = _QUOTED.sub("「」", sentence)
    if any(t.pos3 == "人名" and t.surface.lower() not in asked for t in tokenize(text)):
        return True
    return any(m.group(1).lower() not in asked for m in _TITLED.finditer(text))


#: A name in an English question: capitalised words ("Ocean Tomo", "Aon"), not the first
#: word of a sentence or a word the question is asked with.
_LATIN_NAME = re.compile(r"(?<![\w'])[A-Z][A-Za-z&\-]+(?:\s+[A-Z][A-Za-z&\-]+)*")
_NOT_NAMES = re.compile(
    r"^(?:I|What|Who|When|Where|Why|How|Which|Is|Are|Was|Were|Do|Does|Did|Can|Could|May|Will|Would|Should|"
    r"Has|Have|Had|And|But|So|Also|Then|The|A|An|In|On|For|Please|Tell|Explain|List|Any|If|Whether)$"
)


def names_in(q: QuestionFrame) -> tuple[str, ...]:
    """The names ``q`` is about: its known proper nouns (``subjects``) and its capitalised
    Latin names ("Ocean Tomo", in English or Japanese; leading question words dropped)."""
    names = list(q.subjects)
    for m in _LATIN_NAME.finditer(q.text):
        words = m.group(0).split()
        while words and _NOT_NAMES.match(words[0]):
            words = words[1:]
        if words:
            names.append(" ".join(words))
    return tuple(dict.fromkeys(names))


def implied_jurisdictions(
    q: QuestionFrame, spans: Callable[[], list[tuple[str, str]]], lexicon: Lexicon
) -> tuple[str, ...]:
    """Where a question that names no place is about when it names something the documents
    speak of only abroad: 「Ocean Tomoって何したの？」 is about the US, however the question
    was asked. ``spans()``: (text, jurisdiction) of what retrieval found, read only when the
    question names something. Empty when the default (Japan) stands: a place named, no
    name, a name spoken of at home or nowhere."""
    if q.named_places:
        return ()
    names = [n for n in names_in(q) if not lexicon.place(n) and n.lower() not in lexicon.glossary]
    typed = _lower_words(q.text, lexicon) if q.lang == "en" else []
    if not names and not typed:  # no name, or only places and terms ("Enterprise Value Charge")
        return ()
    found = spans()
    # a name typed in lower case ("aon's first deal"): a word the passages write only
    # capitalised, as a name (Aon), never in lower case
    names += [w for w in typed if _written_as_name(w, found)]
    # (a name the passages speak of in several places says nothing of where: "according to
    # the IP Rich piece, … S&P 500 …" is about the US, though IP Rich is also cited at home)
    places: set[str] = set()
    for name in names:
        # ("Indigo Ag IP-backed loan": the name is its first words the passages use)
        # (but not down to a first word that is a glossary term: the IP of "IP Finance
        # Promotion Project" is no name, and 「IPリッチ」 is a US source)
        words = name.split()
        where = set()
        for k in range(len(words), 0, -1):
            prefix = " ".join(words[:k]).lower()
            if k < len(words) and prefix in lexicon.glossary:
                break
            where = {j for text, j in found if prefix in text.lower()}
            if where:
                break
        if len(where) == 1:
            places |= where
    if len(places) == 1 and lexicon.default_jurisdiction not in places and "intl" not in places:
        return tuple(places)
    return ()


#: A word typed in lower case that may be a name ("aon", "markel"): three letters or more.
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z&\-]{2,}(?![A-Za-z])")


def _lower_words(text: str, lexicon: Lexicon) -> list[str]:
    """The lower-case words of an English question that are no glossary term or place."""
    return [
        w for w in dict.fromkeys(_LOWER_WORD.findall(text)) if w not in lexicon.glossary and not lexicon.place(w)
    ]


def _written_as_name(word: str, found: list[tuple[str, str]]) -> bool:
    """``word`` stands in the passages only capitalised (Aon) or in capitals (S&P of "s&p 500"),
    never as typed (aon)."""
    forms = "|".join(re.escape(f) for f in dict.fromkeys((word.capitalize(), word.upper())))
    name = re.compile(rf"(?<![A-Za-z])(?:{forms})(?![A-Za-z])")
    lower = re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])")
    return any(name.search(text) for text, _ in found) and not any(lower.search(text) for text, _ in found)


_LOANWORD = re.compile(rf"[ァ-ヶー・]{{{INSTRUMENT_CHARS},}}")
_LATIN = re.compile(r"[A-Za-z]{2,}")


def used_abroad(q: QuestionFrame, spans: Callable[[], list[tuple[str, str]]], lexicon: Lexicon) -> tuple[str, ...]:
    """Where a question that names no place is about when every scheme it names
    (``q.instruments``) is one the documents speak of only abroad, or when it names a
    loanword of the glossary they use only abroad: 「知財保険ってある？」,
    「特許をオークションで売るのってうまくいくの」, "Why do lenders take a blanket lien in
    venture debt?" are answered by what the Chinese or US passages say (labelled), not by a
    Japanese sentence on something else. Empty when a passage about Japan (or an
    international one) names a scheme, or none does; a loanword also used about Japan
    (スタートアップ) says nothing of where."""
    said = [t for t in lexicon.glossary_terms if t in q.text]
    if _LATIN.search(q.text):
        said += lexicon.expand_english(q.text)  # "venture debt" too
    loanwords = [t for t in dict.fromkeys(said) if _LOANWORD.fullmatch(t) and not lexicon.place(t)]
    loanwords = [t for t in loanwords if not any(t != u and t in u for u in loanwords)]  # ベンチャー of ベンチャーデット
    if q.named_places or not (q.instruments or loanwords):
        return ()
    found = spans()
    home = {lexicon.default_jurisdiction, "intl"}

    def where(term: str) -> set[str]:
        words = content_terms(term)  # 特許オークション is in 特許ライブオークション too
        return {j for text, j in found if words and all(w in text for w in words)}

    places: set[str] = set()
    for term in q.instruments:
        at = where(term)
        if not at or at & home:
            return ()
        places |= at
    for term in loanwords:
        at = where(term)
        if at and not at & home:
            places |= at
    return tuple(sorted(places))


def defined_abroad(
    q: QuestionFrame, groups: list[TermGroup], spans: Callable[[], list[tuple[str, str]]], lexicon: Lexicon
) -> tuple[str, ...]:
    """Where a definition or figure question that names no place is about when the
    documents speak of its subject only abroad: 「ベンチャーデットって何？」 "What is venture
    debt?" and 「一級指標はいくつ？」 are answered by what the US or Chinese passages say
    (labelled), not by a Japanese sentence that only shares a word. Empty when a passage
    about Japan (or an international one) uses the subject's rarest key term, or none does,
    or another key term is used at home but by no passage abroad, or when the question
    names a place no list has (a city the documents never mention)."""
    if q.named_places or q.unknown_places or not (q.intent == "definition" or q.figure or q.quantities):
        return ()
    topics = [
        g
        for g in groups
        if g.topical and not g.predicate and not lexicon.place(g.term) and g.term.lower() not in lexicon.place_words
    ]
    if not topics:
        return ()
    found = [(set(content_terms(text)), where) for text, where in spans()]
    home = {lexicon.default_jurisdiction, "intl"}
    # (its rarest term decides: 評価 of 「評価の一級指標はいくつ？」 is said in Japan too, but
    # 一級指標 only of China, whose passages say 評価 as well)
    rarest = max(topics, key=lambda g: g.weight)
    places = {j for tokens, j in found if group_found(rarest, tokens)}
    if places & home:
        return ()
    for g in topics:
        where = {j for tokens, j in found if group_found(g, tokens)}
        if where & home and not where & places:
            return ()  # a term said at home that no passage abroad uses
    return tuple(sorted(places))
