"""Envelope encryption and the master key's configuration."""

import base64
import os
import stat
from pathlib import Path

import pytest
from actors.config import Settings
from actors.vault import UnreadablePersonalData, Vault

PERSONAL = {"legal_name": "Ivan Ivanov", "representation": None}


def test_personal_data_round_trips_and_the_ciphertext_hides_it() -> None:
    vault = Vault(os.urandom(32))
    key = vault.new_data_key()
    sealed = vault.seal(PERSONAL, data_key=key, actor_id="act_1")
    assert b"Ivan" not in sealed
    wrapped = vault.wrap(key, actor_id="act_1")
    assert key not in wrapped
    assert vault.open(
        sealed, data_key=vault.unwrap(wrapped, actor_id="act_1"), actor_id="act_1"
    ) == (PERSONAL)


def test_the_length_of_a_ciphertext_says_little() -> None:
    vault = Vault(os.urandom(32))
    key = vault.new_data_key()
    short = vault.seal({"legal_name": "Li"}, data_key=key, actor_id="a")
    longer = vault.seal(
        {"legal_name": "Aleksandra Konstantinovna Rimskaya-Korsakova", "consent": None},
        data_key=key,
        actor_id="a",
    )
    assert len(short) == len(longer)


def test_purposes_do_not_mix() -> None:
    vault = Vault(os.urandom(32))
    key = vault.new_data_key()
    sealed = vault.seal({"risk_level": "high"}, data_key=key, actor_id="a", purpose="attributes")
    assert vault.open(sealed, data_key=key, actor_id="a", purpose="attributes") == {
        "risk_level": "high"
    }
    with pytest.raises(UnreadablePersonalData):
        vault.open(sealed, data_key=key, actor_id="a")


def test_every_seal_is_different() -> None:
    vault = Vault(os.urandom(32))
    key = vault.new_data_key()
    assert vault.seal(PERSONAL, data_key=key, actor_id="a") != vault.seal(
        PERSONAL, data_key=key, actor_id="a"
    )


def test_ciphertexts_and_keys_are_bound_to_their_actor() -> None:
    vault = Vault(os.urandom(32))
    key = vault.new_data_key()
    sealed = vault.seal(PERSONAL, data_key=key, actor_id="act_1")
    with pytest.raises(UnreadablePersonalData):
        vault.open(sealed, data_key=key, actor_id="act_2")
    with pytest.raises(UnreadablePersonalData):
        vault.unwrap(vault.wrap(key, actor_id="act_1"), actor_id="act_2")


def test_another_data_key_or_master_key_opens_nothing() -> None:
    vault = Vault(os.urandom(32))
    key = vault.new_data_key()
    sealed = vault.seal(PERSONAL, data_key=key, actor_id="a")
    with pytest.raises(UnreadablePersonalData):
        vault.open(sealed, data_key=vault.new_data_key(), actor_id="a")
    with pytest.raises(UnreadablePersonalData):
        Vault(os.urandom(32)).unwrap(vault.wrap(key, actor_id="a"), actor_id="a")
    with pytest.raises(UnreadablePersonalData):
        vault.open(b"\x01short", data_key=key, actor_id="a")


def test_the_master_key_is_generated_once_into_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = settings.resolved_master_key()
    assert len(first) == 32
    path = tmp_path / "keys" / "actors-master.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Settings(data_dir=tmp_path).resolved_master_key() == first


def test_a_configured_master_key_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = os.urandom(32)
    monkeypatch.setenv("AGORA_ACTORS_MASTER_KEY", base64.b64encode(key).decode())
    assert Settings(data_dir=tmp_path).resolved_master_key() == key
    assert not (tmp_path / "keys").exists()


def test_production_requires_a_master_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AGORA_ACTORS_MASTER_KEY", raising=False)
    monkeypatch.setenv("AGORA_ENV", "production")
    with pytest.raises(RuntimeError, match="AGORA_ACTORS_MASTER_KEY"):
        Settings(data_dir=tmp_path).resolved_master_key()


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_malformed_master_key_is_refused(
    bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGORA_ACTORS_MASTER_KEY", bad)
    with pytest.raises(ValueError, match="AGORA_ACTORS_MASTER_KEY"):
        Settings(data_dir=tmp_path).resolved_master_key()
