"""Helpers for the reliability suite: the real ``ipfin`` in a child process (optionally on a
pseudo-terminal, optionally without the root's right to ignore file permissions)."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.core.settings import PROJECT_ROOT

ESC = "\x1b"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def _permissions_apply() -> list[str]:
    """A prefix that makes file permissions apply to the child even when tests run as root
    (root ignores them through CAP_DAC_OVERRIDE; the child is started without it)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make file permissions apply")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]


def ipfin(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    respect_permissions: bool = False,
    file_size_limit: int | None = None,
    timeout: float = 300,
) -> Run:
    """``python -m assistant.cli ARGS`` in a child process, pipes for stdin/stdout/stderr.
    ``file_size_limit``: no file may grow past it (a full disk, as the child sees it)."""
    cmd = [*(_permissions_apply() if respect_permissions else []), sys.executable, "-m", "assistant.cli", *args]
    child_env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **(env or {})}

    def limit() -> None:
        if file_size_limit is not None:
            import resource
            import signal

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    proc = subprocess.run(
        cmd, input=stdin, capture_output=True, env=child_env, cwd=PROJECT_ROOT, timeout=timeout, check=False,
        preexec_fn=limit if file_size_limit is not None else None,
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def ipfin_on_a_terminal(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Run:
    """``ipfin ARGS`` with stdout on a pseudo-terminal (what a user at a terminal sees)."""
    master, slave = pty.openpty()
    cmd = [sys.executable, "-m", "assistant.cli", *args]
    child_env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "TERM": "xterm", **(env or {})}
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE, env=child_env, cwd=PROJECT_ROOT
    )
    os.close(slave)
    chunks: list[bytes] = []
    # poll, not select: select() refuses descriptors past 1023, and a test session that has
    # opened many Chroma clients and child pipes before this one hands out such numbers
    poller = select.poll()
    poller.register(master, select.POLLIN)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = poller.poll(500)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    err = b""
    if proc.stderr:
        err = proc.stderr.read()
        proc.stderr.close()
    code = proc.wait(timeout=30)
    # the terminal's line discipline writes "\r\n" for "\n"; a "\r" of ipfin's own would remain
    out = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return Run(code, out, err.decode("utf-8", "replace"))


def llm_env(fake, home: Path, **extra: str) -> dict[str, str]:
    return {
        "IPFIN_HOME": str(home),
        "IPFIN_LLM_PROVIDER": "openai",
        "IPFIN_LLM_BASE_URL": fake.base_url + "/v1",
        "IPFIN_LLM_MODEL": "scripted",
        "IPFIN_LLM_TIMEOUT": "5",
        "IPFIN_LLM_RETRIES": "0",
        **extra,
    }
