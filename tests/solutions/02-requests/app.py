"""Step 01 with its exercises done: a greeting by name, an about page, and a JSON API for posts."""

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.exceptions import BadRequest, HTTPException, MethodNotAllowed

app = Flask(__name__)

LONGEST = {"title": 200, "content": 10_000}
LIMIT_WHEN_NOT_GIVEN = 20
LARGEST_LIMIT = 100

SHORT_NAMES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_entity_too_large",
    415: "unsupported_media_type",
    500: "internal_server_error",
}


@dataclass
class Post:
    id: int
    title: str
    content: str
    created_at: str

    def mentions(self, word: str) -> bool:
        return word in self.title.lower() or word in self.content.lower()


class PostStore:
    """The posts, in memory, in the order they were written."""

    def __init__(self) -> None:
        self._posts: dict[int, Post] = {}
        self._last_id = 0

    def add(self, title: str, content: str) -> Post:
        self._last_id += 1
        written = datetime.now(UTC).isoformat(timespec="seconds")
        post = Post(self._last_id, title, content, written)
        self._posts[post.id] = post
        return post

    def get(self, post_id: int) -> Post:
        if post_id not in self._posts:
            abort(404, description=f"Post {post_id} not found.")
        return self._posts[post_id]

    def delete(self, post_id: int) -> None:
        self.get(post_id)  # a 404 when there is no such post
        del self._posts[post_id]

    def newest_first(self) -> list[Post]:
        return sorted(self._posts.values(), key=lambda post: post.id, reverse=True)


store = PostStore()


@app.route("/")
def hello():
    return "Hello, Ada!"


@app.route("/about")
def about():
    return "Ada writes here about learning Flask, one step at a time."


@app.route("/api/posts", methods=["GET", "POST"])
def posts():
    if request.method == "POST":
        return new_post()
    word = request.args.get("q", "").strip().lower()
    limit = limit_from_query()
    matching = [post for post in store.newest_first() if post.mentions(word)]
    return jsonify([asdict(post) for post in matching[:limit]])


@app.route("/api/posts/<int:post_id>", methods=["GET", "DELETE"])
def one_post(post_id):
    if request.method == "DELETE":
        store.delete(post_id)
        return "", 204
    return jsonify(asdict(store.get(post_id)))


def new_post():
    if request.mimetype != "application/json":
        abort(415, description="The body must be JSON (Content-Type: application/json).")
    try:
        body = request.get_json()
    except BadRequest:
        body = None
    if type(body) is not dict:
        abort(400, description="The body must be one JSON object with a title and a content.")
    title, content = text_field(body, "title"), text_field(body, "content")
    post = store.add(title, content)
    where = url_for("one_post", post_id=post.id, _external=True)
    return jsonify(asdict(post)), 201, {"Location": where}


def text_field(body: dict, name: str) -> str:
    value = body.get(name)
    if type(value) is not str or value.strip() == "":
        abort(400, description=f"Please give a {name}: some text, not only spaces.")
    value = value.strip()
    if len(value) > LONGEST[name]:
        abort(400, description=f"The {name} is too long: {LONGEST[name]} characters at most.")
    return value


def limit_from_query() -> int:
    text = request.args.get("limit")
    if text is None:
        return LIMIT_WHEN_NOT_GIVEN
    # One to three ASCII digits, so that int() can neither fail nor take long.
    if not re.fullmatch(r"[0-9]{1,3}", text) or not 0 < int(text) <= LARGEST_LIMIT:
        abort(400, description=f"Use ?limit= with a number between 1 and {LARGEST_LIMIT}.")
    return int(text)


@app.errorhandler(HTTPException)
def json_error(error):
    response = jsonify(error=SHORT_NAMES.get(error.code, "error"), message=error.description, code=error.code)
    response.status_code = error.code
    if isinstance(error, MethodNotAllowed):
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response
