"""Posts, kept in memory: each app gets its own store, so each test starts empty.
They still vanish when the server stops."""

from datetime import UTC, datetime
from itertools import count

from flask import Flask, abort, current_app

MAX_TITLE = 200
MAX_CONTENT = 10_000


class PostStore:
    def __init__(self) -> None:
        self._posts: list[dict] = []  # oldest first
        self._ids = count(1)

    def add(self, title: str, content: str) -> dict:
        post = {
            "id": next(self._ids),
            "title": title.strip(),
            "content": content.strip(),
            "created_at": datetime.now(UTC).isoformat(),
        }
        self._posts.append(post)
        return post

    def newest_first(self) -> list[dict]:
        return list(reversed(self._posts))

    def get(self, post_id: int) -> dict | None:
        return next((post for post in self._posts if post["id"] == post_id), None)

    def remove(self, post: dict) -> None:
        self._posts.remove(post)


def init_app(app: Flask) -> None:
    app.extensions["posts"] = PostStore()


def post_store() -> PostStore:
    """The store of the app handling the current request."""
    return current_app.extensions["posts"]


def find_post_or_404(post_id: int) -> dict:
    post = post_store().get(post_id)
    if post is None:
        abort(404, description=f"There is no post with id {post_id}.")
    return post


def check_post(title, content) -> list[str]:
    """What is wrong with a title and content: an empty list when nothing is."""
    problems = []
    for field, value, longest in (("title", title, MAX_TITLE), ("content", content, MAX_CONTENT)):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{field} is required, as text that is not blank.")
        elif len(value.strip()) > longest:
            problems.append(f"{field} must be at most {longest} characters.")
    return problems
