"""Test fixtures for real parts: a nats-server, SQLite and PostgreSQL databases built by migrations."""
