"""The tables: users, the posts they write, and the API tokens they logged out of."""

from __future__ import annotations

from datetime import datetime

from email_validator import validate_email
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash

from app.storage import ROW_ID, UTCText, db, utc_now

LONGEST = {"email": 254, "title": 200, "content": 10_000}
# A token's own id, its "jti" claim: Flask-JWT-Extended makes it a uuid4, 36 characters.
TOKEN_ID_LENGTH = 36


def tidy_email(email: str) -> str:
    """One spelling per address, so that one address is one account, however it was typed.

    email-validator's normalized form, then in lower case: " Ada@Example.COM " is ada@example.com,
    and so is its domain typed in the fullwidth letters of a Japanese keyboard; ada@xn--bcher-kva.de
    is ada@bücher.de. Raises EmailNotValidError, a ValueError, for what is no address at all.
    """
    # Only the spelling: asking DNS whether the domain takes mail would need the network.
    return validate_email(email.strip(), check_deliverability=False).normalized.lower()


class User(UserMixin, db.Model):
    """Someone with an account. UserMixin gives Flask-Login what it needs of a user: get_id(), the
    text the session keeps ("7"), and is_authenticated, which is True for every user loaded."""

    __tablename__ = "users"
    # Without AUTOINCREMENT, SQLite gives a new row the biggest id + 1: deleting the newest user
    # would hand their id, and the links to it, to the next one.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    email: Mapped[str] = mapped_column(String(LONGEST["email"]), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCText, default=utc_now)

    # passive_deletes: the database deletes the posts (ON DELETE CASCADE below), so SQLAlchemy
    # need not load them first.
    posts: Mapped[list[Post]] = relationship(
        back_populates="author", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("email")
    def store_tidy_email(self, key: str, email: str) -> str:
        return tidy_email(email)

    def has_password(self, password: str) -> bool:
        # The hash names its method and salt, so it is checked the way it was made, even after
        # PASSWORD_HASH_METHOD changed.
        return check_password_hash(self.password_hash, password)


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(LONGEST["title"]))
    content: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ROW_ID, ForeignKey("users.id", ondelete="CASCADE"))
    # index: the home page and the API list posts newest first, and the index has them in that
    # order already, so the database does not sort every post for each list.
    created_at: Mapped[datetime] = mapped_column(UTCText, default=utc_now, index=True)

    author: Mapped[User] = relationship(back_populates="posts", lazy="joined")


class LoggedOutToken(db.Model):
    """A token someone logged out of with POST /auth/logout, before it expired.

    The app keeps no copy of the tokens it signs, so it cannot take one back: it can only remember,
    here, which ones it no longer takes (app/bearer.py looks each token up). Once expires_at has
    passed, the token is refused anyway and its row could go.
    """

    __tablename__ = "logged_out_tokens"

    # The token's id is the key: the row is looked up by it on every request that sends a token.
    jti: Mapped[str] = mapped_column(String(TOKEN_ID_LENGTH), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCText)
