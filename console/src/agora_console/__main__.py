"""``python -m agora_console``: serve the console (``AGORA_CONSOLE_HOST``/``_PORT``)."""

from __future__ import annotations

import uvicorn

from agora_console.config import Settings


def main() -> None:
    settings = Settings()
    uvicorn.run(
        "agora_console.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        proxy_headers=False,
        server_header=False,
        log_level=settings.log_level.lower(),
    )


if __name__ == "__main__":
    main()
