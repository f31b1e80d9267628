"""Listing: every filter, and keyset pages that return each actor exactly once."""

from agora_common.testing.client import ServiceClient

from ..conftest import DE, FR, register


async def test_each_filter_selects_exactly_its_actors(actors: ServiceClient) -> None:
    a = await register(
        actors,
        DE,
        kind="individual",
        sectors=["research", "culture"],
        activities=["anti_war"],
        host_country="LT",
        origin_region="RU-SA",
    )
    b = await register(
        actors,
        FR,
        kind="media_outlet",
        sectors=["independent_media"],
        activities=["public_debate", "anti_war"],
        host_country="FR",
        origin_region="RU-TA",
    )
    c = await register(actors, DE, sectors=["culture"])
    cases = {
        "kind=individual": [a],
        "kind=media_outlet": [b],
        "sector=culture": [a, c],
        "sector=research": [a],
        "activity=anti_war": [a, b],
        "activity=public_debate": [b],
        "host_country=FR": [b],
        "origin_region=RU-SA": [a],
        "custodian_state=DE": [a, c],
        "custodian_state=DE&sector=culture&kind=organisation": [c],
        "sector=education": [],
    }
    for query, expected in cases.items():
        response = await actors.get(f"/v1/actors?{query}", caller=DE)
        assert response.status_code == 200, query
        assert [i["id"] for i in response.json()["items"]] == [e["id"] for e in expected], query


async def test_bad_filters_and_limits_are_refused(actors: ServiceClient) -> None:
    for query in (
        "kind=spy",
        "sector=x",
        "activity=y",
        "host_country=XX",
        "origin_region=RU-ZZ",
        "custodian_state=zz",
        "limit=0",
        "limit=201",
        "cursor=garbage",
        "cursor=WyJ4IiwieSJd",  # ["x","y"]: well-formed but not a position we issued
    ):
        response = await actors.get(f"/v1/actors?{query}", caller=DE)
        assert response.status_code == 422, query
        assert response.headers["content-type"] == "application/problem+json"


async def test_pages_return_every_actor_once_while_actors_are_added(
    actors: ServiceClient,
) -> None:
    existing = {(await register(actors, public_name=f"n{i}"))["id"] for i in range(11)}
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        response = await actors.get("/v1/actors", caller=DE, params=params)
        assert response.status_code == 200
        body = response.json()
        seen += [i["id"] for i in body["items"]]
        pages += 1
        # Registrations between pages must neither repeat nor skip anyone already there.
        await register(actors, public_name=f"late{pages}")
        cursor = body["next_cursor"]
        if cursor is None:
            break
        assert pages < 50
    assert len(seen) == len(set(seen))
    assert existing <= set(seen)
    assert pages >= 4
