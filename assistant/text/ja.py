"""Japanese text handling: NFKC, sentence splitting, PDF line joining, Sudachi tokens.

Whitespace tokenisation finds nothing in Japanese, so BM25 and key-term checks use
Sudachi's normalised forms (貸倒 → 貸し倒れ) in split mode A.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

_JA_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
# A sentence ends at 。!? (NFKC turns ！？ into !?) plus any closing brackets after it,
# or at an English full stop after a lowercase word ("... collateral. The ...").
_SENT_END = re.compile(r"[。!?！？]+[」』)）\]】〕]*|(?<=[a-z]{2}\.)(?=\s+[A-Z\"'])")
_BULLET = re.compile(r"^\s*(?:[・•●○◆◇■□※\-*]|\(?\d{1,3}[.)]|[①-⑳]|第[0-9一二三四五六七八九十]+[章節条])")
_SENT_TERMINATORS = "。!?:;」』)"
_HEADING_MAX = 30


_CIRCLED = {chr(0x2460 + i): f"({i + 1})" for i in range(20)}  # ① → (1), not a bare 1


def normalize(text: str) -> str:
    """NFKC, unified newlines, no trailing spaces. Keeps line structure.

    Circled numbers become "(1)" first: NFKC would turn ① into a bare "1" that then
    reads as part of the next word ("1融資ごとに").
    """
    text = text.translate(str.maketrans(_CIRCLED))
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


#: Spoken and Kansai words the embedder reads best in their standard form: 「最低なんぼ残す」
#: means 「最低いくら残す」 (unambiguous ones only; 「へん」 may be a word of its own).
_SPOKEN_STANDARD = (("なんぼ", "いくら"), ("何ぼ", "いくら"), ("あかん", "いけない"), ("ほんま", "本当"), ("めっちゃ", "とても"))


def standard_spoken(text: str) -> str:
    """``text`` with spoken and Kansai words in their standard form, for the embedder only
    (the keyword side reads them through the everyday vocabulary)."""
    for spoken, standard in _SPOKEN_STANDARD:
        text = text.replace(spoken, standard)
    return text


#: Western and Kansai negatives of a verb's potential or e-row stem (返せん, 返せんくなったら,
#: 払えへんかった), in their standard form (返せない, 返せなくなったら, 払えなかった).
_SPOKEN_NEGATIVE = (
    (re.compile(r"(?<=[せけてえれめべねげぜでぺ])ん(?=く|かっ)"), "な"),
    (re.compile(r"(?<=[せけてえれめべねげぜでぺきしみりいちぎびじに])(?:へん|ひん)(?=く|かっ)"), "な"),
    (re.compile(r"(?<=[せけてえれめべねげぜでぺきしみりいちぎびじに])(?:へん|ひん)"), "ない"),
)


def standard_negatives(text: str) -> str:
    """``text`` with spoken negatives of verbs in their standard form (「返せんくなったら」 →
    「返せなくなったら」, 「払えへん」 → 「払えない」), so the everyday vocabulary, written in the
    standard form, reads them."""
    for pattern, standard in _SPOKEN_NEGATIVE:
        text = pattern.sub(standard, text)
    return text


def detect_lang(text: str) -> str:
    """``"ja"`` or ``"en"``: an English sentence that names a Japanese term
    ("What does 企業価値担保権 mean for me?") is English; a Japanese one that names
    ABL or UCC is Japanese. A Japanese character counts as much as three letters."""
    ja = len(_JA_CHAR.findall(text))
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "ja" if ja and ja * 3 >= latin else "en"


def join_pdf_lines(text: str) -> str:
    """Join the hard line breaks PDF extraction leaves inside sentences.

    A break is kept after a sentence end, before a bullet or numbered item, and at blank
    lines (paragraphs). Japanese on both sides joins with no space; Latin text with one.
    """
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if out and out[-1] != "":
                out.append("")
            continue
        prev = out[-1] if out else ""
        prev_is_heading = bool(_BULLET.match(prev)) and len(prev) <= _HEADING_MAX
        if prev and not prev.endswith(tuple(_SENT_TERMINATORS)) and not _BULLET.match(stripped) and not prev_is_heading:
            glue = "" if (_JA_CHAR.match(prev[-1]) or _JA_CHAR.match(stripped[0])) else " "
            out[-1] = prev + glue + stripped
        else:
            out.append(stripped)
    return "\n".join(out).strip()


@dataclass(frozen=True)
class Span:
    """A sentence and its character offsets in the text it came from."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Split into sentences at 。!? (and English full stops), and at line breaks.

    Offsets index into ``text`` so ``text[s.start:s.end] == s.text`` always holds.
    """
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        cursor = 0
        for m in _SENT_END.finditer(line):
            if _open_quotes(line[cursor : m.start()]):
                continue  # 「…。」 inside a quotation does not end the sentence
            spans.extend(_span(line, line_start, cursor, m.end()))
            cursor = m.end()
        spans.extend(_span(line, line_start, cursor, len(line)))
    return spans


def _open_quotes(text: str) -> bool:
    return text.count("「") > text.count("」") or text.count("『") > text.count("』")


def _span(line: str, offset: int, a: int, b: int) -> Iterator[Span]:
    piece = line[a:b]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        start = offset + a + lead
        yield Span(piece, start, start + len(piece))


# ---------------------------------------------------------------- Sudachi tokens

_FUNCTION_POS = {"助詞", "助動詞", "補助記号", "空白"}
_STOP = {
    # Nouns that frame a question rather than name its topic (「…の種類は？」「結果は？」).
    # (「それぞれの金額」: each of the things named, no thing of its own)
    "それぞれ",
    "種類",
    "結果",
    "方法",
    "内容",
    "理由",
    "特徴",
    "意味",
    "影響",
    "役割",
    "状況",
    "概要",
    "ポイント",
    "例",
    "具体例",
    # 「法律自体はいつできたの？」: the thing itself, as said again
    "自体",
    "説明",
    "詳細",
    "点",
    "今後",
    # 「最近どのくらい？」「直近の件数」: when the figure is asked for (the latest), not its topic.
    "最近",
    "直近",
    "近年",
    "最新",
    # Nouns of how a question is said (「…ってほんと？」「マジで？」), not of what it is about.
    "ほんと",
    "本当",
    "ホント",
    "マジ",
    "ほんま",  # 関西の「ほんと」
    "本真",
    # 「うちの会社」「当行が…なれるか」: the asker's own, not a topic (どれ and それ are pronouns
    # already); a bank's or a firm's word for itself says who asks, not what about.
    "うち",
    "当行",
    "弊行",
    "当社",
    "弊社",
    "当金庫",
    "当組合",
    "当方",
    # 「保証協会つきの融資」: "with" a guarantee; the guarantee is the topic.
    "つき",
    "付き",
    # 「社名は？」「この制度の名前は？」: what kind of answer is asked (a name), not its topic.
    "名前",
    "名称",
    # 「…をご教示ください」: how a request is said.
    "教示",
    # 「銀行経由じゃないと」: the way through, said of the topic (銀行), not a topic of its own.
    "経由",
    # 「登記しないとだめなの？」: how a yes/no question is said (must I?), not its topic.
    "駄目",
    "だめ",
    "ダメ",
    # Colloquial forms of もの/ところ/わけ and hedges (「かかるもんなの？」「評価書ってやつ」「どのへん」
    # 「使えるとこ」「かかる感じ？」): the frame of a casual question, never its topic.
    "もん",
    "奴",
    "やつ",
    "ヤツ",
    "訳",
    "わけ",
    "へん",
    "辺",
    "とこ",
    "感じ",
    "かんじ",
    "カンジ",
    # 「最初のころ」: a time said loosely, never a topic
    "ころ",
    "頃",
    # Japanese function words Sudachi tags as content, and question words.
    "する",
    "ある",
    "いる",
    "なる",
    "できる",
    "れる",
    "られる",
    "こと",
    "もの",
    "ため",
    "為る",
    "有る",
    "居る",
    "成る",
    "出来る",
    "物",
    "事",
    "為",
    "様",
    "言う",
    "云う",
    "いくら",
    "幾ら",
    "何故",
    "なぜ",
    "どなた",
    "どちら",
    "何処",
    "何時",
    "幾つ",
    "いくつ",
    "どれくらい",
    "どのくらい",
    "くらい",
    "ぐらい",
    "程度",
    "具体",
    "具体的",
    "詳しく",
    "簡単",
    "よう",
    "これ",
    "それ",
    "あれ",
    "どれ",
    "この",
    "その",
    "何",
    "なに",
    "どう",
    "どの",
    "どんな",
    "いつ",
    "いつ頃",
    "いつごろ",
    "どこ",
    "誰",
    "ください",
    "教える",
    "思う",
    "いう",
    "場合",
    "について",
    "とき",
    "時",
    "など",
    "等",
    "的",
    "又",
    "及び",
    "また",
    "ほか",
    "上",
    # English function words.
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "for",
    "and",
    "or",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "do",
    "does",
    "did",
    "what",
    "whats",  # "whats the filing …" typed without its apostrophe
    # (and the other contractions typed so: "a loan thats guaranteed", "it doesnt", "im")
    "thats",
    "theres",
    "heres",
    "wheres",
    "hows",
    "whos",
    "im",
    "ive",
    "youre",
    "theyre",
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "cant",
    "couldnt",
    "wont",
    "wouldnt",
    "shouldnt",
    "hasnt",
    "havent",
    # pronouns for any thing ("does everything get frozen?", "ucc something?")
    "everything",
    "anything",
    "something",
    "nothing",
    # anyone at all, and how ordinary it is ("someone else", "a regular lender itself")
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "else",
    "itself",
    # (the asker's people, and "too": "could she use it too?")
    "he",
    "she",
    "him",
    "too",
    "himself",
    "herself",
    "regular",
    "ordinary",
    "which",
    "who",
    "whom",
    "how",
    "when",
    "where",
    "why",
    "can",
    "could",
    "i",
    "my",
    "me",
    "we",
    "our",
    "you",
    "your",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "with",
    "without",
    "within",
    "by",
    "from",
    "at",
    "as",
    "about",
    "there",
    "their",
    "they",
    "them",
    "will",
    "would",
    "should",
    "has",
    "have",
    "had",
    "not",
    "no",
    "yes",
    "if",
    "so",
    "than",
    "then",
    "into",
    "under",
    "over",
    "any",
    "some",
    "much",
    "many",
    "more",
    "most",
    "please",
    "tell",
    "against",
    # (prepositions of place: "has the association behind it")
    "behind",
    "beside",
    "upon",
    "onto",
    "via",
    # (fillers and shorthand: "what if i never incorporated tho")
    "tho",
    "though",
    "anyway",
    "anyways",
    "never",
    "ok",
    "okay",
    "yeah",
    "hmm",
    "um",
    "mean",
    "means",
    "get",
    "use",
    "using",
    "need",
    "like",
    "also",
    "just",
    "work",
    "works",
    "happen",
    "happens",
    "kind",
    "kinds",
    "s",
    "t",
    "am",
    "explain",
    "describe",
    "say",
    "says",
    "said",
    "know",
    "give",
    "gives",
    "way",
    "ways",
    "one",
    "all",
    "other",
    "such",
    # what one has heard, and asking for figures ("A friend says … Any numbers?")
    "numbers",
    "figures",
    "friend",
    "friends",
    "heard",
    "really",
}
# Latin-script tokens (Sudachi may join "World Cup") keep their surface, lower-cased:
# its normalised form would be katakana (ワールドカップ) and never match English text.
_ASCII_WORD = re.compile(r"^[A-Za-z][A-Za-z'\- ]*$")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary

    return Dictionary(dict="core").create()


@dataclass(frozen=True)
class Token:
    surface: str
    norm: str
    pos: str
    pos2: str
    pos3: str = ""


def tokenize(text: str) -> list[Token]:
    """Sudachi tokens (split mode A) of NFKC text. English words are lower-cased."""
    from sudachipy import SplitMode

    text = normalize(text)
    if not text.strip():
        return []
    out: list[Token] = []
    # Sudachi refuses inputs over ~49,149 bytes; tokenise long text line by line.
    pieces = [text] if len(text.encode()) < 40_000 else text.split("\n")
    with _lock:  # the Rust tokenizer object is not re-entrant
        tok = _tokenizer()
        for piece in pieces:
            for chunk in _byte_chunks(piece, 40_000):
                for m in tok.tokenize(chunk, SplitMode.A):
                    pos = m.part_of_speech()
                    surface = m.surface()
                    norm = surface.lower() if _ASCII_WORD.match(surface) else m.normalized_form()
                    out.append(Token(surface, norm, pos[0], pos[1], pos[2]))
    return _join_dangling_prefixes(_how_much_read(out))


#: 「くらい」 after どん (「どんくらい」, how much), which Sudachi reads as the suffix どん (西郷どん).
_ABOUT = frozenset({"くらい", "ぐらい"})


def _how_much_read(tokens: list[Token]) -> list[Token]:
    """``tokens`` with a suffix どん before くらい (「借入どんくらい」) read as the adverb it
    begins (a function word), not part of the noun before it."""
    return [
        Token(t.surface, t.surface, "助詞", "副助詞") if t.surface == "どん" and t.pos == "接尾辞" and tokens[i + 1 : i + 2] and tokens[i + 1].surface in _ABOUT else t
        for i, t in enumerate(tokens)
    ]


#: A run of one-kanji prefixes that attaches to nothing: Sudachi reads 中小 before 「・」
#: (「中小・零細企業」) as the prefixes 中 and 小, whose noun comes only after the second word.
_PREFIX = "接頭辞"
_KANJI = re.compile(r"[一-龥]")


def _join_dangling_prefixes(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each run of two or more one-kanji prefixes followed by a symbol, a
    space or the end (「中小・零細」) joined into the noun it spells (中小), as Sudachi reads
    「中小企業」: a coordination's first member is a word of its own."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].pos == _PREFIX and len(tokens[j].surface) == 1 and _KANJI.fullmatch(tokens[j].surface):
            j += 1
        if j - i >= 2 and (j == len(tokens) or tokens[j].pos in ("補助記号", "空白")):
            surface = "".join(t.surface for t in tokens[i:j])
            out.append(Token(surface, surface, "名詞", "普通名詞", "一般"))
            i = j
            continue
        out.append(tokens[i])
        i += 1
    return out


@lru_cache(maxsize=8192)
def synonym_groups(word: str) -> frozenset[int]:
    """The synonym groups of Sudachi's dictionary that ``word`` belongs to, when it is one
    word (手法 shares a group with 方法 and やり方); empty for a phrase or a Latin word."""
    from sudachipy import SplitMode

    word = normalize(word)
    if not word.strip() or _ASCII_WORD.match(word):
        return frozenset()
    with _lock:
        morphemes = _tokenizer().tokenize(word, SplitMode.C)
        return frozenset(morphemes[0].synonym_group_ids()) if len(morphemes) == 1 else frozenset()


def synonym_said(word: str, texts: Iterable[str]) -> bool:
    """A noun of ``texts`` shares a synonym group of Sudachi's dictionary with ``word``, a
    Japanese word (方法 for 手法)."""
    synonyms = synonym_groups(word)
    return bool(synonyms) and any(_noun_synonyms(text) & synonyms for text in texts)


@lru_cache(maxsize=8192)
def _noun_synonyms(text: str) -> frozenset[int]:
    """The synonym groups of the Japanese nouns of ``text`` (a unit is read once, however
    many questions or candidates ask of it)."""
    return frozenset().union(*(synonym_groups(t.surface) for t in tokenize(text) if t.pos == "名詞" and not t.surface.isascii()))


def readings(text: str) -> list[tuple[str, str]]:
    """(surface, katakana reading) of each Sudachi word of ``text`` (split mode A); Latin
    words are left out (Sudachi has no reading for them)."""
    from sudachipy import SplitMode

    text = normalize(text)
    if not text.strip() or len(text.encode()) >= 40_000:
        return []
    with _lock:
        morphemes = _tokenizer().tokenize(text, SplitMode.A)
        return [(m.surface(), m.reading_form()) for m in morphemes if not _ASCII_WORD.match(m.surface())]


def dictionary_word(text: str) -> bool:
    """Whether ``text`` is one word of Sudachi's dictionary (メンバー is; ガイドラン, a
    mistyped ガイドライン, is read as an unknown word)."""
    from sudachipy import SplitMode

    text = normalize(text)
    if not text.strip() or len(text.encode()) >= 40_000:
        return False
    with _lock:
        morphemes = _tokenizer().tokenize(text, SplitMode.A)
        return len(morphemes) == 1 and not morphemes[0].is_oov()


def reading(text: str) -> str:
    """The katakana reading of ``text`` (Sudachi's), word after word."""
    return "".join(r for _, r in readings(text))


def _byte_chunks(text: str, limit: int) -> Iterator[str]:
    while len(text.encode()) > limit:
        cut = limit // 4  # worst case 4 bytes a character
        yield text[:cut]
        text = text[cut:]
    if text:
        yield text


def content_terms(text: str) -> list[str]:
    """Normalised content tokens for BM25: no particles, symbols, spaces or stopwords."""
    terms = []
    for t in tokenize(text):
        if t.pos in _FUNCTION_POS:
            continue
        norm = t.norm.strip()
        if not norm or norm in _STOP or not any(ch.isalnum() for ch in norm):
            continue
        terms.append(norm)
    return terms


#: Words that frame a question standing alone (「どのような者が」), yet part of a compound's
#: meaning (担保権者 is not 担保権).
_STOP_PHRASES = frozenset({"者"})
#: A request's verb noun (「…を確認したいです」「ご確認させてください」): how it is asked, not its
#: topic (「確認できなかった」 stays).
_REQUEST_NOUN = re.compile(r"(?:ご|お)?(?:確認|伺い)(?=を?(?:したい|したく|させて|いたしたい|お願い|願い|ください|下さい))")
#: Why the asker asks, said before the request (「稟議資料に載せたいので」「社内で説明するため」):
#: where the answer will go, not what it is about.
_PURPOSE = re.compile(
    r"[^、。？?!！]{0,16}?(?:に|で|へ)(?:載せ|書き|記載し|添付し|引用し|説明し|報告し|使い)たい(?:ので|から|ため)"
    r"|[^、。？?!！]{0,16}?(?:に|で|へ)(?:載せる|書く|記載する|添付する|引用する|説明する|報告する)(?:ため|必要があるので)"
)


def _asked_part(text: str) -> str:
    """``text`` without a request's verb noun or the asker's purpose (:data:`_PURPOSE`)."""
    return _REQUEST_NOUN.sub("、", _PURPOSE.sub("、", text))


#: Asking whether what one heard holds ("Is that right?", "is it true?", "correct?").
_CHECKING = re.compile(
    r"\b(?:is|was|are|were|am)\s+(?:that|this|it|they|i)\s+(?:right|true|correct|accurate)\b"
    r"|\b(?:that's|thats|that is|it's|its)\s+(?:right|true|correct)\s*\?|(?:^|[.!?,]\s*)(?:right|correct|true)\s*\?",
    re.I,
)


def key_terms(text: str) -> list[str]:
    """The question's key terms: distinct nouns (and English words), no stopwords, no
    request's verb noun (「確認したいです」).

    Used by the abstention rule: an answer needs passages that share these terms.
    """
    seen: dict[str, None] = {}
    # (nor whether what the asker heard holds: "Is that right?", "is it true?")
    for t in tokenize(_CHECKING.sub(" ", _asked_part(text))):
        norm = t.norm.strip()
        if not norm or norm in _STOP or not any(ch.isalnum() for ch in norm):
            continue
        if misread(t):
            continue
        if (t.pos == "名詞" and t.pos2 not in {"代名詞", "数詞"}) or _ASCII_WORD.match(t.surface):
            seen.setdefault(norm, None)
    return list(seen)


_HIRAGANA = re.compile(r"[ぁ-ゖー]+")


def misread(t: Token) -> bool:
    """A proper noun of hiragana alone is a casual verb split wrongly (「お金かりるの」 read as
    か + りるの): no name a question asks about; nor is a dialect's grammar word read as a
    noun (「持ってへんのやけど」: へん is not 変, やけど not 火傷)."""
    if t.pos == "名詞" and t.surface in _DIALECT_GRAMMAR:
        return True
    return t.pos2 == "固有名詞" and bool(_HIRAGANA.fullmatch(t.surface))


#: Kansai and other dialect grammar words Sudachi may read as nouns (やけど "but", へん "not").
_DIALECT_GRAMMAR = frozenset({"やけど", "へん", "ひん", "ねん", "やん", "やんか", "やけん", "けん", "ばってん"})


#: The asker's word for their own firm (「うち個人事業主なんだけど」, 当行): it opens no phrase.
_ASKERS_OWN = frozenset({"うち", "ウチ", "当行", "弊行", "当社", "弊社", "当金庫", "当組合", "当方"})
#: Prefixes pointing back at what was just named (「同標準」 "the same standard", 「同法」).
_POINTING_PREFIXES = frozenset({"同", "当該", "前記", "上記"})
#: Formal nouns that end a clause (「質権つけるとき登録って…」): no part of a compound.
_CLAUSE_NOUNS = frozenset({"とき", "際"})


def noun_phrases(text: str) -> list[str]:
    """Runs of consecutive nouns, prefixes and suffixes (企業+価値+担保+権 → 企業価値担保権)."""
    phrases: list[str] = []
    run: list[str] = []
    for t in tokenize(_asked_part(text)):
        if (
            t.pos in {"名詞", "接頭辞", "接尾辞"}
            and t.pos2 != "代名詞"
            and t.surface.strip()
            and t.surface not in _CLAUSE_NOUNS
            and not misread(t)
        ):
            if not run and t.surface in _ASKERS_OWN:
                continue  # 「うち個人事業主なんだけど」: the asker's own, no part of the phrase
            if not run and t.surface in _POINTING_PREFIXES:
                continue  # 「同標準の評価指標」: 同 points back, as その does; the phrase is 標準
            run.append(t.surface)
            continue
        if run:
            phrases.append("".join(run))
            run = []
    if run:
        phrases.append("".join(run))
    return [p for p in phrases if p.strip() and p not in _STOP and p not in _STOP_PHRASES and normalize(p) not in _STOP]
