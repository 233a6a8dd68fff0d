"""Rows found by id: the lookup every segment file of the index shares.

A segment stores its rows' ids (``ids``) and their sort order (``order``), written once, so
finding a batch of ids is a binary search, with nothing built when the segment opens.
"""

from __future__ import annotations

import numpy as np


class SortedIds:
    """Mixed into a segment that sets ``ids`` (its rows' ids) and ``order`` (their sort order)."""

    ids: np.ndarray
    order: np.ndarray
    _sorted: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in ``wanted``, rows here) of the ids this segment holds."""
        if self._sorted is None:
            self._sorted = self.ids[self.order]
        if not len(self._sorted) or not len(wanted):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        pos = np.minimum(np.searchsorted(self._sorted, wanted), len(self._sorted) - 1)
        hit = np.nonzero(self._sorted[pos] == wanted)[0]
        return hit, self.order[pos[hit]]
