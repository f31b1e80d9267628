"""OAuth 2.0 clients: registration, secrets (argon2 hashes only), revocation, bootstrap admin."""
