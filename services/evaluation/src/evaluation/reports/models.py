"""The portfolio kept per cycle, and the version of everything it is computed from.

``report_inputs`` holds one row: a counter bumped in the transaction of every change a portfolio
can see (``evaluation.reports.inputs``). A cycle's snapshot is current while its ``version``
equals the counter; then a page is read from ``portfolio_items`` instead of being recomputed.
"""

from __future__ import annotations

from datetime import datetime

from agora_common.types import UTCDateTime
from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from evaluation.models import Base

INPUTS_ROW = 1

# Pages follow Python's order of actor ids (code points): byte order, which is SQLite's BINARY
# collation and PostgreSQL's "C" (a database's default collation may order "_" and case apart).
ActorIdInCodePointOrder = String(64).with_variant(String(64, collation="C"), "postgresql")


class ReportInputs(Base):
    __tablename__ = "report_inputs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class PortfolioSnapshot(Base):
    """A cycle's portfolio totals as computed at ``version`` of the report inputs (JSON text)."""

    __tablename__ = "portfolio_snapshots"

    cycle_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actors: Mapped[int] = mapped_column(Integer)
    totals: Mapped[str] = mapped_column(Text)


class PortfolioItem(Base):
    """One actor's entry of a cycle's portfolio (JSON text), of the snapshot of that cycle."""

    __tablename__ = "portfolio_items"
    __table_args__ = (Index("ix_portfolio_items_actor", "actor_id"),)

    cycle_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    actor_id: Mapped[str] = mapped_column(ActorIdInCodePointOrder, primary_key=True)
    body: Mapped[str] = mapped_column(Text)
