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


class FieldsAtFault(HTTPException):
    """A refusal that says what is wrong with each field at fault: {"title": "...", "colour": "..."}.

    raise FieldsAtFault(problems) answers 400; FieldsAtFault(problems, code=409) answers 409. The
    message is every problem, one after the other, so it names each field too.
    """

    def __init__(self, problems: dict[str, str], code: int = 400) -> None:
        super().__init__(description=" ".join(problems.values()))
        self.code = code
        self.problems = problems


def is_api_request() -> bool:
    # "/api/posts" -> ["", "api", "posts"]; "/apiary" is a page, not part of the API.
    return request.path.split("/")[1] == "api"


def show_error(error: HTTPException):
    """Flask sends an unexpected exception here too, as a 500, after logging its traceback."""
    response = error.get_response()
    if is_api_request():
        body = jsonify(what_went_wrong(error))
        response.set_data(body.get_data())
        response.mimetype = "application/json"
    elif not isinstance(error, SecurityError):  # a Host outside TRUSTED_HOSTS: no url_for works
        response.set_data(render_template("oops.html", error=error))
    return response


def what_went_wrong(error: HTTPException) -> dict:
    """{"error", "message", "code"}, and "fields" when particular fields are at fault."""
    answer = {"error": ERROR_NAMES.get(error.code, "error"), "message": error.description, "code": error.code}
    if isinstance(error, FieldsAtFault):
        answer["fields"] = error.problems
    return answer
