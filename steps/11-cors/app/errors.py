"""One handler for every HTTP error: JSON for the API, an HTML page for people."""

import json

from flask import Flask, Response, abort, render_template, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import HTTPException, SecurityError, Unauthorized

from app.api import API_PREFIX
from app.auth import AUTH_PREFIX

# The URLs whose errors are JSON: the API's, /api and /auth, and those below them.
JSON_PREFIXES = (API_PREFIX, AUTH_PREFIX)

# The short name of each error for the "error" key, written out so that a Werkzeug release that
# rewords a reason phrase cannot change what clients read.
ERROR_NAMES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
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
        response.data = json.dumps(error_body(error))
    elif not isinstance(error, SecurityError):
        # Not for a Host that TRUSTED_HOSTS refuses (a SecurityError): the page's links come from
        # url_for, which builds no URL for it. Werkzeug's own page, without links, answers that one.
        response.data = render_template("error.html", error=error)
    return response


def error_body(error: HTTPException) -> dict:
    """{"error", "message", "code"}, and "fields" when particular fields are at fault."""
    body = {"error": ERROR_NAMES.get(error.code, "error"), "message": error.description, "code": error.code}
    fields = fields_at_fault(error)
    if fields:
        body["message"] = " ".join(fields.values())
        body["fields"] = fields
    return body


def fields_at_fault(error: HTTPException) -> dict[str, str]:
    """What is wrong with each field at fault, by name: {"title": "title is required..."}.

    reqparse refuses a request with Flask-RESTful's abort(400, message={"title": "...", ...}), which
    keeps that dict in error.data; app/api.py refuses unknown fields and a taken email the same way.
    """
    return getattr(error, "data", {}).get("message", {})


def refuse_token(message: str, *, token_sent: bool = True) -> Response:
    """The 401 for a request whose token is missing or refused, as every other error of the API is
    answered, with the WWW-Authenticate header of RFC 6750: `Bearer`, and error="invalid_token"
    when a token was sent. app/tokens.py answers each of Flask-JWT-Extended's refusals with it."""
    challenge = WWWAuthenticate("Bearer", {"error": "invalid_token"} if token_sent else None)
    return handle_http_error(Unauthorized(message, www_authenticate=challenge))


def wants_json() -> bool:
    # "/apiary" is a page: only /api and /auth themselves and the URLs below them belong to the API.
    return any(request.path == prefix or request.path.startswith(prefix + "/") for prefix in JSON_PREFIXES)
