"""Write the NATS users of compose and the Helm values from the platform's one list.

    python deploy/render_nats_users.py          # rewrite the files
    python deploy/render_nats_users.py --check  # exit 1 when a file differs (tests/deploy check it too)

The users and their permissions are ``agora_platform.nats_users.ACCESS`` (one per service, each
publishing only its own stream) plus the unrestricted ``operator``; each password is a reference to
its own variable. Only the ``users`` list is rewritten; the rest of each file is left as written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from agora_platform.nats_users import ACCESS

DEPLOY = Path(__file__).resolve().parent
COMPOSE = DEPLOY / "compose" / "nats.conf"
HELM = (DEPLOY / "k8s" / "nats" / "values.yaml", DEPLOY / "k8s" / "nats" / "values-dev.yaml")
UNRESTRICTED = ("operator",)


def variable(user: str) -> str:
    return f"{user.upper()}_NATS_PASSWORD"


def users() -> list[tuple[str, dict[str, Any] | None]]:
    listed: list[tuple[str, dict[str, Any] | None]] = [
        (name, access.permissions()) for name, access in ACCESS.items()
    ]
    return listed + [(name, None) for name in UNRESTRICTED]


def compose_block() -> str:
    """The ``users`` list in NATS' JSON-compatible syntax, passwords as ``$VARIABLE``."""
    entries = []
    for name, permissions in users():
        entry: dict[str, Any] = {"user": name, "password": f"@{variable(name)}@"}
        if permissions is not None:
            entry["permissions"] = permissions
        entries.append(entry)
    text = json.dumps(entries, indent=2)
    text = re.sub(r'"@([A-Z0-9_]+)@"', r"$\1", text)
    return "\n".join(("  " + line) if i else line for i, line in enumerate(text.splitlines()))


def render_compose(text: str) -> str:
    start = text.index("authorization {")
    opening = text.index("users: [", start) + len("users: ")
    depth = 0
    for end in range(opening, len(text)):
        depth += {"[": 1, "]": -1}.get(text[end], 0)
        if depth == 0:
            break
    return text[:opening] + compose_block() + text[end + 1 :]


def helm_block(indent: str) -> str:
    lines = []
    for name, permissions in users():
        lines += [f"{indent}- user: {name}", f"{indent}  password: << ${variable(name)} >>"]
        if permissions is None:
            continue
        lines.append(f"{indent}  permissions:")
        for direction in ("publish", "subscribe"):
            allowed = (permissions.get(direction) or {}).get("allow")
            if allowed is None:
                continue
            lines += [f"{indent}    {direction}:", f"{indent}      allow:"]
            lines += [f"{indent}      - {subject}" for subject in allowed]
    return "\n".join(lines) + "\n"


def render_helm(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "users:")
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    end = start + 1
    # The list ends at the first line indented no deeper than ``users:`` (or a blank line
    # followed by one).
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) >= len(indent)
    ):
        if not lines[end].strip():
            break
        end += 1
    return "".join(lines[: start + 1]) + helm_block(indent) + "".join(lines[end:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="report drift, change nothing")
    check = parser.parse_args().check
    drifted = []
    for path, render in ((COMPOSE, render_compose), *((p, render_helm) for p in HELM)):
        text = path.read_text(encoding="utf-8")
        rendered = render(text)
        if rendered != text:
            drifted.append(path.relative_to(DEPLOY.parent))
            if not check:
                path.write_text(rendered, encoding="utf-8")
    for path in drifted:
        print(f"{'differs' if check else 'rewritten'}: {path}")
    return 1 if check and drifted else 0


if __name__ == "__main__":
    sys.exit(main())
