"""A small blog API. Posts live in a Python list, so they vanish when the server stops."""

import json
from datetime import UTC, datetime
from itertools import count

from flask import Flask, abort, request, url_for
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

MAX_TITLE = 200
MAX_CONTENT = 10_000
DEFAULT_LIMIT = 20
MAX_LIMIT = 100

# The short name of each error for the "error" key, written out so that a Werkzeug release that
# rewords a reason phrase cannot change what clients read.
ERROR_NAMES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_entity_too_large",
    415: "unsupported_media_type",
    500: "internal_server_error",
}

posts: list[dict] = []  # oldest first
post_ids = count(1)


@app.get("/")
def hello():
    return "Hello, Flask!"


@app.get("/api/posts")
def list_posts():
    """Newest first. ?q=word keeps posts that mention the word; ?limit=N caps how many."""
    limit = read_limit()
    words = request.args.get("q", "").strip().lower()
    found = [post for post in reversed(posts) if words in f"{post['title']} {post['content']}".lower()]
    return found[:limit]  # Flask turns a list (or a dict) into a JSON response


@app.post("/api/posts")
def create_post():
    title, content = read_post_fields()
    post = {
        "id": next(post_ids),
        "title": title,
        "content": content,
        "created_at": datetime.now(UTC).isoformat(),
    }
    posts.append(post)
    # 201 Created, and the Location header says where the new post lives.
    return post, 201, {"Location": url_for("get_post", post_id=post["id"])}


@app.get("/api/posts/<int:post_id>")
def get_post(post_id: int):
    return find_post(post_id)


@app.delete("/api/posts/<int:post_id>")
def delete_post(post_id: int):
    posts.remove(find_post(post_id))
    return "", 204


def find_post(post_id: int) -> dict:
    for post in posts:
        if post["id"] == post_id:
            return post
    abort(404, description=f"There is no post with id {post_id}.")


def read_limit() -> int:
    raw = request.args.get("limit", str(DEFAULT_LIMIT))
    # Check before int(): int("ten") raises ValueError, a 500, and so does int() of thousands of
    # digits. isdigit() alone is not enough: "²" is a digit to Python, but not to int().
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_LIMIT))):
        abort(400, description=f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    if not 1 <= int(raw) <= MAX_LIMIT:
        abort(400, description=f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    return int(raw)


def read_post_fields() -> tuple[str, str]:
    """The title and content of the JSON body, checked, or a 400 that says what is wrong."""
    if not request.is_json:
        abort(415, description="Send JSON, with the header Content-Type: application/json.")
    try:
        # silent=True gives None for broken JSON, instead of Flask's own vague 400.
        data = request.get_json(silent=True)
    except RecursionError:  # [[[[...]]]] nested thousands deep: JSON, but too deep for Python to read
        data = None
    if not isinstance(data, dict):
        abort(400, description='Send a JSON object: {"title": "...", "content": "..."}.')
    return required_text(data, "title", MAX_TITLE), required_text(data, "content", MAX_CONTENT)


def required_text(data: dict, field: str, max_length: int) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        abort(400, description=f"{field} is required, as text that is not blank.")
    if len(value.strip()) > max_length:
        abort(400, description=f"{field} must be at most {max_length} characters.")
    return value.strip()


@app.errorhandler(HTTPException)
def error_as_json(error: HTTPException):
    """Answer every HTTP error (400, 404, 405...) as JSON instead of an HTML page.

    An unexpected exception in a view arrives here too, as a 500 InternalServerError whose
    message reveals nothing, once Flask has logged its traceback (unless testing or debug is on:
    then the exception itself reaches you).
    """
    response = error.get_response()  # keeps the status and headers such as Allow
    response.content_type = "application/json"
    response.data = json.dumps(
        {
            "error": ERROR_NAMES.get(error.code, "error"),
            "message": error.description,
            "code": error.code,
        }
    )
    return response
