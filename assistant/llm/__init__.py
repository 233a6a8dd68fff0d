"""LLM backends (OpenAI-compatible, Ollama) behind LangChain chat models, with prompts
as files, bounded retries and errors translated into :class:`~assistant.errors.LLMError`."""
