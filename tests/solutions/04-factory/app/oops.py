"""What a failure looks like: JSON for the API, a page for readers."""

from __future__ import annotations

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError


def is_api_request() -> bool:
    # "/api/posts" -> ["", "api", "posts"]; "/apiary" is a page, not part of the API.
    return request.path.split("/")[1] == "api"


def show_error(error: HTTPException):
    """Flask sends an unexpected exception here too, as a 500, after logging its traceback."""
    response = error.get_response()
    if is_api_request():
        short_name = "_".join(error.name.lower().split())
        response.set_data(jsonify(error=short_name, message=error.description, code=error.code).get_data())
        response.mimetype = "application/json"
    elif not isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS: no url_for works
        response.set_data(render_template("oops.html", error=error))
    return response
