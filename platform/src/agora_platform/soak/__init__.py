"""``make soak``: the platform under mixed load while its parts fail (docs/reliability.md).

Four modes — ``sqlite``, ``postgres``, ``nats_cluster``, ``pg_failover`` — each start a fresh
platform as real processes (``agora_platform.supervisor``), run agencies' and evaluators' load
through the gateway while a fault schedule kills and restarts its parts, then check that every
acknowledged write is in its service and in every read model once, every event in its stream once,
and that no answer was a 5xx except 502/503/504 during a fault.
"""
