"""Reading and writing rows, for the API and the pages alike."""

from __future__ import annotations

from app.storage import db
from app.tables import Post, User


def newest_posts(words: str = "", limit: int | None = None) -> list[Post]:
    """Newest first; only those whose title or content holds the words, in any case, if words are given."""
    query = db.select(Post).order_by(Post.created_at.desc(), Post.id.desc()).limit(limit)
    if words:
        # autoescape: a % or _ in the words is looked for as itself, not as a LIKE wildcard.
        query = query.where(
            Post.title.icontains(words, autoescape=True) | Post.content.icontains(words, autoescape=True)
        )
    return list(db.session.execute(query).scalars())


def users_by_email() -> list[User]:
    return list(db.session.execute(db.select(User).order_by(User.email)).scalars())


def users_by_id() -> list[User]:
    return list(db.session.execute(db.select(User).order_by(User.id)).scalars())


def post_or_404(post_id: int) -> Post:
    return db.get_or_404(Post, post_id, description=f"No post has the id {post_id}.")


def user_or_404(user_id: int) -> User:
    return db.get_or_404(User, user_id, description=f"No user has the id {user_id}.")


def publish(title: str, content: str, author: User) -> Post:
    post = Post(title=title.strip(), content=content.strip(), author=author)
    db.session.add(post)
    db.session.commit()
    return post
