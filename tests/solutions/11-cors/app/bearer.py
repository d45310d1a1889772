"""Bearer tokens for the API, with Flask-JWT-Extended: what a token says of its user, which tokens
were logged out of, and the 401 that every refused token gets.

A token is a JSON Web Token that the app signs with JWT_SECRET_KEY. Its claims name the user
("sub"), say whether it is an access or a refresh token ("type"), give it an id of its own ("jti")
and say when it stops working ("exp"). A client sends it in the header `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from flask import Flask
from flask_jwt_extended import JWTManager
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from app.checks import user_with_id
from app.oops import show_error
from app.storage import BIGGEST_ID, db
from app.tables import LoggedOutToken, User

bearer = JWTManager()


def setup_bearer(app: Flask) -> None:
    """create_access_token() and @jwt_required() for the app, signed with its JWT_SECRET_KEY."""
    bearer.init_app(app)


@bearer.user_identity_loader
def token_subject(user: User) -> str:
    """create_access_token(identity=user) writes this into the token's "sub": the id, as text.

    A JWT's "sub" is a string (RFC 7519), and PyJWT 2.10 and later refuse a token whose "sub" is a number.
    """
    return str(user.id)


@bearer.user_lookup_loader
def token_user(jwt_header: dict, jwt_data: dict) -> User | None:
    """The user of a valid token, as `current_user`. None, a refusal, once that user was deleted."""
    return user_with_id(int(jwt_data["sub"]))


@bearer.token_in_blocklist_loader
def was_logged_out(jwt_header: dict, jwt_data: dict) -> bool:
    """Whether POST /auth/logout was sent this token: then Flask-JWT-Extended refuses it. An odd
    "jti" was never logged out of; made_here(), asked after this, refuses its token."""
    if odd_claim(jwt_data) == "jti":
        return False
    return db.session.get(LoggedOutToken, jwt_data["jti"]) is not None


@bearer.token_verification_loader
def made_here(jwt_header: dict, jwt_data: dict) -> bool:
    """Whether the claims are the kind this app writes. Whoever has JWT_SECRET_KEY can sign any
    claims at all, and int(), the database and datetime would each fail on some of them."""
    return odd_claim(jwt_data) is None


def odd_claim(jwt_data: dict) -> str | None:
    """The name of the first claim this app would never have written so, or None."""
    sub, jti, exp = jwt_data.get("sub"), jwt_data.get("jti"), jwt_data.get("exp")
    if not isinstance(sub, str) or not re.fullmatch(r"[1-9][0-9]{0,18}", sub) or int(sub) > BIGGEST_ID:
        return "sub"
    if not is_uuid(jti):
        return "jti"
    if not isinstance(exp, int) or exp >= datetime(9999, 12, 31, tzinfo=UTC).timestamp():
        return "exp"
    if jwt_data.get("type") not in {"access", "refresh"}:
        return "type"
    return None


def is_uuid(text) -> bool:
    """Whether this is a UUID written as str(uuid.uuid4()) writes one, as Flask-JWT-Extended's "jti" is."""
    try:
        return str(uuid.UUID(text)) == text
    except (TypeError, ValueError, AttributeError):  # not text, not hex, or not a str at all
        return False


def log_out_token(jwt_data: dict) -> None:
    """Refuse this token from now on, until it expires; only this one: the user's others still work."""
    expires_at = datetime.fromtimestamp(jwt_data["exp"], UTC)
    db.session.add(LoggedOutToken(jti=jwt_data["jti"], expires_at=expires_at))
    try:
        db.session.commit()
    except IntegrityError:
        # Two requests logged out of the same token at once, and the other one wrote it first: it is
        # refused all the same, which is what was asked.
        db.session.rollback()


# Flask-JWT-Extended answers a refused token itself, with {"msg": "..."}, and with a 422 for a token
# it cannot read. Each loader below answers instead, as every other error of the API is answered:
# a 401 {"error": "unauthorized", "message", "code"}, with the WWW-Authenticate header that says
# which kind of credentials to send (RFC 6750).


def refused_token(message: str):
    """The answer to a refused token: a JSON 401 saying `message`, made by show_error() (app/oops.py)."""
    return show_error(Unauthorized(message, www_authenticate=WWWAuthenticate("Bearer")))


@bearer.unauthorized_loader
def no_token(reason: str):
    """No Authorization header, or one that does not hold a Bearer token."""
    return refused_token(
        "This needs an access token: log in with POST /auth/login, then send the header "
        "Authorization: Bearer <access_token>."
    )


@bearer.invalid_token_loader
def bad_token(reason: str):
    """A token that is broken, signed with another key, changed since, or of the wrong kind."""
    return refused_token(f"That token cannot be used here: {reason}.")


@bearer.expired_token_loader
def old_token(jwt_header: dict, jwt_data: dict):
    """A token past its "exp"."""
    return refused_token("That token has expired: get a new one from POST /auth/refresh, or log in again.")


@bearer.revoked_token_loader
def logged_out_token(jwt_header: dict, jwt_data: dict):
    """A token that was_logged_out() found."""
    return refused_token("That token was logged out of: log in again.")


@bearer.user_lookup_error_loader
def gone_user(jwt_header: dict, jwt_data: dict):
    """A valid token whose user token_user() no longer finds."""
    return refused_token("The account of that token no longer exists.")


@bearer.token_verification_failed_loader
def foreign_token(jwt_header: dict, jwt_data: dict):
    """A token signed with the right key whose claims made_here() finds odd."""
    return refused_token(f"That token was not made by this app: its {odd_claim(jwt_data)!r} claim is odd.")
