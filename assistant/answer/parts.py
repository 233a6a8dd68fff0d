"""The parts of a compound question.

Bank staff ask two things at once: 「…はいつから施行されていますか。あわせて指標体系の構成も
確認したいです。」, "What is X, and who can use it?". An answer led by the first part's fact
must also carry a fact for each further part, or the user reads half an answer.

An SME owner puts the case first and the question last: 「企業価値担保権を設定すると、銀行が
役員を送り込んでくるの？」 asks about 役員, in the setting of 企業価値担保権
(:func:`asked_clause`).
"""

from __future__ import annotations

import re

from assistant.text.ja import Token, normalize, tokenize

#: Where one part of a question ends and another begins: a sentence end, or a phrase that
#: adds a request (あわせて, また, それと, "also").
_BOUNDARY = re.compile(
    r"(?<=[。？！?!])\s*|\s*(?:あわせて|併せて|合わせて|それと|それから|また、|加えて|ついでに)\s*"
    r"|\s*(?<=[.?!])\s+(?:Also|And also|In addition|Additionally)\b,?\s*",
    re.IGNORECASE,
)
#: Finer boundaries, for what each part asks a figure of: an English clause joined by ", and"
#: ("Who chaired the WG, and how many sessions did it hold?") and a sentence ending in "."
#: ("… for such loans. When did the final version come out, …").
_CLAUSE_BOUNDARY = re.compile(
    _BOUNDARY.pattern
    + r"|,\s+and\s+(?=(?:what|how|when|who|which|where|why|whether)\b)"
    + r"|(?<=\w)\s+and\s+(?=(?:how (?:many|much)|when|who|which|where)\b)"  # "… released and how many …"
    + r"|(?<=[a-z)]\.)\s+(?=[A-Z])"
    # 「座長はどなたで、会合は何回…」: a Japanese question word joined to the next part by で
    + r"|(?:(?<=どなたで、)|(?<=誰で、)|(?<=だれで、)|(?<=いつで、)|(?<=どこで、)|(?<=いくらで、)|(?<=何[人件回社]で、)|(?<=いくつで、))",
    re.IGNORECASE,
)
MIN_PART_CHARS = 6
#: A part that asks: a question mark, or a request (「…も教えて」, 「確認したい」, "tell me"),
#: or 「…でしたっけ。」.
_ASKS = re.compile(
    r"[？?]\s*$|教えて|知りたい|確認したい|聞きたい|ですか|ますか|(?:ました|でした|ません)か|\btell me\b|\bI(?:'d| would) like to know\b"
    # 「…第何号でしたっけ。」: asking whether one remembers right
    r"|(?:っけ|かな|かしら)[。.]?\s*$"
    # 「…座長はどなたで、」: a part asking by its question word, joined to the next by で
    r"|(?:どなた|誰|だれ|いつ|どこ|いくら|いくつ|何人|何件|何回|何社)で、?\s*$"
    # an English part asking by its first word, or after a colon ("FSA's guidance: when was …")
    r"|(?:^|[:：]\s*)(?:what|how|when|who|which|where|why|whether)\b",
    re.IGNORECASE,
)


#: An English sentence telling a case, ending in a full stop: "When a loan … goes into
#: enforcement, part of the proceeds is held back …." (its "when" opens a clause, not a question).
_TOLD_CASE = re.compile(r"^(?:when|where|once|after|if)\b[^?]*?,\s*[^?]+\.\s*$", re.I)


def question_parts(question: str, clauses: bool = False) -> list[str]:
    """The parts of ``question`` that ask something, in order; the whole question when it
    asks one thing. A statement beside the question ("I'm citing that in a memo.") is not a
    part. ``clauses``: split English clauses too (:data:`_CLAUSE_BOUNDARY`), to tell which
    part asks for a figure; an answer's parts are read as a reader splits them."""
    parts = _joined([p.strip(" 、,") for p in (_CLAUSE_BOUNDARY if clauses else _BOUNDARY).split(question)])
    asking = [
        p
        for i, p in enumerate(parts)
        if len(p) >= MIN_PART_CHARS
        and (_ASKS.search(p) or (i == len(parts) - 1 and _asks_unmarked(p)))
        and not _TOLD_CASE.match(p)
    ]
    if len(asking) > 1:
        return asking
    pair = _ASKED_PAIR.fullmatch(question.strip()) if clauses else None
    if pair:  # 「…の法律番号と成立日を確認させてください」: a number and a date, each its own part
        return [f"{pair['pre']}{pair[kind]}{pair['post']}" for kind in ("a", "b")]
    return [question]


#: Two things asked in one request, each a figure or a date (「…の法律番号と成立日を確認
#: させてください」, 「…の件数と金額を教えて」).
_ASKED_THING = r"[一-龥ァ-ヶー]{0,6}(?:番号|日|年|年月|時期|期限|期間|額|金額|件数|数|率|割合|名称|人数)"
_ASKED_PAIR = re.compile(
    rf"(?P<pre>.*?の)(?P<a>{_ASKED_THING})(?:と|及び|および|、)(?P<b>{_ASKED_THING})"
    r"(?P<post>(?:を|について|は)[^。？?]{0,12}?(?:確認|教えて|おしえて|知りたい|ご教示|教示)[^。？?]*[。？?]?)"
)


#: Japanese script: a part typed in Japanese.
_JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龥]")
#: A sentence that ends as a remark, not a question (「…何もわからなくて」, 「…ので」).
_REMARK_END = re.compile(r"(?:けど|けれど|けども|ので|から|て|で|し)[。.!！]?\s*$")


def _asks_unmarked(part: str) -> bool:
    """A last Japanese part typed without a question mark that still asks by its question
    word (「…？あと参加費なんぼいるん」, 「あとそれどっからダウンロードできるん」). (An English
    one, "…? is there like a minimum kept aside", is read with the part before it, as before.)"""
    return bool(_JAPANESE.search(part) and _ASKS_TOO.search(part)) and not _REMARK_END.search(part)


def _joined(parts: list[str]) -> list[str]:
    """``parts`` with a fragment too short to ask anything (「公布日も」 of 「公布日もあわせて確認
    したいです」) put back before the part that follows it."""
    out: list[str] = []
    carry = ""
    for part in parts:
        if not part:
            continue
        if len(part) < MIN_PART_CHARS and not _ASKS.search(part):
            carry += part
            continue
        out.append(carry + part)
        carry = ""
    if carry:
        out.append(carry)
    return out


#: A sentence that asks though it ends in 「。」 (「一覧がほしいです。」), besides :data:`_ASKS`.
_ASKS_TOO = re.compile(
    r"ほしい|欲しい|ください|下さい|どこ|どっから|どっち|どの|どう|いつ|何|なに|なんぼ|だれ|誰|いくら|でしょうか|\b(?:what|which|who|when|where|how)\b"
    # (an English sentence opening with an auxiliary: "can any normal bank be the chargeholder")
    r"|^(?:can|could|is|are|does|do|did|will|would|should|may|has|have)\b",
    re.IGNORECASE,
)
#: (a sloppy English sentence may start in lower case: "…looking at Japan. can a VC fund …")
_SENTENCE_END = re.compile(
    r"(?<=[。？！?!])(?![。？！?!])\s*|(?<=\.)\s+(?=[A-Z])|(?<=[a-z]{2}\.)(?<!\bvs\.)(?<!\betc\.)\s+(?=[a-z])"
)


#: A sentence that names what the question is about rather than remarking beside it
#: (「…どのくらいかぶるの？責任共有とかいうやつ」, "… the shared-risk thing").
_NAMES_TOPIC = re.compile(
    r"(?:とか|って|っていう|という|とかいう|てやつ)\s*(?:やつ|奴|もの|もん|制度|仕組み|の)(?:です|ね|よね)?[。.!！]?\s*$"
    r"|^(?:the|that|this)\b.{0,40}\b(?:thing|one|scheme|rule)[.!]?\s*$",
    re.IGNORECASE,
)


def _sentences(question: str) -> tuple[list[str], list[str]]:
    """The sentences of ``question``, and those of them that ask or request, or name what is
    asked about (:data:`_NAMES_TOPIC`)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(question) if s.strip()]
    return sentences, [s for s in sentences if _ASKS.search(s) or _ASKS_TOO.search(s) or _NAMES_TOPIC.search(s)]


def asking_sentences(question: str) -> str:
    """The sentences of ``question`` that ask or request, without the statements of the
    asker's case before them (「うちは…お客さんのリストが強みなんです。そういうのも…入るんですか？」
    asks nothing about a list); the whole question when it is one sentence or none asks."""
    sentences, asking = _sentences(question)
    if len(sentences) < 2:
        return question
    return " ".join(asking) if asking else question


def without_trailing_remarks(question: str) -> str:
    """``question`` up to the end of its last sentence that asks, without what the asker adds
    of their own case after it ("… is it illegal? i come from Germany, here such guidelines
    are often binding"); the whole question when nothing follows the asking."""
    sentences, asking = _sentences(question)
    if len(sentences) < 2 or not asking:
        return question
    last = max(i for i, s in enumerate(sentences) if s in asking)
    end = 0
    for sentence in sentences[: last + 1]:  # (found in order: a sentence may recur)
        end = question.find(sentence, end) + len(sentence)
    return question[:end]


def asking_sentence_list(question: str) -> list[str]:
    """The sentences of ``question`` that ask or request, one by one (the whole question when
    none does)."""
    return _sentences(question)[1] or [question]


def remark_sentences(question: str) -> str:
    """The sentences of ``question`` beside those that ask (:func:`asking_sentences`): the
    asker's case or why they ask (「稟議資料に記載したいので確認です。」); "" when there are none."""
    sentences, asking = _sentences(question)
    if len(sentences) < 2 or not asking:
        return ""
    return " ".join(s for s in sentences if s not in asking)


#: Conjunctive particles that end a clause of context (「設定すると」「使えば」「合同会社なんですが」
#: 「使っても」), not て of 「使って借りる」.
_CLAUSE_ENDS = frozenset({"と", "ば", "けど", "けれど", "けれども", "が", "ので", "のに", "から", "なら", "ながら"})
#: What と is part of when it says "must" (「受けないといけない」), not "if".
_MUST = ("いけ", "だめ", "ダメ", "なら", "駄目")


def asked_clause(question: str) -> str:
    """The clause a one-sentence question asks in, after the context that leads up to it
    (「企業価値担保権を設定すると、」「返せなくなったら」「使っても」): 「銀行が役員を送り込んで
    くるの？」. A trailing fragment that says nothing (「…を担保にするの？工場？」) is a guess,
    not the question. The whole question when it has no such context, or has several
    sentences (each may ask: 「…発生しますか。相場も知りたいです。」)."""
    toks = tokenize(question)
    sentences: list[list[Token]] = [[]]
    for t in toks:
        sentences[-1].append(t)
        if t.pos2 == "句点":
            sentences.append([])
    said = [s for s in sentences if any(t.pos in ("動詞", "形容詞") for t in s)]
    if len(said) != 1:
        return question
    words = said[0]
    start = 0
    for i, t in enumerate(words[:-1]):
        after = words[i + 1]
        ends = (
            # 「苦しくて、」「止まったら、」 end a clause; 「制度って、」 only sets the topic
            (t.pos2 == "読点" and i > 0 and words[i - 1].pos in ("動詞", "助動詞", "形容詞", "助詞")
             and words[i - 1].pos2 not in ("係助詞", "副助詞", "格助詞"))
            or t.surface in ("たら", "だら")
            or (t.pos2 == "接続助詞" and t.surface in _CLAUSE_ENDS and not (t.surface == "と" and after.surface.startswith(_MUST)))
            or (t.pos2 == "接続助詞" and t.surface in ("て", "で") and after.surface == "も")
        )
        if ends:
            start = i + 1 + (after.surface == "も" and t.surface in ("て", "で"))
    clause = "".join(t.surface for t in words[start:])
    return question if normalize(clause) == normalize(question) else clause
