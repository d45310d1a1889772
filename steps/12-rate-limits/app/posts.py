"""Posts in the database: finding them, checking them, writing them."""

from flask import abort
from sqlalchemy import Select

from app.database import LARGEST_ID, db
from app.models import Post, User
from app.text import refuse_unstorable

MAX_CONTENT = 10_000
# A search is a few words. Without a limit, 60,000 characters would be a 500: SQLite refuses a
# LIKE pattern of 50,000 bytes or more.
MAX_SEARCH = 200


def newest_posts_query(words: str = "") -> Select:
    """The query for posts newest first, those that mention the words if any are given."""
    query = db.select(Post).order_by(Post.created_at.desc(), Post.id.desc())
    if words:
        # autoescape=True: a % or _ in the words matches only itself, not any text as in LIKE.
        query = query.where(
            Post.title.icontains(words, autoescape=True) | Post.content.icontains(words, autoescape=True)
        )
    return query


def newest_posts() -> list[Post]:
    """Every post, newest first."""
    return list(db.session.scalars(newest_posts_query()))


def valid_search(words: str) -> str:
    """The words of a search, trimmed; ValueError if they are too long or cannot be searched for."""
    words = words.strip()
    if len(words) > MAX_SEARCH:
        raise ValueError(f"q must be at most {MAX_SEARCH} characters.")
    refuse_unstorable(words, "q")
    return words


def find_post_or_404(post_id: int) -> Post:
    description = f"There is no post with id {post_id}."
    if post_id > LARGEST_ID:
        abort(404, description=description)
    return db.get_or_404(Post, post_id, description=description)


def add_post(title: str, content: str, author: User) -> Post:
    post = Post(title=title.strip(), content=content.strip(), author=author)
    db.session.add(post)
    db.session.commit()
    return post
