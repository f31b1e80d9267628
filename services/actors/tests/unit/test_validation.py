"""Validation against the maintained ISO lists and the contract's enumerations."""

from datetime import timedelta
from typing import Any

import pytest
from actors.grants.schemas import GrantIn
from actors.permits.schemas import PermitIn
from actors.registry.schemas import ActorDocument
from actors.types import COUNTRIES, RUSSIAN_REGIONS, utc_today
from actors.vetting.schemas import VettingIn
from pydantic import ValidationError

BASE: dict[str, Any] = {
    "kind": "media_outlet",
    "public_name": "Meduza-like",
    "sectors": ["independent_media"],
    "host_country": "LV",
}


def _loc(fields: dict[str, Any]) -> list[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as info:
        ActorDocument.model_validate({**BASE, **fields})
    return [e["loc"] for e in info.value.errors()]


def test_a_valid_document() -> None:
    doc = ActorDocument.model_validate(
        {
            **BASE,
            "origin_region": "RU-SA",
            "activities": ["public_debate"],
            "audience": {"monthly_active_users": 1000, "inside_russia_share": 0.4},
        }
    )
    assert doc.risk_level == "standard"


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"host_country": "XX"}, ("host_country",)),
        ({"host_country": "de"}, ("host_country",)),
        ({"origin_region": "RU-XX"}, ("origin_region",)),
        ({"origin_region": "UA-43"}, ("origin_region",)),
        ({"kind": "spy"}, ("kind",)),
        ({"sectors": []}, ("sectors",)),
        ({"sectors": ["research", "research"]}, ("sectors",)),
        ({"activities": ["sabotage"]}, ("activities", 0)),
        ({"risk_level": "extreme"}, ("risk_level",)),
        ({"representation": {"gender": "other"}}, ("representation", "gender")),
        ({"relocated_on": (utc_today() + timedelta(days=30)).isoformat()}, ("relocated_on",)),
        ({"established_on": "1800-01-01"}, ("established_on",)),
        ({"consent": {"given_on": "2024-01-01"}}, ("consent", "scope")),
        ({"audience": {"inside_russia_share": 1.5}}, ("audience", "inside_russia_share")),
        ({"contact": {"email": "nobody"}}, ("contact", "email")),
        ({"id": "act_x"}, ("id",)),
        ({"public_name": ""}, ("public_name",)),
    ],
)
def test_bad_fields_are_named(fields: dict[str, Any], loc: tuple[Any, ...]) -> None:
    assert loc in _loc(fields)


def test_the_iso_lists_come_from_pycountry() -> None:
    assert "DE" in COUNTRIES
    assert len(COUNTRIES) > 240
    assert {"RU-TA", "RU-SA", "RU-MOW"} <= set(RUSSIAN_REGIONS)
    assert all(code.startswith("RU-") for code in RUSSIAN_REGIONS)


def test_grants_name_a_state_or_a_donor() -> None:
    assert GrantIn.model_validate({"state": "FR"}).state == "FR"
    assert GrantIn.model_validate({"state": "OSF"}).state == "OSF"
    for bad in ("ZZ", "fr", "F", "A" * 17):
        with pytest.raises(ValidationError):
            GrantIn.model_validate({"state": bad})


def test_permits_and_vetting() -> None:
    PermitIn.model_validate(
        {"type": "work", "valid_from": "2025-01-01", "valid_until": "2027-01-01"}
    )
    with pytest.raises(ValidationError):
        PermitIn.model_validate(
            {"type": "tourist", "valid_from": "2025-01-01", "valid_until": "2027-01-01"}
        )
    with pytest.raises(ValidationError):
        PermitIn.model_validate(
            {
                "type": "work",
                "valid_from": "2025-01-01",
                "valid_until": "2027-01-01",
                "family_members": -1,
            }
        )
    with pytest.raises(ValidationError):
        VettingIn.model_validate(
            {"decision": "approved", "decided_on": (utc_today() + timedelta(days=9)).isoformat()}
        )


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"public_name": "Free\u202eMedia"}, ("public_name",)),
        ({"public_name": "Free\nMedia"}, ("public_name",)),
        ({"legal_name": "Anna\u200dIvanova"}, ("legal_name",)),
        ({"legal_name": "Anna\u200bIvanova"}, ("legal_name",)),
        ({"representation": {"ethnic_origin": "Ta\u2066tar"}}, ("representation", "ethnic_origin")),
        (
            {"representation": {"vulnerable_groups": ["a\ufeffb"]}},
            ("representation", "vulnerable_groups", 0),
        ),
        ({"consent": {"given_on": "2024-01-01", "scope": "all\u0085"}}, ("consent", "scope")),
        ({"contact": {"postal_address": "Street\u202d 1"}}, ("contact", "postal_address")),
    ],
)
def test_every_free_text_refuses_invisible_and_control_characters(
    fields: dict[str, Any], loc: tuple[Any, ...]
) -> None:
    assert loc in _loc(fields)


def test_cyrillic_and_multi_line_free_text_are_text_like_any_other() -> None:
    doc = ActorDocument.model_validate(
        {
            **BASE,
            "public_name": "Новая газета Европа",
            "legal_name": "Анна Иванова",
            "consent": {"given_on": "2024-01-01", "scope": "статистика\nи отчёты"},
            "contact": {"postal_address": "Straße 1\n10115 Berlin"},
        }
    )
    assert doc.legal_name == "Анна Иванова"
