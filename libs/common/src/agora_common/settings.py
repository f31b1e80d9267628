"""Settings read from the environment with the ``AGORA_`` prefix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


@dataclass(frozen=True, slots=True)
class ServerTLS:
    """What a service serves HTTPS with: its certificate and key, and the CA its clients need."""

    cert_file: Path
    key_file: Path
    client_ca_file: Path


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
    # mTLS between the gateway and the services (docs/deploy.md): a service serves HTTPS with this
    # certificate and key and admits only clients whose certificate the internal CA signed (the
    # gateway's). Read by agora_common.serve, the services' container command.
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    tls_client_ca_file: Path | None = None
    # True only when a service mesh already does mTLS between the pods (it then carries plain
    # HTTP inside the pod); production otherwise refuses a service or gateway without TLS.
    tls_terminated_by_mesh: bool = False

    @property
    def production(self) -> bool:
        return self.env == "production"

    def server_tls(self) -> ServerTLS | None:
        """The certificate, key and client CA to serve HTTPS with, or None for plain HTTP.

        Plain HTTP is for one machine (``make run``: loopback, one process per service, so the
        identity's per-process replay check sees every request) or behind an mTLS mesh. In
        production anything else is refused: a captured identity could be replayed, within its
        30 s, to another replica that has not seen it.
        """
        cert, key, client_ca = self.tls_cert_file, self.tls_key_file, self.tls_client_ca_file
        if cert and key and client_ca:
            return ServerTLS(cert, key, client_ca)
        files = {
            "AGORA_TLS_CERT_FILE": cert,
            "AGORA_TLS_KEY_FILE": key,
            "AGORA_TLS_CLIENT_CA_FILE": client_ca,
        }
        missing = [name for name, value in files.items() if value is None]
        if len(missing) < len(files):
            raise RuntimeError(f"TLS is half configured: {', '.join(missing)} not set")
        if self.production and not self.tls_terminated_by_mesh:
            raise RuntimeError(
                "a service in production serves only HTTPS with client certificates: set "
                "AGORA_TLS_CERT_FILE, AGORA_TLS_KEY_FILE and AGORA_TLS_CLIENT_CA_FILE "
                "(or AGORA_TLS_TERMINATED_BY_MESH=true behind a mesh doing mTLS)"
            )
        return None

    def database_url_for(self, name: str, configured: str | None) -> str:
        """The configured URL, or an embedded SQLite file under the data directory."""
        if configured:
            return configured
        if self.production:
            raise RuntimeError(f"AGORA_{name.upper()}_DATABASE_URL is required in production")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{name}.db').resolve()}"
