"""Posts in the database: finding them, checking them, writing them."""

from flask import abort
from sqlalchemy import Select

from app.database import LARGEST_ID, db
from app.models import MAX_TITLE, Post, User

MAX_CONTENT = 10_000


def newest_posts_query(words: str = "") -> Select:
    """The query for posts newest first, those that mention the words if any are given."""
    query = db.select(Post).order_by(Post.created_at.desc(), Post.id.desc())
    if words:
        pattern = f"%{escape_like(words)}%"
        query = query.where(Post.title.ilike(pattern, escape="\\") | Post.content.ilike(pattern, escape="\\"))
    return query


def newest_posts() -> list[Post]:
    """Every post, newest first."""
    return list(db.session.scalars(newest_posts_query()))


def escape_like(words: str) -> str:
    # In LIKE, % and _ match any text: escaped, they match only themselves.
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_post_or_404(post_id: int) -> Post:
    description = f"There is no post with id {post_id}."
    if post_id > LARGEST_ID:
        abort(404, description=description)
    return db.get_or_404(Post, post_id, description=description)


def check_post(title, content) -> list[str]:
    """What is wrong with a title and content: an empty list when nothing is."""
    problems = []
    for field, value, longest in (("title", title, MAX_TITLE), ("content", content, MAX_CONTENT)):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{field} is required, as text that is not blank.")
        elif len(value.strip()) > longest:
            problems.append(f"{field} must be at most {longest} characters.")
    return problems


def add_post(title: str, content: str, author: User) -> Post:
    post = Post(title=title.strip(), content=content.strip(), author=author)
    db.session.add(post)
    db.session.commit()
    return post
