"""The gateway's dependencies, declared once: who calls, and what the lifespan set up."""

from __future__ import annotations

from typing import Annotated

import httpx
from agora_common.app import from_app_state
from agora_common.db import Database
from agora_common.identity import IdentitySigner
from fastapi import Depends

from gateway.auth.principal import Principal, current_principal, require_role
from gateway.auth.tokens import TokenIssuer
from gateway.checkpoints.service import AuditAnchor
from gateway.clients.sealing import SecretSealer
from gateway.config import Settings

CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
AdminPrincipal = Annotated[Principal, require_role("admin")]
AuditorPrincipal = Annotated[Principal, require_role("auditor")]
AgencyPrincipal = Annotated[Principal, require_role("agency")]
StewardPrincipal = Annotated[Principal, require_role("steward")]
MonitorPrincipal = Annotated[Principal, require_role("monitor", "admin")]

DatabaseDep = Annotated[Database, from_app_state("db")]
HttpDep = Annotated[httpx.AsyncClient, from_app_state("http")]
ConsoleHttpDep = Annotated[httpx.AsyncClient, from_app_state("console_http")]
SignerDep = Annotated[IdentitySigner, from_app_state("signer")]
TokensDep = Annotated[TokenIssuer, from_app_state("tokens")]
AnchorDep = Annotated[AuditAnchor, from_app_state("anchor")]
SealerDep = Annotated[SecretSealer, from_app_state("sealer")]
SettingsDep = Annotated[Settings, from_app_state("settings")]
ServicesDep = Annotated[dict[str, str], from_app_state("services")]
"""Service name → base URL."""
