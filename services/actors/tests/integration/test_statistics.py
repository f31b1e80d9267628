"""Statistics: counts and representation shares with small cells suppressed."""

from typing import Any

from agora_common.testing.client import ServiceClient

from ..conftest import ADMIN, DE, EVALUATOR, FR, PERSON, register


def _person(gender: str, origin: str = "Tatar", minority: bool = True) -> dict[str, Any]:
    return {
        **PERSON,
        "representation": {
            "gender": gender,
            "ethnic_origin": origin,
            "national_minority": minority,
        },
    }


async def test_small_populations_show_nothing(actors: ServiceClient) -> None:
    for _ in range(4):
        await register(actors, **_person("female"))
    stats = (await actors.get("/v1/actors/statistics", caller=DE)).json()
    assert stats["total"] is None
    assert set(stats["by_kind"].values()) == {None}
    assert stats["by_host_country"]["DE"] is None
    assert stats["by_origin_region"]["RU-TA"] is None
    assert set(stats["representation"].values()) == {None}


async def test_counts_and_shares_with_suppression(actors: ServiceClient) -> None:
    for _ in range(5):
        await register(actors, **_person("female"))
    for _ in range(5):
        await register(actors, FR, **_person("male", origin="Russian", minority=False))
    await register(actors, FR, kind="media_outlet", host_country="FR")  # a lone media outlet
    for _ in range(6):
        await register(actors, kind="initiative", host_country="FR")
    # Consent without representation counts for nothing in the shares.
    await register(actors, kind="initiative", host_country="FR", consent=PERSON["consent"])

    response = await actors.get("/v1/actors/statistics", caller=ADMIN)
    assert response.status_code == 200
    assert "x-agora-audit" not in response.headers
    stats = response.json()
    assert stats["total"] == 18
    # 10 individuals, 7 initiatives, 1 media outlet: the outlet alone would be 18 − 17.
    assert stats["by_kind"] == {
        "individual": 10,
        "organisation": None,
        "media_outlet": None,
        "initiative": None,
    }
    assert stats["by_host_country"]["DE"] == 10
    assert stats["by_host_country"]["FR"] == 8
    assert stats["by_host_country"]["PL"] is None
    assert stats["by_origin_region"]["RU-TA"] == 10
    assert stats["by_origin_region"]["RU-SA"] is None
    assert stats["by_sector"]["independent_media"] == 18
    assert stats["by_sector"]["human_rights"] == 10
    assert stats["by_activity"]["anti_war"] == 10
    assert stats["representation"] == {
        "consented": 10,
        "female": 0.5,
        "male": 0.5,
        "non_binary": None,
        "undisclosed": None,
        "non_russian_ethnic_origin": 0.5,
        "national_minority": 0.5,
        "vulnerable_groups": None,
    }
    assert response.text.count("Tatar") == 0


async def test_statistics_take_no_filters_and_only_agencies_and_admins(
    actors: ServiceClient,
) -> None:
    refused = await actors.get("/v1/actors/statistics?host_country=DE&kind=individual", caller=DE)
    assert refused.status_code == 422
    assert (await actors.get("/v1/actors/statistics", caller=EVALUATOR)).status_code == 403


async def test_shares_follow_every_change(actors: ServiceClient) -> None:
    for _ in range(6):
        await register(actors, **_person("female"))
    men = [await register(actors, **_person("male")) for _ in range(6)]
    first = (await actors.get("/v1/actors/statistics", caller=DE)).json()["representation"]
    assert (first["female"], first["male"]) == (0.5, 0.5)

    changed = await actors.patch(
        f"/v1/actors/{men[0]['id']}",
        caller=DE,
        json={"representation": {"gender": "female"}},
        headers={"If-Match": '"1"'},
    )
    assert changed.status_code == 200
    second = (await actors.get("/v1/actors/statistics", caller=DE)).json()["representation"]
    assert (second["female"], second["male"]) == (0.5833, 0.4167)

    await actors.delete(f"/v1/actors/{men[1]['id']}", caller=DE, headers={"If-Match": '"1"'})
    third = (await actors.get("/v1/actors/statistics", caller=DE)).json()
    assert third["total"] == 11
    # 7 women and 4 men: the men are fewer than 5, and so the women are all but 4.
    assert (third["representation"]["female"], third["representation"]["male"]) == (None, None)
