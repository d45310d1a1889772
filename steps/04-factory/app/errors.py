"""One handler for every HTTP error: JSON for the API, an HTML page for people."""

import json

from flask import render_template, request
from werkzeug.exceptions import HTTPException


def handle_http_error(error: HTTPException):
    response = error.get_response()  # keeps the status and headers such as Allow
    if request.path == "/api" or request.path.startswith("/api/"):
        response.content_type = "application/json"
        response.data = json.dumps(
            {
                "error": error.name.lower().replace(" ", "_"),  # "Not Found" -> "not_found"
                "message": error.description,
                "code": error.code,
            }
        )
    else:
        response.data = render_template("error.html", error=error)
    return response
