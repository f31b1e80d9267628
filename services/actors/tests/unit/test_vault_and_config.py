"""Envelope encryption and the master key's configuration."""

import base64
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from actors import rotate_master_key
from actors.config import MasterKeyError, Settings
from actors.main import create_app
from actors.vault import UnreadablePersonalData, Vault, master_key_id

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
    with pytest.raises(MasterKeyError, match="AGORA_ACTORS_MASTER_KEY is required"):
        Settings(data_dir=tmp_path).resolved_master_key()


SHORT = base64.b64encode(b"sixteen byte key").decode()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("not base64!", "is not base64"),
        (SHORT, r"must decode to at least 32 bytes \(it decodes to 16\)"),
        (base64.b64encode(bytes(range(31))).decode(), "at least 32 bytes"),
        ("", "is required|empty key"),
        (base64.b64encode(bytes(range(32))).decode() + ",", "empty key"),
        (base64.b64encode(bytes(range(32))).decode() + "," + SHORT, r"\(key 2\) must decode"),
    ],
    # Fixed keys: the ids must be the same in every xdist worker's collection.
    ids=["not-base64", "16-bytes", "31-bytes", "empty", "trailing-comma", "short-second-key"],
)
def test_a_malformed_or_short_master_key_is_refused_without_echo(
    bad: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGORA_ACTORS_MASTER_KEY", bad)
    monkeypatch.setenv("AGORA_ENV", "production")
    with pytest.raises(MasterKeyError, match=message) as refused:
        Settings(data_dir=tmp_path).resolved_master_key()
    assert SHORT not in str(refused.value)


def test_the_service_refuses_to_start_on_a_short_master_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGORA_ACTORS_MASTER_KEY", SHORT)
    with pytest.raises(MasterKeyError, match="must decode to at least 32 bytes") as refused:
        create_app(Settings(data_dir=tmp_path))
    assert SHORT not in str(refused.value)
    assert "generate one with" in str(refused.value)
    # The rotation command refuses it too, with the same message and no traceback.
    assert rotate_master_key.main([]) == 2


def test_the_server_process_exits_with_the_message(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AGORA_")},
        "AGORA_ACTORS_MASTER_KEY": SHORT,
        "AGORA_DATA_DIR": str(tmp_path),
    }
    server = subprocess.run(
        [sys.executable, "-m", "agora_common.serve", "actors.main:create_app", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert server.returncode != 0
    last_line = server.stderr.strip().splitlines()[-1]
    assert "AGORA_ACTORS_MASTER_KEY must decode to at least 32 bytes" in last_line
    assert SHORT not in server.stderr


def test_a_longer_master_key_is_condensed_to_32_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = os.urandom(64)
    monkeypatch.setenv("AGORA_ACTORS_MASTER_KEY", base64.urlsafe_b64encode(long).decode())
    key = Settings(data_dir=tmp_path).resolved_master_key()
    assert len(key) == 32
    assert key not in long
    assert Settings(data_dir=tmp_path).resolved_master_key() == key


def test_a_key_ring_wraps_with_the_first_and_unwraps_with_any(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = os.urandom(32), os.urandom(32)
    ring = ",".join(base64.urlsafe_b64encode(k).decode() for k in (new, old))
    monkeypatch.setenv("AGORA_ACTORS_MASTER_KEY", ring)
    assert Settings(data_dir=tmp_path).resolved_master_keys() == [new, old]
    vault = Vault.of_key_ring([new, old])
    data_key = vault.new_data_key()
    under_old = Vault(old).wrap(data_key, actor_id="a")
    assert vault.unwrap(under_old, actor_id="a") == data_key
    rewrapped = vault.rewrap(under_old, actor_id="a")
    assert Vault(new).unwrap(rewrapped, actor_id="a") == data_key
    with pytest.raises(UnreadablePersonalData):
        Vault(old).unwrap(rewrapped, actor_id="a")
    assert vault.master_key_id == master_key_id(new) != master_key_id(old)
    assert vault.previous_key_ids == [master_key_id(old)]
    monkeypatch.setenv("AGORA_ACTORS_MASTER_KEY", ring.split(",")[0] + "," + ring.split(",")[0])
    with pytest.raises(MasterKeyError, match="same key twice"):
        Settings(data_dir=tmp_path).resolved_master_keys()
