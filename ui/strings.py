"""Every UI string, Japanese first, English second. Look up with ``t(key, lang)``."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "title": {"ja": "ipfin 知財金融アシスタント", "en": "ipfin IP-finance assistant"},
    "caption": {
        "ja": "知財金融と企業価値担保権について、索引にある文書だけを根拠に出典付きで答えます。投資・法律の助言ではありません。",
        "en": "Answers about IP finance and the enterprise value charge, only from the indexed documents, with sources. Not legal or investment advice.",
    },
    "input": {
        "ja": "質問を入力してください(例: 企業価値担保権とは何ですか？)",
        "en": "Ask a question (e.g. What is the enterprise value charge?)",
    },
    "new_chat": {"ja": "新しい会話", "en": "New conversation"},
    "language": {"ja": "表示言語", "en": "Language"},
    "thinking": {"ja": "文書を検索しています…", "en": "Searching the documents…"},
    "sources": {"ja": "出典", "en": "Sources"},
    "searched_as": {"ja": "検索に使った質問", "en": "Searched as"},
    "abstained": {"ja": "文書に記載がありません", "en": "Not covered by the documents"},
    "reason": {"ja": "理由", "en": "Reason"},
    "page": {"ja": "ページ", "en": "page"},
    "section": {"ja": "節", "en": "section"},
    "open_source": {"ja": "出典を開く", "en": "Open the source"},
    "no_index": {
        "ja": "索引がまだありません。ターミナルで `ipfin ingest`(または `make run`)を実行してください。",
        "en": "There is no index yet. Run `ipfin ingest` (or `make run`) in a terminal.",
    },
    "error": {"ja": "エラー", "en": "Error"},
    "starters": {
        "ja": "広東省では知財担保融資の損失をどう分担していますか？\n企業価値担保権を設定すると経営者保証はどうなりますか？\n企業価値担保権はいつから使えますか？",
        "en": "How did China share default risk?\nWhat does the enterprise value charge mean for personal guarantees?\nWhen does the enterprise value charge take effect?",
    },
    "try": {"ja": "質問の例", "en": "Try asking"},
    "documents": {"ja": "索引の文書数", "en": "Indexed documents"},
}


def t(key: str, lang: str = "ja") -> str:
    entry = STRINGS[key]
    return entry.get(lang) or entry["ja"]
