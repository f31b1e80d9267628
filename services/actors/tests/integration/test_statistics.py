"""Statistics: counts and representation shares with small cells suppressed, rounded to
multiples of 5, from a release taken anew only after at least 5 counted changes.

These tests need exact figures, so they turn the noise practically off (``NOISE_OFF``) and
release as soon as 5 changes allow; test_statistics_privacy.py tests the noise and the release
policy as they run."""

import asyncio
from pathlib import Path
from typing import Any

from actors.main import create_app
from agora_common.identity import IdentitySigner
from agora_common.testing.client import ServiceClient, running
from agora_common.testing.nats import NatsServer

from ..conftest import (
    ADMIN,
    DE,
    EVALUATOR,
    FR,
    NOISE_OFF,
    PERSON,
    actors_settings,
    register,
    use_release_policy,
)


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
    use_release_policy(actors, NOISE_OFF)
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
    assert stats["total"] == 20  # 18, rounded to a multiple of 5
    # 10 individuals, 7 initiatives, 1 media outlet: the outlet alone would be 18 − 17.
    assert stats["by_kind"] == {
        "individual": 10,
        "organisation": None,
        "media_outlet": None,
        "initiative": None,
    }
    assert stats["by_host_country"]["DE"] == 10
    assert stats["by_host_country"]["FR"] == 10  # 8
    assert stats["by_host_country"]["PL"] is None
    assert stats["by_origin_region"]["RU-TA"] == 10
    assert stats["by_origin_region"]["RU-SA"] is None
    assert stats["by_sector"]["independent_media"] == 20  # 18
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
    counts = [stats["total"], stats["representation"]["consented"]]
    for dimension in ("by_kind", "by_sector", "by_activity", "by_host_country", "by_origin_region"):
        counts += stats[dimension].values()
    assert [n for n in counts if n is not None and n % 5 != 0] == []
    assert response.text.count("Tatar") == 0


async def test_statistics_take_no_filters_and_only_agencies_and_admins(
    actors: ServiceClient,
) -> None:
    refused = await actors.get("/v1/actors/statistics?host_country=DE&kind=individual", caller=DE)
    assert refused.status_code == 422
    assert (await actors.get("/v1/actors/statistics", caller=EVALUATOR)).status_code == 403


async def test_one_change_never_shows_five_do(actors: ServiceClient) -> None:
    use_release_policy(actors, NOISE_OFF)
    for _ in range(6):
        await register(actors, **_person("female"))
    men = [await register(actors, **_person("male")) for _ in range(6)]
    first = (await actors.get("/v1/actors/statistics", caller=DE)).json()
    assert first["total"] == 10  # 12
    assert first["representation"]["consented"] == 10
    assert (first["representation"]["female"], first["representation"]["male"]) == (0.5, 0.5)

    # One new registration: an agency reading before and after learns nothing about it.
    await register(actors, **_person("female"))
    assert (await actors.get("/v1/actors/statistics", caller=DE)).json() == first
    # Nor from a change of representation, an erasure or a change of nothing counted.
    changed = await actors.patch(
        f"/v1/actors/{men[0]['id']}",
        caller=DE,
        json={"representation": {"gender": "female"}},
        headers={"If-Match": '"1"'},
    )
    assert changed.status_code == 200
    erased = await actors.delete(
        f"/v1/actors/{men[1]['id']}", caller=DE, headers={"If-Match": '"1"'}
    )
    assert erased.status_code == 204
    for version in range(1, 4):  # uncounted changes: they never complete a batch
        renamed = await actors.patch(
            f"/v1/actors/{men[2]['id']}",
            caller=DE,
            json={
                "public_name": f"Renamed {version}",
                "contact": {"email": f"a{version}@example.org"},
            },
            headers={"If-Match": f'"{version}"'},
        )
        assert renamed.status_code == 200
    await register(actors, **_person("female"))
    assert (await actors.get("/v1/actors/statistics", caller=ADMIN)).json() == first

    # The fifth counted change since the snapshot: a new one is taken.
    await register(actors, **_person("female"))
    fifth = (await actors.get("/v1/actors/statistics", caller=DE)).json()
    assert fifth["total"] == 15  # 14
    assert fifth["representation"]["consented"] == 15
    # 10 women and 4 men: the men are fewer than 5, and so the women are all but 4.
    assert (fifth["representation"]["female"], fifth["representation"]["male"]) == (None, None)


async def test_the_snapshot_is_shared_by_every_instance(
    actors: ServiceClient,
    actors_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> None:
    use_release_policy(actors, NOISE_OFF)
    for _ in range(5):
        await register(actors, **_person("female"))
    first = (await actors.get("/v1/actors/statistics", caller=DE)).json()
    assert first["total"] == 5
    await register(actors, **_person("female"))
    # A second instance on the same database publishes the same snapshot, not a fresher one.
    settings = actors_settings(actors_db_url, nats_server.url, identity_keys[1], tmp_path)
    async with running(create_app(settings), signer) as other:
        use_release_policy(other, NOISE_OFF)
        assert (await other.get("/v1/actors/statistics", caller=DE)).json() == first
        for _ in range(4):
            await register(actors, **_person("female"))
        # Five changes since: both instances, asked at once, publish one and the same snapshot.
        responses = await asyncio.gather(
            *(client.get("/v1/actors/statistics", caller=DE) for client in [actors, other] * 3)
        )
    published = [r.json() for r in responses]
    assert published[0]["total"] == 10
    assert all(p == published[0] for p in published)
