"""The tables, as Python classes: a User writes Posts; RevokedToken lists the tokens signed out of."""

from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.database import ID, UTCDateTime, db, utc_now

MAX_EMAIL = 254  # the longest address email can deliver to
MAX_TITLE = 200

# SQLite gives a new row the largest id + 1, so deleting the newest row would let the next one
# take its id. With AUTOINCREMENT it never reuses an id: an old link never shows another row.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class User(UserMixin, db.Model):
    """Someone who can sign in. UserMixin gives Flask-Login what it asks of a user: is_authenticated,
    and get_id(), the id that the session keeps (as text)."""

    __tablename__ = "users"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    email: Mapped[str] = mapped_column(String(MAX_EMAIL), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    # Deleting a user deletes their posts: the session deletes them ("all, delete-orphan"). The
    # foreign key's ON DELETE CASCADE asks the database to do the same for a delete made outside
    # Python: PostgreSQL always does; SQLite only with PRAGMA foreign_keys = ON, which is off here.
    posts: Mapped[list["Post"]] = relationship(back_populates="author", cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        # Only the hash is stored: a stolen database does not give away the passwords. The method
        # is a setting (config.py): slow on purpose in production, fast in the tests.
        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """Whether this is the user's password. The stored hash says which method and salt made it,
        so a hash made before PASSWORD_HASH_METHOD changed is still checked right."""
        return check_password_hash(self.password_hash, password)


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    content: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ID, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author: Mapped[User] = relationship(back_populates="posts")
    # Every list of posts is ordered by created_at, newest first: the index keeps them in that order,
    # so the database reads the newest few instead of sorting every post.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)


class RevokedToken(db.Model):
    """A token that was signed out before it expired: POST /auth/logout adds it, and from then on
    the API refuses it (app/tokens.py). A token is signed, not stored: this table is the only way
    the server can take one back before its "exp"."""

    __tablename__ = "revoked_tokens"

    id: Mapped[int] = mapped_column(ID, primary_key=True)
    # The token's own id, its "jti" claim: a uuid4, 36 characters. Each request with a token looks
    # it up, so it has an index. Not unique: two sign-outs of one token at once both succeed.
    jti: Mapped[str] = mapped_column(String(36), index=True)
    # The token's "exp": once it has passed, the token is refused anyway, and its row can go.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
