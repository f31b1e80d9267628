"""Which paths belong to the web console."""

from __future__ import annotations

PREFIX = "/console"


def is_console_path(path: str) -> bool:
    """``/console`` and everything under ``/console/``."""
    return path == PREFIX or path.startswith(PREFIX + "/")
