"""Corpus knowledge as data: the files of ``corpus/lexicon/``, loaded and checked once.

* ``glossary.yaml``: English domain words → the Japanese terms of the documents, so English
  questions reach the Japanese corpus (keyword search, abstention check).
* ``everyday.yaml``: everyday Japanese (お金, 社長) → the documents' words (資金, 経営者).
* ``places.yaml``: places a question may name, their jurisdictions and the labels answers use.
* ``intents.yaml``: how questions are asked → extra search terms, answer types, figure requests.

A corpus folder (``IPFIN_CORPUS_DIR``) may carry its own ``lexicon/``; a file it lacks is
taken from the bundled corpus. A malformed file is a :class:`ConfigError` naming the file and
the entry, raised when the assistant starts, not in the middle of an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import snowballstemmer
import yaml

from assistant.core.errors import ConfigError
from assistant.core.safe_yaml import YamlLimitError, load_yaml
from assistant.core.settings import PROJECT_ROOT
from assistant.text.hanzi import japanese_forms
from assistant.text.ja import dictionary_word, noun_phrases, reading, readings, standard_negatives
from assistant.text.romaji import romaji, romaji_key

if TYPE_CHECKING:
    from spellchecker import SpellChecker

LEXICON_DIR = "lexicon"
BUNDLED = PROJECT_ROOT / "corpus" / LEXICON_DIR
FILES = ("glossary.yaml", "everyday.yaml", "places.yaml", "intents.yaml")
_CODE = re.compile(r"^[a-z]{2,4}$")



@dataclass(frozen=True)
class Place:
    name: str
    country: str
    same_as: str = ""  # アメリカ is searched as 米国
    region_of: str = ""  # 珠海市 lies in 中国


#: "English" naming England's law, not the language: "an English floating charge", "under
#: English law" (not "in English", "an English version").
_ENGLISH_LAW = re.compile(
    r"\bEnglish (?:law|legal|courts?|insolvency|compan(?:y|ies)|floating|fixed|charges?|debentures?|lenders?|banks?|administration|receivership)\b"
)
#: "us" as the object of a verb ("help us", "tell us"); not after a preposition ("for us" may
#: be a sloppy "for the US").
_PRONOUN_US = re.compile(
    r"\b(?:help(?:s|ed)?|tell|told|give|gave|let|lets|show|send|make|makes|lend|lends|charge|charges|cost|costs|hit|leave|leaves|"
    r"allow|allows|force|forces|ask|asks|advise|cover|covers|protect|protects|support|supports|affect|affects|offer|offers|"
    r"stop|stops|keep|keeps)\s+us\b"
    # (…nor after a verb of giving and "to": "could they lend to us", "sell it to us")
    r"|\b(?:lend|lends|lent|loan|loans|give|gives|gave|offer|offers|sell|sells|sold|provide|provides|pay|pays|owe|owes)"
    r"\s+(?:[a-z]+\s+)?to\s+us\b(?!\s+(?:investors?|lenders?|banks?|compan(?:y|ies)|firms?|startups?|insurers?|buyers?|funds?|markets?)\b)",
    re.I,
)


def _us_named(text: str) -> re.Match[str] | None:
    """Where ``text`` names the United States, leaving out the pronoun of "lend to us" (so
    "lend to us secured by …" is no "US secured lending")."""
    return _US.search(_PRONOUN_US.sub(lambda m: " " * len(m.group(0)), text))

_US = re.compile(
    r"\bU\.?S\.?A?(?![A-Za-z])|(?i:\bthe us\b)"  # "in the us" written in lower case too
    # (…or after a determiner the pronoun never follows: "a us ag startup", "which us banks")
    r"|(?i:\b(?:a|another|each|every|some|many|most|other|which|what) us\b)"
    # (or before a noun the pronoun never precedes: "us lender here", "us patent law")
    r"|(?i:\bus (?=(?:lenders?|banks?|banking|compan(?:y|ies)|firms?|laws?|patents?|trademarks?|copyrights?|practice|market|"
    r"government|rules?|courts?|startups?|subsidiar(?:y|ies)|investors?|insurers?|federal|state|ip|venture|ucc|uspto|"
    r"secured|loans?|lending|credit|business|businesses|smes?|economy|system|deals?|auctions?|saas|tech|biotech|fintech|software|based)\b))"
    # (or opening a sentence before a word, where the pronoun does not stand: "us saas startup
    # here, lender wants a lien")
    r"|(?i:\bus-based\b)|(?i:(?:^|[.!?]\s+)us\s+(?!too\b|as\b|and\b|or\b|all\b|both\b|two\b|three\b)(?=[a-z]))"
)


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    labels: dict[str, str]

    def name(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["ja"]

    def lead(self, lang: str) -> str:
        """「米国では」 / "In the US": the words that introduce a fact from here."""
        return self.labels.get(f"{lang}_lead") or self.labels.get("ja_lead", "")


@dataclass(frozen=True)
class FigureRequest:
    pattern: re.Pattern[str]
    units: frozenset[str]
    #: Only when no other request matches (a bare "how many" wants some count; "how many
    #: loans" wants 件, not any count).
    fallback: bool = False


@dataclass(frozen=True)
class Intent:
    """A kind of question (``pattern``) and the words of a sentence that answers it (``cues``)."""

    name: str
    pattern: re.Pattern[str]
    cues: re.Pattern[str] | None = None
    #: How the question reads when wrapped in a request ("Can you tell me *when the law took
    #: effect*?"): matched on what the wrapper leaves, besides ``pattern``.
    embedded: re.Pattern[str] | None = None
    #: The words that ask for it (いくら, "how much"). A question that shows it only by other
    #: words of ``pattern`` (a noun: 費用, "fees") is mainly another intent it shows
    #: (「訴訟費用のリスクってどういうこと？」 asks what, "Do … subsidise the fees?" yes or no).
    asks: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Quantity:
    """A quantity a question may ask for (手数料, 金利): the sentence that answers names one
    of ``nouns`` and carries a figure in one of ``units`` (any unit when empty)."""

    pattern: re.Pattern[str]
    nouns: tuple[str, ...]
    units: frozenset[str]
    #: The main intents of a question that asks for this quantity (「いつ締め切り？」 asks
    #: for a deadline; 「費用は誰が負担？」 does not ask for an amount); ``any``: whatever it asks.
    intents: tuple[str, ...] = ("howmuch",)
    #: Whether the answering sentence must carry a figure (a ranking, 「最大」, need not).
    figure: bool = True
    #: The answer is a name (「どこの銀行？」, "which company"): the sentence must name an
    #: organisation or a person the question does not.
    name: bool = False
    #: The answer is a person (「特許庁長官は誰？」, "the head of the JPO"): the sentence must
    #: name one (``name: person`` in the file).
    person: bool = False
    #: Whether a follow-up still asks for it when only the earlier turn named it (「中国だと？」
    #: after 「手数料は？」 asks for China's fee); ``carries: false`` for a qualifier of the
    #: earlier subject ("the first auction" does not make "its ninth auction" a first).
    carries: bool = True

    def asked_in(self, text: str) -> str:
        """The words of ``text`` that ask for this quantity (the pattern's ``ask…`` group that
        matched, when it has them, else its whole match), or ""."""
        m = self.pattern.search(text)
        if not m:
            return ""
        asked = [m.group(name) for name in self.pattern.groupindex if name.startswith("ask") and m.group(name)]
        return asked[0] if asked else m.group(0)


#: 何 of a count typed in kana (「今なん社あるん？」「なんけんつくられたん」): written 何, as the
#: question words are read (not なんかい, which is also なんか + いい).
_KANA_HOW_MANY = re.compile(r"なん(?=[社件人回年月日本行割倍億万円%％]|機関|か国|カ国|ヶ国|パーセント)|なんけん|なんにん|なんしゃ")
_KANA_HOW_MANY_KANJI = {"なんけん": "何件", "なんにん": "何人", "なんしゃ": "何社"}


@dataclass(frozen=True)
class Lexicon:
    glossary: dict[str, tuple[str, ...]] = field(default_factory=dict)
    everyday: dict[str, tuple[str, ...]] = field(default_factory=dict)
    places: tuple[Place, ...] = ()
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    #: By jurisdiction: a general term → that place's documents' words for it (places.yaml).
    local_terms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    default_jurisdiction: str = "jp"
    search_terms: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = ()
    answer_types: dict[str, re.Pattern[str]] = field(default_factory=dict)
    figure_requests: tuple[FigureRequest, ...] = ()
    money_units: frozenset[str] = frozenset()
    intents: tuple[Intent, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    #: Polite wrappers around the real question ("Can you tell me …", 「…か教えてください」).
    requests: tuple[re.Pattern[str], ...] = ()

    # ------------------------------------------------------------ loading
    @classmethod
    def load(cls, corpus_dir: Path | None = None) -> Lexicon:
        """The lexicon of ``corpus_dir`` (bundled files fill what it lacks); cached per folder."""
        return _load(str(Path(corpus_dir).resolve()) if corpus_dir else "")

    @classmethod
    def bundled(cls) -> Lexicon:
        return _load("")

    # ------------------------------------------------------------ English
    @property
    def phrases(self) -> tuple[str, ...]:
        """Glossary keys, longest first (a phrase wins over the words inside it)."""
        return _longest_first(self.glossary)

    def english_matches(self, text: str) -> tuple[list[str], str]:
        """The glossary phrases in ``text``, longest first, each word used once, and the
        words left over (lowercased, space-separated). Words match as written first, then by
        stem ("insure" and "insurers" find "insurance"; "rates" does not find "rating": a
        stem must begin both words)."""
        words = _english_words(text)
        stems = [_stem(w) for w in words]
        # ("help us", "tell us": the pronoun after a verb is no United States)
        pronoun = bool(_PRONOUN_US.search(text)) and not _us_named(text)
        used = [pronoun and w == "us" for w in words]
        found: list[str] = []
        by_first, lengths = _phrase_index(tuple(self.glossary))
        # More words first ("ip-backed loan" over "loans"); among as many words, as written first.
        for n in lengths:
            for same in (_same_word, _same_stem):
                for i in range(len(words) - n + 1):
                    if any(used[i : i + n]):
                        continue
                    for phrase, pattern in by_first.get((stems[i], n), ()):
                        if all(same(a, b) for a, b in zip(words[i : i + n], pattern, strict=True)):
                            found.append(phrase)
                            used[i : i + n] = [True] * n
                            break
        rest = " ".join(w for w, u in zip(words, used, strict=True) if not u)
        return list(dict.fromkeys(found)), rest

    def expand_english(self, text: str) -> list[str]:
        """Japanese terms for the English domain words and phrases in ``text``."""
        found: list[str] = []
        for phrase in self.english_matches(text)[0]:
            found.extend(self.glossary[phrase])
        return list(dict.fromkeys(found))

    # ------------------------------------------------------------ romaji
    @cached_property
    def romaji_terms(self) -> dict[str, str]:
        """The glossary's Japanese terms, and their words, by the key of their romaji
        spelling ("chizaikinyu" → 知財金融, "tanpo" → 担保); keys shorter than
        MIN_ROMAJI letters are left out (they would match English words)."""
        out: dict[str, str] = {}
        for word, kana in (pair for ja in self.glossary_terms for pair in _spellings(ja)):
            key = romaji_key(romaji(kana))
            if len(key) >= MIN_ROMAJI:
                out.setdefault(key, word)
        return out

    @cached_property
    def kana_terms(self) -> dict[str, str]:
        """The glossary's Japanese terms and their words, and the everyday nouns, by their
        reading in hiragana (きぎょうかちたんぽけん → 企業価値担保権, けいやく → 契約, きゅうりょう →
        給料); readings shorter than MIN_KANA kana are left out (they occur inside everyday
        words)."""
        out: dict[str, str] = {}
        # the documents' terms, then the everyday nouns users type (給料, 社長); not verbs:
        # Sudachi reads hiragana verbs itself (かりる → 借りる)
        written = [*self.glossary_terms, *(w for w in self.everyday if _NOUN_WORD.fullmatch(w))]
        for word, kana in (pair for ja in written for pair in _spellings(ja)):
            hira = _hiragana(kana)
            if len(hira) >= MIN_KANA and _HIRAGANA_RUN.fullmatch(hira) and hira != word:
                out.setdefault(hira, word)
        return out

    def with_kanji_terms(self, text: str) -> str:
        """``text`` with glossary terms typed in hiragana put back in their written form
        (「きぎょうかちたんぽけんってなに」 → 「企業価値担保権ってなに」, 「従業員のけいやくって」 →
        「従業員の契約って」). A reading is replaced only where a word can stand: at the start
        of a run of hiragana or after a particle (の, って …; after は, が, を only a reading of
        four kana or more), and a reading of three kana only when a particle, the end of the
        run or another such term follows, so one inside a verb (かして of 貸してくれる) is left
        alone. A reading the documents write with two words (きかん: 機関, 期間) is read as the
        glossary's. A date's counters typed in hiragana are written too (「2022ねんは？」 →
        「2022年は？」), and so are question words for a figure (なんわり → 何割)."""
        text = _KANA_DATE.sub(lambda m: m.group(1) + _DATE_COUNTERS[m.group(2)], text)
        text = _KANA_ASK.sub(lambda m: _KANA_ASKS[m.group(0)], text)
        if not _HIRAGANA_RUN.search(text):
            return text
        out: list[str] = []
        last = 0
        for run in _HIRAGANA_RUN.finditer(text):
            seg, base = run.group(), run.start()
            i, starts = 0, {0: MIN_KANA}  # where a word may start: the kana it needs
            while i < len(seg):
                found = self._kana_term_at(seg, i, starts[i]) if i in starts else None
                if found:
                    word, n = found
                    out += [text[last : base + i], word]
                    last, i = base + i + n, i + n
                    starts[i] = MIN_KANA
                    continue
                particle = next((p for p in _KANA_BEFORE if seg.startswith(p[0], i)), None)
                if particle:
                    starts.setdefault(i + len(particle[0]), particle[1])
                i += 1
        return "".join(out) + text[last:]

    def _kana_term_at(self, seg: str, i: int, least: int) -> tuple[str, int] | None:
        """The longest term (of at least ``least`` kana) whose reading starts ``seg`` at ``i``
        and ends where a word may end, with its length in kana."""
        terms = self.kana_terms
        for n in range(min(self._longest_kana, len(seg) - i), least - 1, -1):
            word = terms.get(seg[i : i + n])
            rest = seg[i + n :]
            if word and (not rest or n > MIN_KANA or rest.startswith(_KANA_AFTER) or self._starts_kana_term(rest)):
                return word, n
        return None

    @cached_property
    def _longest_kana(self) -> int:
        return max(map(len, self.kana_terms), default=0)

    def _starts_kana_term(self, rest: str) -> bool:
        return any(rest[:n] in self.kana_terms for n in range(MIN_KANA, min(self._longest_kana, len(rest)) + 1))

    @cached_property
    def glossary_terms(self) -> tuple[str, ...]:
        """The glossary's Japanese terms, each once."""
        return tuple(dict.fromkeys(t for values in self.glossary.values() for t in values))

    @cached_property
    def glossary_words(self) -> frozenset[str]:
        """Every word of the glossary's English keys (never read as romaji)."""
        return frozenset(w for phrase in self.glossary for w in phrase.split())

    @cached_property
    def _typo_keys(self) -> dict[str, str]:
        """Each long glossary term (at least MIN_TYPO_TERM characters, with a kanji, no
        hiragana: a phrase such as 事業を続け is no term one converts) under every spelling
        with one of its characters unknown (企業価値担保? → 企業価値担保権); a key two terms
        share stands for neither."""
        keys: dict[str, str] = {}
        for term in self.glossary_terms:
            if len(term) < MIN_TYPO_TERM or not _KANJI.search(term) or _HIRAGANA.search(term):
                continue
            for i in range(len(term)):
                key = term[:i] + "\x00" + term[i + 1 :]
                keys[key] = term if keys.get(key, term) == term else ""
        return {k: v for k, v in keys.items() if v}

    @cached_property
    def _typo_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(k) for k in self._typo_keys}, reverse=True))

    @cached_property
    def _written_terms(self) -> frozenset[str]:
        return frozenset(self.glossary_terms)

    def with_typos_fixed(self, text: str) -> str:
        """``text`` with mistyped conversions of the vocabulary's terms put right: a long term
        typed with one wrong kanji (:meth:`_one_kanji_fixed`), then a homophone
        (:meth:`with_homophones_fixed`), and a loanword with one kana wrong, missing or too
        many (:meth:`_one_kana_fixed`)."""
        return self._one_kana_fixed(self.with_homophones_fixed(self._one_kanji_fixed(text)))

    @cached_property
    def _kana_typo_keys(self) -> dict[str, str]:
        """Each katakana glossary term of MIN_TYPO_TERM characters or more under every
        spelling one kana away: one left out (ガイドラン), one wrong or one too many, marked
        by a NUL (ガイド\x00ライン); a key two terms share stands for neither."""
        keys: dict[str, str] = {}

        def put(key: str, term: str) -> None:
            keys[key] = term if keys.get(key, term) == term else ""

        for term in self.glossary_terms:
            if len(term) < MIN_TYPO_TERM or not _KATAKANA_WORD.fullmatch(term):
                continue
            for i in range(len(term) + 1):
                put(term[:i] + "\x00" + term[i:], term)  # one kana too many
                if i < len(term):
                    put(term[:i] + term[i + 1 :], term)  # one left out
                    put(term[:i] + "\x00" + term[i + 1 :], term)  # one wrong
        return {k: v for k, v in keys.items() if v}

    def _one_kana_fixed(self, text: str) -> str:
        """``text`` with a katakana loanword of the glossary typed one kana off put right
        (「ガイドラン」 → ガイドライン, 「モニタリンク」 → モニタリング): a whole run of katakana
        of MIN_KANA_TYPO characters or more that is neither a glossary term nor one word of
        the dictionary (メンバー is no mistyped メンター)."""
        keys, written = self._kana_typo_keys, self._written_terms

        def fixed(m: re.Match[str]) -> str:
            run = m.group()
            if len(run) < MIN_KANA_TYPO or run in written:
                return run
            terms = {keys[run]} if run in keys else {t for i in range(len(run)) if (t := keys.get(run[:i] + "\x00" + run[i + 1 :]))}
            # (the dictionary is read only for a run one kana off a term: a question's other
            # loanwords cost no tokenising)
            return terms.pop() if len(terms) == 1 and not dictionary_word(run) else run

        return _KATAKANA_RUN.sub(fixed, text) if keys else text

    def _one_kanji_fixed(self, text: str) -> str:
        """``text`` with a long glossary term typed with one wrong kanji put right
        (「企業価値担保件」 → 企業価値担保権, 「知財ビジネス評価署」 → 知財ビジネス評価書). Only a
        kanji is taken for a typo, only in a term of MIN_TYPO_TERM characters or more standing
        as a word of its own (no kanji or katakana right before or after it), and never where
        the text already is a term of the glossary."""
        keys, written = self._typo_keys, self._written_terms
        if not keys or not _KANJI.search(text):
            return text
        out, last, i = [], 0, 0
        while i < len(text):
            for n in self._typo_lengths:
                window = text[i : i + n]
                if len(window) < n or window in written:
                    continue
                if _COMPOUND.match(text[i - 1 : i]) or _COMPOUND.match(text[i + n : i + n + 1]):
                    continue  # part of a longer compound (生活資産担保権 holds no 全資産担保)
                term = next(
                    (
                        t
                        for j, ch in enumerate(window)
                        if _KANJI.match(ch)
                        and (t := keys.get(window[:j] + "\x00" + window[j + 1 :]))
                        # (a term already written, with the next word's first kanji: 不特定被担保
                        # 債権 + 留 of 留保額 is no typo for 不特定被担保債権者)
                        and not (j in (0, n - 1) and window[:j] + window[j + 1 :] in written)
                        # (nor a word of the vocabulary written as meant: 全財産担保 is 全財産, no
                        # mistyped 全資産担保)
                        and not self._known_word_at(window, j)
                    ),
                    None,
                )
                if term:
                    out += [text[last:i], term]
                    last = i = i + n
                    break
            else:
                i += 1
        return "".join(out) + text[last:]

    @cached_property
    def _vocabulary_words(self) -> tuple[str, ...]:
        """The everyday phrases and glossary terms of two or more characters."""
        return tuple(word for word in (*self.everyday, *self.glossary_terms) if len(word) >= 2)

    def _known_word_at(self, window: str, j: int) -> bool:
        """A word of the vocabulary (an everyday phrase, a glossary term) of two or more
        characters covers ``window[j]`` as written."""
        for word in self._vocabulary_words:
            start = window.find(word)
            while start >= 0:
                if start <= j < start + len(word):
                    return True
                start = window.find(word, start + 1)
        return False

    def with_homophones_fixed(self, text: str) -> str:
        """``text`` with a noun phrase that sounds like a glossary term or everyday noun but
        is written with other kanji put right (「経営者補償」 → 経営者保証, 「保障協会」 →
        保証協会, 「責任共有精度」 → 責任共有制度): the conversion picked a homophone. Only a
        reading of MIN_HOMOPHONE_KANA kana or more (期間 is not taken for 機関), and never a
        phrase the vocabulary itself writes."""
        if not _KANJI.search(text):
            return text
        for phrase in noun_phrases(text):
            if not _KANJI.search(phrase) or phrase in self._written_terms or phrase in self.everyday:
                continue
            if re.search(r"[0-9A-Za-z]", phrase):
                continue  # Sudachi reads no Latin word: 事業性融資WG does not sound like 事業性融資
            sound = _hiragana(reading(phrase))
            term = self.kana_terms.get(sound) if len(sound) >= MIN_HOMOPHONE_KANA else None
            if term and term != phrase and _KANJI.search(term):
                text = text.replace(phrase, term, 1)
        return text

    def with_japanese_terms(self, text: str) -> str:
        """``text`` with Japanese terms written in romaji put back in Japanese ("What does
        chizai kinyu mean?" → "What does 知財金融 mean?"): runs of up to four Latin words
        whose spelling folds onto a glossary term's reading (kinyuu, kinyu and kin'yū are
        one). Words the glossary knows as English are never read as romaji. Terms typed in
        hiragana are put back too (:meth:`with_kanji_terms`), and long terms typed with one
        wrong kanji or a homophone put right (:meth:`with_typos_fixed`). A Chinese name typed in
        simplified characters is read in the documents' Japanese forms (专利评估指引 →
        専利評価指引, :func:`assistant.text.hanzi.japanese_forms`)."""
        text = _KANA_HOW_MANY.sub(lambda m: _KANA_HOW_MANY_KANJI.get(m.group(0), "何"), japanese_forms(text))
        if not _LATIN_RUN.search(text):
            return self.with_typos_fixed(self.with_kanji_terms(text))
        text = self.with_english_typos_fixed(text)
        words = list(_LATIN_RUN.finditer(text))
        english = self.glossary_words
        out, last, i = [], 0, 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                run = words[i : i + n]
                gaps = [text[a.end() : b.start()] for a, b in pairwise(run)]
                if any(g not in (" ", "-") for g in gaps) or any(w.group().lower() in english for w in run):
                    continue
                term = self.romaji_terms.get(romaji_key(" ".join(w.group() for w in run)))
                if term:
                    out += [text[last : run[0].start()], term]
                    last, i = run[-1].end(), i + n
                    break
            else:
                i += 1
        return self.with_typos_fixed(self.with_kanji_terms("".join(out) + text[last:]))

    def with_english_typos_fixed(self, text: str) -> str:
        """``text`` with an English word typed one letter wrong put right when the right word
        is one of the glossary's ("personal guarentee" → guarantee, "startps" → startups):
        only a lower-case word of MIN_ENGLISH_TYPO letters or more that is no common English
        word, with exactly one glossary word among its candidates one edit away (for a rare
        word the list holds, "chian", two letters swapped: china). A name, an acronym or a
        common word of English is left as typed."""
        english = self.glossary_words
        out, last = [], 0
        for m in _LATIN_RUN.finditer(text):
            # (a possessive is its word's: "chian's")
            word = re.sub(r"['’]s$", "", m.group())
            if len(word) < MIN_ENGLISH_TYPO or not word.islower() or word in english:
                continue
            checker = _spellchecker()
            if checker is None or checker.word_frequency[word] >= COMMON_ENGLISH_USES:
                continue
            if word in checker:
                # (a rare word the list holds is a typo only as two letters swapped, "chian" for
                # china; "appraiser" is a word, not "appraise" mistyped)
                found = [c for c in _swapped(word) if c in english]
            else:
                found = [c for c in checker.edit_distance_1(word) if c in english]
            if len(found) == 1:
                out += [text[last : m.start()], found[0]]
                last = m.start() + len(word)
        return "".join(out) + text[last:]

    @staticmethod
    def common_english_word(word: str) -> bool:
        """``word`` is a common English word ("why", "fees", "timing"), used at least
        COMMON_ENGLISH_USES times in the word list's corpus; not a rare name it happens to
        list ("guangzhou") nor one it lacks ("dongguan")."""
        checker = _spellchecker()
        return checker is not None and checker.word_frequency[word.lower()] >= COMMON_ENGLISH_USES

    # ------------------------------------------------------------ Japanese
    def japanese_synonyms(self, term: str) -> tuple[str, ...]:
        """Document-side words for an everyday term, or ``()``."""
        return self.everyday.get(term, ())

    @property
    def everyday_phrases(self) -> tuple[str, ...]:
        return _longest_first(self.everyday)

    def everyday_in(self, text: str, whole: float = 0.0) -> list[str]:
        """Document-side words for the everyday phrases written in ``text`` (倒産したら →
        債務不履行…): a key matches as a substring, longest first, each place used once.
        ``whole``: the share of ``text`` a key must cover (a compound noun such as
        ミライ精工株式会社 is not stood in for by the everyday word 会社 inside it)."""
        found: list[str] = []
        # (「返せんくなったら」 reads as 「返せなくなったら」)
        rest = standard_negatives(text)
        for phrase in self.everyday_phrases:
            # (its okurigana written in kana: 焦げつ of 焦げ付)
            for form in dict.fromkeys((phrase, _KANA_TSUKI.sub("つ", phrase))):
                if len(form) >= 2 and form in rest and len(form) >= whole * len(text):
                    found.extend(self.everyday[phrase])
                    rest = rest.replace(form, "\x00")
        return list(dict.fromkeys(found))

    def intents_of(self, text: str) -> list[str]:
        """Every intent the question shows, the main one first (the file's order). A request
        wrapper is looked through: "Can you tell me when the law took effect?" asks *when*,
        not yes or no."""
        inner = self.unwrap(text)
        read = text if inner is None else inner
        found = [
            i for i in self.intents if i.pattern.search(read) or (inner is not None and i.embedded and i.embedded.search(inner))
        ]
        if len(found) > 1 and found[0].asks is not None and not self._asked_where_named(found[0], read):
            found = [*found[1:], found[0]]  # named by a noun only: the question asks something else
        return [i.name for i in found]

    def asks(self, text: str, name: str) -> bool:
        """Whether ``text`` asks intent ``name`` with its asking words where it is named, not by
        a noun only (「費用負担は生じるのでしょうか」 names 費用 but asks no amount)."""
        intent = self.intent(name)
        if intent is None or not intent.pattern.search(text):
            return False
        return intent.asks is None or self._asked_where_named(intent, text)

    @staticmethod
    def _asked_where_named(intent: Intent, text: str) -> bool:
        """Whether ``intent``'s asking words are in a clause its pattern matches: in
        「評価書とはどのようなもので、費用負担は生じるのでしょうか」 the どの asks what the
        report is, not how much the 費用 is. (English clauses are not split: "the fee, what
        is it?")"""
        assert intent.asks is not None
        if not _JAPANESE.search(text):
            return bool(intent.asks.search(text))
        return any(intent.pattern.search(c) and intent.asks.search(c) for c in _JA_CLAUSE.split(text))

    def unwrap(self, text: str) -> str | None:
        """The question inside a polite request ("Could you explain what X is?" → "what X
        is?", 「いつ始まったか教えてください」 → 「いつ始まったか」), or None when ``text`` is
        not wrapped (or the wrapper is all there is)."""
        inner = text.strip()
        for pattern in self.requests:
            inner = pattern.sub("", inner, count=1).strip()
        return inner if inner and inner != text.strip() else None

    def intent(self, name: str) -> Intent | None:
        return next((i for i in self.intents if i.name == name), None)

    def quantities_in(self, text: str, intents: list[str] | tuple[str, ...] | None = None) -> list[Quantity]:
        """The quantities ``text`` asks for: named in it, and asked by its main intent
        (``intents``: those of the sentences that ask, when a remark beside them reads as
        another intent, "…? KODIT in Korea is around 1%, want compare"). A yes/no question about
        one (「費用はかかりますか」, "Do they subsidise the fees?") asks about it, not for its
        figure: the answer names it, with or without a number."""
        intents = list(self.intents_of(text) if intents is None else intents)
        main = intents[:1] or ["other"]
        out = []
        for q in self.quantities:
            if not q.pattern.search(text):
                continue
            # (a person asked in a part of its own: "Who heads …, and when did it first meet?")
            if "any" in q.intents or set(main) & set(q.intents) or (q.person and set(intents) & set(q.intents)):
                out.append(q)
            # (or as a yes/no after a case, 「申し込んだらお金かかるん？」)
            elif "yesno" in intents and q.nouns and not (q.name or q.person):
                out.append(replace(q, units=frozenset(), figure=False))
        return out

    def intent_terms(self, text: str) -> list[str]:
        """Extra search terms implied by how the question is asked."""
        out: list[str] = []
        for pattern, terms in self.search_terms:
            if pattern.search(text):
                out.extend(terms)
        return out

    def wants(self, text: str, answer_type: str) -> bool:
        pattern = self.answer_types.get(answer_type)
        return bool(pattern and pattern.search(text))

    # ------------------------------------------------------------ places
    @cached_property
    def place_words(self) -> dict[str, tuple[str, ...]]:
        """English glossary words that name a listed place ("guangdong" → 広東省's country)."""
        out: dict[str, tuple[str, ...]] = {}
        for word, terms in self.glossary.items():
            codes = tuple(
                dict.fromkeys(p.country for p in self.places if any(t in p.name or p.name in t for t in terms))
            )
            if codes:
                out[word] = codes
        return out

    @property
    def place_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.places)

    def place_words_in(self, text: str) -> list[tuple[int, str]]:
        """Where ``text`` names a place by an English glossary word, whole and in any case
        ("china", "Guangdong", "chinas"), and the word; not "us", which only _US reads ("tell
        us")."""
        lowered = " " + "".join(ch if ch.isalnum() or ch in "- " else " " for ch in text.lower()) + " "
        # (a possessive typed without its apostrophe names the place too: "japans new law")
        found = (
            (next((at for form in (f" {word} ", f" {word}s ") if (at := lowered.find(form)) >= 0), -1), word)
            for word in self.place_words
            if word != "us"
        )
        return [(at, word) for at, word in found if at >= 0]

    @cached_property
    def place_spellings(self) -> dict[str, str]:
        """Every way a question may write a listed place, to its jurisdiction: the name
        (深圳市), a city's or province's name without 市 or 省 (深圳, 広東), and an everyday
        spelling the lexicon maps to one of them (深セン → 深圳)."""
        out = {p.name: p.country for p in self.places}
        for p in self.places:
            if p.region_of and p.name.endswith(("市", "省")) and len(p.name) >= 3:
                out.setdefault(p.name[:-1], p.country)
        for word, terms in self.everyday.items():
            codes = {out[t] for t in terms if t in out}
            if len(codes) == 1:
                out.setdefault(word, codes.pop())
        return out

    def named_jurisdictions(self, text: str) -> tuple[str, ...]:
        """The jurisdictions of the places ``text`` names, in order (English names too, and
        the spellings of :attr:`place_spellings`)."""
        found: list[tuple[int, str]] = []
        for name, country in self.place_spellings.items():
            at = text.find(name)
            if at >= 0:
                found.append((at, country))
        if any(c.isascii() and c.isalpha() for c in text):
            # "US", "U.S." and "the us" name the United States, "tell us" does not: read by _US,
            # not as the word "us" below
            if us := _us_named(text):
                found.append((us.start(), "us"))
            if english := _ENGLISH_LAW.search(text):
                found.append((english.start(), "gb"))
            for at, word in self.place_words_in(text):
                found += [(at, code) for code in self.place_words[word]]
        return tuple(dict.fromkeys(code for _, code in sorted(found)))

    def cities_in(self, text: str) -> frozenset[str]:
        """The cities (places named …市) ``text`` names, by their names without 市: 深圳 of
        深圳市, and of "Shenzhen" through the glossary."""
        said = self._with_japanese(text)
        return frozenset(stem for p in self.places if p.name.endswith("市") and (stem := p.name[:-1]) in said)

    def regions_in(self, text: str) -> frozenset[str]:
        """The places within a country (``region_of``: 広東省, 深圳市, 上海) ``text`` names, by
        their names without 省 or 市 (広東, 深圳), in Japanese or through the glossary."""
        said = self._with_japanese(text)
        stems = (p.name[:-1] if p.name.endswith(("市", "省")) else p.name for p in self.places if p.region_of)
        return frozenset(stem for stem in stems if stem in said)

    def _with_japanese(self, text: str) -> str:
        """``text`` followed by the glossary's Japanese for its English words ("Shenzhen" →
        深圳市), when it has any Latin letters, and by the documents' spelling of a place
        it writes another way (深セン → 深圳)."""
        if any(c.isascii() and c.isalpha() for c in text):
            text += "".join(self.expand_english(text))
        return self.respell_places(text)

    def respell_places(self, text: str) -> str:
        """``text`` with each place written another way than the documents write it, in
        their spelling (「深センの取引所」 → 「深圳の取引所」)."""
        for word, spelling in self._respellings.items():
            if word in text:
                text = text.replace(word, spelling)
        return text

    @cached_property
    def _respellings(self) -> dict[str, str]:
        """The everyday spellings of :attr:`place_spellings` and the documents' spelling of each."""
        return {word: self.everyday[word][0] for word in self.place_spellings if word in self.everyday}

    def local_terms_in(self, text: str) -> list[str]:
        """The words the documents of the place ``text`` names use for the general terms it
        uses (「中国の知財担保融資」 → 知財質押融資; "IP-backed lending in China" too); none
        when it names several places."""
        return [local for locals_ in self.local_words(text).values() for local in locals_]

    def local_words(self, text: str) -> dict[str, tuple[str, ...]]:
        """:meth:`local_terms_in` by the general term ``text`` uses (知財担保融資 → (知財質押融資,))."""
        codes = self.named_jurisdictions(text)
        if len(codes) != 1 or codes[0] not in self.local_terms:
            return {}  # with several places named, none's words may crowd the others out
        said = text + "".join(self.expand_english(text))
        return {general: locals_ for general, locals_ in self.local_terms[codes[0]].items() if general in said}

    def place(self, name: str) -> Place | None:
        return next((p for p in self.places if p.name == name), None)

    def jurisdiction(self, code: str) -> Jurisdiction | None:
        return self.jurisdictions.get(code)


_WORD = re.compile(r"[a-z0-9][a-z0-9\-]*")


def _swapped(word: str) -> set[str]:
    """``word`` with two adjacent letters swapped, every way ("chian" → "hcian", …, "china")."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
#: A word in Latin letters, macrons and apostrophes allowed (Kin'yū).
#: The shortest English word taken for a typo ("guarentee"; not "loan", "lien").
MIN_ENGLISH_TYPO = 5
#: Uses in the English word list's corpus from which a word is common English, not a name.
COMMON_ENGLISH_USES = 1000


@lru_cache(maxsize=1)
def _spellchecker() -> SpellChecker | None:
    """The English word list, loaded on the first English word not in the glossary (0.1 s);
    None when pyspellchecker is not installed."""
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return SpellChecker(language="en", distance=1)


_LATIN_RUN = re.compile(r"[A-Za-zĀĪŪĒŌāīūēōÂÎÛÊÔâîûêô]+(?:['’][A-Za-zāīūēōâîûêô]+)?")
#: Letters a romaji key needs to stand for a term ("tanpo" does; "ken" would match English).
MIN_ROMAJI = 5
#: Kana a hiragana reading needs to stand for a term (たんぽ does; そん would match 存じる).
MIN_KANA = 3
#: A glossary term this long or longer is put right when typed with one wrong kanji.
MIN_TYPO_TERM = 5
#: A noun phrase whose reading is this long or longer, and a term's, is that term.
MIN_HOMOPHONE_KANA = 6
#: 付 after kana (焦げ付く), often typed in kana (焦げつく).
_KANA_TSUKI = re.compile(r"(?<=[ぁ-ん])付")
#: A katakana run this long or longer, one kana off a glossary loanword, is that loanword.
MIN_KANA_TYPO = 4
_KATAKANA_WORD = re.compile(r"[ァ-ヺー・]+")
#: A whole run of katakana, a middle dot only inside it (証券化・オークション is a list).
_KATAKANA_RUN = re.compile(r"(?<![ァ-ヺー])[ァ-ヺー](?:[ァ-ヺー・]*[ァ-ヺー])?(?![ァ-ヺー])")
_KANJI = re.compile(r"[一-龥々]")
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_JAPANESE = re.compile(r"[ぁ-ゖァ-ヺ一-龥]")
#: Where a Japanese question's clauses part (「…とはどのようなもので、…生じるのでしょうか」).
_JA_CLAUSE = re.compile(r"[、。？?！!]")
_COMPOUND = re.compile(r"[一-龥々ァ-ヶー]")
_HIRAGANA_RUN = re.compile(r"[ぁ-ゖー]+")
#: A noun as the everyday vocabulary writes it (給料, 社長の家 is not): kanji, maybe katakana.
_NOUN_WORD = re.compile(r"[一-龥ァ-ヶー]*[一-龥][一-龥ァ-ヶー]*")
#: Particles after which a word may start in a run of hiragana, with the kana it then needs
#: (は, が, を also end words: 「たかはしさん」 holds no 資産), and those with which it may end.
_KANA_BEFORE = (
    ("って", MIN_KANA), ("とか", MIN_KANA), ("には", MIN_KANA), ("では", MIN_KANA), ("とは", MIN_KANA),
    ("の", MIN_KANA), ("は", 4), ("が", 4), ("を", 4), ("や", 4),
)  # fmt: skip
_KANA_AFTER = ("って", "とか", "から", "まで", "より", "なら", "じゃ", "は", "が", "を", "の", "に", "で", "と", "も", "や", "へ", "か", "だ", "です", "する", "し")


#: A number followed by a date's counter in hiragana (2022ねん, 4がつ, 25にち, 2025ねんど).
_DATE_COUNTERS = {"ねんど": "年度", "ねん": "年", "がつ": "月", "にち": "日"}
_KANA_DATE = re.compile(r"(\d{1,4})(ねんど|ねん|がつ|にち)")
#: Question words for a figure typed in hiragana (「銀行はなんわり負担するの？」).
_KANA_ASKS = {"なんわり": "何割", "なんぱーせんと": "何パーセント", "なんパーセント": "何パーセント", "なんけん": "何件", "なんしゃ": "何社"}
_KANA_ASK = re.compile("|".join(_KANA_ASKS))


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


def _spellings(term: str) -> list[tuple[str, str]]:
    """``term`` and its words of two characters or more, each with its katakana reading
    (企業価値担保権 → キギョウカチタンポケン, 担保 → タンポ …); none for a Latin term."""
    if term.isascii():
        return []
    words = readings(term)
    return [(term, "".join(r for _, r in words)), *((w, r) for w, r in words if len(w) >= 2)]


def _english_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word) if word.isalpha() and len(word) > 3 else word


_STEMMER = snowballstemmer.stemmer("english")


def _same_word(a: str, b: str) -> bool:
    return a == b


def _same_stem(a: str, b: str) -> bool:
    """One word in two forms (insurers ~ insurance); not a derived word of another meaning
    ("receivables" is not what was "received", nor a "receiver")."""
    stem = _stem(a)
    if not (stem == _stem(b) and a.startswith(stem) and b.startswith(stem)):
        return False
    ends = [w[len(stem) :] for w in (a, b)]
    if any(e.startswith(("abl", "ibl")) for e in ends):
        return False
    # A verb's past form is the verb ("secured" ~ "secure"), not a noun made from it:
    # what was "received" is not a "receiver" (管財人).
    return not any(e.endswith("ed") for e in ends) or all(e in _VERB_ENDINGS for e in ends)


_VERB_ENDINGS = frozenset({"", "e", "s", "es", "d", "ed", "ing"})


@lru_cache(maxsize=8)
def _phrase_index(
    phrases: tuple[str, ...],
) -> tuple[dict[tuple[str, int], tuple[tuple[str, tuple[str, ...]], ...]], tuple[int, ...]]:
    """Glossary phrases by (stem of their first word, number of words), longer phrases first
    within each, and the phrase lengths, longest first: a question's words are looked up,
    not every phrase tried at every word (this runs for every query)."""
    table: dict[tuple[str, int], list[tuple[str, tuple[str, ...]]]] = {}
    for phrase in phrases:
        words = tuple(_english_words(phrase))
        if words:
            table.setdefault((_stem(words[0]), len(words)), []).append((phrase, words))
    index = {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in table.items()}
    return index, tuple(sorted({n for _, n in index}, reverse=True))


def _longest_first(table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted(table, key=len, reverse=True))


# ---------------------------------------------------------------- reading and checking


def _read(corpus_dir: str, name: str) -> tuple[dict, str]:
    own = Path(corpus_dir) / LEXICON_DIR / name if corpus_dir else None
    path = own if own is not None and own.is_file() else BUNDLED / name
    if not path.is_file():
        raise ConfigError(f"The lexicon file {name} is missing.", f"Restore corpus/{LEXICON_DIR}/{name} from the repository.")
    try:
        data = load_yaml(path)
    except YamlLimitError as exc:
        raise ConfigError(f"{path}: {exc}.", "Fix the file.") from exc
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as YAML ({exc.__class__.__name__}).", "Fix the file.") from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ConfigError(f"{path}: expected a mapping with `version: 1`.", "See corpus/README.md for the format.")
    return data, str(path)


def _terms(data: dict, where: str) -> dict[str, tuple[str, ...]]:
    terms = data.get("terms")
    if not isinstance(terms, dict):
        raise ConfigError(f"{where}: `terms:` must map words to lists of words.")
    out: dict[str, tuple[str, ...]] = {}
    for key, values in terms.items():
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(f"{where}: a key must be a non-empty word (it is {key!r}).")
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
            raise ConfigError(f"{where}: `{key}` needs a list of words, e.g. `{key}: [融資, 資金]`.")
        out[key] = tuple(values)
    return out


def _regex(raw: object, where: str) -> re.Pattern[str]:
    if not isinstance(raw, str) or not raw:
        raise ConfigError(f"{where}: a pattern must be a non-empty regular expression.")
    try:
        return re.compile(raw, re.I)
    except re.error as exc:
        raise ConfigError(f"{where}: {raw!r} is not a valid regular expression ({exc}).") from exc


def _places(data: dict, where: str) -> tuple[tuple[Place, ...], dict[str, Jurisdiction], str]:
    juris: dict[str, Jurisdiction] = {}
    for code, labels in (data.get("jurisdictions") or {}).items():
        if not isinstance(code, str) or not _CODE.match(code) or not isinstance(labels, dict) or "ja" not in labels:
            raise ConfigError(f"{where}: jurisdiction {code!r} needs a short lower-case code and a `ja` label.")
        juris[code] = Jurisdiction(code, {str(k): str(v) for k, v in labels.items()})
    default = str(data.get("default") or "jp")
    if default not in juris:
        raise ConfigError(f"{where}: the default jurisdiction {default!r} is not listed under `jurisdictions`.")
    places: list[Place] = []
    for i, raw in enumerate(data.get("places") or [], start=1):
        if not isinstance(raw, dict) or not raw.get("name") or raw.get("country") not in juris:
            raise ConfigError(f"{where}: place {i} ({raw!r}) needs a `name` and a `country` from `jurisdictions`.")
        places.append(Place(str(raw["name"]), str(raw["country"]), str(raw.get("same_as") or ""), str(raw.get("region_of") or "")))
    names = {p.name for p in places}
    for p in places:
        for ref in (p.same_as, p.region_of):
            if ref and ref not in names:
                raise ConfigError(f"{where}: place {p.name} refers to {ref!r}, which is not listed.")
    return tuple(places), juris, default


def _local_terms(data: dict, where: str, juris: dict[str, Jurisdiction]) -> dict[str, dict[str, tuple[str, ...]]]:
    raw = data.get("local_terms") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: `local_terms` must map a jurisdiction code to {{general term: [its words]}}.")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for code, terms in raw.items():
        if code not in juris or not isinstance(terms, dict):
            raise ConfigError(f"{where}: local_terms {code!r} must be a listed jurisdiction with a mapping of terms.")
        out[code] = {}
        for general, words in terms.items():
            if not isinstance(words, list) or not words:
                raise ConfigError(f"{where}: local_terms {code}.{general} needs a list of words, e.g. [知財質押融資].")
            out[code][str(general)] = tuple(str(w) for w in words)
    return out


def _intents(data: dict, where: str) -> tuple:
    money = frozenset(str(u) for u in data.get("money_units") or [])
    search = []
    for i, raw in enumerate(data.get("search_terms") or [], start=1):
        terms = raw.get("terms") if isinstance(raw, dict) else None
        if not isinstance(terms, list) or not terms:
            raise ConfigError(f"{where}: search_terms entry {i} needs `terms: [...]`.")
        search.append((_regex(raw.get("pattern"), f"{where} search_terms {i}"), tuple(map(str, terms))))
    types = {str(k): _regex(v, f"{where} answer_types.{k}") for k, v in (data.get("answer_types") or {}).items()}
    requests = []
    for i, raw in enumerate(data.get("figure_requests") or [], start=1):
        units = raw.get("units") if isinstance(raw, dict) else None
        if not isinstance(units, list) or not units:
            raise ConfigError(f"{where}: figure_requests entry {i} needs `units: [...]`.")
        expanded = frozenset(u for unit in map(str, units) for u in (money if unit == "money" else {unit}))
        pattern = _regex(raw.get("pattern"), f"{where} figure_requests {i}")
        requests.append(FigureRequest(pattern, expanded, fallback=bool(raw.get("fallback", False))))
    intents = []
    for i, raw in enumerate(data.get("intents") or [], start=1):
        if not isinstance(raw, dict) or not raw.get("name"):
            raise ConfigError(f"{where}: intents entry {i} needs a `name` and a `pattern`.")
        cues = _regex(raw["cues"], f"{where} intents {raw['name']} cues") if raw.get("cues") else None
        embedded = _regex(raw["embedded"], f"{where} intents {raw['name']} embedded") if raw.get("embedded") else None
        pattern = _regex(raw.get("pattern"), f"{where} intents {raw['name']}")
        asks = _regex(raw["asks"], f"{where} intents {raw['name']} asks") if raw.get("asks") else None
        intents.append(Intent(str(raw["name"]), pattern, cues, embedded, asks))
    quantities = []
    for i, raw in enumerate(data.get("quantities") or [], start=1):
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: quantities entry {i} must be a mapping.")
        units = frozenset(u for unit in map(str, raw.get("units") or []) for u in (money if unit == "money" else {unit}))
        nouns = tuple(str(n) for n in raw.get("nouns") or [])
        asked_by = tuple(str(n) for n in raw.get("intents") or ["howmuch"])
        kind = raw.get("name", False)
        if kind not in (True, False, "person"):
            raise ConfigError(f"{where}: quantities entry {i}: `name` must be true, false or person, not {kind!r}.")
        name, person = bool(kind), kind == "person"
        if not nouns and not name:
            raise ConfigError(f"{where}: quantities entry {i} needs `nouns: [...]` (words of a sentence that states it).")
        pattern = _regex(raw.get("pattern"), f"{where} quantities {i}")
        quantities.append(
            Quantity(
                pattern, nouns, units, asked_by, figure=bool(raw.get("figure", True)), name=name, person=person,
                carries=bool(raw.get("carries", True)),
            )
        )
    wrappers = data.get("requests") or []
    if not isinstance(wrappers, list):
        raise ConfigError(f"{where}: `requests` must be a list of patterns.")
    wrapped = tuple(_regex(w, f"{where} requests {i}") for i, w in enumerate(wrappers, start=1))
    return tuple(search), types, tuple(requests), money, tuple(intents), tuple(quantities), wrapped


@lru_cache(maxsize=8)
def _load(corpus_dir: str) -> Lexicon:
    glossary, g_path = _read(corpus_dir, "glossary.yaml")
    everyday, e_path = _read(corpus_dir, "everyday.yaml")
    places, p_path = _read(corpus_dir, "places.yaml")
    intents, i_path = _read(corpus_dir, "intents.yaml")
    place_list, juris, default = _places(places, p_path)
    search, types, requests, money, intent_list, quantities, wrappers = _intents(intents, i_path)
    return Lexicon(
        glossary={k.lower(): v for k, v in _terms(glossary, g_path).items()},
        everyday=_terms(everyday, e_path),
        places=place_list,
        jurisdictions=juris,
        local_terms=_local_terms(places, p_path, juris),
        default_jurisdiction=default,
        search_terms=search,
        answer_types=types,
        figure_requests=requests,
        money_units=money,
        intents=intent_list,
        quantities=quantities,
        requests=wrappers,
    )
