"""The release of ipfin (also in pyproject.toml); fetches send it in their User-Agent."""

__version__ = "0.2.0"
