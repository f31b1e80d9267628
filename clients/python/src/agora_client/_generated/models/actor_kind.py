from typing import Literal

ActorKind = Literal["individual", "initiative", "media_outlet", "organisation"]

ACTOR_KIND_VALUES: set[ActorKind] = {
    "individual",
    "initiative",
    "media_outlet",
    "organisation",
}


def check_actor_kind(value: str) -> ActorKind:
    if value in ACTOR_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTOR_KIND_VALUES!r}")
