"""The reference: a bare FastAPI app answering a small JSON object, nothing else.

Started under the same uvicorn settings as the services (see ``bench.platform``), it shows what
one request costs on this machine before any of Agora's work.
"""

from __future__ import annotations

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/v1/hello")
    async def hello() -> dict[str, str]:
        return {"id": "bench", "status": "ok"}

    return app
