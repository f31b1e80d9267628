"""What admins operate in the evaluation service: its parked events (dead letters)."""
