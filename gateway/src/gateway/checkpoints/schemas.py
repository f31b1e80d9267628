"""Response bodies of the audit checkpoints."""

from __future__ import annotations

from datetime import datetime

from agora_common.pagination import Page
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from gateway.checkpoints.signing import SIGNED_TEXT
from gateway.checkpoints.stream import StoredCheckpoint

_CHECKPOINT: JsonDict = {
    "stream_seq": 412,
    "seq": 48200,
    "hash": "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d",
    "at": "2026-03-02T09:10:00Z",
    "key_id": "2e7d2c03a9507ae2",
    "signature": "y1qnoY85LGjRcd76RDVXhTLDXxQ0AFbbQRGddtrPgY1X4ZTmXpSShczawB7AqOvD/wvbiBHJPCTxoXV9"
    "QuCq5g==",
}


class CheckpointOut(BaseModel):
    """One checkpoint; every field but ``stream_seq`` is null for a message that is not one."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CHECKPOINT]})

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [_CHECKPOINT],
                    "next_cursor": None,
                    "public_key": "-----BEGIN PUBLIC KEY-----\n"
                    "MCowBQYDK2VwAyEAKqoqbyTdZnt7BC3mDSTHtKYLm0jLcDPqoVURV6UM2gg=\n"
                    "-----END PUBLIC KEY-----\n",
                    "key_id": "2e7d2c03a9507ae2",
                    "signed_text": SIGNED_TEXT,
                }
            ]
        }
    )

    public_key: str = Field(description="The Ed25519 public key (PEM) the checkpoints verify with.")
    key_id: str
    signed_text: str = SIGNED_TEXT


class AnchoredVerification(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "valid": True,
                    "records": 48213,
                    "anchored": True,
                    "checkpoints_checked": 412,
                    "checkpoints_mismatched": 0,
                    "checkpoints_unverifiable": 0,
                    "checkpoints_other_key": 0,
                    "anchored_seq": 48200,
                }
            ]
        }
    )

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
