"""The API's bearer tokens, with Flask-JWT-Extended: who a token names, which tokens are revoked,
and how each refused token is answered.

A token is a JSON Web Token (RFC 7519) that the app signs with JWT_SECRET_KEY: its claims say whom
it names ("sub"), what it is ("type": access or refresh), its own id ("jti") and when it expires
("exp"). The app keeps no session for it: the signature alone proves that the app made it.
"""

import uuid
from datetime import UTC, datetime

from flask_jwt_extended import JWTManager

from app import errors
from app.database import LARGEST_ID, db
from app.models import RevokedToken, User
from app.users import find_user

jwt = JWTManager()


@jwt.user_identity_loader
def identity_of(user: User) -> str:
    """What a token says about its user, its "sub": create_access_token(identity=user) calls this.

    The user's id, as text. RFC 7519 makes "sub" a string, and PyJWT (2.10 and later) refuses a
    token whose "sub" is a number when it reads the token back.
    """
    return str(user.id)


@jwt.user_lookup_loader
def user_of(jwt_header: dict, jwt_data: dict) -> User | None:
    """The user a valid token names, as `current_user`; None, which refuses the token, when that
    user is gone. Ids are never reused (see app/models.py), so an old token names no one else."""
    return find_user(int(jwt_data["sub"]))


@jwt.token_in_blocklist_loader
def is_revoked(jwt_header: dict, jwt_data: dict) -> bool:
    """Whether the token was signed out of, by POST /auth/logout: its jti is in revoked_tokens.

    A "jti" the app never writes was never revoked, and is not looked up: a NUL in it would be a 500
    on PostgreSQL. claims_are_the_apps, which Flask-JWT-Extended asks next, refuses that token."""
    if not is_token_id(jwt_data["jti"]):
        return False
    revoked = db.select(RevokedToken.id).where(RevokedToken.jti == jwt_data["jti"])
    return db.session.scalar(revoked) is not None


# The latest "exp" a datetime can hold, in seconds since 1970: the end of the year 9999.
LATEST_EXPIRY = int(datetime.max.replace(tzinfo=UTC).timestamp())


@jwt.token_verification_loader
def claims_are_the_apps(jwt_header: dict, jwt_data: dict) -> bool:
    """Whether a token's claims are such as the app writes, checked once its signature is.

    Anything that holds JWT_SECRET_KEY can sign a token, a script or another service, and its
    claims may say anything: a "sub" of "abc", no "jti", an "exp" in the year 31,000,000. Without
    this check they would reach int(), the database and datetime, each a 500; with it, the token
    is refused (claims_not_the_apps) before the app reads them.
    """
    return claims_problem(jwt_data) is None


def claims_problem(jwt_data: dict) -> str | None:
    """What the app never writes into a token's claims, in words; None when there is nothing."""
    subject, expires = jwt_data.get("sub"), jwt_data.get("exp")
    # Plain digits, as identity_of writes them: int() also takes " 1" and other scripts' digits, and ids
    # go up to 2**63 - 1.
    if not (isinstance(subject, str) and subject.isascii() and subject.isdigit() and len(subject) <= 19):
        return 'its "sub" is not a user id'
    if not 1 <= int(subject) <= LARGEST_ID:
        return 'its "sub" is not a user id'
    if not is_token_id(jwt_data.get("jti")):
        return 'its "jti" is not a token id'
    if not isinstance(expires, int) or expires > LATEST_EXPIRY:
        return 'its "exp" is not a date'
    if jwt_data.get("type") not in ("access", "refresh"):
        return 'its "type" is neither "access" nor "refresh"'
    return None


def is_token_id(jti) -> bool:
    """Whether a "jti" is one the app writes: a UUID as text, 36 characters (Flask-JWT-Extended's)."""
    try:
        return isinstance(jti, str) and str(uuid.UUID(jti)) == jti
    except ValueError:
        return False


def revoke(jwt_data: dict) -> None:
    """Put the token into the blocklist: from now on, every request with it is refused."""
    expires_at = datetime.fromtimestamp(jwt_data["exp"], UTC)
    db.session.add(RevokedToken(jti=jwt_data["jti"], expires_at=expires_at))
    db.session.commit()


# Every refused token answers a 401 in the API's JSON shape. Flask-JWT-Extended's own answers are
# {"msg": ...}, and a 422 for a token it cannot read: each loader below replaces one of them.
# (Its docs: "Changing Default Behaviors".)


@jwt.unauthorized_loader
def no_token(reason: str):
    """No token at all: no Authorization header, or one without "Bearer"."""
    return errors.refuse_token(
        "Send a token in the header Authorization: Bearer <token>, from POST /auth/login.",
        token_sent=False,
    )


@jwt.invalid_token_loader
def invalid_token(reason: str):
    """A token that cannot be read, whose signature is wrong, or of the wrong type (a refresh token
    where an access token belongs, or the other way round). `reason` is PyJWT's or the extension's."""
    return errors.refuse_token(f"The token is not valid: {reason}.")


@jwt.expired_token_loader
def expired_token(jwt_header: dict, jwt_data: dict):
    """A token past its "exp"."""
    if jwt_data["type"] == "access":
        return errors.refuse_token("The access token has expired: get a new one from POST /auth/refresh.")
    return errors.refuse_token("The refresh token has expired: sign in again with POST /auth/login.")


@jwt.revoked_token_loader
def revoked_token(jwt_header: dict, jwt_data: dict):
    """A token that was signed out of."""
    return errors.refuse_token("The token was revoked by signing out: sign in again with POST /auth/login.")


@jwt.user_lookup_error_loader
def unknown_user(jwt_header: dict, jwt_data: dict):
    """A valid token whose user was deleted."""
    return errors.refuse_token("The token's user no longer exists.")


@jwt.token_verification_failed_loader
def claims_not_the_apps(jwt_header: dict, jwt_data: dict):
    """A token signed with the app's key whose claims the app would never write (claims_are_the_apps)."""
    return errors.refuse_token(f"The token is not valid: {claims_problem(jwt_data)}.")
