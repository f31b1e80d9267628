"""The event schemas are one documented contract: every type is named once, none carries
personal data, and readers stay tolerant of fields they do not know."""

from __future__ import annotations

from agora_contracts.events import EVENT_TYPES, ActorErased, ActorPublic

PERSONAL = {"legal_name", "contact", "email", "phone", "representation", "consent", "risk_level"}


def test_every_event_type_is_versioned_and_on_its_stream() -> None:
    for event_type in EVENT_TYPES:
        prefix, service, _name, version = event_type.split(".")
        assert prefix == "agora"
        assert service in {"actors", "funding", "evaluation"}
        assert version.startswith("v")
        assert version[1:].isdigit()


def test_no_event_schema_has_a_personal_field() -> None:
    for model in set(EVENT_TYPES.values()):
        assert not PERSONAL & set(model.model_fields), model.__name__


def test_a_reader_ignores_fields_it_does_not_know() -> None:
    data = {"actor_id": "act_1", "version": 3, "added_later": {"x": 1}}
    assert ActorErased.model_validate(data).to_data() == {"actor_id": "act_1", "version": 3}


def test_public_attributes_round_trip_as_json() -> None:
    public = ActorPublic(
        actor_id="act_1",
        version=1,
        kind="individual",
        sectors=["research"],
        host_country="DE",
        custodian_state="DE",
        established_on="2023-01-02",  # type: ignore[arg-type]
    )
    data = public.to_data()
    assert data["established_on"] == "2023-01-02"
    assert ActorPublic.model_validate(data) == public


def test_decimals_are_published_as_plain_text() -> None:
    from decimal import Decimal

    from agora_contracts.events import FxRateSet

    rate = FxRateSet(currency="XAF", eur_per_unit=Decimal("0.0000001"), as_of="2026-01-01")  # type: ignore[arg-type]
    assert rate.to_data()["eur_per_unit"] == "0.0000001"
    assert FxRateSet.model_validate(rate.to_data()) == rate
