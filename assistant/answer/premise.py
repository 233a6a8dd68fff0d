"""What a question takes as given: an amount or share no passage states (「上限5億円と聞いて
いますが」), hearsay a further question rests on that a passage denies (「個人事業主も使える
ようになったと聞きましたが、…」), or a year later than any the passages speak of (「来年から
補助金って増えるの？」). Either way no quote answers the question as asked."""

from __future__ import annotations

import re

from assistant.answer.evidence import figures, stated_years, years_in
from assistant.answer.focus import NOUN
from assistant.answer.parts import asking_sentences
from assistant.answer.question import instruments
from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import content_terms

#: A question that takes something as given (「…と聞いていますが」, "I heard …", "…, correct?",
#: "Given that …", 「…んだよね？」).
#: Hearsay and what is taken as given, as both patterns below read it: 「…と聞いた」, "I heard",
#: "Since …," (not "since when", nor a year's "since 2020").
_HEARD_JA = r"と聞いて|と聞き|と聞いた|って聞いて|って聞き|って聞いた|と伺い|と伺っ|とお聞きし|と耳にし"
_HEARD_EN = r"\b(?:I|we) (?:heard|read|was told|were told|understand)\b|(?:^|[.!?]\s+)\W*(?:heard|been told|was told)\b"
_SINCE_EN = r"^\W*(?:since|because|as)\b(?!\s+(?:when|then|(?:19|20)\d{2}|of|for|to|well|far|long|soon|much|many|a result)\b)"
_PREMISE = re.compile(
    rf"{_HEARD_JA}|らしい(?:けど|が|です|ね)|って本当|は本当|と理解して|んですよね|ですよね|んだよね|(?:ん|の)でしょ(?!う)|(?:だ|でした|だった)っけ|"
    rf"{_HEARD_EN}|\b(?:correct|right|true)\s*\?|\bis it true\b|"
    rf"\b(?:given|now|considering) that\b|\bassuming\b|{_SINCE_EN}",
    re.I,
)
#: A split stated as two shares: "50/50", "70:30", 「7対3」 (not a date such as 5/25).
_SPLIT = re.compile(r"(?<![\d/])(\d{1,2})\s*(?:/|:|対)\s*(\d{1,2})(?![\d/])(?=\s*(?:split|で|の|between|basis|ratio|share|\b))")
_HALF = re.compile(r"\bhalf (?:the|of|its)\b|半分|半額")
_PREMISE_UNITS = {"%", "パーセント", "割", "兆元", "億元", "万元", "兆円", "億円", "万円", "億ドル", "万ドル"}
#: Counts of bodies a question may take as given (「全国に47協会あるんですよね」): stated in the
#: passages as the same count (「全国51の協会」 is 51 協会), or not at all.
_PREMISE_COUNTS = {"協会", "都市", "か国", "機関", "行"}
#: What a premise says someone may now do: 「個人事業主も使える(ようになった)」, "sole
#: proprietors can now grant …"; and a sentence denying it (「…設定者になれない」).
_ABLE_JA = re.compile(rf"({NOUN}{{2,}})(?:も|でも)[^、。？?]{{0,12}}?(?:使え|でき|なれ|利用でき|設定でき|対象に)")
_ABLE_EN = re.compile(
    r"\b(?:that\s+)?((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)\s+(?:can now|can also|are now allowed|is now allowed|are now eligible|is now eligible|became eligible|may now)\b",
    re.I,
)
#: Hearsay a further question rests on (「…と聞きましたが、…」, "I heard …. When …?"), and
#: what only asks whether the hearsay holds.
_HEARD = re.compile(
    rf"{_HEARD_JA}|らしい(?:けど|が)|と理解して|んですよね|んだよね|(?:ん|の)?でしょ(?!う)|"
    rf"{_HEARD_EN}|\b(?:given|now) that\b|{_SINCE_EN}",
    re.I,
)
_ASKS_PREMISE = re.compile(
    # (合って as "right", 「それで合ってる？」; not a verb's, 「話し合って」「付き合って」)
    r"(?:本当|ほんと|ほんま|(?:(?<=[でがはも、,\s])|(?<![一-龥ぁ-ゖァ-ヶ]))合って|正しい|間違い)|(?:is|was) (?:that|it|this) (?:right|true|correct|so)\b"
    # (a check typed as a tag: "EVC act was passed in 2023 right?", "…, correct?", "yeah?")
    r"|[,\s](?:right|correct|yeah|yes|true)\s*\?+\s*$"
    # (a fact check: "Confirm: it came into force in April 2026?", "is it true (that) …",
    # 「…施行されたんですよね？」 as all there is to the question; a no answers it, with the
    # documents' date. Not 「…成立したらしいけど、施行までだいぶかかったよね？」, which asks on)
    r"|^\W*(?:pls |please )?confirm\b|\bis it true\b|\bfact[- ]?check"
    r"|^(?![^？?。]*(?:けど|けれど|らしい|が、))[^？?。]*?(?:です|でした|た|だ)よね[？?]\s*$",
    re.I,
)


def asks_premise(text: str) -> bool:
    """Whether ``text`` checks what it states (「…って本当？」, "is it true …", "Confirm: …?",
    "…, correct?"): a no answers it, with what the documents say."""
    return bool(_ASKS_PREMISE.search(text))


_DENIES = re.compile(r"なれない|なれず|できない|できず|使えない|認められない|認められず|対象外|除かれ|含まれない")
#: A premise inside what is asked: why or how someone was allowed something (「商取引債権者にも
#: 担保権者となることを認めた理由」): the question takes the allowing as done.
_ALLOWED_WHY_JA = re.compile(
    rf"({NOUN}{{2,}})(?:にも|も|でも)[^、。？?]{{0,16}}?"
    r"(?:認めた|認められた|認めている|できるようにした|できるようになった|可能にした|可能になった|解禁した|解禁された"
    # (or added them by an amendment: 「個人事業主も…設定者に加える改正が行われたのは、どのような経緯」)
    r"|(?:に)?(?:加える|加えた|加えられた|追加する|追加した|追加された)(?:改正|改定|見直し)(?:が行われた|がなされた|をした|された)?)"
    r"[^、。？?]{0,4}?(?:理由|経緯|背景|目的|根拠|狙い|ねらい|のは[、,]?[^。？?]{0,8}?(?:なぜ|どうして|何故|経緯|理由|背景))"
)
#: …and in English: why a party was let or allowed to do something ("why did the WG decide to
#: let trade creditors hold the charge directly?").
_ALLOWED_WHY_EN = re.compile(
    r"\bwhy\b[^?]{0,60}?\b(?:let|allow|allowed|permit|permitted|enable|enabled)\s+"
    r"((?:[\w-]+\s+){0,2}?(?:creditors?|proprietors?|traders?|individuals?|suppliers?|lenders?|companies|firms))\b",
    re.I,
)
#: What a question takes as made compulsory, as the reason for what it asks ("Since the FSA made
#: its provisioning methods mandatory, which …", 「…が義務化されたので」); and a sentence
#: saying it is not (「採用する義務はなく」, "is not mandatory").
_MANDATED_EN = re.compile(
    r"\b(?:since|now that|given that|because)\s+[^.?!]{0,40}?\b(?:made|makes|has made|have made)\s+"
    r"((?:[\w-]+\s+){0,9}?[\w-]+)\s+(?:mandatory|compulsory|obligatory)\b"
    r"|\b(?:since|now that|given that|because)\s+((?:[\w-]+\s+){0,9}?[\w-]+)\s+"
    r"(?:became|become|are now|is now|were made|was made)\s+(?:mandatory|compulsory|obligatory)\b",
    re.I,
)
_MANDATED_JA = re.compile(
    # (「…のうち(1)の方法の採用を義務付けられたと聞きました」: what one is bound to do, by を)
    rf"((?:{NOUN}{{2,}}の)?{NOUN}{{2,}})(?:が|は|の|を)?(?:義務化|義務付け|義務づけ|必須化)(?:され|られ|に|と)[^、。？?]{{0,8}}?"
    r"(?:ので(?!す|しょ)|から(?!です|でしょ)|以上|と聞|けど|けれど|ため|(?:い)?(?:ます|る)が、)"
)
_NOT_MANDATED = re.compile(
    r"義務(?:は|が)?(?:なく|ない|ありません|ではな)|義務付け(?:られて)?(?:い)?ない|任意|拘束力(?:は|が)?(?:なく|ない|ありません)"
    r"|\bnot (?:legally )?(?:mandatory|compulsory|obligatory|required|obliged|binding)\b|\bno obligation\b|\bno (?:legal )?binding force\b",
    re.I,
)
#: Where a Japanese or an English sentence of a passage ends.
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")
_EN_FUNCTION = frozenset({"the", "its", "their", "this", "that", "these", "those", "for", "of", "and", "on", "in", "to", "a", "an"})

#: The asker's own plans (「2027年に承継を考えていますが」, "we plan to … next year"): a later
#: year there is context, not what is asked.
_OWN_PLAN = re.compile(
    r"(?:予定|計画)(?:です|しています|している|がある|なん(?:です|や|だ)|なの(?:です|で|だ))|考えて(?:い|お)|つもり|したいと|したい(?:の|ん)|"
    # (「来年あたり工場の機械入れ替えたいもんで」, 「…したいので」: a wish given as the reason)
    r"たい(?:もんで|ものですから|もので|ので|から|んで|けど|んやけど|んだけど)|"
    # (「来年あたり事業承継の段取りしよう思てるんで」: what one means to do, spoken)
    r"(?:よう|ろう|こう|ごう|とう|ぼう|もう)と?(?:思|おも)(?:て|っ|う|い)|"
    r"\b(?:we|i)(?:'m| am|'re| are)? (?:plan|planning|intend|intending|hope|hoping|expect|want)\b",
    re.I,
)
#: The asker's own case with its year, said before the question (「来年おやじの会社つぐんですが」,
#: 「2027年に工場を建てるんだけど」), not a scheme starting then (「来年から始まるんですが」).
_OWN_CASE = re.compile(
    r"(?:来年|再来年|今年|(?:19|20)\d{2}年度?|令和\d+年度?)(?:[^、。？?]{0,20}?)[るぐむうくすつぬぶ](?:ん|の)(?:です|だ)(?:が|けど|けれど)"
)
_STARTS = re.compile(r"始ま|施行|開始|スタート|導入|適用")
#: The year of the asker's own start, said of who asks (「去年起業したばっかのうち」, 「今年
#: 創業した会社です」, "we incorporated last year"): when they began, not a year asked about.
_OWN_FOUNDING = re.compile(
    r"(?:去年|昨年|今年|本年|(?:19|20)\d{2}年|令和\d+年)(?:度)?(?:の\d{1,2}月)?(?:に|の春に|の秋に)?"
    r"(?:起業|創業|設立|開業|独立|法人化|立ち上げ|脱サラ)(?:し|を?した)"
    r"|\b(?:we|i)\s+(?:only\s+|just\s+)?(?:started|founded|incorporated|launched|set\s+up|opened)\b[^.?!,]{0,30}?"
    r"\b(?:last\s+year|this\s+year|in\s+(?:19|20)\d{2})\b",
    re.I,
)
_EN_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|percent\b)", re.I)
_EN_MONEY = re.compile(r"(?<![\d.])\d[\d,.]*\s*(?:thousand|million|billion|trillion)?\s*(?:yen|yuan|dollars)\b", re.I)
#: A notice's or an order's number (告示第11号), taken as given as a figure is.
_NUMBERED_TEXT = re.compile(r"(?:告示|政令|省令|府令|規則|法律|通達)第\d+号")
#: "500k yen": thousands written with k.
_EN_K_MONEY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*k\s+(yen|yuan|dollars)\b", re.I)
#: An amount said without its unit, as people say yen (「100万くらい自腹」): found as written.
_BARE_MONEY = re.compile(r"(?<![\d.,])\d[\d,.]*(?:千万|百万|万|億)(?![\d円元ドル件社人台個回年機協者])")


def _share_forms(stated: str) -> list[str]:
    """The ways the passages may write a figure a question states: as typed, and a share in
    tenths as a percentage or the reverse (「2割」 is 20%, 80% is 8割)."""
    typed = stated.replace("パーセント", "%").replace(",", "").lower()
    forms = [typed]
    if m := re.fullmatch(r"(\d)割", typed):
        forms.append(f"{int(m.group(1)) * 10}%")
    elif (m := re.fullmatch(r"([1-9])0%", typed)) is not None:
        forms.append(f"{m.group(1)}割")
    return forms


#: Asking for the actual figure after one heard (「ほんとはいくつ」「実際なんぼ」, "what's the
#: actual number").
_ASKS_ACTUAL = re.compile(
    r"(?:ほんとは|本当は|ほんまは|ほんとうは|実際(?:は|には|の|に)?|正しくは)[^。？?]{0,6}?(?:いくつ|いくら|なんぼ|何|どれくらい|どのくらい|どんくらい)"
    r"|\b(?:what(?:'s| is| are)|how (?:much|many))\b[^?]{0,20}?\b(?:actual|real|correct)\b|\b(?:actually|really)\b[^?]{0,6}\bhow (?:much|many)\b",
    re.I,
)
#: A check of what was heard, ending the question (「…ほんと？」「…合うてる？」, "…, right?").
_CHECK_TAIL = re.compile(
    r"(?:本当|ほんと|ほんま|ほんとう)(?:なの|なん|ですか|でしょうか|に|か|やろか)?[?？。]*\s*$|(?:合って|合うて|あって|あうて)(?:る|ます)(?:か|の|ん)?[?？。]*\s*$"
    # (「…と聞きましたが、これは正しいでしょうか。」, 「…という記載は正確でしょうか。」, 「国名に誤りは
    # ないでしょうか。」)
    r"|(?:正しい|正確|誤りはない|誤りがない|間違いはない|間違いない)(?:の|ん)?(?:ですか|でしょうか|か)?[?？。]*\s*$"
    # (「…って聞いたんやけど、そんなするもんなん？」「ほんまにそんなあったん？」「そんなもん？」)
    # (not 「…小さい会社でもそんなに残すの？」, which asks on)
    r"|(?:^|[、,])\s*(?:ほんまに|本当に|ほんとに)?そんな(?:に)?(?:する|かかる|ある|あった|いく|いった|高い|多い)?"
    r"(?:もん|もの|ん|の)?(?:なん|なの|やろ|ですか|でしょうか|か)?[?？。]*\s*$"
    r"|\b(?:right|correct|true)\s*\?+\s*$",
    re.I,
)


#: Whether one named is among those a passage lists ("Was South Korea one of them?").
_ONE_OF_THEM = re.compile(
    r"\b(?:was|were|is|are|did)\b[^?]{0,40}?\b(?:one of them|among them|included|on the list)\b"
    # ("Wasn't the first auction held … in London around 2010?", 「…2010年の…って会社やったっけ？」)
    # (not a question word's: 「1回目はいつやったっけ」 asks when)
    r"|^\W*(?:wasn'?t|weren'?t|isn'?t|aren'?t|didn'?t|doesn'?t)\b"
    # (なんとか, 何か name something half-remembered: 「2010年のなんとかトモって会社やったっけ？」)
    r"|(?:^|(?<=[。？?！!]))(?![^。？?]*(?:何(?!か)|なに(?!か)|なん(?!とか|か)|いつ|どこ|誰|だれ|どの|どれ|どう|いくら|なんぼ|どんな))"
    r"[^。？?]*(?:やった|だった|でした)っけ[？?]?\s*$",
    re.I,
)


def checks_claim(question: str) -> bool:
    """Whether ``question`` checks a claim (「…と聞きましたが、これは正しいでしょうか。」, "…,
    correct?", "Was South Korea one of them?"): what the documents state answers it, a no
    included."""
    return asks_premise(question) or bool(_CHECK_TAIL.search(question) or _ONE_OF_THEM.search(question))


def _only_checks(question: str) -> bool:
    """Whether ``question`` asks only whether a heard figure holds, or what the actual one is,
    with nothing asked on top of it (「…と聞いていますが、これを超える与信はどう扱えば」
    asks on)."""
    if _ASKS_ACTUAL.search(question):
        return True
    return bool(_CHECK_TAIL.search(question)) and not re.search(r"[?？]", question.rstrip("?？。 "))


def unsupported_premise(question: str, texts: list[str]) -> list[str]:
    """The amounts and shares a question takes as given (「上限5億円と聞いていますが」,
    "a 50% provision …, correct?") that no passage states: its premise is not in the
    documents, so no quote answers it. Only amounts of money and shares (a year or a
    date is corrected by the sentence that states the right one); a share in tenths is
    stated by its percentage (「2割」 by 20%). A count of bodies (47協会) must be counted the
    same. A question that only checks the figure (「…3割くらいは特許だって聞いたがや、ほんと？」)
    or asks for the actual one (「47やろ？…ほんとはいくつあると？」) takes nothing as given: the
    figure the documents state answers it."""
    if not _PREMISE.search(question) or _only_checks(question):
        return []
    stated = [f"{v}{u}" for v, u in figures(question).amounts if u in _PREMISE_UNITS]
    stated += [f"{v}%" for v in _EN_PERCENT.findall(question)]
    stated += [m.group(0) for m in _EN_MONEY.finditer(question)]
    stated += [m.group(0) for m in _BARE_MONEY.finditer(question)]
    # (a notice's or an order's number: 「告示第15号のやつだっけ？」)
    stated += [m.group(0) for m in _NUMBERED_TEXT.finditer(question)]
    joined = " ".join(texts).replace(",", "").lower()
    missing = [s for s in dict.fromkeys(stated) if not any(form in joined for form in _share_forms(s))]
    # ("like 500k yen per report right?": as the English renderings write it, 500,000 yen)
    missing += [m.group(0) for m in _EN_K_MONEY.finditer(question) if f"{round(float(m.group(1)) * 1000)} {m.group(2).lower()}" not in joined]
    # (a count of bodies: 「保証協会って全国に47協会あるんですよね」 when the passages count 51)
    counted = set(figures(" ".join(texts)).amounts)
    missing += [f"{v}{u}" for v, u in figures(question).amounts if u in _PREMISE_COUNTS and (v, u) not in counted]
    # a split taken as given ("splits the risk 50/50", 「7対3」): each share must be stated
    for m in _SPLIT.finditer(question):
        a, b = m.group(1), m.group(2)
        if not (f"{a}%" in joined and f"{b}%" in joined) and f"{a}:{b}" not in joined:
            missing.append(m.group(0))
    # half of something ("only covers half the cost", 「半分しか」): a half must be stated
    half = _HALF.search(question)
    if half and not re.search(r"半分|半額|2分の1|50%|\bhalf\b", joined):
        missing.append(half.group(0))
    return list(dict.fromkeys(missing))


def contradicted_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """Who or what a question takes as now able or allowed (「個人事業主も使えるようになったと
    聞きましたが」, "I heard sole proprietors can now grant …") when a passage says it is
    not (「個人事業主などは…設定者になれない」): the question rests on what the documents
    deny, so no quote answers it as asked; so does one asking why it was allowed
    (「商取引債権者にも担保権者となることを認めた理由は」)."""
    sentences = [s for text in texts for s in re.split(r"(?<=[。！？])", text)]
    marker = _HEARD.search(question)
    if not marker:
        # (「…って本当？」 "is it true …?" asks the premise itself: a no answers it)
        allowed = [m.group(1) for m in _ALLOWED_WHY_JA.finditer(question)]
        denied = [w for w in allowed if any(w in s and _DENIES.search(s[s.index(w) :]) for s in sentences)]
        # ("why did the WG decide to let trade creditors hold the charge directly?": by the
        # glossary's Japanese for the party, 商取引債権)
        for m in _ALLOWED_WHY_EN.finditer(question):
            words = lexicon.expand_english(m.group(1))
            if any(w in s and _DENIES.search(s[s.index(w) :]) for w in words for s in sentences):
                denied.append(m.group(1))
        return denied
    english = marker.group(0)[0].isascii()
    if english:  # "I heard <premise>. <question>"
        tail = question[marker.end() :]
        stop = re.search(r"[.;,?!]\s+", tail)
        premise, rest = (tail[: stop.start()], tail[stop.end() :]) if stop else (tail, "")
    else:  # 「<premise>と聞きましたが、<question>」
        premise, rest = question[: marker.start()], re.split(r"[、,。]", question[marker.end() :], maxsplit=1)[-1]
    if len(rest.strip(" ?？。.")) < 6 or _ASKS_PREMISE.match(rest.strip()):
        return []  # nothing asked beyond the premise
    named: list[tuple[str, list[str]]] = []
    for m in _ABLE_JA.finditer("" if english else premise):
        named.append((m.group(1), [m.group(1)]))
    for m in _ABLE_EN.finditer(premise if english else ""):
        said = m.group(1).strip().lower()
        named.append((said, lexicon.expand_english(said)))
    if not named:
        return []
    return [
        said
        for said, words in named
        if any(w and w in s and _DENIES.search(s[s.index(w) :]) for w in words for s in sentences)
    ]


def mandated_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """What a question takes as made compulsory ("Since the FSA made its three provisioning
    methods mandatory, which …", 「…の採用が義務化されたので、…」) when a passage speaking of it
    says it is not (「例示された方法を採用する義務はなく」): no quote answers the question as
    asked. A question asking whether it is compulsory takes nothing as given."""
    named: list[tuple[str, list[str]]] = []
    for m in _MANDATED_EN.finditer(question):
        thing = (m.group(1) or m.group(2)).strip()
        words = [w for w in re.findall(r"[a-z][a-z-]{2,}", thing.lower()) if w not in _EN_FUNCTION]
        named.append((thing, [*words, *lexicon.expand_english(thing)]))
    for m in _MANDATED_JA.finditer(question):
        named.append((m.group(1), content_terms(m.group(1))))
    if not named:
        return []
    sentences = [s for text in texts for s in _SENTENCE_END.split(text) if _NOT_MANDATED.search(s)]
    return [
        thing for thing, words in named if any(w and w.lower() in s.lower() for w in words for s in sentences)
    ]


#: Words after a duty said to be made that take it as given (「法律になったんやろ」「…と聞」).
_DUTY_GIVEN_JA = r"(?:ん(?:やろ|だろ|でしょ|ですよね|だよね)|よね|らしい|って聞|と聞|けど)"
#: A why-question taking a duty as made ("why was it made legally binding in the 2022
#: revision?", 「なんで義務化されたの？」, 「どうして法的拘束力を持たせたの」), and a sentence
#: of a passage speaking of a duty or its absence.
_WHY_BINDING = re.compile(
    r"\bwhy\b[^?]{0,80}?\b(?:made|make|become|became|turned into|now)\s+(?:legally\s+)?(?:binding|mandatory|compulsory|obligatory|enforceable)\b"
    # ("why did the FSA make it mandatory for banks to …", "make the methods compulsory")
    r"|\bwhy\b[^?]{0,60}?\b(?:made|make)\s+(?:it|them|this|that|(?:the|its|their|these|those)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:legally\s+)?(?:binding|mandatory|compulsory|obligatory|enforceable)\b"
    r"|(?:なぜ|なんで|どうして)[^？?。]{0,40}?(?:義務化|義務付け|義務づけ|必須化|法的拘束力|強制力)"
    r"|(?:義務化|義務付け|義務づけ|必須化)(?:され|し)た(?:の|ん)?(?:は|って)?(?:なぜ|なんで|どうして)"
    # (…or a duty taken as given in passing: 「ガイドラインって2016年に法律になったんやろ？」,
    # "the guidelines became law in 2016, right?")
    rf"|(?:法律に(?:な|格上げされ)った|法制化(?:され|し)た|義務化(?:され|し)た|拘束力を(?:持つ|もつ|有する)ように(?:な|し)った){_DUTY_GIVEN_JA}"
    r"|\b(?:became|become|made into|turned into) (?:a |the )?law\b[^?.]{0,30}?\b(?:right|correct|yeah)\b",
    re.I,
)
_GIVEN_TAIL = re.compile(rf"{_DUTY_GIVEN_JA}$")
_SPEAKS_OF_DUTY = re.compile(
    r"義務|拘束力|強制|必須|\b(?:binding|mandatory|compulsory|obligatory|obliged|obligation|enforceable)\b", re.I
)


def binding_premise(question: str, texts: list[str], about: str = "") -> tuple[str, list[str]]:
    """The duty a why-question takes as made ("why was it made legally binding in the 2022
    revision?", 「なんで義務化されたの？」) when the passages deny it or never speak of a duty:
    the reason for what the documents never say happened is not in them. ``about`` is the
    question with its follow-up's subject filled in (the condensed text). Returns the reason
    (``binding_denied`` when a sentence sharing a word with ``about`` says there is no duty
    or binding force, 「法的な拘束力はない」; ``not_binding`` when no passage speaks of a duty
    at all) and the words asked; ("", []) otherwise."""
    m = _WHY_BINDING.search(question)
    if not m:
        return "", []
    asked = [re.sub(r"^(?:why\b[^?]*?\b(?=made|make|become|became|turned|now)|なぜ|なんで|どうして)", "", m.group(0), flags=re.I).strip()]
    # (the premise without the words taking it as given: 「拘束力を持つようになった」, not …と聞)
    asked = [_GIVEN_TAIL.sub("", a) or a for a in asked]
    # (what was made so, said as the message says it: "make it mandatory" → "made mandatory")
    asked = [re.sub(r"^(?:made|make)\s+(?:(?!legally\b)[\w-]+\s+){1,5}?(?=(?:legally\s+)?(?:binding|mandatory|compulsory|obligatory|enforceable)\b)", "made ", a, flags=re.I) for a in asked]
    words = {w for w in re.findall(r"[a-z]{4,}", (about or question).lower()) if w not in _EN_FUNCTION} | set(content_terms(about or question))
    sentences = [s for text in texts for s in _SENTENCE_END.split(text)]
    if any(_NOT_MANDATED.search(s) and any(w in s.lower() for w in words) for s in sentences):
        return "binding_denied", asked
    if any(_SPEAKS_OF_DUTY.search(s) for s in sentences):
        return "", []
    return "not_binding", asked


#: A year as a Japanese question or passage writes it: 2023, 令和8, 平成元 (before 年).
_YEAR_JA = r"(?:(?:19|20)\d{2}|(?:令和|平成)(?:\d{1,2}|元))"
#: What follows a clause said as given, the reason for what is asked (「…らしいけど」, 「…ので」).
#: (「…始まったんやんな？」: Kansai for んだよね)
_AS_GIVEN_JA = r"と(?:承知|理解|認識)して(?:い|お)|と伺|とお聞き|(?:る|た|てる|とる|っとる)ん?よね|らしい|と聞|って聞|けど|けれど|ので(?!す|しょ)|から(?!です|でしょ)|ですが|ますが|以上|んだよね|んですよね|んやんな|んやんね|んやろ|やんな|やんね|やろ(?!か)|だろ(?!うか)|でしょ(?!うか)"


#: A start a question takes as given, with its year ("Since the charge has been available since
#: 2023, …", 「…って2023年から始まってるらしいけど」): said as the reason for what it asks.
_STARTED_EN = re.compile(
    r"\b(?:since|now that|given that|because|as)\b[^.?!]{0,80}?\b(?:available|in force|in effect|into force|into effect|took effect|usable|in place|mandatory|compulsory|required|effective|law)\b"
    r"[^.?!]{0,40}?\b(?:since|from|in|on)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b"
    # (stated in a clause before the one that asks: "X has been mandatory for all banks since
    # 2021, so how do they …?")
    r"|\b(?:has|have) been (?:mandatory|compulsory|required|in force|in effect|available|in place)\b[^.?!]{0,40}?"
    r"\bsince\s+(?:[A-Z][a-z]+\.?\s+)?((?:19|20)\d{2})\b(?=\s*,?\s*(?:so|and|but|then)\b[^?]*\?)"
    # (a start taken as moved from a date: "why did they push back the start … from april 2025")
    r"|\b(?:push(?:ed)?|delay(?:ed)?|postpon(?:e|ed)|put off|move(?:d)?) (?:back )?(?:the )?(?:start|launch|entry into force|effective date)\b"
    r"[^.?!]{0,60}?\bfrom\s+(?:[A-Z][a-z]+\.?\s+)?((?:19|20)\d{2})\b"
    # ("why was the start of … pushed back from april 2025")
    r"|\b(?:start|launch|entry into force|effective date)\b[^.?!]{0,60}?\b(?:pushed|delayed|postponed|put off|moved) (?:back )?"
    r"from\s+(?:[A-Z][a-z]+\.?\s+)?((?:19|20)\d{2})\b",
    re.I,
)
_STARTED_JA = re.compile(
    rf"({_YEAR_JA})年度?(?:の?\d{{1,2}}月(?:\d{{1,2}}日)?|の(?:春|夏|秋|冬|初め|はじめ|頭|半ば|末|暮れ))?(?:から|に)"
    # (who it started for may come between: 「2025年に個人事業主向けだけ先にスタートした」)
    r"(?:[ぁ-ん]{0,4}?|[^、。？?\d]{0,14}?(?:向け|だけ|先に|のみ)[ぁ-ん]{0,3}?)"
    r"(?:始ま|はじま|開始|施行|スタート|使え)[^、。？?]{0,14}?"
    rf"(?:{_AS_GIVEN_JA})"
)


#: A date of taking effect a question states in passing, asking something else about it
#: (「施行日を2025年4月1日と定めた政令は何号？」, "after the Act took effect in April 2025, …").
_DATED_JA = re.compile(
    rf"(?:施行日|施行期日)(?:を|が|は)({_YEAR_JA})年[^、。？?]{{0,10}}?(?:と|に)(?:定め|決め|し|され)"
    rf"|({_YEAR_JA})年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?に施行された(?=[一-龥ァ-ヶー])"
)
_DATED_EN = re.compile(
    r"\b(?:took|came into|has taken|having taken) (?:effect|force)\s+(?:on|in)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b"
    r"|\b(?:effective|commencement) date (?:of|on)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b"
    # ("Why did the Cabinet Order set commencement at 1 April 2026 …?")
    r"|\b(?:set|fixed|scheduled)\b[^.?!]{0,20}?\b(?:commencement|effective date|start date|entry into force)\b[^.?!]{0,10}?"
    r"\b(?:at|on|for|as|to)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b"
)


#: A year right before the words saying something took effect (「令和8年(2026年)5月25日に施行」).
#: (or after it: 「施行日は2023年9月1日である」)
_EFFECT_YEAR = re.compile(rf"{_YEAR_JA}年[^。、]{{0,14}}?(?:に|から|より)(?:施行|効力)|(?:施行日|施行期日)(?:は|が)?{_YEAR_JA}年")
_EFFECT_JA = re.compile(r"施行")
#: (an effective date only as "… is/was <date>": "this effective date was set by Cabinet Order
#: No. 242 of 2025" dates no start in 2025)
_EFFECT_EN = re.compile(r"\b(?:took|takes|came into) (?:effect|force)\b|\beffective date (?:is|was) (?=\d)", re.I)


#: A month as a question or a sentence writes it: 「4月」, "April", "Apr".
_MONTH_JA = re.compile(r"(?<!\d)(\d{1,2})月")
MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_EN = re.compile(r"\b(" + "|".join(MONTHS_EN) + r")[a-z]*\b\.?", re.I)


def _month(text: str) -> int | None:
    """The month ``text`` names (「2026年4月1日」 → 4, "1 April 2026" → 4), if one."""
    if m := _MONTH_JA.search(text):
        return int(m.group(1))
    if m := _MONTH_EN.search(text):
        return MONTHS_EN.index(m.group(1).lower()[:3]) + 1
    return None


def _wrong_years(
    said: list[tuple[str, str]], names: list[str], texts: list[str], ja: re.Pattern, en: re.Pattern, near: re.Pattern
) -> list[str]:
    """What of ``said`` (each a year as the question writes it, and the words it was said in)
    no sentence on the scheme ``names`` dates the event to, when some sentence dates it at
    all: its year ("2023"), or its year and month when only the month differs ("2026-04",
    「2026年4月1日」 for a law in force since 2026年5月25日). A Japanese sentence saying the
    event (``ja``) gives the dates right before its words (``near``), not those of an order
    that set the date (「令和8年(2026年)5月25日に施行された。…令和7年政令第242号…」); an English
    one (``en``) gives its years."""
    dated: set[str] = set()
    months: dict[str, set[int]] = {}
    for text in texts:
        if not any(name in text for name in names):
            continue
        for sentence in _SENTENCE_END.split(text):
            if ja.search(sentence) or en.search(sentence):
                close = [m.group(0) for m in near.finditer(sentence)]
                dated |= stated_years(" ".join(close) if close or ja.search(sentence) else sentence)
                for phrase in close:
                    if (month := _month(phrase)) is not None:
                        for year in stated_years(phrase):
                            months.setdefault(year, set()).add(month)
    out = []
    for year, words in said:
        western = next(iter(stated_years(f"{year}年")), year)
        if not dated:
            continue
        if western not in dated:
            out.append(western)
        elif (month := _month(words)) is not None and months.get(western) and month not in months[western]:
            out.append(f"{western}-{month:02d}")
    return out


def started_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """The year a question takes as the start of a scheme (「企業価値担保権って2023年から始まってる
    らしいけど」, "Since the enterprise value charge has been available since 2023, …") when
    the passages on that scheme date its taking effect (施行) to other years only: the question
    rests on a wrong date. A passage counts when it names the scheme (as the question's
    instruments, :func:`assistant.answer.question.instruments`); its sentences saying 施行
    give the years. Asking whether it started then (「2023年から始まってるって本当？」) takes
    nothing as given."""
    if _ASKS_PREMISE.search(question):
        return []
    said = [(next(g for g in m.groups() if g), m.group(0)) for m in (*_STARTED_EN.finditer(question), *_STARTED_JA.finditer(question))]
    said += [(next(g for g in m.groups() if g), m.group(0)) for m in (*_DATED_JA.finditer(question), *_DATED_EN.finditer(question))]
    if not said:
        return []
    # (a question naming no scheme, "Why did the Cabinet Order set commencement at …?", is
    # read against every passage saying 施行)
    names = list(instruments(question, lexicon)) or [""]
    return _wrong_years(said, names, texts, _EFFECT_JA, _EFFECT_EN, _EFFECT_YEAR)


#: A passing a question takes as given, with its year: said as the reason for what it asks
#: (「2023年の国会で成立したらしいけど」, "Given that the bill passed the Diet in 2023, …") or in
#: passing before what it names (「2023年に成立した事業性融資推進法の…」).
def _dated_event_ja(verbs: str, before_name: str = "一-龥ァ-ヶー") -> re.Pattern:
    """A Japanese event with its year taken as given (「2023年に成立したらしいけど」, 「2016年に
    公表された経営者保証ガイドライン」): ``verbs`` are the event's nouns; the event is said as the
    reason for what is asked, or in passing right before what it names (a character of
    ``before_name``)."""
    return re.compile(
        # (「2023年に国会で成立した」: where, between the year and the event)
        rf"({_YEAR_JA})年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:(?:の|に)[^、。？?]{{0,8}}?)?(?:に|で)?"
        rf"(?:{verbs})(?:し|さ)(?:た|てる|ている|ました|れた)"
        rf"(?:[^、。？?]{{0,10}}?(?:{_AS_GIVEN_JA}|のに)|(?=[{before_name}]))"
    )


def _dated_by(
    ja: str, en: str, near: str, also: str = "", marks: str = ""
) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """How a passage dates an event, for :func:`_wrong_years`: its Japanese words (``ja``,
    and ``marks``, other words that date it: 日付), its English words (``en``), and a year
    right before the Japanese ones (``near``: what may stand between them; ``also``: another
    way the year is said)."""
    return (
        re.compile(f"{ja}|{marks}" if marks else ja),
        re.compile(rf"\b(?:{en})\b", re.I),
        re.compile(rf"{_YEAR_JA}年{near}(?:{ja}){also}"),
    )


#: "in 2023", "on June 7, 2024", "in March 2024": the year an English premise gives (group 1).
_IN_YEAR_EN = r"\b(?:in|on)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d{2})\b"
_PASSED_JA = _dated_event_ja("成立|可決|制定|公布")
_PASSED_EN = re.compile(
    r"\b(?:since|now that|given that|because|as|after|once|(?:I )?(?:heard|read|was told)(?: that)?|why (?:did|was|were|has|had))\b[^.?!]{0,80}?"
    r"\b(?:pass|passed|enact|enacted|adopt|adopted|promulgated?)\b[^.?!]{0,60}?" + _IN_YEAR_EN
    # (or said and checked: "so the … law passed back in 2022 right?")
    # ("… act got through the diet in 2023 right, which month exactly")
    + r"|\b(?:passed|enacted|adopted|promulgated|(?:got|went|made it) through|cleared)\b(?:\s+the diet)?(?:\s+back)?[^.?!]{0,20}?" + _IN_YEAR_EN
    + r"(?=[^.?!]{0,20}?\b(?:right|correct|true|yeah|no)\s*[?,])"
    # (or stated as a sentence of its own before the one that asks: "The … Act passed the Diet
    # in March 2024. What was …?")
    + r"|^[^.?!]{0,100}?\b(?:passed|enacted|adopted|promulgated|(?:got|went|made it) through|cleared)\b(?:\s+the diet)?[^.?!]{0,20}?"
    + _IN_YEAR_EN + r"(?=\s*[.;]\s+[^?]*\?)",
    re.I,
)
#: The year a question asks a passing's month or day within ("which month in 2023 did the Diet
#: pass …", 「2023年の何月に成立した？」): a year taken as given as well.
_PASSED_WITHIN = re.compile(
    r"\b(?:which|what) (?:month|day|date)\s+(?:in|of)\s+((?:19|20)\d{2})\b[^.?!]{0,80}?"
    r"\b(?:pass|passed|enact|enacted|adopt|adopted|promulgate|promulgated)\b"
    r"|\bwhen in ((?:19|20)\d{2})\b[^.?!]{0,80}?\b(?:pass|passed|enact|enacted|adopt|adopted|promulgate|promulgated)\b"
    rf"|({_YEAR_JA})年の?(?:何月|いつ(?:ごろ|頃)?|何日)[^。？?]{{0,20}}?(?:成立|可決|制定|公布)",
    re.I,
)
_PASSING_JA, _PASSING_EN, _PASSING_YEAR = _dated_by("成立|可決|制定|公布", "passed|enacted|promulgated", "[^。、]{0,14}?(?:に|で)")


def says_ending(text: str) -> bool:
    """Whether ``text`` says a scheme ended, was abolished or was followed by another (廃止,
    終了, 後継; "discontinued")."""
    return bool(_ENDS.search(text))


def says_launch(text: str) -> bool:
    """Whether ``text`` says something was set up, opened, founded or started (開設, 設立,
    開始; "launched")."""
    return bool(_LAUNCHED.search(text))


def says_merging(text: str) -> bool:
    """Whether ``text`` says something was merged into another (統合, 一本化; "folded into")."""
    return bool(_MERGED.search(text))


_LAUNCHED = re.compile(
    r"開設|設立|創設|立ち上げ|発足|開業|開始|始ま|スタート|導入|\b(?:launch|opened|set up|establish|founded|created|started|began|introduced)",
    re.I,
)
_MERGED = re.compile(r"統合|合流|一本化|編入|\b(?:merged|folded|consolidated|absorbed)\b", re.I)


#: What a when-question on an event asks it of: the noun before the event's verb in Japanese
#: (「知財金融ポータルサイトが開設されたのは」), the object or the subject of the English verb
#: ("launch the IP finance portal", "was IP BASE set up").
#: The verbs of a launch and of a merger (Japanese nouns, English base and past forms): one
#: list for what a when-question asks it of here and for the when-question patterns of
#: :mod:`assistant.answer.extractive`.
LAUNCH_JA = ("開設", "設立", "創設", "発足")
MERGE_JA = ("統合", "合流", "一本化", "編入")
LAUNCH_EN = ("launch", "set up", "open", "establish", "found", "create")
LAUNCHED_EN = ("launched", "set up", "opened", "established", "founded", "created")
MERGE_EN = ("fold", "merge", "consolidate", "combine")
MERGED_EN = ("folded", "merged", "consolidated", "combined")
_EVENT_VERBS_JA = "|".join((*LAUNCH_JA, "立ち上げ", "立ち上が", *MERGE_JA))
_EVENT_THING_JA = re.compile(rf"([一-龥ァ-ヶーA-Za-z0-9・]{{3,}})(?:が|は|って|を)[^。？?、]{{0,6}}?(?:{_EVENT_VERBS_JA})")
_EVENT_THING_EN = re.compile(
    rf"\b(?:{'|'.join(LAUNCH_EN + MERGE_EN)})\s+(?:the |its |their |a |an )?"
    r"([\w'’ -]{3,50}?)(?=\s+(?:into|in|on|at|for|by|with|under|and)\b|\s*[?.!,]|\s*$)"
    r"|\b(?:was|were)\s+(?:the |its |their )?([\w'’ -]{3,50}?)\s+"
    rf"(?:{'|'.join(LAUNCHED_EN + MERGED_EN)})\b",
    re.I,
)


def event_thing(question: str) -> str:
    """What a when-question on a launch or a merger asks it of (「知財金融ポータルサイト」, "IP
    finance portal"), or "" when it names nothing there ("when did it launch")."""
    m = _EVENT_THING_JA.search(question) or _EVENT_THING_EN.search(question)
    thing = next((g for g in m.groups() if g), "").strip() if m else ""
    return re.sub(r"^(?:first|initial|original|very first)\s+|^(?:最初の|初の)", "", thing, flags=re.I)  # which one, not what


def says_passing(text: str) -> bool:
    """Whether ``text`` says a law passed (成立, 制定, 公布; "enacted")."""
    return bool(_PASSING_JA.search(text) or _PASSING_EN.search(text))


def passed_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """The year a question takes as that of a law's passing (「事業性融資の法律って2023年の国会で
    成立したらしいけど」, "Given that the bill passed the Diet in 2023, …") when the passages on
    it date its passing or promulgation (成立, 公布) to other years only, as
    :func:`started_premise` does for 施行. Asking whether it passed then takes nothing as given."""
    return _dated_premise(
        question, texts, lexicon, (_PASSED_JA, _PASSED_EN, _PASSED_WITHIN), (_PASSING_JA, _PASSING_EN, _PASSING_YEAR)
    )


def _dated_premise(
    question: str,
    texts: list[str],
    lexicon: Lexicon,
    taken: tuple[re.Pattern, ...],
    said_by: tuple[re.Pattern, re.Pattern, re.Pattern],
) -> list[str]:
    """The years ``question`` takes as an event's (``taken``: its Japanese and English
    patterns, the year in the first group that matched) that no passage on what it names
    dates the event to (``said_by``: the event's words in Japanese and English, and its year
    right before them): :func:`_wrong_years` of a named instrument. Asking whether it holds
    takes nothing as given."""
    if _ASKS_PREMISE.search(question):
        return []
    # (the year in the first group that matched: a pattern of several ways has one each)
    said = [(next(g for g in m.groups() if g), m.group(0)) for pattern in taken for m in pattern.finditer(question)]
    names = instruments(question, lexicon) if said else []
    return _wrong_years(said, names, texts, *said_by) if names else []


#: A publication a question takes as given, with its year (「2016年に公表された経営者保証
#: ガイドラインって…」, "The FSA published the guidelines in 2016 - what did that version
#: change?"): said in passing before what it names, or in a clause before the one that asks.
_PUBLISHED_JA = _dated_event_ja("公表|発表|策定|公開|発行", "一-龥ァ-ヶー「")
_PUBLISHED_EN = re.compile(
    r"\b(?:published|released|issued|put out|brought out|came out)\b[^.?!]{0,60}?" + _IN_YEAR_EN
    + r"(?=\s*(?:[-–—,;:.]|\band\b)[^?]*\?)",
    re.I,
)
#: (a report's date, 「報告書は2023年2月10日付である」, is when it came out)
_PUBLISHING_JA, _PUBLISHING_EN, _PUBLISHING_YEAR = _dated_by(
    "公表|発表|策定|公開|発行",
    "published|released|issued|dated",
    "[^。、]{0,14}?(?:に|、)?",
    also=rf"|{_YEAR_JA}年\d{{1,2}}月\d{{1,2}}日付",
    marks="日付",
)


#: A scheme's introduction a question takes as given, with its year: in passing before what it
#: names (「2009年に導入された責任共有制度」), as the reason for what it asks, or with its year
#: after it (「責任共有制度が導入された2009年より前は」, "since the scheme was introduced in 2009, …").
_INTRODUCED_JA = _dated_event_ja("導入|創設")
_INTRODUCED_AFTER_JA = re.compile(rf"(?:導入|創設)(?:さ|し)れ?た({_YEAR_JA})年")
_INTRODUCED_EN = re.compile(
    r"\b(?:since|now that|given that|because|as|after|once|before)\b[^.?!]{0,60}?\b(?:was|were|got|been) introduced\b[^.?!]{0,20}?" + _IN_YEAR_EN,
    re.I,
)
_INTRODUCING_JA, _INTRODUCING_EN, _INTRODUCING_YEAR = _dated_by("導入|創設", "introduced|created", "[^。]{0,20}?")


#: A revision a question names by its year (「2016年の改定で…」, "the 2016 revision", "amended in
#: 2016"): taken as given.
_REVISED_TAKEN = re.compile(
    rf"({_YEAR_JA})年(?:\d{{1,2}}月)?の(?:改定|改正|改訂)"
    r"|\bthe ((?:19|20)\d{2}) (?:revision|amendment)s?\b|\b(?:revised|amended) in ((?:19|20)\d{2})\b",
    re.I,
)
_REVISING_JA, _REVISING_EN, _REVISING_YEAR = _dated_by("改定|改正|改訂", "revised|amended|revision|amendment", "[^。、]{0,20}?")


def revised_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """The year a question gives a revision of a scheme (「その2016年改定で…」) when the passages
    on it date its revisions to other years only (2022年6月の改定), as :func:`passed_premise`
    does for a law's passing."""
    return _dated_premise(question, texts, lexicon, (_REVISED_TAKEN,), (_REVISING_JA, _REVISING_EN, _REVISING_YEAR))


#: A chair a question states in passing ("Professor Noriyuki Kagaya chaired the … working
#: group", 「一橋大学の加賀谷教授が座長を務めた…WG」): the name, surname last.
_CHAIR_TAKEN = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)+) (?:chaired|headed|presided over)\b"
    r"|([一-龥]{2,4}?)(?:教授|先生|氏|さん)?が座長を務めた(?=[一-龥ァ-ヶー「])"
)
#: A sentence naming a body's chair.
_SAYS_CHAIR = re.compile(r"座長|\bchair(?:ed|man|woman|person)?\b", re.I)


def chair_premise(question: str, texts: list[str]) -> list[str]:
    """The person a question states chaired a body when the passages name its chair and never
    that person (``texts``: the passages with their English renderings): the question rests on
    the wrong chair (神田秀樹氏, not 加賀谷教授). Asking whether they did takes nothing as
    given."""
    if _ASKS_PREMISE.search(question):
        return []
    out = []
    for m in _CHAIR_TAKEN.finditer(question):
        name = re.sub(r"^(?:Professor|Prof|Dr|Mr|Ms|Mrs) ", "", next(g for g in m.groups() if g))
        key = name.split()[-1].lower()
        chairs = [s for text in texts for s in _SENTENCE_END.split(text) if _SAYS_CHAIR.search(s)]
        if chairs and not any(key in text.lower() for text in texts):
            out.append(name)
    return out


def introduced_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """The year a question takes as that of a scheme's introduction (「責任共有制度が導入された
    2009年より前は」) when the passages on it date its introduction (導入, 創設) to other years
    only, as :func:`passed_premise` does for a law's passing."""
    return _dated_premise(
        question,
        texts,
        lexicon,
        (_INTRODUCED_JA, _INTRODUCED_AFTER_JA, _INTRODUCED_EN),
        (_INTRODUCING_JA, _INTRODUCING_EN, _INTRODUCING_YEAR),
    )


def published_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """The year a question takes as that of a document's publication when the passages on it
    date its publication (公表, "published") to other years only, as :func:`passed_premise`
    does for a law's passing. Asking whether it came out then takes nothing as given."""
    return _dated_premise(
        question, texts, lexicon, (_PUBLISHED_JA, _PUBLISHED_EN), (_PUBLISHING_JA, _PUBLISHING_EN, _PUBLISHING_YEAR)
    )


#: Whether a document or scheme has been revised since (「その後改訂された？」「改正あった？」,
#: "Has the FSA revised its basic approach since it was published?", "Any amendments this
#: year?").
_REVISED_ASKED = re.compile(
    r"(?:改訂|改正|改定|見直し|更新)(?:され|し|が?あ|はあ)(?:た|て|っ|り)[ぁ-んー]{0,8}?(?:の|か|[？?])"
    r"|(?:改訂|改正|改定|新)版(?:が|は|って|も)?(?:出|で|公表|発表|公開)(?:た|まし|て|され)"
    # (「施行後に改訂や追補がありましたか」)
    r"|(?:改訂|改正|改定|追補|補正)(?:や|と|・|、|か)(?:改訂|改正|改定|追補|補正|見直し|更新)(?:が|は)?(?:あり|あっ|され)"
    # ("Was China's GB/T 42748-2023 standard revised or replaced in 2025?")
    r"|^\W*(?:was|were|has|have|had)\b[^?.]{0,80}?\b(?:been )?(?:revised|amended|updated|replaced|superseded)\b"
    r"|\b(?:revised|amended|updated)\b[^?.]{0,60}?\bsince\b|\bsince\b[^?.]{0,60}?\b(?:revised|amended|updated)\b"
    r"|\bany (?:amendments|revisions|updates|changes)\b|\b(?:has|have) there been (?:any )?(?:amendments|revisions)\b",
    re.I | re.M,
)
#: The year a revision is asked after ("since the 2022 change", 「2022年の改訂以降」).
#: (a month before the year: "since the June 2022 revision")
_SINCE_YEAR = re.compile(
    r"\bsince (?:the |its |that )?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? )?(?:19|20)\d{2}\b"
    r"|(?:19|20)\d{2}年[^。？?]{0,8}?(?:以降|以来|のあと|の後|から)",
    re.I,
)
#: A sentence saying a text was revised or followed by a new version.
_REVISES = re.compile(
    # (a new edition, not any 版: 確定版 is the final text of the one paper)
    r"改訂|改正|改定|見直|更新|後継|(?:新|第[0-9０-９一二三四五]+)版|[Vv]er\.?\s?\d|\b(?:revis|amend|updat|successor|new version|version \d)",
    re.I,
)


def asks_revision(text: str) -> bool:
    """Whether ``text`` asks whether something was revised since (「その後改訂された？」)."""
    return bool(_REVISED_ASKED.search(text))


def says_revision(text: str, since: int | None = None) -> bool:
    """Whether ``text`` speaks of a revision, an amendment or a new version (dated after
    ``since``, when given)."""
    return bool(_REVISES.search(text)) and (since is None or any(int(y) > since for y in stated_years(text)))


def revision_since(text: str) -> int | None:
    """The year a revision is asked after ("since the 2022 change" → 2022), if any."""
    years = [int(y) for y in stated_years(" ".join(m.group(0) for m in _SINCE_YEAR.finditer(text)))]
    return max(years) if years else None


def revision_unsaid(question: str, texts: list[str], lexicon: Lexicon, headings: list[str] | None = None) -> list[str]:
    """What a question asks whether it was revised or amended since (「その後改訂された？」,
    "Has the FSA revised its basic approach since it was published? Any amendments this
    year?") when no passage naming it speaks of a revision, an amendment or a new version:
    the documents cannot tell, and the date it was published is no answer."""
    if not _REVISED_ASKED.search(question):
        return []
    named = [*instruments(question, lexicon), *_TITLES.findall(asking_sentences(question))]
    # (a title is no sentence's opening word: "Was China's …" names China's, no "Was China")
    named = [re.sub(r"^(?:Was|Were|Has|Have|Had|Is|Are|Did|Does|Do)\s+", "", n) for n in named]
    named = [n for n in named if n and n.lower() not in {"has", "any", "the"}]
    # (a passage under a heading naming it names it: 「2022年6月の改定により…」 under
    # 経営者保証に関するガイドライン; ``headings`` stand for the first passages, in order)
    heads = (headings or []) + [""] * (len(texts) - len(headings or []))
    naming = [text for text, head in zip(texts, heads, strict=True) if any(name in f"{head} {text}" for name in named)] if named else texts
    revising = [s for text in naming for s in _SENTENCE_END.split(text) if _REVISES.search(s)]
    # ("has it been revised again since the 2022 change?": a revision after 2022)
    since = [int(y) for y in stated_years(" ".join(m.group(0) for m in _SINCE_YEAR.finditer(question)))]
    if since:
        revising = [s for s in revising if any(int(y) > max(since) for y in stated_years(s))]
    if not naming or revising:
        return []
    return list(dict.fromkeys(named))[:1] or ["—"]


#: A question asking whether a proposal was put into practice ("has the government actually
#: started doing proposal II?", 「その提言って実現したの？」).
_IMPLEMENTED_ASKED = re.compile(
    r"\b(?:has|have|had|did|was|were|is|are)\b[^?]{0,60}?\b(?:actually |already |ever |yet )?"
    r"(?:start(?:ed)? (?:doing|implementing|to implement|on)|implement(?:ed|ing)?|adopt(?:ed)?|act(?:ed)? on|"
    r"put (?:\w+ )?in(?:to)? (?:place|practice|effect)|taken up|took up|introduced|carried out)\b"
    r"|(?:実現|実施|導入|採用|実行|具体化)(?:され|し)(?:た|て)",
    re.I,
)
#: What a proposal is called (Proposal II, 「提言」, 「提案」).
_PROPOSAL = re.compile(r"\bproposals?\b|\brecommendations?\b|提言|提案", re.I)
#: Words of a sentence that states a proposal rather than what became of it.
_PROPOSES = re.compile(r"求め|べき|とする案|\b(?:calls? for|is to|are to|should|propos\w*|recommend\w*|suggest\w*)\b", re.I)
#: A sentence saying something was put into practice.
_IMPLEMENTS = re.compile(
    r"実現し|実施され|導入され|採用され|実行され|具体化され|始まっ|開始され|創設され"
    r"|\b(?:implemented|adopted|introduced|launched|put in place|carried out|began|started)\b",
    re.I,
)


def implemented_unsaid(question: str, texts: list[str]) -> list[str]:
    """The proposal a question asks whether it was put into practice ("has the government
    actually started doing proposal II?") when no passage naming a proposal says anything was:
    the documents state the proposal, which is no answer on what became of it."""
    asked = asking_sentences(question) or question
    if not (_IMPLEMENTED_ASKED.search(asked) and (proposal := _PROPOSAL.search(asked))):
        return []
    proposing = [text for text in texts if _PROPOSAL.search(text) or "仮説" in text]
    # (a sentence stating the proposal, "Proposal I is to put in place …", says what it asks for)
    done = [
        s
        for text in proposing
        for s in _SENTENCE_END.split(text)
        if _IMPLEMENTS.search(s) and not _PROPOSAL.search(s) and not _PROPOSES.search(s)
    ]
    if not proposing or done:
        return []
    return [proposal.group(0)]


#: Public bodies a question may take as doing something, by the ways users write them. A
#: licence the Act gives the Prime Minister (内閣総理大臣) is exercised by the FSA (delegated
#: to its Commissioner), so either names it.
_BODIES: dict[str, tuple[str, ...]] = {
    "特許庁": ("特許庁", "JPO", "Japan Patent Office", "patent office"),
    "経済産業省": ("経済産業省", "経産省", "METI", "Ministry of Economy, Trade and Industry"),
    "金融庁": ("金融庁", "FSA", "Financial Services Agency", "内閣総理大臣", "Prime Minister"),
    "法務省": ("法務省", "Ministry of Justice"),
    "厚生労働省": ("厚生労働省", "厚労省", "MHLW", "labour ministry", "Ministry of Health, Labour and Welfare"),
    "中小企業庁": ("中小企業庁", "SME Agency"),
}
#: What a body may be taken as doing: licensing (免許, "licenses") or overseeing (所管, "oversees").
_BODY_ACTS = (
    re.compile(r"免許|許可|認可|\blicen[cs]|\bauthori[sz]", re.I),
    re.compile(r"所管|監督|\boversee|\boverseen|\bsupervis|\bregulat", re.I),
)
#: A body the question sets aside ("not the FSA", 「金融庁じゃなくて」).
_NOT_BODY = re.compile(r"\bnot (?:the )?$|^\s*(?:じゃなく|ではなく|でなく)")


def body_premise(question: str, texts: list[str]) -> list[str]:
    """The body a question takes as licensing or overseeing something (「信託会社の免許って特許庁が
    出してるんだよね？」, "The charge is overseen by METI, not the FSA, right? Which METI bureau
    licenses the trust companies?") when the passages saying who licenses or oversees it never
    name that body: the question rests on the wrong body."""
    if not _PREMISE.search(question):
        return []
    claimed: list[str] = []
    for name, aliases in _BODIES.items():
        for alias in aliases:
            for m in re.finditer(rf"(?<![A-Za-z]){re.escape(alias)}(?![A-Za-z])", question, re.I if alias.isascii() else 0):
                if not _NOT_BODY.search(question[max(0, m.start() - 8) : m.start()]) and not _NOT_BODY.search(question[m.end() : m.end() + 6]):
                    claimed.append((name, m.group(0)))
    if not claimed:
        return []
    sentences = [s for text in texts for s in _SENTENCE_END.split(text) if s.strip()]
    for act in _BODY_ACTS:
        if not act.search(question):
            continue
        acting = [s for s in sentences if act.search(s)]
        if not acting:
            continue
        wrong = [said for name, said in claimed if not any(re.search(re.escape(a), s, re.I) for a in _BODIES[name] for s in acting)]
        if wrong:
            return list(dict.fromkeys(wrong))[:1]
    return []


def later_years(question: str, texts: list[str]) -> list[str]:
    """The years a question names (2028年, 令和10年, 来年, "next year") that are later than
    every year the passages state: what the documents cannot yet know (whether a subsidy
    grows next year) no quote answers. Years the passages reach, and any when they state no
    year at all, are left to the other checks."""
    # (a year in a remark beside the question, 「取引先の社長が来年からって言ってたけど」, is hearsay
    # the answer's date corrects, not what is asked)
    question = _OWN_FOUNDING.sub(" ", asking_sentences(question))
    asked = years_in(question) | stated_years(question)
    if not asked or _OWN_PLAN.search(question):
        return []  # 「2027年に事業承継を考えていますが…」: the asker's own plan, not what is asked
    own = _OWN_CASE.search(question)
    if own and not _STARTS.search(own.group(0)):
        return []  # 「来年おやじの会社つぐんですが…」: the asker's own case
    known = stated_years(" ".join(texts))
    if not known:
        return []
    latest = max(int(y) for y in known)
    return [y for y in sorted(asked) if int(y) > latest]


#: An end a question takes as given: as the reason for what it asks (「…って2020年に廃止された
#: んでしょ？」, "Since X was abolished in 2020, …") or as what a why-question asks about ("Why
#: did WIPO shut down its dialogue?", 「なんで廃止されたの？」). Group 1 is the clause before
#: the verb, which must name the scheme. (「施行延期なったん？」: に dropped, as typed)
_ENDED_JA = re.compile(
    r"([^、。？?！!]{0,40}?)(?:廃止|終了|撤廃|打ち切|なくな|無くな|取りやめ|取り止め|中止|延期|先送り|凍結)(?:され|し|っ|に(?:な|なっ)|なっ)?(?:た|て|ちゃった)"
    rf"(?:[^、。？?]{{0,6}}?(?:んでしょ(?!う)|でしょ(?!う)|{_AS_GIVEN_JA}|んだよね)"
    r"|の(?:は|って)(?:なぜ|なんで|どうして)|のか|の[?？]|ん[?？]|んですか|理由|背景|経緯)"
)
#: A scheme's English title as documents write it ("IP Finance Dialogue").
_TITLES = re.compile(r"\b(?:[A-Z][A-Za-z]*\s+){1,5}[A-Z][a-z]+\b")
_WHY_JA = re.compile(r"(?:なぜ|なんで|どうして)")
_ENDED_EN = re.compile(
    r"\b(?:since|now that|given that|because|after|as)\b([^.?!]{0,80}?)\b(?:was|were|has been|have been|got|had been)\s+"
    r"(?:abolished|scrapped|repealed|discontinued|terminated|withdrawn|shut down|closed down|ended|cancel+ed|phased out|dropped|postponed|delayed|suspended|frozen)\b"
    r"|\bwhy (?:did|has|have|had|was|were|would|do|does)\b([^?]{0,80}?)\b(?:abolish|scrap|repeal|discontinu|terminat|withdr[ae]w|"
    r"shut (?:it )?down|clos(?:e|ed) (?:it )?down|end(?:ed)?|cancel|phas(?:e|ed) (?:it )?out|drop(?:ped)?|stop(?:ped)?|postpon|delay|suspend|freez|froze)\w*",
    re.I,
)
#: Words after a scheme's name saying it went on (「評価書に加えて」, 「…も引き続き」).
_KEPT_AFTER = r"(?:に加えて|とあわせて|と併せて|とともに|も引き続き|を引き継)"
_KEPT_BESIDE_EN = re.compile(r"\b(?:alongside|in addition to|as well as)\b[^.;]{0,40}", re.I)
#: A sentence saying a scheme ended or was followed by another (後継, "successor").
_ENDS = re.compile(
    r"廃止|終了|撤廃|打ち切|終わ|取りやめ|中止|後継|限った|延期|先送り|凍結|"
    r"\b(?:abolish|ended|repeal|discontinu|terminat|successor|replaced|wound down|closed|postpone|delay|suspend)",
    re.I,
)


#: What was shut down, after the verb: its words up to a preposition of time or place, a
#: clause or the question's end ("the fast green channel" of "… shut down the fast green
#: channel for patent pledges in 2023, …").
_OBJECT_END = re.compile(r"[?,.;!]|\s(?:in|on|at|for|from|after|before|during|since|when|and|or|so|because|as)\s", re.I)


def _ended_object(tail: str) -> str:
    """The words naming what a why-question says was ended (``tail``: what follows its verb),
    without articles and pronouns; empty for a pronoun alone ("why did they drop it?")."""
    cut = _OBJECT_END.search(f"{tail} ")
    words = [w for w in re.findall(r"[a-z][a-z-]{2,}", tail[: cut.start() if cut else len(tail)].lower()) if w not in _EN_FUNCTION]
    words = [w for w in words if w not in {"it", "them", "his", "her", "our", "your"}]  # (its, their: function words)
    return " ".join(words[:4])


def ended_premise(question: str, texts: list[str], lexicon: Lexicon) -> list[str]:
    """The scheme a question takes as abolished or ended (「経営者保証のガイドラインって2020年に
    廃止されたんでしょ？」, "Why did WIPO shut down its IP Finance Dialogue?", "Since the
    guidelines were scrapped, …") when no passage naming it says it ended, was abolished or
    was followed by a successor: the question rests on what the documents never say. The
    clause before the verb must name the scheme (:func:`assistant.answer.question.instruments`),
    so 「返済が終わったので…」 takes no scheme as ended. Asking whether it ended
    (「廃止されたって本当？」, 「もう終わったの？」 with no why) takes nothing as given."""
    if _ASKS_PREMISE.search(question):
        return []
    clauses: list[str] = []
    for m in _ENDED_JA.finditer(question):
        tail = m.group(0)[len(m.group(1)) :]
        if re.search(r"の(?:か|[?？])|ん[?？]|んですか", tail) and not _WHY_JA.search(question[: m.end() + 12]):
            continue  # 「廃止されたの？」 asks whether it ended
        clause = m.group(1)
        before = re.split(r"[。？?！!]", question[: m.start(1)])[-1]
        if before.endswith(("は、", "は,", "って、")):
            # (「…ガイドラインは、企業価値担保権の施行に合わせて廃止された」: the topic ended, not
            # the scheme whose start dates it)
            clause = before + clause
        if _WHY_JA.fullmatch(clause.strip(" 、,")):
            # (「企業価値担保権って…予定やったのに、なんで延期になったん？」: what ended is named
            # in the clause before the why)
            clause = re.split(r"[。？?！!]", question[: m.start(1)])[-1]
        clauses.append(clause)
    objects: list[str] = []
    for m in _ENDED_EN.finditer(question):
        clauses.append(m.group(1) if m.group(1) is not None else question)  # why: what follows the verb too
        if m.group(1) is None and (thing := _ended_object(question[m.end() :])):
            objects.append(thing)
    named = [name for clause in clauses for name in (*instruments(clause, lexicon), *_TITLES.findall(clause))]
    # ("why did china shut down the fast green channel …": a thing the glossary does not
    # name is named by the words of what was shut down, more than half of them in a passage)
    if not named and objects:
        thing = objects[0]
        words = thing.lower().split()
        naming = [text for text in texts if sum(w not in text.lower() for w in words) <= (len(words) - 1) // 2]
        named = [thing]
    else:
        naming = [text for text in texts if any(name in text for name in named)]
    if not naming:
        return []
    # (a sentence saying it went on beside a successor, 「後継…が新設され、評価書に加えて…」,
    # says it did not end)
    # (its name may be written short: 評価書 of 知財ビジネス評価書; in an English rendering, the
    # words of what the question says ended: "alongside the evaluation report")
    shorts = {n[-3:] if len(n) > 3 and not n.isascii() else n for n in named}
    kept_ja = re.compile("|".join(re.escape(n) + _KEPT_AFTER for n in sorted(shorts))) if shorts else None
    asked_words = {w for w in re.findall(r"[a-z]{5,}", " ".join(objects or clauses).lower())}

    def kept(sentence: str) -> bool:
        if kept_ja and kept_ja.search(sentence):
            return True
        beside = _KEPT_BESIDE_EN.search(sentence)
        return bool(beside) and any(w.rstrip("s") in beside.group(0).lower() for w in asked_words)

    ending = [s for text in naming for s in _SENTENCE_END.split(text) if _ENDS.search(s) and not kept(s)]
    # (a year said for the end must be one a sentence on its end states: "abolished in 2016"
    # is not the successor of 2019)
    years = years_in(question) | stated_years(question)
    if ending and (not years or years & stated_years(" ".join(ending))):
        return []
    # (the first named: the topic before the one that dates the end)
    return sorted(dict.fromkeys(named), key=lambda n: min((c.find(n) for c in clauses if n in c), default=len(question)))[:1]
