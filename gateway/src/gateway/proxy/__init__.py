"""Forwarding to the services over one pooled HTTP client, with a signed internal identity."""
