"""Audit checkpoints: the chain head, signed with a key the gateway database does not hold,
published to an append-only NATS stream, so a consistently rewritten chain is noticed."""
