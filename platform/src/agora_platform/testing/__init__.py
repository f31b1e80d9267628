"""Test support for the platform as a whole: ``e2e`` (real processes over real HTTP) and
``gateway`` (the gateway in-process, a pytest plugin). ``make run`` never imports this."""
