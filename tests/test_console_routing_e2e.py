"""The web console is part of the platform: reached through the gateway at ``/console/``, signed
in per person's address, and not on the audit trail page by page."""

from __future__ import annotations

import re
import secrets

import httpx
from agora_platform.testing.e2e import TOKENS_PER_MINUTE, Agora, Platform

CSP_PARTS = ("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
SESSION = "agora_console_session"


def _csrf(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


async def _sign_in(
    http: httpx.AsyncClient, client_id: str, secret: str, address: str
) -> httpx.Response:
    """The login form through the gateway, as a browser behind ``address`` would post it."""
    forwarded = {"X-Forwarded-For": address}
    form = await http.get("/console/login", headers=forwarded)
    assert form.status_code == 200, form.text
    login_cookie = form.cookies["agora_console_login"]
    return await http.post(
        "/console/login",
        data={"client_id": client_id, "client_secret": secret, "csrf": _csrf(form)},
        headers={**forwarded, "Cookie": f"agora_console_login={login_cookie}"},
    )


async def test_the_gateway_serves_the_console_login_page_with_its_csp(platform: Platform) -> None:
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as http:
        home = await http.get("/console/")
        page = await http.get(home.headers["location"]) if home.status_code == 303 else home
        stylesheet = await http.get("/console/static/console.css")
    assert home.status_code == 303
    assert home.headers["location"].startswith("/console/login")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Sign in" in page.text
    for part in CSP_PARTS:
        assert part in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    assert "agora_console_login=" in page.headers["set-cookie"]
    assert stylesheet.status_code == 200
    assert stylesheet.headers["content-type"].startswith("text/css")


async def test_console_sign_ins_are_limited_per_person_not_per_console(
    agora: Agora, platform: Platform
) -> None:
    first, second = f"198.51.100.{secrets.randbelow(200) + 1}", "203.0.113.77"
    agency = await agora.register_client("agency", "DE")
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as http:
        # The first person's address spends its token budget (malformed requests: no argon2).
        # The budget refills as time passes (a token bucket), so the sign-in right after may
        # find one token again on a slow machine: spend and try again, a bounded few times.
        for _ in range(5):
            statuses: list[int] = []
            while 429 not in statuses and len(statuses) < 2 * TOKENS_PER_MINUTE + 10:
                answer = await http.post(
                    "/v1/auth/token", content=b"x", headers={"X-Forwarded-For": first}
                )
                statuses.append(answer.status_code)
            assert statuses[-1] == 429, statuses[-5:]
            refused = await _sign_in(http, agency["client_id"], agency["client_secret"], first)
            http.cookies.clear()  # a sign-in that got through leaves no session behind
            if refused.status_code != 303:
                break
        signed_in = await _sign_in(http, agency["client_id"], agency["client_secret"], second)
        assert refused.status_code != 303
        assert "Too many requests" in refused.text
        assert signed_in.status_code == 303, signed_in.text
        session = signed_in.cookies[SESSION]
        # The role comes from GET /v1/auth/me: an agency goes to its overview.
        home = await http.get("/console/", headers={"Cookie": f"{SESSION}={session}"})
        assert home.headers["location"] == "/console/overview"
        overview = await http.get("/console/overview", headers={"Cookie": f"{SESSION}={session}"})
        assert overview.status_code == 200
    # The gateway keeps no cookie of the console's: another browser's request has no session.
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as stranger:
        elsewhere = await stranger.get("/console/overview")
    assert elsewhere.status_code == 303
    assert elsewhere.headers["location"].startswith("/console/login")


async def test_console_pages_leave_no_audit_records_and_login_no_refusals(
    agora: Agora, platform: Platform
) -> None:
    auditor = await agora.register_client("auditor")
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as http:
        signed_in = await _sign_in(
            http, auditor["client_id"], auditor["client_secret"], "203.0.113.78"
        )
        assert signed_in.status_code == 303, signed_in.text
        assert signed_in.headers["location"] == "/console/audit"
        # A form without its token: the console refuses it (403), the gateway records nothing.
        forged = await http.post("/console/login", data={"csrf": "forged"})
        assert forged.status_code == 403
    reader = await agora.login(auditor["client_id"], auditor["client_secret"])
    own_refusals = await reader.get(
        "/v1/audit/events",
        params={"client_id": auditor["client_id"], "action": "access.denied"},
    )
    assert own_refusals.status_code == 200
    assert own_refusals.json()["items"] == []  # no role probes: one GET /v1/auth/me
    console_refusals = await reader.get(
        "/v1/audit/events", params={"resource": "POST /console/login", "limit": 10}
    )
    assert console_refusals.json()["items"] == []
