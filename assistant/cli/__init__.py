"""The ``ipfin`` command. ``app`` here is what the console script calls: the typer app
(``assistant.cli.main.app``), with Ctrl-C during start-up (while typer and the package
load) ending in one line and exit 130, as it does inside a command, not a traceback."""

from __future__ import annotations

import sys

try:
    from assistant.cli.main import app as typer_app
except KeyboardInterrupt:  # pragma: no cover - timing-dependent; tests/reliability covers it
    sys.stderr.write("error: interrupted (Ctrl-C).\n")
    raise SystemExit(130) from None


def app() -> None:
    """Run ``ipfin`` (the console script's entry point)."""
    try:
        typer_app()
    except KeyboardInterrupt:  # between start-up and a command's own handler
        sys.stderr.write("error: interrupted (Ctrl-C).\n")
        raise SystemExit(130) from None


__all__ = ["app", "typer_app"]
