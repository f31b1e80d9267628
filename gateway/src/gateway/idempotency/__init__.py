"""Idempotency-Key for every POST, one mechanism for the gateway's and every service's operations."""
