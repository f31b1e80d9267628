"""The whole platform on one machine, as ``make run`` starts it (``python -m agora_platform``)."""

from agora_platform.supervisor import GATEWAY_DIR, SERVICES, Platform, project_dir, uvicorn_command

__all__ = ["GATEWAY_DIR", "SERVICES", "Platform", "project_dir", "uvicorn_command"]
