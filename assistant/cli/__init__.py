from assistant.cli.main import app

__all__ = ["app"]
