"""Authentication: access tokens for client credentials, the bearer check on every request."""
