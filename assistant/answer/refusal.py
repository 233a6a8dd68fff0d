"""When the extractive answerer refuses: the documents do not say what was asked.

* :meth:`Refusals.before_ranking` – too little of the question in the passages (key terms;
  for English questions, cross-lingual similarity instead of English words in Japanese
  text), or a figure asked about something no document mentions.
* :meth:`Refusals.unnamed_focus` – the thing the question asks for (「どの課」, 「担当者の名前は」,
  "what training must …") that no passage names, though they treat its topic
  (:mod:`assistant.answer.focus`).
* :meth:`Refusals.unsaid_clause` – a yes/no question whose asked clause (after its context,
  「企業価値担保権を設定すると」, "If we grant the charge,") is about something the passages
  never mention (役員, 株主総会, "a seat on our board");
  :meth:`Refusals.unsaid_claim` – the asked verb and its noun (役員を送り込む), neither of which
  the passages use.
* :meth:`Refusals.only_elsewhere` – a yes/no question about a named place whose key terms
  the passages use only about other places.
* :meth:`Refusals.places_unanswered` – a question naming a place no passage is about
  (「英国の浮動担保と比べて…」 when no document speaks of the UK).
* :meth:`assistant.answer.quantity.QuantityCheck.states` – a unit gives the figure, period,
  ranking or name the question asks for, about its subject (a count: of what it counts; an
  ordinal: the one named); no unit doing so refuses a figure question (its own module).
* :meth:`Refusals.figures_of_nothing` – a figure compound whose subject no passage mentions
  (不良債権比率 with no 不良債権).
* :meth:`Refusals.unsupported_premise` – an amount or share taken as given that no passage
  states; :meth:`Refusals.contradicted_premise` – hearsay a further question rests on that a
  passage denies (「個人事業主も使えるようになったと聞きましたが、…」); :meth:`Refusals.later_years` –
  a year later than any the passages state (「来年から増えるの？」) (:mod:`assistant.answer.premise`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.candidate import Candidate, terms
from assistant.answer.evidence import (
    LIGHT_VERBS,
    TermGroup,
    casual,
    coverage,
    group_found,
    group_share,
    has_number,
    term_groups,
)
from assistant.answer.focus import adverbial, unnamed_focus
from assistant.answer.parts import asked_clause, asking_sentence_list, asking_sentences
from assistant.answer.premise import (
    binding_premise,
    body_premise,
    chair_premise,
    checks_claim,
    contradicted_premise,
    ended_premise,
    implemented_unsaid,
    introduced_premise,
    later_years,
    mandated_premise,
    passed_premise,
    published_premise,
    revised_premise,
    revision_unsaid,
    started_premise,
    unsupported_premise,
)
from assistant.answer.quantity import FIRST, VERSION, unit_says, versions
from assistant.answer.question import WORK_NOUNS_EN, WORK_NOUNS_JA, QuestionFrame, named_institutions
from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import Token, content_terms, normalize, tokenize

WEAK_COVERAGE = 0.25  # below this the abstention names the missing key terms
#: A question that matches an annotated question this closely is answerable whatever the
#: key-term coverage says (everyday words the documents never use).
ASKED_ANSWERABLE = 0.93
#: A Japanese question whose key terms the passages all but lack (this share of their weight)
#: is about something they do not treat, however close an annotated question reads
#: (「知財担保融資で一番多い業種は？」: only 知財担保融資 is there).
NO_COVERAGE = 0.05
#: English questions: abstain when neither a unit, its English rendering nor an annotated
#: question is this close (cross-lingual evidence, not English words in Japanese text).
EN_MIN_SIMILARITY = 0.84
#: A yes/no question's asked clause (「…すると、銀行が役員を送り込んでくるの？」) with less than
#: this share of its key terms in the passages asks about something they never speak of,
#: though its context (企業価値担保権) is what they are about.
CLAUSE_COVERAGE = 0.35
#: A verb's tail saying the clause is what a claim is judged by (「…に照らして正確か」).
_JUDGED_BY = re.compile(r"[てで]、?(?:正確|正し|妥当|適切|問題|誤り|間違)")
#: A noun that holds what is told before it (「…したらええ、いう話は」, 「…という案」): what
#: the clause asks about is told, not the holder.
_TOLD_HOLDER = re.compile(r"(?:という|いう|ゆう|ちゅう|って|との)(話|件|考え|意見|声|案|アイデア|議論|説)")
#: An English yes/no question's asked clause ("If we grant the charge, will the bank get a
#: seat on our board?") with under this share of its key terms in the passages, their English
#: renderings or the questions their units answer. Each term counts once: a word the glossary
#: does not know (seat, board) weighs little in coverage, yet it is what the clause asks.
EN_CLAUSE_SHARE = 0.45
#: A subordinate clause before an English question ("If we default, …", "Once the charge is
#: registered, …") and a trailing one ("… after the charge is set?"): context, not what is asked.
_EN_LEADING_CLAUSE = re.compile(r"^\s*(?:if|when|whenever|once|after|before|should|in case)\b[^,?]*,\s*", re.I)
_EN_TRAILING_CLAUSE = re.compile(
    # (and the other of two alternatives asked: ", or does it have to go through someone else?")
    r"\s+(?:after|once|when|if|under|before|in case)\b[^,?]*(?=\?*\s*$)|,\s*or\b[^?]*(?=\?*\s*$)", re.I
)
#: A relative clause set off by commas (", which looked at the US, China and Korea,"): it
#: describes what the question names; it is not what is asked.
_EN_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose)\b[^?]*?,(?=\s+[a-z])", re.I)
#: Where one English sentence ends and the next begins ("… in Fukuoka. Can I …?").
#: (a sentence typed in lower case after a full stop opens as a question does: "… kept back
#: for other creditors. is there a statutory floor on it?")
_EN_SENTENCE = re.compile(
    r"(?<=[.?!])\s+(?=[A-Z])|(?<=\?)\s+(?=[a-z])"
    r"|(?<=[a-z]\.)\s+(?=(?:is|are|was|were|do|does|did|can|could|will|would|should|what|whats|how|who|when|where|which|why)\b)"
)
#: How an English question opens (to read a last sentence typed without its "?").
_OPENS_QUESTION = re.compile(
    r"\s*(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|what|whats|how|who|when|where|which|why)\b", re.I
)
#: A sentence asking where a figure or claim comes from ("where does that number come
#: from?", "what's the source?"): the citations answer it; it names nothing to look for.
_ASKS_SOURCE = re.compile(
    r"^\s*(?:and\s+)?(?:where\s+(?:does|did|is|was)\s+(?:that|this|it)(?:\s+(?:number|figure|stat|statistic|claim|data|estimate|percentage))?"
    r"\s+(?:come\s+|coming\s+)?from"
    r"|what(?:'s|\s+is|\s+was)\s+(?:the|its|their)\s+source"
    r"|who\s+(?:says|said)\s+(?:so|that|this))\b[^?]*\?\s*$",
    re.I,
)
#: "Is it true that …?": the wrapper of a claim whose truth is asked; the claim is the clause.
_TRUE_THAT = re.compile(r"^\s*(?:is|was)\s+it\s+(?:true|correct|right|accurate)\s+that\s+", re.I)
#: Case particles that tie a noun to the verb after it (役員を送り込む, 通知が届く).
_CASE_PARTICLES = frozenset({"を", "が", "に"})
#: Verbal nouns that say how a question is asked (「…主体を確認したい」, 「…を整理したい」), not
#: what it asks about.
_ASKING_NOUNS = frozenset({"確認", "質問", "相談", "整理", "把握", "理解"})
#: Words asking what kind of thing (「どのような支援メニューが」): the noun after them is asked for.
_WHICH_KIND = frozenset({"どのような", "どんな", "どういう", "どの", "何の", "なんの"})
#: A unit that names a place covers it when it holds this share of the question's other key terms.
PLACE_NAMED_SHARE = 0.6
#: A quoted title counts as cited when passages use its kind and this share of its words.
TITLE_WORDS = 0.5
#: An everyday word whose document words are this common (idf) names no subject (お金 ~ 資金).
EVERYDAY_SUBJECT_WEIGHT = 1.0


#: A question about what someone has done (a record, an experience), not what one may do.
_RECORD = re.compile(
    r"(?:た|だ)こと(?:が|って|は)?(?:ある|あり|あっ)|実績|事例|ました(?:か|\?)|でしたか|"
    r"\b(?:did|has|have|had)\b[^?]*\b(?:ever|already|so far|yet|done|made|lent|given|used|offered|approved|started|begun|launched|introduced)\b|\btrack record\b",
    re.I,
)


#: A question about what someone does now (「やってるとこある？」「使ってるの？」, "Does MUFG
#: offer …"): a practice of a named party, which documents that never name it cannot state.
#: What a lender offers (「…の融資やってくれる？」, 「扱ってる？」, "Does Shinsei Bank offer …?").
#: (whether it is available there already: 「みずほでもう申し込めるの？」, "can I apply at Mizuho
#: yet?")
_OFFERS = re.compile(
    r"(?:やって|扱って|取り扱って|対応して)(?:くれ|もらえ|る|い|ます)|\b(?:offer|provide|handle)s?\b"
    r"|もう[^。？?]{0,16}?(?:申し込め|申込め|申し込み|借りられ|借りれ|使え|利用でき)"
    r"|\bcan (?:i|we)\b[^?.]{0,40}?\b(?:apply|borrow|sign up|get)\b[^?.]{0,60}?\b(?:yet|already)\b",
    re.I,
)
#: A lender's product (「ローン商品」, 「融資メニュー」), and a question whether there is one.
_PRODUCT = r"(?:融資|ローン|商品|プラン|メニュー)"
_PRODUCT_ASKED = re.compile(
    rf"{_PRODUCT}(?:って|は|が|も)?(?:ある|あります|あり|出して|だして)|商品名|\b(?:products?|offerings?|product names?)\b", re.I
)
#: What a question may ask a bank's product of when it names no scheme (「知財を担保にするローン」).
_SCHEME_WORDS = ("担保", "保証")
_PRACTICE = re.compile(
    r"[てで](?:い)?(?:る|ます)(?:の|ん|とこ|ところ|か|って|？|\?|\s*$)|[るた](?:とこ|ところ)(?:って|は|が)?(?:ある|あり|ない)|"
    r"[てで]ん(?:の|だ|です)|"  # 「もうやってんの？」
    r"[ぁ-ん](?:た|だ)(?:の|ん)?(?:か|？|\?|\s*$)|"
    r"\b(?:banks?|lenders?|insurers?|compan(?:y|ies)|firms?)\s+(?:offer|provide|handle|use|lend|accept)\b|"
    r"\b(?:does|do)\s+(?:[\w&.-]+\s+){1,4}(?:offer|provide|handle|use|lend|accept)\b|"
    r"\b(?:is|are)\s+(?:[\w&.-]+\s+){1,4}(?:offering|providing|handling|using|lending|accepting|doing|making|writing)\b",
    re.I,
)


#: Whether one may do something (できる, 使える, "can I", eligible): a scheme's rules answer it
#: wherever the asker is.
_ELIGIBILITY = re.compile(
    r"できる|できます|出来る|使える|使えます|なれる|なれます|借りられ|借りれ|対象|\bcan (?:i|we|my|our|a|an|it|they|the)\b|"
    r"\beligible\b|\bqualif|\ballowed\b|\bmay (?:i|we|a|an)\b",
    re.I,
)
#: An article of a law: 第30条, 法45条, "Article 62" (not 9条 inside 第19条).
_ARTICLE = re.compile(r"(?:第|法|令)(\d+)条|\b(?:Article|Art\.?)\s*(\d+)\b")


#: A law's parts other than its articles: its supplementary provisions and its schedules.
_LAW_PART = re.compile(r"附則|別表|見直し規定|\bsupplementary provisions?\b|\bschedule \d+\b|\breview (?:clause|provision)s?\b", re.I)
#: A quoted name, and what makes it the title of a document rather than a quoted word.
_QUOTED_TITLE = re.compile(r"「([^「」]{4,60})」|『([^『』]{2,60})』|\"([^\"]{6,80})\"|“([^”]{6,80})”")
_TITLE_LIKE = re.compile(
    r"事例集|ハンドブック|ガイドブック|ガイドライン|手引|マニュアル|報告書|白書|指針|考え方|Q&A|FAQ|"
    r"\b(?:Handbook|Guide|Guidebook|Guidelines|Report|Manual|White Paper|FAQ)\b|(?:19|20)\d{2}",
)
#: Words that say which of a series, not what a figure is of.
_ORDER_WORDS = frozenset({"first", "last", "latest", "next", "previous", "second", "third", "final"})
_ORDER_WORDS_JA = re.compile(r"最終回?|最後|前回|次回|今回|第\d+回|\d+回目")


#: "Is that right?" after a statement: whether the statement holds is asked.
#: ("Is that figure right?": the figure stated is what holds or not)
_HOLDS = re.compile(
    r"\s*\b(?:is|was) (?:that|this|it)(?: (?:figure|number|ratio|split|claim|statement|amount|rate|share|percentage|data))?"
    r" (?:right|correct|accurate|true)\s*[?？]*\s*$",
    re.I,
)
#: A question asking a part of what was counted (「その中で」, 「そのうち」, 「…だけ」).
_PART_OF = re.compile(r"その中で|そのうち|うち(?!の)|内訳|だけ|のみ|単独|\balone\b|\bonly\b", re.I)
#: Words for a thing of any kind (「新たに導入されたツール」): the answer names it by its own name.
_ANY_THING = frozenset({"ツール", "道具", "手段", "もの", "モノ", "やつ", "サービス"})
#: A make-up asked by kinds given as examples (「メガバンク系・地銀・信金などの業態別内訳」).
_EXAMPLE_KINDS = re.compile(r"(?:など|等|といった|とか)の?[^。？?]{0,8}?内訳")
#: The part a question asks the figure of, named after 「そのうち」 or 「その内訳として、」
#: (「そのうち信金の人は何人？」: 信金).
_PART_NAMED = re.compile(
    r"(?:その(?:うち|中で|内訳(?:として|で|は|を見ると)?)|(?<![ぁ-ん])うち(?!の|は|で|に|が|も)|\d[一-龥]{0,3}のうち)、?\s*"
    r"([一-龥ァ-ヶー]{2,}(?:(?:とか|や|と|・|、)[一-龥ァ-ヶー]{2,})*)"
)
#: The part an English follow-up asks the count of ("how many of those were shinkin banks?").
_PART_NAMED_EN = re.compile(
    r"\bhow (?:many|much) of (?:those|them|these|that|this|it)\b[^?]*?\b(?:"
    r"(?:was|were|is|are) (?:lent|provided|given|made|issued|put (?:in|up)|contributed|funded|paid|financed|covered|borne|raised) by"
    r"|(?:were|are|was)(?: from)?|went to|came from)\s+(?:the\s+)?"
    r"([a-z][a-z -]{2,40}?)(?:\s+(?:alone|only|itself|themselves))?\s*\??\s*$",
    re.I,
)
#: A whole the question states before asking a part of it ("Of the 4.38 billion yen lent
#: …, how much came from shinkin banks?"): read as "how much of that came from …".
_OF_THE_WHOLE = re.compile(
    r"^\s*(?:and\s+)?(?:out\s+)?of\s+(?:the|that|those|these|this)\b[^,?]{3,},\s*"
    r"(?:how (many|much)|what (?:share|portion|proportion|percentage|fraction|%))\b",
    re.I,
)
#: …in Japanese, a figure the question states and 「のうち」 (「融資総額43.8億円のうち、」).
_JA_STATED_WHOLE = re.compile(r"\d[一-龥]{0,3}のうち")
_TOLD_WHOLE = re.compile(r"[^、。？?\s][、,]\s*(?:その|この)うち")
#: A place a part is named by ("banks *based in tokyo*", "lenders in osaka").
_BASED_IN = re.compile(r"\b(?:based|located|headquartered)?\s*(?:in|from)\s+([a-z][a-z-]{2,})\b", re.I)
#: Words for any kind of body, beside the word that says which kind (shinkin *banks*): the
#: head of the part, before a place if any, not a word inside it ("financial institution staff").
_GENERIC_KIND_EN = re.compile(
    r"\b(?:banks?|institutions?|lenders?|companies|company|firms?)\b"
    r"(?=\s*$|\s+(?:based|located|headquartered|in|from)\b)",
    re.I,
)
#: What joins the kinds a part lists (「銀行とか金融機関」).
_PART_LIST = re.compile(r"とか|や|と|・|、")
#: The rest of a whole asked for what it was made of (「金融機関職員以外の参加者の内訳」,
#: 「銀行の人以外ってどんな人が多かったの？」): the part set aside, before 以外.
_REST_ASKED = re.compile(
    # (not the other items of a list counted, 「…方法以外の二つはどのようなもの」)
    r"([一-龥ァ-ヶー]{2,}(?:の[一-龥ァ-ヶー]{1,3})?)以外(?!の?[0-9０-９一二三四五六七八九]+つ)(?:の|って|は|で)?[^。？?()]{0,12}?(?:\([^)]{0,40}\)[^。？?()]{0,4}?)?"
    r"(?:内訳|どんな|どういう|どのような|何が多|誰が多|構成)"
)
#: A unit speaking of the rest (「…以外」, 「その他」, 「残り」).
_SAYS_REST = re.compile(r"以外|その他|そのほか|他の|ほかの|残り|\bothers?\b|\brest\b")
#: Examples the question gives of the rest (「（企業・士業・支援機関等）」, 「士業とか？」).
_REST_EXAMPLES = re.compile(r"[（(]([^）)]{2,40})[）)]|([一-龥ァ-ヶー]{2,8})(?:とか|など|等)")
#: Short names of kinds of bank and their full names (信金: 信用金庫).
_SHORT_KIND = {"信金": "信用金庫", "信組": "信用組合", "地銀": "地方銀行", "労金": "労働金庫"}
#: A question asking figures each on its own ("separately", 「それぞれ」, 「別々に」).
_SEPARATELY = re.compile(
    r"\bseparately\b|\brespectively\b|\bbroken down\b|\balone\b|\bnot counting\b|\bexcluding\b|それぞれ|別々|個別に", re.I
)


#: Words that make a party a side of a deal (金融機関側, 銀行サイド).
_SIDE = frozenset({"側", "サイド"})
#: Two names given one figure together: 「上海と深圳」, 「みずほ・りそな」, "Shanghai and Shenzhen".
def _own_figure(name: str, text: str) -> bool:
    """``text`` gives ``name`` a figure of its own (「みずほ3件」, 「商標は約…」), not only jointly."""
    return re.search(rf"{re.escape(name)}(?:は|が|で|:|：)?\s*(?:約)?\d", text) is not None


#: A thing asked alone (「商標だけだと」, 「特許のみの」).
_ALONE_JA = re.compile(r"([一-龥ァ-ヶー]{2,6})(?:だけ|のみ|単独|単体)")
_JOINED_JA = r"(?:と|・|及び|および|や)"
_JOINED_EN = r"(?: and | & |, )"
#: Words for the aspect of a figure asked (its trend, level, usual value), not what it is of.
#: (and the frame it is asked in: 「どこの会社の話？」, 「保険でカバーした例」, 「2023年の1年間で」,
#: 「金融機関が負う部分は何割」)
_ASPECT = re.compile(
    r"推移|動向|部分|分|全体|全部|合計|総計|トータル|概数|概算|およその数|変化|変遷|伸び|増減|傾向|状況|水準|相場|目安|平均|実態|現状|話|例|事例|ケース|\d*年間|通年|trends?|changes?|levels?", re.I
)
#: A list of three or more names (「米国・中国・韓国・シンガポール・ドイツ」, "the US, China,
#: Korea, Singapore and Germany").
_PLACE_LIST_JA = re.compile(r"[一-龥ァ-ヶー]{1,10}(?:・[一-龥ァ-ヶー]{1,10}){2,}")
_PLACE_LIST_EN = re.compile(r"(?:(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)?, ){2,}(?:and )?(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)?")
#: A word for a point in time (年 of 「やった年」, 時期, 当時): when a figure is asked for.
_WHEN_WORD = re.compile(r"[年月日週]|年度|時期|頃|ころ|当時|時点|とき|時|前|以前|当初|最初|元々|今|現在|昔")
#: A compound naming a figure (融資額, 不良債権比率, 受益企業数), and the words that do.
_FIGURE_WORD = re.compile(r"(?:金額|件数|比率|割合|残高|額|率|数)$")
#: What follows the word a figure is asked of (「資本金の額」「求償権の回収率」「創業何年」
#: 「保証料はいくら」).
_FIGURE_OF = r"(?:の(?:具体的な)?[一-龥]{0,3}(?:額|率|件数|割合|比率|上限|下限)|(?:は|って)?(?:何年|何件|何社|何%|何％|何割|いくら))"
#: (and how it is totalled: 融資総額 is a total of 融資, 累計発行本数 a count of what was issued)
_FIGURE_TOKENS = {
    "金額", "件数", "比率", "割合", "残高", "額", "率", "数", "総額", "本数", "総数", "人数", "社数", "合計", "累計", "累積", "延べ",
    # (a count of banks by their counter: 参加行数 counts 参加 banks, 「参加銀行は約220行」)
    "行数", "行",
}


def _title_cited(title: str, lowered: str) -> bool:
    """Whether passages (``lowered``) cite a document by ``title`` as the asker may have
    written it: verbatim, or with its kind (事例集, Handbook, a year) and most of its words
    (「経営者保証ガイドライン」 for 「経営者保証に関するガイドライン」; an English title
    translated another way)."""
    if title.lower() in lowered:
        return True
    kind = _TITLE_LIKE.search(title)
    if kind and kind.group(0).lower() not in lowered:
        return False  # no passage speaks of such a 事例集 / Handbook at all
    words = content_terms(title)
    return bool(words) and sum(w.lower() in lowered for w in words) / len(words) >= TITLE_WORDS


#: Nouns that name a figure, not a thing a claim is about (「特許の金額がでるの？」).
#: A value said of a thing rather than the thing (「負担なし」, 「無料」, 「タダ」).
_NO_CHARGE = re.compile(r"(?:なし|無し|ゼロ|無料|タダ)$")
#: A question word inside a noun run (「通算いくつに達し」): a figure asked, not a thing claimed.
_QUESTION_WORD = re.compile(r"いくつ|いくら|なんぼ|何|どれ|どの")
_FIGURE_NOUNS = frozenset({"金額", "件数", "割合", "比率", "規模", "数字", "数値", "額", "値段"})
#: Nouns of a scheme's reach (「…の枠組みに入る」, 「対象に含まれる」): whether a thing falls within a
#: rule is asked, and the rule's own words say so (「…は責任共有制度の対象外」), not the frame's.
_REACH_NOUNS = frozenset({"枠組み", "枠", "範囲", "範疇", "対象", "カテゴリー", "カテゴリ"})


#: Who a choice is for: the asker ("we", 「うち」, 弊社).
_OWN = re.compile(
    r"\b(?:i|we|us|me|my|our|i'm|we're)\b|うち|弊社|当社|自社|わが社|我が社|私|僕|俺|オレ|自分"
    # (said of oneself with no pronoun: 「いま個人事業でやってて」「自宅を担保に入れたくないんだけど」)
    # (not a reason for asking a fact: 「…判断したいので、違いを教えて」)
    r"|(?:で|を)やって(?:て|る|ます|いて)|(?:たい|たくない)ん(?:だ|です)?(?:けど|けれど)",
    re.IGNORECASE,
)
#: Asking which option to take (「乗り換えたほうがいい？」「どっちがいい」「頼むべきか」, "should
#: we … or …", "which is better for us", "what would you recommend"); not what the documents
#: say one should do (「どうすべきと言われてる？」).
_OWN_CHOICE = re.compile(
    r"(?:ほう|方)が(?:いい|良い|よい|得|マシ|まし)(?:の|ん)?(?:か|かな|です|でしょう)?(?:かね|か|ね)?[？?]"
    r"|(?:ほう|方)が(?:いい|良い|よい|得)(?:の|ん)?(?:か|かな)[、,]"
    r"|(?:どっち|どちら)(?:が|の(?:ほう|方)が)(?:いい|良い|よい|得|おすすめ|お勧め|向いて)"
    # (「どっち選んだほうが得なん？」)
    r"|(?:どっち|どちら|どれ)[^。？?]{0,12}(?:ほう|方)が(?:いい|良い|よい|得|マシ|ええ|有利)"
    r"|べき(?:か|でしょうか|ですか|なの|なん)"
    r"|(?:の|が)ままが(?:いい|良い|よい)"
    r"|\bshould (?:i|we)\b[^?]*\bor\b|\bshould (?:i|we|my [\w-]+|our [\w-]+) (?:drop|switch|refinance|replace|move|go for|go with|stick with|keep|choose|pick|opt for)\b"
    # ("which bank in japan is the best one to go to if i want to borrow …")
    r"|\bwhich\b[^?]{0,60}\b(?:best|better)\b[^?]{0,60}\b(?:if|when|as) (?:i|we)\b"
    r"|\bwhich\b[^?]{0,40}\b(?:works? out|comes? out)\b[^?]{0,20}\b(?:cheaper|better)\b"
    r"|(?:ほう|方)が(?:ええ|えぇ)(?:の|ん)?(?:か|かな)?"
    # (ipfin asked to judge the asker's case: 「外してくれそうか判断してくれない？」)
    r"|判断して(?:くれ|もらえ|ほしい|欲しい|ください|下さい)|\b(?:can|could) you (?:judge|assess|evaluate) (?:whether|if) (?:i|we|my|our)\b"
    r"|\bwhich\b[^?]{0,40}\b(?:better|best|smarter|wiser|cheaper)\b[^?]{0,30}\b(?:for (?:us|me|my|our)|in (?:our|my) case)\b"
    r"|\b(?:better|best) (?:option |choice |route |deal )?for (?:us|me)\b"
    r"|\bwhat (?:would|do) you (?:recommend|suggest|advise)\b|\bdo you (?:recommend|think (?:i|we) should)\b",
    re.IGNORECASE,
)
#: A sentence asking a fact (what, when, 何, いつ): asked beside a choice, it is answered.
_ASKS_FACT = re.compile(r"\b(?:what|when|who|how|where|which)\b|何|いつ|どう|どこ|誰|だれ|いくら|どれくらい|どのくらい", re.IGNORECASE)


def _under_named(name: str, text: str) -> bool:
    """``text`` asks within what ``name`` provides: "under / according to / in accordance
    with NAME", 「NAMEでは」「NAMEだと」「NAME上」「NAMEに基づ…」."""
    e = re.escape(name)
    return bool(
        re.search(rf"\b(?:under|according to|per|in accordance with|pursuant to|as required by)\s+(?:the\s+)?{e}(?![A-Za-z-])", text, re.I)
        or re.search(rf"(?<![A-Za-z-]){e}(?:では|だと|上[のでは、]|に基づ|によると|によれば)", text)
    )


#: The case a question asks under: "if / in case / in the event (that) / once …" up to the
#: clause that asks; 「…たら」「…場合」「…際」「…と、」「…ば」 in Japanese context.
#: (opening a sentence, or after "what happens …": "my bank guy says if i use …" and "trying
#: to figure out if its worth anything" tell, they set no case)
_EN_CONDITION = re.compile(
    r"(?:^\W*|[.?!]\s+|\bwhat happens\b[^?]*?,?\s*)(?:if|in case|in the event(?: that)?|once)\s+"
    r"([^?,;]+?)(?=,|\?|\s+(?:does|do|did|will|would|can|could|what|whats|how|who|then)\b"
    # ("if it is sold is my house safe": a verb that opens the main clause, not one of the case)
    r"|\s+(?:is|are)\s+(?:the|my|our|your|their|there|it|this|that|any|a|an)\b|$)",
    re.I,
)
_JA_CONDITION = re.compile(r"たら|だら|場合|(?<![実交国])際(?=[、,にはの])|(?<=[るた])と[、,]|(?<=[えけせてねべめれ])ば(?=[、,])")
#: How much of a condition names its case: the first CONDITION_WORDS words of an English one,
#: the words of a Japanese one's clause that end it, CONDITION_CHARS characters or just more.
CONDITION_WORDS = 6
CONDITION_CHARS = 16
#: An English word of a case is judged from this many letters: shorter ones are often
#: shorthand ("thru", "corp") the documents spell out.
CONDITION_MIN_EN = 5
#: How a firm speaks of itself or of the one it addresses (当行, 弊社, 貴社): no case.
_SELF_OR_YOU = re.compile(r"(?:当|弊|自|貴|御)(?:行|社|庫|金庫|所|組合|方)|我が社|わが社|うち")
#: The work a question is asked of ("per the Deloitte article", "according to the FSA's
#: report", 「デロイトの記事では」): the source, not what is asked about.
_PER_WORK = re.compile(
    rf"\b(?:per|according to|in|from)\s+(?:the\s+)?[\w&.'’ -]{{1,40}}?\b(?:{WORK_NOUNS_EN})\b"
    rf"|[一-龥ァ-ヶーA-Za-z]{{1,12}}の(?:{WORK_NOUNS_JA})(?:では|だと|やと|によると|によれば|に)",
    re.I,
)
#: The asker's own party in an English question ("our japanese subsidiary", "my company").
_OWN_EN = re.compile(
    r"\b(?:our|my)\s+((?:[a-z-]+\s+){0,2}(?:subsidiar(?:y|ies)|subs?|parent|company|companies|firm|start-?up|team|office|factory"
    r"|plant|branch|affiliate|fund|hq|headquarters|kk|entity|cfo|ceo|boss|partners?|clients?|customers?))\b",
    re.I,
)


def _own_words(text: str) -> set[str]:
    """The words of the asker's own party in an English question (:data:`_OWN_EN`)."""
    return {w.lower() for m in _OWN_EN.finditer(text) for w in m.group(1).split()}


#: Words of an English condition that name no case ("merge with another company later").
_EN_FILLER = frozenset(
    {"another", "other", "later", "instead", "also", "again", "still", "even", "then", "now", "soon", "same", "own", "itself"}
    # ("files electronically rather than on paper": how, not the case)
    | {"rather", "than"}
    # (vague nouns: "one of these charge things", "machines and stuff")
    | {"thing", "things", "stuff", "something", "anything", "whatever", "kind", "sort"}
    # (a preposition's noun: "on a borrower's behalf", "for the sake of")
    | {"behalf", "sake"}
)
#: Everyday English verbs a case is told with ("if a lender *accepts* a negative pledge",
#: "if we *agree* to …"): what the case is about is their object, not the verb.
_EN_CASE_VERBS = frozenset(
    form
    for verb in ("accept", "agree", "choose", "decide", "offer", "sign", "take", "want", "need", "use", "ask", "allow", "prefer", "opt")
    for form in (verb, f"{verb}s", f"{verb}ed", f"{verb}d", f"{verb}ing", f"{verb.removesuffix('e')}ing")
) | {"took", "taken", "chose", "chosen"}
#: Talk around an English question ("wait really, the whole business gets transferred?").
_EN_TALK = frozenset({"wait", "really", "gets", "get", "got", "okay", "ok", "hmm", "huh", "actually"})


#: A kanji: an event verb written in kana alone (バレる, コケる) is often slang the documents
#: would say in other words.
_KANJI = re.compile(r"[\u4e00-\u9fff]")
#: How an asker frames a case (「…と比較した場合」「…を検討する際」): no event in it.
_FRAMING = frozenset({"比較", "検討", "想定", "仮定", "考慮", "換算", "対比", "参照", "前提"})
#: The markers of a case that happens (「合併したら」「合併したあと」), not of one an asker
#: sets out (「…を取得する場合」「…を計上する際」 asks of the asker's own practice).
_EVENT_MARKERS = frozenset({"たら", "だら", "あと", "後"})
#: What follows an event as a case does (「合併したあとの会社」「亡くなった後に」).
_JA_AFTER = re.compile(r"(?<=た)(?:あと|後)(?=[のにでもは、,])")
#: An action noun with 後 after it, as a case (「合併後の会社」「死亡後に」).
_JA_NOUN_AFTER = re.compile(r"([一-龥]{2,})後(?=[のにでもは、,])")


def _head(tokens: list[Token]) -> int:
    """The index of a clause's last word that is neither an ending (た, だら), a particle nor a
    helping verb (する, なる, いる): the verb or noun its case turns on."""
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        if not (t.pos in ("助動詞", "助詞", "接尾辞") or (t.pos == "動詞" and t.pos2 == "非自立可能")):
            return i
    return -1


def _noun_run(tokens: list[Token], end: int) -> str:
    """The nouns written in a row up to ``tokens[end]`` (民事+再生 → 民事再生)."""
    start = end
    while start and tokens[start - 1].pos == "名詞":
        start -= 1
    return "".join(t.surface for t in tokens[start : end + 1])


def _stem_known(known: Callable[[str], bool]) -> Callable[[str], bool]:
    """``known``, trying an English word without its ending too ("grants": grant); the index
    holds words as written, so a stem (Lexicon's Snowball "guarante") would not do."""
    return lambda t: known(t) or (t.isascii() and any(known(x) for x in {t[:-1], re.sub(r"(?:ed|ing|es|s)$", "", t)} if len(x) > 2))


#: Verbs of saying or thinking: they name no event a case happens in (「そういう場合」).
_SAYING = frozenset({"言う", "云う", "思う", "考える"})


class Refusals:
    def __init__(self, lexicon: Lexicon, min_coverage: float, min_similarity: float) -> None:
        self.lexicon = lexicon
        self.min_coverage = min_coverage
        self.min_similarity = min_similarity

    def before_ranking(self, q: QuestionFrame, cov: float, similarity: float, asked: float) -> str:
        """Why the documents cannot answer, or "" when they may."""
        # Something the documents never mention: a figure or quantity asked about it (火星の
        # 制度の上限額) cannot be in them; nor who/when/how much about an unknown place.
        # (a check of a claim naming one, "Wasn't the first auction held in London around
        # 2010?", is answered by what the documents say happened)
        checking = checks_claim(q.typed or q.text)
        if q.unknown_entities and (q.figure or q.quantities) and not checking:
            return "unknown_entity"
        if q.unknown_places and q.intent in ("who", "when", "howmuch") and not checking:
            return "unknown_entity"
        # Nor how things stand in a place they never mention ("Is IP finance common in
        # India?"); whether one may use a national scheme there (「静岡の会社でも使える？」)
        # is still answered by the scheme's rules.
        if q.unknown_places and not _ELIGIBILITY.search(q.text) and not checking:
            return "unknown_entity"
        # A bank the documents never name: what it did, offers, charges or decided is not in
        # them (「城南信金って評価書つかって融資してくれたことある？」, 「ゆうちょ銀行って…融資
        # やってくれる？」); whether one may borrow there is still answered by the rules.
        if q.unknown_institutions and (q.intent in ("who", "when", "howmuch") or _RECORD.search(q.text) or _OFFERS.search(q.text)):
            return "unknown_entity"
        # What a party or a place the documents never name has done or does now (「トヨタも
        # 使ってるの？」「名古屋の地銀でやってるとこ」"Does MUFG offer …?") is not in them either.
        # (what the asker says of themselves before asking, 「京都でパン屋やってて、…してるんやけど、
        # …使えるん？」, is no doing of the place's: read in the clause that asks)
        asking = asked_clause(asking_sentences(q.text)) if q.lang == "ja" else q.text
        if (q.unknown_entities or q.unknown_places) and (_RECORD.search(asking) or _PRACTICE.search(asking)):
            return "unknown_entity"
        # …nor what such a party offers (「三菱UFJって特許担保で貸してくれる商品ある？」).
        if q.unknown_entities and (_PRODUCT_ASKED.search(q.text) or _OFFERS.search(q.text)):
            return "unknown_entity"
        # …nor what a rulebook they never name provides ("Under J-GAAP, how should …",
        # 「IFRSだと…」): the question asks within it.
        if any(_under_named(e, q.text) for e in q.unknown_entities):
            return "unknown_entity"
        if q.lang == "ja" and cov < NO_COVERAGE:
            return "key_terms"
        if asked >= ASKED_ANSWERABLE:
            return ""
        if q.lang == "en":
            # English words are not in Japanese text: judge by meaning across languages.
            if similarity < EN_MIN_SIMILARITY and cov < self.min_coverage:
                return "key_terms" if cov < WEAK_COVERAGE else "weak"
            return ""
        # Either signal alone refuses too much: users ask with everyday words the
        # documents never use (low coverage, high similarity), and out-of-scope
        # questions can share a word with the corpus (東京). Abstain when both are weak.
        if cov < self.min_coverage and similarity < self.min_similarity:
            return "key_terms" if cov < WEAK_COVERAGE else "weak"
        return ""

    def unsaid_clause(
        self, question: str, q: QuestionFrame, idf: Callable[[str], float], known: Callable[[str], bool], tokens: set[str]
    ) -> list[str]:
        """The key terms of a yes/no question's asked clause that the passages (``tokens``)
        lack, when they lack most of them (:data:`CLAUSE_COVERAGE`): 「企業価値担保権つけたら
        株主総会に銀行の人が出てくるの？」 is retrieved by its context, but the passages never
        speak of 株主総会. A verb the vocabulary puts in the documents' words that the passages
        use answers it (「設定しても設備を売ったりできる？」: 売る ~ 処分). Empty otherwise, and
        for a question with no context before what it asks. An English question is judged by
        its main clause (:meth:`_unsaid_english_clause`)."""
        if q.intent != "yesno":
            return []
        if q.lang == "en":
            # ("… splits losses 44:36:16:4. Is that right?" asks whether the statement holds)
            return self._unsaid_english_clause(_HOLDS.sub("", question) or question, idf, known, tokens)
        clause = asked_clause(question)
        if clause == question or "?" in normalize(question).replace(normalize(clause), ""):
            return []  # no context, or a question of its own before this one
        groups = term_groups(clause, idf, self.lexicon, known)
        holders = {m.group(1) for m in _TOLD_HOLDER.finditer(clause)}
        asked = [g for g in groups if g.topical and not casual(g.term) and g.term not in holders]
        if not asked or any(g.predicate and len(g.alternatives) > 1 and group_found(g, tokens) for g in groups):
            return []
        if coverage(asked, tokens) >= CLAUSE_COVERAGE:
            return []
        return [g.term for g in asked if not group_found(g, tokens)]

    def unsaid_condition(
        self,
        question: str,
        q: QuestionFrame,
        idf: Callable[[str], float],
        known: Callable[[str], bool],
        tokens: set[str],
        phrase: Callable[[list[str]], int] | None = None,
    ) -> list[str]:
        """The key terms of the condition a question asks under that the passages (``tokens``)
        never use: 「…取引先の会社と合併することになったら担保ってどうなるの」 when no passage
        speaks of 合併, "If the borrower files for civil rehabilitation …, does …?" when none
        speaks of rehabilitation. What happens in a case the documents never speak of is not
        in them, however well they cover the rest. Only words the index never uses count;
        everyday words and verbs are left to the other checks (a verb may be said in other
        words: 返せなくなったら ~ 債務不履行)."""
        # (the case is what its verb says happens, near the marker: 「…と合併することになったら」,
        # "files for civil rehabilitation"; words before describe who or what)
        if q.lang == "en":
            m = _EN_CONDITION.search(question)
            words = m.group(1).split() if m else []
            if m and all(re.search(rf"\b{re.escape(w)}\b", question[: m.start()], re.I) for w in words):
                # ("… in-house, or is it outsourced? If outsourced, to what kind of body?": the
                # case is one the question has just asked about, no new event)
                return []
            # (and its last words: a long case says what happens at its end, "if a company
            # that has granted an enterprise value charge is absorbed in a merger")
            condition = " ".join(words[:CONDITION_WORDS] + words[CONDITION_WORDS:][-CONDITION_WORDS:])
        elif "whatif" not in q.intents:
            # (「当行が…場合、費用負担は発生しますか」 asks a fact under a case of its own; only
            # the event it names counts: 「合併したら…担保が広がるん？」「社長が亡くなった場合…」)
            return self._unsaid_event(question, known, phrase)
        else:
            # (up to the last marker of a case with something asked after it)
            # (in its own sentence: 「社員30人の食品加工やってます。」 before it tells who asks)
            ends = [m.end() for m in _JA_CONDITION.finditer(question) if len(question) - m.end() >= 3]
            clause = re.split(r"[。！？!?、,]", question[: ends[-1]])[-1] if ends else ""
            # (whole words, from the marker back: 「万一つぶれたら」, not 「…値担保権で…」)
            kept: list[str] = []
            for token in reversed(tokenize(clause)):
                if sum(map(len, kept)) >= CONDITION_CHARS:
                    break
                kept.insert(0, token.surface)
            condition = "".join(kept)
        if not condition:
            return []
        own = _own_words(question)
        groups = term_groups(condition, idf, self.lexicon, known)
        asked = [
            g
            for g in groups
            if g.topical
            and not g.predicate
            and not casual(g.term)
            and len(g.term) > 1
            and g.term.lower() not in _EN_FILLER
            and not (g.term.isascii() and len(g.term) < CONDITION_MIN_EN)  # ("thru", "corp": shorthand)
            and g.term.lower() not in _EN_CASE_VERBS
            and not _SELF_OR_YOU.fullmatch(g.term)
            # ("if our japanese subsidiary gets a loan": the asker's own party is no event)
            and g.term.lower() not in own
        ]
        # (and never in the index at all: 借り手 or "grants", said elsewhere, may be said of
        # the case in other words; 合併, 会社更生 or "rehabilitation", nowhere, is not)
        unsaid = [
            g.term
            for g in asked
            if not group_found(g, tokens) and not any(all(map(_stem_known(known), alt)) for alt in g.alternatives if alt)
        ]
        # (a verb is an event too: 「社長が急に死んだりしたら…どうなるの？」)
        return unsaid or (self._unsaid_event(question, known, phrase) if q.lang == "ja" else [])

    def _unsaid_event(
        self, question: str, known: Callable[[str], bool], phrase: Callable[[list[str]], int] | None = None
    ) -> list[str]:
        """The event a Japanese question's case names when the index never speaks of it: the
        verb its marker attaches to (亡くなった場合 → 亡くなる, 死んだら → 死ぬ) or an action
        noun done in it before たら/だら/あと (合併したら, 合併したあとも → 合併). Words of who
        or what (当行, 評価書) are no event; nor a casual word (つぶれたら, in everyday.yaml), a
        kana verb (バレたら, コケたら), which the documents may say in other words, a framing
        noun (比較した場合), what one does to a thing (融資を稟議したら), or an action noun
        under 場合/際 (「…を取得する場合」 sets out the asker's own practice) or wanted
        (「移転したいってなったら」: the asker's plan). A compound the
        case turns into (民事再生になったら) or that its verb is done with (民事再生を申し立てたら)
        counts when the index never has its words together (``phrase``: how many chunks hold
        them in a row), though it has each apart; so does an action noun before 後 (合併後の会社)."""
        events: list[str] = []
        for m in (*_JA_CONDITION.finditer(question), *_JA_AFTER.finditer(question)):
            if len(question) - m.end() < 3:
                continue
            tokens = tokenize(re.split(r"[。！？!?、,]", question[: m.start()])[-1])
            head = _head(tokens)
            for i, token in enumerate(tokens):
                after = tokens[i + 1] if i + 1 < len(tokens) else None
                acted = (
                    token.pos == "名詞"
                    and after is not None
                    and after.pos == "動詞"
                    and after.norm == "為る"
                    and token.norm not in _FRAMING
                    and m.group() in _EVENT_MARKERS
                    # (「融資を稟議したら」: what one does to a thing is practice, not an event)
                    and not (i and tokens[i - 1].surface == "を")
                    # (「移転したいってなったら」: what the asker wants to do is their plan, as
                    # 「…する場合」 is their practice)
                    and not (i + 2 < len(tokens) and tokens[i + 2].norm == "たい")
                )
                # (a verb of saying or thinking is no event: 「そういう場合」「…と思った場合」; nor a
                # kana verb Sudachi reads as another, 「返済とまったら」 as と + 待つ)
                if acted or (
                    token.pos == "動詞"
                    and token.pos2 == "一般"
                    and i == head
                    and token.norm not in _SAYING
                    and token.norm not in LIGHT_VERBS  # (「実行に至った場合」: the event is 実行)
                    and _KANJI.search(token.surface)
                ):
                    events.append(token.surface if acted else token.norm)
            if 0 <= head < len(tokens) - 2 and tokens[head + 1].surface == "に" and tokens[head + 2].norm == "成る":
                # (what the case turns into: 「民事再生になったら」)
                events.append(_noun_run(tokens, head))
            verb = head  # (申し+立て: the verb's first word)
            while verb > 0 and tokens[verb].pos == "動詞" and tokens[verb - 1].pos == "動詞":
                verb -= 1
            # (what an event verb is done with, a compound: 「民事再生を申し立てたら」)
            done_with = verb >= 2 and tokens[verb].pos == "動詞" and tokens[verb - 1].surface == "を" and tokens[verb - 2].pos == "名詞"
            if done_with and len(run := _noun_run(tokens, verb - 2)) > len(tokens[verb - 2].surface):
                events.append(run)
        for m in _JA_NOUN_AFTER.finditer(question):
            # (an action noun before 後: 「合併後の会社」「死亡後に」)
            last = tokenize(m.group(1))[-1]
            if last.pos3 == "サ変可能" and last.surface not in _FRAMING:
                events.append(last.surface)
        return [
            e
            for e in dict.fromkeys(events)
            if len(e) > 1
            and _KANJI.search(e)
            and not casual(e)
            and not self.lexicon.everyday_in(e)
            and not _SELF_OR_YOU.fullmatch(e)
            and (
                not any(known(t) for t in content_terms(e))
                or (phrase is not None and len(content_terms(e)) > 1 and not phrase(content_terms(e)))
            )
        ]

    def _unsaid_english_clause(
        self, question: str, idf: Callable[[str], float], known: Callable[[str], bool], tokens: set[str]
    ) -> list[str]:
        """:meth:`unsaid_clause` for an English question: the main clause of its asking
        sentences, without a subordinate clause before or after it. ``tokens`` (the passages'
        index terms) hold the words of their units' English renderings and annotated
        questions too."""
        # (several sentences: those that ask; a statement among them says who asks and why)
        sentences = _EN_SENTENCE.split(question.strip())
        # (the last one asks without its "?" when it opens as a question does: "… grab
        # everything? is there a minimum amount")
        asking = [s for k, s in enumerate(sentences) if s.rstrip().endswith("?") or (k and k == len(sentences) - 1 and _OPENS_QUESTION.match(s))]
        asking = [s for s in asking if not _ASKS_SOURCE.match(s)] or asking
        sentence = _TRUE_THAT.sub("", " ".join(asking) if asking else question)
        clause = _EN_TRAILING_CLAUSE.sub("", _EN_LEADING_CLAUSE.sub("", _EN_RELATIVE_CLAUSE.sub("", sentence)))
        # (not the asker's own party, "if our japanese subsidiary (an SME) gets a loan", nor
        # a word of talk, "wait really, …")
        own = _own_words(clause)
        asked = [
            g
            for g in term_groups(clause, idf, self.lexicon, known)
            if g.topical and len(g.term) > 1 and g.term.lower() not in own and g.term.lower() not in _EN_TALK
        ]
        if not asked:
            return []
        unsaid = [g.term for g in asked if not group_found(g, tokens)]
        # A word qualified by an owner the passages never name ("shareholders' meeting": 会合
        # of the WG is no shareholders' meeting) is unsaid with it.
        lowered = clause.lower()
        unknown = [g.term for g in asked if g.term in unsaid and g.alternatives == ((g.term,),)]
        for g in asked:
            if g.term not in unsaid and any(
                re.search(rf"\b{re.escape(w)}(?:'s|s'|')\s+{re.escape(g.term.lower())}\b", lowered) for w in unknown
            ):
                unsaid.append(g.term)
        return unsaid if 1 - len(unsaid) / len(asked) < EN_CLAUSE_SHARE else []

    @staticmethod
    def unsaid_claim(question: str, groups: list[TermGroup], tokens: set[str]) -> list[str]:
        """The claim a Japanese question asks about, when the passages never speak of it:
        its last content verb and the noun tied to it by a case particle (役員を送り込む),
        neither of which the passages (``tokens``) use in any of the words the vocabulary
        knows for them (``groups``: the question's). A verb in a clause of context
        (「返済が止まったら、」) is not what is asked. Empty when the passages have either."""
        toks = tokenize(question)

        def content_verb(i: int) -> bool:  # 送り込む; 派遣 of 派遣する
            t = toks[i]
            if t.pos == "動詞":
                return t.pos2 == "一般" and t.norm not in LIGHT_VERBS
            return t.pos3 == "サ変可能" and i + 1 < len(toks) and toks[i + 1].norm == "為る" and t.surface not in _ASKING_NOUNS

        verbs = [i for i in range(len(toks)) if content_verb(i)]
        if not verbs or verbs[-1] < 2:
            return []
        i = verbs[-1]
        if any(t.pos2 == "読点" or t.surface == "たら" or (t.pos2 == "接続助詞" and t.surface not in "てで") for t in toks[i + 1 :]):
            return []
        if _JUDGED_BY.match("".join(t.surface for t in toks[i + 1 :])):
            return []  # 「法157条の規定に照らして正確でしょうか」: what the claim is judged by, no claim
        verb, particle = toks[i], toks[i - 1]
        if particle.pos != "助詞" or particle.surface not in _CASE_PARTICLES:
            return []
        k, run = i - 2, []
        while k >= 0 and toks[k].pos in ("名詞", "接頭辞", "接尾辞") and toks[k].pos2 != "代名詞":
            run.insert(0, toks[k].surface)
            k -= 1
        phrase = "".join(run)
        if casual(phrase) or phrase in _FIGURE_NOUNS or _QUESTION_WORD.search(phrase):
            return []  # 「実際につかえる」 says when, 「金額がでる」 asks a figure: no claim of a thing
        if phrase in _REACH_NOUNS or phrase.endswith(tuple(_REACH_NOUNS - {"枠"})):
            return []  # 「…責任分担の枠組みに入るの」 asks whether a rule reaches it
        if k >= 0 and toks[k].surface in _WHICH_KIND:
            return []  # 「どのような支援メニューが追加され…」: what kind is asked, in the documents' words
        noun = next((g for g in groups if g.term == phrase and not g.predicate), None)
        if noun is None or group_found(noun, tokens):
            return []
        said = next((g for g in groups if g.term == verb.norm and g is not noun), None)
        if verb.norm in tokens or (said is not None and group_found(said, tokens)):
            return []
        return [phrase, verb.surface]

    unnamed_focus = staticmethod(unnamed_focus)
    chair_premise = staticmethod(chair_premise)
    unsupported_premise = staticmethod(unsupported_premise)

    later_years = staticmethod(later_years)

    def contradicted_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.contradicted_premise` with this lexicon."""
        return contradicted_premise(question, texts, self.lexicon)

    def started_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.started_premise` with this lexicon."""
        return started_premise(question, texts, self.lexicon)

    def passed_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.passed_premise` with this lexicon."""
        return passed_premise(question, texts, self.lexicon)

    def revised_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.revised_premise` with this lexicon."""
        return revised_premise(question, texts, self.lexicon)

    def introduced_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.introduced_premise` with this lexicon."""
        return introduced_premise(question, texts, self.lexicon)

    def published_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.published_premise` with this lexicon."""
        return published_premise(question, texts, self.lexicon)

    @staticmethod
    def body_premise(question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.body_premise`."""
        return body_premise(question, texts)

    def revision_unsaid(self, question: str, texts: list[str], headings: list[str] | None = None) -> list[str]:
        """:func:`assistant.answer.premise.revision_unsaid` with this lexicon."""
        return revision_unsaid(question, texts, self.lexicon, headings)

    def ended_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.ended_premise` with this lexicon."""
        return ended_premise(question, texts, self.lexicon)

    binding_premise = staticmethod(binding_premise)
    implemented_unsaid = staticmethod(implemented_unsaid)

    def mandated_premise(self, question: str, texts: list[str]) -> list[str]:
        """:func:`assistant.answer.premise.mandated_premise` with this lexicon."""
        return mandated_premise(question, texts, self.lexicon)

    @staticmethod
    def own_choice(question: str) -> list[str]:
        """The choice a question asks ipfin to make for the asker's own case (「うちの場合
        どっちがいい？」「企業価値担保権に乗り換えたほうがいい？」, "should I go for ABL or the
        charge, which is better for us?"): the documents state rules and facts, never which
        option suits one company. Empty when another asking sentence asks a fact beside it
        ("Which is better for us? And what does the charge cover?" is answered)."""
        if not _OWN.search(question):
            return []
        found, other = [], False
        for sentence in asking_sentence_list(question):
            if m := _OWN_CHOICE.search(sentence):
                found.append(m.group(0).strip())
            elif _ASKS_FACT.search(sentence):
                other = True
        return [] if other else found

    @staticmethod
    def party_never_with(question: str, q: QuestionFrame, passages: list[str]) -> list[str]:
        """What a bank the documents name does with a scheme (「みずほ銀行ってもう企業価値担保権
        つかった融資商品だしてる？」, "Does Mizuho Bank offer enterprise value charge loans?"),
        when no passage (its text and English renderings) names the bank with the scheme: the
        documents name みずほ only for the 2014 evaluation-report trial, so nothing in them
        says what it does with the charge. Empty for whether one may borrow there."""
        names = named_institutions(question)
        # (a product of the bank's own, 「みずほ銀行の企業価値担保権つき融資」, 「…ローン商品ってある？」,
        # is what it offers)
        offers = bool(
            _OFFERS.search(question)
            or _RECORD.search(question)
            or _PRODUCT_ASKED.search(question)
            or any(re.search(rf"{re.escape(name)}の[^。？?、]{{0,20}}?{_PRODUCT}", question) for name, _ in names)
        )
        # (no scheme named: what the question asks the bank's product of, 担保 or 融資)
        schemes = q.instruments or tuple(w for w in _SCHEME_WORDS if w in question)
        if not schemes or not (offers or _PRACTICE.search(question)):
            return []
        if _ELIGIBILITY.search(question) and not offers:
            return []
        # (named as asked: 「みずほ銀行のローン商品」 rather than its 担保)
        product = re.search(rf"{_PRODUCT}+", question)
        what = q.instruments[0] if q.instruments else product.group(0) if product else schemes[0]
        missing = []
        for name, prefix in names:
            if not any(prefix.lower() in text.lower() and any(i in text for i in schemes) for text in passages):
                missing.append(f"{name}の{what}" if q.lang == "ja" else f"{name} and the {what}")
        return missing

    @staticmethod
    def unstated_references(question: str, texts: list[str]) -> list[str]:
        """The articles (第30条, "Article 62") and quoted titles (「…事例集」, 『…』, "the
        \"EVC Practice Handbook\"") a question asks about that no passage mentions: what an
        article or a document says cannot be quoted from passages that never cite it."""
        joined = " ".join(texts)
        lowered = joined.lower()
        missing = []
        for m in _ARTICLE.finditer(question):
            number = m.group(1) or m.group(2)
            if not re.search(rf"(?<![\d.])(?:{number}条|Article {number}\b)", joined):
                missing.append(m.group(0).strip())
        for m in _QUOTED_TITLE.finditer(question):
            title = next(g for g in m.groups() if g)
            if (_TITLE_LIKE.search(title) or m.group(0).startswith("『")) and not _title_cited(title, lowered):
                missing.append(title)
        # a version of a document no passage speaks of (「Ver.3.0っていつ出る」: Ver.1.0 and 2.0 are)
        cited = versions(joined)
        missing += [m.group(0).strip() for m in VERSION.finditer(question) if not versions(m.group(0)) <= cited]
        # a law's parts that are no article (附則, 別表, "the supplementary provisions")
        for m in _LAW_PART.finditer(question):
            if m.group(0).lower() not in lowered:
                missing.append(m.group(0))
        return list(dict.fromkeys(missing))

    def only_elsewhere(
        self, cands: list[Candidate], groups: list[TermGroup], q: QuestionFrame, chunk_tokens: dict[str, set[str]]
    ) -> list[TermGroup]:
        """Key terms of a yes/no question that names its place that the passages use only
        about other places: 「日本にも知財ローンの保険はある？」 when 保険 appears only in US
        facts is not answered by Japanese facts about something else. ``chunk_tokens``: each
        retrieved chunk's terms by chunk id (a unit about the place may say it in its chunk)."""
        if not q.named_places or q.intent != "yesno":
            return []  # "What about China?" after a question about Japan asks for China's analogue
        here = [c for c in cands if c.jurisdiction in q.jurisdictions or c.jurisdiction == "intl"]
        there = [c for c in cands if c not in here]
        if not here or not there:
            return []
        here_tokens = set().union(*(chunk_tokens[c.hit.chunk.id] for c in here))
        there_tokens = set().union(*(set(terms(c.text)) for c in there))
        # (what the asker says of themselves before asking, "We're a US venture debt fund
        # looking at Japan.", is no term of what is asked)
        # (nor is the wrapper it asks in: 「…という理解でよいですか」 asks whether it holds)
        asking = asking_sentences(self.lexicon.unwrap(q.text) or q.text).lower()
        # (nor the work it is asked of: "…, per the Deloitte article?", 「デロイトの記事では」)
        asking = _PER_WORK.sub(" ", asking)
        topical = [g for g in groups if g.topical and not self._place_term(g.term) and g.term.lower() in asking]
        missing = [g for g in topical if group_found(g, there_tokens) and not group_found(g, here_tokens)]
        return [g for g in missing if not self._denied_here(g.term, here)]

    def _denied_here(self, term: str, here: list[Candidate]) -> bool:
        """Whether a passage about the place asked says that the kind the term narrows does
        not exist there at all: "does the US have a national standard for …" is answered by
        「(米国では)…評価基準も存在しない」, though only China's passages say 国家標準."""
        words = term.lower().split()
        if len(words) < 2:
            return False
        heads = self.lexicon.expand_english(words[-1])
        return any(
            re.search(rf"{re.escape(h)}(?:も|は)?(?:存在しない|存在せず|存在していない)", c.text)
            for h in heads
            for c in here
        )

    @staticmethod
    def joint_names(c: Candidate, question: str) -> list[str]:
        """The names ``question`` asks a figure of that the unit gives only jointly with
        another name the question does not type (「上海と深圳の取引所で…119本」 for 「深圳の分だけ
        だと？」, 「メガバンク系2(みずほ・りそな)」 for 「みずほは何件？」, "the Shanghai and
        Shenzhen exchanges"): its figure is the pair's, not that one's. A name followed by a
        figure of its own (「みずほ3件・りそな2件」) is not joint. Empty when none is."""
        out: list[str] = []
        lowered = question.lower()

        def typed(name: str) -> bool:
            # (an English name typed in lower case, "mizuho alone"; a kind by its full name,
            # 信用金庫 of 信金)
            return name.lower() in lowered or _SHORT_KIND.get(name, "\0") in question

        texts = [(c.text, {t.surface for t in tokenize(c.text) if t.pos2 == "固有名詞" and len(t.surface) >= 2}, _JOINED_JA)]
        if c.unit().en:
            texts.append((c.unit().en, set(re.findall(r"\b[A-Z][a-z]{2,}\b", c.unit().en)), _JOINED_EN))
        for text, names, joiner in texts:
            for a in names:
                for b in names - {a}:
                    if not re.search(rf"{re.escape(a)}{joiner}{re.escape(b)}", text):
                        continue
                    for asked, other in ((a, b), (b, a)):
                        own = _own_figure(asked, text)
                        if typed(asked) and not typed(other) and not own and asked not in out:
                            out.append(asked)
        if _SEPARATELY.search(question):
            # Both asked each on its own ("shinkin banks vs credit cooperatives, separately?",
            # 「信金と信組それぞれ」) when the unit counts them together (「信金・信組5」).
            words = {w for w in re.findall(r"[a-z]{4,}", question.lower())}
            for a, b in re.findall(r"([a-z][a-z-]+(?: [a-z][a-z-]+)?) and ([a-z][a-z-]+(?: [a-z][a-z-]+)?)", c.unit().en):
                if set(a.split()) & words and set(b.split()) & words and not re.search(rf"{re.escape(b)}\W+\d", c.unit().en):
                    out += [x for x in (a, b) if x not in out]
            # (names in hiragana too: みずほ・りそな)
            for a, b in re.findall(r"([一-龥ぁ-ゖァ-ヶー]{2,6})・([一-龥ぁ-ゖァ-ヶー]{2,6})", c.text):
                if a in question and b in question and not re.search(rf"{re.escape(a)}\d", c.text):
                    out += [x for x in (a, b) if x not in out]
        # One of two kinds counted together asked alone (「その中で信金は？」 of 「信金・信組5」;
        # not 「銀行とか信金何社」, which asks them all).
        # (a make-up asked by kinds given as examples, 「メガバンク系・地銀・信金などの業態別内訳」,
        # is answered by the kinds the unit counts, together or not)
        by_kinds = _EXAMPLE_KINDS.search(question) is not None
        for a, b in re.findall(r"([一-龥ァ-ヶー]{2,6})・([一-龥ァ-ヶー]{2,6})\d", c.text if _PART_OF.search(question) and not by_kinds else ""):
            for asked, other in ((a, b), (b, a)):
                if typed(asked) and not typed(other) and asked not in out:
                    out.append(asked)
        # …or one of two things a figure is given for together, asked alone (「商標だけだと
        # いくら？」 of 「特許・商標質押融資は…2180億元」) with no figure of its own
        for alone in _ALONE_JA.finditer(question):
            asked = alone.group(1)
            for m in re.finditer(rf"{re.escape(asked)}・([一-龥ァ-ヶー]{{2,6}})|([一-龥ァ-ヶー]{{2,6}})・{re.escape(asked)}", c.text):
                other = m.group(1) or m.group(2)
                own = _own_figure(asked, c.text)
                if not typed(other) and not own and has_number(c.text) and asked not in out:
                    out.append(asked)
        return out

    @staticmethod
    def rest_unnamed(c: Candidate, question: str) -> str:
        """The rest of a whole a question asks the make-up of (「金融機関職員以外の参加者の
        内訳」) when the unit speaks of no rest and names none of the question's examples of it
        (「252人のうち、金融機関の職員は134人」 gives the part set aside, not the others): the
        rest, as the question wrote it; "" otherwise."""
        m = _REST_ASKED.search(question)
        if not m or _SAYS_REST.search(c.text):
            return ""
        said = unit_says(c)
        examples = [
            re.sub(r"(?:など|等)$", "", word)
            for e in _REST_EXAMPLES.finditer(question)
            for word in re.split(r"[・、,/]|とか|や", e.group(1) or e.group(2))
        ]
        if any(len(word) >= 2 and word in said for word in examples):
            return ""
        return f"{m.group(1)}以外"

    @staticmethod
    def asks_part_of_stated_whole(question: str) -> bool:
        """The question states a whole and asks a part of it ("Of the 4.38 billion yen lent …,
        how much came from shinkin banks?", 「融資総額43.8億円のうち、信用金庫による融資額は」),
        as a follow-up's 「そのうち」 does of the last answer."""
        # (or told in a clause before it: 「…金融機関の職員も多数参加したと聞いていますが、そのうち
        # 信用金庫の職員は何人」)
        return bool(_OF_THE_WHOLE.search(question) or _JA_STATED_WHOLE.search(question) or _TOLD_WHOLE.search(question))

    def part_unnamed(self, c: Candidate, question: str) -> str:
        """The part of a whole a follow-up asks the figure of (「そのうち信金の人は何人？」
        after a question on the forum's attendance) when the unit does not name it: the
        unit's figure is the whole's (「金融機関の職員は134人」), not the part's. In English
        ("how many of those were shinkin banks?", "… banks based in osaka?", "Of the …, how
        much came from shinkin banks?") by the glossary's
        words for the part, or the place that names it. "" when the question names no part,
        or the unit names it (or its short name: 信金 of 信用金庫)."""
        english = _PART_NAMED_EN.search(_OF_THE_WHOLE.sub(lambda m: f"how {m.group(1) or 'much'} of that", question))
        if english:
            # (two parts compared, "shinkin banks vs regional banks": each must be named)
            parts = re.split(r"\s+(?:vs\.?|versus|compared (?:to|with))\s+", english.group(1).strip())
            return next((p for p in parts if self._part_unsaid(c, p)), "")
        m = _PART_NAMED.search(question)
        if not m:
            return ""
        said = unit_says(c, english=False)
        words = set(terms(said))
        for kind in _PART_LIST.split(m.group(1)):
            forms = {kind, _SHORT_KIND.get(kind, kind), *(short for short, full in _SHORT_KIND.items() if full == kind)}
            # (by its words too: 引当方法 is named by 「引当の方法」)
            if any(form in said for form in forms) or set(content_terms(kind)) <= words:
                return ""
        return m.group(1)

    def _part_unsaid(self, c: Candidate, part: str) -> bool:
        """The unit does not name an English part ("shinkin banks"): by its own word
        (shinkin), not by the kind every bank is (banks), in the glossary's Japanese, or
        the place that names it ("banks based in tokyo")."""
        # (the head of each kind listed: "shinkin banks or credit cooperatives")
        own = " ".join(_GENERIC_KIND_EN.sub("", kind).strip() for kind in re.split(r",|\s+(?:or|and)\s+", part)).strip()
        said = unit_says(c)
        where = _BASED_IN.search(own)  # (a place that says which: "banks based in tokyo")
        if where:
            place = where.group(1)
            forms = [place, *self.lexicon.expand_english(place)]
            return not any(form.lower() in said.lower() for form in forms)
        forms = (self.lexicon.expand_english(own) if own else []) or self.lexicon.expand_english(part)
        return bool(forms) and not any(form in said for form in forms) and part.lower() not in said.lower()

    def places_unanswered(self, cands: list[Candidate], q: QuestionFrame, groups: list[TermGroup]) -> list[str]:
        """The places the question names that no passage is about (their names, as the
        question wrote them in Japanese, else in the question's language): the answer
        would be about other places only (Japanese facts for a question comparing the UK's
        floating charge with Japan's). Empty when every named place has one."""
        if not q.named_places:
            return []
        covered = {c.jurisdiction for c in cands}
        # A unit that names the place, in a passage holding most of what else is asked, counts
        # (WIPO's side event where Singapore spoke, for "Does WIPO's report series cover
        # Singapore?"; the Singapore minister's remark, in the passage on WIPO's Dialogue).
        asked = [g for g in groups if g.topical and not self._place_term(g.term) and g.term.lower() not in self.lexicon.place_words]
        total = sum(g.weight for g in asked)
        for c in cands:
            if total <= 0:
                break
            where = set(terms(c.text)) | set(terms(c.unit().en)) | set(terms(c.hit.chunk.text))
            if sum(g.weight * group_share(g, where) for g in asked) / total >= PLACE_NAMED_SHARE:
                covered |= set(self.lexicon.named_jurisdictions(
                    f"{_PLACE_LIST_JA.sub(' ', c.text)} {_PLACE_LIST_EN.sub(' ', c.unit().en)}"
                ))
                # A place named only in a list of three or more (「米国・中国・韓国・シンガポール・ドイツ
                # を調査し」) counts when the unit itself holds what is asked (whether the survey
                # covered Korea), not for what Korea does (its lending): the unit is on the survey.
                own = set(terms(c.text)) | set(terms(c.unit().en))
                if sum(g.weight * group_share(g, own) for g in asked) / total >= PLACE_NAMED_SHARE:
                    covered |= set(self.lexicon.named_jurisdictions(f"{c.text} {c.unit().en}"))
        names = []
        for code in q.jurisdictions:
            if code in covered:
                continue
            place = self.lexicon.jurisdiction(code)
            named = [p.name for p in self.lexicon.places if p.country == code and p.name in q.text]
            names.append(named[0] if named and q.lang == "ja" else place.name(q.lang) if place else code)
        return names

    @staticmethod
    def figures_of_nothing(groups: list[TermGroup], tokens: set[str], question: str = "") -> list[str]:
        """The figures a Japanese question asks for whose subject no passage mentions: a
        compound ending in a figure word (年間保証承諾額, 不良債権比率), or a word the
        ``question`` asks the figure of (「資本金の額」「創業何年」), whose words are in none of
        the retrieved chunks (``tokens``). Those figures cannot be quoted."""
        missing = []
        for g in groups:
            if not g.topical or g.term.isascii() or _ASPECT.fullmatch(g.term) or _WHEN_WORD.fullmatch(g.term):
                continue  # (「2023年の1年間の額」, 「前はいくらで今どんくらい」: when, not what of)
            if adverbial(g.term):
                continue  # (「本来はいくら」: how it is asked, not what of)
            if not _FIGURE_WORD.search(g.term):
                of = re.search(re.escape(g.term) + _FIGURE_OF, question) if question else None
                # (a side of a deal, 金融機関側, is named by its party: 金融機関)
                party = any(all(t in tokens for t in alt if t not in _SIDE) for alt in g.alternatives)
                if of and not group_found(g, tokens) and not party:
                    missing.append(g.term)
                continue
            stems = [tuple(t for t in alt if t not in _FIGURE_TOKENS) for alt in g.alternatives]
            # (one character left is no subject: 案件数 is read 案 + 件数)
            stems = [stem for stem in stems if stem and stem != (stem[0][:1],)]
            if stems and not any(all(t in tokens for t in stem) for stem in stems):
                missing.append(g.term)
        return missing

    def figure_subjects(self, groups: list[TermGroup], known: Callable[[str], bool], text: str) -> list[TermGroup]:
        """What a figure question asks the figure *of*: its topical key terms other than the
        quantity words (手数料, 件数, 規模), places, casual and common everyday words, and
        words no document has (they say how it is asked, or are refused elsewhere):
        「信託会社に払う手数料」 asks a fee of 信託会社. ``text``: the question (an acronym in
        it, IPAS, is a subject)."""
        out = []
        for g in groups:
            if not g.topical or g.predicate or self._place_term(g.term) or g.term.lower() in self.lexicon.place_words:
                continue
            if g.term.isascii() and all(a == (g.term,) for a in g.alternatives) and g.term.upper() not in text:
                continue  # an English word with no Japanese equivalent ("produced"); not IPAS
            if FIRST.fullmatch(g.term) or g.term.lower() in _ORDER_WORDS or _ORDER_WORDS_JA.fullmatch(g.term):
                continue  # "the first auction", 「最終回の開催日」: which one, not what the figure is of
            if casual(g.term) or _ASPECT.fullmatch(g.term):
                continue  # 今, だいたい, 推移: how it is asked
            if _WHEN_WORD.fullmatch(g.term):
                continue  # 「最初にやった年って何件」: the year is when, not what the count is of
            if g.term in _ANY_THING:
                continue  # 「新たに導入されたツール」: the unit names the tool (知財ビジネス提案書), not the word
            if _NO_CHARGE.search(g.term):
                continue  # 「うちは負担なしって聞いたけど…なんぼ」: a value heard, not what the figure is of
            if re.search(re.escape(g.term) + r"(?:する|しま|して|した|され|でき)", text):
                continue  # a noun used as the verb (「費用負担は発生しますか」): what happens, not of what
            if any(r.pattern.search(g.term) for r in self.lexicon.figure_requests) or any(
                quantity.pattern.search(g.term) or g.term in quantity.nouns for quantity in self.lexicon.quantities
            ):
                continue
            if self.lexicon.wants(g.term, "how_much") or not any(all(known(t) for t in a) for a in g.alternatives):
                continue
            if g.term in self.lexicon.everyday_phrases and g.weight <= EVERYDAY_SUBJECT_WEIGHT:
                continue  # an everyday word for a common one (お金 ~ 資金・融資); 保証協会 is a subject
            out.append(g)
        return out

    def _place_term(self, term: str) -> bool:
        """A place name (日本, 米国): it says where, not what is asked about."""
        return any(
            term.lower() == name.lower() or (not name.isascii() and name in term) for name in self.lexicon.place_names
        )
