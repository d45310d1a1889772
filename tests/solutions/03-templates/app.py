"""Flask Blog: pages for readers, a JSON API for programs, both over one in-memory list of posts."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import count

from flask import Flask, abort, jsonify, redirect, render_template, request, url_for
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

API = "/api"
LONGEST = {"title": 200, "content": 10_000}
PAGE_SIZE = 20
BIGGEST_PAGE = 100


def now() -> str:
    """The time in ISO 8601, to the second, in UTC: "2026-11-25T09:30:00+00:00"."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Post:
    id: int
    title: str
    content: str
    created_at: str = field(default_factory=now)


POSTS: dict[int, Post] = {}  # a dict keeps the order of publishing
NEXT_ID = count(1)


def newest_first() -> list[Post]:
    return list(reversed(POSTS.values()))


def post_or_404(post_id: int) -> Post:
    if post_id not in POSTS:
        abort(404, description=f"No post has the id {post_id}.")
    return POSTS[post_id]


def problems_with(values: dict, fields=("title", "content")) -> dict[str, str]:
    """A message for each field that is missing, blank, not text or too long."""
    problems = {}
    for name in fields:
        value = values.get(name)
        if not isinstance(value, str) or value.strip() == "":
            problems[name] = f"Please fill in the {name}."
        elif len(value.strip()) > LONGEST[name]:
            problems[name] = f"The {name} can have {LONGEST[name]} characters at most."
    return problems


def publish(title: str, content: str) -> Post:
    post = Post(next(NEXT_ID), title.strip(), content.strip())
    POSTS[post.id] = post
    return post


# Pages ---------------------------------------------------------------------------------------


@app.route("/", methods=["GET"])
def home():
    return render_template("home.html", posts=newest_first())


@app.route("/posts/<int:post_id>", methods=["GET"])
def read_post(post_id: int):
    return render_template("read.html", post=post_or_404(post_id))


@app.route("/posts/new", methods=["GET", "POST"])
def write_post():
    typed = {"title": request.form.get("title", ""), "content": request.form.get("content", "")}
    if request.method == "POST":
        problems = problems_with(typed)
        if not problems:
            post = publish(typed["title"], typed["content"])
            return redirect(url_for("read_post", post_id=post.id, _external=True), code=303)
        return render_template("write.html", typed=typed, problems=problems), 400
    return render_template("write.html", typed=typed, problems={})


# API -----------------------------------------------------------------------------------------


def json_object() -> dict:
    if not request.is_json:
        abort(415, description="Please send JSON (Content-Type: application/json).")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="The body must be a JSON object with a title and a content.")
    return body


def limit_from_query() -> int:
    text = request.args.get("limit", str(PAGE_SIZE))
    # [0-9], not \d: \d also matches digits such as "²" that int() refuses; three at most, so that
    # int() never has to read thousands of them.
    if re.fullmatch(r"[0-9]{1,3}", text) is None or not 0 < int(text) <= BIGGEST_PAGE:
        abort(400, description=f"Use a limit between 1 and {BIGGEST_PAGE}.")
    return int(text)


class PostCollection(MethodView):
    def get(self):
        limit = limit_from_query()
        query = request.args.get("q", "").strip().casefold()
        found = [p for p in newest_first() if query in (p.title + " " + p.content).casefold()]
        return jsonify([asdict(post) for post in found[:limit]])

    def post(self):
        body = json_object()
        problems = problems_with(body)
        if problems:
            abort(400, description=" ".join(problems.values()))
        post = publish(body["title"], body["content"])
        response = jsonify(asdict(post))
        response.status_code = 201
        response.location = url_for("post_item", post_id=post.id, _external=True)
        return response


class PostItem(MethodView):
    def get(self, post_id: int):
        return jsonify(asdict(post_or_404(post_id)))

    def patch(self, post_id: int):
        post = post_or_404(post_id)
        body = json_object()
        given = [name for name in ("title", "content") if name in body]
        if not given:
            abort(400, description="Send a new title, a new content, or both.")
        problems = problems_with(body, given)
        if problems:
            abort(400, description=" ".join(problems.values()))
        for name in given:
            setattr(post, name, body[name].strip())
        return jsonify(asdict(post))

    def delete(self, post_id: int):
        del POSTS[post_or_404(post_id).id]
        return "", 204


app.add_url_rule(f"{API}/posts", view_func=PostCollection.as_view("post_collection"))
app.add_url_rule(f"{API}/posts/<int:post_id>", view_func=PostItem.as_view("post_item"))


# Errors --------------------------------------------------------------------------------------


def is_api_request() -> bool:
    # "/api/posts" -> ["", "api", "posts"]; "/apiary" is a page, not part of the API.
    return request.path.split("/")[1] == API.strip("/")


def show_error(error: HTTPException):
    """JSON for the API, a page for readers. Flask sends an unexpected exception here as a 500,
    after logging its traceback."""
    response = error.get_response()
    if is_api_request():
        short_name = "_".join(error.name.lower().split())
        response.set_data(jsonify(error=short_name, message=error.description, code=error.code).get_data())
        response.mimetype = "application/json"
    else:
        response.set_data(render_template("oops.html", error=error))
    return response


app.register_error_handler(HTTPException, show_error)
