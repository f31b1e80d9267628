"""The import contracts in /.importlinter hold (lint-imports), and a broken one is reported."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(config: Path, cwd: Path, pythonpath: Path | None = None) -> tuple[int, str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(config)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def contracts() -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser()
    parser.read(CONFIG)
    prefix = "importlinter:contract:"
    return {
        name.removeprefix(prefix): dict(parser[name])
        for name in parser.sections()
        if name.startswith(prefix)
    }


def modules(value: str) -> set[str]:
    return set(value.split())


def test_the_config_states_the_architecture() -> None:
    """Deleting or loosening a contract fails here, not silently."""
    found = contracts()
    common = found["common-is-shared"]
    assert common["type"] == "forbidden"
    assert modules(common["source_modules"]) == {"agora_common"}
    assert modules(common["forbidden_modules"]) >= {"actors", "funding", "evaluation", "gateway"}
    services = found["services-independent"]
    assert services["type"] == "independence"
    assert modules(services["modules"]) == {"actors", "funding", "evaluation"}
    gateway = found["gateway-imports-no-service"]
    assert gateway["type"] == "forbidden"
    assert modules(gateway["source_modules"]) == {"gateway"}
    assert modules(gateway["forbidden_modules"]) == {"actors", "funding", "evaluation"}


def test_lint_imports_keeps_every_contract() -> None:
    code, output = lint_imports(CONFIG, ROOT)
    assert code == 0, output
    assert f"Contracts: {len(contracts())} kept, 0 broken." in output, output


def test_lint_imports_reports_a_forbidden_import(tmp_path: Path) -> None:
    """Negative control: two packages under an independence contract, one importing the other."""
    for name in ("alpha", "beta"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / "beta" / "core.py").write_text("VALUE = 1\n")
    (tmp_path / "alpha" / "uses_beta.py").write_text("from beta.core import VALUE\n")
    config = tmp_path / ".importlinter"
    config.write_text(
        "[importlinter]\nroot_packages =\n    alpha\n    beta\n\n"
        "[importlinter:contract:independent]\nname = alpha and beta are independent\n"
        "type = independence\nmodules =\n    alpha\n    beta\n"
    )
    code, output = lint_imports(config, tmp_path, pythonpath=tmp_path)
    assert code != 0, output
    assert "Contracts: 0 kept, 1 broken." in output, output
    assert "alpha.uses_beta -> beta.core" in output, output

    # The same tree without the import passes: the failure above is the contract, not the setup.
    (tmp_path / "alpha" / "uses_beta.py").write_text("VALUE = 1\n")
    code, output = lint_imports(config, tmp_path, pythonpath=tmp_path)
    assert code == 0, output
