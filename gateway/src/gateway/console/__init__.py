"""The web console's paths: ``/console/…`` is forwarded to the console's own process
(``AGORA_CONSOLE_URL``), with no bearer token, no audit record and no per-address limit."""
