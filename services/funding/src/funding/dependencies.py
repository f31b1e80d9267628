"""What the funding service's routes take from the request, declared once."""

from __future__ import annotations

from typing import Annotated

from agora_common.app import from_app_state
from agora_common.ids import id_path

from funding.config import Settings
from funding.reports.snapshots import ReportSnapshots

SettingsDep = Annotated[Settings, from_app_state("settings")]
"""The service's settings, as ``create_app`` put them on the app."""

ReportSnapshotsDep = Annotated[ReportSnapshots, from_app_state("report_snapshots")]
"""The concentration reports this process keeps (``create_app`` makes them)."""

CommitmentId = Annotated[str, id_path("commitment")]
ActorId = Annotated[str, id_path("actor")]
