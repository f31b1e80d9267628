"""Response bodies of the audit checkpoints."""

from __future__ import annotations

from datetime import datetime

from agora_common.pagination import Page
from pydantic import BaseModel, Field

from gateway.checkpoints.signing import SIGNED_TEXT
from gateway.checkpoints.stream import StoredCheckpoint


class CheckpointOut(BaseModel):
    """One checkpoint; every field but ``stream_seq`` is null for a message that is not one."""

    stream_seq: int = Field(description="Position in the NATS stream AUDIT.")
    seq: int | None = Field(description="The audit record the chain head was at.")
    hash: str | None = Field(description="That record's hash.")
    at: datetime | None
    key_id: str | None = Field(description="First 16 hex digits of SHA-256 of the raw public key.")
    signature: str | None = Field(
        description=f"Base64 Ed25519 signature of `{SIGNED_TEXT}` (UTF-8)."
    )

    @classmethod
    def of(cls, stored: StoredCheckpoint) -> CheckpointOut:
        signed = stored.signed
        if signed is None:
            return cls(
                stream_seq=stored.stream_seq,
                seq=None,
                hash=None,
                at=None,
                key_id=None,
                signature=None,
            )
        return cls(
            stream_seq=stored.stream_seq,
            seq=signed.checkpoint.seq,
            hash=signed.checkpoint.hash,
            at=signed.checkpoint.at,
            key_id=signed.key_id,
            signature=signed.signature,
        )


class CheckpointPage(Page[CheckpointOut]):
    public_key: str = Field(description="The Ed25519 public key (PEM) the checkpoints verify with.")
    key_id: str
    signed_text: str = SIGNED_TEXT


class AnchoredVerification(BaseModel):
    valid: bool = Field(
        description="The chain recomputes, its head agrees, every checkpoint's signature holds "
        "and the record at every checkpoint still has the checkpoint's hash."
    )
    records: int
    anchored: bool = Field(description="Whether checkpoints are published (false without NATS).")
    checkpoints_checked: int = 0
    checkpoints_mismatched: int = Field(
        default=0, description="Checkpoints whose record is gone or has another hash."
    )
    checkpoints_unverifiable: int = Field(
        default=0, description="Messages of the stream that are not checkpoints signed by the key."
    )
    checkpoints_other_key: int = Field(
        default=0, description="Checkpoints signed by an earlier key (not checked here)."
    )
    anchored_seq: int | None = Field(
        default=None, description="The last record covered by a checked checkpoint."
    )
