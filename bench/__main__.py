"""``python -m bench [--quick] [--scale F]``: the platform benchmark (``bench.run``).

``python -m bench overlap ...`` and ``python -m bench reports ...``: funding's overlap check and
evaluation's reports on one service's database, loaded directly (``--help`` on each).
"""

import sys

from bench import overlap, reports, run

COMMANDS = {"overlap": overlap.main, "reports": reports.main}

if len(sys.argv) > 1 and sys.argv[1] in COMMANDS:
    COMMANDS[sys.argv[1]](sys.argv[2:])
else:
    run.main()
