"""Users in the database: finding them, checking what makes one, adding them."""

from email_validator import EmailNotValidError, validate_email
from flask import abort

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
    """The password, as it was typed, if it is text of MIN_PASSWORD to MAX_PASSWORD characters."""
    if not isinstance(password, str) or not password.strip():
        raise ValueError("password is required, as text that is not blank.")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password must have at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise ValueError(f"password must have at most {MAX_PASSWORD} characters.")
    refuse_unstorable(password, "password")
    return password


def find_user_or_404(user_id: int) -> User:
    description = f"There is no user with id {user_id}."
    if user_id > LARGEST_ID:
        abort(404, description=description)
    return db.get_or_404(User, user_id, description=description)


def can_be_an_id(value) -> bool:
    """Whether the value is a whole number that a row's id can be: from 1 to LARGEST_ID."""
    # True is an int to Python (True == 1), but no client means it as an id.
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= LARGEST_ID


def find_author(author_id) -> User | None:
    """The user whose id this is, or None if it is not the id of a user (nor even a whole number)."""
    if not can_be_an_id(author_id):
        return None
    return db.session.get(User, author_id)


def users_by_email() -> list[User]:
    return list(db.session.scalars(db.select(User).order_by(User.email)))


def add_user(email: str, password: str) -> User:
    """Insert the user, with the email as canonical_email() gives it. IntegrityError if the email is
    taken: the database's unique constraint says."""
    user = User(email=email)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
