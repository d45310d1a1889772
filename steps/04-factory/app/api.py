"""The JSON API. create_app() registers it under API_PREFIX, /api."""

from flask import Blueprint, abort, request, url_for

from app.posts import check_post, find_post_or_404, post_store

api = Blueprint("api", __name__)
API_PREFIX = "/api"

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@api.get("/posts")
def list_posts():
    """Newest first. ?q=word keeps posts that mention the word; ?limit=N caps how many."""
    limit = read_limit()
    words = request.args.get("q", "").strip().lower()
    posts = post_store().newest_first()
    found = [post for post in posts if words in f"{post['title']} {post['content']}".lower()]
    return found[:limit]


@api.post("/posts")
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
    post = post_store().add(data["title"], data["content"])
    # Endpoints are named after their blueprint: "api.get_post", not "get_post".
    return post, 201, {"Location": url_for("api.get_post", post_id=post["id"])}


@api.get("/posts/<int:post_id>")
def get_post(post_id: int):
    return find_post_or_404(post_id)


@api.delete("/posts/<int:post_id>")
def delete_post(post_id: int):
    post_store().remove(find_post_or_404(post_id))
    return "", 204


def read_limit() -> int:
    raw = request.args.get("limit", str(DEFAULT_LIMIT))
    # Check before int(): int("ten") raises ValueError, a 500, and so does int() of thousands of
    # digits. isdigit() alone is not enough: "²" is a digit to Python, but not to int().
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_LIMIT))):
        abort(400, description=f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    if not 1 <= int(raw) <= MAX_LIMIT:
        abort(400, description=f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    return int(raw)
