"""Send checked actor rows to ``POST /v1/actors``: bounded concurrency, one key per row.

What "nothing half-imported" means over HTTP, where no request spans the file:

* the whole file is read and every row checked before the first request; one refused row and
  nothing is sent (``agora actors import`` stops there with the report);
* each row is one request, so one actor is created completely or not at all (the actors service
  commits it in one transaction with its event);
* a run that stops part-way (the network, Ctrl-C, a rule only the platform knows) has created
  some rows; its report says how many, and running the same file again creates the rest and
  nothing twice: each row's ``Idempotency-Key`` comes from its content, and the gateway replays
  the first answer for a key it has seen (kept at least 24 h) instead of running it again.

When the gateway lost the first answer (a 504: it stopped waiting for the service, which then
registered the actor), it keeps no answer under the key; the retry reaches the actors service,
which recorded the key with the actor and refuses it: 409 ``idempotency-key-applied``. That row
counts as imported, its id unknown (the ``--ids`` file leaves it out).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from agora_client.actors_csv import Refusal, Row, idempotency_key
from agora_client.client import AgoraClient
from agora_client.errors import AgoraError, ProblemError


@dataclass(slots=True)
class ImportReport:
    created: int = 0
    replayed: int = 0  # created by an earlier run of the same rows (or an earlier attempt)
    id_unknown: int = 0  # of those, rows whose first answer was lost (409 already applied)
    with_possible_duplicates: int = 0
    refused: list[Refusal] = field(default_factory=list)
    not_sent: int = 0  # rows left unsent after a refusal or failure
    stopped_by: str | None = None  # why sending stopped early (one line), if it did
    ids: dict[int, str] = field(default_factory=dict)  # line → actor id

    @property
    def done(self) -> int:
        return self.created + self.replayed


async def send_rows(
    agora: AgoraClient,
    rows: list[Row],
    *,
    secret: str,
    concurrency: int = 4,
    advance: Callable[[], None] = lambda: None,
) -> ImportReport:
    """Register every row (at most ``concurrency`` at once); stop starting rows after a refusal."""
    report = ImportReport()
    queue: asyncio.Queue[Row] = asyncio.Queue()
    for row in rows:
        queue.put_nowait(row)
    stop = asyncio.Event()

    def halt(row: Row, reason: str) -> None:
        report.not_sent += 1
        report.stopped_by = report.stopped_by or reason
        stop.set()

    async def worker() -> None:
        while not stop.is_set():
            try:
                row = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                response = await agora.request(
                    "POST",
                    "/v1/actors",
                    json=row.body,
                    idempotency_key=idempotency_key(row.body, secret),
                    expect=(201,),
                )
            except ProblemError as exc:
                if exc.already_applied:  # created once; the answer with its id was lost
                    report.replayed += 1
                    report.id_unknown += 1
                    advance()
                elif exc.status == 422:  # this row's content: the others may be fine
                    report.refused.append(Refusal(row.line, [exc.one_line()]))
                    report.stopped_by = report.stopped_by or f"line {row.line} was refused"
                    stop.set()
                else:  # the same for every row (401, 403, 413, a 5xx after the retries)
                    halt(row, exc.one_line())
                continue
            except AgoraError as exc:
                halt(row, str(exc))
                continue
            body = response.json()
            report.ids[row.line] = str(body["id"])
            if response.headers.get("idempotent-replayed") == "true":
                report.replayed += 1
            else:
                report.created += 1
            if body.get("possible_duplicates"):
                report.with_possible_duplicates += 1
            advance()

    await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
    report.not_sent += queue.qsize()
    return report
