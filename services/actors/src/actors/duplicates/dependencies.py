"""What routes that fingerprint identities depend on: the identity key, from the app state."""

from __future__ import annotations

from typing import Annotated

from agora_common.app import from_app_state

from actors.duplicates.fingerprints import IdentityKey

IdentityKeyDep = Annotated[IdentityKey, from_app_state("identity_key")]
