"""Every OpenAPI example on a evaluation model is one the model itself accepts."""

from __future__ import annotations

from agora_common.testing.examples import declared_examples, invalid_examples


def test_every_example_parses_with_its_own_model() -> None:
    assert len(declared_examples("evaluation")) >= 10
    assert invalid_examples("evaluation") == []
