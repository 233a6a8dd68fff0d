"""Whether a passage unit states the quantity a question asks for.

:meth:`QuantityCheck.states` is the figure check behind the extractive answerer's lead and its
refusals: a unit answers a question asking for a figure (料率, 件数, an amount for a named year
or party), a period, a ranking or a name only when it gives that kind of figure, about what the
question asks it of. A question no unit answers this way is refused (「資料には記載がありません」),
rather than answered with another figure of the same kind.

* :meth:`QuantityCheck.states` – the kind of figure and its year, month, ordinal and version;
  an actual result, not an outlook; the place, case and scheme asked; what a count counts and
  what a share is of; a name, person or date when one is asked.
* :meth:`QuantityCheck.long_names` / :meth:`QuantityCheck.names_another` – a figure of another
  scheme whose name is made of some of the words of the one asked (知財金融促進事業 for its
  successor's end).
* :meth:`QuantityCheck.after_unstated` – the years after one asked, which the unit does not
  reach (a total up to March 2008).
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import get_close_matches
from functools import lru_cache

from assistant.answer.candidate import Candidate, names_instrument, terms
from assistant.answer.evidence import (
    AFTER_YEAR,
    ARRIVAL_VERBS,
    COUNT,
    COUNTING_PARTS,
    ERA_START,
    LIST_ITEM,
    ORDINAL,
    PART_YEAR,
    SHARE,
    TermGroup,
    figures,
    group_found,
    group_share,
    has_date,
    has_number,
    numbers_in,
    ordinals,
    stated_years,
)
from assistant.answer.parts import asking_sentences
from assistant.answer.premise import (
    MONTHS_EN,
    asks_premise,
    checks_claim,
)
from assistant.answer.question import (
    WORK_NOUNS_JA,
    QuestionFrame,
    named_spans,
    names_other_than,
    names_person,
    places_asked,
    without_comparison,
)
from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import content_terms, normalize, noun_phrases, synonym_said

#: A unit answering a figure question must share this much of the question's key terms.
FIGURE_RELEVANCE = 0.2
#: …and name what the figure is of (one of :meth:`assistant.answer.refusal.Refusals.figure_subjects`, this much of its
#: words) in its text, its English rendering or its section heading (an acronym: its chunk).
SUBJECT_SHARE = 0.5
#: How near (in characters) a name must stand to the word of the kind asked for to name one of
#: that kind (「Markelを筆頭とする保険グループ」: 8).
NAME_KIND_GAP = 12


#: A question whether a year's figure crossed a mark: a result for the whole year.
_CROSSED = (
    r"(?:19|20)\d{2}年[^?？。]{0,30}?(?:超え|こえ|越え|上回|うわまわ|突破|達し|いっ)(?:た|まし)"
    # (a mark after the verb: "How much did lending reach in the first half of 2024?" asks an amount)
    r"|\b(?:did|has|have)\b[^?.]{0,60}?\b(?:cross|exceed|surpass|top|pass|reach|hit|break)(?:e?s|e?d|ped)?\b"
    r"(?=[^?.]{0,20}?(?:\d|\b(?:a|one) (?:trillion|billion|million|thousand|hundred)\b))[^?.]{0,60}?\b(?:19|20)\d{2}\b"
)
#: A question asking what actually happened (実績, 結局, "did it actually …").
_ACTUAL = re.compile(
    r"実績|結局|実際|最終的|確定値|確報|確定(?:した|の)?(?:数字|数値|値|額|データ)|\bactual(?:ly)?\b|\bin the end\b|\bfinal (?:[\w-]+ ){0,3}?(?:figure|result|number|total|amount|tally)s?\b"
    # whether a year's figure crossed a mark (「2024年に1兆元を超えたの？」, "did it cross 1 trillion in 2024?")
    rf"|{_CROSSED}",
    re.I,
)
#: A sentence that gives an outlook, a plan or a target rather than a result.
FORECAST = re.compile(r"見通し|見込み|予定|予想|目指|目標|計画|\bexpected\b|\bforecast|\bprojected\b|\bplanned\b|\btarget")
def asks_full_year(text: str) -> bool:
    """Whether ``text`` asks of a whole year (「2024年通年は？」, "china ip pledge 2023 full yr?"):
    with a year named, it asks that year's figure, though no figure word names it."""
    return bool(_FULL_YEAR.search(text))


#: A figure stated in a check, and how it reads asked (「5回って本当？」 → 何回, "met 5 times"
#: → "how many times", "14%" → "what %", "1 million yen" → "how much").
_STATED_FIGURE = (
    (re.compile(r"(?<![\d.,])\d[\d,.]*\s*(?=(?:万|億|兆)?(?:回|件|社|人|名|行|機関|%|％|割|倍|円|元|ドル))"), "何"),
    (re.compile(r"\b\d[\d,.]*\s*(?=(?:times|meetings?|sessions?|rounds?|cases|deals|companies|firms|banks|institutions)\b)", re.I), "how many "),
    (re.compile(r"\b\d[\d,.]*\s*(?:%|percent\b)", re.I), "what % "),
    (
        re.compile(
            r"(?:[¥$]\s?)?\b\d[\d,.]*\s*(?:k|m|mn|bn|million|billion|trillion)?\s*(?:yen|yuan|rmb|cny|jpy|usd|dollars?)\b"
            r"|[¥$]\s?\d[\d,.]*\s*(?:k|m|mn|bn|million|billion|trillion)?\b",
            re.I,
        ),
        "how much ",
    ),
)


def checked_figure(text: str) -> str:
    """``text`` with the figures a check states read as asked ("is it true the WG only met 5
    times?" → "… met how many times?"): a check of a figure asks a figure of its kind, and a
    unit giving one answers it; "" when ``text`` checks no figure."""
    if not asks_premise(text):
        return ""
    asked = text
    for pattern, word in _STATED_FIGURE:
        asked = pattern.sub(word, asked)
    return asked if asked != text else ""


def asks_result(text: str) -> bool:
    """Whether ``text`` asks what a figure actually came to, or came to for a whole year
    ("did it actually end up above 1 trillion for the full year?", 「結局通年でいくら？」): a
    follow-up asking so asks the earlier question's figure, though it names no figure itself."""
    return bool(_ACTUAL.search(text) or _FULL_YEAR.search(text))


#: A month a question asks a figure for, with its year: 「2024年12月(だけ)」, "in December 2024"
#: (not 「6月末まで」 or "by the end of June": a part of a year, below).
_ASKED_MONTH = re.compile(
    r"(?:(?:19|20)\d{2}\s*年\s*)(\d{1,2})\s*月(?![末まで〜~-])"
    rf"|\b(?:in|for|during) ({'|'.join(MONTHS_EN)})[a-z]*\.?\s+(?:of\s+)?(?:19|20)\d{{2}}\b",
    re.I,
)
#: A span of months a sentence gives a figure for (「2024年1〜11月」).
_MONTH_SPAN = re.compile(r"(\d{1,2})\s*[〜~～\-–]\s*(\d{1,2})\s*月")


def asked_months(text: str) -> set[int]:
    """The months (1–12) a question asks a figure for, by number."""
    out = set()
    for m in _ASKED_MONTH.finditer(text):
        out.add(int(m.group(1)) if m.group(1) else MONTHS_EN.index(m.group(2).lower()[:3]) + 1)
    return {n for n in out if 1 <= n <= 12}


def month_spans(text: str) -> list[tuple[int, int]]:
    """The spans of months (first, last) ``text`` gives figures for: 「1〜9月」, and the
    halves and quarters by name (上半期 is January to June)."""
    spans = [(int(a), int(b)) for a, b in _MONTH_SPAN.findall(text)]
    spans += [_NAMED_SPANS[m.group(0)] for m in _NAMED_SPAN.finditer(text)]
    # (in English: "jan-sep 2024", "January to September", "H1", "the first nine months")
    spans += [(MONTHS_EN.index(a.lower()[:3]) + 1, MONTHS_EN.index(b.lower()[:3]) + 1) for a, b in _MONTH_SPAN_EN.findall(text)]
    spans += [_NAMED_SPANS_EN[re.sub(r"\s+", " ", m.group(0).lower())] for m in _NAMED_SPAN_EN.finditer(text)]
    return spans


#: A day of a month (「11月11日」), as a list of the days something met gives them.
_DAYS = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")
def lists_days(text: str, question: str) -> bool:
    """``text`` lists the days the kind of occasion ``question`` asks about was held
    (「開催日は2022年11月2日、11月11日、12月13日…」 for the meetings, 会合), in order: its
    first day is the first occasion's. A list of a working group's meeting days says nothing
    of a dialogue's."""
    if len(_DAYS.findall(text)) < 3:
        return False
    if (numbered := ordinals(text)) and "1" not in numbered:
        return False  # 「この部会は第4回を2025年9月26日、第5回を…」: its later meetings only
    kinds = [said for asked, said in _OCCASION_KINDS if re.search(asked, question, re.I)]
    return bool(kinds) and all(re.search(said, text) for said in kinds)


#: Kinds of occasion as a question may name them, and as the documents write them.
_OCCASION_KINDS = (
    (r"会合|会議|\bmeetings?\b|\bmtgs?\b", r"会合|会議"),
    (r"対話|ダイアログ|\bdialogues?\b", r"対話|ダイアログ|Dialogue"),
    (r"オークション|\bauctions?\b", r"オークション"),
    (r"セミナー|シンポジウム|\bseminars?\b|\bsymposi(?:um|a)\b", r"セミナー|シンポジウム"),
)


#: Parts of a year by name, and the months they run.
_NAMED_SPANS = {"上半期": (1, 6), "下半期": (7, 12), "第1四半期": (1, 3), "第2四半期": (4, 6), "第3四半期": (7, 9), "第4四半期": (10, 12)}
_NAMED_SPAN = re.compile("|".join(_NAMED_SPANS))
_MONTH_SPAN_EN = re.compile(
    rf"\b({'|'.join(MONTHS_EN)})[a-z]*\.?\s*(?:-|–|~|to|through|thru|until|till)\s*({'|'.join(MONTHS_EN)})[a-z]*\b", re.I
)
_NAMED_SPANS_EN = {
    "first half": (1, 6),
    "h1": (1, 6),
    "second half": (7, 12),
    "h2": (7, 12),
    "first quarter": (1, 3),
    "q1": (1, 3),
    "second quarter": (4, 6),
    "q2": (4, 6),
    "third quarter": (7, 9),
    "q3": (7, 9),
    "fourth quarter": (10, 12),
    "q4": (10, 12),
    "first nine months": (1, 9),
    "first three quarters": (1, 9),
}
_NAMED_SPAN_EN = re.compile(r"\b(?:" + "|".join(k.replace(" ", r"\s+") for k in _NAMED_SPANS_EN) + r")\b", re.I)


#: A name the question proposes as its answer, to be checked (「座長は一橋大学の加賀谷先生でしたっけ？」).
_PROPOSED_AFTER = r"[^。？?、]{0,12}?(?:でしたっけ|だったっけ|だっけ|ですよね|でしたよね|で(?:合って|あって|正しい|いい|よい))"


def _proposed(name: str, question: str) -> bool:
    """``name`` is what ``question`` proposes as the answer (after は or before でしたっけ)."""
    return bool(re.search(rf"[はがも]{re.escape(name)}|{re.escape(name)}{_PROPOSED_AFTER}", question))


#: How close (e5 cosine) a question must be to a unit's annotated question for that question's
#: words to say what the unit's figure is of.
ASKED_SUBJECT = 0.92
#: A question about a whole year, and a figure for part of one.
_FULL_YEAR = re.compile(
    # (「2024年は結局1年でいくら」: the year's total)
    r"通年|年間の|(?<![0-9０-９一二三四五六七八九十数何])年間で|[1一]年間|(?:19|20)\d{2}年[^。？?、]{0,12}?最終的に|(?<![0-9０-９])[1一]年で(?:いくら|どのくらい|どれくらい|何)|(?:まるまる|丸|まるっと|まる)[1一]年|\b(?:full|whole|entire)[- ](?:calendar[- ])?y(?:ea)?r\b|\bannual\b"
    r"|(?:19|20)\d{2}年(?:の年|の)?末|\b(?:the )?end of (?:19|20)\d{2}\b"  # 「2024年(の年)末」: not 6月末's figure
    r"|\b(?:the )?(?:whole|entire|full|all) of (?:calendar |the year )?(?:19|20)\d{2}\b"  # "for the whole of (calendar) 2024"
    r"|\bfull (?:19|20)\d{2}\b|\b(?:19|20)\d{2} (?:in full|as a whole)\b|incl(?:uding|\.)? dec(?:ember)?\b|12月(?:分)?(?:も|まで)?(?:含|入れ)"
    # ("the final number for 2024": the year's, once it has ended)
    r"|\bfinal (?:[\w-]+ ){0,2}?(?:number|figure|total|tally|result)s? for (?:19|20)\d{2}\b"
    rf"|{_CROSSED}",
    re.I,
)
#: A version of a document: Ver.2.0, "version 3", バージョン3.0.
VERSION = re.compile(
    r"(?:(?<![a-z])ver\.?|(?<![a-z])version|バージョン)\s?(\d+(?:\.\d+)?)|(?<![A-Za-z0-9])v(\d+\.\d+)\b", re.I
)


def versions(text: str) -> set[str]:
    """The versions ``text`` names, "2.0" and "2" alike ("Ver.2.0" → 2, "version 3" → 3,
    バージョン1.5 → 1.5)."""
    return {re.sub(r"\.0$", "", m.group(1) or m.group(2)) for m in VERSION.finditer(text)}
#: まで of an end (「2018年度まで」), not of "to date" (「現在までに」「これまで」).
_TO_DATE = re.compile(r"(?<!現在)(?<!今)(?<!これ)(?<!それ)まで")
#: What a count question counts: "how many X", 「Xはいくつ」「Xの数は」, 「Xは何件」 (a year,
#: 「2019年度は何件」, is when, not what).
_COUNTED = re.compile(
    r"\bhow many ([a-z][a-z-]*(?: [a-z][a-z-]*)?)(?: [a-z][a-z-]*){0,2}|([一-龥ァ-ヶー]{2,})(?:は|って|が)(?:全部で|全国に|いま|今|具体的に|実際に|正確に)?(?:いくつ|何個)|([一-龥ァ-ヶー]{2,})の(?:累計|合計|総)?数(?:は|を|って)"
    r"|([一-龥ァ-ヶー]{2,})(?<![年度月])(?:は|って|が)(?:全部で|累計で|合計で|全国で)?(?:何件|何本)",
    re.I,
)
#: The first of a series asked for ("the first auction", 「最初の」, 第1回).
FIRST = re.compile(r"\bfirst\b|最初|初回|第1回|1回目", re.I)
#: A unit saying an occasion was the first, in words (「初めて」「初の」, "the first").
_FIRST_SAID = re.compile(r"初めて|最初の|初の|\bfirst\b", re.I)


#: The years since an era began (「令和になってからの数字」: 2019 on).
_ERA_SINCE = re.compile(r"(令和|平成)(?:に入って|になって|が始まって)(?:から|以降|以来)")


def _after(asked: re.Match[str], text: str) -> bool:
    """``text`` states a year after the one ``asked`` (or that year itself, for 以降 and
    "since", when it is not only where a span ends: 「…2008年3月までの累計」)."""
    year = int(asked.group(1) or asked.group(3))
    years = {int(y) for y in stated_years(text)}
    if any(y > year for y in years):
        return True
    inclusive = "以降" in asked.group(0) or "以後" in asked.group(0) or (asked.group(2) or "").lower() == "since"
    ends = re.search(rf"{year}年度?(?:\d{{1,2}}月)?末?(?:まで|にかけて)", text)
    return inclusive and year in years and not ends


#: The Nth year of something (「3年目」, "the third year", "year 3").
_NTH_YEAR = re.compile(r"(\d+)年目|\b(\d+)(?:st|nd|rd|th) year\b|\b(second|third|fourth|fifth|sixth) year\b|\byear (\d{1,2})\b(?![,.]?\d)", re.I)
_NTH_WORDS = {"second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6"}


#: A first year asked (「開始初年度の2018年度に」, "in its first year"), and a total over
#: several years (「最初の2年間で25社」) that does not give it.
_FIRST_YEAR = re.compile(r"初年度|[1一]年目|最初の年(?!間)|\b(?:first|opening) year\b", re.I)
_YEARS_TOTAL = re.compile(r"(?:[2-9２-９]|二|三|四|五)年間で|\b(?:first|over|in) (?:two|three|four|five|[2-5]) years\b", re.I)


#: An English count of what a party did to them ("how many banks did Deloitte interview"),
#: and the words a unit says it with.
_COUNTED_EVENT_EN = re.compile(
    r"\bhow many\b[^?]{0,60}?\b(?:did|do|does|have|has|had|were|was)\b[^?]{0,40}?\b(interview|survey|visit|consult)(?:ed|s)?\b", re.I
)
_EVENT_WORDS_EN = {
    "interview": r"ヒアリング|インタビュー|聞き取り|interview",
    "survey": r"調査|アンケート|survey",
    "visit": r"訪問|visit",
    "consult": r"相談|ヒアリング|consult",
}
#: One year asked by itself ("FY2018 on its own", "just 2018", 「2018年度だけ」).
_ONE_YEAR_ALONE = re.compile(
    r"(?:FY ?|fiscal )?(?:19|20)\d{2}(?: fiscal year)? (?:on its own|alone|by itself|only)\b"
    r"|\b(?:just|only) (?:in |for )?(?:FY ?|fiscal (?:year )?)?(?:19|20)\d{2}\b|(?:19|20)\d{2}年度?(?:単独|だけ|のみ|単年)",
    re.I,
)


def _nth_years(text: str) -> set[str]:
    """The Nth years ``text`` names (「3年目」 and "the third year" are both "3")."""
    return {next(_NTH_WORDS.get(g.lower(), g) for g in m.groups() if g) for m in _NTH_YEAR.finditer(text)}
#: An English share asked of a population ("what % of US venture debt deals actually include
#: patents?"): the words after "of", up to the verb.
_PERCENT_OF = re.compile(
    r"\bwhat (?:%|percent(?:age)?|share|proportion|fraction|portion) of (?:all |the |those |these )?"
    r"((?:[a-z][a-z0-9&'-]*\s+){0,5}?[a-z][a-z0-9&'-]*?)\s+(?:actually\s+|really\s+|typically\s+|usually\s+)?"
    r"(?:are|is|were|was|do|does|did|have|has|had|get|got|include[sd]?|use[sd]?|go|went|come|came|default(?:ed)?|involve[sd]?|end(?:ed)?|rel(?:y|ies|ied))\b",
    re.I,
)
#: Kinds of IP financing the documents give figures for, each its own total: a figure for one
#: (IP insurance's cover) is none for another (securitisation products).
_FINANCE_KINDS = {
    "securitisation": re.compile(r"証券化|securiti[sz]", re.I),
    "insurance": re.compile(r"保険|insur", re.I),
    # (the verb is no kind: "the new law where you can pledge the whole business")
    "pledge": re.compile(
        r"質押|質権|pledge(?![sd]?\s+(?:the|your|our|my|their|its|his|her|a|an|it|them|this|that|all|whole|patents?|ip|shares?)\b)",
        re.I,
    ),
    "fund": re.compile(r"基金|ファンド|リスク補償|\bfunds?\b|\brisk compensation\b", re.I),
}


def _without_kind_head(group: TermGroup) -> TermGroup:
    """``group`` with the one-character last part of each compound alternative left out
    (提案書: 提案), where a longer part stays; a part that counts or dates (年) stays."""
    alternatives = tuple(
        alt[:-1] if len(alt) > 1 and len(alt[-1]) == 1 and alt[-1] not in COUNTING_PARTS and len(alt[-2]) > 1 else alt
        for alt in group.alternatives
    )
    return replace(group, alternatives=alternatives)


def _asks_successor(q: QuestionFrame) -> bool:
    """The question asks what came after a programme (intents.yaml's quantity whose first
    noun is 後継: 「続きみたいなのある？」, "was there anything that replaced it")."""
    return any(x.nouns[:1] == ("後継",) for x in q.quantities)


#: What a split divides, in the words a sentence on it may use: a loss, a risk, a burden or
#: the responsibility for it (「協会が80%、金融機関が20%の割合で責任を分担」 answers "how is the
#: risk split", and 「損失を…で分担」 "what share of the loss").
_BURDENS = ("損失", "リスク", "負担", "責任", "分担")


def burden_shared(group: TermGroup) -> TermGroup:
    """A subject naming what a split divides ("risk", "loss", 損失), met by any word for it:
    the asker's word for the burden shared is seldom the sentence's. Other subjects as they
    are."""
    if not any(set(alt) & set(_BURDENS) for alt in group.alternatives):
        return group
    return replace(group, alternatives=tuple(dict.fromkeys(group.alternatives + tuple((b,) for b in _BURDENS))))


def _within(term: str, noun: str) -> bool:
    """``term`` is in ``noun``: as a whole word of English ("start" is not in "startups"), as
    a substring of Japanese."""
    if term.isascii():
        return re.search(rf"\b{re.escape(term)}(?:s|es)?\b", noun) is not None
    return term in noun


def _headed_share(group: TermGroup, tokens: set[str]) -> float:
    """:func:`group_share`, where an alternative of several words counts only when its head
    (the last word: 融資 of 知財担保融資) is said: a sentence on 知財運営基金 shares 知財 with
    「特許担保融資」 but speaks of funds, not of the loans whose amount is asked."""
    return group_share(replace(group, alternatives=tuple(alt for alt in group.alternatives if _head_said(alt, tokens))), tokens)


def _head_said(alt: tuple[str, ...], tokens: set[str]) -> bool:
    """The alternative's head is in ``tokens``: its last word of two or more characters that
    is no number (評価 of 「評価書1本」: 書 and 本 only say what kind and how many)."""
    head = next((t for t in reversed(alt) if len(t) > 1 and not t.isdigit()), None)
    return len(alt) == 1 or head is None or head in tokens


def _counted_unnamed(question: str, text: str) -> bool:
    """The names asked are of a group the question counts (「地銀・第二地銀11行の具体的な銀行名」)
    and the unit gives that group only as a count, with no names after it (「地銀・第二地銀11、」,
    where 「メガバンク系2(みずほ・りそな)」 names its two)."""
    if any(_count_unnamed(rf"{re.escape(m.group(1))}\s*{m.group(2)}", text) for m in _COUNTED_GROUP.finditer(question)):
        return True
    # (a kind whose names are asked, 「そのうち地銀のほうの名前」, given in a group counted with
    # no names after it: 「地銀・第二地銀11、」)
    return any(_count_unnamed(rf"{re.escape(m.group(1))}[一-龥ァ-ヶー・]{{0,6}}?\d+", text) for m in _NAMES_OF_KIND.finditer(question))


def _count_unnamed(counted: str, text: str) -> bool:
    """``text`` gives the group ``counted`` (a pattern ending in its number) with no names in
    brackets after the count (「地銀・第二地銀11、」, not 「メガバンク系2(みずほ・りそな)」)."""
    said = re.search(rf"{counted}(?![\d.])\s*(?:行|社|機関)?\s*([(（])?", text)
    return bool(said) and not said.group(1)


#: A kind of body whose names are asked (「地銀のほうの名前」, 「信金の名前」).
_NAMES_OF_KIND = re.compile(r"(地銀|第二地銀|地方銀行|信金|信用金庫|信組|信用組合|メガバンク)(?:の?ほう)?の(?:具体的な|正式な)?(?:名前|名称)")
#: A group counted in a question: its kind and number (「地銀・第二地銀11行」).
_COUNTED_GROUP = re.compile(r"([一-龥ァ-ヶー・]{2,12}?)(\d+)(?:行|社|機関|つ)")


#: The documents' words for a party a question names (銀行: 金融機関).
_PARTY_FORMS = {"銀行": ("銀行", "金融機関"), "会社": ("会社", "企業"), "企業": ("企業", "会社")}


def _counts_party(text: str, said: frozenset[str], party: str) -> bool:
    """``text``, whose numbers are ``said``, may count ``party`` (会社): it counts in a counter
    of that kind (社), or in none; not only in つ (「要件は3つ」) or another kind's (「51の協会」)."""
    counters = {u for _, u in figures(text).amounts}
    # (a bank is counted among 金融機関, as the documents call banks)
    if any(
        re.search(rf"{re.escape(form)}[^。、]{{0,12}}?(?<![\d.,]){re.escape(n)}(?![\d.,]|\s*[件社人年月日%つ])", text)
        for form in _PARTY_FORMS.get(party, (party,))
        for n in said
    ):
        return True  # 「金融機関は累計で214にのぼり」: a bare number right after the party counts it
    if all(re.search(rf"(?<![\d.]){n}つ", text) for n in said):
        counters.add("つ")
    return not counters or any(re.search(_COUNTER_KINDS[u], party) for u in counters if u in _COUNTER_KINDS)


def _finance_kinds(text: str) -> set[str]:
    """The kinds of IP financing (:data:`_FINANCE_KINDS`) ``text`` names."""
    return {kind for kind, pattern in _FINANCE_KINDS.items() if pattern.search(text)}
#: A year named as a term (2019年度, 令和6年度, FY2023).
YEAR_TERM = re.compile(r"(?:(?:19|20)\d{2}|(?:令和|平成)\d{1,2})年度?|fy\s?\d{2,4}|(?:19|20)\d{2}", re.I)
#: An English count question's words after "how many" (up to the verb), and the words that
#: end them or count nothing themselves ("how many *of* them", "how many *are* there").
_HOW_MANY = re.compile(r"\bhow many ((?:[a-z][a-z-]*\s+){0,4}[a-z][a-z-]*)", re.I)
#: Words for what counters count, that a typo of still names ("startps").
_KIND_WORDS = ("companies", "startups", "start-ups", "firms", "businesses", "banks", "lenders", "institutions", "loans", "deals")
_NOT_COUNTED = frozenset(
    {"of", "are", "is", "were", "was", "did", "do", "does", "have", "has", "had", "will", "would", "can", "could", "in"}
    | {"for", "by", "at", "on", "from", "that", "which", "who", "per", "to", "the", "there", "more", "such", "exactly"}
    | {"approximately", "roughly", "about", "total", "times"}
    # (the next thing counted: "how many institutions *and* how many cases")
    | {"and", "or"}
    # (a verb after the counted noun: "how many people came …", irregular past forms too)
    | {"came", "come", "went", "go", "got", "get", "took", "take", "made", "make", "saw", "see", "ran", "run", "sold", "won", "left"}
    | {"found", "find", "bought", "buy", "paid", "pay", "brought", "bring", "gave", "give", "lost", "lose", "held", "hold", "met", "meet"}
)


def _counted_words(text: str) -> list[str]:
    """The words of an English count after "how many", up to the verb or the next count
    ("industrial parks" of "industrial parks had …", "institutions" of "institutions and how
    many cases"), in lower case."""
    words: list[str] = []
    for word in text.lower().split():
        # (an adverb before the verb ends them too: "loans *actually* used …")
        if word in _NOT_COUNTED or (words and (word.endswith("ed") or (word.endswith("ly") and len(word) > 4))):
            break
        words.append(word)
    return words


#: The kind of thing whose name is asked (「調査機関の名称」, "which US insurers"): a name of
#: another kind (みずほ, a bank) does not answer it. A company or firm is any name (Indigo Ag
#: is named without 会社), so those ask no kind.
_NAMED_KIND = re.compile(
    r"((?![一-龥]?(?:会社|企業)の)[一-龥ァ-ヶー]{2,})の(?:具体的な|正式な|正式)?(?:名前|名称)|\bwhich (?:[a-z-]+ ){0,2}(insurers?|insurance compan(?:y|ies)|research (?:firms?|compan(?:y|ies))|trust (?:banks?|compan(?:y|ies))|law (?:firms?|offices?))\b"
    # 「評価書つくってくれる調査会社ってどこ？」: a kind of body, asked where it is
    r"|([一-龥ァ-ヶー]{2,}(?:会社|機関|団体))(?:って|は|が)(?:どこ)",
    re.I,
)
#: Banks or lenders whose names are asked ("which US banks …"): a sentence of no bank at all
#: (Aon, a broker) does not answer; one of banks does, though its names (みずほ・りそな) are
#: written without 銀行 beside them.
_NAMED_BANKS = re.compile(r"\bwhich (?:[a-z-]+ ){0,2}((?:mega)?banks?|lenders?)\b", re.I)
#: …in Japanese (「説明した銀行はどこ」, 「参加した信金はどちら」).
_NAMED_BANKS_JA = re.compile(r"(?:銀行|地銀|信金|信用金庫|金融機関)(?:は|って|が)(?:どこ|どちら)")
#: A bank or lender named as a party (「銀行」, 「信金」, "lenders").
BANK_PARTY = re.compile(r"銀行|信金|信用金庫|地銀|金融機関|\bbanks?\b|\blenders?\b", re.I)
#: A sentence of banks or lenders, however it names them (みずほ銀行, 貸し手, "megabank groups").
_SAYS_BANK = re.compile(rf"{BANK_PARTY.pattern}|貸し手|\bbanking\b|megabank", re.I)
#: The last words of a body's name (特許庁, 金融審議会, 信用保証協会).
_BODY_HEADS = ("庁", "省", "機構", "協会", "局", "府", "会", "所", "銀行", "金庫", "公庫", "機関", "委員会", "組合")
#: A bank named (横浜銀行, 多摩信用金庫): a 金融機関 by name.
_BANK_NAME = re.compile(r"[一-龥ァ-ヶー]{2,}(?:銀行|信用金庫|信金|信用組合|金庫)")
#: The head of a kind's name that any body has (調査*機関*, 保険*会社*): the words before it
#: say the kind.
_GENERIC_HEADS = frozenset({"機関", "会社", "企業", "団体", "組織", "法人"})


def _of_kind(kind: TermGroup, tokens: set[str]) -> bool:
    """Whether ``tokens`` say the kind: the words of one of its alternatives other than a
    generic head (調査 of 調査機関, 保険 of 保険会社 in 「保険グループ」)."""
    for alt in kind.alternatives:
        said = [t for t in alt if t not in _GENERIC_HEADS] or list(alt)
        if all(t in tokens for t in said):
            return True
    return False


#: A count, share or amount of what happened, said by the verb before it (「焦げ付いた件数」,
#: 「採択された数」, 「回収できた額」): the verb's stem (kanji, or kanji with kana inside).
_COUNTED_EVENT = re.compile(
    r"([一-龥ァ-ヶー][一-龥ァ-ヶーぁ-ん]*?[一-龥ァ-ヶー])[ぁ-ん]{0,3}?(?:した|された|った|いた|んだ|きた|えた|た)"
    r"(?:件数|数|社数|企業数|割合|比率|額|金額"
    # (「焦げ付いたのって何件？」: the ones it happened to, counted)
    r"|(?:の|もの|ケース|案件)(?:って|は|が)[^。？?]{0,8}?(?=何(?:件|社|割|%|パーセント)))"
)
#: An English amount asked of what was done with money ("how much has it actually paid out
#: …?", "how much did they recover?"): the unit must say that it was done, in either language.
_MONEY_EVENT = re.compile(
    r"\bhow much (?:money |cash )?(?:has|have|had|did|does|do)\b[^?]{0,70}?\b"
    r"(paid out|paid|pay out|pay|disbursed?|recovered|recover|compensated?|reimbursed?|lent|lend)\b"
    # ("how much lending did the programme generate in fiscal 2017?": money lent)
    r"|\bhow much (lending|financing)\b",
    re.I,
)
_PAID = (r"\bpa(?:id|ys?|ying|yments?|youts?)\b", r"支払|支給|負担|補填|補てん|代位弁済|保険金|受け取")
_RECOVERED = (r"\brecover", r"回収|換価|売却|落札")
_LENT = (r"\blen[dt]|\bloans?\b|\bfinancing\b", r"融資|貸付|貸し付|貸出")
_MONEY_EVENTS = {
    "paid out": _PAID, "paid": _PAID, "pay out": _PAID, "pay": _PAID,
    "disburse": (r"\bdisburs", r"実行|貸付|貸し付|融資し"), "disbursed": (r"\bdisburs", r"実行|貸付|貸し付|融資し"),
    "recovered": _RECOVERED, "recover": _RECOVERED,
    "compensate": (r"\bcompensat", r"補償|補填|補てん"), "compensated": (r"\bcompensat", r"補償|補填|補てん"),
    "reimburse": (r"\breimburs", r"補填|補てん|払い戻"), "reimbursed": (r"\breimburs", r"補填|補てん|払い戻"),
    "lent": _LENT, "lend": _LENT, "lending": _LENT, "financing": _LENT,
}  # fmt: skip
#: What a counter counts: 25社 counts startups or companies, 61機関 financial institutions.
#: (3.7万社 is a count of 社: :func:`figures` keeps 万 with the number.)
#: Parties a Japanese count question counts (「…会社ってどのくらいあるの？」): 3つ of things is
#: no count of them.
#: (people by a compound too: 「参加者数」, 「人数」)
#: An English count of those among a group that do something ("how many of japan's credit
#: guarantee corporations have a guarantee product for patent-backed loans"): the group, then
#: what sets them apart, which a unit counting them must say (51 corporations in all are not
#: those with such a product).
_HOW_MANY_OF = re.compile(
    r"\bhow many of (?:the |those |these |its |their )?(?P<group>[^?.,]{3,60}?) "
    r"(?:have|has|had|offer(?:s|ed)?|provide[sd]?|run|runs|use[sd]?|actually|really|now|still|ever|already)\b(?P<which>[^?.]{3,})",
    re.I,
)
#: A figure asked for a whole year (「2024年まるごとで」, 「通年で」, "for the full year 2024"),
#: and one said of a part of a year only (上半期, 「1〜9月」, "first half").
_ASKS_FULL_YEAR = re.compile(
    r"通年|まるごと|丸ごと|年間(?:トータル|通して|全体)|1年(?:間)?(?:トータル|通して|全体)"
    r"|\b(?:full[- ]year|whole year|entire year|calendar year|for all of (?:19|20)\d{2})\b",
    re.I,
)
_PART_OF_YEAR = re.compile(r"上半期|下半期|上期|下期|四半期|\d{1,2}\s*[〜~～–-]\s*\d{1,2}月|\b(?:first|second) half\b", re.I)
#: A count asked for the whole time since a start ("how many in total since launch", 「これまで
#: 累計で何社」), and a figure said of an early period only (「最初の2年間で」, "in its first two
#: years"): no total to date.
_ASKS_ALL_TO_DATE = re.compile(
    r"\b(?:to date|in total|altogether|since (?:its |the )?(?:launch|start|inception|beginning))\b|累計|通算|トータル|開始以来|発足以来",
    re.I,
)
_EARLY_PERIOD = re.compile(
    r"最初の\d+(?:年|か月|ヶ月|カ月)|当初の\d+年|初年度|\b(?:in )?(?:its|the) first (?:\w+ )?(?:years?|months?)\b", re.I
)
#: Words of a "how many of …" question that set nothing apart ("actually", "still").
_FILLER_EN = frozenset({
    "actually", "really", "still", "ever", "already", "even", "just", "currently", "today", "specifically",
    "that", "this", "they", "them", "their", "have", "with",
})  # fmt: skip
#: A count asked with a counter of things, not of parties (何か国, 何件, 何本, 何回).
_THINGS_COUNTED = re.compile(r"何(?:か国|カ国|ヶ国|件|本|回)")
_COUNTED_PARTIES = re.compile(r"((?:会社|企業|銀行|金融機関|事業者|人)(?=って|は|が|の数)|(?:[一-龥]{1,3}者|人)(?=数))")
#: Units of time a "how many" question may count: it asks a length of time.
_TIME_COUNTED = re.compile(r"(?:(?:business|working|calendar) )?(?:days?|weeks?|months?|years?|hours?)|日数|日間|営業日|週間|か月|ヶ月|カ月|年間")
_COUNTER_KINDS = {
    "社": r"会社|企業|スタートアップ|事業者|\b(?:compan(?:y|ies)|firms?|start-?ups?|businesses|smes?)\b",
    "機関": r"機関|銀行|金融機関|\b(?:institutions?|banks?|lenders?)\b",
    "行": r"銀行|\bbanks?\b",
    "件": r"件|案件|融資|\b(?:cases?|loans?|deals?|applications?)\b",
    "人": r"人|者|\b(?:people|ppl|folks|participants?|persons?|attendees?|visitors?|guests?|members?|staff|employees?|workers?)\b",
    # (119本 counts securitisation products, not loans)
    "本": r"商品|証券|債券|\b(?:products?|securities|bonds?|issues?|notes?)\b",
}
#: A count of people in a sentence (「約200人」, 「1.7万人」, 「30名」).
_COUNTS_PEOPLE = re.compile(r"\d[\d,.]*\s*[万千]?\s*(?:人|名)")
#: The group whose share of a whole a Japanese question asks (「製造業が何割」, 「大企業が何%」):
#: a share of another group does not answer it.
_SHARE_OF_GROUP = re.compile(
    r"([一-龥ァ-ヶー]{2,})が(?:全体の)?(?:何割|何%|何パーセント)"
    # (and the party a loss falls on: 「銀行もちょっとは損かぶるん？何割くらい？」)
    # (in the same clause: 「ローンが焦げ付いたとき、銀行側は損失の何割」 asks no share of loans)
    r"|([一-龥ァ-ヶー]{2,})(?:も|が)(?:(?!たら|とき|場合)[^。？?、]){0,12}?(?:損|負担|リスク)[^。]{0,20}?(?:何割|何%|何パーセント)"
    # (and the ones a share of is asked casually: 「…保証外してもらえた会社って実際どんくらいの割合おるん」)
    r"|([一-龥ァ-ヶー]{2,})(?:って|は)[、,]?\s*(?:実際|全体の|ほんま|ほんと)?[、,]?\s*(?:どの|どれ|どん)(?:くらい|ぐらい)の(?:割合|比率)"
)
#: A figure asked per party or per case (「1社あたり最高いくら」, "per borrower"): only a sentence
#: giving a figure per one of them (「1件あたり20万〜30万円」, 「1件につき」) or an average states it;
#: a fund's total size does not.
_PER_ASKED = re.compile(
    r"(?:1|一)(?:社|件|人|行|機関|企業|案件|口)(?:あたり|当たり|につき|ごと)"
    r"|\bper (?:company|firm|borrower|business|loan|deal|case|bank|report|applicant)\b"
    r"|\b(?:for )?each (?:company|firm|borrower|business|loan|deal|applicant)\b",
    re.I,
)
_PER_SAID = re.compile(r"あたり|当たり|につき|ごとに|1社|1件|\bper\b|\beach\b|\baverage\b|平均", re.I)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
_TENTHS = re.compile(r"[0-9一二三四五六七八九十]+割")

#: An occasion asked of by its ordinal ("at the second dialogue", 「第2回の会合で」).
#: The words for an occasion of a series (a dialogue, a meeting, an auction), asked of by its
#: ordinal here and by "first" in :mod:`assistant.answer.extractive`.
OCCASION_NOUNS = (
    r"(?:dialogues?|meetings?|sessions?|conferences?|summits?|forums?|symposi(?:um|a)|seminars?|workshops?|auctions?|rounds?|hearings?"
    r"|対話|会合|会議|ダイアログ|オークション|セミナー|フォーラム|シンポジウム)"
)
#: A follow-up asking the first of a series ("and when was the first one held?", 「最初のは
#: いつ？」), not a first year (「試しにやった最初の年」).
_FIRST_ONE_ASKED = re.compile(
    rf"\bfirst (?:one|edition|{OCCASION_NOUNS})\b|(?:最初|初回|1回目)の?(?:やつ|もの|は|って|{OCCASION_NOUNS})", re.I
)
_ASKED_OCCASION = re.compile(
    rf"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){{0,3}}?{OCCASION_NOUNS}\b"
    rf"|第\s*\d+\s*回(?:目)?の?[^。、？?]{{0,20}}?{OCCASION_NOUNS}",
    re.I,
)
#: An occasion told of by its ordinal: 「第2回となる「IP Finance Dialogue」を開催し」.
_TOLD_OCCASION = re.compile(
    rf"第\s*\d+\s*回(?:目)?(?:となる|の)?[「『]?[^。、]{{0,30}}?(?:{OCCASION_NOUNS}|Dialogue|Forum)", re.I
)


def _told_occasion(c: Candidate) -> set[str]:
    """The ordinal of the occasion the unit's chunk told of last before the unit (「第2回となる
    「IP Finance Dialogue」を開催し」, then what the Director General said there); none when
    the chunk names none before it."""
    text = c.hit.chunk.text
    at = text.find(c.text[:30])
    told = list(_TOLD_OCCASION.finditer(text[:at])) if at > 0 else []
    return ordinals(told[-1].group(0)) if told else set()


def _by_its_work(c: Candidate, subject: str, question: str) -> bool:
    """``question`` names ``subject`` as the author of a work (「デロイトの記事やと」) that the
    unit's chunk speaks of by its kind (「記事はそれぞれの論点について…」): the figure is the
    work's, whose summary need not repeat its author."""
    m = re.search(re.escape(subject) + _WORK_OF, question)
    if not m or m.group(1) not in c.hit.chunk.text:
        return False
    # (a count asked by its counter must be one: 「何行の金融機関」 is no 「2つの論点」)
    counter = _COUNTER_ASKED.search(question)
    if counter is None:
        return True
    asked = _COUNTER_FORMS.get(counter.group(1), (counter.group(1),))
    return any(unit in asked for _, unit in figures(c.text).amounts)


#: A count asked by its counter (何行, 何社, 何件).
_COUNTER_ASKED = re.compile(r"何([行社件人名回本個機関])")
#: The counters a document may answer an asked counter with (何個: 「2つの論点」).
_COUNTER_FORMS = {"個": ("個", "つ")}
#: The kind of work a question names by its author (「デロイトの記事」「…のレポート」).
_WORK_OF = rf"の({WORK_NOUNS_JA})"


def _asks_of_body(c: Candidate, q: QuestionFrame) -> bool:
    """The question asks how often a body it names met, or who chaired it (「事業成長担保権を
    話しおうた金融庁のワーキンググループって、何回集まったん？」, 「…話し合うてたやつの座長って
    誰やったっけ」), and the unit's passage names that kind of body (「このワーキング・グループは
    …。会合は全部で7回開かれ」, 「…神田秀樹氏が座長を務めた」): the scheme says which body, not
    what is asked, so the unit need not name it."""
    asked = q.typed or q.text
    if not _OF_BODY.search(asked):
        return False
    return bool(body_kinds(asked) & body_kinds(c.hit.chunk.text))


def body_kinds(text: str) -> set[str]:
    """The kinds of body ``text`` names, as the documents write them (「この部会は」 → 部会;
    "the FSA working group" → ワーキング・グループ), a working group's forms as one."""
    said = {m.group(0) for m in re.finditer(_BODIES_JA, text)}
    said |= {form for name, kind in _BODIES_EN.items() if re.search(rf"\b{name}s?\b", text, re.I) for form in kind}
    return {"WG" if k.replace("・", "") in ("ワーキンググループ", "WG") else k for k in said}


def _acronym(term: str, question: str) -> bool:
    """``term`` is written in the question as an acronym (WG, JPO)."""
    # (not \b: a Japanese character next to it is a word character too, 「金融審議会のWGは」)
    acronym = rf"(?<![A-Za-z]){re.escape(term.upper())}(?![A-Za-z])"
    return term.isascii() and " " not in term and len(term) <= 6 and re.search(acronym, question) is not None
#: The kind of body whose chair or head is asked ("Who chaired the FSA *study group* …?").
_CHAIRED = re.compile(
    r"\bwho (?:chairs|chaired|heads|headed|leads|led|presides|presided over) (?:the |its |their )?(?:[\w'’-]+ ){0,4}?['\"‘“]?"
    r"(study group|working group|committee|subcommittee|council|panel|task force|commission|wg|office|division|bureau|department|team)\b"
    # ("who is the current head of the FSA's … Office")
    r"|\b(?:head|chair|chairperson|chairman|director|leader) of (?:the |its |their )?(?:[\w'’-]+ ){0,6}?"
    r"(study group|working group|committee|subcommittee|council|panel|task force|commission|wg|office|division|bureau|department|team)\b",
    re.I,
)
#: The people of a trade a question asks by name ("who were the 2 lawyers", 「弁護士の名前」):
#: the sentence naming them says their trade, as the documents write it.
_TRADES = {"lawyer": "弁護士", "attorney": "弁護士", "弁護士": "弁護士", "professor": "教授", "教授": "教授",
           "弁理士": "弁理士", "patent attorney": "弁理士", "accountant": "会計士", "会計士": "会計士"}  # fmt: skip
#: An official asked by which post (not by name), and a sentence naming a post.
_WHICH_OFFICIAL = re.compile(r"\bwhich (?:[\w-]+ ){0,3}officials?\b(?! name)|どの(?:役職|ポスト)", re.I)
_OFFICE_TITLE = re.compile(r"[一-龥ァ-ヶー]{2,}(?:室長|課長|局長|部長|長官|大臣|審議官|参事官)")
_PERSON_TRADE = re.compile(r"\b(patent attorney|lawyer|attorney|professor|accountant)s?\b|(弁護士|教授|弁理士|会計士)", re.I)
#: The chair of a named kind of body asked in Japanese (「研究会の座長」, 「WGの座長」).
_BODIES_JA = r"研究会|検討会|委員会|部会|分科会|審議会|懇談会|ワーキング・?グループ|WG"
#: (the body may be told before what it did, 「…研究会が2013年にガイドラインを公表した際の座長」:
#: the last body named before the chair asked)
_CHAIRED_JA = re.compile(
    rf"({_BODIES_JA})(?:(?!{_BODIES_JA})[^。？?]){{0,30}}?(?:の|で|では)?(?:座長|委員長|会長|議長|部会長|主査)"
)
#: A word naming a kind of body (ワーキング・グループ is read as ワーキング + グループ).
_BODY_WORD = re.compile(rf"{_BODIES_JA}|ワーキング|グループ")
#: How the documents write a working group.
_WG_FORMS = ("ワーキング・グループ", "ワーキンググループ", "WG")
#: What a body is asked of itself: the times it met (「何回集まったん」, "how many meetings did
#: … hold") or who chaired it (座長, "who chaired").
_OF_BODY = re.compile(
    r"何回|何度|座長|委員長|議長|主査|\bhow many (?:times|meetings?|sessions?)\b|\bchair(?:ed|s|man|woman|person)?\b", re.I
)
#: A body named in an English question, as the documents write its kind.
_BODIES_EN = {"working group": _WG_FORMS, "wg": _WG_FORMS, "study group": ("研究会",), "subcommittee": ("部会",), "council": ("審議会",)}
#: The documents' words for a body the glossary does not name (the head of an "office" is
#: that of a 室 or 事務所, not a working group's chair).
_BODY_KINDS_JA = {
    "office": ("室", "事務所", "オフィス"),
    "division": ("課", "部"),
    "bureau": ("局",),
    "department": ("部", "課", "省"),
    "team": ("チーム",),
    "committee": ("委員会",),
}
#: A length of time a sentence gives (「4年間」, 「6か月以内」, 「2015〜2018年度」).
_LENGTH_OF_TIME = re.compile(
    r"\d+(?:\.\d+)?(?:年間|か月|ヶ月|カ月|日間|週間|営業日|年以内|日以内)|(?:19|20)\d{2}(?:年度?)?\s*[〜~～-]\s*(?:19|20)\d{2}年度?"
    # (a time after, in a range too: 「2〜3年後に制度を始める」)
    r"|(?<![\d.])\d{1,2}(?:\s*[〜~～-]\s*\d{1,2})?(?:年|か月|ヶ月|カ月|日|週間)後"
    # (a time through which it went on: 「約5年にわたって関わり」)
    r"|(?<![\d.])\d{1,2}(?:年|か月|ヶ月|カ月|日|週間)(?:にわた|に渡)"
)


#: A case a figure is asked for (「普通保険の場合のてん補率」): a unit on it must name it.
_CASE_ASKED = re.compile(r"([一-龥ァ-ヶー]{3,})の場合")
#: …in English, a scheme named as the case ("under the startup creation promotion
#: guarantee"): its own words (not its kind, nor "new"), each said by the unit.
_CASE_ASKED_EN = re.compile(
    r"\bunder (?:the |its |this |that |a |an )?((?:[a-z][a-z-]*\s+){1,4}?)(?:guarantee|scheme|program|programme|system|insurance|plan|policy|framework)s?\b",
    re.I,
)
_CASE_GENERIC_EN = frozenset({"new", "current", "old", "same", "standard", "general", "usual", "normal", "national", "government", "public", "credit"})
#: A percentage, and one that is a growth (「75.4%増」, "up 60%"), which no rate of a thing is.
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s?[%％]")
#: (「40%を超える伸び」「年平均19%のペースで伸びた」 grow too)
_GROWTH_PERCENT = re.compile(
    r"\d+(?:\.\d+)?\s?[%％](?:増|減|の(?:増加|伸び|減少)|(?:を超える|以上の|前後の|近い|のペースで|で)(?:伸|増|成長|拡大|減))"
)
_ASKS_GROWTH = re.compile(r"増|伸び|成長|前年比|\b(?:growth|grew|increase|rise|up)\b", re.I)


def unit_says(c: Candidate, english: bool = True) -> str:
    """What the unit says: its text, its English rendering (unless ``english`` is False) and
    its section heading."""
    return f"{c.text} {c.unit().en} {c.hit.chunk.section}" if english else f"{c.text} {c.hit.chunk.section}"


def _names_words(noun: str, c: Candidate) -> bool:
    """The unit (its text, English rendering or heading) names ``noun``, or all its words."""
    said = unit_says(c)
    return noun in said or set(content_terms(noun)) <= set(terms(said))


#: What a Japanese count question counts: the noun before 「って」「は」 and 「何件」.
_COUNTED_JA = re.compile(
    r"([一-龥ァ-ヶー]{3,})(?:(?:って|は|が)[^。？?、]{0,12}?何(?:件|本|個|通)|の(?:件数|本数|作成件数|数)(?:は|って|を|が))"
)


def _counted_name(question: str, names: list[tuple[str, frozenset[str]]]) -> str:
    """The head of a long name a Japanese question counts (提案書 of 「知財ビジネス提案書って
    何件つくられたの？」), as a unit giving its count must write it; "" when the question
    counts no long name."""
    m = _COUNTED_JA.search(question)
    if not m:
        return ""
    for name, _ in names:
        if m.group(1).endswith(name) or name.endswith(m.group(1)):
            words = content_terms(name)
            if len(words) < 2:
                return ""
            return words[-2] + words[-1] if len(words[-1]) == 1 else words[-1]
    return ""


def _says(noun: str, text: str) -> bool:
    """``text`` says a quantity's ``noun``: 初の within 当初の ("at the outset") says no first."""
    return noun in (text.replace("当初", "") if noun.startswith("初") else text)


def _counts_others_only(term: str, text: str) -> bool:
    """Whether ``text`` names ``term`` but gives its counts only of other things, each bound
    to its noun by の (「3つの一級指標、14の二級指標、27の三級指標、そして拡張指標から構成」
    gives no count of 拡張指標; 「全国51の協会」 is one of 信用保証協会)."""
    bound = re.findall(r"\d+(?:つ|個|項目|種類|件|社)?の([一-龥ァ-ヶー]+)", text)
    # (a count of the term's head is its own: 「全国51の協会」 counts 信用保証協会)
    if not bound or term not in text or any(term in noun or term.endswith(noun) for noun in bound):
        return False
    # (a count after the term is its own: 「拡張指標は5つ」)
    return not re.search(re.escape(term) + r"(?:は|が|も|を|で)?[^。、,]{0,6}?\d", text)


class QuantityCheck:
    """The figure checks, over the lexicon's places, glossary and everyday words."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # what sets a counted group's members apart depends on the question only, not on the
        # unit checked: worked out once per question, not once per candidate
        self._which_words = lru_cache(maxsize=256)(self._distinguishing_words)
        # …and so do the cities and regions a question asks a figure of
        self._asked_sites = lru_cache(maxsize=256)(self._sites_asked)

    def _sites_asked(self, text: str, typed: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
        """The cities and regions ``text`` asks a figure of, and those the follow-up as
        ``typed`` asks itself (none when ``typed`` is ""): (cities, typed cities, regions,
        typed regions)."""
        # (not the cities set aside: 「珠海とか深圳じゃなくて、上海の…」 asks about 上海)
        asked_places = places_asked(text, self.lexicon)
        # (a follow-up's own places, not those asked about before: "what about Shenzhen's …?")
        typed_places = places_asked(typed, self.lexicon) if typed else ""
        return (
            self.lexicon.cities_in(asked_places),
            self.lexicon.cities_in(typed_places),
            self.lexicon.regions_in(asked_places),
            self.lexicon.regions_in(typed_places),
        )

    @staticmethod
    def long_names(question: str, passages: list[str]) -> list[tuple[str, frozenset[str]]]:
        """The long names a question writes as the passages do (中小企業知財経営支援金融機能活用
        促進事業: three words or more, found verbatim), with their words."""
        out = []
        for phrase in dict.fromkeys(noun_phrases(question)):
            words = frozenset(content_terms(phrase))
            if len(words) >= 3 and any(phrase in text for text in passages):
                out.append((phrase, words))
        return out

    @staticmethod
    def names_another(text: str, names: list[tuple[str, frozenset[str]]]) -> bool:
        """``text`` speaks of a name made of some of the words of one the question names, and
        not of that one: 知財金融促進事業 is another programme than 中小企業知財経営支援金融機能
        活用促進事業, so its years are not the latter's."""
        for name, words in names:
            if name in text:
                continue
            for phrase in noun_phrases(text):
                said = set(content_terms(phrase))
                if len(said) >= 2 and phrase not in name and said < words:
                    return True
        return False

    @staticmethod
    def after_unstated(c: Candidate, question: str) -> bool:
        """The question asks about the years after one (「2008年より後はどんくらい？」) and the
        unit states none of them (a total up to March 2008)."""
        after = AFTER_YEAR.search(_ERA_SINCE.sub(lambda m: f"{ERA_START[m.group(1)]}年以降", question))
        return bool(after) and not _after(after, c.text)

    def percent_of(self, question: str) -> list[str]:
        """What an English share question counts the share of, when it names things counted
        (a plural: "what % of US venture debt deals include patents?"): the glossary's
        Japanese for those words, places left out (ベンチャーデット, 案件), one of which a unit
        giving the share must say. Empty otherwise ("what share of the risk": no things)."""
        m = _PERCENT_OF.search(question)
        last = m.group(1).lower() if m else ""
        if not last.endswith("s") or last.endswith(("ss", "is", "us")):  # "loss", "basis": no things
            return []
        return [t for t in self.lexicon.expand_english(m.group(1)) if not self.lexicon.place(t)]

    def states(
        self,
        c: Candidate,
        q: QuestionFrame,
        subjects: list[TermGroup] | None = None,
        names: list[tuple[str, frozenset[str]]] | None = None,
        in_passage: bool = False,
    ) -> bool:
        """The unit gives the figure the question asks for: the kind of figure (and year), not
        an outlook for an actual result nor part of a year for a whole one, nor another
        occasion than the one named (the 9th auction for the 10th), about what the
        question asks it of (``subjects``, :meth:`Refusals.figure_subjects`: one of them named in the
        unit, its English rendering or its section heading; or its passage, ``in_passage``, when
        they are a follow-up's topic, not words it typed), and, for a named quantity (手数料,
        金利 …), names that quantity; for a name asked for (社名), names one the question does
        not. A count is not the one the question gives (「全国51の…のうち」), nor a count of
        another kind than the parties asked (「要件は3つ」 for companies); a share of things
        named (:meth:`percent_of`) names them; money paid out is said to be paid. A successor
        asked for is answered by the sentence naming it, however little it shares with the
        question's words."""
        if q.figure and not q.figure.met_by(c.text):
            return False
        # (what came after a programme is asked: its successor's sentence names the successor,
        # not the programme asked about)
        successor = _asks_successor(q)
        if not (successor and "後継" in c.text) and (not c.own or max(c.own, c.asked_words) < FIGURE_RELEVANCE):
            return False  # a figure about something else ("25社を支援した" for a licence count)
        if q.figure and COUNT in q.figure.units and (said := numbers_in(c.text)):
            # (not when the count is asked with a counter of things: 「WIPOのえらい人が…上位何か国
            # ぶん」 counts countries, whoever said it)
            party = None if _THINGS_COUNTED.search(q.text) else _COUNTED_PARTIES.search(q.text)
            if party and not _counts_party(c.text, said, party.group(1)):
                # 「要件は3つ」 counts conditions and 「51の協会」 associations, not the companies
                # asked about; a counter of that kind (1.5万社) or a bare number (200を超える) may
                return False
            if said <= numbers_in(q.text):
                return False  # 「全国51の信用保証協会のうち、…いくつ？」: the 51 given is not the count asked
        asked = q.typed or q.text
        if (among := _HOW_MANY_OF.search(asked)) and not self._says_which(among, c):
            return False  # all 51 corporations are not those with a product for patent-backed loans
        if _ASKS_FULL_YEAR.search(asked) and _PART_OF_YEAR.search(c.text) and (
            "通年" not in c.text or (FORECAST.search(c.text) and not FORECAST.search(asked))
        ):
            # 「2024年まるごとでなんぼ」: the first half's 4199億元 is no full year's, nor an
            # outlook for the year, unless the outlook is asked ("was the full-year figure
            # expected to exceed …")
            return False
        if _ASKS_ALL_TO_DATE.search(asked) and not _EARLY_PERIOD.search(asked) and _EARLY_PERIOD.search(f"{c.text} {c.unit().en or ''}"):
            return False  # 「最初の2年間で25社」 is no total since the launch
        if _PER_ASKED.search(asked) and not _PER_SAID.search(f"{c.text} {c.unit().en}"):
            return False  # a fund's 約58億元 is no cap per company (「1社あたり最高いくら」)
        if _ACTUAL.search(q.text) and FORECAST.search(c.text):
            return False  # an outlook (「通年で1兆元を超える見通し」) is no actual result
        if _FULL_YEAR.search(q.text) and PART_YEAR.search(c.text) and (
            "通年" not in c.text or (FORECAST.search(c.text) and not FORECAST.search(q.text))
        ):
            # a half-year figure does not answer for the whole year, nor does an outlook for the
            # year beside it (「1〜9月…通年では1兆元を超える見通し」), unless the outlook is asked
            return False
        if (asked_month := asked_months(q.text)) and (spans := month_spans(c.text)) and not any(
            a <= m <= b for m in asked_month for a, b in spans
        ):
            return False  # January to November is no figure for December alone
        # (a follow-up's own span: "and jan-sep 2024?" after a question on the first half)
        asked_span = (q.typed and q.typed != q.text and month_spans(q.typed)) or month_spans(q.text)
        if asked_span and (spans := month_spans(c.text)) and not set(asked_span) & set(spans):
            return False  # January to September is no figure for January to June (上半期 is)
        if (
            q.named_places
            and c.jurisdiction == "intl"
            and not set(said_places := self.lexicon.named_jurisdictions(c.text)) & set(q.jurisdictions)
            # (…but a list of the places that took part answers whether one was among them:
            # "which countries shared their experience? Was South Korea one of them?")
            and not (checks_claim(q.typed or q.text) and len(set(said_places)) >= 3)
        ):
            return False  # a worldwide share (WIPO: SMEs are 90% of firms) is no figure for Japan
        asked_cities, typed_cities, asked_regions, typed_regions = self._asked_sites(q.text, q.typed)
        follow_up = bool(q.typed) and q.typed != q.text
        # (places only the earlier question named, "on the Shanghai and Shenzhen exchanges", may
        # be named by the unit's passage: "And by the end of June 2024?" is met by 「2024年6月末
        # までに151本」 after 「上海と深圳の取引所で…」)
        cities = typed_cities or asked_cities
        passage = c.hit.chunk.text if follow_up and not typed_cities else ""
        if cities and not self.lexicon.cities_in(f"{c.text} {c.unit().en} {passage}") & cities:
            return False  # 珠海市's split of a loss (or the province's) is no figure for 深圳
        if cities and (own := self.lexicon.cities_in(f"{c.text} {c.unit().en}")) and not own & cities:
            return False  # (a unit on another city is not met by its passage: 深圳's fund, for "fund size?" after 珠海)
        regions = typed_regions or asked_regions
        passage = c.hit.chunk.text if follow_up and not typed_regions else ""
        if regions and not regions & self.lexicon.regions_in(f"{c.text} {c.unit().en} {c.hit.chunk.section} {passage}"):
            return False  # China's 2020 total is no figure for Guangdong
        asked_nth, said_nth = _nth_years(q.text), _nth_years(f"{c.text} {c.unit().en}")
        if asked_nth and not asked_nth & said_nth:
            return False  # 「3年目は？」: the first two years' total is no figure for the third
        if _FIRST_YEAR.search(q.text) and _YEARS_TOTAL.search(c.text) and not _YEARS_TOTAL.search(q.text):
            return False  # IPAS's 25社 「最初の2年間で」 is no count for its first year
        typed = q.typed or q.text
        if _ONE_YEAR_ALONE.search(typed) and _YEARS_TOTAL.search(c.text) and not _YEARS_TOTAL.search(typed):
            return False  # "what about FY2018 on its own?": 「平成30年度までの5年間で」 is five years' total
        if self.after_unstated(c, q.text):
            return False  # a total up to March 2008 is no figure for the years after 2008
        asked_ordinals = ordinals(q.text)
        if q.figure and ORDINAL in q.figure.units:
            # "No wait, I meant the one where they argued about … — which meeting was that?",
            # 「…「第4回会合で…」とあります。…議論されたのは第何回会合でしょうか」 ask which one;
            # the meetings the earlier turn or the claim named are no answer it must match
            asked_ordinals = ordinals(q.typed) if q.typed and q.typed != q.text else set()
        said_ordinals = ordinals(f"{c.text} {c.unit().en}")
        if q.typed and q.typed != q.text and _FIRST_ONE_ASKED.search(q.typed) and not ordinals(q.typed):
            # "and when was the first one held?" after a question on the ninth auction asks the
            # first, which a unit says in words (「世界で初めてとされる…オークション」)
            asked_ordinals = {"1"}
            if _FIRST_SAID.search(f"{c.text} {c.unit().en}"):
                said_ordinals |= {"1"}
        if len(items := {a or str(_CIRCLED.index(b) + 1) for a, b in LIST_ITEM.findall(c.text)}) >= 2:
            said_ordinals |= items  # a list's items are its first, second …: 「(1)…、(2)…」
        if asked_ordinals and not said_ordinals and _ASKED_OCCASION.search(q.text):
            said_ordinals = _told_occasion(c)  # what was said at the dialogue the chunk has just told of
        if asked_ordinals and not asked_ordinals & said_ordinals:
            return False  # the 9th auction's sales do not answer for the 10th
        # (…nor for the first; by the unit's own words: "second-tier banks" names no round)
        if not asked_ordinals and FIRST.search(q.text) and (own := ordinals(c.text)) and "1" not in own:
            return False
        asked_versions, said = versions(q.text), versions(f"{c.text} {c.unit().en}")
        if asked_versions and said and not asked_versions & said:
            return False  # Ver.2.0's chair is no answer for Ver.1.0's
        # (unless what came after it is asked: its successor is another programme by name)
        if names and not successor and self.names_another(c.text, names):
            return False  # the years of 知財金融促進事業 do not answer for its successor
        if (case := _CASE_ASKED.search(q.typed or q.text)) and not _names_words(case.group(1), c):
            return False  # the insurance's 70〜90% in general is no figure for 普通保険's case
        if (case_en := _CASE_ASKED_EN.search(q.typed or q.text)) and not self._names_case(case_en.group(1), c):
            return False  # a subrogation's 70〜90% is no figure "under the startup … guarantee"
        if (
            q.figure
            and "%" in q.figure.units
            and not _ASKS_GROWTH.search(q.text)
            and (percents := _PERCENT.findall(c.text))
            and len(_GROWTH_PERCENT.findall(c.text)) >= len(percents)
            and not _TENTHS.search(c.text)  # (「…案件が8割を超えた」 is a share beside the growths)
            # (nor when a figure of any kind is asked and the unit gives one of another unit
            # asked: 3098億元 beside its growth, for "exact figure pls")
            and not (q.figure.units - {"%"}) & {u for _, u in figures(c.text).amounts}
        ):
            return False  # 「75.4%増」 is a growth, no default rate
        if names and (counted_name := _counted_name(q.text, names)) and counted_name not in unit_says(c, english=False):
            return False  # 60件 of 評価書 is no count of 知財ビジネス提案書
        if subjects:
            where = set(terms(c.text)) | set(terms(c.hit.chunk.section))
            fact = c.hit.chunk.unit_at(c.start, c.end)
            if fact is not None and fact.en:
                where |= set(terms(fact.en))  # an English question's words meet the English rendering
            if fact is not None and fact.questions and c.asked >= ASKED_SUBJECT:
                # …and, when the question is close to one the unit is annotated to answer, that
                # question says what its figure is of in users' words (「取引先の分として残して
                # おくお金」 for 不特定被担保債権留保額)
                where |= set(terms(" ".join(fact.questions)))
            # An acronym (WG, JPO) is spelt out once per passage: its chunk names it; so is a
            # body (このワーキング・グループは…; then 「会合は全部で7回開かれ」).
            chunk = set(terms(c.hit.chunk.text))
            # (a year is when the figure is asked for, not what of: 2019年度 in the unit says
            # nothing of the 知財ビジネス提案書 asked about)
            named = [g for g in subjects if not YEAR_TERM.fullmatch(g.term)] or subjects
            # (a unit on the city asked, 「珠海市では、損失を銀行が60%…」, is about what its
            # passage is about: 知財融資)
            city = bool(self.lexicon.cities_in(q.text) & self.lexicon.cities_in(c.text))
            # (a compound's one-character head says only what kind of thing: 書 of 提案書 is
            # met by 評価書's 書; the words before it name which)
            named = [_without_kind_head(g) for g in named]
            # (its passage, when the unit is on the city asked or spells out an acronym, is
            # about what was asked: a share of its words; a figure's unit must say the head of
            # what it is of, not only a word that qualifies it; a sentence with no figure, on
            # where to apply or what is required, is read in its passage: 「申請は…ポータルサイト
            # などを通じて受け付けられた」 under 評価書作成支援)
            figureless = not q.figure and bool(q.quantities) and not any(x.figure for x in q.quantities)
            share, around = (group_share, where | chunk) if figureless else (_headed_share if q.figure else group_share, where)
            if not any(
                (group_share(g, chunk) if city or in_passage or _acronym(g.term, q.text) or _BODY_WORD.fullmatch(g.term) else share(g, around))
                >= SUBJECT_SHARE
                for g in named
            ):
                return False  # the fee of a report, for a question about a trust company's fee
        if (group := _SHARE_OF_GROUP.search(q.text)) and not self._names_group(c, next(g for g in group.groups() if g), subjects or []):
            return False  # 「製造業が何割」: 70.5% of SMEs among beneficiaries is no share of manufacturers
        population = self.percent_of(q.text)
        # (by the sentence itself, in either language: a heading, 米国の知財融資, says what its
        # passage is about, not what a share in it is of)
        if population and not any(word in f"{c.text} {c.unit().en}" for word in population):
            return False  # "what % of US venture debt deals …": 4% of all secured business loans is not it
        # (a total asked: a split names the parties sharing a loss, 基金 and 保険 among them)
        # (not a kind compared with: "… want to benchmark vs China's pledge numbers")
        asked_kinds = _finance_kinds(without_comparison(q.text)) if q.figure and not q.figure.units & {SHARE, "%", "割"} else set()
        # (by the unit's own words; by its heading when it names no kind)
        if asked_kinds and not asked_kinds & (_finance_kinds(f"{c.text} {c.unit().en}") or _finance_kinds(c.hit.chunk.section)):
            # IP insurance's cover is no figure for IP securitisation products, nor is China's
            # pledge financing, which names no kind
            return False
        event = self.counted_event(q.text)
        if event and not any(w in c.text for w in event):
            return False  # 98件 of loans made is no count of loans that went bad (焦げ付いた件数)
        if (asked_en := _COUNTED_EVENT_EN.search(q.typed or q.text)) and not re.search(
            _EVENT_WORDS_EN[asked_en.group(1).lower()], f"{c.text} {c.unit().en}", re.I
        ):
            return False  # "how many banks did Deloitte interview": DBJ's 310 loans were no interviews
        paid = _MONEY_EVENT.search(q.text)
        if paid and not any(re.search(p, f"{c.text} {c.unit().en}", re.I) for p in _MONEY_EVENTS[(paid.group(1) or paid.group(2)).lower()]):
            return False  # a fund's size is no sum it has paid out ("how much has it paid out …?")
        counted = self.counted(subjects or [], q.text)
        if counted is not None:
            said = set(terms(c.text)) | set(terms(c.unit().en))
            counters = {u for _, u in figures(c.text).amounts}
            by_counter = any(
                re.search(kinds, counted.term, re.I) for counter, kinds in _COUNTER_KINDS.items() if counter in counters
            )
            # (or in a word of the same meaning: 「手法の数」 by 「引当の方法としては…3つ」)
            if not group_found(counted, said) and not by_counter and not synonym_said(counted.term, [c.text]):
                return False  # two kinds of claims do not count trust companies
            if _counts_others_only(counted.term, c.text):
                return False  # 「3つの一級指標、14の二級指標…そして拡張指標」 counts no 拡張指標
        elif self.counts_other(c, q.text):
            return False  # 2.6万社 of companies is no count of industrial parks
        asks_person = any(quantity.person for quantity in q.quantities)
        if not all(self._names(c, s) or _by_its_work(c, s, q.text) for s in q.subjects if not (asks_person and _proposed(s, q.text))):
            # a figure for another party (the FSA's deadline for IPAS's); a person the question
            # proposes as the answer (「座長は一橋大学の加賀谷先生でしたっけ？」) is what it checks
            return False
        if q.instruments and not names_instrument(c, q) and not self._names_body_of(c, q) and not _asks_of_body(c, q):
            return False  # a figure about another scheme (IP-backed loans, for 企業価値担保権)
        for quantity in q.quantities:
            if quantity.person:
                # (a name the question typed in English is no other person: Deloitte is デロイト,
                # which Sudachi reads as a person's name)
                typed_names = f"{q.text} {' '.join(self.lexicon.expand_english(q.text))}"
                if not names_person(c.text, typed_names) and not (_WHICH_OFFICIAL.search(q.text) and _OFFICE_TITLE.search(c.text)):
                    # (an official asked by which post, "which FSA official sat in", is named by
                    # the post: 「金融庁監督局総務課の事業性融資推進室長」)
                    return False  # 「長官は誰？」 is answered by a sentence that names someone
                body = _CHAIRED.search(q.text)
                said = next((g for g in body.groups() if g), "") if body else ""
                kinds = (self.lexicon.expand_english(said) or list(_BODY_KINDS_JA.get(said.lower(), ()))) if said else []
                # (the trade asked for, not one the asker remembers: "who chaired …? i remember it
                # was a law professor but not the name")
                if (trade := _PERSON_TRADE.search(asking_sentences(q.text))) and _TRADES[next(g for g in trade.groups() if g).lower().rstrip("s")] not in c.text:
                    return False  # "who were the 2 lawyers": a WG's chair is no lawyer named
                if not kinds and (chaired := _CHAIRED_JA.search(q.text)):
                    # 「ガイドラインを取りまとめた研究会の座長は？」: a 検討会's chair is none of it
                    said = chaired.group(1)
                    kinds = list(_WG_FORMS) if said in _WG_FORMS else [said]
                if kinds and not any(k in c.text for k in kinds):
                    return False  # the WG's chair is no chair of the 2020 study group (研究会)
                continue
            if quantity.name:
                if not names_other_than(c.text, q.text, self.lexicon):
                    return False  # 「どこの会社？」 is answered by a sentence that names one
                kind = self.counted(subjects or [], q.text, _NAMED_KIND)
                # (a bank is a 金融機関: 「説明を行った金融機関はどこか」 is answered by 横浜銀行)
                banking = kind is not None and "金融機関" in kind.term and bool(_BANK_NAME.search(c.text))
                if kind is not None and not banking and not _of_kind(kind, set(terms(c.text)) | set(terms(c.unit().en))):
                    return False  # みずほ (a bank) is no name of the 調査機関 asked for
                if kind is not None and not banking and not any(self._name_of_kind(text, q.text, kind) for text in (c.text, c.unit().en)):
                    return False  # 「デロイトの解説記事は…保険会社…」 names no insurer
                banks = self.counted(subjects or [], q.text, _NAMED_BANKS)
                if banks is not None and not _of_kind(banks, set(terms(c.text)) | set(terms(c.unit().en))):
                    return False  # Aon and Markel are no US banks
                if (_NAMED_BANKS.search(q.text) or _NAMED_BANKS_JA.search(q.text)) and not _SAYS_BANK.search(f"{c.text} {c.unit().en}"):
                    # "which banks were they": the chair of 金融審議会's group (金融 is no bank)
                    return False
                if _counted_unnamed(q.text, c.text):
                    return False  # 「地銀・第二地銀11」 is counted, its banks not named
                continue
            said = [noun for noun in quantity.nouns if (_TO_DATE.search(c.text) if noun == "まで" else _says(noun, c.text))]
            if not said and "最初" in quantity.nouns and q.intent == "when" and lists_days(c.text, q.text):
                # 「最初のやつはいつやったん？」 of the meetings: 「開催日は2022年11月2日、11月11日、
                # …」 lists them in order, and its first day is the first one's
                said = ["最初"]
            if not said:
                return False
            if said == ["後継"] and any(name in c.text[c.text.index("後継") :] for name, _ in names or ()):
                return False  # 「後継にあたる「…事業」が新設」 ends its predecessor, not the successor named
            f = figures(c.text)
            share = q.figure is not None and SHARE in q.figure.units  # 「費用の負担割合」: a share, met above
            if quantity.units and not share and not any(u in quantity.units for _, u in f.amounts):
                return False
            # (a date is the figure of 「締切日はいつ？」)
            dated = q.intent == "when" and has_date(c.text)
            # (…and a length of time, 「4年間」, 「2015〜2018年度」, that of 「期間は？」)
            lasting = bool(_LENGTH_OF_TIME.search(c.text))
            if not quantity.units and quantity.figure and not has_number(c.text) and not dated and not lasting:
                return False
        return True

    def _says_which(self, among: re.Match[str], c: Candidate) -> bool:
        """The unit says what sets apart the members of a group counted ("how many of the
        corporations have *a product for patent-backed loans*"): a word for it in the
        glossary that is no word for the group itself, in the unit's Japanese or English. True
        when the glossary knows no such word."""
        which, own = self._which_words(among.group("group"), among.group("which"))
        if not which and not own:
            return True
        said = f"{c.text} {c.unit().en or ''}"
        # (in the glossary's Japanese, or in all the question's own English words: "only 6 of
        # 81 lots were sold")
        return any(t in said for t in which) or (bool(own) and all(re.search(rf"\b{w}\b", said.lower()) for w in own))

    def _distinguishing_words(self, group_words: str, which_words: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What sets the members of ``group_words`` apart, as ``which_words`` says it before any
        later part ("how many of the lots on offer actually sold, and what did the sales
        total"): the glossary's words for it that are no word for the group nor a place, and
        the question's own English words for it (neither filler nor the group's)."""
        which_text = re.split(r"[,;]|\band\b", which_words, maxsplit=1)[0]
        group = set(self.lexicon.expand_english(group_words))
        which = [t for t in self.lexicon.expand_english(which_text) if t not in group and not self.lexicon.place(t)]
        named = set(re.findall(r"[a-z]{4,}", group_words.lower()))
        own = tuple(w for w in re.findall(r"[a-z]{4,}", which_text.lower()) if w not in _FILLER_EN and w not in named)
        return tuple(t for t in which if not any(t in g or g in t for g in group)), own

    def _names_case(self, words: str, c: Candidate) -> bool:
        """The unit says each of an English case's own ``words`` ("startup creation
        promotion"): in its English rendering, or by the glossary in its Japanese."""
        said = unit_says(c)
        lowered = said.lower()
        for word in words.lower().split():
            bare = word.removesuffix("'s").removesuffix("’s")
            if word in _CASE_GENERIC_EN or len(word) < 3 or {bare, bare.rstrip("s")} & set(self.lexicon.place_words):
                continue  # nor the place it is of ("japans credit guarantee … scheme")
            if not re.search(rf"\b{re.escape(word.rstrip('s'))}", lowered) and not any(
                form in said for form in self.lexicon.expand_english(word)
            ):
                return False
        return True

    def _name_of_kind(self, text: str, question: str, kind: TermGroup) -> bool:
        """``text`` names one of ``kind`` (保険 of 保険会社): a name the question does not give
        stands within NAME_KIND_GAP characters of the kind's word (「Markelを筆頭とする保険
        グループ」; not JETRO forty characters before 保険会社 in a note on sources)."""
        if not text:
            return False
        spans = named_spans(text, question, self.lexicon)
        if not spans:
            return False
        lowered = normalize(text).lower()
        words = {t for alt in kind.alternatives for t in alt if t not in _GENERIC_HEADS}
        for word in words:
            at = lowered.find(word.lower())
            while at >= 0:
                end = at + len(word)
                if any(s - NAME_KIND_GAP <= end and at <= e + NAME_KIND_GAP for s, e in spans):
                    return True
                at = lowered.find(word.lower(), at + 1)
        return False

    def counted_event(self, text: str) -> tuple[str, ...]:
        """What happened to the things a count counts, when a verb says it (「焦げ付いた件数」):
        the verb's stem and the documents' words for it (焦げ付 → 貸倒, デフォルト); ``()``
        when the count names no event."""
        m = _COUNTED_EVENT.search(text)
        if not m:
            return ()
        # (「2年間で支援した」 counts 支援; 「1件当たり負担していた金額」 is what was borne, 負担;
        # 「評価書作成支援として採択された件数」 counts 採択)
        parts = re.split(r"として|について|から|まで|[をがでにはもとへや]|当たり|あたり|につき|ごとに?", m.group(1))
        stem = parts[-1]
        if f"{stem}る" in ARRIVAL_VERBS and len(parts) > 1:
            stem = parts[-2]  # (「デフォルトに至った件数」 counts defaults: 至る says only that it came to that)
        everyday = self.lexicon.everyday_in(m.group(0))
        if len(stem) < 2 and not everyday:
            return ()
        # (「焦げついた」: the stem 焦 alone says nothing; the everyday word's 貸倒 does)
        words = (*([stem] if len(stem) >= 2 else []), *everyday)
        # (and the named place's own words for it: what China's documents call 担保, 質押)
        local = self.lexicon.local_words(text)
        return tuple(dict.fromkeys([*words, *(x for w in words for x in local.get(w, ()))]))

    def counts_other(self, c: Candidate, question: str) -> bool:
        """An English "how many X" question whose X (its head noun: *parks* of "how many
        industrial parks had …") the unit's English rendering does not say, its Japanese
        does not name (by the glossary) and its counters do not count (社 counts companies).
        A unit without a rendering, or whose counters are not known, is not judged."""
        en = c.unit().en.lower()
        m = _HOW_MANY.search(question)
        if not en or not m:
            return False
        words = _counted_words(m.group(1))
        if not words:
            return False
        head = words[-1]
        stem = head[:-3] if head.endswith("ies") else head[:-2] if head.endswith(("ches", "shes", "sses")) else head.rstrip("s")
        if len(stem) < 3 or re.search(rf"\b{re.escape(stem)}", en):
            return False
        if len(head) >= 5 and get_close_matches(head, re.findall(r"[a-z][a-z-]+", en) + list(_KIND_WORDS), 1, 0.8):
            return False  # a typo ("startps") of a word the rendering says
        # (the words for the thing counted: "trust companies", not the IP of "IP pledge loan
        # transactions", which says which transactions)
        phrase = " ".join(words[-2:])
        named = [*self.lexicon.glossary.get(phrase, ()), *self.lexicon.expand_english(head)]
        if any(ja in c.text for ja in named if not ja.isascii()):
            return False
        counters = {u for _, u in figures(c.text).amounts} & set(_COUNTER_KINDS)
        if not counters:
            # what 「全50州」 counts is not known here: not judged; but people are counted by
            # 人 or 名 ("how many participants" is not met by 「上位10か国」)
            return bool(re.search(_COUNTER_KINDS["人"], head, re.I)) and not _COUNTS_PEOPLE.search(c.text)
        return not any(re.search(kinds, head, re.I) for counter, kinds in _COUNTER_KINDS.items() if counter in counters)

    @staticmethod
    def counted(subjects: list[TermGroup], text: str, pattern: re.Pattern[str] = _COUNTED) -> TermGroup | None:
        """The thing a count question counts ("how many *trust companies* …",
        「*調査会社*はいくつある？」), among its figure subjects (or, by ``pattern``, the kind
        of thing whose name is asked); None when it names none."""
        m = pattern.search(text)
        if not m:
            return None
        noun = next(g for g in m.groups() if g).lower()
        if _TIME_COUNTED.fullmatch(noun) or _TIME_COUNTED.fullmatch(noun.split()[0]):
            return None  # "how many days": a length of time (1営業日), no things counted
        if pattern is _COUNTED and m.group(1):
            # "how many IP pledge loan transactions …" counts transactions: the words up to the
            # verb, and the thing is the last (IP and pledge only say which)
            words = _counted_words(" ".join(m.group(0).split()[2:]))
            if len(words) > 2:
                head = words[-1].rstrip("s")
                return next((g for g in subjects if head in g.term.lower() or g.term.lower() in words[-1]), None)
        # (the subject that is the noun before one inside it: "startups", not "start")
        return next((g for g in subjects if g.term.lower() == noun), None) or next(
            (g for g in subjects if _within(g.term.lower(), noun) or noun in g.term.lower()), None
        )

    # ------------------------------------------------------------------ helpers
    def _names(self, c: Candidate, subject: str) -> bool:
        """The unit's chunk or its section heading names ``subject``, as written or in the
        glossary's Japanese (JPO is 特許庁 in a Japanese passage; 「金融庁「…考え方」」 heads
        the FSA paper's facts)."""
        text = f"{c.hit.chunk.section} {c.hit.chunk.text}"
        japanese = self.lexicon.expand_english(subject)
        if subject in text or any(ja in text for ja in japanese):
            return True
        # (a kind of party, not a body, may be named by the document's title: "an SME loan"'s
        # 責任共有制度 sits in 「日本の中小企業金融の関連制度」; the JPO is not named by a title)
        return bool(japanese) and not any(ja.endswith(_BODY_HEADS) for ja in japanese) and any(ja in c.hit.doc.title for ja in japanese)

    def _names_group(self, c: Candidate, group: str, subjects: list[TermGroup]) -> bool:
        """The unit (its text, English rendering or section heading) names the group whose
        share is asked (製造業 of 「製造業が何割」): as written, by the documents' word for it
        (銀行 → 金融機関), by half its subject term's words, or by all its own words but a
        generic head (中小企業 in 「中小・零細企業」, 保険会社 in 「保険」)."""
        text = unit_says(c)
        if any(form in text for form in (group, *self.lexicon.japanese_synonyms(group))):
            return True
        said = set(terms(text))
        named = [g for g in subjects if g.term == group]
        if named and group_share(named[0], said, text) >= SUBJECT_SHARE:
            return True
        # (a generic head says only the kind: 保険 of 「…・保険・評価機関」 names 保険会社)
        own = [t for t in terms(group) if t not in _GENERIC_HEADS] or terms(group)
        return bool(own) and all(t in said for t in own)

    def _names_body_of(self, c: Candidate, q: QuestionFrame) -> bool:
        """The unit's chunk, section or document names, in another of its Japanese words, the
        acronym that gave the question its scheme ("the FSA's draft paper": 金融庁 names the
        FSA as 金融審議会 does)."""
        where = f"{c.hit.chunk.text} {c.hit.chunk.section} {c.hit.doc.title}"
        for phrase in self.lexicon.english_matches(q.text)[0]:
            if not re.search(rf"\b{re.escape(phrase.upper())}\b", q.text):
                continue  # (an acronym only: "secured creditors" is 被担保債権者, not any 担保権者)
            words = self.lexicon.glossary[phrase]
            if any(w in q.instruments for w in words) and any(w in where for w in words):
                return True
        return False
