"""Migrate one database: ``python -m agora_common.migrate <dir with alembic.ini> <URL env var>``.

The explicit migration step of a deployment (a compose service or a Kubernetes Job), run before
the new version of a service starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from agora_common.migrations import upgrade


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    directory, variable = Path(argv[0]), argv[1]
    url = os.environ.get(variable)
    if not url:
        print(f"{variable} is not set", file=sys.stderr)
        return 2
    upgrade(directory, url)
    print(f"migrated {directory.name} to head")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
