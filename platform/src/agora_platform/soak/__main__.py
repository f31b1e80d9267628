"""``python -m agora_platform.soak``: run the soak's modes and write the results JSON.

``AGORA_SOAK_MODES`` (comma-separated; default all four), ``AGORA_SOAK_MINUTES`` (load per mode,
default 10), ``AGORA_SOAK_OUT`` (default ``var/soak/results.json``; modes already there and not
run again are kept), ``AGORA_SOAK_DIR`` (the platforms' data, default ``var/soak``). Exit status 1
when a mode did not pass.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from agora_platform.soak.run import default_workdir, modes, run_mode, say


def main() -> int:
    available = modes()
    chosen = [m.strip() for m in os.environ.get("AGORA_SOAK_MODES", ",".join(available)).split(",")]
    unknown = [m for m in chosen if m not in available]
    if unknown:
        print(f"unknown soak modes {unknown}; known: {', '.join(available)}", file=sys.stderr)
        return 2
    minutes = float(os.environ.get("AGORA_SOAK_MINUTES", "10"))
    out = Path(os.environ.get("AGORA_SOAK_OUT", "var/soak/results.json"))
    out.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(out.read_text()) if out.exists() else {}
    results.setdefault("modes", {})
    passed = True
    for name in chosen:
        result = asyncio.run(run_mode(available[name], minutes, default_workdir()))
        results["modes"][name] = result
        out.write_text(json.dumps(results, indent=2) + "\n")
        passed = passed and result["passed"]
        say(
            f"{name}: {'passed' if result['passed'] else 'FAILED'}: "
            f"{result['writes_acknowledged']} writes, lost {result['lost']}, "
            f"duplicated {result['duplicated']}, faults {result['faults']}, "
            f"answers {result['answers_by_status']}, ready after the last fault "
            f"{result['ready_after_last_fault_s']} s → {out}"
        )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
