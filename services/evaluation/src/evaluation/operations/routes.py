"""HTTP endpoints of the evaluation service's dead letters (the mechanism: agora_common.dead_letters)."""

from __future__ import annotations

from agora_common.dead_letters import dead_letter_router

router = dead_letter_router("evaluation", tag="Evaluation")
