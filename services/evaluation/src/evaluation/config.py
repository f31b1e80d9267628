"""The evaluation service's settings."""

from __future__ import annotations

from agora_common.settings import CommonSettings
from pydantic import Field


class Settings(CommonSettings):
    database_url: str | None = Field(default=None, validation_alias="AGORA_EVALUATION_DATABASE_URL")

    def resolved_database_url(self) -> str:
        return self.database_url_for("evaluation", self.database_url)
