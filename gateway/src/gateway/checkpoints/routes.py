"""HTTP endpoint of the audit checkpoints."""

from __future__ import annotations

from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter

from gateway.checkpoints import service
from gateway.checkpoints.schemas import CheckpointOut, CheckpointPage
from gateway.deps import AnchorDep, AuditorPrincipal

router = APIRouter(prefix="/v1/audit", tags=["Audit"])


@router.get(
    "/checkpoints",
    response_model=CheckpointPage,
    summary="Read the signed checkpoints of the audit trail",
    responses={503: {"description": "NATS, which keeps the checkpoints, is unavailable."}},
)
async def audit_checkpoints(
    _: AuditorPrincipal, anchor: AnchorDep, limit: Limit = 50, cursor: Cursor = None
) -> CheckpointPage:
    """The chain heads signed with the audit key, oldest first, with the key to check them."""
    page = await service.checkpoints(anchor=anchor, cursor=cursor, limit=limit)
    return CheckpointPage(
        items=[CheckpointOut.of(row) for row in page.items],
        next_cursor=page.next_cursor,
        public_key=anchor.key.public_pem,
        key_id=anchor.key.key_id,
    )
