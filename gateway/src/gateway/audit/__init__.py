"""The audit trail: append-only, hash-chained records of who touched what (never the values)."""
