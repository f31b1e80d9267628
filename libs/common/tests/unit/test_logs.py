"""Logs carry no exception messages or tracebacks: those can quote submitted values."""

import logging
import sys

import orjson
from agora_common.logs import JsonFormatter, configure_logging


def test_an_exception_is_logged_by_type_only() -> None:
    try:
        raise ValueError("INSERT ... parameters ('Ivan Petrov',)")
    except ValueError:
        record = logging.LogRecord(
            "uvicorn.error",
            logging.ERROR,
            __file__,
            1,
            "Exception in ASGI application",
            None,
            sys.exc_info(),
        )
    line = JsonFormatter("actors").format(record)
    assert "Ivan Petrov" not in line
    assert "Traceback" not in line
    assert orjson.loads(line)["error_type"] == "ValueError"


def test_uvicorn_loggers_go_through_the_json_formatter() -> None:
    uvicorn_error = logging.getLogger("uvicorn.error")
    uvicorn_error.addHandler(logging.StreamHandler())  # as uvicorn's own logging config does
    uvicorn_error.propagate = False
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging("actors")
        assert uvicorn_error.handlers == []
        assert uvicorn_error.propagate
        assert isinstance(root.handlers[0].formatter, JsonFormatter)
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
