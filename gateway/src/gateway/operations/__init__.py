"""What operators and the platform ask the gateway: liveness, readiness, metrics."""
