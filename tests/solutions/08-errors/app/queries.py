"""Reading and writing rows, for the API and the pages alike."""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from app.storage import db
from app.tables import Post, User


def newest_posts(words: str = "") -> list[Post]:
    """Newest first; only those whose title or content holds the words, in any case, if words are given."""
    return list(db.session.execute(newest_first(words)).scalars())


def one_page(query: Select, page: int, per_page: int) -> Pagination:
    """Page 1 is the first per_page rows of the query, page 2 the next ones...; past the last page, none.

    The Pagination also counts the rows of every page (.total) and the pages (.pages).
    """
    # error_out=False: past the last page, db.paginate gives no rows instead of a 404.
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def newest_first(words: str) -> Select:
    """The query of newest_posts(), to run whole or a page at a time."""
    query = db.select(Post).order_by(Post.created_at.desc(), Post.id.desc())
    if words:
        # autoescape: a % or _ in the words is looked for as itself, not as a LIKE wildcard.
        query = query.where(
            Post.title.icontains(words, autoescape=True) | Post.content.icontains(words, autoescape=True)
        )
    return query


def users_by_email() -> list[User]:
    return list(db.session.execute(db.select(User).order_by(User.email)).scalars())


def users_by_id() -> Select:
    """The query of every user, in the order they joined, to run a page at a time."""
    return db.select(User).order_by(User.id)


def post_or_404(post_id: int) -> Post:
    return db.get_or_404(Post, post_id, description=f"No post has the id {post_id}.")


def user_or_404(user_id: int) -> User:
    return db.get_or_404(User, user_id, description=f"No user has the id {user_id}.")


def publish(title: str, content: str, author: User) -> Post:
    post = Post(title=title.strip(), content=content.strip(), author=author)
    db.session.add(post)
    db.session.commit()
    return post
