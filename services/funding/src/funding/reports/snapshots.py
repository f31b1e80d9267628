"""Concentration reports a process keeps, each with the versions of the inputs it was computed
at (``funding.reports.models.ReportInputs``); no SQL here.

The report is the same for every caller (confidential commitments are only counted), so a kept
report answers any caller asking for the same day, threshold and date of today, as long as the
versions read at the start of the request equal those it was computed at. Each process keeps its
own; every process reads the same versions, so none answers from a report older than a change
committed before its request began.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from decimal import Decimal

from funding.reports.schemas import ConcentrationReport

SnapshotKey = tuple[date, date, Decimal]  # as_of, today, thin-grant threshold (EUR)
Versions = tuple[int, ...]


class ReportSnapshots:
    """The latest concentration reports, at most ``size`` of them (the least recently used go)."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._kept: OrderedDict[SnapshotKey, tuple[Versions, ConcentrationReport]] = OrderedDict()

    def get(self, key: SnapshotKey, versions: Versions) -> ConcentrationReport | None:
        """The report kept for ``key`` if it was computed at ``versions``, else None."""
        kept = self._kept.get(key)
        if kept is None or kept[0] != versions:
            return None
        self._kept.move_to_end(key)
        return kept[1]

    def keep(self, key: SnapshotKey, versions: Versions, report: ConcentrationReport) -> None:
        """Keep ``report``, computed at ``versions``, for ``key``."""
        self._kept[key] = (versions, report)
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
