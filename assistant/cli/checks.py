"""Checks the CLI makes before it starts work, so a failure is one clear line at once
rather than an error from deep inside (or from Streamlit, after ipfin has handed over).

* :func:`check_free`: ``ipfin ui`` can listen on the address and port (not in use, an
  address of this machine, a port it may use).
* :func:`open_export`: an output file can be written (not a folder, its folder exists).
* :class:`ScreenSink`: a text sink for a terminal that drops control sequences.
"""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import TextIO

from assistant.core.errors import ConfigError, IpfinError
from assistant.text.terminal import for_terminal


def check_free(host: str, port: int) -> None:
    """Refuse an address ``ipfin ui`` could not listen on, saying what to do instead."""
    if not 1 <= port <= 65535:  # getaddrinfo wraps 99999 to 34463; Streamlit's bind() then raised OverflowError
        raise ConfigError(f"--port must be between 1 and 65535; it is {port}.", "For example: ipfin ui --port 8501.")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(
            f"ipfin ui cannot listen on {host!r}: not an address of this machine ({exc}).",
            "Use --host 127.0.0.1 (the default), or an IP address this machine has.",
        ) from exc
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise _bind_error(host, port, exc) from exc


def _bind_error(host: str, port: int, exc: OSError) -> ConfigError:
    if exc.errno == errno.EADDRINUSE:
        return ConfigError(
            f"Port {port} on {host} is already in use (another `ipfin ui`, or another program).",
            f"Stop that program, or choose another port: ipfin ui --port {port + 1 if port < 65535 else 8502}.",
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return ConfigError(
            f"{host} is not an address of this machine.", "Use --host 127.0.0.1 (the default) or one of its addresses."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ConfigError(
            f"Port {port} needs administrator rights.", "Choose a port above 1023, e.g. ipfin ui --port 8501."
        )
    return ConfigError(f"ipfin ui cannot listen on {host}:{port} ({exc.strerror or exc}).", "Choose another --port.")


def open_export(out: Path) -> TextIO:
    """``out`` opened for a CSV/JSONL export, or an error naming what is wrong with it."""
    if out.is_dir():
        raise IpfinError(f"--out {out} is a folder.", "Give a file name, e.g. --out feedback.csv.")
    if not out.parent.exists():
        raise IpfinError(f"--out {out}: the folder {out.parent} does not exist.", "Create it first, or give another path.")
    try:
        return out.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise IpfinError(f"--out {out} cannot be written ({exc.strerror or exc}).", "Choose a folder you may write to.") from exc


class ScreenSink:
    """Writes to a terminal without the control sequences the text may carry."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(for_terminal(text))

    def flush(self) -> None:
        self.stream.flush()
