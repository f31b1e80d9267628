"""Response bodies of possible duplicates: the other custodian's state, never its actor."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PossibleDuplicate(BaseModel):
    """Another custodian holds an actor with the same identity (by ``matched_on``)."""

    custodian_state: str = Field(description="The state that holds the other actor.")
    matched_on: list[str] = Field(description="What matched: `legal_name`, `email`, `phone`.")


class DuplicateOut(BaseModel):
    """One of the caller's actors and the other custodians that hold a possible duplicate."""

    actor_id: str = Field(description="The caller's own actor.")
    public_name: str
    possible_duplicates: list[PossibleDuplicate]


class DuplicatePage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                            "public_name": "Khronika Kamy (Хроника Камы)",
                            "possible_duplicates": [
                                {"custodian_state": "LT", "matched_on": ["legal_name", "phone"]}
                            ],
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[DuplicateOut]
    next_cursor: str | None
