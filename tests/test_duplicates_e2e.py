"""Possible duplicates across states through the gateway: DE registers "Анна Иванова", PL
registers "Anna Ivanova" with another contact; both learn of the match, neither the other's
actor id."""

from __future__ import annotations

import secrets
from typing import Any

from agora_platform.testing.e2e import Agora

# A surname of this run only (the platform is shared by the session's tests), in letters every
# transliteration scheme writes alike: "Иванова-Ромдак" is "Ivanova-Romdak" in all of them.
_LETTERS = {"а": "a", "б": "b", "д": "d", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
            "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f"}  # fmt: skip
_RUN = "".join(secrets.choice(list(_LETTERS)) for _ in range(8))
CYRILLIC_NAME = f"Анна Иванова-{_RUN}"
LATIN_NAME = f"Anna Ivanova-{''.join(_LETTERS[c] for c in _RUN)}"


def _person(legal_name: str, email: str) -> dict[str, Any]:
    return {
        "kind": "individual",
        "public_name": "A. I.",
        "legal_name": legal_name,
        "sectors": ["human_rights"],
        "activities": ["war_crimes_documentation"],
        "host_country": "DE",
        "contact": {"email": email},
    }


async def test_two_states_see_the_match_and_neither_the_others_actor(agora: Agora) -> None:
    de, pl = await agora.agency("DE"), await agora.agency("PL")
    registered = await de.post(
        "/v1/actors", json=_person(CYRILLIC_NAME, f"de{secrets.token_hex(4)}@example.org")
    )
    assert registered.status_code == 201, registered.text
    de_id = registered.json()["id"]

    response = await pl.post(
        "/v1/actors", json=_person(LATIN_NAME, f"pl{secrets.token_hex(4)}@example.pl")
    )
    assert response.status_code == 201, response.text
    pl_id = response.json()["id"]
    assert response.json()["possible_duplicates"] == [
        {"custodian_state": "DE", "matched_on": ["legal_name"]}
    ]
    assert de_id not in response.text

    listed = await de.get("/v1/actors/duplicates", params={"limit": 200})
    assert listed.status_code == 200, listed.text
    mine = [item for item in listed.json()["items"] if item["actor_id"] == de_id]
    assert mine == [
        {
            "actor_id": de_id,
            "public_name": "A. I.",
            "possible_duplicates": [{"custodian_state": "PL", "matched_on": ["legal_name"]}],
        }
    ]
    assert pl_id not in listed.text

    seen_by_pl = await pl.get("/v1/actors/duplicates", params={"limit": 200})
    assert pl_id in [item["actor_id"] for item in seen_by_pl.json()["items"]]
    assert de_id not in seen_by_pl.text
    # A third state holds neither actor and sees neither.
    seen_by_fr = await (await agora.agency("FR")).get(
        "/v1/actors/duplicates", params={"limit": 200}
    )
    assert de_id not in seen_by_fr.text
    assert pl_id not in seen_by_fr.text
    # The other's personal data stays closed until its custodian grants access.
    assert "legal_name" not in (await pl.get(f"/v1/actors/{de_id}")).json()


async def test_only_agencies_may_ask_and_the_query_is_validated(agora: Agora) -> None:
    fr = await agora.agency("FR")
    assert (await agora.admin.get("/v1/actors/duplicates")).status_code == 403
    invalid = await fr.get("/v1/actors/duplicates", params={"limit": 0})
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["loc"] == ["query", "limit"]
