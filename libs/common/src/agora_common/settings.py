"""Settings read from the environment with the ``AGORA_`` prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class CommonSettings(BaseSettings):
    """What every process of the platform reads."""

    model_config = SettingsConfigDict(env_prefix="AGORA_", extra="ignore")

    env: Literal["development", "production"] = "development"
    data_dir: Path = Path("var")
    nats_url: str = "nats://127.0.0.1:4222"
    # This process's own NATS user: its permissions let it publish only its service's events
    # (agora_common.nats_access). Unset: connect without credentials (a NATS without accounts).
    nats_user: str | None = None
    nats_password: SecretStr | None = None
    # PEM file of the CA that signed the NATS server's certificate: connect with TLS and verify.
    nats_tls_ca_file: Path | None = None
    nats_stream_replicas: int = 1
    nats_stream_max_age_days: int = 30
    nats_duplicate_window_seconds: int = 900
    log_level: str = "INFO"
    # PEM of the gateway's Ed25519 public key; services verify the internal identity with it.
    internal_verify_key: str | None = None

    @property
    def production(self) -> bool:
        return self.env == "production"

    def database_url_for(self, name: str, configured: str | None) -> str:
        """The configured URL, or an embedded SQLite file under the data directory."""
        if configured:
            return configured
        if self.production:
            raise RuntimeError(f"AGORA_{name.upper()}_DATABASE_URL is required in production")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{name}.db').resolve()}"
