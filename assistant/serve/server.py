"""Run the API with uvicorn: ``ipfin serve [--host H] [--port P] [--workers N]``.

uvicorn imports :func:`factory` once in each worker process (``--workers N`` starts N
processes behind one socket), so every worker builds its own application with its own
assistant from the ``IPFIN_*`` environment it inherited.
"""

from __future__ import annotations

import copy
import ipaddress
import logging
import logging.config

import uvicorn
from fastapi import FastAPI

from assistant.app import Settings

log = logging.getLogger("ipfin.serve")


def factory() -> FastAPI:
    """The application of one worker process (uvicorn's ``--factory`` entry point)."""
    from assistant.serve.app import create_app

    return create_app()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def log_config() -> dict:
    """uvicorn's logging, plus ipfin's own messages (start-up, errors) in the same format."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"]["ipfin"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def run(settings: Settings, host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    host = host or settings.serve_host
    port = port or settings.serve_port
    workers = workers or settings.serve_workers
    logging.config.dictConfig(log_config())
    if not is_loopback(host) and not settings.api_key_list:
        log.warning(
            "ipfin: serving on %s without API keys: anyone who can reach this address can ask. "
            "Set IPFIN_API_KEYS to require a key.",
            host,
        )
    log.info("ipfin: API on http://%s:%d (docs at /docs), %d worker(s)", host, port, workers)
    uvicorn.run(
        "assistant.serve.server:factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(),
        server_header=False,
        timeout_graceful_shutdown=10,
    )
