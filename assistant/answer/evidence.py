"""Evidence signals shared by answerers and the abstention rule.

* :func:`term_groups` – the question's key terms, each with the forms that count as a
  match (an English word matches its Japanese equivalents).
* :func:`coverage` – the idf-weighted share of key-term groups found in some tokens.
* :func:`figures` – numbers with their unit, ratios (44:36:16:4) and years in a sentence.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import Token, content_terms, key_terms, noun_phrases, standard_negatives, tokenize

#: Weight of an English word that has no Japanese equivalent in the glossary: such a
#: word can still be answered by dense retrieval, so it counts less than a Japanese term.
UNTRANSLATED_WEIGHT = 0.5
#: An everyday key found inside a noun phrase stands for it only when it covers this much of
#: it (社長の家 → 自宅; not 会社 → 企業 for ミライ精工株式会社).
EVERYDAY_COVER = 0.6
#: Weight of a casual noun phrase (だいたい, ふつう) none of whose words (or their everyday
#: synonyms) the index has: how the question is said, not a topic the documents must cover.
UNKNOWN_WEIGHT = 1.0

_RATIO = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?){1,}(?![\d.])")
#: What makes a count a rate (「1件あたり20万円」: per case, no count of cases).
_PER = r"(?:あたり|当たり|につき|ごと)"
_AMOUNT = re.compile(
    r"(?<![第\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:の(?:金融|支援|評価|専門)?(?=機関)|の(?=協会|都市|社|か国))?"
    r"(%|パーセント|割|兆元|億元|万元|元|兆円|億円|万円|円|億ドル|万ドル|ドル|[万億](?:件|社|人)|件|社|機関|人|本|行|協会|か国|都市|倍|回(?!目)|ページ|頁|章|節|年分|[かヶカケ]月分|期(?!間|限|日|待|末)|通(?!り|常|知|貨|算|帳|じ)|つ(?=の|[、。がでをは]|$))"
    rf"(?!\s*{_PER})"
)
#: A share of a stated amount (「代位弁済額の70〜90%」): it tells how much of that amount.
#: A share said in words: 「費用を全額負担」 answers 「負担割合は？」.
_SHARE_WORDS = re.compile(r"全額|半額|半分")
_SHARE_OF_AMOUNT = re.compile(r"額の(?:約|およそ)?\d[\d.,]*(?:\s*[〜~-]\s*\d[\d.,]*)?\s*(?:%|パーセント|割)")
#: A figure for part of a year (2023年1〜9月, 上半期, 9月末, 9月まで, 9月の時点).
PART_YEAR = re.compile(r"\d{1,2}\s*[〜~-]\s*\d{1,2}月|上半期|下半期|第\d四半期|\d{1,2}月末|\d{1,2}月まで|(?<!12)(?<!１２)月の?時点")
#: …as a question may ask for it, in English too ("the first nine months of 2023", "H1").
ASKS_PART_YEAR = re.compile(
    PART_YEAR.pattern + r"|\b(?:first|second|last) (?:half|quarter|\w+ months)\b|\bH[12]\b|\bQ[1-4]\b|"
    r"\b(?:half|quarter)[- ]year\b|\b(?:by|until|through|to) (?:the end of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov)[a-z]*\b",
    re.I,
)
_PERIOD = re.compile(r"\d{1,2}\s*[〜~-]\s*\d{1,2}月|上半期|下半期|通年|第\d四半期|\d{1,2}月末|時点|累計|までに")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=年|年度|\b)")
_YEAR_SPAN = re.compile(
    # (and a year up to now: 「2014年度から現在までに…200を超える」 is no figure for 2014)
    r"(?:19|20)\d{2}(?:年度?)?\s*(?:[〜~\-–]\s*(?:19|20)\d{2}(?:年度?)?|から(?:現在|今日|いま|今)まで)"
)
#: A standard's number (GB/T 42748-2023, ISO 10668:2010): its year names the edition, not a
#: year the question asks about.
_STANDARD_NUMBER = re.compile(r"\b[A-Z]{1,4}(?:/[A-Z]{1,2})?\s?\d+(?:[.\-]\d+)*[-:](?:19|20)\d{2}\b")
# 令和6年法律第52号 is a law number, not a date.
_DATE = re.compile(
    r"(?:19|20)\d{2}年(?:度)?(?:\d{1,2}月)?(?:\d{1,2}日)?|(?:令和|平成)\d+年(?!法律|政令|閣法|厚生労働省告示|度)"
)


@dataclass(frozen=True)
class TermGroup:
    term: str
    alternatives: tuple[tuple[str, ...], ...]  # each alternative: tokens that must all occur
    weight: float
    #: False for constraints such as a year: they rank sentences but do not show that
    #: the documents cover the topic ("Who won the 2022 World Cup?" is not about 2022).
    topical: bool = True
    #: A verb the question asks about (売る in 「売ってもいい？」), not a noun.
    predicate: bool = False


#: English words for a duty or a permission ("obliged", "required to", "allowed").
_EN_MODAL = re.compile(
    r"obliged|obligated|obligation|obligatory|required|required to|mandatory|compulsory|"
    r"allowed|permitted|prohibited|forbidden|banned|restricted|eligible",
    re.I,
)


#: A plan or an outlook named after a question word (「いつまでの予定」, 「何年の見込み」): how a
#: date or a figure is asked, not what it is of.
_AS_PLANNED = r"(?:いつ(?:まで|から)?|何年度?|何月)の{}(?:だっ|です|でし|なの|なん|は|って|[？?])"


def term_groups(
    query: str, idf: Callable[[str], float], lexicon: Lexicon, known: Callable[[str], bool] | None = None
) -> list[TermGroup]:
    """The question's key-term groups. ``known(term)``: whether the index has the term; a
    common noun it lacks entirely (だいたい, イマイチ: casual words, not the topic) weighs no
    more than ``UNKNOWN_WEIGHT`` instead of the rarest term's idf."""
    groups: list[TermGroup] = []
    # The named place's documents' own words for a general term count as it (China's
    # 知財質押融資 is the 知財担保融資 a question about China asks of).
    local = lexicon.local_words(query)
    matched, rest = lexicon.english_matches(query)
    lowered = f" {rest} "
    for phrase in matched:
        said = [*lexicon.glossary[phrase], *(w for ja in lexicon.glossary[phrase] for w in local.get(ja, ()))]
        japanese = tuple(tuple(content_terms(ja)) for ja in said)
        # The English words count too: English renderings and questions of the
        # documents' fact units are searched and compared as well.
        alts = tuple(a for a in (*japanese, tuple(content_terms(phrase))) if a)
        # A place ("Japanese", "US") weighs what its Japanese name does, as in a Japanese
        # question: the English word is rare in the documents (only in English renderings),
        # and a place says where, not what is asked.
        weighed = japanese if japanese and all(lexicon.place(ja) for ja in lexicon.glossary[phrase]) else alts
        # (the mean idf of its words, as for a Japanese compound below: its commonest word
        # alone would weigh "keeps the business going" like 事業)
        weight = max((sum(idf(t) for t in a) / len(a) for a in weighed if a), default=UNTRANSLATED_WEIGHT)
        # (a duty or a permission asked about, "are banks obliged to …", is what a yes/no
        # question's answer says, as a verb is in Japanese: 義務はなく)
        groups.append(TermGroup(phrase, alts, weight, predicate=bool(_EN_MODAL.fullmatch(phrase))))
    for term in key_terms(query):
        if term.isascii() and f" {term} " in lowered:
            groups.append(TermGroup(term, ((term,),), UNTRANSLATED_WEIGHT))
    # A year in the question ("2023年の規模は？") must be matched, not just any year.
    for year in dict.fromkeys(_YEAR.findall(query)):
        groups.append(TermGroup(year, ((year,),), idf(year), topical=False))
    # Japanese: one group per compound noun (企業価値担保権 needs 企業+価値+担保+権).
    keys = {t for t in key_terms(query) if not t.isascii()}
    seen: set[tuple[str, ...]] = set()
    for phrase in noun_phrases(query):
        if phrase.isascii():
            continue  # English words were handled above, through the glossary
        tokens = tuple(
            t for t in dict.fromkeys(content_terms(phrase)) if (not t.isascii() or t in keys) and not t.isdigit()
        )
        if not tokens or not keys.intersection(tokens) or tokens in seen:
            continue
        seen.add(tokens)
        alternatives = [tokens]
        # (a compound's trailing suffixes say for whom, 一般債権者向け: the documents may name
        # what it is of alone, 一般債権)
        bare = _without_suffixes(tokens)
        if len(bare) >= 2 and bare != tokens:
            alternatives.append(bare)
        # An everyday word ("お金") also matches the documents' wording ("資金", "融資").
        synonyms = (
            lexicon.japanese_synonyms(phrase)
            or (lexicon.japanese_synonyms(tokens[0]) if len(tokens) == 1 else ())
            or tuple(lexicon.everyday_in(phrase, whole=EVERYDAY_COVER))
        )
        alternatives += [tuple(content_terms(syn)) for syn in synonyms]
        alternatives += [tuple(content_terms(w)) for general, words in local.items() if general in phrase for w in words]
        weight = sum(idf(t) for t in tokens) / len(tokens)
        if len(alternatives) > 1:
            weight = min(weight, max(min(idf(t) for t in alt) for alt in alternatives if alt))
        if known is not None and casual(phrase) and not any(known(t) for alt in alternatives for t in alt):
            weight = min(weight, UNKNOWN_WEIGHT)
        # 「いつまでの予定だった？」: the plan is how the date is asked, not what about
        planned = re.search(_AS_PLANNED.format(re.escape(phrase)), query) is not None
        if planned:
            weight = min(weight, UNKNOWN_WEIGHT)
        groups.append(TermGroup(phrase, tuple(a for a in alternatives if a), weight, topical=not planned))
    groups += _predicate_groups(query, idf, lexicon, {g.term for g in groups}, known)
    return groups


#: Suffixes that say for whom or which side a compound is (一般債権者向け, 金融機関側), and
#: the party suffix before them (者 of 一般債権者向け; not of 担保権者 alone, a holder).
_FOR_SUFFIXES = frozenset({"向け", "側", "用"})
_PARTY_SUFFIX = "者"


def _without_suffixes(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """``tokens`` without the suffixes saying for whom they are (一般+債権+者+向け → 一般+債権);
    unchanged when they end in none (担保+権+者)."""
    end = len(tokens)
    while end and tokens[end - 1] in _FOR_SUFFIXES:
        end -= 1
    if end < len(tokens) and end and tokens[end - 1] == _PARTY_SUFFIX:
        end -= 1
    return tokens[:end]


#: Verbs that carry no topic of their own (する, ある, なる are 非自立可能 in Sudachi already),
#: and discourse markers Sudachi reads as verbs: 「ぶっちゃけ」 (打ち明ける, "frankly"),
#: 「要するに」 (要する).
#: Verbs saying only that something came to a state (「実行に至った場合」, 「債務不履行に陥った
#: 場合」, 「デフォルトに至った件数」): the act or state is the noun before them.
ARRIVAL_VERBS = frozenset({"至る", "陥る"})
LIGHT_VERBS = {
    "つく",  # 「…について」 (a follow-up's topic is prefixed 「…について、」)
    "思う", "言う", "教える", "知る", "分かる", "聞く", "見る", "困る", "考える", "ちゃう", "くる", "行く",
    "打ち明ける", "要する",
    *ARRIVAL_VERBS,
}


def _predicate_groups(
    query: str,
    idf: Callable[[str], float],
    lexicon: Lexicon,
    taken: set[str],
    known: Callable[[str], bool] | None = None,
) -> list[TermGroup]:
    """What the question asks can be done (売っちゃってもいい？ → 売る ~ 処分・売却): the
    question's content verbs, with the documents' words for them from the everyday
    vocabulary. They rank sentences (the one that says 処分することができる answers "may I
    sell?") but are not topical: a verb never shows that the documents cover a question."""
    out: list[TermGroup] = []
    seen: set[str] = set()
    # (a spoken negative read in its standard form: 「返せんくなったら」, which the dictionary
    # splits as 返せん + 九, is 「返せなくなったら」)
    tokens = tokenize(standard_negatives(query))
    for i, tok in enumerate(tokens):
        norm = tok.norm.strip()
        if tok.pos != "動詞" or norm in seen or norm in taken or norm in LIGHT_VERBS:
            continue
        synonyms = lexicon.japanese_synonyms(norm)
        # The verb as inflected (返せなくなったら, 取られる, 潰される; 使える, a verb of its own
        # to Sudachi) may be an everyday phrase of its own, meaning something the bare verb
        # does not (債務不履行, not 返済; 設定者, not only 使用).
        said = _inflected(tokens, i)
        phrase = next(
            (p for p in lexicon.everyday_phrases if len(p) >= len(tok.surface) and p != norm and said.startswith(p)), ""
        )
        if phrase:
            synonyms = lexicon.japanese_synonyms(phrase)
        if tok.pos2 != "一般" and not synonyms:
            continue  # つける, する: too light unless the vocabulary knows what they mean
        seen.add(norm)
        alternatives = tuple(
            a
            for a in ((norm,), *(tuple(content_terms(s)) for s in synonyms))
            if a and (known is None or all(known(t) for t in a))
        )
        if not alternatives:
            continue  # no document says it in any of these words
        weight = max(min(idf(t) for t in alt) for alt in alternatives)
        out.append(TermGroup(norm, alternatives, weight, topical=False, predicate=True))
    return out


def _inflected(tokens: list[Token], i: int) -> str:
    """The verb at ``tokens[i]`` with the auxiliaries that inflect it (返せ+なく+なっ+たら)."""
    said = tokens[i].surface
    for tok in tokens[i + 1 :]:
        if not (tok.pos in ("助動詞", "接尾辞") or (tok.pos == "動詞" and tok.pos2 == "非自立可能")):
            break
        said += tok.surface
    return said


def casual(phrase: str) -> bool:
    """Adverb-like and adjective-like nouns and numerals (だいたい, ふつう, 今日, 何万): how a
    question is said, not what it is about (天気 and ラーメン are what it is about)."""
    nouns = [t for t in tokenize(phrase) if t.pos == "名詞"]
    return bool(nouns) and all(
        t.pos3 in ("副詞可能", "形状詞可能") or t.pos2 == "数詞" or t.norm in _ADVERBIAL_NOUNS for t in nouns
    )


#: Nouns the dictionary tags as plain nouns that say how something is done (「ついでに」
#: 序で, 「一緒に」, 「同時に」, 「勝手に」): no thing a question is about.
_ADVERBIAL_NOUNS = frozenset({"序で", "一緒", "同時", "勝手", "一気", "一斉"})


def group_found(group: TermGroup, tokens: set[str]) -> bool:
    return any(all(t in tokens for t in alt) for alt in group.alternatives)


def group_share(group: TermGroup, tokens: set[str], text: str = "") -> float:
    """Partial credit: the largest share of an alternative's tokens that occur. Given the
    sentence's ``text``, a one-character part of a compound counts only where it is written
    after the word it follows in the compound (者 of 担保権者 is not the 者 of 設定者 in
    「企業価値担保権の設定者」); parts that count or date (年 of ここ数年) count wherever they are."""
    return max((_found(alt, tokens, text) / len(alt) for alt in group.alternatives if alt), default=0.0)


#: One-character parts that count or date (数 and 年 of ここ数年): every figure has them.
COUNTING_PARTS = frozenset("年月日数度期回件時分")


def _found(alt: tuple[str, ...], tokens: set[str], text: str) -> int:
    found = 0
    for k, t in enumerate(alt):
        if t not in tokens:
            continue
        before = alt[k - 1] if k else ""
        if text and len(t) == 1 and t not in COUNTING_PARTS and before in text and t in text and before + t not in text:
            continue  # both are there, but not together
        found += 1
    return found


def coverage(groups: list[TermGroup], tokens: set[str]) -> float:
    """Idf-weighted share of the topical key-term groups found in ``tokens``."""
    topical = [g for g in groups if g.topical]
    total = sum(g.weight for g in topical)
    if total <= 0:
        return 0.0
    return sum(g.weight for g in topical if group_found(g, tokens)) / total


@dataclass(frozen=True)
class Figures:
    ratios: tuple[str, ...]
    amounts: tuple[tuple[str, str], ...]  # (value, unit)
    years: frozenset[str]
    periods: frozenset[str] = frozenset()

    def conflicts_with(self, other: Figures, same_topic: bool) -> bool:
        """Same kind of figure with a different value, and nothing says they differ in time.

        A ratio with three or more parts (44:36:16:4) is specific enough on its own;
        amounts conflict only between sentences about the same thing (``same_topic``).
        """
        if (self.years and other.years and self.years != other.years) or self.periods != other.periods:
            return False
        for a in self.ratios:
            for b in other.ratios:
                if a.count(":") == b.count(":") and a.count(":") >= 2 and _digits(a) != _digits(b):
                    return True
        if not same_topic:
            return False
        units_a = {u: v for v, u in self.amounts}
        return any(u in units_a and units_a[u] != v for v, u in other.amounts)

    def self_conflicting(self, text: str) -> bool:
        """A sentence that says sources differ and gives both figures."""
        if not _DIFFER.search(text):
            return False
        values: dict[str, set[str]] = {}
        for v, u in self.amounts:
            values.setdefault(u, set()).add(v)
        ratios = {_digits(r) for r in self.ratios if r.count(":") >= 2}
        return len(ratios) >= 2 or any(len(v) >= 2 for v in values.values())


_DIFFER = re.compile(r"異な|食い違|一致しない|確認できず|確認できなかった|\bdiffer")


def _digits(ratio: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in ratio.split(":"))


def _amount(value: str, unit: str) -> tuple[str, str]:
    """「1.7万件」 is a count of 件 whose value is 1.7万."""
    if unit[0] in "万億" and unit[1:] in ("件", "社", "人"):
        return value + unit[0], unit[1:]
    return value, unit


#: An amount of money written in English ("300bn yuan", "CNY 419.9 billion", "$100 million").
_EN_AMOUNT = re.compile(
    r"(?:\b(CNY|RMB|JPY|USD)\s*|(US\$|\$|¥))?(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*"
    r"(trillion|tn|billion|bn|million|mn|m|thousand|k)?\b\s*(yuan|renminbi|yen|dollars?)?",
    re.I,
)
_EN_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
_EN_CURRENCY = {"cny": "元", "rmb": "元", "yuan": "元", "renminbi": "元", "jpy": "円", "yen": "円", "¥": "円",
                "usd": "ドル", "$": "ドル", "us$": "ドル", "dollar": "ドル", "dollars": "ドル"}  # fmt: skip


def english_amounts(text: str) -> frozenset[tuple[str, str]]:
    """The amounts of money an English ``text`` gives, as the documents write them ("300bn
    yuan" → 3000億元, "$100 million" → 1億ドル and 10000万ドル): each way a figure may be
    written with 兆, 億 or 万, to be compared with :func:`figures`' amounts."""
    found: set[tuple[str, str]] = set()
    for m in _EN_AMOUNT.finditer(text):
        code, sign, number, scale, word = m.groups()
        currency = _EN_CURRENCY.get((word or code or sign or "").lower())
        if currency is None or (scale is None and word is None and sign is None and code is None):
            continue
        value = float(number.replace(",", "")) * _EN_SCALE.get((scale or "").lower(), 1)
        for prefix, size in (("兆", 1e12), ("億", 1e8), ("万", 1e4), ("", 1)):
            shown = round(value / size, 2)
            if shown >= 1 and abs(shown * size - value) < 1e-6 * value:
                found.add((f"{shown:.2f}".rstrip("0").rstrip("."), prefix + currency))
    return frozenset(found)


def figures(sentence: str) -> Figures:
    return Figures(
        ratios=tuple(m.group(0) for m in _RATIO.finditer(sentence)),
        amounts=tuple(_amount(m.group(1).replace(",", ""), m.group(2)) for m in _AMOUNT.finditer(sentence)),
        years=frozenset(_YEAR.findall(sentence)),
        periods=frozenset(m.group(0).replace(" ", "") for m in _PERIOD.finditer(sentence)),
    )


#: A year of a Japanese era (平成23年度 is 2011), and the Western year its first year falls in.
_ERA_YEAR = re.compile(r"(令和|平成|昭和)(元|\d{1,2})年")
ERA_START = {"令和": 2019, "平成": 1989, "昭和": 1926}


def stated_years(text: str) -> set[str]:
    """The years ``text`` states, those of the Japanese eras in Western form (平成23年度 → 2011)."""
    era = {str(ERA_START[m.group(1)] + (0 if m.group(2) == "元" else int(m.group(2)) - 1)) for m in _ERA_YEAR.finditer(text)}
    return set(_YEAR.findall(text)) | era


#: Years named relative to today (今年, "last year", 来年), by how many years back.
_RELATIVE_YEARS = (
    (re.compile(r"今年|本年|\bthis year\b|\bcurrent year\b", re.I), 0),
    (re.compile(r"去年|昨年|\blast year\b", re.I), 1),
    (re.compile(r"(?<!再)来年|\bnext year\b", re.I), -1),
    (re.compile(r"再来年|\bthe year after next\b", re.I), -2),
)


#: A decade named ("in the 2010s", 「2010年代」): none of its years on its own.
_DECADE = re.compile(r"((?:19|20)\d)0(?:'?s\b|年代)")


def decades_in(text: str) -> frozenset[str]:
    """The decades ``text`` names, by their first three digits (「2010年代」, "the 2010s" → 201)."""
    return frozenset(m.group(1) for m in _DECADE.finditer(text))


def years_in(text: str, today: datetime.date | None = None) -> frozenset[str]:
    """The years ``text`` names on their own (2024, 2015年度, 平成25年度, and 今年 or "last year" as of
    ``today``), not those of a span (2021〜2023年: :func:`span_years_in`)."""
    year = (today or datetime.date.today()).year
    relative = {str(year - back) for pattern, back in _RELATIVE_YEARS if pattern.search(text)}
    # (a Japanese era's year counts too: 平成25年度 is 2013)
    return frozenset(stated_years(_DECADE.sub(" ", _YEAR_SPAN.sub(" ", _STANDARD_NUMBER.sub(" ", text))))) | relative


def span_years_in(text: str) -> frozenset[str]:
    """The years of the spans ``text`` names (「2021〜2023年」 → 2021, 2023)."""
    return frozenset(y for m in _YEAR_SPAN.finditer(text) for y in _YEAR.findall(m.group(0)))


def has_date(sentence: str) -> bool:
    return bool(_DATE.search(sentence))


_FULL_DATE = re.compile(r"\d{1,2}月\d{1,2}日")


def has_full_date(sentence: str) -> bool:
    """A date to the day (2026年5月25日), not only a year or a month."""
    return bool(_FULL_DATE.search(sentence))


def numbers_in(sentence: str) -> frozenset[str]:
    """The figures of ``sentence`` as bare numbers (amounts, counts; not years or dates):
    「全国51の協会」 → {"51"}."""
    found = {m.group(1).replace(",", "") for m in _AMOUNT.finditer(sentence)}
    found |= {m.group(0).replace(",", "") for m in _BARE_COUNT.finditer(_STANDARD_NUMBER.sub(" ", sentence))}
    return frozenset(found)


def has_number(sentence: str) -> bool:
    """A figure: a share, an amount or a count with its unit, or a bare count (「金融機関は
    200を超える」); a date or a law's number is not one."""
    return bool(_RATIO.search(sentence) or _AMOUNT.search(sentence) or _BARE_COUNT.search(sentence))


def question_wants(query: str, lexicon: Lexicon) -> tuple[bool, bool]:
    """(wants a date, wants a figure)."""
    return lexicon.wants(query, "when"), lexicon.wants(query, "how_much")


#: A request unit meaning "a count": a number with a count unit, or a bare number that is not
#: a date, a law's number, a share or the number of a list item (「累計で214にのぼり」, not
#: 「(1)法人と経営者の…」).
COUNT = "count"
#: Units of a counted number (3.7万社, 61機関, 2つ): any of them answers a request for a count.
COUNT_UNITS = frozenset({"件", "社", "人", "本", "行", "機関", "協会", "か国", "都市", "つ"})  # 3.7万社 is 社 (_amount)
#: A request unit meaning "a share, however stated": a percentage, a ratio (54:26:16:4) or a
#: share in words (全額, 半分): 「負担割合は？」 (not "what percentage", which wants a %).
SHARE = "share"
#: A request unit meaning "which one of a series" (第何回, 何回目): a sentence naming one answers.
ORDINAL = "ordinal"
#: A request unit for the number a law or notice is given (「令和6年法律第何号」): a sentence
#: naming one (第52号) answers it.
NUMBERED = "numbered"
_NUMBERED = re.compile(rf"第\s*\d+\s*号|{_STANDARD_NUMBER.pattern}")  # (a standard's: GB/T 42748-2023)
#: …a law's own number (「法律第何号」「何号の法律」): 法律第52号, not the Cabinet Order's 第242号.
LAW_NUMBERED = "law_numbered"
_LAW_NUMBERED = re.compile(r"法律第\s*\d+\s*号")
_ORDINAL = re.compile(r"第\s*(\d+)\s*回|(\d+)\s*回目|\b(\d+)(?:st|nd|rd|th)\b|(?<![\w#&])#\s?(\d{1,2})\b", re.I)
_ORDINAL_WORDS = {
    word: str(n)
    for n, word in enumerate(
        ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"),
        start=2,
    )
}
# ("third-party opposability", "a third party", "second-hand" count nothing)
_ORDINAL_WORD = re.compile(rf"\b({'|'.join(_ORDINAL_WORDS)})\b(?![- ]?(?:part(?:y|ies)|hand|tier|largest|biggest|highest|lowest|place)\b)", re.I)


def ordinal_names(text: str) -> list[str]:
    """The ordinals ``text`` names, as it writes them (「第3回」, "ninth")."""
    return [m.group(0) for m in _ORDINAL.finditer(text)] + [m.group(0) for m in _ORDINAL_WORD.finditer(text)]


def ordinals(text: str) -> set[str]:
    """The ordinals ``text`` names, as numbers (「第9回」 and "ninth" are both "9")."""
    found = {next(g for g in m.groups() if g) for m in _ORDINAL.finditer(text)}
    return found | {_ORDINAL_WORDS[m.group(1).lower()] for m in _ORDINAL_WORD.finditer(text)}


_BARE_COUNT = re.compile(
    # (the first end of a range is read with its other end: 「70〜90%」 is a share, no count)
    # (nor is an amount of money: 「約30万円」, nor a year standing alone: 「eTISC 2024の講演」)
    rf"(?<![\d.,第(])(?!(?:19|20)\d\d(?![\d,]))\d[\d,]*(?![\d.,)]|\s*[〜~～–-]\s*\d|\s*(?:年|月|日|号|条|項|%|パーセント|割|倍|時|回|番|[かヵヶカケ]月)"
    rf"|\s*[千万億兆]*\s*(?:円|元|ドル)|\s*\w{_PER})"
)


#: The number of an item of a list the sentence enumerates: (1), (2); ①, ②.
LIST_ITEM = re.compile(r"[(（]([1-9])[)）]|([①-⑨])")
#: A number of things the asker says there are (「3つあるって聞いた」, "I heard there are three
#: conditions"): a unit listing that many is what they have heard of.
_TOLD_COUNT = re.compile(
    r"([1-9一二三四五六七八九])つ(?:ある|あり|って)"
    r"|\b(two|three|four|five|six|seven|eight|nine) (?:things|conditions|requirements|criteria|steps|ways|methods|points|rules|types|kinds)\b",
    re.I,
)
_EN_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBER_WORDS = {w: n for n, w in enumerate("一二三四五六七八九", 1)} | {w: n for n, w in enumerate(_EN_NUMBERS, 1)}


def told_count(question: str) -> int:
    """How many things the asker says there are (「3つあるって聞いた」: 3); 0 when none."""
    m = _TOLD_COUNT.search(question)
    if not m:
        return 0
    return _number(m.group(1) or m.group(2))


#: A number of things a question takes as given ("What were the five policy areas …?",
#: 「5つの分野は何ですか」): group 1/3 the number, group 2/4 the things.
_GIVEN_COUNT = re.compile(
    r"\b(?:the|its|their|those|these|all) (two|three|four|five|six|seven|eight|nine|[2-9]) ((?:[a-z-]+ ){0,2}[a-z-]+s)\b"
    r"|([2-9二三四五六七八九])つの([一-龥ァ-ヶー]{1,8})",
    re.I,
)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def miscounted(question: str, sentence: str, en: str) -> str:
    """The count a question takes as given ("the five policy areas") when ``sentence`` (or its
    English rendering ``en``) counts the same things otherwise ("measures in four areas",
    「4つの分野」): the phrase as asked; "" when it gives no count or the same one."""
    for m in _GIVEN_COUNT.finditer(question):
        if m.group(1):
            n, head = _number(m.group(1)), m.group(2).split()[-1].lower()
            words = "|".join(_EN_NUMBERS)
            said = {_number(x) for x in re.findall(rf"\b({words}|[2-9]) (?:[a-z-]+ ){{0,2}}{re.escape(head)}\b", en, re.I)}
        else:
            n, head = _number(m.group(3)), m.group(4)[-2:]
            said = {_number(x) for x in re.findall(rf"([2-9二三四五六七八九])つの[一-龥ァ-ヶー・]{{0,8}}?{re.escape(head)}", sentence)}
        if said and n not in said:
            return m.group(0)
    return ""


def told_kind(question: str) -> str:
    """What the asker says there are so many of (リスク of 「リスクが3つある言うてた」); "" when
    the count names none."""
    m = _TOLD_KIND.search(question)
    return m.group(1) if m else ""


#: 「リスクが3つある」: the thing counted, right before the count.
_TOLD_KIND = re.compile(r"([ァ-ヶー]{2,}|[一-龥]{2,})(?:が|は|って)?[1-9一二三四五六七八九]つ(?:ある|あり|って)")


def lists_count(sentence: str, en: str, n: int, kind: str = "") -> bool:
    """``sentence`` lists or says ``n`` things: 「3つ」, (1)…(3), "three" in its rendering, or
    ``n`` kinds of the thing counted (法的リスク、評価リスク、経営リスク for 3 リスク)."""
    items = {a or b for a, b in LIST_ITEM.findall(sentence)}
    word = _EN_NUMBERS[n - 1]
    kinds = set(re.findall(rf"([一-龥ァ-ヶー]{{1,3}}){re.escape(kind)}", sentence)) if kind else set()
    return f"{n}つ" in sentence or len(items) == n or bool(re.search(rf"\b{word}\b", en, re.I)) or len(kinds) == n


@dataclass(frozen=True)
class RequestedFigure:
    """What kind of figure a question asks for: units (件, %, money) and years."""

    units: frozenset[str]
    years: frozenset[str]
    #: The question asks for an amount of money (いくら, "how much").
    money: bool = False
    #: Years the question names as a span (「2021〜2023年の合計」): the sentence's span answers.
    span_years: frozenset[str] = frozenset()
    #: Years listed one after another ("2021 and 2022", 「2021年と2022年」): each is asked, so a
    #: sentence giving one's figure answers.
    each_year: bool = False
    #: Decades the question names ("in the 2010s"): a sentence stating a year of one answers.
    decades: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.units or self.years or self.span_years)

    def met_by(self, sentence: str) -> bool:
        f = figures(sentence)
        count = COUNT in self.units and (  # (GB/T 42748-2023 counts nothing)
            # (nor are a ratio's parts: 54:26:16:4 counts nothing)
            bool(_BARE_COUNT.search(_RATIO.sub(" ", _STANDARD_NUMBER.sub(" ", sentence))))
            or any(u in COUNT_UNITS for _, u in f.amounts)
            or len(set(LIST_ITEM.findall(sentence))) >= 2  # 「(1)…、(2)…、(3)…」 counts three
        )
        share = (self.money and bool(_SHARE_OF_AMOUNT.search(sentence))) or (  # いくら戻る? 代位弁済額の70〜90%
            SHARE in self.units and bool(_RATIO.search(sentence) or _SHARE_WORDS.search(sentence))  # 54:26:16:4
        )
        ordinal = (
            (ORDINAL in self.units and bool(ordinals(sentence)))
            or (NUMBERED in self.units and LAW_NUMBERED not in self.units and bool(_NUMBERED.search(sentence)))
            or (LAW_NUMBERED in self.units and bool(_LAW_NUMBERED.search(sentence)))
        )
        if self.units and not count and not share and not ordinal and not any(u in self.units for _, u in f.amounts):
            return False
        if self.span_years and not self.span_years <= stated_years(sentence):
            return False
        if self.decades and not any(y[:3] in self.decades for y in stated_years(sentence)):
            return False  # 1995〜2008's lending is no figure for the 2010s
        # A year inside a span (「2021〜2023年の合計」) is not a figure for that year; of years
        # listed ("what about 2021 and 2022?"), a sentence giving one's figure counts.
        if ordinal and self.units == {ORDINAL}:
            return True  # "which meeting was that?": 第5回会合 says which, its date is told elsewhere
        said = stated_years(_YEAR_SPAN.sub(" ", _SOURCE_DATE.sub(" ", sentence)))
        return not self.years or (bool(self.years & said) if self.each_year else self.years <= said)


#: A percentage asked in so many words (「何%」「何パーセント」, "what percent").
_ASKS_PERCENT = re.compile(r"何\s*(?:%|％|パーセント)|\bwhat (?:percent(?:age)?|%)", re.I)


def requested_figure(query: str, lexicon: Lexicon) -> RequestedFigure:
    """The figure a "how many / how much / what rate" question asks for; empty otherwise.

    A year counts only in a figure question ("2025年の実績は？"): elsewhere it is context.
    """
    units: set[str] = set()
    for request in lexicon.figure_requests:
        if not request.fallback and request.pattern.search(query):
            units |= request.units
    if not units:
        for request in lexicon.figure_requests:
            if request.fallback and request.pattern.search(query):
                units |= request.units
    if not units and not lexicon.wants(query, "how_much"):
        return RequestedFigure(frozenset(), frozenset())
    if _ASKS_PERCENT.search(query) and (shares := units & {"%", "割", SHARE}):
        # 「…留保額を…率を掛けて算出するとのことですが、各区分の率は具体的に何%？」 asks a
        # percentage: the amount named in the premise (留保額を) is no figure asked
        units = shares
    # (the date of the document asked about, "the FSA's July 2025 discussion paper", is which
    # paper, not the year of the figure)
    # (nor the years in brackets after a name, "the FSA working group (2022-23)": which group)
    # (nor the year a standard's number ends in, "GB/T 42748-2023": which standard)
    query = _STANDARD_YEAR.sub(" ", _BODY_YEARS.sub(" ", _NAMED_YEARS.sub(" ", query)))
    dated = _EVENT_DATE.sub(" ", _DOCUMENT_DATE.sub(" ", query))
    # (nor is a bound, "before 2008", 「2008年より後」: the figure is for the years beyond it)
    dated = _YEAR_BOUND.sub(" ", dated)
    return RequestedFigure(
        frozenset(units),
        _shifted(years_in(dated), dated),
        bool(units & lexicon.money_units),
        span_years_in(query),
        bool(_LISTED_YEARS.search(query)),
        decades_in(dated),
    )


#: A year told by the one a question names before it (「2015年度から参加しましたが、前年度の
#: 試行段階では…」: 2014), and the step; not a year compared with (「前年比」「前の年より増えた」).
_STEPPED_YEAR = (
    (re.compile(r"(?:その)?(?:前の年|前年)度?(?!比|同期|度比|度同期|より|と比べ|に比べ|と比較)|\bthe (?:fiscal )?year before\b|\bthe (?:previous|prior|preceding) (?:fiscal )?year\b", re.I), -1),
    (re.compile(r"(?:その)?(?:翌年|次の年)度?(?!比)|\bthe (?:fiscal )?year after\b(?! next)|\bthe (?:following|next) (?:fiscal )?year\b", re.I), 1),
)


def _shifted(years: frozenset[str], text: str) -> frozenset[str]:
    """``years``, the one year ``text`` names, moved by a step named in a later clause
    (「2015年度から参加しましたが、前年度の」 asks 2014; 「2020年と前年の件数」 asks both, and is
    left as it is); unchanged unless one year comes before such a step."""
    if len(years) != 1:
        return years
    (year,) = years
    for pattern, step in _STEPPED_YEAR:
        if (m := pattern.search(text)) and (at := text.find(year)) != -1 and at < m.start() and _CLAUSE_BREAK.search(text[at : m.start()]):
            return frozenset({str(int(year) + step)})
    return years


#: Where a clause ends (「…しましたが、」「…ので、」, "…, but", a sentence's end).
_CLAUSE_BREAK = re.compile(r"(?:が|けど|けれど|けれども|ので|から|て)[、,]|[。.;!?！？]\s*|,\s*(?:but|and|so)\b", re.I)


#: A year the figure is asked for the years after (「2008年より後」, 「2020年以降」, "since 2015").
#: (with a month too: 「2008年4月以降」, "after March 2008")
_AFTER_JA = r"((?:19|20)\d{2})年度?(?:\d{1,2}月)?(?:より(?:後|あと)|以降|以後|から後)"
_MONTH_EN = r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
AFTER_YEAR = re.compile(rf"{_AFTER_JA}|\b(after|since) {_MONTH_EN}((?:19|20)\d{{2}})\b", re.I)
#: A year that bounds the years asked, after or before ("before 2008", 「2020年以前」).
_YEAR_BOUND = re.compile(
    rf"\b(?:before|after|prior to|until|till|since)\s+{_MONTH_EN}(?:19|20)\d{{2}}\b|(?:19|20)\d{{2}}年度?(?:\d{{1,2}}月)?(?:より前|以前)|{_AFTER_JA}",
    re.I,
)


#: A document named by its date ("the July 2025 discussion paper", 「2025年7月の検討ペーパー」).
_DOCUMENT_DATE = re.compile(
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d{2}(?:年度?(?:\d{1,2}月)?の?)?\s*"
    r"(?:[\w-]+\s+){0,2}?(?:discussion\s+)?(?:paper|report|guidelines?|white\s+paper|ペーパー|報告書|検討ペーパー|資料)",
    re.I,
)


#: The year a standard's number ends in ("GB/T 42748-2023", "ISO 10668:2010").
_STANDARD_YEAR = re.compile(r"(?<=\d)[-‐–:](?:19|20)\d{2}\b")
#: Years in brackets right after a name ("the working group (2022-23)", 「WG(2022〜23年)」).
_NAMED_YEARS = re.compile(r"(?<=[\w」』])\s*[(（](?:19|20)\d{2}(?:年度?)?\s*(?:[-–〜~/]\s*(?:(?:19|20)?\d{2})(?:年度?)?)?[)）]")
#: …nor the years written before a body's name ("the FSA's 2022-23 working group"): which body.
_BODY_YEARS = re.compile(
    r"\b(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?(?=\s+(?:[\w-]+\s+)?(?:working|study|expert|advisory)\s+(?:groups?|panels?|councils?)\b)",
    re.I,
)
#: The date of a meeting named by it ("at the second dialogue in November 2023", 「2023年11月の
#: 第2回対話で」): which meeting, not the year of a figure said there.
_EVENT_DATE = re.compile(
    r"\b(?:dialogues?|meetings?|conferences?|sessions?|summits?|forums?|symposi(?:um|a)|seminars?|workshops?|"
    r"(?:side )?events?|speech|address|remarks|hearings?)\s+(?:held\s+|took place\s+)?(?:in|on)\s+"
    rf"{_MONTH_EN}(?:\d{{1,2}},?\s+)?(?:19|20)\d{{2}}\b"
    r"|(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?(?:に開(?:か|催)れた|開催の|の)\s*(?:第\d+回)?"
    r"(?:対話|ダイアログ|ダイアローグ|会合|会議|イベント|サイドイベント|シンポジウム|セミナー|フォーラム|講演)"
    # (a body named between the date and its numbered meeting: 「2022年11月の事業性融資WG第2回で」)
    r"|(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?(?:に開(?:か|催)れた|開催の|の)\s*[^、。？?\d\s]{1,16}?第\d+回",
    re.I,
)


#: The date of a cited source, 「JETRO北京事務所(2025年4月)「中国の知的財産概況」」, 「JETRO(2025年4月)を
#: 引いて」: when the source was published, not a year the sentence gives a figure for (「2025年は？」
#: is not answered by it).
_SOURCE_DATE = re.compile(
    r"[(（](?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?[)）](?=\s*(?:[「『]|を(?:引|ひ)い|を出典|によれば|によると|の(?:資料|報告|記事|調査)))"
)


#: Years listed one after another ("2021 and 2022", 「2021年と2022年」, "2021, 2022").
_LISTED_YEARS = re.compile(r"(?:19|20)\d{2}(?:年度?)?\s*(?:and|or|&|,|、|と|や|及び|および)\s*(?:19|20)\d{2}", re.I)
