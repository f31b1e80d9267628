"""The `agora` command line against the running platform, as an agency uses it.

The console script runs as a subprocess with its own config directory; what it did is checked
through the API with the harness's own client of the same agency.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from agora_platform.testing.e2e import Agora, eventually

AGORA = Path(sys.executable).parent / "agora"
# Far from other tests' periods: the platform is shared for the session.
PERIOD = ("2047-01-01", "2048-12-31")


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def said(self) -> str:
        return self.out + self.err


@dataclass
class Agent:
    """One agency: its credentials, the CLI's config directory, and an API client to check."""

    client_id: str
    secret: str
    config: Path
    api: httpx.AsyncClient

    async def run(self, *args: str, stdin: str | None = None, timeout: float = 60) -> Ran:
        return await run_cli(*args, config=self.config, stdin=stdin, timeout=timeout)


async def run_cli(*args: str, config: Path, stdin: str | None = None, timeout: float = 60) -> Ran:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGORA_")}
    env |= {"AGORA_CONFIG_DIR": str(config), "COLUMNS": "200", "NO_COLOR": "1"}
    process = await asyncio.create_subprocess_exec(
        str(AGORA),
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await asyncio.wait_for(
        process.communicate(stdin.encode() if stdin is not None else b""), timeout
    )
    assert process.returncode is not None
    return Ran(process.returncode, out.decode(), err.decode())


async def agent(agora: Agora, state: str, tmp_path: Path) -> Agent:
    """A new agency of ``state``, logged in with `agora login` (secret on stdin)."""
    created = await agora.register_client("agency", state)
    config = tmp_path / f"config-{state}"
    logged_in = await run_cli(
        "login",
        "--url",
        agora.url,
        "--client-id",
        created["client_id"],
        "--secret-stdin",
        config=config,
        stdin=created["client_secret"] + "\n",
    )
    assert logged_in.code == 0, logged_in.said
    api = await agora.login(created["client_id"], created["client_secret"])
    return Agent(created["client_id"], created["client_secret"], config, api)


async def custodied(api: httpx.AsyncClient, state: str) -> list[str]:
    """Ids of every actor the state keeps, through the API (every page)."""
    ids: list[str] = []
    cursor: str | None = None
    while True:
        params = {"custodian_state": state, "limit": "200"} | ({"cursor": cursor} if cursor else {})
        page = await api.get("/v1/actors", params=params)
        assert page.status_code == 200, page.text
        ids += [actor["id"] for actor in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return ids


def one_line_failure(ran: Ran) -> str:
    assert ran.code != 0, ran.said
    lines = ran.err.strip().splitlines()
    assert lines, ran.said
    assert lines[-1].startswith("agora: "), ran.said
    return lines[-1]


HEADER = [
    "kind",
    "public_name",
    "legal_name",
    "sectors",
    "activities",
    "host_country",
    "origin_region",
    "relocated_on",
    "email",
    "gender",
    "consent_given_on",
    "consent_scope",
    "women_led",
    "monthly_active_users",
]
KINDS = ("organisation", "individual", "media_outlet", "initiative")
SECTORS = ("civil_society", "independent_media", "research", "human_rights", "culture")


def actor_row(n: int, tag: str) -> list[str]:
    """Organisations and individuals as the actors contract has them (individuals with consent)."""
    kind = KINDS[n % len(KINDS)]
    person = kind == "individual"
    return [
        kind,
        f"{tag} actor {n}",
        f"{tag} Legal Name {n}",
        ";".join(sorted({SECTORS[n % 5], SECTORS[(n // 5) % 5]})),
        "anti_war;public_debate" if n % 2 else "",
        ("DE", "LT", "GE", "AM")[n % 4],
        "RU-MOW" if n % 3 else "",
        f"20{22 + n % 3}-0{1 + n % 9}-1{n % 10}",
        f"{tag.lower()}{n}@example.org" if person else "",
        ("female", "male", "non_binary", "undisclosed")[n % 4] if person else "",
        "2025-01-15" if person else "",
        "registration with the agency" if person else "",
        "" if person else ("true" if n % 2 else "false"),
        str(1000 * n) if kind == "media_outlet" else "",
    ]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


async def test_login_keeps_the_credentials_private_and_never_prints_the_secret(
    agora: Agora, tmp_path: Path
) -> None:
    created = await agora.register_client("agency", "IS")
    config = tmp_path / "config"
    logged_in = await run_cli(
        "login",
        "--url",
        agora.url,
        "--client-id",
        created["client_id"],
        "--secret-stdin",
        config=config,
        stdin=created["client_secret"] + "\n",
    )
    assert logged_in.code == 0, logged_in.said
    assert f"as {created['client_id']} (agency, state IS)" in logged_in.out
    assert created["client_secret"] not in logged_in.said
    stored = config / "credentials.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.stat().st_mode) == 0o700
    assert json.loads(stored.read_text())["client_id"] == created["client_id"]

    me = await run_cli("whoami", "--json", config=config)
    assert me.code == 0, me.said
    assert json.loads(me.out)["state"] == "IS"
    assert created["client_secret"] not in me.said

    wrong = "not-the-secret-" + created["client_secret"][:6]
    refused = await run_cli(
        "login", "--url", agora.url, "--client-id", created["client_id"], "--secret-stdin",
        config=config, stdin=wrong + "\n",
    )  # fmt: skip
    assert one_line_failure(refused) == "agora: 401 invalid_client"
    assert wrong not in refused.said
    assert json.loads(stored.read_text())["client_secret"] == created["client_secret"]

    stored.chmod(0o644)
    exposed = await run_cli("whoami", config=config)
    assert "readable by others" in one_line_failure(exposed)

    nobody = await run_cli("overlaps", config=tmp_path / "nobody")
    assert "not logged in" in one_line_failure(nobody)
    usage = await run_cli("commitments", "add", "--instrument", "gift", config=config)
    assert usage.code == 2
    assert usage.err.strip().count("\n") == 0, usage.err
    assert usage.err.startswith("agora: Invalid value for '--instrument': 'gift' is not one of")


@pytest.mark.timeout(600)
async def test_a_2000_row_import_creates_every_actor_once_and_a_rerun_nothing(
    agora: Agora, tmp_path: Path
) -> None:
    is_ = await agent(agora, "IS", tmp_path)
    before = len(await custodied(is_.api, "IS"))
    rows = [actor_row(n, "Iceland") for n in range(2000)]
    file = write_csv(tmp_path / "actors.csv", rows)
    ids_file = tmp_path / "ids.csv"

    started = time.monotonic()
    first = await is_.run("actors", "import", str(file), "--ids", str(ids_file), timeout=540)
    first_took = time.monotonic() - started
    assert first.code == 0, first.said
    assert "2000 actors imported (2000 created, 0 already imported)" in first.out
    assert "2000/2000" in first.err  # the progress bar
    assert is_.secret not in first.said
    listed = await custodied(is_.api, "IS")
    assert len(listed) == before + 2000
    with ids_file.open(encoding="utf-8") as handle:
        ids = [row["actor_id"] for row in csv.DictReader(handle)]
    assert len(set(ids)) == 2000
    assert set(ids) <= set(listed)

    started = time.monotonic()
    again = await is_.run("actors", "import", str(file), timeout=540)
    again_took = time.monotonic() - started
    assert again.code == 0, again.said
    assert "2000 actors imported (0 created, 2000 already imported)" in again.out
    assert len(await custodied(is_.api, "IS")) == before + 2000
    # The figures for the report (timing targets belong in make bench, not here).
    print(f"2000-row import: {first_took:.1f} s; rerun: {again_took:.1f} s")

    # Personal data went in: the custodian reads it back (one individual).
    individual = ids[1]
    read = await is_.api.get(f"/v1/actors/{individual}")
    assert read.status_code == 200, read.text
    assert read.json()["legal_name"] == "Iceland Legal Name 1"
    assert read.json()["representation"]["gender"] == "male"


async def test_a_file_with_bad_rows_is_refused_whole_with_a_report(
    agora: Agora, tmp_path: Path
) -> None:
    lu = await agent(agora, "LU", tmp_path)
    good = [actor_row(n, "Luxembourg") for n in range(5)]
    individual_led = actor_row(1, "Luxembourg")
    individual_led[1], individual_led[HEADER.index("women_led")] = "Led person", "true"
    no_consent = actor_row(5, "Luxembourg")
    no_consent[HEADER.index("consent_given_on")] = ""
    bad_kind, no_sector, lower_country, bad_date, bad_flag = (
        actor_row(n, "Luxembourg") for n in range(6, 11)
    )
    bad_kind[0] = "company"
    no_sector[3] = ""
    lower_country[5] = "lu"
    bad_date[7] = "2023-02-30"
    bad_flag[HEADER.index("women_led")] = "perhaps"
    secret_name = "Very Private Legal Name"
    bad_kind[2] = secret_name
    rows = [*good, bad_kind, no_sector, lower_country, bad_date, bad_flag, individual_led,
            no_consent, good[2]]  # fmt: skip
    file = write_csv(tmp_path / "bad.csv", rows)

    refused = await lu.run("actors", "import", str(file))
    assert (
        one_line_failure(refused) == "agora: bad.csv: 8 rows refused (see above), nothing imported"
    )
    report = refused.err
    assert "8 of 13 rows refused; nothing was sent" in report
    assert (
        "line 7: kind: must be one of individual, organisation, media_outlet, initiative" in report
    )
    assert "line 8: sectors: required" in report
    assert "line 9: host_country: must match ^[A-Z]{2}$" in report
    assert "line 10: relocated_on: must be a date YYYY-MM-DD" in report
    assert "line 11: women_led: must be true or false" in report
    assert "line 12: women_led, minority_led and regional are not for individuals" in report
    assert "line 13: consent_given_on: required" in report
    assert "line 14: the same actor as line 4" in report
    assert secret_name not in refused.said
    assert await custodied(lu.api, "LU") == []

    checked = await lu.run("actors", "import", str(write_csv(tmp_path / "ok.csv", good)), "--check")
    assert checked.code == 0, checked.said
    assert "all 5 rows can be imported" in checked.out
    assert await custodied(lu.api, "LU") == []

    unknown = write_csv(tmp_path / "unknown.csv", [["x"]], header=["nickname"])
    assert "unknown columns nickname" in one_line_failure(
        await lu.run("actors", "import", str(unknown))
    )
    missing = await lu.run("actors", "import", str(tmp_path / "missing.csv"))
    assert "cannot read missing.csv" in one_line_failure(missing)


async def test_a_row_only_the_platform_refuses_stops_the_import_and_a_rerun_completes_it(
    agora: Agora, tmp_path: Path
) -> None:
    lv = await agent(agora, "LV", tmp_path)
    rows = [actor_row(n, "Latvia") for n in range(3)]
    rows[2][1] = "Bell\u0007name"  # a control character: the platform refuses it, the schema cannot
    file = write_csv(tmp_path / "actors.csv", rows)

    stopped = await lv.run("actors", "import", str(file), "--concurrency", "1")
    line = one_line_failure(stopped)
    assert "stopped after 2 of 3 rows (2 created, 0 already imported; 0 not sent)" in line
    assert "line 4 was refused" in line
    assert "line 4: 422" in stopped.err
    assert len(await custodied(lv.api, "LV")) == 2

    rows[2][1] = "Bell name"
    write_csv(file, rows)
    completed = await lv.run("actors", "import", str(file), "--concurrency", "1")
    assert completed.code == 0, completed.said
    assert "3 actors imported (1 created, 2 already imported)" in completed.out
    assert len(await custodied(lv.api, "LV")) == 3


async def one_actor(who: Agent, tmp_path: Path, tag: str) -> str:
    """An actor registered with the CLI, once the funding service knows it."""
    file = write_csv(tmp_path / f"{tag}.csv", [actor_row(0, tag)])
    ids = tmp_path / f"{tag}-ids.csv"
    ran = await who.run("actors", "import", str(file), "--ids", str(ids))
    assert ran.code == 0, ran.said
    actor_id = ids.read_text().splitlines()[1].split(",")[1]

    async def known_to_funding() -> bool:
        return (await who.api.get(f"/v1/funding/actors/{actor_id}/summary")).status_code == 200

    await eventually(known_to_funding)
    return actor_id


def commit_args(actor_id: str, *purposes: str, **options: str) -> list[str]:
    args = ["commitments", "add", "--actor", actor_id, "--start", PERIOD[0], "--end", PERIOD[1]]
    for purpose in purposes:
        args += ["--purpose", purpose]
    for name, value in options.items():
        args += [f"--{name.replace('_', '-')}", value]
    return args


async def test_commitments_add_reports_overlaps_and_both_donors_list_them(
    agora: Agora, tmp_path: Path
) -> None:
    ee = await agent(agora, "EE", tmp_path)
    fi = await agent(agora, "FI", tmp_path)
    actor_id = await one_actor(ee, tmp_path, "Estonia")

    first = await ee.run(
        *commit_args(
            actor_id, "anti_war", "public_debate", instrument="grant", amount="50000.00",
            currency="EUR", idempotency_key="cli-e2e-ee-1",
        )
    )  # fmt: skip
    assert first.code == 0, first.said
    assert "grant, 50000.00 EUR, committed, horizon short" in first.out
    assert "no overlap with another donor" in first.out
    commitment_id = first.out.split()[1].rstrip(":")
    again = await ee.run(
        *commit_args(
            actor_id, "anti_war", "public_debate", instrument="grant", amount="50000.00",
            currency="EUR", idempotency_key="cli-e2e-ee-1",
        ),
        "--json",
    )  # fmt: skip
    assert again.code == 0, again.said
    assert json.loads(again.out)["id"] == commitment_id  # the same key: replayed, not made twice
    mine = await ee.api.get("/v1/funding/commitments", params={"actor_id": actor_id})
    assert [c["id"] for c in mine.json()["items"]] == [commitment_id]

    second = await fi.run(
        *commit_args(actor_id, "anti_war", instrument="fellowship", amount="12000", currency="EUR")
    )
    assert second.code == 0, second.said
    assert f"overlaps EE's commitment {commitment_id} on anti_war" in second.out

    for who, other in ((ee, "FI"), (fi, "EE")):
        listed = await who.run("overlaps", "--json")
        assert listed.code == 0, listed.said
        [notice] = [n for n in json.loads(listed.out) if n["actor_id"] == actor_id]
        assert notice["status"] == "open"
        assert {side["donor"] for side in notice["commitments"]} == {"EE", "FI"}
        table = await who.run("overlaps", "--status", "open")
        assert notice["id"] in table.out
        assert f"{other} + " in table.out or f" + {other}" in table.out

    bad_amount = await ee.run(*commit_args(actor_id, "anti_war", instrument="grant", amount="-5"))
    assert one_line_failure(bad_amount) == "agora: --amount must be greater than 0"
    bad_date = await ee.run(
        "commitments", "add", "--actor", actor_id, "--instrument", "grant", "--start",
        "2047-13-01", "--end", PERIOD[1], "--purpose", "anti_war",
    )  # fmt: skip
    assert one_line_failure(bad_date) == "agora: --start must be a date YYYY-MM-DD"
    unknown = await ee.run(
        *commit_args(
            "act_unknown0000000", "anti_war", instrument="grant", amount="1", currency="EUR"
        )
    )
    assert one_line_failure(unknown).startswith("agora: 422 ")


async def test_exports_are_written_as_the_platform_serves_them(
    agora: Agora, tmp_path: Path
) -> None:
    cz = await agent(agora, "CZ", tmp_path)
    actor_id = await one_actor(cz, tmp_path, "Czechia")
    made = await cz.run(
        *commit_args(actor_id, "anti_war", instrument="grant", amount="7000.00", currency="EUR")
    )
    assert made.code == 0, made.said

    iati = tmp_path / "iati.xml"
    unset = await cz.run("export", "iati", "-o", str(iati))
    assert one_line_failure(unset).startswith("agora: 409 ")
    assert not iati.exists()
    settings = await cz.run("export", "settings", "--iati-org-ref", "XM-DAC-99-1")
    assert settings.code == 0, settings.said
    assert "exports of CZ name XM-DAC-99-1; confidential commitments: omit" in settings.out

    ran = await cz.run("export", "iati", "-o", str(iati))
    assert ran.code == 0, ran.said
    served = await cz.api.get("/v1/funding/exports/iati")
    assert served.status_code == 200
    assert iati.read_bytes().startswith(b"<?xml")
    assert b"<iati-activities" in iati.read_bytes()
    assert b"XM-DAC-99-1" in iati.read_bytes()
    assert iati.read_bytes().count(b"<iati-activity ") == served.content.count(b"<iati-activity ")

    package = tmp_path / "360.json"
    ran = await cz.run("export", "360giving", "-o", str(package))
    assert ran.code == 0, ran.said
    assert len(json.loads(package.read_text())["grants"]) == 1

    flat = await cz.run("export", "360giving", "--format", "csv")
    assert flat.code == 0, flat.said
    assert len(list(csv.reader(flat.out.splitlines()))) == 2  # the header and one grant


async def test_webhooks_are_added_listed_and_deleted(agora: Agora, tmp_path: Path) -> None:
    sk = await agent(agora, "SK", tmp_path)
    added = await sk.run(
        "webhooks", "add", "http://127.0.0.1:9/agora", "--event", "funding.overlap_detected",
        "--json",
    )  # fmt: skip
    assert added.code == 0, added.said
    hook = json.loads(added.out)
    assert hook["secret"].startswith("whsec_")

    listed = await sk.run("webhooks", "list", "--json")
    assert listed.code == 0, listed.said
    [seen] = [h for h in json.loads(listed.out) if h["id"] == hook["id"]]
    assert seen["events"] == ["funding.overlap_detected"]
    assert hook["secret"] not in listed.said  # shown once, at creation only

    deliveries = await sk.run("webhooks", "deliveries", hook["id"])
    assert deliveries.code == 0, deliveries.said
    assert "0 deliveries" in deliveries.out

    # An overlap with another donor is delivered (attempted: nothing listens on port 9).
    hr = await agent(agora, "HR", tmp_path)
    actor_id = await one_actor(sk, tmp_path, "Slovakia")
    for who in (sk, hr):
        made = await who.run(
            *commit_args(actor_id, "anti_war", instrument="grant", amount="900", currency="EUR")
        )
        assert made.code == 0, made.said

    async def logged() -> list[dict[str, str]]:
        ran = await sk.run("webhooks", "deliveries", hook["id"], "--json")
        assert ran.code == 0, ran.said
        return [d for d in json.loads(ran.out) if d["event_type"] == "funding.overlap_detected"]

    [delivery] = await eventually(logged, timeout=60, interval=1)
    table = await sk.run("webhooks", "deliveries", hook["id"])
    assert delivery["id"] in table.out
    assert "1 deliveries" in table.out

    deleted = await sk.run("webhooks", "delete", hook["id"])
    assert deleted.code == 0, deleted.said
    listed = await sk.run("webhooks", "list", "--json")
    assert hook["id"] not in {h["id"] for h in json.loads(listed.out)}

    refused = await sk.run(
        "webhooks", "add", "ftp://example.org/x", "--event", "funding.overlap_detected"
    )
    assert one_line_failure(refused).startswith("agora: 422 ")
    gone = await sk.run("webhooks", "delete", hook["id"])
    assert one_line_failure(gone).startswith("agora: 404 ")
