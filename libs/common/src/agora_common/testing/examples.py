"""The OpenAPI examples declared on a package's pydantic models, checked by the models themselves.

The merged document's test (``tests/test_openapi_examples.py``) validates every example against
its JSON schema; a model knows more than its schema (an ISO country that exists, a date not in
the future, one line without control characters), so each service's tests also parse their own
examples with the model they describe, as a client's request or the service's response would be.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from typing import Any

from pydantic import BaseModel, ValidationError


def declared_examples(package: str) -> list[tuple[type[BaseModel], Any]]:
    """(model, example) for every example on a model of ``package``'s ``schemas`` modules."""
    root = importlib.import_module(package)
    names = [package] + [m.name for m in pkgutil.walk_packages(root.__path__, f"{package}.")]
    found = []
    for name in sorted(n for n in names if n.rsplit(".", 1)[-1] == "schemas"):
        module = importlib.import_module(name)
        for _, model in inspect.getmembers(module, inspect.isclass):
            if not issubclass(model, BaseModel) or model.__module__ != name:
                continue
            extra = model.model_config.get("json_schema_extra")
            examples = extra.get("examples") if isinstance(extra, dict) else None
            if isinstance(examples, list):
                found += [(model, example) for example in examples]
    return found


def invalid_examples(package: str) -> list[str]:
    """Each declared example its own model refuses: the model and the errors (no values)."""
    refused = []
    for model, example in declared_examples(package):
        try:
            model.model_validate_json(json.dumps(example))
        except ValidationError as error:
            problems = [f"{e['loc']}: {e['msg']}" for e in error.errors(include_input=False)]
            refused.append(f"{model.__module__}.{model.__name__}: {problems}")
    return refused
