"""What a failure looks like: JSON for the API, a page for readers."""

from __future__ import annotations

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

# Written out rather than made from Werkzeug's wording, which a new release could change.
ERROR_NAMES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "request_entity_too_large",
    415: "unsupported_media_type",
    500: "internal_server_error",
}


def is_api_request() -> bool:
    # "/api/posts" -> ["", "api", "posts"]; "/apiary" is a page, not part of the API.
    return request.path.split("/")[1] == "api"


def show_error(error: HTTPException):
    """Flask sends an unexpected exception here too, as a 500, after logging its traceback."""
    response = error.get_response()
    if is_api_request():
        short_name = ERROR_NAMES.get(error.code, "error")
        body = jsonify(error=short_name, message=message_of(error), code=error.code)
        response.set_data(body.get_data())
        response.mimetype = "application/json"
    elif not isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS: no url_for works
        response.set_data(render_template("oops.html", error=error))
    return response


def message_of(error: HTTPException) -> str:
    """The error's description, or what reqparse found wrong, in one string.

    reqparse refuses a request with flask_restful.abort(400, message={"title": "...", ...}), which
    keeps that dict in error.data: one message for each argument at fault.
    """
    message = getattr(error, "data", {}).get("message", error.description)
    if isinstance(message, dict):
        return " ".join(message.values())
    return message
