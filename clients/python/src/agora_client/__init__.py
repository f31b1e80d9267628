"""Agora's Python client and the `agora` command line."""
