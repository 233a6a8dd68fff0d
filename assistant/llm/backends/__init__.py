"""LLM backends: one module each, registered in ``assistant.core.registry.LLM_BACKENDS``."""
