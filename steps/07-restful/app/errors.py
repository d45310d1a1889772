"""One handler for every HTTP error: JSON for the API, an HTML page for people."""

import json

from flask import Flask, abort, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from app.api import API_PREFIX

# The short name of each error for the "error" key, written out so that a Werkzeug release that
# rewords a reason phrase cannot change what clients read.
ERROR_NAMES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "request_entity_too_large",
    415: "unsupported_media_type",
    500: "internal_server_error",
}


def init_app(app: Flask) -> None:
    app.before_request(refuse_a_body_over_the_limit)
    app.register_error_handler(HTTPException, handle_http_error)


def refuse_a_body_over_the_limit() -> None:
    """413 for a body over MAX_CONTENT_LENGTH, also one sent without a Content-Length.

    Werkzeug refuses a Content-Length over the limit before reading anything. A body sent in
    pieces (Transfer-Encoding: chunked) has no Content-Length: Werkzeug stops reading it at the
    limit, and the app would go on with the first megabyte of it, cut off anywhere. So: when the
    body fills the limit exactly, one more byte waiting behind it means it was too large.
    """
    limit = request.max_content_length
    if limit is None or request.content_length is not None:
        return
    if len(request.get_data()) == limit and request.input_stream.read(1):
        abort(413)


def handle_http_error(error: HTTPException):
    """Errors as JSON for the API (/api and below), as an HTML page for everything else.

    An exception no view expected reaches this handler too, as a 500 Internal Server Error:
    Flask logs its traceback first, and the answer shows none of it.
    """
    response = error.get_response()  # keeps the status and headers such as Allow
    if wants_json():
        response.content_type = "application/json"
        response.data = json.dumps(
            {
                "error": ERROR_NAMES.get(error.code, "error"),
                "message": error_message(error),
                "code": error.code,
            }
        )
    elif not isinstance(error, SecurityError):
        # Not for a Host that TRUSTED_HOSTS refuses (a SecurityError): the page's links come from
        # url_for, which builds no URL for it. Werkzeug's own page, without links, answers that one.
        response.data = render_template("error.html", error=error)
    return response


def error_message(error: HTTPException) -> str:
    """What went wrong, in words.

    reqparse refuses a request with Flask-RESTful's abort(400, message={"title": "...", ...}), which
    keeps the message in error.data, one sentence for each argument at fault.
    """
    message = getattr(error, "data", {}).get("message", error.description)
    if isinstance(message, dict):
        return " ".join(message.values())
    return message


def wants_json() -> bool:
    # "/apiary" is a page: only /api itself and the URLs below it belong to the API.
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")
