"""Tests import only the code they test; import-linter cannot see this, the tests are no packages.

pytest runs with ``--import-mode=importlib``, so the test directories are not importable
packages and ``/.importlinter`` does not cover them. This reads every test file with ``ast``:

* a service's tests (``services/<name>/tests``) import ``agora_common`` and that service only;
* ``agora_common``'s tests import no service and not the gateway;
* the end-to-end tests (``tests/``, ``bench/tests``) run the platform as real processes and talk
  to it over HTTP: they import no service and not the gateway, except as listed in EXCEPTIONS.

Imports are ``import x``, ``from x import y`` (anywhere, also inside functions) and
``importlib.import_module("x")`` / ``__import__("x")`` with a literal name; a computed name
is beyond what ``ast`` can see (see the ``tests/deploy`` exception).
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = ("actors", "funding", "evaluation", "gateway")

# Test files (glob, relative to the repository) → module prefixes they may import beyond the
# rule of their directory, and why.
EXCEPTIONS: dict[str, tuple[frozenset[str], str]] = {
    "tests/test_gateway_*.py": (
        frozenset({"gateway"}),
        "the gateway has no tests directory of its own: its tests live in tests/ and run it "
        "in-process (agora_platform.testing.gateway, against stub upstreams), never a service",
    ),
    "tests/test_contract_paths.py": (
        frozenset(
            {f"{process}.{module}" for process in PROCESSES for module in ("config", "main")}
        ),
        "compares docs/contract.md with the merged OpenAPI document, which it builds in-process "
        "from each app's create_app and Settings (no database, no NATS, no ports)",
    ),
    "tests/test_mtls_settings.py": (
        frozenset({"gateway.config"}),
        "checks the gateway's refusal of half or missing mTLS settings in production: a rule of "
        "its Settings class, tested without starting anything",
    ),
    "tests/deploy/test_settings_coverage.py": (
        frozenset({f"{process}.config" for process in PROCESSES}),
        "checks that compose and Kubernetes set every setting each process's Settings class "
        "reads; it loads <process>.config with importlib (a computed name ast cannot see)",
    ),
}


def scanned_roots() -> list[Path]:
    roots = [ROOT / "libs" / "common" / "tests", ROOT / "tests", ROOT / "bench" / "tests"]
    roots += sorted((ROOT / "services").glob("*/tests"))
    return roots


def scanned_files() -> list[Path]:
    return sorted(path for root in scanned_roots() for path in root.rglob("*.py"))


def allowed(relative: str) -> set[str]:
    """The module prefixes (of the four processes) a test file may import."""
    parts = relative.split("/")
    # A service's tests may import their service; libs/common/tests, tests/, bench/tests none.
    base = {parts[1]} if parts[0] == "services" and parts[2] == "tests" else set()
    for pattern, (extra, _reason) in EXCEPTIONS.items():
        if fnmatch(relative, pattern):
            base |= extra
    return base


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) for every absolute import in the source."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from actors import config`` is judged as actors.config (a module or a name).
            found += [
                (node.lineno, node.module if alias.name == "*" else f"{node.module}.{alias.name}")
                for alias in node.names
            ]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if name in {"import_module", "__import__"} and literal:
                found.append((node.lineno, str(first.value)))  # type: ignore[attr-defined]
    return found


def violations(relative: str, source: str) -> list[str]:
    permitted = allowed(relative)
    return [
        f"{relative}:{line} imports {module}"
        for line, module in imported_modules(source)
        if module.split(".")[0] in PROCESSES
        and not any(module == p or module.startswith(f"{p}.") for p in permitted)
    ]


def test_the_scan_finds_the_test_files() -> None:
    files = {path.relative_to(ROOT).as_posix() for path in scanned_files()}
    for expected in (
        "services/actors/tests/conftest.py",
        "services/funding/tests/conftest.py",
        "services/evaluation/tests/conftest.py",
        "tests/conftest.py",
        "tests/test_gateway_limits.py",
        "bench/tests/test_harness.py",
    ):
        assert expected in files


def test_tests_import_only_the_code_they_test() -> None:
    found = [
        problem
        for path in scanned_files()
        for problem in violations(path.relative_to(ROOT).as_posix(), path.read_text())
    ]
    assert found == [], "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    """A pattern that matches no file is stale: remove it."""
    relative = [path.relative_to(ROOT).as_posix() for path in scanned_files()]
    for pattern in EXCEPTIONS:
        assert any(fnmatch(name, pattern) for name in relative), pattern


@pytest.mark.parametrize(
    ("relative", "source", "reported"),
    [
        ("services/actors/tests/unit/test_x.py", "from funding.models import Base\n", True),
        ("services/actors/tests/unit/test_x.py", "def f():\n    import evaluation.rules\n", True),
        ("services/actors/tests/unit/test_x.py", "from gateway import config\n", True),
        (
            "services/actors/tests/test_x.py",
            "import importlib\nimportlib.import_module('evaluation.main')\n",
            True,
        ),
        ("services/funding/tests/test_x.py", "__import__('actors')\n", True),
        ("libs/common/tests/test_x.py", "from actors.config import Settings\n", True),
        ("tests/test_slice_e2e.py", "from funding.main import create_app\n", True),
        ("tests/test_gateway_limits.py", "from actors.config import Settings\n", True),
        ("tests/deploy/test_settings_coverage.py", "from actors.main import create_app\n", True),
        ("bench/tests/test_harness.py", "import gateway.main\n", True),
        # Allowed:
        ("services/actors/tests/test_x.py", "from actors.main import create_app\n", False),
        ("services/actors/tests/test_x.py", "from agora_common.ids import new_id\n", False),
        ("services/actors/tests/test_x.py", "import actorsx\nimport fundingx\n", False),
        ("tests/test_gateway_limits.py", "from gateway import config\n", False),
        ("tests/deploy/test_settings_coverage.py", "from actors import config\n", False),
        ("tests/test_slice_e2e.py", "import httpx\nfrom agora_e2e import Agora\n", False),
    ],
)
def test_a_forbidden_import_is_reported(relative: str, source: str, reported: bool) -> None:
    """Negative (and positive) controls of the scan itself."""
    assert bool(violations(relative, source)) is reported
