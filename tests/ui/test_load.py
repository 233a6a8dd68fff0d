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


def _one_runtime_for_all_sessions(monkeypatch) -> None:
    from streamlit.runtime import Runtime

    last: list[Runtime] = []

    def instance(cls) -> Runtime:
        if cls._instance is not None:
            last[:] = [cls._instance]
            return cls._instance
        if last:
            return last[0]
        raise RuntimeError("Runtime hasn't been created!")

    def exists(cls) -> bool:
        return cls._instance is not None or bool(last)

    monkeypatch.setattr(Runtime, "instance", classmethod(instance))
    monkeypatch.setattr(Runtime, "exists", classmethod(exists))


def _one_script_cache_for_all_sessions(monkeypatch) -> None:
    """A Streamlit server compiles the page once, in its runtime's one ScriptCache; AppTest
    gives every run a new cache, so 20 runs at once compile it 20 times in threads, and
    CPython 3.11's parser is not safe for that ("SystemError: AST constructor recursion depth
    mismatch", seen once in CI). Share one cache, as the server does."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import local_script_runner

    shared = ScriptCache()
    monkeypatch.setattr(local_script_runner, "ScriptCache", lambda: shared)


def test_twenty_sessions_at_once_get_answers_from_one_shared_assistant(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    _one_script_cache_for_all_sessions(monkeypatch)
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

    # AppTest swaps one global Runtime in and out around each run (Runtime._instance = a mock,
    # then None), so with 20 runs in threads one run's end pulls the runtime from under
    # another's script thread ("Runtime hasn't been created!"), which can kill that page's
    # script before it records its turn. A real server has one runtime for all sessions: keep
    # the last one AppTest installed while the sessions run. The page, the assistant and its
    # locking are untouched.
    _one_runtime_for_all_sessions(monkeypatch)
    with ThreadPoolExecutor(SESSIONS) as pool:
        results = list(pool.map(session, range(SESSIONS)))

    for question, at in results:
        assert not at.exception, (question, at.exception)
        assert not at.error, (question, [e.value for e in at.error])
        turns = at.session_state["turns"]
        assert len(turns) == 1 and turns[0].question == question
        assert not turns[0].view.abstained and turns[0].view.cards  # a cited answer
        # How the answer is drawn (escaped HTML, [n] linked to its card) is checked by
        # test_app and test_browser.
    new = [a for a in _loaded_assistants(bundled_settings.home) if id(a) not in before]
    assert len(new) == 1  # one model and index for all sessions
