"""The default answerer: the sentence the user asked for first, then what supports it.

No language model: every factual sentence of an answer is a verbatim fact unit of a retrieved
chunk (a brief's fact item of one to three sentences, or one sentence elsewhere), so numbers,
dates and ratios cannot be altered, and each carries its [n].

1. **The question's frame** (:mod:`.question`): what it asks (definition, yes/no, what-if,
   when, how much, who, how to, comparison), about which jurisdictions (Japan when it names
   no place), which quantity, and whether it names something the documents never mention.
2. **Refuse what the documents do not say** (:mod:`.refusal`): too little of the question
   in the passages (key terms, and for English questions cross-lingual similarity instead
   of English words in Japanese text); a question about an unknown entity; a question for
   one quantity (手数料, 金利, 件数, a year's figure, a ranking, a name) that no close unit
   states; a yes/no question about a place whose terms only other places' units use.
3. **Score every unit** (all terms in [0, 1]):
       0.30 · lexical   idf-weighted share of the question's key-term groups it contains
       0.30 · semantic  e5 similarity of the unit (or of its English rendering) to the question
       0.30 · asked     similarity of the question to questions the unit is annotated to answer
       0.10 · rank      prior from the chunk's retrieval rank
   plus the intent's cue words and answer type (a date for "when", a figure for "how much",
   a reason for "why"), times a jurisdiction factor (a foreign fact answering a question
   about Japan weighs less). A follow-up that names something of its own is ranked by what
   the user typed: the conversation's words weigh half, and a unit's meaning is judged half
   against the typed question.
4. **The lead** is the best unit about the question's jurisdictions (or an international
   statement); supporting units follow, the question's jurisdictions first, others after a
   label (▼ 米国では).
5. **Compose** (:mod:`.compose`): Japanese quotes with [n]; for English readers the corpus
   authors' English rendering of each quote (marked as ipfin's translation) followed by the
   cited Japanese original.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import islice

import numpy as np

from assistant.answer.base import Answerer
from assistant.answer.candidate import Candidate, names_instrument, terms
from assistant.answer.compose import compose
from assistant.answer.evidence import (
    ASKS_PART_YEAR,
    COUNT_UNITS,
    NUMBERED,
    ORDINAL,
    PART_YEAR,
    SHARE,
    UNTRANSLATED_WEIGHT,
    RequestedFigure,
    TermGroup,
    coverage,
    english_amounts,
    figures,
    group_found,
    group_share,
    has_date,
    has_full_date,
    has_number,
    lists_count,
    miscounted,
    ordinal_names,
    ordinals,
    requested_figure,
    span_years_in,
    stated_years,
    term_groups,
    told_count,
    told_kind,
    years_in,
)
from assistant.answer.focus import ASKS_CASE, CITES_CASE, NOT_FOCUS, NOT_FOCUS_JA
from assistant.answer.judgements import asked_judgement, judgement_word
from assistant.answer.parts import asking_sentences, question_parts, remark_sentences
from assistant.answer.premise import (
    LAUNCH_EN,
    LAUNCH_JA,
    LAUNCHED_EN,
    MERGE_EN,
    MERGE_JA,
    MERGED_EN,
    asks_revision,
    checks_claim,
    event_thing,
    revision_since,
    says_ending,
    says_launch,
    says_merging,
    says_passing,
    says_revision,
)
from assistant.answer.quantity import (
    BANK_PARTY,
    FIGURE_RELEVANCE,
    FORECAST,
    OCCASION_NOUNS,
    YEAR_TERM,
    QuantityCheck,
    asks_full_year,
    asks_result,
    body_kinds,
    burden_shared,
    checked_figure,
    lists_days,
    versions,
)
from assistant.answer.question import (
    QuestionFrame,
    abbreviates,
    defined_abroad,
    frame,
    implied_jurisdictions,
    unnamed_bodies,
    unnamed_documents,
    used_abroad,
)
from assistant.answer.refusal import Refusals
from assistant.answer.views import asked_view, view_word
from assistant.core.messages import lang_of, t
from assistant.core.types import Answer, Citation, Hit
from assistant.corpus.lexicon import Lexicon
from assistant.embed.base import Embedder
from assistant.index.bm25 import BM25Index
from assistant.index.store import RetrievalKey
from assistant.retrieval.condense import asks_article, asks_list_item, asks_only_time
from assistant.retrieval.hybrid import Retrieval
from assistant.text.announce import announced, items
from assistant.text.ja import content_terms, standard_spoken
from assistant.text.similarity import char_bigrams, jaccard

MAX_SENTENCES = 4
MIN_SENTENCE_CHARS = 8
#: A unit whose passage names the scheme the question names leads when it scores this share
#: of the best unit, which does not.
INSTRUMENT_LEAD_SHARE = 0.85
RELATIVE_CUTOFF = 0.75  # keep units scoring at least this share of the lead
SAME_SOURCE_CUTOFF = 0.55  # … or this share, for a unit of the lead's own document
REDUNDANT = 0.5  # character-bigram Jaccard above which a unit repeats another
SIM_FLOOR, SIM_CEIL = 0.75, 0.92  # e5 passage similarity band mapped to [0, 1]
ASKED_FLOOR, ASKED_CEIL = 0.80, 0.95  # e5 question-to-question similarity band
LEX_OWN = 0.7  # share of a unit's lexical score from its own words (rest: its chunk)
INTENT_BONUS = 0.15  # a phrasing whose answer uses other words (いつから → 施行)
CUE_BONUS = 0.08  # the unit reads like an answer to the question's kind (とは, できない, 場合)
#: A sentence saying a thing came to exist answers whether it exists ("Is there …?"),
#: more surely than a sentence merely worded like an answer (CUE_BONUS).
EXISTS_BONUS = 0.12
#: "Who pays?" (「誰が払ってんの？」): a unit saying only that someone does not (「金融機関は費用を
#: 負担せずに」) answers it less than one saying who does (「特許庁が…全額負担した」).
NEGATED_DOER_PENALTY = 0.85
#: "How many so far?" (今まで, 累計): a unit giving one year's figure without saying it is the
#: total to date weighs this much.
TO_DATE_PENALTY = 0.9
#: A unit on another kind of IP than the one the question names (a trademark's perfection for a
#: question on patents) weighs this much; one on another kind of body (the 2020 study group,
#: for a question on the working group) is about another body altogether.
OTHER_KIND_PENALTY = {"ip": 0.9, "body": 0.8}
TYPE_BONUS = 0.1
TYPE_PENALTY = 0.6
#: A why-question's unit that gives no reason (none of the intent's cue words: ため, 背景, 負担 …).
REASON_PENALTY = 0.8
FULL_DATE_BONUS = 0.05
#: A "when" question giving an amount (「はじめて3000億元こえたん何年」) is led by a dated unit
#: stating that amount when it scores this share of the lead.
GIVEN_FIGURE_LEAD_SHARE = 0.8
#: A figure for part of a year, when the question asks for a year's (「2023年は？」).
PART_YEAR_PENALTY = 0.85
#: A "when" question naming its event (成立, 施行, 改定): a unit dating another one (提出).
EVENT_PENALTY = 0.7
SAME_SOURCE_PENALTY = 0.08
SAME_TOPIC = 0.4  # word Jaccard above which two units state the same thing
SELF_CONFLICT_SHARE = 0.8  # a self-conflicting note must score this share of the lead
CONFLICT_RELEVANCE = 0.5  # both conflicting units must share this much of the question's terms
#: A unit on the occasion a question names by its number (第2回会合) leads when it scores this
#: share of the best unit, which does not name it.
ORDINAL_LEAD_SHARE = 0.85
#: A definition states its subject within this many characters ("知財ビジネス評価書は、").
DEFINES_WITHIN = 20
#: A unit defining what a definition question asks about leads when it scores this share of
#: the best unit, which does not.
DEFINITION_LEAD_SHARE = 0.85
#: Weight of a unit about another jurisdiction than the question's (a US fact answering a
#: question about Japan), and of an international statement.
FOREIGN_FACTOR = 0.7
INTL_FACTOR = 0.92
#: An international statement leads only when a unit about the question's place scores
#: below this share of it.
INTL_LEAD_SHARE = 0.85
#: An official document's unit leads over a brief's when it scores within this share of it.
PRIMARY_LEAD_SHARE = 0.75
#: A part of a compound question (「あわせて…も教えて」) that no chosen unit answers adds the
#: unit holding at least this share of the part's key terms, among units scoring PART_FLOOR
#: of the lead.
PART_SHARE = 0.5
#: The unit that best answers a compound question's first part leads when it scores at
#: least this share of the whole question's best unit.
FIRST_PART_FLOOR = 0.8
#: … unless the whole question's best unit scores this share of it on the first part.
FIRST_PART_CLOSE = 0.9
#: Weight, when units are ranked, of a term only the conversation gives a follow-up ("When
#: does it start? (Is there a law that lets … pledge its whole business?)", 「信用保証協会に
#: ついて、銀行も損するの？」): it says what is talked about; what is asked is what was typed.
CARRIED_WEIGHT = 0.5
#: Weight, when units are ranked, of a term said only in what a question sets aside.
SET_ASIDE_WEIGHT = 0.5
#: Share of a follow-up's unit similarity that comes from what the user typed (the rest: the
#: question read with its conversation).
TYPED_SHARE = 0.5
#: A unit naming what a follow-up newly asks about (「メガバンクも入ってたん？」 after a question
#: on the 2014 trial) leads over a closer unit naming none of it, within this share of its score.
NEW_SUBJECT_LEAD_SHARE = 0.85
#: A unit on the city a question names (Zhuhai) leads over a closer one on another city
#: (Zhongshan, asked about before), within this share of its score.
CITY_LEAD_SHARE = 0.7
#: …and a question citing an article by a unit citing it, within this share.
ARTICLE_LEAD_SHARE = 0.7
#: An article cited: "Art. 7(1)", "Article 157", 「法157条」「第7条」 (its number).
_ARTICLE_CITED = re.compile(r"\bArt(?:icle|\.)?\s*(\d{1,3})\b|(?<![\d.])(\d{1,3})\s*条", re.I)


def _articles_cited(text: str) -> set[str]:
    """The article numbers ``text`` cites."""
    return {a or b for a, b in _ARTICLE_CITED.findall(text)}
#: A unit naming the legal forms that may use a scheme leads a question giving the asker's
#: own form when it scores this share of the lead.
FORM_LEAD_SHARE = 0.6
#: A unit saying who may take a role leads a question asking it when it scores this share of
#: the lead (one on the role's other rules).
BECOME_LEAD_SHARE = 0.85
#: Of the items a list announces, one scoring this many times the first (in the order written)
#: leads them.
ITEM_LEAD_MARGIN = 1.05
#: A unit naming the bank leads a question asking the bank's share when it scores this share
#: of the lead, which names none.
PARTY_LEAD_SHARE = 0.9
#: A unit stating what a thing costs leads a question asking so, over one stating what a body
#: bore of it, when it scores this share of that unit.
COST_LEAD_SHARE = 0.85
#: What a thing costs, asked ("how much does it cost to get one made", 「ほんとは一本いくら
#: くらいかかる」, 「なんぼかかるん」), not what someone paid of it.
_ASKS_COST = re.compile(
    r"(?:いくら|なんぼ|どれ(?:くらい|ぐらい)|どの(?:くらい|ぐらい))(?:くらい|ぐらい)?(?:の(?:お金|費用)が?)?(?:かか|掛か)"
    r"|費用|コスト|\bcosts?\b",
    re.I,
)
#: …asking who pays or bears it ("how much did the JPO pay", 「特許庁はいくら負担」): what was
#: borne is the answer then.
_ASKS_PAID = re.compile(r"負担(?!なし|無し|ゼロ)|払|補助|助成|出して|出した|\b(?:pa(?:y|id|ys)|bears?|bore|borne|covers?|covered|fund(?:s|ed)?|subsidi[sz])", re.I)
#: A unit stating what a body bore or paid of a cost (「特許庁が…約30万円を負担していた」).
_SAYS_BORNE = re.compile(r"負担|支払|補助|助成")
#: A unit stating a cost (「作成費用は1件あたり20万〜30万円」).
_SAYS_COST = re.compile(r"費用|コスト|料金|手数料|代金")
#: A part of a compound question naming nothing its figure is of is answered by a unit whose
#: passage (text, heading, document title) names this share of the whole question's subjects.
CONTEXT_SUBJECT_SHARE = 0.5
#: How much of a group a unit or its passage must name to be about it (a later part's "it"):
#: all of it (the 企業 of 中小企業 in a title is no 企業価値).
PASSAGE_SUBJECT_SHARE = 1.0
#: A later part of a question pointing back to what an earlier one names ("how many companies
#: have used it", 「それって何件くらい」).
#: The legal forms the documents say may (or may not) use a scheme.
_FORM_WORDS = frozenset({"株式会社", "持分会社", "個人事業主"})
#: The asker's own legal form, given as who asks ("うち合同会社なんやけど", "we're an LLC").
_BODY_FORMS = "合同会社|合資会社|合名会社|有限会社|一般社団法人|NPO"
_SOLE_FORMS = "個人事業主?|自営業?|フリーランス|個人商店"
_OWN_FORM = re.compile(
    r"(?:うち|うちら|弊社|当社|私|わたし|僕|俺)(?:の会社|とこ)?(?:は|って|、)?\s*"
    rf"(株式会社|{_BODY_FORMS}|{_SOLE_FORMS})"
    rf"|({_BODY_FORMS}|{_SOLE_FORMS})(?:なんやけど|なんだけど|なんですが|なんですけど|ですが|ですけど|だけど|やけど|でやって)"
    # (「合同会社で小さく商売やってます」)
    rf"|({_BODY_FORMS})(?:で|として)[^。？?、]{{0,12}}?(?:やって|営ん|経営|商売|事業を)"
    # (「屋号だけでカフェやっとる」: a trade name, no company: a sole trader)
    r"|(屋号)(?:だけ|のみ)?で[^。？?、]{0,12}?(?:やって|やっと|営ん|経営|商売)"
    # (「うち個人でやっとる工務店」: the asker's business run in their own name)
    r"|(?:うち|うちら|私|わたし|僕|俺)(?:は|って|、)?\s*(個人)で[^。？?、]{0,12}?(?:やって|やっと|営ん|経営|商売)"
    # (「個人でやってて法人にはしてないけど」: no company of one's own, a sole trader)
    r"|(法人(?:に|化)(?:は|も)?(?:して|し)(?:ない|てない|てへん|ていない|ません)|法人(?:じゃ|では)ない)"
    r"|\b(?:we|i)(?:'re|’re| are| am|'m|’m)\s+(?:just\s+|only\s+)?(?:an?\s+)?(llc|godo kaisha|gk|kk|kabushiki kaisha|sole proprietor(?:ship)?|partnership company|stock company|membership company)\b"
    # (typed without the apostrophe, or in Japanese within English: "im a 個人事業主")
    rf"|\b(?:im|i'm|i’m|i am|we're|we’re|we are)\s+(?:just\s+|only\s+)?(?:an?\s+)?(株式会社|{_BODY_FORMS}|{_SOLE_FORMS}|sole proprietor(?:ship)?|sole trader|freelancer)"
    # ("were a small godo kaisha": "we're" typed without its apostrophe, at the start, with a
    # word or two on the company before its form)
    r"|(?:^|[.!?]\s+)were\s+(?:an?\s+)?(?:[a-z]+\s+){0,2}?(llc|godo kaisha|gk|kk|kabushiki kaisha|partnership company|stock company|membership company)\b",
    re.I,
)
#: Where a question turns from a case it takes as known to the one it asks ("… 54:26:16:4
#: right so whats the split in shenzhen", 「中山は…やけど、深圳は？」).
_TURN_TO_ASKED = re.compile(
    r"\b(?:right|correct|yeah|yes|ok|okay)\b\s*[,?!.]?\s*(?:so|and|but|then)\b|\bso (?:what about|how about)\b"
    r"|(?:けど|けれど|けども|ですが|だが|やけど|だけど)[、,]",
    re.I,
)
#: A question asking which legal form may use a scheme ("what kind of legal entity do i have to
#: set up", 「どんな会社を作ればいい」, 「法人化しないとダメ？」): the forms that may answer it.
_ASKS_FORM = re.compile(
    r"\b(?:what|which) (?:kind of |type of |sort of )?(?:legal )?(?:entity|entities|company form|corporate form|business structure|legal form)\b"
    r"|\b(?:incorporate|set up a company|form a company|start a company)\b"
    r"|(?:どんな|どういう|どの|何の|なんの)(?:種類の)?(?:会社|法人|形態)|法人化|法人成り|会社(?:を|に)?(?:作|つく)ら?な",
    re.I,
)
_COMPANY_FORMS = ("株式会社", "持分会社")
#: An English question asking yes or no ("does the JPO cover …?").
_POLAR_EN = re.compile(r"^\W*(?:does|do|did|is|are|was|were|can|could|will|would|has|have)\b", re.I)
#: A party named as the one a question has spoken of ("how much did the borrower raise"), or
#: pointed at by a pronoun ("how much did they borrow").
_THE_PARTY = re.compile(r"\bthe (?:borrower|lender|bank|company|firm|startup|insurer|fund|deal|loan)s?\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:did|do|does|will|would|can|could|has|have|had|was|were|is|are)\s+(?:they|it|he|she)\b", re.I)
#: A name in an English question: a capitalised word past its first ("Ocean Tomo's ninth
#: auction", "the JPO").
_NAMED_EN = re.compile(r"(?<!^)(?<![.?!:]\s)\b[A-Z][A-Za-z&'’-]+")
#: A part of a question pointing at the statement before it ("which company was that", "who
#: was behind it", 「それってどこの会社？」).
_POINTS_AT_SETUP = re.compile(
    r"\b(?:was|is|were|are|did|does|do)\s+(?:that|this|it|they)\b|\b(?:that|this) (?:deal|loan|case|company|one|startup|firm|bank)\b"
    r"|^(?:それ|その|そこ|これ|この)"
    # ("we're looking at a shenzhen subsidiary. how big is the city's …": the place it names)
    r"|\b(?:the|that|this) (?:city|province|country|region|town|prefecture)(?:'s|’s)?\b",
    re.I,
)
_REFERS_BACK = re.compile(r"\b(?:it|its|they|them|their|that one|this one)\b|それ|そいつ|そこ(?!ら|まで)|あれ(?![こば])", re.I)
#: A when follow-up naming something new is led by a dated unit naming all of it, within
#: this share of the lead's score, when the lead names none of it ("what date was its final
#: report?" after a question on the WG's meetings: the report's date, not the meetings').
NEW_WHOLE_SUBJECT_LEAD_SHARE = 0.6
#: A yes/no question asking whether something is a duty ("are banks obliged to …?") is led by
#: a unit saying whether it is (義務はなく) within this share of the lead's score.
DUTY_LEAD_SHARE = 0.6
#: …asked (obliged, required, 義務, 必須) and said (義務, 任意, 求められ).
_ASKS_DUTY = re.compile(
    r"\b(?:obliged|obligated|obligatory|mandatory|compulsory|required|have to|must)\b|義務|必須|しなければ|しないといけ|しなきゃ"
    # (spoken and Kansai: 「そのとおりにせなあかんの？」「従わないとダメ？」)
    r"|[なね](?:あかん|アカン|ならん|ダメ|だめ)|ないと(?:あかん|アカン|ダメ|だめ)|なくちゃ|ねばならな|なければならな",
    re.I,
)
#: (a recommended standard, 推奨性国家標準, is one no party must follow)
_SAYS_DUTY = re.compile(r"義務|必須|任意|求められ|求める|強制|推奨")
#: A question word: a duty asked with one ("what do they have to file") asks what, not whether.
_WH_WORD = re.compile(r"\b(?:what|which|who|whom|whose|where|when|how|why)\b|何|なに|どこ|どれ|どの|誰|だれ|いつ|どう|どんな", re.I)
#: What one must *be* ("does the lender have to be a bank?"): who may take a role, not a duty.
_DUTY_TO_BE = re.compile(r"\b(?:have to|has to|must|required to|obliged to|need to|needs to) be\b", re.I)
#: A question asking what kind of person does something (「どういう人が支援についてくれるの」,
#: "what kind of people mentor you") is led by a close unit naming people by their kind
#: (「ビジネスメンターと知財メンターが…」), not by one on the body running it (「特許庁は…開始した」),
#: within this share of the lead's score.
PERSON_KIND_LEAD_SHARE = 0.8
_ASKS_PERSON_KIND = re.compile(
    r"(?:どういう|どんな|どのような|どういった|どないな)(?:人|ひと|方|専門家)(?:が|に|と|から|たち)"
    r"|\bwhat (?:kind|sort|type)s? of (?:people|persons?|experts?|specialists?|advisers?|advisors?|mentors?)\b",
    re.I,
)
_SAYS_PERSON_KIND = re.compile(r"[一-龥ァ-ヶー](?:者|人|メンター|専門家|士|員)(?:が|と|は|も|から|による|を)")
#: A question asking whether a rule holds in every case ("can the bank never make me sign …,
#: no matter what?", 「どんな場合でも取られないの？」) is led by a close unit stating its
#: exception (「粉飾などの場合を除いて」), within this share of the lead's score.
EXCEPTION_LEAD_SHARE = 0.65
_ASKS_EXCEPTION = re.compile(
    r"\bno matter what\b|\bunder any circumstances\b|\bin (?:all|every) cases?\b|\bany exceptions?\b|\bwithout exception\b"
    # ("is there any case where they still can", "never ever")
    r"|\b(?:any|some) (?:case|cases|situation|situations|circumstances?) (?:where|when|in which)\b|\bnever ever\b"
    r"|どんな(?:場合|とき|時|ケース)でも|何があっても|なにがあっても|例外(?:なく|は|って|も|ある|あり|的に)",
    re.I,
)
_SAYS_EXCEPTION = re.compile(r"除いて|除き|を除く|以外は|例外|ただし|\bexcept\b|\bunless\b|\bexception\b", re.I)
#: A dated unit naming everything a when-question asks about leads over a closer one naming
#: part of it, within this share of its score.
WHOLE_SUBJECT_LEAD_SHARE = 0.9
#: A when follow-up led by a unit giving no date is led instead by a dated unit within this
#: share of its score ("when did the final version come out?": 確定版's date, not the
#: undated list of provisioning methods asked about before).
DATED_LEAD_SHARE = 0.9
#: A when-question's thing (「…ガイドラインって、いつから…」): a dated unit naming it leads over a
#: closer one that does not (the law's entry into force, for the guideline), within this share.
ASKED_THING_LEAD_SHARE = 0.7
#: How close a unit setting out requirements must score to lead a question asking them.
CONDITIONS_LEAD_SHARE = 0.85
#: A question asking the conditions or requirements for something (「済ませる条件みたいなの
#: あるん」, "what are the requirements to …"; not 対抗要件, perfection, a term of its own).
_ASKS_CONDITIONS = re.compile(
    r"(?<!対抗)(?:条件|要件)(?:みたいな|って|は|を|が|とか|ある|あり|ない|って何|は何|\?|？|$)"
    r"|\b(?:what|which|any) (?:are the )?(?:conditions|requirements|criteria)\b|\b(?:conditions|requirements|criteria) (?:to|for)\b"
    # (what one must do to get it: "what do we need to do to borrow w/o the CEO guarantee",
    # 「保証なしで借りるには何をすればいいの」)
    r"|\bwhat (?:do|does|should|must) (?:i|we|you|one|a company) (?:need|have) to do to (?:get|borrow|qualify|obtain|be|receive)\b"
    r"|(?:借りる|受ける|使う|利用する|なる)(?:ためには|には)(?:何|なに)(?:を)?(?:すれば|したら|せな|せんと)",
    re.I,
)
#: A sentence setting out requirements (「要件は3つあり、(1)…」, "the requirements are …").
_SAYS_CONDITIONS = re.compile(r"(?<!対抗)要件|条件|\b(?:requirements?|conditions?|criteria)\b", re.I)
#: How close a unit citing a court decision must score to lead a question asking which one.
CASE_LEAD_SHARE = 0.85
#: A sentence naming a thing it describes (「…担保である「生活資産担保権」」, 「…という名称」),
#: and how close it must score to lead a question asking what the thing is called.
_NAMES_TERM = re.compile(r"「[^」]{2,}」|という(?:仮の)?名(?:称|前)|と呼ば")
NAME_LEAD_SHARE = 0.85
#: A kind of thing asked, the kind of sentence that gives it, and how close such a sentence
#: must score to lead over the best one that does not: requirements, a cited court decision.
_KIND_LEADS = (
    (_ASKS_CONDITIONS, _SAYS_CONDITIONS, CONDITIONS_LEAD_SHARE),
    (ASKS_CASE, CITES_CASE, CASE_LEAD_SHARE),
)
#: How close a unit giving a share must score to lead a question whether a party bears all
#: of a loss, or none of it, over one giving no share.
BORNE_LEAD_SHARE = 0.9
#: Whether a party bears the whole of a loss, or none of it (「保証協会つきやったら銀行はぜんぜん
#: 損かぶらへんの」, "do they eat the whole loss or does some insurance cover them"): how much of
#: it they bear, which a share answers.
_ASKS_ALL_BORNE = re.compile(
    r"(?:全部|全額|まるまる|丸々|ぜんぶ|ぜんぜん|全然|まったく|全く|一切|すべて|全て)[^。？?]{0,12}?"
    r"(?:かぶ|被|負担|背負|損(?:す|し|を|は)|補償|補填|補てん|肩代わり)"
    r"|\b(?:eats?|bears?|covers?|absorbs?|takes?|swallows?|shoulders?) (?:the )?(?:whole|entire|full|all(?: of)?(?: the)?) (?:loss|losses|hit|cost|risk)\b"
    r"|\b(?:no|none of the|any) (?:loss|losses|risk) at all\b"
    # ("does my bank lose anything too or is it all on the guarantee corp")
    r"|\b(?:lose|lost|bear|eat|pay) anything\b|\b(?:is it|it's|it’s|is everything|everything's) all on\b",
    re.I,
)
#: The bank as the one bearing a loss ("does my bank lose anything", 「銀行はぜんぜん損かぶらへん」).
_BANK_BEARS = re.compile(
    r"\b(?:bank|lender)s?\b(?:\s+\w+){0,2}?\s+(?:lose|loses|lost|eat|eats|bear|bears|take|takes|absorb|absorbs|cover|covers)\b"
    r"|(?:銀行|信金|信用金庫|金融機関)(?:は|も|が|って|側)[^。？?]{0,12}?(?:かぶ|被|負担|損)",
    re.I,
)
#: A share as a passage gives it (「20%」「70〜90%」「8割」).
_PERCENT = re.compile(r"\d(?:[.,]\d+)?\s*(?:%|％)|[0-9一二三四五六七八九十]割")
#: How close a unit giving a reason must score to lead a why-question over one giving none.
REASON_LEAD_SHARE = 0.8
#: The thing a Japanese when-question asks about: the word before its topic particle (three
#: characters or more: 制度 of 「新しい制度って」 names no thing).
_WHEN_OF = re.compile(r"([一-龥ァ-ヶー]{3,})(?:って|とは|は)[、,]?\s*(?:[^。？?、]{0,4}?)(?:いつ|何年|何月)")
#: A question telling how many things there are (「3つあるって聞いた」) is led by a unit
#: listing that many within this share of the lead's score.
TOLD_COUNT_LEAD_SHARE = 0.85
#: …when the closer one names less than this share of it (a word of the thing asked is missing,
#: not a wording: 「金融機関が使う」 for 金融機関向け).
PART_SUBJECT_OWN = 0.85
#: A follow-up pointing back at what was just asked (「それっていつから始まったの？」 after a
#: question on the split of a guarantee's losses) is led by a unit giving the earlier
#: question's figure (the 80:20 split, dated 2007) over a closer one giving none (the guarantee
#: system's founding in 1937), within this share of its score.
EARLIER_FIGURE_LEAD_SHARE = 0.9
#: A follow-up that points back at what was asked before: a demonstrative opens it.
_POINTS_BACK = re.compile(
    r"^(?:じゃあ|じゃ|で、?|ちなみに|あと、?)?(?:それ|そっち|そいつ|これ|あれ)(?:って|は|が|も|、)"
    r"|^(?:and |so |ok,? )?(?:when|since when|how long|why|who|where)\b[^?]*\b(?:that|it|this)\b",
    re.IGNORECASE,
)
#: A question whether a scheme can be used yet (「もう使えるの？」, "can we apply … yet?", "is it
#: live yet?", "when does it kick in?"; not "when does a charge take effect", which its
#: registration answers) is led by a unit dating its taking effect (施行) within this share of the lead's
#: score: who may use it is no answer to whether it is in force.
IN_FORCE_LEAD_SHARE = 0.5
#: A question whether something was revised is led by a unit speaking of its revision within
#: this share of the lead's score.
REVISION_LEAD_SHARE = 0.6
_ASKS_IN_FORCE = re.compile(
    r"もう(?:[^。？?]{0,6}?)(?:使え|始ま|施行|スタート|利用でき|申し込め|申込め|借りられ|借りれ)"
    r"|\b(?:yet|already)\b[^?.]{0,20}\?|\b(?:is|are) (?:it|this|that|the [\w -]{3,40}?) (?:actually |already |really )?(?:live|in force|in effect|available|up and running)\b"
    r"|\b(?:live|in force|in effect|available) (?:yet|already|now)\b"
    # ("can we actually use it yet or is it still just on paper", asked with no question mark)
    r"|\b(?:use|using) (?:it|this|that|them) (?:yet|already)\b|\bstill (?:just |only )?(?:on paper|a plan|a bill|a proposal)\b"
    r"|\bwhen (?:does|did|will|do) [^?]{0,90}?\b(?:kick in|go live|come into force|start applying)\b"
    r"|\bfrom (?:what|which) date\b[^?]{0,30}\b(?:use|using|apply|available)\b|\bwhen can (?:we|i|you|companies|firms|smes) (?:actually )?(?:start )?(?:to )?(?:use|using)\b",
    re.I,
)
_SAYS_IN_FORCE = re.compile(r"施行(?:され|し|日|期日)|\b(?:came|come|comes) into (?:force|effect)\b|\btook effect\b", re.I)
#: How many unit vectors an answerer keeps in memory (384 floats each: about 30 MB).
VECTOR_CACHE = 20_000
PART_FLOOR = 0.3
#: A unit that opens by leaning on the sentence before it (「そのため、…」「仮説②の背景として、…」,
#: "However, …") elaborates a point made elsewhere: it weighs this share when units are ranked,
#: so the statement it depends on, when retrieved, answers first.
DEPENDENT_FACTOR = 0.85
_DEPENDENT = re.compile(
    r"(?:そのため|このため|そのうえで|その上で|また|一方で?|さらに|加えて|これに対し(?:て)?|しかし|もっとも"
    r"|[^、。]{1,15}の背景として)、"
    r"|(?:However|Therefore|Moreover|Furthermore|In addition|As a result|On the other hand|Against this background),",
)


#: A question for a kind of something ("what kind of company …", 「…になれるのはどんな機関？」): a
#: unit naming kinds of it (株式会社, 持分会社: a word ending in the thing's word) gets a cue
#: bonus over one about the topic at large. (Frame words such as 目的 or 方法 ask for no kind.)
_KIND_OF = re.compile(
    r"\bwhat (?:kinds?|types?|sorts?) of ([a-z][a-z-]+)|(?:どんな|どういう|どのような)([一-龥ァ-ヶー]{2,6})"
    # (or the thing first: 「リスクってどんなんがあるん」「リスクにはどんなものがありますか」)
    r"|([一-龥ァ-ヶー]{2,6})(?:って|には|は)(?:どんな|どういう|どのような)(?:ん|の|もの)(?:が|は)?(?:ある|あり)",
    re.IGNORECASE,
)
#: What a question asks for besides a thing it names (「評価書のほかに何が増えたの？」, "what was
#: added besides the report?"): a unit saying what came in addition (「評価書に加えて…提案書が
#: 新たに導入」) answers it.
_ASKS_BESIDES = re.compile(r"(?:ほか|他)に|以外(?:に|で)|に加えて|\b(?:besides|other than|in addition to|apart from|aside from)\b", re.I)
_SAYS_BESIDES = re.compile(r"に加え|のほか|以外にも|\b(?:alongside|in addition to|as well as)\b", re.I)
#: What a Japanese request asks for (「…における一級指標の3区分を教えてください」): the words
#: before を教えて, after what they are of (における, について, に関する).
_ASKED_PHRASE_JA = re.compile(r"([^、。？?「」()]{2,30}?)を(?:お?教え|知りたい|ご教示|確認したい|挙げ|列挙|示し)")
#: …or what a thing is made of (「…において、一級指標はどのような項目で構成されていますか」).
_ASKED_MAKEUP_JA = re.compile(
    r"([^、。？?「」()]{2,30}?)(?:は|って)(?:どのような|どういう|どんな|何の|なんの)(?:項目|要素|もの|内容|区分|種類)?で?(?:構成|成り立|分かれ|できて)"
)
_OF_WHAT = re.compile(r".*(?:における|について|に関する|に関して|での|では)")
_QUALIFIER = re.compile(r"(?:法律|法|制度|実務|会計|税務|規制)上の")
#: Share of the asked phrase's words a unit names to read as the thing asked for.
ASKED_PHRASE_SHARE = 0.6
#: …and the weight of a unit naming none of them (what the asked thing is of, alone).
ASKED_PHRASE_PENALTY = 0.85
#: A question for what came into being (「評価書以外に何かできたの？」, "what was newly added?"):
#: a unit saying what was created or introduced answers it.
_ASKS_NEW = re.compile(
    r"(?<!こと)(?<!ことが)(?<!ことも)(?:でき|増え|生まれ|登場し)た(?:の|もの|って|ん|やつ|奴|\?|？)|\b(?:newly|introduced|added|created|launched)\b", re.I
)
_SAYS_NEW = re.compile(r"新設|創設|導入|新たに|登場|\b(?:newly|introduced|created)\b", re.I)
#: The thing an English question asks for by name ("what's the filing you need …", "what is
#: the standard form to …"): a unit naming it (提出) answers it before one on the law it is under.
_THING_ASKED = re.compile(
    r"\bwhat(?:'s|s| is| are| was| were)? the (?:(?:standard|usual|typical|main|right|required|key|basic|"
    r"correct|proper|official|normal) )?([a-z][a-z-]{3,}) (?:you|i|we|one|to|for|that|needed|required|made|used|filed|in|an?|the|lenders?|banks?)\b"
    # ("what filing does it usually make …": the thing before its verb; not a figure or a kind)
    r"|\bwhat (?!(?:share|percentage|percent|proportion|rate|ratio|amount|number|year|date|time|kind|type|sort|fee|cost|price|size|part|portion)\b)"
    r"([a-z][a-z-]{3,}) (?:does|do|did|should|must|would|will)\b"
    # ("what do we need to file to perfect a lien …?": the thing done, by its verb)
    r"|\bwhat (?:do|does|should|must|would) (?:we|i|you|they|one|lenders?|banks?|the lender|the bank) (?:need|have|want) to (file)\b"
    # ("where do they file?": the filing, wherever it is made)
    r"|\bwhere (?:do|does|should|must|would|can) (?:we|i|you|they|one|lenders?|banks?|the lender|the bank) (?:need to |have to )?(file)\b",
    re.IGNORECASE,
)
#: …or as a list of a glossary kind ("what are the three first-level indicators?": 一級指標).
_THINGS_LISTED = re.compile(
    r"\bwhat(?: are|'re| were) the (?:(?:two|three|four|five|six|\d+) )?((?:[a-z][a-z-]+ )?[a-z][a-z-]{3,}s)\s*(?:\?|$)",
    re.IGNORECASE,
)
_NO_KIND = frozenset({"目的", "仕組", "仕組み", "役割", "方法", "流れ", "内容", "意味", "場合", "こと", "もの", "感じ", "理由", "手続"})

#: A question for the total so far ("How many banks have received one so far?", 「これまでに
#: 何機関？」) is answered by a sentence giving it to date (「2014年度から現在までに…200を超える」),
#: before one giving a single year's figure (「2014年度に…18の金融機関」).
_ASKS_TO_DATE = re.compile(r"\b(?:so far|to date|until now|up to now|in total|altogether)\b|これまで|今まで|現在まで|累計|通算|トータル", re.IGNORECASE)
_SAYS_TO_DATE = re.compile(r"現在まで|これまで|累計|通算|までに|てきて|てきた|\b(?:to date|so far|cumulative(?:ly)?|in total)\b", re.IGNORECASE)
#: A question asking when something happened (「…拡大したのは何年ですか」, 「いつ始まったの？」,
#: "When did …?", "what year …"): a lead giving no date does not answer it. (Not a period,
#: 「何年かかる？」, nor when one may do a thing, 「いつから使える？」, which a condition answers.)
_ASKS_PAST_DATE = re.compile(
    r"何年(?!度?(?:分|間|目|も|ぶり|以上|前|後|かか|くらい|ぐらい|程度|経))|何年度|"
    r"(?:[たっ]た|だった|された|れた|でした|ました)(?:の|ん)?(?:は|って|が)?(?:いつ|何月)|"
    r"いつ(?:頃|ごろ)?(?:に|から|の)?[^。？?、]{0,12}?(?:[たっ]た|された|でした|ました)(?:の|ん|っけ|か)?\s*[?？。]?\s*$|"
    r"\b(?:what|which) year\b|\bwhen (?:did|was|were|had)\b",
    re.IGNORECASE,
)
#: An English follow-up asking a thing of its own, not a figure ("and what was the topic of
#: the 5th meeting?", "so which body runs it?").
_ASKS_THING_EN = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|then)\W+)?(?:what|which) (?:was|were|is|are) (?:the|its|their) "
    r"(?:topic|theme|agenda|subject|focus|purpose|aim|name|title|content|contents|outcome|conclusion)s?\b",
    re.I,
)
#: A when-question asking for the day itself (「何月何日から適用？」, "the exact date"): a unit
#: dated only to a month does not answer it. (「何日かかる」 asks how long, not a day.)
_ASKS_DAY = re.compile(
    r"何月何日|何日(?!間|ほど|くらい|ぐらい|位|程度|かか|も|経)|日付|"
    r"\b(?:exact|precise|specific|actual) (?:calendar )?date\b|\bwhat (?:day|date)\b|\bwhich day\b|\bon what date\b",
    re.IGNORECASE,
)
#: The first of a series of occasions asked for (its first dialogue, 「第1回会合」).
_ASKS_FIRST_OCCASION = re.compile(
    rf"\b(?:its|the|their|[\w-]+'s) (?:very )?first (?:[\w-]+ ){{0,4}}?{OCCASION_NOUNS}\b|(?:第1回|初回|最初)(?:の)?{OCCASION_NOUNS}",
    re.I,
)
#: The first of the occasions a conversation is about, asked as "the first one" at the start
#: of a follow-up ("and the first one? when was that held"; not "was it the first one").
#: The last of a series asked (「最後の会合」, "the last meeting").
_ASKS_LAST_OCCASION = re.compile(r"最後の(?:会合|会議|回|開催)|最終回|\b(?:the|its|their) (?:last|final) (?:meeting|session|one)\b", re.I)
_FIRST_ONE = re.compile(
    r"^\W*(?:(?:and|so|ok|what about|how about)\W+)?(?:the|its|their) (?:very )?first (?:one|edition)\b"
    # ("and when was the first one held?")
    r"|^\W*(?:(?:and|so|ok)\W+)?(?:when|where|how|who)\s+(?:was|were|did|is)\s+(?:the|its|their)\s+(?:very\s+)?first (?:one|edition)\b"
    r"|^\W*(?:(?:じゃあ|ほな|ほんなら|では|で)、?)?(?:最初|初回|1回目|一回目)の?(?:やつ|もの|時|とき)?(?:は|って)",
    re.I,
)
#: What follows an event told as the one before the event asked (「閣議決定後に」「…を受けて」).
_AFTER_EVENT = r"(?:され|し)?(?:た)?(?:後|の後|のあと|あと|を経て|を受けて|以降|から)"
#: Which of a series of occasions something happened at, asked without its number (「どの回」,
#: 「取り上げられた回を特定したい」, "at which meeting was it discussed").
_ASKS_WHICH_OCCASION = re.compile(
    r"(?:どの|何回目の?)(?:回|会合|会議)|何回目|[たれ]た回(?:を|は|が|って|に|の)|"
    r"\b(?:which|what) (?:meeting|session|round|hearing)\b(?!s)|\bat which (?:meeting|session|dialogue)\b",
    re.I,
)
#: A law's passing asked the date of (「信用保証協会法が制定されたのは何年？」, "when was the act
#: passed?"): answered by a sentence dating its passing, not by another event of its story.
_ASKS_PASSING = re.compile(
    r"(制定|成立|可決|公布)(?:さ|し)?れ?(?:た|る)?(?:の|ん)?(?:は|って|が)?[^。？?、]{0,6}?(?:いつ|何年|何月)"
    r"|(?:いつ|何年|何月)[^。？?]{0,20}?(制定|成立|可決|公布)"
    # (not a figure passed: "when did financing first pass 3000億元?")
    r"|\b(?:when|(?:what|which) (?:year|month|date|day))\b[^?.]{0,80}?\b(passed|enacted|promulgated|pass|enact)\b(?![^?.]{0,12}?\d)",
    re.I,
)


def _asks_when_event(ja_past: str, en_did: str, en_done: str, also: str = "") -> re.Pattern[str]:
    """A when-question on an event: its Japanese past form before or after the question word
    (「…廃止されたのはいつ」, 「いつ…廃止された」), its English verb after "when did", or its
    participle after "when was". ``also``: further alternatives (「いつできた」)."""
    return re.compile(
        rf"({ja_past})(?:の|ん)?(?:は|って|が)?[^。？?、]{{0,6}}?(?:いつ|何年|何月)"
        rf"|(?:いつ|何年|何月)[^。？?]{{0,20}}?({ja_past}){also}"
        rf"|\b(?:when|(?:what|which) (?:year|month|date))\s+did\b[^?.]{{0,80}}?\b({en_did})\b"
        rf"|\b(?:when|(?:what|which) (?:year|month|date))\b[^?.]{{0,80}}?\b(?:was|were|got)\s+(?:\w+\s+)?({en_done})\b",
        re.I,
    )


#: A when-question asking when something stopped (「評価書の費用負担が終わったのはいつ」, "what
#: year did they stop paying for the reports"): the past only, as 「いつ終わる？」 and "when does
#: the call end?" ask a deadline.
_ENDED_PAST_JA = r"(?:廃止|終了|打ち切|中止|撤廃|取りやめ)(?:さ|し)(?:れ)?た|打ち切られた|終わった|なくなった"
_ASKS_ENDING = _asks_when_event(
    _ENDED_PAST_JA,
    "stop|end|abolish|discontinue|scrap|drop|terminate|wind down|start charging",
    "abolished|discontinued|scrapped|terminated|ended|dropped",
)
#: A when-question asking when something was set up or opened (「ポータルサイトっていつできたん」,
#: "when did the JPO launch the portal"), and one asking when something was merged into another
#: ("what year did Shenzhen fold its fund into the pool"): the past only, as with an ending.
_LAUNCHED_JA = rf"(?:{'|'.join(LAUNCH_JA)})(?:さ|し)(?:れ)?た|立ち上げ(?:られ)?た|立ち上がった"
_ASKS_LAUNCH = _asks_when_event(
    _LAUNCHED_JA, "|".join(LAUNCH_EN), "|".join(LAUNCHED_EN), also=r"|(?:いつ|何年)(?:ごろ|頃)?(できた)"
)
_MERGED_JA = rf"(?:{'|'.join(MERGE_JA)})(?:さ|し)(?:れ)?た"
_ASKS_MERGING = _asks_when_event(_MERGED_JA, "|".join(MERGE_EN), "|".join(MERGED_EN))
#: When a figure reached a mark, asked ("when did it first actually pass 1 trillion yuan",
#: 「いつ1兆元を超えたの」, 「1兆元を突破したのはいつ」), and said as done (「…を超えた」, not
#: 「超える見通し」).
_ASKS_WHEN_REACHED = _asks_when_event(
    r"(?:超え|こえ|越え|上回っ|突破し|達し)(?:た|ました)",
    "cross|exceed|surpass|top|pass|reach|hit|break",
    "crossed|exceeded|surpassed|topped|passed|reached|hit|broken",
)
_SAYS_REACHED = re.compile(r"(?:超え|越え|上回っ|突破し|達し)(?:た|ており|ている)")
#: A follow-up asking whether the earlier answer holds of another case ("same rule there?",
#: 「創業のもそうなん？」, 「も同じ？」).
_SAME_RULE = re.compile(
    r"\bsame (?:rule|rules|thing|deal|split|there|here|for|applies|apply)\b|\b(?:does|do|would|will) (?:that|it|this|the rule) (?:also )?apply\b"
    r"|\balso appl(?:y|ies)\b|も(?:同じ|一緒|そう(?:なん|なの|です|か|？|\?|$))|も対象(?:なん|なの|です|か|？|\?|$)",
    re.I,
)
#: Whether two schemes go together ("can i stack the charge with a guarantee", 「併用できる？」).
_ASKS_COMBINED = re.compile(
    r"\b(?:stack(?:ed|ing)?|combin(?:e|ed|ing)|together with|alongside|on top of|at the same time as|in addition to)\b"
    # ("can a loan under the charge also be backed by a guarantee", "additionally carry")
    r"|\balso (?:be |get |have )?(?:backed|covered|secured|guaranteed|insured)\b|\badditionally (?:carry|carries|have|has|get|be)\b|\balso carr(?:y|ies)\b"
    # ("… AND also get a guarantee on the same loan", 「…に保証を付けることは可能か」)
    r"|\balso get\b|\bon the same loan\b|\b(?:mix|go together)\b|保証(?:を|も|って)?(?:付け|つけ)(?:る|られ|て(?:もら|くれ))"
    r"|併用|組み合わせ|組み合わ|(?:一緒|いっしょ)に(?:使|つか|付け|つけ|設定)|同時に(?:使|つか|付け|つけ|設定)|両方(?:使|つか)"
    r"|(?:保証|担保)も(?:つけ|付け|使え|つかえ)|(?:併せて|あわせて|合わせて)(?:付け|つけ|設定|利用|使)",
    re.I,
)


#: The enterprise value charge said in everyday words ("secured on my whole company", "the
#: whole-company charge", 「会社まるごと担保」): a scheme a combination is asked of.
_WHOLE_COMPANY_CHARGE = re.compile(
    r"\b(?:whole|entire)[- ](?:company|business|firm)\b|\ball[- ]asset (?:charge|security)\b|\b(?:everything|all) (?:we|i) own\b"
    r"|(?:会社|事業|全部)(?:を|ごと)?(?:まるごと|丸ごと)|(?:会社|事業)ごと(?!に)(?:を)?担保|事業全体を担保"
    # (「事業ぜんぶ担保にするやつ」)
    r"|(?:会社|事業)(?:の)?(?:ぜんぶ|全部|すべて|全て)(?:を)?担保",
    re.I,
)
_VALUE_CHARGE = "企業価値担保権"
_GUARANTEE_BODY = "信用保証協会"


def _combined_instruments(question: str, q: QuestionFrame) -> tuple[str, ...]:
    """The schemes a question names, the enterprise value charge said in everyday words too."""
    named = tuple(q.instruments)
    if _VALUE_CHARGE not in named and _WHOLE_COMPANY_CHARGE.search(question):
        named += (_VALUE_CHARGE,)
    if _GUARANTEE_BODY not in named and "保証協会" in question:
        named += (_GUARANTEE_BODY,)  # (its short name: 「保証協会の保証」)
    return named


def _names_each(c: Candidate, instruments: tuple[str, ...]) -> bool:
    """Whether the unit names every scheme of ``instruments``: in its own words, or, for one,
    its section or document (a section on the 信用保証協会 says 協会)."""
    where = f"{c.hit.chunk.section} {c.hit.doc.title}"
    return all(term in c.text for term in instruments) or (
        sum(term in c.text for term in instruments) == len(instruments) - 1 and any(term in where for term in instruments if term not in c.text)
    )


#: A figure asked as it stands now (「最近どのくらい？」, "the latest figure", "currently"): the
#: unit with the latest year's figure answers it; a part of a year counts as the year before.
_ASKS_RECENT = re.compile(
    r"最近|最新|直近|近年|足元|現在|現状|今(?:は|って|の|年|どれ|どの|いくら|何)|いま(?:は|って|の)|"
    r"\b(?:latest|most recent|recent(?:ly)?|currently|nowadays|these days|right now|as of now|today)\b",
    re.IGNORECASE,
)
#: How many of the units stating the figure the latest is picked from.
RECENT_POOL = 12
#: A question whether a thing exists ("Is there insurance …?", "any way to insure …",
#: 「…できる制度ってあるの？」), and a sentence saying that one was created or came to be.
_ASKS_EXISTS = re.compile(
    r"\b(?:is|are|was|were) there\b|\bany (?:way|means|option|product|insurance|scheme|programme|program|system|mechanism)s?\b|"
    r"(?:制度|仕組み|保険|商品|サービス|支援|窓口|方法|法律)(?:って|は|も|が|とか)?(?:ある|あります|あん)",
    re.IGNORECASE,
)
#: A question asking which countries or places (「どこの国が」, "which countries").
_ASKS_PLACES = re.compile(r"どこの国|どの国|どんな国|何か国|\b(?:which|what) (?:countries|nations|jurisdictions)\b", re.I)
#: Who may become a party (「信託会社には、どのような主体がなれる？」, "who can be the lender?"),
#: and a sentence saying who can or cannot (「…になれるのは…に限られる」, 「…の設定者になれない」).
_ASKS_BECOME = re.compile(
    r"なれる|なれます|なれない|なり得|なりう|なることができ"
    r"|\bwho\b[^?.]{0,30}?\b(?:can|could|may)\b[^?.]{0,10}?\b(?:be|become|act as|serve as)\b"
    # (a right held: "who can actually hold the charge", "who may hold the security")
    r"|\bwho\b[^?.]{0,30}?\b(?:can|could|may|is allowed to|are allowed to)\b[^?.]{0,10}?\bhold (?:the|a|an|that|this) (?:[\w-]+ ){0,3}?(?:charge|security|right|lien|interest)\b"
    # (…whether one party may: "can my main bank hold that charge itself")
    r"|\b(?:can|could|may)\b[^?.]{0,30}?\bhold (?:the|a|an|that|this) (?:[\w-]+ ){0,3}?(?:charge|security right|lien)\b"
    r"|\b(?:can|could|may)\b[^?.]{0,40}?\b(?:become|act as|serve as)\b",
    re.I,
)
_SAYS_BECOME = re.compile(
    r"になれる|になれない|になることができ|になり得|(?<=[一-龥ァ-ヶー])は[^。]{0,30}に限られ|\b(?:can|may|cannot) (?:become|act as|serve as)\b", re.I
)
#: The role a Japanese question asks who may take (「担保権者となり得るのは」, 「信託会社には、
#: どのような主体がなれる」), and the one a sentence says who may take (「…の設定者になれない」,
#: 「担保権者は信託会社等に限られる」): a sentence on who may grant the right does not say who
#: may hold it.
_ROLE_ASKED = re.compile(r"([一-龥ァ-ヶー]{2,})(?:に|と)(?:は)?[、,]?[^。？?、]{0,15}?(?:なれ|なり得|なりう|なることができ)")
_ROLE_SAID = re.compile(r"([一-龥ァ-ヶー]{2,})(?:に|と)(?:なれ|なり得|なることができ)|([一-龥ァ-ヶー]{2,})は[^。]{0,30}に限られ")


#: A verb said in the negative right after it (負担せず, 負担しない, 負担なし).
_NEGATED = re.compile(r"(?:せず|しない|しなく|しなかっ|なし|なく|不要)")


def _only_negated(verbs: list[TermGroup], text: str) -> bool:
    """``text`` says the asked verb (a one-word alternative of ``verbs``) only in the negative."""
    said = [
        m
        for g in verbs
        for alt in g.alternatives
        if len(alt) == 1 and len(alt[0]) >= 2 and not alt[0].isascii()
        for m in re.finditer(re.escape(alt[0]), text)
    ]
    return bool(said) and all(_NEGATED.match(text, m.end()) for m in said)


def _same_role(asked: str, text: str) -> bool:
    """``text`` says who may take the role ``asked`` names, or names no role of its own."""
    said = [a or b for a, b in _ROLE_SAID.findall(text)]
    return not said or any(asked in r or r in asked for r in said)
_SAYS_EXISTS = re.compile(r"登場|存在する|設けられ|設けた|創設|誕生|商品化|\b(?:introduced|launched|emerged|created)\b")

#: Events a "when" question may name (「いつ改定された？」 asks for the revision's date).
#: Other words documents date those events with.
_EVENT_ALIKE = {
    "公表": "公開|発表",
    "発表": "公表|公開",
    "開始": "始ま|始め|スタート(?!アップ)|導入",
    "成立": "可決",
    "施行": "効力(?:を|が|は)[^。]{0,30}?生じ",
    "設立": "創設|発足",
    "創設": "設立|新設|発足",
    # what a body 出した, asked casually (「国がひな形出したのっていつ？」), is what it published
    "出す": "公表|発表|公開",
}
#: A follow-up asking what a rule leaves out (「その対象外となる保証は？」, "which guarantees are
#: excluded?"); a close unit saying so leads when it scores this share of the lead.
_EXCLUDED_ASKED = re.compile(
    r"対象外|適用外|除外|\b(?:excluded|exempt(?:ed)?|not covered|left out|carved out|not included|outside (?:the|that|this) (?:rule|system|scheme))\b",
    re.I,
)
EXCLUDED_LEAD_SHARE = 0.6
#: …and answers a figure no unit states for what it leaves out, when it scores this share of
#: the best unit (the question's words are on the split, not on what is left out).
OUTSIDE_RULE_SHARE = 0.3
#: A question asking a figure's value ("what share …", 「負担の割合は？」), not whether a rule holds.
_ASKS_VALUE = re.compile(
    r"\b(?:what|how much|how many|which)\b|何|いくら|なんぼ|どの|どれ|どん|どう|(?:割合|比率|率|額)(?:は|って)\s*[？?]?\s*$", re.I
)
#: How far past a subject's word its everyday phrase may run (「創業向け」 + 「の保証」).
PHRASE_TAIL = 4
#: A sentence saying something is outside a rule (対象外, 適用されない).
_EXCLUDED = re.compile(r"対象外|適用外|適用されない|対象とならない|対象にならない|除外され")
#: The rule a unit says something is outside of, by name (責任共有制度 of 「…は、責任共有制度の対象外」).
_EXCLUDED_RULE = re.compile(r"([一-龥ァ-ヶー]{3,})の(?:対象外|適用外)")
#: Whether a rule reaches a thing asked (「…の枠組みに入るの」, 「…も対象になる？」, "does it fall
#: under the 80/20 rule"): a unit saying the thing is outside the rule answers it.
_ASKS_REACH = re.compile(
    r"(?:枠組み|枠|範囲|対象)(?:に|の中に|内に)(?:入る|入り|入っ|含まれ)|対象(?:に|と)(?:なる|なり|なっ)|適用(?:され|対象)"
    # (「…を利用する場合も、同じ割合で…負担することになりますか」: whether the rule reaches it)
    r"|も[、,]?\s*同じ(?:割合|比率|ルール|扱い|負担)"
    r"|\bfalls? (?:under|within|inside)\b|\b(?:covered|included) (?:by|in|under)\b",
    re.I,
)
_EVENT = re.compile(r"施行|開始|始まる|始める|成立|公布|公表|改定|改正|改訂|見直す?|廃止|終了|提出|開設|告示|導入|設立|創設|発表|適用|閣議(?:決定)?")
#: A coming into force said (not 施行令 or 施行規則, the names of rules under a law).
_ENFORCED = re.compile(r"施行(?!令|規則)")
#: Events that start something (「…から適用」, 施行, 開設): what 「いつから？」 asks.
_START = re.compile(rf"{_ENFORCED.pattern}|開始|始ま|始め|開設|導入|設立|創設|新設|適用|発足|スタート(?!アップ)")
#: A change asked about (「いつから変わったの？」): its 改正 is the answer, no start.
_ASKS_CHANGE = re.compile(r"変わ|変更|改正|改定|改訂|見直|\b(?:change|amend|revis)", re.I)

#: A sentence about its own document (「…に掲載されたこの記事は、…と述べる。そのうえで…方向を
#:示している」, "This report describes …"): it says what the document covers, not the facts
#: asked; the sentences stating them answer first when they were retrieved.
ABOUT_ITSELF_FACTOR = 0.8
_ABOUT_ITSELF = re.compile(
    r"[^。]{0,30}?(?:この|本)(?:記事|報告書|資料|論文|レポート|稿|文書)は"
    r"|(?:This|The present) (?:article|report|paper|document) (?:says|describes|argues|shows|sets out|outlines)\b"
)

#: A point in time said in words: when a right takes effect (「登記した時点で」), what happens
#: after what (「実行したときに」). (「この日から」 dates nothing by itself.)
_TIME_POINT = re.compile(r"時点|とき(?:に|から)|(?:した|する|される|された)際")

#: A question for how many things there are (「論点はいくつ？」): an announcement answers it.
_HOW_MANY = re.compile(r"いくつ|何個|何点|何つ|何通り|何種類|\bhow many\b", re.I)

#: Weights of the three signals (lexical, semantic, "asked": the annotated questions).
W_LEXICAL, W_SEMANTIC, W_ASKED = 0.30, 0.20, 0.40




def _relative(values: list[float]) -> list[float]:
    lo, hi = min(values), max(values)
    return [(v - lo) / (hi - lo) if hi > lo else 0.0 for v in values]


#: A follow-up's own words that only say when (翌年度, 今年, 2022年) ask the earlier question again.
_TIME_WORD = re.compile(r"^(?:翌|前|今|昨|去|来|本|同|当)?(?:年度?|月|期|四半期)$|\d")


def _typed_groups(groups: list[TermGroup], question: str) -> list[TermGroup]:
    """The groups whose words the user typed (not carried from the conversation)."""
    typed = question.lower()
    return [g for g in groups if g.term.lower() in typed or any(" ".join(a).lower() in typed for a in g.alternatives)]


def _carried(question: str, condensed: str) -> str:
    """What the condenser carried into a follow-up from the conversation: an English one's
    earlier question in parentheses, a Japanese one's topic before 「について、」; "" when it
    carried nothing it marks."""
    if condensed.startswith(f"{question} (") and condensed.endswith(")"):
        return condensed[len(question) + 2 : -1]
    if _asked_part(question, condensed):
        return condensed.split(_TOPIC_MARK, 1)[0]
    return ""


#: A question asking how things stand now ("what about now", "is it still …", 「今も」「現在は」
#: 「まだやってる？」), and a unit stating a figure as of a past point (「2017年の時点では」,
#: 「平成23年度で約4,400億円」): the figure then is no answer for now.
_ASKS_NOW = re.compile(
    r"\b(?:now|still|currently|these days|today|nowadays|at present|at the moment)\b|今も|今でも|今は|いまも|いまは|現在|現時点|まだ(?:やって|続いて|ある|あり|使え)",
    re.I,
)
_AS_OF = re.compile(
    r"((?:19|20)\d{2}|(?:平成|令和)\d{1,2})年度?(?:\d{1,2}月)?(?:末)?(?:の)?(?:時点|現在|で(?=約|およそ|\d))"
)


#: A follow-up asking the occasion after the one asked before ("when's the next one?"): the
#: next of its series, which the condenser writes out ("the third one").
_NEXT_ONE = re.compile(r"\bnext (?:one|meeting|session|dialogue|round|edition|auction|event)\b", re.I)


#: A question asking a named party's view is led by a unit reporting it within this share of
#: the lead's score (:mod:`assistant.answer.views`).
VIEW_LEAD_SHARE = 0.5
#: …and naming at least this share of the terms of what the view is asked about.
VIEW_TOPIC_SHARE = 0.5
#: A question asking a forecast or a ranking is led by a unit stating one within this share
#: of the lead's score, naming at least JUDGED_TOPIC_SHARE of the weight of what is asked
#: about (:mod:`assistant.answer.judgements`).
JUDGED_LEAD_SHARE = 0.5
JUDGED_TOPIC_SHARE = 0.5
#: …a term counting as named when at least this share of its words are.
JUDGED_TERM_SHARE = 0.5
#: A why-question's own thing (:meth:`ExtractiveAnswerer._why_subject`) is a term of it that at
#: most WHY_SUBJECT_MAX_UNITS of the top WHY_SUBJECT_POOL units use, and each of whose words
#: has at least WHY_SUBJECT_MIN_IDF: 個人事業主 (one unit; 個人 2.35, 事業 .57, 主 3.81), not
#: 金融機関 (four units; 金融 .15).
WHY_SUBJECT_POOL = 8
WHY_SUBJECT_MAX_UNITS = 3
WHY_SUBJECT_MIN_IDF = 0.5


#: An office named after its city (「JETRO北京・香港事務所」, "JETRO Beijing and Hong Kong
#: offices"): it names who wrote, not a place a figure is of.
_OFFICE = re.compile(r"[一-龥ァ-ヶーA-Za-z]+(?:・[一-龥ァ-ヶー]+)*事務所|(?:[A-Z][a-z]+ (?:and )?){1,4}(?:offices?|branch(?:es)?)\b")


#: A question asking how much something changed over years ("grow between 2011 and 2020",
#: 「…から今までに何%伸びてる」), one running to now (「今まで」, "to date", "so far"), and how
#: many top units are looked through for the figures at its ends.
_ASKS_CHANGE = re.compile(r"\b(?:grow|grew|grown|growth|increase[ds]?|rise|rose|risen|expand(?:ed)?|change[ds]?)\b|伸び|伸ばし|増え|増加|拡大|変化|成長", re.I)
_TO_NOW = re.compile(r"今まで|いままで|現在まで|現在に至る|\b(?:to date|so far|until now|till now|up to now|to now|since then)\b", re.I)
CHANGE_POOL = 10
#: A change on the year before (「前年比43.9%増」, "up 43.9% year on year").
_ON_YEAR_BEFORE = re.compile(r"前年(?:同期)?比|前年から|\byear[- ]on[- ]year\b|\bfrom the previous year\b", re.I)


#: A question asking of an occasion still to come ("when is WIPO's next dialogue?", 「次回の
#: 会合はいつ？」), and a passage speaking of one (「次回は…予定」, "will be held"): passages dating
#: past occasions only do not say when the next one is.
_ASKS_NEXT = re.compile(
    r"\b(?:next|upcoming|coming)\s+(?:(?:ip finance |wg |working group )?(?:one|meeting|session|dialogue|round|edition|auction|event|call|intake|deadline))\b"
    r"|次回|次の(?:会合|会議|募集|公募|回|開催|締切|締め切り|オークション)|今度の(?:会合|会議|募集|公募|開催)",
    re.I,
)
_SAYS_NEXT = re.compile(r"次回|予定|見込み|\b(?:next|will be held|scheduled|planned|upcoming)\b", re.I)


#: A demonstrative before a noun: the noun points back to what was said before.
_POINTING = r"(?:その|この|あの|例の|\b(?:that|this|those|these|the same)\s+)"


#: A follow-up pointing back to a meeting or a body (「その会議」「その研究会」, "that working
#: group"): it asks of the body, not of the scheme the body discussed.
_POINTS_TO_BODY = re.compile(
    _POINTING + r"(?:会議|会合|研究会|検討会|審議会|委員会|ワーキング・?グループ|WG|"
    r"meeting|working group|panel|committee|council|study group)",
    re.IGNORECASE,
)


def _points_back(term: str, question: str) -> bool:
    """Whether ``question`` writes ``term`` after a demonstrative (「その会議」, "that meeting")."""
    return bool(re.search(_POINTING + re.escape(term), question, re.IGNORECASE))


def _newly_typed_groups(groups: list[TermGroup], question: str, condensed: str) -> list[TermGroup]:
    """The groups a follow-up names that the conversation did not: "how many IP
    securitisation products …?" after a question on IP pledge financing names
    securitisation anew (IP was said before). All typed groups when none is new."""
    typed = _typed_groups(groups, question)
    carried = _carried(question, condensed).lower()
    new = [
        g for g in typed if g.term.lower() not in carried and not any(" ".join(a).lower() in carried for a in g.alternatives)
    ]
    return new or typed


def _asked_groups(groups: list[TermGroup], question: str) -> list[TermGroup]:
    """The key terms of the sentences that ask, without those only a sentence beside them says
    (「…どの程度を負担していましたか。稟議資料に記載したいので確認です。」: the documents need
    not speak of 稟議資料). Terms said in neither (normalised forms) are kept; all of them when
    every term is in the remark."""
    remark = remark_sentences(question)
    if not remark:
        return groups
    asking = asking_sentences(question)
    kept = [g for g in groups if not (g.term in remark and g.term not in asking)]
    return kept or groups


def _asks_its_own(groups: list[TermGroup], question: str, lexicon: Lexicon) -> bool:
    """A follow-up names something of its own to ask about (「登記とかいるの？」), not only a
    time or a place for the earlier question (「翌年度は？」「中国だと？」)."""
    return any(
        g.topical and not g.predicate and not _TIME_WORD.search(g.term) and not lexicon.place(g.term)
        and g.term.lower() not in lexicon.place_words
        for g in _typed_groups(groups, question)
    )


_TOPIC_MARK = "について、"


def _latest(lead: Candidate, stating: list[Candidate]) -> Candidate:
    """Of the units stating the figure asked for, the one of the latest year, when ``lead``
    is among them (a part of a year counts as the year before, and a full year wins a tie:
    2023's full-year total before 2024's first half); ``lead`` otherwise."""
    if not any(c is lead for c in stating):
        return lead

    def when(c: Candidate) -> tuple[int, bool]:
        years = stated_years(c.text)
        part = bool(PART_YEAR.search(c.text))
        return (max(int(y) for y in years) - part if years else 0, not part)

    return max(stating, key=when) if when(lead)[0] else lead


def _asked_part(question: str, condensed: str) -> str:
    """What a Japanese follow-up asks, as the condenser completed it: the part after the
    carried topic (「中国・特許について、紙で出したら何日かかる？」 → 「紙で出したら何日かかる？」);
    "" when no topic was carried before it."""
    if _TOPIC_MARK in condensed and _TOPIC_MARK not in question:
        return condensed.split(_TOPIC_MARK, 1)[1]
    return ""


#: Kinds of a thing, by family, as a question or a unit names them: kinds of IP (特許庁 and
#: 特許商標庁 are offices, no kind; 知財 names them all, so it is none of them) and kinds of
#: bodies that met (the FSA's 2020 研究会 is not its 2022 working group).
_KINDS = {
    "ip": {
        "patent": re.compile(r"特許(?!庁|商標庁)|\bpatent", re.I),
        "trademark": re.compile(r"(?<!特許)商標(?!庁)|\btrade ?marks?\b", re.I),
        "copyright": re.compile(r"著作権(?!局)|\bcopyright", re.I),
        "design": re.compile(r"意匠"),
        "utility model": re.compile(r"実用新案|\butility models?\b", re.I),
    },
    "body": {
        "working group": re.compile(r"ワーキング・?グループ|\bWG\b|\bworking group\b", re.I),
        "study group": re.compile(r"研究会|\bstudy group\b", re.I),
        "project team": re.compile(r"プロジェクトチーム|\bproject team\b", re.I),
    },
}


def _named_kinds(text: str) -> dict[str, set[str]]:
    """The kinds ``text`` names, by family (特許 → ip: patent; 研究会 → body: study group)."""
    out = {family: {kind for kind, pattern in kinds.items() if pattern.search(text)} for family, kinds in _KINDS.items()}
    return {family: kinds for family, kinds in out.items() if kinds}


def _other_kind(asked: dict[str, set[str]], text: str) -> float:
    """The weight of a unit naming kinds of a family the question names, and none of those it
    names (OTHER_KIND_PENALTY); 1.0 otherwise."""
    said = _named_kinds(text)
    factor = 1.0
    for family, kinds in asked.items():
        if family in said and not said[family] & kinds:
            factor *= OTHER_KIND_PENALTY[family]
    return factor


def _asked_verbs(verbs: list[TermGroup], question: str) -> list[TermGroup]:
    """Of a question's verbs, those it asks about: not one that only sets when
    (「借りたあと、機械を売ってもいいの？」 asks whether one may sell, not borrow; all of them
    when every verb does), nor 使える asked of a scheme (eligibility, not an act)."""
    def before(g: TermGroup) -> bool:
        stem = re.sub(r"(?<=.)[ぁ-ん]$", "", g.term)
        return bool(re.search(rf"{re.escape(stem)}[ぁ-ん]{{0,3}}?[たてで](?:あと|後|から)", question))

    # (「…って使える？」「この仕組み、使えたりする？」 asks whether one is eligible for the scheme, not
    # whether one may use property: 「機械を使える？」 does)
    eligible = [g for g in verbs if g.term == "使う" and re.search(r"(?<!を)(?<!を、)使え", question)]
    kept = [g for g in verbs if g not in eligible]
    return [g for g in kept if not before(g)] or kept


def _before_carried(condensed: str) -> str:
    """An English follow-up as the condenser rewrote it, without the earlier question it
    carries in a closing pair of parentheses ("and … 2015? (In the JPO's FY2014 pilot …?)"
    → "and … 2015?"; parentheses inside either are skipped); "" when it carries none."""
    if not condensed.endswith(")"):
        return ""
    depth = 0
    for at in range(len(condensed) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(condensed[at], 0)
        if depth == 0:
            return condensed[:at].rstrip() if at and condensed[at - 1] == " " else ""
    return ""


def _ranking_groups(groups: list[TermGroup], question: str, condensed: str) -> list[TermGroup]:
    """The groups units are ranked by: those a follow-up carries from the conversation (an
    English follow-up's earlier question in parentheses, a Japanese one's topic before
    「について、」) weigh ``CARRIED_WEIGHT`` of what the user typed."""
    if not _carried(question, condensed):
        return groups
    typed = {id(g) for g in _typed_groups(groups, question)}
    return [g if id(g) in typed else replace(g, weight=g.weight * CARRIED_WEIGHT) for g in groups]


def _set_aside_weighed(groups: list[TermGroup], question: str) -> list[TermGroup]:
    """The groups units are ranked by, a term said only in what the question sets aside to
    ask about something else (「評価書とは別に「知財ビジネス提案書」ってのもあるっちゃろ？」)
    weighing ``SET_ASIDE_WEIGHT``: it is not what is asked about. (The asker's remarks beside
    what they ask keep their weight: "We have almost no tangible assets." says what the
    question is about.)"""
    aside = " ".join(m.group(0) for m in _SET_ASIDE_JA.finditer(question))
    if not aside:
        return groups
    rest = _SET_ASIDE_JA.sub(" ", question)
    return [replace(g, weight=g.weight * SET_ASIDE_WEIGHT) if g.term in aside and g.term not in rest else g for g in groups]


#: What a Japanese question sets aside to ask about something else (「評価書とは別に」).
_SET_ASIDE_JA = re.compile(r"([一-龥ァ-ヶー]{2,})(?:とは別に|とは違って|じゃなくて|ではなくて?)")


def _defines(text: str, groups: list[TermGroup], en: str = "", instruments: tuple[str, ...] = ()) -> bool:
    """The unit opens by stating what one of the question's terms is ("評価書は、…"), or its
    English rendering opens with the term as its subject ("The responsibility-sharing system
    (責任共有制度) was introduced …"). When the question names a scheme (``instruments``:
    知財ビジネス評価書), that is what it asks to define, not the body it is qualified by ("What
    does a JPO IP business evaluation report contain?" is not answered by 「特許庁は…」)."""
    head = text[:DEFINES_WITHIN]
    if any(f"{term}は" in head or f"{term}とは" in head for term in instruments):
        return True
    opening = re.sub(r"^(?:the|an?)\s+", "", en.lower())
    for g in groups:
        if not g.topical:
            continue
        if instruments and not any("".join(a) in instruments for a in g.alternatives):
            continue  # a term the scheme is qualified by (the JPO's report)
        if g.term.isascii():
            if opening and re.match(rf"{re.escape(g.term.lower())}s?\b", opening):
                return True
        elif f"{g.term}は" in head or f"{g.term}とは" in head:
            return True
    return _coins(text, groups)


def _coins(text: str, groups: list[TermGroup]) -> bool:
    """The unit names one of the question's terms as what a kind it describes is called:
    「…事業全体の価値を担保にできる新しい担保権「企業価値担保権」を設けた」 says what the
    charge is, in plainer words than the article defining it in law (「…は…物権である」)."""
    return any(
        re.search(rf"[一-龥ァ-ヶー]「{re.escape(''.join(a))}」", text)
        for g in groups
        if g.topical
        for a in g.alternatives
    )


#: What an English "what is …" asks to define: the noun phrase after it, before a phrase
#: that qualifies it ("the risk-sharing *ratio* between the guarantee corporation and …").
_DEFINED = re.compile(
    r"\bwhat(?:'s| is| are| does)\s+(?:the |an? )?(.+?)(?=\s+(?:between|of|for|in|under|with|and|at|on|from|to|mean|stand)\b|[?.,]|$)",
    re.I,
)


#: What a Japanese definition question asks to define when it quotes it (「…における「X」とは」).
_DEFINED_JA = re.compile(r"「([^「」]{2,})」(?:とは|って(?:何|なに|なん)|の(?:意味|定義))")

def _defined_groups(question: str, groups: list[TermGroup]) -> list[TermGroup]:
    """The groups an English definition question asks to define ("standard risk-sharing
    ratio", not the "credit guarantee corporation" it is qualified by); all of them when
    it is not so phrased, or names none of them there."""
    ja = _DEFINED_JA.search(question)
    if ja:  # 「企業価値担保権における「不特定被担保債権」とは」 asks what the quoted term is
        named = [g for g in groups if not g.term.isascii() and g.term in ja.group(1)]
        return named or groups
    m = _DEFINED.search(question)
    if not m:
        return groups
    phrase = m.group(1).lower()
    named = [g for g in groups if g.term.isascii() and re.search(rf"\b{re.escape(g.term.lower())}\b", phrase)]
    return named or groups



def _occasion_scored(score: float, said: set[str], asked: set[str] | frozenset[str]) -> float:
    """``score`` of a unit naming the occasions ``said`` (meetings' numbers, years) when the
    question asks ``asked``: raised for one asked, lowered for only others, kept for none."""
    if said & asked:
        return score + CUE_BONUS
    return score * EVENT_PENALTY if said else score


def _ordinals_of(c: Candidate) -> set[str]:
    """The ordinals a unit names, in its text or its English rendering (「9回目」, "ninth")."""
    return ordinals(f"{c.text} {c.unit().en or ''}")


def _group_forms(g: TermGroup, translated: bool) -> list[str]:
    """How a group is named: as written, or also in the documents' words when ``translated``
    ("startup-related guarantees" is 創業関連保証)."""
    return [f for f in (g.term, *("".join(a) for a in g.alternatives)) if len(f) >= 2] if translated else [g.term]


def _states_cost(c: Candidate) -> bool:
    """The unit states what a thing costs (「作成費用は1件あたり20万〜30万円」), not what a
    body bore of it (「特許庁が…約30万円を負担」)."""
    return bool(_SAYS_COST.search(c.text)) and not _SAYS_BORNE.search(c.text) and has_number(c.text)


def _states_borne(c: Candidate) -> bool:
    """The unit states what a body bore or paid of a cost (「特許庁が…約30万円を負担」)."""
    return bool(_SAYS_BORNE.search(c.text)) and has_number(c.text)


def _same_fact(a: str, b: str) -> bool:
    """Two units state the same fact: the same date to the day, the same figure, or mostly
    the same words (an official text and the brief that summarises it)."""
    days = set(_DAY.findall(a)) & set(_DAY.findall(b))
    amounts = set(figures(a).amounts) & set(figures(b).amounts)
    return bool(days or amounts) or jaccard(_words(a), _words(b)) >= SAME_TOPIC


_DAY = re.compile(r"\d{1,2}月\d{1,2}日")
#: A month asked (「何月」, "in which month") and a date to the month (2018年10月).
_ASKS_MONTH = re.compile(r"何月|\b(?:which|what) month\b", re.I)
_MONTH = re.compile(r"\d{1,2}月")
#: A unit on the first of a series (「世界で初めてとされる…オークション」, 「初の」, 「第1回」).
_FIRST_OCCASION = re.compile(r"初めて|最初の|初の|第1回|第一回")


def _says_first_occasion(text: str) -> bool:
    """``text`` tells of a first occasion of a series (「世界で初めてとされる…オークション」)."""
    return bool(_FIRST_OCCASION.search(text) and re.search(OCCASION_NOUNS, text, re.I))


def _words(text: str) -> set[str]:
    return {t for t in content_terms(text) if not any(ch.isdigit() for ch in t)}


def _norm(value: float, floor: float, ceil: float) -> float:
    return float(np.clip((value - floor) / (ceil - floor), 0.0, 1.0))


#: A word of a question that may be an acronym as typed in lower case ("ucc", "uspto").
_TYPED_ACRONYM = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{3,6})(?![A-Za-z])")


#: When something happened for the first time (「初めて…を超えた」, "for the first time").
_FIRST_TIME = re.compile(r"初めて|はじめて|\bfor the first time\b|\bfirst time\b", re.I)
#: A claim quoted to be checked (「「…」という記載」「「…」とあります」).
_QUOTED_CLAIM = re.compile(r"「([^「」]{6,})」")
#: A follow-up asking what kind of thing something is (「どんな話なん？」).
_ASKS_WHAT_KIND = re.compile(
    r"どんな|どういう|どのような|なんの|何の"
    # (…or what was talked of: "what was discussed at the 5th one?" after a count of meetings)
    r"|\bwhat (?:was|were|got|is|are) (?:discussed|covered|presented|debated|on the agenda)\b|\bwhat did (?:they|it|the \w+) (?:discuss|cover|talk about)\b",
    re.I,
)


#: One occasion a follow-up points back at ("that one", 「その回」).
_THAT_OCCASION = re.compile(r"\b(?:that|the same) (?:one|auction|meeting|session|dialogue)\b|その(?:回|会合|オークション)", re.I)
#: A follow-up that only names one of the things counted before ("the first one?", "and the
#: 3rd one?"): it asks about that one, not the earlier count again.
_BARE_ITEM = re.compile(
    r"\W*(?:and|so|ok|what about|how about)?\W*(?:the|its|their) (?:very )?(?:first|second|third|last|final|\d+(?:st|nd|rd|th)) (?:one|meeting|session|auction)\s*[?？.]*",
    re.I,
)


def _implied_jurisdiction(question: str, candidates: list[Candidate], default: tuple[str, ...]) -> str:
    """The one jurisdiction (not ``default``) whose passages alone write an acronym the
    question uses ("ucc", "uspto": the US's UCC-1 and USPTO), among the retrieved units; ""
    when there is none, or the acronyms point at more than one (or at the default too)."""
    places: set[str] = set()
    for word in {m.group(1).upper() for m in _TYPED_ACRONYM.finditer(question)}:
        written = re.compile(rf"(?<![A-Za-z]){word}(?![a-z])")
        places |= {c.jurisdiction for c in candidates if written.search(c.text)}
    return next(iter(places)) if len(places) == 1 and not places & set(default) and "intl" not in places else ""


class ExtractiveAnswerer(Answerer):
    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        bm25: BM25Index,
        min_coverage: float = 0.5,
        min_similarity: float = 0.8,
        max_sentences: int = MAX_SENTENCES,
        vector_lookup: Callable[[list[tuple[str, int, int]]], dict[tuple[str, int, int], np.ndarray]] | None = None,
        lexicon: Lexicon | None = None,
        key_lookup: Callable[[list[str]], dict[str, np.ndarray]] | None = None,
    ) -> None:
        self.embedder = embedder
        self.bm25 = bm25
        self.lexicon = lexicon or Lexicon.bundled()
        self.min_coverage = min_coverage
        self.min_similarity = min_similarity
        self.refusals = Refusals(self.lexicon, min_coverage, min_similarity)
        self.quantities = QuantityCheck(self.lexicon)
        self.max_sentences = max_sentences
        self.vector_lookup = vector_lookup
        self.key_lookup = key_lookup
        # Unit vectors by (chunk id, start, end): a chunk id hashes the chunk's text and
        # annotations, so a cached vector stays right across re-ingests and generations.
        self._vectors: dict[tuple[str, int, int], np.ndarray] = {}

    # ------------------------------------------------------------------ main
    def answer(
        self,
        question: str,
        condensed: str,
        retrieval: Retrieval,
        lang: str,
        *,
        persona: str = "sme",
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        t0 = time.perf_counter()

        def known(term: str) -> bool:
            return self.bm25.document_frequency(term) > 0

        q = frame(condensed, self.lexicon, known)
        # (「2024年末だとどうなってる？」 asks the earlier question of another time: its intent)
        own = tuple(self.lexicon.intents_of(question)) if condensed != question and not asks_only_time(question) else ()
        if condensed != question and not own and (
            _ASKS_WHAT_KIND.search(question)
            # ("the first one?" after a count asks about that one; after a "when" it asks when)
            or (_BARE_ITEM.fullmatch(question.strip()) and q.wants("howmuch"))
        ):
            # 「その1個目ってどんな話なん？」 after 「…理由って何個あるん？」 asks what it is, not the
            # earlier count again
            own = ("other",)
        if condensed != question:
            # What a follow-up asks is what the user typed ("How many … so far?"), not what
            # the earlier question it is read with asked ("What is …?"), and so are the
            # quantities it asks by that intent ("how much was the premium on that one?" after
            # "Who arranged …?" asks for a premium, though the condensed text opens with "who";
            # "What was the premium on that policy?" too, whose intent is none of the named ones)
            asks = [x for x in self.lexicon.quantities_in(question) if x not in q.quantities]
            q = replace(q, intents=own or q.intents, quantities=(*q.quantities, *asks))
            # The party a figure must be about is one the user named; the earlier topic a
            # follow-up is read with (「事業性融資WGについて、会合は何回？」) is context.
            q = replace(q, subjects=tuple(s for s in q.subjects if s.lower() in question.lower()), typed=question)
            if _POINTS_TO_BODY.search(question) or any(x.person for x in self.lexicon.quantities_in(question)):
                # 「(その会議の)座長って誰？」 after a question on what met to discuss 事業成長担保権
                # asks of that meeting: the scheme it discussed need not be named with its chair
                q = replace(q, instruments=tuple(i for i in q.instruments if i in question))
            if self.lexicon.named_jurisdictions(question):
                # "What about China?" after a question on Japan's 責任共有制度 asks for China's
                # counterpart: the earlier scheme is no scheme its answer must name.
                q = replace(q, instruments=tuple(i for i in q.instruments if i in question))
            # A qualifier of the earlier subject is not asked again (the earlier "Who held the
            # first auction?" does not make "And how did its ninth auction go?" about a first);
            # a quantity is (「中国だと？」 after 「手数料は？」 still asks for a fee).
            # The question word the condenser carried into a bare follow-up (「紙で出したら何日
            # かかる？」) is asked, as typed.
            asked_text = _asked_part(question, condensed) or question
            # A follow-up asking a thing of its own kind ("and do employees get paid before the
            # bank?" after a question on the reserve's minimum) carries no earlier quantity.
            # (nor one naming its own kind of figure: 「中山市だとどういう割合で分けてるの？」 after
            # 「…貸し倒れって誰がかぶってるの？」 asks a split, not a rate of bad loans)
            typed_figure = requested_figure(question, self.lexicon)
            # (…nor one asking a quantity of its own: "was there anything that replaced it?"
            # after "how long did it run" asks for a successor, not a length of time)
            asks_own = any(x.pattern.search(asked_text) for x in q.quantities)
            carried = (not own or "howmuch" in own) and SHARE not in typed_figure.units and not asks_own
            # (…nor one asking what someone said there: "and what did wipo's director general say
            # there about …?" after "when was the 2nd dialogue held?" asks no date)
            carried = carried and asked_view(question, self.lexicon.expand_english) is None
            # (…nor one asking a figure of its own: "And how many financial institutions had used
            # the reports? Just the number." after a long turn on a successor programme asks a
            # count, not what came after)
            q = replace(
                q,
                quantities=tuple(
                    x
                    for x in q.quantities
                    if (x.carries and carried and (x.figure or not typed_figure.units)) or x.pattern.search(asked_text)
                ),
            )
            # (a year the condenser wrote out for "the next year" or 「その前の年」 is typed too:
            # an English follow-up's own part is before the earlier question in parentheses)
            own_part = _before_carried(condensed) or asked_text
            if q.figure and typed_figure.units:
                # The kind of figure typed is the one asked: "how is the risk split …?" after
                # "how many corporations …?" asks a share, not a count.
                q = replace(q, figure=replace(q.figure, units=typed_figure.units, money=typed_figure.money))
            if q.figure and (typed_years := years_in(own_part) or years_in(question)):
                # "And in 2023?" after "… in 2022?" asks for 2023's figure only.
                q = replace(q, figure=replace(q.figure, years=typed_years))
            if _SAME_RULE.search(question) and not typed_figure.units and not asks_own:
                # "what about start-up guarantees, same rule there?" asks whether the earlier
                # answer's rule holds for them (「…は対象外」 says), not its figure again
                q = replace(q, figure=RequestedFigure(frozenset(), frozenset()), quantities=())
            if ((own and "howmuch" not in own) or _ASKS_THING_EN.match(question)) and not requested_figure(question, self.lexicon) and not asks_result(question):
                # Nor a figure: "When did the pilot start?" after "How big is …?" asks a date;
                # "and what was the topic of the 5th meeting?" after "How many times did …
                # meet?" asks a topic.
                q = replace(q, figure=RequestedFigure(frozenset(), frozenset()), quantities=tuple(x for x in q.quantities if x.pattern.search(question)))
            if not q.figure and asks_result(question) and (marks := figures(question).amounts):
                # 「2024年通年の確定値はもう出てる？1兆元こえたの？」: an actual result asked against
                # a mark (1兆元) is a figure of the mark's kind, for the years typed
                units = frozenset(u for _, u in marks)
                q = replace(q, figure=RequestedFigure(units, frozenset(years_in(question)), money=bool(units & self.lexicon.money_units)))
        if not q.figure and (condensed == question or question not in condensed) and asks_full_year(q.text) and (full_years := years_in(q.text)):
            # "china ip pledge 2023 full yr?" (and "and 2025?" after it, the earlier question
            # asked of another year): the year's figure is asked, though no figure word names
            # it; a unit stating that year answers. (A follow-up read beside the earlier
            # question, "and the full year 2023? (CNIPA number for … in 2020?)", is judged as
            # before.)
            q = replace(q, figure=RequestedFigure(frozenset(), frozenset(full_years)))
        if not q.figure and (checked := checked_figure(question)) and (asked_figure := requested_figure(checked, self.lexicon)):
            # "is it true the FSA working group only met 5 times?", 「14%って合ってる？」: a check
            # of a figure asks a figure of its kind (7回 answers; the report's date does not)
            q = replace(q, figure=asked_figure)
        if q.figure and checks_claim(question) and (claimed := [m.group(1) for m in _QUOTED_CLAIM.finditer(question)]):
            # 「「…は2015〜2019年度の5年間の…事業とされた」という記載をチェックしています」: the
            # years of the claim checked are what is checked, not a span the answer must state
            said = set().union(*(years_in(x) | span_years_in(x) | stated_years(x) for x in claimed))
            q = replace(q, figure=replace(q.figure, years=q.figure.years - said, span_years=q.figure.span_years - said))
        if q.figure and len(q.figure.years) > 1 and not q.figure.each_year and _ASKS_CHANGE.search(question):
            # 「2020年から2021年にかけてどのくらい増えた？」: each year's figure is one end of the
            # change (the ends are checked below), not one sentence stating both
            q = replace(q, figure=replace(q.figure, each_year=True))
        groups = term_groups(condensed, self.bm25.idf, self.lexicon, known)
        base = Answer(
            text="",
            citations=[],
            abstained=True,
            mode=self.name,
            query=question,
            condensed_query=condensed,
            lang=lang,
            timings_ms=dict(retrieval.timings_ms),
            intent=q.intent,
            jurisdictions=q.jurisdictions,
        )
        if not retrieval.hits:
            return self._abstain(base, "no_hits", groups, t0)
        # A question about something the documents speak of only abroad (Ocean Tomo, 国家
        # 知識産権局) is about that place, though it names none.
        def spans() -> list[tuple[str, str]]:  # read only when the question names something
            return [
                (hit.chunk.text[a:b], hit.chunk.jurisdiction_at(a, b) or hit.doc.jurisdiction or q.jurisdictions[0])
                for hit in retrieval.hits
                for a, b in hit.chunk.quotable_units()
            ]

        spelt_out: set[str] = set()  # short forms the passages spell out (政投銀)
        # The retrieved passages and their English renderings: where names are looked for.
        passage_texts = [hit.chunk.text for hit in retrieval.hits] + [
            fact.en for hit in retrieval.hits for fact in hit.chunk.sources if fact.en
        ]
        if q.unknown_entities or q.unknown_places:
            # A short form of a name the passages or the glossary spell out (政投銀, "DBJ") is
            # known to them.
            texts = passage_texts + list(self.lexicon.glossary_terms)

            def unknown(names: tuple[str, ...]) -> tuple[str, ...]:
                return tuple(n for n in names if not abbreviates(n, texts))

            named = {*q.unknown_entities, *q.unknown_places, *q.unknown_institutions}
            q = replace(
                q,
                unknown_entities=unknown(q.unknown_entities),
                unknown_places=unknown(q.unknown_places),
                unknown_institutions=unknown(q.unknown_institutions),
            )
            spelt_out = named - {*q.unknown_entities, *q.unknown_places, *q.unknown_institutions}
        if q.lang == "en" and (bodies := unnamed_bodies(question, passage_texts, self.lexicon)):
            # "the Bank of Japan's 2024 guidance" when the passages name only the Development
            # Bank of Japan: all its words are known, the bank is not
            return self._abstain(base, "unknown_entity", groups, t0, missing=list(bodies))
        titled = [f"{hit.chunk.section} {hit.doc.title}" for hit in retrieval.hits]
        # (and the questions their units answer: "the IP and intangible assets governance
        # guideline" is how the corpus authors name 知財・無形資産ガバナンスガイドライン in English)
        asked_of = [asked for hit in retrieval.hits for unit in hit.chunk.sources for asked in unit.questions]
        if documents := unnamed_documents(question, passage_texts + titled + asked_of, self.lexicon):
            # "What does the 2025 White Paper on Small and Medium Enterprises report about …?",
            # 「全銀協の実務Q&Aでは…」: what a document the index lacks says is not in it
            return self._abstain(base, "unknown_entity", groups, t0, missing=list(documents))
        if implied := (
            implied_jurisdictions(q, spans, self.lexicon)
            or defined_abroad(q, groups, spans, self.lexicon)
            or used_abroad(q, spans, self.lexicon)
        ):
            q = replace(q, jurisdictions=implied)
            base = replace(base, jurisdictions=implied)
        # Each retrieved chunk's terms, once per question: coverage, a unit's context score
        # and the place check all read them.
        chunk_tokens = {
            h.chunk.id: set(self.bm25.tokens(h.chunk.id) or content_terms(h.chunk.text))
            for h in [*retrieval.hits, *retrieval.key_hits]
        }
        found = {h.chunk.id for h in retrieval.hits}
        # A short form the passages spell out counts as found (政投銀 for 日本政策投資銀行).
        top_tokens: set[str] = set().union(
            *(chunk_tokens[cid] for cid in found), *(content_terms(n) for n in spelt_out)
        )
        # (a sentence beside the question, 「稟議資料に記載したいので確認です。」, does not lower it;
        # one that sets out what is asked, 「…融資を受けたい。何をそろえれば？」, still counts)
        cov = max(coverage(groups, top_tokens), coverage(_asked_groups(groups, condensed), top_tokens)) if groups else 0.0
        # A follow-up is searched with its conversation, but the questions a unit is annotated
        # to answer are compared with what the user typed too ("And when did the Diet pass it?").
        typed = self.embedder.encode_queries([standard_spoken(question)])[0] if question != condensed else None
        own = typed is not None and _asks_its_own(groups, question, self.lexicon)
        ranking = _ranking_groups(groups, question, condensed) if own else groups
        ranking = _set_aside_weighed(ranking, question)
        scored = self._score(
            q, ranking, retrieval, chunk_tokens, typed, typed_meaning=own, typed_question=question if typed is not None else ""
        )
        # Units of the retrieved chunks are the evidence every refusal reads; units of the
        # chunks only a retrieval key found (Retrieval.key_hits) may lead a non-figure answer.
        candidates = [c for c in scored if c.hit.chunk.id in found]
        if not candidates:
            return self._abstain(replace(base, evidence={"coverage": round(cov, 4)}), "no_hits", groups, t0)
        similarity = max(c.similarity for c in candidates)
        asked = max((c.asked for c in candidates), default=0.0)
        base = replace(
            base,
            evidence={
                "coverage": round(cov, 4),
                "similarity": round(similarity, 4),
                "asked": round(asked, 4),
                "lexical": round(candidates[0].lexical, 4),
            },
        )
        refusal = self.refusals.before_ranking(q, cov, similarity, asked)
        if refusal:
            return self._abstain(base, refusal, groups, t0, top_tokens, q)
        choice = self.refusals.own_choice(question)
        if choice:  # 「うちの場合どっちがいい？」: the documents state rules, not which option suits one company
            return self._abstain(base, "own_choice", groups, t0, missing=choice)
        passages = [hit.chunk.text for hit in retrieval.hits] + [en for c in candidates if (en := c.unit().en)]
        premise = self.refusals.unsupported_premise(question, passages)
        if premise:  # 「上限5億円と聞いていますが…」 when no passage states 5億円
            return self._abstain(base, "premise", groups, t0, missing=premise)
        denied = self.refusals.contradicted_premise(question, passages)
        if denied:  # 「個人事業主も使えるようになったと聞きましたが…」 when a passage says they cannot
            return self._abstain(base, "contradicted", groups, t0, missing=denied)
        wrong_start = self.refusals.started_premise(question, passages)
        if wrong_start:  # 「2023年から始まってるらしいけど」 when the passages date 施行 to 2026
            return self._abstain(base, "wrong_start", groups, t0, missing=wrong_start)
        wrong_passed = self.refusals.passed_premise(question, passages)
        if wrong_passed:  # 「2023年の国会で成立したらしいけど」 when the passages date 成立 to 2024
            return self._abstain(base, "wrong_passed", groups, t0, missing=wrong_passed)
        wrong_published = self.refusals.published_premise(question, passages)
        if wrong_published:  # "The FSA published the guidelines in 2016 - …" when the passages date them to 2013
            return self._abstain(base, "wrong_published", groups, t0, missing=wrong_published)
        wrong_introduced = self.refusals.introduced_premise(question, passages)
        if wrong_introduced:  # 「責任共有制度が導入された2009年より前は」 when the passages date it to 2007
            return self._abstain(base, "wrong_introduced", groups, t0, missing=wrong_introduced)
        wrong_revised = self.refusals.revised_premise(question, passages)
        if wrong_revised:  # 「2016年の改定で…」 when the passages date its revision to 2022
            return self._abstain(base, "wrong_revised", groups, t0, missing=wrong_revised)
        wrong_body = self.refusals.body_premise(question, passages)
        if wrong_body:  # 「免許って特許庁が出してるんだよね？」 when the passages say 内閣総理大臣 licenses them
            return self._abstain(base, "wrong_body", groups, t0, missing=wrong_body)
        # (of the condensed text: "has it been revised again since …?" names its text by the
        # earlier question)
        # (each passage under its heading: 「2022年6月の改定により…」 is a revision of the
        # guideline its section is on)
        unrevised = self.refusals.revision_unsaid(condensed, passages, [hit.chunk.section for hit in retrieval.hits])
        if unrevised:  # "Has the FSA revised its basic approach since?" when no passage on it speaks of a revision
            return self._abstain(base, "no_revision", groups, t0, missing=unrevised)
        if unimplemented := self.refusals.implemented_unsaid(question, passages):
            # "has the government actually started doing proposal II?": the article's proposal
            # is no answer on what became of it
            return self._abstain(base, "not_implemented", groups, t0, missing=unimplemented)
        not_ended = self.refusals.ended_premise(question, passages)
        if not_ended:  # 「…って2020年に廃止されたんでしょ？」 when no passage on it says it ended
            return self._abstain(base, "not_ended", groups, t0, missing=not_ended)
        unbound, duty = self.refusals.binding_premise(question, passages, condensed)
        if unbound:  # "why was it made legally binding in 2022?" when the passages deny it or speak of no duty
            return self._abstain(base, unbound, groups, t0, missing=duty)
        optional = self.refusals.mandated_premise(question, passages)
        if optional:  # "Since the FSA made its methods mandatory, …" when a passage says they are not
            return self._abstain(base, "not_mandatory", groups, t0, missing=optional)
        headings = [f"{hit.chunk.section} {hit.doc.title}" for hit in retrieval.hits]
        # (of the condensed text: "the next year" in a follow-up is the year after the one asked
        # before, written out by the condenser, not the calendar's next year)
        later = self.refusals.later_years(condensed, passages + headings)
        if later:  # 「来年から補助金って増えるの？」 when no passage speaks of a later year than 2026
            return self._abstain(base, "later_year", groups, t0, missing=later)
        together = [
            " ".join([hit.chunk.text, *(fact.en for fact in hit.chunk.sources if fact.en)]) for hit in retrieval.hits
        ]
        wrong_chair = self.refusals.chair_premise(question, together)
        if wrong_chair:  # "Professor Kagaya chaired the WG …" when the passages name 神田秀樹 as its chair
            return self._abstain(base, "wrong_chair", groups, t0, missing=wrong_chair)
        never = self.refusals.party_never_with(question, q, together)
        if never:  # 「みずほ銀行ってもう企業価値担保権の融資商品だしてる？」: みずほ is named for 2014 only
            return self._abstain(base, "unknown_entity", groups, t0, missing=never)
        unstated = self.refusals.unstated_references(question, passages + headings)
        if unstated:  # 「法第30条は何を定めていますか」 when no passage cites 第30条
            return self._abstain(base, "unknown_entity", groups, t0, missing=unstated)
        unheard = [
            g.term
            for g in groups
            if q.intent == "when"
            and any(_EVENT.fullmatch(t) and not known(t) for a in g.alternatives for t in a)
            # (not an event told as what came before the one asked: 「閣議決定後に国会へ出された日付」)
            and not re.search(re.escape(g.term.removesuffix("後")) + _AFTER_EVENT, question)
        ]
        if unheard:  # 「…法案が閣議決定されたのは何月何日？」 when no document speaks of 閣議 at all
            return self._abstain(base, "no_quantity", groups, t0, missing=unheard)
        focus = self.refusals.unnamed_focus(
            question, groups, top_tokens, passages + headings + asked_of, [chunk_tokens[cid] for cid in found]
        )
        if focus and asks_revision(question) and any(says_revision(p) for p in passages):
            focus = []  # 「その後改定されたの？」: a passage on its revision says (その後 is no thing asked)
        if focus:  # 「申立書には何を書けばいい？」 when passages on 実行 never speak of 申立書
            return self._abstain(base, "no_quantity", groups, t0, missing=focus)
        unsaid = (
            # (of the question a wrapper holds: 「…という理解でよろしいでしょうか」 asks whether it holds)
            self.refusals.unsaid_clause(self.lexicon.unwrap(question) or question, q, self.bm25.idf, known, top_tokens)
            # (of the case it asks under: 「…合併することになったら…」)
            # (in the sentences that ask, not the asker's worry after them: 「…早いん？資金が間に
            # 合わんかったら給料払えへんねん」)
            or self.refusals.unsaid_condition(
                asking_sentences(question) if q.lang == "ja" else question, q, self.bm25.idf, known, top_tokens, self.bm25.phrase_frequency
            )
            # (of the question inside a request: 「…日付を確認したいです」 asks the date, and
            # 確認 is how it is asked)
            or (
                # (and of the sentences that ask: 「稟議資料に記載したいので確認です。」 says why)
                self.refusals.unsaid_claim(asking_sentences(self.lexicon.unwrap(question) or question), groups, top_tokens)
                if q.lang == "ja"
                else []
            )
        )
        if unsaid and _ASKS_IN_FORCE.search(question) and any(_SAYS_IN_FORCE.search(p) for p in passages):
            unsaid = []  # "is it live yet or still just a plan?": a passage dating its taking effect says
        if unsaid and asks_revision(question) and any(says_revision(p) for p in passages):
            unsaid = []  # 「その後改定されたの？」: a passage on its revision says (その後 is no thing asked)
        if unsaid:  # 「…設定すると、銀行が役員を送り込んでくるの？」 when no passage speaks of 役員
            return self._abstain(base, "key_terms", groups, t0, missing=unsaid)
        # (the occasions the asking sentences name: 「第2回・第4回の内容は把握しております」 tells
        # what the asker knows)
        asking_text = asking_sentences(question)
        asked = ordinals(asking_text) or ordinals(question)
        if not asked and condensed != question and (next_one := _NEXT_ONE.search(question)):
            # "when's the next one?" after a question on the 2nd dialogue asks about the 3rd, as
            # the condenser writes it out
            asked = ordinals(condensed)
            asking_text = next_one.group(0)
        elif not asked and condensed != question and (that_one := _THAT_OCCASION.search(question)):
            # "what year was that one held?" after a question on the 9th auction: the 9th
            asked = ordinals(condensed)
            asking_text = that_one.group(0)
        named = [said for c in candidates if (said := _ordinals_of(c))]
        if len(asked) > 1 and named and asked - set().union(*named):
            # "How did the tenth auction perform compared with the ninth?", "the 9th flopped, but
            # how much did the 10th bring in?": each occasion the asking sentences name must be
            # one the passages speak of
            unnamed = asked - set().union(*named)
            said_as = [n for n in ordinal_names(asking_text) or ordinal_names(question) if ordinals(n) & unnamed]
            return self._abstain(base, "no_quantity", groups, t0, missing=said_as or sorted(unnamed))
        if asked and named and not any(said & asked for said in named) and not checks_claim(question):
            # 「WG第3回ではどのような議題が…」 when the passages speak of the 2nd and 6th meetings only
            # (a check, "mizuho presented at the 3rd WG mtg, correct?", is answered by the
            # meeting the passages say it presented at)
            said_as = ordinal_names(asking_text) or ordinal_names(question) or [asking_text]
            return self._abstain(base, "no_quantity", groups, t0, missing=said_as)
        nowhere = self.refusals.places_unanswered(candidates, q, groups)
        if nowhere and checks_claim(question) and any(len(set(self.lexicon.named_jurisdictions(c.text))) >= 3 for c in candidates):
            # "…which countries shared their experience? Was South Korea one of them?": the
            # places a passage lists answer whether it was among them
            nowhere = []
        if nowhere:  # 「英国の…と比べて」 when no passage is about the UK
            return self._abstain(base, "unknown_entity", groups, t0, missing=nowhere)
        elsewhere = self.refusals.only_elsewhere(candidates, groups, q, chunk_tokens)
        if elsewhere:  # 「日本にも…保険はある？」 when only the US passages speak of 保険
            return self._abstain(base, "other_place", groups, t0, missing=[g.term for g in elsewhere])
        if not q.named_places and (implied := _implied_jurisdiction(question, candidates, q.jurisdictions)):
            # "is a state ucc filing enough … or do they have to record at the uspto too": an
            # acronym only one country's passages write names that country
            q = replace(q, jurisdictions=(implied,))
        ranked = candidates if (q.figure or q.quantities) else scored
        lead = self._lead(ranked, q)
        if own and condensed != question:
            lead = self._newly_asked_lead(lead, ranked, q, groups, question, condensed)
        lead = self._asked_city_lead(lead, ranked, q)
        lead = self._cited_article_lead(lead, ranked, q)
        lead = self._own_form_lead(lead, ranked, q, question)
        lead = self._become_lead(lead, ranked, q)
        if condensed != question and _EXCLUDED_ASKED.search(question) and not _EXCLUDED.search(lead.text):
            # 「その対象外となる保証には？」 after a question on the 80/20 split: the unit saying
            # what the rule leaves out answers, not the split again
            lead = self._close_lead(lead, ranked, q, EXCLUDED_LEAD_SHARE, lambda c: bool(_EXCLUDED.search(c.text)))
            if not _EXCLUDED.search(lead.text):
                # (further behind when it names what the follow-up asks of: "does that 20% also
                # apply to startup guarantees, or are those left out")
                lead = self._outside_rule(ranked, _typed_groups(groups, question), q, question, translated=True) or lead
        asked_regions = self.lexicon.regions_in(question) if condensed != question else self._regions_turned_to(question)
        if regions := asked_regions:
            # "what about beijing?" after a question on Zhongshan's split of losses (or "zhongshan
            # splits the losses 54:26:16:4 right so whats the split in shenzhen"): a unit on
            # the place asked leads; one on another (Guangdong's split) is no answer for it
            # (by its heading only when the unit itself names no place within a country; an
            # office named after a city, 「JETRO北京・香港事務所」, is a source, not a place)
            def on_region(c: Candidate) -> bool:
                own = _OFFICE.sub(" ", f"{c.text} {c.unit().en or ''}")
                said = self.lexicon.regions_in(own) or self.lexicon.regions_in(c.hit.chunk.section)
                return bool(said & regions)

            if not on_region(lead):
                lead = self._close_lead(lead, ranked, q, CITY_LEAD_SHARE, on_region)
            if not on_region(lead):
                topic = [g.term for g in groups if g.topical and not g.predicate and not self.lexicon.regions_in(g.term)]
                return self._abstain(base, "other_place", groups, t0, missing=topic[:2])
        lead = self._earlier_figure_lead(lead, ranked, q, question, condensed)
        duty = _ASKS_DUTY.search(asking_sentences(question))
        # (standing alone, not of what one must *be*: "does the lender have to be a bank?" asks who may lend)
        duty = duty if condensed != question or not _DUTY_TO_BE.search(question) else None
        # (a yes/no question, or one asking no wh-word: "must our bank adopt …?"; not "what do
        # they have to file")
        yes_or_no = q.intent == "yesno" or (q.intent == "other" and not _WH_WORD.search(asking_sentences(question)))
        if yes_or_no and duty and not _SAYS_DUTY.search(lead.text):
            # "are banks obliged to adopt one of those?" after a question on the examples, or
            # 「…方法を当行がそのまま採用しなければならないのか」: the close unit saying whether
            # there is a duty (「…採用する義務はなく」) answers it
            lead = self._close_lead(lead, ranked, q, DUTY_LEAD_SHARE, lambda c: bool(_SAYS_DUTY.search(c.text)))
        if _ASKS_PERSON_KIND.search(question) and not _SAYS_PERSON_KIND.search(lead.text):
            lead = self._close_lead(lead, ranked, q, PERSON_KIND_LEAD_SHARE, lambda c: bool(_SAYS_PERSON_KIND.search(c.text)))
        if _ASKS_EXCEPTION.search(question) and not _SAYS_EXCEPTION.search(f"{lead.text} {lead.unit().en}"):
            lead = self._close_lead(
                lead, ranked, q, EXCEPTION_LEAD_SHARE, lambda c: bool(_SAYS_EXCEPTION.search(f"{c.text} {c.unit().en}"))
            )
        if asks_revision(question) and not says_revision(lead.text, since := revision_since(condensed)):
            # "has the guideline been revised since 2014?": the close unit on its revision after
            # 2014 answers
            # (of what the question names: a revision of 事業譲渡等指針 is none of the guarantee
            # guidelines)
            lead = self._close_lead(
                lead,
                ranked,
                q,
                REVISION_LEAD_SHARE,
                lambda c: says_revision(c.text, since) and (not q.instruments or names_instrument(c, q)),
            )
        if _ASKS_IN_FORCE.search(question) and not (_SAYS_IN_FORCE.search(lead.text) and _DAY.search(lead.text)):
            # 「企業価値担保権ってもう使えるの？」: the close unit dating its taking effect answers
            # (by its day, 「2026年5月25日に施行された」, before an article's "in May 2026")
            # (a lead dated to the day keeps its place before an in-force unit dated to a month)
            stages = [lambda c: bool(_DAY.search(c.text))] + ([] if _DAY.search(lead.text) else [lambda c: has_date(c.text)])
            for dated in stages:
                found = self._close_lead(
                    lead, ranked, q, IN_FORCE_LEAD_SHARE, lambda c, d=dated: bool(_SAYS_IN_FORCE.search(c.text)) and d(c)
                )
                if found is not lead:
                    lead = found
                    break
        if q.intent == "when" and lead.own < PART_SUBJECT_OWN and condensed == question:
            # 「知財ビジネス提案書っていつからできたやつ？」: a dated unit naming all of what is
            # asked about (or every long name it writes, 「…提案書っていつからある制度？」, and
            # more of the question) leads over a closer one on part of it (評価書's template, 2022)
            long = [name for name, _ in self.quantities.long_names(question, passages)]
            lead = self._close_lead(
                lead,
                ranked,
                q,
                WHOLE_SUBJECT_LEAD_SHARE,
                lambda c: (c.own >= 1 or (bool(long) and all(name in c.text for name in long) and c.own > lead.own))
                and has_date(c.text),
            )
        if q.intent == "when" and (of := _WHEN_OF.search(question)) and of.group(1) not in lead.text:
            # 「社長の保証なしで借りられるようにするガイドラインって、いつから使えるように…」:
            # the law's 施行 (closer on 使える and いつから) names no guideline; the dated unit
            # on the guideline answers
            lead = self._close_lead(
                lead, ranked, q, ASKED_THING_LEAD_SHARE, lambda c: of.group(1) in c.text and has_date(c.text)
            )
        asking = asking_sentences(question)
        for asks, says, share in _KIND_LEADS:
            # 「つけずに済ませる条件みたいなのあるん」: the close unit setting out the requirements
            # answers, not one on another rule about the guarantee; "… and which case is usually
            # cited on the point?": the one citing a case (In re Peregrine), not the practice
            if asks.search(asking) and not says.search(lead.text):
                lead = self._close_lead(lead, ranked, q, share, lambda c, says=says: bool(says.search(c.text)))
        if q.intent == "name" and not _NAMES_TERM.search(lead.text):
            # 「社長が住んでる家とかにかける担保のこと…特別な名前がついとる…何て言うん？」: the close
            # unit naming the thing described (「…に設定する担保である「生活資産担保権」」) answers
            lead = self._close_lead(lead, ranked, q, NAME_LEAD_SHARE, lambda c: bool(_NAMES_TERM.search(c.text)))
        if _ASKS_ALL_BORNE.search(question):
            # 「…銀行はぜんぜん損かぶらへんの」: the close unit giving the bank's 20% answers, not
            # the one saying what the guarantee scheme is (nor, when the bank is who bears, the
            # association's 70〜90% from insurance)
            bank = bool(_BANK_BEARS.search(question))

            def gives_share(c: Candidate) -> bool:
                return bool(_PERCENT.search(c.text)) and (not bank or bool(BANK_PARTY.search(c.text)))

            if not gives_share(lead):
                lead = self._close_lead(lead, ranked, q, BORNE_LEAD_SHARE, gives_share)
        if q.intent == "when" and condensed != question and not has_date(lead.text):
            # "and when did the final version come out?": the earlier question's undated unit
            # gives way to a close dated one
            lead = self._close_lead(lead, ranked, q, DATED_LEAD_SHARE, lambda c: has_date(c.text))
        if wrong_count := miscounted(asking_sentences(question), lead.text, lead.unit().en):
            # "What were the five policy areas of the programme?" when it set out four
            return self._abstain(base, "wrong_count", groups, t0, missing=[wrong_count])
        kind = told_kind(question)
        if (told := told_count(question)) and not lists_count(lead.text, lead.unit().en, told, kind):
            # 「…何を満たせばいいの？3つあるって聞いた」: the unit listing three leads
            lead = self._close_lead(lead, ranked, q, TOLD_COUNT_LEAD_SHARE, lambda c: lists_count(c.text, c.unit().en, told, kind))
        if asked and (occasion := [c for c in ranked if _ordinals_of(c) & asked and self._may_lead(c, q)]):
            # The occasion asked for (Ocean Tomo's 9th auction) is answered by a unit on it,
            # not by one on another (the first auction, which has a date)…
            if lead not in occasion:
                lead = occasion[0]
            # (a follow-up's own words say whether a date is asked: "heard their 9th one flopped,
            # how bad was it" after a question asking when the first was held asks no date)
            asks_when = q.intent == "when" and (
                condensed == question or asks_only_time(question) or "when" in self.lexicon.intents_of(question)
            )
            if asks_when and not any(has_date(c.text) for c in occasion):
                # …and a date asked of it is not given by the units on it
                return self._abstain(base, "no_quantity", groups, t0, missing=ordinal_names(question) or ordinal_names(condensed))
        if (
            not asked
            and q.intent == "when"
            and _ASKS_LAST_OCCASION.search(asking_text)
            and not lists_days(lead.text, condensed)
            and (days := [c for c in candidates if lists_days(c.text, condensed) and self._may_lead(c, q)])
        ):
            # 「最後の会合っていつやった？」: the days a series met, listed in order, give its last
            lead = days[0]
        first = (
            _ASKS_FIRST_OCCASION.search(asking_text)
            # ("and the first one? when was that held" after a question on the 2nd dialogue)
            or (_FIRST_ONE.search(asking_text) if re.search(OCCASION_NOUNS, condensed, re.I) else None)
        )
        if not asked and q.intent == "when" and first and "1" not in _ordinals_of(lead):
            # "… its ninth patent auction? — and when was the first one held?": a dated unit of the
            # lead's source on a first occasion (「2006年4月、世界で初めてとされる…オークション」)
            # answers, though it names no number
            lead = next(
                (
                    c
                    for c in candidates
                    if c.hit.doc.source_id == lead.hit.doc.source_id
                    # (or lists the days it met, in order: 「開催日は2022年11月2日、11月11日…」)
                    and (_says_first_occasion(c.text) or lists_days(c.text, condensed))
                    and has_date(c.text)
                    and self._may_lead(c, q)
                ),
                lead,
            )
        if (
            not asked
            and q.intent == "when"
            and first
            and (
                "1" not in said
                if (said := ordinals(f"{lead.text} {lead.unit().en}"))
                # (a lead on no occasion, 「最初のはいつやったん」 led by another programme's start:
                # the units on occasions of a series name no first one)
                else bool(named) and not any(_FIRST_OCCASION.search(c.text) for c in candidates if re.search(OCCASION_NOUNS, c.text))
            )
            and not any("1" in n for n in named)
            and not _says_first_occasion(lead.text)
            and not lists_days(lead.text, condensed)  # (「開催日は2022年11月2日、11月11日…」: the first is first)
        ):
            # "When did WIPO hold its first IP Finance Dialogue?" when the passages date its
            # second one only
            return self._abstain(base, "no_quantity", groups, t0, missing=[first.group(0)])
        # A when-question on an event is answered by a dated unit saying that event happened:
        # 「信用保証協会法が制定されたのは何年？」 by one saying the law passed, not by the first
        # association's founding (1937); "what year did the JPO stop paying for the reports" by
        # one saying it ended, not by the year it began paying (2013); "when did the JPO launch
        # the IP finance portal" by one saying the portal opened, not IP BASE (an IP portal too).
        asked_thing = event_thing(asking_text) if q.intent == "when" else ""
        thing = [g for g in term_groups(asked_thing, self.bm25.idf, self.lexicon, known) if g.topical] if asked_thing else []

        def of_thing(c: Candidate) -> bool:
            where = set(terms(c.text)) | set(terms(c.unit().en))
            return all(group_found(g, where) for g in thing)

        for asks_event, says_event, on_thing in (
            (_ASKS_PASSING, says_passing, False),
            (_ASKS_ENDING, says_ending, False),
            (_ASKS_LAUNCH, says_launch, True),
            (_ASKS_MERGING, says_merging, True),
        ):
            def answers(c: Candidate, says: Callable[[str], bool] = says_event, named: bool = on_thing) -> bool:
                return says(f"{c.text} {c.unit().en}") and (not named or of_thing(c))

            if q.intent != "when" or not (event := asks_event.search(asking_text)) or answers(lead):
                continue
            lead = self._close_lead(lead, ranked, q, DATED_LEAD_SHARE, lambda c, ok=answers: ok(c) and has_date(c.text))
            if not answers(lead):
                return self._abstain(base, "no_quantity", groups, t0, missing=[next(g for g in event.groups() if g)])
        if q.intent == "when" and _ASKS_MONTH.search(asking_text) and not _MONTH.search(lead.text):
            # "in which month did IPAS launch": a close unit dating it to the month (2018年10月)
            # leads over one giving its fiscal year only
            lead = self._close_lead(lead, ranked, q, DATED_LEAD_SHARE, lambda c: bool(_MONTH.search(c.text)))
        if (q.intent == "why" or (q.intent == "comparison" and "why" in q.intents)) and _ASKS_CAUSE.search(q.text):
            # "why did the 9th auction go so badly?": a close unit giving a reason answers; its
            # figures alone (6 of 81 lots) say what happened, not why
            # (a reason on what the question asks it of: the users the law envisages, 「…経営者
            # 保証があるために…」, give no reason why 個人事業主 cannot grant the charge)
            specific = self._why_subject(groups, ranked, q)

            def on_it(c: Candidate) -> bool:
                return specific is None or all(t in terms(c.text) for t in specific)

            if not (_gives_reason(lead) and on_it(lead)):
                # (on the occasion asked: the risk of auctions in general is no reason for the
                # 9th's; and on what the lead says it of, in the words it says it in: 個人事業主,
                # not the 設定者 the glossary equates)
                said = set(terms(lead.text))
                held = [
                    alt
                    for g in groups
                    if g.topical and not g.predicate
                    for alt in g.alternatives[:1]
                    if all(t in said for t in alt)
                ]
                lead = self._close_lead(
                    lead,
                    ranked,
                    q,
                    REASON_LEAD_SHARE,
                    lambda c: _gives_reason(c)
                    and on_it(c)
                    and (not asked or bool(_ordinals_of(c) & asked))
                    and all(all(t in terms(c.text) for t in alt) for alt in held),
                )
                if not on_it(lead):  # the close unit on it, reason or not, is judged
                    lead = self._close_lead(lead, ranked, q, REASON_LEAD_SHARE, on_it)
                why = self.lexicon.intent("why")
                cues = why.cues if why else None
                # (a unit describing the thing may still say why in other words; one on the
                # question's own thing, 「個人事業主などは…設定者になれない」, says only what is)
                if _says_only_what_happened(lead, cues) or (specific is not None and _no_reason_word(lead, cues)):
                    return self._abstain(base, "no_reason", groups, t0, missing=[])
        if (view := asked_view(asking_sentences(question) or question, self.lexicon.expand_english)) is not None:
            # "What was Hideki Kanda's own view on …?": a unit naming him as the chair reports
            # no view of his; the close unit reporting the party's words on what is asked
            # answers (「タン事務局長は…と語った」 on intangible assets says nothing of the charge)
            # (on what the view is asked about, not the occasion: the second meeting is where
            # Keidanren spoke, restricting owner guarantees what it is asked to have said)
            about = view.about.lower()
            topic: list[tuple[tuple[str, ...], ...]] = [
                g.alternatives
                for g in groups
                if not g.predicate
                and g.term.lower() in about
                and not view.names(g.term)
                and not view_word(g.term)
                and not self.lexicon.place(g.term)
            ] or [((t,),) for t in content_terms(view.about) if not view_word(t) and not self.lexicon.place(t)]

            def reports(c: Candidate) -> bool:
                en = c.unit().en or ""
                said = set(terms(c.text)) | set(terms(en))
                # (half of what it is asked about: "loans" alone is no comment on the FSA's draft)
                found = sum(any(all(t in said for t in alt) for alt in alts) for alts in topic)
                on_topic = not topic or found >= VIEW_TOPIC_SHARE * len(topic)
                return on_topic and view.reported_in(f"{c.text} {en}", f"{c.hit.chunk.section} {c.hit.doc.title}")

            if not reports(lead):
                lead = self._close_lead(lead, ranked, q, VIEW_LEAD_SHARE, reports)
            if not reports(lead):
                return self._abstain(base, "no_view", groups, t0, missing=[view.party])
        elif (judged := asked_judgement(asking_sentences(question) or question)) is not None:
            # "will china keep growing ip pledge lending by 40%+ in 2025 too?": the 2023 growth
            # figure forecasts nothing; 「3つの方法のうち…最も適切なのはどれ」: the list of methods
            # ranks none. A close unit on what is asked that states a plan or an outlook (for
            # the year asked), or what suits, answers; else the documents do not judge it.
            judged_topic = [
                g
                for g in groups
                if g.topical
                and not g.predicate
                and not judgement_word(g.term)
                and not self.lexicon.place(g.term)
                and g.term.lower() not in self.lexicon.place_words
            ]
            judged_weight = sum(g.weight for g in judged_topic)

            def judges(c: Candidate) -> bool:
                text = f"{c.text} {c.unit().en or ''}"
                said = set(terms(c.text)) | set(terms(c.unit().en or ""))
                # (half a term at least: 担保 of 「担保となる知財」 is no part of 企業価値担保権)
                found = sum(g.weight for g in judged_topic if group_share(g, said) >= JUDGED_TERM_SHARE)
                on_topic = judged_weight <= 0 or found >= JUDGED_TOPIC_SHARE * judged_weight
                return on_topic and judged.said_in(text)

            if not judges(lead):
                lead = self._close_lead(lead, ranked, q, JUDGED_LEAD_SHARE, judges)
            if not judges(lead):
                return self._abstain(base, judged.reason, groups, t0, missing=[])
        if _ASKS_NOW.search(asking_sentences(question)) and (dated := _AS_OF.search(lead.text)):
            # "what about now, is it still 300k?" after a question on 2017: a unit stating the
            # figure as of 2017 (「2017年の時点では…約30万円」) does not say what it is now
            return self._abstain(base, "as_of", groups, t0, missing=[next(iter(stated_years(f"{dated.group(1)}年")), dated.group(1))])
        if (
            not asked
            and (next_asked := _ASKS_NEXT.search(asking_sentences(question)))
            and not any(_SAYS_NEXT.search(c.text) for c in ranked[:8])
        ):
            # "when is wipo's next dialogue?" when the passages date the second one only: no
            # passage speaks of one still to come
            return self._abstain(base, "no_next", groups, t0, missing=[next_asked.group(0)])
        pool = [c for c in ranked if self._supports(c, lead)]
        # The figure asked for must be stated about the question's places (a Chinese plan's
        # period is no answer to a question about Japan).
        subjects = self.refusals.figure_subjects(groups, known, q.text) if (q.figure or q.quantities) else []
        if condensed != question:
            # What a follow-up asks the figure of is what it names (「会合は何回？」 after a
            # question about the WG); the conversation's topic is context.
            # (a word it shares with the conversation, IP in "how many IP securitisation
            # products …?" after a question on IP pledge loans, does not make a unit its answer)
            # (a noun pointing back, 「その会議の座長」 "that meeting's chair", names the earlier
            # answer's topic, whatever word it uses: it is no subject a unit must name)
            pointed = [g for g in subjects if _points_back(g.term, question)]
            rest = [g for g in subjects if g not in pointed]
            typed = _newly_typed_groups(rest, question, condensed)
            # (with nothing new typed, 「何回くらい集まって話したん？」 after a question on the
            # WG's report asks the figure of the conversation's topic: its passage may name it)
            topic_only = not typed and not pointed
            subjects = typed or ([] if pointed else subjects)
        else:
            topic_only = False
        if q.figure and SHARE in q.figure.units:
            # a split asked of a risk is stated of the responsibility for it (責任を分担)
            subjects = [burden_shared(g) for g in subjects]

        names = self.quantities.long_names(question, passages) if (q.figure or q.quantities) and q.lang == "ja" else []

        def states(c: Candidate) -> bool:
            return self._may_lead(c, q) and self.quantities.states(c, q, subjects, names, in_passage=topic_only)

        if (q.figure or q.quantities) and q.lang == "ja" and (nothing := self.refusals.figures_of_nothing(groups, top_tokens, q.text)):
            return self._abstain(base, "no_quantity", groups, t0, missing=nothing)  # 不良債権比率, with no 不良債権
        # A compound question ("Who chaired the WG, and how many sessions did it hold?") asks
        # its figure in one part: a unit stating it is judged against that part alone.
        stated = (
            self._parts_stating(
                question, q, names, retrieval, chunk_tokens, known, lambda ok=None: next((c for c in pool if states(c) and (ok is None or ok(c))), False)
            )
            if condensed == question
            else None
        )
        if stated is not None:
            if not all(stated):
                # (a part asking a figure may be the one unstated: what was asked is named only
                # when no figure is, a form or a place to apply)
                return self._abstain_unstated(base, groups, t0, top_tokens, q, name_asked=not q.figure)
            figure_units = [c for c in stated if c is not True]
        elif (q.figure or q.quantities) and not any(states(c) for c in pool):
            # (whether the rule holds of it, 「その分担ってあるん」; "what share does …" asks a
            # figure the exclusion does not give)
            outside = (
                None
                if _ASKS_VALUE.search(asking_sentences(question))
                else self._outside_rule(ranked, subjects, q, question, translated=condensed != question or q.lang == "en")
            )
            if outside is None:
                return self._abstain_unstated(base, groups, t0, top_tokens, q, name_asked=True)
            # 「ほな創業向けの保証やったら、その分担ってあるん」: no split is stated for it, as the
            # rule the split belongs to leaves it out; the unit saying so answers
            lead, pool = outside, [outside, *pool]
        schemes = _combined_instruments(question, q)
        if (combined := _ASKS_COMBINED.search(question)) and len(schemes) > 1 and not any(_names_each(c, schemes) for c in pool):
            # "can i stack the charge with a credit guarantee?": only a unit naming both says
            # whether they go together; one on the charge alone does not
            return self._abstain(base, "no_quantity", groups, t0, missing=[combined.group(0)])
        if stated is None and q.figure and _ASKS_CHANGE.search(question):
            # "how much did ABL grow between 2011 and 2020?", 「平成23年度から今までに何%伸びてる？」:
            # a change over years needs a figure for each end, or one after the start when it
            # runs to now; a figure for 2011 alone does not give it
            stating = [c for c in ranked[:CHANGE_POOL] if states(c)]
            said = [stated_years(c.text) for c in stating]
            ends = q.figure.years if len(q.figure.years) > 1 else set()
            unsaid = sorted(y for y in ends if not any(y in s for s in said))
            if len(ends) == 2 and all(y.isdigit() for y in ends) and int(max(ends)) - int(min(ends)) == 1 and any(
                max(ends) in stated_years(c.text) and _ON_YEAR_BEFORE.search(c.text) for c in stating
            ):
                unsaid = []  # 「2019年から2020年にかけて」: 2020's 「前年比43.9%増」 is the change
            if not ends and q.figure.years and _TO_NOW.search(question):
                start = max(q.figure.years)
                unsaid = [] if any(any(y > start for y in s) for s in said) else ["現在" if q.lang == "ja" else "now"]
            if unsaid:
                named = [f"{y}年" if y.isdigit() else y for y in unsaid] if q.lang == "ja" else unsaid
                return self._abstain(
                    base, "no_quantity", groups, t0, missing=[f"{n}の数値" if q.lang == "ja" else f"the figure for {n}" for n in named]
                )
        if stated is None and q.figure and q.named_places and len(q.jurisdictions) > 1 and "howmuch" in q.intents:
            # 「日本のABL残高と、アメリカのABL市場の規模って、どのくらい差がある？」: each place
            # named needs its own figure; Japan's alone does not answer the difference
            bare = [
                j
                for j in q.jurisdictions
                if not any(
                    c.jurisdiction == j and q.figure.met_by(c.text) and max(c.own, c.asked_words) >= FIGURE_RELEVANCE
                    for c in ranked
                )
            ]
            if bare and len(bare) < len(q.jurisdictions):
                return self._abstain(base, "no_quantity", groups, t0, missing=self._place_figures(question, bare, q.lang))
        if stated is not None:
            # the first part's answer leads (its figure's unit, when it asks one); each other
            # part's figure follows it
            first = stated[0] if isinstance(stated[0], Candidate) else None
            lead = first or self._first_part_lead(
                question, lead, ranked, q, retrieval, chunk_tokens, known, clauses=True
            )
            dated = next((c for c in stated[1:] if isinstance(c, Candidate) and q.figure and q.figure.met_by(c.text)), None)
            if dated is not None and q.figure.years and not q.figure.met_by(lead.text) and _POLAR_EN.match(question):
                # "does the JPO actually cover the cost of those reports? how much per report
                # around 2017": the unit giving 2017's figure says yes, and how much
                lead = dated
        elif q.figure or q.quantities:  # the unit that states the figure asked for leads
            lead = next((c for c in pool if states(c)), lead)
        if condensed == question and stated is None:
            lead = self._first_part_lead(question, lead, ranked, q, retrieval, chunk_tokens, known)
        given = set(figures(question).amounts) | english_amounts(question)
        if q.intent == "when" and given and not given & set(figures(lead.text).amounts):
            # 「はじめて3000億元こえたん何年」 ("first go over 300bn yuan"): the year the amount was
            # first passed is dated in the unit stating it, not in one on a later, larger figure
            lead = self._close_lead(
                lead, ranked, q, GIVEN_FIGURE_LEAD_SHARE, lambda c: bool(given & set(figures(c.text).amounts)) and has_date(c.text)
            )
        if (q.figure or q.quantities) and _ASKS_RECENT.search(question) and not years_in(question):
            lead = _latest(lead, [c for c in candidates[:RECENT_POOL] if states(c)])
        if (
            q.figure
            and SHARE in q.figure.units
            and BANK_PARTY.search(question)
            and not BANK_PARTY.search(lead.text)
            and not _EXCLUDED.search(lead.text)  # (no split for what the rule leaves out)
        ):
            # 「ほんまに信金も損かぶるん？割合どんくらい」: the bank's share is stated in the unit
            # naming the bank (「協会が80%、金融機関が20%」), not in one on the association's
            # insurance (「代位弁済額の70〜90%を…公庫から」)
            lead = self._close_lead(
                lead, ranked, q, PARTY_LEAD_SHARE, lambda c: bool(BANK_PARTY.search(c.text)) and q.figure.met_by(c.text)
            )
        # (a follow-up asking whether the rule holds of something it names, "what about
        # startup-related guarantees, does the bank still eat part of the loss?", too)
        # (…or a question asking whether a rule reaches something it names, 「スタートアップ
        # 創出促進保証を付した融資は、原則の8:2の責任分担の枠組みに入るのでしょうか」)
        named = subjects if (q.figure or q.quantities) else (
            self.refusals.figure_subjects(_typed_groups(groups, question), known, question)
            if condensed != question or _ASKS_REACH.search(question)
            else []
        )
        if named and (
            excluded := self._excluded_lead(lead, candidates, named, q.text, translated=condensed != question)
        ) is not None:
            # 「創業関連保証を利用した場合の…負担割合は？」: the rule's split does not apply to it
            lead, pool = excluded, [excluded, *pool]
        asks_cost = bool(_ASKS_COST.search(question)) and not _ASKS_PAID.search(question)
        if asks_cost and _SAYS_BORNE.search(lead.text):
            # "how much does it cost to get one made": the unit stating the cost (「作成費用は1件
            # あたり20万〜30万円」) leads over one on what a body bore of it (「特許庁が…約30万円
            # を負担」), which answers who paid…
            lead = self._close_lead(lead, ranked, q, COST_LEAD_SHARE, _states_cost)
        elif (
            q.figure is not None
            and q.figure.money
            and _ASKS_PAID.search(question)
            and not _ASKS_COST.search(question.replace("費用", ""))  # (「費用って国が出して…負担」: who paid)
            and not _SAYS_BORNE.search(lead.text)
        ):
            # 「それ作る費用って国が出してくれてたんやろ？1件なんぼくらい負担しとったん」: what the
            # JPO bore (「特許庁が評価書1件につき約30万円を負担」) answers, not what a report costs
            lead = self._close_lead(lead, ranked, q, COST_LEAD_SHARE, _states_borne)
        # (…and an official unit on what a body bore is no better lead for it)
        official = self._official_first(lead, candidates, q, keep=_states_cost if asks_cost and _states_cost(lead) else None)
        if official is not lead:
            lead = official
            pool = [official, *pool]
        if q.intent == "howmuch" and not (q.figure or q.quantities) and self.quantities.after_unstated(lead, condensed):
            # 「じゃあ2008年より後はどんくらい？」 (no figure word to check) when the lead's
            # total runs only up to 2008 (「それ以降は？」 too, written out by the condenser)
            return self._abstain(base, "no_figure", groups, t0, top_tokens, q)
        if _ASKS_WHEN_REACHED.search(question) and FORECAST.search(lead.text) and not _SAYS_REACHED.search(lead.text):
            # "when did china's lending first actually pass 1 trillion yuan": a unit saying it is
            # expected to (「通年では初めて1兆元を超えるとの見通し」) does not say when it did
            return self._abstain(base, "only_outlook", groups, t0, missing=[])
        if q.intent == "when" and _ASKS_PAST_DATE.search(question) and not has_date(lead.text):
            # 「深圳市が…50億元に拡大したのは何年ですか」 when the unit on it gives no year
            return self._abstain(base, "no_quantity", groups, t0, missing=["時期" if q.lang == "ja" else "the date"])
        if q.intent == "when" and _ASKS_DAY.search(question) and has_date(lead.text) and not _DAY.search(lead.text):
            # 「2022年に改定されたやん、あれ何月何日から適用なん？」 when the unit says only 2022年6月
            return self._abstain(base, "no_quantity", groups, t0, missing=["日付(何日か)" if q.lang == "ja" else "the exact day"])
        if (q.figure or q.intent == "howmuch") and (joint := self.refusals.joint_names(lead, self.lexicon.respell_places(question))):
            # 「深圳の分だけだと？」 when the passages give Shanghai's and Shenzhen's together
            alone = [f"{name}単独の数値" if q.lang == "ja" else f"{name} alone" for name in joint]
            return self._abstain(base, "no_quantity", groups, t0, missing=alone)
        if (
            (q.figure or "howmuch" in q.intents)
            and (condensed != question or self.refusals.asks_part_of_stated_whole(question))
            and (part := self.refusals.part_unnamed(lead, question))
        ):
            # 「そのうち信金の人は何人？」 when the lead counts all the banks' staff together
            return self._abstain(base, "no_quantity", groups, t0, missing=[f"{part}の数値" if q.lang == "ja" else f"the figure for {part}"])
        if (whole := _make_up_unsaid(lead, asking_sentences(question))) is not None:
            # 「…採択された61機関について、…業態別の内訳を教えてください」 when the lead gives
            # 2014's make-up (of 18機関) or 61機関 with no make-up after it
            return self._abstain(base, "no_quantity", groups, t0, missing=[f"{whole}の内訳" if q.lang == "ja" else f"the breakdown of {whole}"])
        if rest := self.refusals.rest_unnamed(lead, question):
            # 「金融機関職員以外の参加者の内訳は？」 when the lead gives only the part set aside
            return self._abstain(base, "no_quantity", groups, t0, missing=[rest])
        chosen = self._answer_parts(question, self._select(lead, pool, q), candidates, q)
        if stated is not None:
            keys = {c.key for c in chosen}
            extra = [c for c in figure_units if c.key not in keys and c.key != lead.key]
            chosen = [chosen[0], *extra, *chosen[1:]][: max(self.max_sentences, 1 + len(extra))]
        chosen = self._announced_items(chosen, retrieval, q, candidates)
        conflict_pair = self._conflict(candidates, lead)
        if conflict_pair:
            chosen += [c for c in conflict_pair if not any(c is x for x in chosen)]
        units = [c.unit() for c in chosen]
        lines, text = compose(units, q, lang, self.lexicon, conflict=self._conflict_refs(chosen, conflict_pair))
        citations = [
            Citation(n=i, chunk=c.hit.chunk, doc=c.hit.doc, quote=c.text, urls=c.hit.chunk.urls_at(c.start, c.end))
            for i, c in enumerate(chosen, start=1)
        ]
        return replace(
            base,
            text=text,
            lines=lines,
            citations=citations,
            abstained=False,
            conflict=conflict_pair is not None,
            confidence=float(min(1.0, 0.4 * cov + 0.6 * lead.score)),
            timings_ms=base.timings_ms | {"answer": (time.perf_counter() - t0) * 1000},
        )

    # ------------------------------------------------------------------ scoring
    def _score(
        self,
        q: QuestionFrame,
        groups: list[TermGroup],
        retrieval: Retrieval,
        chunk_tokens: dict[str, set[str]],
        typed: np.ndarray | None = None,
        typed_meaning: bool = False,
        typed_question: str = "",
    ) -> list[Candidate]:
        """Every quotable unit of the retrieved chunks, scored; ``chunk_tokens``: each
        chunk's terms by chunk id; ``typed``: a follow-up's vector as the user typed it (its
        units' meaning is also judged against it when ``typed_meaning``); ``typed_question``:
        the follow-up as typed (the event a "when" question names is the one typed there)."""
        cands: list[Candidate] = []
        for rank, hit in enumerate([*retrieval.hits, *retrieval.key_hits]):
            for unit_start, unit_end in hit.chunk.quotable_units():
                # Instruction-like sentences are data, never a fact to quote; the rest of
                # their unit (a brief's item of one to three sentences) still is.
                for start, end in _without(hit.chunk.text, unit_start, unit_end, hit.chunk.suspicious):
                    if end - start < MIN_SENTENCE_CHARS:
                        continue  # too short to answer
                    cands.append(self._candidate(rank, hit, start, end))
        if not cands:
            return []
        vectors = self._unit_vectors(cands)
        sims = vectors @ np.asarray(retrieval.query_vector, dtype=np.float32)
        if typed is not None and typed_meaning:
            # A follow-up's units are found with its conversation; among them, what the user
            # typed (「登記とかいるの？」) says which one answers.
            sims = TYPED_SHARE * (vectors @ np.asarray(typed, dtype=np.float32)) + (1 - TYPED_SHARE) * sims
        total = sum(g.weight for g in groups) or 1.0
        # (whether a law is in force yet is answered by the day it took effect)
        wants_date = q.wants("when") or self.lexicon.wants(q.text, "when") or bool(_ASKS_IN_FORCE.search(q.typed or q.text))
        # (「創業の保証もその割合？」 asks whether it applies: a figure is no better answer)
        # (nor does a question naming a cost only beside what it asks: 「評価書とはどのようなもので、
        # 費用負担は生じるのでしょうか」 is answered by what the report is, free to banks)
        howmuch = q.intent == "howmuch" or (q.wants("howmuch") and (q.intent != "definition" or self.lexicon.asks(q.text, "howmuch")))
        wants_figure = (howmuch or self.lexicon.wants(q.text, "how_much")) and q.intent != "applies"
        asks_ordinal = bool(q.figure) and ORDINAL in q.figure.units
        # 「なんて規格？番号わかる？」: the sentence giving the number (GB/T 42748-2023) answers
        asks_number = bool(q.figure) and NUMBERED in q.figure.units and not wants_figure
        search_terms = self.lexicon.intent_terms(q.text)
        whole_year = bool(q.figure and q.figure.years) and not ASKS_PART_YEAR.search(q.text)
        cues = [i.cues for name in q.intents if (i := self.lexicon.intent(name)) and i.cues]
        # A question that names the kind of event its intent's cue words stand for asks about
        # that one: "When were the guidelines revised?" wants 改定, not any 公表 or 施行.
        named_events = (
            [g for g in groups if any(_EVENT.fullmatch(t) for a in g.alternatives for t in a)] if q.intent == "when" else []
        )
        # A follow-up's event is the one the user typed (「施行は？」 after 「いつ成立したの？」).
        if typed_question:
            named_events = _typed_groups(named_events, typed_question) or named_events
        # …or in words the vocabulary reads as one (「国会通った」: 成立). (A start, 施行 or
        # 開始 of 「いつから？」, is met by any: a body's founding answers it too.)
        event_terms = (
            {t for t in search_terms if _EVENT.fullmatch(t) and t not in ("施行", "開始", "適用")}
            if q.intent == "when" and not named_events
            else set()
        )
        # 「いつから使われてる？」 with no event named asks when something began to apply: a unit
        # dating only another event (公表, 成立, 提出) does not say it, unless a change is asked
        since = (
            q.intent == "when"
            and not named_events
            and not event_terms
            and bool({"施行", "開始"} & set(search_terms))
            and not _ASKS_CHANGE.search(typed_question or q.text)
        )
        # (an event named in a compound, 適用開始日, is said by any of its event words: 適用された)
        event_words = {t for g in named_events for a in g.alternatives for t in a if _EVENT.fullmatch(t)}
        # …or says it in other words (公表 ~ 公開, 開始 ~ 始めた).
        said = {t for g in named_events for a in g.alternatives for t in a if t in _EVENT_ALIKE}
        said |= {g.term for g in named_events if g.term in _EVENT_ALIKE}
        alike = re.compile("|".join(_EVENT_ALIKE[t] for t in sorted(said))) if said else None
        for cand, sim in zip(cands, sims, strict=True):
            fact = cand.hit.chunk.unit_at(cand.start, cand.end)
            tokens = set(terms(cand.text))
            if q.lang == "en" and fact is not None and fact.en:
                tokens |= set(terms(fact.en))  # an English question meets the unit's English rendering
            cand.own = sum(g.weight * group_share(g, tokens, cand.text) for g in groups) / total
            if fact is not None and fact.questions:
                # The question in the words of a question this unit is annotated to answer
                # (「売っちゃってもいーの」 ~ 「機械を売るのに…許可がいるの」).
                cand.asked_words = max(
                    sum(g.weight * group_share(g, set(terms(text))) for g in groups) / total for text in fact.questions
                )
            # A unit inherits some of its chunk's topic: "the law takes effect on …"
            # answers a question about 企業価値担保権 when its chunk is about that law.
            context = sum(g.weight * group_share(g, chunk_tokens[cand.hit.chunk.id]) for g in groups) / total
            cand.lexical = LEX_OWN * cand.own + (1 - LEX_OWN) * context
            if search_terms and any(term in cand.text for term in search_terms):
                cand.lexical = min(1.0, cand.lexical + INTENT_BONUS)
            matched = retrieval.key_matches.get(cand.key, {})
            en = matched.get("en", 0.0) if q.lang == "en" else 0.0
            cand.similarity = max(float(sim), en)
            cand.semantic = _norm(cand.similarity, SIM_FLOOR, SIM_CEIL)
            cand.asked = matched.get("question", 0.0)
        self._key_similarities(cands, q, retrieval.query_vector, typed)
        # e5 similarities crowd into a narrow band: within one question, what matters is
        # how a unit ranks against the other candidates.
        sem_rel = _relative([c.similarity for c in cands])
        asked_rel = _relative([c.asked for c in cands])
        # The verb a yes/no, what-if or how-to question asks about (売る ~ 処分).
        verbs = [g for g in groups if g.predicate]
        # (not a verb that only sets when: 借りる of 「借りたあと、機械を売ってもいいの？」)
        # (…and a noun the question does, 「…会社が使うことも想定されとるんですか」: 想定)
        asked_text = typed_question or q.text
        done = [g for g in groups if not g.predicate and re.search(rf"{re.escape(g.term)}(?:さ|し|する|でき)", asked_text)]
        asked_verbs = _asked_verbs(verbs, asked_text)
        doing = _asked_verbs(verbs + done, asked_text)
        last = max(doing, key=lambda g: asked_text.rfind(re.sub(r"(?<=.)[ぁ-ん]$", "", g.term)), default=None)
        if last is not None and last in done and len(doing) > 1:
            # (of several, a noun the question ends on doing asks: 想定 of 「…使うことも想定
            # されとるんですか」, not 保証 of the asker's 「個人保証しとるもんで」)
            asked_verbs = [last]
        asks_to_do = q.intent in ("yesno", "whatif", "howto")
        annotated = {c.key for c in cands if (f := c.hit.chunk.unit_at(c.start, c.end)) and f.questions}
        defined = _defined_groups(q.text, groups) if q.intent == "definition" else groups
        # (the scheme a quoted term is defined within is not what is asked to define)
        quoted = _DEFINED_JA.search(q.text)
        defined_instruments = tuple(i for i in q.instruments if i in quoted.group(1)) if quoted else q.instruments
        # The occasion a question names by its number (第2回会合, "the 9th auction").
        asked_ordinals = ordinals(typed_question or q.text)
        # The year a follow-up names ("and the full year 2023?" after a question on 2020)
        asked_years = years_in(typed_question) if typed_question else set()
        # The version a question names ("and version 2.0?", 「Ver.1.0の座長」)
        asked_versions = versions(typed_question or q.text)
        kinds = self._kinds_asked(typed_question or q.text)
        if not kinds and typed_question and asks_list_item(typed_question):
            # 「3つ目のやつって、なんでリスクなん？」 after 「…どんなリスクがあるん？」: one of the
            # kinds the earlier question asked for, which the unit listing them names
            kinds = self._kinds_asked(q.text)
        things = self._things_asked(typed_question or q.text)
        besides = bool(_ASKS_BESIDES.search(typed_question or q.text))
        asks_new = q.intent != "yesno" and bool(_ASKS_NEW.search(typed_question or q.text))
        asked_phrase = self._asked_phrase_terms(typed_question or q.text) if q.lang == "ja" else set()
        to_date = bool(_ASKS_TO_DATE.search(typed_question or q.text))
        exists = q.intent == "yesno" and bool(_ASKS_EXISTS.search(typed_question or q.text))
        first_time = bool(_FIRST_TIME.search(typed_question or q.text))
        # (「担保権者となることができる者の範囲は、どのように限定されて…」 asks it too)
        become = q.intent in ("who", "yesno", "other") and bool(_ASKS_BECOME.search(typed_question or q.text))
        role = _ROLE_ASKED.search(typed_question or q.text) if become else None
        asks_places = bool(_ASKS_PLACES.search(typed_question or q.text))
        asked_kinds = _named_kinds(q.text)  # (a follow-up's carried subject too: "its report")
        for cand, sem, asked in zip(cands, sem_rel, asked_rel, strict=True):
            words, meaning = W_LEXICAL * cand.lexical, W_SEMANTIC * (0.5 * cand.semantic + 0.5 * sem)
            if cand.key in annotated:
                score = words + meaning + W_ASKED * (0.5 * asked + 0.5 * cand.asked_words)
            else:
                # A unit nobody annotated (an official PDF, a user's file) is judged by its
                # words and meaning alone, on the same scale as annotated ones.
                score = (words + meaning) * (W_LEXICAL + W_SEMANTIC + W_ASKED) / (W_LEXICAL + W_SEMANTIC)
            score += 0.1 / (1 + cand.hit_rank)
            unit_terms = set(terms(cand.text))
            if "施行" in unit_terms and not _ENFORCED.search(cand.text):
                # 施行令案 and 施行規則 are names of rules, not a coming into force
                unit_terms.discard("施行")
            if named_events or event_terms:
                if (
                    any(group_found(g, unit_terms) for g in named_events)
                    or bool(event_words & unit_terms)
                    or (alike and alike.search(cand.text))
                    or any(t in cand.text for t in event_terms)
                ):
                    score += CUE_BONUS
                elif _EVENT.search(cand.text):
                    score *= EVENT_PENALTY  # the bill's submission does not date its passing
            elif since and _EVENT.search(cand.text) and not _START.search(cand.text):
                score *= EVENT_PENALTY  # a guideline's publication is not when it began to apply
            elif cues and any(c.search(cand.text) for c in cues[:1]):
                score += CUE_BONUS
            if kinds and any(re.search(rf"[一-龥ァ-ヶー]{re.escape(k)}", cand.text) for k in kinds):
                score += CUE_BONUS  # "what kind of company" is answered by 株式会社または持分会社
                if any(len(set(re.findall(rf"([一-龥ァ-ヶー]{{1,3}}){re.escape(k)}", cand.text))) >= 2 for k in kinds):
                    # (a unit listing several, 法的リスク・評価リスク・経営リスク, answers 「どんな
                    # リスクがある」 better than one naming one, 貸倒リスク)
                    score += CUE_BONUS
                    cand.lists_kinds = True
            if things and any(k in cand.text for k in things):
                score += CUE_BONUS  # "what's the filing you need …" is answered by 「UCC-1を提出」
            elif things:
                score *= ASKED_PHRASE_PENALTY  # …not by UCC Article 9, what the filing is under
            if len(asked_phrase) >= 2:
                named = len(asked_phrase & unit_terms)
                if named >= ASKED_PHRASE_SHARE * len(asked_phrase):
                    score += CUE_BONUS  # 「…の一級指標の3区分を教えて」 is answered by 「…の3つの一級指標」
                elif not named:
                    score *= ASKED_PHRASE_PENALTY  # the standard's number and date name no 指標
            # (its English rendering says it too; read only when a cue below needs it)
            with_en = f"{cand.text} {cand.unit().en or ''}" if asks_new or besides or become else cand.text
            if asks_new and _SAYS_NEW.search(with_en):
                score += CUE_BONUS  # 「何かできたの？」 is answered by 「…が新たに導入された」
            if besides and _SAYS_BESIDES.search(with_en):
                score += CUE_BONUS  # 「評価書のほかに何が？」 is answered by 「評価書に加えて…提案書」
            if to_date and _SAYS_TO_DATE.search(cand.text):
                score += CUE_BONUS  # "so far": 「2014年度から現在までに…200を超える」
            elif to_date and years_in(cand.text):
                score *= TO_DATE_PENALTY  # one year's figure (2015年度…61機関) is no total so far
            if asks_places and len(self.lexicon.named_jurisdictions(cand.text)) >= 2:
                score += CUE_BONUS  # "which countries …?" is answered by the sentence naming them
            if become and _SAYS_BECOME.search(with_en) and (
                role is None or _same_role(role.group(1), cand.text)
            ):
                score += CUE_BONUS  # 「…になれるのは、…信託会社か、…金融機関に限られる」
            if first_time and _FIRST_TIME.search(cand.text):
                score += CUE_BONUS  # 「初めて3000億元を超えた年」: 「…初めて3000億元を上回った」
            if exists and _SAYS_EXISTS.search(cand.text):
                score += EXISTS_BONUS  # "any way to insure …?": 「…保険金が支払われる保険が登場している」
            if q.intent == "who" and verbs and _only_negated(verbs, cand.text):
                score *= NEGATED_DOER_PENALTY
            if asks_to_do and asked_verbs and any(group_found(g, unit_terms) for g in asked_verbs):
                score += CUE_BONUS  # "may I sell it?" is answered by the sentence saying 処分できる
            if asked_ordinals:
                said = _ordinals_of(cand)
                if not said and "1" not in asked_ordinals and _FIRST_OCCASION.search(cand.text):
                    said = {"1"}  # the first auction does not answer for the 9th
                # 「第2回会合では、経団連…が発表した」; the 5th meeting does not answer for the 2nd
                score = _occasion_scored(score, said, asked_ordinals)
            if asked_versions:
                # Ver.1.0's date does not answer "and version 2.0?"
                score = _occasion_scored(score, versions(cand.text), asked_versions)
            if asked_years:
                # 2020's figure does not answer "and 2023?"
                score = _occasion_scored(score, stated_years(cand.text), asked_years)
            cand.defines = q.intent == "definition" and _defines(
                cand.text, defined, (cand.unit().en or "") if q.lang == "en" else "", defined_instruments
            )
            if cand.defines:
                score += CUE_BONUS  # "知財ビジネス評価書は、…" answers "その評価書って何？"
                if _coins(cand.text, defined):
                    score += CUE_BONUS  # (and the unit naming the kind it is, plainer still)
            # Answer-type match: a "when" question wants a date, a "how much / what
            # share" question a figure; units without one answer something else.
            if wants_date:
                if has_date(cand.text):
                    score += TYPE_BONUS
                elif not _TIME_POINT.search(cand.text) or (
                    named_events and not (alike and alike.search(cand.text))
                    and not any(group_found(g, unit_terms) for g in named_events)
                    and not event_words & unit_terms
                ):
                    # (a point in time said in words, 「登記した時点で生じ」, answers "when" too,
                    # unless the question names an event a date is asked for (施行日) and the unit
                    # does not say it: "when does the charge take effect?" is met by 「効力は…
                    # 登記した時点で生じ」)
                    score *= TYPE_PENALTY
                if has_full_date(cand.text) and (
                    not named_events or any(group_found(g, unit_terms) for g in named_events) or event_words & unit_terms
                ):
                    score += FULL_DATE_BONUS  # a day answers "when" better than a month (of the event asked)
            if wants_figure:
                # (「第何回？」 is answered by 「第6回会合で…」: an ordinal is the figure asked)
                figure = has_number(cand.text) or (asks_ordinal and bool(ordinals(cand.text)))
                score = score + TYPE_BONUS if figure else score * TYPE_PENALTY
                if whole_year and PART_YEAR.search(cand.text):
                    score *= PART_YEAR_PENALTY  # 「2023年は？」: the year's total, not January to September
            if asks_number and q.figure.met_by(cand.text):
                score += TYPE_BONUS
            if q.intent in ("why", "former_name", "name") and cues and not cues[0].search(cand.text):
                # figures alone (310件・210億円) give no reason; today's name is no former one
                score *= REASON_PENALTY
            if asked_kinds:
                score *= _other_kind(asked_kinds, cand.text)  # a trademark's UCC-1 filing, for patents
            if _DEPENDENT.match(cand.text):
                score *= DEPENDENT_FACTOR
            elif _ABOUT_ITSELF.match(cand.text):
                score *= ABOUT_ITSELF_FACTOR
            cand.score = score * self._jurisdiction_factor(cand.jurisdiction, q, cand.text)
        cands.sort(key=lambda c: -c.score)
        return cands

    def _kinds_asked(self, question: str) -> list[str]:
        """The Japanese words of what a question asks a kind of (company → 会社, 企業)."""
        out: list[str] = []
        for m in _KIND_OF.finditer(question):
            if m.group(1):
                out += [ja for ja in self.lexicon.glossary.get(m.group(1).lower(), ()) if not ja.isascii()]
            else:
                out.append(m.group(2) or m.group(3))
        return [k for k in dict.fromkeys(out) if len(k) >= 2 and k not in _NO_KIND]

    @staticmethod
    def _asked_phrase_terms(question: str) -> set[str]:
        """The words of what a Japanese request asks for (一級, 指標, 区分 of 「…における一級指標の
        3区分を教えてください」); frame words (概要, 内容) name none. Empty when it asks none."""
        m = _ASKED_PHRASE_JA.search(question) or _ASKED_MAKEUP_JA.search(question)
        if not m:
            return set()
        # (「法律上の整理」: 法律上 says in which frame, and 整理 is how it is put)
        phrase = _QUALIFIER.sub("", _OF_WHAT.sub("", m.group(1)))
        return {t for t in content_terms(phrase) if t not in NOT_FOCUS_JA and not t.isdigit()}

    def _things_asked(self, question: str) -> list[str]:
        """The Japanese words of the thing an English question asks for by name (filing → 提出);
        frame words (the purpose, the difference) name none."""
        out = [
            ja
            for m in (*_THING_ASKED.finditer(question), *_THINGS_LISTED.finditer(question))
            if (thing := next(g for g in m.groups() if g)).lower() not in NOT_FOCUS
            for ja in self.lexicon.glossary.get(thing.lower(), ())
            if not ja.isascii() and len(ja) >= 2
        ]
        return list(dict.fromkeys(out))

    def _candidate(self, rank: int, hit: Hit, start: int, end: int) -> Candidate:
        """The unit ``[start, end)`` of ``hit``'s chunk, with the jurisdiction it is about (its
        own, its section's, its document's, else the lexicon's default), not yet scored."""
        jurisdiction = hit.chunk.jurisdiction_at(start, end) or hit.doc.jurisdiction or self.lexicon.default_jurisdiction
        return Candidate(rank, hit, hit.chunk.text[start:end], start, end, jurisdiction)

    def _jurisdiction_factor(self, jurisdiction: str, q: QuestionFrame, text: str) -> float:
        """1 for a unit about a place the question asks about, and for an international
        statement naming one the question names (the Singapore minister's remark at WIPO's
        Dialogue, for a question on what Singapore's minister said); less for the rest."""
        if jurisdiction in q.jurisdictions:
            return 1.0
        if jurisdiction != "intl":
            return FOREIGN_FACTOR
        if q.named_places and set(self.lexicon.named_jurisdictions(text)) & set(q.jurisdictions):
            return 1.0
        return INTL_FACTOR

    def _lead(self, cands: list[Candidate], q: QuestionFrame) -> Candidate:
        """The best unit about the question's jurisdictions; an international statement only
        when it is clearly better or nothing about them is close; never a foreign fact when
        another may lead."""
        own = next((c for c in cands if c.jurisdiction in q.jurisdictions), None)
        # (not over a unit saying who may take the role asked: 「担保権者になれるのは…に限る」
        # answers "who can hold the charge", whatever its passage calls the charge)
        becomes = bool(own is not None and _ASKS_BECOME.search(q.typed or q.text) and _SAYS_BECOME.search(own.text))
        if own is not None and q.intent in ("yesno", "whatif", "who") and q.instruments and not names_instrument(own, q) and not becomes:
            # What one may do, what happens, or who acts under a scheme the question names
            # (企業価値担保権) is answered about that scheme: a close unit whose passage names it
            # leads over one about another (ABL's collateral for 「借りたあと機械を売ってもいい？」,
            # DBJ's IP-backed loans for "who is the secured party under the charge?").
            own = next(
                (
                    c
                    for c in cands
                    if c.jurisdiction in q.jurisdictions and c.score >= INSTRUMENT_LEAD_SHARE * own.score
                    and names_instrument(c, q)
                ),
                own,
            )
        # (not when it asks for a thing by name: "what is the main filing made under Article 9?"
        # asks for the filing, not what Article 9 is)
        if own is not None and q.intent == "definition" and not own.defines and not self._things_asked(q.text):
            # What a thing is, is answered by the unit that says so (「知財ビジネス評価書は、…
            # レポートで」), when it is close to a unit on what the body behind it did.
            own = next(
                (
                    c
                    for c in cands
                    if c.jurisdiction in q.jurisdictions and c.defines and c.score >= DEFINITION_LEAD_SHARE * own.score
                ),
                own,
            )
        asked_ordinals = ordinals(q.text)
        if own is not None and asked_ordinals and not asked_ordinals & _ordinals_of(own):
            # The occasion a question names by its number (第2回会合) is answered by a close
            # unit on that occasion, not by one on the body that met (the WG's chair).
            own = next(
                (
                    c
                    for c in cands
                    if c.jurisdiction in q.jurisdictions and c.score >= ORDINAL_LEAD_SHARE * own.score
                    and asked_ordinals & _ordinals_of(c)
                ),
                own,
            )
        asked_bodies = body_kinds(q.text)  # (a follow-up's too: "ok and at the 4th meeting?")
        if own is not None and asked_ordinals and asked_bodies and (said := body_kinds(own.text)) and not said & asked_bodies:
            # …of the body the question names: the FSA working group's 4th meeting, not the
            # labour council's (「この部会は第4回を…」); a unit naming no body is read in its passage
            own = next(
                (
                    c
                    for c in cands
                    if c.jurisdiction in q.jurisdictions and c.score >= ORDINAL_LEAD_SHARE * own.score
                    and asked_ordinals & _ordinals_of(c)
                    and not body_kinds(c.text) - asked_bodies
                    and body_kinds(f"{c.text} {c.hit.chunk.text} {c.hit.chunk.section} {c.hit.doc.title}") & asked_bodies
                ),
                own,
            )
        if own is not None and not asked_ordinals and _ASKS_WHICH_OCCASION.search(q.text) and not _ordinals_of(own):
            # 「…が取り上げられた回を特定したい」 "at which meeting was … discussed": a close unit
            # on an occasion by its number (第5回会合) answers, not one on the report's contents
            own = next(
                (
                    c
                    for c in cands
                    if c.jurisdiction in q.jurisdictions and c.score >= ORDINAL_LEAD_SHARE * own.score and _ordinals_of(c)
                ),
                own,
            )
        intl = next((c for c in cands if c.jurisdiction == "intl"), None)
        # A comparison of places may be led by a statement about both (tagged international);
        # so may a question asking what kinds there are, by an international statement listing
        # them when the unit about its place names one (WIPO's 法的・評価・経営リスク for 「特許
        # 担保でお金借りるのってどんなリスクがあるん？」, over the article's 貸倒リスク).
        listed = intl is not None and own is not None and intl.lists_kinds and not own.lists_kinds
        share = 1.0 if len(q.jurisdictions) > 1 or listed else INTL_LEAD_SHARE
        if own is not None and (intl is None or own.score >= share * intl.score):
            return own
        return intl or own or cands[0]

    def _newly_asked_lead(
        self, lead: Candidate, ranked: list[Candidate], q: QuestionFrame, groups: list[TermGroup], question: str, condensed: str
    ) -> Candidate:
        """A follow-up naming something new (「メガバンクも入ってたん？」) is led by a close unit
        that names it, when the best one names none of it (the definition of the earlier topic).
        A when follow-up may reach further (:data:`NEW_WHOLE_SUBJECT_LEAD_SHARE`) for a dated
        unit naming all of the new thing and the conversation's topic ("what date was its
        final report?")."""
        # (words of a phrase the vocabulary reads as an event, 国会 of 「国会で通った」 (成立), say
        # what happened, not a new thing the lead must name)
        said_as_event = [m.span() for pattern, _ in self.lexicon.search_terms for m in pattern.finditer(question)]

        def in_event_phrase(term: str) -> bool:
            at = question.find(term)
            return at >= 0 and any(start <= at < end for start, end in said_as_event)

        new = [
            g
            for g in _newly_typed_groups(groups, question, condensed)
            # (a year typed is when, not a new subject: 「2019年から…」 is not met by 2019年5月)
            if g.topical
            and not g.predicate
            and not self.lexicon.place(g.term)
            and not YEAR_TERM.fullmatch(g.term)
            and not in_event_phrase(g.term)
        ]
        lead_terms = set(terms(lead.text))
        # (of several new words, those the lead lacks, when it lacks the weightiest: "so who pays
        # for that valuation, is there any subsidy for the lender?" is not answered by a unit
        # naming the valuation and the lender only)
        missing = [g for g in new if not group_found(g, lead_terms)]
        if not _carried(question, condensed) or not new or not missing or (
            len(missing) < len(new) and max(g.weight for g in missing) < max(g.weight for g in new)
        ):
            return lead
        if q.intent in ("yesno", "whatif", "howto"):
            return lead  # what one may do is said by its verb (「在庫は売れなくなる？」: 処分できる)
        # (a unit naming every new word the documents' language has, "final report" → 報告書, may
        # be further behind: the earlier question's words lifted the lead)
        translated = [g for g in new if g.weight > UNTRANSLATED_WEIGHT]
        # (…and still on the conversation's topic: the WG's report, not another programme's
        # first year for "when did the first one get set up?")
        topic = [
            g for g in groups if g not in new and g.topical and g.weight > UNTRANSLATED_WEIGHT and not self.lexicon.place(g.term)
        ]
        if translated and q.intent == "when":
            whole = self._close_lead(
                lead,
                ranked,
                q,
                NEW_WHOLE_SUBJECT_LEAD_SHARE,
                lambda c: all(group_found(g, set(terms(c.text))) for g in translated)
                and (not topic or any(group_found(g, set(terms(c.text))) for g in topic))
                and has_date(c.text),
            )
            if whole is not lead:
                return whole
        return self._close_lead(
            lead,
            ranked,
            q,
            NEW_SUBJECT_LEAD_SHARE,
            lambda c: any(group_found(g, set(terms(c.text))) for g in missing)
            # (not a unit on another scheme: ABL's 在庫 for a question on 企業価値担保権)
            and (not q.instruments or names_instrument(c, q) or not names_instrument(lead, q))
            # (nor, for "when", a unit dating another event: 国会 of 「国会で通ったのっていつ？」 is
            # how the bill's passing is said, not the bill's submission to it)
            and (q.intent != "when" or set(_EVENT.findall(lead.text)) <= set(_EVENT.findall(c.text))),
        )

    def _outside_rule(
        self, ranked: list[Candidate], subjects: list[TermGroup], q: QuestionFrame, question: str, translated: bool
    ) -> Candidate | None:
        """A close unit saying that what a figure is asked of (創業関連保証, for the bank's share)
        is outside a rule (「…などは、責任共有制度の対象外である」): it answers a figure question
        no unit states the figure of. None when there is none. A subject is also named by the
        everyday phrase it begins in the ``question`` (「創業向けの保証」: 創業関連保証)."""
        named = [f for g in subjects if len(g.term) >= 3 for f in _group_forms(g, translated)]
        named += [f for g in subjects for f in self._phrase_forms(g, question)]
        # (by a name of its own: 保証, the documents' word for "guarantee", is in every rule on them)
        named = [f for f in named if len(f) >= 3]
        if not named or not ranked:
            return None
        return next(
            (
                c
                for c in ranked
                if c.score >= OUTSIDE_RULE_SHARE * ranked[0].score
                and self._may_lead(c, q)
                and _EXCLUDED.search(c.text)
                and any(f in c.text for f in named)
            ),
            None,
        )

    def _phrase_forms(self, g: TermGroup, question: str) -> list[str]:
        """The documents' words for the everyday phrase a subject's word begins in the
        ``question`` (「創業向け」 of 「創業向けの保証」: 創業関連保証)."""
        if len(g.term) < 2 or (at := question.find(g.term)) < 0:
            return []
        return [f for f in self.lexicon.everyday_in(question[at : at + len(g.term) + PHRASE_TAIL]) if len(f) >= 3]

    def _excluded_lead(
        self, lead: Candidate, candidates: list[Candidate], subjects: list[TermGroup], question: str, translated: bool = False
    ) -> Candidate | None:
        """A unit saying that something the figure is asked of, and the lead does not name, is
        outside the rule the lead's figure belongs to (「創業関連保証…などは、責任共有制度の
        対象外である」 for the bank's share of a 創業関連保証): it answers first. None when
        no unit says so, or when the ``question`` asks for exclusions in a part of its own
        (「…対象外となる保証も教えて」). ``translated``: a term is also named by its documents'
        words (a follow-up's "startup-related guarantees" by 創業関連保証); otherwise only as
        written, so an English figure question's "SME loan" is not read as a case set aside."""
        if _EXCLUDED.search(question):
            return None
        said = set(terms(lead.text))

        # (named as written: 保証 of 「保証付き」 is in every sentence on guarantees)
        # (or by the everyday phrase it begins: 「創業向けの保証」)
        unnamed = [
            [*_group_forms(g, translated), *self._phrase_forms(g, question)]
            for g in subjects
            if not group_found(g, said) and len(g.term) >= 3
        ]
        rules = [[f for f in _group_forms(g, translated) if f in lead.text] for g in subjects if group_found(g, said)]
        rules = [r for r in rules if r]
        reach = bool(_ASKS_REACH.search(question))
        if not unnamed or not (rules or reach):
            return None

        def outside_lead_rule(c: Candidate) -> bool:
            # (the rule named by the question's words in the lead, or by the unit's own: 「責任
            # 共有制度の対象外」 leaves out of the rule the lead states, 「…責任共有制度が導入され」)
            if any(f in c.text for fs in rules for f in fs):
                return True
            # (by the unit's own name for the rule only when whether it reaches is asked)
            return reach and any(m.group(1) in lead.text for m in _EXCLUDED_RULE.finditer(c.text))

        return next(
            (
                c
                for c in candidates
                if c is not lead
                and _EXCLUDED.search(c.text)
                and any(f in c.text for fs in unnamed for f in fs)
                and outside_lead_rule(c)
            ),
            None,
        )

    def _earlier_figure_lead(
        self, lead: Candidate, ranked: list[Candidate], q: QuestionFrame, question: str, condensed: str
    ) -> Candidate:
        """A follow-up asking no figure of its own that points back at the question before
        (「それっていつから？」) is about what that question asked for: a close unit giving the
        earlier question's figure (its split, 80:20) leads over one giving none (:data:`_POINTS_BACK`)."""
        carried = _carried(question, condensed)
        if not carried or not _POINTS_BACK.search(question.strip()) or requested_figure(question, self.lexicon):
            return lead
        earlier = requested_figure(carried, self.lexicon)
        if not earlier or earlier.met_by(lead.text):
            return lead
        return self._close_lead(lead, ranked, q, EARLIER_FIGURE_LEAD_SHARE, lambda c: earlier.met_by(c.text))

    def _regions_turned_to(self, question: str) -> frozenset[str]:
        """The places a question asks of after one it takes as known ("zhongshan splits the
        losses 54:26:16:4 right so whats the split in shenzhen", 「中山は54:26:16:4やけど、
        深圳は？」): empty unless both parts name places and the asked part names others."""
        turn = _TURN_TO_ASKED.search(question)
        if not turn:
            return frozenset()
        known = self.lexicon.regions_in(question[: turn.start()])
        asked = self.lexicon.regions_in(question[turn.end() :]) - known
        return asked if known and asked else frozenset()

    def _become_lead(self, lead: Candidate, ranked: list[Candidate], q: QuestionFrame) -> Candidate:
        """A follow-up asking who may take a role ("and can my main bank hold that charge itself,
        or does it have to be some special trust company?" after a question on when the law
        starts) is led by a close unit saying who may (「…信託会社になれるのは、…信託会社か、
        …金融機関」), not by one on the role's other rules that the earlier question's words
        carried up (when the charge takes effect). A question read alone is scored for it
        (:data:`CUE_BONUS`)."""
        asked = q.typed
        if not asked or q.intent not in ("who", "yesno", "other") or not _ASKS_BECOME.search(asked):
            return lead
        role = _ROLE_ASKED.search(asked)

        def says_who(c: Candidate) -> bool:
            said = f"{c.text} {c.unit().en or ''}"
            return bool(_SAYS_BECOME.search(said)) and (role is None or _same_role(role.group(1), c.text))

        return lead if says_who(lead) else self._close_lead(lead, ranked, q, BECOME_LEAD_SHARE, says_who)

    def _own_form_lead(self, lead: Candidate, ranked: list[Candidate], q: QuestionFrame, question: str) -> Candidate:
        """A question giving the asker's own legal form (「うち合同会社なんやけど…使えるん」,
        "we're an LLC - can we use it?") is led by a close unit naming the forms that may
        use the scheme (「株式会社または持分会社の総財産」), not by one on the scheme at large;
        one naming the asker's form, unless the question asks which form to take ("im a
        個人事業主 … what kind of legal entity do i have to set up")."""
        told = _OWN_FORM.search(question)
        if not told:
            return lead
        said = f"{told.group(0)} {' '.join(self.lexicon.expand_english(told.group(0)))}"
        forms = [w for w in self.lexicon.everyday_in(said) + self.lexicon.expand_english(said) if w in _FORM_WORDS]
        if {"屋号", "個人"} & set(told.groups()) or any(g and g.startswith("法人") for g in told.groups()):
            # (a trade name alone, or no company made, 「法人にはしてへん」: a sole trader; 屋号 is
            # a brand as a search word)
            forms = ["個人事業主"]
        if _ASKS_FORM.search(question):
            forms = list(_COMPANY_FORMS)  # 「個人事業主やけど、どんな会社作ればいい？」: the forms that may use it
        if not forms or any(f in lead.text for f in forms):
            return lead
        return self._close_lead(lead, ranked, q, FORM_LEAD_SHARE, lambda c: any(f in c.text for f in forms))

    def _asked_city_lead(self, lead: Candidate, ranked: list[Candidate], q: QuestionFrame) -> Candidate:
        """A question naming a city ("and zhuhai?" after a question on Zhongshan's split) is
        led by a close unit on that city, not by one on another city or on none (the
        province's split, for 中山市's)."""
        asked = self.lexicon.cities_in(q.text)
        if not asked:
            return lead
        theirs = self.lexicon.cities_in(f"{lead.text} {lead.unit().en or ''}")
        if theirs & asked:
            return lead  # (a lead on no city, the province's, gives way to one on the city too)
        return self._close_lead(lead, ranked, q, CITY_LEAD_SHARE, lambda c: bool(self.lexicon.cities_in(c.text) & asked))

    def _abstain_unstated(
        self, base: Answer, groups: list[TermGroup], t0: float, top_tokens: set[str], q: QuestionFrame, name_asked: bool
    ) -> Answer:
        """Refuse a question whose figure or quantity no unit states, naming what was asked for
        (「締め切り」「一番大きい」) when ``name_asked`` and a quantity was asked, not only "a
        figure"."""
        # (a quantity a later part asks alone, 「…あと参加費ってかかるの？」, is named too)
        quantities = q.quantities or tuple(self.lexicon.quantities_in(q.text)) or tuple(
            x for p in question_parts(q.text)[1:] for x in self.lexicon.quantities_in(p)
        )
        asked = [w for quantity in quantities if (w := quantity.asked_in(q.text))] if name_asked else []
        if asked:
            return self._abstain(base, "no_quantity", groups, t0, missing=asked)
        return self._abstain(base, "no_figure", groups, t0, top_tokens, q)

    def _cited_article_lead(self, lead: Candidate, ranked: list[Candidate], q: QuestionFrame) -> Candidate:
        """A question citing an article ("the collateral under Art. 7(1) of the Act", 「法157条
        では」) is led by a close unit citing that article, not by one on the Act at large."""
        typed = q.typed or q.text
        asked = _articles_cited(typed)
        # (「その根拠条文は？」, "which provision governs it?": any article cited answers)
        if not asked and not asks_article(typed):
            return lead

        def cites(c: Candidate) -> bool:
            said = _articles_cited(c.text)
            return bool(said & asked) if asked else bool(said)

        return lead if cites(lead) else self._close_lead(lead, ranked, q, ARTICLE_LEAD_SHARE, cites)

    def _close_lead(
        self, lead: Candidate, ranked: list[Candidate], q: QuestionFrame, share: float, wanted: Callable[[Candidate], bool]
    ) -> Candidate:
        """The best ranked unit ``wanted`` that scores at least ``share`` of the lead and may
        lead; the lead when there is none."""
        return next((c for c in ranked if c.score >= share * lead.score and self._may_lead(c, q) and wanted(c)), lead)

    def _announced_items(
        self, chosen: list[Candidate], retrieval: Retrieval, q: QuestionFrame, ranked: list[Candidate]
    ) -> list[Candidate]:
        """A chosen unit that only announces a list (「日本で知財金融が進まない理由として一般に
        2つの論点が挙げられており」) gives way to the items it announces (「論点Ⅰは…」「論点Ⅱは…」),
        found after it in its chunk and the chunks that follow in its file; it follows them.
        The item that scores clearly best of them among the ``ranked`` units comes first.
        Unchanged when the items are not found, and for a question asking how many."""
        at = next((i for i, c in enumerate(chosen) if announced(c.text) >= 2), None)
        if at is None or _HOW_MANY.search(q.text):
            return chosen  # 「論点はいくつ？」 is answered by the announcement itself
        head = chosen[at]
        after = [(head.hit, s, e) for s, e in head.hit.chunk.quotable_units() if s >= head.end]
        for hit in retrieval.following.get(head.hit.chunk.id, []):
            after += [(hit, s, e) for s, e in hit.chunk.quotable_units()]
        found = items([hit.chunk.text[s:e] for hit, s, e in after], announced(head.text))
        listed = [replace(self._candidate(head.hit_rank, hit, s, e), score=head.score) for hit, s, e in (after[i] for i in found)]
        if not listed or (at == 0 and not all(self._may_lead(c, q) for c in listed)):
            return chosen
        # (a unit chosen above the announcement keeps its place, an item among them too: 「提案Ⅱ
        # として…」 is led by 提案II, not by the list from 提案I)
        before = chosen[:at]
        # (an item the question is clearly more about leads them: 提案II of "what do they
        # propose to cut lenders' bad-debt risk", scored as a unit of its own)
        own = {c.key: c.score for c in ranked}
        best = max(listed, key=lambda c: own.get(c.key, 0.0))
        if own.get(best.key, 0.0) >= ITEM_LEAD_MARGIN * own.get(listed[0].key, 0.0):
            listed = [best, *(c for c in listed if c is not best)]
        listed = [c for c in listed if c.key not in {b.key for b in before}]
        keys = {c.key for c in listed} | {b.key for b in before}
        rest = [c for c in chosen[at + 1 :] if c.key not in keys]
        return before + listed + [head, *rest][: max(1, MAX_SENTENCES - len(listed) - len(before))]

    def _why_subject(self, groups: list[TermGroup], ranked: list[Candidate], q: QuestionFrame) -> tuple[str, ...] | None:
        """What a why-question asks the reason of, in the words of its rarest topical term
        that a top unit uses (個人事業主 of 「なんで個人事業主だと企業価値担保権が使えないの？」;
        企業価値担保権, said everywhere, is the topic): a reason answers only said of it. None
        when the question has one topical term only (its topic), or none is distinctive: common
        in the index or in the top units (金融機関, which a reason may say as 融資元)."""
        topical = [g for g in groups if g.topical and not g.predicate and not YEAR_TERM.fullmatch(g.term)]
        # (a term no top unit uses, 「会社まるごと担保のやつ」 in everyday words, still tells that
        # the question asks of more than its topic)
        if len(topical) < 2:
            return None
        top = [set(terms(c.text)) for c in ranked[:WHY_SUBJECT_POOL]]
        # (each term by the first of its spellings a top unit uses, and in how many: 個人事業主
        # itself, before the 設定者 the glossary equates with it)
        found: dict[tuple[str, ...], int] = {}
        for g in topical:
            counts = ((alt, sum(all(t in said for t in alt) for said in top)) for alt in g.alternatives if alt)
            if (used := next(((alt, n) for alt, n in counts if n), None)) is not None:
                found[used[0]] = used[1]
        # (each by its commonest word: 事業 of 個人事業主)
        weakest = {alt: min(self.bm25.idf(t) for t in alt) for alt, n in found.items() if n <= WHY_SUBJECT_MAX_UNITS}
        rare = [alt for alt, idf in weakest.items() if idf >= WHY_SUBJECT_MIN_IDF]
        return max(rare, key=weakest.__getitem__, default=None)

    def _place_figures(self, question: str, codes: list[str], lang: str) -> list[str]:
        """What a refusal names for places whose figure is missing: the question's own word
        for each (アメリカ, "the US") with "の数値" / "the figure for"."""
        words = [name for name, code in self.lexicon.place_spellings.items() if code in codes and name in question]
        words += [w for _, w in self.lexicon.place_words_in(question) if set(self.lexicon.place_words[w]) & set(codes)]
        words = list(dict.fromkeys(words)) or [c.upper() for c in codes]
        return [f"{w}の数値" if lang == "ja" else f"the figure for {w}" for w in words]

    @staticmethod
    def _supports(c: Candidate, lead: Candidate) -> bool:
        """Close enough to the lead to follow it: RELATIVE_CUTOFF of its score, or
        SAME_SOURCE_CUTOFF for a unit of the lead's own document (the rest of what that
        source says on the question costs no precision of the answer's sources)."""
        if c.score >= RELATIVE_CUTOFF * lead.score:
            return True
        return c.hit.doc.source_id == lead.hit.doc.source_id and c.score >= SAME_SOURCE_CUTOFF * lead.score

    def _official_first(
        self, lead: Candidate, pool: list[Candidate], q: QuestionFrame, keep: Callable[[Candidate], bool] | None = None
    ) -> Candidate:
        """An official document leads over a brief that says about the same: a unit of a
        ``primary`` document that retrieval ranked above the brief's chunk and that scores
        within PRIMARY_LEAD_SHARE of it takes the lead (the brief may follow); one that also
        does what the lead was chosen for (``keep``), when given."""
        if lead.hit.doc.kind == "primary":
            return lead
        official = [
            c
            for c in pool
            if c.hit.doc.kind == "primary"
            and (keep is None or keep(c))
            and c.hit_rank < lead.hit_rank
            and (c.score >= PRIMARY_LEAD_SHARE * lead.score or _same_fact(c.text, lead.text))
            and self._may_lead(c, q)
        ]
        return max(official, key=lambda c: c.score) if official else lead

    @staticmethod
    def _may_lead(c: Candidate, q: QuestionFrame) -> bool:
        """A foreign fact never leads an answer about Japan (an international one may)."""
        return c.jurisdiction in q.jurisdictions or c.jurisdiction == "intl"

    def _key_similarities(
        self, cands: list[Candidate], q: QuestionFrame, query_vector: np.ndarray, typed: np.ndarray | None = None
    ) -> None:
        """Every candidate's best annotated-question similarity (and, for English questions,
        its English rendering's), not only the keys the search returned."""
        if self.key_lookup is None:
            return
        ids: dict[str, Candidate] = {}
        for cand in cands:
            fact = cand.hit.chunk.unit_at(cand.start, cand.end)
            if fact is None or (fact.start, fact.end) != (cand.start, cand.end):
                continue
            for n in range(len(fact.questions)):
                ids[RetrievalKey.make(cand.hit.chunk.id, cand.start, cand.end, "question", n).id] = cand
            if fact.en and q.lang == "en":
                ids[RetrievalKey.make(cand.hit.chunk.id, cand.start, cand.end, "en").id] = cand
        vectors = self.key_lookup(list(ids))
        qv = np.asarray(query_vector, dtype=np.float32)
        tv = np.asarray(typed, dtype=np.float32) if typed is not None else None
        for key_id, vec in vectors.items():
            cand, sim = ids[key_id], float(vec @ qv)
            if tv is not None and key_id.startswith("q:"):
                sim = max(sim, float(vec @ tv))
            if key_id.startswith("q:"):
                cand.asked = max(cand.asked, sim)
            else:
                cand.similarity = max(cand.similarity, sim)
                cand.semantic = _norm(cand.similarity, SIM_FLOOR, SIM_CEIL)

    def _unit_vectors(self, cands: list[Candidate]) -> np.ndarray:
        """Embeddings of the candidate units: stored at ingest, computed only if missing."""
        keys = [c.key for c in cands]
        cache = self._vectors
        wanted = [k for k in keys if k not in cache]
        stored = {k: cache[k] for k in keys if k in cache}
        if wanted and self.vector_lookup:
            fetched = self.vector_lookup(wanted)
            if len(cache) + len(fetched) > VECTOR_CACHE:
                cache.clear()
            cache.update(fetched)
            stored.update(fetched)
        missing = [i for i, k in enumerate(keys) if k not in stored]
        out = np.zeros((len(keys), self.embedder.dim), dtype=np.float32)
        if missing:
            out[missing] = self.embedder.encode_passages([cands[i].text for i in missing])
        for i, k in enumerate(keys):
            if k in stored:
                out[i] = stored[k]
        return out

    # ------------------------------------------------------------------ choosing
    def _select(self, lead: Candidate, pool: list[Candidate], q: QuestionFrame) -> list[Candidate]:
        """The lead, then supporting units: best first, no near-repeats, a penalty for each
        unit already taken from the same document (so a question spanning two sources is
        answered from both); ordered the question's jurisdictions first."""
        chosen = [lead]
        grams = [char_bigrams(lead.text)]
        rest = [c for c in pool if c is not lead]
        while rest and len(chosen) < self.max_sentences:
            used = [c.hit.doc.source_id for c in chosen]
            pick = max(rest, key=lambda c: c.score - SAME_SOURCE_PENALTY * used.count(c.hit.doc.source_id))
            rest.remove(pick)
            g = char_bigrams(pick.text)
            if any(jaccard(g, other) >= REDUNDANT for other in grams):
                continue
            chosen.append(pick)
            grams.append(g)
        order = {j: i for i, j in enumerate(q.jurisdictions)}

        def place(c: Candidate) -> tuple[int, float]:
            rank = order.get(c.jurisdiction, len(order) + (0 if c.jurisdiction == "intl" else 1))
            return (rank, -c.score)

        return [lead, *sorted(chosen[1:], key=place)]

    def _first_part_lead(
        self,
        question: str,
        lead: Candidate,
        ranked: list[Candidate],
        q: QuestionFrame,
        retrieval: Retrieval,
        chunk_tokens: dict[str, set[str]],
        known: Callable[[str], bool],
        clauses: bool = False,
    ) -> Candidate:
        """A compound question (「Xって何ですか？Yのこと？」, 「誰がなれますか。以前から変わった？」)
        is answered in the order it asks: the unit that best answers its first part leads,
        when it is close to the best for the whole; :meth:`_answer_parts` then adds one for
        each further part. ``clauses``: the parts are its clauses (:func:`question_parts`)."""
        parts = question_parts(question, clauses)
        if len(parts) < 2:
            return lead
        first = replace(frame(parts[0], self.lexicon, known), jurisdictions=q.jurisdictions)
        if first.figure or first.quantities:
            return lead  # the unit stating the figure the first part asks for leads already
        groups = _set_aside_weighed(term_groups(parts[0], self.bm25.idf, self.lexicon, known), parts[0])
        if not any(g.topical for g in groups):
            return lead  # 「それっていつ？」: the first part names nothing of its own
        # (its words and kind; what it means is read from the whole question's embedding,
        # which costs nothing more: embedding the part as well buys no better lead)
        scored = self._score(first, groups, retrieval, chunk_tokens, None)
        best = self._lead(scored, first)
        if best.key == lead.key:
            return lead
        if q.figure and q.figure.years and not years_in(parts[0]) and q.figure.met_by(lead.text) and not q.figure.met_by(best.text):
            return lead  # 「…最近どのくらい？2023年の数字ある？」: the year the other part names holds
        if next((c.score for c in scored if c.key == lead.key), 0.0) >= FIRST_PART_CLOSE * best.score:
            return lead  # the whole question's best answers the first part about as well
        # The first part's best must be close to the best for the whole: a later part often
        # says what the first one means (「企業価値担保権ってなに？不動産担保と何が違うの？」).
        same = next((c for c in ranked if c.key == best.key), None)
        return same if same is not None and same.score >= FIRST_PART_FLOOR * lead.score else lead

    def _parts_stating(
        self,
        question: str,
        q: QuestionFrame,
        names: list[tuple[str, frozenset[str]]],
        retrieval: Retrieval,
        chunk_tokens: dict[str, set[str]],
        known: Callable[[str], bool],
        whole: Callable[..., Candidate | bool],
    ) -> list[Candidate | bool] | None:
        """For a compound question one of whose parts asks for a figure (or a named quantity),
        one entry per part in order: the unit stating that part's figure (judged against the
        part's own words: the other part's words would dilute it), ``False`` when none does,
        ``True`` for a part asking no figure. A part naming nothing its figure is of
        (「何割くらい？」「2019年は何人来たの？」) is judged with the whole question (``whole``,
        given a test of the part's own kind of figure).
        A question of one part with a remark beside it (「…どのくらいの規模なん？最近すごいって
        聞いたけど」) has its asking sentence as its one part. None for a question of one part
        alone, or one whose parts ask no figure: the whole question is judged as usual."""
        parts = question_parts(question, clauses=True)
        # (a quantity asked in a later part alone: 「IPASっていつ始まったん？あと参加費ってかかるの？」
        # asks a date, then whether there is a fee)
        if not (q.figure or q.quantities) and not (len(parts) > 1 and any(self.lexicon.quantities_in(p) for p in parts[1:])):
            return None
        if len(parts) < 2:
            # the asking sentence alone, without a remark beside it (「…どのくらいの規模なん？
            # 最近すごいって聞いたけど」): the remark's words would dilute the figure's subject
            asking = asking_sentences(question)
            if asking == question:
                return None
            parts = [asking]
        elif len(parts) == 2 and not any(
            g.topical and not g.term.startswith(("何", "なん")) for g in term_groups(parts[1], self.bm25.idf, self.lexicon, known)
        ):
            # "… does the bank still eat part of the loss …? how much": a bare "how much" after
            # the part naming what it is of asks one figure, judged with the whole question
            # (the first part alone would weigh the loss's insurance as much as its share); a
            # question word (何割) names nothing, while 「…座長はどなたで、会合は何回…」 names what
            # its second part counts
            return None
        found = {h.chunk.id for h in retrieval.hits}
        out: list[Candidate | bool] = []
        # (what a statement before the parts sets out, "heard a us ag startup borrowed 100m
        # against its ip.", is what a part pointing at it asks of: "which company was that")
        start = question.find(parts[0])
        setup = question[:start].strip() if start > 0 else ""
        for i, part in enumerate(parts):
            # (the part's figure, read with the whole question's qualifiers: "Did it *actually*
            # pass …?" still wants a result, not an outlook)
            pf = replace(
                frame(part, self.lexicon, known), text=q.text, jurisdictions=q.jurisdictions, named_places=q.named_places
            )
            if not (pf.figure or pf.quantities):
                out.append(True)
                continue
            if pf.figure and q.figure and q.figure.years and not pf.figure.years:
                # the year another part names (「…最近はどのくらい？2020年度とかの数字ある？」)
                pf = replace(pf, figure=replace(pf.figure, years=q.figure.years))
            groups = term_groups(part, self.bm25.idf, self.lexicon, known)
            subjects = self.refusals.figure_subjects(groups, known, part)
            # (what a statement before the parts sets out, or an earlier part: "…the first insured
            # ip-backed loan in the us and how much did *the borrower* raise")
            before = setup if setup and _POINTS_AT_SETUP.search(part) else ""
            # (…and the statement before the parts, which the earlier parts may only point at:
            # "a friend said the JPO pairs you with mentors. when did that start and how many
            # startups has it taken on")
            # (…or a later part naming none of the names the question is about, which it leaves
            # to the earlier part: "Ocean Tomo's ninth auction: how many lots sold, and what did
            # the sales total?")
            elliptic = bool(_NAMED_EN.search(" ".join(parts[:i]))) and not _NAMED_EN.search(part)
            before = (
                " ".join([setup, *parts[:i]]).strip()
                if i and (_THE_PARTY.search(part) or _PRONOUN_SUBJECT.search(part) or elliptic)
                else before
            )
            if before and [g for g in subjects if not YEAR_TERM.fullmatch(g.term)]:
                # (its words, not its figure: "covers part of the losses" asks no share; a part
                # naming nothing, "how big is it", is judged with the whole question below)
                said = f"{before} {part}"
                groups = term_groups(said, self.bm25.idf, self.lexicon, known)
                subjects = self.refusals.figure_subjects(groups, known, said)
            if not [g for g in subjects if not YEAR_TERM.fullmatch(g.term)]:
                # 「何割くらい？」 asks its figure of what the part before it names… (the part's own
                # kind of figure: 25社 is no 会費 of 「…何社？あと会費なんぼ」)
                found_whole = whole(lambda c, f=pf.figure: not f or f.met_by(c.text))
                if not found_whole:
                    # …which a unit's passage names, when the unit says only the part's own
                    # words (「会合は全部で7回開かれ」 in the passage on the WG asked about)
                    found_whole = self._stated_in_context(question, pf, names, retrieval, chunk_tokens, known, groups)
                out.append(found_whole)
                continue
            scored = [c for c in self._score(pf, groups, retrieval, chunk_tokens, None) if c.hit.chunk.id in found]
            if not scored:
                out.append(False)
                continue
            lead = self._lead(scored, pf)
            pool = [c for c in scored if self._supports(c, lead)]
            # (a part pointing back, "how many companies have used *it*", counts them of what an
            # earlier part names, or the statement before the parts: IPAS's 25 companies are none
            # of the enterprise value charge's)
            referent = self._referent([setup, *parts[:i]] if setup else parts[:i], known) if i and _REFERS_BACK.search(part) else []
            states = (
                c
                for c in pool
                if self._may_lead(c, pf)
                and self.quantities.states(c, pf, subjects, names)
                and (not referent or self._passage_names(c, referent))
            )
            first = next(states, False)
            if first and _ASKS_RECENT.search(question) and not years_in(question):
                first = _latest(first, [first, *islice(states, RECENT_POOL)])
            out.append(first)
        return out if any(x is not True for x in out) else None

    def _referent(self, earlier: list[str], known: Callable[[str], bool]) -> list[TermGroup]:
        """What the ``earlier`` parts of a question ask about (not a year): what a later part's
        "it" or 「それ」 points back to."""
        text = " ".join(earlier)
        groups = self.refusals.figure_subjects(term_groups(text, self.bm25.idf, self.lexicon, known), known, text)
        return [
            g
            for g in groups
            if not YEAR_TERM.fullmatch(g.term)
            # (an English noun follows its determiner: "the enterprise value thing", not "start")
            and (
                not re.fullmatch(r"[a-z][a-z -]*", g.term, re.I)
                or re.search(rf"\b(?:the|a|an|this|that|these|those|its|their|my|our|your)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(g.term)}\b", text, re.I)
            )
        ]

    @staticmethod
    def _passage_names(c: Candidate, groups: list[TermGroup]) -> bool:
        """Whether ``c`` names one of ``groups``: the unit, its English rendering, or the section
        and document it is in (「会合は全部で7回開かれ」 in the WG's report). Not the whole chunk:
        a neighbouring sentence's 企業 and 価値 make no 企業価値."""
        fact = c.hit.chunk.unit_at(c.start, c.end)
        where = set(terms(c.text)) | set(terms(c.hit.chunk.section)) | set(terms(c.hit.doc.title))
        if fact is not None and fact.en:
            where |= set(terms(fact.en))
        return any(group_share(g, where) >= PASSAGE_SUBJECT_SHARE for g in groups)

    def _stated_in_context(
        self,
        question: str,
        pf: QuestionFrame,
        names: list[tuple[str, frozenset[str]]],
        retrieval: Retrieval,
        chunk_tokens: dict[str, set[str]],
        known: Callable[[str], bool],
        groups: list[TermGroup],
    ) -> Candidate | bool:
        """For a part naming nothing its figure is of (「会合は全部で何回…」 after 「WGの座長は
        どなたで、」): the best unit stating the part's figure whose passage names most of
        what the whole ``question`` asks about; False when none does."""
        subjects = self.refusals.figure_subjects(term_groups(question, self.bm25.idf, self.lexicon, known), known, question)
        named = [g for g in subjects if not YEAR_TERM.fullmatch(g.term)]
        total = sum(g.weight for g in named)
        if total <= 0:
            return False
        found = {h.chunk.id for h in retrieval.hits}
        for c in sorted(self._score(pf, groups, retrieval, chunk_tokens, None), key=lambda c: -c.score):
            if c.hit.chunk.id not in found or not self._may_lead(c, pf):
                continue
            context = chunk_tokens[c.hit.chunk.id] | set(terms(c.hit.chunk.section)) | set(terms(c.hit.doc.title))
            if sum(g.weight * group_share(g, context) for g in named) / total < CONTEXT_SUBJECT_SHARE:
                continue
            if self.quantities.states(c, pf, None, names):
                return c
        return False

    def _answer_parts(
        self, question: str, chosen: list[Candidate], cands: list[Candidate], q: QuestionFrame
    ) -> list[Candidate]:
        """A compound question gets a unit for each part the lead does not answer, right
        after the lead (the lead is chosen for the whole; one part usually dominates it)."""
        parts = question_parts(question)
        if len(parts) < 2:
            return chosen
        lead = chosen[0]
        known = lambda term: self.bm25.document_frequency(term) > 0  # noqa: E731
        eligible = [c for c in cands if self._may_lead(c, q) and c.score >= PART_FLOOR * lead.score]
        picks: list[Candidate] = []
        for part in parts:
            groups = [g for g in term_groups(part, self.bm25.idf, self.lexicon, known) if g.topical]
            total = sum(g.weight for g in groups)
            if total <= 0 or not eligible:
                continue

            def share(c: Candidate, groups: list[TermGroup] = groups, total: float = total) -> float:
                tokens = set(terms(c.text))
                fact = c.hit.chunk.unit_at(c.start, c.end)
                if q.lang == "en" and fact is not None and fact.en:
                    tokens |= set(terms(fact.en))
                return sum(g.weight * group_share(g, tokens) for g in groups) / total

            taken = [lead, *picks]
            if any(share(x) >= PART_SHARE for x in taken):
                continue  # already answered
            best = max(eligible, key=lambda c: (share(c), c.score))
            if share(best) < PART_SHARE:
                continue
            if any(jaccard(char_bigrams(best.text), char_bigrams(x.text)) >= REDUNDANT for x in taken):
                continue
            picks.append(best)
        if not picks:
            return chosen
        rest = [c for c in chosen[1:] if not any(c is p for p in picks)]
        return [lead, *picks, *rest][: max(self.max_sentences, 1 + len(picks))]

    def _conflict(self, cands: list[Candidate], lead: Candidate) -> tuple[Candidate, Candidate] | None:
        """Two strong units from different sources giving different figures about the question."""
        best = lead.score
        strong = [
            c for c in cands[:12] if c.score >= 0.5 * best and has_number(c.text) and c.own >= CONFLICT_RELEVANCE
        ]
        for c in strong:
            # A note that itself reports two figures is shown only when it is about the
            # question: it is a whole answer on its own, not a side remark.
            if c.score >= SELF_CONFLICT_SHARE * best and figures(c.text).self_conflicting(c.text):
                return (c, c)
        for i, a in enumerate(strong):
            fa = figures(a.text)
            for b in strong[i + 1 :]:
                if set(a.origin) & set(b.origin):
                    continue
                same_topic = jaccard(_words(a.text), _words(b.text)) >= SAME_TOPIC
                if fa.conflicts_with(figures(b.text), same_topic):
                    return (a, b)
        return None

    @staticmethod
    def _conflict_refs(chosen: list[Candidate], pair: tuple[Candidate, Candidate] | None) -> tuple[int, ...]:
        if not pair:
            return ()
        return tuple(i for i, c in enumerate(chosen, start=1) if any(c is x for x in pair))

    # ------------------------------------------------------------------ refusing
    def _abstain(
        self,
        result: Answer,
        reason: str,
        groups: list[TermGroup],
        t0: float,
        tokens: set[str] | None = None,
        q: QuestionFrame | None = None,
        *,
        missing: list[str] | None = None,
    ) -> Answer:
        """The refusal card; ``missing``: what the reason names (else the key terms that
        ``tokens`` lack, or the unknown entities)."""
        lang = lang_of(result.lang)
        if missing is None and reason == "unknown_entity" and q is not None:
            missing = list(dict.fromkeys([*q.unknown_entities, *q.unknown_places, *q.unknown_institutions]))
        elif missing is None:
            missing = [g.term for g in groups if tokens is None or not group_found(g, tokens)]
        # Each phrase the question asked with is quoted on its own (「一番多く」「…銀行はどこ」).
        quoted = reason == "no_quantity"
        sep = ("」「" if quoted else "、") if lang == "ja" else ('", "' if quoted else ", ")
        detail = t(f"answer.abstain_reason.{reason}", lang, terms=sep.join(missing[:5]))
        return replace(
            result,
            text=t("answer.abstain", lang),
            abstain_reason=detail,
            abstained=True,
            timings_ms=result.timings_ms | {"answer": (time.perf_counter() - t0) * 1000},
        )




#: A question asking for a cause (why, 理由, what drove …), not an aim (狙い, "what was it trying
#: to achieve?": what a measure does answers that).
_ASKS_CAUSE = re.compile(
    r"なぜ|なんで|どうして|理由|原因|要因|きっかけ|\b(?:why|reasons?|reasoning|rationale)\b|\bwhat (?:drove|led to|caused|prompted|triggered)\b"
    r"|\bwhat(?:'s| is| was| were| are) driving\b|\bdrivers? (?:of|behind)\b",
    re.I,
)
#: Words that give a cause or an aim (「…ため」, 「…ので」, 「…を目的に」, "because", "in order
#: to") or name an obstacle (課題, 「リスクが大きい」): a unit saying none of them, in its text or
#: its English rendering, gives no reason; a close unit saying one leads a why-question.
#: (Stricter than the why-intent's ranking cues: リスク of リスク補償基金 names a fund, 「30万円を
#: 負担」 a payment. A refusal needs a unit that says none of these, of
#: :data:`_MAY_GIVE_REASON` nor of the cues: :func:`_says_only_what_happened`.)
_GIVES_REASON = re.compile(
    r"課題|問題|難し|論点|懸念|障壁|ハードル|リスク(?:が|は|も)(?:大き|高|あ)|リスクの(?:高|大)|負担(?:が|は|に(?:な|感))|"
    r"理由|ため|ことから|(?<=[ぁ-ん])から(?=[、。]|だ|で(?:す|ある))|ので(?![ぁ-ん])|目的|狙い|ねらい|背景|原因|きっかけ|"
    r"趣旨|を受けて|を踏まえ|観点から|防ぐ|防止|\b(?:because|due to|in order to|so that|so as to|aims?|aimed|purpose|reasons?|"
    r"as a result|result(?:s|ed)? from|caused|owing to|given that|intended to|meant to|designed to|to prevent|background)\b",
    re.I,
)


#: Words that may give a cause in other ways (「…により」, 「…ことで」, 「…が必要」, "since",
#: "led to"): a unit stating figures or dates with one of them may still say why.
_MAY_GIVE_REASON = re.compile(
    r"により|による|によって|ことで|期待|必要|ように|受け(?:て|、)|踏まえ|動機|"
    # (in lower case: "Promotion" of the IP Finance Promotion Project names it)
    r"\b(?:since|led to|cause[sd]?|help(?:s|ed)?|encourag\w*|(?-i:promot\w*)|driven by|thanks to|amid)\b",
    re.I,
)


#: A make-up asked (「業態別の内訳」, 「何人ずつ」, "broken down by type").
_MAKE_UP_ASKED = re.compile(r"内訳|[一-龥]{2}別に|ずつ|\bbreak(?:down| down)\b|\bby (?:type|kind|category)\b", re.I)
#: A make-up stated after a whole (「…37件を採択した。内訳は…」, 「…のうち」, 「…ずつ」).
_MAKE_UP_SAID = re.compile(r"内訳|うち|ずつ|[一-龥ァ-ヶー]{1,8}\d+[、・,，][一-龥ァ-ヶー]{1,8}\d+")


def _make_up_unsaid(lead: Candidate, asked: str) -> str | None:
    """The whole a question states and asks the make-up of (「採択された61機関について、…
    業態別の内訳」, 「職員134人について、…何人ずつ」) when the lead does not give that whole's
    make-up: it names no such figure, or none after it. None when no make-up of a stated
    whole is asked, or the lead gives it."""
    if not _MAKE_UP_ASKED.search(asked):
        return None
    wholes = [f"{n}{u}" for n, u in figures(asked).amounts if u in COUNT_UNITS]
    if not wholes:
        return None
    for whole in wholes:
        at = lead.text.find(whole)
        if at >= 0 and _MAKE_UP_SAID.search(lead.text[at + len(whole) :]):
            return None
    return wholes[0]


def _gives_reason(cand: Candidate) -> bool:
    """Whether a unit, or its English rendering, gives a cause or an aim, or names an obstacle
    (「…法的リスクが大きいと指摘」, 「…コストが…課題とされた」)."""
    return bool(_GIVES_REASON.search(f"{cand.text} {cand.unit().en or ''}"))


def _no_reason_word(cand: Candidate, cues: re.Pattern[str] | None) -> bool:
    """No word of the unit, or of its English rendering, gives or may give a reason (the
    why-intent's ``cues`` included)."""
    text = f"{cand.text} {cand.unit().en or ''}"
    return not (_GIVES_REASON.search(text) or _MAY_GIVE_REASON.search(text) or (cues and cues.search(cand.text)))


def _says_only_what_happened(cand: Candidate, cues: re.Pattern[str] | None) -> bool:
    """A unit stating figures or dates (6 of 81 lots sold, the 施行日) with no word that gives,
    or may give, a reason: it says what happened, not why."""
    return _no_reason_word(cand, cues) and (has_number(cand.text) or has_date(cand.text))


def _without(text: str, start: int, end: int, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """``text[start:end]`` less the ``spans`` that overlap it, as trimmed pieces (each still
    verbatim in ``text``): the sentences of a unit around an instruction-like one."""
    pieces: list[tuple[int, int]] = []
    at = start
    for a, b in sorted(spans):
        if b <= at or a >= end:
            continue
        if a > at:
            pieces.append((at, a))
        at = max(at, b)
    if at < end:
        pieces.append((at, end))
    trimmed = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed
