"""The ``ipfin`` command. ``app`` here is what the console script (and ``python -m
assistant.cli``) calls: the typer app (``assistant.cli.main.app``), with Ctrl-C during
start-up, while typer and the package load, ending in one line and exit 130 as it does
inside a command, instead of a traceback."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def _interrupted_while_starting(signum: int, frame: object) -> None:
    sys.stderr.write("error: interrupted (Ctrl-C).\n")
    sys.stderr.flush()
    os._exit(130)


def _starting_as_the_command() -> bool:
    """``ipfin …`` or ``python -m assistant.cli …`` is starting (not a test importing us)."""
    first = sys.argv[0] if sys.argv else ""
    return first == "-m" or Path(first).name == "ipfin"


_ORIGINAL = signal.getsignal(signal.SIGINT)  # SIG_IGN in a background job: left alone
if _starting_as_the_command() and _ORIGINAL is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted_while_starting)

from assistant.cli.main import app as typer_app  # noqa: E402 - after the Ctrl-C handler


def _forget_handled_interrupts() -> None:
    """Every Ctrl-C has been handled by now, so none may end the process by SIGINT.

    CPython (3.11) marks a KeyboardInterrupt that leaves code compiled from a string (``exec``
    or ``eval`` of source text, as ``dataclasses`` and ``namedtuple`` do while modules load) as
    unhandled, even when a caller catches it; ``python -m assistant.cli`` then ends by
    re-raising SIGINT (returncode -2) after our one line and exit 130, or after a chat that
    went on and was left with /quit. Running any code from a string clears that mark."""
    exec("")  # an empty string: runs nothing, clears the stale mark


def app() -> None:
    """Run ``ipfin``: inside a command Ctrl-C is a KeyboardInterrupt again, handled there."""
    if signal.getsignal(signal.SIGINT) is _interrupted_while_starting:
        signal.signal(signal.SIGINT, _ORIGINAL)
    try:
        typer_app()
    except KeyboardInterrupt:  # between start-up and a command's own handler
        sys.stderr.write("error: interrupted (Ctrl-C).\n")
        raise SystemExit(130) from None
    finally:
        _forget_handled_interrupts()


__all__ = ["app", "typer_app"]
