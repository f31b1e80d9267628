"""``python -m bench [--quick] [--scale F]``: the platform benchmark (``bench.run``).

``python -m bench overlap ...`` and ``python -m bench reports ...``: funding's overlap check and
evaluation's reports on one service's database, loaded directly; ``python -m bench drain ...``:
a consumer catching up with a backlog of events; ``python -m bench transactions``: the cost of
``Database.transaction`` itself; ``python -m bench webhooks``: the webhook workers emptying a
queue (``--help`` on each).
"""

import sys

from bench import drain, overlap, reports, run, transactions, webhooks

COMMANDS = {
    "drain": drain.main,
    "overlap": overlap.main,
    "reports": reports.main,
    "transactions": transactions.main,
    "webhooks": webhooks.main,
}

if len(sys.argv) > 1 and sys.argv[1] in COMMANDS:
    COMMANDS[sys.argv[1]](sys.argv[2:])
else:
    run.main()
