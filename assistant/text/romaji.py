"""Japanese terms written in the Latin alphabet ("chizai kinyu" for 知財金融).

English readers often type a Japanese term as they heard it. :func:`romaji` spells a
katakana reading in Hepburn, and :func:`romaji_key` folds the spellings people use for one
reading onto one key: long vowels written or not (kinyuu, kinyu, kinyū), ``n'`` and ``m``
before b/p/m (tampoken, tanpoken), spaces and hyphens (chizai-kinyu, chizaikinyu).
"""

from __future__ import annotations

import re
import unicodedata

_DIGRAPHS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo",
    "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo", "ジェ": "je", "シェ": "she", "チェ": "che",
    "ティ": "ti", "ディ": "di", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo",
}  # fmt: skip
_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "s": "サシスセソ", "t": "タチツテト", "n": "ナニヌネノ",
    "h": "ハヒフヘホ", "m": "マミムメモ", "y": "ヤ-ユ-ヨ", "r": "ラリルレロ", "w": "ワ---ヲ",
    "g": "ガギグゲゴ", "z": "ザジズゼゾ", "d": "ダヂヅデド", "b": "バビブベボ", "p": "パピプペポ",
}  # fmt: skip
_MONO = {k: c + v for c, row in _ROWS.items() for k, v in zip(row, "aiueo", strict=True) if k != "-"}
_MONO |= {"シ": "shi", "チ": "chi", "ツ": "tsu", "フ": "fu", "ジ": "ji", "ヂ": "ji", "ヅ": "zu", "ヲ": "o",
          "ン": "n", "ヴ": "vu", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}  # fmt: skip


def romaji(katakana: str) -> str:
    """Hepburn spelling of a katakana (or hiragana) reading; other characters are dropped.
    A long-vowel mark is left out, as most people type it ("kinyu" for キンユー)."""
    kana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in katakana)
    out: list[str] = []
    double = False
    i = 0
    while i < len(kana):
        pair, c = kana[i : i + 2], kana[i]
        if pair in _DIGRAPHS:
            syllable, i = _DIGRAPHS[pair], i + 2
        elif c == "ッ":
            double, i = True, i + 1
            continue
        else:
            syllable, i = _MONO.get(c, ""), i + 1
        if double and syllable:
            syllable = syllable[0] + syllable
        double = False
        out.append(syllable)
    return "".join(out)


_FOLDS = (
    (re.compile(r"[^a-z]"), ""),  # spaces, hyphens, apostrophes (shin'yo)
    (re.compile(r"m(?=[bpm])"), "n"),  # tampo → tanpo
    (re.compile(r"nn"), "n"),  # kinnyu → kinyu
    (re.compile(r"ou"), "o"),  # kigyou → kigyo
    (re.compile(r"([aiueo])\1+"), r"\1"),  # kinyuu → kinyu, okii → oki
)


def romaji_key(text: str) -> str:
    """One key for the ways a reading is spelled: lower case, macrons and circumflexes
    removed (ō → o), long vowels folded, no spaces or punctuation."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    for pattern, repl in _FOLDS:
        text = pattern.sub(repl, text)
    return text
