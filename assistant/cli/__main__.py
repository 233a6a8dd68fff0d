"""``python -m assistant.cli``: the same as the ``ipfin`` command."""

from assistant.cli import app

app()
