"""The console in a real browser against a real platform: a task per page, and the checks that
hold on every page (CSP, no third-party request, no token in script-readable storage, axe)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from agora_platform.testing.e2e import ADMIN_ID, ADMIN_SECRET, Agora
from axe_playwright_python.async_playwright import Axe

from .conftest import SCREENSHOTS, Console, Traffic, screenshots_wanted

pytestmark = pytest.mark.timeout(300)

CSP_NEEDS = (
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "frame-ancestors 'none'",
)
SERIOUS = ("serious", "critical")
AXE = Axe()
# (page name, role) → the axe violations found; the report and docs/console.md read these.
AXE_RESULTS: dict[str, list[str]] = {}


JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}")


class Person:
    """One signed-in person in their own browser context."""

    def __init__(self, console: Console, traffic: Traffic, context: Any, page: Any) -> None:
        self.console = console
        self.traffic = traffic
        self.context = context
        self.page = page

    async def open(self, path: str) -> Any:
        response = await self.page.goto(self.console.origin + path)
        assert response is not None
        return response

    async def check_page(self, name: str, *, screenshot: bool = True) -> None:
        """The checks every page passes: CSP header, UTF-8, axe, no token readable by scripts."""
        html = await self.page.content()
        # A JWT (header.claims.signature, both JSON parts base64url: "eyJ…"), not merely "eyJ":
        # the shared platform's pages may show other tests' data that contains those letters.
        assert not JWT.search(html), "a token reached the page"
        stored = await self.page.evaluate(
            "() => [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)]"
        )
        assert stored == ["", "{}", "{}"], stored
        results = await AXE.run(self.page)
        violations = results.response["violations"]
        AXE_RESULTS[name] = [f"{v['id']} ({v['impact']})" for v in violations]
        serious = [v for v in violations if v.get("impact") in SERIOUS]
        assert not serious, results.generate_report()
        if screenshot and screenshots_wanted():
            await self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    async def submit(self, button: str) -> None:
        async with self.page.expect_navigation():
            await self.page.get_by_role("button", name=button).click()


@pytest.fixture
async def sign_in(browser: Any, console: Console, traffic: Traffic) -> AsyncIterator[Any]:
    contexts: list[Any] = []

    async def signed_in(client_id: str, secret: str, start: str = "/console/") -> Person:
        context = await browser.new_context(locale="en-GB")
        contexts.append(context)
        page = await context.new_page()
        page.on("request", lambda request: traffic.requests.append(request.url))

        async def record(response: Any) -> None:
            if response.request.resource_type == "document":
                traffic.documents.append((response.url, await response.all_headers()))

        page.on("response", record)
        person = Person(console, traffic, context, page)
        await person.open(start)
        assert "/console/login" in page.url
        await page.get_by_label("Client id").fill(client_id)
        await page.get_by_label("Client secret").fill(secret)
        await person.submit("Sign in")
        return person

    yield signed_in
    for context in contexts:
        await context.close()


async def said(page: Any) -> str:
    """The page's main text: what an assertion on a notice shows when the notice is missing."""
    return str(await page.locator("main").inner_text())


def days(n: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=n)).isoformat()


async def register_actor(agora: Agora, agency: dict[str, str], name: str) -> str:
    http = await agora.login(agency["client_id"], agency["client_secret"])
    response = await http.post(
        "/v1/actors",
        json={
            "kind": "organisation",
            "public_name": name,
            "sectors": ["independent_media"],
            "host_country": "LT",
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_login_page_and_its_headers(sign_in: Any, browser: Any, console: Console) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    response = await page.goto(console.origin + "/console/login")
    headers = await response.all_headers()
    for part in CSP_NEEDS:
        assert part in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert await page.locator("html").get_attribute("lang") == "en"
    person = Person(console, None, context, page)
    await person.check_page("login")
    # Wrong credentials: a readable message, the client id kept, the secret not.
    await page.get_by_label("Client id").fill("nobody")
    await page.get_by_label("Client secret").fill("wrong")
    await person.submit("Sign in")
    assert "not right" in await page.locator(".error-summary").inner_text()
    assert await page.get_by_label("Client id").input_value() == "nobody"
    assert await page.get_by_label("Client secret").input_value() == ""
    await context.close()


async def test_agency_overview_draws_charts_with_tables(agora: Agora, sign_in: Any) -> None:
    agency = await agora.register_client("agency", "DE")
    for n in range(6):
        await register_actor(agora, agency, f"Медиа {n}")
    person = await sign_in(agency["client_id"], agency["client_secret"])
    assert person.page.url.endswith("/console/overview")
    nav = await person.page.get_by_role("navigation", name="Main").inner_text()
    assert "Funding" in nav
    assert "Audit" not in nav
    assert "Administration" not in nav
    charts = person.page.locator("figure.chart svg[role=img]")
    assert await charts.count() >= 5
    # The sector chart has bars (pygal's marks), a text alternative and its numbers beside it.
    sector = person.page.locator("figure.chart", has_text="Actors by sector")
    assert await sector.locator("svg .reactive").count() >= 1
    assert await sector.locator("svg > desc").text_content()
    assert await sector.locator("table tbody tr").count() >= 1
    assert not await person.page.locator("svg style, [style]").count()
    await person.check_page("overview")


async def test_register_actor_keeps_typed_values_on_422_then_edit(
    agora: Agora, sign_in: Any
) -> None:
    agency = await agora.register_client("agency", "PL")
    person = await sign_in(agency["client_id"], agency["client_secret"], "/console/actors/new")
    page = person.page
    assert page.url.endswith("/console/actors/new")
    await person.check_page("actor-register")
    await page.get_by_label("Kind").select_option("media_outlet")
    await page.get_by_label("Public name").fill("Новая газета Європа")
    await page.get_by_label("Independent media").check()
    await page.get_by_label("Host country").fill("Latvia")  # not an ISO code: 422
    await page.get_by_label("Legal name (personal)").fill("Ирина Петренко")
    await person.submit("Register")
    error = page.locator("#host_country-error")
    assert await error.count() == 1
    assert await page.get_by_label("Host country").get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("Public name").input_value() == "Новая газета Європа"
    assert await page.get_by_label("Legal name (personal)").input_value() == "Ирина Петренко"
    assert await page.get_by_label("Independent media").is_checked()
    await person.check_page("actor-register-422")

    await page.get_by_label("Host country").fill("LV")
    await person.submit("Register")
    assert re.search(r"/console/actors/[^/]+$", page.url)
    assert await page.get_by_role("heading", level=1).inner_text() == "Новая газета Європа"
    assert "Ирина Петренко" in await page.locator(".personal").inner_text()
    await person.check_page("actor-detail")

    await page.get_by_role("link", name="Edit this actor").click()
    await page.wait_for_url(re.compile(r"/edit$"))
    await person.check_page("actor-edit")
    await page.get_by_label("Region of origin").fill("RU-TA")
    await person.submit("Save changes")
    assert "Saved." in await said(page)
    assert "RU-TA" in await page.locator("dl.facts").first.inner_text()

    await page.get_by_label("Share with state (ISO code)").fill("DE")
    await person.submit("Share")
    assert "Shared with DE." in await said(page)

    await person.open("/console/actors?host_country=LV")
    assert await page.get_by_role("link", name="Новая газета Європа").count() == 1
    await person.check_page("actors")


async def test_overlapping_commitment_shows_the_overlap(agora: Agora, sign_in: Any) -> None:
    first = await agora.register_client("agency", "SE")
    second = await agora.register_client("agency", "FI")
    actor_id = await register_actor(agora, first, "Центр «Память»")
    sweden = await agora.login(first["client_id"], first["client_secret"])
    made = await sweden.post(
        "/v1/funding/commitments",
        json={
            "actor_id": actor_id,
            "instrument": "grant",
            "amount": "50000",
            "currency": "EUR",
            "period": {"start": days(-30), "end": days(300)},
            "purposes": ["public_debate"],
        },
    )
    assert made.status_code == 201, made.text

    person = await sign_in(second["client_id"], second["client_secret"])
    page = person.page
    await person.open(f"/console/funding/new?actor_id={actor_id}")
    await person.check_page("commitment-new")
    await page.get_by_label("Amount", exact=True).fill("12000")
    await page.get_by_label("Period start").fill(days(0))
    await page.get_by_label("Period end").fill(days(-10))  # before the start: 422
    await page.get_by_label("Knowledge for public debate").check()
    await person.submit("Save commitment")
    assert await page.locator(".error-summary").count() == 1
    assert await page.get_by_label("Amount", exact=True).input_value() == "12000"
    await page.get_by_label("Period end").fill(days(200))
    await person.submit("Save commitment")
    overlaps = page.locator("section", has_text="Overlaps with other donors")
    assert "SE" in await overlaps.locator("table").inner_text()
    await person.check_page("commitment-overlap")
    await person.open("/console/funding")
    assert await page.locator("table tbody tr").count() >= 2
    await person.check_page("funding")

    # The overlap notice reaches the second donor; it settles it with a note.
    await person.open("/console/funding/overlaps")
    notice = page.locator("section.card", has_text=actor_id)
    assert "SE" in await notice.inner_text()
    await person.check_page("overlaps")
    await notice.get_by_label("We co-fund this actor on purpose").check()
    await notice.get_by_label("Note to the other donor (optional)").fill("Согласовано с SE.")
    async with page.expect_navigation():
        await notice.get_by_role("button").click()
    assert "Overlap resolved" in await said(page)
    await person.open("/console/funding/overlaps?status=resolved")
    resolved = page.locator("section.card", has_text=actor_id)
    assert "Согласовано с SE." in await resolved.inner_text()
    # Sweden, the other donor, sees it resolved too.
    assert (await sweden.get("/v1/funding/overlaps", params={"status": "resolved"})).json()[
        "items"
    ][0]["note"] == "Согласовано с SE."

    await person.open("/console/permits?within_days=90")
    await person.check_page("permits")


async def test_lapsed_permits_and_trend_charts(agora: Agora, sign_in: Any) -> None:
    agency = await agora.register_client("agency", "AT")
    actor_id = await register_actor(agora, agency, "Фонд «Свободная Россия»")
    http = await agora.login(agency["client_id"], agency["client_secret"])
    permit = await http.post(
        f"/v1/actors/{actor_id}/permits",
        json={"type": "residence", "valid_from": days(-400), "valid_until": days(-3)},
    )
    assert permit.status_code == 201, permit.text
    person = await sign_in(agency["client_id"], agency["client_secret"])
    page = person.page
    # The overview draws concentration over time as lines and the permits week by week.
    trend = page.locator("figure.chart", has_text="Concentration (HHI)")
    assert await trend.locator("svg .line, svg .reactive").count() >= 1
    assert await trend.locator("table tbody tr").count() == 6
    donors = page.locator("figure.chart", has_text="Committed EUR by donor")
    assert await donors.locator("table tbody tr").count() == 6
    weekly = page.locator("figure.chart", has_text="Permits ending, by week")
    assert await weekly.locator("table tbody tr").count() == 13
    assert await page.locator("h2", has_text="Overlap notices on your commitments").count() == 1
    await person.open("/console/permits/lapsed")
    row = page.locator("tr", has_text=actor_id)
    assert days(-3) in await row.inner_text()
    await person.check_page("permits-lapsed")


async def test_admin_opens_a_cycle_and_an_evaluator_assesses_blind(
    agora: Agora, sign_in: Any
) -> None:
    agency = await agora.register_client("agency", "CZ")
    actor_id = await register_actor(agora, agency, "Инициатива «Голос»")
    admin = await sign_in(ADMIN_ID, ADMIN_SECRET)
    assert admin.page.url.endswith("/console/overview")
    await admin.check_page("admin-overview")
    await admin.open("/console/admin")
    await admin.page.get_by_label("Name").fill("Cycle 2026")
    await admin.page.get_by_label("Period start").fill(days(-100))
    await admin.page.get_by_label("Period end").fill(days(100))
    await admin.submit("Open the cycle")
    assert "Cycle 2026 opened." in await said(admin.page)
    await admin.page.get_by_label("Currency").fill("USD")
    await admin.page.get_by_label("EUR per unit").fill("0.9")
    await admin.page.get_by_label("Effective from").fill(days(-1))
    await admin.submit("Set the rate")
    assert "1 USD" in await said(admin.page)
    await admin.check_page("admin")
    await admin.submit("Assign evaluators for Cycle 2026")
    assert "assignments made" in await said(admin.page)
    assert "/console/admin/cycles/" in admin.page.url
    await admin.check_page("admin-cycle")

    evaluator = await agora.register_client("evaluator")
    person = await sign_in(evaluator["client_id"], evaluator["client_secret"])
    page = person.page
    assert page.url.endswith("/console/actors")
    await person.open("/console/evaluation")
    await person.check_page("evaluation")
    await page.get_by_role("link", name="Cycle 2026").click()
    await page.wait_for_url(re.compile(r"/cycles/"))
    assert await page.get_by_role("heading", name="Assigned to you").count() == 1
    await person.check_page("evaluation-cycle")
    await page.get_by_role("link", name="Assess Инициатива «Голос»").click()
    await page.wait_for_url(re.compile(r"/assess\?"))
    assert actor_id in page.url
    await person.check_page("assessment-form")
    await (
        page.get_by_role("group", name="1. Standards and visions")
        .get_by_label("3 — substantial")
        .check()
    )
    await page.get_by_role("group", name="2. Knowledge generation").get_by_label("2 — some").check()
    await person.submit("Submit assessment")  # one criterion missing: 422, the rest kept
    assert await page.locator("[id='scores.domestic_outreach-error']").count() == 1
    assert (
        await page.get_by_role("group", name="1. Standards and visions")
        .get_by_label("3 — substantial")
        .is_checked()
    )
    await (
        page.get_by_role("group", name="3. Domestic outreach")
        .get_by_label("4 — outstanding")
        .check()
    )
    await page.get_by_label("Rationale").fill("Регулярные публикации; аудитория в России.")
    await person.submit("Submit assessment")
    assert "submitted" in await said(page)
    assert "Регулярные публикации" in await page.locator("table").inner_text()
    await person.check_page("assessments")
    await person.open(f"/console/evaluation/conflicts/new?actor_id={actor_id}")
    await person.check_page("conflict-form")


async def test_auditor_filters_and_verifies_the_trail(agora: Agora, sign_in: Any) -> None:
    # A write of personal data of its own, so the filtered trail below is never empty.
    agency = await agora.agency("DE")
    registered = await agency.post(
        "/v1/actors",
        json={
            "kind": "organisation",
            "public_name": "Audit trail probe",
            "legal_name": "Audit trail probe e.V.",
            "sectors": ["research"],
            "host_country": "LT",
        },
    )
    assert registered.status_code == 201, registered.text
    auditor = await agora.register_client("auditor")
    person = await sign_in(auditor["client_id"], auditor["client_secret"])
    page = person.page
    assert page.url.endswith("/console/audit")
    assert await page.locator("table tbody tr").count() >= 1
    await person.check_page("audit")
    await person.open("/console/audit?outcome=success&action=actor.personal_data.write")
    rows = page.locator("table tbody tr")
    assert await rows.count() >= 1
    assert all("actor.personal_data.write" in t for t in await rows.all_inner_texts())
    await page.get_by_role("link", name="Verify the trail").click()
    await page.wait_for_url(re.compile(r"/verify$"))
    assert "intact" in await page.locator("#verify-result").inner_text()
    await person.check_page("audit-verify")
    await person.open("/console/audit/checkpoints")
    await person.check_page("audit-checkpoints")


async def test_steward_enrols_and_revokes_an_agency_client(agora: Agora, sign_in: Any) -> None:
    steward_id, secret = await agora.new_steward("NO")
    person = await sign_in(steward_id, secret)
    page = person.page
    assert page.url.endswith("/console/stewardship")
    nav = await page.get_by_role("navigation", name="Main").inner_text()
    assert "Actors" not in nav
    await page.get_by_label("Agency name").fill("Utenriksdepartementet")
    await person.submit("Enrol")
    created = page.locator("section", has_text="Agency client enrolled")
    client_id = (await created.locator("dd").first.inner_text()).strip()
    shown_secret = (await created.locator("dd.secret").inner_text()).strip()
    await person.check_page("stewardship-enrolled", screenshot=False)  # it shows a secret
    # The secret shown works: the new agency signs in to the console itself.
    agency = await sign_in(client_id, shown_secret)
    assert agency.page.url.endswith("/console/overview")
    await person.open("/console/stewardship")
    assert "Utenriksdepartementet" in await page.locator("table").inner_text()
    await person.submit("Revoke Utenriksdepartementet")
    assert "revoked" in await said(page)
    row = page.locator("tr", has_text="Utenriksdepartementet")
    assert "revoked" in await row.inner_text()
    assert not await row.get_by_role("button").count()
    await person.check_page("stewardship")
    # The revoked agency's session ends at its next request: back to the login page.
    await agency.open("/console/funding")
    assert "/console/login" in agency.page.url


async def test_steward_reads_its_access_log_and_client_history(agora: Agora, sign_in: Any) -> None:
    steward_id, secret = await agora.new_steward("IS")
    person = await sign_in(steward_id, secret)
    page = person.page
    await page.get_by_label("Agency name").fill("Utanríkisráðuneytið")
    await person.submit("Enrol")
    await person.open("/console/stewardship/events")
    assert "client.enrolled" in await page.locator("table").inner_text()
    await person.check_page("stewardship-events")
    await person.open("/console/stewardship/access-log?since=not-a-time")
    assert await page.locator(".warning, #since-error").count() >= 1
    await person.open("/console/stewardship/access-log")
    await person.check_page("stewardship-access-log")


async def test_second_operator_approves_a_pending_steward(agora: Agora, sign_in: Any) -> None:
    other = await agora.second_admin()
    pending = await other.post(
        "/v1/admin/clients", json={"name": "Steward LU", "role": "steward", "state": "LU"}
    )
    assert pending.status_code == 202, pending.text
    admin = await sign_in(ADMIN_ID, ADMIN_SECRET)
    await admin.open("/console/admin")
    row = admin.page.locator("tr", has_text=pending.json()["client_id"])
    assert "Steward LU" in await row.inner_text()
    await admin.submit("Approve Steward LU")
    approved = admin.page.locator("section", has_text="Steward LU approved")
    part = (await approved.locator("dd.secret").inner_text()).strip()
    await admin.check_page("admin-approved", screenshot=False)  # it shows a secret part
    # The two halves make a working secret: the steward signs in.
    steward = await sign_in(pending.json()["client_id"], pending.json()["secret_part"] + part)
    assert steward.page.url.endswith("/console/stewardship")


async def test_expired_session_returns_to_the_page_after_login(
    agora: Agora, sign_in: Any, browser: Any, console: Console
) -> None:
    agency = await agora.register_client("agency", "EE")
    person = await sign_in(
        agency["client_id"], agency["client_secret"], "/console/funding?status=pledged"
    )
    assert person.page.url.endswith("/console/funding?status=pledged")
    # The session ends (as at expiry): the next page goes to login and, after it, back.
    await person.context.clear_cookies()
    await person.open("/console/permits?within_days=30")
    assert "/console/login" in person.page.url
    assert "ended" in await person.page.locator(".error-summary").inner_text()
    await person.page.get_by_label("Client id").fill(agency["client_id"])
    await person.page.get_by_label("Client secret").fill(agency["client_secret"])
    await person.submit("Sign in")
    assert person.page.url.endswith("/console/permits?within_days=30")
    # An off-site next is ignored.
    await person.page.goto(console.origin + "/console/login?next=//evil.example/x")
    assert urlsplit(person.page.url).netloc == urlsplit(console.origin).netloc


async def test_pages_made_no_request_to_another_host_and_all_carry_the_csp(
    console: Console, traffic: Traffic
) -> None:
    """Runs last in this module: every request of every page above went to the console."""
    assert traffic.requests, "no page was opened"
    print()
    for name, found in sorted(AXE_RESULTS.items()):
        print(f"axe {name}: {', '.join(found) or 'no violations'}")
    hosts = {urlsplit(url).netloc for url in traffic.requests if not url.startswith("data:")}
    assert hosts == {urlsplit(console.origin).netloc}
    for url, headers in traffic.documents:
        policy = headers.get("content-security-policy", "")
        assert all(part in policy for part in CSP_NEEDS), url
        assert headers.get("cache-control") == "no-store", url
