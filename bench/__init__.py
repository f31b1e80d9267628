"""Agora's benchmark: ``make bench`` (full dataset) and ``make bench-quick`` (a short run)."""
