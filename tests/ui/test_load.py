"""The chat page under load: 20 sessions at once in one process get their answers with no
error, and share one assistant (one model, one index) instead of loading their own.

Each session is a Streamlit ``AppTest`` (the real page script, its own session state) run
in its own thread; all 20 ask at the same moment.
"""

import gc
from concurrent.futures import ThreadPoolExecutor

from streamlit.testing.v1 import AppTest

from assistant.app.assistant import Assistant
from assistant.core.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "ui" / "app.py")
SESSIONS = 20
QUESTIONS = [
    "広東省では知財担保融資の損失をどう分担していますか？",
    "企業価値担保権とは何ですか？",
    "企業価値担保権を設定すると経営者保証はどうなりますか？",
    "知財ビジネス評価書とは何ですか？",
    "What is the enterprise value charge?",
]


def _loaded_assistants(home) -> list[Assistant]:
    """Assistants of this process that serve ``home`` and have loaded a model or an index."""
    gc.collect()
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, Assistant)
        and o.settings.home == home
        and (o._engine_state is not None or o._embedder is not None)
    ]


def test_twenty_sessions_at_once_get_answers_from_one_shared_assistant(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    import streamlit as st

    st.cache_resource.clear()  # an earlier page test of this process may have cached one
    # other tests' assistants over the same home (the session fixture) may be alive: count new ones
    before = {id(a) for a in _loaded_assistants(bundled_settings.home)}
    pages = []
    for _ in range(SESSIONS):  # the pages come up one by one (AppTest's own start-up is not
        at = AppTest.from_file(APP, default_timeout=600)  # thread-safe); then all ask at once
        at.run()
        assert not at.exception, at.exception
        pages.append(at)

    def session(i: int):
        question = QUESTIONS[i % len(QUESTIONS)]
        pages[i].chat_input[0].set_value(question).run()
        return question, pages[i]

    with ThreadPoolExecutor(SESSIONS) as pool:
        results = list(pool.map(session, range(SESSIONS)))

    for question, at in results:
        assert not at.exception, (question, at.exception)
        assert not at.error, (question, [e.value for e in at.error])
        turns = at.session_state["turns"]
        assert len(turns) == 1 and turns[0].question == question
        assert not turns[0].view.abstained and turns[0].view.cards  # a cited answer
        # How the answer is drawn (escaped HTML, [n] linked to its card) is checked by
        # test_app and test_browser: the page draws it on the st.rerun() after the answer, and
        # with 20 AppTests in threads that rerun can die in AppTest's own script thread
        # ("Runtime hasn't been created!"), which a real server does not do.
    new = [a for a in _loaded_assistants(bundled_settings.home) if id(a) not in before]
    assert len(new) == 1  # one model and index for all sessions
