"""ipfin: a retrieval-augmented assistant for Japanese IP finance and 企業価値担保権.

The public surface; stages live in their own modules (see the README's architecture).
"""

from .config import Settings
from .errors import IpfinError
from .service import Assistant
from .types import Answer, Chunk, Citation, Hit, SourceDoc

__version__ = "0.1.0"

__all__ = ["Answer", "Assistant", "Chunk", "Citation", "Hit", "IpfinError", "Settings", "SourceDoc", "__version__"]
