"""The console's settings, read from the environment (``AGORA_CONSOLE_`` and ``AGORA_ENV``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "/console"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="AGORA_CONSOLE_", extra="ignore", populate_by_name=True
    )

    gateway_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The gateway's base URL; the console calls only its public API there.",
    )
    host: str = "127.0.0.1"
    port: int = 8100
    # AGORA_ENV, shared with every process: production marks the session cookie Secure.
    env: Literal["development", "production"] = Field(
        default="development", validation_alias="AGORA_ENV"
    )
    # A session never outlives its token (expires_in); this caps it further.
    session_max_seconds: int = Field(default=8 * 3600, ge=60)
    sessions_max: int = Field(default=10_000, ge=1, description="Live sessions per process.")
    gateway_timeout_seconds: float = 15.0
    log_level: str = Field(default="INFO", validation_alias="AGORA_LOG_LEVEL")

    @property
    def production(self) -> bool:
        return self.env == "production"
