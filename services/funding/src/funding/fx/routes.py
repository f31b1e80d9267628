"""HTTP endpoints of FX rates."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.identity import AdminCaller
from fastapi import APIRouter, Path

from funding.fx import service
from funding.fx.schemas import FxRateIn, FxRateOut

router = APIRouter(prefix="/v1/funding/fx-rates", tags=["Funding"])


@router.put("/{currency}", response_model=FxRateOut, summary="Set an exchange rate to EUR")
async def set_rate(
    currency: Annotated[str, Path(pattern=r"^[A-Z]{3}$", description="ISO 4217 code")],
    body: FxRateIn,
    session: DbSession,
    caller: AdminCaller,
) -> FxRateOut:
    """EUR per one unit of `currency`, effective from `as_of` until a later rate."""
    return FxRateOut.of(await service.set_rate(session, currency=currency, data=body))
