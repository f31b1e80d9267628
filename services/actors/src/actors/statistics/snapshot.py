"""How a statistics release is stored: numbers only, in a layout named by its hash, with how
it was protected and the ledger of the privacy budget spent."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import orjson

from actors.registry.schemas import Activity, ActorKind, Sector
from actors.statistics.privacy import Release
from actors.statistics.schemas import Privacy, RepresentationShares, Statistics
from actors.types import COUNTRIES, RUSSIAN_REGIONS


def _layout() -> list[tuple[str, list[str] | None]]:
    """Which cell each stored number is: the snapshot stores numbers only, never names (some
    names, such as a gender, are personal data wherever else they would appear)."""
    return [
        ("total", None),
        ("by_kind", [k.value for k in ActorKind]),
        ("by_sector", [s.value for s in Sector]),
        ("by_activity", [a.value for a in Activity]),
        ("by_host_country", COUNTRIES),
        ("by_origin_region", RUSSIAN_REGIONS),
        ("representation", list(RepresentationShares.model_fields)),
    ]


def _layout_id() -> str:
    return hashlib.sha256(orjson.dumps(_layout())).hexdigest()


def encode_snapshot(stats: Statistics, ledger: list[Release]) -> str:
    dumped = stats.model_dump()
    values = [
        dumped[name] if keys is None else [dumped[name][k] for k in keys]
        for name, keys in _layout()
    ]
    return orjson.dumps(
        {
            "layout": _layout_id(),
            "values": values,
            "privacy": stats.privacy.model_dump(mode="json"),
            "ledger": [[r.at.isoformat(), r.epsilon] for r in ledger],
        }
    ).decode()


def decode_snapshot(body: str | None) -> Statistics | None:
    """The stored statistics; None if there are none, or they were stored by another layout (a
    new code list, say) or before releases carried noise: a new release is then taken."""
    if body is None:
        return None
    stored = orjson.loads(body)
    if stored.get("layout") != _layout_id() or "privacy" not in stored:
        return None
    fields: dict[str, Any] = {
        name: value if keys is None else dict(zip(keys, value, strict=True))
        for (name, keys), value in zip(_layout(), stored["values"], strict=True)
    }
    return Statistics.model_validate(
        {**fields, "privacy": Privacy.model_validate(stored["privacy"])}
    )


def decode_ledger(body: str | None) -> list[Release]:
    """The releases that spent budget, whatever the layout of the stored figures."""
    if body is None:
        return []
    return [
        Release(datetime.fromisoformat(at), float(epsilon))
        for at, epsilon in orjson.loads(body).get("ledger", [])
    ]
