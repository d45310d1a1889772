"""Reading and writing rows, for the API and the pages alike."""

from __future__ import annotations

from flask import current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

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


def account_with_email(address: str) -> User | None:
    """The user whose email this is, in the spelling tidy_email() gives; None if nobody has it."""
    return db.session.execute(db.select(User).filter_by(email=address)).scalar_one_or_none()


def new_account(email: str, password: str) -> User | None:
    """Store a new user with this email and a hash of this password; None if the email is taken.

    The unique email decides, in the database: it refuses the INSERT with an IntegrityError, the
    only one a new user can cause. Asking first whether the email is free would not do, as two
    requests at once could both hear yes.
    """
    # The method is a setting: slow on purpose, but for the tests (app/settings.py).
    hashed = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
    user = User(email=email, password_hash=hashed)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the failed transaction ends here, and the session works again
        return None
    return user
