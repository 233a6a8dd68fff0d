"""The HTTP API (``ipfin serve``): FastAPI on uvicorn, bound to 127.0.0.1 by default.

    POST /v1/ask                 the JSON of ``ipfin ask --json``; ?stream=true for events
    GET  /v1/sources             the indexed documents
    POST /v1/chat/completions    OpenAI-compatible (model ``ipfin``), streaming or not
    GET  /v1/models              lists ``ipfin``
    GET  /healthz, /readyz       process up; index open and built by this embedder
    GET  /docs                   the OpenAPI page (served locally, no CDN)

A layer beside ``evaluation``: it asks through :class:`assistant.app.Assistant` only.
``app`` builds the application, ``service`` shares one assistant per worker process,
``chat`` and ``markdown`` speak the OpenAI protocol, ``auth``/``limits``/``errors`` guard
the door, ``server`` runs uvicorn.
"""
