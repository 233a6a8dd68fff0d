"""Every UI string, Japanese first, English second. Look up with ``t(key, lang)``.

Strings with ``{name}`` placeholders are filled with ``t(key, lang).format(...)``; the
values filled in are escaped by the caller wherever they came from a user or a document.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "verified": {
        "ja": "生成AIの回答を一文ずつ資料と照合しました: {supported} 文を確認、{unsupported} 文は確認できず",
        "en": "The language model's answer was checked sentence by sentence: {supported} confirmed, {unsupported} not confirmed",
    },
    "verified_removed": {"ja": "(確認できない文は削除)", "en": " (unconfirmed sentences removed)"},
    # ------------------------------------------------------------ app / sidebar
    "title": {"ja": "ipfin 知財金融アシスタント", "en": "ipfin IP-finance assistant"},
    "caption": {
        "ja": "知財金融と企業価値担保権について、索引にある文書だけを根拠に出典付きで答えます。投資・法律の助言ではありません。",
        "en": "Answers about IP finance and the enterprise value charge, only from the indexed documents, with sources. Not legal or investment advice.",
    },
    "nav_chat": {"ja": "チャット", "en": "Chat"},
    "nav_navigator": {"ja": "選択肢ナビ", "en": "Options navigator"},
    "nav_sources": {"ja": "文書一覧", "en": "Sources"},
    "language": {"ja": "表示言語", "en": "Language"},
    "persona": {"ja": "利用者の立場", "en": "I am a…"},
    "persona_help": {
        "ja": "立場に合わせて質問の例と回答の見せ方が変わります。回答の根拠(引用する文)は変わりません。",
        "en": "Changes the example questions and how answers are framed; the quoted evidence stays the same.",
    },
    "documents": {"ja": "索引の文書数", "en": "Indexed documents"},
    "no_index": {
        "ja": "索引がまだありません。ターミナルで `ipfin ingest`(または `make run`)を実行してください。",
        "en": "There is no index yet. Run `ipfin ingest` (or `make run`) in a terminal.",
    },
    "error": {"ja": "エラー", "en": "Error"},
    # ------------------------------------------------------------ chat
    "input": {
        "ja": "質問を入力してください(例: 企業価値担保権とは何ですか？)",
        "en": "Ask a question (e.g. What is the enterprise value charge?)",
    },
    "new_chat": {"ja": "新しい会話", "en": "New conversation"},
    "thinking": {"ja": "文書を検索しています…", "en": "Searching the documents…"},
    "try": {"ja": "質問の例", "en": "Try asking"},
    "searched_as": {"ja": "検索に使った質問", "en": "Searched as"},
    "abstained": {"ja": "文書に記載がありません", "en": "Not covered by the documents"},
    "not_covered": {"ja": "索引の文書で確認できなかった点", "en": "What the documents do not cover"},
    "where_to_ask": {"ja": "相談先の例(一般的な案内)", "en": "Where to ask (general guidance)"},
    "where_to_ask_items": {
        "ja": "知財金融ポータルサイト(特許庁)\nお取引のある金融機関\n弁理士・中小企業診断士などの専門家\n各制度を所管する官庁の窓口",
        "en": "The JPO's IP finance portal (知財金融ポータルサイト)\nYour bank\nA patent attorney or SME consultant\nThe ministry in charge of the scheme",
    },
    "conflict_notice": {
        "ja": "出典によって内容(数値など)が異なります。両方の出典を示しています。各出典カードで原文を確かめてください。",
        "en": "The sources disagree (e.g. on a figure). Both are shown; check each source card.",
    },
    "evidence": {"ja": "根拠の強さ", "en": "Evidence"},
    "evidence_strong": {"ja": "強い", "en": "strong"},
    "evidence_moderate": {"ja": "中程度", "en": "moderate"},
    "evidence_weak": {"ja": "弱い(原文を必ず確認してください)", "en": "weak (check the sources)"},
    "evidence_detail": {
        "ja": "主要語の被覆率 {coverage} · 文の類似度 {similarity} · 確信度 {confidence}",
        "en": "key-term coverage {coverage} · sentence similarity {similarity} · confidence {confidence}",
    },
    "points": {"ja": "この回答の論点", "en": "Points in this answer"},
    "next_steps": {"ja": "次の一歩", "en": "Next steps"},
    "next_steps_note": {
        "ja": "一般的な案内であり、出典に基づく事実ではありません。",
        "en": "General guidance, not a sourced fact.",
    },
    "sources": {"ja": "出典", "en": "Sources"},
    "page": {"ja": "ページ", "en": "page"},
    "section": {"ja": "節", "en": "section"},
    "kind_brief": {"ja": "要約ブリーフ", "en": "Summary brief"},
    "kind_primary": {"ja": "公式文書", "en": "Official document"},
    "kind_secondary": {"ja": "解説記事(二次情報)", "en": "Commentary (secondary)"},
    "kind_user": {"ja": "利用者の文書", "en": "Your document"},
    "quote_in_context": {
        "ja": "引用した文(黄色)と、その前後の文脈",
        "en": "The quoted sentence (highlighted) in its context",
    },
    "fact_source": {"ja": "この事実の出典", "en": "Source of this fact"},
    "official_doc": {"ja": "公式文書", "en": "Official document"},
    "related_official": {"ja": "関連する公式文書", "en": "Related official document"},
    "open_document": {"ja": "文書を開く", "en": "Open the document"},
    "feedback_prompt": {"ja": "この回答は役に立ちましたか？", "en": "Was this answer helpful?"},
    "feedback_comment": {"ja": "コメント(任意)", "en": "Comment (optional)"},
    "feedback_send": {"ja": "コメントを送る", "en": "Send comment"},
    "feedback_thanks": {"ja": "評価を記録しました。ありがとうございます。", "en": "Thank you, your rating was saved."},
    "feedback_comment_thanks": {"ja": "コメントを記録しました。", "en": "Your comment was saved."},
    "export_button": {"ja": "会話を Markdown で保存", "en": "Save the conversation as Markdown"},
    # ------------------------------------------------------------ navigator
    "nav_title": {"ja": "資金調達の選択肢ナビ", "en": "Financing options navigator"},
    "nav_intro": {
        "ja": "いくつかの質問に答えると、合いそうな資金調達の選択肢を、理由・注意点・次の一歩とともに示します。各項目は索引の文書からの引用で、出典番号が付いています。",
        "en": "Answer a few questions to see the financing options that may fit, with reasons, caveats and next steps. Every point is a quote from the indexed documents, with its source number.",
    },
    "q_company_form": {"ja": "会社の形態", "en": "Company form"},
    "company_form_kabushiki": {"ja": "株式会社", "en": "Stock company (株式会社)"},
    "company_form_mochibun": {"ja": "持分会社(合同会社など)", "en": "Membership company (持分会社, e.g. GK)"},
    "company_form_kojin": {"ja": "個人事業主", "en": "Sole proprietor (個人事業主)"},
    "q_registered_ip": {
        "ja": "登録済みの知的財産(特許・商標・意匠など)がありますか？",
        "en": "Do you have registered IP (patents, trademarks, designs)?",
    },
    "q_real_estate": {
        "ja": "担保にできる不動産がありますか？",
        "en": "Do you have real estate to offer as collateral?",
    },
    "q_avoid_guarantee": {
        "ja": "経営者保証(個人保証)を避けたいですか？",
        "en": "Do you want to avoid a personal guarantee?",
    },
    "q_stage": {"ja": "事業の段階", "en": "Stage of the business"},
    "stage_sogyo": {"ja": "創業", "en": "Founding"},
    "stage_seicho": {"ja": "成長", "en": "Growth"},
    "stage_shokei": {"ja": "承継", "en": "Succession"},
    "stage_saisei": {"ja": "再生", "en": "Turnaround"},
    "yes": {"ja": "はい", "en": "Yes"},
    "no": {"ja": "いいえ", "en": "No"},
    "nav_submit": {"ja": "選択肢を表示", "en": "Show options"},
    "nav_results": {"ja": "合いそうな選択肢", "en": "Options that may fit"},
    "nav_why": {"ja": "合う理由", "en": "Why it may fit"},
    "nav_caveats": {"ja": "注意点", "en": "Caveats"},
    "nav_next": {"ja": "次の一歩に関わる記述", "en": "Towards next steps"},
    "nav_excluded": {"ja": "合わない選択肢", "en": "Options that do not fit"},
    "nav_none": {
        "ja": "この条件に合う選択肢は、索引の文書からは見つかりませんでした。金融機関や専門家にご相談ください。",
        "en": "The indexed documents suggest no option for this profile. Please ask your bank or an expert.",
    },
    "nav_result_sources": {"ja": "この結果の出典", "en": "Sources of these results"},
    "nav_disclaimer": {
        "ja": "表示は文書の記述に基づく整理であり、融資の可否を判断するものではありません。",
        "en": "This sorts what the documents say; it does not decide whether a loan will be granted.",
    },
    "cited_as": {"ja": "出典", "en": "Source"},
    # ------------------------------------------------------------ sources page
    "src_title": {"ja": "文書一覧", "en": "Indexed documents"},
    "src_intro": {
        "ja": "回答の根拠になる、索引にあるすべての文書です。",
        "en": "Every document the answers can draw on.",
    },
    "col_title": {"ja": "文書名", "en": "Title"},
    "col_kind": {"ja": "種類", "en": "Kind"},
    "col_publisher": {"ja": "発行者", "en": "Publisher"},
    "col_year": {"ja": "年", "en": "Year"},
    "col_chunks": {"ja": "チャンク数", "en": "Chunks"},
    "col_indexed": {"ja": "最終索引日時", "en": "Last indexed"},
    "col_url": {"ja": "URL", "en": "URL"},
    "upload_title": {"ja": "利用者の文書", "en": "Your documents"},
    "upload_intro": {
        "ja": "PDF・HTML・Markdown のファイルを追加すると、すぐに質問の対象になります(上限 {limit} MB)。ファイルはこのコンピュータの {folder} に保存され、外部には送られません。",
        "en": "Add a PDF, HTML or Markdown file and it is searchable at once (up to {limit} MB). Files are kept on this computer in {folder} and sent nowhere.",
    },
    "upload_label": {"ja": "ファイルを選ぶ", "en": "Choose a file"},
    "upload_button": {"ja": "索引に追加", "en": "Add to the index"},
    "upload_working": {"ja": "文書を索引に追加しています…", "en": "Indexing the document…"},
    "upload_ok": {
        "ja": "「{title}」を索引に追加しました({chunks} チャンク)。チャットですぐに質問できます。",
        "en": "Added “{title}” ({chunks} chunks). You can ask about it in the chat now.",
    },
    "upload_bad_type": {
        "ja": "{name}: この種類のファイル({suffix})は追加できません。PDF・HTML・Markdown({allowed})を選んでください。",
        "en": "{name}: files of this type ({suffix}) cannot be added. Choose a PDF, HTML or Markdown file ({allowed}).",
    },
    "upload_too_large": {
        "ja": "{name}: {size_mb} MB あり、上限の {limit_mb} MB を超えています。ファイルを分けるか、IPFIN_MAX_FILE_MB を大きくしてください。",
        "en": "{name}: {size_mb} MB is over the {limit_mb} MB limit. Split the file or raise IPFIN_MAX_FILE_MB.",
    },
    "upload_empty": {"ja": "{name}: ファイルが空です。", "en": "{name}: the file is empty."},
    "upload_not_pdf": {
        "ja": "{name}: 拡張子は .pdf ですが PDF ではありません。PDF として保存し直してください。",
        "en": "{name}: the name ends in .pdf but the file is not a PDF. Save it as PDF again.",
    },
    "upload_binary": {
        "ja": "{name}: テキストではないデータが含まれています。",
        "en": "{name}: the file contains binary data, not text.",
    },
    "upload_name_taken": {
        "ja": "{name}: 同じ名前の文書({id})がすでに索引にあります。ファイル名を変えて追加してください。",
        "en": "{name}: a document with the same name ({id}) is already indexed. Rename the file and add it again.",
    },
    "upload_front_matter": {
        "ja": "{name}: 先頭のメタデータ(front matter)で id や kind を指定したファイルは追加できません。その行を消してから追加してください。",
        "en": "{name}: uploaded files may not set id or kind in their front matter. Remove those lines and add it again.",
    },
    "upload_no_text": {
        "ja": "{name}: 文字を読み取れませんでした(スキャン画像の PDF は OCR が必要です)。",
        "en": "{name}: no text could be read (a scanned PDF needs OCR first).",
    },
    "upload_not_found": {
        "ja": "文書 {id} は見つかりませんでした。ページを再読み込みしてください。",
        "en": "Document {id} was not found. Reload the page.",
    },
    "no_uploads": {"ja": "追加した文書はまだありません。", "en": "You have not added any documents yet."},
    "remove": {"ja": "削除", "en": "Remove"},
    "removed": {"ja": "「{title}」を索引から削除しました。", "en": "Removed “{title}” from the index."},
}


def t(key: str, lang: str = "ja") -> str:
    entry = STRINGS[key]
    return entry.get(lang) or entry["ja"]
