"""Users in the database: finding them, checking what makes one, adding them, checking a password."""

import secrets
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask import abort, current_app
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.database import LARGEST_ID, db
from app.models import MAX_EMAIL, User
from app.text import refuse_unstorable, valid_text

MIN_PASSWORD = 8
# Long enough for any passphrase or password manager; short enough that nobody can make the
# server hash a megabyte, for free, on every request.
MAX_PASSWORD = 128


def canonical_email(email) -> str:
    """The one form in which an address is stored and compared; ValueError if it is not an address.

    email-validator's normalized form, then lower case, as this blog chose: "Ada@Example.COM",
    " ada@example.com " and ada@EXAMPLE.com written in fullwidth letters, as Japanese keyboards
    type them, are all ada@example.com: one account.
    """
    text = valid_text(email, "email", MAX_EMAIL)
    try:
        # Syntax only: looking up the domain would need the network, and slow every request.
        address = validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError(f"email is not a valid address: {error}") from None
    if len(address) > MAX_EMAIL:  # lower() can make text longer: "İ" becomes "i̇", two characters
        raise ValueError(f"email must be at most {MAX_EMAIL} characters.")
    return address


def valid_password(password) -> str:
    """A new password, as it was typed, if it is text of MIN_PASSWORD to MAX_PASSWORD characters."""
    password = password_to_check(password)
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password must have at least {MIN_PASSWORD} characters.")
    return password


def password_to_check(password) -> str:
    """The password, as it was typed, if a hash can check it at all: text that is not blank, of at
    most MAX_PASSWORD characters, that UTF-8 can encode. ValueError if not.

    What a JSON sign-in must send (app/auth.py); whether it can be a user's password, at least
    MIN_PASSWORD characters long, is user_with_password's to say.
    """
    if not isinstance(password, str) or not password.strip():
        raise ValueError("password is required, as text that is not blank.")
    if len(password) > MAX_PASSWORD:
        raise ValueError(f"password must have at most {MAX_PASSWORD} characters.")
    refuse_unstorable(password, "password")
    return password


def find_user_or_404(user_id: int) -> User:
    description = f"There is no user with id {user_id}."
    if user_id > LARGEST_ID:
        abort(404, description=description)
    return db.get_or_404(User, user_id, description=description)


def find_user(user_id: int) -> User | None:
    """The user with this id, or None if there is none (any more)."""
    return db.session.get(User, user_id)


def find_user_by_email(address: str) -> User | None:
    """The user with this address, spelled as canonical_email() gives it, or None.

    For signing in only. Whether an email is free to sign up with is the database's to say (add_user).
    """
    return db.session.scalar(db.select(User).where(User.email == address))


class EmailTaken(Exception):
    """The email is another user's already: the database's unique constraint said so."""

    def __init__(self, address: str) -> None:
        super().__init__(f"A user with the email {address} already exists: choose another email.")


def add_user(email: str, password: str) -> User:
    """Insert the user, with the email as canonical_email() gives it.

    Raises EmailTaken if the email is taken. The unique constraint on users.email decides, by refusing
    the INSERT (it is the only constraint a new user can break). Asking first whether the email is
    free would not do: two requests at once could both hear "yes", and both insert.
    """
    user = User(email=email)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the failed transaction ends here, so the session can be used again
        raise EmailTaken(email) from None
    return user


def user_with_password(email: str, password: str) -> User | None:
    """The user with this email and this password, or None.

    None alike for an email that is not an address, an email that is no user's and a wrong password:
    whoever signs in learns only that it failed, never which emails have an account.
    """
    try:
        address = canonical_email(email)
        # No account has a password that sign-up refuses, so it is refused before any hash is made.
        # A NUL would even pass: the hash pads a short password with NULs, so "secret\0" is "secret".
        valid_password(password)
    except ValueError:
        return None
    user = find_user_by_email(address)
    if user is None:
        # Check the password anyway, against a hash of a password nobody has: an unknown email then
        # takes as long as a wrong password (a slow hash, on purpose), so the time tells nothing either.
        check_password_hash(stand_in_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    return user if user.check_password(password) else None


@cache
def stand_in_hash(method: str) -> str:
    """The hash of a random password, made once for each hash method."""
    return generate_password_hash(secrets.token_hex(), method=method)
