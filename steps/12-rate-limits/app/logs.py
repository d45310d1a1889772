"""The log: one line for each request, and a request id that ties together what is logged about it.

    [2026-11-25 14:30:02,117] INFO app.requests: GET /api/posts 200 3.2ms request_id=4f0c5e…

configure_logging() sets up Python's logging once, before any app is created; init_app(app) gives
each request of an app its id and its line.
"""

import logging
import re
import time
import uuid
from logging.config import dictConfig
from urllib.parse import quote

from flask import Flask, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
# The request ids a client may choose: 1 to 64 letters, digits, "-", "_" and ".". Anything else
# (a newline above all, which would start a forged line in the log) gets a new id instead.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

requests_log = logging.getLogger("app.requests")


class RequestIdFilter(logging.Filter):
    """Gives each record logged during a request that request's id, for the format's %(request_id)s."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True  # keep every record: this filter adds to them, it leaves none out


LOGGING = {
    "version": 1,
    # Without this, dictConfig switches off every logger made before it runs, except those below
    # the loggers it sets up: gunicorn's own, for one, which logs the errors of its workers.
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": RequestIdFilter}},
    "formatters": {
        "default": {"format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s request_id=%(request_id)s"},
    },
    "handlers": {
        "wsgi": {
            "class": "logging.StreamHandler",
            "stream": "ext://flask.logging.wsgi_errors_stream",  # the server's error stream, as Flask's
            "formatter": "default",
            "filters": ["request_id"],
        },
    },
    # "app" is the app's own logger (app.logger, where Flask logs a 500's traceback) and the parent of
    # app.requests. Records also go on to the root logger, where pytest's caplog reads them.
    "loggers": {"app": {"level": "INFO", "handlers": ["wsgi"]}},
}


def configure_logging() -> None:
    """Set up logging for the whole program. Once is enough: it is the same for every app."""
    dictConfig(LOGGING)


def init_app(app: Flask) -> None:
    app.before_request(start_request)
    app.after_request(finish_request)


def start_request() -> None:
    """Note when the request started, and its id: the client's, if it is a safe one, or a new one."""
    g.started = time.perf_counter()
    g.request_id = safe_request_id(request.headers.get(REQUEST_ID_HEADER, ""))


def safe_request_id(asked_for: str) -> str:
    # fullmatch, not match: match would accept "abc\nforged line", which starts with a good id.
    return asked_for if SAFE_REQUEST_ID.fullmatch(asked_for) else uuid.uuid4().hex


def finish_request(response):
    """Log the request's line, and answer its id in X-Request-ID: every answer, errors too."""
    duration_ms = (time.perf_counter() - g.started) * 1000
    # The path as it came, %-encoded: a newline in /api/%0Aforged cannot start a line of its own.
    path = quote(request.path)
    requests_log.info("%s %s %d %.1fms", request.method, path, response.status_code, duration_ms)
    response.headers[REQUEST_ID_HEADER] = g.request_id
    return response
