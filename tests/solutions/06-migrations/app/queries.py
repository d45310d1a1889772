"""Reading and writing rows, for the API and the pages alike."""

from __future__ import annotations

from sqlalchemy import Select

from app.storage import db
from app.tables import Post, User


def newest_posts(words: str = "") -> list[Post]:
    """Newest first; only those whose title or content holds the words, in any case, if words are given."""
    return list(db.session.execute(newest_first(words)).scalars())


def page_of_posts(words: str, per_page: int, page: int) -> list[Post]:
    """Page 1 is the newest per_page posts, page 2 the next ones...; a page past the last one is empty."""
    # error_out=False: past the last page, db.paginate gives no posts instead of a 404.
    # count=False: nothing here shows how many posts or pages there are, so why count them?
    pagination = db.paginate(newest_first(words), page=page, per_page=per_page, error_out=False, count=False)
    return pagination.items


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
