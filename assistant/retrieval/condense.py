"""Conversation state and heuristic follow-up condensation.

A follow-up is searched as a standalone question built from the earlier user turns:

* a pronoun or a demonstrative takes the earlier topic: 「それはいつから使えますか？」 after
  「企業価値担保権とは何ですか？」 → 「企業価値担保権はいつから使えますか？」; 「その評価書って
  中身は？」, 「その場合は？」 are asked about the earlier topic;
* a question that only names another place asks the earlier question about that place:
  「中国だと？」, 「じゃあアメリカは？」, "What about China?";
* a short question with no subject of its own (「いつから？」「手数料は？」) carries the topic;
* English: "it/this/that" becomes the earlier topic's domain phrase when it has one
  ("the enterprise value charge"), else the earlier question is added in parentheses.

An LLM condenser replaces this where one is configured (it falls back to this one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import detect_lang, key_terms, normalize, noun_phrases, tokenize

_JA_ANAPHOR = re.compile(
    r"^(?:それ|これ|あれ|その制度|この制度|同制度|同法|この法律|その法律|そちら|こちら)(?=は|って|の|を|に|が|で|も|、)"
)
#: A demonstrative with a noun (その評価書, この担保, その場合, 同法) anywhere in the question.
#: Bank Japanese writes 当該 and 上記 (「当該報告書では…」, 「上記の制度」) for その.
_JA_DEMONSTRATIVE = re.compile(r"(?:それ|これ|あれ|その|この|あの|当該|上記|同(?=法|制度|事業|報告|基金|標準|規格|指針|ガイドライン|プログラム|会議|会合|研究会|WG|ワーキング|機関|協会|庁|省|社|行|年|時期))")
#: (Kansai and spoken openers too: 「ほな実際どのくらいの割合なん」「そしたら…」; and a
#: correction of what was just asked, 「いや、2022年の方やねん」「ちゃうちゃう、中国の方」)
_JA_ELLIPTIC = re.compile(
    r"^(?:では|じゃあ|じゃ|それでは|なら|ちなみに|また|あと|で、|だったら|じゃあさ|ほな|ほんなら|そんなら|ほんじゃ|そしたら"
    r"|いや(?:いや)?、|いえ、|違う、|違います、|ちゃう(?:ちゃう)?、|そうじゃなくて|そうではなく)"
)
#: The earlier answer's rule asked of another case by "so" (「創業の時の保証でもそうなるん？」,
#: 「個人事業主も同じなん？」).
_JA_SO = re.compile(r"(?:でも|も)、?(?:そう|同じ|おなじ)(?:なる|なん|なの|なり|です|でしょ|やろ|だ|か|[？?])")
#: A part of the earlier answer's whole asked for its figure (「うち金融機関職員は何名でしたか。」;
#: not the asker's 「うち」, 「うち個人事業主なんだけど」).
_JA_PART_OF = re.compile(r"^うち、?[一-龥ァ-ヶー]{2,}(?:の[一-龥ァ-ヶー]+)?(?:は|が|って)[^。？?]{0,8}?(?:何|いくつ|いくら|どの|どれ|どん)")
#: The earlier figure counted another way (「案件ベースでは何件…？」, 「金額ベースだと？」).
_JA_BASIS = re.compile(r"^(?:では|じゃあ|で)?、?[一-龥ァ-ヶー]{1,6}ベース(?:では|だと|で見ると|でみると|なら|で)")
#: Where one Japanese question ends and the next begins (after ？ or ！).
_JA_SENTENCE = re.compile(r"(?<=[?？!！])")
#: An occasion of the earlier topic named by its number alone (「9回目のときってどうだった？」,
#: 「第2回は？」): the auction or meeting asked about before.
_JA_OCCASION = re.compile(r"^(?:第\s*\d+\s*回目?|\d+\s*回目)(?:の(?:とき|時|会|回|分))?(?:って|は|では|で|に|の|、)")
#: "it", "they" …, "one" standing for a thing named before ("received one so far?",
#: "Does China have one?"), not the number ("one of the banks", "one year"), and "there" for
#: a place named before ("… as collateral there?"), not the existential "Is there …".
_EN_THING = r"it|its|this|that|they|them|these|those|one(?=\s*(?:[?!.,]|$|so far|yet|too|as well|now|already|before))"
#: "that year" in a follow-up, and a year an earlier question names.
_EN_THAT_YEAR = re.compile(r"\b(?:in )?(?:that|the same) year\b", re.I)
_EN_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_EN_PRONOUN = re.compile(rf"\b({_EN_THING})\b", re.I)
_EN_ANAPHOR = re.compile(rf"\b({_EN_THING}|(?<!is )(?<!are )(?<!was )(?<!were )there(?=\s*(?:then\s*)?(?:[?!.,]|$)))\b", re.I)
#: "the first one", "that one": a thing of the kind named before ("who arranged the first
#: one?" after a question on IP-loan insurance), not "one of the banks".
_EN_THAT_ONE = re.compile(
    r"\b(?:the (?:first|second|third|last|latest|earliest|same|new|next|\d+(?:st|nd|rd|th))|that|this) one\b(?!\s+of\b)"
    # (or by a word for any deal: "who led the underwriting on the first deal?")
    r"|\bthe (?:first|second|third|last|latest|earliest) (?:deal|transaction|case|policy|contract)\b(?!\s+of\b)"
    # (…or for one of the things just listed: "Tell me more about the second proposal.")
    r"|\bthe (?:first|second|third|fourth|last) (?:proposal|point|pillar|issue|item|method|option|step|risk|reason|hypothesis)\b(?!\s+of\b)",
    re.I,
)
#: ("same deal for registered copyrights?", "same goes for trademarks?": the earlier question of another thing)
_EN_ELLIPTIC = re.compile(
    r"^(?:and|what about|how about|and what about|then|so|(?:is it |and )?(?:the )?same (?:deal|thing|rule|story|goes|applies|here)(?: for| with)?)\b"
    # ("same split for founder loans …?": the earlier figure asked of another thing)
    r"|^(?:is it |and )?(?:the )?same [a-z-]+ (?:for|with|in)\b"
    # ("ok how do i apply and do we have to pay anything": said back to the answer just read)
    r"|^(?:ok(?:ay)?|alright|right)\b(?!\s*\?)"
    # ("no, I meant the US one", "sorry, I meant …": a correction of what was just asked)
    r"|^(?:no|nope|sorry|wait|no wait|actually)\b[,.!]?\s*(?:i meant|i mean|i was asking|what i meant)\b",
    re.I,
)
#: A time named by the one asked before ("How many … were out by then?").
_EN_THEN = re.compile(r"\b(?:by|until|till|since|before|after) then\b|\bat (?:that|the same) (?:time|point)\b", re.I)
_TOPIC_PHRASES = 2
_SHORT = 20  # characters: a question this short with at most one key term is a follow-up
_SHORT_BARE = 12  # …or with two, when it is only nouns and a topic particle (「銀行の負担は？」)
#: An earlier English question this short is its domain phrase ("What is X?"): the pronoun
#: becomes the phrase; a longer one is kept whole, in parentheses, as the follow-up's context.
_EN_SHORT_PREVIOUS = 8


#: A glossary term naming a scheme or a document (評価書, 企業価値担保権), not a body (特許庁,
#: 信用保証協会: who, not what about): with kanji, at least three characters.
_SCHEME = re.compile(r"^(?=.*[一-龥]).{3,}(?<!庁)(?<!省)(?<!局)(?<!府)(?<!機構)(?<!協会)(?<!会社)(?<!銀行)(?<!金庫)$")
#: What follows the thing a question asks about (「Xってなに」「Xとは」「Xはどういう…」).
_NAMED_SCHEME = 5  # characters: a scheme's own name (責任共有制度), not a kind of document (報告書)
_ASKED_ABOUT = r"(?:って|とは|ってさ|について|は(?:どう|何|なに|なん|いつ|どんな|どういう))"
#: 「座長はどなたでしたか」: the holder of a role asked (not 「…は誰が使えますか」, who uses it).
_WHO_ASKED = r"(?:は|って)[、,]?\s*(?:誰|だれ|どなた)(?:です|でし|だっ|なの|なん|[？?]|$)"
#: Who told the asker (「…って税理士にいわれた」「銀行の人から聞いた」): no topic.
_TOLD_BY = r"(?:さん|の方|の人)?(?:に|から)(?:いわれ|言われ|聞い|きい|教わ|教えて|勧め|すすめ)"
#: A Japanese turn's sentences, and one that asks (ends in a question mark).
_JA_SENTENCES = re.compile(r"(?<=[。？?！!])")
_ENDS_ASKING = re.compile(r"[？?]\s*$")
#: A phrase the question is about: before って/とは, a condensed topic's について, みたいな, or
#: what was made (「…制度できたって」).
_HEAD_OF = r"(?:って|とは|について、|みたいな|っていう|的な|(?:が)?(?:でき|出来)(?:た|る)(?:って|の|ん))"
_ASKING = re.compile(r"^(?:何|なに|いくつ|いくら|どの|どれ|どこ|誰|だれ)")


def _topic(previous: str, idf: Callable[[str], float] | None, lexicon: Lexicon | None = None) -> str:
    if detect_lang(previous) == "en":
        # (a Japanese follow-up to an English question, 「なんで国はこんな制度つくったん？」 after
        # "What is the enterprise value charge?", carries its topic in the documents' Japanese:
        # the glossary's terms of several words or an acronym, 企業価値担保権, 金融庁)
        if lexicon is not None:
            phrases, _ = lexicon.english_matches(previous)
            named = [p for p in phrases if " " in p or re.search(rf"\b{re.escape(p.upper())}\b", previous)]
            japanese = [ja[0] for p in named if (ja := lexicon.glossary.get(p))]
            if japanese:
                return "・".join(dict.fromkeys(japanese[:_TOPIC_PHRASES]))
        words = [w for w in key_terms(previous) if w.isascii()]
        return " ".join(words[:4])
    # A question word is what was asked, not what it was about (何日, 何件採択), and so is the
    # kind of answer asked for (公表日 of 「…ガイドラインの公表日を教えて」).
    # (what the earlier turn said of the asker beside its question, 「土地もなんも持ってへんのやけど」,
    # is no topic)
    # (a fragment saying what was meant, 「IPASってなに？スタートアップ向けのやつ」, stays)
    sentences = [s for s in _JA_SENTENCES.split(previous) if s.strip()]
    kept = [s for s in sentences if _ENDS_ASKING.search(s) or not any(t.pos == "動詞" for t in tokenize(s))]
    if any(_ENDS_ASKING.search(s) for s in kept) and len(kept) < len(sentences):
        previous = "".join(kept)
    written = _dotted_terms(noun_phrases(previous), previous, lexicon)
    # (nor a na-adjective said of how, 「在庫とか機械って自由に売れんくなるん？」: 自由 is no topic)
    written = [p for p in written if not _adverbial(p, previous)]
    phrases = [p for p in written if not _ASKING.match(p) and p not in _ASKED_KIND]
    # (…and so is a role whose holder was asked, 座長 of 「…ワーキング・グループ、座長はどなたでしたか」)
    phrases = [p for p in phrases if not re.search(re.escape(p) + _WHO_ASKED, previous)]
    # (…and so is who told the asker, 税理士 of 「…があるって税理士にいわれた」)
    phrases = [p for p in phrases if not re.search(re.escape(p) + _TOLD_BY, previous)]
    if not phrases:
        return ""
    if idf is not None:
        phrases = sorted(phrases, key=lambda p: -sum(idf(t) for t in key_terms(p)))
    top = phrases[:_TOPIC_PHRASES]
    if lexicon is not None:
        # The scheme the earlier question named is part of its topic, whatever rarer words
        # the asker's own case used (「部品メーカーです。知財ビジネス評価書って…だいたいいくら位？」).
        schemes = [p for p in phrases if any(t in p and _SCHEME.search(t) and not lexicon.place(t) for t in lexicon.glossary_terms)]
        # …and, when the question asks about it (「…知財金融促進事業ってなに？」), it is the topic:
        # the asker's other words described it or their case (「銀行向けにやってた」, 「信用保証協会の」).
        # A body named with a scheme's word (信用保証協会) is who runs it, not the scheme.
        # (「企業価値担保権で借りて…雇用とかどうなるの？厚労省のルールあるって」 asks about the rule)
        # (a scheme named in full, 責任共有制度: a generic document, 報告書, needs whose it is)
        asked = [
            p
            for p in dict.fromkeys(schemes)
            if len(p) >= _NAMED_SCHEME and _SCHEME.search(p) and re.search(re.escape(p) + _ASKED_ABOUT, previous)
        ]
        if asked:
            top = asked[:_TOPIC_PHRASES]
        elif schemes and not set(schemes) & set(top):
            top = [*top[: _TOPIC_PHRASES - 1], schemes[0]]
        else:
            # The thing the question asked about (「…借りれるようにするガイドラインって、いつから
            # …？」) stays in the topic, however common its word: それ is that guideline.
            # (or described as like one: 「…ためのルールみたいなのがある」)
            head = next((p for p in phrases if re.search(re.escape(p) + _HEAD_OF, previous)), "")
            if head and head not in top and not lexicon.place(head):
                top = [*top, head]
    ordered = [p for p in written if p in top]
    return "・".join(dict.fromkeys(ordered))


def _adverbial(phrase: str, text: str) -> bool:
    """Whether ``phrase`` is one na-adjective noun written in ``text`` as how something is
    done or what kind it is (自由に, 必要な), not as a thing."""
    tokens = tokenize(phrase)
    return (
        len(tokens) == 1
        and tokens[0].pos3 == "形状詞可能"
        and re.search(re.escape(phrase) + r"(?:に|な)", text) is not None
    )


def _dotted_terms(phrases: list[str], text: str, lexicon: Lexicon | None) -> list[str]:
    """``phrases`` with two written with a middle dot between them joined when together they
    are a glossary term (ワーキング + グループ → ワーキング・グループ); a list (証券化・取引所)
    stays apart."""
    if lexicon is None:
        return phrases
    terms = set(lexicon.glossary_terms)
    out: list[str] = []
    for p in phrases:
        joined = f"{out[-1]}・{p}" if out else ""
        if joined and joined in text and joined in terms:
            out[-1] = joined
        else:
            out.append(p)
    return out


def _places(text: str, lexicon: Lexicon) -> list[str]:
    """Place names written in ``text`` (Japanese names, and English ones via the glossary)."""
    found = [p.name for p in lexicon.places if p.name in text]
    if detect_lang(text) == "en":
        found += [ja for ja in lexicon.expand_english(text) if lexicon.place(ja) and ja not in found]
    return found


#: Words that end a noun phrase ("the guidelines *for* SMEs", "the report *is* …").
_EN_PHRASE_END = re.compile(
    r"^(?:of|for|in|on|at|to|by|with|under|from|and|or|but|that|which|who|is|are|was|were|be|been|do|does|did|"
    r"can|could|will|would|should|may|might|must|has|have|had|offer|offers|mean|means|work|works|apply|applies)$",
    re.I,
)


def _english_phrase(text: str, lexicon: Lexicon) -> str:
    """The longest multi-word domain phrase of an English question ("enterprise value
    charge"), with the nouns that follow it in the question ("personal guarantee" →
    "personal guarantee guidelines": "they" stands for the guidelines, not the guarantee)."""
    phrase = next((p for p in lexicon.english_matches(text)[0] if " " in p), "")
    if not phrase:
        return ""
    m = re.search(r"\b" + r"[\s-]+".join(map(re.escape, phrase.split())) + r"\b", text, re.I)
    if not m:
        return phrase
    tail = []
    for word in _EN_WORD.findall(text[m.end() :])[:2]:
        if _EN_PHRASE_END.match(word):
            break
        tail.append(word.lower())
    if tail and not re.match(r"^[\s-]*[A-Za-z]", text[m.end() :]):
        tail = []  # punctuation follows the phrase: nothing to extend
    return " ".join([phrase, *tail])


def _english_place(text: str, lexicon: Lexicon) -> str:
    """The first listed place an English ``text`` names, as written there ("China", "US")."""
    found = []
    for word in lexicon.place_words:
        m = re.search(rf"\b{re.escape(word)}\b", text, re.I)
        if m and (word != "us" or m.group(0) == "US"):
            found.append((m.start(), m.group(0)))
    return min(found)[1] if found else ""


def is_follow_up(question: str, lexicon: Lexicon | None = None) -> bool:
    q = question.strip()
    # Several short questions at once (「いつからやってるの？何社くらい面倒みてもらえた？」):
    # a follow-up when each would be one on its own
    sentences = [x for x in _JA_SENTENCE.split(q) if x.strip()]
    if len(sentences) > 1 and detect_lang(q) == "ja":
        # (…or when it opens by going on from the conversation, 「ほな2022年はどうやったん？
        # ちっちゃい会社がどんだけ使っとるかも知りたい」: the rest asks about the same topic)
        # (…or asks the earlier rule of another case first, 「創業の時の保証でもそうなるん？息子が
        # …使うかもしれへんので」: what follows says why)
        return bool(_JA_ELLIPTIC.match(q) or _JA_ANAPHOR.match(q) or _JA_SO.search(sentences[0])) or all(
            is_follow_up(x, lexicon) for x in sentences
        )
    if detect_lang(q) == "en":
        return bool(
            _EN_ANAPHOR.search(q) or _EN_THAT_ONE.search(q) or _EN_ELLIPTIC.match(q) or _EN_THEN.search(q) or _en_bare(q, lexicon) or _en_unnamed(q, lexicon)
        )
    if (
        _JA_ANAPHOR.match(q)
        or ((_JA_ELIDED.match(q) or _JA_VERSION.match(q)) and not _names_scheme(q, lexicon))
        or _JA_DEMONSTRATIVE.search(q)
        or _JA_SO.search(q)
        or _JA_ELLIPTIC.match(q)
        or _JA_OCCASION.match(q)
        or _JA_PART_OF.match(q)
        or _JA_BASIS.match(q)
    ):
        return True
    # A place and a counter (日本, 何社) are not a subject: 「日本だとどれくらいの規模？」 and
    # 「何社支援したの？」 ask about the earlier topic.
    own = [t for t in key_terms(q) if len(t) > 1 and not (lexicon and lexicon.place(t)) and t not in _ASKED_KIND]
    if len(own) <= 1 and len(q) <= _SHORT:
        return True
    # Two nouns and a topic particle (「銀行の負担は？」「社長の自宅は？」) ask about the earlier topic.
    # Not when one names a scheme of its own (「ABLの仕組みは？」: ABL, 企業価値担保権).
    named = re.search(r"[A-Z]{2,}", q) or (lexicon and any(len(t) >= 5 and t in q for t in lexicon.glossary_terms))
    if len(own) <= 2 and len(q) <= _SHORT and not named and (_WHAT_BECOMES.search(q) or _HOW_IN_CASE.search(q)):
        # 「社長の保証はどうなるの？」: what becomes of it under the earlier topic; 「電子申請の場合は
        # どうでしょうか。」: the earlier question asked of another case
        return True
    return len(own) <= 2 and len(q) <= _SHORT_BARE and not named and _bare_nouns(q)


#: A question opening with what was done, its where or in-what left out (「参加している銀行数と
#: 登録企業数は？」 after a question on Guangdong's fund): it goes on from the earlier topic.
_JA_ELIDED = re.compile(r"^[一-龥]{2,4}(?:している|していた|した|する|される|された|できる)[一-龥ァ-ヶー]")
#: A question opening with a version of a text, whose text it leaves out (「最終版の公表日と…」
#: after a question on the FSA's draft paper): the version of what was talked about.
_JA_VERSION = re.compile(r"^(?:最終版|最新版|確定版|改訂版|改定版|正式版|初版|案|原案)(?:の|は|って|が|では|だと)")


def _names_scheme(question: str, lexicon: Lexicon | None) -> bool:
    """``question`` names a scheme or body of its own (ABL, 企業価値担保権) or a place."""
    if re.search(r"[A-Z]{2,}", question):
        return True
    return bool(lexicon) and (
        any(len(t) >= 4 and t in question for t in lexicon.glossary_terms) or bool(_places(question, lexicon))
    )


#: Words that say what kind of answer is asked (the first, a share, a count), not what about:
#: 「一番最初に公開でやったとこどこ？」 and "what share were small loans?" name no subject of
#: their own.
_ASKED_KIND = frozenset({
    "一番", "最初", "最後", "割合", "比率", "件数", "金額", "規模", "人数", "時期", "期間",
    "first", "last", "share", "percentage", "proportion", "ratio", "amount", "total", "number", "figure", "count",
    # a name asked for (「…法律って正式名なんていうの？」)
    "名", "名前", "名称", "正式名", "正式名称", "呼び名",
    # an event of the earlier topic whose date is asked (「適用開始はいつからですか。」)
    "施行", "適用", "開始", "公布", "成立", "公表", "改正", "改定", "施行日", "公布日", "公表日",
    # the form or kind of the thing asked (「どんな体裁の文書でしたか」)
    "体裁", "形式", "種類",
})  # fmt: skip
#: "What becomes of X?" (「社長の保証はどうなるの？」) asks about X under the conversation's topic.
_WHAT_BECOMES = re.compile(r"どうなる|どうなり|どうなっ")
_HOW_IN_CASE = re.compile(r"(?:の場合|だと|やと|なら|では|やったら|だったら)は?どう(?:でしょうか|ですか|なん|なの|やろ|だろう|かな)?[？?。]*$")


_EN_SHORT_WORDS = 6
#: A short English question with at most this many key terms and no name or domain phrase
#: of its own ("When did the pilot start?", "Who holds the charge?") asks about the topic.
_EN_BARE_TERMS = 2
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _en_bare(question: str, lexicon: Lexicon | None) -> bool:
    """A short English question about no subject of its own ("Who can be the lender?",
    "When did the pilot start?"): no name (a capitalised word after the first: IPAS, China),
    no domain phrase (enterprise value charge), at most ``_EN_BARE_TERMS`` key terms."""
    words = _EN_WORD.findall(question)
    if len(words) > _EN_SHORT_WORDS or any(w[0].isupper() for w in words[1:]):
        return False
    if lexicon is not None and _english_phrase(question, lexicon):
        return False
    # (an adverb names nothing: "how many lots *actually* sold?")
    return (
        len([t for t in key_terms(question) if t.isascii() and t.lower() not in _ASKED_KIND and not _ADVERB.fullmatch(t)])
        <= _EN_BARE_TERMS
    )


#: Adverbs of how a question is asked ("actually", "typically"), which name no subject.
_ADVERB = re.compile(
    r"(?:actual|real|typical|usual|normal|current|general|basical|exact|rough|approximate|final|eventual|ultimate"
    r"|recent|original|initial|official|formal|probab|definite|specific|total)ly",
    re.I,
)


#: Capitalised words that name a time, not a subject ("by the end of June 2024").
_EN_TIME_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "q1", "q2", "q3", "q4", "fy",
})  # fmt: skip
#: Longer than this, an English question is taken to carry a subject of its own.
_EN_UNNAMED_WORDS = 14


def _en_unnamed(question: str, lexicon: Lexicon | None) -> bool:
    """An English question naming nothing the documents know of: no domain word (glossary),
    no place and no name, only what is asked ("how many were issued by the end of June
    2024?", "how much was lent in total last year?"). Its subject is the conversation's."""
    lexicon = lexicon or Lexicon.bundled()
    words = _EN_WORD.findall(question)
    if not words or len(words) > _EN_UNNAMED_WORDS:
        return False
    if any(w[0].isupper() and w.lower() not in _EN_TIME_WORDS for w in words[1:]):
        return False
    return not lexicon.expand_english(question) and not _places(question, lexicon)


_EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth")
_EN_ORDINAL = re.compile(rf"\b(?:({'|'.join(_EN_ORDINALS)})|(\d{{1,2}})(?:st|nd|rd|th))\b", re.I)
#: "the next one" after a question on a numbered occasion ("When was WIPO's second IP
#: Finance Dialogue held?"): the one after it.
_EN_NEXT = re.compile(r"\b(?:the )?next (one|meeting|session|dialogue|round|edition|auction|event)\b", re.I)


def _next_occasion(question: str, previous: str) -> str:
    """``question`` with "the next one" written as the occasion after the one ``previous``
    names ("when's the next one?" after "… second IP Finance Dialogue …" → "when's the
    third one?"); unchanged when either names none."""
    m = _EN_NEXT.search(question)
    said = [int(o.group(2)) if o.group(2) else _EN_ORDINALS.index(o.group(1).lower()) + 1 for o in _EN_ORDINAL.finditer(previous)]
    if not m or not said or max(said) >= len(_EN_ORDINALS):
        return question
    return f"{question[: m.start()]}the {_EN_ORDINALS[max(said)]} {m.group(1)}{question[m.end() :]}"


#: A topic switch opening a question (「ちょっと話変わるけど、」, "ok different question — "):
#: how the asker moves on, nothing asked.
_SWITCH_OPENER = re.compile(
    r"^\s*(?:(?:ちょっと|あと|それと|ところで)、?)?話(?:が|は)?(?:変わ|かわ)(?:る|り|って)[^、。？?]{0,8}?[、,]\s*"
    r"|^\s*(?:(?:ok(?:ay)?|also|btw|and|so)\W{0,2}\s*)?(?:a |one )?(?:different|another|new|unrelated|separate|other) (?:question|topic|thing)\s*[-—–:,.!]+\s*",
    re.I,
)


#: A follow-up asking where what was just said comes from (「出典は？」, 「ソースある？」, "source?",
#: "where's that from?"): the answer before it, with its sources named.
_ASKS_SOURCE = re.compile(
    r"^\s*(?:(?:じゃあ|で|えっと|ちなみに)、?)?(?:その|それの|今の|いまの|さっきの|この)?(?:回答|答え|話|情報|数字|データ)?の?"
    r"(?:出典|ソース|情報源|元ネタ|参照元|引用元|出どころ|出所|典拠|根拠(?:資料|文書)?|リンク|URL)"
    r"\s*(?:は|って|を|の|も)?\s*(?:どこ|何|なに|なん)?\s*"
    r"(?:ですか|でしょうか|なの|なん|やねん|ある|あります|ありますか|貼って|はって|載せて|教えて(?:ください|くれ|ほしい)?|ください|お願い(?:します)?|[?？!！。、\s])*$"
    r"|^\s*(?:(?:and|so|ok(?:ay)?|hm+|thanks)[,.!]?\s+)?(?:(?:what(?:'s| is| are)|got|have you got|do you have|any|can you (?:give|share|cite)(?: me)?|pls|please)\s+)?"
    r"(?:a\s+|the\s+|your\s+|its\s+)?(?:source|sources|link|links|citation|citations|reference|references|url|cite)"
    r"(?:\s+(?:for|of|on)\s+(?:that|this|it|those|these|the (?:last|previous) answer))?(?:\s*(?:,\s*)?(?:pls|please|thx|thanks))?\s*[?.!]*\s*$"
    r"|^\s*where(?:'s| is| does| did)\s+(?:that|this|it)\s+(?:from|come from|coming from)\s*[?.!]*\s*$"
    r"|^\s*where did you (?:get|find|read) (?:that|this|it)\s*[?.!]*\s*$",
    re.I,
)


def asks_source(question: str) -> bool:
    """True for a follow-up that asks only where the last answer comes from (「出典は？」,
    "source?", "where's that from?"); a question naming what it wants the basis of
    (「根拠法は？」) asks something of its own."""
    return bool(question.strip()) and bool(_ASKS_SOURCE.match(normalize(question)))


def without_opener(question: str) -> str:
    """``question`` without a topic switch it opens with (「ちょっと話変わるけど、知財金融促進事業って
    いつからいつまで？」 asks only the rest); the question as typed when that is all there is."""
    rest = _SWITCH_OPENER.sub("", question, count=1)
    return rest if rest.strip() else question


def condense(
    question: str, history: list[str], idf: Callable[[str], float] | None = None, lexicon: Lexicon | None = None
) -> str:
    """Rewrite a follow-up as a standalone question using the earlier user turns."""
    question = question.strip()
    if not history:
        return question
    lexicon = lexicon or Lexicon.bundled()
    previous = condense(history[-1], history[:-1], idf, lexicon)
    # (a year named by the one asked before, 「同年の…」, and "since then" point back: the
    # question is a follow-up, whatever it reads as written out; its place is the earlier one)
    shifted = _years_shifted(question, previous)
    points_back = shifted != question
    question = _next_occasion(shifted, previous)
    since = _since_then(question, previous)
    points_back, question = points_back or since != question, since
    swapped = (
        _ask_about_place(question, previous, lexicon)
        or _ask_about_year(question, previous)
        or _ask_about_time(question, previous)
    )
    if swapped:
        return swapped
    if not points_back and not is_follow_up(question, lexicon):
        return question
    english = detect_lang(question) == "en"
    if english:
        # When the earlier turn was itself a follow-up ("When does it start? (Is there a law
        # …?)"), the topic is what it was about, not what it asked: "And when did the Diet
        # pass it?" is not also asking when anything started.
        # (but one naming a new thing, "Which was the first deal?", is what "it" stands for next:
        # "who underwrote it?")
        asked = history[-1].strip()
        names_thing = not _EN_PRONOUN.search(asked) or bool(_EN_THAT_ONE.search(asked))
        if previous.startswith(f"{asked} (") and previous.endswith(")") and not names_thing:
            previous = previous[len(asked) + 2 : -1]
        # A follow-up naming another place ("what about China? what's the legal basis there")
        # reads the earlier question as about that place.
        if (new := _places(question, lexicon)) and not set(new) & set(_places(previous, lexicon)):
            previous = _swap_places(previous, new, lexicon) or previous
        if named := _named_again(question, previous):
            return named  # "how many FIs had used those reports …?": the reports asked about before
        phrase = _english_phrase(previous, lexicon)
        short = len(previous.split()) <= _EN_SHORT_PREVIOUS
        if phrase and short and _EN_PRONOUN.search(question) and not _EN_ELLIPTIC.match(question):
            # the place the earlier question was about stays with it ("What is China's national
            # standard …?" → "when did it come into force?": the national standard in China)
            place = "" if _places(question, lexicon) else _english_place(previous, lexicon)
            where = f" in {place}" if place and place.lower() not in phrase.lower() else ""
            # ("that year": the one the earlier question named, "full year 2023")
            year = _EN_YEAR.findall(previous)
            asked = _EN_THAT_YEAR.sub(f"in {year[0]}", question) if len(set(year)) == 1 else question
            return _EN_PRONOUN.sub(f"the {phrase}{where}", asked, count=1)
        if _names_own_scheme(question, previous, lexicon):
            return question
        return f"{question} ({previous})"
    if _carries_whole(question, previous, lexicon):
        # 「それっていつからそうなったの？」 after 「…銀行側も一部リスク持つんだっけ？何割くらい？」:
        # それ is the answer to the earlier question (the 80/20 split), which its top phrases
        # do not name; the earlier question, whole, does.
        stripped = _PARTICLE.sub("", _JA_ANAPHOR.sub("", _JA_ELLIPTIC.sub("", question).lstrip("、, ")))
        # (quoted, as it was asked: 「「…やった会社ってどこ？」について、いつ頃の話？」)
        return f"「{previous.strip()}」について、{stripped or question}"
    if _stands_alone_elsewhere(question, previous, lexicon):
        return _JA_ELLIPTIC.sub("", question).lstrip("、, ") or question
    topic = _topic(previous, idf, lexicon)
    if _ASKED_YEAR.search(question):
        # the year asked now replaces the earlier one (「2015年度は？」 after 「2014年度の…」)
        topic = "・".join(p for p in topic.split("・") if not _ASKED_YEAR.fullmatch(p))
    if not topic:
        return question
    # The earlier question's place stays the subject (「2020年の中国の…は？」→「では2021年は？」).
    # (not when the follow-up names a place of its own: 「中国の法的根拠は？」 after a US question)
    if _places(question, lexicon):
        topic = "・".join(p for p in topic.split("・") if not lexicon.place(p))
        if not topic:
            return question
    places = [] if _places(question, lexicon) else [p for p in _places(previous, lexicon) if p not in topic]
    if places:
        topic = f"{'・'.join(places)}の{topic}"
    if _JA_ANAPHOR.match(question):
        return _JA_ANAPHOR.sub(topic, question, count=1)
    stripped = _JA_ELLIPTIC.sub("", question).lstrip("、, ")
    # (「何回集まったん？」 counts meetings too)
    occasion = m.group(0) if (m := _JA_OCCASION_NOUN.search(previous)) else ("会合" if _JA_MET.search(previous) else "")
    if occasion and not _JA_OCCASION_NOUN.search(stripped):
        # 「最初のやつはいつやったん？」 after 「…って何回会合ひらいたん？」: the first meeting
        stripped = _JA_THAT_ONE.sub(rf"\1の{occasion}", stripped, count=1)
    return f"{topic}について、{_ask_as_before(stripped, previous)}"


#: "those reports", "that fund": a thing of the earlier question pointed at by its own noun.
_EN_THAT_NOUN = re.compile(r"\b(?:those|these|that|this|the same)\s+([a-z][a-z-]{2,})\b", re.I)
#: Nouns that point at no thing of their own ("that year", "that one", "that point").
_EN_NO_THING = frozenset({"year", "years", "time", "times", "one", "ones", "case", "point", "number", "figure", "period", "same", "way", "kind", "sort"})
#: Words that end the words naming a noun in an English question ("pay per IP business
#: evaluation report": per ends them).
_EN_NOT_MODIFIER = frozenset(
    {
        "a", "an", "the", "per", "of", "for", "in", "on", "by", "to", "at", "from", "with", "under", "about",
        "and", "or", "but", "did", "does", "do", "is", "are", "was", "were", "be", "been", "how", "much", "many",
        "what", "which", "who", "whom", "when", "where", "why", "its", "their", "our", "my", "your", "his", "her",
        "this", "that", "those", "these", "each", "every", "pay", "paid", "pays", "use", "used", "uses", "get",
        "got", "has", "have", "had", "can", "could", "will", "would", "should", "must", "any", "some", "all",
    }
)


def _named_again(question: str, previous: str) -> str:
    """An English follow-up pointing at a thing of the earlier question by its noun ("how many
    FIs had used those reports cumulatively by may 2019?" after "How much did the JPO pay per
    IP business evaluation report in 2017?"), written with the words the earlier question
    names it by ("the IP business evaluation reports"); "" when it points at none. It then
    stands alone: the earlier question's own figure and year are not asked again."""
    m = _EN_THAT_NOUN.search(question)
    if not m or m.group(1).lower() in _EN_NO_THING:
        return ""
    noun = m.group(1)
    stem = noun[:-1] if noun.lower().endswith("s") and not noun.lower().endswith("ss") else noun
    found = re.search(rf"((?:[\w-]+\s+){{1,4}}){re.escape(stem)}s?\b", previous, re.I)
    if not found:
        return ""
    words = found.group(1).split()
    kept: list[str] = []
    for word in reversed(words):
        if word.lower() in _EN_NOT_MODIFIER or not re.fullmatch(r"[A-Za-z][\w-]*", word):
            break
        kept.insert(0, word)
    if len(kept) < 2:
        return ""  # ("a report series called …": one word names too little to stand alone)
    return f"{question[: m.start()]}the {' '.join(kept)} {noun}{question[m.end():]}"


#: One of a series by its place in it, said as 「やつ」 (「最初のやつ」「3回目の」): of the
#: occasions the earlier question counted.
_JA_THAT_ONE = re.compile(r"(最初|初回|一番最初|最後|\d+\s*回目)の(?:やつ|もの|ん|の|回)?(?=は|って|が|、|[？?]|$)")
#: Meetings counted by meeting (「何回集まったん？」).
_JA_MET = re.compile(r"何回[^。？?]{0,6}集ま")
_JA_OCCASION_NOUN = re.compile(r"会合|会議|対話|ダイアログ|オークション|セミナー|シンポジウム|フォーラム")


#: An English follow-up this long ("And under the responsibility-sharing system, what share
#: of the risk does the lending bank carry?") says what it is about when it names a scheme.
_EN_OWN_SUBJECT_WORDS = 10


#: A Japanese question word: the follow-up asks a thing of its own.
_JA_ASKS = re.compile(r"何|なに|なん|いくら|なんぼ|どれ|どん|どの|どう|どこ|誰|だれ|いつ")
#: How many words of its own a Japanese follow-up about another place says to stand alone.
_JA_OWN_WORDS = 3


def _stands_alone_elsewhere(question: str, previous: str, lexicon: Lexicon) -> bool:
    """A Japanese follow-up that names a place the earlier question did not, says several
    things of its own and asks with its own question word: 「じゃあ日本の保証協会つきの融資
    やったら、焦げ付いたとき銀行はどんだけかぶるん？」 after a question on Guangdong's loss
    sharing stands alone (the earlier topic, 貸し倒れ, would pull retrieval to other passages).
    「じゃあアメリカで特許担保で借りるときは？」 asks nothing of its own: it is the earlier
    question asked of the US."""
    new = [p for p in _places(question, lexicon) if p not in _places(previous, lexicon)]
    if not new or detect_lang(question) == "en" or not _JA_ASKS.search(question):
        return False
    rest = question
    for name in new:
        rest = rest.replace(name, "")
    return len([t for t in key_terms(rest) if not lexicon.place(t)]) >= _JA_OWN_WORDS


def _names_own_scheme(question: str, previous: str, lexicon: Lexicon) -> bool:
    """An English follow-up that only opens with "and" (or "ok", "so"), points back at nothing (no pronoun,
    no "then"), and names a scheme the earlier question did not: it stands alone. The earlier
    question appended to it would pull retrieval towards the earlier scheme's passages."""
    if not re.match(r"(?:and|ok(?:ay)?|alright|so)\b", question, re.I) or len(_EN_WORD.findall(question)) < _EN_OWN_SUBJECT_WORDS:
        return False
    if _EN_ANAPHOR.search(question) or _EN_THAT_ONE.search(question) or _EN_THEN.search(question):
        return False
    before = set(lexicon.expand_english(previous))
    return any(
        len(t) >= _NAMED_SCHEME and _SCHEME.search(t) and t not in before for t in lexicon.expand_english(question)
    )


#: An earlier question asking for a figure, a party or a name (「何割くらい？」, 「いくら？」,
#: 「…やった会社ってどこ？」, 「…仕組みって何て名前だっけ？」): a bare follow-up on it
#: (「それっていつから？」, 「それっていつ頃の話？」) asks
#: about the fact that answered it.
_JA_ASKED_FIGURE = re.compile(
    r"何割|何%|何パーセント|いくら|どれくらい|どのくらい|どんくらい|どれぐらい|どこ|誰|だれ|どなた"
    # (a share asked with its noun: 「…リスクどんな割合で持ってるの？」)
    r"|(?:どんな|どういう|どの|何の)(?:割合|比率)|何対何"
    # (or whether one is set: 「…銀行もリスクちょっと持つって聞いたんだけど割合決まってる？」)
    r"|(?:割合|比率|配分)[^。？?、]{0,8}[？?]"
    # (or a name: 「…分けあう仕組みって何て名前だっけ？」)
    r"|(?:何|なん)て(?:名前|いう|言う)|何という|なんという|名前は|名称は"
    # (or whether something heard is true: 「…銀行がちょっとリスク負うって聞いたんだけど、ほんと？」)
    r"|(?:ほんと|本当|マジ)(?:に|なの|ですか)?[？?]"
)
#: 「そのとき」「当時」 after a question asking when (「…最初にやったオークションっていつ？」):
#: the occasion that question asked about, which its top phrases may not name (最初に).
_JA_THAT_TIME = re.compile(r"その(?:とき|時|頃|ころ)|当時")
_JA_WHEN = re.compile(r"いつ|何年|何月")
_CARRIED_WHOLE_CHARS = 60
#: Words of a bare follow-up that only frame it (「いつ頃の話？」) or point back at the earlier
#: answer (「その仕組みっていつから？」): no word of its own.
_FRAME_WORDS = frozenset({"話", "いつ頃", "頃", "ころ", "感じ", "こと", "仕組み", "しくみ", "制度", "ルール", "決まり"})
#: The particle after an anaphor taken away (「それって」 → 「」).
_PARTICLE = re.compile(r"^(?:って|は|が|の|を|に|で|も)[、,]?\s*")


def _carries_whole(question: str, previous: str, lexicon: Lexicon) -> bool:
    """A Japanese follow-up with no word of its own (「それっていつからそうなったの？」) after a
    short question asking for a figure or a party whose topic no scheme names, or one asking
    about 「そのとき」 after a short question asking when: the whole earlier question says
    what それ is, or which occasion."""
    if detect_lang(previous) != "ja" or len(previous) > _CARRIED_WHOLE_CHARS:
        return False
    if _JA_THAT_TIME.search(question) and _JA_WHEN.search(previous):
        return True  # 「そのときの落札総額は？」: of the occasion asked about, whatever it asks
    if asks_article(question) and (_JA_ANAPHOR.match(question) or _JA_DEMONSTRATIVE.search(question)):
        return True  # 「それは何条に定められていますか」: the article of what was just answered
    if asks_list_item(question) and _JA_ASKS.search(previous) and not _JA_OCCASION_NOUN.search(previous):
        # 「その1個目ってどんな話なん？」 after 「…広まらん理由って何個あるん？」: one of the
        # things the earlier question asked for, which its whole words say (the first of the
        # meetings it counted is said as 「最初の会合」, below)
        return True
    # (a counter the follow-up asks in, 割 of 「何割」, is no word of its own)
    own = [t for t in key_terms(question) if t not in _FRAME_WORDS and t not in _COUNTERS]
    if own:
        return False
    # (a figure asked of the answer to a yes/no question: 「それって何割ぐらい戻ってくるの？」
    # after 「…協会のほうはどっかから穴埋めしてもらえるの？」 asks it of that 穴埋め)
    figure_of_yes = bool(_JA_FIGURE_NOW.search(question)) and not _JA_WH.search(previous)
    if not (_JA_ASKED_FIGURE.search(previous) or figure_of_yes) or not (
        _JA_ANAPHOR.match(question) or _JA_DEMONSTRATIVE.search(question)
    ):
        return False
    return not any(len(t) >= _NAMED_SCHEME and _SCHEME.search(t) and t in previous for t in lexicon.glossary_terms)


#: An article asked for (「何条」「根拠条文」「どの規定」, "which provision / article").
_WHICH_ARTICLE = re.compile(r"何条|根拠(?:条文|規定)|(?:どの|どこの)(?:条文|規定|条)|\bwhich (?:provision|article|section)s?\b", re.I)


def asks_article(question: str) -> bool:
    """Whether ``question`` asks which article or provision says something (「それは何条に
    定められていますか」, 「その根拠条文は？」, "which provision governs it?")."""
    return bool(_WHICH_ARTICLE.search(question))


#: One of the things an answer listed, by its place (「その1個目」「最初のやつ」「2つ目の方法」,
#: "the second one").
_LIST_ITEM = re.compile(
    r"(?:[1-9１-９一二三]|最初|初め|はじめ|最後)(?:個目|つ目|番目|の(?:やつ|もの|ん)(?=は|って|が|、|[？?]))"
    r"|\bthe (?:first|second|third|fourth|last) (?:one|item|point|pillar|proposal|method)\b",
    re.I,
)


def asks_list_item(question: str) -> bool:
    """Whether ``question`` asks about one of the things an earlier answer listed, by its place
    (「3つ目のやつって、なんでリスクなん？」, "the second one")."""
    return bool(_LIST_ITEM.search(question))
#: Counters a figure is asked in (「何割」「何件」): no word of the follow-up's own.
_COUNTERS = frozenset({"割", "件", "社", "円", "%", "人", "名", "回", "年", "倍"})
#: A follow-up asking a figure (「何割ぐらい」「いくら」「どのくらい」).
_JA_FIGURE_NOW = re.compile(r"何割|何%|何パーセント|いくら|どれ(?:くらい|ぐらい)|どの(?:くらい|ぐらい)|どんくらい")
#: What a Japanese question asks (its question word), and a follow-up that is only a noun
#: and a topic particle (「施行は？」「2023年は？」「銀行の負担は？」).
_JA_WH = re.compile(
    r"いつ(?:から|まで)?|どれ(?:くらい|ぐらい|だけ)|どの(?:くらい|ぐらい|程度)|どんくらい|いくら|"
    r"何(?:件|社|機関|年|回|割|人|名|日|営業日|か国|%)|誰|だれ|どこ|なぜ|なんで(?!す|しょ)|どう(?:なる|なります)?"
)
_JA_BARE = re.compile(r"^(?P<noun>[^、。？?]+?)(?:は|って|だと|なら|では)[？?]?$")


#: A follow-up that only states a condition (「紙で出したら？」「赤字の場合は？」).
_JA_CONDITION = re.compile(r"(?:たら|なら|だと|場合は|ときは|時は)[？?]?$")


def _bare_nouns(question: str) -> bool:
    """The question is nouns and a topic particle only (「施行は？」「銀行の負担は？」)."""
    bare = _JA_BARE.match(question)
    return bool(bare) and not _JA_WH.search(question) and all(
        t.pos in ("名詞", "接尾辞", "補助記号", "助詞") for t in tokenize(bare.group("noun"))
    )


def _ask_as_before(question: str, previous: str) -> str:
    """A follow-up that names only what it asks about (「施行は？」 after 「いつ成立したの？」),
    or only a condition (「紙で出したら？」 after 「何日かかる？」), asks it the way the earlier
    question did: 「施行はいつ？」「紙で出したら何日かかる？」, so the answerer knows a date (a figure,
    a party …) is wanted. A follow-up with words of its own is left as typed."""
    found = _JA_WH.search(previous)
    if not found or _JA_WH.search(question):
        return question
    # The question word with the kana that complete it (何日かかる, どれくらいあった).
    tail = re.match(r"[ぁ-ゖ]*", previous[found.end() :]).group(0)
    wh = found.group(0) + re.sub(r"(?:のか|んだ|の|か)$", "", tail)
    if _JA_CONDITION.search(question):  # 「紙で出したら？」 after 「…何日かかる？」
        return f"{question.rstrip('？?')}{wh}？"
    if not _bare_nouns(question):
        return question  # 「最近変わったところは？」 asks something of its own
    return f"{_JA_BARE.match(question).group('noun')}は{wh}？"


#: A year named by the one asked before (「その前の年は？」, 「翌年度は？」, "and the year before?").
#: (pattern, years to step, written in Japanese: 「2022年度」 rather than "2022")
_SHIFTED_YEAR = (
    # (not a year compared with, 「前の年より増えた？」: the year asked is still the earlier one)
    (re.compile(r"(?:その)?(?:前の年|前年)(度)?(?!比|同期|度比|度同期|より|と比べ|に比べ|と比較|から(?:増|減|伸|倍))"), -1, True),
    (re.compile(r"(?:その)?(?:翌年|次の年|次年)(度)?(?!比)"), 1, True),
    # (「日本は同じ年どのくらい？」: the year asked before itself)
    (re.compile(r"(?:同じ年|同年|その年)(度)?(?!以降|以来|から後|比)"), 0, True),
    (re.compile(r"\b(?:the same (?:fiscal )?year|that same year)\b", re.I), 0, False),
    # ("the year after that", "a year later": the year is the one asked before)
    (re.compile(r"\b(?:the (?:(?:fiscal |full |calendar )?year before(?: that| this| it)?|previous (?:fiscal |full )?year|prior (?:fiscal |full )?year)|a year (?:before|earlier))\b", re.I), -1, False),
    (re.compile(r"\b(?:the (?:(?:fiscal |full |calendar )?year after(?: that| this| it)?|following (?:fiscal |full )?year|next (?:fiscal |full )?year)|a year later)\b", re.I), 1, False),
)
_ASKED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年(度)?)?(?!\d)")


def _years_shifted(question: str, previous: str) -> str:
    """``question`` with a year named by the earlier one written out: 「その前の年は？」 after
    「2023年でどのくらい？」 is 「2022年は？」; "and the year before?" is "and 2022?". Unchanged
    when the earlier question names no year, or more than one."""
    years = {m.group(1) for m in _ASKED_YEAR.finditer(previous)}
    if len(years) != 1:
        return question
    year = int(next(iter(years)))
    for pattern, step, japanese in _SHIFTED_YEAR:
        m = pattern.search(question)
        if m:
            fiscal = "度" if (japanese and m.group(1)) or re.search(rf"{year}年度", previous) else ""
            said = f"{year + step}年{fiscal}" if japanese else str(year + step)
            return question[: m.start()] + said + question[m.end() :]
    return question


#: "since then", 「それ以降」: after the last year the earlier question named.
_SINCE_THEN = re.compile(r"\bsince then\b|\bsince that (?:time|year)\b|(?:それ|あれ|その年)(?:以降|以来|から後)")


def _since_then(question: str, previous: str) -> str:
    """``question`` with "since then" (「それ以降」) written as the year it follows: "how much
    since then?" after "… between 1995 and 2008?" is "how much since 2008?" (「2008年以降」),
    so a total up to 2008 is seen not to answer it. Unchanged when the earlier question names
    no year."""
    years = [int(m.group(1)) for m in _ASKED_YEAR.finditer(previous)]
    m = _SINCE_THEN.search(question)
    if not years or not m:
        return question
    said = f"since {max(years)}" if m.group(0).isascii() else f"{max(years)}年以降"
    return question[: m.start()] + said + question[m.end() :]


_EN_ONLY_YEAR = re.compile(
    r"^(?:(?:and|so|then|what about|how about|and what about)\s+)?(?:(?:in|for|of|during)\s+)?(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?:year\s+)?"
    r"(?P<year>(?:19|20)\d{2})\s*[?!.]*$",
    re.I,
)


def _ask_about_year(question: str, previous: str) -> str:
    """"and 2023?" (or "and the year before?", once written out) after an English question
    about one year asks that question about the other year. Empty otherwise."""
    m = _EN_ONLY_YEAR.match(question.strip())
    if not m or detect_lang(previous) != "en":
        return ""
    years = {y.group(1) for y in _ASKED_YEAR.finditer(previous)}
    if len(years) != 1 or m.group("year") in years:
        return ""
    return re.sub(rf"(?<!\d){next(iter(years))}(?!\d)", m.group("year"), previous)


#: A Japanese follow-up naming only a time (「2024年末だとどうなってる？」, 「じゃあ2021年度は？」).
_JA_ONLY_TIME = re.compile(
    r"^(?:じゃあ|じゃ|では|で|それでは|なら|だったら|じゃあさ|ほな|ほんなら|そんなら|ほんじゃ|そしたら)?[、,]?\s*"
    r"(?P<time>(?P<year>(?:19|20)\d{2})年(?:度)?(?:の)?(?:\d{1,2}月)?(?:末|時点|上半期|下半期|通年)?(?:時点)?)"
    r"(?:だと|やと|では|なら|の場合|の時点)?(?:は|って)?[、,]?\s*"
    r"(?:どう(?:なってる|なってます|なった|だった|でした|ですか)?(?:の|か)?"
    # (「2024年の6月末時点やと、どんくらいに増えてる？」: the figure asked before, of that time)
    r"|(?:どんくらい|どれくらい|どのくらい|どれだけ|どこまで|なんぼ|いくら)(?:に)?(?:増えて|伸びて|なって)?(?:る|た|ます|ました|いる|いた|いますか)?(?:の|ん|か)?)?"
    r"\s*[？?。]*$"
)


def asks_only_time(question: str) -> bool:
    """A Japanese question naming only a time (「2024年末だとどうなってる？」): it asks what the
    question before it asked, of that time; its 「どうなってる」 asks no outcome of its own."""
    return bool(_JA_ONLY_TIME.match(question.strip()))


def _ask_about_time(question: str, previous: str) -> str:
    """「2024年末だとどうなってる？」 after a Japanese question about one year (「…2022年末までに
    どんくらいカバーしてたの？」) asks that question about the time it names: 「…2024年末までに
    どんくらい…」, so what was asked (a figure, a date …) is asked again. Empty otherwise."""
    m = _JA_ONLY_TIME.match(question.strip())
    if not m or detect_lang(previous) == "en":
        return ""
    years = {y.group(1) for y in _ASKED_YEAR.finditer(previous)}
    if not years and not _ASKED_YEAR.search(question[: m.start("time")]):
        # (an earlier question of no year asks about now: 「…どのくらい広がってるの？」 →
        # 「2024年はどうだった？」 asks it of 2024)
        return f"{m.group('time')}、{previous}"
    if len(years) != 1 or m.group("year") in years:
        return ""
    year = next(iter(years))
    return re.sub(rf"(?<!\d){year}年(?:度)?(?:\d{{1,2}}月)?(?:末|時点|上半期|下半期|通年)?", m.group("time"), previous, count=1)


def _ask_about_place(question: str, previous: str, lexicon: Lexicon) -> str:
    """「中国だと？」 after a question about Japan (or about nowhere in particular) asks that
    question about China. Empty when the follow-up is more than a change of place."""
    new = _places(question, lexicon)
    if not new:
        return ""
    rest = question
    for name in new:
        rest = rest.replace(name, "")
    for word, terms in lexicon.glossary.items():  # "China" in "What about China?"
        if any(t in new for t in terms):
            rest = re.sub(rf"\b{re.escape(word)}\b", " ", rest, flags=re.I)
    for word in ("what about", "how about", "and", "then", "in", "the"):
        rest = re.sub(rf"\b{word}\b", " ", rest, flags=re.I)
    rest = _JA_ELLIPTIC.sub("", rest.strip()).strip()
    if len(rest) > 8 or key_terms(rest):  # the follow-up says more than a place
        return ""
    return _swap_places(previous, new, lexicon) or (
        f"In {_place_name(new[0], previous, lexicon)}: {previous}" if detect_lang(previous) == "en" else f"{new[0]}では、{previous}"
    )


def _place_name(new: str, previous: str, lexicon: Lexicon) -> str:
    """How ``previous`` would name the place ``new`` (China, in an English question; a city
    or a province by its English name, Zhuhai, not by its country's)."""
    place = lexicon.place(new)
    if detect_lang(previous) != "en" or place is None:
        return new
    if place.region_of:
        english = next((word for word, terms in lexicon.glossary.items() if new in terms), "")
        if english:
            return english.title()
    juris = lexicon.jurisdiction(place.country)
    return juris.name("en") if juris else new


def _swap_places(previous: str, new: list[str], lexicon: Lexicon) -> str:
    """``previous`` asked about the place ``new[0]`` instead of the places it names; empty
    when it names none."""
    old = _places(previous, lexicon)
    if not old:
        return ""
    name = _place_name(new[0], previous, lexicon)
    # The most specific place is the one asked about (広東省の中山市 → 広東省の珠海市).
    regions = [p for p in old if (pl := lexicon.place(p)) and pl.region_of]
    swapped = previous
    for old_name in regions[-1:] or old:
        swapped = swapped.replace(old_name, new[0])
    if detect_lang(previous) == "en":
        for word, terms in lexicon.glossary.items():
            if any(t in old for t in terms):
                flags = 0 if word == "us" else re.I  # "US", not "tell us"
                pattern = r"\b(?:the )?U\.?S\.?A?\b" if word == "us" else rf"\b{re.escape(word)}\b"
                swapped = re.sub(pattern, name, swapped, flags=flags)
    return swapped


@dataclass
class Conversation:
    """The user turns so far; the UI and ``ipfin chat`` keep one per session."""

    turns: list[str] = field(default_factory=list)

    def add(self, question: str) -> None:
        self.turns.append(question.strip())

    def reset(self) -> None:
        self.turns.clear()
