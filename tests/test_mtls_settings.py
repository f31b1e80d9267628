"""Production refuses the gateway and a service without mTLS between them, unless a mesh does it;
one machine (``make run``) stays plain HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from agora_common.settings import CommonSettings, ServerTLS
from gateway.config import Settings, UpstreamTLS

FILES = {
    "tls_cert_file": Path("/tls/tls.crt"),
    "tls_key_file": Path("/tls/tls.key"),
    "tls_client_ca_file": Path("/tls/ca.crt"),
}
# By their environment names, as the deployments set them.
CLIENT = {
    "AGORA_GATEWAY_CLIENT_CERT_FILE": Path("/tls/tls.crt"),
    "AGORA_GATEWAY_CLIENT_KEY_FILE": Path("/tls/tls.key"),
    "internal_ca_file": Path("/tls/ca.crt"),
}
HTTPS = {
    "actors_url": "https://actors:8000",
    "funding_url": "https://funding:8000",
    "evaluation_url": "https://evaluation:8000",
}


def test_a_service_serves_https_with_its_files() -> None:
    settings = CommonSettings(env="production", **FILES)
    assert settings.server_tls() == ServerTLS(
        Path("/tls/tls.crt"), Path("/tls/tls.key"), Path("/tls/ca.crt")
    )


def test_a_production_service_without_tls_is_refused_unless_behind_a_mesh() -> None:
    with pytest.raises(RuntimeError, match="AGORA_TLS_TERMINATED_BY_MESH"):
        CommonSettings(env="production").server_tls()
    assert CommonSettings(env="production", tls_terminated_by_mesh=True).server_tls() is None
    # make run: plain HTTP on loopback, one process per service.
    assert CommonSettings(env="development").server_tls() is None


def test_half_a_tls_configuration_is_refused_everywhere() -> None:
    with pytest.raises(RuntimeError, match="AGORA_TLS_CLIENT_CA_FILE not set"):
        CommonSettings(
            env="development", tls_cert_file=Path("/c"), tls_key_file=Path("/k")
        ).server_tls()


def test_the_gateway_calls_https_services_with_its_client_certificate() -> None:
    settings = Settings(env="production", **CLIENT, **HTTPS)
    assert settings.upstream_tls() == UpstreamTLS(
        Path("/tls/tls.crt"), Path("/tls/tls.key"), Path("/tls/ca.crt")
    )
    with pytest.raises(RuntimeError, match="AGORA_FUNDING_URL"):
        Settings(**CLIENT, **(HTTPS | {"funding_url": "http://funding:8000"})).upstream_tls()
    with pytest.raises(RuntimeError, match="together or not at all"):
        Settings(internal_ca_file=Path("/tls/ca.crt"), **HTTPS).upstream_tls()


def test_a_production_gateway_without_mtls_is_refused_unless_behind_a_mesh() -> None:
    with pytest.raises(RuntimeError, match="AGORA_GATEWAY_CLIENT_CERT_FILE"):
        Settings(env="production").upstream_tls()
    assert Settings(env="production", tls_terminated_by_mesh=True).upstream_tls() is None
    assert Settings(env="development").upstream_tls() is None
