"""The console's own rules, in process: no browser, no platform."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest
from agora_console.charts import bars, grouped
from agora_console.config import Settings
from agora_console.gateway import Answer, Gateway
from agora_console.main import create_app
from agora_console.navigation import home_for, safe_next
from agora_console.pages.actors import actor_document
from agora_console.security import CONTENT_SECURITY_POLICY
from agora_console.sessions import COOKIE, SessionStore
from agora_console.web import FormState, person_address
from fastapi import FastAPI, Request


@pytest.mark.parametrize(
    ("candidate", "kept"),
    [
        ("/console/actors?kind=individual", True),
        ("/console/funding", True),
        ("//evil.example/console/", False),
        ("https://evil.example/console/", False),
        ("/console/\\evil", False),
        ("/elsewhere", False),
        ("/console/login?next=/console/", False),
        ("/console/x\r\nSet-Cookie: a=b", False),
        ("", False),
        (None, False),
    ],
)
def test_next_is_a_console_path(candidate: str | None, kept: bool) -> None:
    assert (safe_next(candidate) is not None) is kept


@pytest.mark.parametrize(
    ("peer", "forwarded", "address"),
    [
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # written by the gateway
        ("127.0.0.1", "203.0.113.1, 198.51.100.7", "198.51.100.7"),  # only its last entry
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("192.0.2.3", None, "192.0.2.3"),  # run on its own: the peer
        (None, None, None),
    ],
)
def test_the_person_address_the_console_forwards(
    peer: str | None, forwarded: str | None, address: str | None
) -> None:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    scope = {"type": "http", "headers": headers, "client": (peer, 1) if peer else None}
    assert person_address(Request(scope)) == address


def test_home_per_role() -> None:
    assert home_for("agency") == "/console/overview"
    assert home_for("evaluator") == "/console/actors"
    assert home_for("auditor") == "/console/audit"
    assert home_for("steward") == "/console/stewardship"
    assert home_for("monitor") == "/console/nothing"


def test_422_locations_become_form_fields() -> None:
    answer = Answer(
        422,
        {
            "detail": "The request is not valid; see errors.",
            "errors": [
                {"loc": ["body", "period", "end"], "msg": "before the start"},
                {"loc": ["body", "sectors", 0], "msg": "unknown sector"},
                {"loc": ["query", "host_country"], "msg": "not a country"},
                {"loc": [], "msg": "whole body"},
            ],
        },
    )
    assert answer.field_errors() == {
        "period.end": "before the start",
        "sectors.0": "unknown sector",
        "host_country": "not a country",
        "_form": "whole body",
    }
    form = FormState(values={}, errors=answer.field_errors())
    assert form.error("sectors") == "unknown sector"
    assert form.unplaced(["period", "sectors", "host_country"]) == {"_form": "whole body"}


def test_messages_for_statuses_without_detail() -> None:
    assert "changed this record" in Answer(412, None).message()
    assert Answer(409, {"detail": "Already assessed."}).message() == "Already assessed."


def test_merge_patch_removes_emptied_fields_and_keeps_required_ones() -> None:
    form = FormState(
        values={
            "kind": "organisation",
            "public_name": "Мемориал",
            "host_country": "DE",
            "risk_level": "high",
            "legal_name": "",
            "sectors": ["human_rights"],
            "activities": [],
            "contact.email": "info@example.org",
        },
        errors={},
    )
    patch = actor_document(form, patch=True)
    assert patch["public_name"] == "Мемориал"
    assert patch["legal_name"] is None
    assert patch["contact"] == {"email": "info@example.org", "phone": None, "postal_address": None}
    assert patch["consent"] is None
    register = actor_document(form, patch=False)
    assert "legal_name" not in register
    assert register["contact"] == {"email": "info@example.org"}
    assert "consent" not in register


def test_charts_carry_no_inline_style_and_say_what_they_show() -> None:
    chart = bars(
        "Actors by sector", {"culture": 10, "research": None, "Культура": 5}, unit="actors"
    )
    svg = str(chart.svg)
    assert "<style" not in svg
    assert "style=" not in svg
    assert "<script" not in svg
    assert 'role="img"' in svg
    assert "Культура" in svg
    assert svg.count('class="rect reactive') == 2
    assert "Not drawn (suppressed): research" in chart.summary
    assert chart.rows[-1] == ("research", "suppressed")
    assert grouped("Cycles", ["A"], {"x": [1], "y": [2]}, unit="n").rows == [("A", "1", "2")]


def test_a_session_never_outlives_its_token() -> None:
    store = SessionStore(max_seconds=3600, max_sessions=2)
    short = store.create(token="t", client_id="c", role="agency", expires_in=6)
    assert short.expires_at - time.monotonic() <= 1.5
    short.expires_at = time.monotonic() - 1
    assert store.get(short.id) is None
    capped = store.create(token="t", client_id="c", role="agency", expires_in=100_000)
    assert capped.expires_at - time.monotonic() <= 3600
    store.create(token="t", client_id="d", role="agency", expires_in=900)
    store.create(token="t", client_id="e", role="agency", expires_in=900)
    assert len(store) == 2


@pytest.fixture
async def app() -> AsyncIterator[FastAPI]:
    made = create_app(Settings(gateway_url="http://127.0.0.1:9", env="production"))
    made.state.gateway = Gateway("http://127.0.0.1:9", timeout=1)
    yield made
    await made.state.gateway.aclose()


def client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://console.test"
    )


async def test_login_page_headers_and_cookie(app: FastAPI) -> None:
    async with client(app) as http:
        response = await http.get("/console/login")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["strict-transport-security"].startswith("max-age=")
    cookie = response.headers["set-cookie"].lower()
    for flag in ("httponly", "samesite=strict", "secure", "path=/console/"):
        assert flag in cookie
    assert 'lang="en"' in response.text
    assert 'href="#main"' in response.text


async def test_login_without_its_form_token_is_refused(app: FastAPI) -> None:
    async with client(app) as http:
        response = await http.post(
            "/console/login", data={"client_id": "a", "client_secret": "b", "csrf": "x"}
        )
    assert response.status_code == 403
    assert "expired" in response.text


async def test_no_session_goes_to_login_and_remembers_the_page(app: FastAPI) -> None:
    async with client(app) as http:
        response = await http.get("/console/funding?status=pledged")
    assert response.status_code == 303
    assert response.headers["location"] == (
        "/console/login?next=%2Fconsole%2Ffunding%3Fstatus%3Dpledged&reason=expired"
    )


async def test_a_post_without_the_sessions_csrf_token_is_refused(app: FastAPI) -> None:
    session = app.state.sessions.create(token="t", client_id="c", role="admin", expires_in=900)
    async with client(app) as http:
        http.cookies.set(COOKIE, session.id, domain="console.test", path="/console/")
        refused = await http.post("/console/admin/cycles", data={"name": "x", "csrf": "forged"})
        missing = await http.post("/console/logout")
        other_role = await http.get("/console/funding")
    assert refused.status_code == 403
    assert "no longer valid" in refused.text
    assert missing.status_code == 403
    assert other_role.status_code == 403
    assert app.state.sessions.get(session.id) is session
