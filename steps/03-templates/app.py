"""A small blog: HTML pages for people, a JSON API for programs.
Posts live in a Python list, so they vanish when the server stops."""

import json
from datetime import UTC, datetime
from itertools import count

from flask import Flask, abort, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

MAX_TITLE = 200
MAX_CONTENT = 10_000
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
API_PREFIX = "/api"  # every URL under it is the JSON API; the rest are pages

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


# Pages ---------------------------------------------------------------------


@app.get("/")
def index():
    return render_template("index.html", posts=list(reversed(posts)))


@app.get("/posts/<int:post_id>")
def show_post(post_id: int):
    return render_template("post.html", post=find_post(post_id))


@app.route("/posts/new", methods=["GET", "POST"])
def new_post():
    if request.method == "GET":
        return render_template("new_post.html", title="", content="", problems=[])
    title = request.form.get("title", "")
    content = request.form.get("content", "")
    problems = check_post(title, content)
    if problems:
        # Show the form again, with what was typed, and answer 400: the post was not made.
        return render_template("new_post.html", title=title, content=content, problems=problems), 400
    post = add_post(title, content)
    # 303 See Other: the browser follows it with a GET, so a reload does not post twice.
    return redirect(url_for("show_post", post_id=post["id"]), 303)


# API -----------------------------------------------------------------------


@app.get(f"{API_PREFIX}/posts")
def list_posts():
    """Newest first. ?q=word keeps posts that mention the word; ?limit=N caps how many."""
    limit = read_limit()
    words = request.args.get("q", "").strip().lower()
    found = [post for post in reversed(posts) if words in f"{post['title']} {post['content']}".lower()]
    return found[:limit]


@app.post(f"{API_PREFIX}/posts")
def create_post():
    if not request.is_json:
        abort(415, description="Send JSON, with the header Content-Type: application/json.")
    try:
        # silent=True gives None for broken JSON, instead of Flask's own vague 400.
        data = request.get_json(silent=True)
    except RecursionError:  # [[[[...]]]] nested thousands deep: JSON, but too deep for Python to read
        data = None
    if not isinstance(data, dict):
        abort(400, description='Send a JSON object: {"title": "...", "content": "..."}.')
    problems = check_post(data.get("title"), data.get("content"))
    if problems:
        abort(400, description=" ".join(problems))
    post = add_post(data["title"], data["content"])
    return post, 201, {"Location": url_for("get_post", post_id=post["id"])}


@app.get(f"{API_PREFIX}/posts/<int:post_id>")
def get_post(post_id: int):
    return find_post(post_id)


@app.delete(f"{API_PREFIX}/posts/<int:post_id>")
def delete_post(post_id: int):
    posts.remove(find_post(post_id))
    return "", 204


# Posts, for pages and API alike ----------------------------------------------


def check_post(title, content) -> list[str]:
    """What is wrong with a title and content: an empty list when nothing is."""
    problems = []
    for field, value, longest in (("title", title, MAX_TITLE), ("content", content, MAX_CONTENT)):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{field} is required, as text that is not blank.")
        elif len(value.strip()) > longest:
            problems.append(f"{field} must be at most {longest} characters.")
    return problems


def add_post(title: str, content: str) -> dict:
    post = {
        "id": next(post_ids),
        "title": title.strip(),
        "content": content.strip(),
        "created_at": datetime.now(UTC).isoformat(),
    }
    posts.append(post)
    return post


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


@app.errorhandler(HTTPException)
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
                "message": error.description,
                "code": error.code,
            }
        )
    else:
        response.data = render_template("error.html", error=error)
    return response


def wants_json() -> bool:
    # "/apiary" is a page: only /api itself and the URLs below it belong to the API.
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")
