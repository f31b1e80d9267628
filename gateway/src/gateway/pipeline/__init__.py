"""What every request passes through in the gateway, in this order (see ``middleware``).

1. body limit (413) — the body is read once, at most 1 MiB, and replayed to the app;
2. authentication — the bearer token and the client behind it, from the process's client cache
   while revocations reach it (``gateway.auth.cache``: evicted at once in this replica, within a
   second in the others, at most a few seconds old), else from the database; the routes'
   dependencies only read the result;
3. rate limits (429 with ``Retry-After``): per address for every token request and every
   request without a valid token (``gateway.addresses``, ``gateway.abuse``), per client after;
4. idempotency of POSTs with an ``Idempotency-Key`` (replay, 409, 422) — ``idempotent``;
5. the audit trail — an ``attempted`` record of every write before it is forwarded to a service
   (so a write whose later audit fails is still on the trail), authorization failures (those of callers without a valid token sampled), and what
   a service reported in ``X-Agora-Audit`` (that header never leaves the gateway), written by
   the process's audit writer together with the records of concurrent requests
   (``gateway.audit.writer``). A response whose audit record cannot be written is not delivered (503): personal data is never read
   without a trace. An erasure also forgets the idempotent responses that named the actor —
   ``auditing``.
"""
