"""Schema examples keep their nulls in the OpenAPI document (FastAPI's encoding drops them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from agora_common.openapi_examples import keep_example_nulls
from agora_common.testing.examples import declared_examples, invalid_examples
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, ConfigDict


class Slot(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Рига", "closed_at": None, "tags": [None]}]}
    )

    name: str
    closed_at: str | None
    tags: list[str | None]


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/slot", response_model=Slot)
    async def slot() -> Slot:
        return Slot(name="Рига", closed_at=None, tags=[])

    router = APIRouter(prefix="/v1")  # included routers are one entry of app.routes

    @router.patch(
        "/slot",
        openapi_extra={
            "requestBody": {
                "content": {
                    "application/merge-patch+json": {
                        "schema": {"type": "object"},
                        "example": {"closed_at": None},
                    }
                }
            }
        },
    )
    async def change_slot() -> None:
        return None

    app.include_router(router)
    return app


def test_fastapi_alone_drops_the_null_of_an_example() -> None:
    """The control: without the fix the example loses its required field."""
    example = _app().openapi()["components"]["schemas"]["Slot"]["examples"][0]
    assert "closed_at" not in example


def test_the_examples_keep_their_nulls() -> None:
    app = _app()
    keep_example_nulls(app)
    example = app.openapi()["components"]["schemas"]["Slot"]["examples"][0]
    assert example == {"name": "Рига", "closed_at": None, "tags": [None]}
    assert app.openapi() is app.openapi()  # built once


def test_an_operations_own_example_keeps_its_nulls() -> None:
    app = _app()
    keep_example_nulls(app)
    body = app.openapi()["paths"]["/v1/slot"]["patch"]["requestBody"]["content"]
    assert body["application/merge-patch+json"]["example"] == {"closed_at": None}


def test_a_model_refusing_its_own_example_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "probe_examples"
    (package / "things").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "things" / "__init__.py").write_text("")
    (package / "things" / "schemas.py").write_text(
        "from pydantic import BaseModel, ConfigDict\n\n\n"
        "class Thing(BaseModel):\n"
        '    model_config = ConfigDict(json_schema_extra={"examples": [{"n": 1}, {"n": "x"}]})\n\n'
        "    n: int\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))

    assert len(declared_examples("probe_examples")) == 2
    refused = invalid_examples("probe_examples")
    assert len(refused) == 1
    assert "probe_examples.things.schemas.Thing" in refused[0]
    assert "'x'" not in refused[0]  # errors never echo the value
