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
        response.set_data(jsonify(error=short_name, message=error.description, code=error.code).get_data())
        response.mimetype = "application/json"
    elif not isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS: no url_for works
        response.set_data(render_template("oops.html", error=error))
    return response
