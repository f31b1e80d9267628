"""What the export routes take from the request."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import request_session
from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

StreamingSession = Annotated[AsyncSession, Depends(request_session, scope="request")]
"""The request's read-only transaction, kept open until a streamed response has been sent (the
exports read the donor's commitments a batch at a time while they are written out)."""
