"""The focus of a question: the one thing it asks for, by where it stands next to its
question word (「どの課」, 「担当者の名前は」, 「申立書には何を」, "which court", "what training
must …"), and whether the retrieved passages name it. The passages may treat the topic
and still not name the thing asked: then no quote answers it."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.evidence import TermGroup, group_share
from assistant.answer.parts import asking_sentences
from assistant.text.ja import content_terms, synonym_said, tokenize

#: What a question asks for, by where it stands (its focus): 「どの課」, 「担当者の名前は」,
#: 「申立書には何を」, 「説明会はどこで開かれ」, 「予約が必要ですか」, 「有効期限ってある？」,
#: 「添付書類を教えて」; "which department", "what training must", "what is the fee for",
#: "how do I file an objection", "is there a penalty", "do I need a licence".
NOUN = r"[一-龥ァ-ヶー]"  # a noun character: kanji or katakana
#: How a request may say how it wants to be told (「…を具体的に教えてください」).
_HOW_TOLD = r"(?:具体的に|詳しく|くわしく|詳細に|簡単に|ざっくり)?"
_FOCUS_JA = (
    # a court's ruling asked for (「判決とかでてたら教えて」, 「判例はありますか」)
    re.compile(r"(判決|判例|裁判例)(?:は|って|が|とか|も|など)?(?:もう|すでに|既に)?(?:出|で|あ|ある|有)"),
    re.compile(rf"(?:どの|どちらの|どっちの|どこの)(?!程度|くらい|ぐらい|位|よう)({NOUN}+)"),
    re.compile(rf"({NOUN}{{2,}})を{_HOW_TOLD}(?:お?教え|知りたい|ご教示)"),
    # the first of things asked together (「開催会場と基調講演を行った方をお教えください」)
    re.compile(rf"({NOUN}{{2,}})(?:と|や|および|及び)[^。？?、]{{0,20}}?を{_HOW_TOLD}(?:お?教え|知りたい|ご教示)"),
    re.compile(rf"({NOUN}{{2,}})(?:は|って|とか|なんか|も)(?:ある|あります|あり)(?:の|ん|ますか|か)?(?:\?|？|。|$)"),
    # (「申込書の様式ってなんて名前のやつ？」 asks the form's name)
    re.compile(rf"({NOUN}{{2,}})(?:は|って|の|には|に)、?(?:なんて|何て|なんという|何という)?(?:誰|だれ|どなた|名前|名称|連絡先)"),
    re.compile(rf"({NOUN}{{2,}})(?:に|には|で|では)(?:何|なに)(?:を|が)"),
    re.compile(rf"({NOUN}{{2,}})(?:は|って)(?:どこ|いつ)(?:で|に|から)?(?:開|行|受|申|ダウンロード|入手|もら)"),
    # the two things compared (「部分保証方式と負担金方式、…両者の違いを教えて」): each must be named
    re.compile(rf"({NOUN}{{3,}})と{NOUN}{{3,}}(?:の|、|は|って)[^。？?]{{0,40}}?(?:違い|差異|比較|どちらを|どっちを)"),
    re.compile(rf"{NOUN}{{3,}}と({NOUN}{{3,}})(?:の|、|は|って)[^。？?]{{0,40}}?(?:違い|差異|比較|どちらを|どっちを)"),
    # where a thing is (「事務局はどこに置かれて」, 「開催場所はどこでしたか」)
    re.compile(rf"({NOUN}{{2,}})(?:は|って)どこ(?:に(?:置|設)|で(?:した|す|だっ))"),
    # (with what it is of: 「株主総会の決議は必要ですか」 asks for a shareholders' resolution)
    # (casually without a particle: 「株主総会の決議いるの？」)
    # (「…特別決議いるんだっけ？」「…って要るんですか」: asked casually)
    re.compile(rf"((?:{NOUN}{{2,}}の)?{NOUN}{{2,}})(?:が|は|って)?(?:必要|いる|要る|いります|要ります)(?:ですか|か|\?|？|の|んだっけ|んですか|っけ)"),
    # how something is done, named after どのように / どうやって (「どのように選定されて」)
    re.compile(rf"(?:どのように|どうやって)({NOUN}{{2,}})(?:され|して|する|し)"),
    # the means of a procedure (「オンラインで申請できますか」)
    re.compile(rf"({NOUN}{{2,}})で(?:申請|提出|申し込|手続|登記|閲覧)(?:でき|可能|する|し)"),
    # the means, after what is done (「登記はオンラインでできますか」, 「申請は郵送でも可能？」)
    re.compile(rf"(?:は|って)({NOUN}{{2,}})で(?:も)?(?:でき|可能|行え|受け付け|受付)"),
    # what must be done with what (「決議の写しを求める必要がありますか」)
    re.compile(rf"({NOUN}{{2,}})を[^、。？?]{{0,10}}?必要が(?:あり|ある)"),
    # how a named thing is done (「管財人の報酬はどのように算定」, 「報酬は、どのような基準で
    # 決まる」)
    re.compile(rf"({NOUN}{{2,}})は、?(?:どのように|どうやって)"),
    re.compile(rf"({NOUN}{{2,}})(?:は|って)、?(?:どのような|どんな|どういう)(?:基準|方法|手順|ルール|やり方|計算)"),
    # what a named thing is like, asked as it stands (「添付書類と申請書様式はどうなっていますか」;
    # not the casual 「どうなるの？」 of what happens)
    re.compile(rf"({NOUN}{{2,}})(?:(?:と|や){NOUN}{{2,}})?(?:は|って)、?どう(?:なって(?:い)?ますか|なっていますでしょうか|なっているのでしょうか)"),
    # when something may be done (「解除できるのはどのような場合」)
    re.compile(rf"({NOUN}{{2,}})(?:でき|され|す|し)(?:る|た)の?は(?:どのような|どんな|どういう)(?:場合|とき|時|条件)"),
    # whether something happened (「目標は達成されたのですか」)
    re.compile(rf"({NOUN}{{2,}})(?:された|されました|した|しました)(?:の|ん)(?:ですか|でしょうか|か|\?|？)"),
    # how an event came about (「…が2020年度まで延長された経緯」「廃止した理由」): the event
    re.compile(rf"({NOUN}{{2,}})(?:され|し|になっ|となっ)た(?:の)?(?:経緯|理由|背景|いきさつ|きっかけ)"),
    # what is required as something (「添付書面として何が求められるか」)
    re.compile(rf"({NOUN}{{2,}})として(?:何|なに|どんな|どのような)(?:もの)?(?:が|を)"),
    # what gets cheaper or dearer (「…にしておくと相続税とか贈与税が安くなったりする？」)
    re.compile(rf"({NOUN}{{2,}})(?:とか|や|が|は|って|も)[^。？?、]{{0,12}}?(?:安く|高く|少なく|多く)(?:なる|なったり|なります|なりますか|なるの)"),
    # the kind asked for (「どんな資格の人」, 「どんな書類が」)
    re.compile(rf"どんな({NOUN}{{2,}})"),
    # what is provided for (「経過措置は設けられていますか」)
    re.compile(rf"({NOUN}{{2,}})(?:は|って|が|も)(?:設けられ|定められ|用意され|整備され|規定され|課され)(?:てい|ており)?(?:ますか|ますでしょうか|る\?|る？|るの|ていますか)"),
    # what a named thing's part is (「…プログラムの数値目標は何ですか」, 「…の登録要件は？」;
    # frame words such as 目的 or 内容 are left to the passages' wording, NOT_FOCUS_JA)
    re.compile(rf"{NOUN}の({NOUN}{{2,}})(?:は|って)(?:何|なに|どんな|どのような|どういう)(?:もの)?(?:ですか|でしょうか|か|\?|？|$)"),
    # a list asked for (「調査会社の一覧はどこで」, 「名簿はありますか」)
    re.compile(r"(一覧|リスト|名簿)(?:表)?(?:は|って|を|が|で|に|\?|？|$)"),
    # what a figure is of (「報酬の相場ってどのくらい」, 「登録料はいくら」; not who bore it,
    # 「特許庁はどの程度の費用を負担」, when what it is of follows; 「どの程度の水準」 is how)
    re.compile(
        rf"({NOUN}{{2,}}|{NOUN}+[りし])(?:の(?:相場|目安|平均|水準))?(?:は|って|が)、?(?:{NOUN}{{1,4}}で)?"
        rf"(?:いくら|どの(?:くらい|ぐらい|程度)|どれ(?:くらい|ぐらい|ほど)|どんくらい)(?!の(?!水準|目安|相場|規模|金額|額))"
    ),
)
#: Words that name no thing when they stand alone (「考慮すべき事項」), though a compound
#: ending in them does (「登記事項」 is what a registration records).
_VAGUE_ALONE = frozenset({"事項", "点"})
#: Japanese words those patterns catch that name no thing of their own: the figure's frame
#: (金額, 規模: what it is of is said elsewhere) and kinds every passage is (制度, もの).
NOT_FOCUS_JA = frozenset({
    "金額", "件数", "規模", "割合", "比率", "総額", "人数", "数字", "数値", "期間", "時間", "日数", "額", "本数", "社数",
    # (a count of a thing, 「指標数」: the thing named with a number answers, 「14の二級指標」)
    "数",
    # (how precisely or at what level: 「概数」「どの水準」 ask the figure, whatever it is called)
    "水準", "概数", "概算", "レベル",
    "制度", "仕組み", "感じ", "場合", "場面", "局面", "ケース", "とき", "もの", "こと", "ツール", "道具",
    # what a thing is said to be in other words (「…の目的は何ですか」 is answered by 「…ため」)
    "目的", "内容", "意味", "概要", "特徴", "違い", "理由", "背景", "役割", "狙い", "趣旨", "意義",
    "経緯", "いきさつ", "きっかけ", "由来",
    "課題", "問題", "問題点", "論点", "ポイント", "メリット", "デメリット", "利点", "効果", "影響",
    "定義", "対象", "範囲", "中身", "結論", "方針", "考え方", "位置づけ", "位置付け", "仕組", "流れ",
    "整理", "扱い", "取扱い", "取り扱い", "解釈",
    # (a summary asked for: 「…の要点を教えてください」「骨子は？」 asks what the passages say)
    "要点", "要旨", "骨子", "概略", "大枠", "全体像", "要約", "まとめ", "あらまし", "エッセンス",
    # how a document puts it (「どのように表現されていますか」「どう記載されて」): asks what it says
    "表現", "記載", "記述", "言及",
    # a requirement met (「対抗要件をどのように具備する」): the act is the requirement's, named before
    "具備", "充足",
    # what is to be weighed or watched (「留意点」「考慮事項」): said by the sentence saying it
    "留意点", "注意点", "留意事項", "注意事項", "考慮事項",
    "テーマ", "議題", "話題",
    # the kinds a thing is divided into (「一級指標の区分」): said by listing them
    "区分", "分類", "内訳", "種類", "類型",
    # a date asked for (「政令の制定日」): a sentence dating it answers, whatever it calls the day
    "制定日", "公布日", "施行日", "成立日", "公表日", "発表日", "提出日", "決定日", "締切日", "日付", "タイミング", "時期",
    # a name asked for (「正式名称を教えて」): a sentence giving the name answers, whatever it calls it
    "名称", "正式名称", "正式名", "名前", "呼び名", "通称",
    # (…and a person's name and where they work, 「座長の氏名と所属」: a sentence naming them
    # with their body, 「神田秀樹(学習院大学…)」, answers)
    "氏名", "所属", "肩書", "肩書き", "役職",
    # (…and an organisation's name, 「金融機関名を教えて」: a sentence naming it answers)
    "金融機関名", "機関名", "銀行名", "企業名", "会社名", "団体名", "社名",
    # a number asked for (「規格番号と施行日を教えて」): the sentence giving it (GB/T 42748-2023)
    # answers, whatever it calls the number
    "番号", "規格番号", "法律番号", "法令番号",
    # the article a rule stands on (「根拠条文を教えて」): answered by the sentence citing it
    # (法157条), when a passage cites one (_ARTICLE_FOCI)
    "条文", "根拠条文", "根拠規定", "根拠条項", "該当条文",
    # a group of a kind (「どこの銀行グループ」): named by its members' kind and names
    "グループ", "系列",
    # a plan or outlook asked (「…予定とかあるん？」): judged by :mod:`assistant.answer.judgements`
    "予定", "見込み", "見通し",
})
#: Foci asking for the article a rule stands on: a passage citing an article (法157条) names one.
#: English words asking for a law or one of its articles ("which statute allows …", "which
#: provision governs it"): named by a passage naming a law (動産債権譲渡特例法, 専利権質押登記
#: 弁法, "the Lanham Act") or citing an article (法157条, "Article 7").
_LAW_FOCI = frozenset(
    {"statute", "statutes", "law", "laws", "legislation", "act", "provision", "provisions", "article", "articles", "regulation", "regulations"}
)
_NAMES_LAW = re.compile(r"[一-龥ァ-ヶー]{2,20}(?:法|弁法|規則|条例)(?![人案])|\b[A-Z][A-Za-z]+ (?:Act|Law|Code)\b")
_ARTICLE_FOCI = re.compile(r"(?:根拠|該当)?(?:条文|条項|規定)")
_CITES_ARTICLE = re.compile(r"\d+条|\bArticle \d+", re.I)  # fmt: skip
#: The last word of a focus that says what kind of thing it is (申込書: a form, 担当者: a
#: person): a passage names the focus only with that word, not with the act alone (申請).
_KIND_HEADS = frozenset({"書", "書類", "者", "人", "先", "証"})
#: A focus that is a number asked ("standard number", "reference code").
_NUMBER_FOCUS = re.compile(r"\b(?:number|numbers|code|codes)$", re.I)
_FOCUS_EN = (
    re.compile(r"\bwhat ([a-z]+) (?:must|should|do|does|did|is|are|will|can)\b", re.I),
    # (after a name: "which Japanese banks"; not a relative clause: "the study, which looked at …")
    re.compile(r"(?<!,)(?<!, )\b[Ww]hich (?:[A-Z][a-z]+ )?([a-z]+)\b"),
    re.compile(r"\bwhat (?:is|are) the ((?:[a-z]+ )?[a-z]+) (?:of|for)\b", re.I),
    re.compile(r"\bhow (?:do|can|should) (?:i|we) [a-z]+ (?:an? |the )?([a-z]+)\b", re.I),
    # (not "how many are there nationwide": a count, not whether a thing exists)
    # (after a word saying only how it is set: "is there a statutory floor" asks a floor)
    re.compile(
        r"(?<!many )(?<!much )\b(?:is there|are there) (?:an? |any )?"
        r"(?:(?:statutory|legal|mandatory|formal|fixed|set|specific|particular|standard) )?([a-z]+)\b",
        re.I,
    ),
    re.compile(r"\bdo (?:i|we) need (?:an? |any )?([a-z]+)\b", re.I),
    # a sanction asked for ("What's the criminal penalty …?")
    re.compile(r"\bwhat(?:'s| is| are| would be)? (?:the )?(?:[a-z-]+ )?(penalty|penalties|sanctions?|punishment)\b", re.I),
    # what a party does ("Who audits the …?"): the passages must say it of someone
    re.compile(r"\bwho ([a-z]{3,}(?:s|ed)) (?:the|a|an|its|their)\b", re.I),
    # how a thing is handled ("How is a dispute … resolved?"); not a thing split ("how is
    # liability split …?" asks the shares, which the figure checks judge)
    re.compile(
        r"\bhow (?:is|are|was|were) (?:an? |the |any )?([a-z]+)\b(?! (?:split|shared|divided|allocated|apportioned|spread)\b)", re.I
    ),
    # what a party does, after "if" ("if the borrower merges with …")
    re.compile(r"\bif (?:the |a |an |its )?[a-z]+ ([a-z]{3,}s) (?:with|into|its|another|the|a|an)\b", re.I),
    # whether something has happened yet ("Has any court case been decided …?")
    re.compile(
        r"\b(?:has|have) (?:any|an?|the) ((?:[a-z]+ )?[a-z]+) (?:been|yet been) "
        r"(?:decided|filed|brought|heard|ruled|settled|reported|recorded|published|issued)\b",
        re.I,
    ),
    # (…or a court's ruling issued: "Has any Japanese court issued a ruling …?", "has any
    # district court issued a decision commencing …")
    re.compile(
        r"\b(?:has|have|did) (?:any|an?|the) (?:[a-z]+ )?courts? (?:yet |already |ever )?(?:issued|handed down|made|given|delivered) (?:an? |any )?"
        r"(rulings?|decisions?|judg(?:e)?ments?)\b",
        re.I,
    ),
    # what rule or treatment applies ("What penalty applies if …", "What capital adequacy
    # treatment applies to …")
    re.compile(r"\bwhat ((?:[a-z]+ ){0,2}[a-z]+) (?:applies|apply|exists|exist)\b", re.I),
    # a role asked for with a qualifier ("who was the vice chair?", "who is the deputy head?"):
    # the passages must name that role, not only the plain one (chair)
    re.compile(r"\bwho (?:is|was|are|were) (?:the |its |their )?((?:vice|deputy|acting|assistant|co|joint|honorary)[- ][a-z]+)\b", re.I),
    # (…or asked after the plain one: "and the deputy chair?")
    re.compile(r"^\W*(?:and|what about|how about)\s+(?:the |its |their )?((?:vice|deputy|acting|assistant|co|joint|honorary)[- ][a-z]+)\b", re.I),
    # a list asked for ("a list of approved valuation firms", "a register of …")
    re.compile(r"\b(list|register|directory|roster)s? of\b", re.I),
    # what a body published ("Did the FSA publish any enforcement statistics …?")
    re.compile(
        r"\b(?:did|has|have) (?:the )?[A-Za-z]+ (?:publish|release|issue|announce|disclose|report)(?:ed)? "
        r"(?:any |an? |the )?(?:[a-z]+ )?([a-z]+)\b(?= (?:for|on|about|in|of|by|from)\b|\s*\?)",
        re.I,
    ),
)
#: English words naming a kind of figure ("what percentage does the guarantee corporation
#: cover?"): the figure checks judge it, and a passage states 80% without saying "percentage".
_FIGURE_WORDS = frozenset({"percentage", "percent", "rate", "rates", "share", "proportion", "ratio", "amount", "figure", "total"})
#: Words those English patterns catch that name no thing ("what does …", "which kind of").
NOT_FOCUS = _FIGURE_WORDS | frozenset({
    "does", "do", "is", "are", "did", "will", "can", "must", "should", "has", "have", "was", "were",
    "kind", "kinds", "sort", "type", "types", "category", "categories", "happens", "happen", "exactly", "actually", "really",
    # where or when, not what ("how many are there nationwide", "is there now …")
    "nationwide", "now", "still", "currently", "today", "yet", "already", "here", "there",
    # (…or fillers: "how many of those are there anyway")
    "anyway", "anyways", "anyhow", "though", "altogether", "overall", "roughly", "approximately",
    "the", "it", "this", "that", "for", "to", "up", "in", "about", "use", "apply", "one", "ones", "of",
    # frame nouns: what is asked about them is said in other words (目的, 違い, 背景 …)
    "role", "purpose", "meaning", "difference", "point", "status", "situation", "scope", "size",
    "definition", "reason", "process", "procedure", "way", "ways", "aim", "goal", "background",
    "impact", "effect", "benefit", "benefits", "advantage", "advantages", "idea", "name", "problem",
    "duty", "duties", "responsibility", "responsibilities", "power", "powers", "right", "rights",
    "task", "tasks", "function", "functions", "step", "steps", "option", "options", "rule", "rules",
    "feature", "features", "risk", "risks", "issue", "issues", "problems", "factor", "factors",
    "condition", "conditions", "requirement", "requirements", "measure", "measures", "change", "changes",
    # (a reason in other words: "what rationale did the FSA give")
    "rationale", "rationales", "reasoning", "justification", "motivation", "basis",
    "topic", "topics", "theme", "themes", "subject", "subjects", "agenda", "content", "contents",
    # any thing at all ("is there something similar", "any protection for the lender")
    "something", "anything", "similar", "protection", "protections",
    # (…or anyone, or one more of it: "do i need somebodys ok", "is there another step")
    "somebody", "somebodys", "someone", "someones", "anybody", "anybodys", "anyone", "anyones",
    "another", "other", "others", "further", "extra",
    # (…or whose it is: "is there any govt thing where mentors help startups")
    "govt", "gov", "government", "official", "public",
    "gets", "got", "uses", "used", "makes", "made", "takes", "took", "needs", "wants",
    # verbs of what happens to anyone ("if the company goes bankrupt", "if the borrower fails")
    "goes", "becomes", "fails", "stops", "runs", "decides", "tries", "owes", "misses", "defaults",
    # (…or ordinary acts of a party, which passages tell in their own words, 申請, 登録: "if
    # the bank files the patent pledge online")
    "files", "applies", "submits", "registers", "pays", "sells", "buys", "borrows", "lends", "repays",
    "signs", "offers", "grants", "pledges", "transfers", "owns", "holds",
    # (who bears a loss, said as eating it: "does the bank still eat some of the loss")
    "eat", "eats", "eating", "ate",
    # (…or the light verbs of an act named after them: "who performs the valuation" asks who
    # values, which the passages say as 評価)
    "performs", "performed", "conducts", "conducted", "handles", "handled", "carries", "undertakes",
    "cannot", "loses", "data", "information", "figures",
    # any party at all ("which entities can act as …"): who is asked, not a thing named
    "entity", "entities", "party", "parties", "body", "bodies", "organization", "organizations",
    "organisation", "organisations", "person", "persons", "people", "players", "outfit", "outfits",
    # (…or which public body: "which authority approved it" is answered by naming one)
    "authority", "authorities", "agency", "agencies", "regulator", "regulators", "ministry", "ministries",
    # what kind of answer is asked ("From what date did …", "the designation of …"): a date
    # or a name, which the passages give in other words
    "date", "dates", "year", "years", "month", "day", "designation", "title",
    # (…or a length of time, which the figure checks judge: "what is the turnaround time for …")
    "turnaround time", "processing time", "lead time", "waiting time", "time",
    # …or a figure (_FIGURE_WORDS), and these words for a part or a count
    "fraction", "portion", "number",
    # a case of what follows ("Are there examples of banks lending against patents?"), as
    # 事例 is: the passages tell cases without calling them so
    "example", "examples", "instance", "instances",
    # …or a comparison made ("what comparison did the DG use"): the sentence making it
    # (「…より大きい」) says it without the word
    "comparison", "comparisons", "analogy", "analogies", "metaphor",
})  # fmt: skip
#: A focus ending in a word for a kind of figure asks a figure, however qualified ("the
#: standard split", "the exact percentage").
_FIGURE_FOCUS = _FIGURE_WORDS | {
    "split", "splits", "breakdown", "minimum", "maximum", "floor", "ceiling", "cap", "limit", "size", "sum", "scale", "volume",
}

#: English foci a passage names only as "a list of" ("listed" companies, "it lists" name no list).
_OF_WORD = frozenset({"list", "register", "directory", "roster"})


#: A court decision asked for ("which court decision / case / ruling …?").
_CASE_FOCUS = re.compile(r"courts?|cases?|decisions?|rulings?|judg(?:e)?ments?|precedents?|判決|判例|裁判例", re.I)
#: A case cited (「In re Peregrine Entertainment, 116 B.R. 194」, "Smith v. Jones", 最判…).
#: A question asking which court decision is cited or decided a point.
ASKS_CASE = re.compile(
    r"\b(?:which|what) (?:court |leading |key )?(?:case|decision|ruling|precedent|judg(?:e)?ment)s?\b|どの判例|どんな判例|判例(?:は|って|を)|裁判例",
    re.I,
)
CITES_CASE = re.compile(r"\bIn re [A-Z]|\b[A-Z][A-Za-z.&]+ v\. [A-Z]|\b\d+ (?:B\.R\.|F\.(?:2d|3d|4th)|F\. Supp|U\.S\.) \d|最判|最高裁")


#: 「感」 after a noun (「規模感」「金額感」): a rough sense of what the noun names.
_ROUGH = re.compile(r"(?<=[一-龥ァ-ヶー]{2})感$")


def _said_otherwise(focus: str, tokens: set[str], texts: list[str]) -> bool:
    """The passages say ``focus``, a Japanese word or compound, with its last noun in a word
    of the same meaning (Sudachi's synonym groups) and its other words as they are: 引当手法
    by 引当の方法."""
    # (every word a noun: 長 of 本部長 says which office, and has no word of the same meaning)
    words = tokenize(focus)
    nouns = [t.surface for t in words if t.pos == "名詞"]
    if not nouns or len(nouns) < len(words):
        return False
    *before, last = nouns
    return all(w in tokens for noun in before for w in content_terms(noun)) and synonym_said(last, texts)


def unnamed_focus(
    question: str,
    groups: list[TermGroup],
    tokens: set[str],
    texts: list[str],
    passages: list[set[str]] | None = None,
) -> list[str]:
    """What the question asks for, by where it stands (「どの課」, 「担当者の名前は」,
    「申立書には何を書けば」, "what training must …", "is there a penalty …"), when no
    retrieved passage names it: the passages are about the topic, but not about the thing
    asked, so no quote answers it. ``tokens``: the passages' terms; ``texts``: their text
    and English renderings (for an English word the glossary cannot put in Japanese), and the
    questions their units are annotated to answer; ``passages``: each passage's terms (a
    compound focus is named within one of them). Only the focus is checked: other words may
    be casual or said otherwise."""
    found_in = " ".join(texts).lower()
    # a focus ends with a noun as the question is read (見直 of 「見直されたの？」 is a verb)
    nouns = {t.surface for t in tokenize(question) if t.pos in ("名詞", "接尾辞")}
    asking = asking_sentences(question)  # not the asker's case told before (「…のリストが強みです。」)
    # what each Japanese pattern catches, and whether a number stands right before it
    # (「規模感」「金額感」: a rough sense of a thing asks the thing)
    caught = [
        (_ROUGH.sub("", m.group(1)), asking[max(0, m.start(1) - 1) : m.start(1)].isdigit()) for p in _FOCUS_JA for m in p.finditer(asking)
    ]
    foci = [
        f
        for f, after_number in caught
        # (「第5回会合では何が」: 回会合 after a number is an occasion, not a thing asked)
        if not after_number
        and f not in NOT_FOCUS_JA and f not in _VAGUE_ALONE and any(f.endswith(n) for n in nouns) and not f.endswith("以外")
        # (「業態別内訳」「年度別の推移」: the kinds a thing is divided by, then one of those words)
        and not any(re.search(rf"別(?:の)?{re.escape(w)}$", f) for w in NOT_FOCUS_JA)
        # (「あれって本来はいくら」: a noun said as an adverb, 本来 or 実際, names no thing)
        and not adverbial(f)
    ]
    foci += [
        w.lower()
        for p in _FOCUS_EN
        for m in p.finditer(asking)
        # (a number asked, "the standard number of …", is a figure the figure checks judge)
        if (w := m.group(1)).lower() not in NOT_FOCUS and not _NUMBER_FOCUS.search(w)
        # ("the standard split": a kind of figure, however qualified)
        and w.split()[-1].lower() not in _FIGURE_FOCUS
    ]
    missing = []
    articles = [f for f, _ in caught if _ARTICLE_FOCI.fullmatch(f)]
    if articles:
        # 「…の根拠条文は？」: a passage citing an article that names what the question is most
        # about (its rarest key term: 換価, IPAS)
        topic = max(
            (g for g in groups if g.topical and g.term and not _ARTICLE_FOCI.search(g.term)), key=lambda g: g.weight, default=None
        )
        if not any(_CITES_ARTICLE.search(text) and (topic is None or topic.term.lower() in text.lower()) for text in texts):
            missing.append(articles[0])
    for focus in dict.fromkeys(foci):
        if focus in _LAW_FOCI and any(_NAMES_LAW.search(text) or _CITES_ARTICLE.search(text) for text in texts):
            continue  # "which statute / provision …": a passage naming a law or citing an article names one
        if _CASE_FOCUS.fullmatch(focus) and any(CITES_CASE.search(text) for text in texts):
            continue  # "which court decision …?": a passage citing a case (In re Peregrine …) names one
        if (said_by := _SAID_BY_NAME.get(focus)) and any(said_by.search(text) for text in texts):
            continue  # 「どの部署の…」: a passage naming a division (監督局総務課) names one
        named = [g for g in groups if g.term and (g.term in focus or focus in g.term.lower())]
        # the focus as a whole, when it is a key term: 開催 named is no 開催会場 named
        named = [g for g in named if g.term == focus] or named
        if focus.isascii() and " " in focus:
            # "court case": a passage on the court names no case; the glossary's whole phrase may
            named = [g for g in named if g.term.lower() == focus]
        words = content_terms(focus)
        if len(words) > 1 and words[-1] in _KIND_HEADS:
            # 「申込書」 is not named by a passage that only says 申請
            named = [replace(g, alternatives=tuple(a for a in g.alternatives if words[-1] in a)) for g in named]
        stem = rf"\b{focus}s? of\b" if focus in _OF_WORD else rf"\b{re.escape(_english_stem(focus))}"
        if focus.isascii() and re.search(stem, found_in):
            continue  # an English word the passages' renderings use
        # 「株主総会の決議」: every part of a focus named with what it is of (附帯決議 is none);
        # each named within one passage (本部 in one and 長 in another name no 本部長), unless
        # it ends in a frame word: 負担割合 is a share a passage may call 分担 … 割合 (its
        # parts need only be somewhere among the passages)
        found = all if "の" in focus else any
        framed = bool(words) and words[-1] in NOT_FOCUS_JA
        together = passages is not None and not framed
        if framed and all(w in _HOW_TOTALLED for w in words[:-1]):
            continue  # 「累計本数」: a figure word and how it is totalled, naming no thing
        if framed and words[-1] in _TIME_FRAMES and _activities(focus[: -len(words[-1])]):
            # 「関与期間」: how long an activity went on, which a passage tells with its own verb
            # (「約5年にわたって関わり」); the figure checks judge the length or the date
            continue
        if framed:
            # the frame word and how it is totalled need not be said (融資総額 is met by 融資
            # and its 金額; 累計発行本数 by 発行 and its 151本)
            named = [replace(g, alternatives=_unframed(g.alternatives, words[-1])) for g in named]
        if named and found(_named(g, tokens, texts, passages if together else None) for g in named):
            continue
        if not named and (not words or all(w in tokens for w in words)):
            continue
        if _said_otherwise(focus, tokens, texts):
            continue  # 「手法の数」: a passage on 引当の方法 names it in a word of the same meaning
        missing.append(focus)
    return missing


def adverbial(word: str) -> bool:
    """``word`` is one noun used as an adverb (本来, 通常, 実際: 副詞可能)."""
    tokens = tokenize(word)
    return len(tokens) == 1 and tokens[0].pos == "名詞" and tokens[0].pos3 == "副詞可能"



def _english_stem(word: str) -> str:
    """What an English focus is written with in any of its forms: "insured" as "insur"
    (insurance, insurers), "audits" as "audit"; a plural's "s" dropped."""
    if word.isascii() and " " not in word and len(word) >= 6 and word.endswith("ed"):
        return word[:-2].rstrip("e") if not word.endswith("eed") else word[:-2]
    return word.rstrip("s")


#: How a figure is totalled (累計, 延べ): no thing a passage must name.
_HOW_TOTALLED = frozenset({"累計", "累積", "合計", "延べ"})
#: Kinds a question asks for that a passage says only by a name of one (部署 by 総務課).
_DIVISION = re.compile(r"[一-龥ァ-ヶー]{1,10}(?:課|局|室|部)(?![一-龥ァ-ヶー])")
_SAID_BY_NAME = {"部署": _DIVISION, "部局": _DIVISION, "担当部署": _DIVISION}
#: Frame words for the time of an activity (「関与期間」「参加時期」).
_TIME_FRAMES = frozenset({"期間", "時期", "年数", "日数", "時間"})


def _activities(text: str) -> bool:
    """``text`` is only nouns of actions (関与, 参加: サ変可能), no thing."""
    tokens = tokenize(text)
    return bool(tokens) and all(t.pos == "名詞" and t.pos3 == "サ変可能" for t in tokens)


def _unframed(alternatives: tuple[tuple[str, ...], ...], frame: str) -> tuple[tuple[str, ...], ...]:
    """``alternatives`` without the frame word and the words saying how it is totalled (each
    alternative left as it was when nothing else is left)."""
    out = []
    for alt in alternatives:
        rest = tuple(t for t in alt if t != frame and t not in _HOW_TOTALLED)
        out.append(rest or alt)
    return tuple(out)


def _named(group: TermGroup, tokens: set[str], texts: list[str], passages: list[set[str]] | None) -> bool:
    """The passages name every part of one of the group's alternatives; given ``passages``
    (each passage's terms), a compound within one of them, each one-character part written
    after the word it follows in some text (本部長, not 本部 … 長)."""
    for alt in group.alternatives:
        one = replace(group, alternatives=(alt,))
        if passages is None or len(alt) == 1:
            if group_share(one, tokens) == 1.0:
                return True
        elif any(all(t in p for t in alt) for p in passages) and any(
            group_share(one, tokens, text) == 1.0
            # (as written, too: 浦東型 is read ホトウ + 型, which no text spells)
            and (group.term in text or all(alt[k - 1] + alt[k] in text for k in range(1, len(alt)) if len(alt[k]) == 1))
            for text in texts
        ):
            return True  # (財務局 is not named by 財務状況 in one text and 事務局 in another)
    return False
