"""The soak, short (``make soak`` runs the full one): a minute of mixed load from four agencies and
two evaluators on SQLite while NATS is restarted three times and each service and the gateway is
SIGKILLed once (and brought back by the supervisor). Nothing acknowledged may be lost or applied twice, in the
services, their read models or the streams, and no answer may be a 5xx outside a fault.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from agora_platform.soak.run import modes, run_mode

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("soak")]
MINUTES = float(os.environ.get("AGORA_SOAK_SHORT_MINUTES", "1"))


@pytest.mark.timeout(900)
async def test_a_short_soak_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    result = await run_mode(modes(short=True)["sqlite"], MINUTES, tmp_path)
    summary = json.dumps(result, indent=1)
    print(summary)
    assert result["faults"] == {"nats_restart": 3, "process_kill": 4}, summary
    assert result["writes_acknowledged"] > 50, summary
    assert result["lost"] == 0, summary
    assert result["duplicated"] == 0, summary
    assert result["events"]["unpublished"] == 0, summary
    assert result["answers"]["unexpected_5xx"] == {}, summary
    assert result["answers"]["retryable_without_retry_after"] == {}, summary
    assert result["ready_after_last_fault_s"] is not None, summary
    assert result["ready_after_last_fault_s"] <= 60, summary
    assert result["passed"], summary
