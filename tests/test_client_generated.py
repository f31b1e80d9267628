"""The committed typed layer of agora_client is what `make client` makes from today's document.

It regenerates into a temporary directory with the same script (the merged OpenAPI document
built in-process, openapi-python-client, ruff format) and compares every file; a change to any
public operation or schema without `make client` fails here.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "clients" / "python" / "scripts" / "generate.py"
COMMITTED = ROOT / "clients" / "python" / "src" / "agora_client" / "_generated"


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ, exist on one side only, or are not files alike."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp[str], prefix: str) -> None:
        names = comparison.left_only + comparison.right_only + comparison.diff_files
        names += comparison.funny_files
        found.extend(f"{prefix}{name}" for name in names if name != "__pycache__")
        for name, sub in comparison.subdirs.items():
            if name != "__pycache__":
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return sorted(found)


def test_the_differences_are_found(tmp_path: Path) -> None:
    (tmp_path / "a" / "api").mkdir(parents=True)
    (tmp_path / "b" / "api").mkdir(parents=True)
    for side in ("a", "b"):
        (tmp_path / side / "same.py").write_text("x = 1\n")
    (tmp_path / "a" / "api" / "op.py").write_text("x = 1\n")
    (tmp_path / "b" / "api" / "op.py").write_text("x = 2\n")
    (tmp_path / "b" / "new.py").write_text("")
    assert differences(tmp_path / "a", tmp_path / "b") == ["api/op.py", "new.py"]


def test_the_committed_client_is_generated_from_the_current_document(tmp_path: Path) -> None:
    fresh = tmp_path / "_generated"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(fresh)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    stale = differences(COMMITTED, fresh)
    assert not stale, f"clients/python is stale, run `make client` ({len(stale)}): {stale[:20]}"
