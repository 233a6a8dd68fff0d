"""Embedding backends: one module each, registered in ``assistant.core.registry.EMBEDDERS``."""
