"""The JSON API. create_app() registers it under API_PREFIX, /api."""

from flask import Blueprint, abort, request, url_for

from app.database import db
from app.models import User
from app.posts import add_post, check_post, find_post_or_404, newest_posts, valid_search
from app.users import add_user, canonical_email, check_user, find_author, find_user_by_email, find_user_or_404

api = Blueprint("api", __name__)
API_PREFIX = "/api"

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


# Posts ---------------------------------------------------------------------------------------


@api.get("/posts")
def list_posts():
    """Newest first. ?q=word keeps posts that mention the word; ?limit=N caps how many."""
    limit = read_limit()
    try:
        words = valid_search(request.args.get("q", ""))
    except ValueError as problem:
        abort(400, description=str(problem))
    return [post.to_json() for post in newest_posts(words, limit)]


@api.post("/posts")
def create_post():
    data = read_json_object('{"title": "...", "content": "...", "author_id": 1}')
    problems = check_post(data.get("title"), data.get("content"))
    author = find_author(data.get("author_id"))
    if author is None:
        problems.append("author_id must be the id of an existing user.")
    if problems:
        abort(400, description=" ".join(problems))
    post = add_post(data["title"], data["content"], author)
    # Endpoints are named after their blueprint: "api.get_post", not "get_post".
    return post.to_json(), 201, {"Location": url_for("api.get_post", post_id=post.id)}


@api.get("/posts/<int:post_id>")
def get_post(post_id: int):
    return find_post_or_404(post_id).to_json()


@api.delete("/posts/<int:post_id>")
def delete_post(post_id: int):
    db.session.delete(find_post_or_404(post_id))
    db.session.commit()
    return "", 204


# Users ---------------------------------------------------------------------------------------


@api.get("/users")
def list_users():
    users = db.session.scalars(db.select(User).order_by(User.id))
    return [user.to_json() for user in users]


@api.post("/users")
def create_user():
    data = read_json_object('{"email": "...", "password": "..."}')
    problems = check_user(data.get("email"), data.get("password"))
    if problems:
        abort(400, description=" ".join(problems))
    email = canonical_email(data["email"])
    if find_user_by_email(email) is not None:
        abort(409, description=f"A user with the email {email} already exists: choose another email.")
    user = add_user(email, data["password"])
    return user.to_json(), 201, {"Location": url_for("api.get_user", user_id=user.id)}


@api.get("/users/<int:user_id>")
def get_user(user_id: int):
    return find_user_or_404(user_id).to_json()


@api.delete("/users/<int:user_id>")
def delete_user(user_id: int):
    # Their posts go with them: see the cascade on User.posts.
    db.session.delete(find_user_or_404(user_id))
    db.session.commit()
    return "", 204


# Reading a request ---------------------------------------------------------------------------


def read_json_object(example: str) -> dict:
    """The request's JSON object; a 415 or a 400 showing the example when there is none."""
    if not request.is_json:
        abort(415, description="Send JSON, with the header Content-Type: application/json.")
    try:
        # silent=True gives None for broken JSON, instead of Flask's own vague 400.
        data = request.get_json(silent=True)
    except RecursionError:  # [[[[...]]]] nested thousands deep: JSON, but too deep for Python to read
        data = None
    if not isinstance(data, dict):
        abort(400, description=f"Send a JSON object: {example}.")
    return data


def read_limit() -> int:
    raw = request.args.get("limit", str(DEFAULT_LIMIT))
    # Check before int(): int("ten") raises ValueError, a 500, and so does int() of thousands of
    # digits. isdigit() alone is not enough: "²" is a digit to Python, but not to int().
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_LIMIT))):
        abort(400, description=f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    if not 1 <= int(raw) <= MAX_LIMIT:
        abort(400, description=f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    return int(raw)
