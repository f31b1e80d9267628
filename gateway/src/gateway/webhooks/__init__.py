"""Webhooks per the Standard Webhooks specification: subscriptions, fan-out, signed delivery."""
