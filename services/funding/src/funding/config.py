"""The funding service's settings."""

from __future__ import annotations

from decimal import Decimal

from agora_common.settings import CommonSettings
from pydantic import Field


class Settings(CommonSettings):
    database_url: str | None = Field(default=None, validation_alias="AGORA_FUNDING_DATABASE_URL")
    # A monetary commitment worth less than this (in EUR) counts as a thin grant.
    thin_grant_eur: Decimal = Field(
        default=Decimal("10000"), gt=0, validation_alias="AGORA_FUNDING_THIN_GRANT_EUR"
    )

    def resolved_database_url(self) -> str:
        return self.database_url_for("funding", self.database_url)
