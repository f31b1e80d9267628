"""``GET /asyncapi.json``: the AsyncAPI 3.0 document of the event streams, for anyone."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from gateway.asyncapi.service import asyncapi_document

router = APIRouter()


@router.get("/asyncapi.json", include_in_schema=False)
async def asyncapi() -> JSONResponse:
    """Every stream, subject and message with its payload schema (like ``/openapi.json``)."""
    return JSONResponse(asyncapi_document())
