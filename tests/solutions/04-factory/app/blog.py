"""The posts of one app, in memory."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

from flask import abort, current_app

LONGEST = {"title": 200, "content": 10_000}


def now() -> str:
    """The time in ISO 8601, to the second, in UTC: "2026-11-25T09:30:00+00:00"."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Post:
    id: int
    title: str
    content: str
    created_at: str = field(default_factory=now)


class Blog:
    def __init__(self) -> None:
        self.posts: dict[int, Post] = {}  # a dict keeps the order of publishing
        self.next_id = count(1)

    def newest_first(self) -> list[Post]:
        return list(reversed(self.posts.values()))

    def publish(self, title: str, content: str) -> Post:
        post = Post(next(self.next_id), title.strip(), content.strip())
        self.posts[post.id] = post
        return post


def blog() -> Blog:
    return current_app.extensions["blog"]


def post_or_404(post_id: int) -> Post:
    if post_id not in blog().posts:
        abort(404, description=f"No post has the id {post_id}.")
    return blog().posts[post_id]


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
