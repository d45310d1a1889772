"""The log: one line for each request, tagged with the request's id, like

    2026-11-25 09:30:00,123 INFO [4f0c5e...] app.logbook: GET /api/posts 200 3.2ms

setup_logging() configures Python's logging for the whole program, once; RequestLog wraps an app
so that each of its requests gets an id, an X-Request-ID header and its line in the log. With the
environment variable LOG_FORMAT=json, each line is a JSON object instead, for programs to read:

    {"time": "2026-11-25T09:30:00.123000+00:00", "level": "INFO", "logger": "app.logbook", ...}
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from logging.config import dictConfig
from urllib.parse import quote

from werkzeug.wrappers import Request

ID_HEADER = "X-Request-ID"
# What a client may choose as its id: 1 to 64 letters, digits, "-", "_" and ".". Written out, not
# \w, which also takes "ü"; and nothing that could carry a newline into the log.
GOOD_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

# The id of the request being answered right now. A ContextVar, not a global: each thread (and
# each request inside another, as in a test) has its own.
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")

log = logging.getLogger(__name__)  # "app.logbook", below "app": its records go where app.logger's go


class AddRequestId(logging.Filter):
    """Gives every record logged while a request is answered the request's id, as record.request_id.

    On the handler, so Flask's own records get it too, such as the traceback of a 500.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True  # a filter may also drop records: this one keeps them all


class JsonLines(logging.Formatter):
    """Each record as one JSON object on one line: a traceback's line breaks are written as \\n
    inside its text, so a record is never split across lines."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line)


def setup_logging() -> None:
    """Where records go and what a line looks like: once for the program, not once per app.

    No app exists yet when this runs, so its settings cannot choose the format: LOG_FORMAT, in the
    environment, does.
    """
    formatter = "json" if os.environ.get("LOG_FORMAT") == "json" else "line"
    dictConfig(
        {
            "version": 1,
            # Loggers made before this call (gunicorn's, for one) keep working.
            "disable_existing_loggers": False,
            "filters": {"request_id": {"()": AddRequestId}},
            "formatters": {
                "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
                "json": {"()": JsonLines},
            },
            "handlers": {
                "server": {
                    "class": "logging.StreamHandler",
                    # The server's error stream when there is a request, else sys.stderr.
                    "stream": "ext://flask.logging.wsgi_errors_stream",
                    "formatter": formatter,
                    "filters": ["request_id"],
                },
            },
            # "app" is app.logger (the package is called app) and the parent of app.logbook. It
            # passes its records on to the root logger too (propagate), where pytest's caplog reads them.
            "loggers": {"app": {"level": "INFO", "handlers": ["server"]}},
        }
    )


def request_id_from(sent: str) -> str:
    """The client's id if it is a good one, else a new one."""
    # fullmatch: match() would take "abc\nforged line" for the good id "abc".
    if GOOD_ID.fullmatch(sent):
        return sent
    return uuid.uuid4().hex


class RequestLog:
    """WSGI middleware: app.wsgi_app = RequestLog(app.wsgi_app).

    It sees every request before Flask does and every answer after Flask is done with it: pages,
    JSON, errors, and the 500 of an exception, which Flask has turned into an answer by then.
    """

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        request = Request(environ)  # only to read the method, the path and the headers
        request_id = request_id_from(request.headers.get(ID_HEADER, ""))
        started = time.perf_counter()

        def start_answer(status: str, headers: list, exc_info=None):
            # Flask calls this when its answer is ready, before the body is sent.
            headers.append((ID_HEADER, request_id))
            milliseconds = (time.perf_counter() - started) * 1000
            code = status.split()[0]  # "404 NOT FOUND" -> "404"
            # quote(): the path as it came, %-encoded, so a newline sent as %0A stays %0A, on this line.
            log.info("%s %s %s %.1fms", request.method, quote(request.path), code, milliseconds)
            return start_response(status, headers, exc_info)

        token = current_request_id.set(request_id)
        try:
            return self.wsgi_app(environ, start_answer)
        finally:
            current_request_id.reset(token)
