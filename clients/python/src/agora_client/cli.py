"""``agora``: Agora's command line for agencies (Typer).

Every failure exits non-zero with one line on stderr (``agora: …``); no command prints a secret
it was not asked for (``login`` never prints the client secret; ``webhooks add`` prints the new
endpoint's signing secret, which the platform shows only then).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from agora_client import config
from agora_client._generated.api.funding import (
    list_overlaps_v1_funding_overlaps_get as list_overlaps,
)
from agora_client._generated.api.funding import (
    make_commitment_v1_funding_commitments_post as make_commitment,
)
from agora_client._generated.models.commitment_create import CommitmentCreate
from agora_client._generated.models.overlap_notice import OverlapNotice
from agora_client.client import AgoraClient
from agora_client.errors import AgoraError, ProblemError

T = TypeVar("T")
DEFAULT_URL = "http://127.0.0.1:8000"

app = typer.Typer(
    name="agora",
    help="Agora's command line: log in once, then work with actors, funding, exports, webhooks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
actors_app = typer.Typer(help="Actors of the registry.", no_args_is_help=True)
commitments_app = typer.Typer(help="Funding commitments.", no_args_is_help=True)
export_app = typer.Typer(help="The caller's funding in published standards.", no_args_is_help=True)
webhooks_app = typer.Typer(help="Webhook subscriptions of the caller.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
app.add_typer(commitments_app, name="commitments")
app.add_typer(export_app, name="export")
app.add_typer(webhooks_app, name="webhooks")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print the platform's JSON as it is.")]


def fail(reason: str) -> NoReturn:
    """One line on stderr, exit status 1."""
    err.print(f"agora: {' '.join(reason.split())}", markup=False, highlight=False)
    raise typer.Exit(1)


def run(work: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; any failure becomes one line and exit status 1."""
    try:
        return asyncio.run(work)
    except AgoraError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        err.print("agora: interrupted")
        raise typer.Exit(130) from None
    except httpx.HTTPError as exc:
        fail(f"the gateway could not be reached: {type(exc).__name__}")
    except Exception as exc:  # a bug here: still one line, never a traceback with data in it
        fail(f"unexpected {type(exc).__name__}; please report it")


async def with_client(action: Callable[[AgoraClient], Awaitable[T]]) -> T:
    """Run ``action`` with a client signed in from the stored credentials; keep the new token."""
    stored = config.load()
    async with AgoraClient(
        stored.url, stored.client_id, stored.client_secret, token=stored.token
    ) as agora:
        try:
            return await action(agora)
        finally:
            assert agora.tokens is not None
            if agora.tokens.token is not None and agora.tokens.token != stored.token:
                stored.token = agora.tokens.token
                config.save(stored)


def new_table(*columns: str) -> Table:
    """A table whose cells wrap rather than cut: ids must stay whole to be copied."""
    made = Table()
    for column in columns:
        made.add_column(column, overflow="fold")
    return made


def print_json(data: Any) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False))


# --- login ----------------------------------------------------------------------------------


@app.command()
def login(
    client_id: Annotated[
        str, typer.Option(envvar="AGORA_CLIENT_ID", prompt=True, help="Your client id.")
    ],
    url: Annotated[str, typer.Option(envvar="AGORA_URL", help="The gateway's URL.")] = DEFAULT_URL,
    secret_stdin: Annotated[
        bool, typer.Option("--secret-stdin", help="Read the client secret from standard input.")
    ] = False,
) -> None:
    """Check the client's credentials with the gateway and keep them (file mode 0600).

    The secret is read from AGORA_CLIENT_SECRET, from standard input with --secret-stdin, or
    asked for without echo; it is never printed.
    """
    secret = os.environ.get("AGORA_CLIENT_SECRET", "")
    if secret_stdin:
        secret = sys.stdin.readline().strip()
    elif not secret:
        secret = typer.prompt("Client secret", hide_input=True)
    if not secret:
        fail("no client secret given")

    async def check() -> tuple[dict[str, Any], config.Credentials]:
        async with AgoraClient(url, client_id, secret) as agora:
            me = (await agora.request("GET", "/v1/auth/me")).json()
            assert agora.tokens is not None
            return me, config.Credentials(url.rstrip("/"), client_id, secret, agora.tokens.token)

    me, credentials = run(check())
    path = config.save(credentials)
    state = f", state {me['state']}" if me.get("state") else ""
    out.print(f"Logged in to {credentials.url} as {me['client_id']} ({me['role']}{state}).")
    out.print(f"Credentials kept in {path} (mode 0600).", highlight=False)


@app.command()
def logout() -> None:
    """Forget the stored credentials and token."""
    removed = config.forget()
    out.print("Logged out." if removed else "Not logged in.")


@app.command()
def whoami(as_json: JsonOption = False) -> None:
    """The client, role and state the stored credentials act as."""
    me = run(with_client(lambda agora: agora.request("GET", "/v1/auth/me"))).json()
    if as_json:
        print_json(me)
        return
    state = f", state {me['state']}" if me.get("state") else ""
    out.print(f"{me['client_id']} ({me['role']}{state})")


# --- actors ---------------------------------------------------------------------------------


@actors_app.command("import")
def import_actors(
    file: Annotated[Path, typer.Argument(help="CSV file, one actor per row (see README).")],
    concurrency: Annotated[
        int, typer.Option(min=1, max=32, help="Rows sent at the same time.")
    ] = 4,
    check_only: Annotated[
        bool, typer.Option("--check", help="Only check the file; send nothing.")
    ] = False,
    ids: Annotated[
        Path | None, typer.Option(help="Write each line's actor id here (CSV: line,actor_id).")
    ] = None,
) -> None:
    """Register every actor of a CSV file, or none if any row is refused.

    Every row is checked first; one refused row and nothing is sent. Each row is sent with an
    Idempotency-Key made from its content, so running the same file again creates nothing twice.
    """
    # Imported here: the schema check (jsonschema) is for this command alone.
    from agora_client import actors_csv
    from agora_client.importer import send_rows

    try:
        parsed = actors_csv.read(file)
    except AgoraError as exc:
        fail(str(exc))
    total = len(parsed.rows) + len(parsed.refused)
    if parsed.refused:
        err.print(
            f"{len(parsed.refused)} of {total} rows refused; nothing was sent:", highlight=False
        )
        for refusal in parsed.refused:
            err.print(f"  {refusal}", markup=False, highlight=False)
        fail(f"{file.name}: {len(parsed.refused)} rows refused (see above), nothing imported")
    if check_only:
        out.print(f"{file.name}: all {total} rows can be imported.")
        return
    if not parsed.rows:
        out.print(f"{file.name}: no rows, nothing to import.")
        return

    async def send(agora: AgoraClient) -> Any:
        assert agora.tokens is not None
        secret = config.load().client_secret
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeRemainingColumn(), console=err, transient=False) as bar:
            task = bar.add_task("importing actors", total=len(parsed.rows))
            return await send_rows(
                agora,
                parsed.rows,
                secret=secret,
                concurrency=concurrency,
                advance=lambda: bar.advance(task),
            )

    report = run(with_client(send))
    if ids is not None:
        lines = ["line,actor_id"] + [f"{line},{aid}" for line, aid in sorted(report.ids.items())]
        ids.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = f"{report.created} created, {report.replayed} already imported"
    if report.id_unknown:
        summary += f" ({report.id_unknown} of them with their answer lost: id unknown)"
    if report.with_possible_duplicates:
        summary += (
            f"; {report.with_possible_duplicates} may duplicate another state's actors "
            "(GET /v1/actors/duplicates)"
        )
    for refusal in report.refused:
        err.print(f"  {refusal}", markup=False, highlight=False)
    if report.stopped_by:
        fail(
            f"stopped after {report.done} of {len(parsed.rows)} rows ({summary}; "
            f"{report.not_sent} not sent): {report.stopped_by}; fix it and run the same "
            "command again: rows already imported are not created twice"
        )
    out.print(f"{file.name}: {report.done} actors imported ({summary}).", highlight=False)


# --- commitments and overlaps ---------------------------------------------------------------


class Instrument(StrEnum):
    grant = "grant"
    fellowship = "fellowship"
    residence_permit = "residence_permit"
    work_permit = "work_permit"
    in_kind = "in_kind"


class Status(StrEnum):
    committed = "committed"
    pledged = "pledged"


@commitments_app.command("add")
def add_commitment(
    actor: Annotated[str, typer.Option(help="The actor's id.")],
    instrument: Annotated[Instrument, typer.Option()],
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option(help="Last day, YYYY-MM-DD.")],
    purpose: Annotated[list[str], typer.Option(help="A purpose; repeat for several.")],
    amount: Annotated[str | None, typer.Option(help="Decimal amount, e.g. 25000.00.")] = None,
    currency: Annotated[str | None, typer.Option(help="ISO 4217 code, e.g. EUR.")] = None,
    status: Annotated[Status, typer.Option()] = Status.committed,
    programme: Annotated[str | None, typer.Option(help="A joint programme's id.")] = None,
    confidential: Annotated[bool, typer.Option(help="Shown only to its donor.")] = False,
    idempotency_key: Annotated[
        str | None,
        typer.Option(help="Send the same key again to repeat the command safely."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Commit funding to an actor (the donor is your state) and show the overlaps it makes."""
    for name, day in (("start", start), ("end", end)):
        try:
            date.fromisoformat(day)
        except ValueError:
            fail(f"--{name} must be a date YYYY-MM-DD")
    if amount is not None:
        try:
            if Decimal(amount) <= 0:
                fail("--amount must be greater than 0")
        except InvalidOperation:
            fail("--amount must be a decimal number such as 25000.00")
    body: dict[str, Any] = {
        "actor_id": actor,
        "instrument": instrument.value,
        "period": {"start": start, "end": end},
        "purposes": purpose,
        "status": status.value,
        "confidential": confidential,
    }
    for key, value in (("amount", amount), ("currency", currency), ("programme_id", programme)):
        if value is not None:
            body[key] = value
    try:
        typed = CommitmentCreate.from_dict(body)
    except (TypeError, ValueError, KeyError) as exc:
        fail(f"not a valid commitment: {exc}")

    async def commit(agora: AgoraClient) -> Any:
        extra = {"idempotency_key": idempotency_key} if idempotency_key else {}
        return await agora.call(make_commitment, body=typed, **extra)

    created = run(with_client(commit))
    if as_json:
        print_json(created.to_dict())
        return
    money = f"{created.amount} {created.currency}" if created.amount else "no amount"
    out.print(
        f"commitment {created.id}: {created.instrument}, {money}, {created.status}, "
        f"horizon {created.horizon}",
        highlight=False,
    )
    for overlap in created.overlaps:
        coordinated = " (coordinated: same programme)" if overlap.coordinated else ""
        out.print(
            f"  overlaps {overlap.donor}'s commitment {overlap.commitment_id} on "
            f"{', '.join(overlap.shared_purposes)}{coordinated}; notice {overlap.overlap_id}",
            highlight=False,
        )
    if not created.overlaps:
        out.print("  no overlap with another donor")


class OverlapFilter(StrEnum):
    open = "open"
    resolved = "resolved"
    coordinated = "coordinated"


@app.command()
def overlaps(
    status: Annotated[
        OverlapFilter | None, typer.Option(help="Only notices in this state.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Overlap notices that involve one of your commitments (every page)."""

    async def fetch(agora: AgoraClient) -> list[OverlapNotice]:
        filters: dict[str, Any] = {"status": status.value} if status else {}
        return [notice async for notice in agora.paged(list_overlaps, **filters)]

    notices = run(with_client(fetch))
    if as_json:
        print_json([notice.to_dict() for notice in notices])
        return
    table = new_table("notice", "status", "actor", "donors", "shared purposes", "since")
    for notice in notices:
        donors = " + ".join(
            f"{side.donor}{' (you)' if side.yours else ''}" for side in notice.commitments
        )
        table.add_row(
            notice.id,
            notice.status + (" (programme)" if notice.coordinated else ""),
            notice.actor_id,
            donors,
            ", ".join(notice.shared_purposes),
            notice.created_at.date().isoformat(),
        )
    out.print(table)
    out.print(f"{len(notices)} overlap notices")


# --- exports --------------------------------------------------------------------------------


class GivingFormat(StrEnum):
    json = "json"
    csv = "csv"


def _export(path: str, params: dict[str, str] | None = None) -> bytes:
    """The export's bytes; a 409 (no IATI identifier yet) says which command sets it."""

    async def fetch(agora: AgoraClient) -> bytes:
        try:
            return (await agora.request("GET", path, params=params)).content
        except ProblemError as exc:
            if exc.status == 409:
                raise AgoraError(
                    f"{exc}; set it with: agora export settings --iati-org-ref …"
                ) from exc
            raise

    return run(with_client(fetch))


def _write(content: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    output.write_bytes(content)
    err.print(f"wrote {len(content)} bytes to {output}", highlight=False)


class Confidential(StrEnum):
    omit = "omit"
    flag = "flag"


@export_app.command("settings")
def export_settings(
    iati_org_ref: Annotated[
        str, typer.Option(help="Your IATI organisation identifier, e.g. XM-DAC-5-7.")
    ],
    confidential: Annotated[
        Confidential, typer.Option(help="Leave confidential commitments out, or flag them.")
    ] = Confidential.omit,
) -> None:
    """Set your state's IATI organisation identifier (needed by both exports)."""

    async def put(agora: AgoraClient) -> Any:
        me = (await agora.request("GET", "/v1/auth/me")).json()
        if not me.get("state"):
            raise AgoraError("only a client of a state (agency or steward) has export settings")
        body = {"iati_org_ref": iati_org_ref, "confidential_in_exports": confidential.value}
        return (await agora.request("PUT", f"/v1/funding/donors/{me['state']}", json=body)).json()

    saved = run(with_client(put))
    out.print(
        f"exports of {saved.get('code', 'your state')} name {saved.get('iati_org_ref')}; "
        f"confidential commitments: {saved.get('confidential_in_exports')}",
        highlight=False,
    )


@export_app.command("iati")
def export_iati(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (else stdout).")
    ] = None,
) -> None:
    """Your commitments as an IATI 2.03 activity file (XML)."""
    _write(_export("/v1/funding/exports/iati"), output)


@export_app.command("360giving")
def export_360giving(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (else stdout).")
    ] = None,
    format: Annotated[
        GivingFormat, typer.Option(help="JSON package or flat CSV.")
    ] = GivingFormat.json,
) -> None:
    """Your grants and fellowships as a 360Giving 1.4 data package (JSON) or its CSV form."""
    params = {"format": "csv"} if format is GivingFormat.csv else {}
    _write(_export("/v1/funding/exports/360giving", params), output)


# --- webhooks -------------------------------------------------------------------------------


@webhooks_app.command("list")
def list_webhooks(as_json: JsonOption = False) -> None:
    """Your webhook endpoints."""
    found = run(with_client(lambda agora: _all(agora, "/v1/webhooks")))
    if as_json:
        print_json(found)
        return
    table = new_table("id", "url", "events", "state", "since")
    for hook in found:
        disabled = hook.get("disabled_at")
        state = (
            f"disabled: {hook.get('disabled_reason') or 'deliveries failed'}"
            if disabled
            else "active"
        )
        table.add_row(
            str(hook["id"]),
            str(hook["url"]),
            ", ".join(hook.get("events", [])),
            state,
            str(disabled or hook.get("created_at", "")),
        )
    out.print(table)


@webhooks_app.command("add")
def add_webhook(
    url: Annotated[str, typer.Argument(help="Where to deliver (https in production).")],
    event: Annotated[list[str], typer.Option(help="An event type; repeat for several.")],
    as_json: JsonOption = False,
) -> None:
    """Subscribe an endpoint; prints its signing secret, which is shown only this once."""
    created = run(
        with_client(
            lambda agora: agora.request(
                "POST", "/v1/webhooks", json={"url": url, "events": event}, expect=(201,)
            )
        )
    ).json()
    if as_json:
        print_json(created)
        return
    out.print(f"webhook {created['id']} → {created['url']}", highlight=False)
    out.print(f"signing secret (shown once, keep it now): {created['secret']}", highlight=False)


@webhooks_app.command("delete")
def delete_webhook(webhook_id: Annotated[str, typer.Argument(help="The webhook's id.")]) -> None:
    """Stop deliveries to an endpoint and forget it."""
    run(with_client(lambda agora: agora.request("DELETE", f"/v1/webhooks/{webhook_id}")))
    out.print(f"webhook {webhook_id} deleted", highlight=False)


@webhooks_app.command("deliveries")
def webhook_deliveries(
    webhook_id: Annotated[str, typer.Argument(help="The webhook's id.")],
    as_json: JsonOption = False,
) -> None:
    """The delivery log of one endpoint (every page)."""
    found = run(with_client(lambda agora: _all(agora, f"/v1/webhooks/{webhook_id}/deliveries")))
    if as_json:
        print_json(found)
        return
    columns = ("id", "event_type", "status", "attempts", "last_status_code", "last_attempt_at")
    table = new_table(*columns, "next_attempt_at", "last_error")
    for delivery in found:
        cells = [delivery.get(name) for name in (*columns, "next_attempt_at", "last_error")]
        table.add_row(*("" if cell is None else str(cell) for cell in cells))
    out.print(table)
    out.print(f"{len(found)} deliveries")


async def _all(agora: AgoraClient, path: str) -> list[dict[str, Any]]:
    return [item async for item in agora.items(path)]


def main() -> None:
    """The console script ``agora``: usage errors are one line too (exit status 2)."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        err.print("agora: aborted")
        sys.exit(1)
    except typer.TyperException as exc:  # click's usage errors, as Typer vendors them
        context = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and context is not None:
            out.print(context.get_help(), markup=False, highlight=False)
            sys.exit(0)
        format_message = getattr(exc, "format_message", None)
        reason = " ".join(str(format_message() if format_message else exc).split())
        err.print(f"agora: {reason} (see --help)", markup=False, highlight=False)
        sys.exit(int(getattr(exc, "exit_code", 2)))
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
