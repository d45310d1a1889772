"""What the API shows of a user and of a post. The password's hash is never part of it."""

from __future__ import annotations

from datetime import datetime

from app.tables import Post, User


def moment(when: datetime) -> str:
    """ISO 8601 to the second, with the offset: "2026-11-25T09:30:00+00:00"."""
    return when.isoformat(timespec="seconds")


def user_shape(user: User) -> dict:
    return {"id": user.id, "email": user.email, "created_at": moment(user.created_at)}


def post_shape(post: Post) -> dict:
    return {
        "id": post.id,
        "title": post.title,
        "content": post.content,
        "author": user_shape(post.author),
        "created_at": moment(post.created_at),
    }
