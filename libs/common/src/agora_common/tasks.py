"""Stopping a background task for sure."""

from __future__ import annotations

import asyncio
import contextlib


async def stop_task(task: asyncio.Task[None] | None) -> None:
    """Cancel ``task`` until it has ended, then wait for it.

    Once is not enough on Python 3.11: ``asyncio.wait_for`` (used inside nats-py and asyncpg) can
    swallow a cancellation that races with a message or a timeout, and the task's loop goes on —
    awaiting it after a single ``cancel()`` would then wait for ever.
    """
    if task is None:
        return
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=1)
    with contextlib.suppress(asyncio.CancelledError):
        await task
