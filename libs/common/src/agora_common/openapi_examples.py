"""OpenAPI documents whose schema examples keep their nulls.

FastAPI encodes its document with ``exclude_none=True``, which also drops every ``null`` inside
an example (``{"next_cursor": null}`` becomes ``{}``), so an example of a required, nullable
field no longer validates against its own schema. This puts the examples back as the models
declare them, from the same definitions FastAPI builds the document from (and from the
operations' ``openapi_extra``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI
from fastapi._compat import get_definitions, get_flat_models_from_fields, get_model_name_map
from fastapi.openapi.utils import get_fields_from_routes
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute

_EXAMPLE_KEYS = ("examples", "example")


def _restore(encoded: Any, declared: Any) -> None:
    """Copy every example of ``declared`` onto the same place of ``encoded``."""
    if isinstance(encoded, dict) and isinstance(declared, dict):
        for key, value in encoded.items():
            if key not in declared:
                continue
            if key in _EXAMPLE_KEYS:
                encoded[key] = declared[key]
            else:
                _restore(value, declared[key])
    elif isinstance(encoded, list) and isinstance(declared, list):
        for encoded_item, declared_item in zip(encoded, declared, strict=False):
            _restore(encoded_item, declared_item)


def restore_example_nulls(
    document: dict[str, Any], routes: Sequence[BaseRoute], *, separate_input_output: bool = True
) -> dict[str, Any]:
    """``document`` (built by ``get_openapi`` from ``routes``) with its examples' nulls back."""
    fields = get_fields_from_routes(list(routes))
    name_map = get_model_name_map(get_flat_models_from_fields(fields, known_models=set()))
    _, definitions = get_definitions(
        fields=fields, model_name_map=name_map, separate_input_output_schemas=separate_input_output
    )
    _restore(document.get("components", {}).get("schemas", {}), definitions)
    # Examples given by hand in an operation's ``openapi_extra`` (routers included as one entry).
    for route in iter_route_contexts(list(routes)):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        extra = route.openapi_extra
        for method in (route.methods or ()) if extra else ():
            operation = document.get("paths", {}).get(route.path_format, {})
            _restore(operation.get(method.lower()), extra)
    return document


def keep_example_nulls(app: FastAPI) -> None:
    """Make ``app.openapi()`` serve its examples as declared, nulls included."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = restore_example_nulls(
                generate(), app.routes, separate_input_output=app.separate_input_output_schemas
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
