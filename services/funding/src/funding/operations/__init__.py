"""What admins operate in the funding service: its parked events (dead letters)."""
